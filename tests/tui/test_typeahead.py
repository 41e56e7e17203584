"""Input is a queue: a quick typist's session gives exactly the draft a slow one gives."""

from __future__ import annotations

import json

from textual import events

from oiadraft.interview import Interview
from oiadraft.model import Draft, draft_to_dict

from .conftest import TODAY, saved_draft

SESSION = ["mfat", "Cluster munitions policy", "since October 2020", "",
           "Cabinet papers on cluster munitions", "any emails that mention the Convention",
           "keep", "done", "", "", "", "no", "Aroha Smith"]
"""Answers and commands a person types without needing to read the replies first."""

KEY_NAMES = {" ": "space", "\n": "enter", ".": "full_stop", ",": "comma", "'": "apostrophe",
             "\x1b": "escape"}


def comparable(draft) -> str:
    """The draft as saved, with what differs between any two sessions (ids, times) named by
    position, so two drafts typed the same way compare equal."""
    data = draft_to_dict(draft)
    for key in ("id", "created", "updated"):
        data.pop(key, None)
    text = json.dumps(data, sort_keys=True, ensure_ascii=False)
    for index, part in enumerate(draft.parts, 1):
        text = text.replace(part.id, f"part-{index}")
    return text


def burst(app, text: str) -> None:
    """Post every key at once, as a terminal delivers a fast typist's keys: nothing waits for
    the app between them."""
    for char in text:
        key = KEY_NAMES.get(char, char)
        app.post_message(events.Key(key, char))


async def settle_queue(pilot, chat=None) -> None:
    chat = chat or pilot.app.screen
    for _ in range(200):
        await pilot.pause()
        if not getattr(chat, "_queue", ()) and not chat._busy \
                and not pilot.app._message_queue.qsize():
            await pilot.pause()
            return


async def finish_loading(pilot, loading, chat=None) -> None:
    """Let a held-back interview (the `loading` fixture) load, and the answers queued
    meanwhile be taken by `chat` (default: the screen on top)."""
    loading.set()
    await pilot.app.workers.wait_for_complete()
    await settle_queue(pilot, chat)


async def test_a_session_typed_at_once_gives_the_draft_typed_slowly(app_factory):
    # Typed slowly, each answer is one turn of the engine (what the screen does with an
    # answer when nothing else is waiting; tests/tui/test_chat.py types whole conversations).
    slow_draft = Draft()
    engine = Interview(today=TODAY)
    engine.start(slow_draft)
    for answer in SESSION:
        engine.respond(slow_draft, answer)

    fast = app_factory()
    async with fast.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        burst(fast, "".join(answer + "\n" for answer in SESSION))
        await settle_queue(pilot)
        fast_draft = fast.screen.draft

    assert slow_draft.topic == "Cluster munitions policy"
    assert [p.text for p in slow_draft.parts] == ["Cabinet papers on cluster munitions",
                                                 "any emails that mention the Convention"]
    assert slow_draft.requester.name == "Aroha Smith"
    assert comparable(fast_draft) == comparable(slow_draft)


async def test_keys_typed_before_the_first_reply_are_not_merged(app_factory):
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        burst(app, "mfat\nCluster munitions\n")  # before the greeting is even drawn
        await settle_queue(pilot)
        draft = app.screen.draft
        assert draft.agency == "Ministry of Foreign Affairs and Trade"
        assert draft.topic == "Cluster munitions"


async def test_a_key_pressed_before_the_greeting_waits_its_turn(app_factory, loading):
    """The action table's keys are bound once it is loaded (after the first frame); a key
    pressed earlier takes its turn after the answers typed before it, not never."""
    from oiadraft.tui.screens.help import HelpScreen

    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        burst(app, "mfat\n")
        await pilot.press("f1")
        chat = app.screen
        assert not chat._started, "the interview was meant to be still loading"
        await finish_loading(pilot, loading, chat)
        assert chat.draft.agency == "Ministry of Foreign Affairs and Trade"
        assert isinstance(app.screen, HelpScreen), "F1 was lost"


