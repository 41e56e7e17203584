"""The chat's message box: a light stand-in in the first frame, the real editor once the
interview has loaded (`widgets.standins.MessageSoon` says why), and one way to reach it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from oiadraft.tui.widgets.standins import LARGE_PASTE, MessageSoon

if TYPE_CHECKING:
    from textual import events

    from oiadraft.tui.widgets.chat_input import ChatInput


class MessageBox:
    """Mixin for the chat screen (it has `_typing_changed`, `_submit`, `_turn_key`,
    `_enqueue`, `_bound` and `EarlyKeys._wait_its_turn`)."""

    app: Any
    draft: Any
    _dirty: bool
    save_now: Any
    query: Any
    query_one: Any
    focused: Any
    set_focus: Any
    notify: Any
    _bound: bool
    _wait_its_turn: Any
    _typing_changed: Any
    _submit: Any
    _turn_key: Any
    _enqueue: Any
    _withdraw_resume_offer: Any

    def _box(self) -> ChatInput:
        """The message box (the real one: from the moment the interview has loaded)."""
        return cast("ChatInput", self.query_one("#message"))

    def _box_text(self) -> str:
        """What is in the message box now, whichever box is there."""
        for soon in self.query(MessageSoon):
            return soon.typed
        return self._box().text

    def _put_in_box(self, words: str) -> None:
        """Replace what is in the message box, whichever box is there (cursor at the end)."""
        for soon in self.query(MessageSoon):
            soon.put(words)
            return
        box = self._box()
        box.load_text(words)
        box.move_cursor(box.document.end)

    def _wire_stand_in(self) -> None:
        soon = self.query_one(MessageSoon)
        soon.live_handler = self._typing_changed
        soon.submit_handler = self._submit
        soon.paste_handler = self._pasted_at_the_stand_in
        soon.key_handler = self._key_at_the_stand_in

    def _message_box_in(self) -> None:
        """Put the real message box where its stand-in is (once), with the words typed in
        the stand-in, the cursor after them, and the focus if the stand-in had it."""
        from oiadraft.tui.widgets.chat_input import ChatInput

        for soon in self.query(MessageSoon):
            box = ChatInput(id="message")
            box.live_handler = self._typing_changed
            box.submit_handler = self._submit
            box.key_handler = self._turn_key
            box.load_text(soon.typed)
            box.move_cursor(box.document.end)
            soon.parent.mount(box, after=soon)
            if self.focused is None or self.focused is soon:
                self.set_focus(box, scroll_visible=False)  # now: the next key goes to it
            soon.remove()

    def _typed_before_the_box(self, event: events.Key) -> bool:
        """A key that reached the screen itself while the stand-in is there: read before the
        focus was set (typed as the app started, while the terminal still read whole lines,
        so Enter came as Ctrl+J), or typed with another part of the chat focused. The
        stand-in takes it as typed there; True when it did."""
        for soon in self.query(MessageSoon):
            return soon.take(event, line_mode=self.focused is soon or self.focused is None)
        return False

    def _large_paste(self, text: str) -> None:
        if self.app.return_code is not None:
            # Pasted just before quitting, it reaches the box as the app closes: too late to
            # be worked on, so it is kept as the box's words, put back when the draft resumes.
            self.draft.pending_input = self._box_text() + text
            self._dirty = True
            self.save_now()
            return
        self._withdraw_resume_offer()  # a new request has begun, as with Enter
        self.notify(f"Checking {len(text):,} characters — the screen stays usable.",
                    title="Long paste", timeout=5)
        self._enqueue(("send", text))

    def _pasted_at_the_stand_in(self, text: str) -> bool:
        if len(text) <= LARGE_PASTE:
            return False
        self._large_paste(text)
        return True

    def _key_at_the_stand_in(self, key: str) -> bool:
        """A key the stand-in does not edit with: a turn key once the table is bound;
        before then it waits its turn in the queue (`EarlyKeys`), unless a binding takes it."""
        if self._bound:
            return bool(self._turn_key(key))
        return bool(self._wait_its_turn(key))
