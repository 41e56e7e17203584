"""Finding the vocabulary in a part: each match is a `Token` (kind, start, end, text).

Matching runs on lower-cased text when lower-casing keeps every offset: the vocabulary for a
word is tried only where that word begins (`Rules.trigger` / `Rules.dispatch`). Misspelt key
words ("corespondence", "staf") are read as the word meant, found cheaply: only words whose
first letter and length could make them a typo of a target are looked at.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from rapidfuzz.distance import Levenshtein

from oiadraft.scope.patterns import FOLDS_ODDLY
from oiadraft.scope.vocabulary import Rules

BREAK = re.compile(r"[.;:?!]\s|\n\s*\n")


def same_clause(text: str, start: int, end: int) -> bool:
    """No full stop, semicolon, colon or paragraph break between `start` and `end`."""
    return BREAK.search(text, start, end) is None


class Token(NamedTuple):
    kind: str
    start: int
    end: int
    text: str


def _typo_fixes(text: str, rules: Rules, low: str | None = None) -> list[tuple[int, int, str]]:
    """(start, end, corrected word) for misspelt key words, found cheaply. `low`: the text
    lower-cased, when that keeps every offset and no letter folds oddly."""
    fixes: list[tuple[int, int, str]] = []
    if low is not None or FOLDS_ODDLY.search(text) is None:
        # lower-cased text keeps every offset and matches [a-z] exactly as ignoring case would
        candidates = rules.typo_candidates_lower.finditer(low or text.lower())
    else:
        candidates = rules.typo_candidates.finditer(text)
    decided = rules.typo_decided
    for match in candidates:
        word = match.group(0)
        fix = decided.get(word, _UNDECIDED)
        if fix is _UNDECIDED:
            if len(decided) >= _DECISIONS_KEPT:
                decided.clear()
            fix = decided[word] = _typo_fix(word.lower(), rules)
        if fix is not None:
            fixes.append((match.start(), match.end(), fix))
    return fixes


_UNDECIDED = object()
_DECISIONS_KEPT = 20_000


def _typo_fix(low: str, rules: Rules) -> str | None:
    """The word a lower-cased candidate is a misspelling of, or None."""
    known = rules.typo_known.get(low)
    if known is not None and known != low:
        return known
    if len(low) < rules.typo_min or low in rules.typo_quiet:
        return None  # too short, a target itself, or a real word never corrected
    bounds = rules.typo_lengths.get(low[0])
    if bounds is None or not bounds[0] <= len(low) <= bounds[1]:
        return None  # _closest would find no target this far away
    fix = closest(low, rules.typo_words, rules.typo_max)
    return fix if fix is not None and fix != low else None


@lru_cache(maxsize=4096)
def closest(word: str, targets: tuple[str, ...], max_distance: int) -> str | None:
    if word in targets:
        return word
    best = None
    best_distance = max_distance + 1
    for target in targets:
        if target[0] != word[0] or abs(len(target) - len(word)) > max_distance:
            continue
        allowed = 1 if len(target) <= 9 else max_distance
        distance = Levenshtein.distance(word, target, score_cutoff=allowed)
        if distance <= allowed and distance < best_distance:
            best, best_distance = target, distance
    return best


def _scan(text: str, rules: Rules, low: str | None = None) -> list[Token]:
    """Every vocabulary match in `text`, left to right, never overlapping.

    On lower-cased text when lower-casing keeps every offset: the vocabulary for a word is
    tried only where that word begins (`Rules.trigger`/`dispatch`), which finds exactly what
    the whole pattern (`Rules.master()`) would, several times faster. `low`: as for
    `_typo_fixes`. The tokens' words are `text`'s, as written."""
    kinds = rules.group_kinds
    if low is None:
        low = text.lower()
        if len(low) != len(text) or FOLDS_ODDLY.search(text) is not None:
            low = None
    if low is None:
        return [Token(kinds[m.lastgroup or ""], m.start(), m.end(), m.group())
                for m in rules.master().finditer(text)]
    dispatch = rules.dispatch
    found = []
    taken = 0
    for trigger in rules.trigger.finditer(low):
        start = trigger.start()
        if start < taken:
            continue
        match = dispatch[trigger.group()].match(low, start)
        if match is not None:
            taken = match.end()
            found.append(Token(kinds[match.lastgroup or ""], start, taken, text[start:taken]))
    return found


def tokens(text: str, rules: Rules) -> list[Token]:
    low: str | None = text.lower()
    if len(low) != len(text) or FOLDS_ODDLY.search(text) is not None:
        low = None  # lower-casing moves or folds a letter: the case-blind patterns instead
    fixes = _typo_fixes(text, rules, low)
    if not fixes:
        return _scan(text, rules, low)
    # match on a corrected copy, then map positions back to the original text
    pieces: list[str] = []
    segments: list[tuple[int, int, int, int]] = []  # norm start, norm end, orig start, orig end
    last = 0
    norm_pos = 0
    for start, end, word in fixes:
        pieces.append(text[last:start])
        norm_pos += start - last
        segments.append((norm_pos, norm_pos + len(word), start, end))
        pieces.append(word)
        norm_pos += len(word)
        last = end
    pieces.append(text[last:])
    norm = "".join(pieces)

    def back(pos: int, is_end: bool) -> int:
        delta = 0
        for norm_start, norm_end, orig_start, orig_end in segments:
            if norm_end <= pos:
                delta += (orig_end - orig_start) - (norm_end - norm_start)
            elif norm_start < pos:
                return orig_end if is_end else orig_start
            else:
                break
        return pos + delta

    tokens = []
    for kind, norm_start, norm_end, _ in _scan(norm, rules):
        start = max(0, min(back(norm_start, False), len(text)))
        end = max(start, min(back(norm_end, True), len(text)))
        tokens.append(Token(kind, start, end, text[start:end]))
    return tokens


