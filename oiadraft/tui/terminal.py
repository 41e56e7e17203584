"""Terminal input: a pasted text stays text, whatever escape codes it carries.

Textual's input parser leaves bracketed-paste mode's buffer for the escape-sequence reader at
every ESC, so colour codes in a paste cut it short and turn the rest into keystrokes (ESC
Ctrl-Q inside a paste quit the app). `PasteSafeParser` removes escape sequences and control
characters from the body of a bracketed paste before the parser sees it; everything outside
a paste (keys, mouse, resize reports) passes through untouched, and nothing is held back
except inside a paste, so the Escape key is never delayed.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual._xterm_parser import XTermParser
from textual.message import Message

from oiadraft.text import strip_controls

PASTE_START = "\x1b[200~"
PASTE_END = "\x1b[201~"
_HOLD_LIMIT = 64
"""Inside a paste, an unfinished escape sequence this close to the end of a chunk waits for
the next chunk (a colour code split across two reads is still removed whole)."""


class PasteFilter:
    """Cleans the body of bracketed pastes in a stream of terminal input, chunk by chunk."""

    def __init__(self) -> None:
        self.in_paste = False
        self._held = ""
        """Inside a paste: the tail of the last chunk that may start an escape sequence."""
        self._tail = ""
        """Outside a paste: the last few characters, to see a start marker split in two."""

    def feed(self, data: str) -> str:
        out: list[str] = []
        text = self._held + data
        self._held = ""
        while text:
            if not self.in_paste:
                seen = self._tail + text
                start = seen.find(PASTE_START)
                if start == -1:
                    out.append(text)
                    self._tail = seen[-(len(PASTE_START) - 1):]
                    return "".join(out)
                body_at = start + len(PASTE_START) - len(self._tail)
                out.append(text[:body_at])
                text = text[body_at:]
                self._tail = ""
                self.in_paste = True
                continue
            end = text.find(PASTE_END)
            if end != -1:
                out.append(strip_controls(text[:end]) + PASTE_END)
                text = text[end + len(PASTE_END):]
                self.in_paste = False
                continue
            cut = text.rfind("\x1b", max(0, len(text) - _HOLD_LIMIT))
            if cut != -1:
                self._held = text[cut:]
                text = text[:cut]
            out.append(strip_controls(text))
            break
        return "".join(out)


class PasteSafeParser(XTermParser):
    """Textual's parser with `PasteFilter` in front of it."""

    def __init__(self, debug: bool = False) -> None:
        self._paste_filter = PasteFilter()
        super().__init__(debug)

    def feed(self, data: str) -> Iterable[Message]:
        if not data:  # end of input: let the parser finish
            return super().feed(data)
        filtered = self._paste_filter.feed(data)
        return super().feed(filtered) if filtered else ()  # "" would mean end of input


def use_paste_safe_parser() -> None:
    """Make the terminal driver read input through `PasteSafeParser` (real terminals only)."""
    try:
        from textual.drivers import linux_driver
    except ImportError:  # not a POSIX terminal
        return
    linux_driver.XTermParser = PasteSafeParser  # type: ignore[misc]
