"""The one template language of oiadraft, and the one function that fills it.

Prompts, clause bodies, the letter frame and the scope analyser's messages all use the same
placeholders:

    {agency}            a plain value
    {s.grounds}         a value looked up by key in a namespace ("s", "section", "n", ...)
    {{ and }}           a literal brace

A namespace is a `Mapping` (looked up with `[key]`), never an object: `fill` does no attribute
access at all, so text a user typed (a per-draft clause edit, say) cannot reach Python
internals with `{s.__dict__}` or `{agency.__class__}`. Anything unknown or malformed is left
exactly as written, so `fill` never raises on what a user typed; `placeholders` lists what a
template uses, for validators that want to report unknown names instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

__all__ = ["Citations", "Placeholder", "fill", "placeholders"]

_FIELD = re.compile(r"\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)(?:\.([A-Za-z_][A-Za-z0-9_]*))?\}")


@dataclass(frozen=True)
class Placeholder:
    """One placeholder as written in a template: `{root}` or `{root.key}`, and where."""

    root: str
    key: str | None
    span: tuple[int, int]

    @property
    def text(self) -> str:
        return "{" + self.root + ("." + self.key if self.key else "") + "}"


def placeholders(template: str) -> list[Placeholder]:
    """Every well-formed placeholder in `template`, in order (escaped braces skipped)."""
    found = []
    for match in _FIELD.finditer(template):
        if match.group(1) is not None:
            found.append(Placeholder(match.group(1), match.group(2), match.span()))
    return found


def fill(template: str, values: Mapping[str, Any]) -> str:
    """`template` with its placeholders replaced from `values`.

    `{name}` takes `values[name]` (which must not be a namespace); `{ns.key}` takes
    `values[ns][key]` when `values[ns]` is a Mapping. Unknown names, missing keys, a namespace
    used bare and a plain value used with a key are all left exactly as written. Keys starting
    with an underscore are never looked up.
    """
    pieces = _pieces(template)
    if len(pieces) == 1 and type(pieces[0]) is str:
        return pieces[0]
    out = []
    for piece in pieces:
        if type(piece) is str:
            out.append(piece)
            continue
        root, key, whole = piece
        if root not in values:
            out.append(whole)
            continue
        value = values[root]
        if key is None:
            out.append(whole if isinstance(value, Mapping) else str(value))
            continue
        if not isinstance(value, Mapping):
            out.append(whole)
            continue
        try:
            looked_up = value[key]
        except (KeyError, LookupError):
            out.append(whole)
            continue
        out.append(whole if looked_up is None else str(looked_up))
    return "".join(out)


@lru_cache(maxsize=1024)
def _pieces(template: str) -> tuple[str | tuple[str, str | None, str], ...]:
    """`template` read once: its literal text (escaped braces undone) and, for each placeholder
    that may be looked up, (root, key or None, the placeholder as written). The same messages
    are filled thousands of times on a long request."""
    pieces: list[str | tuple[str, str | None, str]] = []
    literal: list[str] = []
    last = 0
    for match in _FIELD.finditer(template):
        literal.append(template[last:match.start()])
        last = match.end()
        whole = match.group(0)
        root, key = match.group(1), match.group(2)
        if whole == "{{":
            literal.append("{")
        elif whole == "}}":
            literal.append("}")
        elif root.startswith("_") or (key is not None and key.startswith("_")):
            literal.append(whole)  # never looked up
        else:
            pieces.append("".join(literal))
            literal = []
            pieces.append((root, key, whole))
    literal.append(template[last:])
    pieces.append("".join(literal))
    return tuple(piece for piece in pieces if piece != "") or ("",)


class Citations(Mapping[str, str]):
    """A read-only namespace that formats a key on demand: `{s.grounds}` -> "s19(a)(ii)".

    `format_key` raises KeyError for a key it does not know (or an Act lacks); `fill` then
    leaves the placeholder as written, and validators report it.
    """

    __slots__ = ("_format_key", "_keys")

    def __init__(self, keys: Mapping[str, Any] | frozenset[str] | set[str] | tuple[str, ...],
                 format_key: Callable[[str], str]) -> None:
        self._keys = tuple(keys)
        self._format_key = format_key

    def __getitem__(self, key: str) -> str:
        if not isinstance(key, str) or key.startswith("_"):
            raise KeyError(key)
        return self._format_key(key)

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)
