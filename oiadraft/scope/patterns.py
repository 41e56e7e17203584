"""Regular expressions built from the vocabulary: one pattern per kind of words, and a
dispatch that tries a kind only where a word it can begin with starts.

A phrase's first word is its own first word; a pattern says its first words in the YAML
(`lead`), so nothing here reads a regular expression's internals. Tried only where its word
begins, the vocabulary matches there exactly what the whole pattern would
(tests/test_scope_speed.py checks this on real and generated text).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any, NamedTuple

WORD_RUN = re.compile(r"\w+")
WORD_CHAR = re.compile(r"\w")


def trie_regex(phrases: Iterable[str]) -> str:
    """One regex for many phrases, sharing prefixes (a trie), so the engine rejects a word
    after a character or two instead of trying every phrase. Spaces match any white space."""
    trie: dict[str, Any] = {}
    for phrase in phrases:
        node = trie
        for char in " ".join(phrase.lower().split()):
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        ends = "" in node
        branches = []
        for char in sorted(k for k in node if k):
            head = r"\s+" if char == " " else re.escape(char)
            branches.append(head + build(node[char]))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return build(trie)


def first_word(phrase: str) -> str:
    """The run of word characters a phrase begins with (lower case), or its first character
    when that is not a word character."""
    flat = " ".join(phrase.lower().split())
    match = WORD_RUN.match(flat)
    return match.group(0) if match else flat[0]


class Piece(NamedTuple):
    """Part of one kind's vocabulary: the words it can begin with, its regex, and the phrases
    behind it (None for a pattern). The regex of phrases is worked out when first needed
    (`piece_source`): most first words never occur in a given request."""

    first: frozenset[str]
    source: str | None
    phrases: tuple[str, ...] | None


def piece_source(piece: Piece) -> str:
    """The regex of a piece: a pattern's own, or the phrases' (a trie)."""
    if piece.source is not None:
        return piece.source
    return f"(?:{trie_regex(piece.phrases or ())})(?!\\w)"


def phrase_pieces(phrases: list[str]) -> list[Piece]:
    """One piece per first word of the phrases."""
    by_word: dict[str, list[str]] = {}
    for phrase in phrases:
        by_word.setdefault(first_word(phrase), []).append(phrase)
    return [Piece(frozenset([word]), None, tuple(some)) for word, some in by_word.items()]


Keyed = tuple[tuple[str, tuple[Piece, ...]], ...]
"""Each kind's group name and its pieces, in priority order."""


@lru_cache(maxsize=8)
def master_source(keyed: Keyed) -> str:
    """All the vocabulary in one case-blind pattern: for each kind, its phrases as one trie
    (the order of phrases makes no difference to a trie), then its patterns."""
    groups = []
    for name, pieces in keyed:
        phrases = [phrase for piece in pieces if piece.source is None
                   for phrase in piece.phrases or ()]
        alternatives = [f"(?:{trie_regex(phrases)})(?!\\w)"] if phrases else []
        alternatives += [piece.source for piece in pieces if piece.source is not None]
        groups.append(f"(?P<{name}>{'|'.join(alternatives)})")
    return r"(?<!\w)(?:" + "|".join(groups) + ")"


def pattern_piece(lead: list[str], rest: str) -> Piece:
    """A pattern written as its first words and the regex after them."""
    words = sorted({" ".join(w.lower().split()) for w in lead}, key=lambda w: (-len(w), w))
    head = "|".join(re.escape(w) for w in words)
    guard = r"(?!\w)" if all(WORD_CHAR.match(w[-1]) for w in words) else ""
    return Piece(frozenset(first_word(w) for w in words), f"(?:(?:{head}){guard}{rest})", None)


