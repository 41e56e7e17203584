"""The opening of a new conversation, read without loading the interview.

A new request starts with the script's greeting and its first question: exactly the messages
`Interview.start` gives for a new draft, and the hint its view puts in the input box. They are
read from the top of prompts/interview.yaml alone (the greeting and the first step), so the
chat can show them at start-up and load the engine, the Act profiles and the checker while the
requester reads. `read_opening` answers None when the first question needs more than the
script's text (a condition, a placeholder to fill, choices to list): the chat then waits for
the engine.

The built-in script's opening is kept in a small JSON cache (`paths.cache_file`), with the
head of the script it was read from: importing the YAML parser was a fifth of the time between
the first frame and the greeting. The cache is used only when that head is unchanged, and a
cache that is missing, unreadable or stale is simply read again and rewritten.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from oiadraft import fsutil, paths
from oiadraft.errors import DataError

_STEP_ITEM = re.compile(r"^(?P<indent>[ ]*)- ", re.MULTILINE)
_TOP_KEY = re.compile(r"^[^\s#]", re.MULTILINE)


@dataclass(frozen=True)
class Opening:
    """What the chat shows before the first answer."""

    messages: tuple[str, ...]
    """The assistant's messages (Markdown), in order: the greeting, then the first question."""
    placeholder: str
    """The hint in the empty input box."""


CACHE_NAME = "opening.json"
CACHE_VERSION = 1
_MISS = object()


def read_opening(text: str | None = None) -> Opening | None:
    """The greeting and first question of the script (the built-in one, through the cache,
    unless `text` is given), or None when they cannot be known without the engine."""
    if text is not None:
        return _parse(_head(text))
    head = _head((paths.builtin("prompts") / "interview.yaml").read_text(encoding="utf-8"))
    cached = _cached(head)
    if cached is not _MISS:
        return cached  # type: ignore[return-value]
    opening = _parse(head)
    _remember(head, opening)
    return opening


def _cached(head: str) -> Opening | object | None:
    """The opening cached for exactly this head of the script, else `_MISS`."""
    try:
        with open(paths.cache_file(CACHE_NAME), encoding="utf-8") as handle:
            saved = json.load(handle)
        if saved["version"] != CACHE_VERSION or saved["head"] != head:
            return _MISS
        found = saved["opening"]
        if found is None:
            return None
        messages, placeholder = found["messages"], found["placeholder"]
        if not (isinstance(messages, list) and all(isinstance(m, str) for m in messages)
                and isinstance(placeholder, str)):
            return _MISS
        return Opening(messages=tuple(messages), placeholder=placeholder)
    except (OSError, ValueError, KeyError, TypeError):
        return _MISS


def _remember(head: str, opening: Opening | None) -> None:
    """Write the cache (not fsynced: a lost or old cache is only read again next time)."""
    found = None if opening is None else {"messages": list(opening.messages),
                                          "placeholder": opening.placeholder}
    text = json.dumps({"version": CACHE_VERSION, "head": head, "opening": found})
    try:
        fsutil.atomic_write_text(paths.cache_dir() / CACHE_NAME, text, durable=False)
    except Exception:
        return  # a cache that cannot be written costs the next start a few milliseconds


def _parse(head: str) -> Opening | None:
    from oiadraft import yamlio
    from oiadraft.interview.script import SOURCE, parse_step

    try:
        data = yamlio.load(head, SOURCE)
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
    if not (plain and greeting and step.placeholder) or step.when or step.variants \
            or step.default_from \
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
