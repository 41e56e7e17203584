"""What the scope analyser says, in digest form, so that a change made for speed can be shown to
change nothing.

For every part of tests/data/scope_eval.yaml (in the context it was judged in, as
bench/fit_scope.py builds it) one line: the item id, the risk, the likelihood to 6 places and a
short hash of everything else the analyser works out (each feature's value, the findings in
full, the period, the reasons, the words echoed back). Then the same for each part of whole
requests checked as `oiadraft check` does (split, every part, the request as a whole, the JSON
and the text report): the seed, MFAT's refinement, and a numbered paste of 120 parts.

    .venv/bin/python bench/scope_digest.py            # rewrite tests/data/scope_digest.txt
    .venv/bin/python bench/scope_digest.py --check    # only say whether it still matches

tests/test_scope_digest.py compares the analyser with the stored file. When the analyser's
results are meant to change (a refit, a new rule), run this script and read the diff: it names
every part whose result moved.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import fit_scope  # noqa: E402
import scope_eval  # noqa: E402

from oiadraft.commands import check  # noqa: E402
from oiadraft.fsutil import atomic_write_text  # noqa: E402
from oiadraft.scope import assess, load_model  # noqa: E402

DIGEST_FILE = REPO / "tests" / "data" / "scope_digest.txt"
DATA = REPO / "tests" / "data"
TODAY = date(2024, 9, 13)
HEADER = ("# The scope analyser's results, one line per part: id, risk, likelihood (6 places), a\n"
          "# hash of the rest. Written by bench/scope_digest.py; never edit by hand.\n")


def _hash(value: Any) -> str:
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _likelihood(assessment: Any) -> float:
    """The model's likelihood from the part's feature values, unrounded (then to 6 places)."""
    return round(load_model().likelihood(assessment.signals), 6)


def part_line(name: str, assessment: Any) -> str:
    rest = {
        "signals": {k: round(v, 6) for k, v in sorted(assessment.signals.items())},
        "score": assessment.score,
        "likelihood": assessment.likelihood,
        "reasons": list(assessment.reasons),
        "findings": [f.to_dict() | {"contribution": round(f.contribution, 6)}
                     for f in assessment.findings],
        "acknowledged": [f.to_dict() for f in assessment.acknowledged_findings],
        "period": [str(assessment.period), assessment.period_source, assessment.period_text,
                   assessment.period_span],
        "record_kind": assessment.record_kind,
        "features": assessment.features,
    }
    return f"{name}\t{assessment.risk}\t{_likelihood(assessment):.6f}\t{_hash(rest)}"


def numbered_paste(count: int) -> str:
    """`count` numbered parts taken in turn from the seed and MFAT's refinement."""
    pieces = []
    for name in ("seed_request.txt", "mfat_refined.txt"):
        text = (DATA / name).read_text(encoding="utf-8")
        split = check.check_text(text, today=TODAY)["split"]
        pieces.extend(part.text for part in split.parts)
    parts = [f"{n}. {pieces[(n - 1) % len(pieces)]} (item {n})" for n in range(1, count + 1)]
    return "Kia ora,\n\n" + "\n\n".join(parts) + "\n\nNgā mihi,\nSam\n"


def request_lines(name: str, text: str) -> list[str]:
    report = check.check_text(text, today=TODAY)
    assessment = report["assessment"]
    lines = [part_line(f"{name}#{number}", part)
             for number, part in zip(assessment.numbers, assessment.parts, strict=True)]
    whole = {"json": check.report_json(report), "text": check.report_text(report, name)}
    lines.append(f"{name}\t{assessment.risk}\t-\t{_hash(whole)}")
    return lines


def digest_lines() -> list[str]:
    lines = []
    for item in scope_eval.load_items():
        lines.append(part_line(str(item["id"]),
                               assess(str(item["text"]), fit_scope.context_of(item))))
    for name in ("seed_request.txt", "mfat_refined.txt"):
        lines.extend(request_lines(name, (DATA / name).read_text(encoding="utf-8")))
    lines.extend(request_lines("paste-120", numbered_paste(120)))
    return lines


def stored_lines() -> list[str]:
    text = DIGEST_FILE.read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line and not line.startswith("#")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="only say whether the stored digest still matches")
    args = parser.parse_args(argv)
    lines = digest_lines()
    if args.check:
        changed = sorted(set(lines) ^ set(stored_lines()))
        print(f"{len(lines)} lines; {len(changed)} differ from {DIGEST_FILE.name}")
        for line in changed[:20]:
            print("  " + line)
        return 1 if changed else 0
    atomic_write_text(DIGEST_FILE, HEADER + "\n".join(lines) + "\n", mode=0o644)
    print(f"wrote {len(lines)} lines to {DIGEST_FILE.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
