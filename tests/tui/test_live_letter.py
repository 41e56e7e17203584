"""The letter pane while typing a part: what is on screen (not just the pane's text) follows
every key, whether the part is in sight or below it, and the pane's text is the letter."""

from __future__ import annotations

import pytest

from oiadraft.interview import Interview
from oiadraft.model import Draft, Part
from oiadraft.store import Store
from oiadraft.tui.widgets.letter import LetterPane

from .conftest import TODAY, saved_draft, send_keys


def waiting_for_a_part(count: int) -> Draft:
    """A saved draft of `count` parts at "describe your next part"."""
    draft = saved_draft("mfat", "cluster munitions", "2023", "")
    draft.parts.extend(Part(text=f"Cabinet papers about topic {n}") for n in range(1, count))
    Interview(today=TODAY).respond(draft, f"Cabinet papers about topic {count}")
    Store().save(draft)
    return draft


def on_screen(pane: LetterPane) -> str:
    """The pane's lines as the screen has them (through Textual's line caches)."""
    return "\n".join(strip.text for strip in pane.render_lines(pane.size.region))


async def type_keys(pilot, text: str) -> None:
    """Each key as a terminal delivers a quick typist's keys, then a wait for the screen: every
    key still goes through the box and the pane on its own."""
    send_keys(pilot.app, list(text))
    await pilot.pause()


@pytest.mark.parametrize("count", [1, 40], ids=["in-sight", "below-the-fold"])
async def test_the_pane_shows_each_key_of_a_part_being_typed(app_factory, count):
    draft = waiting_for_a_part(count)
    app = app_factory(draft_id=draft.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        pane = app.screen.query_one(LetterPane)
        await type_keys(pilot, "Minutes of")
        await pilot.pause()
        assert "Minutes of" in on_screen(pane)
        await type_keys(pilot, " the Cabinet")
        await pilot.pause()
        assert "Minutes of the Cabinet" in on_screen(pane)
        send_keys(app, ["backspace"] * len(" the Cabinet"))
        await pilot.pause()
        shown = on_screen(pane)
        assert "Minutes of" in shown and "Cabinet" not in shown.split("Minutes of")[1]
        assert f"{count + 1}. Minutes of" in pane.text
        assert pane.text == app.letter_text(_with_typed(app.screen.draft, "Minutes of"))


def _with_typed(draft: Draft, typed: str) -> Draft:
    copy = draft.copy()
    copy.parts.append(Part(text=typed))
    return copy
