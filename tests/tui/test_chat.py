"""The chat screen, driven through Pilot like a person would."""

from __future__ import annotations

import pytest
from textual import events

from oiadraft.letter.render import render_text
from oiadraft.model import Draft, Part
from oiadraft.store import Store
from oiadraft.tui.screens.chat import ChatScreen
from oiadraft.tui.widgets.chat_input import ChatInput
from oiadraft.tui.widgets.findings import FindingsPanel
from oiadraft.tui.widgets.letter import LetterPane
from oiadraft.tui.widgets.resume_offer import ResumeOffer
from oiadraft.tui.widgets.transcript import UserTurn

from .conftest import TODAY, conversation, ready, saved_draft, say, transcript_texts

BROAD = ("any correspondence any MFAT official has had with any UK representative that "
         "mentions the Convention")
START = ["mfat", "What MFAT told Ministers about the cluster munitions convention",
         "1 October 2020 to 13 September 2024", ""]


def letter_on_screen(app) -> str:
    return app.screen.query_one(LetterPane).text


async def test_whole_conversation_then_copy(app_factory, clipboard):
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await conversation(pilot, *START, BROAD)
        chat = app.screen
        assert isinstance(chat, ChatScreen)
        panel = str(chat.query_one(FindingsPanel).render())
        assert "HIGH RISK" in panel and "any MFAT official" in panel
        # F2 accepts the first suggestion that rewrites; its placeholder is asked for.
        first = next(f for f in app.interview.assess(chat.draft, chat.draft.parts[0]).findings
                     if f.replacement is not None)
        await pilot.press("f2")
        await pilot.pause()
        for name in first.placeholders:
            await say(pilot, f"the {name} I mean")
        assert first.quote not in chat.draft.parts[0].text
        await conversation(pilot, "Briefings and aide-memoires to the Minister of Foreign "
                                  "Affairs about the Convention on Cluster Munitions",
                           "done", "", "", "", "no", "Aroha Smith")
        assert app.interview.is_complete(chat.draft)
        assert len(chat.draft.parts) == 2
        await pilot.press("f5")
        await pilot.pause()
        expected = render_text(chat.draft, library=app.library, today=TODAY)
        assert app.clipboard == expected
        assert clipboard.copied == [expected]
        assert "section 19(a)(ii)" in expected and "section 16" in expected
        assert "Aroha Smith" in letter_on_screen(app)


async def test_draft_is_autosaved_and_resumed(app_factory):
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await conversation(pilot, "mfat", "cluster munitions advice", "2023", "",
                           "Briefings to the Minister about cluster munitions")
        draft_id = app.screen.draft.id
        await pilot.press("ctrl+q")
    saved = Store().load(draft_id)
    assert saved.parts[0].text == "Briefings to the Minister about cluster munitions"

    again = app_factory(offer_resume=True)
    async with again.run_test(size=(120, 40)) as pilot:
        await again.workers.wait_for_complete()  # the offer follows the greeting
        await pilot.pause()
        offer = again.screen.query_one(ResumeOffer)
        assert offer.display
        question = str(offer.render())
        assert "Ministry of Foreign Affairs and Trade about cluster munitions advice" in question
        assert "1 part, edited today" in question
        await pilot.press("f8")
        await pilot.pause()
        chat = again.screen
        assert not offer.display
        assert isinstance(chat, ChatScreen)
        assert chat.draft.id == draft_id
        assert "Welcome back" in transcript_texts(again)[0]
        assert "Briefings to the Minister about cluster munitions" in letter_on_screen(again)


async def test_back_and_changing_an_earlier_answer(app_factory):
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await conversation(pilot, "mfat", "cluster munitions", "2023", "", "back")
        assert app.interview.view(app.screen.draft).step_id == "period"
        await conversation(pilot, "2022", "yes")
        assert "1 January 2022 to 31 December 2022" in letter_on_screen(app)
        assert app.interview.view(app.screen.draft).step_id == "parts"
        assert app.screen.draft.topic == "cluster munitions"


HOSTILE = "Briefings about [bold]x[/bold] and [link=http://x]y[/link] and [red]z"


async def test_user_text_is_never_markup(app_factory):
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await conversation(pilot, *START, HOSTILE)
        turns = [w for w in app.screen.query(UserTurn) if "[bold]" in w.text]
        assert turns and str(turns[0].render()) == HOSTILE
        letter = letter_on_screen(app)
        assert "[bold]x[/bold]" in letter and "[link=http://x]y[/link]" in letter
        assert "[red]z" in letter


