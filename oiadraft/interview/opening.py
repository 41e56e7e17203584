"""The opening of a new conversation, read without loading the interview.

A new request starts with the script's greeting and its first question: exactly the messages
`Interview.start` gives for a new draft, and the hint its view puts in the input box. They are
read from the top of prompts/interview.yaml alone (the greeting and the first step), so the
chat can show them at start-up and load the engine, the Act profiles and the checker while the
requester reads. `read_opening` answers None when the first question needs more than the
script's text (a condition, a placeholder to fill, choices to list): the chat then waits for
the engine.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from oiadraft import paths, yamlio
from oiadraft.errors import DataError
from oiadraft.interview.script import SOURCE, parse_step

_STEP_ITEM = re.compile(r"^(?P<indent>[ ]*)- ", re.MULTILINE)
_TOP_KEY = re.compile(r"^[^\s#]", re.MULTILINE)


@dataclass(frozen=True)
class Opening:
    """What the chat shows before the first answer."""

    messages: tuple[str, ...]
    """The assistant's messages (Markdown), in order: the greeting, then the first question."""
    placeholder: str
    """The hint in the empty input box."""


def read_opening(text: str | None = None) -> Opening | None:
    """The greeting and first question of the script (the built-in one unless `text` is
    given), or None when they cannot be known without the engine."""
    if text is None:
        text = (paths.builtin("prompts") / "interview.yaml").read_text(encoding="utf-8")
    try:
        data = yamlio.load(_head(text), SOURCE)
    except DataError:
        return None
    if not isinstance(data, dict):
        return None
    steps = data.get("steps")
    if not isinstance(steps, list) or not steps:
        return None
    try:
        step = parse_step(steps[0], set(), SOURCE)
    except (DataError, AttributeError, KeyError, TypeError, ValueError):
        return None
    greeting = str(data.get("greeting") or "").strip()
    plain = step.kind in {"agency", "text", "period", "parts"}
    if not (plain and greeting and step.placeholder) or step.when or step.default_from \
            or "{" in step.ask or "}" in step.ask:
        return None
    return Opening(messages=(greeting, step.ask), placeholder=step.placeholder)


def _head(text: str) -> str:
    """The script up to the end of its first step: the top-level keys before `steps:` and the
    first item of the list (whatever follows is never parsed)."""
    steps = re.search(r"^steps:[ \t]*$", text, re.MULTILINE)
    if steps is None:
        return text
    first = _STEP_ITEM.search(text, steps.end())
    if first is None:
        return text
    ends = [match.start() for match in (
        re.compile(rf"^{first['indent']}- ", re.MULTILINE).search(text, first.end()),
        _TOP_KEY.search(text, first.end())) if match is not None]
    return text[:min(ends)] if ends else text
