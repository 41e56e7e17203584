"""Undo and redo over every change to a draft.

Before and after each change the interview takes a `Snapshot` of what the requester has said
(the draft's own fields, and which questions are answered). A change is an `Entry` of the two
and a noun phrase for it ("the edit to part 3"); `undo` puts the draft back as it was before
the last one, `redo` as it was after. A snapshot holds tuples of immutable values, so taking
one for a 1,000-part draft costs about a millisecond and two compare with `==`.

A draft changed somewhere the interview did not see (the review screen, the clause library)
is noticed at the next turn and recorded as a change of its own, so `undo` never throws that
work away silently.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from operator import attrgetter
from typing import Any

from oiadraft.interview.state import Conversation
from oiadraft.model import Draft, Part, Period, Requester

LIMIT = 100
"""Changes kept per draft; older ones can no longer be undone."""

PartTuple = tuple[str, str, Period | None, tuple[str, ...]]
_PART_FIELDS = attrgetter("id", "text", "period", "acknowledged")


@dataclass(frozen=True)
class Snapshot:
    """What the requester has said, as immutable values."""

    act: str
    agency: str
    agency_id: str | None
    agency_kind: str
    region: str | None
    topic: str
    period: Period | None
    parts: tuple[PartTuple, ...]
    clauses: tuple[str, ...]
    clause_edits: tuple[tuple[str, str], ...]
    priority: tuple[str, ...]
    urgent: bool
    urgency_reasons: str
    requester: tuple[str, str, str, str]
    answered: tuple[str, ...]
    editing: str | None
    closing_added: bool
    current: str | None = field(default=None, compare=False)
    """The part being worked on: restored with the rest, but moving it is not a change."""


def take(draft: Draft, state: Conversation) -> Snapshot:
    r = draft.requester
    return Snapshot(
        act=draft.act, agency=draft.agency, agency_id=draft.agency_id,
        agency_kind=draft.agency_kind, region=draft.region, topic=draft.topic,
        period=draft.period,
        parts=tuple((i, text, period, tuple(ack) if ack else ())
                    for i, text, period, ack in map(_PART_FIELDS, draft.parts)),
        clauses=tuple(draft.clauses), clause_edits=tuple(draft.clause_edits.items()),
        priority=tuple(draft.priority), urgent=draft.urgent,
        urgency_reasons=draft.urgency_reasons,
        requester=(r.name, r.email, r.phone, r.sign_off),
        answered=state.answered, editing=state.editing, closing_added=state.closing_added,
        current=state.current,
    )


def restore(draft: Draft, snapshot: Snapshot, state: Conversation) -> Conversation:
    """Put `snapshot` back into `draft`; returns the conversation state to use (no follow-up
    question: it belonged to the moment that is being undone)."""
    draft.act = snapshot.act
    draft.agency = snapshot.agency
    draft.agency_id = snapshot.agency_id
    draft.agency_kind = snapshot.agency_kind
    draft.region = snapshot.region
    draft.topic = snapshot.topic
    draft.period = snapshot.period
    draft.parts = [Part(text=text, period=period, id=part_id, acknowledged=list(ack))
                   for part_id, text, period, ack in snapshot.parts]
    draft.clauses = list(snapshot.clauses)
    draft.clause_edits = dict(snapshot.clause_edits)
    draft.priority = list(snapshot.priority)
    draft.urgent = snapshot.urgent
    draft.urgency_reasons = snapshot.urgency_reasons
    name, email, phone, sign_off = snapshot.requester
    draft.requester = Requester(name=name, email=email, phone=phone, sign_off=sign_off)
    return replace(state, answered=snapshot.answered, editing=snapshot.editing,
                   closing_added=snapshot.closing_added, current=snapshot.current,
                   pending=None)


@dataclass(frozen=True)
class Entry:
    """One change: the draft before and after it, and what to call it."""

    before: Snapshot
    after: Snapshot
    label: str


@dataclass
class History:
    """The undo and redo stacks of one draft."""

    done: list[Entry] = field(default_factory=list)
    undone: list[Entry] = field(default_factory=list)
    last: Snapshot | None = None
    """The draft as the interview last left it (to notice changes made elsewhere)."""

    def record(self, before: Snapshot, after: Snapshot, label: str) -> None:
        if before == after:
            self.last = after
            return
        self.done.append(Entry(before, after, label))
        del self.done[:-LIMIT]
        self.undone.clear()
        self.last = after

    def sync(self, now: Snapshot, label: str) -> None:
        """Record what changed since the interview last saw the draft, if anything."""
        if self.last is not None and self.last != now:
            self.record(self.last, now, label)
        self.last = now

    def undo(self) -> Entry | None:
        if not self.done:
            return None
        entry = self.done.pop()
        self.undone.append(entry)
        self.last = entry.before
        return entry

    def redo(self) -> Entry | None:
        if not self.undone:
            return None
        entry = self.undone.pop()
        self.done.append(entry)
        self.last = entry.after
        return entry


class Histories:
    """Histories by draft id (the interview serves every draft the app opens)."""

    def __init__(self) -> None:
        self._by_draft: dict[str, History] = {}

    def of(self, draft: Any) -> History:
        history = self._by_draft.get(draft.id)
        if history is None:
            history = self._by_draft[draft.id] = History()
        return history
