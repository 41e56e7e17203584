"""Ctrl+R: the whole letter, warnings by part, reorder/edit/delete parts (with undo), clause
toggles, the agency and Act, and the due date if sent today."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import Header, Label, OptionList, Select, SelectionList, Static
from textual.widgets.option_list import Option
from textual.widgets.selection_list import Selection

from oiadraft.acts import get_act
from oiadraft.interview.period_link import relink_reworded
from oiadraft.interview.xrefs import follow as follow_references
from oiadraft.model import Draft, Part
from oiadraft.periods import format_period
from oiadraft.tui.answers_once import AnswersOnce
from oiadraft.tui.dialogs.change_agency import ChangeAgencyScreen
from oiadraft.tui.dialogs.deadline import unknown_region, unknown_region_note
from oiadraft.tui.dialogs.edit_part import EditPartScreen
from oiadraft.tui.guard import guarded
from oiadraft.tui.typed_app import UsesOiaDraftApp
from oiadraft.tui.widgets.findings import findings_text
from oiadraft.tui.widgets.footer import SteadyFooter
from oiadraft.tui.widgets.letter import LetterPane
from oiadraft.tui.widgets.standins import NARROW
from oiadraft.tui.widgets.ticklist import TickList

if TYPE_CHECKING:
    from oiadraft.interview import Interview

BADGES = {"low": ("LOW", "bold black on green"), "medium": ("MED", "bold black on yellow"),
          "high": ("HIGH", "bold white on red")}
UNDO_LIMIT = 50


def part_label(number: int, part: Part, risk: str, width: int = 70) -> Text:
    badge, style = BADGES[risk]
    text = Text()
    text.append(f" {badge:<4} ", style=style)
    one_line = " ".join(part.text.split())
    if len(one_line) > width:
        one_line = one_line[: width - 1] + "…"
    text.append(f" {number}. {one_line}")
    return text


class ReviewScreen(AnswersOnce, UsesOiaDraftApp, Screen[Draft | None]):
    """Everything before sending; Escape returns the edited draft to the chat."""

    CSS_PATH = "review.tcss"

    BINDINGS = [
        Binding("escape", "close", "Chat", tooltip="Back to the chat", id="close"),
        Binding("e", "edit_part", "Edit", tooltip="Edit the highlighted part", id="edit-part"),
        Binding("shift+up,ctrl+up", "move(-1)", "Up", tooltip="Move the part up", id="move-up"),
        Binding("shift+down,ctrl+down", "move(1)", "Down", tooltip="Move the part down",
                id="move-down"),
        Binding("x,delete", "delete_part", "Delete", id="delete-part"),
        Binding("u,ctrl+z", "undo", "Undo", id="undo"),
        Binding("a", "change_agency", "Agency", tooltip="Change the agency or Act",
                id="agency"),
        Binding("f5", "copy_letter", "Copy", tooltip="Copy the letter", id="copy"),
        Binding("ctrl+g", "toggle_letter", "Letter", id="review-toggle-letter"),
    ]

    def __init__(self, draft: Draft) -> None:
        super().__init__()
        self.draft = draft.copy()
        self._undo: list[tuple[Draft, str]] = []
        self.then: str | None = None
        """A command on a part (F2/F3/F4: "keep part 2") for the chat to take on closing."""

    def compose(self) -> ComposeResult:
        from oiadraft.tui.actions import part_keys_help

        yield Header()
        with Horizontal(id="review-main"):
            with VerticalScroll(id="review-side"):
                yield Static(id="recipient")
                yield Static(id="due")
                yield Select(self._region_options(), id="region",
                             prompt="council region (anniversary day)")
                yield Label("Parts — e edit, Shift+↑/↓ move, x delete, u undo\n"
                            f"{part_keys_help()} (in the chat)", classes="heading")
                yield OptionList(id="parts")
                yield Static(id="part-findings")
                yield Label("Clauses — Space ticks or unticks", classes="heading")
                yield TickList(id="clauses")
            yield LetterPane(id="review-letter")
        yield SteadyFooter(compact=True, show_command_palette=False)

    @property
    def interview(self) -> Interview:
        return self.app.interview

    @staticmethod
    def _region_options() -> list[tuple[str, str]]:
        from oiadraft.deadline import regions

        return [(f"{region.name} ({region.rule})", key) for key, region in regions().items()]

    def on_resize(self) -> None:
        self.set_class(self.size.width < NARROW, "-narrow")
        self.refresh_bindings()

    def action_toggle_letter(self) -> None:
        self.toggle_class("-show-letter")

    def on_mount(self) -> None:
        from oiadraft.tui.actions import bind_table, part_bindings

        bind_table(self, part_bindings())
        self.refresh_all()
        parts = self.query_one("#parts", OptionList)
        if parts.option_count:
            parts.highlighted = 0
        parts.focus(scroll_visible=False)  # the side panel starts at its top, every time

    # ---- drawing ------------------------------------------------------------------------

    def refresh_all(self, keep_part: int | None = None) -> None:
        self._refresh_recipient()
        self._refresh_due()
        self._refresh_parts(keep_part)
        self._refresh_clauses()
        self._refresh_letter()

    def _refresh_recipient(self) -> None:
        profile = get_act(self.draft.act)
        text = Text("To: ", style="dim")
        text.append(self.draft.agency or "no agency chosen", style="bold")
        text.append(f"  ({profile.short})  ", style="dim")
        text.append("a changes the agency or Act", style="dim italic")
        self.query_one("#recipient", Static).update(text)

    def _refresh_due(self) -> None:
        from oiadraft.deadline import compute
        from oiadraft.periods import format_date

        region_select = self.query_one("#region", Select)
        region_select.display = get_act(self.draft.act).uses_region
        unknown = unknown_region(self.draft.region)
        wanted = Select.NULL if unknown or not self.draft.region else self.draft.region
        if region_select.display and region_select.value != wanted:
            region_select.value = wanted
        today = self.app.current_today()
        profile = get_act(self.draft.act)
        text = Text()
        try:
            result = compute(today, act=self.draft.act,
                             region=None if unknown else self.draft.region)
        except Exception as error:
            text.append(str(error), style="bold red")
        else:
            text.append("If sent today, the response is due by ", style="dim")
            text.append(format_date(result.due, weekday=True), style="bold")
            text.append(f" ({profile.short} {profile.cite('time_limit')})", style="dim")
            # each only where the Act sets it (the Privacy Act has no clarification cut-off)
            later = [(label, day) for label, day in (("Transfer deadline ", result.transfer_due),
                                                     ("clarification cut-off ",
                                                      result.clarification_cutoff))
                     if day is not None]
            for index, (label, day) in enumerate(later):
                text.append(("\n" if index == 0 else " · ") + label, style="dim")
                text.append(format_date(day))
            if unknown:
                text.append("\n")
                text.append_text(unknown_region_note(self.draft.region))
            elif get_act(self.draft.act).uses_region and not self.draft.region:
                text.append("\nChoose the council's region below: its anniversary day is not "
                            "a working day.", style="italic yellow")
        self.query_one("#due", Static).update(text)

    def _refresh_parts(self, keep: int | None = None) -> None:
        option_list = self.query_one("#parts", OptionList)
        highlighted = option_list.highlighted if keep is None else keep
        option_list.clear_options()
        assessments = self.interview.assess_all(self.draft)
        option_list.add_options(
            Option(part_label(number, part, assessment.risk), id=part.id)
            for number, (part, assessment) in enumerate(
                zip(self.draft.parts, assessments, strict=True), 1))
        if not self.draft.parts:
            option_list.add_option(Option(Text("No parts yet."), disabled=True))
            highlighted = None
        elif highlighted is not None:
            highlighted = max(0, min(highlighted, len(self.draft.parts) - 1))
        option_list.highlighted = highlighted
        self._refresh_part_findings()

    def _refresh_part_findings(self) -> None:
        panel = self.query_one("#part-findings", Static)
        index = self._selected_index()
        if index is None:
            panel.update("")
            return
        part = self.draft.parts[index]
        panel.update(findings_text(self.interview.assess(self.draft, part),
                                   f"part {index + 1}"))

    def _refresh_clauses(self) -> None:
        selection = self.query_one("#clauses", SelectionList)
        selection.clear_options()
        for clause in self.interview.tickable_clauses(self.draft):
            label = Text(clause.title)
            label.append(f"  {clause.kind}", style="dim")
            selection.add_option(Selection(label, clause.id, clause.id in self.draft.clauses))

    def _refresh_letter(self) -> None:
        self.query_one("#review-letter", LetterPane).show(self.app.letter_text(self.draft))

    def _selected_index(self) -> int | None:
        try:
            option_list = self.query_one("#parts", OptionList)
        except NoMatches:  # asked (by the footer) while the screen is built or taken down
            return None
        if not self.draft.parts or option_list.highlighted is None:
            return None
        return option_list.highlighted

    # ---- events -------------------------------------------------------------------------

    @on(OptionList.OptionHighlighted, "#parts")
    def _highlighted(self) -> None:
        self._refresh_part_findings()

    @on(OptionList.OptionSelected, "#parts")
    def _selected(self) -> None:
        self.action_edit_part()

    @on(SelectionList.SelectedChanged, "#clauses")
    @guarded
    def _clauses_changed(self, event: SelectionList.SelectedChanged) -> None:
        chosen = set(event.selection_list.selected)
        offered = {option.value for option in event.selection_list.options}
        new = [c for c in self.draft.clauses if c not in offered or c in chosen]
        new += [c for c in event.selection_list.selected if c not in new]
        if new != self.draft.clauses:
            self._remember("clause change")
            self.draft.clauses = new
            self._refresh_letter()

    @on(Select.Changed, "#region")
    def _region_changed(self, event: Select.Changed) -> None:
        value = None if event.value is Select.NULL else str(event.value)
        if value != self.draft.region and get_act(self.draft.act).uses_region:
            self._remember("region change")
            self.draft.region = value
            self._refresh_due()

    # ---- actions ------------------------------------------------------------------------

    def _remember(self, what: str) -> None:
        """Before a change: what undo goes back to; once the change is made, a copy of the
        draft is handed to the chat to autosave."""
        self._undo.append((self.draft.copy(), what))
        del self._undo[:-UNDO_LIMIT]
        self.call_after_refresh(self._keep)

    def _keep(self) -> None:
        self.app.keep_edited_draft(self.draft)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in {"edit_part", "delete_part", "part_turn"}:
            return bool(self.draft.parts)
        if action == "move":
            index = self._selected_index()
            if index is None:
                return False
            target = index + int(parameters[0])
            return 0 <= target < len(self.draft.parts)
        if action == "undo":
            return bool(self._undo)
        if action == "toggle_letter":
            return self.has_class("-narrow")
        return True

    @guarded
    def action_move(self, step: int) -> None:
        index = self._selected_index()
        if index is None:
            return
        target = index + step
        if not 0 <= target < len(self.draft.parts):
            return
        self._remember(f"move of part {index + 1}")
        parts = self.draft.parts
        before = [part.id for part in parts]
        parts[index], parts[target] = parts[target], parts[index]
        follow_references(before, parts)
        self._refresh_parts(keep=target)
        self._refresh_letter()
        self.refresh_bindings()

    @guarded
    def action_delete_part(self) -> None:
        index = self._selected_index()
        if index is None:
            return
        self._remember(f"deletion of part {index + 1}")
        before = [part.id for part in self.draft.parts]
        self.draft.parts.pop(index)
        follow_references(before, self.draft.parts)
        self._refresh_parts(keep=index)
        self._refresh_letter()
        self.notify(f"Deleted part {index + 1}. Press u to undo.", timeout=4)
        self.refresh_bindings()

    @guarded
    def action_undo(self) -> None:
        if not self._undo:
            return
        self.draft, what = self._undo.pop()
        self._keep()
        self.refresh_all()
        self.notify(f"Undid the {what}.", timeout=3)
        self.refresh_bindings()

    @guarded
    def action_edit_part(self) -> None:
        index = self._selected_index()
        if index is None:
            return

        def edited(text: str | None) -> None:
            if text is None or text == self.draft.parts[index].text:
                return
            self._remember(f"edit of part {index + 1}")
            part = self.draft.parts[index]
            link = relink_reworded(self.draft, index, text, self.app.current_today())
            if link.dropped is not None:
                self.notify(f"Part {index + 1} no longer says \"in that period\", so it no "
                            f"longer covers part {link.dropped}'s dates.", timeout=6)
            if link.taken is not None:
                self.notify(f"Part {index + 1} now covers the period of part {link.taken[0]} "
                            f"({format_period(link.taken[1])}).", timeout=6)
            self.draft.parts[index] = Part(text=text, period=part.period, id=part.id,
                                           period_from=link.period_from)
            self._refresh_parts(keep=index)
            self._refresh_letter()

        self.app.push_screen(EditPartScreen(index + 1, self.draft.parts[index].text,
                                            keep=edited), edited)

    @guarded
    def action_change_agency(self) -> None:
        def changed(result: dict[str, Any] | None) -> None:
            if not result:
                return
            self._remember("agency change")
            self.draft.agency = result["agency"]
            self.draft.agency_id = result["agency_id"]
            self.draft.act = result["act"]
            self.draft.region = result["region"] if get_act(result["act"]).uses_region else None
            self.interview.record_answers(self.draft, "agency", "act")
            self.refresh_all()

        self.app.push_screen(ChangeAgencyScreen(self.draft), changed)

    @guarded
    def action_copy_letter(self) -> None:
        self.app.copy_letter(self.draft)

    def action_part_turn(self, action_id: str) -> None:
        """F2, F3 or F4 on the highlighted part: back in the chat, as the command typed there
        (accepting a rewording may ask for its blanks, which only the chat can)."""
        from oiadraft.tui.actions import part_command

        index = self._selected_index()
        if index is None:
            return
        refused = self.interview.refused_on_part(self.draft, self.draft.parts[index],
                                                 action_id.removesuffix("_part"))
        if refused is not None:
            # nothing for the key to do on this part: say so here, without leaving review
            from oiadraft.mdtext import to_text

            self.notify(to_text(refused).strip(), markup=False, timeout=6)
            return
        self.then = part_command(action_id, index + 1)
        self.dismiss(self.draft)

    def action_close(self) -> None:
        self.dismiss(self.draft)

    def draft_being_edited(self) -> Draft:
        """The copy this screen works on, as closing would give it back (the app saves it when
        it quits with this screen open)."""
        return self.draft
