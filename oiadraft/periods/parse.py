"""Reading a whole answer as a period (`parse_period`), and saying plainly why one cannot be
read."""

from __future__ import annotations

import re
from datetime import date

from oiadraft.model import Period
from oiadraft.periods.dates import (
    _ISO,
    _NUMERIC,
    _WRITTEN,
    MONTH_NAMES,
    Lazy,
    PeriodError,
    parse_date,
)
from oiadraft.periods.find import _interpret, _no_year
from oiadraft.periods.grammar import _MONTH, WHOLE

_THE_PERIOD = Lazy(r"^(?:(?:in|for|over|during|covering)\s+)?the\s+(?=period\s)", re.IGNORECASE)
_EACH_YEAR = Lazy(r"^(?:for\s+)?(?:each|every)\s+(?:calendar\s+)?year\s+(?=from\s|between\s)",
                  re.IGNORECASE)
# "from 2020/21 to 2023/24": years written like financial years, asked about as in free text
_FY_LEAD = Lazy(r"^(?:from|between)\s+(?=[0-9]{4}\s*/)", re.IGNORECASE)
_ANY_TIME = {"any time", "anytime", "all time", "any date"}
_VAGUE = Lazy(r"\b(?:few|several|some|couple|recent|recently|many|number of|a while|"
                    r"lately|various)\b")
_NO_YEAR_NUMERIC = Lazy(r"(?<![0-9/.])[0-9]{1,2}[/.-][0-9]{1,2}(?![0-9]|[/.-][0-9])")
_MONTH_SLASH_YEAR = Lazy(r"(?<![0-9/.])([0-9]{1,2})[/.-]([0-9]{4})(?![0-9])")
_SPLIT_YEAR = Lazy(r"\b([0-9]{4})\s*[/–—‑-]\s*([0-9]{2}|[0-9]{4})\b")
_HAS_YEAR = Lazy(r"[0-9]{4}|[0-9][/.][0-9]{1,2}[/.][0-9]")
_MONTH_WORD = Lazy(_MONTH, re.IGNORECASE)
_HOW_TO = ("write it like 'since October 2020', '1 October 2020 to 13 September 2024', "
           "'between March and June 2023', '2023', 'the 2022/23 financial year' or "
           "'the last 2 years'")


def parse_period(text: str, today: date | None = None) -> Period:
    """Read a period the way a New Zealander writes it ("since October 2020",
    "1/10/2020 – 13/9/2024", "the last two years", "the 2022/23 financial year", ...).

    `today` is needed only for relative periods ("the past 12 months"). Raises PeriodError
    (a UserError) with a plain-language message for anything impossible or ambiguous."""
    if not isinstance(text, str):
        raise PeriodError("no period given; " + _HOW_TO)
    norm = " ".join(text.replace("\u00a0", " ").split()).strip(" .;:,")
    if not norm:
        raise PeriodError("no period given; " + _HOW_TO)
    lowered = norm.lower()
    if lowered in _ANY_TIME:
        return Period()
    # "(in) the period 1 February 2020 and 30 June 2020": the grammar reads "period X and Y"
    norm = _THE_PERIOD.sub("", norm, count=1)
    norm = _EACH_YEAR.sub("", norm, count=1)  # "each year from 2019 to 2023"
    match = WHOLE.fullmatch(norm)
    if match is None and norm[:7].lower() == "period ":
        norm = norm[7:]  # "the period 2023" is "2023"
        match = WHOLE.fullmatch(norm)
    if match is None and _FY_LEAD.match(norm):
        match = WHOLE.fullmatch(_FY_LEAD.sub("", norm, count=1))
    if match is not None:
        return _interpret(match, today)
    raise _explain(norm)


def _explain(norm: str) -> PeriodError:
    """Why a whole answer could not be read, and how to write it."""
    lowered = norm.lower()
    if _VAGUE.search(lowered):
        return PeriodError(
            f"{norm!r} is not a definite period; say how long (like 'the last 3 years') or "
            "give dates (like 'since 1 October 2020')"
        )
    if match := _MONTH_SLASH_YEAR.search(lowered):
        month = int(match[1])
        if 1 <= month <= 12:
            return PeriodError(
                f"{norm!r}: write the month as a word, like '{MONTH_NAMES[month]} "
                f"{match[2]}'"
            )
    if match := _SPLIT_YEAR.search(lowered):
        first = int(match[1])
        return PeriodError(
            f"{norm!r} could be the {first}/{(first + 1) % 100:02d} financial year (1 July "
            f"{first} to 30 June {first + 1}) or two calendar years; write 'the {first}/"
            f"{(first + 1) % 100:02d} financial year' or '{first} to {first + 1}'"
        )
    if not _HAS_YEAR.search(lowered):
        if _NO_YEAR_NUMERIC.search(lowered):
            return PeriodError(
                f"{norm!r} has no year; write the whole date, day first, like 03/04/2024 "
                "(that is 3 April 2024)"
            )
        if _MONTH_WORD.search(lowered):
            return _no_year(norm)
    # A date inside that is impossible says so itself.
    for piece in re.split(r"\s+(?:to|until|and|till|through)\s+|\s*[–—]\s*|\s+-\s+", norm):
        piece = re.sub(r"^(?:from|since|between|after|before|until|up to)\s+", "", piece,
                       flags=re.IGNORECASE)
        if _NUMERIC.match(piece) or _ISO.match(piece) or _WRITTEN.match(piece):
            parse_date(piece)
    return PeriodError(f"cannot read {norm!r} as a period; {_HOW_TO}")
