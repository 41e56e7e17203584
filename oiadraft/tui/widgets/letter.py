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
        """Replace the text, keeping the scroll position when the letter just grows."""
        if not letter.strip():
            shown = EMPTY
        elif len(letter) > SHOWN_LIMIT:
            shown = (f"{letter[:SHOWN_LIMIT]}\n\n… the letter goes on for "
                     f"{len(letter) - SHOWN_LIMIT:,} more characters. F5 copies and Ctrl+S "
                     "saves all of it.")
        else:
            shown = letter
        if shown == self.text:
            return
        scroll = self.scroll_offset
        self.load_text(shown)
        self.scroll_to(scroll.x, scroll.y, animate=False, immediate=True)

    @property
    def shown_text(self) -> str:
        return self.text
