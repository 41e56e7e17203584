"""A whole request pasted before the parts question (a journalist pastes the letter they wrote
as the first answer): kept, never lost, and put in the box when the parts question comes. When
the letter opens with a salutation naming an agency the directory knows ("Dear Ministry of
Foreign Affairs and Trade,"), that answers "who are you asking?"."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from oiadraft.interview.show import LARGE_PASTE, split_paste
from oiadraft.interview.words import number

if TYPE_CHECKING:
    from oiadraft.interview.engine import Turn


def hold(turn: Turn, step: Any, text: str) -> bool:
    """Keep `text` for the parts question when it is a request of two or more parts given in
    answer to an earlier question; True when it was kept (and the turn is answered)."""
    state = turn.state
    if state.pending is not None or step.kind == "parts" or "parts" in state.answered \
            or len(text) > LARGE_PASTE:
        return False
    split = split_paste(text)
    if split is None or len(split.parts) < 2:
        return False
    turn.state = replace(state, held=text)
    turn.say("request_held", count=number(len(split.parts)))
    name = addressee(split.preamble) if step.kind == "agency" else None
    if name:
        resolution = turn.iv.directory.resolve(name)
        if resolution.status == "found":
            from oiadraft.interview.steps import set_agency

            set_agency(turn, resolution.agency)
            return True
    turn.reask = True
    return True


def addressee(preamble: str) -> str | None:
    """Who a letter's salutation names ("Dear Ministry of Health," -> "Ministry of Health"),
    or None when its first line is no salutation or names no one."""
    from oiadraft.letter.splitter import greeting_pattern

    first = next((line.strip() for line in preamble.splitlines() if line.strip()), "")
    match = greeting_pattern().match(first)
    if match is None:
        return None
    name = re.sub(r"[\s,.:;!]+$", "", first[match.end():]).strip()
    return name or None
