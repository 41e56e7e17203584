"""Whether a part covers an earlier part's period ("... in that period") once its words are
what they are: for a part added in the chat, and one reworded in review's part editor; the
same reading as `oiadraft check`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from oiadraft.model import Draft, Period


@dataclass(frozen=True)
class Relinked:
    """What the part at an index follows once reworded: `period_from` (the earlier part's id,
    or None); `dropped`, the number of the part it no longer follows; `taken`, the number and
    period of the part it now follows."""

    period_from: str | None
    dropped: int | None = None
    taken: tuple[int, Period] | None = None


def relink_reworded(draft: Draft, index: int, text: str, today: date | None,
                    said: Any = None) -> Relinked:
    """The part at `index` reworded to `text`: it keeps following the earlier part while its
    words still say "that period", stops when they no longer do, and starts to follow the
    nearest earlier part that gives a period when they start to, unless it or the request
    has a period of its own. `said`: the words' assessment, when the caller has it."""
    from oiadraft import scope
    from oiadraft.periods import part_to_follow

    part = draft.parts[index]
    said = said if said is not None else scope.assess(text)
    if part.period_from is not None:
        if said.refers_to_earlier_period:
            return Relinked(part.period_from)
        dropped = next((at for at, p in enumerate(draft.parts, 1)
                        if p.id == part.period_from), None)
        return Relinked(None, dropped=dropped)
    if not said.refers_to_earlier_period or said.period is not None \
            or part.period is not None or draft.period is not None:
        return Relinked(None)
    found = part_to_follow(draft.parts, index, today)
    if found is None:
        return Relinked(None)
    earlier, period = found
    return Relinked(draft.parts[earlier].id, taken=(earlier + 1, period))
