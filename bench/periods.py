"""find_periods speed: median and p99 per call on request parts (targets: < 30 us for a
~300-character part with no dates, < 100 us with two), plus parse_period per answer.

Run: .venv/bin/python bench/periods.py [--rounds N]

The scope analyser calls find_periods for every part on every keystroke, so each text is timed
"warm" (the same text again, as when the user types elsewhere in the letter) and "cold" (the
endpoint cache cleared first, as for a phrase just typed).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from oiadraft import periods

TODAY = date(2024, 9, 13)
NO_DATES = (
    "Copies of all briefings, aide-memoires, emails and file notes provided to the Minister of "
    "Foreign Affairs that relate to the Convention on Cluster Munitions and New Zealand's "
    "obligations under Article 21(2) of that Convention with regard to the conflict in Ukraine, "
    "including the 12th Meeting of States Parties."
)
NO_DATES_WITH_CUES = (
    "Copies of the last briefings and file notes provided to the Minister of Foreign Affairs "
    "in 2000 pages or fewer that relate to the Convention on Cluster Munitions, section 9(2)(a) "
    "and New Zealand's obligations under that Convention with regard to the conflict in Ukraine, "
    "from the Ministry of Defence, for the 12th Meeting of States Parties."
)
TWO_DATES = (
    "Copies of all advice since October 2020 to the Ministers of (a) Disarmament and Arms "
    "Control and (b) Foreign Affairs that relate to the Convention on Cluster Munitions and New "
    "Zealand's obligations under that Convention with regard to the conflict in Ukraine. All "
    "timeframes are from 1 October 2020 to 13 September 2024."
)
ANSWERS = ["since October 2020", "1/10/2020 to 13/9/2024", "the last two years", "2023",
           "between March and June 2023", "the 2022/23 financial year",
           "from 1 October 2020 to the date of this request"]


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def timings(call, rounds: int, before=None) -> list[float]:
    out = []
    for _ in range(rounds):
        if before is not None:
            before()
        started = time.perf_counter()
        call()
        out.append((time.perf_counter() - started) * 1e6)
    return out


def report(label: str, values: list[float]) -> None:
    print(f"{label:48s} median {statistics.median(values):7.1f} us   "
          f"p99 {percentile(values, 0.99):7.1f} us")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20000)
    rounds = parser.parse_args().rounds
    clear = periods._read_unit.cache_clear
    for name, text in (("no dates", NO_DATES), ("no dates, words that may begin one",
                                                 NO_DATES_WITH_CUES), ("two dates", TWO_DATES)):
        assert len(periods.find_periods(text, today=TODAY)) == (2 if text is TWO_DATES else 0)
        report(f"find_periods, {name} ({len(text)} chars), warm",
               timings(lambda t=text: periods.find_periods(t, today=TODAY), rounds))
        if text is TWO_DATES:
            report(f"find_periods, {name} ({len(text)} chars), cold",
                   timings(lambda t=text: periods.find_periods(t, today=TODAY), rounds, clear))
    answers = timings(lambda: [periods.parse_period(a, today=TODAY) for a in ANSWERS],
                      max(1, rounds // 10), clear)
    report(f"parse_period, per answer (cold, {len(ANSWERS)} kinds)",
           [value / len(ANSWERS) for value in answers])
    return 0


if __name__ == "__main__":
    sys.exit(main())
