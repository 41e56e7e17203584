"""The values a letter's placeholders take for a draft, and the letter frame's own words.

`letter_frame()` reads oiadraft/data/letter.yaml (the words around parts and clauses, the
salutations, reminders for what is missing). `placeholder_values(draft)` gives every placeholder
its value for `oiadraft.letter.template.fill`: the Act's citations (`{s.grounds}`), the agency,
the period in words, the requester's details, the priority parts. What the user typed is
Markdown-escaped (it is data, never formatting); what the draft does not have yet shows as a
bracketed reminder ("[your name]").
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from functools import lru_cache
from typing import Any

from oiadraft import acts, mdtext, paths, yamlio
from oiadraft.errors import DataError
from oiadraft.letter.placeholders import (
    CONCEPT_PLACEHOLDERS,
    FRAME_ONLY_PLACEHOLDERS,
    PLACEHOLDERS,
    check_placeholders,
)
from oiadraft.letter.template import fill
from oiadraft.model import Draft, Period
from oiadraft.text import join_and

FRAME_FILE = "letter.yaml"
ORGANISATION = "organisation"
"""The salutation for anything not known to be a Minister or a named person."""


@lru_cache(maxsize=1)
def letter_frame() -> dict[str, Any]:
    """The words around parts and clauses in a letter (oiadraft/data/letter.yaml), checked:
    every placeholder must be known, and each salutation kind must exist."""
    where = f"oiadraft/data/{FRAME_FILE}"
    data = yamlio.load_file(paths.data_file(FRAME_FILE), where)
    if not isinstance(data, dict):
        raise DataError("the letter frame must be a mapping", where)
    for section in ("missing", "salutations", "recipient_kinds"):
        if not isinstance(data.get(section), dict):
            raise DataError(f"the letter frame needs a `{section}` mapping", where)
    if ORGANISATION not in data["salutations"]:
        raise DataError(f"salutations: `{ORGANISATION}` is required", where,
                        data.line_of("salutations"))
    for directory_kind, kind in data["recipient_kinds"].items():
        if kind not in data["salutations"]:
            raise DataError(f"recipient_kinds: {directory_kind} -> {kind!r} has no salutation",
                            where, data["recipient_kinds"].line_of(directory_kind))
    texts = [(key, value, data) for key, value in data.items()]
    texts += [(key, value, data[section]) for section in ("missing", "salutations")
              for key, value in data[section].items()]
    for key, value, node in texts:
        if isinstance(value, str):
            # checked against the concepts only: a frame text is used only where its Act has them
            for message, _snippet in check_placeholders(value, (), FRAME_ONLY_PLACEHOLDERS):
                raise DataError(f"{key}: {message}", where, node.line_of(key))
    return data


def format_part_numbers(numbers: list[int]) -> str:
    """[1] -> "part 1"; [1, 3] -> "parts 1 and 3"; [1, 2, 4] -> "parts 1, 2 and 4"."""
    if not numbers:
        return ""
    return ("part " if len(numbers) == 1 else "parts ") + join_and(numbers)


def period_span(period: Period) -> str:
    """A period as a phrase that follows "covers": "from 1 October 2020 to 13 September 2024",
    "from 1 October 2020 to the date of this request" (also for an open end), "up to 13
    September 2024", "13 September 2024" (one day), "any date" (no dates)."""
    from oiadraft.periods import format_date

    start, end = period.start, period.end
    if start is not None and end is not None:
        return format_date(start) if start == end else (
            f"from {format_date(start)} to {format_date(end)}")
    if start is not None:
        return f"from {format_date(start)} to the date of this request"
    if end is not None:
        return f"up to {format_date(end)}"
    return "up to the date of this request" if period.until_request else "any date"


def period_words(period: Period) -> str:
    """The period for "This request covers ...": "the period from 1 October 2020 to the date of
    this request" -- never "covers since 1 October 2020"."""
    span = period_span(period)
    return f"the period {span}" if span.startswith(("from ", "up to ")) else span


def placeholder_values(context: Any = None, today: date | None = None) -> dict[str, Any]:
    """Values for every placeholder, from a Draft, an Act key or profile, or a mapping of plain
    values (with an optional "act"). Text values are Markdown-escaped; a value the draft does not
    have yet shows as a bracketed reminder."""
    draft: Draft | None = None
    given: Mapping[str, Any] = {}
    if context is None:
        profile = acts.default_act()
    elif isinstance(context, (str, acts.ActProfile)):
        profile = acts.get_act(context)
    elif isinstance(context, Mapping):
        given = context
        profile = acts.get_act(context["act"]) if context.get("act") else acts.default_act()
    else:
        draft = context
        profile = acts.get_act(draft.act)
    values: dict[str, Any] = profile.placeholders()
    missing = letter_frame()["missing"]
    if draft is not None:
        requester = draft.requester
        found = {
            "agency": draft.agency.strip(),
            "period": period_words(draft.period) if draft.period else "",
            "requester_name": requester.name.strip(),
            "requester_email": requester.email.strip(),
            "requester_phone": requester.phone.strip(),
            "urgency_reasons": draft.urgency_reasons.strip(),
            "priority_parts": format_part_numbers(draft.priority_numbers()),
            "part_count": str(len(draft.parts)) if draft.parts else "",
        }
    else:
        found = {key: str(given.get(key) or "").strip() for key in PLACEHOLDERS
                 if key not in CONCEPT_PLACEHOLDERS and key not in values}
    for key, value in found.items():
        values[key] = mdtext.escape(value) if value else fill(str(missing.get(key, "")), values)
    return values


def salutation(draft: Draft, values: Mapping[str, Any]) -> str:
    """"Tēnā koe, Minister of Health," for a Minister, "Tēnā koe Aroha," for a named person,
    "Tēnā koutou," for an organisation or office (including any body typed freely)."""
    frame = letter_frame()
    kind = ORGANISATION
    if draft.agency_id:
        from oiadraft import agencies

        agency = agencies.get(draft.agency_id)
        if agency is not None:
            kind = frame["recipient_kinds"].get(agency.kind, ORGANISATION)
    recipient = mdtext.escape(" ".join(draft.agency.split()))
    if kind != ORGANISATION and not recipient:
        kind = ORGANISATION
    return fill(frame["salutations"][kind], {**values, "recipient": recipient})
