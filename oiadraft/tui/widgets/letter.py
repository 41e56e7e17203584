"""The live letter: exactly the text that will be copied or saved.

A read-only TextArea rather than a Static: it sizes and scrolls itself, so re-rendering the
letter on every keystroke repaints one widget instead of re-laying out the whole screen, and
the user can select text in it. Plain text only, so user words are never markup.
"""

from __future__ import annotations

from textual.widgets import TextArea

SHOWN_LIMIT = 60_000
"""The pane shows at most this many characters (a megabyte of text would make every redraw
slow); copying and saving always use the whole letter."""
EMPTY = "Your letter will appear here as you answer."
SMALL_CHANGE = 2_000
"""Changes up to this many characters (removed plus inserted) are edited in place."""
NARROW = 100
"""Below this terminal width the letter folds away behind Ctrl+G (chat and review)."""


class LetterPane(TextArea):
    """The letter, read-only, soft-wrapped, titled in its border."""

    def __init__(self, **kwargs) -> None:
        super().__init__(read_only=True, soft_wrap=True, show_line_numbers=False,
                         highlight_cursor_line=False, **kwargs)
        self.cursor_blink = False

    def on_mount(self) -> None:
        self.border_title = "Your letter"

    def show(self, letter: str) -> None:
        """Show `letter`. A small change (a keystroke in a part) edits only the lines that
        changed; loading the whole text would re-wrap every line of a long letter."""
        if not letter.strip():
            shown = EMPTY
        elif len(letter) > SHOWN_LIMIT:
            shown = (f"{letter[:SHOWN_LIMIT]}\n\n… the letter goes on. F5 copies and Ctrl+S "
                     "saves all of it.")
        else:
            shown = letter
        old = self.text
        if shown == old:
            return
        start = _common_prefix(old, shown)
        tail = min(_common_prefix(old[::-1], shown[::-1]), len(old) - start, len(shown) - start)
        if old and (len(old) - start - tail) + (len(shown) - start - tail) < SMALL_CHANGE:
            document = self.document
            self.replace(shown[start:len(shown) - tail],
                         document.get_location_from_index(start),
                         document.get_location_from_index(len(old) - tail),
                         maintain_selection_offset=False)
            self.history.clear()  # the pane is read-only: nothing to undo
            return
        scroll = self.scroll_offset
        self.load_text(shown)
        self.scroll_to(scroll.x, scroll.y, animate=False, immediate=True)

    @property
    def shown_text(self) -> str:
        return self.text


def _common_prefix(a: str, b: str) -> int:
    """Length of the longest common prefix (binary search on slices: C speed, not a loop
    over characters)."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if a[:middle] == b[:middle]:
            low = middle
        else:
            high = middle - 1
    return low
