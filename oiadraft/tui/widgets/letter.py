"""The live letter: exactly the text that will be copied or saved."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static


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
        view.update(Text(letter) if letter.strip() else Text(
            "Your letter will appear here as you answer.", style="dim"))