async def test_a_megabyte_paste_is_handled_off_the_ui_thread(app_factory):
    filler = "including the annexes, attachments and covering notes " * 20
    line = "Copies of briefings to the Minister about topic {n} during 2023, {filler}\n"
    text = "".join(f"{n}. " + line.format(n=n, filler=filler) for n in range(1, 901))
    assert len(text) > 1_000_000
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await conversation(pilot, "mfat", "a lot", "2023", "")
        box = app.screen.query_one(ChatInput)
        box.post_message(events.Paste(text))
        await pilot.pause()
        assert box.text == "", "the paste did not go into the editor"
        await app.workers.wait_for_complete()
        await pilot.pause()
        chat = app.screen
        assert len(chat.draft.parts) == 900
        assert not box.disabled
        shown = [w for w in chat.query(UserTurn) if len(w.text) > 1_000_000]
        assert shown and "more characters" in str(shown[0].render())
        texts = transcript_texts(app)
        assert any("very long paste" in t for t in texts)
        assert any("too many to go through one by one" in t for t in texts)
        letter = chat.query_one(LetterPane).text
        assert "F5 copies and Ctrl+S saves all of it" in letter


async def test_narrow_terminal_folds_the_letter(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)  # the letter pane comes with the interview
        chat = app.screen
        letter = chat.query_one("#letter")
        assert chat.has_class("-narrow") and not letter.display
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert letter.display and not chat.query_one("#chat").display
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert not letter.display


async def test_an_unexpected_error_keeps_the_draft_and_logs(app_factory, isolated_home,
                                                            monkeypatch):
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await conversation(pilot, "mfat", "cluster munitions")
        draft_id = app.screen.draft.id

        def broken(*args, **kwargs):
            raise RuntimeError("boom")

        monkeypatch.setattr(app.interview, "respond", broken)
        await say(pilot, "2023")
        assert app.is_running and isinstance(app.screen, ChatScreen)
        logs = list((isolated_home / "logs").glob("error-*.log"))
        assert logs and "RuntimeError: boom" in logs[0].read_text()
        assert Store().load(draft_id).topic == "cluster munitions"


async def test_save_letter_asks_before_overwriting(app_factory, tmp_path):
    app = app_factory()
    target = tmp_path / "letter.md"
    target.write_text("old")
    async with app.run_test(size=(120, 40)) as pilot:
        await conversation(pilot, *START, "Cabinet papers about cluster munitions")
        await pilot.press("ctrl+s")
        await pilot.pause()
        field = app.screen.query_one("#path")
        field.value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert target.read_text() == "old", "not overwritten without asking"
        said = str(app.screen.query_one("#problem").render())
        button = str(app.screen.query_one("#save").label)
        assert "already exists" in said
        assert f"Press {button}" in said, "the message names the button on the screen"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ChatScreen)
        written = target.read_text()
        assert written.startswith("# ") or "**" in written or "Cabinet papers" in written
        assert "Cabinet papers about cluster munitions" in written


@pytest.mark.parametrize("width", [120, 80])
async def test_help_opens_and_closes(app_factory, width):
    app = app_factory()
    async with app.run_test(size=(width, 40)) as pilot:
        await ready(pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"
        first = app.screen
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ChatScreen)
        await pilot.press("f1")  # laid out once and kept: the second F1 is instant
        await pilot.pause()
        assert app.screen is first
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ChatScreen)


async def test_open_draft_from_the_palette_list(app_factory):
    saved_treasury_draft()
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+o")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ChatScreen)
        assert app.screen.draft.agency == "Treasury"
        assert "Budget briefings" in letter_on_screen(app)


async def test_the_name_is_remembered_for_the_next_draft(app_factory):
    from oiadraft.config import load_config

    # Each draft is taken by the engine to the name question (typing the answers before it
    # in Pilot shows nothing new here), then the name is given in the app.
    to_the_name = [*START, "Cabinet papers about cluster munitions", "done", "", "", "",
                   "no"]
    app = app_factory(draft_id=saved_draft(*to_the_name).id)
    async with app.run_test(size=(120, 40)) as pilot:
        await conversation(pilot, "Aroha Smith")
        assert app.screen.draft.requester.name == "Aroha Smith"
    assert load_config().name == "Aroha Smith"
    # The next draft: Enter at the name question takes the remembered name.
    draft = saved_draft(*to_the_name)
    assert not draft.requester.name
    again = app_factory(draft_id=draft.id)
    async with again.run_test(size=(120, 40)) as pilot:
        await conversation(pilot, "")
        assert again.screen.draft.requester.name == "Aroha Smith"


def saved_treasury_draft() -> Draft:
    """An earlier draft in the store (to open, or to be offered for resuming)."""
    draft = Draft(agency="Treasury", topic="budget advice",
                  parts=[Part(text="Budget briefings to the Minister of Finance in 2023")])
    Store().save(draft)
    return draft


