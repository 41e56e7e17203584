"""The clause library as a requester meets it: quick keys, and clause files that are broken or
added while the app is open."""

from __future__ import annotations

import pytest

from oiadraft import paths
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


async def searched_library(pilot, words: str) -> ClauseLibraryScreen:
    """The library with `words` in its search box and the results listed."""
    library = await open_library(pilot)
    library.query_one("#clause-search").value = words
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return library


@pytest.mark.parametrize("keys,done", [
    (["down", "e"], lambda app, library: isinstance(app.screen, ClauseEditorScreen)),
    (["enter", "i"], lambda app, library: "no-watermark" in library.draft.clauses),
], ids=["down-e-edits", "enter-i-inserts"])
async def test_a_move_then_a_clause_key_typed_at_once_acts_on_the_clause(app_factory, keys,
                                                                        done):
    """Down (or Enter) moves into the results; an e (or i) typed straight after it is the
    Edit (or Insert) key there, not a letter added to the search."""
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        library = await searched_library(pilot, "watermark")
        send_keys(app, keys)
        await pilot.pause()
        await pilot.pause()
        assert library.query_one("#clause-search").value == "watermark"
        assert done(app, library)


async def editor_from_results(pilot, library: ClauseLibraryScreen,
                              key: str = "n") -> ClauseEditorScreen:
    """The clause editor, opened with `key` in the results (n: a new clause, e: edit)."""
    library.query_one("#clause-results").focus()
    await pilot.press(key)
    await pilot.pause()
    editor = pilot.app.screen
    assert isinstance(editor, ClauseEditorScreen)
    return editor


BROKEN = "version: 1\nid: broken\ntitle: Broken\nkind: custom\nbody: |\n  text\n tags: [a\n"


async def test_a_broken_clause_file_is_reported_with_file_and_line_and_kept(app_factory):
    folder = paths.user_clauses_dir()
    broken = folder / "broken.yaml"
    broken.write_text(BROKEN, encoding="utf-8")
    app = app_factory()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        library = await open_library(pilot)
        status = str(library.query_one("#search-status").render())
        assert "1 clause file could not be read" in status
        told = [str(n.message) for n in app._notifications
                if n.title == "A clause file could not be read"]
        assert len(told) == 1 and "broken.yaml:7:" in told[0] and "YAML" in told[0]
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+l")
        await app.workers.wait_for_complete()
        await pilot.pause()
        told = [n for n in app._notifications if n.title == "A clause file could not be read"]
        assert len(told) == 1, "the same problem is told once, not on every visit"
    assert broken.read_text(encoding="utf-8") == BROKEN


GOOD = ("version: 1\nid: mine\ntitle: Added while open\nkind: custom\nacts: [oia, lgoima]\n"
        "body: |\n  Please reply by email.\n")


async def test_a_clause_file_written_while_the_app_is_open_shows_on_the_next_visit(app_factory):
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        library = await open_library(pilot)
        await pilot.press("escape")
        await pilot.pause()
        (paths.user_clauses_dir() / "mine.yaml").write_text(GOOD, encoding="utf-8")
        library = await open_library(pilot)
        library.query_one("#clause-search").value = "Added while open"
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert library.current() is not None and library.current().id == "mine"


async def test_escape_in_the_clause_editor_asks_before_throwing_away_a_new_clause(
        app_factory):
    from oiadraft.clauses import Library

    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        library = await open_library(pilot)
        editor = await editor_from_results(pilot, library)
        area = editor.query_one("#clause-yaml")
        area.text = area.text.replace("Write the paragraph here.", "Ten minutes of my words.")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is editor, "one Escape does not throw the words away"
        assert "Escape again" in str(editor.query_one("#editor-errors").render())
        assert "Ten minutes of my words." in area.text
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is library
    assert not any("Ten minutes" in c.body for c in Library.load().clauses())


async def test_escape_in_an_unchanged_clause_editor_closes_it_at_once(app_factory):
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        library = await open_library(pilot)
        await editor_from_results(pilot, library, "e")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is library


