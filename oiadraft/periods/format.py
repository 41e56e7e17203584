"""Periods in words: `format_period` (readable back by `parse_period`) and `describe_length`."""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

from oiadraft.model import Period
from oiadraft.periods.dates import format_date
from oiadraft.periods.find import _add_months


def format_period(period: Period) -> str:
    """New Zealand style, and always readable back by parse_period:
    "1 October 2020 to 13 September 2024", "13 September 2024" (one day),
    "since 1 October 2020" (open end), "up to 13 September 2024" (open start),
    "1 October 2020 to the date of this request", "up to the date of this request",
    "any time" (no dates at all)."""
    start, end = period.start, period.end
    if start is not None and end is not None:
        if start == end:
            return format_date(start)
        return f"{format_date(start)} to {format_date(end)}"
    if start is not None and period.until_request:
        return f"{format_date(start)} to the date of this request"
    if start is not None:
        return f"since {format_date(start)}"
    if end is not None:
        return f"up to {format_date(end)}"
    if period.until_request:
        return "up to the date of this request"
    return "any time"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


@lru_cache(maxsize=1024)
def describe_length(period: Period, today: date) -> str:
    """How long the period is, in words for a warning: "12 days", "3 months", "about 4 years".

    Whole months or years are stated exactly; anything else is rounded to the nearest month
    (under two years) or year and says "about". Under a month it counts days."""
    if period.start is None:
        return "no start date"
    end = period.effective_end(today)
    if end is None or end < period.start:
        return "not started yet"
    days = (end - period.start).days + 1
    after = end + timedelta(days=1) if end < date.max else end
    months = (after.year - period.start.year) * 12 + after.month - period.start.month
    while months > 0 and _add_months(period.start, months) > after:
        months -= 1
    exact = months > 0 and _add_months(period.start, months) == after
    if exact:
        if months % 12 == 0:
            return _plural(months // 12, "year")
        if months < 24:
            return _plural(months, "month")
    if days < 32:
        return _plural(days, "day")
    spare = (after - _add_months(period.start, months)).days
    if months < 24:
        rounded = months + (1 if spare >= 15 else 0)
        return "about " + _plural(rounded, "month")
    years = int((months + spare / 30.4) / 12 + 0.5)
    return "about " + _plural(years, "year")
