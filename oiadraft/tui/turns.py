"""The chat's input queue: answers and keyed actions are taken one at a time, in the order
they were given, however fast they come; while a long paste is worked on off the UI thread,
the box stays open and what is sent meanwhile waits its turn."""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING, Any

from textual import work

from oiadraft.model import Draft
from oiadraft.tui.guard import guarded
from oiadraft.tui.widgets.transcript import Transcript

if TYPE_CHECKING:
    from oiadraft.tui.widgets.chat_input import ChatInput


class Turns:
    """Mixin for the chat screen (it has `draft`, `interview`, `view`, `apply_reply`,
    `_act_now`, `_early_key`, the message box and the resume offer)."""

    draft: Draft
    app: Any
    interview: Any
    view: Any
    _started: bool
    query_one: Any
    apply_reply: Any
    _act_now: Any
    _early_key: Any
    _box_text: Any
    _large_paste: Any
    _withdraw_resume_offer: Any

    def _init_turns(self) -> None:
        self._busy = False
        """A turn is being worked on off the UI thread; what is sent meanwhile waits."""
        self._queue: deque[tuple[str, ...]] = deque()
        """Answers and keyed actions waiting their turn (see `_enqueue`)."""
        self._deferred: str | None = None
        """A paste not shown yet: the reply's summary stands in for it."""

    def on_chat_input_submitted(self, event: ChatInput.Submitted) -> None:
        self._submit(event.text)

    def _submit(self, text: str) -> None:
        """Enter in the box: called as the key is handled, so an answer takes its place in
        the queue in the order it was typed, among keyed actions (Escape)."""
        if text.strip():
            self._withdraw_resume_offer()  # a new request has begun
        self.draft.pending_input = self._box_text()  # typed after Enter
        self._enqueue(("send", text))

    def on_chat_input_large_pasted(self, event: ChatInput.LargePasted) -> None:
        self._large_paste(event.text)

    def _enqueue(self, item: tuple[str, str] | tuple[str, str, str]) -> None:
        self._queue.append(item)
        self._drain()

    @guarded
    def _drain(self) -> None:
        while self._queue and not self._busy and self._started:
            item = self._queue.popleft()
            if item[0] == "send":
                self.send(item[1])
            elif item[0] == "key":
                self._early_key(item[1])
            else:
                self._act_now(item[1], item[2])

    def send(self, text: str, shown: str | None = None) -> None:
        """Show the user's turn and hand the text to the interview."""
        # Enter on an empty box means "keep the defaults" for choices and confirmations, and
        # "skip" for optional questions; elsewhere it does nothing.
        if not text.strip() and self.view.kind in {"parts", "text", "edit", "fill"} \
                and not self.view.optional:
            return
        if "\n" in text.strip() and len(text) <= 20_000 and shown is None:
            self._deferred = text  # a paste: the reply's summary is shown for it
        else:
            self.query_one(Transcript).add_user(shown if shown is not None else text or "⏎")
        if len(text) > 20_000:
            self._busy = True
            self._respond_in_thread(self.draft.copy(), text)
        else:
            self.apply_reply(self.interview.respond(self.draft, text))

    @work(thread=True, exclusive=True, group="respond")
    def _respond_in_thread(self, draft: Draft, text: str) -> None:
        try:
            reply = self.interview.respond(draft, text)
        except Exception as error:
            self.app.call_from_thread(self._respond_failed, error)
            return
        self.app.call_from_thread(self.apply_reply, reply, draft)

    def _respond_failed(self, error: Exception) -> None:
        self._busy = False
        self.app.report_error(error)
        self._drain()
