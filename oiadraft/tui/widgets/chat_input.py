"""The message box: Enter sends, pasted text keeps its lines, huge pastes skip the editor."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.widgets import TextArea

from oiadraft.text import strip_controls
from oiadraft.tui.widgets.standins import LARGE_PASTE


class ChatInput(TextArea):
    """A multi-line input: Enter sends (and empties the box at once, so typing can go straight
    on), Alt+Enter or Ctrl+J starts a new line."""

    BINDINGS = [
        Binding("alt+enter,ctrl+j", "newline", "New line", show=False),
    ]

    @dataclass
    class Submitted(Message):
        """The user sent a message."""

        chat_input: ChatInput
        text: str

    @dataclass
    class LargePasted(Message):
        """The user pasted more than LARGE_PASTE characters."""

        chat_input: ChatInput
        text: str

    def __init__(self, **kwargs) -> None:
        super().__init__(soft_wrap=True, show_line_numbers=False, tab_behavior="focus",
                         compact=True, **kwargs)
        self.live_handler: Callable[[str], None] | None = None
        """Called with the new text right after a typed character is inserted, so the live
        letter is updated in the same frame as the echo (the Changed message arrives a frame
        later). Deletions, undo and pastes still come through TextArea.Changed."""
        self.submit_handler: Callable[[str], None] | None = None
        """Called with the text when Enter is pressed, in place of posting Submitted: a
        message would reach the screen only after the keys already waiting behind Enter, so
        a command's reply (the words of `edit part 2` put in the box) would come after the
        next answer had been typed and sent."""
        self.key_handler: Callable[[str], bool] | None = None
        """Offered every other key first; True when it took the key. For the keys that are
        turns of the conversation (Escape, F2): a binding runs only once the key has bubbled
        up, after the keys waiting behind it are already in the box."""

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            # Empty the box now, not when the screen gets round to the message: keys typed
            # straight after Enter belong to the next answer and must not be wiped.
            text = self.text
            self.clear()
            if self.submit_handler is not None:
                self.submit_handler(text)
            else:
                self.post_message(self.Submitted(self, text))
            return
        if self.key_handler is not None and self.key_handler(event.key):
            event.stop()
            event.prevent_default()
            return
        before = self.text
        await super()._on_key(event)
        if self.live_handler is not None and self.text != before:
            self.live_handler(self.text)

    async def _on_paste(self, event: events.Paste) -> None:
        # Pasted text is data: colour codes, terminal escapes and control characters never
        # reach the draft (the terminal layer already keeps them from becoming keys).
        # TextArea's own paste handler runs after this one (Textual calls each class's
        # handler in turn) and inserts the cleaned text.
        event.text = strip_controls(event.text)
        if len(event.text) > LARGE_PASTE:
            event.stop()
            event.prevent_default()
            self.post_message(self.LargePasted(self, event.text))

    def action_newline(self) -> None:
        self.insert("\n")
