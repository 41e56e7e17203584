"""Save the letter as .txt (plain text) or .md (Markdown); asks before overwriting a file or
creating a folder (a mistyped folder name would otherwise hide the letter in a new folder;
`drafts export -o`, which cannot ask, refuses a missing folder)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from oiadraft.errors import UserError
from oiadraft.fsutil import cannot_write, expand_user
from oiadraft.model import Draft
from oiadraft.tui.answers_once import AnswersOnce
from oiadraft.tui.guard import guarded

WORD_PROCESSOR_FILES = frozenset({".doc", ".docx", ".odt", ".pdf", ".rtf", ".pages"})
"""Names a word processor or PDF reader would open and find plain text it cannot read."""


def write_letter(draft: Draft, library: Any, path: Path, today: date) -> Path:
    """Render for the file's extension (.md → Markdown, else text) and write atomically,
    creating any missing folder (the dialog asked first)."""
    from oiadraft.fsutil import atomic_write_text
    from oiadraft.letter.render import render_markdown, render_text

    path = path.expanduser()
    render = render_markdown if path.suffix.lower() in {".md", ".markdown"} else render_text
    atomic_write_text(path, render(draft, library=library, today=today))
    return path


class SaveLetterScreen(AnswersOnce, ModalScreen[Path | None]):
    """Ask for a file name; confirm before replacing an existing file or creating a folder."""

    CSS_PATH = "dialogs.tcss"

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, draft: Draft, library: Any, default: Path, today: date) -> None:
        super().__init__()
        self.draft = draft
        self.library = library
        self.default = default
        self.today = today
        self._confirm_overwrite: Path | None = None
        self._confirm_folder: Path | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label("Save the letter as (.txt for email, .md for Markdown):")
            yield Input(str(self.default), id="path")
            yield Static("", id="problem")
            with Horizontal(classes="buttons"):
                yield Button("Save", id="save", variant="primary")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    def on_input_changed(self) -> None:
        self._confirm_overwrite = None
        self._confirm_folder = None
        self.query_one("#save", Button).label = "Save"
        self.query_one("#problem", Static).update("")

    def on_input_submitted(self) -> None:
        self.save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.save()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @guarded
    def save(self) -> None:
        raw = self.query_one("#path", Input).value.strip()
        problem = self.query_one("#problem", Static)
        if not raw:
            problem.update(Text("Type a file name.", style="bold red"))
            return
        try:
            path = expand_user(raw)
        except UserError as error:
            problem.update(Text(str(error), style="bold red"))
            return
        if path.suffix.lower() in WORD_PROCESSOR_FILES:
            problem.update(Text(
                f"The letter is saved as plain text, which a {path.suffix} file would not open "
                f"as: name it {path.stem}.txt (open that in your word processor, or paste it "
                "into an email) or .md for Markdown.", style="bold red"))
            return
        reason = cannot_write(path)
        if reason:
            problem.update(Text(reason, style="bold red"))
            return
        missing = _missing_folder(path)
        if missing is not None and self._confirm_folder != path:
            self._confirm_folder = path
            button = self.query_one("#save", Button)
            button.label = "Create"
            problem.update(Text(
                f"The folder {missing} does not exist. Press {button.label} (or Enter) to "
                "create it and save the letter there, or change the name.",
                style="bold yellow"))
            return
        if path.exists() and self._confirm_overwrite != path:
            self._confirm_overwrite = path
            button = self.query_one("#save", Button)
            button.label = "Replace"
            problem.update(Text(f"{path.name} already exists. Press {button.label} (or Enter) "
                                "to replace it, or change the name.", style="bold yellow"))
            return
        try:
            written = write_letter(self.draft, self.library, path, self.today)
        except OSError as error:
            problem.update(Text(f"Could not write {path}: {error.strerror or error}",
                                style="bold red"))
            return
        self.dismiss(written)


def _missing_folder(path: Path) -> Path | None:
    """The first folder on the way to `path` that does not exist (the one saving would
    create), or None when its folder is there."""
    missing = None
    for folder in path.parents:
        if folder.is_dir():
            break
        missing = folder
    return missing
