"""The period grammar: one set of phrases, built into regular expressions for whole answers
(`WHOLE`) and for free text (one grammar per word a phrase can begin with), compiled the
first time each is used."""

from __future__ import annotations

import re
from functools import lru_cache

from oiadraft.periods.dates import MONTHS, Lazy

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
_WRITTEN_DATE = (rf"(?:{_WEEKDAY})?(?:{_DAY}\s+(?:of\s+)?{_MONTH},?"
                 rf"|\b{_MONTH}\s+{_DAY},?)\s+\d{{4}}{_AFTER_NUMBER}")
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
_CUES = r"in|during|for|throughout|within|over|covering|across|annually|yearly"
# After "since" or "after": an event named in up to five words, then its date ("since the
# review in March 2021", "after the meeting on 5 May 2023"), but not "the end of 2022".
_EVENT = (r"the\s+(?!(?:start|beginning|end|close|middle)\b)"
          r"(?:(?!(?:in|on|of|and|or|to|from|between|until|till|before|since)\b)[\w'’-]+\s+){1,5}"
          r"(?:in|on|of)\s+")


_BRANCHES = ("fyrange", "fylist", "fybare", "paren", "years", "asat", "between", "since", "upto", "ending", "last", "bare", "one",
             "cued")
# a financial year written bare ("2020/21"), read as one only where the phrase says so
_FY_BARE = rf"{_LB}\d{{4}}\s*[/–—‑-]\s*(?:\d{{4}}|\d{{2}})(?![\w/]|[.,]\d)"
# one written with a slash ("in 2022/23"; "annually 2019-2023" is a range of years)
_FY_SLASH = rf"{_LB}\d{{4}}/(?:\d{{4}}|\d{{2}})(?![\w/]|[.,]\d)"
_NOT_FY_WORDS = r"(?!\s*(?:(?:financial|fiscal)\s+years?|fy)\b)"


