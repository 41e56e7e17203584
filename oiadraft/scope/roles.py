"""Words whose role the words around them change, settled before any feature is worked out.

The vocabulary finds words by kind; a few kinds mean something else where they stand:

* "minutes of the Audit Committee meetings": the meetings say which minutes; they are not
  messages asked for (`drop_described_meetings`);
* "emails about the number of dogs a person may walk": the figures are the subject of the
  records asked for, not figures asked for (`drop_subject_figures`);
* "the number of staff who worked on the review", "how much is spent on staff": the people
  are what is counted, not whose records are searched (`drop_counted_groups`);
* "emails about officials' travel": people named in the subject are what the records are
  about, not whose records are searched (`drop_subject_groups`);
* "Did this vaccination policy apply to the hiring of new staff?": in a question that asks
  for no messages, people named as a group are what the question is about, not whose records
  are searched (`drop_questioned_groups`);
* "the Minister of Education or her office": the office of the person just named is one
  office, not anyone's (`drop_named_offices`).

Each function takes the part's text and its words by kind, and takes out the words whose role
is settled otherwise (a kind left with no words is removed).
"""

from __future__ import annotations

import bisect
import re

from oiadraft.scope.matching import Token

_MINUTES = re.compile(r"\b(?:minutes|agendas?|papers)\b", re.IGNORECASE)
_DESCRIBED = re.compile(r"(?:\s+of)?(?:\s+(?:the|all|any|its|their))?[\s\w'’&-]*",
                        re.IGNORECASE)
_RECORDS = ("communications", "named_documents", "record_words", "generic_records", "information")
"""Kinds of words that ask for records."""
_SUBJECT = ("topic_link", "topic_mention")
"""Kinds of words that begin the subject of the records ("about", "relating to")."""
_BRIDGE = re.compile(r"[\s,]*(?:(?:the|a|an|any|all|its|their)\s+)?", re.IGNORECASE)
"""What may stand between a subject word and the figures that begin the subject."""
_COUNTED = re.compile(r"(?:\s+[\w'’-]+){0,3}?\s+", re.IGNORECASE)
"""What may stand between figures words and the people they count ("the number of full-time
council staff"): up to three words."""


def settle(text: str, by_kind: dict[str, list[Token]], asked: bool = False) -> None:
    """Every change of role this module knows, in place (each only where its kinds are).
    `asked`: the part is a question."""
    if "open_custodian" in by_kind:
        drop_named_offices(text, by_kind)
    if "communications" in by_kind:
        drop_described_meetings(text, by_kind)
    if "statistics" in by_kind:
        drop_subject_figures(text, by_kind)
        if "groups" in by_kind and "statistics" in by_kind:  # figures may be the subject
            drop_counted_groups(text, by_kind)
    if "groups" in by_kind and ("topic_link" in by_kind or "topic_mention" in by_kind):
        drop_subject_groups(by_kind)
    if asked and "groups" in by_kind:
        drop_questioned_groups(by_kind)


_OFFICE = re.compile(r"(?:(?:or|and)\s+)?(?:his|her|their)\s+offices?", re.IGNORECASE)
_HOLDER_NAMED = re.compile(r"(?<![\w'’-])[A-ZĀĒĪŌŪ][\w'’-]*(?:\s+(?:of|for|and)\s+(?:the\s+)?"
                           r"[A-ZĀĒĪŌŪ][\w'’-]*|\s+[A-ZĀĒĪŌŪ][\w'’-]*)*(?:\s+(?:or|and))?\s+$")
_NAMED_REACH = 80
"""How far before "her office" the name of its holder is looked for."""


def drop_named_offices(text: str, by_kind: dict[str, list[Token]]) -> None:
    """"the Minister of Education or her office", "the Mayor and his office": the office of
    the person named just before is one office, not an open custodian."""
    _keep(by_kind, "open_custodian", [
        t for t in by_kind["open_custodian"]
        if not (_OFFICE.fullmatch(t.text) and _HOLDER_NAMED.search(
            text, max(0, t.start - _NAMED_REACH), t.start))])


