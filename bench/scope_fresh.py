"""A first look at evidence the model has not been fitted on: the model in the working tree
(`oiadraft.scope.assess`, as `oiadraft check` runs it) scores the development items of one or
more evidence shards, beside the keyword baseline and "every part high" on the same items.

    .venv/bin/python bench/scope_fresh.py fyi6        # tests/data/eval_shards/fyi6.yaml

Run it after the new shard is merged (bench/scope_eval.py) and before the model is refitted
(bench/fit_scope.py): afterwards those items are training data and a figure on them would be a
training-set figure. The script refuses when the shipped model was fitted on the evidence as it
is now. The shard's hold-out items are not scored here: bench/scope_quality.py --record gives
them their first look, and records it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import fit_scope  # noqa: E402
import scope_eval  # noqa: E402
import scope_evidence  # noqa: E402

from oiadraft import yamlio  # noqa: E402
from oiadraft.scope import assess  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shards", nargs="+", help="shard names (fyi6) in tests/data/eval_shards")
    args = parser.parse_args(argv)
    model = yamlio.load_file(REPO / "oiadraft" / "data" / "scope_model.yaml",
                             "oiadraft/data/scope_model.yaml")
    if model["fitted"]["data_sha256"] == fit_scope.data_hash():
        print("the shipped model was fitted on the evidence as it is now: its items are not "
              "fresh (run this after merging a new shard, before bench/fit_scope.py)",
              file=sys.stderr)
        return 2
    wanted = set()
    for name in args.shards:
        path = scope_eval.SHARDS / f"{name.removesuffix('.yaml')}.yaml"
        if not path.is_file():
            print(f"no shard {path.relative_to(REPO)}", file=sys.stderr)
            return 2
        wanted |= {str(item["id"]) for item in scope_eval.load_items(path)}
    development, holdout = scope_eval.split_holdout(scope_eval.load_items())
    items = [item for item in development if str(item["id"]) in wanted]
    held = sum(str(item["id"]) in wanted for item in holdout)
    if not items:
        print("none of those items is in the merged evidence's development set; run "
              "bench/scope_eval.py first", file=sys.stderr)
        return 2
    labels = [int(scope_eval.is_positive(item)) for item in items]
    assessed = [assess(str(item["text"]), fit_scope.context_of(item)) for item in items]
    found = fit_scope.figures(items, labels, [a.risk for a in assessed])
    every = fit_scope.f1(labels, [True] * len(items))
    print(f"{', '.join(args.shards)}: {found['requests']} requests, {found['items']} development "
          f"parts never fitted on, {found['positives']} positive ({held} hold-out parts left "
          "for bench/scope_quality.py --record)")
    for label, key in (("high", "high"), (">= medium", "medium"),
                       ("keyword baseline", "baseline")):
        row = found[key]
        print(f"  {label:<18} F1 {row['f1']:.3f}   precision {row['precision']:.2f}  "
              f"recall {row['recall']:.2f}")
    print(f"  {'every part high':<18} F1 {every['f1']:.3f}")
    if 0 < sum(labels) < len(labels):
        auc = scope_evidence.auc(labels, [a.likelihood for a in assessed])
        print(f"  AUC of the likelihood {auc:.3f}  (0.5 = a coin)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
