"""The draft request and its parts: plain data, no I/O, no Textual.

A `Draft` is what the user is writing: who it goes to (agency and Act), what it is about, the
period it covers, its numbered `Part`s, the clauses chosen from the library, and the
requester's details. `draft_to_dict` / `draft_from_dict` give the on-disk form (`version: 1`)
used by the store; loading validates and raises DataError with a clear message.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from oiadraft import fields
from oiadraft.errors import DataError
from oiadraft.fields import FieldError

DRAFT_VERSION = 1
MAX_EXTENSION_DAYS = 10_000
"""The longest extension (working days) a draft may record; the deadline counter's limit."""


def new_id() -> str:
    """A short random id for drafts and parts (stable across renames and reorders)."""
    import uuid  # here: uuid imports `platform`, a fortieth of a second `check` never needs

    return uuid.uuid4().hex[:12]


@dataclass(frozen=True)
class Period:
    """A span of dates, either end open.

    `until_request` marks "to date" / "to the date of this request": the period closes on the
    day the request is made, so `end` stays None and `effective_end(today)` supplies the date.
    """

    start: date | None = None
    end: date | None = None
    until_request: bool = False

    def __post_init__(self) -> None:
        if self.start and self.end and self.start > self.end:
            raise ValueError(f"the period starts ({self.start}) after it ends ({self.end})")
        if self.until_request and self.end is not None:
            raise ValueError("a period that runs to the date of the request has no fixed end")

    @property
    def is_open(self) -> bool:
        """True when no end is known (neither a date nor "to the date of this request")."""
        return self.end is None and not self.until_request

    def effective_end(self, today: date) -> date | None:
        """The last day covered, reading "to date" (and an open end) as `today`."""
        if self.end is not None:
            return self.end
        if self.start is not None:
            return today
        return None

    def days(self, today: date) -> int | None:
        """Length in days, inclusive, or None without a start."""
        end = self.effective_end(today)
        if self.start is None or end is None:
            return None
        return (end - self.start).days + 1

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
        }
        if self.until_request:
            data["until_request"] = True
        return data

    @classmethod
    def from_dict(cls, data: Any) -> Period:
        """ValueError (a FieldError naming the bad key) when malformed."""
        if not isinstance(data, dict):
            raise FieldError(f"a period must be a mapping with start and end, not "
                             f"{fields.shown(data)}")
        values = {}
        for key, read in (("start", fields.day), ("end", fields.day),
                          ("until_request", fields.flag)):
            try:
                values[key] = read(data.get(key))
            except FieldError as exc:
                raise FieldError(f"{key} {exc}") from None
        return cls(**values)


@dataclass
class Part:
    """One numbered part of the request, in the user's words.

    `period` is set when the user gave the part's period separately (the assistant asked);
    when the text itself states a period, the analyser finds it there. `acknowledged` holds the
    rule ids of warnings the user chose to keep, so they stop nagging.
    """

    text: str
    period: Period | None = None
    id: str = field(default_factory=new_id)
    acknowledged: list[str] = field(default_factory=list)
    period_from: str | None = None
    """The id of the earlier part whose period this one covers ("... in that period"): it
    follows that part's period as it changes, rather than keeping a copy of its dates
    (`oiadraft.periods.part_period` reads it)."""

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "text": self.text}
        if self.period is not None:
            data["period"] = self.period.to_dict()
        if self.period_from is not None:
            data["period_from"] = self.period_from
        if self.acknowledged:
            data["acknowledged"] = list(self.acknowledged)
        return data

    @classmethod
    def from_dict(cls, data: Any) -> Part:
        """ValueError (a FieldError naming the bad key) when malformed."""
        if isinstance(data, str):
            return cls(text=data)
        if not isinstance(data, dict) or not isinstance(data.get("text"), str):
            raise FieldError(f"needs a text, not {fields.shown(data)}")
        key = "id"
        try:
            part_id = fields.text(data.get("id")) or new_id()
            key = "period"
            period = Period.from_dict(data["period"]) if data.get("period") else None
            key = "acknowledged"
            acknowledged = fields.text_list(data.get("acknowledged"))
            key = "period_from"
            period_from = fields.optional_text(data.get("period_from"))
        except ValueError as exc:
            raise FieldError(f"{key}: {exc}") from None
        return cls(text=data["text"], period=period, id=part_id, acknowledged=acknowledged,
                   period_from=period_from)


