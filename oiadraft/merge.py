"""Three-way merge of two versions of one draft that were changed apart from each other.

When a draft file changed on disk since it was read (a `drafts rename` from the command line
while the chat had it open, or two windows on one draft), the store merges the two versions
against the one both started from, in their on-disk form (`model.draft_to_dict`): a field
changed on one side only takes that side's value; parts are matched by id, so a part added on
each side keeps both and a part deleted on one side goes unless the other side changed it;
clause lists and mappings merge item by item. What both sides changed differently is a
conflict, and the caller keeps both versions. The chat's own bookkeeping never conflicts: the
side being saved wins it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

BOOKKEEPING = frozenset({"conversation"})
"""Fields that only record where the chat stands (the side being saved wins)."""
IGNORED = frozenset({"version", "created", "updated"})


@dataclass
class Merged:
    """The merged draft (on-disk form) and what could not be merged."""

    data: dict[str, Any]
    theirs_taken: list[str] = field(default_factory=list)
    """Fields whose value came from the other version."""
    conflicts: list[str] = field(default_factory=list)
    """Fields both versions changed differently (the merged data keeps ours)."""


def merge(base: dict[str, Any] | None, ours: dict[str, Any], theirs: dict[str, Any]) -> Merged:
    """Merge `theirs` (on disk) into `ours` (being saved), both changed from `base`.

    Without a base (the two versions share no known ancestor) every difference is a conflict.
    """
    if base is None:
        differing = [key for key in _keys(ours, theirs) if ours.get(key) != theirs.get(key)]
        return Merged(dict(ours), conflicts=differing)
    result = Merged(dict(ours))
    for key in _keys(base, ours, theirs):
        b, o, t = base.get(key), ours.get(key), theirs.get(key)
        if o == t or t == b:
            continue
        if o == b:
            result.data[key] = t
            result.theirs_taken.append(key)
            continue
        if key in BOOKKEEPING:
            continue
        merged, clashes = _merge_field(key, b, o, t)
        result.data[key] = merged
        result.theirs_taken.append(key)
        result.conflicts.extend(clashes)
    created = [d.get("created") for d in (ours, theirs) if d.get("created")]
    if created:
        result.data["created"] = min(created)
    return result


def _keys(*dicts: dict[str, Any]) -> list[str]:
    seen: dict[str, None] = {}
    for data in dicts:
        for key in data:
            if key not in IGNORED:
                seen.setdefault(key, None)
    return list(seen)


def _merge_field(key: str, b: Any, o: Any, t: Any) -> tuple[Any, list[str]]:
    if key == "parts" and all(_is_parts(x) for x in (b, o, t)):
        return _merge_parts(b or [], o or [], t or [])
    if all(isinstance(x, dict) or x is None for x in (b, o, t)):
        return _merge_mapping(key, b or {}, o or {}, t or {})
    if all((isinstance(x, list) and all(isinstance(i, str) for i in x)) or x is None
           for x in (b, o, t)):
        return _merge_set(b or [], o or [], t or []), []
    return o, [key]


def _merge_mapping(key: str, b: dict[str, Any], o: dict[str, Any],
                   t: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """Item by item; in `answers`, keys starting "_" are the chat's bookkeeping (ours wins)."""
    merged = dict(o)
    clashes = []
    for item in {**b, **o, **t}:
        bi, oi, ti = b.get(item, _MISSING), o.get(item, _MISSING), t.get(item, _MISSING)
        if oi == ti or ti == bi:
            continue
        if oi == bi:
            if ti is _MISSING:
                merged.pop(item, None)
            else:
                merged[item] = ti
        elif not (key == "answers" and str(item).startswith("_")):
            clashes.append(f"{key}.{item}")
    return merged, clashes


def _merge_set(b: list[str], o: list[str], t: list[str]) -> list[str]:
    """Ours in our order, plus what they added, less what they removed."""
    removed = set(b) - set(t)
    added = [item for item in t if item not in b and item not in o]
    return [item for item in o if item not in removed] + added


def _is_parts(value: Any) -> bool:
    return value is None or (isinstance(value, list) and all(
        isinstance(part, dict) and isinstance(part.get("id"), str) for part in value))


def _merge_parts(b: list[dict[str, Any]], o: list[dict[str, Any]],
                 t: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[str]]:
    """Parts matched by id: each side's additions kept, deletions applied, edits merged."""
    base = {part["id"]: part for part in b}
    mine = {part["id"]: part for part in o}
    other = {part["id"]: part for part in t}
    clashes: list[str] = []
    content: dict[str, dict[str, Any]] = {}
    for part_id in {**mine, **other}:
        bp, op, tp = base.get(part_id), mine.get(part_id), other.get(part_id)
        if op is not None and tp is not None:
            if op == tp or tp == bp:
                content[part_id] = op
            elif op == bp:
                content[part_id] = tp
            else:
                content[part_id] = op
                clashes.append(f"part {_number(o, part_id)}")
        elif bp is None:  # added on one side
            content[part_id] = op if op is not None else tp
        else:  # deleted on one side: gone, unless the other side changed it
            kept = op if op is not None else tp
            if kept != bp:
                content[part_id] = kept
                clashes.append(f"part {_number(o if op is not None else t, part_id)}")
    ours_reordered = [p for p in mine if p in base] != [p for p in base if p in mine]
    skeleton, extra = (o, t) if ours_reordered else (t, o)
    order = [part["id"] for part in skeleton if part["id"] in content]
    added_by_skeleton = {p for p in order if p not in base}
    previous: str | None = None
    for part in extra:
        part_id = part["id"]
        if part_id in order:
            previous = part_id
        elif part_id in content:
            at = order.index(previous) + 1 if previous in order else 0
            while at < len(order) and order[at] in added_by_skeleton:
                at += 1  # after what the other side added there (it came first)
            order.insert(at, part_id)
            previous = part_id
    return [content[part_id] for part_id in order], clashes


def _number(parts: list[dict[str, Any]], part_id: str) -> int:
    return next(i for i, part in enumerate(parts, 1) if part["id"] == part_id)


class _Missing:
    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return "<missing>"


_MISSING = _Missing()
