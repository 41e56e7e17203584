"""Reading the clause around record words: who the records are between, and how it is
said ("sent by", "between ... and ...", "any MFAT official has had with ..."). The rewrites
use it to turn a whole clause round so that an accepted fix still reads as English."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import NamedTuple

from oiadraft.scope.matching import BREAK, Token
from oiadraft.scope.schema import Rewrites, placeholder_names
from oiadraft.scope.spans import content_end
from oiadraft.scope.vocabulary import Rules

SPACE = re.compile(r"\s*")

_REWRITE_RECORDS = frozenset({"communications", "generic_records", "information", "named_documents",
                              "record_words"})

_STOP_KINDS = frozenset({"topic_link", "topic_mention", "cross_reference", "anchored_event",
                         "agenda_item", "inclusive"})

_CONNECT = re.compile(
    r"\s+(?:(?P<verb>sent/received|sent\s+(?:or|and)\s+received|sent|received|written|"
    r"addressed)\s+)?(?P<prep>between|by|from|to|with)\s+", re.IGNORECASE)

SUBJECT_VERB = re.compile(
    r"\s+(?:(?:has|have|had)\s+)?(?:been\s+)?"
    r"(?P<verb>had|held|sent|received|exchanged|written|wrote|attended|made|conducted|"
    r"organised|organized|arranged|initiated)(?!\w)(?:\s+(?P<prep>with|to|from)(?!\w))?",
    re.IGNORECASE)

_REL_LEAD = re.compile(r"\s+(?:(?:that|which)\s+)?", re.IGNORECASE)

REL_BEFORE = re.compile(r"(\s+)(?:(?:that|which)\s+)?$", re.IGNORECASE)

_AND_WORD = re.compile(r"\s+and\s+", re.IGNORECASE)

_SIDE_LINK = re.compile(r"\s+(?:in|at|of|for|within|from)\s+", re.IGNORECASE)

_PEOPLE_AFTER = re.compile(r"\s+(?:staff|members?|teams?|officials?|employees?|personnel)(?!\w)",
                           re.IGNORECASE)

_OF_ONE_WORD = re.compile(r"\s+of\s+the\s+[a-z]+(?!\w)")

_CLAUSE_WORDS = (" that ", " which ", " where ", " who ", " whom ", " whose ")

_SPACES = ("\n", "\t", "\r", "\f", "\v")

_WORDS_DASH = re.compile(r"[\w-]+")

PAREN = re.compile(r"\s*\(([^()]{1,120})\)")

LIST_PAREN = re.compile(r"\s*\((?:including|incl\.?|e\.g\.|eg|such\s+as|via|namely|i\.e\.)"
                         r"[^()]{0,240}\)", re.IGNORECASE)

SAFE_AFTER = re.compile(
    r"\s*(?:$|[.,;:()\[\]\"“”]|(?:that|which|where|since|about|regarding|relating|"
    r"concerning|on|held|kept)(?!\w))", re.IGNORECASE)

LIST_JOIN = re.compile(r"(?<!\w)(and/or|and|or|&)(?!\w)", re.IGNORECASE)

_LINK_TO = re.compile(r"\s+to\s+", re.IGNORECASE)

_LINK_FROM = re.compile(r"\s+from\s+", re.IGNORECASE)


class NoRewrite(Exception):
    """Copied words would not survive as a replacement (they hold a "<" or ">")."""


class Side(NamedTuple):
    """One side of a communications clause: who sent, received or met."""

    start: int
    end: int
    """-1 when the words' end is not known (a named side read loosely)."""
    open: bool
    """An open custodian or "any Minister": a blank replaces it."""
    kind: str
    agency: bool
    """The agency's own people ("any MFAT official"), not outsiders ("any UK representative")."""


class Clause(NamedTuple):
    """What follows a run of record words: who the records are between, and how it is said."""

    form: str
    """"between" | "by" | "from" | "to" | "with" | "subject" | "none" | "other"."""
    lead: tuple[int, int]
    """The connector ("sent by ", "between "), or for "subject" the verb phrase."""
    first: Side | None
    second: Side | None
    verb: str
    prep: str
    """"subject": the word after the verb ("with", "to", "from", ""); "by"/"from": the word
    that introduces the other side ("to", or "from" after "received by")."""
    prep_end: int
    """Where that word ends (-1 when there is none)."""


