"""Nothing typed is lost: the box is part of the draft, failed saves keep the app going,
signals and every exit path write the draft first, and toasts never parse markup."""

from __future__ import annotations

import os
import signal

from textual.widgets._toast import Toast

from oiadraft.errors import UserError
from oiadraft.model import Draft, Part
from oiadraft.store import Store
from oiadraft.tui.screens.chat import ChatScreen
from oiadraft.tui.widgets.chat_input import ChatInput

from .conftest import conversation, ready

HALF = "Briefings to the Minister about cluster munitions, and the"


async def type_text(pilot, text: str) -> None:
    await pilot.press(*["space" if c == " " else c for c in text])


async def test_text_in_the_box_is_saved_on_quit_and_put_back_on_resume(app_factory):
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await conversation(pilot, "mfat", "cluster munitions", "2023", "")
        box = app.screen.query_one(ChatInput)
        box.insert(HALF[:-1])  # as a paste would (typing 58 keys in Pilot took seconds) ...
        await type_text(pilot, HALF[-1])  # ... and the last key typed
        chat = app.screen
        assert chat.draft.pending_input == HALF
        draft_id = chat.draft.id
        assert (chat._save_timer is not None  # a save is due, or it has been done
                or Store().load(draft_id).pending_input == HALF)
        await pilot.press("ctrl+q")
    assert Store().load(draft_id).pending_input == HALF

    again = app_factory(draft_id=draft_id)
    async with again.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        box = again.screen.query_one(ChatInput)
        assert box.text == HALF
        assert box.cursor_location == box.document.end
        await type_text(pilot, " minutes")
        await pilot.press("enter")
        await pilot.pause()
        assert again.screen.draft.parts[-1].text == HALF + " minutes"
        assert again.screen.draft.pending_input == ""


async def test_sigterm_and_sighup_save_what_was_typed(app_factory):
    for number in (signal.SIGTERM, signal.SIGHUP):
        app = app_factory()
        async with app.run_test(size=(120, 40)) as pilot:
            await conversation(pilot, "mfat")
            await type_text(pilot, "cluster")
            draft_id = app.screen.draft.id
            os.kill(os.getpid(), number)
            await pilot.pause()
            await pilot.pause()
        assert app.return_code == 128 + number
        saved = Store().load(draft_id)
        assert saved.pending_input == "cluster"
        assert saved.agency == "Ministry of Foreign Affairs and Trade"


async def test_a_failed_save_keeps_the_app_and_the_draft_and_says_so_once(app_factory,
                                                                         monkeypatch):
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await conversation(pilot, "mfat")
        chat = app.screen
        real_save = Store.save

        def full_disk(self, draft):
            raise UserError("cannot save the draft to /drafts/x.yaml: No space left on device")

        monkeypatch.setattr(Store, "save", full_disk)
        await conversation(pilot, "cluster munitions", "2023", "")
        assert not chat.save_now()
        assert not chat.save_now()
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, ChatScreen)
        assert chat.draft.topic == "cluster munitions"
        told = [n for n in app._notifications if n.title == "Not saved"]
        assert len(told) == 1, "said once, not at every retry"
        assert "No space left on device" in told[0].message
        assert "Ctrl+S" in told[0].message
        assert chat._save_timer is not None, "a retry is due"
        monkeypatch.setattr(Store, "save", real_save)
        assert chat.save_now()
        await pilot.pause()
        assert any(n.title == "Saved" for n in app._notifications)
        draft_id = chat.draft.id
    assert Store().load(draft_id).topic == "cluster munitions"


async def test_toasts_show_markup_as_typed(app_factory):
    """A clause title, a path or a draft field with [/] must not crash a toast or vanish."""
    from oiadraft.clauses import Library

    library = Library.load()
    clause = library.find("no-watermark")
    from dataclasses import replace

    library.save(replace(clause, id="oops-clause", title="oops [/] unbalanced [bold]x"))
    Store().save(Draft(agency="[/]", topic="[red]", parts=[Part(text="[/] Cabinet papers")]))
    app = app_factory()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("ctrl+l")
        await pilot.press(*"oops")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("down", "i")
        for _ in range(20):  # the toast is mounted a few messages after notify()
            await pilot.pause()
            if app.screen.query(Toast):
                break
        assert app.is_running
        shown = [str(toast.render()) for toast in app.screen.query(Toast)]
        assert any("oops [/] unbalanced [bold]x" in text for text in shown), shown
        app.notify("path /tmp/[/]x/[bold]letter.txt", title="[b]Saved")
        await pilot.pause()
        assert app.is_running and app._exception is None


async def test_the_timed_save_writes_a_copy_off_the_ui_thread(app_factory, monkeypatch):
    """Typing in a big draft must not wait for the disk: the timed save runs in a thread,
    and what it wrote (the save times) comes back to the draft on screen."""
    import threading

    writers: list[int] = []
    real_save = Store.save

    def spy(self, draft):
        writers.append(threading.get_ident())
        return real_save(self, draft)

    monkeypatch.setattr(Store, "save", spy)
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await conversation(pilot, "mfat")
        await type_text(pilot, "cluster")
        chat = app.screen
        chat._timed_save()  # what the timer does (no waiting on the clock)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert writers and writers[-1] != threading.get_ident(), "written on the UI thread"
        assert Store().load(chat.draft.id).pending_input == "cluster"
        assert chat.draft.created is not None, "the save's times came back to the draft"


