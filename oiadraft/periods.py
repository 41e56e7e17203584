"""Dates and periods as people write them in New Zealand, parsed strictly.

Day-first numeric dates (13/09/2024), ISO dates (2024-09-13) and written dates
(13 September 2024, 13 Sept 2024) are understood; anything impossible or ambiguous raises
PeriodError with a message that says what was wrong and how to write it. Nothing is silently
guessed.

Wording rules (what each phrase means; tests pin every one):

- A date is one day; a month ("March 2023") is the whole month; a year ("2023",
  "calendar year 2023") is 1 January to 31 December; a financial year ("the 2022/23 financial
  year", "2022-23 financial year", "FY2022/23", "FY22/23") is 1 July to 30 June.
- A range takes the first day of its first unit and the last day of its last unit:
  "between March and June 2023" is 1 March to 30 June 2023. A start without a year ("1 March",
  "March") borrows the year of the end; an end never borrows.
- "since X" / "from X" / "starting X" start on the first day of X with an open end; "after X"
  starts the day after X ends. "up to X" / "until X" end on the last day of X with an open
  start; "before X" / "prior to X" end the day before X begins.
- "to date", "to the date of this request", "to present", "until now" (and the like) close the
  period on the day the request is made: `until_request=True`, `end=None`.
- "the start/beginning of X" is X's first day, "the end of X" its last day.
- Relative periods end on `today` and cover exactly N units: "the last two years" on
  13 September 2024 is 14 September 2022 to 13 September 2024 (the day after the same date N
  units earlier). "the 12 months to 30 June 2023" and "the year ending 30 June 2023" use the
  same rule with the given end (1 July 2022 to 30 June 2023). A month-end date counts whole
  months back (the 3 months to 30 June = 1 April to 30 June).
- Refused (PeriodError): impossible dates, a month that is not 1-12 (dates are day first), a
  date or month without a year, vague amounts ("the last few years"), "last year" /
  "last month" without "the" (calendar year or last 12 months?), a period that ends before it
  starts, a relative period with no `today`.

`find_periods` reports the same phrases inside free text, with these extra rules against
false positives: a bare year or month counts only after a cue word ("in 2023", "during March
2023", "for 2023", "throughout", "within", "over", "covering", "across") and only years
1900-2099; the span then starts at the year or month, not the cue. A lone full date
("on 10 September 2024") is reported as a one-day period. Phrases that do not parse (an
impossible date, a relative period without `today`, an open "until now" with no start) are
skipped, never guessed.
"""

