"""Evidence the scope model does not use, and why: each candidate is added to the shipped
features and the whole nested procedure of bench/fit_scope.py is rerun over several splits
into folds (`scope_eval.folds(..., seed)`), development items only. A candidate earns a place
in the model only if it lifts F1 of `high` or the out-of-fold AUC on (nearly) every split, by
more than the spread the split alone causes (the shipped features' own line shows it).

    .venv/bin/python bench/scope_trials.py              # every trial, 5 splits
    .venv/bin/python bench/scope_trials.py words agency # some of them
    .venv/bin/python bench/scope_trials.py --seeds 3

The candidates:

* ``agency``: the recipient's kind from the agency directory (a department or Minister);
* ``sibling-sweep``: another part of the same request asks for communications, names no
  subject or reaches the whole agency;
* ``keyword``: the keyword baseline's own flag ("all", "any" or "every" anywhere in the part):
  with 606 parts it lost on 4 of 5 splits (F1 high 0.489 against 0.492, AUC 0.713 against
  0.715): what the flag knows, the features know already;
* ``request-length``: how long the whole request is; ``part-length``: how long the part is;
* ``words``: learned word evidence: each word and word pair seen in at least WORDS_MIN_PARTS
  training parts gets a smoothed log-odds of refusal (the training parts' own scores worked
  out without their fold, so the fit cannot learn from its own answers), and the part's
  score is their sum over the square root of their number: one feature, weight >= 0;
* ``whole-request``: each part of a request decided as a whole (its `detail` begins "whole
  request"; such parts already share a weight of 1 in the fit) is fitted with the features
  of all its parts together; held-out parts are scored on their own features as always;
* ``request-mean``: no new feature: each part's likelihood becomes REQUEST_MEAN_OWN of its
  own plus the rest of the mean over its request's parts (agencies weigh the work of a
  request as a whole), both for choosing the thresholds (on the inner out-of-fold
  likelihoods) and for scoring the held-back fold. It won on every split with 606 parts;
  with 632 it won on 3 of 5 (mean F1 of high 0.479 against 0.472), within what the split
  alone moves. ``request-max`` (a part's own likelihood or its request's mean, whichever is
  higher) won on all 5 (0.485, by 0.004 to 0.021) but lowered the AUC (0.686 against
  0.693).
  It is not in the model: a part would be rated by its neighbours' words, and a broad part
  among narrow ones pulled down (the seed request's part 12, the one MFAT refused, from 41%
  to about 23%; with the 523 earlier parts, from 35% to 18%).
"""

from __future__ import annotations

import argparse
import itertools
import math
import re
import statistics
import sys
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import fit_scope  # noqa: E402
import scope_eval  # noqa: E402
import scope_evidence  # noqa: E402

from oiadraft import agencies  # noqa: E402

Row = dict[str, float]
Build = Callable[[list[int], list[int], list[int]], tuple[list[Row], list[Row], list[float]]]
"""(training indexes, their inner folds, test indexes) -> (training rows, test rows,
training weights)."""
Post = Callable[[list[int], list[float]], list[float]]
"""(indexes, their likelihoods) -> the likelihoods the risks are read from."""

WORDS = re.compile(r"[a-zāēīōū0-9]+(?:['’][a-z]+)?")
WORDS_MIN_PARTS = 10
WORDS_PRIOR = 10.0
SWEEP = ("all-communications", "communications", "no-subject", "whole-agency",
         "open-custodian", "unbounded-holders")
CENTRAL = frozenset({"department", "departmental_agency", "minister"})
REQUEST_MEAN_OWN = 0.3


