"""The period rewrite: the stretch "from <start date> to <end date>" replaces, with the
preposition before the period ("in 2023") and an end date the period finder left behind."""

from __future__ import annotations

import re

from oiadraft.model import Period
from oiadraft.scope.spans import period_lead

_MONTH_WORDS = (r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?")
_PERIOD_TAIL = re.compile(
    r"\s*(?:to|until|till|through|and|-|–|—)\s+(?:the\s+)?(?:"
    r"\d{1,2}/\d{1,2}/\d{2,4}|"
    r"(?:\d{1,2}(?:st|nd|rd|th)?\s+)?" + _MONTH_WORDS + r"(?:\s+\d{1,2}(?:st|nd|rd|th)?,?)?"
    r"(?:\s+\d{4})?|\d{4}|present|today|now|date\s+of\s+(?:this|my|your|the)\s+request)(?!\w)",
    re.IGNORECASE)
_PART_OF_YEAR = re.compile(r"\s+(?:semester|term|trimester|quarter)\s+(?:one|two|three|four|[1-4])"
                          r"(?!\w)", re.IGNORECASE)
_RANGE_WORD = re.compile(r"(?<!\w)(?:to|until|till|and)(?!\w)|[-–—]")


def period_rewrite(text: str, span: tuple[int, int], period: Period | None) -> tuple[int, int]:
    """The stretch "from <start date> to <end date>" replaces: the period phrase with the
    preposition before it ("in 2023", "for the period ...") and an end date the period
    finder left behind ("from January 2023| to December 1st 2023|")."""
    start, end = span
    start = period_lead(text, start)
    words = text[span[0]:span[1]].lower()
    if period is not None and (period.end is None or period.end == period.start) and \
            not _RANGE_WORD.search(words):
        tail = _PERIOD_TAIL.match(text, end)
        if tail is not None:
            end = tail.end()
    part_of_year = _PART_OF_YEAR.match(text, end)  # "in 2021| Semester Two|"
    if part_of_year is not None:
        end = part_of_year.end()
    return start, end
