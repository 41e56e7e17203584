"""Escape on a dialog holding text the user changed: warned once, discarded on the second
Escape, so a clause or a part's new wording is never thrown away by one stray key."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static, TextArea

WARNING = ("You changed the text: press Escape again to throw the changes away, or Ctrl+S to "
           "save them.")


class AsksBeforeDiscarding:
    """Mixin for an editing dialog: `may_discard` before dismissing on Escape."""

    _discard_warned = False

    def may_discard(self, changed: bool, notice: Static) -> bool:
        """True when the dialog may close: nothing changed, or the user was warned and pressed
        Escape again (with no change in between)."""
        if not changed or self._discard_warned:
            return True
        self._discard_warned = True
        notice.update(Text(WARNING, style="bold yellow"))
        return False

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self._discard_warned = False
