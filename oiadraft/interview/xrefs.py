"""References between parts ("falling within 1 and 2 above", "listed in response to part 3",
"the previous part") kept pointing at the same parts when parts move, split or go.

Call `follow(before, parts)` after any change to the order: `before` is the list of part ids as
it was, `parts` the parts as they are now. Every reference is read against the old numbering,
so it names a part (by id); it is then written again with the new numbers. "The previous
part" stays as it is while it still means the part just before, and becomes "part N"
otherwise. A reference to a part that is gone cannot be made right: it is left as written and
reported, so the requester can reword it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from oiadraft.model import Part
from oiadraft.text import join_and

_NUMBER = r"\(?\d{1,4}\)?"
_JOIN = r"\s*(?:,\s*(?:and\s+|or\s+)?|and|or|to|-|–)\s*"
_LIST = rf"{_NUMBER}(?:{_JOIN}{_NUMBER})*"
# "part 3", "parts 1 and 2", "questions 1 to 3", "items (1) and (2)"
_LEAD = re.compile(rf"\b(?P<lead>(?:part|question|item|request|point)s?)\s+(?P<list>{_LIST})"
                   r"(?![\d/.]\d)", re.IGNORECASE)
# "falling within 1 and 2 above", "identified in 3 of this request"
_BARE = re.compile(rf"\b(?:falling|fall|falls|identified|listed|referred\s+to|covered|"
                   rf"mentioned|described|requested)\s+(?:with)?in\s+(?P<list>{_LIST})"
                   r"(?=\s+(?:above|of\s+this\s+request)\b)", re.IGNORECASE)
_PREVIOUS = re.compile(r"\bthe\s+(?:previous|preceding|last|above)\s+part\b|\bthe\s+part\s+above\b",
                       re.IGNORECASE)
_DIGITS = re.compile(r"\d{1,4}")
_RANGE = re.compile(r"\d\)?\s*(?:to|-|–)\s*\(?\d")


@dataclass(frozen=True)
class Reference:
    """One reference in a part's text: where it is, and the part numbers it names."""

    span: tuple[int, int]
    """The stretch to rewrite: "parts 1 and 2", the bare list "1 and 2" (of "falling within
    1 and 2 above"), or "the previous part"."""
    numbers: tuple[int, ...]
    lead: str | None
    """"part"/"parts"/"questions"... when the numbers follow such a word; None otherwise."""
    previous: bool = False


def references(text: str) -> list[Reference]:
    """Every reference to other parts in `text`, in order."""
    found: list[Reference] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in taken)

    for match in _LEAD.finditer(text):
        found.append(Reference(match.span(), _numbers(match.group("list")), match.group("lead")))
        taken.append(match.span())
    for match in _BARE.finditer(text):
        span = match.span("list")
        if free(*span):
            found.append(Reference(span, _numbers(match.group("list")), None))
            taken.append(span)
    for match in _PREVIOUS.finditer(text):
        if free(*match.span()):
            found.append(Reference(match.span(), (), None, previous=True))
    return sorted(found, key=lambda ref: ref.span)


def name_previous(text: str, number: int) -> str:
    """"the previous part" written as "part N" (N: the number of the part meant), so that it
    stays right wherever the parts move."""
    return _PREVIOUS.sub(f"part {number}", text)


def _numbers(listing: str) -> tuple[int, ...]:
    values = [int(d) for d in _DIGITS.findall(listing)]
    if len(values) == 2 and _RANGE.search(listing) and values[0] < values[1] <= values[0] + 50:
        return tuple(range(values[0], values[1] + 1))
    return tuple(values)


@dataclass(frozen=True)
class Broken:
    """A part that refers to a part that is no longer there."""

    part: str
    """The id of the part whose words need a look."""
    numbers: tuple[int, ...]
    """The old numbers it names that are gone."""


def follow(before: Sequence[str], parts: list[Part]) -> list[Broken]:
    """Rewrite references in `parts` (in place) so that they name the same parts as they did
    when the parts were in the order `before` (a list of ids). Returns the references that
    name parts no longer there."""
    if list(before) == [part.id for part in parts]:
        return []
    old_number = {part_id: index for index, part_id in enumerate(before, 1)}
    new_number = {part.id: index for index, part in enumerate(parts, 1)}
    broken: list[Broken] = []
    for part in parts:
        mine = old_number.get(part.id)
        if mine is None:
            continue  # a new part: its words already use the new numbers
        refs = references(part.text)
        if not refs:
            continue
        text = part.text
        gone: list[int] = []
        for ref in reversed(refs):
            replacement, lost = _rewrite(ref, text, mine, before, new_number,
                                         new_number[part.id])
            gone.extend(lost)
            if replacement is not None:
                text = text[:ref.span[0]] + replacement + text[ref.span[1]:]
        part.text = text
        if gone:
            broken.append(Broken(part.id, tuple(sorted(set(gone)))))
    return broken


def _rewrite(ref: Reference, text: str, mine: int | None, before: Sequence[str],
             new_number: dict[str, int], my_new: int) -> tuple[str | None, list[int]]:
    """The new words for one reference (None: leave it), and the old numbers that are gone."""
    if ref.previous:
        if mine is None or mine < 2:
            return None, []
        target = new_number.get(before[mine - 2])
        if target is None:
            return None, [mine - 1]
        if target == my_new - 1:
            return None, []
        return "part " + str(target), []
    mapped: list[int] = []
    lost: list[int] = []
    for number in ref.numbers:
        if not 1 <= number <= len(before):
            mapped.append(number)  # not a part number we know: leave it alone
            continue
        target = new_number.get(before[number - 1])
        if target is None:
            lost.append(number)
        else:
            mapped.append(target)
    if not mapped or mapped == list(ref.numbers):
        return None, lost
    original = text[ref.span[0]:ref.span[1]]
    if ref.lead is None:
        return _listing(mapped, original), lost
    listing = original[len(ref.lead):].lstrip()
    return f"{_lead(ref.lead, len(mapped))} {_listing(mapped, listing)}", lost


def _lead(word: str, count: int) -> str:
    """"parts" -> "part" for one number (and back), keeping the word and its capital."""
    stem = word[:-1] if word.lower().endswith("s") else word
    return stem if count == 1 else stem + ("S" if stem.isupper() else "s")


def _listing(numbers: list[int], original: str) -> str:
    """Numbers written the way the original list was: a range stays a range when it still is
    one, "(1) and (2)" keeps its brackets."""
    bracket = original.lstrip().startswith("(")
    ordered = sorted(numbers)
    shown = [f"({n})" if bracket else str(n) for n in ordered]
    contiguous = all(b == a + 1 for a, b in pairwise(ordered))
    if _RANGE.search(original) and contiguous and len(ordered) > 2:
        return f"{shown[0]} to {shown[-1]}"
    return join_and(shown)