async def test_resume_is_offered_without_taking_the_first_keys(app_factory):
    """A quick typist with a saved draft: 'mfat' Enter at once starts a new request."""
    old = saved_treasury_draft()
    app = app_factory(offer_resume=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("m", "f", "a", "t", "enter")
        await pilot.pause()
        chat = app.screen
        assert isinstance(chat, ChatScreen)
        assert chat.draft.id != old.id
        assert chat.draft.agency == "Ministry of Foreign Affairs and Trade"
        assert not chat.query_one(ResumeOffer).display, "the offer goes once a request begins"
        await pilot.press("f8")  # no longer offered: does nothing
        await pilot.pause()
        assert chat.draft.agency == "Ministry of Foreign Affairs and Trade"


async def test_words_typed_before_resuming_go_with_the_user(app_factory):
    old = saved_treasury_draft()
    app = app_factory(offer_resume=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press(*"Cabinet")
        await pilot.press("f8")
        await pilot.pause()
        chat = app.screen
        assert chat.draft.id == old.id
        assert chat.query_one(ChatInput).text == "Cabinet"
        assert [s.id for s in Store().list()] == [old.id], "no stray draft for the line"


async def test_words_already_in_the_box_are_checked_when_the_chat_starts(app_factory):
    """A draft reopened with a part half typed, or words typed before F8 resumed one: the
    findings and the letter show them at once, not from the next keystroke."""
    draft = saved_draft(*START)
    draft.pending_input = "All emails about the Convention"
    Store().save(draft)
    app = app_factory(draft_id=draft.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        chat = app.screen
        assert chat.query_one("#message").text == "All emails about the Convention"
        panel = str(chat.query_one(FindingsPanel).render())
        assert "checking as you type" in panel and "All emails" in panel
        assert "All emails about the Convention" in letter_on_screen(app)


async def test_a_remark_being_typed_is_not_rated_as_a_part(app_factory):
    """Enter refuses "ok thanks" as a part: the panel does not rate it as one while it is
    typed, nor does the letter show it as a part."""
    draft = saved_draft(*START, "Cabinet papers on cluster munitions")
    app = app_factory(draft_id=draft.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await ready(pilot)
        await pilot.press(*"ok thanks")
        await pilot.pause()
        chat = app.screen
        assert chat.query_one("#message").text == "ok thanks"
        panel = str(chat.query_one(FindingsPanel).render())
        assert "checking as you type" not in panel and "part 1" in panel
        assert "ok thanks" not in letter_on_screen(app)


async def test_a_half_typed_line_being_saved_as_f8_resumes_leaves_no_stray_draft(
        app_factory, monkeypatch):
    """F8 while the background save of the half-typed line is still writing: that write is
    skipped or trashed, never left behind as a draft of its own."""
    import threading

    old = saved_treasury_draft()
    writing, release = threading.Event(), threading.Event()
    real_save = Store.save

    def slow_save(self, draft, *args, **kwargs):
        if draft.id != old.id and draft.pending_input:
            writing.set()
            release.wait(timeout=30)
        return real_save(self, draft, *args, **kwargs)

    monkeypatch.setattr(Store, "save", slow_save)
    app = app_factory(offer_resume=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press(*"Cabinet")
        for _ in range(100):
            if writing.is_set():
                break
            await pilot.pause(0.05)
        assert writing.is_set(), "the line was meant to be being saved"
        await pilot.press("f8")
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        chat = app.screen
        assert chat.draft.id == old.id and chat.draft.pending_input == "Cabinet"
        assert [s.id for s in Store().list()] == [old.id], "no stray draft for the line"


async def test_the_letter_follows_each_keystroke_exactly(app_factory):
    """Keystrokes splice the words into a letter rendered once and edit only the changed
    lines of the pane; what is shown is still exactly the full render."""
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await conversation(pilot, *START, "Cabinet papers about the Convention in 2023")
        chat = app.screen
        typed = "Briefings to the Minister, about the Convention"
        for prefix in (typed[:9], typed[:25], typed):
            box = chat.query_one(ChatInput)
            box.text = prefix
            await pilot.pause()
            expected = app.letter_text(chat._draft_with(("new", None), prefix))
            assert letter_on_screen(app) == expected
        box.text = typed[:12]  # deleting: a shorter part
        await pilot.pause()
        assert letter_on_screen(app) == app.letter_text(chat._draft_with(("new", None),
                                                                          typed[:12]))


async def test_help_asked_for_again_from_a_screen_above_it(app_factory):
    """F1, then the palette over help, then Help again: help shows on top, and the screen
    kept for F1 is not in the stack twice."""
    from textual.screen import ModalScreen

    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("f1")
        await pilot.pause()
        kept = app.screen
        app.push_screen(ModalScreen())
        await pilot.pause()
        app.action_help()
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"
        assert [screen is kept for screen in app.screen_stack].count(True) == 1



async def test_letters_typed_at_the_letter_pane_go_to_the_message_box(app_factory):
    """The letter pane is read-only: a word typed while it has the focus (after Ctrl+G on a
    narrow screen, where the chat is out of sight) would be lost there. It goes to the end of
    the message box, and the chat comes back into view."""
    from oiadraft.tui.widgets.chat_input import ChatInput

    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        chat = app.screen
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert isinstance(chat.focused, LetterPane) and chat.has_class("-show-letter")
        await pilot.press("m", "f", "a", "t")
        await pilot.pause()
        box = chat.query_one(ChatInput)
        assert box.text == "mfat" and chat.focused is box
        assert not chat.has_class("-show-letter") and chat.query_one("#chat").display
        await pilot.press("down", "ctrl+g", "up")  # keys that are not letters stay the pane's
        await pilot.pause()
        assert isinstance(chat.focused, LetterPane) and box.text == "mfat"
