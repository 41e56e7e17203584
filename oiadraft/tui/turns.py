"""The chat's input queue: answers and keyed actions are taken one at a time, in the order
they were given, however fast they come; while a long paste is worked on off the UI thread,
the box stays open and what is sent meanwhile waits its turn.

Until its reply is on screen, a turn's words are the draft's unsent words (`_unsent_input`):
any save meanwhile (timed, quitting, a signal, an error) keeps them, put back in the box when
the draft resumes, since a quit or a kill means the reply never lands."""

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
    _put_in_box: Any
    schedule_save: Any
    _large_paste: Any
    _withdraw_resume_offer: Any

    def _init_turns(self) -> None:
        self._busy = False
        """A turn is being worked on off the UI thread; what is sent meanwhile waits."""
        self._queue: deque[tuple[str, ...]] = deque()
        """Answers and keyed actions waiting their turn (see `_enqueue`)."""
        self._deferred: str | None = None
        """A paste not shown yet: the reply's summary stands in for it."""
        self._checking: tuple[str, str] | None = None
        """The draft's id and the words being worked on off the UI thread."""

    def _unsent_input(self) -> str:
        """The draft's unsent words as saved: the words being worked on off the UI thread,
        the answers waiting their turn, then what is in the box."""
        waiting = [item[1] for item in self._queue if item[0] == "send" and item[1].strip()]
        if self._checking is not None and self._checking[0] == self.draft.id:
            waiting.insert(0, self._checking[1])
        if not waiting:
            return str(self.draft.pending_input)
        return one_after_another([*waiting, self.draft.pending_input])

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
            self._checking = (self.draft.id, text)
            self.schedule_save()  # with the words being checked: a kill meanwhile keeps them
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
        self.app.call_from_thread(self._checked, reply, draft)

    def _checked(self, reply: Any, draft: Draft) -> None:
        """The reply to the words worked on off the UI thread: shown, unless another draft
        was opened meanwhile (that one was saved with the words unsent, to send again)."""
        self._checking = None
        if draft.id != self.draft.id:
            self._busy = False
            self._drain()
            return
        self.apply_reply(reply, draft)
        self.schedule_save()  # the words saved as unsent are answered now

    def _respond_failed(self, error: Exception) -> None:
        self._busy = False
        self.app.report_error(error)  # saves the draft with the words unsent
        checking, self._checking = self._checking, None
        if checking is not None and checking[0] == self.draft.id:
            # Back in the box, before anything typed since: to edit, or to send again.
            words = one_after_another([checking[1], self._box_text()])
            self.draft.pending_input = words
            self._put_in_box(words)
            self.schedule_save()
        self._drain()


def one_after_another(texts: list[str]) -> str:
    """Texts sent one by one, as one text for the box: each on a line of its own."""
    joined = ""
    for text in filter(None, texts):
        if joined and not joined.endswith("\n"):
            joined += "\n"
        joined += text
    return joined
