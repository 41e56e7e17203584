"""Where a sent request stands today: days left or overdue, the due date of a draft marked
as sent, and the due-date wording used in lists."""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from datetime import date
from typing import Any

from oiadraft.deadline.deadlines import Deadlines, compute
from oiadraft.deadline.rules import MatarikiNotSetWarning
from oiadraft.deadline.workdays import MAX_STATUS_SPAN_DAYS, WorkingDays, _plain
from oiadraft.errors import UserError
from oiadraft.periods import format_date


@dataclass(frozen=True)
class Status:
    """Where a request stands on a given day."""

    today: date
    deadline: date
    against: str  # "due" or "extended_due"
    working_days_left: int  # working days after today up to the deadline; 0 when overdue
    working_days_overdue: int  # working days after the deadline up to today
    calendar_days: int  # deadline - today: negative when overdue

    @property
    def overdue(self) -> bool:
        return self.today > self.deadline

    def describe(self) -> str:
        when = format_date(self.deadline, weekday=True)
        what = "extended deadline" if self.against == "extended_due" else "deadline"
        if self.overdue:
            return (f"overdue by {_plural(self.working_days_overdue, 'working day')} "
                    f"({_plural(-self.calendar_days, 'calendar day')}): the {what} was {when}")
        if self.calendar_days == 0:
            return f"due today ({when})"
        return (f"{_plural(self.working_days_left, 'working day')} left "
                f"({_plural(self.calendar_days, 'calendar day')}) until the {what}, {when}")

    def to_dict(self) -> dict[str, Any]:
        return {
            "today": self.today.isoformat(),
            "against": self.against,
            "deadline": self.deadline.isoformat(),
            "overdue": self.overdue,
            "working_days_left": self.working_days_left,
            "working_days_overdue": self.working_days_overdue,
            "calendar_days": self.calendar_days,
        }


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def response_due(sent: date | None, act: str, region: str | None = None,
                 extension_days: int | None = None) -> date | None:
    """When the response to a request sent on `sent` is due (the extended date when the agency
    extended it); None when it was not sent or the date cannot be worked out."""
    if sent is None:
        return None
    from oiadraft.errors import OiaDraftError

    try:
        return compute(sent, act=act, region=region, extend=extension_days).final_due
    except (OiaDraftError, ValueError):
        return None


def due_text(due: date | None, today: date, sent: date | None = None) -> str:
    """ "2024-10-11 (3 days left)", "(due today)", "(2 days overdue)", or "?" when unknown.
    A request marked as sent on a day still to come (a typo in the year, from before such a
    day was refused) has no days left to count: it says so."""
    if due is None:
        return "?"
    if sent is not None and sent > today:
        return f"{due.isoformat()} (marked as sent on a day still to come)"
    days = (due - today).days
    if days < 0:
        return f"{due.isoformat()} ({_plural(-days, 'day')} overdue)"
    if days == 0:
        return f"{due.isoformat()} (due today)"
    return f"{due.isoformat()} ({_plural(days, 'day')} left)"


def status(deadlines: Deadlines, today: date) -> Status:
    """Working days left (or overdue) on `today`, against the extended deadline when there is
    one, else the original deadline."""
    today = _plain(today)
    cal = WorkingDays(deadlines.act, deadlines.region, deadlines.one_off)
    target = deadlines.final_due
    if abs((target - today).days) > MAX_STATUS_SPAN_DAYS:
        raise UserError(f"{format_date(today)} is too far from the deadline "
                        f"({format_date(target)}) to count the working days between them")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MatarikiNotSetWarning)
        left = cal.count(today, target)
        late = cal.count(target, today)
    return Status(
        today=today, deadline=target,
        against="extended_due" if deadlines.extended_due is not None else "due",
        working_days_left=left, working_days_overdue=late,
        calendar_days=(target - today).days,
    )
