"""Helpers for driving the real app with Pilot."""

from __future__ import annotations

import threading
from datetime import date
from typing import Any

import pytest
from textual import events
from textual.keys import _character_to_key
from textual.widgets import Input, TextArea

from oiadraft.interview import Interview
from oiadraft.model import Draft
from oiadraft.tui.app import OiaDraftApp, make_app
from oiadraft.tui.widgets.chat_input import ChatInput

TODAY = date(2024, 9, 13)


class FakeClipboard:
    """Stands in for wl-copy/xclip/pbcopy so tests never touch the real clipboard."""

    def __init__(self) -> None:
        self.copied: list[str] = []

    def __call__(self, text: str) -> str:
        self.copied.append(text)
        return "fake-clip"


@pytest.fixture
def clipboard() -> FakeClipboard:
    return FakeClipboard()


@pytest.fixture(autouse=True)
def no_cursor_blink(monkeypatch):
    """Cursors never blink in tests, from the moment each box is made: a snapshot must not
    depend on which half-second it was taken in (switching blink off later races the timer)."""
    for widget in (TextArea, Input):
        monkeypatch.setattr(widget.cursor_blink, "_default", False)


@pytest.fixture
def app_factory(clipboard):
    def factory(**kwargs) -> OiaDraftApp:
        kwargs.setdefault("today", TODAY)
        kwargs.setdefault("offer_resume", False)
        kwargs.setdefault("system_clipboard", clipboard)
        app = make_app(**kwargs)
        app.animation_level = "none"  # nothing moves between frames in a snapshot
        return app

    return factory


async def ready(pilot) -> None:
    """Wait until the conversation is open: the interview loaded (off the UI thread, once the
    greeting is on screen) and the keys of the action table bound. A key pressed before then
    waits its turn (tests/tui/test_typeahead.py); a test about what a key does once the app is
    up starts here."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def open_screen(pilot, key: str, kind: type) -> Any:
    """Press `key` and return the screen or dialog it opened, asserted to be a `kind`."""
    await pilot.press(key)
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, kind), screen
    return screen


async def say(pilot, text: str) -> None:
    """Type a whole message into the chat box and press Enter (once the greeting is up: the
    interview loads off the UI thread, and what is sent before then waits its turn)."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    box = pilot.app.screen.query_one(ChatInput)
    box.text = text
    await pilot.press("enter")
    await pilot.pause()


async def conversation(pilot, *messages: str) -> None:
    for message in messages:
        await say(pilot, message)


def still(app) -> None:
    """No blinking cursors: snapshots must not depend on the moment they are taken."""
    for widget in app.screen.query("TextArea, Input"):
        if isinstance(widget, (TextArea, Input)):
            widget.cursor_blink = False


async def settle(pilot, quiet_rounds: int = 3, limit: int = 100) -> None:
    """Wait until workers are done and scroll positions and sizes stop changing (Markdown
    lays itself out a frame or two after mounting, and the transcript then re-anchors)."""
    app = pilot.app
    await app.workers.wait_for_complete()

    def fingerprint():
        return tuple((w.scroll_y, w.virtual_size.height, w.size.height)
                     for w in app.screen.query("*") if w.is_scrollable)

    last, quiet = None, 0
    for _ in range(limit):
        await pilot.pause()
        current = fingerprint()
        quiet = quiet + 1 if current == last else 0
        if quiet >= quiet_rounds:
            break
        last = current
    still(app)
    # Scrollbar thumbs repaint a frame after the scroll they show; force one last full
    # repaint so a snapshot never catches a stale thumb.
    for widget in app.screen.query("*"):
        widget.refresh()
        if widget.is_scrollable:  # scrollbars are not in the DOM, so query() misses them
            widget.vertical_scrollbar.refresh()
            widget.horizontal_scrollbar.refresh()
    await pilot.pause()
    await pilot.pause()


def transcript_texts(app) -> list[str]:
    out = []
    for widget in app.screen.query("AssistantTurn, UserTurn"):
        out.append(getattr(widget, "markdown", None) or getattr(widget, "text", ""))
    return out


def saved_draft(*answers: str) -> Draft:
    """A draft taken through `answers` by the interview engine itself, saved: for tests about
    what the screen does in a state, not about the conversation that led there (typing each
    answer in Pilot costs a frame or more per turn)."""
    from oiadraft.interview import Interview
    from oiadraft.store import Store

    draft = Draft()
    interview = Interview(today=TODAY)
    for answer in answers:
        interview.respond(draft, answer)
    Store().save(draft)
    return draft


NAMED_CHARACTERS = {"space": " ", "enter": "\r", "tab": "\t", "escape": "\x1b",
                    "backspace": "\x7f", "ctrl+j": "\n"}


def send_keys(app, keys: list[str]) -> None:
    """Send keys the way a fast typist's terminal delivers them: one after another, with no
    wait for the app to catch up in between (pilot.press waits for idle after every key)."""
    for key in keys:
        char = key if len(key) == 1 else NAMED_CHARACTERS.get(key)
        if len(key) == 1 and not key.isalnum():
            key = _character_to_key(key)
        event = events.Key(key, char)
        event.set_sender(app)
        app._driver.send_message(event)


@pytest.fixture
def loading(monkeypatch) -> threading.Event:
    """The interview keeps loading (its first view waits) until the test sets this event."""
    event = threading.Event()
    real_view = Interview.view

    def slow_view(self, draft):
        event.wait(timeout=30)
        return real_view(self, draft)

    monkeypatch.setattr(Interview, "view", slow_view)
    return event


async def greeted_while_loading(pilot):
    """Two frames in, with `loading` holding the interview back: the chat screen, its greeting
    up and its interview still loading."""
    await pilot.pause()
    await pilot.pause()
    chat = pilot.app.screen
    assert not chat._started, "the interview was meant to be still loading"
    return chat
