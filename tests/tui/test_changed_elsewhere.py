"""A draft changed elsewhere while the chat has it open (another window, the command line):
the save merges both, the screen shows the merged draft and a toast says what happened."""

from __future__ import annotations

from oiadraft.model import Part
from oiadraft.store import Store
from oiadraft.tui.widgets.chat_input import ChatInput
from oiadraft.tui.widgets.letter import LetterPane

from .conftest import conversation

THEIR_PART = "Emails between the Minister and the Ambassador about the Convention"
OUR_PART = "Briefings to the Minister about the Convention"


def change_behind_the_apps_back(draft_id: str) -> None:
    """What another window does: read the file, add a part, save."""
    store = Store()
    other = store.load(draft_id)
    other.parts.append(Part(text=THEIR_PART))
    store.save(other)


async def start(app, pilot):
    await conversation(pilot, "mfat", "cluster munitions", "2023", "",
                       "Cabinet papers about cluster munitions")
    chat = app.screen
    assert chat.save_now()
    return chat


async def settle(app, pilot) -> None:
    await app.workers.wait_for_complete()
    for _ in range(3):  # the worker's message, then the refresh it schedules
        await pilot.pause()


def toasts(app) -> list[str]:
    return [n.message for n in app._notifications if n.title == "Draft changed elsewhere"]


async def test_a_merged_save_shows_the_other_change_on_screen_and_says_so(app_factory):
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        chat = await start(app, pilot)
        assert THEIR_PART not in chat.query_one(LetterPane).text
        change_behind_the_apps_back(chat.draft.id)
        await pilot.press("a", "n", "d")
        chat._timed_save()  # what the timer does (no waiting on the clock)
        await settle(app, pilot)
        assert [p.text for p in chat.draft.parts][-1] == THEIR_PART
        assert THEIR_PART in chat.query_one(LetterPane).text
        told = toasts(app)
        assert len(told) == 1 and "both sets of changes are kept (parts)" in told[0], told
        assert chat.query_one(ChatInput).text == "and"
        saved = Store().load(chat.draft.id)
        assert [p.text for p in saved.parts] == [p.text for p in chat.draft.parts]
        assert len(saved.parts) == 2 and saved.pending_input == "and"


async def test_what_is_done_while_the_merged_save_runs_is_kept(app_factory):
    """The copy was handed to the thread before the user's last answer and keys: taking the
    merge must not put the parts or the box back to what the copy held."""
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        chat = await start(app, pilot)
        copy = chat.draft.copy()
        chat._save_in_flight = True  # as `_timed_save` does before handing the copy over
        chat._save_generation += 1
        await conversation(pilot, OUR_PART)
        await pilot.press("a", "n", "d")
        change_behind_the_apps_back(chat.draft.id)
        type(chat)._save_copy.__wrapped__(chat, copy, copy.id, chat._save_generation)
        await settle(app, pilot)
        assert chat.query_one(ChatInput).text == "and"
        assert chat.draft.pending_input == "and"
        parts = [p.text for p in chat.draft.parts]
        assert OUR_PART in parts and THEIR_PART in parts and len(parts) == 3, parts
        assert THEIR_PART in chat.query_one(LetterPane).text
        assert len(toasts(app)) == 1
        assert chat.save_now()
        saved = Store().load(chat.draft.id)
        assert saved.pending_input == "and" and [p.text for p in saved.parts] == parts


async def test_a_merge_found_by_the_save_on_quit_reaches_the_file(app_factory):
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        chat = await start(app, pilot)
        draft_id = chat.draft.id
        change_behind_the_apps_back(draft_id)
        await pilot.press("a", "n", "d")
        await pilot.press("ctrl+q")
    saved = Store().load(draft_id)
    assert [p.text for p in saved.parts][-1] == THEIR_PART
    assert saved.pending_input == "and"
