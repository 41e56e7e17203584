"""The message box's stand-in: what is typed into the first frame's light box is taken as if
typed into the real box, in order, with nothing lost."""

from __future__ import annotations

import pytest
from textual import events

from oiadraft.errors import DataError
from oiadraft.interview import Interview
from oiadraft.store import Store
from oiadraft.tui.widgets.standins import MessageSoon

from .conftest import greeted_while_loading, saved_draft
from .test_typeahead import KEY_NAMES, burst, finish_loading, settle_queue


async def test_the_stand_in_has_the_box_s_place_focus_and_placeholder(app_factory, loading):
    from oiadraft.interview.opening import read_opening

    opening = read_opening()
    assert opening is not None
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        chat = await greeted_while_loading(pilot)
        soon = chat.query_one(MessageSoon)
        assert app.focused is soon
        assert not chat.query("#message")
        assert soon.placeholder == opening.placeholder
        assert str(soon.render()) == opening.placeholder
        where = soon.region
        loading.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not chat.query(MessageSoon)
        box = chat.query_one("#message")
        assert app.focused is box
        assert box.region == where, "the box does not move when the real one comes in"


async def test_keys_and_a_paste_given_to_the_stand_in_reach_the_box_in_order(app_factory,
                                                                             loading):
    """A typo mended with Backspace, Enter, and a paste with colour codes in it, all before
    the interview has loaded: the answers are taken as typed, the paste arrives clean."""
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        chat = app.screen
        burst(app, "mfatt")
        app.post_message(events.Key("backspace", None))
        burst(app, "\n")
        app.post_message(events.Paste("\x1b[31mCluster\x1b[0m munitions"))
        burst(app, "\nsince Oct")
        await pilot.pause()
        soon = chat.query_one(MessageSoon)
        assert soon.typed == "since Oct", "the stand-in shows the words typed since Enter"
        assert chat.draft.pending_input == "since Oct", "saved with the draft meanwhile"
        assert chat.draft.agency == "", "an answer was taken before the interview loaded"
        await finish_loading(pilot, loading, chat)
        assert chat.draft.agency == "Ministry of Foreign Affairs and Trade"
        assert chat.draft.topic == "Cluster munitions"
        assert chat.query_one("#message").text == "since Oct"
        assert chat.draft.pending_input == "since Oct"


async def test_keys_typed_early_win_over_the_words_left_in_a_resumed_draft(app_factory,
                                                                         loading):
    draft = saved_draft("mfat")
    draft.pending_input = "Words left in the box last time"
    Store().save(draft)
    app = app_factory(draft_id=draft.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        burst(app, "Cluster")
        await pilot.pause()
        await finish_loading(pilot, loading)
        assert app.screen.query_one("#message").text == "Cluster"
        assert app.screen.draft.pending_input == "Cluster"


async def test_a_resumed_draft_s_words_come_back_when_nothing_was_typed_early(app_factory):
    draft = saved_draft("mfat")
    draft.pending_input = "Words left in the box last time"
    Store().save(draft)
    app = app_factory(draft_id=draft.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await settle_queue(pilot)
        box = app.screen.query_one("#message")
        assert box.text == "Words left in the box last time"
        assert box.cursor_location == box.document.end


async def test_a_very_long_paste_at_the_stand_in_goes_straight_to_the_queue(app_factory,
                                                                           loading):
    from oiadraft.tui.widgets.standins import LARGE_PASTE

    text = "\n".join(f"{n}. Briefings to the Minister about topic {n} in 2023"
                     for n in range(1, 600))
    assert len(text) > LARGE_PASTE
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        chat = app.screen
        app.post_message(events.Paste("\x1b[1m" + text))
        await pilot.pause()
        assert chat.query_one(MessageSoon).typed == "", "not put in the box"
        assert list(chat._queue) == [("send", text)], "cleaned, and waiting its turn"
        assert any("Checking" in str(n.message) for n in app._notifications)
        loading.set()
        await app.workers.wait_for_complete()


async def test_answers_typed_as_the_app_starts_are_sent_though_enter_came_as_ctrl_j(
        app_factory, loading):
    """Typed before the app had the terminal (`mfat` Enter straight after launching it): the
    terminal still read whole lines and turned each Enter into Ctrl+J, and the keys were read
    before the box had the focus, so they reached the screen itself. Each line is an answer."""
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        chat = app.screen
        for line in ("mfat", "Cluster munitions"):
            for char in line:
                chat.post_message(events.Key(KEY_NAMES.get(char, char), char))
            chat.post_message(events.Key("ctrl+j", "\n"))
        await pilot.pause()
        assert list(chat._queue) == [("send", "mfat"), ("send", "Cluster munitions")]
        await finish_loading(pilot, loading, chat)
        assert chat.draft.agency == "Ministry of Foreign Affairs and Trade"
        assert chat.draft.topic == "Cluster munitions"


async def test_ctrl_j_typed_in_the_stand_in_itself_starts_a_new_line(app_factory, loading):
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        chat = app.screen
        assert app.focused is chat.query_one(MessageSoon)
        burst(app, "first")
        app.post_message(events.Key("ctrl+j", "\n"))
        burst(app, "second")
        await pilot.pause()
        assert chat.query_one(MessageSoon).typed == "first\nsecond"
        assert not chat._queue
        loading.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert chat.query_one("#message").text == "first\nsecond"


@pytest.mark.parametrize("error, title", [
    (DataError("YAML syntax error: mapping values are not allowed here",
               "prompts/interview.yaml", 12), "Cannot start"),
    (RuntimeError("boom"), "Unexpected error"),
])
async def test_an_interview_that_cannot_load_is_reported_and_typing_is_kept(
        app_factory, monkeypatch, error, title):
    """The chat cannot go on without the interview: one clear message (a data file's with
    its file and line), no traceback, and what was typed stays in the draft."""
    def broken_view(self, draft):
        raise error

    monkeypatch.setattr(Interview, "view", broken_view)
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        burst(app, "mfat")
        await app.workers.wait_for_complete()
        await pilot.pause()
        chat = app.screen
        shown = [n for n in app._notifications if n.title == title]
        assert len(shown) == 1
        if isinstance(error, DataError):
            assert "prompts/interview.yaml:12: YAML syntax error" in shown[0].message
        assert chat.query_one(MessageSoon).typed == "mfat"
        assert chat.draft.pending_input == "mfat"
        assert not app._exit_renderables and app.is_running
