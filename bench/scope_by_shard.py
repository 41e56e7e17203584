"""How the whole fitting procedure does on a round of evidence it was not fitted on: each
evidence shard (tests/data/eval_shards/*.yaml, one collection round or source each) is held
back in turn, the regularisation and thresholds are chosen by cross-validation on the other
shards (`fit_scope.choose`), the model is fitted on them and the held-back shard is scored.
Development items only: the hold-out is never read.

Grouped k-fold cross-validation mixes every round into every fold; a new round of requests
(other agencies, other years, other people writing them) is what the tool meets in use, so
this is the nearer estimate of how it does on requests it has never seen. The vocabulary was
written with every development shard in view, so it still flatters the model a little.

    .venv/bin/python bench/scope_by_shard.py
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import fit_scope  # noqa: E402
import scope_eval  # noqa: E402

from oiadraft import yamlio  # noqa: E402


def shard_of_items() -> dict[str, str]:
    """Item id -> the name of the shard it comes from."""
    found: dict[str, str] = {}
    for path in scope_eval.shard_files():
        data = yamlio.load_file(path, path.name)
        for item in data.get("items") or []:
            found[str(item["id"])] = path.stem
    return found


def row(name: str, labels: list[int], high: list[bool], keyword: list[bool],
        likelihoods: list[float]) -> str:
    model, base = fit_scope.f1(labels, high), fit_scope.f1(labels, keyword)
    every = fit_scope.f1(labels, [True] * len(labels))
    auc = fit_scope.auc(labels, likelihoods)
    return (f"  {name:<10} {len(labels):>4} {sum(labels):>4}   {model['f1']:.3f} (P {model['precision']:.2f}"
            f" R {model['recall']:.2f})   {base['f1']:.3f}   {every['f1']:.3f}   "
            + ("  —" if auc != auc else f"{auc:.3f}"))


def main() -> int:
    items, _ = scope_eval.split_holdout(scope_eval.load_items())
    shards = shard_of_items()
    rows = fit_scope.rows_of(items)
    labels = [int(scope_eval.is_positive(item)) for item in items]
    weights = fit_scope.item_weights(items)
    keyword = [bool(fit_scope.KEYWORD.search(str(item["text"]))) for item in items]
    names = sorted({shards[str(item["id"])] for item in items})
    high = [False] * len(items)
    likelihoods = [0.0] * len(items)
    print("each shard scored by the procedure fitted on the others (development items only)")
    print("  shard     parts  pos   F1 high              keyword  every    AUC")
    for name in names:
        test = [i for i, item in enumerate(items) if shards[str(item["id"])] == name]
        held = set(test)
        train = [i for i in range(len(items)) if i not in held]
        train_items = [items[i] for i in train]
        train_rows = [rows[i] for i in train]
        train_labels = [labels[i] for i in train]
        train_weights = [weights[i] for i in train]
        chosen = fit_scope.choose(train_rows, train_labels,
                                  scope_eval.folds(train_items, fit_scope.FOLDS - 1),
                                  train_weights)
        model = fit_scope.fit(train_rows, train_labels, chosen["strength"], train_weights)
        for i, p in zip(test, fit_scope.predict(model, [rows[i] for i in test]), strict=True):
            likelihoods[i], high[i] = p, p >= chosen["high"]
        print(row(name, [labels[i] for i in test], [high[i] for i in test],
                  [keyword[i] for i in test], [likelihoods[i] for i in test]), flush=True)
    print(row("pooled", labels, high, keyword, likelihoods))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
