"""Interview speed on big drafts: median time of a `view`, a `preview` and a `respond` turn at
50 and 1,000 parts, against assessing one new part (the floor: every turn that adds a part
must do that much) measured in the same run.

Run: .venv/bin/python bench/interview_turn.py [--rounds N]

A turn takes undo snapshots of the whole draft and saves the conversation state; nothing in it
should grow with the number of parts beyond that. The ratios say how far above the floor each
call is; compare the 50- and 1,000-part rows to see what the draft's size costs.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TODAY = date(2024, 9, 13)


def draft_of(count: int):
    from oiadraft.model import Draft, Part, Period

    return Draft(agency="Ministry of Foreign Affairs and Trade", agency_id="mfat",
                 topic="cluster munitions", period=Period(date(2023, 1, 1), date(2023, 12, 31)),
                 parts=[Part(text=f"Briefings to the Minister about topic {n} and its review")
                        for n in range(1, count + 1)],
                 conversation={"version": 1, "answered": ["agency", "topic", "period"]})


def median_ms(run, rounds: int) -> float:
    times = []
    for round_number in range(rounds):
        start = time.perf_counter()
        run(round_number)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=40)
    rounds = parser.parse_args().rounds

    from oiadraft import scope
    from oiadraft.interview import Interview

    interview = Interview(today=TODAY)
    context = interview.context(draft_of(1))
    floor = median_ms(lambda n: scope.assess(f"Cabinet papers about subject {n} in 2023",
                                             context), rounds)
    print(f"floor: assess one new part        {floor:8.2f} ms")
    for count in (50, 1000):
        measure(interview, draft_of(count), count, floor, rounds)


def measure(interview, draft, count: int, floor: float, rounds: int) -> None:
    """Print the medians for one draft."""
    interview.view(draft)  # warm the cache for the parts already there
    view = median_ms(lambda n: interview.view(draft), rounds)
    preview = median_ms(lambda n: interview.preview(
        draft, f"Emails from the Minister about item {count}-{n} in 2023"), rounds)
    respond = median_ms(lambda n: interview.respond(
        draft, f"Aide-memoires about item {count}-{n} in 2023"), rounds)
    undo = median_ms(lambda n: interview.respond(draft, "undo"), rounds)
    for name, value in (("view", view), ("preview", preview), ("respond (new part)", respond),
                        ("respond (undo)", undo)):
        print(f"{count:5d} parts  {name:20s} {value:8.2f} ms  {value / floor:6.2f}x floor")

if __name__ == "__main__":
    main()
