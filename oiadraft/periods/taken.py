"""The period a part covers when it takes an earlier part's ("any correspondence about it in
that period"): read through `Part.period_from` each time it is needed, so the part follows
the earlier part's period as it changes and never keeps dates the requester no longer has.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from oiadraft.model import Part, Period


def part_period(part: Part, parts: Iterable[Part] | Callable[[str], Part | None],
                today: date | None = None) -> Period | None:
    """The period given for `part` apart from its words and the request's: the one given for
    it, else, for a part that covers an earlier part's period, that part's (given for it, in
    its words, or taken in turn from another). None when it has none, or the part it took
    its period from is gone. `parts` is the draft's parts, or a lookup by id."""
    if part.period is not None or part.period_from is None:
        return part.period
    if callable(parts):
        lookup = parts
    else:
        by_id = {p.id: p for p in parts}
        lookup = by_id.get
    from oiadraft.periods.find import find_periods

    seen = {part.id}
    target = lookup(part.period_from)
    while target is not None and target.id not in seen:
        seen.add(target.id)
        if target.period is not None:
            return target.period
        found = find_periods(target.text, today=today, limit=1)
        if found:
            return found[0].period
        target = lookup(target.period_from) if target.period_from is not None else None
    return None