from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from oiadraft import clock
from oiadraft.errors import UserError
from oiadraft.model import Period


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
    r"^(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+)?"
    r"(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]+)\.?,?\s+(\d{4})$",
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
    Friday 13 Sept 2024, 13th of September 2024. Numeric dates are day first (the New Zealand
    order)."""
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


# --------------------------------------------------------------------------------------------
# Period phrases: one grammar, compiled twice (whole answers and free text).
# --------------------------------------------------------------------------------------------

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS_WORDS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
_UNIT_WORDS = {"day": "days", "week": "weeks", "fortnight": "fortnights", "month": "months",
               "year": "years"}

_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?:\.|\b)")
# A number never starts in the middle of another number, a word, a price or a path.
_LB = r"(?<![\w$£€.,/:])"
_AFTER_NUMBER = r"(?![\w/%]|[.,:]\d)"
_WEEKDAY = (r"\b(?:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?"
            r"|fri(?:day)?|sat(?:urday)?|sun(?:day)?)\b\.?,?\s+")
_DAY = _LB + r"\d{1,2}(?:st|nd|rd|th)?"
_WRITTEN_DATE = rf"(?:{_WEEKDAY})?{_DAY}\s+(?:of\s+)?{_MONTH},?\s+\d{{4}}{_AFTER_NUMBER}"
_NUMERIC_DATE = _LB + r"\d{1,2}[/.]\d{1,2}[/.](?:\d{4}|\d{2})(?![\w/]|[.,]\d)"
_ISO_DATE = _LB + r"\d{4}-\d{1,2}-\d{1,2}(?![\w/]|[.,]\d)"
_FULL = f"(?:{_WRITTEN_DATE}|{_ISO_DATE}|{_NUMERIC_DATE})"
_FY_TAIL = r"\s*[/–—‑-]\s*(?:\d{4}|\d{2})(?![\w/]|[.,]\d)"
_FY = (rf"(?:\bthe\s+)?(?:\b(?:fy|financial\s+year|fiscal\s+year)\s*(?:\d{{4}}|\d{{2}}){_FY_TAIL}"
       rf"|{_LB}\d{{4}}{_FY_TAIL}\s+(?:(?:financial|fiscal)\s+year|fy)\b)")
_CAL = (rf"(?:\bthe\s+)?(?:\bcalendar\s+year\s+(?:of\s+)?{_LB}\d{{4}}{_AFTER_NUMBER}"
        rf"|{_LB}\d{{4}}\s+calendar\s+year\b|\bcy\s*\d{{4}}{_AFTER_NUMBER})")
_MONTH_YEAR = rf"\b{_MONTH},?\s+(?:of\s+)?{_LB}[12]\d{{3}}{_AFTER_NUMBER}"
_DAY_MONTH = rf"{_DAY}\s+(?:of\s+)?{_MONTH}"
_MOD = r"(?:(?:\bthe\s+)?\b(?:start|beginning|end|close)\s+of\s+(?:the\s+)?)?"
# A bare year must not be the first half of "2022-23" or "2022/23" (that is a financial year
# or a typo, not the year 2022).
_NOT_FY_HALF = r"(?![\w/%]|[.,:]\d|\s*[–—‑-]\s*\d\d(?!\d))"
_SEP = (r"(?:\s*[–—‑-]\s*|\s+(?:up\s+to\s+and\s+including|to\s+and\s+including|up\s+to|to"
        r"|until|till|through\s+to|through|thru)\s+)")
_REQUEST_END = (r"(?:(?:the\s+)?(?:date\s+of\s+(?:(?:this|my|the|your|our|its)\s+)?"
                r"(?:request|letter|e-?mail)|(?:present|current)\s+(?:day|date|time)|present"
                r"|day\s+of\s+(?:this|my|your|the)\s+request|request\s+date)\b|now\b|today\b)")
_TO_REQUEST = (r"(?:\s+(?:up\s+to(?:\s+and\s+including)?|to|until|till|through(?:\s+to)?)\s+"
               rf"|\s*[–—‑-]\s*)(?:{_REQUEST_END}|date\b)")
_ONWARDS = r"\s+(?:onwards?|and\s+(?:after|later|onwards?))\b"
_NUM_WORD = (r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
             r"(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine))?"
             r"|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
             r"|one|two|three|four|five|six|seven|eight|nine|ten)\b")
_NUM = rf"(?:{_LB}\d{{1,3}}(?!\d)|\b{_NUM_WORD})"
_UNIT = r"(?:days?|weeks?|fortnights?|months?|years?)\b"
_ENDING = r"\s+(?:to|ending|ended|up\s+to)\s+(?:on\s+)?"
# "for 2000 documents" is a count, not a year.
_COUNT_NOUN = (r"(?!\s+(?:documents?|pages?|records?|e-?mails?|files?|items?|people|persons"
               r"|staff|words|hours|dollars|copies|cases|submissions|reports|letters|requests"
               r"|times|entries|rows|messages|texts|photos|images)\b)")
_CUES = r"in|during|for|throughout|within|over|covering|across"


_BRANCHES = ("between", "since", "upto", "ending", "last", "bare", "one", "cued")


def _grammar(find: bool, branches: tuple[str, ...] = _BRANCHES) -> re.Pattern[str]:
    """The period grammar. `find` (free text) needs cue words before bare years and months and
    leaves out open phrases with no date in them; otherwise (a whole answer) those are allowed.
    `branches` picks alternatives, always in the order of _BRANCHES: a subset holding every
    branch able to start at a place matches there exactly what the whole grammar matches."""
    year = _LB + (r"(?:19|20)\d\d" if find else r"[1-9]\d{3}") + _NOT_FY_HALF
    start = f"{_MOD}(?:{_FULL}|{_FY}|{_CAL}|{_MONTH_YEAR}|{year}|{_DAY_MONTH}|\\b{_MONTH})"
    end = f"{_MOD}(?:{_FULL}|{_FY}|{_CAL}|{_MONTH_YEAR}|{year})"
    bare_start = f"{_MOD}(?:{_FULL}|{_FY}|{_CAL}|{_MONTH_YEAR}|{_DAY_MONTH}|\\b{_MONTH})"
    upto_leads = (r"up\s+to\s+and\s+including|up\s+to|until|till|on\s+or\s+before"
                  r"|no\s+later\s+than|prior\s+to|before")
    upto_tail = f"(?P<u_e>{end})"
    if not find:
        upto_leads += r"|to|through"
        upto_tail += rf"|(?P<u_ur>{_REQUEST_END}|date\b)"
    cue = rf"(?P<c_cue>\b(?:{_CUES})\s+(?:the\s+(?:year|month)\s+(?:of\s+)?)?)"
    if not find:
        cue += "?"
    text = {
        "between": (
            rf"\b(?P<b_lead>between)\s+(?:the\s+(?:dates|period)\s+of\s+)?(?P<b_s>{start})"
            rf"(?:{_SEP}|\s+and\s+)(?:(?P<b_e>{end})|(?P<b_ur>{_REQUEST_END}|date\b))"),
        "since": (
            r"\b(?P<f_lead>from|since|starting(?:\s+(?:from|on|in))?|beginning(?:\s+(?:on|in))?"
            r"|commencing(?:\s+(?:on|in))?|on\s+or\s+after|after)"
            rf"\s+(?P<f_s>{start})(?:(?P<f_sep>{_SEP})(?P<f_e>{end})|(?P<f_ur>{_TO_REQUEST})"
            rf"|(?P<f_onw>{_ONWARDS}))?"),
        "upto": rf"\b(?P<u_lead>{upto_leads})\s+(?:{upto_tail})",
        "ending": (
            rf"(?:\b(?P<a_the>the)\s+(?:(?P<a_n>{_NUM})\s+)?|(?P<a_n2>{_NUM})\s+)"
            rf"(?P<a_fin>(?:financial|fiscal)\s+)?(?P<a_u>{_UNIT}){_ENDING}(?P<a_e>{end})"),
        "last": (
            rf"(?:\b(?P<l_the>the)\s+)?\b(?P<l_w>last|past|previous|preceding|prior)\s+"
            rf"(?:(?P<l_n>{_NUM})\s+)?(?P<l_u>{_UNIT})(?:{_ENDING}(?P<l_e>{end}))?"),
        "bare": (
            rf"(?P<g_s>{bare_start})(?:(?P<g_sep>{_SEP})(?P<g_e>{end})"
            rf"|(?P<g_ur>{_TO_REQUEST})|(?P<g_onw>{_ONWARDS}))"),
        "one": f"(?P<o_s>{_FULL}|{_FY}|{_CAL})",
        "cued": (
            rf"{cue}(?P<c_s>{_MONTH_YEAR}|{year}{_COUNT_NOUN if find else ''})"
            rf"(?:(?P<c_sep>{_SEP})(?P<c_e>{end})|(?P<c_ur>{_TO_REQUEST})"
            rf"|(?P<c_onw>{_ONWARDS}))?"),
    }
    pattern = "|".join(text[name] for name in _BRANCHES if name in branches)
    # \d would also match other scripts' digits; only 0-9 make dates here.
    pattern = pattern.replace(r"\d", "[0-9]")
    return re.compile(pattern, re.IGNORECASE)


_WHOLE = _grammar(find=False)
# Every free-text match holds four digits, a d/m pair, or a relative word: a cheap pre-check.
_DIGIT_ANCHOR = re.compile(r"[0-9](?:[0-9]{3}|[/.][0-9])")
_RELATIVE_WORDS = ("last", "past", "previous", "preceding", "prior")
# Every free-text match begins where an ASCII word or number begins. The grammar is tried only
# where a word that can begin a branch starts, and only with those branches: that keeps it fast.
_TOKEN = re.compile(r"[0-9A-Za-z]+")
_WEEKDAY_WORDS = ("mon", "monday", "tue", "tues", "tuesday", "wed", "wednesday", "thu", "thur",
                  "thurs", "thursday", "fri", "friday", "sat", "saturday", "sun", "sunday")
_FIRST_WORDS = {  # branch: the words it can begin with ("#" is any number)
    "between": {"between"},
    "since": {"from", "since", "starting", "beginning", "commencing", "on", "after"},
    "upto": {"up", "until", "till", "on", "no", "prior", "before"},
    "ending": {"the", "#", *_NUMBER_WORDS, *_TENS_WORDS},
    "last": {"the", *_RELATIVE_WORDS},
    "bare": {"the", "start", "beginning", "end", "close", "#", "fy", "cy", "financial",
             "fiscal", "calendar", *_WEEKDAY_WORDS, *MONTHS},
    "one": {"the", "#", "fy", "cy", "financial", "fiscal", "calendar", *_WEEKDAY_WORDS},
    "cued": set(_CUES.split("|")),
}


def _trigger_grammars() -> dict[str, re.Pattern[str]]:
    """For each word that can begin a phrase, the grammar of just the branches it can begin."""
    compiled: dict[tuple[str, ...], re.Pattern[str]] = {}
    grammars = {}
    for word in sorted(set().union(*_FIRST_WORDS.values())):
        branches = tuple(name for name in _BRANCHES if word in _FIRST_WORDS[name])
        if branches not in compiled:
            compiled[branches] = _grammar(find=True, branches=branches)
        grammars[word] = compiled[branches]
    return grammars


_TRIGGER_GRAMMAR = _trigger_grammars()

# What may come right after each first word for a phrase to be possible there (None: anything).
# A cheaper test than running the grammar, and never stricter than it: a dash, slash or dot
# straight after a word always lets the grammar try.
_UNIT_NAMES = frozenset({*_UNIT_WORDS, *_UNIT_WORDS.values()})
_COUNTS = frozenset({"#", *_NUMBER_WORDS, *_TENS_WORDS})
_UNIT_FIRST = frozenset({"#", "the", "start", "beginning", "end", "close", "fy", "cy",
                         "financial", "fiscal", "calendar", *_WEEKDAY_WORDS, *MONTHS})
_FOLLOWERS: dict[str, frozenset[str] | None] = {
    "between": _UNIT_FIRST, "from": _UNIT_FIRST, "since": _UNIT_FIRST, "after": _UNIT_FIRST,
    "until": _UNIT_FIRST, "till": _UNIT_FIRST, "before": _UNIT_FIRST,
    "starting": _UNIT_FIRST | {"from", "on", "in"},
    "beginning": _UNIT_FIRST | {"on", "in", "of"},
    "commencing": _UNIT_FIRST | {"on", "in"},
    "on": frozenset({"or"}), "up": frozenset({"to"}), "no": frozenset({"later"}),
    "prior": _COUNTS | _UNIT_NAMES | {"to"},
    "the": _COUNTS | _UNIT_NAMES | {"start", "beginning", "end", "close", "fy", "cy",
                                    "financial", "fiscal", "calendar", *_RELATIVE_WORDS},
    "#": _UNIT_NAMES | {"of", "calendar", "financial", "fiscal", "fy", *MONTHS},
    "start": frozenset({"of"}), "end": frozenset({"of"}), "close": frozenset({"of"}),
    "financial": frozenset({"year"}), "fiscal": frozenset({"year"}),
    "calendar": frozenset({"year"}), "fy": None, "cy": None,
}
for _word in _RELATIVE_WORDS[:4]:
    _FOLLOWERS[_word] = _COUNTS | _UNIT_NAMES
for _word in (*_NUMBER_WORDS, *_TENS_WORDS):
    _FOLLOWERS[_word] = _UNIT_NAMES | set(_NUMBER_WORDS)
for _word in _WEEKDAY_WORDS:
    _FOLLOWERS[_word] = frozenset({"#"})
for _word in MONTHS:
    _FOLLOWERS[_word] = frozenset({"#", "of", "to", "until", "till", "through", "thru", "up",
                                   "onwards", "onward"})
for _word in _CUES.split("|"):
    _FOLLOWERS[_word] = frozenset({"#", "the", *MONTHS})
assert set(_FOLLOWERS) == set(_TRIGGER_GRAMMAR), set(_FOLLOWERS) ^ set(_TRIGGER_GRAMMAR)
_JOINERS = "/.-–—‑"


# After a lead word and "the", what can come next ("from the start of", "since the 2022/23
# financial year"); after a cue and "the", only "year" or "month" ("in the year 2023").
_AFTER_LEAD_THE = frozenset({"start", "beginning", "end", "close", "#", "fy", "cy", "financial",
                             "fiscal", "calendar"})
_AFTER_THE: dict[str, frozenset[str]] = {
    word: _AFTER_LEAD_THE
    for word in ("from", "since", "after", "until", "till", "before", "starting", "beginning",
                 "commencing")
}
_AFTER_THE["between"] = _AFTER_LEAD_THE | {"dates", "period"}
_AFTER_THE.update((word, frozenset({"year", "month"})) for word in _CUES.split("|"))
_WORD = re.compile(r"[0-9a-z]+")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _word_key(word: str) -> str:
    """"#" for a number, "fy"/"cy" for fy2022 / cy2021, else the (lower-case) word."""
    if word[0] <= "9":
        return "#"
    if word[:2] in ("fy", "cy") and word[2:].isdigit():
        return word[:2]
    return word


def _alternation(words: list[str]) -> str:
    """One regex for many words, sharing prefixes (a trie), so a word that begins no phrase
    is rejected after a letter or two."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        branches = [re.escape(char) + build(node[char]) for char in sorted(node) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


