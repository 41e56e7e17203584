"""Why the scope model's figures are what they are: evidence from the development items only
(the hold-out is never read here), in the same grouped folds as bench/fit_scope.py.

* **ranking**: the out-of-fold AUC (the chance that a refused or sent-back part gets a higher
  likelihood than an answered one; 0.5 is a coin) of the model, and of a reference model that
  reads every word (a bag of words) fitted in the same folds;
* **"all high"**: F1 when every part is rated high, the floor any rating must clear to say
  anything;
* **ceiling**: the best F1 any single threshold could give on the out-of-fold likelihoods,
  choosing it with the answers in view. Not a quality figure (nothing chosen that way is
  honest): an upper bound on what these likelihoods can reach;
* **learning curve**: out-of-fold AUC and log-loss when the model is fitted on a growing share
  of the training requests: if the curve has flattened, more evidence of the same kind will
  not lift the figures much;
* **by record kind**: the out-of-fold AUC within each kind of record the evidence records
  (communications, documents, statistics, mixed): where the likelihoods rank parts and where
  they barely beat a coin;
* **whole requests**: how many requests of several parts had one outcome for every part. An
  agency decides a request, often as a whole, so a share near 1 says part-by-part features
  can only go so far.

    .venv/bin/python bench/scope_evidence.py
"""

from __future__ import annotations

import itertools
import math
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import fit_scope  # noqa: E402
import scope_eval  # noqa: E402
from fit_scope import auc  # noqa: E402

from oiadraft.scope.model import logistic  # noqa: E402

CURVE = (0.25, 0.5, 0.75, 1.0)
WORDS = re.compile(r"[a-zāēīōū0-9]+(?:['’][a-z]+)?")
BOW_STRENGTHS = (0.3, 1.0, 3.0)


def ceiling(labels: list[int], scores: list[float]) -> dict[str, float]:
    """The best F1 of `score >= t` over every threshold t, chosen with hindsight."""
    cut = fit_scope.best_threshold(labels, scores)
    return fit_scope.f1(labels, [s >= cut for s in scores]) | {"share": sum(
        s >= cut for s in scores) / len(scores)}


# ---- a bag of words, for reference ------------------------------------------------------------

def _grams(text: str) -> set[str]:
    words = WORDS.findall(text.lower())
    return set(words) | {f"{a} {b}" for a, b in itertools.pairwise(words)}


class BagOfWords:
    """Word and word-pair presence, weighted by inverse document frequency and scaled to unit
    length, with an L2-regularised logistic regression (accelerated gradient descent). The
    vocabulary is what occurs in at least two training parts."""

    def __init__(self, texts: list[str], labels: list[int], strength: float,
                 weights: list[float] | None = None) -> None:
        grams = [_grams(t) for t in texts]
        counts = Counter(g for gs in grams for g in gs)
        size = len(texts)
        kept = sorted(g for g, c in counts.items() if c >= 2)
        self.index = {g: i for i, g in enumerate(kept)}
        self.idf = [math.log((1 + size) / (1 + counts[g])) + 1 for g in kept]
        rows = [self.row(gs) for gs in grams]
        self.w, self.b = _fit_sparse(rows, len(kept), labels, strength,
                                     weights or [1.0] * size)

    def row(self, grams: set[str]) -> list[tuple[int, float]]:
        found = [(self.index[g], self.idf[self.index[g]]) for g in sorted(grams)
                 if g in self.index]
        norm = math.sqrt(sum(v * v for _, v in found)) or 1.0
        return [(j, v / norm) for j, v in found]

    def predict(self, texts: list[str]) -> list[float]:
        w = self.w
        return [logistic(self.b + sum(w[j] * v for j, v in self.row(_grams(t)))) for t in texts]


