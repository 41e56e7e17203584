"""Keypress to letter update, for drafts of 50 and 1,000 parts, in process.

A draft with N parts waits at the "describe your next part" question; each keystroke in the
chat box re-assesses the text being typed and re-renders the live letter (with the new part
in it). Measured two ways:

- handler: the time our `on_typing` takes (assess + render + update the letter widget);
- key to frame: from the key event reaching the chat box to the next frame Textual writes
  (App._display) after the letter was updated, i.e. what the person sees, against the same for a bare Textual app with a
  TextArea (Textual's own cost of echoing a character);
- Pilot round trip, for reference only (mostly Pilot's own waiting).

Targets: median key -> frame under 16 ms at 50 parts and under 50 ms at 1,000 parts.

    .venv/bin/python bench/keypress.py [--keys 60] [--parts 50 1000]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import tempfile
import time
from datetime import date

TEXT = ("Briefings and aide-memoires to the Minister of Foreign Affairs about the Convention "
        "on Cluster Munitions between 1 March and 30 June 2023")


def make_draft(count: int):
    """A draft waiting at "describe your next part" (built through the interview, so its
    conversation state is real)."""
    from oiadraft.interview import Interview
    from oiadraft.model import Draft, Part

    draft = Draft()
    interview = Interview(today=date(2024, 9, 13))
    for answer in ("mfat", f"{count} parts", "2023", ""):
        interview.respond(draft, answer)
    draft.parts.extend(Part(text=f"Cabinet papers about topic {n} considered by the Cabinet "
                                 f"Economic Policy Committee") for n in range(1, count))
    interview.respond(draft, f"Cabinet papers about topic {count} considered by the Cabinet "
                             "Economic Policy Committee")
    return draft


def instrument_frames(widget_class, state: dict | None = None) -> list[float]:
    """Record, for each key the widget receives, the time until the first frame displayed
    after `state["ready"]` is set (immediately, when no one sets it)."""
    from textual.app import App

    results: list[float] = []
    state = {} if state is None else state
    waits_for_ready = "ready" in state
    original_key = widget_class._on_key
    original_display = App._display

    async def on_key(self, event):
        state["key"] = time.perf_counter()
        if waits_for_ready:
            state["ready"] = False
        await original_key(self, event)

    def display(self, screen, renderable):
        original_display(self, screen, renderable)
        if "key" in state and renderable is not None and state.get("ready", True):
            results.append(time.perf_counter() - state.pop("key"))

    widget_class._on_key = on_key
    App._display = display
    return results


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def measure_oiadraft(keys: int, count: int) -> tuple[list[float], list[float],
                                                           list[float]]:
    from oiadraft.store import Store
    from oiadraft.tui.app import make_app
    from oiadraft.tui.screens.chat import ChatScreen
    from oiadraft.tui.widgets.chat_input import ChatInput
    from oiadraft.tui.widgets.letter import LetterPane

    draft = make_draft(count)
    Store().save(draft)
    handler_times: list[float] = []
    # on_typing is registered by @on, so time the two methods it calls for each keystroke.
    originals = (ChatScreen._refresh_findings, ChatScreen._refresh_letter)
    pending: dict[str, float] = {}

    def findings(self, typing=None):
        start = time.perf_counter()
        originals[0](self, typing)
        pending["findings"] = time.perf_counter() - start

    def letter(self, typing=None):
        start = time.perf_counter()
        originals[1](self, typing)
        if typing is not None:
            handler_times.append(time.perf_counter() - start + pending.pop("findings", 0.0))
            frame_state["ready"] = True

    ChatScreen._refresh_findings = findings
    ChatScreen._refresh_letter = letter
    frame_state: dict = {"ready": False}
    key_to_frame = instrument_frames(ChatInput, frame_state)
    round_trips: list[float] = []
    app = make_app(today=date(2024, 9, 13), draft_id=draft.id, offer_resume=False,
                   system_clipboard=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        for char in (TEXT * 3)[:keys]:
            key = "space" if char == " " else char
            start = time.perf_counter()
            await pilot.press(key)
            round_trips.append(time.perf_counter() - start)
        typed = (TEXT * 3)[:keys].strip()
        shown = app.screen.query_one(LetterPane).text
        assert typed in shown or "the letter goes on" in shown, "the letter missed the part"
    ChatScreen._refresh_findings, ChatScreen._refresh_letter = originals
    return handler_times, round_trips, key_to_frame


async def measure_bare(keys: int) -> list[float]:
    from textual.app import App
    from textual.widgets import Footer, Header, TextArea

    class Bare(App):
        def compose(self):
            yield Header()
            yield TextArea(id="box")
            yield Footer()

    app = Bare()
    times: list[float] = []
    key_to_frame = instrument_frames(TextArea)
    async with app.run_test(size=(120, 40)) as pilot:
        app.query_one("#box").focus()
        await pilot.pause()
        for char in (TEXT * 3)[:keys]:
            key = "space" if char == " " else char
            start = time.perf_counter()
            await pilot.press(key)
            times.append(time.perf_counter() - start)
    return times, key_to_frame


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keys", type=int, default=60)
    parser.add_argument("--parts", type=int, nargs="+", default=[50, 1000])
    args = parser.parse_args()

    def line(label: str, values: list[float]) -> str:
        return (f"  {label:48} median {statistics.median(values) * 1000:6.2f} ms, "
                f"p95 {pct(values, .95) * 1000:6.2f} ms  (n={len(values)})")

    _bare, bare_frames = asyncio.run(measure_bare(args.keys))
    print(f"{args.keys} keystrokes per draft")
    print(line("key -> frame echoing it, bare TextArea app", bare_frames))
    for count in args.parts:
        with tempfile.TemporaryDirectory() as home:
            os.environ["OIADRAFT_HOME"] = home
            handler, ours, frames = asyncio.run(measure_oiadraft(args.keys, count))
        print(f"{count:,}-part draft")
        print(line("handler: assess + render + update letter", handler))
        print(line("key -> frame showing the new letter, oiadraft", frames))
        print(line("Pilot press() round trip, oiadraft", ours))
    print("targets: median key -> frame < 16 ms at 50 parts, < 50 ms at 1,000 parts")


if __name__ == "__main__":
    main()
