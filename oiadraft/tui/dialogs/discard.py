"""Escape on a dialog holding text the user changed: warned once, discarded on the second
Escape, so a clause or a part's new wording is never thrown away by one stray key."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static, TextArea

WARNING = ("You changed the text: press Escape again to throw the changes away, or Ctrl+S to "
           "save them.")
QUIT_WARNING = ("You changed the text and have not saved it: Ctrl+S saves it, or quit again "
                "to leave without it.")


class AsksBeforeDiscarding:
    """Mixin for an editing dialog: `may_discard` before dismissing on Escape, `may_quit`
    before the app quits with it open."""

    _discard_warned = False
    _quit_warned = False

    def unsaved(self) -> tuple[bool, Static]:
        """Whether the text differs from what the dialog opened with, and where to say so."""
        raise NotImplementedError

    def may_quit(self) -> bool:
        """True when the app may quit with this dialog open: nothing changed, or the user was
        warned and asked to quit again. Quitting saves the draft, not a dialog's text, so one
        reflexive Ctrl+Q must not throw away a clause or a part's new wording."""
        changed, notice = self.unsaved()
        if not changed or self._quit_warned:
            return True
        self._quit_warned = True
        notice.update(Text(QUIT_WARNING, style="bold yellow"))
        return False

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
        self._quit_warned = False