@dataclass
class Requester:
    """Who signs the letter. Nothing here is required; an FYI.org.nz request is public."""

    name: str = ""
    email: str = ""
    phone: str = ""
    sign_off: str = "Ngā mihi"

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "email": self.email, "phone": self.phone,
                "sign_off": self.sign_off}

    @classmethod
    def from_dict(cls, data: Any) -> Requester:
        data = fields.mapping(data, "a mapping of name, email, phone and sign_off")
        values = {}
        for key in ("name", "email", "phone", "sign_off"):
            try:
                values[key] = fields.text(data.get(key), getattr(cls, key))
            except FieldError as exc:
                raise FieldError(f"{key} {exc}") from None
        return cls(**values)


@dataclass
class Draft:
    """A request being written (or already sent)."""

    id: str = field(default_factory=new_id)
    created: datetime | None = None
    updated: datetime | None = None
    name: str = ""
    """A name the user gave the draft; empty means "use the title"."""
    act: str = field(default_factory=lambda: _default_act_key())
    """The key of the Act the request goes under (an Act profile in oiadraft/data/acts/)."""
    agency: str = ""
    """Display name of the recipient, e.g. "Ministry of Foreign Affairs and Trade"."""
    agency_id: str | None = None
    """Id in the agency directory, None for an agency the user typed freely."""
    region: str | None = None
    """LGOIMA only: the council's region key, for its anniversary day."""
    topic: str = ""
    """One sentence: what the user wants to find out (used for the subject line)."""
    period: Period | None = None
    """The period for the whole request; applies to every part that states none."""
    parts: list[Part] = field(default_factory=list)
    clauses: list[str] = field(default_factory=list)
    """Ids of the clauses chosen for this letter."""
    clause_edits: dict[str, str] = field(default_factory=dict)
    """Per-draft rewording of a clause body, by clause id."""
    priority: list[str] = field(default_factory=list)
    """Ids of the parts the agency is asked to deal with first (empty: none chosen yet)."""
    requester: Requester = field(default_factory=Requester)
    urgent: bool = False
    urgency_reasons: str = ""
    """Required when `urgent` (OIA s12(3) / LGOIMA s10(3)): an urgent request must say why."""
    answers: dict[str, Any] = field(default_factory=dict)
    """The answers of drafts saved before `conversation` existed (read once, then unused)."""
    conversation: dict[str, Any] = field(default_factory=dict)
    """Where the chat stands (answered steps, a follow-up question in progress), in the form
    the interview package writes and reads; malformed content reads as "nothing pending"."""
    agency_kind: str = ""
    """What kind of recipient `agency` is: the directory's kind ("minister", "department",
    "council_city", ...), "organisation" for a body typed freely, "" when not known."""
    sent: date | None = None
    """The day the request was sent, once the user marks it sent."""
    extension_days: int | None = None
    """Working days of an extension the agency notified, if any."""
    pending_input: str = ""
    """Text in the chat's input box, typed but not yet sent; saved with the draft so nothing
    typed is lost to a crash or a closed terminal."""
    version: int = DRAFT_VERSION

    def copy(self, **changes: Any) -> Draft:
        """A copy with some fields replaced. Everything a caller may change in place (parts,
        clauses, edits, answers, requester) is copied, so edits never leak into the original."""
        clone = replace(self, **changes)
        if "parts" not in changes:
            clone.parts = [replace(part, acknowledged=list(part.acknowledged))
                           for part in self.parts]
        if "clauses" not in changes:
            clone.clauses = list(self.clauses)
        if "clause_edits" not in changes:
            clone.clause_edits = dict(self.clause_edits)
        if "priority" not in changes:
            clone.priority = list(self.priority)
        if "answers" not in changes:
            clone.answers = dict(self.answers)
        if "conversation" not in changes:
            clone.conversation = copy.deepcopy(self.conversation)
        if "requester" not in changes:
            clone.requester = replace(self.requester)
        return clone

    @property
    def begun(self) -> bool:
        """The requester has said something the draft keeps: a recipient, a topic, parts, or
        words the chat keeps for later (a paste given before the parts question, `held` in
        the conversation's stored form). Words still in the box are the screen's to count."""
        held = self.conversation.get("held") if isinstance(self.conversation, dict) else None
        return bool(self.agency or self.topic or self.parts
                    or (isinstance(held, str) and held.strip()))

    def priority_numbers(self) -> list[int]:
        """The 1-based numbers of the priority parts, in part order (ids of parts that no longer
        exist are ignored)."""
        wanted = set(self.priority)
        return [number for number, part in enumerate(self.parts, 1) if part.id in wanted]

    @property
    def title(self) -> str:
        """A short human label: the user's name for it, or "MFAT: cluster munitions"."""
        if self.name.strip():
            return self.name.strip()
        who = self.agency or "no agency yet"
        what = self.topic.strip() or "untitled request"
        return f"{who}: {what}"


