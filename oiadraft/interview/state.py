"""The conversation's own state, typed, and its on-disk form in `Draft.conversation`.

What the requester has said lives in the draft's own fields (agency, topic, parts, ...); this is
only where the conversation stands: which questions are answered, which earlier one is being
answered again, which part is being worked on, and the follow-up question in progress (one
dataclass per kind). It is stored with a version so that a resumed draft resumes mid-question.

`Conversation.from_dict` never raises: anything malformed (an old or hand-edited file) reads as
"no follow-up question", which at worst asks the current step's question again.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import MISSING, dataclass, fields, replace
from typing import Any, ClassVar

from oiadraft.model import Draft, Period

STATE_VERSION = 1


@dataclass(frozen=True)
class AgencyPick:
    """Several directory entries (or one doubtful one) match what was typed: which is meant?"""

    kind: ClassVar[str] = "agency_pick"
    query: str
    candidates: tuple[str, ...]
    """Directory ids, in the order offered."""


@dataclass(frozen=True)
class PeriodConfirm:
    """The request-wide period as read back: right?"""

    kind: ClassVar[str] = "period_confirm"
    period: Period
    text: str


@dataclass(frozen=True)
class PartPeriod:
    """A part states no period and the request has none: from when to when?"""

    kind: ClassVar[str] = "part_period"
    part: str


@dataclass(frozen=True)
class Fill:
    """An accepted suggestion has blanks (<unit or role>): what goes in each?"""

    kind: ClassVar[str] = "fill"
    part: str
    rule: str
    span: tuple[int, int]
    remaining: tuple[str, ...]
    fills: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class EditPart:
    """The requester is rewriting a part; its old words are in the input box."""

    kind: ClassVar[str] = "edit_part"
    part: str


@dataclass(frozen=True)
class Ticks:
    """A tick list being changed (numbers toggled) before it is committed."""

    kind: ClassVar[str] = "multi"
    step: str
    selected: tuple[str, ...]


@dataclass(frozen=True)
class PriorityParts:
    """The priority clause was ticked: which parts come first?"""

    kind: ClassVar[str] = "priority"
    step: str


Pending = AgencyPick | PeriodConfirm | PartPeriod | Fill | EditPart | Ticks | PriorityParts
PENDING_TYPES: dict[str, type] = {cls.kind: cls for cls in
                                   (AgencyPick, PeriodConfirm, PartPeriod, Fill, EditPart, Ticks,
                                    PriorityParts)}


@dataclass(frozen=True)
class Conversation:
    """Where the conversation stands (everything else is in the draft's fields)."""

    answered: tuple[str, ...] = ()
    """Ids of the steps answered (or skipped), in the order they were answered."""
    editing: str | None = None
    """An earlier step being answered again (`back`, `change period`); later answers stay."""
    current: str | None = None
    """The id of the part being worked on: accept, keep and split apply to it."""
    pending: Pending | None = None
    closing_added: bool = False
    """The closing clauses (thanks, contact) have been added once."""
    held: str = ""
    """A whole request pasted before the parts question, kept to put in the box when it comes."""

    def answer(self, step_id: str) -> Conversation:
        """This step answered (and no longer being edited)."""
        answered = self.answered if step_id in self.answered else (*self.answered, step_id)
        editing = None if self.editing == step_id else self.editing
        return replace(self, answered=answered, editing=editing, pending=None)

    def unanswer(self, step_id: str) -> Conversation:
        return replace(self, answered=tuple(s for s in self.answered if s != step_id))

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"version": STATE_VERSION, "answered": list(self.answered)}
        if self.editing:
            data["editing"] = self.editing
        if self.current:
            data["current"] = self.current
        if self.closing_added:
            data["closing_added"] = True
        if self.pending is not None:
            data["pending"] = _pending_to_dict(self.pending)
        if self.held:
            data["held"] = self.held
        return data

    @classmethod
    def from_dict(cls, data: Any) -> Conversation:
        """The state from its stored form; malformed pieces are dropped, never raised."""
        if not isinstance(data, Mapping):
            return cls()
        answered = data.get("answered")
        answered = tuple(str(s) for s in answered if isinstance(s, str)) \
            if isinstance(answered, list) else ()
        same_version = data.get("version") == STATE_VERSION
        return cls(
            answered=answered,
            editing=_str_or_none(data.get("editing")),
            current=_str_or_none(data.get("current")),
            pending=_pending_from_dict(data.get("pending")) if same_version else None,
            closing_added=data.get("closing_added") is True,
            held=held if isinstance(held := data.get("held"), str) else "",
        )