def _fit_sparse(rows: list[list[tuple[int, float]]], size: int, labels: list[int],
                strength: float, weights: list[float], steps: int = 200
                ) -> tuple[list[float], float]:
    """Minimise sum(weight x log-loss) + strength/2 |w|^2 by Nesterov's method (rows have unit
    length, so 1 / (sum(weights) / 4 + strength) is a safe step)."""
    step = 1.0 / (sum(weights) / 4 + strength)
    w = [0.0] * size
    prev = [0.0] * size
    b = prev_b = 0.0
    for t in range(1, steps + 1):
        momentum = (t - 1) / (t + 2)
        look = [x + momentum * (x - y) for x, y in zip(w, prev, strict=True)]
        look_b = b + momentum * (b - prev_b)
        grad = [strength * x for x in look]
        grad_b = 0.0
        for row, y, s in zip(rows, labels, weights, strict=True):
            error = s * (logistic(look_b + sum(look[j] * v for j, v in row)) - y)
            grad_b += error
            for j, v in row:
                grad[j] += error * v
        prev, prev_b = w, b
        w = [x - step * g for x, g in zip(look, grad, strict=True)]
        b = look_b - step * grad_b
    return w, b


def bag_of_words_cv(items: list[dict[str, Any]], weights: list[float] | None = None
                    ) -> dict[str, Any]:
    """The bag of words in the model's nested procedure: the strength chosen by inner
    cross-validated log-loss, the thresholds by `fit_scope.thresholds`, each outer fold
    scored by a model that never saw it."""
    texts = [str(item["text"]) for item in items]
    labels = [int(scope_eval.is_positive(item)) for item in items]
    weights = weights or [1.0] * len(items)
    outer = scope_eval.folds(items, fit_scope.FOLDS)

    def oof(index: list[int], folds: list[int], strength: float) -> list[float]:
        out = [0.0] * len(index)
        for fold in sorted(set(folds)):
            train = [k for k, f in enumerate(folds) if f != fold]
            test = [k for k, f in enumerate(folds) if f == fold]
            model = BagOfWords([texts[index[k]] for k in train],
                               [labels[index[k]] for k in train], strength,
                               [weights[index[k]] for k in train])
            for k, p in zip(test, model.predict([texts[index[k]] for k in test]), strict=True):
                out[k] = p
        return out

    probabilities = [0.0] * len(items)
    risks = [""] * len(items)
    for fold in range(fit_scope.FOLDS):
        train = [i for i, f in enumerate(outer) if f != fold]
        test = [i for i, f in enumerate(outer) if f == fold]
        inner = scope_eval.folds([items[i] for i in train], fit_scope.FOLDS - 1)
        train_labels = [labels[i] for i in train]
        scored = []
        for strength in BOW_STRENGTHS:
            p = oof(train, inner, strength)
            scored.append((round(fit_scope.log_loss(train_labels, p), 9), strength, p))
        _, strength, p = min(scored, key=lambda s: (s[0], s[1]))
        medium, high = fit_scope.thresholds(train_labels, p)
        model = BagOfWords([texts[i] for i in train], train_labels, strength,
                           [weights[i] for i in train])
        for i, q in zip(test, model.predict([texts[i] for i in test]), strict=True):
            probabilities[i] = q
            risks[i] = "high" if q >= high else "medium" if q >= medium else "low"
    return fit_scope.figures(items, labels, risks) | {"probabilities": probabilities,
                                                      "auc": auc(labels, probabilities)}


# ---- the learning curve ---------------------------------------------------------------------

def learning_curve(items: list[dict[str, Any]], rows: list[dict[str, float]], strength: float,
                   weights: list[float] | None = None) -> list[dict[str, float]]:
    """For each share of the training requests (the first ones in a fixed hash order), the
    pooled out-of-fold AUC and log-loss of the model fitted on that share of each training
    side at `strength`."""
    labels = [int(scope_eval.is_positive(item)) for item in items]
    weights = weights or [1.0] * len(items)
    outer = scope_eval.folds(items, fit_scope.FOLDS)
    keys = [scope_eval.group_key(item) for item in items]
    rank = {key: scope_eval._unit("curve", key) for key in set(keys)}
    result = []
    for share in CURVE:
        probabilities = [0.0] * len(items)
        used = 0
        for fold in range(fit_scope.FOLDS):
            train_keys = sorted({keys[i] for i, f in enumerate(outer) if f != fold},
                                key=lambda k: (rank[k], k))
            kept = set(train_keys[:max(1, round(share * len(train_keys)))])
            train = [i for i, f in enumerate(outer) if f != fold and keys[i] in kept]
            used += len(train)
            model = fit_scope.fit([rows[i] for i in train], [labels[i] for i in train],
                                  strength, [weights[i] for i in train])
            test = [i for i, f in enumerate(outer) if f == fold]
            for i, p in zip(test, fit_scope.predict(model, [rows[i] for i in test]), strict=True):
                probabilities[i] = p
        result.append({"share": share, "parts": used / fit_scope.FOLDS,
                       "auc": auc(labels, probabilities),
                       "log_loss": fit_scope.log_loss(labels, probabilities)})
    return result


