"""The live letter: exactly the text that will be copied or saved."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

SHOWN_LIMIT = 60_000
"""The pane shows at most this many characters (a megabyte of text would make every redraw
slow); copying and saving always use the whole letter."""


class LetterView(Static):
    """The letter as plain text (user words never parsed as markup)."""


class LetterPane(VerticalScroll):
    """Scrollable frame around the letter, titled in its border."""

    def compose(self) -> ComposeResult:
        yield LetterView(id="letter-text")

    def on_mount(self) -> None:
        self.border_title = "Your letter"

    def show(self, letter: str) -> None:
        view = self.query_one(LetterView)
        if not letter.strip():
            view.update(Text("Your letter will appear here as you answer.", style="dim"))
            return
        if len(letter) > SHOWN_LIMIT:
            shown = Text(letter[:SHOWN_LIMIT])
            shown.append(f"\n\n… the letter goes on for {len(letter) - SHOWN_LIMIT:,} more "
                         "characters. F5 copies and Ctrl+S saves all of it.", style="bold")
            view.update(shown)
            return
        view.update(Text(letter))
