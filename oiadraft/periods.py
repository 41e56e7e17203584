"""Dates and periods as people write them in New Zealand, parsed strictly.

Day-first numeric dates (13/09/2024), ISO dates (2024-09-13) and written dates
(13 September 2024, 13 Sept 2024) are understood; anything impossible or ambiguous raises
PeriodError with a message that says what was wrong. Nothing is silently guessed.
"""

from __future__ import annotations

import re
from datetime import date

from oiadraft.errors import UserError


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

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_NUMERIC = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})$")
_WRITTEN = re.compile(
    r"^(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*,?\s+)?"
    r"(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})$",
    re.IGNORECASE,
)


def _make_date(year: int, month: int, day: int, original: str) -> date:
    if not 1 <= month <= 12:
        raise PeriodError(f"{original!r} is not a date: there is no month {month}")
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
    Friday 13 Sept 2024. Numeric dates are day first (the New Zealand order)."""
    original = text
    text = " ".join(text.strip().split())
    if not text:
        raise PeriodError("no date given")
    if match := _ISO.match(text):
        year, month, day = (int(g) for g in match.groups())
        return _make_date(year, month, day, original)
    if match := _NUMERIC.match(text):
        day, month, year_text = match.groups()
        year = int(year_text)
        if len(year_text) == 2:
            year += 2000
        return _make_date(year, int(month), int(day), original)
    if match := _WRITTEN.match(text):
        day, month_word, year = match.groups()
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