class Dispatch(dict):  # type: ignore[type-arg]
    """Word -> its compiled pattern, each worked out and compiled the first time a text has the
    word (a few hundred patterns, most of which a given request never needs: building them all
    would be most of the cost of loading the vocabulary). Reads as the mapping of every word.
    `sources` maps each word to its regex, or to the kinds' pieces (group name, pieces) that
    can begin with it."""

    def __init__(self, sources: dict[str, str | Keyed]) -> None:
        super().__init__()
        self.sources = sources

    def __missing__(self, word: str) -> re.Pattern[str]:
        source = self.sources[word]  # KeyError: not a first word
        if not isinstance(source, str):
            source = r"(?<!\w)(?:" + "|".join(
                f"(?P<{name}>{'|'.join(piece_source(piece) for piece in mine)})"
                for name, mine in source) + ")"
        pattern = self[word] = re.compile(source)
        return pattern

    def __contains__(self, word: object) -> bool:
        return word in self.sources

    def __iter__(self) -> Iterator[str]:
        return iter(self.sources)

    def __len__(self) -> int:
        return len(self.sources)

    def get(self, word: str, default: Any = None) -> Any:
        return self[word] if word in self.sources else default

    def keys(self) -> Any:
        return self.sources.keys()

    def values(self) -> Any:
        return [self[word] for word in self.sources]

    def items(self) -> Any:
        return [(word, self[word]) for word in self.sources]


def build_dispatch(keyed: Keyed) -> tuple[re.Pattern[str], dict[str, re.Pattern[str]]]:
    """A trigger pattern for the words phrases begin with, and for each word the vocabulary
    (group names and order kept) that can begin with it.

    A word that begins only phrases of two or more words ("on the subject of", "and/or")
    triggers only where the rest of one of them follows, so common words ("on", "and", "to")
    cost the engine a look ahead rather than a call from Python."""
    words: set[str] = set()
    for _, pieces in keyed:
        for piece in pieces:
            words |= piece.first
    sources: dict[str, str | Keyed] = {}
    tails: dict[str, str] = {}
    for word in sorted(words):
        groups = []
        rests: list[str] | None = []
        for name, pieces in keyed:
            mine = tuple(piece for piece in pieces if word in piece.first)
            if mine:
                groups.append((name, mine))
            for piece in mine:
                if piece.phrases is None or rests is None:
                    rests = None
                    continue
                for phrase in piece.phrases:
                    rest = " ".join(phrase.lower().split())[len(word):]
                    if not rest:
                        rests = None
                        break
                    rests.append(rest)
        sources[word] = tuple(groups)
        if WORD_CHAR.match(word):
            tails[word] = _rest_lookahead(rests) if rests else r"(?!\w)"
    marks = [w for w in words if not WORD_CHAR.match(w)]
    alternatives = []
    if tails:
        alternatives.append(_word_trie(tails))
    if marks:
        alternatives.append("[" + "".join(re.escape(m) for m in sorted(marks)) + "]")
    trigger = re.compile(r"(?<!\w)(?:" + ("|".join(alternatives) or "(?!)") + ")")
    return trigger, Dispatch(sources)


def _rest_lookahead(rests: list[str]) -> str:
    """A look ahead for the rest of some phrases after their first word (" the minister",
    "/or"): white space in them matches any run of white space, as in the phrases."""
    spaced = [rest for rest in rests if rest[0] == " "]
    joined = [rest for rest in rests if rest[0] != " "]
    options = []
    if spaced:
        options.append(rf"\s+(?:{trie_regex(spaced)})")
    if joined:
        options.append(f"(?:{trie_regex(joined)})")
    return rf"(?=(?:{'|'.join(options)})(?!\w))"


def _word_trie(tails: dict[str, str]) -> str:
    """One regex for many words sharing prefixes, each word followed by its own tail."""
    trie: dict[str, Any] = {}
    for word, tail in tails.items():
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = tail

    def build(node: dict[str, Any]) -> str:
        branches = [re.escape(char) + build(node[char]) for char in sorted(k for k in node if k)]
        if "" in node:
            branches.append(node[""])
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return build(trie)


# Letters that match an ASCII letter when case is ignored, or change length when lower-cased
# (matching falls back to the whole case-blind pattern where one is).
FOLDS_ODDLY = re.compile("[\u0130\u0131\u017f\u212a]")
