"""The greeting at start-up: in the first frame, before the interview loads.

A new request's greeting and first question are read from the head of the script alone
(`oiadraft.interview.opening`, through a small JSON cache) as the chat is composed, so the
first frame the terminal shows already asks the first question: shown a frame later, it cost
two more layouts and paints before anyone could read it. The interview's loader starts with
the screen but waits until that frame is out (the app calls `show_opening` on Textual's Ready):
loading it earlier took the processor from the first frame. Then the app may offer to resume
the latest draft.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

from textual import work

from oiadraft.tui import messages
from oiadraft.tui.widgets.transcript import AssistantTurn

OPENING_WAIT = 5.0
"""Seconds the interview waits for the first frame before loading anyway (a terminal that
never reports it must not leave the chat without its engine)."""


class Greeting:
    """Mixin for the chat screen (it has `draft`, `resumed`, `interview`, `_fill_in_act` and
    `_start_conversation`)."""

    resumed: bool
    draft: Any
    interview: Any
    app: Any
    post_message: Any
    notify: Any
    _fill_in_act: Any
    _start_conversation: Any

    def _init_greeting(self) -> None:
        self._opening: tuple[str, ...] = ()
        """The greeting shown before the interview was loaded (`_opening_turns`)."""
        self._opening_hint = ""
        """The hint in the empty message box meanwhile."""
        self._greeting = False
        """`show_opening` has run."""
        self._opened = threading.Event()
        """Set once the first frame is out: the interview loads then."""

    def _opening_turns(self) -> Iterator[AssistantTurn]:
        """A new request's greeting and first question, for the transcript as it is composed
        (the interview gives the same messages; `_start_conversation` checks)."""
        if self.resumed:
            return
        from oiadraft.interview.opening import read_opening

        opening = read_opening()
        if opening is None:
            return  # the first question needs the engine: it comes once that has loaded
        self._opening = opening.messages
        self._opening_hint = opening.placeholder
        for text in opening.messages:
            if text.strip():
                yield AssistantTurn(text)

    def show_opening(self) -> None:
        """Called by the app once the first frame is on the terminal: what waited for it (the
        interview's loading, the resume offer) goes ahead."""
        if self._greeting:
            return
        self._greeting = True
        self._opened.set()
        self.post_message(messages.ConversationOpened())

    def on_unmount(self) -> None:
        self._opened.set()  # a loader still waiting has nothing to wait for

    @work(thread=True, exit_on_error=False, group="prepare")
    def _prepare_interview(self) -> None:
        # Started at once (so `workers.wait_for_complete` covers it), it waits for the first
        # frame to be out: loading meanwhile would take the processor from it.
        self._opened.wait(timeout=OPENING_WAIT)
        try:
            from oiadraft.tui.actions import specs

            self._fill_in_act()
            self.interview.view(self.draft.copy())  # loads the script, the Acts and the checker
            specs()
        except Exception as error:  # the chat cannot go on: say so, keep what was typed
            self.app.call_from_thread(self._interview_failed, error)
            return
        self.app.call_from_thread(self._start_conversation)

    def _interview_failed(self, error: Exception) -> None:
        from oiadraft.errors import OiaDraftError

        if not isinstance(error, OiaDraftError):
            self.app.report_error(error)
            return
        self.app.write_error_log(error)
        self.notify(f"The assistant could not start: {error}. What you type is kept with your "
                    "draft.", title="Cannot start", severity="error", timeout=60)