def _grammar(find: bool, branches: tuple[str, ...] = _BRANCHES) -> re.Pattern[str]:
    """The period grammar. `find` (free text) needs cue words before bare years and months and
    leaves out open phrases with no date in them; otherwise (a whole answer) those are allowed.
    `branches` picks alternatives, always in the order of _BRANCHES: a subset holding every
    branch able to start at a place matches there exactly what the whole grammar matches."""
    year = _LB + (r"(?:19|20)\d\d" if find else r"[1-9]\d{3}") + _NOT_FY_HALF
    start = f"{_MOD}(?:{_FULL}|{_FY}|{_CAL}|{_MONTH_YEAR}|{year}|{_DAY_MONTH}|\\b{_MONTH})"
    end = f"{_MOD}(?:{_FULL}|{_FY}|{_CAL}|{_MONTH_YEAR}|{year})"
    bare_start = f"{_MOD}(?:{_FULL}|{_FY}|{_CAL}|{_MONTH_YEAR}|{_DAY_MONTH}|\\b{_MONTH})"
    upto_leads = (r"up\s+to\s+and\s+including|up\s+to|up\s+until|up\s+till|until|till"
                  r"|on\s+or\s+before"
                  r"|no\s+later\s+than|prior\s+to|before")
    upto_tail = f"(?P<u_e>{end})"
    if not find:
        upto_leads += r"|to|through"
        upto_tail += rf"|(?P<u_ur>{_REQUEST_END}|date\b)"
    cue = rf"(?P<c_cue>\b(?:{_CUES})\s+(?:the\s+(?:year|month)\s+(?:of\s+)?)?)"
    if not find:
        cue += "?"
    text = {
        # "each financial year from 2020/21 to 2023/24", "financial years 2020/21 - 2023/24"
        "fyrange": (
            rf"(?:\b(?:each|every|the)\s+)?\b(?:financial|fiscal)\s+years?\s+"
            rf"(?:(?:from|between)\s+)?(?P<r_s>{_FY_BARE})"
            rf"(?:\s*[–—‑-]\s*|\s+(?:to|and|until|till|through)\s+)(?P<r_e>{_FY_BARE})"),
        # "the 2022/23 and 2023/24 financial years"
        "fylist": (
            rf"(?:\bthe\s+)?(?P<y_s>{_FY_BARE})(?:\s*,\s*{_FY_BARE})*"
            rf"(?:,?\s+(?:and|to)\s+|\s*[–—‑-]\s*)(?P<y_e>{_FY_BARE})\s+(?:financial|fiscal)"
            r"\s+years\b"),
        # "2012/13 through 2022/23", "in 2022/23": years written as financial years are, but
        # the phrase does not say so (a tax year runs from April): asked about, not read
        "fybare": (
            rf"(?P<z_s>{_FY_BARE})(?:\s*[–—‑-]\s*|\s+(?:to|and|until|till|through|thru)\s+)"
            rf"(?P<z_e>{_FY_BARE}){_NOT_FY_WORDS}"
            rf"|\b(?:{_CUES})\s+(?P<z_one>{_FY_SLASH}){_NOT_FY_WORDS}"),
        # "(2019-2024)", "(2019 to 2024 inclusive)": years in brackets, the brackets the cue
        "paren": (
            rf"(?<=\()(?P<p_s>{year})(?P<p_sep>{_SEP})(?P<p_e>{year})(?=(?:\s+inclusive)?\s*\))"),
        # "the years 2019 to 2023", "calendar years 2019-2023", "the years 2010 to date",
        # "the 2019-2023 period"
        "years": (
            rf"(?:\bthe\s+)?(?:\bcalendar\s+)?\byears\s+(?:(?:from|between)\s+)?"
            rf"(?P<v_s>{year})(?:(?:{_SEP}|\s+and\s+)(?P<v_e>{year})|(?P<v_ur>{_TO_REQUEST}))"
            rf"|\bthe\s+(?P<v_s2>{year})(?:{_SEP})(?P<v_e2>{year})\s+(?:period|years)\b"),
        # "as at 30 June 2023", "as at December 2017": figures on one day or in one month
        "asat": rf"\bas\s+(?:at|of)\s+(?P<t_s>{_MOD}(?:{_FULL}|{_MONTH_YEAR}))",
        # "between 1 March and 30 June 2024"; "the period 1 February 2020 and 30 June 2020"
        "between": (
            rf"\b(?P<b_lead>between|period)\s+(?:the\s+(?:dates|period)\s+of\s+)?(?P<b_s>{start})"
            rf"(?:{_SEP}|\s+and\s+)(?:(?P<b_e>{end})|(?P<b_ur>{_REQUEST_END}|date\b))"),
        "since": (
            r"\b(?P<f_lead>from|since|starting(?:\s+(?:from|on|in))?|beginning(?:\s+(?:on|in))?"
            r"|commencing(?:\s+(?:on|in))?|on\s+or\s+after|after)"
            # "since the Ombudsman's investigation in 2022": the event's date starts it
            rf"\s+(?:(?:(?<=\bsince\s)|(?<=\bafter\s))(?P<f_ev>{_EVENT}))?(?P<f_s>{start})(?:(?P<f_sep>{_SEP})(?P<f_e>{end})|(?P<f_ur>{_TO_REQUEST})"
            rf"|(?P<f_onw>{_ONWARDS}))?"),
        "upto": rf"\b(?P<u_lead>{upto_leads})\s+(?:{upto_tail})",
        "ending": (
            rf"(?:\b(?P<a_the>the)\s+(?:(?P<a_n>{_NUM})\s+)?|(?P<a_n2>{_NUM})\s+)"
            rf"(?P<a_fin>(?:financial|fiscal)\s+)?(?P<a_u>{_UNIT}){_ENDING}(?P<a_e>{end})"),
        "last": (
            rf"(?:\b(?P<l_the>the)\s+)?\b(?P<l_w>last|past|previous|preceding|prior)\s+"
            rf"(?:(?P<l_n>{_NUM})\s+)?(?P<l_fin>(?:financial|fiscal)\s+(?=years?\b))?"
            rf"(?P<l_u>{_UNIT})(?:{_ENDING}(?P<l_e>{end}))?"),
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


WHOLE = Lazy(lambda: _grammar(find=False))
# Every free-text match holds four digits, a d/m pair, or a relative word: a cheap pre-check.
DIGIT_ANCHOR = Lazy(r"[0-9](?:[0-9]{3}|[/.][0-9])")
_RELATIVE_WORDS = ("last", "past", "previous", "preceding", "prior")
# Every phrase that cannot be read holds a digit, a month or a relative word.
PROBLEM_ANCHOR = Lazy(r"[0-9]|(?<![a-z])(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
                      r"|last|past|previous|preceding|prior)", re.IGNORECASE)
# Every free-text match begins where an ASCII word or number begins. The grammar is tried only
# where a word that can begin a branch starts, and only with those branches: that keeps it fast.
_WEEKDAY_WORDS = ("mon", "monday", "tue", "tues", "tuesday", "wed", "wednesday", "thu", "thur",
                  "thurs", "thursday", "fri", "friday", "sat", "saturday", "sun", "sunday")
_FIRST_WORDS = {  # branch: the words it can begin with ("#" is any number)
    "fyrange": {"each", "every", "the", "financial", "fiscal"},
    "fylist": {"the", "#"},
    "fybare": {"#", *_CUES.split("|")},
    "paren": {"#"},
    "years": {"the", "calendar", "years"},
    "asat": {"as"},
    "between": {"between", "period"},
    "since": {"from", "since", "starting", "beginning", "commencing", "on", "after"},
    "upto": {"up", "until", "till", "on", "no", "prior", "before"},
    "ending": {"the", "#", *_NUMBER_WORDS, *_TENS_WORDS},
    "last": {"the", *_RELATIVE_WORDS},
    "bare": {"the", "start", "beginning", "end", "close", "#", "fy", "cy", "financial",
             "fiscal", "calendar", *_WEEKDAY_WORDS, *MONTHS},
    "one": {"the", "#", "fy", "cy", "financial", "fiscal", "calendar", *_WEEKDAY_WORDS,
            *MONTHS},
    "cued": set(_CUES.split("|")),
}


_TRIGGER_WORDS = frozenset().union(*_FIRST_WORDS.values())


@lru_cache(maxsize=64)
def _branch_grammar(branches: tuple[str, ...]) -> re.Pattern[str]:
    return _grammar(find=True, branches=branches)


_BY_WORD: dict[str, re.Pattern[str]] = {}


def trigger_grammar(word: str) -> re.Pattern[str]:
    """The grammar of just the branches `word` can begin (compiled on first use)."""
    grammar = _BY_WORD.get(word)
    if grammar is None:
        grammar = _BY_WORD[word] = _branch_grammar(
            tuple(name for name in _BRANCHES if word in _FIRST_WORDS[name]))
    return grammar


# What may come right after each first word for a phrase to be possible there (None: anything).
# A cheaper test than running the grammar, and never stricter than it: a dash, slash or dot
# straight after a word always lets the grammar try.
_UNIT_NAMES = frozenset({*_UNIT_WORDS, *_UNIT_WORDS.values()})
_COUNTS = frozenset({"#", *_NUMBER_WORDS, *_TENS_WORDS})
_UNIT_FIRST = frozenset({"#", "the", "start", "beginning", "end", "close", "fy", "cy",
                         "financial", "fiscal", "calendar", *_WEEKDAY_WORDS, *MONTHS})
_FINANCIAL = frozenset({"financial", "fiscal"})
_FOLLOWERS: dict[str, frozenset[str] | None] = {
    "between": _UNIT_FIRST, "from": _UNIT_FIRST, "since": _UNIT_FIRST, "after": _UNIT_FIRST,
    "until": _UNIT_FIRST, "till": _UNIT_FIRST, "before": _UNIT_FIRST,
    "starting": _UNIT_FIRST | {"from", "on", "in"},
    "beginning": _UNIT_FIRST | {"on", "in", "of"},
    "commencing": _UNIT_FIRST | {"on", "in"},
    "on": frozenset({"or"}), "up": frozenset({"to", "until", "till"}), "no": frozenset({"later"}),
    "prior": _COUNTS | _UNIT_NAMES | _FINANCIAL | {"to"},
    "the": _COUNTS | _UNIT_NAMES | {"start", "beginning", "end", "close", "fy", "cy",
                                    "financial", "fiscal", "calendar", *_RELATIVE_WORDS},
    "#": _UNIT_NAMES | {"of", "to", "calendar", "financial", "fiscal", "fy", *MONTHS},
    "start": frozenset({"of"}), "end": frozenset({"of"}), "close": frozenset({"of"}),
    "financial": frozenset({"year", "years"}), "fiscal": frozenset({"year", "years"}),
    "calendar": frozenset({"year", "years"}), "fy": None, "cy": None,
    "years": frozenset({"#", "from", "between"}),
    "as": frozenset({"at", "of"}),
    "each": frozenset({"financial", "fiscal"}), "every": frozenset({"financial", "fiscal"}),
    "period": _UNIT_FIRST | {"of"},
}
for _word in _RELATIVE_WORDS[:4]:
    _FOLLOWERS[_word] = _COUNTS | _UNIT_NAMES | _FINANCIAL
for _word in (*_NUMBER_WORDS, *_TENS_WORDS):
    _FOLLOWERS[_word] = _UNIT_NAMES | set(_NUMBER_WORDS) | _FINANCIAL
for _word in _WEEKDAY_WORDS:
    _FOLLOWERS[_word] = frozenset({"#", *MONTHS})
for _word in MONTHS:
    _FOLLOWERS[_word] = frozenset({"#", "of", "to", "until", "till", "through", "thru", "up",
                                   "onwards", "onward"})
for _word in _CUES.split("|"):
    _FOLLOWERS[_word] = frozenset({"#", "the", *MONTHS})
assert set(_FOLLOWERS) == _TRIGGER_WORDS, set(_FOLLOWERS) ^ _TRIGGER_WORDS
_JOINERS = "/.-–—‑"


# After a lead word and "the", what can come next ("from the start of", "until the 2022/23
# financial year"; after "since" or "after", any word: an event may come first); after a cue
# and "the", only "year" or "month" ("in the year 2023").
_AFTER_LEAD_THE = frozenset({"start", "beginning", "end", "close", "#", "fy", "cy", "financial",
                             "fiscal", "calendar"})
_AFTER_THE: dict[str, frozenset[str]] = {
    word: _AFTER_LEAD_THE
    for word in ("from", "until", "till", "before", "starting", "beginning", "commencing")
}
_AFTER_THE["between"] = _AFTER_LEAD_THE | {"dates", "period"}
_AFTER_THE.update((word, frozenset({"year", "month"})) for word in _CUES.split("|"))
_WORD = Lazy(r"[0-9a-z]+")
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
TRIGGER_WORD = Lazy(lambda: re.compile(
    r"(?<![0-9a-z])(?:[0-9][0-9a-z]*|(?:fy|cy)[0-9]+|"
    + _alternation(sorted(_TRIGGER_WORDS)) + r")(?![0-9a-z])"))


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
            return third_key in _COUNTS or third_key in _UNIT_NAMES or third_key in _FINANCIAL
    if key == "the" and next_key == "#":
        return following.isdigit()  # "the 12 months", "the 2022/23 ..." but not "the 12th"
    return True


# One endpoint ("1 March 2023", "the end of June 2023", "FY22/23", "March"), read again on its
# own after the grammar found it. Input is lower case with single spaces.
UNIT_RE = Lazy(
    r"(?:(?:the )?(?P<mod>start|beginning|end|close) of (?:the )?)?(?:"
    r"(?P<full>(?:[a-z]+\.?,? )?\d{1,2}(?:st|nd|rd|th)? (?:of )?[a-z]+\.?,? \d{4}"
    r"|(?:[a-z]+\.?,? )?[a-z]+\.? \d{1,2}(?:st|nd|rd|th)?,? \d{4}"
    r"|\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4})"
    r"|(?:the )?(?:(?:fy|financial year|fiscal year) ?(?P<fy1>\d{4}|\d{2})"
    r"|(?P<fy1b>\d{4})) ?[/–—‑-] ?(?P<fy2>\d{4}|\d{2})(?: (?:financial year|fiscal year|fy))?"
    r"|(?:the )?(?:calendar year (?:of )?|cy ?)?(?P<year>\d{4})(?: calendar year)?"
    r"|(?P<my_m>[a-z]+)\.?,? (?:of )?(?P<my_y>\d{4})"
    r"|(?P<dm_d>\d{1,2})(?:st|nd|rd|th)? (?:of )?(?P<dm_m>[a-z]+)\.?"
    r"|(?P<m>[a-z]+)\.?"
    r")"
)
