"""Change who the request goes to: search the directory, or a name as typed under an Act."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList
from textual.widgets.option_list import Option

from oiadraft.acts import all_acts
from oiadraft.model import Draft
from oiadraft.tui.answers_once import AnswersOnce


class ChangeAgencyScreen(AnswersOnce, ModalScreen[dict[str, Any] | None]):
    """Search the directory; or use a name as typed with the Act you choose."""

    CSS_PATH = "dialogs.tcss"

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, draft: Draft) -> None:
        super().__init__()
        self.draft = draft

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label("Who is the request to? Type to search; Enter picks the highlighted one.")
            yield Input(self.draft.agency, id="query")
            yield OptionList(id="matches")
            yield Label("Or use the name as typed, under:")
            with Horizontal(classes="buttons"):
                for profile in all_acts():
                    yield Button(profile.short, id=f"use-{profile.key}")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        self._search(self.draft.agency)

    @on(Input.Changed, "#query")
    def _changed(self, event: Input.Changed) -> None:
        self._search(event.value)

    def _search(self, query: str) -> None:
        from oiadraft import agencies

        matches = self.query_one(OptionList)
        matches.clear_options()
        if not query.strip():
            return
        for match in agencies.search(query, limit=6):
            agency = match.agency
            label = Text(agency.display_name)
            label.append(f"  {agency.act.upper() if agency.act != 'none' else 'not subject'}",
                         style="dim")
            matches.add_option(Option(label, id=agency.id, disabled=agency.act == "none"))
        if matches.option_count:
            matches.highlighted = 0

    @on(Input.Submitted, "#query")
    def _submitted(self) -> None:
        matches = self.query_one(OptionList)
        if matches.highlighted is not None:
            option = matches.get_option_at_index(matches.highlighted)
            if not option.disabled:
                self._pick(option.id)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._pick(event.option.id)

    def _pick(self, agency_id: str | None) -> None:
        from oiadraft import agencies

        agency = agencies.get(agency_id) if agency_id else None
        if agency is None:
            return
        self.dismiss({"agency": agency.name, "agency_id": agency.id, "act": agency.act,
                      "region": agency.region})

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "cancel":
            self.dismiss(None)
            return
        name = self.query_one(Input).value.strip()
        if not name:
            self.notify("Type the agency's name first.", severity="warning")
            return
        act = (event.button.id or "").removeprefix("use-")
        self.dismiss({"agency": name, "agency_id": None, "act": act, "region": None})

    def action_cancel(self) -> None:
        self.dismiss(None)
