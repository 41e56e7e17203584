"""On start: offer to resume the latest draft."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from oiadraft.model import Draft
from oiadraft.tui.describe import describe_draft


class ResumeScreen(ModalScreen[str | None]):
    """Resume the latest draft, start a new one, or open another."""

    BINDINGS = [
        Binding("r,enter", "choose('resume')", "Resume", show=True),
        Binding("n,escape", "choose('new')", "New request", show=True),
        Binding("o", "choose('open')", "Open another", show=True),
    ]

    def __init__(self, draft: Draft, today: date) -> None:
        super().__init__()
        self.draft = draft
        self.today = today

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Text("Resume " + describe_draft(self.draft, self.today) + "?"),
                         id="question")
            with Horizontal(classes="buttons"):
                yield Button("Resume (R)", id="resume", variant="primary")
                yield Button("New request (N)", id="new")
                yield Button("Open another (O)", id="open")

    def on_mount(self) -> None:
        self.query_one("#resume", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)
