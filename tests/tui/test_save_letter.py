"""Ctrl+S, saving the letter, where a person's file name meets the file system."""

from __future__ import annotations

import os
import stat

from oiadraft.tui.dialogs.save_letter import SaveLetterScreen
from oiadraft.tui.screens.chat import ChatScreen

from .conftest import open_screen, ready, saved_draft

START = ("mfat", "cluster munitions", "2023", "yes", "Cabinet papers about cluster munitions")


async def save_as(pilot, target) -> str:
    """Open Ctrl+S, type `target`, press Enter; the dialog's problem line ('' once saved)."""
    await pilot.press("ctrl+s")
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, SaveLetterScreen)
    dialog.query_one("#path").value = str(target)
    await pilot.press("enter")
    await pilot.pause()
    if pilot.app.screen is dialog:
        return str(dialog.query_one("#problem").render())
    return ""


async def test_a_name_with_spaces_in_a_new_folder_is_written_private(app_factory, tmp_path):
    """A missing folder is created once the requester says so (a mistyped folder name
    would otherwise hide the letter in a new folder)."""
    draft = saved_draft(*START)
    target = tmp_path / "new folder" / "sub" / "my letter.txt"
    app = app_factory(draft_id=draft.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        problem = await save_as(pilot, target)
        assert f"The folder {tmp_path / 'new folder'} does not exist" in " ".join(
            problem.split())
        assert not (tmp_path / "new folder").exists()
        assert str(app.screen.query_one("#save").label) == "Create"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ChatScreen)
    assert "Cabinet papers about cluster munitions" in target.read_text(encoding="utf-8")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert stat.S_IMODE(target.parent.stat().st_mode) == 0o700


async def test_a_file_where_a_folder_should_be_is_named_as_the_problem(app_factory, tmp_path):
    draft = saved_draft(*START)
    (tmp_path / "letter.md").write_text("mine", encoding="utf-8")
    app = app_factory(draft_id=draft.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        problem = await save_as(pilot, tmp_path / "letter.md" / "again.txt")
        assert "letter.md is a file, not a folder" in problem
        assert "File exists" not in problem
    assert (tmp_path / "letter.md").read_text(encoding="utf-8") == "mine"


async def test_a_pipe_is_never_replaced_even_when_asked_twice(app_factory, tmp_path):
    draft = saved_draft(*START)
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    app = app_factory(draft_id=draft.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        problem = await save_as(pilot, pipe)
        assert "not a regular file" in problem
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SaveLetterScreen)
        assert "not a regular file" in str(app.screen.query_one("#problem").render())
    assert stat.S_ISFIFO(pipe.stat().st_mode)


async def test_a_file_name_typed_straight_after_ctrl_s_goes_into_the_dialog(app_factory):
    """Keys typed in the same breath as Ctrl+S belong to the dialog it opens: they went into
    the message box behind it, to be sent later as a part, while the dialog kept its default
    name."""
    from oiadraft.tui.widgets.chat_input import ChatInput

    from .conftest import send_keys

    draft = saved_draft(*START)
    app = app_factory(draft_id=draft.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        chat = app.screen
        send_keys(app, ["a", "b", "ctrl+s", "x", "y", "z"])
        for _ in range(4):
            await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, SaveLetterScreen)
        assert dialog.query_one("#path").value == "xyz"
        assert chat.query_one(ChatInput).text == "ab"


async def test_a_key_read_while_the_dialog_closes_still_opens_its_screen(app_factory):
    """Escape then Ctrl+T in one breath: the Ctrl+T is read while the save dialog is still on
    top, and opens the deadline screen once the chat is back."""
    from oiadraft.tui.dialogs.deadline import DeadlineScreen

    from .conftest import send_keys

    draft = saved_draft(*START)
    app = app_factory(draft_id=draft.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await open_screen(pilot, "ctrl+s", SaveLetterScreen)
        send_keys(app, ["escape", "ctrl+t"])
        for _ in range(4):
            await pilot.pause()
        assert isinstance(app.screen, DeadlineScreen)


async def test_the_file_name_offered_names_the_act_the_letter_asks_under(app_factory):
    """A council letter's subject says 'LGOIMA request: ...'; the file offered for it was
    still called oia-request-... ."""
    draft = saved_draft("wcc", "Thorndon Quay cycleway", "2023", "yes",
                        "Reports to councillors on the Thorndon Quay cycleway")
    app = app_factory(draft_id=draft.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        dialog = await open_screen(pilot, "ctrl+s", SaveLetterScreen)
        offered = os.path.basename(dialog.query_one("#path").value)
    assert offered == "lgoima-request-thorndon-quay-cycleway.txt"


async def test_a_word_processor_name_is_refused_with_the_name_to_use(app_factory, tmp_path):
    draft = saved_draft(*START)
    app = app_factory(draft_id=draft.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        problem = await save_as(pilot, tmp_path / "letter.docx")
        assert "letter.txt" in problem and ".docx" in problem
        assert await save_as(pilot, tmp_path / "letter.txt") == ""
    assert not (tmp_path / "letter.docx").exists()
    assert "Cabinet papers" in (tmp_path / "letter.txt").read_text(encoding="utf-8")


async def test_a_home_folder_of_a_user_who_does_not_exist_is_the_problem_not_an_error(
        app_factory):
    draft = saved_draft(*START)
    app = app_factory(draft_id=draft.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        problem = await save_as(pilot, "~oiadraft-no-such-user/letter.txt")
        assert "no user 'oiadraft-no-such-user' on this computer" in problem, problem
        assert app.last_error_log is None
