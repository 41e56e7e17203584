"""Fit the scope analyser's weights: an L2-regularised logistic regression over the named
features of each part (oiadraft/scope/features.py), in plain Python.

    .venv/bin/python bench/fit_scope.py            # fit, print CV figures, write the model
    .venv/bin/python bench/fit_scope.py --check    # only check the shipped file is reproduced

Only the development items are used (bench/scope_eval.py: the hold-out is never read here).
Everything chosen from data is chosen by cross-validation grouped by request:

* the regularisation strength, from a small grid, by cross-validated log-loss;
* the thresholds, on out-of-fold likelihoods: high is the threshold with the best F1 of
  `high` among those that rate at most HIGH_SHARE (1.5) times as many parts high as were in
  fact refused or sent back; medium (below high) is the one with the best F2 of `>= medium`
  (recall weighing twice precision) among thresholds that rate at most MEDIUM_SHARE times as
  many parts medium or high as were positive. The likelihoods rank parts only a little
  better than chance, so F1 of `high` is nearly flat over a wide range of thresholds (on the
  current evidence from about 10% to 35%) and its unbounded best wanders with small changes
  to the evidence: with 606 development parts it fell to 13.5%, rating 58% of parts high.
  Over five splits into folds (`bench/scope_quality.py --seeds 5`) the bound rated a third
  of parts high instead of two fifths, raised precision from 0.39 to 0.43 and F1 of `high`
  from 0.473 to 0.481 on average (4 of 5 splits); a bound of 1.0 (no more parts high than
  were positive) lost on every split with 523 parts (0.485 against 0.539 unbounded), and
  `nested_cv` still reports what it would give (`capped`). A part rated high is refused or
  sent back a little under half the time: the messages say "could well be refused", not
  "likely". Medium is a thin band of parts close to the line, empty when high already rates
  that many parts (a band reaching down to a part that says nothing at all would rate
  parts medium with no words to warn about). Both thresholds stay above the likelihood of
  a part with no breadth signal (the intercept alone, `silent_likelihood`, of the model
  fitted on the same rows): in a fit on 632 parts, a quarter of them positive, that
  likelihood was 25.5% for a one-part request, above the F1-best threshold (23.4%), so every
  such part was rated high with nothing said against it.

Each item weighs 1 in the fit, except a part whose outcome the agency gave for a whole
multi-part request without naming the parts at fault (its `detail` begins "whole request"):
such a decision is one observation about the request, so its parts share a weight of 1.
Figures count every part alike.

The figures printed (and written into the model's header) are nested: for each outer fold,
the strength and the thresholds are chosen by an inner cross-validation on the other folds,
the model is fitted on them, and the held-back fold is scored; the scores of all folds are
pooled. The header gives them for the shipped split into folds and, as a mean and standard
deviation, over SPLITS splits (`over_splits`): a figure from one split owes a few points to
that split's luck, so judge a change by the mean and by its gain on each split.

A breadth signal's weight is kept >= 0 and a narrowing signal's <= 0 (a signal found to
pull the other way is dropped), so a finding never says the opposite of what its weight
does. Re-running the script on the same data writes the same bytes (sorted keys, rounded
numbers; the date is kept when nothing else changed).
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import math
import re
import statistics
import sys
from datetime import date
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import scope_eval  # noqa: E402

from oiadraft import periods, yamlio  # noqa: E402
from oiadraft.fsutil import atomic_write_text  # noqa: E402
from oiadraft.scope.assessment import Context  # noqa: E402
from oiadraft.scope.features import extract  # noqa: E402
from oiadraft.scope.model import logistic  # noqa: E402
from oiadraft.scope.vocabulary import load_rules  # noqa: E402

MODEL_PATH = REPO / "oiadraft" / "data" / "scope_model.yaml"
FOLDS = 5
SPLITS = 5
"""Splits into folds the model's header averages its figures over."""
STRENGTHS = (0.3, 1.0, 3.0, 10.0, 30.0)
HIGH_SHARE = 1.5
"""At most this many times as many parts rated high as were in fact positive."""
MEDIUM_SHARE = 1.5
"""At most this many times as many parts rated medium or high as were in fact positive."""
MEDIUM_BETA = 2.0
"""The F-beta medium's threshold maximises (beta 2: recall weighs twice precision)."""
PRIOR = 1.0
KEYWORD = re.compile(r"\b(?:all|any|every)\b", re.IGNORECASE)

Row = dict[str, float]


# ---- features ------------------------------------------------------------------------------