class Where:
    """Positions in one part that the rewrites need: open sides, record words, holders, the
    words that end a clause, and the period."""

    def __init__(self, text: str, tokens: Sequence[Token], period_span: tuple[int, int] | None,
                 rules: Rules) -> None:
        self.text = text
        self.rules = rules
        self.rw = rules.rewrites
        self.party = rules.echo.party
        self.period_span = period_span
        self.opens: dict[int, Token] = {}
        self.record_ends: set[int] = set()
        self.record_tokens: list[Token] = []
        self.holders: list[Token] = []
        self.stops: list[int] = []
        self.cross_ref = False
        for token in tokens:
            kind = token.kind
            if kind in ("open_custodian", "open_ministers"):
                self.opens[token.start] = token
            elif kind in _REWRITE_RECORDS:
                self.record_ends.add(token.end)
                self.record_tokens.append(token)
            elif kind == "holders":
                if not self.in_period(token.start):
                    self.holders.append(token)
            elif kind in _STOP_KINDS:
                self.stops.append(token.start)
                if kind == "cross_reference":
                    self.cross_ref = True
        if period_span is not None:
            self.stops.append(period_span[0])
        self._flat: str | None = None
        self._content = len(text)
        self._stops_at: dict[int, int] = {}
        self._sides: dict[int, Side | None] = {}

    def period_paren(self, pos: int) -> re.Match[str] | None:
        """Brackets at `pos` that hold the period ("(between the dates 15/12/2022 to
        09/06/2024)"), or None."""
        span = self.period_span
        if span is None or span[0] < pos:
            return None
        found = PAREN.match(self.text, pos)
        if found is None or not found.start(1) <= span[0] < span[1] <= found.end(1):
            return None
        return found

    def in_period(self, at: int) -> bool:
        span = self.period_span
        return span is not None and span[0] <= at < span[1]

    def stop(self, pos: int) -> int:
        """Where the clause that goes on at `pos` ends: a full stop or semicolon, a subject or
        period phrase (after `pos`), a relative pronoun ("that", "which"), or the end."""
        known = self._stops_at.get(pos)
        if known is not None:
            return known
        flat = self._flat
        if flat is None:
            text = self.text
            self._content = content_end(text)
            # lower case, every white space a space: same offsets, found with str.find
            flat = text.lower()
            if len(flat) != len(text):
                flat = text
            for space in _SPACES:  # five replaces: a tenth of the time of one str.translate
                flat = flat.replace(space, " ")
            self._flat = flat
            self.stops.sort()
        end = self._content
        found = BREAK.search(self.text, pos, end)
        if found is not None:
            end = found.start()
        for word in _CLAUSE_WORDS:
            at = flat.find(word, pos, end + 1)
            if at != -1:
                end = at
        index = bisect.bisect_right(self.stops, pos)
        if index < len(self.stops):
            end = min(end, self.stops[index])
        self._stops_at[pos] = end = max(pos, end)
        return end

    def sentence_end(self, pos: int) -> int:
        found = BREAK.search(self.text, pos)
        return found.start() if found is not None else len(self.text)

    def open_side(self, pos: int) -> Side | None:
        token = self.opens.get(pos)
        if token is None:
            return None
        if pos in self._sides:
            return self._sides[pos]
        self._sides[pos] = side = self._open_side(token)
        return side

    def _open_side(self, token: Token) -> Side:
        end = token.end
        if token.kind == "open_custodian":
            people = _PEOPLE_AFTER.match(self.text, end)  # "your office| staff|"
            end = self._linked_end(people.end() if people is not None else end)
        agency = False
        if token.kind == "open_custodian" and self.rw is not None:
            agency = custodian_class(token.text, self.rw)[0]
        return Side(token.start, end, True, token.kind, agency)

    def _linked_end(self, end: int) -> int:
        """Past what names a custodian's organisation: "any member or representative| of the
        government of the United Kingdom|", "any member| of the public|"."""
        text = self.text
        while True:
            link = _SIDE_LINK.match(text, end)
            if link is None or self.party is None:
                break
            found = self.party.match(text, link.end())
            if found is None or found.end() <= link.end():
                break
            if self.period_span and link.end() < self.period_span[1] and \
                    self.period_span[0] < found.end():
                break
            end = found.end()
        plain = _OF_ONE_WORD.match(text, end)
        if plain is not None and not (self.period_span and self.period_span[0] < plain.end()
                                      and plain.start() < self.period_span[1]):
            end = plain.end()
        return end

    def named_side(self, pos: int) -> Side | None:
        """A named person, team or organisation at `pos` ("officials in the Rates team",
        "the British High Commission in Wellington"), or None."""
        if self.party is None:
            return None
        found = self.party.match(self.text, pos)
        if found is None or found.end() <= pos:
            return None
        end = self._named_end(found.end())
        return Side(pos, end, False, "named", False)

    def _named_end(self, end: int) -> int:
        text = self.text
        assert self.party is not None
        while True:
            link = _SIDE_LINK.match(text, end)
            if link is None:
                return end
            found = self.party.match(text, link.end())
            if found is None or found.end() <= link.end():
                return end
            end = found.end()

    def side(self, pos: int) -> Side:
        """Whatever side is at `pos`: open, named, or named loosely (end unknown)."""
        return self.open_side(pos) or self.named_side(pos) or Side(pos, -1, False, "named",
                                                                    False)

    def pair(self, at: int, link_word: str, stop: int) -> tuple[Side | None, Side | None, int]:
        """ "A to B" (or "A from B") at `at`: the two sides and where `link_word` ends."""
        text = self.text
        link = _LINK_TO if link_word == "to" else _LINK_FROM
        first = self.open_side(at)
        if first is not None:
            found = link.match(text, first.end)
            if found is not None and found.end() <= stop:
                return first, self.side(found.end()), found.end() - len(found.group()) + \
                    len(found.group().rstrip())
            return first, None, -1
        found = link.search(text, at, stop)
        if found is not None and 1 <= len(text[at:found.start()].split()) <= 10 and \
                not any(at <= start < found.start() for start in self.opens):
            end_word = found.start() + len(found.group().rstrip())
            return Side(at, found.start(), False, "named", False), self.side(found.end()), \
                end_word
        return self.named_side(at), None, -1


