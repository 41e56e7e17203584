"""A paste is text: escape codes and control characters never become keys or reach the draft."""

from __future__ import annotations

from textual import events

from oiadraft.tui.terminal import PasteFilter, PasteSafeParser
from oiadraft.tui.widgets.chat_input import ChatInput
from oiadraft.tui.widgets.standins import LARGE_PASTE

from .conftest import conversation

PASTE = ("1. Briefings to the Minister about \x1b[31mcluster munitions\x1b[0m in 2023\r\n"
         "2. Minutes of the Disarmament Committee\x1b\x11 about the Convention\x07\x08")
CLEAN = ("1. Briefings to the Minister about cluster munitions in 2023\n"
         "2. Minutes of the Disarmament Committee about the Convention")
STREAM = "x\x1b[200~" + PASTE + "\x1b[201~yz"


def parse(chunks: list[str]) -> list:
    parser = PasteSafeParser()
    events_seen = []
    for chunk in chunks:
        events_seen.extend(parser.feed(chunk))
    return events_seen


def keys_and_pastes(seen: list) -> list:
    return [(type(e).__name__, getattr(e, "key", None) or getattr(e, "text", None))
            for e in seen]


def test_a_paste_with_escape_codes_is_one_clean_paste():
    assert keys_and_pastes(parse([STREAM])) == [("Key", "x"), ("Paste", CLEAN), ("Key", "y"),
                                                 ("Key", "z")]


def test_the_same_wherever_the_terminal_splits_its_reads():
    whole = keys_and_pastes(parse([STREAM]))
    for cut in range(1, len(STREAM)):
        assert keys_and_pastes(parse([STREAM[:cut], STREAM[cut:]])) == whole, cut
    assert keys_and_pastes(parse(list(STREAM))) == whole


def test_escape_outside_a_paste_is_passed_on_at_once():
    """The Escape key (and any key sequence) is never held back waiting for more input."""
    paste_filter = PasteFilter()
    assert paste_filter.feed("a") == "a"
    assert paste_filter.feed("\x1b") == "\x1b"
    assert paste_filter.feed("\x1b[A") == "\x1b[A"
    assert not paste_filter.in_paste


async def test_pasted_controls_never_reach_the_draft(app_factory):
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await conversation(pilot, "mfat", "cluster munitions", "2023", "")
        box = app.screen.query_one(ChatInput)
        app.post_message(events.Paste(PASTE))  # as the terminal driver sends it
        await pilot.pause()
        assert box.text == CLEAN
        await pilot.press("enter")
        await pilot.pause()
        texts = [part.text for part in app.screen.draft.parts]
        assert len(texts) == 2 and "\x1b" not in "".join(texts) and "[31m" not in texts[0]
        assert texts[1].endswith("about the Convention")


async def test_a_large_paste_is_cleaned_too(app_factory):
    app = app_factory()
    line = "Briefings to the Minister about topic {n} in 2023 \x1b[1mbold\x1b[0m " + "x" * 200
    text = "\n".join(f"{n}. " + line.format(n=n) for n in range(1, 101))
    assert len(text) > LARGE_PASTE
    async with app.run_test(size=(120, 40)) as pilot:
        await conversation(pilot, "mfat", "cluster munitions", "2023", "")
        app.post_message(events.Paste(text))
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        parts = app.screen.draft.parts
        assert len(parts) == 100
        assert all("\x1b" not in p.text and "[1m" not in p.text for p in parts)