async def test_the_greeting_shows_before_the_interview_loads_and_keys_wait(app_factory,
                                                                           loading):
    """The greeting comes from the top of the script, not the engine: it is on screen while
    the interview is still loading, answers typed then are taken in order once it has
    loaded, and the greeting is not said twice."""
    from oiadraft.interview.opening import read_opening

    from .conftest import greeted_while_loading, transcript_texts

    opening = read_opening()
    assert opening is not None
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        chat = await greeted_while_loading(pilot)
        assert transcript_texts(app) == list(opening.messages)
        assert chat.query_one("#message-soon").placeholder == opening.placeholder
        burst(app, "mfat\nCluster munitions\n")
        await pilot.pause()
        assert chat.draft.agency == "", "an answer was taken before the interview loaded"
        await finish_loading(pilot, loading, chat)
        assert chat.draft.agency == "Ministry of Foreign Affairs and Trade"
        assert chat.draft.topic == "Cluster munitions"
        texts = transcript_texts(app)
        assert texts[:2] == list(opening.messages)
        assert texts.count(opening.messages[0]) == 1, "the greeting was said twice"
        assert texts[2] == "mfat"


async def test_the_interview_loads_once_the_first_frame_is_out_even_in_a_tiny_terminal(
        app_factory, monkeypatch):
    """The loader waits for the first frame (Textual's Ready), not for its time limit (which
    is there for a terminal that never reports one)."""
    from oiadraft.tui import greeting

    monkeypatch.setattr(greeting, "OPENING_WAIT", 60.0)
    for size in ((120, 40), (40, 8)):
        app = app_factory()
        async with app.run_test(size=size) as pilot:
            chat = app.screen
            for _ in range(50):
                await pilot.pause()
                if chat._opened.is_set():
                    break
            assert chat._opened.is_set(), f"the first frame was never seen out at {size}"
            await app.workers.wait_for_complete()
            await settle_queue(pilot, chat)
            assert chat._started


EDIT_SCENE = ["mfat", "Cluster munitions policy", "since October 2020", "",
              "Cabinet papers on cluster munitions", "Aide-memoires to the Minister"]


async def _edit_session(app_factory, *bursts: str):
    """The scene (taken there by the engine, then opened), then each burst posted in one go
    (settling between bursts)."""
    app = app_factory(draft_id=saved_draft(*EDIT_SCENE).id)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle_queue(pilot)
        assert len(app.screen.draft.parts) == 2
        for keys in bursts:
            burst(app, keys)
            await settle_queue(pilot)
        box = app.screen.query_one("#message").text
        return app.screen.draft, box


async def test_edit_part_typed_in_one_burst_keeps_the_old_words(app_factory):
    slow, slow_box = await _edit_session(app_factory, "edit part 2\n", " about munitions\n")
    fast, fast_box = await _edit_session(app_factory, "edit part 2\n about munitions\n")
    assert [p.text for p in slow.parts] == ["Cabinet papers on cluster munitions",
                                           "Aide-memoires to the Minister about munitions"]
    assert comparable(fast) == comparable(slow)
    assert fast_box == slow_box == ""


async def test_edit_part_then_escape_in_one_burst_leaves_the_part_and_the_box(app_factory):
    slow, slow_box = await _edit_session(app_factory, "edit part 2\n", "\x1b", "Briefings")
    fast, fast_box = await _edit_session(app_factory, "edit part 2\n\x1bBriefings")
    assert slow.parts[1].text == "Aide-memoires to the Minister"
    assert comparable(fast) == comparable(slow)
    assert fast_box == slow_box == "Briefings"