async def write_new_clause(pilot, library: ClauseLibraryScreen, title: str,
                           body: str | None) -> ClauseEditorScreen:
    """Press n in the results, give the template a title and (unless None) a body of one's
    own, and press Ctrl+S; the editor is returned (it is closed when the clause was saved)."""
    editor = await editor_from_results(pilot, library)
    area = editor.query_one("#clause-yaml")
    text = area.text.replace("title: My clause", f"title: {title}")
    if body is not None:
        head, _, _ = text.partition("body: |")
        text = f"{head}body: |\n  {body}\n"
    area.text = text
    await pilot.pause()
    await pilot.press("ctrl+s")
    await pilot.pause()
    return editor


async def test_a_second_new_clause_is_saved_beside_the_first_not_over_it(app_factory):
    """Two clauses written with n in a row: the template of the second does not carry the
    id of the first, so saving it leaves the first clause as it was."""
    from oiadraft.clauses import Library

    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        library = await open_library(pilot)
        await write_new_clause(pilot, library, "First", "Please reply by email.")
        assert app.screen is library
        await write_new_clause(pilot, library, "Second", "Please number each document.")
        assert app.screen is library
    bodies = {c.title: c.body.strip() for c in Library.load().clauses() if not c.builtin}
    assert bodies == {"First": "Please reply by email.",
                      "Second": "Please number each document."}


async def test_a_clause_is_not_saved_over_another_clause_with_the_same_id(app_factory):
    """Typing another clause's id (one of the requester's own or a built-in one) into the
    editor is refused at the id's line; the other clause is left as it was."""
    from oiadraft.clauses import Library

    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        library = await open_library(pilot)
        await write_new_clause(pilot, library, "First", "Please reply by email.")
        first = next(c for c in Library.load().clauses() if c.title == "First")
        for taken in (first.id, "no-watermark"):
            editor = await editor_from_results(pilot, library)
            area = editor.query_one("#clause-yaml")
            head, _, _ = area.text.partition("body: |")
            area.text = (head.replace("title: My clause", "title: Second")
                         .replace(head.split("\n")[1], f"id: {taken}")
                         + "body: |\n  Please number each document.\n")
            await pilot.pause()
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert app.screen is editor, f"saved over {taken}"
            said = str(editor.query_one("#editor-errors").render())
            assert "line 2:" in said and taken in said
            editor.dismiss(None)
            await pilot.pause()
    clauses = {c.id: c for c in Library.load().clauses()}
    assert clauses[first.id].body.strip() == "Please reply by email."
    assert clauses["no-watermark"].builtin
    assert not any(c.title == "Second" for c in clauses.values())


async def test_a_new_clause_still_holding_the_example_text_is_not_saved(app_factory):
    """Ctrl+S on the template as it came: its 'Write the paragraph here' would go into the
    letter word for word, so the editor asks for the paragraph instead."""
    from oiadraft.clauses import Library

    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        library = await open_library(pilot)
        editor = await write_new_clause(pilot, library, "Mine", None)
        assert app.screen is editor
        said = str(editor.query_one("#editor-errors").render())
        assert "example" in said and "line 12:" in said
    assert not any(c.title == "Mine" for c in Library.load().clauses())


@pytest.fixture
def full_disk(monkeypatch):
    """Every file write fails as on a full disk (a read-only folder fails the same way)."""
    import errno

    from oiadraft import fsutil

    def refuse(path, *args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(fsutil, "atomic_write_text", refuse)

    def cannot_move(path, folder):
        raise OSError(errno.EROFS, "Read-only file system", str(path))

    monkeypatch.setattr(fsutil, "move_to_folder", cannot_move)


async def test_a_clause_the_disk_refuses_is_told_as_not_saved_and_stays_in_the_editor(
        app_factory, full_disk):
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await searched_library(pilot, "watermark")
        await pilot.press("down", "e")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, ClauseEditorScreen)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is editor and app.last_error_log is None
        shown = str(editor.query_one("#editor-errors").render())
        assert "No space left on device" in shown and "no-watermark.yaml" in shown, shown
        assert "fix these" not in shown and ".tmp" not in shown


