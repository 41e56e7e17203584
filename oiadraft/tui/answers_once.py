"""Screens that answer once: a dialog or screen pushed with a callback is dismissed once.

Two keys that each close a screen, pressed together (Enter on an option, whose message is
handled a moment later, then Escape), each called `dismiss`. Textual runs the caller's
callback and pops the top of the stack on every call, so the second call ran the callback
again with the other answer and popped the screen beneath (the chat; review, under a dialog),
or failed with "Can't pop screen" when none was left.
"""

from __future__ import annotations

from typing import Any

from textual.await_complete import AwaitComplete


class AnswersOnce:
    """Mix in before the Textual screen class: `class X(AnswersOnce, ModalScreen[T])`."""

    _answered = False

    def dismiss(self, result: Any = None) -> AwaitComplete:
        if self._answered:
            return AwaitComplete.nothing()
        self._answered = True
        return super().dismiss(result)  # type: ignore[misc]
