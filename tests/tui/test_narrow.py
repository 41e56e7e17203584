"""A narrow terminal, where the letter is folded away behind Ctrl+G."""

from __future__ import annotations

from oiadraft.tui.widgets.chat_input import ChatInput
from oiadraft.tui.widgets.letter import LetterPane

from .conftest import open_screen, ready, saved_draft


async def test_escape_folds_the_letter_away_again(app_factory):
    """Escape leaves whatever is open; on the letter shown by Ctrl+G it brought nothing back,
    and the footer offered no way out but the same Ctrl+G."""
    draft = saved_draft("mfat", "cluster munitions", "2023", "yes",
                        "Cabinet papers about cluster munitions")
    app = app_factory(draft_id=draft.id)
    async with app.run_test(size=(60, 20)) as pilot:
        await ready(pilot)
        chat = app.screen
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert isinstance(chat.focused, LetterPane) and chat.has_class("-show-letter")
        await pilot.press("escape")
        await pilot.pause()
        assert not chat.has_class("-show-letter")
        assert isinstance(chat.focused, ChatInput)
        assert [p.text for p in chat.draft.parts] == ["Cabinet papers about cluster munitions"]


async def test_a_dialogs_labels_wrap_inside_it_on_a_narrow_terminal(app_factory):
    """At 60 columns the deadline dialog's longer labels ran off its edge, cut mid-word."""
    from textual.widgets import Label

    from oiadraft.tui.dialogs.deadline import DeadlineScreen

    app = app_factory()
    async with app.run_test(size=(60, 20)) as pilot:
        await ready(pilot)
        dialog = await open_screen(pilot, "ctrl+t", DeadlineScreen)
        room = dialog.query_one("#dialog").content_region
        labels = list(dialog.query_one("#dialog").query(Label))
        assert any("blank if none" in str(label.render()) for label in labels)
        for label in labels:
            assert label.region.right <= room.right, str(label.render())


async def open_deadline(pilot):
    """Ctrl+T from the chat: the deadline dialog, once it has settled."""
    from oiadraft.tui.dialogs.deadline import DeadlineScreen

    await ready(pilot)
    await pilot.press("ctrl+t")
    for _ in range(3):
        await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, DeadlineScreen)
    return dialog


async def test_the_deadline_dialog_opens_at_its_title_on_a_short_terminal(app_factory):
    """At 80x24 a council's deadline dialog is taller than the screen: it opened scrolled
    down, its title and the label of the date box out of sight."""
    draft = saved_draft("wcc", "rates", "2023", "yes", "Reports about rates in 2023")
    app = app_factory(draft_id=draft.id)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_deadline(pilot)
        box = dialog.query_one("#dialog")
        assert box.max_scroll_y > 0, "the dialog was meant to be taller than the screen"
        assert box.scroll_y == 0
        assert dialog.focused is dialog.query_one("#received")


async def test_the_due_date_is_in_sight_when_the_deadline_dialog_opens_at_80x24(app_factory):
    """The dialog asked 'When is it due?' and, at 80x24, answered below the fold: the report
    came after every box and button, out of sight, and no key scrolls to a text."""
    draft = saved_draft("wcc", "rates", "2023", "yes", "Reports about rates in 2023")
    app = app_factory(draft_id=draft.id)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_deadline(pilot)
        box = dialog.query_one("#dialog").content_region
        report = dialog.query_one("#report")
        assert "Response due by" in str(report.render())
        # its first two lines (received, due) are inside the dialog as it opens
        assert report.region.y + 2 <= box.bottom, (report.region, box)