# The words that can begin a phrase, found in the lower-cased text in one pass: a number, a
# word with a grammar of its own, or fy2022 / cy2021 (see `_word_key`).
_TRIGGER_WORD = re.compile(
    r"(?<![0-9a-z])(?:[0-9][0-9a-z]*|(?:fy|cy)[0-9]+|"
    + _alternation(sorted(_TRIGGER_GRAMMAR)) + r")(?![0-9a-z])")


def _may_follow(key: str, lowered: str, position: int) -> bool:
    """Whether the words after the word ending at `position` let a phrase begin there: a
    cheap test that is never stricter than the grammar (the next words are read from
    `lowered` as they are needed)."""
    followers = _FOLLOWERS[key]
    if followers is None:
        return True
    second = _WORD.search(lowered, position)
    if second is None:
        return False
    following = second.group()
    next_key = _word_key(following)
    if next_key not in followers:
        gap = lowered[position:second.start()].strip()
        return bool(gap) and gap[0] in _JOINERS
    third = _WORD.search(lowered, second.end())
    if third is not None:
        third_key = _word_key(third.group())
        if next_key == "the" and key in _AFTER_THE:
            return third_key in _AFTER_THE[key]
        if key == "the" and next_key in _RELATIVE_WORDS:
            return third_key in _COUNTS or third_key in _UNIT_NAMES
    if key == "the" and next_key == "#":
        return following.isdigit()  # "the 12 months", "the 2022/23 ..." but not "the 12th"
    return True


