"""Counting working days: a calendar for an Act (and a council region) that says whether a
day is a working day, why not, and the Nth working day after another."""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from functools import lru_cache

from oiadraft.acts import WorkingDayRule, default_act, get_act
from oiadraft.deadline import rules as rules_data
from oiadraft.deadline.rules import (
    MatarikiNotSetWarning,
    OneOffDay,
    Region,
    _anniversary,
    act_holidays,
    get_region,
    matariki_is_set,
    matariki_known_until,
)
from oiadraft.errors import UserError
from oiadraft.periods import format_date

MAX_WORKING_DAYS = 10_000
"""Largest count accepted (about 40 years), so absurd input fails clearly instead of slowly."""

MAX_STATUS_SPAN_DAYS = 36_525
"""`status` counts day by day, so `today` must be within a century of the deadline."""



class WorkingDays:
    """The working-day calendar of one Act (and, for the LGOIMA, one council region).

    `one_off` overrides the configured one-off days (pass () to count them all as working)."""

    def __init__(self, act: str | None = None, region: str | Region | None = None,
                 one_off: Iterable[OneOffDay] | None = None) -> None:
        self.profile = profile_for(act)
        self.act = self.profile.key
        self.region = get_region(region) if region else None
        rules = rules_data.loaded_rules()
        self._rules = self.profile.working_day_rules
        self._first_year = rules.first_year
        days = rules.one_off_days if one_off is None else tuple(one_off)
        self.one_off = {d.day: d for d in days if self.act in d.acts}
        self._warned: set[int] = set()

    def rule_for(self, day: date) -> WorkingDayRule:
        """The working-day definition in force on a day."""
        current = self._rules[0]
        for rule in self._rules[1:]:
            if rule.start is not None and day >= rule.start:
                current = rule
        return current

    def reason(self, day: date) -> str | None:
        """Why a day is not a working day ("Saturday", "Labour Day", ...), None if it is one."""
        if day.year < self._first_year:
            raise UserError(f"{format_date(day)} is too early: oiadraft counts working days "
                            f"from {self._first_year} on")
        weekday = day.weekday()
        if weekday >= 5:
            return ("Saturday", "Sunday")[weekday - 5]
        rule = self.rule_for(day)
        md = (day.month, day.day)
        if rule.block_start <= rule.block_end:
            in_block = rule.block_start <= md <= rule.block_end
        else:  # the block runs over the new year
            in_block = md >= rule.block_start or md <= rule.block_end
        if in_block:
            return f"holiday period {rule.block_text}"
        name = act_holidays(day.year).get(day)
        if name:
            return name
        if day.year >= 2022 and not matariki_is_set(day.year) and day.year not in self._warned:
            self._warned.add(day.year)
            warnings.warn(MatarikiNotSetWarning(_matariki_message(day.year)), stacklevel=3)
        if rule.anniversary and self.region is not None:
            anniversary, name = _anniversary(self.region.key, day.year)
            if anniversary == day:
                return name
        one_off = self.one_off.get(day)
        if one_off is not None:
            return one_off.name
        return None

    def is_working_day(self, day: date) -> bool:
        return self.reason(day) is None

    def add(self, start: date, n: int) -> date:
        """The nth working day after `start` (start itself never counts); n=0 gives start."""
        _check_count(n, "number of working days", allow_zero=True)
        day = start
        try:
            while n > 0:
                day += timedelta(days=1)
                if self.reason(day) is None:
                    n -= 1
        except OverflowError:
            raise UserError("that count runs past the end of the calendar") from None
        return day

    def count(self, start: date, end: date) -> int:
        """Working days after `start` up to and including `end` (0 when end <= start)."""
        total = 0
        day = start
        while day < end:
            day += timedelta(days=1)
            if self.reason(day) is None:
                total += 1
        return total

    def non_working_days(self, start: date, end: date) -> list[tuple[date, str]]:
        """Weekday non-working days after `start` up to and including `end`, with reasons."""
        found = []
        day = start
        while day < end:
            day += timedelta(days=1)
            why = self.reason(day)
            if why is not None and day.weekday() < 5:
                found.append((day, why))
        return found


def profile_for(act: str | None):
    """The Act's profile; the default Act (the first in order) when none is named."""
    return default_act() if act is None else get_act(act)


def _matariki_message(year: int) -> str:
    return (f"Matariki in {year} is not yet set (known to {matariki_known_until()}; later "
            "dates are set by Order in Council), so no Matariki day was excluded in "
            f"{year}: a date after mid-June {year} may be one working day early.")


def _check_count(n: object, what: str, allow_zero: bool = False) -> int:
    if isinstance(n, bool) or not isinstance(n, int):
        raise UserError(f"{what} must be a whole number, got {n!r}")
    low = 0 if allow_zero else 1
    if n < low:
        raise UserError(f"{what} must be {low} or more, got {n}")
    if n > MAX_WORKING_DAYS:
        raise UserError(f"{what} must be at most {MAX_WORKING_DAYS}, got {n}")
    return n


@lru_cache(maxsize=64)
def calendar(act: str | None = None, region: str | None = None) -> WorkingDays:
    """A shared calendar for an Act and region (cached)."""
    return WorkingDays(act, region)


def _plain(value: date) -> date:
    if isinstance(value, datetime):
        return value.date()
    if not isinstance(value, date):
        raise UserError(f"expected a date, got {value!r}")
    return value


def is_working_day(day: date, act: str | None = None, region: str | None = None) -> bool:
    """True when `day` is a working day under the Act (LGOIMA: in the council region)."""
    return calendar(act, region).is_working_day(_plain(day))


def add_working_days(start: date, n: int, act: str | None = None,
                     region: str | None = None) -> date:
    """The nth working day after `start`: start is not counted, day 1 is the first working day
    after it, n=0 returns start."""
    return calendar(act, region).add(_plain(start), n)


def working_days_between(start: date, end: date, act: str | None = None,
                         region: str | None = None) -> int:
    """Working days after `start` up to and including `end`."""
    return calendar(act, region).count(_plain(start), _plain(end))


def non_working_reason(day: date, act: str | None = None,
                       region: str | None = None) -> str | None:
    """Why `day` is not a working day, or None when it is one."""
    return calendar(act, region).reason(_plain(day))


# ------------------------------------------------------------------------ results

