"""No crash reaches the terminal: the palette paging race, and random keys on every screen."""

from __future__ import annotations

import random

import pytest
from property_budget import examples
from textual.command import CommandList

from oiadraft.model import Draft, Part
from oiadraft.store import Store
from oiadraft.tui.screens.chat import ChatScreen

from .conftest import conversation, ready, saved_draft, send_keys

START = ["mfat", "What MFAT told Ministers about the cluster munitions convention",
         "1 October 2020 to 13 September 2024", ""]


async def test_palette_page_down_before_the_list_is_drawn(app_factory, monkeypatch):
    """Ctrl+P then PageDown at once: the list has commands but no lines yet."""
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press("h")  # a search, so the list has options
        await app.workers.wait_for_complete()
        await pilot.pause()
        commands = app.screen.query_one(CommandList)
        assert commands.option_count
        # As before the first layout: options are there, their line positions are not.
        commands._line_cache.clear()
        monkeypatch.setattr(CommandList, "_update_lines", lambda self: None)
        await pilot.press("pagedown", "pageup")
        await pilot.pause()
        assert app.is_running and app._exception is None
        monkeypatch.undo()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ChatScreen)


KEYS = [
    *"abcdefghijklmnopqrstuvwxyz0123456789 .,-/?", "enter", "escape", "tab", "shift+tab", "up", "down", "left", "right", "home", "end",
    "pageup", "pagedown", "backspace", "delete", "space", "f1", "f2", "f3", "f4", "f5",
    "ctrl+p", "ctrl+r", "ctrl+l", "ctrl+t", "ctrl+g", "ctrl+n", "ctrl+o", "ctrl+z",
    "shift+up", "shift+down", "ctrl+j", "alt+enter"]
"""Everything a person might press, except Ctrl+Q (quitting ends the walk) and Ctrl+S (the
save dialog is opened on purpose below, with HOME in a temp folder)."""

BURSTS = examples(45) // 3
"""Bursts of 4 random keys per screen: 15 (60 keys) in `make thorough`, 6 in `make test`."""

OPENERS = {
    "chat": [],
    "review": ["ctrl+r"],
    "library": ["ctrl+l"],
    "help": ["f1"],
    "palette": ["ctrl+p"],
    "deadline": ["ctrl+t"],
    "open-draft": ["ctrl+o"],
    "save-letter": ["ctrl+s"],
}


@pytest.mark.parametrize("where", list(OPENERS))
async def test_random_keys_never_crash(app_factory, monkeypatch, tmp_path, where):
    monkeypatch.setenv("HOME", str(tmp_path))  # a save dialog's default folder
    Store().save(Draft(agency="Treasury", topic="budget advice",
                       parts=[Part(text="Budget briefings to the Minister of Finance in 2023")]))
    # The walk starts at the parts step, the draft taken there by the engine (typing the
    # answers in Pilot first cost each of these tests several seconds and tested nothing new).
    draft = saved_draft(*START, "any emails that mention the Convention")
    app = app_factory(draft_id=draft.id)
    rng = random.Random(f"oiadraft-{where}")
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen.draft.parts, "the walk was meant to start at the parts step"
        for key in OPENERS[where]:
            await pilot.press(key)
        await pilot.pause()
        for _ in range(BURSTS):  # keys in bursts of 4
            send_keys(app, [rng.choice(KEYS) for _ in range(4)])
            await pilot.pause()
            assert app.is_running, "a key ended the app"
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app._exception is None and app.fatal_error is None
        assert app.last_error_log is None, app.last_error_log.read_text()


async def test_an_uncaught_error_saves_logs_and_prints_no_traceback(app_factory, isolated_home,
                                                                    monkeypatch):
    def boom(self):
        raise RuntimeError("unexpected")

    app = app_factory()
    with pytest.raises(RuntimeError):
        async with app.run_test(size=(80, 24)) as pilot:
            await conversation(pilot, "mfat", "cluster munitions")
            draft_id = app.screen.draft.id
            monkeypatch.setattr(ChatScreen, "on_resize", boom)
            await pilot.resize_terminal(100, 30)
            await pilot.pause()
    assert isinstance(app.fatal_error, RuntimeError)
    assert app._exit_renderables == [], "Textual's traceback (with locals) would be printed"
    assert app.last_error_log is not None
    assert "RuntimeError: unexpected" in app.last_error_log.read_text()
    assert Store().load(draft_id).topic == "cluster munitions"


def test_send_keys_sends_what_pilot_would():
    class Recorder:
        def __init__(self):
            self.sent = []

        def send_message(self, event):
            self.sent.append((event.key, event.character))

    class FakeApp:
        _driver = Recorder()

    send_keys(FakeApp, ["a", ".", "space", "enter", "f2"])
    assert FakeApp._driver.sent == [("a", "a"), ("full_stop", "."), ("space", " "),
                                    ("enter", "\r"), ("f2", None)]


async def test_two_keys_that_each_close_a_dialog_close_it_once(app_factory, monkeypatch,
                                                               tmp_path):
    """Enter on a listed draft (its message handled a moment later) then Escape, in one
    burst: both closed the dialog, so the second ran the caller again and popped the chat
    beneath it ("Can't pop screen"); found by the random-key walk."""
    monkeypatch.setenv("HOME", str(tmp_path))
    other = Draft(agency="Treasury", topic="budget advice",
                  parts=[Part(text="Budget briefings to the Minister of Finance in 2023")])
    Store().save(other)
    draft = saved_draft(*START, "any emails that mention the Convention")
    app = app_factory(draft_id=draft.id)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("ctrl+o")
        await pilot.pause()
        send_keys(app, ["enter", "escape"])
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ChatScreen) and app.screen_stack.count(app.screen) == 1
        assert app.last_error_log is None, app.last_error_log.read_text()
        assert app._exception is None and app.fatal_error is None