# One endpoint ("1 March 2023", "the end of June 2023", "FY22/23", "March"), read again on its
# own after the grammar found it. Input is lower case with single spaces.
_UNIT_RE = re.compile(
    r"(?:(?:the )?(?P<mod>start|beginning|end|close) of (?:the )?)?(?:"
    r"(?P<full>(?:[a-z]+\.?,? )?\d{1,2}(?:st|nd|rd|th)? (?:of )?[a-z]+\.?,? \d{4}"
    r"|\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4})"
    r"|(?:the )?(?:(?:fy|financial year|fiscal year) ?(?P<fy1>\d{4}|\d{2})"
    r"|(?P<fy1b>\d{4})) ?[/–—‑-] ?(?P<fy2>\d{4}|\d{2})(?: (?:financial year|fiscal year|fy))?"
    r"|(?:the )?(?:calendar year (?:of )?|cy ?)?(?P<year>\d{4})(?: calendar year)?"
    r"|(?P<my_m>[a-z]+)\.?,? (?:of )?(?P<my_y>\d{4})"
    r"|(?P<dm_d>\d{1,2})(?:st|nd|rd|th)? (?:of )?(?P<dm_m>[a-z]+)\.?"
    r"|(?P<m>[a-z]+)\.?"
    r")"
)


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
    return date(year, month, 1), date(year, month, monthrange(year, month)[1])