async def test_a_turn_key_then_an_answer_in_one_burst_keeps_their_order(app_factory):
    """F3 (keep) then `done`, typed at once: keep applies to the part, then the parts end."""
    scene = [*EDIT_SCENE[:4], "any emails that mention the Convention"]

    async def session(*bursts):
        app = app_factory(draft_id=saved_draft(*scene).id)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle_queue(pilot)
            assert len(app.screen.draft.parts) == 1
            for keys in bursts:
                for key in keys:
                    app.post_message(events.Key(key, None))
                await settle_queue(pilot)
            return app.screen.draft

    done = ["d", "o", "n", "e", "enter"]
    slow = await session(["f3"], done)
    fast = await session(["f3", *done])
    assert slow.parts[0].acknowledged, "F3 kept the part"
    assert comparable(fast) == comparable(slow)


async def test_the_letter_box_is_there_from_the_first_frame_and_the_pane_takes_its_place(
        app_factory, loading):
    """A light stand-in shows the letter box while the interview loads; the real pane then
    takes exactly its place, with the same title and words."""
    from oiadraft.tui.widgets.letter import LetterPane
    from oiadraft.tui.widgets.standins import EMPTY, LetterSoon

    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        chat = app.screen
        assert not chat._started, "the interview was meant to be still loading"
        soon = chat.query_one(LetterSoon)
        assert not chat.query(LetterPane)
        assert str(soon.render()) == EMPTY and soon.border_title == "Your letter"
        where = soon.region
        assert where.width >= 40 and where.height >= 30
        loading.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        pane = chat.query_one(LetterPane)
        assert not chat.query(LetterSoon)
        assert pane.region == where
        assert pane.text == EMPTY and pane.border_title == "Your letter"


async def test_on_a_narrow_screen_the_stand_in_is_folded_away_like_the_pane(app_factory,
                                                                           loading):
    from oiadraft.tui.widgets.standins import LetterSoon

    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.has_class("-narrow")
        assert app.screen.query_one(LetterSoon).styles.display == "none"
        loading.set()
        await app.workers.wait_for_complete()


async def test_keys_typed_before_the_first_frame_land_in_the_message_box(app_factory,
                                                                         monkeypatch):
    """A quick typist types the first answer while the app is still starting. The box (its
    stand-in, until the interview has loaded) has the focus from the moment the screen is
    composed (Textual's automatic focus would pick the transcript first, and keys read then
    were lost), so the first keys reach it."""
    from oiadraft.tui.screens.chat import ChatScreen
    from oiadraft.tui.widgets.standins import MessageSoon

    focused_at_mount: list[object] = []
    real_on_mount = ChatScreen.on_mount

    def on_mount(self) -> None:
        focused_at_mount.append(self.focused)
        real_on_mount(self)

    monkeypatch.setattr(ChatScreen, "on_mount", on_mount)
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        assert len(focused_at_mount) == 1
        assert isinstance(focused_at_mount[0], MessageSoon)
        burst(app, "mfat")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen.query_one("#message").text == "mfat"


async def test_the_chat_is_the_first_and_only_screen_at_start(app_factory):
    """No empty screen under it: composing, laying out and painting one, then pushing the
    chat over it, cost the first frame about 50 ms."""
    from oiadraft.tui.screens.chat import ChatScreen

    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        assert len(app.screen_stack) == 1 and isinstance(app.screen, ChatScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(app.screen_stack) == 1


async def test_the_greeting_is_in_the_first_frame(app_factory, monkeypatch):
    """Composed with the chat (read from the top of the script), not mounted a frame later:
    the first frame a person sees already asks the first question."""
    from oiadraft.interview.opening import read_opening
    from oiadraft.tui.screens.chat import ChatScreen
    from oiadraft.tui.widgets.transcript import AssistantTurn

    opening = read_opening()
    assert opening is not None
    composed: list[list[str]] = []
    real_on_mount = ChatScreen.on_mount

    def on_mount(self) -> None:
        composed.append([turn.markdown for turn in self.query(AssistantTurn)])
        real_on_mount(self)

    monkeypatch.setattr(ChatScreen, "on_mount", on_mount)
    app = app_factory()
    async with app.run_test(size=(120, 40)):
        assert composed == [list(opening.messages)]
        await app.workers.wait_for_complete()
