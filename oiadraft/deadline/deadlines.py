"""The deadlines of one request: the response due date, transfer and clarification dates,
an extension, and the notes that qualify them."""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from oiadraft.deadline import rules as rules_data
from oiadraft.deadline import workdays
from oiadraft.deadline.rules import (
    MatarikiNotSetWarning,
    OneOffDay,
    anniversary_day,
    get_region,
    matariki_is_set,
    regions,
)
from oiadraft.deadline.workdays import WorkingDays, _check_count, _matariki_message, _plain
from oiadraft.errors import UserError
from oiadraft.periods import format_date


@dataclass(frozen=True)
class Deadlines:
    """Every deadline that runs from one request's day of receipt."""

    act: str
    received: date
    working_days: int
    due: date
    transfer_due: date | None
    """None when the Act sets no transfer time limit."""
    clarification_cutoff: date | None
    """None when the Act has no clarification cut-off."""
    extended_by: int | None
    extended_due: date | None
    region: str | None
    notes: list[str] = field(default_factory=list, hash=False)
    one_off: tuple[OneOffDay, ...] | None = field(default=None, repr=False, compare=False)
    extension_notice_due: date | None = None
    """The last day to give notice of an extension: counted from receipt by the Act's own
    period (OIA s15A(3): 20 working days), whatever time limit `working_days` was asked for."""

    @property
    def final_due(self) -> date:
        """The date that matters now: the extended due date when there is one."""
        return self.extended_due or self.due

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (ISO dates); `extended_*` only when there is an extension."""
        out: dict[str, Any] = {
            "act": self.act,
            "received": self.received.isoformat(),
            "working_days": self.working_days,
            "due": self.due.isoformat(),
        }
        if self.extended_by is not None and self.extended_due is not None:
            out["extended_by"] = self.extended_by
            out["extended_due"] = self.extended_due.isoformat()
        out["transfer_due"] = _iso(self.transfer_due)
        out["clarification_cutoff"] = _iso(self.clarification_cutoff)
        out["extension_notice_due"] = _iso(self.extension_notice_due)
        out["region"] = self.region
        out["notes"] = list(self.notes)
        return out


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def compute(received: date, act: str | None = None, region: str | None = None,
            days: int | None = None, extend: int | None = None, *,
            one_off: Iterable[OneOffDay] | None = None) -> Deadlines:
    """The decision deadline (`days` working days after receipt; default the Act's own time
    limit), the transfer deadline, the clarification cut-off and the last day to notify an
    extension (each as the Act sets them, None when it sets none) and, with `extend`, the
    extended deadline (`extend` working days after the original deadline). Notes say what the
    user should know about the count, including anything the Act's profile marks unconfirmed."""
    received = _plain(received)
    profile = workdays.profile_for(act)
    first_year = rules_data.loaded_rules().first_year
    if received.year < first_year:
        raise UserError(f"{format_date(received)} is too early: oiadraft counts working days "
                        f"from {first_year} on")
    if days is None:
        days = profile.time_limit_days
    _check_count(days, "the time limit in working days")
    if extend is not None:
        _check_count(extend, "the extension in working days")
    notes: list[str] = []
    region_obj = get_region(region) if region else None
    if region_obj is not None and not profile.uses_region:
        notes.append(f"{profile.short_in_text[:1].upper()}{profile.short_in_text[1:]} does not exclude regional anniversary days, so the "
                     f"region ({region_obj.name}) makes no difference.")
        region_obj = None
    one_off = None if one_off is None else tuple(one_off)
    cal = WorkingDays(profile.key, region_obj, one_off)

    def after(count: int | None) -> date | None:
        return None if count is None else cal.add(received, count)

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MatarikiNotSetWarning)
        due = cal.add(received, days)
        transfer = after(profile.transfer_days)
        clarification = after(profile.clarification_days)
        notice = after(profile.extension_notice_days)
        extended_due = cal.add(due, extend) if extend is not None else None
        last = max(d for d in (due, transfer, clarification, notice, extended_due) if d)
        notes.extend(_unconfirmed_notes(profile))
        notes.extend(_notes(cal, received, last, days, due, extended_due, profile.short))

    return Deadlines(
        act=profile.key, received=received, working_days=days, due=due,
        transfer_due=transfer, clarification_cutoff=clarification,
        extended_by=extend, extended_due=extended_due,
        region=region_obj.key if region_obj else None, notes=notes, one_off=one_off,
        extension_notice_due=notice,
    )


