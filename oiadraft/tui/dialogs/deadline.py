"""Ctrl+T: when is the response due? Also where a draft is marked as sent."""

from __future__ import annotations

from datetime import date
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from oiadraft.acts import get_act
from oiadraft.errors import UserError
from oiadraft.model import Draft
from oiadraft.tui.answers_once import AnswersOnce
from oiadraft.tui.guard import guarded


def deadline_report(draft: Draft, received: date, extension: int | None, today: date) -> Text:
    """Due date, days left or overdue, and what to do if it passes (plain Text). Every time
    limit and section is the draft's Act's, from its profile; a limit the Act does not set is
    left out."""
    from oiadraft.deadline import compute, status
    from oiadraft.periods import format_date

    profile = get_act(draft.act)
    result = compute(received, act=draft.act, region=draft.region, extend=extension)
    text = Text()
    text.append("Received ", style="dim")
    text.append(format_date(received, weekday=True))
    text.append("\nResponse due by ", style="dim")
    text.append(format_date(result.due, weekday=True), style="bold")
    text.append(_why(profile.days("time_limit_days"), profile.cite_if_any("time_limit")),
                style="dim")
    if result.extended_due is not None:
        text.append(f"\nExtended by {result.extended_by} working days to ", style="dim")
        text.append(format_date(result.extended_due, weekday=True), style="bold")
    if result.transfer_due is not None:
        text.append("\nTransfer to another agency by ", style="dim")
        text.append(format_date(result.transfer_due))
        text.append(_why(profile.days("transfer_days"), profile.cite_if_any("transfer")),
                    style="dim")
    if result.clarification_cutoff is not None:
        text.append("\nClarification sought after ", style="dim")
        text.append(format_date(result.clarification_cutoff))
        text.append(" does not restart the clock" + _why(
            profile.days("clarification_days"), profile.cite_if_any("clarification_cutoff")),
            style="dim")
    current = status(result, today)
    text.append("\n\n")
    text.append(current.describe(), style="bold red" if current.overdue else "bold green")
    for note in result.notes:
        text.append(f"\nNote: {note}", style="italic")
    text.append("\n\n" + _if_it_passes(profile), style="dim")
    return text


def unknown_region(key: str | None) -> bool:
    """A region key this version has no anniversary day for (a draft saved by a newer
    oiadraft, or edited by hand)."""
    from oiadraft.deadline import regions

    return bool(key) and key not in regions()


def unknown_region_note(key: str | None) -> Text:
    return Text(f"This draft's council region {key!r} is not one oiadraft knows; choose the "
                "council's region below (its anniversary day is not a working day).",
                style="italic yellow")


def _why(*pieces: str) -> str:
    return f"  ({', '.join(piece for piece in pieces if piece)})"


def _if_it_passes(profile: Any) -> str:
    refusal = profile.cite_if_any("deemed_refusal")
    complaint = profile.cite_if_any("complaint")
    first = "If the deadline passes without a decision, " + (
        f"that counts as a refusal ({refusal}). Write" if refusal else "write")
    return (f"{first} to the agency first, quoting the due date; if that doesn't help, you can "
            f"complain to {profile.reviewer}" + (f" ({complaint})" if complaint else "")
            + " — it is free.")