def context_of(item: dict[str, Any]) -> Context:
    """The context an item's part was judged in: its Act, its date, the request's period
    sentence, the recipient and the number of parts (as the chat knows them)."""
    today = scope_eval.item_date(item)
    request_period = None
    if item.get("request_period"):
        found = periods.find_periods(str(item["request_period"]), today=today)
        request_period = found[0].period if found else None
    return Context(act=str(item["act"]), today=today, request_period=request_period,
                   agency=str(item.get("agency") or "") or None,
                   parts=int(item.get("parts_in_request") or 1))


def feature_names() -> list[str]:
    """The model's features: every breadth and narrowing signal, sorted."""
    return sorted(name for name, rule in load_rules().signals.items() if rule.kind != "other")


def signs() -> dict[str, int]:
    return {name: (1 if rule.kind == "breadth" else -1)
            for name, rule in load_rules().signals.items() if rule.kind != "other"}


def item_weights(items: list[dict[str, Any]]) -> list[float]:
    """Each item's weight in the fit (see the module docstring)."""
    from collections import Counter

    def whole(item: dict[str, Any]) -> bool:
        return str(item.get("detail") or "").lower().startswith("whole request")

    shared = Counter(scope_eval.group_key(item) for item in items if whole(item))
    return [1.0 / shared[scope_eval.group_key(item)] if whole(item) else 1.0 for item in items]


def rows_of(items: list[dict[str, Any]]) -> list[Row]:
    rules = load_rules()
    names = set(feature_names())
    return [{k: v for k, v in extract(str(item["text"]), context_of(item), rules).values.items()
             if k in names} for item in items]


# ---- logistic regression -------------------------------------------------------------------

