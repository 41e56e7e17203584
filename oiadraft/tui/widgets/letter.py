"""The live letter: exactly the text that will be copied or saved.

A read-only TextArea rather than a Static: it sizes and scrolls itself, so re-rendering the
letter on every keystroke repaints one widget instead of re-laying out the whole screen, and
the user can select text in it. Plain text only, so user words are never markup.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.widgets import TextArea
from textual.widgets.text_area import Selection

from oiadraft.tui.widgets.standins import EMPTY

SHOWN_LIMIT = 60_000
"""The pane shows at most this many characters (a megabyte of text would make every redraw
slow); copying and saving always use the whole letter."""
SMALL_CHANGE = 2_000
"""Changes up to this many characters (removed plus inserted) are edited in place."""


class LetterPane(TextArea):
    """The letter, read-only, soft-wrapped, titled in its border (`standins.LetterSoon` stands
    in for it while the chat starts)."""

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
            self._edit_in_place(shown[start:len(shown) - tail], start, len(old) - tail)
            return
        scroll = self.scroll_offset
        self.load_text(shown)
        self.scroll_to(scroll.x, scroll.y, animate=False, immediate=True)

    def _edit_in_place(self, text: str, start: int, end: int) -> None:
        """Replace characters `start`..`end` with `text` and repaint only the lines from the
        edit down. `TextArea.replace` moves the cursor, which repaints every line of the pane
        (and scrolls it) at each key typed; the pane is read-only, so the document is edited
        directly, and the view follows the words only when they are out of sight."""
        document = self.document
        top = document.get_location_from_index(start)
        bottom = document.get_location_from_index(end)
        result = document.replace_range(top, bottom, text)
        wrapped = self.wrapped_document
        wrapped.wrap_range(top, bottom, result.end_location)
        self._line_cache.clear()  # TextArea caches rendered lines by their row on screen
        self.virtual_size = Size(0, wrapped.height)
        self.history.clear()  # nothing to undo in a read-only pane
        if self.selection.end > document.end:  # the letter got shorter than where it was
            self.set_reactive(TextArea.selection, Selection.cursor(document.end))
        row = wrapped.location_to_offset(top).y
        end_row = wrapped.location_to_offset(result.end_location).y
        scroll_y, height = self.scroll_offset.y, self.scrollable_content_region.height
        if end_row < scroll_y or row >= scroll_y + height:
            self.set_reactive(TextArea.selection, Selection.cursor(result.end_location))
            self.scroll_cursor_visible()  # out of sight: show them (repaints the pane)
        else:
            self.refresh_lines(row, max(1, scroll_y + height - row))

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
