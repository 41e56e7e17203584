"""The other party of a part's messages: "between the Chief Executive's office and KiwiRail",
"with the Ministry of Defence". A name that is the recipient itself ("between the Ministry of
Foreign Affairs and Trade and ..." in a request to that Ministry) is no other party: the
other side of "between" is looked at instead."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from oiadraft.scope.spans import content_end, period_lead

_NAME = re.compile(r"\s+(?:the\s+)?((?:[A-ZĀĒĪŌŪ][\w'’&.-]*)(?:\s+(?:of|and|for|[A-ZĀĒĪŌŪ]"
                   r"[\w'’&.-]*))*)")
_NAME_TAIL = re.compile(r"(?:\s+(?:of|and|for))+$")
_OTHER_SIDE = re.compile(r"(?:\s*\([^()\n]{1,40}\))?(?:\s+[\w'’-]+){0,3}?\s+and\s+")
# where the words naming a side end: a mark, or a word that begins another clause
_SIDE_END = re.compile(
    r"[,;:.?!()\[\]\"“”\n$\d]|(?<![\w'’-])(?:(?:(?i:that|which|where|who|whom|whose|since|"
    r"during|for|on|dated|including|as|if|when|after|before|until|over|within|made|held|"
    r"sent|received|written|provided|prepared|produced|exchanged|created|agreed)|[a-z]+ing)"
    r"(?![\w'’-])|to\s+(?!(?:the|a|an|any|all|each|every|his|her|their|its|our|my|your)"
    r"(?![\w'’-]))[a-z])")
_SENTENCE_END = re.compile(r"(?<![\w'’-])(?:[A-Z]{2,}|\w{4,})(\.)\s+(?=[A-Z])")
"""A full stop that ends a sentence inside a name read across it ("by RNZ. This ..."), not
one of a short title ("Cr. Moore", "Mr. Smith")."""
_SIDE_REACH = 120
"""How far past a side's name its words are followed (to a mark or a clause word)."""
_SIDE_STOP_KINDS = ("topic_link", "topic_mention", "content_words", "holders",
                    "communications", "generic_records", "named_documents", "record_words",
                    "information", "statistics", "period_reference", "inclusive",
                    "cross_reference")


@lru_cache(maxsize=256)
def recipient_names(agency: str | None) -> frozenset[str]:
    """Every name of the recipient, normalised: the name given, and when it is in the agency
    directory, its name, te reo name, acronyms and aliases."""
    if not agency or not agency.strip():
        return frozenset()
    from oiadraft.agencies import FOUND, normalize, resolve

    names = {normalize(agency)}
    found = resolve(agency)
    if found.status == FOUND and found.candidates[0].exact:
        entry = found.candidates[0].agency
        names.update(normalize(name) for name in (entry.name, entry.te_reo or "",
                                                  *entry.acronyms, *entry.aliases) if name)
    names.discard("")
    return frozenset(names)


def _named_at(text: str, at: int) -> tuple[int, int] | None:
    """The capitalised name right after `at` ("the Ministry of Defence"), without a trailing
    "of"/"and", or None."""
    match = _NAME.match(text, at, at + 60)
    if not match or not match.group(1) or not match.group(1)[0].isupper():
        return None
    words = _NAME_TAIL.sub("", match.group(1))  # "... Division and| the ..."
    return match.start(1), match.start(1) + len(words)


def _sides(text: str, holder: Any, party: re.Pattern[str] | None) -> Iterator[tuple[int, int]]:
    """The parties a holder word introduces: the name after it, and for "between", the name
    after its "and" ("the governments of Russia ..." too, through the echo's party pattern)."""
    first = _named_at(text, holder.end)
    if first is None:
        return
    yield first
    if not holder.text.lower().startswith("between"):
        return
    joint = _OTHER_SIDE.match(text, first[1], first[1] + 80)
    if joint is None:
        return
    second = _named_at(text, joint.end() - 1)
    if second is None and party is not None:
        found = party.match(text, joint.end())
        second = (found.start(), found.end()) if found else None
    if second is not None:
        yield second


def other_party(text: str, holders: list[Any], agency: str | None,
                party: re.Pattern[str] | None, period_span: tuple[int, int] | None = None,
                months: frozenset[str] = frozenset()) -> tuple[int, int] | None:
    """The span from the first holder word to the end of the first party it introduces that
    is not the recipient, or None. A name inside the part's period ("from January 2023") or
    that is a month is no party. With no recipient to tell the sides apart (as in
    `oiadraft check`), "between A and B" is quoted whole: A may be the recipient itself."""
    recipient = recipient_names(agency)
    for holder in holders:
        sides = [(start, end) for start, end in _sides(text, holder, party)
                 if not (period_span is not None and start < period_span[1]
                         and period_span[0] < end)
                 and text[start:end].split()[0].lower().rstrip(".,") not in months]
        for start, end in sides:
            if not _is_recipient(text[start:end], recipient):
                return holder.start, sides[-1][1] if not recipient else end
    return None


def _is_recipient(name: str, recipient: frozenset[str]) -> bool:
    """Whether `name` is one of the recipient's names. No recipient (as in `oiadraft check`):
    the agency directory is not even imported."""
    if not recipient:
        return False
    from oiadraft.agencies import normalize

    return normalize(name) in recipient


def named_other_party(view: Any) -> tuple[int, int] | None:
    """Where a part (a `features.PartView`) names the other party of the messages it asks for
    ("between the CEO's office and KiwiRail"), or None: no messages, an open custodian, or no
    name. Worked out once per part."""
    if view.party is not False:
        return view.party  # type: ignore[no-any-return]
    found = None
    if view.words("communications") and not view.words("open_custodian"):
        echo = view.rules.echo
        found = other_party(view.text, view.words("holders"), view.context.agency,
                            echo.party if echo is not None else None, view.period_span,
                            echo.months if echo is not None else frozenset())
    if found is not None:
        stop = _SENTENCE_END.search(view.text, found[0], found[1])
        found = (found[0], stop.start(1)) if stop is not None else \
            (found[0], _side_end(view, found[1]))
    view.party = found
    return found


def _side_end(view: Any, end: int) -> int:
    """Where the words naming the side that ends its name at `end` end as written: "between
    VUWSA| and each sponsor/affiliate|", "High Commissioner| to the Solomon Islands Georgina
    Roberts", "Grant Thornton New Zealand Limited's| representatives|", up to a mark, a
    word that begins another clause, other vocabulary (the subject's "regarding", a record
    word, another holder) or the period; the name's own end when none comes near."""
    text = view.text
    limit = min(content_end(text), end + _SIDE_REACH)
    if view.period_span is not None and view.period_span[0] >= end:
        limit = min(limit, period_lead(text, view.period_span[0]))
    for kind in _SIDE_STOP_KINDS:
        for token in view.words(kind):
            if token.start >= end:
                limit = min(limit, token.start)
                break
    stop = _SIDE_END.search(text, end, limit)
    if stop is not None:
        limit = stop.start()
    elif limit == end + _SIDE_REACH:
        return end  # no end in sight: the name alone
    words = text[end:limit].rstrip()
    trailing = _TRAILING_JOIN.search(words)
    if trailing is not None:
        words = words[:trailing.start()]
    return end + len(words.rstrip())


_TRAILING_JOIN = re.compile(r"(?:\s+(?:and|or|and/or|the|a|an|to|of|in|on|at|by))+$",
                            re.IGNORECASE)
