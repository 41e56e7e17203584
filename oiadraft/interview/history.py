"""Undo and redo over every change to a draft.

Before and after each change the interview takes a `Snapshot` of what the requester has said
(the draft's own fields) and of where the conversation stands. A change is an `Entry` of the
two and a noun phrase for it ("the edit to part 3"). Only what the requester said counts:
going on to the next question, `back`, `done` or a first answer to a plain question change
nothing `undo` takes back. `undo` takes back the fields the last change changed, `redo` puts
them back; every other field, and the question being asked, stay as they are now, so the next
words typed answer the same question they would have answered without the undo. A snapshot
holds tuples of immutable values, so taking one for a 1,000-part draft costs about a
millisecond and two compare with `==`.

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

PartTuple = tuple[str, str, Period | None, tuple[str, ...], str | None]
"""id, text, period, kept rules, and the id of the part whose period it covers."""
_PART_FIELDS = attrgetter("id", "text", "period", "acknowledged", "period_from")


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
    # Where the conversation stands: kept for naming a change, never compared (moving on
    # through the questions is not a change) and never restored.
    answered: tuple[str, ...] = field(compare=False)
    editing: str | None = field(compare=False)
    closing_added: bool = field(compare=False)
    current: str | None = field(default=None, compare=False)
    """The part being worked on: restored when it is still there, but moving it is not a
    change."""


def take(draft: Draft, state: Conversation) -> Snapshot:
    r = draft.requester
    return Snapshot(
        act=draft.act, agency=draft.agency, agency_id=draft.agency_id,
        agency_kind=draft.agency_kind, region=draft.region, topic=draft.topic,
        period=draft.period,
        parts=tuple((i, text, period, tuple(ack) if ack else (), taken)
                    for i, text, period, ack, taken in map(_PART_FIELDS, draft.parts)),
        clauses=tuple(draft.clauses), clause_edits=tuple(draft.clause_edits.items()),
        priority=tuple(draft.priority), urgent=draft.urgent,
        urgency_reasons=draft.urgency_reasons,
        requester=(r.name, r.email, r.phone, r.sign_off),
        answered=state.answered, editing=state.editing, closing_added=state.closing_added,
        current=state.current,
    )


AGENCY_FIELDS = ("act", "agency", "agency_id", "agency_kind", "region")
"""Set together by the answer about the recipient (and the Act and region questions it may
raise): undone and redone together."""
CONTENT_FIELDS = (*AGENCY_FIELDS, "topic", "period", "parts", "clauses", "clause_edits",
                  "priority", "urgent", "urgency_reasons", "requester")


def changed_fields(source: Snapshot, target: Snapshot) -> set[str]:
    """The content fields that differ between two snapshots (the recipient's as one)."""
    names = {name for name in CONTENT_FIELDS if getattr(source, name) != getattr(target, name)}
    if names & set(AGENCY_FIELDS):
        names |= set(AGENCY_FIELDS)
    return names


def apply(draft: Draft, source: Snapshot, target: Snapshot, state: Conversation,
          now: Snapshot) -> Conversation:
    """Take the draft from `source` to `target` (undo: an entry's after to its before; redo:
    the other way) in the fields that change between them, leaving the rest as they are
    `now`. Clause choices are changed one by one (a later tick list adds its own). Returns the
    conversation state to use: the same question, and its follow-up while it still makes
    sense."""
    names = changed_fields(source, target)
    values: dict[str, Any] = {name: getattr(target, name) for name in names}
    if "clauses" in names:
        values["clauses"] = _moved(now.clauses, source.clauses, target.clauses)
    if "clause_edits" in names:
        values["clause_edits"] = tuple(_moved(now.clause_edits, source.clause_edits,
                                              target.clause_edits))
    _put(draft, replace(now, **values))
    return _still_sensible(draft, replace(state, current=target.current)
                           if any(p.id == target.current for p in draft.parts) else state)


def _moved(now: tuple[Any, ...], source: tuple[Any, ...], target: tuple[Any, ...]
           ) -> tuple[Any, ...]:
    """`now` without what `source` had and `target` lacks, with what `target` has that
    `source` lacked, each put back after the item it followed in `target`."""
    gone = set(source) - set(target)
    result = [item for item in now if item not in gone]
    for index, item in enumerate(target):
        if item in source or item in result:
            continue
        before = next((result.index(prev) + 1 for prev in reversed(target[:index])
                       if prev in result), 0)
        result.insert(before, item)
    return tuple(result)


def _still_sensible(draft: Draft, state: Conversation) -> Conversation:
    """Drop a follow-up question about a part that is no longer there; ask for a part again
    when the last one was undone after `done`."""
    part = getattr(state.pending, "part", None)
    ids = {p.id for p in draft.parts}
    if part is not None and part not in ids:
        state = replace(state, pending=None)
    if state.current is not None and state.current not in ids:
        state = replace(state, current=None)
    if not draft.parts and "parts" in state.answered:
        state = replace(state.unanswer("parts"), pending=None)
    return state


def _put(draft: Draft, snapshot: Snapshot) -> None:
    """Set the draft's content fields from `snapshot`."""
    draft.act = snapshot.act
    draft.agency = snapshot.agency
    draft.agency_id = snapshot.agency_id
    draft.agency_kind = snapshot.agency_kind
    draft.region = snapshot.region
    draft.topic = snapshot.topic
    draft.period = snapshot.period
    old = {part.id: part for part in draft.parts}
    draft.parts = [_part(old.get(part_id), part_id, text, period, ack, taken)
                   for part_id, text, period, ack, taken in snapshot.parts]
    draft.clauses = list(snapshot.clauses)
    draft.clause_edits = dict(snapshot.clause_edits)
    draft.priority = list(snapshot.priority)
    draft.urgent = snapshot.urgent
    draft.urgency_reasons = snapshot.urgency_reasons
    name, email, phone, sign_off = snapshot.requester
    draft.requester = Requester(name=name, email=email, phone=phone, sign_off=sign_off)


def _part(part: Part | None, part_id: str, text: str, period: Period | None,
          ack: tuple[str, ...], taken: str | None) -> Part:
    """The part with these values: the same object when nothing about it changes (a screen
    holding it keeps holding the part in the draft)."""
    if part is not None and (part.text, part.period, tuple(part.acknowledged),
                             part.period_from) == (text, period, ack, taken):
        return part
    return Part(text=text, period=period, id=part_id, acknowledged=list(ack),
                period_from=taken)


def part_periods(snapshot: Snapshot, today: Any) -> dict[str, Period | None]:
    """Each part's period apart from its words, by id, as the draft of `snapshot` gave it (a
    part covering an earlier part's period has that part's period then)."""
    from oiadraft.periods import part_period

    parts = [Part(text=text, period=period, id=part_id, period_from=taken)
             for part_id, text, period, _ack, taken in snapshot.parts]
    return {part.id: part_period(part, parts, today) for part in parts}


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
    forgotten: bool = False
    """Older changes were dropped to keep the last `LIMIT`."""

    def record(self, before: Snapshot, after: Snapshot, label: str) -> None:
        if before == after:
            self.last = after
            return
        self.done.append(Entry(before, after, label))
        if len(self.done) > LIMIT:
            del self.done[:-LIMIT]
            self.forgotten = True
        self.undone.clear()
        self.last = after

    def amend(self, before: Snapshot, after: Snapshot, label: str) -> None:
        """Record the answer to a follow-up question as part of the change that asked it
        (which parts come first, after ticking the priority clause): one undo takes back
        both. A new change when something else happened in between."""
        if self.done and self.done[-1].after == before and not self.undone:
            entry = self.done.pop()
            if entry.before != after:
                self.done.append(Entry(entry.before, after, entry.label))
            self.last = after
            return
        self.record(before, after, label)

    def sync(self, now: Snapshot, label: str) -> None:
        """Record what changed since the interview last saw the draft, if anything."""
        if self.last is not None and self.last != now:
            self.record(self.last, now, label)
        self.last = now

    def why_no_undo(self) -> str:
        """The message key that says truly why `undo` has nothing to take back: no change
        made yet, every change undone (`redo` puts them back), or the older ones forgotten."""
        if self.forgotten:
            return "nothing_older_to_undo"
        return "nothing_left_to_undo" if self.undone else "nothing_to_undo"

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