_UNCONFIRMED_LABELS = {
    "time_limit_days": "the {days}-working-day time limit",
    "transfer_days": "the {transfer}-working-day transfer limit",
    "clarification_days": "the {clarify}-working-day clarification cut-off",
    "extension_notice_days": "the {notice}-working-day limit for notice of an extension",
    "working_days": "what counts as a working day",
}


def _unconfirmed_notes(profile: Any) -> list[str]:
    """One note for each time limit, or the working-day rule, the Act's profile marks as not
    confirmed against the Act's text."""
    numbers = {"days": profile.time_limit_days, "transfer": profile.transfer_days,
               "clarify": profile.clarification_days, "notice": profile.extension_notice_days}
    notes = []
    for key, label in _UNCONFIRMED_LABELS.items():
        if not profile.is_verified(key):
            what = label.format(**numbers)
            notes.append(f"Unconfirmed: {what} under {profile.short_in_text} "
                         f"({profile.unconfirmed[key]}).")
    return notes


def _notes(cal: WorkingDays, received: date, last: date, days: int, due: date,
           extended_due: date | None, act_short: str) -> list[str]:
    notes: list[str] = []
    why = cal.reason(received)
    if why is not None:
        first = cal.add(received, 1)
        notes.append(f"Received on a non-working day ({why}): the law still counts from the "
                     f"day of receipt, so day 1 is {format_date(first, weekday=True)}. "
                     "FYI.org.nz may show a due date one working day later.")

    lgoima_rules = [r for r in cal._rules if r.anniversary]
    if lgoima_rules:
        since = lgoima_rules[0].start
        if since is not None and received < since:
            notes.append(f"The {act_short} working-day definition changed on "
                         f"{format_date(since)}; days before then are counted under the earlier "
                         f"rule (holiday period {cal._rules[0].block_text}, no anniversary day).")
        if cal.region is None and since is not None and last >= since:
            inside = []
            for region in regions().values():
                for year in range(received.year, last.year + 1):
                    day = anniversary_day(region, year)
                    if received < day <= last and day >= since and cal.reason(day) is None:
                        inside.append((day, region.name))
            affected = [f"{name} {format_date(day, weekday=True)}" for day, name in sorted(inside)]
            text = ("No council region given, so no regional anniversary day was excluded; "
                    f"since {format_date(since)} the {act_short} also excludes the anniversary "
                    "day of the council's region: give the region to count it.")
            if affected:
                text += " Anniversary days inside this count: " + "; ".join(affected) + "."
            else:
                text += " No region's anniversary day falls inside this count."
            notes.append(text)

    if cal.region is not None:
        for year, note in cal.region.notes:
            if received.year <= year <= last.year:
                notes.append(note)

    for day, one_off in sorted(cal.one_off.items()):
        if received < day <= last and one_off.confirmed:
            notes.append(one_off.note)
        elif received < day <= last:
            text = one_off.note
            without = WorkingDays(cal.act, cal.region,
                                  [d for d in cal.one_off.values() if d.day != day])
            alt_due = without.add(received, days)
            alt = []
            if alt_due != due:
                alt.append(f"due {format_date(alt_due, weekday=True)}")
            if extended_due is not None:
                alt_ext = without.add(alt_due, cal.count(due, extended_due))  # = extend
                if alt_ext != extended_due:
                    alt.append(f"extended due {format_date(alt_ext, weekday=True)}")
            if alt:
                text += f" Counting it as a working day gives {' and '.join(alt)}."
            notes.append(text)

    unknown = [y for y in range(received.year, last.year + 1) if not matariki_is_set(y)]
    for year in unknown:
        notes.append(_matariki_message(year))
    return notes