def _default_act_key() -> str:
    from oiadraft.acts import default_act

    return default_act().key


def draft_to_dict(draft: Draft) -> dict[str, Any]:
    """The on-disk form of a draft (plain types only; keys in a readable order)."""
    return {
        "version": DRAFT_VERSION,
        "id": draft.id,
        "created": draft.created.isoformat() if draft.created else None,
        "updated": draft.updated.isoformat() if draft.updated else None,
        "name": draft.name,
        "act": draft.act,
        "agency": draft.agency,
        "agency_id": draft.agency_id,
        "agency_kind": draft.agency_kind,
        "region": draft.region,
        "topic": draft.topic,
        "period": draft.period.to_dict() if draft.period else None,
        "parts": [part.to_dict() for part in draft.parts],
        "clauses": list(draft.clauses),
        "clause_edits": dict(draft.clause_edits),
        "priority": list(draft.priority),
        "requester": draft.requester.to_dict(),
        "urgent": draft.urgent,
        "urgency_reasons": draft.urgency_reasons,
        "sent": draft.sent.isoformat() if draft.sent else None,
        "extension_days": draft.extension_days,
        "answers": _plain(draft.answers),
        "conversation": _plain(draft.conversation),
        "pending_input": draft.pending_input,
    }


def _mapping_or_empty(value: Any) -> dict[str, Any]:
    """The conversation state as stored; anything but a mapping of plain data (finite numbers,
    text keys) is no state (never an error: the draft's content must load even when the chat's
    bookkeeping is damaged)."""
    try:
        return dict(fields.plain(value)) if isinstance(value, dict) else {}
    except FieldError:
        return {}


def _text_or_empty(value: Any) -> str:
    """A derived label (the directory's kind of agency): anything but text reads as unknown."""
    try:
        return fields.text(value)
    except FieldError:
        return ""


def _plain(value: Any) -> Any:
    """Convert answers to YAML-safe plain types (dates to ISO strings, tuples to lists)."""
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Period):
        return value.to_dict()
    return value


def _priority_from_answer(raw: Any, parts: list[Part]) -> list[str]:
    """Part ids from an old `answers["priority"]`: part numbers (1-based) or part ids, one or a
    list; anything that names no part is dropped."""
    if raw is None:
        return []
    ids = [part.id for part in parts]
    found: list[str] = []
    for item in raw if isinstance(raw, list) else [raw]:
        text = str(item).strip()
        if isinstance(item, bool):
            continue
        if text.isdigit() and 1 <= int(text) <= len(ids):
            part_id = ids[int(text) - 1]
        elif text in ids:
            part_id = text
        else:
            continue
        if part_id not in found:
            found.append(part_id)
    return found


def draft_from_dict(data: Any, source: str = "<draft>") -> Draft:
    """Build a Draft from its on-disk form, checking every field (types, ranges, finite
    numbers); DataError naming the field, with its line, when one is malformed."""
    if not isinstance(data, dict):
        raise DataError(f"a draft file must be a YAML mapping of fields, not "
                        f"{fields.shown(data)}", source, getattr(data, "line", None))
    version = data.get("version", DRAFT_VERSION)
    if version != DRAFT_VERSION:
        raise DataError(f"unsupported draft version {fields.shown(version)} (this oiadraft "
                        f"reads version {DRAFT_VERSION})", source, _line(data, "version"))
    field_name = "?"
    try:
        field_name = "id"
        draft_id = fields.text(data.get("id")) or new_id()
        field_name = "act"
        from oiadraft.acts import act_keys
        from oiadraft.text import join_or

        act = fields.text(data.get("act"), _default_act_key()).lower()
        if act not in act_keys():
            raise ValueError(f"unknown act {act!r} (expected {join_or(act_keys())})")
        field_name = "parts"
        parts = _parts(data.get("parts"))
        field_name = "period"
        period = Period.from_dict(data["period"]) if data.get("period") else None
        field_name = "created"
        created = fields.moment(data.get("created"))
        field_name = "updated"
        updated = fields.moment(data.get("updated"))
        field_name = "sent"
        sent = fields.day(data.get("sent"))
        field_name = "requester"
        requester = Requester.from_dict(data.get("requester"))
        field_name = "clauses"
        clauses = fields.text_list(data.get("clauses"))
        field_name = "clause_edits"
        edits = fields.text_map(data.get("clause_edits"))
        field_name = "extension_days"
        extension_days = fields.whole_number(data.get("extension_days"), 0, MAX_EXTENSION_DAYS)
        field_name = "answers"
        answers = _answers(data.get("answers"))
        field_name = "priority"
        old_priority = answers.pop("priority", None)  # drafts saved before `priority:` existed
        if data.get("priority") is not None:
            priority = fields.text_list(data["priority"])
        else:
            priority = _priority_from_answer(old_priority, parts)
        field_name = "pending_input"
        pending_input = fields.text(data.get("pending_input"))
        values = {}
        for field_name in ("name", "agency", "topic", "urgency_reasons"):
            values[field_name] = fields.text(data.get(field_name))
        for field_name in ("agency_id", "region"):
            values[field_name] = fields.optional_text(data.get(field_name))
        field_name = "urgent"
        urgent = fields.flag(data.get("urgent"))
    except (TypeError, ValueError) as exc:
        line = getattr(exc, "line", None) or _line(data, field_name)
        raise DataError(f"bad {field_name}: {exc}", source, line) from None
    return Draft(
        id=draft_id,
        created=created,
        updated=updated,
        act=act,
        period=period,
        parts=parts,
        clauses=clauses,
        clause_edits=edits,
        priority=priority,
        requester=requester,
        urgent=urgent,
        answers=answers,
        conversation=_mapping_or_empty(data.get("conversation")),
        agency_kind=_text_or_empty(data.get("agency_kind")),
        sent=sent,
        extension_days=extension_days,
        pending_input=pending_input,
        **values,
    )