def _str_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _pending_to_dict(pending: Pending) -> dict[str, Any]:
    data: dict[str, Any] = {"kind": pending.kind}
    for item in fields(pending):
        value = getattr(pending, item.name)
        if isinstance(value, Period):
            value = value.to_dict()
        elif isinstance(value, tuple):
            value = [list(v) if isinstance(v, tuple) else v for v in value]
        data[item.name] = value
    return data


def _pending_from_dict(data: Any) -> Pending | None:
    if not isinstance(data, Mapping):
        return None
    cls = PENDING_TYPES.get(data.get("kind"))  # type: ignore[arg-type]
    if cls is None:
        return None
    values: dict[str, Any] = {}
    try:
        for item in fields(cls):
            raw = data[item.name] if item.name in data else _default(item)
            values[item.name] = _typed(item.type, raw)
        return cls(**values)
    except (KeyError, TypeError, ValueError):
        return None


def _default(item: Any) -> Any:
    if item.default is not MISSING:
        return item.default
    raise KeyError(item.name)


def _typed(annotation: str, raw: Any) -> Any:
    """Check and convert one stored value to the annotated type (raise on anything odd)."""
    if annotation == "str":
        if not isinstance(raw, str):
            raise TypeError("expected text")
        return raw
    if annotation == "Period":
        return Period.from_dict(raw)
    if annotation == "tuple[int, int]":
        if not (isinstance(raw, list) and len(raw) == 2
                and all(isinstance(v, int) and not isinstance(v, bool) for v in raw)):
            raise TypeError("expected two numbers")
        return (raw[0], raw[1])
    if annotation == "tuple[str, ...]":
        if not (isinstance(raw, (list, tuple)) and all(isinstance(v, str) for v in raw)):
            raise TypeError("expected a list of text")
        return tuple(raw)
    if annotation == "tuple[tuple[str, str], ...]":
        if not (isinstance(raw, (list, tuple)) and all(
                isinstance(v, (list, tuple)) and len(v) == 2
                and all(isinstance(x, str) for x in v) for v in raw)):
            raise TypeError("expected pairs of text")
        return tuple((v[0], v[1]) for v in raw)
    raise TypeError(f"unsupported field type {annotation}")


# ---- reading and writing the draft ----------------------------------------------------------

_LEGACY_PRIVATE = ("_pending", "_editing", "_current", "_deleted", "_closing_added")


def load(draft: Draft) -> Conversation:
    """The conversation state of `draft` (an older draft's `answers` are read once)."""
    stored = getattr(draft, "conversation", None)
    if isinstance(stored, Mapping) and stored:
        return Conversation.from_dict(stored)
    answers = draft.answers if isinstance(draft.answers, Mapping) else {}
    if not answers:
        return Conversation()
    # A draft saved before the conversation had its own state: its answered steps were the
    # keys of `answers`; the follow-up question in progress is dropped (it is asked again).
    return Conversation(
        answered=tuple(str(k) for k in answers if not str(k).startswith("_")),
        current=_str_or_none(answers.get("_current")),
        closing_added=bool(answers.get("_closing_added")),
    )


def save(draft: Draft, state: Conversation) -> None:
    draft.conversation = state.to_dict()


__all__ = [
    "STATE_VERSION",
    "AgencyPick",
    "Conversation",
    "EditPart",
    "Fill",
    "PartPeriod",
    "Pending",
    "PeriodConfirm",
    "PriorityParts",
    "Ticks",
    "load",
    "save",
]
