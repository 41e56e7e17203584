"""Fuzzy lookup: the search index over every name, te reo name, acronym, alias, portfolio
and town, the rules that encode what people mean by their words, and `Directory.resolve`."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from oiadraft.agencies.model import (
    AMBIGUOUS,
    FOUND,
    NOT_FOUND,
    Agency,
    Match,
    Resolution,
    council_acts,
)

FOUND_SCORE = 85.0
"""A top match at or above this, clear of the runner-up, is taken as the answer."""
CLEAR_MARGIN = 8.0
"""How far ahead of the next agency the top match must be to count as one clear winner."""
CLOSE_SCORE = 72.0
"""Below this nothing is close enough to offer as "did you mean"; the result is not found."""
NEAR_SCORE = 50.0
"""A not-found result offers the closest names only from this score up."""
MIN_SCORE = 40.0
"""Matches below this are noise and never listed."""
WORD_MATCH = 70.0
"""A word of the query is explained by a name when it is this alike to one of the name's words
(so "helth" is explained by "Ministry of Health", "trust" is not by "Ōtaki")."""

EXACT_SCORE = 100.0
PLACE_EXACT_SCORE = 96.0  # a town is a strong hint, but a name that is also a town stays ambiguous
PLACE_WEIGHT = 0.95


@dataclass(frozen=True)
class _Choice:
    text: str  # normalised, what rapidfuzz compares
    shown: str  # as spelled in the directory
    agency: int
    field: str  # name, te_reo, acronym, alias, portfolio, place
    content: str  # `text` without generic words ("ministry", "of", "council", ...)


@dataclass
class Directory:
    """The loaded directory with its search index (built once)."""

    agencies: tuple[Agency, ...]
    sources: Mapping[str, Mapping[str, str]]
    regions: Mapping[str, str]
    """Region key -> the anniversary day it observes (label)."""
    kinds: Mapping[str, str]
    """Kind key -> description."""
    path: str = "<agencies>"
    _by_id: dict[str, Agency] = field(init=False, repr=False)
    _choices: list[_Choice] = field(init=False, repr=False)
    _texts: list[str] = field(init=False, repr=False)
    _exact: dict[str, list[int]] = field(init=False, repr=False)
    _vocabulary: list[str] = field(init=False, repr=False)
    _postings: dict[str, list[int]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._by_id = {agency.id: agency for agency in self.agencies}
        self._choices = []
        seen: set[tuple[int, str]] = set()
        for index, agency in enumerate(self.agencies):
            for field_name, shown in _choice_texts(agency):
                text = normalize(shown)
                if not text or (index, text) in seen:
                    continue
                seen.add((index, text))
                self._choices.append(_Choice(text, shown, index, field_name, content_words(text)))
        self._texts = [choice.text for choice in self._choices]
        self._exact = {}
        self._postings = {}
        for position, choice in enumerate(self._choices):
            self._exact.setdefault(choice.text, []).append(position)
            for word in set(choice.content.split()):
                self._postings.setdefault(word, []).append(position)
        self._vocabulary = sorted(self._postings)

    # ── lookups ────────────────────────────────────────────────────────────────────────────
    def get(self, agency_id: str) -> Agency | None:
        """The agency with this id, or None."""
        return self._by_id.get(agency_id)

    def search(self, query: str, limit: int = 5) -> list[Match]:
        """Ranked candidates for what the user typed (best first, at most `limit`)."""
        return self._rank(query)[: max(limit, 0)]

    def resolve(self, query: str) -> Resolution:
        """Decide whether the query names one agency, several, or none we know."""
        ranked = self._rank(query)
        if not ranked or ranked[0].score < CLOSE_SCORE:
            closest = [m for m in ranked[:3] if m.score >= NEAR_SCORE]
            return Resolution(query, NOT_FOUND, tuple(closest))
        top = ranked[0]
        runner_up = ranked[1] if len(ranked) > 1 else None
        clear = runner_up is None or (
            (top.exact and not runner_up.exact)
            or top.score - runner_up.score >= CLEAR_MARGIN
        )
        if top.score >= FOUND_SCORE and clear and (top.exact or not unexplained(query, top)):
            return Resolution(query, FOUND, tuple(ranked[:5]))
        close = [m for m in ranked if m.score >= max(CLOSE_SCORE, top.score - 2 * CLEAR_MARGIN)]
        return Resolution(query, AMBIGUOUS, tuple(close[:8]))

    # ── scoring ────────────────────────────────────────────────────────────────────────────
    def _candidates(self, content: str) -> list[int] | None:
        """Positions of the names sharing a word (or a near spelling, or a prefix) with the
        query's content words; None when the query has no content words (score everything).

        Names that share none would be capped by the content gate in `_rank` anyway, so this
        only saves time: the full fuzzy scorer then runs on tens of names instead of all.
        """
        if not content:
            return None
        words: set[str] = set()
        for word in content.split():
            words.update(
                found for found, _, _ in process.extract(
                    word, self._vocabulary, scorer=fuzz.ratio, processor=None, limit=None,
                    score_cutoff=_word_cutoff(word),
                )
            )
            if len(word) >= 3:
                start = bisect_left(self._vocabulary, word)
                while start < len(self._vocabulary) and self._vocabulary[start].startswith(word):
                    words.add(self._vocabulary[start])
                    start += 1
        return sorted({position for word in words for position in self._postings[word]})

    def _rank(self, query: str) -> list[Match]:
        text = normalize(query)
        if len(text) < 2:
            return []  # one letter is inside nearly every name: nothing to rank
        intent = _Intent.of(text)
        content = content_words(text, typos=True)
        best: dict[int, tuple[float, bool, _Choice]] = {}

        def offer(score: float, exact: bool, choice: _Choice) -> None:
            held = best.get(choice.agency)
            if held is None or (score, exact) > (held[0], held[1]):
                best[choice.agency] = (score, exact, choice)

        for position in self._exact.get(text, ()):
            choice = self._choices[position]
            offer(PLACE_EXACT_SCORE if choice.field == "place" else EXACT_SCORE, True, choice)
        positions = self._candidates(content)
        texts = self._texts if positions is None else [self._texts[p] for p in positions]
        for _, raw, found in process.extract(
            text, texts, scorer=fuzz.WRatio, processor=None, limit=None, score_cutoff=MIN_SCORE,
        ):
            position = found if positions is None else positions[found]
            choice = self._choices[position]
            if choice.text == text:
                continue  # already scored as exact
            score = raw
            if content and choice.content:
                # Similar only through generic words ("agency", "ministry of") or a few letters
                # inside a longer word ("at" in "mfat") is not similar: cap by the content words.
                score = min(raw, max(fuzz.ratio(content, choice.content),
                                     fuzz.token_set_ratio(content, choice.content)))
            if choice.field == "place":
                score *= PLACE_WEIGHT
            agency = self.agencies[choice.agency]
            offer(min(score + intent.adjustment(agency), 99.0), False, choice)

        ranked = sorted(
            ((round(score, 1), exact, choice) for score, exact, choice in best.values()
             if score >= MIN_SCORE),
            # on equal scores: exact first, then the closer whole string ("waikato district"
            # is Waikato before South Waikato), then departments before their Ministers
            key=lambda item: (-item[0], not item[1], -fuzz.ratio(text, item[2].text),
                              _kind_rank(self.agencies[item[2].agency], intent),
                              self.agencies[item[2].agency].name),
        )
        return [Match(self.agencies[choice.agency], score, choice.shown, exact)
                for score, exact, choice in ranked]


def unexplained(query: str, match: Match) -> list[str]:
    """The words of the query that say which body it is but that the matched name does not
    have: "community" and "trust" in "Otaki Community Trust" matched on the town "Ōtaki". A
    match that leaves words unexplained is a guess, to be confirmed, never an answer."""
    names = {normalize(match.matched_on), normalize(match.agency.name)}
    if match.agency.te_reo:
        names.add(normalize(match.agency.te_reo))
    known = set(" ".join(names).split())
    missing = []
    for word in content_words(normalize(query), typos=True).split():
        if word in known or any(
                fuzz.ratio(word, name) >= WORD_MATCH or (len(word) >= 3 and name.startswith(word))
                for name in known):
            continue
        missing.append(word)
    return missing


def _word_cutoff(word: str) -> float:
    """How alike a directory word must be to a query word to make its names candidates."""
    return 100.0 if len(word) <= 3 else 74.0 if len(word) == 4 else 70.0


@dataclass(frozen=True)
class _Intent:
    """What the words of the query say about the kind of body wanted."""

    minister: bool = False
    ministry: bool = False
    council: bool = False
    council_kind: str | None = None

    @classmethod
    def of(cls, text: str) -> _Intent:
        minister = ministry = council = False
        council_kind = None
        for token in text.split():
            if token in _MINISTRY_WORDS:
                ministry = True
            elif token in _COUNCIL_WORDS:
                council = True
            elif token in _COUNCIL_KIND_WORDS:
                council_kind = _COUNCIL_KIND_WORDS[token]
            elif len(token) >= 6 and token.startswith("min"):
                to_minister = Levenshtein.distance(token, "minister")
                to_ministry = Levenshtein.distance(token, "ministry")
                if min(to_minister, to_ministry) <= 2 and to_minister != to_ministry:
                    if to_minister < to_ministry:
                        minister = True
                    else:
                        ministry = True
        if council_kind and not council:
            council = True
        return cls(minister, ministry and not minister, council, council_kind)

    def adjustment(self, agency: Agency) -> float:
        """Points added to (or taken from) a fuzzy score for this agency."""
        is_minister = agency.kind == "minister"
        points = 0.0
        if self.minister:
            points += 0.0 if is_minister else -12.0
        elif self.ministry:
            points += -15.0 if is_minister else 0.0
        elif is_minister:
            points -= 5.0  # with no word for either, the department is the likelier recipient
        if self.council:
            if agency.is_council:
                points += 5.0
                if self.council_kind and agency.kind != self.council_kind:
                    points -= 8.0
            else:
                points -= 3.0 if agency.act in council_acts() else 8.0  # a council organisation, or not
        return points


_MINISTRY_WORDS = frozenset({"ministry", "ministries", "manatu", "department", "dept"})
_COUNCIL_WORDS = frozenset({"council", "councils", "kaunihera", "cc", "dc", "rc", "mayor",
                            "councillor", "councillors"})
_COUNCIL_KIND_WORDS = {
    "regional": "council_regional",
    "region": "council_regional",
    "city": "council_city",
    "district": "council_district",
    "unitary": "council_unitary",
}
_KIND_ORDER = {
    "department": 0, "police": 0, "defence": 0, "departmental_agency": 1, "crown_entity": 2,
    "council_city": 2, "council_district": 2, "council_unitary": 2, "council_regional": 3,
    "other": 4, "minister": 5, "not_subject": 6,
}


def _kind_rank(agency: Agency, intent: _Intent) -> int:
    if intent.minister and agency.kind == "minister":
        return -1
    return _KIND_ORDER.get(agency.kind, 9)


def _choice_texts(agency: Agency) -> Iterable[tuple[str, str]]:
    yield "name", agency.name
    if agency.te_reo:
        yield "te_reo", agency.te_reo
    for acronym in agency.acronyms:
        yield "acronym", acronym
    for alias in agency.aliases:
        yield "alias", alias
    if agency.portfolio and agency.portfolio != agency.name:
        portfolio = agency.portfolio
        for shown in (f"Minister of {portfolio}", f"Minister for {portfolio}",
                      f"{portfolio} Minister"):
            yield "portfolio", shown
    for place in agency.places:
        yield "place", place


GENERIC_WORDS = frozenset({
    "a", "agency", "and", "authority", "board", "city", "commission", "commissioner", "council",
    "councillor", "councillors", "department", "dept", "district", "for", "government", "govt",
    "i", "ki", "manatu", "mayor", "minister", "ministers", "ministry", "mo", "nga", "nz", "o",
    "of", "office", "regional", "service", "services", "te",
})
"""Words that say what kind of body, not which one: similarity through them alone is no match."""
_LONG_GENERIC = tuple(sorted(w for w in GENERIC_WORDS if len(w) >= 7))


def content_words(text: str, typos: bool = False) -> str:
    """The words of a normalised text that say which body it is ("ministry of health" -> "health").

    With `typos`, misspelt generic words are dropped too ("minstry of helth" -> "helth").
    """
    kept = []
    for word in text.split():
        if word in GENERIC_WORDS:
            continue
        if typos and len(word) >= 6 and any(
            Levenshtein.distance(word, generic, score_cutoff=1) <= 1 for generic in _LONG_GENERIC
        ):
            continue
        kept.append(word)
    return " ".join(kept)


_APOSTROPHES = re.compile(r"['’‘`]")
_NON_WORD = re.compile(r"[^a-z0-9]+")


def normalize(text: str) -> str:
    """Fold case, macrons and punctuation so that what people type matches the directory.

    "Manatū Aorere" -> "manatu aorere"; "Hawke's Bay" -> "hawkes bay"; "New Zealand Police" and
    "NZ Police" -> "nz police"; "the" is dropped ("the health minister" -> "health minister").
    """
    decomposed = unicodedata.normalize("NFKD", text)
    folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    folded = _APOSTROPHES.sub("", folded.replace("&", " and "))
    words = _NON_WORD.sub(" ", folded).split()
    out: list[str] = []
    i = 0
    while i < len(words):
        if words[i] == "new" and i + 1 < len(words) and words[i + 1] == "zealand":
            out.append("nz")
            i += 2
            continue
        if words[i] != "the":
            out.append(words[i])
        i += 1
    return " ".join(out)