def _year_span(year: int, original: str) -> tuple[date, date]:
    if not 1 <= year <= 9999:
        raise PeriodError(f"{original!r}: there is no year {year}")
    return date(year, 1, 1), date(year, 12, 31)


@lru_cache(maxsize=512)
def _read_unit(text: str) -> _Unit:
    """Read one endpoint (cached: the same phrases come back on every keystroke)."""
    norm = _norm(text)
    match = _UNIT_RE.fullmatch(norm)
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
        if day < 1 or day > (29 if month == 2 else monthrange(2001, month)[1]):
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
    return date(year, month0 + 1, min(value.day, monthrange(year, month0 + 1)[1]))


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


def _interpret(match: re.Match[str], today: date | None) -> Period:
    """Turn one grammar match into a Period (PeriodError when it cannot be read)."""
    phrase = match.string[_span_start(match):match.end()]
    get = match.groupdict().get
    if get("l_w") is not None:
        end = _read_unit(get("l_e")).last if get("l_e") else None
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
    if get("b_s") is not None:
        lead, start_text, end_text = "between", get("b_s"), get("b_e")
        until_request = get("b_ur") is not None
    elif get("f_s") is not None:
        lead, start_text, end_text = _norm(get("f_lead")), get("f_s"), get("f_e")
        until_request = get("f_ur") is not None
    elif get("u_lead") is not None:
        lead, start_text, end_text = _norm(get("u_lead")), None, get("u_e")
        until_request = get("u_ur") is not None
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


