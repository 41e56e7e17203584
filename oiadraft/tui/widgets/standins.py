"""Light stand-ins drawn in the chat's first frame in place of its two text editors.

A `TextArea` costs a tenth of the start-up to import, lay out and paint, and neither editor
has anything to do before the interview has loaded: the letter is empty and what is typed
waits in the queue. So the first frame shows these two plain boxes, the same size and with
the same words, and the chat puts the real widgets in their place when the interview is in
(`LiveLetter._letter_pane_in`, `MessageBox._message_box_in`).
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import events
from textual.widgets import Static

EMPTY = "Your letter will appear here as you answer."
"""What the letter box says before there is a letter."""
NARROW = 100
"""Below this terminal width the letter folds away behind Ctrl+G (chat and review)."""
LARGE_PASTE = 20_000
"""Pastes longer than this bypass the message box (a TextArea with a megabyte in it is
sluggish) and go straight to the assistant, which works on them off the UI thread."""


class LetterSoon(Static):
    """Stands in for the letter pane: the same box, title and words."""

    def __init__(self, **kwargs) -> None:
        super().__init__(EMPTY, markup=False, **kwargs)

    def on_mount(self) -> None:
        self.border_title = "Your letter"


class MessageSoon(Static, can_focus=True):
    """Stands in for the message box: a small line editor with the box's handlers. Typed
    characters, Backspace, a new line (Alt+Enter, Ctrl+J) and pastes (cleaned) edit the
    words; Enter sends them; every other key goes to `key_handler` at once, so it takes its
    turn in the chat's queue in the order typed. The real box then starts from the words."""

    def __init__(self, *, placeholder: str = "", **kwargs) -> None:
        super().__init__("", markup=False, **kwargs)
        self.typed = ""
        """The words typed since the last Enter: the real box starts with them."""
        self.live_handler: Callable[[str], None] | None = None
        """Told the words each time they change (the chat saves them with the draft)."""
        self.submit_handler: Callable[[str], None] | None = None
        """Given the words when Enter is pressed."""
        self.paste_handler: Callable[[str], bool] | None = None
        """Offered a cleaned paste first; True when it took it (a very long one)."""
        self.key_handler: Callable[[str], bool] | None = None
        """Offered every other key; True when it took it (False: it goes on to the bindings)."""
        self._placeholder = placeholder

    @property
    def placeholder(self) -> str:
        return self._placeholder

    @placeholder.setter
    def placeholder(self, text: str) -> None:
        self._placeholder = str(text)
        self._show()

    def on_mount(self) -> None:
        self._show()

    async def _on_key(self, event: events.Key) -> None:
        self.take(event)

    def take(self, event: events.Key, *, line_mode: bool = False) -> bool:
        """Take the key as typed here; False leaves it to the bindings. `line_mode`: it was
        typed while the app was starting, when the terminal still read whole lines and
        turned Enter into Ctrl+J (a new line here): it is Enter."""
        key = "enter" if line_mode and event.key == "ctrl+j" else event.key
        if key == "enter":
            words, self.typed = self.typed, ""
            self._changed()
            if self.submit_handler is not None:
                self.submit_handler(words)
        elif key == "backspace":
            self._edit(self.typed[:-1])
        elif key in ("ctrl+j", "alt+enter"):
            self._edit(self.typed + "\n")
        elif event.is_printable and event.character:
            self._edit(self.typed + event.character)
        elif self.key_handler is None or not self.key_handler(key):
            return False  # on to the bindings
        event.stop()
        event.prevent_default()
        return True

    async def _on_paste(self, event: events.Paste) -> None:
        from oiadraft.text import strip_controls

        event.stop()
        event.prevent_default()
        text = strip_controls(event.text)
        if self.paste_handler is None or not self.paste_handler(text):
            self._edit(self.typed + text)

    def put(self, words: str) -> None:
        """Replace the words (the draft already has them: no one is told)."""
        self.typed = words
        self._show()

    def _edit(self, words: str) -> None:
        self.typed = words
        self._changed()

    def _changed(self) -> None:
        self._show()
        if self.live_handler is not None:
            self.live_handler(self.typed)

    def _show(self) -> None:
        if self.typed:
            self.update(Text(self.typed[-2_000:]))
        else:
            self.update(Text(self._placeholder, style="dim"))
