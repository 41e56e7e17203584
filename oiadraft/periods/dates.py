"""Dates as New Zealanders write them, read strictly (day first), and the one error type of
the period grammar."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

from oiadraft import clock
from oiadraft.errors import UserError


class Lazy:
    """A regular expression compiled the first time it is used (importing the period grammar
    compiles nothing). `source` is the pattern, or a function that builds the compiled one."""

    __slots__ = ("_compiled", "_flags", "_source", "finditer", "fullmatch", "match", "search",
                 "sub")
    # the pattern's methods used in the hot paths, kept once compiled so that a call finds
    # them without going through __getattr__

    def __init__(self, source: str | Callable[[], re.Pattern[str]], flags: int = 0) -> None:
        self._source = source
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            source = self._source
            self._compiled = source() if callable(source) else re.compile(source, self._flags)
        return self._compiled

    def __getattr__(self, name: str) -> Any:
        found = getattr(self.compiled(), name)
        if name in Lazy.__slots__ and not name.startswith("_"):
            object.__setattr__(self, name, found)
        return found


class PeriodError(UserError, ValueError):
    """A date or period phrase that cannot be read without guessing."""


MONTHS = {
    "january": 1, "jan": 1,
    "february": 2, "feb": 2,
    "march": 3, "mar": 3,
    "april": 4, "apr": 4,
    "may": 5,
    "june": 6, "jun": 6,
    "july": 7, "jul": 7,
    "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
MONTH_NAMES = [
    "", "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
]
WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

_ISO = Lazy(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_NUMERIC = Lazy(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})$")
_WRITTEN = Lazy(
    r"^(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+)?"
    r"(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]+)\.?,?\s+(\d{4})$",
    re.IGNORECASE,
)

_WRITTEN_MONTH_FIRST = Lazy(
    r"^(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+)?"
    r"([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$",
    re.IGNORECASE,
)

_DAY_FIRST_HINT = "dates are written day first, so 13/09/2024 is 13 September 2024"


def _make_date(year: int, month: int, day: int, original: str, numeric: bool = False) -> date:
    if not 1 <= month <= 12:
        message = f"{original!r} is not a date: there is no month {month}"
        if numeric:
            message += f"; {_DAY_FIRST_HINT}"
            if 1 <= day <= 12 and 1 <= month <= 31:
                try:
                    swapped = date(year, day, month)
                except ValueError:
                    pass
                else:
                    message += f" (did you mean {format_date(swapped)}?)"
        raise PeriodError(message)
    if year < 1:
        raise PeriodError(f"{original!r} is not a date: there is no year {year}")
    try:
        return date(year, month, day)
    except ValueError:
        raise PeriodError(
            f"{original!r} is not a date: {MONTH_NAMES[month]} {year} has no day {day}"
        ) from None


def month_number(word: str) -> int | None:
    """1-12 for a month name or its usual abbreviation, else None."""
    return MONTHS.get(word.lower().rstrip("."))


def parse_date(text: str) -> date:
    """Parse one calendar date: 2024-09-13, 13/09/2024, 13/9/24, 13 September 2024,
    Friday 13 Sept 2024, 13th of September 2024, September 13, 2024. Numeric dates are day
    first (the New Zealand order)."""
    original = text
    text = " ".join(text.strip().split())
    if not text:
        raise PeriodError("no date given; write it like 13 September 2024")
    if match := _ISO.match(text):
        year, month, day = (int(g) for g in match.groups())
        return _make_date(year, month, day, original)
    if match := _NUMERIC.match(text):
        day, month, year_text = match.groups()
        year = int(year_text)
        if len(year_text) == 2:
            # "13/9/24" is 2024; a two-digit year that would be in the future ("13/9/99") is
            # not guessed at.
            year += 2000
            if year > clock.today().year + 1:
                raise PeriodError(f"{original.strip()!r}: write the year in full (is it "
                                  f"{year - 100} or {year}?)")
        return _make_date(year, int(month), int(day), original, numeric=True)
    match = _WRITTEN.match(text)
    if match is None and (month_first := _WRITTEN_MONTH_FIRST.match(text)):
        # "October 1, 2024": the month named, so the order is not in doubt
        month_word, day, year = month_first.groups()
        match = month_first
    elif match is not None:
        day, month_word, year = match.groups()
    if match is not None:
        month = month_number(month_word)
        if month is None:
            raise PeriodError(f"{original!r}: {month_word!r} is not a month name")
        return _make_date(int(year), month, int(day), original)
    raise PeriodError(
        f"cannot read {original!r} as a date; write it like 13 September 2024, "
        "13/09/2024 or 2024-09-13"
    )


def format_date(value: date, weekday: bool = False) -> str:
    """New Zealand style: "13 September 2024", or "Friday 13 September 2024"."""
    text = f"{value.day} {MONTH_NAMES[value.month]} {value.year}"
    if weekday:
        text = f"{WEEKDAY_NAMES[value.weekday()]} {text}"
    return text