_ANY_TIME = {"any time", "anytime", "all time", "any date"}
_VAGUE = re.compile(r"\b(?:few|several|some|couple|recent|recently|many|number of|a while|"
                    r"lately|various)\b")
_NO_YEAR_NUMERIC = re.compile(r"(?<![0-9/.])[0-9]{1,2}[/.-][0-9]{1,2}(?![0-9]|[/.-][0-9])")
_MONTH_SLASH_YEAR = re.compile(r"(?<![0-9/.])([0-9]{1,2})[/.-]([0-9]{4})(?![0-9])")
_SPLIT_YEAR = re.compile(r"\b([0-9]{4})\s*[/–—‑-]\s*([0-9]{2}|[0-9]{4})\b")
_HAS_YEAR = re.compile(r"[0-9]{4}|[0-9][/.][0-9]{1,2}[/.][0-9]")
_MONTH_WORD = re.compile(_MONTH, re.IGNORECASE)
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
    if lowered.startswith("the period "):
        norm = norm[len("the period "):]
    match = _WHOLE.fullmatch(norm)
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


@dataclass(frozen=True)
class PeriodMatch:
    """One period phrase found in free text: `text[start:end]` is the phrase."""

    start: int
    end: int
    text: str
    period: Period


def find_periods(text: str, today: date | None = None,
                 limit: int | None = None) -> list[PeriodMatch]:
    """Every period phrase in free text, left to right, never overlapping (the longest reading
    wins at each place). Never raises: phrases that cannot be read are skipped. Relative
    phrases ("the last two years") are found only when `today` is given. `limit` stops after
    that many (the first `limit` of what the whole search would report)."""
    if not isinstance(text, str) or len(text) < 4:
        return []
    if _DIGIT_ANCHOR.search(text) is None:
        lowered = text.lower()
        if not any(word in lowered for word in _RELATIVE_WORDS):
            return []
    lowered = text.lower()
    if len(lowered) != len(text):  # a few letters grow when lowered; keep positions exact
        lowered = text.translate(_ASCII_LOWER)
    grammars = _TRIGGER_GRAMMAR
    found: list[PeriodMatch] = []
    taken = 0  # a rejected phrase is consumed too: its pieces are not reported on their own
    # only the words that can begin a phrase are visited: the same words, in the same order,
    # as going through every word would give, in one regex pass
    for trigger in _TRIGGER_WORD.finditer(lowered):
        start = trigger.start()
        if start < taken:
            continue
        key = _word_key(trigger.group())
        if not _may_follow(key, lowered, trigger.end()):
            continue
        match = grammars[key].match(text, start)
        if match is None:
            continue
        taken = match.end()
        try:
            period = _interpret(match, today)
        except (ValueError, OverflowError):
            continue
        start = _span_start(match)
        found.append(PeriodMatch(start, match.end(), text[start:match.end()], period))
        if limit is not None and len(found) >= limit:
            break
    return found


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
