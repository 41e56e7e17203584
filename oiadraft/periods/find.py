"""Reading period phrases: one grammar match turned into a `Period`, and every period phrase
found in free text (`find_periods`)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import MINYEAR, date, timedelta
from functools import lru_cache

from oiadraft.model import Period
from oiadraft.periods.dates import (
    MONTH_NAMES,
    PeriodError,
    _make_date,
    format_date,
    month_number,
    parse_date,
)
from oiadraft.periods.grammar import (
    _ASCII_LOWER,
    _NUMBER_WORDS,
    _RELATIVE_WORDS,
    _TENS_WORDS,
    _UNIT_WORDS,
    DIGIT_ANCHOR,
    PROBLEM_ANCHOR,
    TRIGGER_WORD,
    UNIT_RE,
    _may_follow,
    _word_key,
    trigger_grammar,
)


def _monthrange(year: int, month: int) -> tuple[int, int]:
    """(weekday of the first, days in the month), as `calendar.monthrange` (not imported:
    `calendar` imports `locale`, which compiles a pattern when imported)."""
    first = date(year, month, 1)
    if month == 12:
        return first.weekday(), 31
    return first.weekday(), (date(year, month + 1, 1) - first).days


@dataclass(frozen=True)
class _Unit:
    """A span named by one endpoint; `first`/`last` are None for a day or month with no year."""

    first: date | None
    last: date | None
    kind: str
    text: str
    day: int = 0
    month: int = 0

    def with_year(self, year: int) -> _Unit:
        if self.kind == "day-month":
            first = _make_date(year, self.month, self.day, f"{self.text} {year}")
            return _Unit(first, first, "day", self.text)
        first, last = _month_span(year, self.month)
        return _Unit(first, last, "month", self.text)


def _norm(text: str) -> str:
    return " ".join(text.lower().replace("\u2011", "-").split())


def _month_span(year: int, month: int) -> tuple[date, date]:
    if not 1 <= year <= 9999:
        raise PeriodError(f"there is no year {year}")
    return date(year, month, 1), date(year, month, _monthrange(year, month)[1])


def _year_span(year: int, original: str) -> tuple[date, date]:
    if not 1 <= year <= 9999:
        raise PeriodError(f"{original!r}: there is no year {year}")
    return date(year, 1, 1), date(year, 12, 31)


@lru_cache(maxsize=512)
def _read_unit(text: str) -> _Unit:
    """Read one endpoint (cached: the same phrases come back on every keystroke)."""
    norm = _norm(text)
    match = UNIT_RE.fullmatch(norm)
    if match is None:  # the grammar and this reader disagree: refuse rather than guess
        raise PeriodError(f"cannot read {text!r} as a date")
    mod = match["mod"]
    if match["full"]:
        day = parse_date(match["full"])
        unit = _Unit(day, day, "day", text)
    elif match["fy2"]:
        first_text = match["fy1"] or match["fy1b"]
        first_year = int(first_text)
        if len(first_text) == 2:
            first_year += 2000
        second = int(match["fy2"])
        expected = first_year + 1
        if second != expected and second != expected % 100:
            raise PeriodError(
                f"{text!r} is not a financial year: a financial year runs from 1 July to "
                f"30 June, so write two years in a row, like {first_year}/"
                f"{expected % 100:02d} (1 July {first_year} to 30 June {expected})"
            )
        if not 1 <= first_year < 9999:
            raise PeriodError(f"{text!r}: there is no year {first_year}")
        unit = _Unit(date(first_year, 7, 1), date(expected, 6, 30), "financial-year", text)
    elif match["year"]:
        first, last = _year_span(int(match["year"]), text)
        unit = _Unit(first, last, "year", text)
    elif match["my_m"]:
        month = _month_word(match["my_m"], text)
        first, last = _month_span(int(match["my_y"]), month)
        unit = _Unit(first, last, "month", text)
    elif match["dm_m"]:
        month = _month_word(match["dm_m"], text)
        day = int(match["dm_d"])
        if day < 1 or day > (29 if month == 2 else _monthrange(2001, month)[1]):
            raise PeriodError(f"{text!r} is not a date: {MONTH_NAMES[month]} has no day {day}")
        unit = _Unit(None, None, "day-month", text, day=day, month=month)
    else:
        unit = _Unit(None, None, "month-only", text, month=_month_word(match["m"], text))
    if mod and unit.first is not None:
        edge = unit.first if mod in ("start", "beginning") else unit.last
        unit = _Unit(edge, edge, "day", text)
    elif mod:
        raise _no_year(text)
    return unit


def _bare_financial_years(first_text: str, last_text: str | None, phrase: str
                          ) -> PeriodError:
    """Why "2012/13 through 2022/23" (or "in 2022/23") is asked about: written like financial
    years, but not said to be (a tax year runs from 1 April)."""
    first = _read_unit(first_text)  # raises when these are not two years in a row
    last = _read_unit(last_text) if last_text else first
    years = " ".join(first_text.split())
    if last_text is None:
        return PeriodError(
            f"'{years}' does not say which kind of year: write 'the {years} financial year' "
            f"(1 July {first.first.year} to 30 June {first.last.year}) or give the dates")
    until = " ".join(last_text.split())
    written = " ".join(phrase.split())
    if last.last < first.first:
        return PeriodError(f"'{written}' ends before it starts; put the earlier year first")
    return PeriodError(
        f"'{written}' does not say which kind of year: write 'the financial years "
        f"{years} to {until}' ({format_date(first.first)} to {format_date(last.last)}) or "
        "give the dates")


def _month_word(word: str, original: str) -> int:
    month = month_number(word)
    if month is None:
        raise PeriodError(f"{original!r}: {word!r} is not a month name")
    return month


def _no_year(text: str) -> PeriodError:
    return PeriodError(
        f"{text.strip()!r} does not say which year; add the year, like 'March 2024', "
        "'1 March 2024' or 'between March and June 2023'"
    )


def _number(text: str | None) -> int | None:
    if text is None:
        return None
    words = _norm(text).replace("-", " ").split()
    if words[0].isdigit():
        return int(words[0])
    total = 0
    for word in words:
        total += _TENS_WORDS.get(word, 0) + _NUMBER_WORDS.get(word, 0)
    return total


def _add_months(value: date, months: int) -> date:
    year, month0 = divmod(value.month - 1 + months, 12)
    year += value.year
    if not 1 <= year <= 9999:
        raise PeriodError("that period reaches outside the calendar (years 1 to 9999)")
    return date(year, month0 + 1, min(value.day, _monthrange(year, month0 + 1)[1]))


def _span_ending(end: date, count: int, unit: str, phrase: str) -> Period:
    """The `count` whole units that end on `end` (inclusive): start the day after the same date
    `count` units earlier."""
    if count < 1:
        raise PeriodError(f"{phrase!r}: a period must be at least one {unit.rstrip('s')} long")
    try:
        after = end + timedelta(days=1)
        if unit == "days":
            start = after - timedelta(days=count)
        elif unit == "weeks":
            start = after - timedelta(weeks=count)
        elif unit == "fortnights":
            start = after - timedelta(weeks=2 * count)
        elif unit == "months":
            start = _add_months(after, -count)
        else:
            start = _add_months(after, -12 * count)
    except OverflowError:
        raise PeriodError(f"{phrase!r} reaches outside the calendar") from None
    return Period(start, end)


def _relative(the: str | None, word: str | None, number: str | None, unit_word: str,
              end: date | None, phrase: str, today: date | None) -> Period:
    unit_word = unit_word.lower()
    unit = _UNIT_WORDS.get(unit_word, unit_word)
    count = _number(number)
    if count is None:
        if the is None:
            raise _ambiguous_last(phrase, unit, today)
        if unit_word != unit.rstrip("s"):  # "the last years": how many?
            raise PeriodError(
                f"{phrase!r} does not say how many {unit}; write a number, like "
                f"'the last 2 {unit}', or give dates"
            )
        count = 1
    if end is None:
        if today is None:
            raise PeriodError(
                f"{phrase!r} counts back from today, but no date for today was given; write "
                "the dates instead, like '1 October 2020 to 13 September 2024'"
            )
        end = today
    return _span_ending(end, count, unit, phrase)


def _last_financial_years(number: str | None, end: date | None, phrase: str,
                          today: date | None) -> Period:
    """"the last three financial years": the whole financial years (1 July to 30 June) that
    ended last, up to `end` or else today ("the last financial year": the one that ended
    last)."""
    if end is None:
        if today is None:
            raise PeriodError(f"{phrase!r} counts back from today, but no date for today was "
                              "given; write the years instead, like '2021/22 to 2023/24'")
        end = today
    close = end.year if (end.month, end.day) >= (6, 30) else end.year - 1
    count = _number(number) or 1
    if close - count < MINYEAR:
        raise PeriodError(f"{phrase!r} reaches outside the calendar")
    return Period(date(close - count, 7, 1), date(close, 6, 30))


def _ambiguous_last(phrase: str, unit: str, today: date | None) -> PeriodError:
    single = unit.rstrip("s")
    if single == "year":
        calendar = f"the calendar year {today.year - 1}" if today else "the previous calendar year"
        example = f"'{today.year - 1}'" if today else "the year, like '2023'"
        count = "12 months"
    elif single == "month":
        if today:
            before = _add_months(today.replace(day=1), -1)
            calendar = f"{MONTH_NAMES[before.month]} {before.year}"
            example = f"'{calendar}'"
        else:
            calendar = "the previous calendar month"
            example = "the month, like 'March 2024'"
        count = "month"
    else:
        calendar = f"the previous calendar {single}"
        example = "the dates"
        count = single
    return PeriodError(
        f"{phrase!r} could mean {calendar} or the {count} up to today; write {example} or "
        f"'the last {count}'"
    )


def _span_start(match: re.Match[str]) -> int:
    """Where the phrase starts: a cue word ("in 2023") is not part of it."""
    if "c_s" in match.re.groupindex and match["c_s"] is not None:
        return match.start("c_s")
    return match.start()


_GROUP_INDEX: dict[str, Mapping[str, int]] = {}
"""Each grammar's group numbers by name, by the grammar's source: `_reading` is keyed on the
source, not the compiled pattern, whose hash is worked out from all its code each time (about
10 microseconds for a period grammar, more than the reading it looks up)."""


def _interpret(match: re.Match[str], today: date | None) -> Period:
    """Turn one grammar match into a Period (PeriodError when it cannot be read)."""
    phrase = match.string[_span_start(match):match.end()]
    grammar = match.re
    source = grammar.pattern
    if source not in _GROUP_INDEX:
        _GROUP_INDEX[source] = grammar.groupindex
    return _reading(source, match.groups(), phrase, today)


@lru_cache(maxsize=4096)
def _reading(grammar: str, groups: tuple[str | None, ...], phrase: str,
             today: date | None) -> Period:
    """The Period a match of the grammar whose source is `grammar` with these groups reads
    as: worked out once for each distinct reading (a long request states the same periods
    again and again). A phrase that cannot be read raises PeriodError each time."""
    get = {name: groups[index - 1] for name, index in _GROUP_INDEX[grammar].items()}.get
    if get("l_w") is not None:
        end = _read_unit(get("l_e")).last if get("l_e") else None
        if get("l_fin") is not None:
            return _last_financial_years(get("l_n"), end, phrase, today)
        return _relative(get("l_the"), get("l_w"), get("l_n"), get("l_u"), end, phrase, today)
    if get("a_u") is not None:
        end_unit = _read_unit(get("a_e"))
        number = get("a_n") or get("a_n2")
        unit = get("a_u").lower()
        if number is None and unit.endswith("s"):
            raise PeriodError(f"{phrase!r} does not say how many {unit}; write a number")
        return _span_ending(end_unit.last, _number(number) or 1, _UNIT_WORDS.get(unit, unit),
                            phrase)
    lead = None
    until_request = False
    if get("r_s") is not None or get("y_s") is not None:
        # financial years written bare, read as such because the phrase says so
        first = _read_unit(get("r_s") or get("y_s"))
        last = _read_unit(get("r_e") or get("y_e"))
        if "financial-year" not in (first.kind, last.kind) or first.kind != last.kind:
            raise PeriodError(f"cannot read {phrase!r} as financial years")
        if last.last < first.first:
            raise PeriodError(
                f"{phrase!r} ends ({format_date(last.last)}) before it starts "
                f"({format_date(first.first)}); put the earlier year first")
        return Period(first.first, last.last)
    if get("z_s") is not None or get("z_one") is not None:
        raise _bare_financial_years(get("z_s") or get("z_one"), get("z_e"), phrase)
    if get("b_s") is not None:
        lead, start_text, end_text = "between", get("b_s"), get("b_e")
        until_request = get("b_ur") is not None
    elif get("f_s") is not None:
        lead, start_text, end_text = _norm(get("f_lead")), get("f_s"), get("f_e")
        until_request = get("f_ur") is not None
        if get("f_ev") is not None:  # "after the election in October 2023": from October
            lead = "since"
    elif get("u_lead") is not None:
        lead, start_text, end_text = _norm(get("u_lead")), None, get("u_e")
        until_request = get("u_ur") is not None
    elif get("t_s") is not None:
        unit = _read_unit(get("t_s"))
        return Period(unit.first, unit.last)
    elif get("v_s") is not None:
        start_text, end_text = get("v_s"), get("v_e")
        until_request = get("v_ur") is not None
    elif get("p_s") is not None or get("v_s2") is not None:
        start_text, end_text = get("p_s") or get("v_s2"), get("p_e") or get("v_e2")
        if int(end_text) == int(start_text) + 1:
            raise PeriodError(
                f"{phrase!r} could mean the calendar years {start_text} and {end_text} or the "
                f"{start_text}/{end_text[-2:]} financial year; write '1 January {start_text} to "
                f"31 December {end_text}' or 'the {start_text}/{end_text[-2:]} financial year'")
    elif get("g_s") is not None:
        start_text, end_text = get("g_s"), get("g_e")
        until_request = get("g_ur") is not None
    elif get("o_s") is not None:
        start_text, end_text = get("o_s"), None
        unit = _read_unit(start_text)
        return Period(unit.first, unit.last)
    else:
        start_text, end_text = get("c_s"), get("c_e")
        until_request = get("c_ur") is not None
        if end_text is None and not until_request and get("c_onw") is None:
            unit = _read_unit(start_text)
            return Period(unit.first, unit.last)
    end_unit = _read_unit(end_text) if end_text else None
    start_unit = _read_unit(start_text) if start_text else None
    if start_unit is not None and start_unit.first is None:
        # "1 March" / "March" borrow the year of a day or month that ends the period
        # ("between March and June 2023"); "Aug-2022" (a file name) is not a period.
        if end_unit is None or end_unit.kind not in ("day", "month"):
            raise _no_year(phrase)
        start_unit = start_unit.with_year(end_unit.first.year)
    start = end = None
    if start_unit is not None:
        start = start_unit.first
        if lead == "after":
            if start_unit.last == date.max:
                raise PeriodError(f"{phrase!r} reaches outside the calendar")
            start = start_unit.last + timedelta(days=1)
    if end_unit is not None:
        end = end_unit.last
        if lead in ("before", "prior to"):
            if end_unit.first == date.min:
                raise PeriodError(f"{phrase!r} reaches outside the calendar")
            end = end_unit.first - timedelta(days=1)
    if start is not None and end is not None and start > end:
        raise PeriodError(
            f"{phrase!r} ends ({format_date(end)}) before it starts ({format_date(start)}); "
            "put the earlier date first, like '1 October 2020 to 13 September 2024'"
        )
    return Period(start, end, until_request)


@dataclass(frozen=True)
class PeriodMatch:
    """One period phrase found in free text: `text[start:end]` is the phrase."""

    start: int
    end: int
    text: str
    period: Period


@dataclass(frozen=True)
class PeriodProblem:
    """A period phrase in free text that cannot be read without guessing ("since 28th feb":
    which year?), with the reason in plain words."""

    start: int
    end: int
    text: str
    message: str


def _phrases(text: str, today: date | None, limit: int | None, problems: bool):
    """(start, end, Period or PeriodError) for each period phrase, left to right."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a few letters grow when lowered; keep positions exact
        lowered = text.translate(_ASCII_LOWER)
    taken = 0  # a rejected phrase is consumed too: its pieces are not reported on their own
    count = 0
    # only the words that can begin a phrase are visited: the same words, in the same order,
    # as going through every word would give, in one regex pass
    for trigger in TRIGGER_WORD.finditer(lowered):
        start = trigger.start()
        if start < taken:
            continue
        key = _word_key(trigger.group())
        if not _may_follow(key, lowered, trigger.end()):
            continue
        match = trigger_grammar(key).match(text, start)
        if match is None:
            continue
        taken = match.end()
        try:
            result: Period | PeriodError = _interpret(match, today)
        except PeriodError as exc:
            if not problems:
                continue
            result = exc
        except (ValueError, OverflowError):
            continue
        yield _span_start(match), match.end(), result
        count += 1
        if limit is not None and count >= limit:
            return


