"""Small questions about where things are in a part's text, shared by the features, the
findings and the rewrites."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from oiadraft.scope.matching import Token, same_clause
from oiadraft.scope.schema import EchoRules
from oiadraft.scope.vocabulary import Rules

_TRAILING_JOINER = re.compile(r"\s*[;,]\s*(?:and/or|and|or)\s*$", re.IGNORECASE)
_NUMBER_MARK = re.compile(r"(?<!\w)\d+[.)]$")
_OTHER_ITEM = re.compile(
    r"[,;]|(?<!\w)(?:and|or|about|with|regarding|regards|relating|related|concerning|to|from|"
    r"between|by|on|in|for|that|which)(?!\w)", re.IGNORECASE)
_LIST_GAP = re.compile(r"[\s,]*(?:and|or|and/or|&)?[\s,]*")
_TIME_AFTER_LINK = re.compile(r"\s+the\s+(?:period|dates?|time)", re.IGNORECASE)
_LINK_TO_PERIOD = re.compile(r"\s*(?:the\s+)?(?:(?:time\s*)?(?:period|dates?|time\s*frame|"
                             r"timeframe)\s*)?(?:of\s+|from\s+|between\s+)?", re.IGNORECASE)
# anything but a letter a-z, A-Z or U+00C0 to U+FFFF: written as the ranges it keeps, which
# compiles in a tenth of the time of the negated class (a start-up cost of every `check`)
_LEAD_IN = re.compile(r"[\x00-@\[-`{-\xbf\U00010000-\U0010ffff]*")
_FIRST_WORD = re.compile(r"[a-z']+")
_ASKED = re.compile(r"\?[\s\"'\u201d\u2019)]*(?:(?:and|or)\b)?[\s;,.]*$", re.IGNORECASE)
_PERIOD_LEAD = re.compile(
    r"(?<!\w)(?:(?:in|over|during)\s+the\s+course\s+of|between|in|during|for|over|within|"
    r"throughout|across|covering|of)\s+"
    r"(?:the\s+)?(?:(?:time\s*)?(?:period|dates|time\s*frame|timeframe)\s+(?:of\s+)?)?$",
    re.IGNORECASE)


def content_end(text: str) -> int:
    """Where to insert words at the end of a part: before trailing white space, a closing
    full stop or question mark, and a joining "; and" left from a list of parts."""
    end = len(text.rstrip())
    while True:
        while end > 0 and (text[end - 1] in ".;,?!" or text[end - 1].isspace()):
            end -= 1
        if end == 0 or text[end - 1] not in "dDrR":  # cannot end "and" or "or"
            return end
        joiner = _TRAILING_JOINER.search(text, max(0, end - 16), end)
        if joiner is None:
            return end
        end = joiner.start()


def sentence_start(text: str, at: int) -> bool:
    """Whether `at` begins a sentence (or follows a part number such as "3.")."""
    before = text[max(0, at - 8):at].rstrip()
    return not before.strip() or before[-1] in ".;:?!(\n" or bool(_NUMBER_MARK.search(before))


def extend_list(text: str, end: int, records: Sequence[Token]) -> int:
    """Extend a span over a list of record words ("emails, texts and communications")."""
    for token in records:
        if token.start >= end and token.start - end <= 8:
            gap = _LIST_GAP.match(text, end, token.start)
            if gap is not None and gap.end() == token.start:
                end = token.end
    return end


def quantified(records: Sequence[Token], quants: Sequence[Token],
               text: str) -> tuple[Token, Token] | None:
    """The first (quantifier, record) pair where "all"/"any" governs the record word: at most
    four words apart, in one clause, with no comma, "and"/"or" or preposition between (in
    "all information about, and emails" the "all" governs "information", not "emails")."""
    if not records or not quants:
        return None
    ends = [quant.end for quant in quants]
    for token in records:
        index = bisect.bisect_right(ends, token.start) - 1
        while index >= 0 and token.start - ends[index] <= 40:
            quant = quants[index]
            gap = text[quant.end:token.start]
            if same_clause(text, quant.end, token.start) and len(gap.split()) <= 4 \
                    and _OTHER_ITEM.search(gap) is None:
                return quant, token
            index -= 1
    return None


def about_time(text: str, end: int, period_span: tuple[int, int] | None) -> bool:
    """Whether the subject word ending at `end` ("relating to") is followed by the period
    ("relating to the period 1 May ...") rather than by a subject ("about water since 2020")."""
    if _TIME_AFTER_LINK.match(text, end, end + 16):
        return True
    if period_span is None or not 0 <= period_span[0] - end <= 24:
        return False
    gap = _LINK_TO_PERIOD.match(text, end, period_span[0])
    return gap is not None and gap.end() == period_span[0]


def period_lead(text: str, start: int) -> int:
    """Where the period phrase at `start` begins with its preposition ("in| 2023")."""
    lead = _PERIOD_LEAD.search(text, max(0, start - 40), start)
    return lead.start() if lead is not None else start


def question(text: str, rules: Rules) -> tuple[int, int] | None:
    """Where a part shows it is a question, or None: its first word when that is one a
    question begins with ("What criteria ..."), else its closing question mark ("... in
    August 2025?"); never when it opens as a polite request ("Could you send ...?")."""
    start = _LEAD_IN.match(text).end()  # type: ignore[union-attr]  # matches the empty string
    opening = " ".join(text[start:start + 40].lower().split())
    polite = rules.polite_openers
    # one str.startswith over them all first: most parts open with none of them
    if opening.startswith(polite) and any(
            opening.startswith(words) and opening[len(words):len(words) + 1] in ("", " ")
            for words in polite):
        return None
    first = _FIRST_WORD.match(opening)
    if first is not None and first.group() in rules.question_openers \
            and text[start + first.end():start + first.end() + 1] in ("", " ", "\n", "\t"):
        return start, start + first.end()
    asked = _ASKED.search(text, max(0, len(text) - 40))
    return (asked.start(), asked.start() + 1) if asked is not None else None


_NAMED = re.compile(r"\s+(?:(?:the|a|an)\s+)?((?:[A-ZĀĒĪŌŪ][\w'’-]*|[0-9]+)"
                    r"(?:\s+(?:[A-ZĀĒĪŌŪ][\w'’-]*|[0-9]+|of|and|for|on|into))*)")


def named_subject(text: str, at: int, echo: EchoRules) -> bool:
    """Whether the subject starting at `at` (just after "about", "relating to" ...) is a name
    the agency files under: two capitalised words or more ("the Eastern Busway", "the Treaty
    Principles Bill"), one of them neither a role ("Minister", "Council") nor a common
    capital ("New Zealand")."""
    found = _NAMED.match(text, at)
    if found is None:
        return False
    capitals = [word.lower() for word in found.group(1).split() if not word.islower()]
    plain = echo.roles | echo.common_capitals
    return len(capitals) >= 2 and any(
        word not in plain and word.removesuffix("'s").removesuffix("’s") not in plain
        for word in capitals)