def by_record_kind(items: list[dict[str, Any]], probabilities: list[float]
                   ) -> dict[str, dict[str, float]]:
    """The out-of-fold AUC within each recorded kind of record, with its parts and positives."""
    result = {}
    for kind in sorted({str(item["record_kind"]) for item in items}):
        index = [i for i, item in enumerate(items) if item["record_kind"] == kind]
        labels = [int(scope_eval.is_positive(items[i])) for i in index]
        result[kind] = {"parts": len(index), "positives": sum(labels),
                        "auc": auc(labels, [probabilities[i] for i in index])}
    return result


def one_outcome(items: list[dict[str, Any]]) -> tuple[int, int]:
    """(requests of several parts, those whose parts all had the same outcome)."""
    outcomes: dict[str, set[bool]] = {}
    parts: Counter[str] = Counter()
    for item in items:
        key = scope_eval.group_key(item)
        outcomes.setdefault(key, set()).add(scope_eval.is_positive(item))
        parts[key] += 1
    several = [key for key, count in parts.items() if count > 1]
    return len(several), sum(1 for key in several if len(outcomes[key]) == 1)


def evidence(items: list[dict[str, Any]], cv: dict[str, Any]) -> dict[str, Any]:
    """Everything above for the development items, given the model's nested CV (`cv`)."""
    labels = [int(scope_eval.is_positive(item)) for item in items]
    rows = fit_scope.rows_of(items)
    weights = fit_scope.item_weights(items)
    return {
        "auc": auc(labels, cv["probabilities"]),
        "all_high": fit_scope.f1(labels, [True] * len(labels)),
        "ceiling": ceiling(labels, cv["probabilities"]),
        "bag_of_words": bag_of_words_cv(items, weights),
        "curve": learning_curve(items, rows, fit_scope.shipped_strength(), weights),
        "by_kind": by_record_kind(items, cv["probabilities"]),
        "one_outcome": one_outcome(items),
    }


def show(found: dict[str, Any]) -> None:
    """Print the evidence (development items only)."""
    bag = found["bag_of_words"]
    print(f"  out-of-fold AUC          model {found['auc']:.3f}   bag of words "
          f"{bag['auc']:.3f}   (0.5 = a coin)")
    print(f"  F1 rating every part high          {found['all_high']['f1']:.3f}   "
          f"(precision {found['all_high']['precision']:.2f}, the share positive)")
    print(f"  bag of words, same nested CV: high F1 {bag['high']['f1']:.3f}  "
          f"(precision {bag['high']['precision']:.2f}, recall {bag['high']['recall']:.2f})")
    top = found["ceiling"]
    print(f"  ceiling: best F1 of any threshold, chosen in hindsight {top['f1']:.3f}  "
          f"(rates {top['share']:.0%} of parts high; an upper bound, not a result)")
    print("  learning curve (share of training requests -> out-of-fold AUC, log-loss):")
    for point in found["curve"]:
        print(f"    {point['share']:>4.0%}  ~{point['parts']:.0f} parts   AUC {point['auc']:.3f}"
              f"   log-loss {point['log_loss']:.3f}")
    print("  out-of-fold AUC by the kind of record recorded for each part:")
    for kind, row in found["by_kind"].items():
        print(f"    {kind:<15} {row['auc']:.3f}   ({row['parts']} parts, {row['positives']} "
              "positive)")
    several, same = found["one_outcome"]
    print(f"  requests of several parts with one outcome for every part: {same} of {several} "
          f"({same / several:.0%})")


def main() -> int:
    development, _ = scope_eval.split_holdout(scope_eval.load_items())
    cv = fit_scope.nested_cv(development)
    print(f"Evidence (development items only: {len(development)} parts)")
    show(evidence(development, cv))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
