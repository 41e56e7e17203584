"""Write or edit a clause as YAML; nothing is saved until it is valid."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Static, TextArea

from oiadraft.errors import DataError, SaveError, UserError
from oiadraft.tui.answers_once import AnswersOnce
from oiadraft.tui.dialogs.discard import AsksBeforeDiscarding
from oiadraft.tui.guard import guarded
from oiadraft.tui.typed_app import UsesOiaDraftApp

NEW_CLAUSE_ID = "my-clause"
EXAMPLE_BODY = "Write the paragraph here."
"""The template's first words of a body: a clause still holding them is not a letter's words."""
NEW_CLAUSE = f"""\
version: 1
id: {NEW_CLAUSE_ID}
title: My clause
kind: custom
acts: [oia, lgoima]
section: preferences
default: false
tags: []
notes: |
  When to use it, in a sentence or two.
body: |
  {EXAMPLE_BODY} Placeholders such as {{agency}}, {{act_name}} and
  {{section.preferences}} are filled in for each letter.
"""


def new_clause_yaml(library: Any) -> str:
    """The template for a new clause, with an id no clause has yet (saving a second new
    clause must not replace the first)."""
    return NEW_CLAUSE.replace(f"id: {NEW_CLAUSE_ID}\n",
                              f"id: {library.free_id(NEW_CLAUSE_ID)}\n", 1)


class ClauseEditorScreen(AnswersOnce, AsksBeforeDiscarding, UsesOiaDraftApp, ModalScreen[Any]):
    """YAML fields and a Markdown body. Nothing is written until the clause is valid; an
    invalid clause shows each error with its line and keeps the user's text."""

    CSS_PATH = "dialogs.tcss"

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="save-clause"),
        Binding("escape", "cancel", "Cancel", priority=True, id="cancel-clause"),
    ]

    def __init__(self, yaml_text: str, title: str, editing: str | None = None) -> None:
        """`editing` is the id of the clause being changed (None for a new clause): saving
        under it replaces that clause; saving under any other clause's id is refused."""
        super().__init__()
        self.yaml_text = yaml_text
        self.title_text = title
        self.editing = editing

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(f"{self.title_text} — Ctrl+S saves, Escape cancels", id="editor-title")
            yield TextArea(self.yaml_text, id="clause-yaml", soft_wrap=True,
                           show_line_numbers=True, tab_behavior="indent")
            yield Static("", id="editor-errors")

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    @guarded
    def action_save(self) -> None:
        library = self.app.library
        text = self.query_one(TextArea).text
        clause, errors = _validate(text)
        if clause is not None and not errors:
            errors = self._replaces_or_unwritten(clause, text)
        if errors or clause is None:
            self._show_errors(errors or [DataError("the clause could not be read", "<editor>")])
            return
        try:
            saved = library.save(clause)
        except SaveError as error:  # nothing wrong with the text: the disk refused it
            self.query_one("#editor-errors", Static).update(Text(
                f"Not saved: {error}. Your text is still here; Ctrl+S tries again.",
                style="bold red"))
            return
        except (DataError, UserError, OSError) as error:
            self._show_errors([error])
            return
        self.dismiss(saved)

    def _replaces_or_unwritten(self, clause: Any, text: str) -> list[DataError]:
        """A valid clause that would still be wrong to save: under the id of another clause
        (it would replace that clause without a word), or with the template's example body
        (it would go into the letter as it stands)."""
        problems = []
        if clause.id != self.editing:
            taken = self.app.library.id_taken(clause.id)
            if taken:
                problems.append(DataError(taken, "<editor>", _line_of(text, "id:")))
        if EXAMPLE_BODY in clause.body:
            problems.append(DataError(
                "the body is still the example text; write the paragraph the letter should "
                "say in its place", "<editor>", _line_of(text, EXAMPLE_BODY)))
        return problems

    def _show_errors(self, errors: list[Exception]) -> None:
        text = Text("Not saved — fix these first:\n", style="bold red")
        first_line = None
        for error in errors:
            line = getattr(error, "line", None)
            message = getattr(error, "message", None) or str(error)
            if line is not None:
                text.append(f"line {line}: ", style="bold")
                first_line = first_line or line
            text.append(f"{message}\n")
        self.query_one("#editor-errors", Static).update(text)
        if first_line is not None:
            area = self.query_one(TextArea)
            area.move_cursor((max(0, first_line - 1), 0))
            area.focus()

    def keep_unsaved(self) -> None:
        """oiadraft is being stopped (a signal, a closed terminal) and cannot ask: changed text
        is kept beside the user's clauses, and reported there until dealt with."""
        text = self.query_one(TextArea).text
        if text != self.yaml_text:
            self.app.library.keep_unsaved(text, self.editing)

    def unsaved(self) -> tuple[bool, Static]:
        return (self.query_one(TextArea).text != self.yaml_text,
                self.query_one("#editor-errors", Static))

    def action_cancel(self) -> None:
        if self.may_discard(*self.unsaved()):
            self.dismiss(None)


def _validate(text: str) -> tuple[Any, list[DataError]]:
    from oiadraft.clauses import validate_text

    return validate_text(text, "<editor>")


def _line_of(text: str, words: str) -> int | None:
    """The 1-based number of the first line that starts with (or, failing that, holds)
    `words`."""
    lines = text.splitlines()
    for match in (str.startswith, str.__contains__):
        for number, line in enumerate(lines, 1):
            if match(line.strip(), words):
                return number
    return None
