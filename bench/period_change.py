"""A period change on a big draft: median time of the turn that changes it (the "yes" to the
period read back), which rates every untouched part in the new period and says which ratings
moved, at 200 and 1,000 realistic parts.

Run: .venv/bin/python bench/period_change.py [--parts 200 1000] [--rounds 7]

Parts are the real request parts of tests/data/scope_eval.yaml (each made unique by a
subject of its own, as a long draft's parts are), so the analyser does the work it does on
real requests. Each round starts with the analyser's cache empty, then:

- `turn, cold`: the turn on a draft whose parts were never rated (a draft just opened);
- `turn, rated`: the turn on a draft whose parts were all rated before the change (the
  letter pane, the review, a part added: what a draft in use has);
- `rate once`: every part rated once in the new period and nothing else (`assess_all`): the
  floor, what the turn cost before it said which ratings moved, measured in the same run.

Target: the turn within about 0.3 s at 200 parts.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TODAY = date(2024, 9, 13)


def real_parts() -> list[str]:
    from oiadraft import yamlio

    data = yamlio.load((ROOT / "tests" / "data" / "scope_eval.yaml").read_text("utf-8"),
                       "scope_eval.yaml")
    return [" ".join(str(item["text"]).split()) for item in data["items"]]


def draft_of(interview, texts: list[str], count: int):
    """A draft waiting for its next part, with `count` parts (built through the interview,
    so its conversation state is real), its period 2023."""
    from oiadraft.model import Draft, Part

    draft = Draft()
    for answer in ("mfat", "cluster munitions", "2023", ""):
        interview.respond(draft, answer)
    draft.parts.extend(Part(text=f"{texts[n % len(texts)]} (item {n})") for n in range(count))
    return draft


def clear_caches() -> None:
    from oiadraft.interview import engine

    engine._assess.cache_clear()


def change_period(interview, draft, year: int, rate_first: bool) -> float:
    """Seconds for the turn that changes the draft's period to `year`."""
    interview.respond(draft, "change period")
    interview.respond(draft, str(year))
    clear_caches()
    if rate_first:
        interview.assess_all(draft)
    start = time.perf_counter()
    reply = interview.respond(draft, "yes")
    elapsed = time.perf_counter() - start
    assert draft.period is not None and draft.period.start.year == year, reply.messages
    return elapsed


def rate_once(interview, draft, year: int) -> float:
    from oiadraft.model import Period

    draft.period = Period(date(year, 1, 1), date(year, 12, 31))
    clear_caches()
    start = time.perf_counter()
    interview.assess_all(draft)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parts", type=int, nargs="+", default=[200, 1000])
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()

    from oiadraft.interview import Interview

    texts = real_parts()
    print(f"{'parts':>6}  {'turn, cold':>12}  {'turn, rated':>12}  {'rate once':>12}")
    for count in args.parts:
        interview = Interview(today=TODAY)
        draft = draft_of(interview, texts, count)
        years = [2015 + (n % 8) for n in range(args.rounds)]  # each round a new period
        cold = [change_period(interview, draft, y, False) for y in years]
        rated = [change_period(interview, draft, y + 1, True) for y in years]
        floor = [rate_once(interview, draft, y) for y in years]
        print(f"{count:6d}  " + "  ".join(
            f"{statistics.median(times) * 1000:9.0f} ms" for times in (cold, rated, floor)))


if __name__ == "__main__":
    main()
