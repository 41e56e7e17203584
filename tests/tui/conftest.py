"""Helpers for driving the real app with Pilot."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import Input, TextArea

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


@pytest.fixture
def app_factory(clipboard):
    def factory(**kwargs) -> OiaDraftApp:
        kwargs.setdefault("today", TODAY)
        kwargs.setdefault("offer_resume", False)
        kwargs.setdefault("system_clipboard", clipboard)
        return make_app(**kwargs)

    return factory


async def say(pilot, text: str) -> None:
    """Type a whole message into the chat box and press Enter."""
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


def transcript_texts(app) -> list[str]:
    out = []
    for widget in app.screen.query("AssistantTurn, UserTurn"):
        out.append(getattr(widget, "_markdown", None) or getattr(widget, "text", ""))
    return out