class DeadlineScreen(AnswersOnce, ModalScreen[Draft | None]):
    """Enter the day the agency received the request (and any extension)."""

    CSS_PATH = "dialogs.tcss"
    AUTO_FOCUS = ""  # focused in on_mount, without scrolling the title out of sight

    BINDINGS = [Binding("escape", "close", "Close"), Binding("ctrl+s", "mark_sent", "Sent")]

    def __init__(self, draft: Draft, today: date, *, mark_sent: bool = False) -> None:
        super().__init__()
        self.draft = draft.copy()
        self._original_region = draft.region
        self.today = today
        self.mark_sent = mark_sent

    def compose(self) -> ComposeResult:
        from oiadraft.deadline import regions

        received = self.draft.sent or self.today
        if received > self.today:
            received = self.today  # a day still to come cannot be marked: start from today
        with Vertical(id="dialog"):
            title = ("Mark this request as sent — Ctrl+S marks it, Escape closes"
                     if self.mark_sent else "When is it due?")
            yield Label(title, id="title")
            yield Label("Day the agency received it (e.g. 13/09/2024):")
            yield Input(received.strftime("%d/%m/%Y"), id="received")
            # the answer straight under the question: at 80x24 the rest is below the fold
            yield Static("", id="report")
            yield Label("Extension the agency notified, in working days (blank if none):")
            yield Input(str(self.draft.extension_days or ""), id="extension")
            if get_act(self.draft.act).uses_region:
                options = [(f"{r.name} ({r.rule})", key) for key, r in regions().items()]
                yield Label("Council's region (its anniversary day is not a working day):")
                known = self.draft.region in regions()
                yield Select(options, value=self.draft.region if known else Select.NULL,
                             id="region", prompt="no anniversary day")
            with Horizontal(classes="buttons"):
                yield Button("Mark as sent on this date (Ctrl+S)", id="sent",
                             variant="primary")
                if self.draft.sent is not None:  # marked by mistake: take it back
                    yield Button("Not sent yet", id="unsent")
                yield Button("Close (Esc)", id="close")

    def on_mount(self) -> None:
        self.refresh_report()
        self.query_one("#received", Input).focus(scroll_visible=False)

    @on(Input.Changed)
    @on(Select.Changed)
    def _changed(self) -> None:
        self.refresh_report()

    def _values(self) -> tuple[date, int | None]:
        from oiadraft.periods import parse_date

        received = parse_date(self.query_one("#received", Input).value)
        raw = self.query_one("#extension", Input).value.strip()
        extension = None
        if raw:
            if not raw.isdigit() or int(raw) == 0:
                raise UserError("the extension must be a whole number of working days")
            extension = int(raw)
        if get_act(self.draft.act).uses_region:
            value = self.query_one("#region", Select).value
            self.draft.region = None if value is Select.NULL else str(value)
        return received, extension

    @guarded
    def refresh_report(self) -> None:
        report = self.query_one("#report", Static)
        try:
            received, extension = self._values()
            text = deadline_report(self.draft, received, extension, self.today)
        except (UserError, ValueError) as error:
            text = Text(str(error), style="bold red")
        if self.draft.region is None and unknown_region(self._original_region):
            text = Text.assemble(unknown_region_note(self._original_region), "\n\n", text)
        report.update(text)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "close":
            self.action_close()
        elif event.button.id == "unsent":
            self.action_unmark_sent()
        else:
            self.action_mark_sent()

    def action_unmark_sent(self) -> None:
        """Take back a mark as sent made by mistake: the draft is a draft again, with no
        received date or extension to count a due date from."""
        self.draft.sent = None
        self.draft.extension_days = None
        self.notify("No longer marked as sent.", title="Not sent", timeout=4)
        self.dismiss(self.draft)

    @guarded
    def action_mark_sent(self) -> None:
        from oiadraft.periods import format_date

        try:
            received, extension = self._values()
            if received > self.today:
                # Counting from a day to come is planning (the report shows it); a request
                # cannot have been received on one (a typo in the year, most often).
                raise UserError(f"{format_date(received)} is after today "
                                f"({format_date(self.today)}): mark the request as sent on "
                                "the day the agency received it")
        except (UserError, ValueError) as error:
            self.query_one("#report", Static).update(Text(str(error), style="bold red"))
            return
        self.draft.sent = received
        self.draft.extension_days = extension
        self._keep_unknown_region()

        self.notify(f"Marked as sent on {format_date(received)}. `oiadraft drafts list` and "
                    "Open draft show its due date.", title="Sent", timeout=6)
        self.dismiss(self.draft)

    def action_close(self) -> None:
        # A region chosen here is worth keeping even when the request is not marked as sent.
        self._keep_unknown_region()
        self.dismiss(self.draft if self.draft.region != self._original_region else None)

    def _keep_unknown_region(self) -> None:
        """No region chosen: a region this version does not know stays in the draft (a newer
        oiadraft may know it); it is counted here as no region, and said so."""
        if self.draft.region is None and unknown_region(self._original_region):
            self.draft.region = self._original_region
