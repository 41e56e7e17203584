"""Edit one part's wording in a dialog (the review screen's `e`)."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Static, TextArea

from oiadraft.tui.answers_once import AnswersOnce
from oiadraft.tui.dialogs.discard import AsksBeforeDiscarding


class EditPartScreen(AnswersOnce, AsksBeforeDiscarding, ModalScreen[str | None]):
    """Edit one part's wording; empty text is refused."""

    CSS_PATH = "dialogs.tcss"

    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("ctrl+s", "save", "Save")]

    def __init__(self, number: int, text: str,
                 keep: Callable[[str], None] | None = None) -> None:
        super().__init__()
        self.number = number
        self.text = text
        self.keep = keep
        """Takes the new wording when oiadraft is stopped with this dialog open (the caller
        applies it as if saved, so the last save of the draft has it)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(f"Part {self.number} (Ctrl+S saves, Escape cancels)")
            yield TextArea(self.text, id="part-text", soft_wrap=True)
            yield Static("", id="problem")

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        # at the end of the wording, where words are added: typed at once, they were put
        # in front of it ("in that periodAll emails about ...")
        area.move_cursor(area.document.end)

    def action_save(self) -> None:
        text = self.query_one(TextArea).text.strip()
        if not text:
            self.query_one("#problem", Static).update(
                Text("A part can't be empty; delete it on the review screen instead.",
                     style="bold red"))
            return
        self.dismiss(text)

    def keep_unsaved(self) -> None:
        """oiadraft is being stopped (a signal, a closed terminal) and cannot ask: a changed,
        non-empty wording goes into the draft, where undo can take it back."""
        text = self.query_one(TextArea).text.strip()
        if self.keep is not None and text and text != self.text.strip():
            self.keep(text)

    def unsaved(self) -> tuple[bool, Static]:
        return (self.query_one(TextArea).text.strip() != self.text.strip(),
                self.query_one("#problem", Static))

    def action_cancel(self) -> None:
        if self.may_discard(*self.unsaved()):
            self.dismiss(None)