def _line(data: Any, key: str) -> int | None:
    return data.line_of(key) if hasattr(data, "line_of") else None


def _parts(raw: Any) -> list[Part]:
    """The parts, each checked (the error names the part and points at its line); a part id
    used twice gets a new one, so every part can be told apart."""
    parts: list[Part] = []
    seen: set[str] = set()
    for number, item in enumerate(fields.items(raw, "a list of parts"), 1):
        try:
            part = Part.from_dict(item)
        except ValueError as exc:
            raise FieldError(f"part {number} {exc}", getattr(item, "line", None)) from None
        if part.id in seen:
            part.id = new_id()
        seen.add(part.id)
        parts.append(part)
    return parts


# The chat's bookkeeping kept in `answers` (keys starting "_"): the shape each follow-up
# question needs. Bookkeeping that does not fit is dropped (the chat asks again), never an
# error: the user's content must load even when the chat's own notes are damaged.
PENDING_SHAPES: dict[str, dict[str, type]] = {
    "agency_pick": {"candidates": list},
    "period_confirm": {"period": dict, "text": str},
    "part_period": {"part": str},
    "fill": {"part": str, "rule": str, "span": list, "fills": dict, "remaining": list},
    "edit_part": {"part": str},
    "multi": {"step": str, "selected": list},
}


def _answers(raw: Any) -> dict[str, Any]:
    """The interview's answers: plain data (finite numbers, text keys), bookkeeping checked."""
    answers = fields.plain(fields.mapping(raw))
    pending = answers.get("_pending")
    if pending is not None and not _pending_fits(pending):
        del answers["_pending"]
    for key in ("_editing", "_current"):
        if key in answers and not isinstance(answers[key], str):
            del answers[key]
    deleted = answers.get("_deleted")
    if deleted is not None and not _deleted_fits(deleted):
        del answers["_deleted"]
    return answers


def _pending_fits(pending: Any) -> bool:
    if not isinstance(pending, dict) or pending.get("kind") not in PENDING_SHAPES:
        return False
    shape = PENDING_SHAPES[pending["kind"]]
    if not all(isinstance(pending.get(key), kind) for key, kind in shape.items()):
        return False
    try:
        if "period" in shape:
            Period.from_dict(pending["period"])
        if "candidates" in shape and not all(
                isinstance(candidate, dict) and isinstance(candidate.get("id"), str)
                and isinstance(candidate.get("name"), str) for candidate in pending["candidates"]):
            return False
        for key in ("remaining", "selected"):
            if key in shape:
                fields.text_list(pending[key])
        if "span" in shape:
            span = pending["span"]
            if len(span) != 2 or not all(isinstance(n, int) and not isinstance(n, bool)
                                         for n in span):
                return False
    except ValueError:
        return False
    return True


def _deleted_fits(deleted: Any) -> bool:
    if not isinstance(deleted, dict) or not isinstance(deleted.get("index"), int):
        return False
    try:
        Part.from_dict(deleted.get("part"))
    except ValueError:
        return False
    return True