def find_periods(text: str, today: date | None = None,
                 limit: int | None = None) -> list[PeriodMatch]:
    """Every period phrase in free text, left to right, never overlapping (the longest reading
    wins at each place). Never raises: phrases that cannot be read are skipped (see
    `find_period_problems`). Relative phrases ("the last two years") are found only when
    `today` is given. `limit` stops after that many (the first `limit` of what the whole search
    would report)."""
    if not isinstance(text, str) or len(text) < 4:
        return []
    if DIGIT_ANCHOR.search(text) is None and \
            not any(word in text.lower() for word in _RELATIVE_WORDS):
        return []
    return [PeriodMatch(start, end, text[start:end], period)
            for start, end, period in _phrases(text, today, limit, problems=False)]


def find_period_problems(text: str, today: date | None = None) -> list[PeriodProblem]:
    """The period phrases in free text that cannot be read without guessing: a day or month
    with no year ("since 28th feb"), an impossible date, a period that ends before it starts.
    Never raises."""
    if not isinstance(text, str) or len(text) < 4 or PROBLEM_ANCHOR.search(text) is None:
        return []
    found = []
    for start, end, result in _phrases(text, today, None, problems=True):
        if isinstance(result, PeriodError):
            end = start + len(text[start:end].rstrip(" .,;:"))  # "since 28th feb|."
            found.append(PeriodProblem(start, end, text[start:end], str(result)))
    return found


def first_period(text: str, today: date | None = None
                 ) -> tuple[PeriodMatch | None, list[PeriodProblem]]:
    """`find_periods(text, today, limit=1)` and, when that finds nothing,
    `find_period_problems(text, today)`, in one pass over the text: (the first period phrase
    or None, the phrases that cannot be read; empty when a period was found)."""
    if not isinstance(text, str) or len(text) < 4:
        return None, []
    periods = DIGIT_ANCHOR.search(text) is not None or \
        any(word in text.lower() for word in _RELATIVE_WORDS)
    problems = PROBLEM_ANCHOR.search(text) is not None
    if not (periods or problems):
        return None, []
    found = []
    for start, end, result in _phrases(text, today, None, problems=problems):
        if isinstance(result, PeriodError):
            end = start + len(text[start:end].rstrip(" .,;:"))  # "since 28th feb|."
            found.append(PeriodProblem(start, end, text[start:end], str(result)))
        elif periods:
            return PeriodMatch(start, end, text[start:end], result), []
    return None, found
