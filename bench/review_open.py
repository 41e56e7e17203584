"""Ctrl+R on a big draft: time from the key to the first frame that shows the review screen.

A draft of N parts (built through the interview, waiting for the next part) is opened in the
app (headless, in process); Ctrl+R is pressed several times (Escape closes the review in
between) and each key -> frame time is recorded. Target: under 1 s at 1,000 parts.

    .venv/bin/python bench/review_open.py [--parts 50 1000] [--rounds 5]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from keypress import make_draft  # a sibling bench script


async def measure(count: int, rounds: int) -> list[float]:
    from textual.app import App

    from oiadraft.store import Store
    from oiadraft.tui.app import make_app
    from oiadraft.tui.screens.review import ReviewScreen

    draft = make_draft(count)
    Store().save(draft)
    times: list[float] = []
    state: dict[str, float] = {}
    original = App._display

    def display(self, screen, renderable):
        original(self, screen, renderable)
        if "key" in state and renderable is not None and isinstance(screen, ReviewScreen):
            times.append(time.perf_counter() - state.pop("key"))

    App._display = display
    app = make_app(today=date(2024, 9, 13), draft_id=draft.id, offer_resume=False,
                   system_clipboard=None)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            for _ in range(rounds):
                state["key"] = time.perf_counter()
                await pilot.press("ctrl+r")
                await pilot.pause()
                assert isinstance(app.screen, ReviewScreen)
                await pilot.press("escape")
                await pilot.pause()
    finally:
        App._display = original
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parts", type=int, nargs="+", default=[50, 1000])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    for count in args.parts:
        with tempfile.TemporaryDirectory() as home:
            os.environ["OIADRAFT_HOME"] = home
            times = asyncio.run(measure(count, args.rounds))
        print(f"{count:>6,} parts: Ctrl+R -> review on screen, median "
              f"{statistics.median(times) * 1000:7.1f} ms (min {min(times) * 1000:.1f}, "
              f"max {max(times) * 1000:.1f}; n={len(times)})")
    print("target: under 1 s at 1,000 parts")


if __name__ == "__main__":
    main()
