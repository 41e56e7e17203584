"""The one action table (prompts/actions.yaml) and the command grammar read from it.

Every key, chat command, palette entry and line of F1 help is one `ActionSpec`. The chat
screen builds its bindings from the table; `parse_command` reads a typed line against the
`verbs` of every action, once, so a bare command word is never taken as the words of a part.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from oiadraft import paths, yamlio
from oiadraft.errors import DataError

SOURCE = "prompts/actions.yaml"
_SLOT = re.compile(r"\{(n|m|what)\}")
_SLOT_PATTERN = {"n": r"(?P<n>\d[\d,]*)", "m": r"(?P<m>\d[\d,]*)", "what": r"(?P<what>.+?)"}
_TRAILING = re.compile(r"[\s.!]+$")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'"})


@dataclass(frozen=True)
class ActionSpec:
    """One action: what the requester can type for it, its key, and how it is described."""

    id: str
    verbs: tuple[str, ...]
    key: str | None
    label: str
    help: str
    footer: bool
    palette: bool
    screen: str | None = None
    """Set when the action opens something on the screen rather than changing the draft."""


@dataclass(frozen=True)
class Command:
    """A typed line read as a command: the action, and the numbers or words it named."""

    action: str
    n: int | None = None
    m: int | None = None
    what: str | None = None
    verb: str = ""
    """The verb template that matched ("move part {n} up")."""


def _actions_from(text: str, source: str) -> tuple[ActionSpec, ...]:
    data = yamlio.load(text, source)
    entries = data.get("actions") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not entries:
        raise DataError("'actions' must be a non-empty list", source)
    specs: list[ActionSpec] = []
    seen_ids: set[str] = set()
    seen_keys: dict[str, str] = {}
    seen_verbs: dict[str, str] = {}
    for raw in entries:
        line = raw.line if isinstance(raw, yamlio.Located) else None
        if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
            raise DataError("each action needs an id", source, line)
        action_id = raw["id"]
        if action_id in seen_ids:
            raise DataError(f"duplicate action id {action_id!r}", source, line)
        seen_ids.add(action_id)
        verbs = raw.get("verbs") or []
        if not isinstance(verbs, list) or not all(isinstance(v, str) and v.strip()
                                                  for v in verbs):
            raise DataError(f"action {action_id!r}: 'verbs' must be a list of words", source,
                            raw.line_of("verbs") or line)
        for verb in verbs:
            shape = _SLOT.sub("#", " ".join(verb.lower().split()))
            if shape in seen_verbs:
                raise DataError(f"action {action_id!r}: the verb {verb!r} is also "
                                f"{seen_verbs[shape]!r}'s", source, raw.line_of("verbs"))
            seen_verbs[shape] = action_id
        key = raw.get("key")
        if key is not None and not isinstance(key, str):
            raise DataError(f"action {action_id!r}: 'key' must be a key name or null", source,
                            raw.line_of("key"))
        if key is not None:
            if key in seen_keys:
                raise DataError(f"action {action_id!r}: key {key} is already "
                                f"{seen_keys[key]!r}'s", source, raw.line_of("key"))
            seen_keys[key] = action_id
        for name in ("label", "help"):
            if not isinstance(raw.get(name), str) or not raw[name].strip():
                raise DataError(f"action {action_id!r} needs a '{name}'", source, line)
        specs.append(ActionSpec(
            id=action_id, verbs=tuple(verbs), key=key, label=raw["label"].strip(),
            help=raw["help"].strip(), footer=bool(raw.get("footer", False)),
            palette=bool(raw.get("palette", False)), screen=raw.get("screen") or None,
        ))
    return tuple(specs)


@lru_cache(maxsize=1)
def load_actions() -> tuple[ActionSpec, ...]:
    """The shipped action table, loaded and checked once."""
    text = (paths.builtin("prompts") / "actions.yaml").read_text(encoding="utf-8")
    return _actions_from(text, SOURCE)


def action(action_id: str) -> ActionSpec:
    """The spec of one action (KeyError for an unknown id)."""
    for spec in load_actions():
        if spec.id == action_id:
            return spec
    raise KeyError(action_id)


def _verb_regex(verb: str) -> str:
    pieces: list[str] = []
    at = 0
    for match in _SLOT.finditer(verb):
        pieces.append(_literal(verb[at:match.start()]))
        pieces.append(_SLOT_PATTERN[match.group(1)])
        at = match.end()
    pieces.append(_literal(verb[at:]))
    return "".join(pieces)


def _literal(words: str) -> str:
    return r"\s+".join(re.escape(w) for w in words.split(" ")) if words.strip() else \
        (r"\s+" if words else "")


@lru_cache(maxsize=4)
def _grammar(specs: tuple[ActionSpec, ...]) -> tuple[tuple[re.Pattern[str], str, str], ...]:
    compiled = []
    for spec in specs:
        for verb in spec.verbs:
            normal = " ".join(verb.translate(_APOSTROPHES).split())
            compiled.append((re.compile(_verb_regex(normal), re.IGNORECASE), spec.id, verb))
    # longer verbs first: "edit part {n}" before "edit {n}", "keep part {n}" before "keep"
    compiled.sort(key=lambda item: -len(item[2]))
    return tuple(compiled)


def parse_command(text: str, specs: tuple[ActionSpec, ...] | None = None) -> Command | None:
    """`text` read as a command, or None when it is content (the words of an answer).

    Only a whole single line that is exactly a verb counts ("undo", "accept 5", "move part 3
    to 1"); trailing full stops and spaces are ignored. `{what}` is returned as typed, for the
    caller to check (an unknown `change <what>` is content, not a command).
    """
    line = text.strip()
    if not line or "\n" in line or len(line) > 80:
        return None
    line = _TRAILING.sub("", " ".join(line.translate(_APOSTROPHES).split()))
    if not line:
        return None
    for pattern, action_id, verb in _grammar(specs or load_actions()):
        match = pattern.fullmatch(line)
        if match is None:
            continue
        groups = match.groupdict()
        return Command(
            action=action_id,
            n=_number(groups.get("n")),
            m=_number(groups.get("m")),
            what=groups.get("what"),
            verb=verb,
        )
    return None


def _number(raw: str | None) -> int | None:
    if raw is None:
        return None
    digits = raw.replace(",", "")
    return int(digits) if digits.isdecimal() else None