async def test_a_late_background_save_never_overwrites_a_newer_one(app_factory):
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await conversation(pilot, "mfat")
        chat = app.screen
        # A background save is handed the draft as it is now ...
        older = chat.draft.copy()
        chat._save_generation += 1
        handed = chat._save_generation
        # ... but before it gets the lock the user quits (a newer version is saved at once).
        chat.draft.topic = "cluster munitions"
        chat._dirty = True
        assert chat.save_now()
        type(chat)._save_copy.__wrapped__(chat, older, older.id, handed)
        await pilot.pause()
        assert Store().load(chat.draft.id).topic == "cluster munitions"


async def test_the_first_draft_gets_its_act_even_when_saved_before_the_interview_loads(
        app_factory, monkeypatch):
    """The first draft starts without its Act (the Act profiles are read after the first
    frame); what is typed and saved before the interview has loaded is saved under the
    default Act, never under no Act."""
    import threading

    from oiadraft import acts, yamlio
    from oiadraft.acts import default_act

    loading = threading.Event()

    def slow_default_act():
        if threading.current_thread() is not threading.main_thread():
            loading.wait(timeout=30)  # the loading thread waits until the test lets it go
        return default_act()

    monkeypatch.setattr(acts, "default_act", slow_default_act)
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await type_text(pilot, "cluster")
        chat = app.screen
        assert not chat._started, "the interview was meant to be still loading"
        assert chat.save_now()
        store = Store()
        written = yamlio.load_file(store.path_for(chat.draft.id))
        assert written["act"] == default_act().key, "saved under no Act"
        assert store.load(chat.draft.id).pending_input == "cluster"
        loading.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert chat.draft.act == default_act().key


async def test_ctrl_c_says_how_to_quit_in_plain_words_and_keeps_the_text(app_factory):
    # Textual's own reply to Ctrl+C is markup ("Press [b]ctrl+q[/b] ..."), and toasts here
    # never read markup, so its tags were shown as typed
    app = app_factory()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await ready(pilot)
        await pilot.press(*"mfat")
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert app.is_running
        told = [n.message for n in app._notifications if n.title == "Do you want to quit?"]
        assert told and all("[" not in message for message in told), told
        assert "Ctrl+Q" in told[-1]
        assert app.screen.query_one(ChatInput).text == "mfat"


START = ("mfat", "cluster munitions", "2023", "yes", "Cabinet papers about cluster munitions")
REWORDED = "Cabinet minutes about cluster munitions in 2023"


async def reworded_in_review(pilot) -> None:
    """Review open, part 1 reworded there (saved in its editor), review still open."""
    from oiadraft.tui.dialogs.edit_part import EditPartScreen
    from oiadraft.tui.screens.review import ReviewScreen

    await ready(pilot)
    await pilot.press("ctrl+r")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ReviewScreen)
    await pilot.press("e")
    await pilot.pause()
    assert isinstance(pilot.app.screen, EditPartScreen)
    pilot.app.screen.query_one("#part-text").text = REWORDED
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ReviewScreen)


async def test_quitting_from_review_keeps_what_was_changed_there(app_factory):
    # review works on a copy given back when it closes; Ctrl+Q saved the chat's draft
    # without it, so a part reworded in review (and shown in its letter) was lost
    from .conftest import saved_draft

    draft = saved_draft(*START)
    app = app_factory(draft_id=draft.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await reworded_in_review(pilot)
        await pilot.press("ctrl+q")
    assert [part.text for part in Store().load(draft.id).parts] == [REWORDED]


async def test_a_signal_in_review_keeps_what_was_changed_there(app_factory):
    from .conftest import saved_draft

    draft = saved_draft(*START)
    app = app_factory(draft_id=draft.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await reworded_in_review(pilot)
        os.kill(os.getpid(), signal.SIGTERM)
        await pilot.pause()
        await pilot.pause()
    assert app.return_code == 128 + signal.SIGTERM
    assert [part.text for part in Store().load(draft.id).parts] == [REWORDED]


async def test_quitting_from_the_library_keeps_a_clause_inserted_there(app_factory):
    from .conftest import saved_draft

    draft = saved_draft(*START)
    assert "contact-phone" not in draft.clauses
    app = app_factory(draft_id=draft.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+l")
        await app.workers.wait_for_complete()
        await pilot.pause()
        app.screen.query_one("#clause-search").value = "phone number"
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("down", "i")
        await pilot.pause()
        assert "contact-phone" in app.screen.draft.clauses
        await pilot.press("ctrl+q")
    assert "contact-phone" in Store().load(draft.id).clauses


async def test_a_signal_with_the_part_editor_open_keeps_the_new_wording(app_factory):
    from oiadraft.tui.dialogs.edit_part import EditPartScreen
    from oiadraft.tui.screens.review import ReviewScreen

    from .conftest import saved_draft

    draft = saved_draft(*START)
    app = app_factory(draft_id=draft.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EditPartScreen)
        app.screen.query_one("#part-text").text = REWORDED  # typed, not saved
        await pilot.pause()
        os.kill(os.getpid(), signal.SIGHUP)
        await pilot.pause()
        await pilot.pause()
    assert app.return_code == 128 + signal.SIGHUP
    assert [part.text for part in Store().load(draft.id).parts] == [REWORDED]
