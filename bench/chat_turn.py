"""One turn of the chat in Pilot (headless, in process): Enter -> the reply on screen.

A ten-answer conversation (agency, topic, period, a part, done, the defaults, a name) is typed
the way the TUI tests type it: the text is put in the box, Enter is pressed, and Pilot waits
until the app is idle. The same is done, in the same run, with a bare Textual app whose Enter
mounts one Static for the answer and one for a reply in a VerticalScroll (Textual's own cost
of a chat turn), so the ratio says what oiadraft adds. The first conversation of each app
warms caches (Act profiles, the breadth analyser's rules, imports) and is not counted.

    .venv/bin/python bench/chat_turn.py [--rounds 3]
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

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

ANSWERS = ["mfat", "What MFAT told Ministers about the cluster munitions convention",
           "1 October 2020 to 13 September 2024", "",
           "Cabinet papers about cluster munitions", "done", "", "", "", "no", "Aroha Smith"]
REPLY = ("**Got it.** Next: what period should the request cover? You can say *2023*, "
         "*since 1 March 2024* or *the last two years*.")


async def oiadraft_turns() -> list[float]:
    from textual.widgets import TextArea

    from oiadraft.tui.app import make_app
    from oiadraft.tui.widgets.chat_input import ChatInput

    TextArea.cursor_blink._default = False  # as in the tests: nothing blinks
    app = make_app(today=date(2024, 9, 13), offer_resume=False, system_clipboard=None)
    app.animation_level = "none"
    times: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        for answer in ANSWERS:
            start = time.perf_counter()
            app.screen.query_one(ChatInput).text = answer
            await pilot.press("enter")
            await pilot.pause()
            times.append(time.perf_counter() - start)
        assert app.screen.draft.requester.name == "Aroha Smith", "the conversation went astray"
    return times


async def bare_turns() -> list[float]:
    from textual.app import App, ComposeResult
    from textual.containers import VerticalScroll
    from textual.widgets import Footer, Header, Static, TextArea

    class Bare(App):
        def compose(self) -> ComposeResult:
            yield Header()
            yield VerticalScroll(id="transcript")
            yield TextArea(id="box")
            yield Footer()

        def on_key(self, event) -> None:
            if event.key == "enter":
                event.prevent_default()
                box = self.query_one("#box", TextArea)
                transcript = self.query_one("#transcript")
                transcript.mount(Static(box.text or "⏎"))
                transcript.mount(Static(REPLY))
                box.clear()

    TextArea.cursor_blink._default = False
    app = Bare()
    times: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        app.query_one("#box").focus()
        await pilot.pause()
        for answer in ANSWERS:
            start = time.perf_counter()
            app.query_one("#box", TextArea).text = answer
            await pilot.press("enter")
            await pilot.pause()
            times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        os.environ["OIADRAFT_HOME"] = home
        asyncio.run(oiadraft_turns())  # warm-up
        asyncio.run(bare_turns())
        ours: list[float] = []
        bare: list[float] = []
        for _ in range(args.rounds):  # alternate, so both see the same machine load
            bare.extend(asyncio.run(bare_turns()))
            ours.extend(asyncio.run(oiadraft_turns()))
    base = statistics.median(bare)
    print(f"chat turn in Pilot (120x40), {len(ANSWERS)} answers x {args.rounds} rounds, "
          f"load average {os.getloadavg()[0]:.2f}")
    for label, times in (("bare Textual app (two Statics per Enter)", bare),
                         ("oiadraft", ours)):
        median = statistics.median(times)
        print(f"  {label:42} median {median * 1000:6.1f} ms  (max {max(times) * 1000:.1f}, "
              f"whole conversation {sum(times) / args.rounds * 1000:.0f} ms; "
              f"ratio {median / base:.2f})")


if __name__ == "__main__":
    main()
