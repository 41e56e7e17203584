"""The clause library as a requester meets it: quick keys, and clause files that are broken or
added while the app is open."""

from __future__ import annotations

from oiadraft.tui.dialogs.clause_editor import ClauseEditorScreen
from oiadraft.tui.screens.library import ClauseLibraryScreen

from .conftest import ready, send_keys


async def open_library(pilot) -> ClauseLibraryScreen:
    await ready(pilot)
    await pilot.press("ctrl+l")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ClauseLibraryScreen)
    return screen


async def test_down_then_e_typed_at_once_edits_the_clause(app_factory):
    """Down moves into the results; an e typed straight after it is the Edit key there, not a
    letter added to the search."""
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        library = await open_library(pilot)
        library.query_one("#clause-search").value = "watermark"
        await app.workers.wait_for_complete()
        await pilot.pause()
        send_keys(app, ["down", "e"])
        await pilot.pause()
        await pilot.pause()
        assert library.query_one("#clause-search").value == "watermark"
        assert isinstance(app.screen, ClauseEditorScreen)


async def test_enter_then_i_typed_at_once_inserts_the_clause(app_factory):
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        library = await open_library(pilot)
        library.query_one("#clause-search").value = "watermark"
        await app.workers.wait_for_complete()
        await pilot.pause()
        send_keys(app, ["enter", "i"])
        await pilot.pause()
        await pilot.pause()
        assert library.query_one("#clause-search").value == "watermark"
        assert "no-watermark" in library.draft.clauses