def _solve(matrix: list[list[float]], vector: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting (the system is small and positive definite)."""
    size = len(vector)
    a = [[*row, vector[i]] for i, row in enumerate(matrix)]
    for col in range(size):
        pivot = max(range(col, size), key=lambda r: abs(a[r][col]))
        a[col], a[pivot] = a[pivot], a[col]
        lead = a[col][col]
        for row in range(col + 1, size):
            factor = a[row][col] / lead
            if factor:
                for k in range(col, size + 1):
                    a[row][k] -= factor * a[col][k]
    out = [0.0] * size
    for row in range(size - 1, -1, -1):
        out[row] = (a[row][size] - sum(a[row][k] * out[k] for k in range(row + 1, size))) \
            / a[row][row]
    return out


def prior() -> dict[str, float]:
    """Where each weight starts before the evidence moves it: the reference's guidance that a
    breadth signal makes refusal more likely (+PRIOR) and a narrowing one less (-PRIOR)."""
    return {name: PRIOR * sign for name, sign in signs().items()}


def _newton(rows: list[Row], labels: list[int], names: list[str], strength: float,
            weights: list[float]) -> tuple[float, dict[str, float]]:
    index = {name: i + 1 for i, name in enumerate(names)}
    centre = prior()
    mean = [0.0] + [centre.get(name, 0.0) for name in names]
    sparse = [[(0, 1.0)] + [(index[k], v) for k, v in sorted(row.items()) if k in index]
              for row in rows]
    size = len(names) + 1
    w = [0.0] * size
    for _ in range(100):
        grad = [0.0] + [strength * (w[j] - mean[j]) for j in range(1, size)]
        hess = [[0.0] * size for _ in range(size)]
        for j in range(1, size):
            hess[j][j] = strength
        hess[0][0] = 1e-9
        for xs, y, s in zip(sparse, labels, weights, strict=True):
            p = logistic(sum(w[j] * v for j, v in xs))
            weight = s * p * (1.0 - p)
            for j, v in xs:
                grad[j] += s * (p - y) * v
                row = hess[j]
                for k, u in xs:
                    row[k] += weight * v * u
        step = _solve(hess, grad)
        w = [wj - sj for wj, sj in zip(w, step, strict=True)]
        if max(abs(s) for s in step) < 1e-10:
            break
    return w[0], {name: w[index[name]] for name in names}


def fit(rows: list[Row], labels: list[int], strength: float,
        weights: list[float] | None = None) -> tuple[float, dict[str, float]]:
    """(intercept, weights) with every weight's sign as its signal's kind says: a feature
    whose weight comes out the wrong way round is dropped (weight 0) and the rest refitted.
    `weights`: each row's weight in the fit (default 1)."""
    sign = signs()
    names = sorted({k for row in rows for k in row})
    dropped: set[str] = set()
    each = weights if weights is not None else [1.0] * len(rows)
    while True:
        active = [n for n in names if n not in dropped]
        intercept, weights = _newton(rows, labels, active, strength, each)
        wrong = [n for n in active if weights[n] * sign[n] < 0]
        if not wrong:
            return intercept, {n: weights.get(n, 0.0) for n in names}
        dropped.add(max(wrong, key=lambda n: (abs(weights[n]), n)))


def predict(model: tuple[float, dict[str, float]], rows: list[Row]) -> list[float]:
    intercept, weights = model
    return [logistic(intercept + sum(weights.get(k, 0.0) * v for k, v in row.items()))
            for row in rows]


# ---- figures ---------------------------------------------------------------------------------

def f1(truth: list[int], guess: list[bool], beta: float = 1.0) -> dict[str, float]:
    tp = sum(1 for t, g in zip(truth, guess, strict=True) if t and g)
    fp = sum(1 for t, g in zip(truth, guess, strict=True) if not t and g)
    fn = sum(1 for t, g in zip(truth, guess, strict=True) if t and not g)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    b2 = beta * beta
    score = (1 + b2) * precision * recall / (b2 * precision + recall) \
        if precision + recall else 0.0
    return {"f1": score, "precision": precision, "recall": recall, "tp": tp, "fp": fp, "fn": fn}


def best_threshold(truth: list[int], probabilities: list[float], ceiling: float = 1.0,
                   beta: float = 1.0, share: float = 1.0, floor: float = 0.0) -> float:
    """The threshold (above `floor`, at most `ceiling`) with the best F-score (F1, or
    F-beta) among those that flag at most `share` of the parts; of equally good ones, the
    middle."""
    values = sorted(set(probabilities))
    cuts = [(a + b) / 2 for a, b in itertools.pairwise(values)] or [0.5]
    count = len(probabilities)
    cuts = [c for c in cuts if floor < c <= ceiling
            and sum(p >= c for p in probabilities) <= share * count] or [max(ceiling, floor)]
    scored = [(round(f1(truth, [p >= c for p in probabilities], beta)["f1"], 9), c)
              for c in cuts]
    top = max(score for score, _ in scored)
    tied = [c for score, c in scored if score == top]
    return tied[len(tied) // 2]


def auc(labels: list[int], scores: list[float]) -> float:
    """The area under the ROC curve (ties count a half), by ranks."""
    order = sorted(range(len(scores)), key=lambda i: scores[i])
    ranks = [0.0] * len(scores)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and scores[order[j + 1]] == scores[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    positives = sum(labels)
    negatives = len(labels) - positives
    if not positives or not negatives:
        return float("nan")
    total = sum(r for r, y in zip(ranks, labels, strict=True) if y)
    return (total - positives * (positives + 1) / 2) / (positives * negatives)


def log_loss(truth: list[int], probabilities: list[float],
             weights: list[float] | None = None) -> float:
    eps = 1e-12
    each = weights if weights is not None else [1.0] * len(truth)
    return -sum(s * (math.log(max(p, eps)) if t else math.log(max(1 - p, eps)))
                for t, p, s in zip(truth, probabilities, each, strict=True)) / sum(each)


def out_of_fold(rows: list[Row], labels: list[int], folds: list[int],
                strength: float, weights: list[float] | None = None) -> list[float]:
    each = weights if weights is not None else [1.0] * len(rows)
    result = [0.0] * len(rows)
    for fold in sorted(set(folds)):
        train = [i for i, f in enumerate(folds) if f != fold]
        test = [i for i, f in enumerate(folds) if f == fold]
        model = fit([rows[i] for i in train], [labels[i] for i in train], strength,
                    [each[i] for i in train])
        for i, p in zip(test, predict(model, [rows[i] for i in test]), strict=True):
            result[i] = p
    return result


def thresholds(labels: list[int], probabilities: list[float], floor: float = 0.0
               ) -> tuple[float, float]:
    """(medium, high) from out-of-fold likelihoods, by the rule in the module docstring;
    both above `floor`, the likelihood of a part with nothing said against it."""
    positives = sum(labels) / len(labels)
    high = best_threshold(labels, probabilities, share=HIGH_SHARE * positives, floor=floor)
    medium = best_threshold(labels, probabilities, ceiling=high, beta=MEDIUM_BETA,
                            share=MEDIUM_SHARE * positives, floor=floor)
    return medium, high


def silent_likelihood(model: tuple[float, dict[str, float]]) -> float:
    """The likelihood of a part with no breadth signal: the intercept alone (narrowing
    signals only lower it). No threshold may reach down to it, or a part would be rated
    above low with nothing to say why."""
    return logistic(model[0])


def capped_threshold(labels: list[int], probabilities: list[float]) -> float:
    """For comparison only: the high threshold of the earlier rule, the F1-best among those
    that rate no more parts high than were positive."""
    return best_threshold(labels, probabilities, share=sum(labels) / len(labels))


def choose(rows: list[Row], labels: list[int], folds: list[int],
           weights: list[float] | None = None) -> dict[str, float]:
    """Strength and thresholds chosen by cross-validation on these rows alone (and, for
    comparison only, the high threshold of the earlier capped rule)."""
    losses = []
    for strength in STRENGTHS:
        probabilities = out_of_fold(rows, labels, folds, strength, weights)
        losses.append((round(log_loss(labels, probabilities, weights), 9), strength,
                       probabilities))
    _, strength, probabilities = min(losses, key=lambda item: (item[0], item[1]))
    floor = silent_likelihood(fit(rows, labels, strength, weights))
    medium, high = thresholds(labels, probabilities, floor)
    return {"strength": strength, "medium": medium, "high": high,
            "capped": capped_threshold(labels, probabilities)}


def nested_cv(items: list[dict[str, Any]], rows: list[Row] | None = None, seed: int = 0
              ) -> dict[str, Any]:
    """Cross-validated figures for the whole procedure (see the module docstring), with the
    keyword baseline on the same items, the out-of-fold `auc`, and `capped`: F1 of `high` had
    each fold's high threshold been capped at the share positive (`capped_threshold`). `seed`: which split into folds
    (`scope_eval.folds`; 0 is the split the model's header reports)."""
    rows = rows if rows is not None else rows_of(items)
    labels = [int(scope_eval.is_positive(item)) for item in items]
    weights = item_weights(items)
    outer = scope_eval.folds(items, FOLDS, seed)
    risks = [""] * len(items)
    capped = [False] * len(items)
    probabilities = [0.0] * len(items)
    for fold in range(FOLDS):
        train = [i for i, f in enumerate(outer) if f != fold]
        test = [i for i, f in enumerate(outer) if f == fold]
        train_items = [items[i] for i in train]
        train_rows = [rows[i] for i in train]
        train_labels = [labels[i] for i in train]
        train_weights = [weights[i] for i in train]
        chosen = choose(train_rows, train_labels,
                        scope_eval.folds(train_items, FOLDS - 1, seed), train_weights)
        model = fit(train_rows, train_labels, chosen["strength"], train_weights)
        for i, p in zip(test, predict(model, [rows[i] for i in test]), strict=True):
            probabilities[i] = p
            risks[i] = "high" if p >= chosen["high"] else \
                "medium" if p >= chosen["medium"] else "low"
            capped[i] = p >= chosen["capped"]
    return figures(items, labels, risks) | {
        "probabilities": probabilities, "risks": risks,
        "auc": auc(labels, probabilities),
        "capped": f1(labels, capped) | {"share": sum(capped) / len(items)}}


def over_splits(items: list[dict[str, Any]], rows: list[Row], count: int = SPLITS,
                first: dict[str, Any] | None = None) -> dict[str, list[float]]:
    """`nested_cv` over `count` splits into folds (seeds 0 .. count-1; `first`: seed 0's
    result when already worked out): each split's F1 of high, of >= medium, of high under the
    earlier cap, and AUC. How far a figure moves with the split alone is the noise a change to the
    model must beat."""
    runs = [first or nested_cv(items, rows)] + [nested_cv(items, rows, seed)
                                                 for seed in range(1, count)]
    return {"high": [cv["high"]["f1"] for cv in runs],
            "medium": [cv["medium"]["f1"] for cv in runs],
            "capped": [cv["capped"]["f1"] for cv in runs],
            "auc": [cv["auc"] for cv in runs]}


def figures(items: list[dict[str, Any]], labels: list[int], risks: list[str]) -> dict[str, Any]:
    keyword = [bool(KEYWORD.search(str(item["text"]))) for item in items]
    return {
        "items": len(items),
        "requests": len({scope_eval.group_key(item) for item in items}),
        "positives": sum(labels),
        "high": f1(labels, [r == "high" for r in risks]),
        "medium": f1(labels, [r in ("medium", "high") for r in risks]),
        "baseline": f1(labels, keyword),
    }


# ---- the model file --------------------------------------------------------------------------

def data_hash() -> str:
    return hashlib.sha256(scope_eval.EVAL_FILE.read_bytes()).hexdigest()


def render(model: tuple[float, dict[str, float]], chosen: dict[str, float],
           cv: dict[str, Any], fitted_on: str) -> str:
    intercept, weights = model
    lines = [
        "# The scope analyser's fitted model (oiadraft/scope/model.py reads it). Written by",
        "# bench/fit_scope.py; do not edit by hand: change the features or the evidence and refit.",
        "# Figures are cross-validated (grouped by request, nested), never training-set figures;",
        "# bench/scope_quality.py prints them with the hold-out and the keyword baseline.",
        "version: 1",
        "fitted:",
        f"  date: '{fitted_on}'",
        f"  data: {scope_eval.EVAL_FILE.relative_to(REPO).as_posix()}",
        f"  data_sha256: {data_hash()}",
        f"  items: {cv['items']}",
        f"  requests: {cv['requests']}",
        f"  positives: {cv['positives']}",
        f"  regularisation: {chosen['strength']}",
        "  cross_validated:",
        f"    folds: {FOLDS}",
        f"    f1_high: {cv['high']['f1']:.3f}",
        f"    f1_medium_or_high: {cv['medium']['f1']:.3f}",
        f"    f1_keyword_baseline: {cv['baseline']['f1']:.3f}",
        f"    auc: {cv['auc']:.3f}",
        f"  # the same over {SPLITS} splits into folds: the mean, and the spread the split alone",
        "  # causes (standard deviation)",
        f"  over_{SPLITS}_splits:",
        *(f"    {key}: {{mean: {statistics.mean(values):.3f}, sd: {statistics.stdev(values):.3f}}}"
          for key, values in (("f1_high", cv["splits"]["high"]),
                              ("f1_medium_or_high", cv["splits"]["medium"]),
                              ("auc", cv["splits"]["auc"]))),
        f"intercept: {intercept:.4f}",
        "thresholds:",
        f"  medium: {chosen['medium']:.4f}",
        f"  high: {chosen['high']:.4f}",
        "# log-odds each feature adds per unit of its value (0: found to carry no weight)",
        "weights:",
    ]
    for name in sorted(weights):
        lines.append(f"  {name}: {weights[name]:.4f}")
    return "\n".join(lines) + "\n"


def existing_date() -> str | None:
    if not MODEL_PATH.exists():
        return None
    data = yamlio.load_file(MODEL_PATH)
    fitted = data.get("fitted") if isinstance(data, dict) else None
    return str(fitted.get("date")) if isinstance(fitted, dict) and fitted.get("date") else None


def shipped_strength() -> float:
    """The regularisation strength the shipped model was fitted with (its header)."""
    return float(yamlio.load_file(MODEL_PATH)["fitted"]["regularisation"])


def build() -> tuple[str, dict[str, Any]]:
    items, _ = scope_eval.split_holdout(scope_eval.load_items())
    rows = rows_of(items)
    labels = [int(scope_eval.is_positive(item)) for item in items]
    each = item_weights(items)
    cv = nested_cv(items, rows)
    cv["splits"] = over_splits(items, rows, SPLITS, cv)
    chosen = choose(rows, labels, scope_eval.folds(items, FOLDS), each)
    intercept, weights = fit(rows, labels, chosen["strength"], each)
    model = (intercept, {name: weights.get(name, 0.0) for name in feature_names()})
    kept = existing_date()
    text = render(model, chosen, cv, kept or date.today().isoformat())
    if kept is not None and MODEL_PATH.exists() and \
            MODEL_PATH.read_text(encoding="utf-8") != text:
        text = render(model, chosen, cv, date.today().isoformat())
    return text, cv


def report(cv: dict[str, Any]) -> None:
    print(f"development set: {cv['requests']} requests, {cv['items']} parts, "
          f"{cv['positives']} positive")
    for key, label in (("high", "high"), ("medium", ">= medium"),
                       ("baseline", "keyword baseline")):
        row = cv[key]
        print(f"  CV F1 {label:<17} {row['f1']:.3f}  (precision {row['precision']:.2f}, "
              f"recall {row['recall']:.2f})")
    print(f"  out-of-fold AUC         {cv['auc']:.3f}  (0.5 = a coin)")
    if "splits" in cv:
        splits = cv["splits"]
        print(f"  over {len(splits['high'])} splits into folds: F1 high "
              f"{statistics.mean(splits['high']):.3f} ± {statistics.stdev(splits['high']):.3f}, "
              f"AUC {statistics.mean(splits['auc']):.3f} ± {statistics.stdev(splits['auc']):.3f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="only check that the shipped model is what the script writes")
    args = parser.parse_args(argv)
    text, cv = build()
    report(cv)
    if args.check:
        same = MODEL_PATH.exists() and MODEL_PATH.read_text(encoding="utf-8") == text
        print("model file reproduced" if same else "model file differs: run bench/fit_scope.py")
        return 0 if same else 1
    atomic_write_text(MODEL_PATH, text, mode=0o644)
    print(f"wrote {MODEL_PATH.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
