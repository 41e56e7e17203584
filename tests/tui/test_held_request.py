"""A request held back: a whole letter pasted as the first answer waits in the message box for
the parts question, and a long request still being checked when the app quits is kept."""

from __future__ import annotations

import asyncio
import os
import signal
import threading
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from textual import events

from oiadraft.interview import Interview
from oiadraft.store import Store
from oiadraft.tui.widgets.chat_input import ChatInput

from .conftest import TODAY, conversation, saved_draft

SEED = Path(__file__).parents[1].joinpath("data", "seed_request.txt").read_text(encoding="utf-8")


@asynccontextmanager
async def at_the_parts_question(app_factory, draft):
    """The app open on `draft` (saved, at the parts question), its interview loaded."""
    app = app_factory(draft_id=draft.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        yield pilot


async def test_a_letter_pasted_first_is_back_in_the_box_at_the_parts_question(app_factory):
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await conversation(pilot, SEED, "cluster munitions", "skip")
        chat = app.screen
        assert chat.draft.agency == "Ministry of Foreign Affairs and Trade"
        assert chat.query_one(ChatInput).text == SEED
        assert chat.draft.parts == []
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(chat.draft.parts) == 13
        assert chat.query_one(ChatInput).text == ""


async def test_a_long_paste_that_arrives_as_the_app_quits_is_kept_in_the_draft(app_factory):
    """Paste a long request, Ctrl+Q straight after: the paste reaches the box while the app
    is closing. It was worked on in a thread that never reported back (or failed on the
    half-closed screen), and the draft was saved without it."""
    draft = saved_draft("mfat", "cluster munitions", "2023", "yes")
    pasted = "".join(f"{n}. Briefings to the Minister about site {n} in 2023\n"
                     for n in range(1, 600))
    assert len(pasted) > 20_000
    async with at_the_parts_question(app_factory, draft) as pilot:
        chat = pilot.app.screen
        await pilot.app.action_quit()
        chat._large_paste(pasted)
    kept = Store().load(draft.id)
    assert kept.pending_input == pasted


def long_request(rounds: int = 20) -> str:
    """The seed's 13 parts, numbered on through `rounds` repeats (260 parts, ~70,000
    characters: checked off the UI thread)."""
    import re

    body = SEED[SEED.index("1. The dates on which"):SEED.index("Yours faithfully")]
    parts = [p.strip() for p in re.split(r"(?m)^\d+\. ", body) if p.strip()]
    assert len(parts) == 13
    number = iter(range(1, 13 * rounds + 1))
    return "".join(f"{next(number)}. {part}\n" for _ in range(rounds) for part in parts)


async def saves_done(pilot) -> None:
    """Wait for the background saves under way (only those: waiting for every worker would
    wait for the held check too) and for the app to hear that they are done."""
    saves = [w for w in pilot.app.workers if w.group == "autosave"]
    if saves:
        await pilot.app.workers.wait_for_complete(saves)
    await pilot.pause()


def texts(draft) -> list[str]:
    return [part.text for part in draft.parts]


class HeldCheck:
    """The check of a long paste (the interview's turn, off the UI thread) waits until the
    test lets it go."""

    def __init__(self) -> None:
        self.event = threading.Event()
        self.done: list[threading.Event] = []

    def let_go(self) -> None:
        """Let the check go on (it reports back to the app, as the app runs)."""
        self.event.set()

    async def finish(self) -> None:
        """Let the check go on and wait until it has worked the request out."""
        self.event.set()
        for done in self.done:
            assert await asyncio.to_thread(done.wait, 30)


@pytest.fixture
def held_check(monkeypatch):
    held = HeldCheck()
    real_respond = Interview.respond

    def held_respond(self, draft, text):
        if len(text) <= 20_000 or threading.current_thread() is threading.main_thread():
            return real_respond(self, draft, text)
        done = threading.Event()
        held.done.append(done)
        try:
            held.event.wait(timeout=30)
            return real_respond(self, draft, text)
        finally:
            done.set()

    monkeypatch.setattr(Interview, "respond", held_respond)
    yield held
    held.event.set()  # whatever happened in the test, no thread is left waiting


async def quit_by(pilot, how: str) -> None:
    if how == "ctrl+q":
        await pilot.press("ctrl+q")
        return
    os.kill(os.getpid(), getattr(signal, how))  # the app's handler saves, then exits
    await pilot.pause()
    await pilot.pause()


@pytest.mark.parametrize("how", ["ctrl+q", "SIGTERM", "SIGHUP"])
@pytest.mark.parametrize("sent_by", ["enter", "paste"])
async def test_a_long_request_being_checked_when_the_app_quits_is_kept(app_factory, held_check,
                                                                       sent_by, how):
    """Send a 260-part request (pasted into the box then Enter, or one long paste, which is
    sent as it lands) and quit while it is checked off the UI thread: the check never
    reports back and the box is already empty, so the draft was saved without the request.
    It is kept as the box's words, put back when the draft resumes."""
    draft = saved_draft("mfat", "cluster munitions", "2023", "yes")
    pasted = long_request()
    assert len(pasted) > 20_000
    async with at_the_parts_question(app_factory, draft) as pilot:
        app = pilot.app
        chat = app.screen
        box = chat.query_one(ChatInput)
        if sent_by == "enter":
            box.insert(pasted)
            await pilot.press("enter")
        else:
            box.post_message(events.Paste(pasted))
            await pilot.pause()
        assert chat._busy, "the check was meant to be under way"
        assert box.text == ""
        await quit_by(pilot, how)
    assert not app.is_running
    await held_check.finish()  # the check finishes after the app has gone: too late to count
    kept = Store().load(draft.id)
    assert len(kept.pending_input) == len(pasted), "the request was lost"
    assert kept.pending_input == pasted
    assert kept.parts == []

    again = app_factory(draft_id=draft.id)
    async with again.run_test(size=(120, 40)) as pilot:
        await again.workers.wait_for_complete()
        await pilot.pause()
        assert again.screen.query_one(ChatInput).text == pasted


async def test_a_save_while_the_check_runs_keeps_the_request_and_what_is_sent_meanwhile(
        app_factory, held_check):
    """A timed save during the check (all a kill -9 leaves) has the request, then the answer
    sent meanwhile (waiting its turn), then the box; once the check reports back, the request
    is parts and the answer has been taken."""
    draft = saved_draft("mfat", "cluster munitions", "2023", "yes")
    pasted = long_request()
    slowly = draft.copy()  # the two answers sent one after the other, each answered first
    engine = Interview(today=TODAY)
    for answer in (pasted, "Minutes of the Disarmament Committee"):
        engine.respond(slowly, answer)
    assert texts(slowly)[-1] == "Minutes of the Disarmament Committee"
    async with at_the_parts_question(app_factory, draft) as pilot:
        app = pilot.app
        chat = app.screen
        box = chat.query_one(ChatInput)
        box.insert(pasted)
        await pilot.press("enter")
        box.insert("Minutes of the Disarmament Committee")
        await pilot.press("enter")
        box.insert("and the")
        await pilot.pause()
        assert chat._busy and len(chat._queue) == 1
        await saves_done(pilot)  # a save begun by the Enters goes first
        chat._timed_save()  # what the timer does (no waiting on the clock)
        await saves_done(pilot)
        assert Store().load(draft.id).pending_input == (
            pasted + "Minutes of the Disarmament Committee\nand the")
        assert chat.draft.pending_input == "and the", "the box's own words, in memory"
        held_check.let_go()
        await app.workers.wait_for_complete()
        for _ in range(50):
            await pilot.pause()
            if not chat._busy and not chat._queue:
                break
        assert texts(chat.draft) == texts(slowly)
        assert chat.save_now()
    kept = Store().load(draft.id)
    assert texts(kept) == texts(slowly)
    assert kept.pending_input == "and the"


async def test_a_check_that_fails_puts_the_request_back_in_the_box(app_factory, monkeypatch):
    def broken(self, draft, text):
        raise RuntimeError("the checker broke")

    draft = saved_draft("mfat", "cluster munitions", "2023", "yes")
    pasted = long_request(2)
    async with at_the_parts_question(app_factory, draft) as pilot:
        app = pilot.app
        chat = app.screen
        box = chat.query_one(ChatInput)
        monkeypatch.setattr(Interview, "respond", broken)
        box.post_message(events.Paste(pasted * 4))
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.is_running and not chat._busy
        assert any(n.title == "Unexpected error" for n in app._notifications)
        assert box.text == pasted * 4
        assert Store().load(draft.id).pending_input == pasted * 4


async def test_a_draft_opened_while_the_check_runs_is_not_replaced_by_its_reply(
        app_factory, held_check):
    """Start a new request while the long one is checked: the one left is saved with the
    request as its unsent words, and the reply, when it comes, is not shown in the new one."""
    draft = saved_draft("mfat", "cluster munitions", "2023", "yes")
    pasted = long_request()
    async with at_the_parts_question(app_factory, draft) as pilot:
        app = pilot.app
        chat = app.screen
        chat.query_one(ChatInput).post_message(events.Paste(pasted))
        await pilot.pause()
        assert chat._busy
        chat.action_new_draft()
        await pilot.pause()
        new_id = chat.draft.id
        assert new_id != draft.id
        assert Store().load(draft.id).pending_input == pasted
        held_check.let_go()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert chat.draft.id == new_id and chat.draft.parts == []
        assert not chat._busy
        assert chat.save_now()
    assert Store().load(draft.id).pending_input == pasted


async def test_an_agency_response_pasted_first_is_kept_saved_and_back_at_the_parts(
        app_factory):
    """An agency's response (23,000 characters) pasted at "who are you asking?" was refused
    as far too long, and the requester's paste was gone. It is kept in the draft as saved,
    the chat says where it is, and it is back in the box at the parts question."""
    from oiadraft.text import strip_controls
    from oiadraft.tui.widgets.transcript import Transcript

    response = Path(__file__).parents[1].joinpath("data", "mfat_response_long.txt").read_text(
        encoding="utf-8")
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        chat = app.screen
        app.post_message(events.Paste(response))  # as the terminal driver sends it
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        said = " ".join(" ".join(str(turn.render()) for turn in
                                 chat.query_one(Transcript).children).split())
        assert "far too long" not in said and "kept it in your draft" in said
        chat.save_now()
        kept = Store().load(chat.draft.id)
        assert kept.conversation["held"] == strip_controls(response)
        await conversation(pilot, "mfat", "cluster munitions", "2023", "yes")
        assert chat.query_one(ChatInput).text == strip_controls(response)


async def test_a_long_paste_at_the_start_withdraws_the_resume_offer(app_factory):
    """A saved draft is offered (F8) as the chat starts; the requester pastes an agency's
    response instead. That begins a new request, as Enter does: F8 no longer swaps the draft
    holding the paste for the old one, and the paste is kept."""
    from oiadraft.model import Draft, Part
    from oiadraft.tui.widgets.resume_offer import ResumeOffer

    old = Draft(agency="Treasury", topic="budget advice",
                parts=[Part(text="Budget briefings to the Minister of Finance in 2023")])
    Store().save(old)
    response = Path(__file__).parents[1].joinpath("data", "mfat_response_long.txt").read_text(
        encoding="utf-8")
    app = app_factory(offer_resume=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        chat = app.screen
        assert chat.query_one(ResumeOffer).display
        app.post_message(events.Paste(response))
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not chat.query_one(ResumeOffer).display
        await pilot.press("f8")
        await pilot.pause()
        assert app.screen.draft.id != old.id
        assert app.screen.draft.begun and app.screen.draft.conversation.get("held")