async def test_duplicating_or_deleting_on_a_refusing_disk_is_told_not_an_error(
        app_factory, full_disk):
    folder = paths.user_clauses_dir()
    (folder / "mine.yaml").write_text("version: 1\nid: mine\ntitle: Mine\nkind: custom\n"
                                      "body: My own words.\n", encoding="utf-8")
    app = app_factory()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        library = await searched_library(pilot, "Mine")
        await pilot.press("down", "d")
        await pilot.pause()
        assert app.screen is library, "no editor for a copy that was never written"
        await pilot.press("x")
        await pilot.pause()
        assert app.is_running and app.last_error_log is None
        told = [n.message for n in app._notifications if n.title == "Not saved"]
        assert any("No space left on device" in message for message in told), told
        assert any("Read-only file system" in message for message in told), told
    assert (folder / "mine.yaml").exists()


async def test_one_ctrl_q_does_not_throw_away_a_clause_being_written(app_factory):
    # quitting saves the draft, not the editor's text: Ctrl+Q closed the app at once
    from oiadraft.clauses import Library

    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        library = await open_library(pilot)
        editor = await editor_from_results(pilot, library)
        area = editor.query_one("#clause-yaml")
        area.text = area.text.replace("Write the paragraph here.", "Ten minutes of my words.")
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.is_running and app.screen is editor
        assert "Ctrl+S saves it" in str(editor.query_one("#editor-errors").render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is library
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running, "nothing unsaved: one Ctrl+Q quits"
    assert any("Ten minutes" in c.body for c in Library.load().clauses())


async def test_a_second_ctrl_q_quits_without_the_clause(app_factory):
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        library = await open_library(pilot)
        area = (await editor_from_results(pilot, library)).query_one("#clause-yaml")
        area.text = area.text.replace("Write the paragraph here.", "Words I let go.")
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.is_running
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running


async def test_a_signal_keeps_a_clause_being_written_and_the_library_reports_it(app_factory):
    # a closed terminal (SIGHUP) or SIGTERM cannot ask, and quitting saved only the draft
    import os
    import signal

    from oiadraft.clauses import Library

    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        library = await open_library(pilot)
        area = (await editor_from_results(pilot, library)).query_one("#clause-yaml")
        area.text = area.text.replace("Write the paragraph here.", "Ten minutes of my words.")
        await pilot.pause()
        os.kill(os.getpid(), signal.SIGHUP)
        await pilot.pause()
        await pilot.pause()
    assert app.return_code == 128 + signal.SIGHUP
    [kept] = list(paths.user_clauses_dir().glob("*.yaml.unsaved-*"))
    assert "Ten minutes of my words." in kept.read_text(encoding="utf-8")
    assert kept.stat().st_mode & 0o077 == 0
    again = Library.load()
    assert not any("Ten minutes" in c.body for c in again.clauses()), "not used unchecked"
    [told] = [str(p) for p in again.problems if str(kept) in str(p)]
    assert "rename it to" in told


async def test_a_clause_inserted_is_in_the_chats_draft_while_the_library_is_open(app_factory):
    """So the timed save writes it: the app killed with the library open loses nothing."""
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        library = await searched_library(pilot, "watermark")
        send_keys(app, ["enter", "i"])
        await pilot.pause()
        await pilot.pause()
        assert app.screen is library and "no-watermark" in library.draft.clauses
        assert "no-watermark" in app.chat_screen().draft.clauses


async def test_a_clause_body_holding_a_nul_is_refused_at_its_line(app_factory):
    """A NUL ("\\0" in YAML) is not text: the editor refuses it at the body's line, as
    `oiadraft clauses validate` does, and nothing is saved."""
    from oiadraft.clauses import Library

    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        library = await open_library(pilot)
        editor = await editor_from_results(pilot, library)
        area = editor.query_one("#clause-yaml")
        head, _, _ = area.text.partition("body: |")
        area.text = (head.replace("title: My clause", "title: Mine")
                     + 'body: "Please reply\\0 by email."\n')
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is editor
        said = str(editor.query_one("#editor-errors").render())
        assert "line 11:" in said and "NUL" in said
    assert not any(c.title == "Mine" for c in Library.load().clauses())