def _keep(by_kind: dict[str, list[Token]], kind: str, kept: list[Token]) -> None:
    if kept:
        by_kind[kind] = kept
    else:
        del by_kind[kind]


def drop_described_meetings(text: str, by_kind: dict[str, list[Token]]) -> None:
    """"minutes of the Audit Committee meetings", "the minutes of all meetings of the
    board": the meetings say which minutes, they are not messages asked for."""
    named = [t for t in (*by_kind.get("named_documents", ()), *by_kind.get("record_words", ()))
             if _MINUTES.search(t.text)]
    comms = by_kind.get("communications")
    if not named or not comms:
        return
    _keep(by_kind, "communications", [
        t for t in comms if not any(0 <= t.start - n.end <= 60 and _DESCRIBED.fullmatch(
            text, n.end, t.start) for n in named)])


def drop_subject_figures(text: str, by_kind: dict[str, list[Token]]) -> None:
    """"All emails about the number of dogs a person may walk": where a part asks for records
    and its subject (after "about", "relating to" ...) begins with figures, the figures words
    from there on describe the subject; figures asked for come before it ("the number of
    complaints about noise")."""
    figures = by_kind.get("statistics")
    links = [t for kind in _SUBJECT for t in by_kind.get(kind, ())]
    if not figures or not links:
        return
    asked = [t.start for kind in _RECORDS for t in by_kind.get(kind, ())]
    if not asked:
        return
    first = min(asked)
    starts = [link.end for link in links if link.start > first and any(
        f.start >= link.end and _BRIDGE.fullmatch(text, link.end, f.start) for f in figures)]
    if starts:
        subject = min(starts)
        _keep(by_kind, "statistics", [f for f in figures if f.start < subject])


def drop_counted_groups(text: str, by_kind: dict[str, list[Token]]) -> None:
    """"the number of staff who ...", "how many permanent officers": people named as a group
    just after figures words are what is counted, not whose records are searched. In a part
    that asks for figures and for no records ("How much does WCC spend a year on staff?", "a
    breakdown of submitter types: applicants, lawyers or advisers") every group is what the
    figures count or describe: figures come from a system, not from searching people's files."""
    if not any(kind in by_kind for kind in _RECORDS):
        del by_kind["groups"]
        return
    figures = by_kind["statistics"]
    _keep(by_kind, "groups", [
        g for g in by_kind["groups"] if not any(
            0 < g.start - f.end <= 40 and _COUNTED.fullmatch(text, f.end, g.start)
            for f in figures)])


def drop_questioned_groups(by_kind: dict[str, list[Token]]) -> None:
    """"Did this vaccination policy apply to the hiring of new staff?": a question answers
    from what the agency knows, and the people it names as a group are what it asks about.
    Where it asks for messages ("What emails did staff send ...?"), or names a group after
    "from", "by", "between" ... (a `holders` word), the group still says whose records."""
    if "communications" in by_kind:
        return
    holders = sorted(t.end for t in by_kind.get("holders", ()))
    _keep(by_kind, "groups", [
        g for g in by_kind["groups"]
        if any(0 <= g.start - end <= 24 for end in holders[:bisect.bisect_right(holders,
                                                                               g.start)][-1:])])


def drop_subject_groups(by_kind: dict[str, list[Token]]) -> None:
    """"emails about officials' travel", "documents regarding staff wellbeing": people named
    as a group after a subject word are what the records are about, not whose records are
    searched; a group named after "from", "by", "between" ... (a `holders` word) past the
    subject still says whose records ("emails about the stadium from staff")."""
    links = sorted(t.end for kind in _SUBJECT for t in by_kind.get(kind, ()))
    holders = sorted(t.start for t in by_kind.get("holders", ()))

    def in_subject(start: int) -> bool:
        # the nearest subject word before the group, and no holders word between them
        at = bisect.bisect_right(links, start)
        if not at:
            return False
        after = bisect.bisect_left(holders, links[at - 1])
        return after == len(holders) or holders[after] >= start

    _keep(by_kind, "groups", [g for g in by_kind["groups"] if not in_subject(g.start)])