class Trials:
    """The development items, their shipped features and what the trials share."""

    def __init__(self) -> None:
        self.items, _ = scope_eval.split_holdout(scope_eval.load_items())
        self.rows = fit_scope.rows_of(self.items)
        self.labels = [int(scope_eval.is_positive(item)) for item in self.items]
        self.weights = fit_scope.item_weights(self.items)
        self.requests: dict[str, list[int]] = defaultdict(list)
        for index, item in enumerate(self.items):
            self.requests[scope_eval.group_key(item)].append(index)

    def others(self, index: int) -> list[int]:
        key = scope_eval.group_key(self.items[index])
        return [j for j in self.requests[key] if j != index]

    def plain(self, extra: Callable[[int], Row]) -> Build:
        """A trial that only adds features worked out from each part alone."""
        def build(train: list[int], inner: list[int], test: list[int]):
            return ([self.rows[i] | extra(i) for i in train], [self.rows[i] | extra(i) for i in test],
                    [self.weights[i] for i in train])
        return build

    def nested(self, build: Build, seed: int, post: Post | None = None
               ) -> tuple[float, float, float]:
        """(F1 of high, F1 of >= medium, AUC): fit_scope.nested_cv with the rows a trial builds
        for each outer fold (and `post` applied to the likelihoods, inner and outer)."""
        outer = scope_eval.folds(self.items, fit_scope.FOLDS, seed)
        probabilities = [0.0] * len(self.items)
        risks = [""] * len(self.items)
        for fold in range(fit_scope.FOLDS):
            train = [i for i, f in enumerate(outer) if f != fold]
            test = [i for i, f in enumerate(outer) if f == fold]
            inner = scope_eval.folds([self.items[i] for i in train], fit_scope.FOLDS - 1, seed)
            train_rows, test_rows, weights = build(train, inner, test)
            labels = [self.labels[i] for i in train]
            chosen = fit_scope.choose(train_rows, labels, inner, weights)
            model = fit_scope.fit(train_rows, labels, chosen["strength"], weights)
            predicted = fit_scope.predict(model, test_rows)
            if post is not None:
                inner_likelihoods = post(train, fit_scope.out_of_fold(
                    train_rows, labels, inner, chosen["strength"], weights))
                chosen["medium"], chosen["high"] = fit_scope.thresholds(labels, inner_likelihoods)
                predicted = post(test, predicted)
            for i, p in zip(test, predicted, strict=True):
                probabilities[i] = p
                risks[i] = "high" if p >= chosen["high"] else \
                    "medium" if p >= chosen["medium"] else "low"
        found = fit_scope.figures(self.items, self.labels, risks)
        return (found["high"]["f1"], found["medium"]["f1"],
                scope_evidence.auc(self.labels, probabilities))

    # ---- the trials ------------------------------------------------------------------------

    def agency(self) -> Build:
        kinds = {}
        for item in self.items:
            found = agencies.resolve(str(item["agency"])).agency
            kinds[str(item["agency"])] = found.kind if found else None
        return self.plain(lambda i: {"agency": 1.0}
                          if kinds[str(self.items[i]["agency"])] in CENTRAL else {})

    def sibling_sweep(self) -> Build:
        return self.plain(lambda i: {"sibling-sweep": 1.0} if any(
            self.rows[j].get(name) for j in self.others(i) for name in SWEEP) else {})

    def request_length(self) -> Build:
        def extra(i: int) -> Row:
            total = sum(len(str(self.items[j]["text"])) for j in [i, *self.others(i)])
            return {"request-length": math.log2(1 + total / 200)}
        return self.plain(extra)

    def part_length(self) -> Build:
        return self.plain(lambda i: {"part-length": max(
            0.0, math.log2(len(str(self.items[i]["text"])) / 100))})

    def keyword(self) -> Build:
        return self.plain(lambda i: {"keyword": 1.0} if fit_scope.KEYWORD.search(
            str(self.items[i]["text"])) else {})

    def words(self) -> Build:
        grams = []
        for item in self.items:
            words = WORDS.findall(str(item["text"]).lower())
            grams.append(set(words) | {f"{a} {b}" for a, b in itertools.pairwise(words)})

        def weights_from(index: list[int]) -> dict[str, float]:
            seen, positive = Counter(), Counter()
            for i in index:
                seen.update(grams[i])
                if self.labels[i]:
                    positive.update(grams[i])
            base = sum(self.labels[i] for i in index) / len(index)
            return {g: math.log((positive[g] + WORDS_PRIOR * base)
                                / (seen[g] - positive[g] + WORDS_PRIOR * (1 - base)))
                    - math.log(base / (1 - base))
                    for g, count in seen.items() if count >= WORDS_MIN_PARTS}

        def row(i: int, learned: dict[str, float]) -> Row:
            found = [learned[g] for g in grams[i] if g in learned]
            score = sum(found) / math.sqrt(len(found)) if found else 0.0
            return self.rows[i] | ({"words": score} if score else {})

        def build(train: list[int], inner: list[int], test: list[int]):
            own: dict[int, Row] = {}
            for fold in sorted(set(inner)):
                learned = weights_from([i for i, f in zip(train, inner, strict=True) if f != fold])
                own.update({i: row(i, learned) for i, f in zip(train, inner, strict=True)
                            if f == fold})
            learned = weights_from(train)
            return ([own[i] for i in train], [row(i, learned) for i in test],
                    [self.weights[i] for i in train])
        return build

    def whole_request(self) -> Build:
        def build(train: list[int], inner: list[int], test: list[int]):
            merged: dict[str, Row] = {}
            for i in train:
                item = self.items[i]
                if str(item.get("detail") or "").lower().startswith("whole request"):
                    row = merged.setdefault(scope_eval.group_key(item), {})
                    for name, value in self.rows[i].items():
                        row[name] = max(row.get(name, 0.0), value)
            rows = [merged.get(scope_eval.group_key(self.items[i]), self.rows[i])
                    for i in train]
            return rows, [self.rows[i] for i in test], [self.weights[i] for i in train]
        return build

    def pooled(self, combine: Callable[[float, list[float]], float]) -> tuple[Build, Post]:
        """No new feature: each part's likelihood combined with its request's parts'."""
        def post(index: list[int], likelihoods: list[float]) -> list[float]:
            pooled: dict[str, list[float]] = defaultdict(list)
            keys = [scope_eval.group_key(self.items[i]) for i in index]
            for key, p in zip(keys, likelihoods, strict=True):
                pooled[key].append(p)
            return [combine(p, pooled[key]) for key, p in zip(keys, likelihoods, strict=True)]
        return self.plain(lambda i: {}), post

    def request_mean(self) -> tuple[Build, Post]:
        return self.pooled(lambda own, request: REQUEST_MEAN_OWN * own
                           + (1 - REQUEST_MEAN_OWN) * statistics.mean(request))

    def request_max(self) -> tuple[Build, Post]:
        return self.pooled(lambda own, request: max(own, statistics.mean(request)))


