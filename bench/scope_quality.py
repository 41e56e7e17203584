"""How well does the scope analyser predict what agencies did? Honest figures only.

Positive = the agency refused the part under s18(f)/s17(f) or asked for it to be refined.
Prints F1 (with precision and recall) for `high` and for `>= medium`, and for the keyword
baseline ("all", "any" or "every" in the part -> high), on:

* **cross-validation**: the development items (tests/data/scope_eval.yaml minus the hold-out),
  grouped 5-fold by request and nested as bench/fit_scope.py describes (the whole fitting
  procedure, thresholds included, is rerun without the fold it is scored on);
* **the hold-out**: the requests bench/scope_eval.py set aside by a hash of their URL before
  any fitting, scored once with the shipped model (`oiadraft.scope.assess`, as `check` does).

Training-set figures are never printed.

    .venv/bin/python bench/scope_quality.py              # CV and hold-out
    .venv/bin/python bench/scope_quality.py --cv-only    # while tuning: never the hold-out
    .venv/bin/python bench/scope_quality.py --verbose    # plus every cross-validated item
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import fit_scope  # noqa: E402
import scope_eval  # noqa: E402

from oiadraft.scope import assess  # noqa: E402


def holdout_figures(items: list[dict[str, Any]]) -> dict[str, Any]:
    """The shipped model on the hold-out, through the same `assess` the tool runs."""
    labels = [int(scope_eval.is_positive(item)) for item in items]
    risks = [assess(str(item["text"]), fit_scope.context_of(item)).risk for item in items]
    return fit_scope.figures(items, labels, risks)


def _row(label: str, figures: dict[str, float]) -> str:
    return (f"  {label:<22} F1 {figures['f1']:.3f}   precision {figures['precision']:.2f}  "
            f"recall {figures['recall']:.2f}   (tp {figures['tp']}, fp {figures['fp']}, "
            f"fn {figures['fn']})")


def show(title: str, result: dict[str, Any]) -> None:
    print(f"{title}: {result['requests']} requests, {result['items']} parts, "
          f"{result['positives']} positive")
    print(_row("high", result["high"]))
    print(_row(">= medium", result["medium"]))
    print(_row("keyword baseline", result["baseline"]))
    margin = result["high"]["f1"] - result["baseline"]["f1"]
    print(f"  F1(high) - baseline      {margin:+.3f}   (target: F1(high) >= 0.65 and "
          "baseline + 0.15)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cv-only", action="store_true",
                        help="cross-validation only: do not read the hold-out")
    parser.add_argument("--verbose", "-v", action="store_true")
    args = parser.parse_args(argv)
    development, holdout = scope_eval.split_holdout(scope_eval.load_items())
    cv = fit_scope.nested_cv(development)
    show("Cross-validated (grouped by request, 5 folds, nested)", cv)
    if args.verbose:
        for item, p, risk in zip(development, cv["probabilities"], cv["risks"], strict=True):
            mark = "+" if scope_eval.is_positive(item) else " "
            print(f"    {mark} {risk:<6} {p:.3f}  {item['id']}")
    if not args.cv_only:
        print()
        show("Hold-out (shipped model)", holdout_figures(holdout))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
