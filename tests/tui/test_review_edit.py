"""The review screen's part editor: new wording is never thrown away by one stray Escape."""

from __future__ import annotations

from oiadraft.tui.dialogs.edit_part import EditPartScreen
from oiadraft.tui.screens.review import ReviewScreen

from .conftest import open_screen, ready, saved_draft

START = ("mfat", "cluster munitions", "2023", "yes", "Cabinet papers about cluster munitions")


async def test_escape_asks_before_throwing_away_a_reworded_part(app_factory):
    draft = saved_draft(*START)
    app = app_factory(draft_id=draft.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        review = await open_screen(pilot, "ctrl+r", ReviewScreen)
        editor = await open_screen(pilot, "e", EditPartScreen)
        area = editor.query_one("#part-text")
        area.text = "Cabinet papers and minutes about cluster munitions in 2023"
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is editor and "Escape again" in str(
            editor.query_one("#problem").render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is review
        assert review.draft.parts[0].text == (
            "Cabinet papers and minutes about cluster munitions in 2023")
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is review, "nothing changed: one Escape closes it"
