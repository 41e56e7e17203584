"""How fast are long pastes split and checked, now that part numbers have any length?

Builds a 1 MB request of 1,000 numbered parts (and one of 1,200 parts), then times in process:
`split_request` alone, and `check_text` (what `oiadraft check` does after reading the file),
each with the splitter's marker pattern as it is and with the old one that read at most three
digits (the baseline, measured in the same run; it finds only 999 parts). Prints medians and
the ratio now/baseline.

    .venv/bin/python bench/split_long.py
"""

from __future__ import annotations

import re
import statistics
import sys
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from oiadraft.commands.check import check_text  # noqa: E402
from oiadraft.letter import splitter  # noqa: E402

TODAY = date(2024, 9, 13)
OLD_MARKER = re.compile(
    r"""[ \t]*(?:
        \((?P<paren>\d{1,3}|[a-zA-Z]|[ivxIVX]{1,5})\)
      | (?P<num>\d{1,3})(?:\.(?!\d)|\)|:|[ \t]?[-–](?![-–]))
      | (?P<alpha>[a-zA-Z])[.)](?![a-zA-Z0-9])
      | (?P<roman>[ivxIVX]{1,5})[.)](?![a-zA-Z0-9])
      | (?P<bullet>[-*•‣◦▪●])
    )[ \t]+(?=\S)""",
    re.VERBOSE,
)
PART = ("Copies of all briefings, aides-memoire and emails between the Ministry and the "
        "Minister's office about the review of the scheme numbered {n}, including the "
        "2023 - 2024 figures and any advice on the 2,000 submissions received, from 1 March "
        "2024 to 31 August 2024. ")


def paste(parts: int, size: int) -> str:
    body = max(1, size // parts - 12)
    items = []
    for n in range(1, parts + 1):
        words = (PART.format(n=n) * (body // len(PART) + 1))[:body].rstrip()
        items.append(f"{n}. {words}")
    return "Kia ora,\n\nPlease provide:\n\n" + "\n\n".join(items) + "\n\nNgā mihi,\nSam\n"


def median_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def with_marker(pattern, fn):
    def run():
        saved = splitter._MARKER
        splitter._MARKER = pattern
        try:
            return fn()
        finally:
            splitter._MARKER = saved
    return run


def main() -> int:
    for parts in (1000, 1200):
        text = paste(parts, 1_000_000)
        found = len(splitter.split_request(text, today=TODAY).parts)
        old_found = len(with_marker(OLD_MARKER,
                                    lambda t=text: splitter.split_request(t, today=TODAY))().parts)
        print(f"{parts}-part paste, {len(text.encode()) / 1e6:.2f} MB: {found} parts found "
              f"(baseline: {old_found})")
        for label, fn, runs in (
            ("split_request", lambda t=text: splitter.split_request(t, today=TODAY), 15),
            ("check_text", lambda t=text: check_text(t, today=TODAY), 5),
        ):
            now, base = [], []
            for _ in range(runs):  # alternate, so drift in the machine's speed hits both
                now.append(median_ms(fn, 1))
                base.append(median_ms(with_marker(OLD_MARKER, fn), 1))
            ratio = statistics.median(a / b for a, b in zip(now, base, strict=True))
            print(f"  {label:<14} median {statistics.median(now):8.1f} ms   baseline "
                  f"{statistics.median(base):8.1f} ms   ratio {ratio:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