def clause_after(where: Where, pos: int) -> Clause:
    """Read who the records just before `pos` are between."""
    text = where.text
    stop = where.stop(pos)
    none = Clause("none", (pos, pos), None, None, "", "", -1)
    found = _CONNECT.match(text, pos)
    if found is not None and not where.in_period(found.start("prep")):
        if found.start("prep") >= stop:
            return none
        prep = found.group("prep").lower()
        verb = " ".join((found.group("verb") or "").lower().split())
        at = found.end()
        lead = (found.start(), found.end())
        if prep == "between":
            first = where.open_side(at)
            if first is not None:
                joint = _AND_WORD.match(text, first.end)
                if joint is None or joint.end() > stop:
                    return Clause("between", lead, first, None, verb, "", -1)
                return Clause("between", lead, first, where.side(joint.end()), verb, "and",
                               joint.start() + len(joint.group().rstrip()))
            for joint in _AND_WORD.finditer(text, at, stop):
                second = where.open_side(joint.end())
                if second is not None:
                    return Clause("between", lead, Side(at, joint.start(), False, "named",
                                                          False), second, verb, "and",
                                   joint.start() + len(joint.group().rstrip()))
            if _AND_WORD.search(text, at, stop) is not None and \
                    not any(at <= start < stop for start in where.opens):
                return Clause("between", lead, Side(at, -1, False, "named", False),
                               Side(-1, -1, False, "named", False), verb, "and", -1)
            return Clause("other", lead, None, None, verb, "", -1)
        if prep in ("by", "from"):
            back = "from" if prep == "by" and verb == "received" else "to"
            first, second, link_end = where.pair(at, back, stop)
            return Clause(prep, lead, first, second, verb, back, link_end)
        return Clause(prep, lead, None, where.side(at), verb, prep, found.end("prep"))
    rel = _REL_LEAD.match(text, pos)
    if rel is None:
        return none
    first = where.open_side(rel.end()) or where.named_side(rel.end())
    if first is not None and first.end > 0:
        stop = where.stop(rel.end())
        verb_match = SUBJECT_VERB.match(text, first.end)
        if verb_match is not None and verb_match.end() <= max(stop, first.end):
            prep = (verb_match.group("prep") or "").lower()
            second = None
            prep_end = -1
            if prep:
                prep_end = verb_match.end("prep")
                after = SPACE.match(text, prep_end).end()
                if after < where.stop(after) or where.opens.get(after) is not None:
                    second = where.side(after)
            return Clause("subject", (rel.start(), verb_match.end()), first, second,
                           verb_match.group("verb").lower(), prep, prep_end)
    return none


class Blanks:
    """Hands out the blanks of one replacement so that no two are the same."""

    def __init__(self, rw: Rewrites) -> None:
        self.rw = rw
        self.used: set[str] = set()

    def _take(self, template: str) -> str:
        self.used.update(placeholder_names(template))
        return template

    def free(self, template: str) -> bool:
        return not set(placeholder_names(template)) & self.used

    def side(self, side: Side | None, prefer_agency: bool) -> str:
        """The blank for an open (or missing) side."""
        rw = self.rw
        if side is not None and side.kind == "open_ministers" and self.free(rw.minister):
            return self._take(rw.minister)
        agency = side.agency if side is not None and side.kind == "open_custodian" \
            else prefer_agency
        first, second = (rw.agency_side, rw.other_side) if agency else \
            (rw.other_side, rw.agency_side)
        return self._take(first if self.free(first) else second)


def copy_words(text: str, start: int, end: int) -> str:
    words = " ".join(text[start:end].split())
    if "<" in words or ">" in words or not words:
        raise NoRewrite
    return words


def two_sided(where: Where, end: int) -> bool:
    """Whether the records ending at `end` name both sides ("emails between the Rates team
    and KiwiRail"), the form the communications suggestion recommends."""
    paren = LIST_PAREN.match(where.text, end) or where.period_paren(end)
    if paren is not None:
        end = paren.end()
    clause = clause_after(where, end)
    if clause.form not in ("between", "by", "from", "subject"):
        return False
    first, second = clause.first, clause.second
    return first is not None and second is not None and not first.open and not second.open


def custodian_class(words: str, rw: Rewrites) -> tuple[bool, bool]:
    """(the agency's own people, advice only) for an open custodian's words, under the
    built-in vocabulary."""
    low = words.lower()
    return (any(word in rw.agency_words for word in _WORDS_DASH.findall(low)),
            " ".join(low.split()) in rw.custodian_advice)


