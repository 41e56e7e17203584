"""Ctrl+L: the clause library. Fuzzy search as you type (off the UI thread), a preview rendered
for the current draft, and insert / edit / duplicate / reset / new / delete."""

from __future__ import annotations

import time
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import Header, Input, Markdown, OptionList, Static
from textual.widgets.option_list import Option

from oiadraft.acts import get_act
from oiadraft.errors import SaveError
from oiadraft.model import Draft
from oiadraft.text import plural
from oiadraft.tui.answers_once import AnswersOnce
from oiadraft.tui.dialogs.clause_editor import ClauseEditorScreen, new_clause_yaml
from oiadraft.tui.guard import guarded
from oiadraft.tui.typed_app import UsesOiaDraftApp
from oiadraft.tui.widgets.footer import SteadyFooter


class ClauseLibraryScreen(AnswersOnce, UsesOiaDraftApp, Screen[Draft | None]):
    """Search the library; Escape returns the draft (with any clauses inserted or removed)."""

    CSS_PATH = "library.tcss"

    BINDINGS = [
        Binding("escape", "close", "Chat", tooltip="Back to the chat", id="close-library"),
        Binding("i", "toggle_insert", "Insert", tooltip="Insert into or remove from the letter",
                id="insert"),
        Binding("e", "edit", "Edit", id="edit"),
        Binding("d", "duplicate", "Duplicate", id="duplicate"),
        Binding("r", "reset", "Reset", id="reset"),
        Binding("n", "new", "New", id="new-clause"),
        Binding("x,delete", "delete", "Delete", id="delete"),
        Binding("slash", "focus_search", "Search", id="search"),
        Binding("down,enter", "into_results", show=False, priority=True),
    ]

    def __init__(self, draft: Draft) -> None:
        super().__init__()
        self.draft = draft.copy()
        self.last_search_ms: float | None = None
        """How long the last search took (for the status line and the benchmark)."""

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="library-main"):
            with Vertical(id="library-left"):
                yield Input(placeholder="search: title, tags or words in the clause",
                            id="clause-search")
                yield OptionList(id="clause-results")
                yield Static(id="search-status")
            with VerticalScroll(id="library-right"):
                yield Static(id="clause-meta")
                yield Markdown(id="clause-preview")
        yield SteadyFooter(compact=True, show_command_palette=False)

    @property
    def library(self) -> Any:
        return self.app.library

    def on_mount(self) -> None:
        self.app.reload_library()  # clause files written or mended while the app was open
        self.run_search("")
        self.query_one("#clause-search", Input).focus()

    # ---- search -------------------------------------------------------------------------

    @on(Input.Changed, "#clause-search")
    def _query_changed(self, event: Input.Changed) -> None:
        self.run_search(event.value)

    @work(thread=True, exclusive=True, group="clause-search")
    def run_search(self, query: str) -> None:
        started = time.perf_counter()
        if query.strip():
            clauses = [hit.clause for hit in self.library.search(query, act=self.draft.act,
                                                                 limit=200)]
        else:
            clauses = self.library.clauses(act=self.draft.act)
        elapsed = (time.perf_counter() - started) * 1000
        self.app.call_from_thread(self._show_results, query, clauses, elapsed)

    def _show_results(self, query: str, clauses: list[Any], elapsed: float) -> None:
        if self.query_one("#clause-search", Input).value != query:
            return  # a newer keystroke is on its way
        self.last_search_ms = elapsed
        results = self.query_one("#clause-results", OptionList)
        keep = self._highlighted_id()
        results.clear_options()
        for clause in clauses:
            results.add_option(Option(self._label(clause), id=clause.id))
        status = self.query_one("#search-status", Static)
        line = Text(f"{plural(len(clauses), 'clause')} · ", style="dim")
        unread = len(self.library.problems)
        if unread:
            line.append(f"{plural(unread, 'clause file')} could not be read · ", style="yellow")
            self.app.tell_unreadable("clause file", self.library.problems)
        line.append("↓ to choose: i inserts, e edits, d duplicates, n new")
        status.update(line)
        count = len(clauses)
        if count:
            ids = [c.id for c in clauses]
            results.highlighted = ids.index(keep) if keep in ids else 0
        self._show_preview()

    def _label(self, clause: Any) -> Text:
        label = Text()
        label.append("● " if clause.id in self.draft.clauses else "  ", style="bold green")
        label.append(clause.title)
        cites = ", ".join(clause.cites(self.draft.act)) if clause.section else ""
        label.append(f"  {clause.kind}" + (f" · {cites}" if cites else ""), style="dim")
        if self.library.is_overridden(clause.id):
            label.append("  edited", style="italic yellow")
        elif self.library.is_user(clause.id):
            label.append("  yours", style="italic cyan")
        return label

    def _highlighted_id(self) -> str | None:
        try:
            results = self.query_one("#clause-results", OptionList)
        except NoMatches:  # asked (by the footer) while the screen is built or taken down
            return None
        if results.highlighted is None or not results.option_count:
            return None
        return results.get_option_at_index(results.highlighted).id

    def current(self) -> Any:
        clause_id = self._highlighted_id()
        return self.library.find(clause_id) if clause_id else None

    @on(OptionList.OptionHighlighted, "#clause-results")
    def _highlighted(self) -> None:
        self._show_preview()

    @on(OptionList.OptionSelected, "#clause-results")
    def _selected(self) -> None:
        self.action_toggle_insert()

    def action_into_results(self) -> None:
        """Down or Enter in the search box. A priority binding, run before the next key is
        passed on, and the focus set at once (``Widget.focus`` waits its turn): an ``e``
        typed straight after Down is the Edit key in the results, not a search letter."""
        self.set_focus(self.query_one("#clause-results", OptionList))

    @guarded
    def _show_preview(self) -> None:
        from oiadraft.clauses import render_body

        clause = self.current()
        meta = self.query_one("#clause-meta", Static)
        preview = self.query_one("#clause-preview", Markdown)
        if clause is None:
            meta.update(Text("No clause matches. Press n to write a new one.", style="dim"))
            preview.update("")
            return
        profile = get_act(self.draft.act)
        text = Text()
        text.append(clause.title, style="bold")
        text.append(f"\n{clause.id} · {clause.kind}", style="dim")
        if clause.section:
            text.append(f" · {profile.short} {', '.join(clause.cites(self.draft.act))}",
                        style="dim")
        if clause.id in self.draft.clauses:
            text.append("\nIn this letter (i removes it)", style="green")
        else:
            text.append("\nNot in this letter (i inserts it)", style="dim")
        if self.library.is_overridden(clause.id):
            text.append("\nEdited by you: differs from the shipped clause (r resets it)",
                        style="yellow")
        if clause.notes:
            text.append(f"\n{clause.notes}", style="italic")
        meta.update(text)
        preview.update(render_body(clause, self.draft, self.app.current_today()))

    # ---- actions ------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "into_results":
            return self.is_mounted and self.focused is self.query_one("#clause-search", Input)
        clause = self.current() if self.is_mounted else None
        if action in {"toggle_insert", "edit", "duplicate"}:
            return clause is not None
        if action == "reset":
            return clause is not None and self.library.is_overridden(clause.id)
        if action == "delete":
            return clause is not None and self.library.is_user(clause.id)
        return True

    def _after_change(self) -> None:
        self.app.reload_library()
        self.run_search(self.query_one("#clause-search", Input).value)
        self.refresh_bindings()

    @guarded
    def action_toggle_insert(self) -> None:
        clause = self.current()
        if clause is None:
            return
        if clause.id in self.draft.clauses:
            self.draft.clauses.remove(clause.id)
            self.notify(f"Removed “{clause.title}” from the letter.", timeout=3)
        else:
            self.draft.clauses.append(clause.id)
            self.notify(f"Inserted “{clause.title}” into the letter.", timeout=3)
        self.app.keep_edited_draft(self.draft)  # saved now, not only when the library closes
        results = self.query_one("#clause-results", OptionList)
        index = results.highlighted
        results.replace_option_prompt_at_index(index, self._label(clause))
        self._show_preview()

    @guarded
    def action_edit(self) -> None:
        from oiadraft.clauses import clause_to_yaml

        clause = self.current()
        if clause is None:
            return
        title = ("Edit your copy of a built-in clause" if self.library.is_builtin(clause.id)
                 else "Edit clause")
        self.app.push_screen(ClauseEditorScreen(clause_to_yaml(clause), title, clause.id),
                             self._saved)

    @guarded
    def action_duplicate(self) -> None:
        from oiadraft.clauses import clause_to_yaml

        clause = self.current()
        if clause is None:
            return
        try:
            copy = self.library.duplicate(clause.id)
        except SaveError as error:
            self.notify(str(error), title="Not saved", severity="error", timeout=8)
            return
        self.notify(f"Duplicated as {copy.id}; edit it now or later.", timeout=4)
        self._after_change()
        self.app.push_screen(ClauseEditorScreen(clause_to_yaml(copy), "Edit the copy", copy.id),
                             self._saved)

    @guarded
    def action_reset(self) -> None:
        clause = self.current()
        if clause is None or not self.library.is_overridden(clause.id):
            return
        try:
            self.library.reset(clause.id)
        except SaveError as error:
            self.notify(str(error), title="Not saved", severity="error", timeout=8)
            return
        self.notify(f"“{clause.title}” is back to the shipped wording (your version is in the "
                    "trash).", timeout=5)
        self._after_change()

    @guarded
    def action_new(self) -> None:
        self.app.push_screen(ClauseEditorScreen(new_clause_yaml(self.library), "New clause"),
                             self._saved)

    @guarded
    def action_delete(self) -> None:
        clause = self.current()
        if clause is None:
            return
        if not self.library.is_user(clause.id):
            self.notify("Built-in clauses can't be deleted; untick them instead (i).",
                        severity="warning", timeout=4)
            return
        try:
            where = self.library.delete(clause.id)
        except SaveError as error:
            self.notify(str(error), title="Not saved", severity="error", timeout=8)
            return
        if clause.id in self.draft.clauses and self.app.library.find(clause.id) is None:
            self.draft.clauses.remove(clause.id)
            self.app.keep_edited_draft(self.draft)
        self.notify(f"Deleted “{clause.title}”. It is kept in {where.parent} if you need it.",
                    timeout=6)
        self._after_change()

    def _saved(self, clause: Any) -> None:
        if clause is None:
            return
        self.notify(f"Saved “{clause.title}”.", timeout=3)
        self._after_change()

    def action_focus_search(self) -> None:
        self.query_one("#clause-search", Input).focus()

    def action_close(self) -> None:
        self.dismiss(self.draft)

    def draft_being_edited(self) -> Draft:
        """The copy this screen works on, as closing would give it back (the app saves it when
        it quits with this screen open)."""
        return self.draft