TRIALS = {"agency": ("agency", 1), "sibling-sweep": ("sibling_sweep", 1),
          "request-length": ("request_length", 0), "keyword": ("keyword", 1), "part-length": ("part_length", 0),
          "words": ("words", 1), "whole-request": ("whole_request", None),
          "request-mean": ("request_mean", None), "request-max": ("request_max", None)}
"""Trial name -> (method, the sign its new feature's weight is held to; None: no feature)."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("trials", nargs="*", help=f"any of: {', '.join(TRIALS)} (default: all)")
    parser.add_argument("--seeds", type=int, default=5)
    args = parser.parse_args(argv)
    unknown = [name for name in args.trials if name not in TRIALS]
    if unknown:
        parser.error(f"no trial called {unknown[0]!r} (there are: {', '.join(TRIALS)})")
    trials = Trials()
    seeds = range(args.seeds)
    signs, prior = fit_scope.signs, fit_scope.prior
    shipped = [trials.nested(trials.plain(lambda i: {}), seed) for seed in seeds]
    print(f"development items: {len(trials.items)} parts; over {args.seeds} splits into folds "
          "(F1 high, F1 >= medium, AUC: mean, and each split's change from the shipped "
          "features)")

    def line(name: str, runs: list[tuple[float, float, float]]) -> None:
        means = [statistics.mean(column) for column in zip(*runs, strict=True)]
        gains = " ".join(f"{run[0] - base[0]:+.3f}/{run[2] - base[2]:+.3f}"
                         for run, base in zip(runs, shipped, strict=True))
        print(f"  {name:<16} high {means[0]:.3f}  >= medium {means[1]:.3f}  AUC {means[2]:.3f}"
              f"   change (high/AUC) {gains}")

    line("shipped", shipped)
    print("  (shipped, each split: high " + " ".join(f"{run[0]:.3f}" for run in shipped)
          + "; AUC " + " ".join(f"{run[2]:.3f}" for run in shipped) + ")")
    for name in args.trials or TRIALS:
        method, sign = TRIALS[name]
        if sign is not None:
            extra = {name: sign}
            fit_scope.signs = lambda extra=extra: signs() | extra
            fit_scope.prior = lambda extra=extra: prior() | {
                k: fit_scope.PRIOR * v for k, v in extra.items()}
        try:
            built = getattr(trials, method)()
            build, post = built if isinstance(built, tuple) else (built, None)
            line(name, [trials.nested(build, seed, post) for seed in seeds])
        finally:
            fit_scope.signs, fit_scope.prior = signs, prior
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
