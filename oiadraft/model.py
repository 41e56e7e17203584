"""The draft request and its parts: plain data, no I/O, no Textual.

A `Draft` is what the user is writing: who it goes to (agency and Act), what it is about, the
period it covers, its numbered `Part`s, the clauses chosen from the library, and the
requester's details. `draft_to_dict` / `draft_from_dict` give the on-disk form (`version: 1`)
used by the store; loading validates and raises DataError with a clear message.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from oiadraft.errors import DataError

DRAFT_VERSION = 1
ACTS = ("oia", "lgoima")


def new_id() -> str:
    """A short random id for drafts and parts (stable across renames and reorders)."""
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
        if not isinstance(data, dict):
            raise ValueError("a period must be a mapping with start and end")
        return cls(
            start=_date_or_none(data.get("start")),
            end=_date_or_none(data.get("end")),
            until_request=bool(data.get("until_request", False)),
        )


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

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "text": self.text}
        if self.period is not None:
            data["period"] = self.period.to_dict()
        if self.acknowledged:
            data["acknowledged"] = list(self.acknowledged)
        return data

    @classmethod
    def from_dict(cls, data: Any) -> Part:
        if isinstance(data, str):
            return cls(text=data)
        if not isinstance(data, dict) or not isinstance(data.get("text"), str):
            raise ValueError("each part needs a text")
        period = data.get("period")
        return cls(
            text=data["text"],
            period=Period.from_dict(period) if period else None,
            id=str(data.get("id") or new_id()),
            acknowledged=[str(rule) for rule in data.get("acknowledged") or []],
        )


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
        data = data or {}
        if not isinstance(data, dict):
            raise ValueError("requester must be a mapping")
        return cls(
            name=str(data.get("name") or ""),
            email=str(data.get("email") or ""),
            phone=str(data.get("phone") or ""),
            sign_off=str(data.get("sign_off") or "Ngā mihi"),
        )


@dataclass
class Draft:
    """A request being written (or already sent)."""

    id: str = field(default_factory=new_id)
    created: datetime | None = None
    updated: datetime | None = None
    name: str = ""
    """A name the user gave the draft; empty means "use the title"."""
    act: str = "oia"
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
    """The interview's raw answers by step id, so earlier answers can be changed later."""
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
        if "requester" not in changes:
            clone.requester = replace(self.requester)
        return clone

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


def _date_or_none(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _datetime_or_none(value: Any) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    return datetime.fromisoformat(str(value))


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
        "pending_input": draft.pending_input,
    }


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
    """Build a Draft from its on-disk form; DataError (with the field) when it is malformed."""
    if not isinstance(data, dict):
        raise DataError("a draft file must be a YAML mapping", source)
    version = data.get("version", DRAFT_VERSION)
    if version != DRAFT_VERSION:
        raise DataError(f"unsupported draft version {version!r} (this oiadraft reads version "
                        f"{DRAFT_VERSION})", source)
    field_name = "?"
    try:
        field_name = "act"
        act = str(data.get("act") or "oia").lower()
        if act not in ACTS:
            raise ValueError(f"unknown act {act!r} (expected oia or lgoima)")
        field_name = "parts"
        parts_data = data.get("parts") or []
        if not isinstance(parts_data, list):
            raise ValueError("parts must be a list")
        parts = [Part.from_dict(item) for item in parts_data]
        field_name = "period"
        period = Period.from_dict(data["period"]) if data.get("period") else None
        field_name = "created"
        created = _datetime_or_none(data.get("created"))
        field_name = "updated"
        updated = _datetime_or_none(data.get("updated"))
        field_name = "sent"
        sent = _date_or_none(data.get("sent"))
        field_name = "requester"
        requester = Requester.from_dict(data.get("requester"))
        field_name = "clauses"
        clauses = [str(item) for item in data.get("clauses") or []]
        field_name = "clause_edits"
        edits = data.get("clause_edits") or {}
        if not isinstance(edits, dict):
            raise ValueError("clause_edits must be a mapping")
        field_name = "extension_days"
        extension = data.get("extension_days")
        extension_days = int(extension) if extension is not None else None
        field_name = "answers"
        if not isinstance(data.get("answers") or {}, dict):
            raise ValueError("answers must be a mapping")
        answers = dict(data.get("answers") or {})
        field_name = "priority"
        old_priority = answers.pop("priority", None)  # drafts saved before `priority:` existed
        if data.get("priority") is not None:
            if not isinstance(data["priority"], list):
                raise ValueError("priority must be a list of part ids")
            priority = [str(item) for item in data["priority"]]
        else:
            priority = _priority_from_answer(old_priority, parts)
        field_name = "pending_input"
        pending_input = data.get("pending_input") or ""
        if not isinstance(pending_input, str):
            raise ValueError("pending_input must be text")
    except (TypeError, ValueError) as exc:
        line = data.line_of(field_name) if hasattr(data, "line_of") else None
        raise DataError(f"bad {field_name}: {exc}", source, line) from None
    return Draft(
        id=str(data.get("id") or new_id()),
        created=created,
        updated=updated,
        name=str(data.get("name") or ""),
        act=act,
        agency=str(data.get("agency") or ""),
        agency_id=data.get("agency_id") or None,
        region=data.get("region") or None,
        topic=str(data.get("topic") or ""),
        period=period,
        parts=parts,
        clauses=clauses,
        clause_edits={str(k): str(v) for k, v in edits.items()},
        priority=priority,
        requester=requester,
        urgent=bool(data.get("urgent", False)),
        urgency_reasons=str(data.get("urgency_reasons") or ""),
        answers=answers,
        sent=sent,
        extension_days=extension_days,
        pending_input=pending_input,
    )
