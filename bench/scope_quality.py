"""How well does the scope analyser predict what agencies did?

Scores oiadraft.scope.assess on tests/data/scope_eval.yaml (or a file given on the command
line in the same format): positive = the agency refused the part under s18(f)/s17(f) or asked
for it to be refined. Prints precision and recall for `high`, and for `>= medium`.

    .venv/bin/python bench/scope_quality.py                 # the figures
    .venv/bin/python bench/scope_quality.py --verbose       # plus every item
    .venv/bin/python bench/scope_quality.py other_set.yaml  # a held-back set, same format
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from oiadraft import periods, scope, yamlio  # noqa: E402

DEFAULT_SET = REPO / "tests" / "data" / "scope_eval.yaml"
POSITIVE = {"refused_18f", "refine_requested"}
# Items whose source gives no request date (Ombudsman case notes) are read as at this day;
# their periods are closed or absent, so the day only matters for phrases like "the past year".
DEFAULT_TODAY = date(2024, 1, 1)


def load_items(path: Path = DEFAULT_SET) -> list[dict]:
    data = yamlio.load_file(path)
    return list(data["items"])


def predict(item: dict) -> scope.Assessment:
    today = item.get("date") or DEFAULT_TODAY
    if isinstance(today, str):
        today = date.fromisoformat(today)
    request_period = None
    if item.get("request_period"):
        found = periods.find_periods(str(item["request_period"]), today=today)
        request_period = found[0].period if found else None
    context = scope.Context(act=str(item.get("act", "oia")), today=today,
                            request_period=request_period)
    return scope.assess(str(item["text"]), context)


def _pr(pairs: list[tuple[bool, bool]]) -> dict[str, float]:
    tp = sum(1 for truth, guess in pairs if truth and guess)
    fp = sum(1 for truth, guess in pairs if not truth and guess)
    fn = sum(1 for truth, guess in pairs if truth and not guess)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": precision, "recall": recall, "tp": tp, "fp": fp, "fn": fn}


def evaluate(items: list[dict]) -> dict:
    rows = []
    for item in items:
        assessment = predict(item)
        rows.append((item, assessment))
    truth = [row[0]["outcome"] in POSITIVE for row in rows]
    high = [row[1].risk == "high" for row in rows]
    medium = [row[1].risk in ("medium", "high") for row in rows]
    return {
        "items": len(rows),
        "positives": sum(truth),
        "high": _pr(list(zip(truth, high, strict=True))),
        "medium_or_high": _pr(list(zip(truth, medium, strict=True))),
        "rows": rows,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT_SET)
    parser.add_argument("--verbose", "-v", action="store_true")
    args = parser.parse_args(argv)
    result = evaluate(load_items(args.path))
    if args.verbose:
        for item, assessment in result["rows"]:
            mark = "+" if item["outcome"] in POSITIVE else " "
            print(f"{mark} {assessment.risk:<6} {assessment.score:>5.1f}  {item['id']:<34} "
                  f"{', '.join(f.rule for f in assessment.findings)}")
        print()
    print(f"{result['items']} items, {result['positives']} positive "
          f"(refused under 18(f)/17(f) or asked to refine)")
    for key, label in (("high", "high"), ("medium_or_high", ">= medium")):
        figures = result[key]
        print(f"{label:>10}: precision {figures['precision']:.2f}  recall {figures['recall']:.2f}"
              f"  (tp {figures['tp']}, fp {figures['fp']}, fn {figures['fn']})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
