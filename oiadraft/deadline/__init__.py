"""Working days and deadlines under the OIA and LGOIMA, right to the day (reference §4).

A working day is any day that is not a Saturday or Sunday, not one of the holidays the Act's
definition names (Waitangi Day, Good Friday, Easter Monday, Anzac Day, the Sovereign's
birthday, Matariki from 2022, Labour Day, and from 2014 the Monday after a Waitangi or Anzac Day
that falls on a weekend), and not in the summer holiday block (OIA 25 December to 15 January;
LGOIMA since 21 March 2019: 20 December to 10 January plus the council's regional anniversary
day). Christmas, Boxing Day and New Year holidays are not excluded as such: they lie inside
the block. One-off days (Queen Elizabeth II Memorial Day, 26 September 2022) come from
`oiadraft/data/working_days.yaml`, as do the rules above; council regions come from
`oiadraft/data/regions.yaml`.

Counting: the day of receipt is day 0 and never counted; day 1 is the first working day after
it, and the Nth working day is the deadline (always a working day itself). An extension of N
working days runs on from the original deadline.

    compute(date(2024, 9, 13), extend=45)   -> due 2024-10-11, extended_due 2024-12-16

Matariki is known to 2052 (the Act's schedule). Later years are counted without a Matariki day:
`compute` adds a note to its result and the plain functions issue `MatarikiNotSetWarning`, so a
date is never silently wrong.

Pure domain code: no textual, no I/O beyond reading the shipped data files; the `holidays`
package is imported only when a year's holidays are first needed.

The package, by job: `rules` (the working-day rules and regions as data, holidays by year),
`workdays` (the calendar and counting), `deadlines` (`compute`: one request's dates and
notes), `status` (where a sent request stands). This module gathers the calls the rest of
oiadraft uses.
"""

from __future__ import annotations

from oiadraft.deadline.deadlines import Deadlines, compute
from oiadraft.deadline.rules import (
    MatarikiNotSetWarning,
    OneOffDay,
    Region,
    act_holidays,
    anniversary_day,
    get_region,
    matariki_date,
    matariki_is_set,
    matariki_known_until,
    one_off_days,
    regions,
)
from oiadraft.deadline.status import Status, due_text, response_due, status
from oiadraft.deadline.workdays import (
    MAX_STATUS_SPAN_DAYS,
    MAX_WORKING_DAYS,
    WorkingDays,
    add_working_days,
    calendar,
    is_working_day,
    non_working_reason,
    working_days_between,
)

__all__ = [
    "MAX_STATUS_SPAN_DAYS", "MAX_WORKING_DAYS", "Deadlines", "MatarikiNotSetWarning",
    "OneOffDay", "Region", "Status", "WorkingDays", "act_holidays", "add_working_days",
    "anniversary_day", "calendar", "compute", "due_text", "get_region", "is_working_day",
    "matariki_date", "matariki_is_set", "matariki_known_until", "non_working_reason",
    "one_off_days", "regions", "response_due", "status", "working_days_between",
]
