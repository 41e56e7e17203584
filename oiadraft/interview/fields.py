"""The Draft fields a step sets (`sets:` in prompts/interview.yaml), and facts about Acts.

One small setter per field, so a step's answer goes where the script says without a chain of
step ids in the engine.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from oiadraft.acts import get_act
from oiadraft.model import Draft


def act_uses_region(act: str) -> bool:
    """True when the Act's working days skip a regional anniversary day, so the council's
    region matters for the due date."""
    return get_act(act).uses_region


def act_choices() -> list[tuple[str, str]]:
    """(key, label) of each Act a body typed by name can come under (not the Privacy Act:
    a request for one's own information is a different kind of letter)."""
    from oiadraft.acts import all_acts

    return [(p.key, f"{p.name} ({p.short})") for p in all_acts()
            if not p.covers_own_information]


def _set_topic(draft: Draft, value: Any) -> None:
    draft.topic = str(value)


def _set_reasons(draft: Draft, value: Any) -> None:
    draft.urgency_reasons = str(value)


def _set_name(draft: Draft, value: Any) -> None:
    draft.requester.name = str(value or "")


def _set_urgent(draft: Draft, value: Any) -> None:
    draft.urgent = bool(value)


def _set_act(draft: Draft, value: Any) -> None:
    draft.act = str(value)


def _set_region(draft: Draft, value: Any) -> None:
    draft.region = value or None


def _set_period(draft: Draft, value: Any) -> None:
    draft.period = value


SETTERS: dict[str, Callable[[Draft, Any], None]] = {
    "topic": _set_topic,
    "urgency_reasons": _set_reasons,
    "requester.name": _set_name,
    "urgent": _set_urgent,
    "act": _set_act,
    "region": _set_region,
    "period": _set_period,
}
"""Fields set by a plain value. `agency`, `parts` and `clauses` have their own flows."""


def current_value(draft: Draft, name: str | None) -> str:
    """The answer a field holds now, in words ("" when it holds none)."""
    from oiadraft.interview.words import period_phrase

    if name == "agency":
        return draft.agency
    if name == "act":
        return get_act(draft.act).name
    if name == "period":
        return period_phrase(draft.period) if draft.period else ""
    if name == "urgent":
        return "yes" if draft.urgent else "no"
    if name == "region":
        from oiadraft.deadline import regions

        region = regions().get(draft.region or "")
        return region.name if region is not None else ""
    values = {"topic": draft.topic, "urgency_reasons": draft.urgency_reasons,
              "requester.name": draft.requester.name}
    return values.get(name or "", "")


def set_field(draft: Draft, name: str | None, value: Any) -> None:
    setter = SETTERS.get(name or "")
    if setter is not None:
        setter(draft, value)
