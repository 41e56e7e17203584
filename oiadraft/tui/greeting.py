"""The greeting at start-up: shown once the first frame is out, before the interview loads.

A new request's greeting and first question are read from the head of the script alone
(`oiadraft.interview.opening`) and shown as soon as Textual says the first frame has gone to
the terminal (the app calls `show_opening` on Ready). The interview's loader starts with the
screen but waits until a layout has painted the greeting: loading it earlier took the
processor from the first frames. Then the app may offer to resume the latest draft.
"""

from __future__ import annotations

import threading
from typing import Any

from textual import work

from oiadraft.tui import messages
from oiadraft.tui.guard import guarded
from oiadraft.tui.widgets.transcript import Transcript

OPENING_WAIT = 5.0
"""Seconds the interview waits for the greeting to be shown before loading anyway (a terminal
that never reports its first frame must not leave the chat without its engine)."""


class Greeting:
    """Mixin for the chat screen (it has `draft`, `resumed`, `interview`, `_fill_in_act` and
    `_start_conversation`)."""

    resumed: bool
    draft: Any
    interview: Any
    app: Any
    screen_layout_refresh_signal: Any
    query_one: Any
    post_message: Any
    _fill_in_act: Any
    _start_conversation: Any
    _set_placeholder: Any

    def _init_greeting(self) -> None:
        self._opening: tuple[str, ...] = ()
        """The greeting shown before the interview was loaded (`show_opening`)."""
        self._greeting = False
        """`show_opening` has run."""
        self._opened = threading.Event()
        """Set once the greeting is on screen (or there is none to show): the interview
        loads then."""

    @guarded
    async def show_opening(self) -> None:
        """Called by the app once the first frame is on the terminal. A new request: show
        the greeting and the first question now (the interview gives the same messages;
        `_start_conversation` checks); the interview loads once they are on screen."""
        if self._greeting:
            return
        self._greeting = True
        if not self.resumed:
            from oiadraft.interview.opening import read_opening

            opening = read_opening()
            if opening is not None:
                transcript = self.query_one(Transcript)
                turns = await transcript.add_assistant_turns(opening.messages)
                self._set_placeholder(opening.placeholder)
                self._opening = opening.messages
                if turns:
                    # The next layout of the screen (they are mounted) paints them.
                    self.screen_layout_refresh_signal.subscribe(transcript, self._laid_out)
                    return
        self._greeted()

    def _laid_out(self, _screen: object) -> None:
        """The screen was laid out and painted with the greeting in it."""
        self.screen_layout_refresh_signal.unsubscribe(self.query_one(Transcript))
        self._greeted()

    def _greeted(self) -> None:
        """The greeting is on screen: what waited for it goes ahead."""
        self._opened.set()
        self.post_message(messages.ConversationOpened())

    def on_unmount(self) -> None:
        self._opened.set()  # a loader still waiting has nothing to wait for

    @work(thread=True, exit_on_error=False, group="prepare")
    def _prepare_interview(self) -> None:
        # Started at once (so `workers.wait_for_complete` covers it), it waits for the
        # greeting: loading meanwhile would take the processor from the first frames.
        self._opened.wait(timeout=OPENING_WAIT)
        from oiadraft.tui.actions import specs

        self._fill_in_act()
        self.interview.view(self.draft.copy())  # loads the script, the Acts and the checker
        specs()
        self.app.call_from_thread(self._start_conversation)
