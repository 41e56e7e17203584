"""The period a part covers when it takes an earlier part's ("any correspondence about it in
that period"): read through `Part.period_from` each time it is needed, so the part follows
the earlier part's period as it changes and never keeps dates the requester no longer has.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from oiadraft.model import Part, Period

Lookup = Callable[[str], "Part | None"]


def part_period(part: Part, parts: Iterable[Part] | Lookup,
                today: date | None = None) -> Period | None:
    """The period given for `part` apart from its words and the request's: the one given for
    it, else, for a part that covers an earlier part's period, that part's (see
    `period_to_take`). None when it has none, or the part it took its period from is gone.
    `parts` is the draft's parts, or a lookup by id."""
    if part.period is not None or part.period_from is None:
        return part.period
    lookup = _lookup(parts)
    target = lookup(part.period_from)
    return period_to_take(target, lookup, today, seen={part.id}) if target else None


def period_to_take(part: Part, parts: Iterable[Part] | Lookup, today: date | None = None,
                   seen: set[str] | None = None) -> Period | None:
    """The period a part gives one that says it covers "that period": the one given for it,
    else the first its words state, else the one it takes in turn from another part."""
    from oiadraft.periods.find import find_periods

    lookup = _lookup(parts)
    seen = set(seen or ())
    target: Part | None = part
    while target is not None and target.id not in seen:
        seen.add(target.id)
        if target.period is not None:
            return target.period
        found = find_periods(target.text, today=today, limit=1)
        if found:
            return found[0].period
        target = lookup(target.period_from) if target.period_from is not None else None
    return None


def part_to_follow(parts: list[Part], index: int, today: date | None = None
                   ) -> tuple[int, Period] | None:
    """For the part at `index`, which says it covers "that period": the index of the nearest
    earlier part that gives a period (see `period_to_take`), and that period; None when no
    earlier part gives one."""
    lookup = _lookup(parts)
    for earlier in range(index - 1, -1, -1):
        period = period_to_take(parts[earlier], lookup, today)
        if period is not None:
            return earlier, period
    return None


def _lookup(parts: Iterable[Part] | Lookup) -> Lookup:
    if callable(parts):
        return parts
    by_id = {p.id: p for p in parts}
    return by_id.get
