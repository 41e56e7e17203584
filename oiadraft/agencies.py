"""The agency directory: find who a request goes to from what the user types, and which Act applies.

The data is `oiadraft/data/agencies.yaml` (departments, departmental agencies, Ministers'
portfolios, Crown entities, Police, NZDF, every council, and bodies outside both Acts). It is
loaded and validated once; a bad entry raises `DataError` naming the file and line.

Lookup is fuzzy (rapidfuzz `WRatio` over every name, te reo name, acronym, alias and town of each
agency), case- and macron-insensitive ("Manatu Aorere" finds Manatū Aorere). On top of the raw
similarity a few rules encode what people mean:

- an exact name, alias or acronym beats any partial match ("wcc", "mfat", "ecan");
- "minister"/"X minister" prefers the Minister's portfolio, "ministry"/"manatū" the department,
  and with neither word a department outranks the Minister it serves ("foreign affairs");
- "council", "regional", "city" and "district" prefer councils of that kind;
- a town name finds its council ("christchurch", "rolleston"), a little below an exact name.

`resolve(query)` turns the ranked matches into a decision the assistant can act on: one clear
winner (found), several close (ambiguous), or nothing close (not found, with the closest names and
the way forward: the user can still write to the body by name and choose the Act).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from oiadraft.errors import DataError

if TYPE_CHECKING:
    from oiadraft.acts import ActProfile

FOUND = "found"
AMBIGUOUS = "ambiguous"
NOT_FOUND = "not_found"

NOT_SUBJECT = "none"
"""The `act` of a body not subject to any of the Acts (its `note` says what applies)."""


def act_values() -> tuple[str, ...]:
    """What an entry's `act` may be (and `agencies list --act`): the key of an official
    information Act from oiadraft/data/acts/, or NOT_SUBJECT."""
    from oiadraft.acts import official_information_acts

    return (*(profile.key for profile in official_information_acts()), NOT_SUBJECT)


def act_of_kind(kind: str) -> ActProfile | None:
    """The Act every body of this kind is under (its profile's `directory_kinds`), or None when
    the kind says nothing about the Act (a department, a Crown entity)."""
    from oiadraft.acts import all_acts

    return next((profile for profile in all_acts() if kind in profile.directory_kinds), None)


def council_acts() -> frozenset[str]:
    """Keys of the Acts councils are under: a body under one that is not itself a council is a
    council organisation (a council-controlled organisation, a shared service)."""
    from oiadraft.acts import all_acts

    return frozenset(profile.key for profile in all_acts()
                     if COUNCIL_KINDS.intersection(profile.directory_kinds))


def regional_acts() -> tuple[ActProfile, ...]:
    """The official information Acts whose working days skip a region's anniversary day: a body
    under one carries a `region`, and only such a body does."""
    from oiadraft.acts import official_information_acts

    return tuple(profile for profile in official_information_acts() if profile.uses_region)


COUNCIL_KINDS = frozenset({"council_regional", "council_city", "council_district", "council_unitary"})

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

_FIELDS = {
    "id", "name", "te_reo", "acronyms", "aliases", "places", "portfolio", "kind", "act", "region",
    "region_note", "note", "source", "related",
}
_REQUIRED = ("id", "name", "kind", "act", "source")
_LIST_FIELDS = ("acronyms", "aliases", "places", "related")
_TEXT_FIELDS = ("name", "te_reo", "portfolio", "region_note", "note")
_ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_EMAIL_PATTERN = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


@dataclass(frozen=True)
class Agency:
    """One body a request can be addressed to."""

    id: str
    name: str
    kind: str
    act: str
    """An official information Act's key, or NOT_SUBJECT (`note` says what applies)."""
    source: str
    """Key into the directory's `sources` (where this entry was compiled from)."""
    te_reo: str | None = None
    acronyms: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    """Towns in a council's district, so a town name finds its council."""
    portfolio: str | None = None
    """For Ministers: the portfolio ("Health"); "minister of/for X", "X minister" are matched."""
    region: str | None = None
    """For councils and council organisations: the anniversary-day region key."""
    region_note: str | None = None
    note: str | None = None
    related: tuple[str, ...] = ()
    """Ids of closely connected bodies (a Minister's department, a host department)."""
    line: int | None = None
    """Line of the entry in agencies.yaml (for messages about the data)."""

    @property
    def display_name(self) -> str:
        """The name with the te reo Māori name, as a letter would address it."""
        return f"{self.name} ({self.te_reo})" if self.te_reo else self.name

    @property
    def is_council(self) -> bool:
        return self.kind in COUNCIL_KINDS

    @property
    def is_subject(self) -> bool:
        """True when an official information Act applies."""
        return self.act != NOT_SUBJECT

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON output (empty optional fields left out)."""
        data: dict[str, Any] = {"id": self.id, "name": self.name}
        if self.te_reo:
            data["te_reo"] = self.te_reo
        data.update(kind=self.kind, act=self.act)
        for key in ("portfolio", "region", "region_note", "note"):
            value = getattr(self, key)
            if value:
                data[key] = value
        for key in ("acronyms", "aliases", "places", "related"):
            value = getattr(self, key)
            if value:
                data[key] = list(value)
        data["source"] = self.source
        return data


@dataclass(frozen=True)
class Match:
    """A candidate agency for a query."""

    agency: Agency
    score: float
    """0 to 100, after the intent rules; 100 is an exact name, alias or acronym."""
    matched_on: str
    """The name, alias, acronym or town (as spelled in the directory) that matched best."""
    exact: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {**self.agency.to_dict(), "score": self.score, "matched_on": self.matched_on}


@dataclass(frozen=True)
class Resolution:
    """What a query means: one agency, a short list to choose from, or nothing known."""

    query: str
    status: str
    """FOUND, AMBIGUOUS or NOT_FOUND."""
    candidates: tuple[Match, ...]
    """Ranked matches: for FOUND the winner first; for AMBIGUOUS the close ones; for NOT_FOUND the
    closest (possibly none)."""

    @property
    def agency(self) -> Agency | None:
        """The agency when exactly one was found."""
        return self.candidates[0].agency if self.status == FOUND else None

    @property
    def message(self) -> str:
        """One or two sentences for the user saying what was found and what to do next."""
        return _message(self)

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "status": self.status,
            "message": self.message,
            "agency": self.agency.to_dict() if self.agency else None,
            "results": [m.to_dict() for m in self.candidates],
        }


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


# ── messages ───────────────────────────────────────────────────────────────────────────────
def act_label(act: str, article: bool = False) -> str:
    """"OIA (Official Information Act 1982)" ("the OIA (...)" with `article`, as the Act's
    profile says it), or "not subject to the OIA or LGOIMA" for a body outside every Act."""
    from oiadraft.acts import get_act, official_information_acts
    from oiadraft.text import join_or

    if act == NOT_SUBJECT:
        return "not subject to " + join_or(
            [profile.short_in_text for profile in official_information_acts()])
    profile = get_act(act)
    label = f"{profile.short} ({profile.name})"
    return profile.with_article(label) if article else label


def way_forward() -> str:
    """What the user can do when the directory does not know the body."""
    from oiadraft import acts

    choices = [f"{profile.short_in_text} for {profile.covers}"
               for profile in acts.official_information_acts() if profile.covers]
    return ("You can still write to it by name and choose the Act yourself: "
            + "; ".join(choices) + "." if choices else
            "You can still write to it by name and choose the Act yourself.")


def _message(resolution: Resolution) -> str:
    query = resolution.query.strip()
    if resolution.status == FOUND:
        agency = resolution.candidates[0].agency
        if not agency.is_subject:
            return f"{agency.display_name} is {act_label(NOT_SUBJECT)}. {agency.note or ''}".strip()
        text = f"{agency.display_name}: requests go under {act_label(agency.act, article=True)}."
        if agency.region:
            text += f" Working days skip {_region_day(agency.region)}."
        if agency.kind == "minister":
            text += (" A request to a Minister covers what the Minister holds in their official"
                     " capacity; the department is a separate recipient.")
        return text
    if resolution.status == AMBIGUOUS:
        names = [m.agency.display_name for m in resolution.candidates]
        if len(names) == 1:
            return f"Did you mean {names[0]}?"
        from oiadraft.text import join_or

        return f"“{query}” could be {join_or(names[:5])}. Which one?"
    closest = [m.agency.display_name for m in resolution.candidates]
    text = f"No agency in the directory matches “{query}”."
    if closest:
        text += f" Closest: {', '.join(closest)}."
    return f"{text} {way_forward()}"


def _region_day(region: str) -> str:
    label = directory().regions.get(region, region)
    return label.split(" (")[0]


# ── loading and validation ─────────────────────────────────────────────────────────────────
def load_directory(path: Path | Any | None = None) -> Directory:
    """Read and validate a directory file (default: the built-in agencies.yaml).

    Raises DataError with the file and line of the first problem found.
    """
    from oiadraft import yamlio

    if path is None:
        from oiadraft.paths import data_file

        path = data_file("agencies.yaml")
    source = str(path)
    data = yamlio.load_file(path, source)
    return _build(data, source)


def _build(data: Any, source: str) -> Directory:
    def fail(message: str, line: int | None = None) -> DataError:
        return DataError(message, source, line)

    if not isinstance(data, Mapping):
        raise fail("expected a mapping with version, sources, regions, kinds and agencies")
    top_line = getattr(data, "line_of", lambda key: None)
    if data.get("version") != 1:
        raise fail("unsupported or missing version (expected version: 1)", top_line("version"))
    sources = _mapping_of_mappings(data.get("sources"), "sources", fail, top_line("sources"))
    regions = _string_mapping(data.get("regions"), "regions", fail, top_line("regions"))
    kinds = _string_mapping(data.get("kinds"), "kinds", fail, top_line("kinds"))
    entries = data.get("agencies")
    if not isinstance(entries, list) or not entries:
        raise fail("`agencies` must be a non-empty list", top_line("agencies"))

    agencies: list[Agency] = []
    lines: dict[str, int | None] = {}
    names: dict[str, str] = {}
    for entry in entries:
        agency = _agency(entry, sources, regions, kinds, fail)
        if agency.id in lines:
            raise fail(f"duplicate id {agency.id!r} (first used at line {lines[agency.id]})",
                       _line(entry, "id"))
        key = normalize(agency.name)
        if key in names:
            raise fail(f"duplicate name {agency.name!r} (also {names[key]!r})", _line(entry, "name"))
        lines[agency.id] = agency.line
        names[key] = agency.id
        agencies.append(agency)
    for entry, agency in zip(entries, agencies, strict=True):
        for other in agency.related:
            if other not in lines:
                raise fail(f"{agency.id}: related id {other!r} is not in the directory",
                           _line(entry, "related"))
    return Directory(tuple(agencies), sources, regions, kinds, source)


def _line(entry: Any, key: str) -> int | None:
    line_of = getattr(entry, "line_of", None)
    return line_of(key) if line_of else None


def _agency(entry: Any, sources: Mapping[str, Any], regions: Mapping[str, str],
            kinds: Mapping[str, str], fail) -> Agency:
    if not isinstance(entry, Mapping):
        raise fail("each agency must be a mapping", getattr(entry, "line", None))
    line = getattr(entry, "line", None)
    unknown = sorted(set(map(str, entry)) - _FIELDS)
    if unknown:
        raise fail(f"unknown field {unknown[0]!r} (known: {', '.join(sorted(_FIELDS))})",
                   _line(entry, unknown[0]))
    for key in _REQUIRED:
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            where = _line(entry, key) if key in entry else line
            raise fail(f"agency is missing `{key}` (a non-empty string)", where)
    label = entry["id"]
    if not _ID_PATTERN.match(label):
        raise fail(f"id {label!r} must be a lowercase slug like 'wellington-cc'", _line(entry, "id"))
    for key in _TEXT_FIELDS:
        if key in entry and (not isinstance(entry[key], str) or not entry[key].strip()):
            raise fail(f"{label}: `{key}` must be a non-empty string", _line(entry, key))
    lists: dict[str, tuple[str, ...]] = {}
    for key in _LIST_FIELDS:
        value = entry.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise fail(f"{label}: `{key}` must be a list of non-empty strings", _line(entry, key))
        lists[key] = tuple(v.strip() for v in value)
    for key in entry:
        values = lists.get(key) or ([entry[key]] if isinstance(entry[key], str) else [])
        if any(_EMAIL_PATTERN.search(v) for v in values):
            raise fail(f"{label}: no email addresses in the directory (they change)",
                       _line(entry, key))

    kind, act = entry["kind"], entry["act"]
    if kind not in kinds:
        raise fail(f"{label}: unknown kind {kind!r} (known: {', '.join(kinds)})",
                   _line(entry, "kind"))
    if act not in act_values():
        raise fail(f"{label}: act must be one of {', '.join(act_values())}, not {act!r}",
                   _line(entry, "act"))
    if entry["source"] not in sources:
        raise fail(f"{label}: source {entry['source']!r} is not listed under `sources`",
                   _line(entry, "source"))
    region = entry.get("region")
    if region is not None and region not in regions:
        raise fail(f"{label}: unknown region {region!r} (known: {', '.join(regions)})",
                   _line(entry, "region"))
    required = act_of_kind(kind)
    if required is not None and act != required.key:
        raise fail(f"{label}: a body of kind {kind} is subject to {required.short_in_text} "
                   f"(act: {required.key})", _line(entry, "act"))
    regional = {profile.key: profile for profile in regional_acts()}
    if region is None and act in regional:
        raise fail(f"{label}: a body under {regional[act].short_in_text} needs a `region` (its "
                   "anniversary day)", line)
    if region is not None and act not in regional:
        from oiadraft.text import join_or

        shorts = join_or([profile.short_in_text for profile in regional.values()]) or "no Act"
        raise fail(f"{label}: only bodies under {shorts} carry a region", _line(entry, "region"))
    if "region_note" in entry and region is None:
        raise fail(f"{label}: region_note without a region", _line(entry, "region_note"))
    if (kind == "not_subject") != (act == NOT_SUBJECT):
        raise fail(f"{label}: kind not_subject goes with act: none, and only with it",
                   _line(entry, "act"))
    if act == NOT_SUBJECT and "note" not in entry:
        raise fail(f"{label}: a body outside both Acts needs a `note` saying what applies instead",
                   line)
    if (kind == "minister") != ("portfolio" in entry):
        raise fail(f"{label}: a minister has a `portfolio`, and only a minister has one",
                   _line(entry, "portfolio") if "portfolio" in entry else line)

    return Agency(
        id=label,
        name=entry["name"].strip(),
        kind=kind,
        act=act,
        source=entry["source"],
        te_reo=_opt(entry.get("te_reo")),
        acronyms=lists["acronyms"],
        aliases=lists["aliases"],
        places=lists["places"],
        portfolio=_opt(entry.get("portfolio")),
        region=region,
        region_note=_opt(entry.get("region_note")),
        note=_opt(entry.get("note")),
        related=lists["related"],
        line=line,
    )


def _opt(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) else None


def _string_mapping(value: Any, name: str, fail, line: int | None) -> dict[str, str]:
    if not isinstance(value, Mapping) or not value:
        raise fail(f"`{name}` must be a non-empty mapping of key: description", line)
    for key, text in value.items():
        if not isinstance(key, str) or not isinstance(text, str) or not text.strip():
            raise fail(f"`{name}`: {key!r} needs a description", _line(value, str(key)))
    return dict(value)


def _mapping_of_mappings(value: Any, name: str, fail, line: int | None) -> dict[str, dict]:
    if not isinstance(value, Mapping) or not value:
        raise fail(f"`{name}` must be a non-empty mapping", line)
    for key, item in value.items():
        if not isinstance(item, Mapping) or not isinstance(item.get("title"), str):
            raise fail(f"`{name}`: {key!r} needs a title (and a url)", _line(value, str(key)))
    return {str(k): dict(v) for k, v in value.items()}


# ── the built-in directory ─────────────────────────────────────────────────────────────────
@lru_cache(maxsize=1)
def directory() -> Directory:
    """The built-in directory, loaded and indexed once per process."""
    return load_directory()


def search(query: str, limit: int = 5) -> list[Match]:
    """Ranked candidates for what the user typed, best first."""
    return directory().search(query, limit)


def resolve(query: str) -> Resolution:
    """Found (one clear winner), ambiguous (several close) or not found (closest + way forward)."""
    return directory().resolve(query)


def get(agency_id: str) -> Agency | None:
    """The agency with this id, or None."""
    return directory().get(agency_id)


def all_agencies() -> tuple[Agency, ...]:
    """Every agency in directory order."""
    return directory().agencies
