"""Pick one of the saved drafts."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from oiadraft.errors import OiaDraftError
from oiadraft.model import Draft
from oiadraft.tui.answers_once import AnswersOnce
from oiadraft.tui.describe import describe_when, part_count
from oiadraft.tui.guard import guarded
from oiadraft.tui.typed_app import UsesOiaDraftApp


class OpenDraftScreen(AnswersOnce, UsesOiaDraftApp, ModalScreen[Draft | None]):
    """A list of drafts, newest first; Enter opens one."""

    CSS_PATH = "dialogs.tcss"

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, today: date) -> None:
        super().__init__()
        self.today = today

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label("Open a draft (Enter opens, Escape cancels)")
            yield OptionList(id="drafts")

    def on_mount(self) -> None:
        self._list_drafts()
        self.query_one(OptionList).focus()

    def _list_drafts(self) -> None:
        store = self.app.store
        options = []
        for summary in store.list():
            label = Text(summary.title)
            label.append(f"  ·  {part_count(summary.parts)}, "
                         f"edited {describe_when(summary.updated, self.today)}", style="dim")
            if summary.sent:
                from oiadraft.deadline import due_text, response_due

                due = response_due(summary.sent, summary.act, summary.region,
                                   summary.extension_days)
                overdue = due is not None and due < self.today
                label.append(f"  ·  sent {summary.sent:%d %b %Y}, due "
                             f"{due_text(due, self.today, summary.sent)}",
                             style="bold red" if overdue else "dim")
            options.append(Option(label, id=summary.id))
        option_list = self.query_one(OptionList)
        option_list.clear_options()
        if options:
            option_list.add_options(options)
            option_list.highlighted = 0
        else:
            option_list.add_option(Option(Text("No saved drafts yet."), disabled=True))
        self.app.tell_unreadable("draft file", getattr(store, "problems", None) or [])

    @guarded
    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is None:
            return
        try:
            draft = self.app.store.load(event.option.id)
        except OiaDraftError as error:
            # damaged, deleted or made unreadable since the list was drawn: say what became
            # of it, and list the drafts again for another choice
            self.app.tell_unreadable("draft file", [error])
            self._list_drafts()
            return
        self.dismiss(draft)

    def action_cancel(self) -> None:
        self.dismiss(None)
