"""Is the hold-out like the development items? What each side is made of, never what the
agencies decided: no outcome of a hold-out item is read or printed, so running this is not a
look at the hold-out (bench/holdout_looks.yaml records looks; this is not one).

For the labelled fields (agency kind, record kind, Act, wording, where the item comes from,
parts in the request) and for every feature of the model, the share of parts on each side,
flagging a difference of more than SHIFT. A feature the model weighs heavily that is much
rarer or commoner in the hold-out is where a gap between the cross-validated and the
hold-out figures can come from; a source or agency the development set leans on by accident
is one to regularise or drop.

    .venv/bin/python bench/scope_shift.py
"""

from __future__ import annotations

import statistics
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import fit_scope  # noqa: E402
import scope_eval  # noqa: E402

from oiadraft import yamlio  # noqa: E402

SHIFT = 0.08
"""A difference in share worth a flag (about twice the standard error of a hold-out share)."""


def source_of(item: dict[str, Any]) -> str:
    """Where an item comes from: an FYI.org.nz thread, an Ombudsman note, or an agency's log."""
    key = scope_eval.group_key(item)
    if "fyi.org.nz" in key:
        return "FYI thread"
    if "ombudsman" in key:
        return "Ombudsman"
    return "agency log or other"


FIELDS: dict[str, Callable[[dict[str, Any]], str]] = {
    "agency kind": lambda item: str(item["agency_kind"]),
    "record kind": lambda item: str(item["record_kind"]),
    "Act": lambda item: str(item["act"]),
    "wording": lambda item: str(item["wording"]),
    "source": source_of,
    "parts in request": lambda item: str(min(int(item.get("parts_in_request") or 1), 6))
    .replace("6", "6+"),
}


def shares(items: list[dict[str, Any]], key: Callable[[dict[str, Any]], str]
           ) -> dict[str, float]:
    counts = Counter(key(item) for item in items)
    return {value: count / len(items) for value, count in counts.items()}


def _line(label: str, dev: float, held: float, weight: str = "") -> str:
    flag = "  <-" if abs(dev - held) > SHIFT else ""
    return f"    {label:<23}{dev:>11.0%}{held:>9.0%}{weight}{flag}"


def main() -> int:
    development, holdout = scope_eval.split_holdout(scope_eval.load_items())
    print(f"development {len(development)} parts, hold-out {len(holdout)} parts "
          "(shares of parts; no outcomes read)")
    for name, key in FIELDS.items():
        dev, held = shares(development, key), shares(holdout, key)
        print(f"  {name + ':':<25}{'development':>11}{'hold-out':>9}")
        for value in sorted(set(dev) | set(held)):
            print(_line(value, dev.get(value, 0.0), held.get(value, 0.0)))
    top = Counter(str(item["agency"]) for item in development).most_common(3)
    print("  largest agencies (development): "
          + "; ".join(f"{name} {count / len(development):.0%}" for name, count in top))
    weights = yamlio.load_file(fit_scope.MODEL_PATH)["weights"]
    dev_rows, held_rows = fit_scope.rows_of(development), fit_scope.rows_of(holdout)
    print(f"  {'model features:':<25}{'development':>11}{'hold-out':>9}   weight")
    for name in fit_scope.feature_names():
        dev = sum(1 for row in dev_rows if row.get(name)) / len(dev_rows)
        held = sum(1 for row in held_rows if row.get(name)) / len(held_rows)
        if dev or held:
            print(_line(name, dev, held, f"   {float(weights.get(name, 0.0)):+.2f}"))
    length = [len(str(item["text"])) for item in development]
    held_length = [len(str(item["text"])) for item in holdout]
    print(f"  median part length: development {statistics.median(length):.0f} characters, "
          f"hold-out {statistics.median(held_length):.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
