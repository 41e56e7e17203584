"""The scope analyser: will an agency refuse this part as needing substantial collation or
research (OIA s18(f), LGOIMA s17(f)) or ask for it to be narrowed, and how could it be narrowed?

Pure, deterministic and fast enough to run on every keystroke. The vocabulary (phrases,
weights, thresholds, messages and suggestion templates) is data: ``oiadraft/data/scope_rules.yaml``,
validated when first loaded (``load_rules``; a bad file raises ``DataError`` with file and line).

Public API (stable; the TUI, the letter renderer and ``oiadraft check`` rely on it):

``Context(act="oia", today=<date>, request_period=None, agency=None)``
    What a part is judged against: the Act (for section numbers), today's date (for open
    periods such as "since October 2020"), and the period set for the whole request.

``assess(part_text, context, acknowledged=()) -> Assessment``
    ``.risk`` ("low" | "medium" | "high"), ``.score`` (the weighted sum behind it),
    ``.findings`` (tuple of ``Finding``, in text order), ``.period`` (``model.Period`` or None) and
    ``.period_source`` ("part" | "request" | "none"), ``.period_text`` (the words), and
    ``.acknowledged_findings`` (findings whose rule id the user chose to keep: hidden from
    ``.findings`` but still counted in the score, so the risk stays honest).
    ``.features`` (dict, worked out on first use, not part of equality): ``record_types``
    (record or document words as written, in order: ["dates", "meetings", "correspondence"]),
    ``parties`` (named people, organisations, units, roles: ["MFAT official", "the government
    of the United Kingdom"]; only words of the part) and ``topic`` (the subject after
    "about", "relating to", "regarding", "concerning", "on", "mention of" ..., cut at the
    period phrase; None when unclear), for echoing the part back to the user.

``assess_request(parts, context) -> RequestAssessment``
    ``parts`` is a list of part texts or a ``splitter.SplitRequest`` (whose whole-request
    period sentence then applies to parts that state none). ``.risk`` (the highest part risk),
    ``.parts`` (one ``Assessment`` each), ``.numbers`` and request-level ``.findings``: many parts
    (expect an extension), a "dates of" part paired with a "copies of" part (a good pattern),
    near-duplicate parts (each repeat reported once, against the first part it repeats), and
    the note that splitting a broad request does not avoid refusal.

``Finding`` (frozen)
    ``rule`` id, ``severity`` ("info" | "warning" | "danger"), ``concept`` (an acts.yaml key or
    None), ``section`` (the number from the Act profile, e.g. "18(f)", or None), ``span``
    (start, end) in the part text, ``quote`` (exactly ``part_text[start:end]``), ``message``
    (plain English for a non-lawyer: quotes the words when there are words, says why, says
    what to do), ``suggestion`` (narrower wording; a template whose ``<placeholders>`` the user
    fills in), ``replacement`` (text to put at ``target`` when the user accepts, or None when
    the suggestion is advice), ``placeholders`` (names inside <...>, each different: a template
    that repeats a name is refused when the vocabulary loads) and ``replacement_span`` (where the
    replacement goes when that is wider than ``span``, else None; ``target`` is whichever
    applies). The quote stays the words that caused the finding ("any correspondence") while
    the fix may rewrite the whole clause they govern ("any correspondence any MFAT official has
    had with any UK representative"). ``replacement``, ``placeholders`` and
    ``replacement_span`` are worked out on first read (equality, ``to_dict`` and ``repr`` read
    them), so reassessing on every keystroke does not pay for rewrites nobody looks at.
    Findings about missing words
    (no-period, no-subject, a long period set for the whole request) have an empty quote and
    a zero-width span at the end of the part's words, before a closing full stop, where the
    missing words go; unbounded-holders sits right after the record words ("emails| about").

``apply_suggestion(text, finding, fills) -> str``
    Rewrites the part at the finding's ``target`` (``replacement_span`` or ``span``; a capital
    that began the sentence is kept); ``SuggestionError`` names an unfilled placeholder. A fill
    that repeats the words around its blank ("officials in the Rates team" for "officials in
    <unit or role>") is used without them. The result reads as English: see "Rewrites" below.

``findings_after(findings, accepted, before, after) -> tuple[Finding, ...]``
    The other findings once one is accepted: moved when they lie outside the rewritten
    stretch, dropped when they overlap it (assess the new text for fresh ones).

``split_dates_then_copies(part_text) -> (dates_part, copies_part) | None``
    The "dates first, copies second" rewrite of a part that asks for copies of records.

``assess_cached`` is ``assess`` behind an LRU cache keyed on the text (for the TUI).

How a part is scored: each signal found (all communications, open custodians, "mention of",
no subject, no or long period, ...) adds its weight; combinations listed in the YAML add more
(risk comes from signals together, not one word); mitigations (named document types, dates or
lists instead of contents, final versions, a named agenda item, a short range, a named party,
a cross-reference to another part) subtract, up to a cap. Findings about asking the agency to
create information, the requester's own personal information and urgency without reasons are
reported but do not change the score: they are not matters of volume.

Rewrites: an accepted fix must leave a sentence. The all-communications fix covers the
quantifier, the record words and the clause that says whose they are: "any correspondence
any MFAT official has had with any UK representative" becomes "emails between <person or team
at the agency> and <other person or organisation>" (named sides are kept as written; vague
record words become "emails", "meetings" stay). An open custodian that is the subject of such
a clause is turned round ("correspondence between officials in <unit or role> and ..."); one
elsewhere is replaced with what names its organisation ("any member or representative of the
government of the United Kingdom"), with no quantifier left before it and "has" made "have"
when "officials" replaces a singular. The mention fix replaces the relative clause up to the
period phrase; a mention used as a noun ("any mention of X") is advice only. The period fix
takes the preposition before it ("in 2023") and an end the period finder left ("from January
2023| to December 1st 2023|"). "and any other reports" goes with the items it adds, and the
list before it is mended ("emails, texts and any other messages" -> "emails and texts").
The recommended forms do not set off the rules that recommend them: "emails between the
Rates team and KiwiRail" names both sides, so the communications rule stays quiet (the score
of messages with no subject comes from a combination on the record kind instead).
Wording comes from the ``rewrites`` section of the vocabulary.

Speed (``bench/scope_latency.py``): the vocabulary is one pattern per kind, but matching tries
only the phrases that can begin with the word at hand (``Rules.trigger``/``dispatch``, built at
load from each phrase's and pattern's first word), which finds exactly what the whole pattern
would; typo candidates are limited to words whose first letter and length could be a typo of a
target; what a finding needs under each Act is worked out at load; the period finder stops at
the first period. Tests in ``tests/test_scope_speed.py`` check each fast path against the plain
way of doing the same thing.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, lru_cache
from typing import Any, NamedTuple

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from oiadraft import acts, clock, paths, yamlio
from oiadraft.errors import DataError, UserError
from oiadraft.model import Period

__all__ = [
    "Assessment",
    "Context",
    "Finding",
    "RequestAssessment",
    "SuggestionError",
    "apply_suggestion",
    "assess",
    "assess_cached",
    "assess_request",
    "findings_after",
    "load_rules",
    "split_dates_then_copies",
]

RULES_FILE = "scope_rules.yaml"
RISKS = ("low", "medium", "high")
SEVERITIES = ("info", "warning", "danger")
PERIOD_SOURCES = ("part", "request", "none")


class SuggestionError(UserError, ValueError):
    """A suggestion cannot be applied (a placeholder is unfilled, or the text has changed)."""


_SLOTS = ("_replacement_value", "_placeholders_value", "_replacement_span_value")
_PENDING = object()
"""What a deferred `Finding` field holds until its rewrite is worked out."""


def _resolve(finding: Any) -> None:
    """Work out a finding's rewrite from what `assess` left on it: plain attributes pointing
    at objects the assessment keeps anyway. (A keystroke makes many findings; no container
    per finding, and never touching `__dict__`, which would make a dict of each, keeps the
    garbage collector from running more often.)"""
    rules = load_rules()
    text, tokens, period_span, period = finding._rw_part
    part = _Part(text, tokens, period_span, period, rules)
    rewrite = _REWRITERS[_REWRITE_OF[finding.rule]](part, finding._rw_arg)
    values = _resolved(rewrite, finding.span, rules.signals[finding.rule])
    for slot, value in zip(_SLOTS[::-1], values[::-1], strict=True):
        object.__setattr__(finding, slot, value)


class _Deferred:
    """A `Finding` field that its rewrite fills in on first read (a data descriptor, so the
    frozen dataclass's `__init__`, equality, hash and repr all go through it)."""

    def __init__(self, default: Any, index: int) -> None:
        self.default = default
        self.index = index
        self.slot = _SLOTS[index]

    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        if obj is None:
            return self.default
        value = getattr(obj, self.slot, self.default)
        if value is _PENDING:
            _resolve(obj)
            value = getattr(obj, self.slot)
        return value

    def __set__(self, obj: Any, value: Any) -> None:
        object.__setattr__(obj, self.slot, value)


@dataclass(frozen=True)
class Finding:
    """One thing the analyser noticed, with the words that caused it and what to do about it."""

    rule: str
    severity: str
    concept: str | None
    section: str | None
    span: tuple[int, int]
    quote: str
    message: str
    suggestion: str | None = None
    replacement: str | None = _Deferred(None, 0)  # type: ignore[assignment]
    placeholders: tuple[str, ...] = _Deferred((), 1)  # type: ignore[assignment]
    replacement_span: tuple[int, int] | None = _Deferred(None, 2)  # type: ignore[assignment]
    """Where `replacement` goes when that is wider than `span` (it then contains `span`): the
    whole "any correspondence any MFAT official has had with any UK representative" stretch
    for a finding about "any correspondence". None: at `span`."""

    def __getstate__(self) -> dict[str, Any]:
        """For pickle and copy: the rewrite worked out, not the means of working it out."""
        self.replacement  # noqa: B018 - works out a deferred rewrite
        return {k: v for k, v in self.__dict__.items() if not k.startswith("_rw")}

    @property
    def target(self) -> tuple[int, int]:
        """The stretch `apply_suggestion` replaces: `replacement_span`, else `span`."""
        return self.replacement_span or self.span

    def to_dict(self) -> dict[str, Any]:
        """JSON form used by `oiadraft check --format json`."""
        return {
            "rule": self.rule,
            "severity": self.severity,
            "section": self.section,
            "message": self.message,
            "suggestion": self.suggestion,
            "span": [self.span[0], self.span[1]],
            "concept": self.concept,
            "quote": self.quote,
            "replacement": self.replacement,
            "placeholders": list(self.placeholders),
            "replacement_span": list(self.target),
        }


@dataclass(frozen=True)
class Context:
    """What a part is judged against."""

    act: str = "oia"
    today: date = field(default_factory=clock.today)
    request_period: Period | None = None
    """The period set for the whole request; applies to a part that states none."""
    agency: str | None = None


@dataclass(frozen=True)
class Assessment:
    """The analyser's view of one part."""

    text: str
    risk: str
    score: float
    findings: tuple[Finding, ...]
    period: Period | None
    period_source: str
    period_text: str = ""
    period_span: tuple[int, int] | None = None
    record_kind: str = "documents"
    """What the part asks for: "communications", "named" (named document types) or "documents"."""
    acknowledged_findings: tuple[Finding, ...] = ()
    _tokens: tuple[Any, ...] = field(default=(), repr=False, compare=False)
    """The vocabulary matches behind the findings (for `features`)."""

    @cached_property
    def features(self) -> dict[str, Any]:
        """What the part asks for, in its own words, for echoing it back to the user:

        ``record_types``: the record or document words found, as written and in text order
        (["emails", "meeting notes"]); ``parties``: the named people, organisations, units or
        roles found ("the Ministry of Defence", "MFAT official"), best effort, always words of
        the part; ``topic``: the subject phrase after "about", "relating to", "regarding",
        "on", "mention of" ..., trimmed at the period, or None when unclear.

        Worked out on first use from what `assess` already found (cheap, deterministic), so
        assessing stays as fast when nobody asks."""
        return _part_features(self.text, self._tokens, self.period_span)


@dataclass(frozen=True)
class RequestAssessment:
    """The analyser's view of a whole request."""

    risk: str
    parts: tuple[Assessment, ...]
    findings: tuple[Finding, ...]
    numbers: tuple[str, ...]
    request_period: Period | None = None


# --------------------------------------------------------------------------------------------
# Loading and validating the vocabulary


# Kinds tried first win where phrases overlap ("any staff" is a custodian, not a quantifier).
_KIND_ORDER = (
    "own_information", "create_information", "cross_reference", "anchored_event",
    "open_custodian", "open_ministers", "inclusive", "case_statistics", "metadata",
    "final_versions", "agenda_item", "named_documents", "whole_agency", "topic_mention",
    "topic_link", "communications", "generic_records", "holders", "and_or",
    "weak_search_terms",
    "urgency", "urgency_reasons", "quantifier",
    # single record words only the echo uses ("advice", "replies"); last, so they never take a
    # place another kind would match, and one word long, so they never cover another's start
    "record_words",
)
_HOLDERS = ["between", "from", "sent by", "sent to", "received by", "received from", "with",
            "involving", "addressed to", "written to", "to the minister", "to ministers",
            "to the ministers", "to any", "to dpmc", "to the council", "to the ministry",
            "by"]
_SIGNAL_KEYS = {"weight", "severity", "concept", "message", "suggestion", "replacement",
                "concept_missing"}
_PERIOD_CLASSES = ("communications", "documents", "named")
_PERIOD_KEYS = ("none", "short_days", "short", "long_days", "long", "very_long_days", "very_long")
_PLACEHOLDER = re.compile(r"<([^<>]+)>")


@dataclass(frozen=True)
class SignalRule:
    id: str
    weight: float
    severity: str
    concept: str | None
    message: str
    suggestion: str | None
    replacement: str | None
    concept_missing: str | None
    by_act: dict[str, tuple[str | None, str, str, str]] = field(default_factory=dict)
    """Act key -> (section, cite, words, message template), worked out once at load."""
    replacement_placeholders: tuple[str, ...] = ()
    suggestion_placeholders: tuple[str, ...] = ()


class _RequestRule(NamedTuple):
    severity: str
    concept: str | None
    section: str | None
    cite: str
    words: str
    message: str
    suggestion: str | None
    placeholders: tuple[str, ...]


def _request_rule(key: str, severity: str, concept: str | None, message: str,
                  suggestion: str | None) -> dict[str, _RequestRule]:
    from oiadraft import acts

    prepared = {}
    for act_key, profile in acts.load_acts().items():
        section, cite, words = None, "", ""
        if concept is not None and profile.has(concept):
            section = profile.section(concept)
            cite, words = profile.cite(concept), profile.words(concept)
        prepared[act_key] = _RequestRule(severity, concept, section, cite, words, message,
                                         suggestion, _placeholder_names(suggestion or ""))
    return prepared


@dataclass(frozen=True)
class Rules:
    """The validated vocabulary, with its patterns compiled."""

    thresholds: dict[str, float]
    periods: dict[str, dict[str, float]]
    master: re.Pattern[str]
    master_lower: re.Pattern[str]
    """The same pattern, case-sensitive, for text already lower-cased (about twice as fast)."""
    group_kinds: dict[str, str]
    trigger: re.Pattern[str] | None
    """Where a phrase can begin in lower-cased text: a whole word (or a punctuation mark) that
    some phrase or pattern begins with. None when some pattern's first word is unknown."""
    dispatch: dict[str, re.Pattern[str]]
    """For each such word, the vocabulary that can begin with it, in the same kind order."""
    signals: dict[str, SignalRule]
    combinations: tuple[tuple[tuple[str, ...], float, str | None], ...]
    """(signal ids, weight, record kind or None): the weight counts when every signal fired
    and, when a kind is given, the part asks for that kind of record."""
    request: dict[str, Any]
    request_findings: dict[str, dict[str, _RequestRule]]
    """Request-level finding key -> Act key -> what its findings need, worked out at load."""
    typo_words: tuple[str, ...]
    typo_known: dict[str, str]
    typo_not: frozenset[str]
    typo_quiet: frozenset[str]
    """Words `_closest` never changes: the targets themselves and `typo_not`."""
    typo_min: int
    typo_max: int
    typo_candidates: re.Pattern[str]
    typo_lengths: dict[str, tuple[int, int]]
    """First letter -> the shortest and longest word that could be a typo of a target."""
    typo_candidates_lower: re.Pattern[str]
    """`typo_candidates` for lower-cased text, case-sensitive, only words of those lengths."""
    letter: dict[str, Any]
    features: _FeatureRules | None = None
    rewrites: _Rewrites | None = None


class _Rewrites(NamedTuple):
    """How accepted fixes are worded (the `rewrites` section), so the part reads as English."""

    records: str
    """What vague record words become ("any correspondence" -> "emails")."""
    vague: frozenset[str]
    agency_side: str
    """The blank for the agency's side of a communications clause."""
    other_side: str
    custodian: str
    """The open-custodian replacement for the agency's own people ("officials in <unit or role>")."""
    outsider: str
    """The replacement for an open custodian outside the agency ("any UK representative")."""
    outsider_suggestion: str
    minister: str
    """The open-ministers replacement ("the Minister of <portfolio>")."""
    agency_words: frozenset[str]
    custodian_advice: frozenset[str]
    inclusive_replace: dict[str, str]
    inclusive_lists: frozenset[str]
    inclusive_advice: frozenset[str]


class _FeatureRules(NamedTuple):
    """Compiled patterns for `part_features` (from the `features` section)."""

    party: re.Pattern[str]
    """A name or role with what continues it ("the Ministry of Defence")."""
    roles: frozenset[str]
    """Role words, lower case, one to three words ("governments", "chief executive")."""
    on_cue: re.Pattern[str]
    """ "on" where a subject may follow, in lower-cased text (not "on which", "on behalf")."""
    months: frozenset[str]


def _trie_regex(phrases: Iterable[str]) -> str:
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


def _phrase_regex(phrase: str) -> str:
    words = phrase.strip().split()
    body = r"\s+".join(re.escape(word) for word in words)
    return rf"(?<![\w]){body}(?![\w])"


_WORD_RUN = re.compile(r"\w+")
_WORD_CHAR = re.compile(r"\w")


def _phrase_first_word(phrase: str) -> str:
    """The run of word characters a phrase begins with (lower case), or its first character
    when that is not a word character."""
    flat = " ".join(phrase.lower().split())
    match = _WORD_RUN.match(flat)
    return match.group(0) if match else flat[0]


class _UnknownStart(Exception):
    pass


def _first_words(pattern: str) -> frozenset[str] | None:
    """Every lower-case word a match of `pattern` can begin with (the whole run of word
    characters at the start of the match), or the punctuation mark it begins with. None when
    that cannot be worked out from the pattern, which is then tried at every word.

    Assertions are ignored (that only adds words), so the set never misses a match."""
    try:
        from re import _constants as sre
        from re import _parser

        parsed = _parser.parse(pattern, 0)
    except Exception:  # pragma: no cover - a private module that moved: try everywhere
        return None
    limit = 512
    not_word = {sre.CATEGORY_SPACE, sre.CATEGORY_NOT_WORD, sre.CATEGORY_LINEBREAK}

    def char(ch: str, prefix: str) -> set[tuple[str, bool]]:
        if _WORD_CHAR.match(ch):
            return {(prefix + ch.lower(), False)}
        return {(prefix or ch, True)}

    def run(items: Any, states: set[tuple[str, bool]]) -> set[tuple[str, bool]]:
        for op, av in items:
            open_states = {state for state in states if not state[1]}
            if not open_states:
                break
            result = states - open_states
            for prefix, _ in open_states:
                result |= one(op, av, prefix)
            if len(result) > limit:
                raise _UnknownStart
            states = result
        return states

    def one(op: Any, av: Any, prefix: str) -> set[tuple[str, bool]]:
        if op is sre.LITERAL:
            return char(chr(av), prefix)
        if op is sre.AT:
            # zero width; after a word, a boundary or the end of a line ends the word
            if prefix and av is sre.AT_NON_BOUNDARY:
                raise _UnknownStart
            return {(prefix, bool(prefix))}
        if op is sre.IN:
            found: set[tuple[str, bool]] = set()
            for in_op, in_av in av:
                if in_op is sre.LITERAL:
                    found |= char(chr(in_av), prefix)
                elif in_op is sre.RANGE and in_av[1] - in_av[0] < 64:
                    for code in range(in_av[0], in_av[1] + 1):
                        found |= char(chr(code), prefix)
                elif in_op is sre.CATEGORY and in_av in not_word and prefix:
                    found.add((prefix, True))
                else:
                    raise _UnknownStart
            return found
        if op is sre.SUBPATTERN:
            return run(av[-1], {(prefix, False)})
        if op is getattr(sre, "ATOMIC_GROUP", None):
            return run(av, {(prefix, False)})
        if op is sre.BRANCH:
            found = set()
            for alternative in av[1]:
                found |= run(alternative, {(prefix, False)})
            return found
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None)):
            low, high, body = av
            current = {(prefix, False)}
            found = set()
            count = 0
            while True:
                if count >= low or all(done for _, done in current):
                    found |= current
                if count >= high or all(done for _, done in current):
                    return found
                if count >= 4:
                    raise _UnknownStart
                current = run(body, current)
                count += 1
        if op in (sre.ASSERT, sre.ASSERT_NOT):
            direction, body = av
            is_not_word = [(op_, av_) for op_, av_ in body] == [
                (sre.IN, [(sre.CATEGORY, sre.CATEGORY_WORD)])]
            if prefix and op is sre.ASSERT_NOT and direction == 1 and is_not_word:
                return {(prefix, True)}
            return {(prefix, False)}  # ignoring an assertion only widens the set
        raise _UnknownStart

    try:
        final = run(parsed.data if hasattr(parsed, "data") else parsed, {("", False)})
    except (_UnknownStart, RecursionError, TypeError, ValueError):
        return None
    if not final or any(not done or not prefix for prefix, done in final):
        return None
    return frozenset(prefix for prefix, _ in final)


def _required_literals(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """Lower-case ASCII strings one of which every match of `pattern` contains (compare with
    `fold_case(text)`), or None when no such set can be read from the pattern. A cheap test
    that a pattern cannot match, before paying for the search."""
    try:
        from re import _constants as sre
        from re import _parser

        parsed = _parser.parse(pattern, flags)
    except Exception:  # pragma: no cover - a private module that moved: no pre-check
        return None

    most = 64  # strings in one set, at most

    def exact(items: Any) -> set[str] | None:
        """Every string `items` can match, when that is a few ASCII strings ("s?", "(?:a|b)")."""
        strings = {""}
        for op, av in items:
            if op is sre.LITERAL and 32 <= av < 127:
                choices = {chr(av).lower()}
            elif op is sre.SUBPATTERN:
                choices = exact(av[-1])
            elif op is sre.BRANCH:
                choices = set()
                for alternative in av[1]:
                    found = exact(alternative)
                    if found is None:
                        return None
                    choices |= found
            elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[1] <= 2:
                body = exact(av[2])
                if body is None:
                    return None
                choices = set()
                for count in range(av[0], av[1] + 1):
                    choices |= _cross([{""}, *([body] * count)], most) or set()
            else:
                return None
            strings = _cross([strings, choices], most) if choices is not None else None
            if strings is None:
                return None
        return strings

    def best(items: Any) -> frozenset[str] | None:
        """The most selective set of strings one of which every match contains."""
        candidates: list[set[str]] = []
        run: set[str] = {""}
        for item in items:
            op, av = item
            found = exact([item])
            if found is not None:
                joined = _cross([run, found], most)
                if joined is not None:
                    run = joined
                    continue
                candidates.append(run)
                run = found
                continue
            candidates.append(run)
            run = {""}
            if op is sre.SUBPATTERN:
                inner = best(av[-1])
                if inner:
                    candidates.append(set(inner))
            elif op is sre.BRANCH:
                union: set[str] = set()
                for alternative in av[1]:
                    inner = best(alternative)
                    if not inner:
                        break
                    union |= inner
                else:
                    candidates.append(union)
            elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[0] >= 1:
                inner = best(av[2])
                if inner:
                    candidates.append(set(inner))
        candidates.append(run)
        useful = [c for c in candidates if c and "" not in c]
        if not useful:
            return None
        return frozenset(max(useful, key=lambda c: (min(len(x) for x in c), -len(c))))

    try:
        return best(parsed.data if hasattr(parsed, "data") else parsed)
    except (RecursionError, TypeError, ValueError):  # pragma: no cover - no pre-check
        return None


def _cross(sets: list[set[str]], most: int) -> set[str] | None:
    """Every concatenation of one string from each set; None when there would be too many."""
    result = {""}
    for choices in sets:
        if len(result) * len(choices) > most:
            return None
        result = {a + b for a in result for b in choices}
    return result


def _literal_pattern(literals: frozenset[str] | None) -> re.Pattern[str] | None:
    """A pattern that finds any of `literals` (None stays None: no pre-check)."""
    if not literals:
        return None
    # a string that holds a shorter one adds nothing: "the period" once "period" is there
    shortest = sorted(literals, key=lambda x: (len(x), x))
    kept: list[str] = []
    for literal in shortest:
        if not any(other in literal for other in kept):
            kept.append(literal)
    return re.compile("|".join(re.escape(x) for x in sorted(kept, key=lambda x: (-len(x), x))))


# Letters that match an ASCII letter when case is ignored, or change length when lower-cased;
# what ignoring case makes equal to an ASCII letter, folded to it (with str.lower after).
_FOLDS_ODDLY = re.compile("[\u0130\u0131\u017f\u212a]")
_SIMPLE_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def fold_case(text: str) -> str:
    """`text` lower-cased so that an ASCII string a case-blind pattern matches is a substring."""
    if text.isascii() or _FOLDS_ODDLY.search(text) is None:
        return text.lower()
    return text.translate(_SIMPLE_FOLD).lower()


class _Piece(NamedTuple):
    """Part of one kind's vocabulary: the words it can begin with (None: unknown), its regex,
    and the phrases behind it (None for a pattern)."""

    first: frozenset[str] | None
    source: str
    phrases: tuple[str, ...] | None


def _build_dispatch(
    keyed: list[tuple[str, list[_Piece]]],
) -> tuple[re.Pattern[str] | None, dict[str, re.Pattern[str]]]:
    """A trigger pattern for the words phrases begin with, and for each word the vocabulary
    (group names and order kept) that can begin with it. Tried only where its word begins,
    the vocabulary matches there exactly what the whole pattern would.

    A word that begins only phrases of two or more words ("on the subject of", "and/or")
    triggers only where the rest of one of them follows, so common words ("on", "and", "to")
    cost the engine a look ahead rather than a call from Python."""
    words: set[str] = set()
    for _, pieces in keyed:
        for piece in pieces:
            if piece.first is None:
                return None, {}
            words |= piece.first
    dispatch: dict[str, re.Pattern[str]] = {}
    tails: dict[str, str] = {}
    for word in sorted(words):
        groups = []
        rests: list[str] | None = []
        for name, pieces in keyed:
            mine = [piece for piece in pieces if piece.first is not None and word in piece.first]
            if mine:
                groups.append(f"(?P<{name}>{'|'.join(piece.source for piece in mine)})")
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
        dispatch[word] = re.compile(r"(?<!\w)(?:" + "|".join(groups) + ")")
        if _WORD_CHAR.match(word):
            tails[word] = _rest_lookahead(rests) if rests else r"(?!\w)"
    marks = [w for w in words if not _WORD_CHAR.match(w)]
    alternatives = []
    if tails:
        alternatives.append(_word_trie(tails))
    if marks:
        alternatives.append("[" + "".join(re.escape(m) for m in sorted(marks)) + "]")
    trigger = re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + ")")
    return trigger, dispatch


def _rest_lookahead(rests: list[str]) -> str:
    """A look ahead for the rest of some phrases after their first word (" the minister",
    "/or"): white space in them matches any run of white space, as in the phrases."""
    spaced = [rest for rest in rests if rest[0] == " "]
    joined = [rest for rest in rests if rest[0] != " "]
    options = []
    if spaced:
        options.append(rf"\s+(?:{_trie_regex(spaced)})")
    if joined:
        options.append(f"(?:{_trie_regex(joined)})")
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


def _fail(message: str, node: Any = None, key: str | None = None) -> DataError:
    line = None
    if node is not None and hasattr(node, "line_of"):
        line = node.line_of(key) if key else node.line
    return DataError(message, f"oiadraft/data/{RULES_FILE}", line)


def _number(node: Any, key: str, where: str) -> float:
    value = node.get(key)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _fail(f"{where}: {key!r} must be a number", node, key)
    return float(value)


def _text(node: Any, key: str, where: str, required: bool = True) -> str | None:
    value = node.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str):
        raise _fail(f"{where}: {key!r} must be text", node, key)
    return value


def _compile(pattern: str, node: Any, key: str, where: str, flags: int = re.IGNORECASE):
    try:
        return re.compile(pattern, flags)
    except re.error as exc:
        raise _fail(f"{where}: bad pattern {pattern!r}: {exc}", node, key) from None


def parse_rules(data: Any) -> Rules:
    """Validate a loaded scope_rules.yaml; DataError (with the line) on the first problem."""
    from oiadraft import acts

    if not isinstance(data, dict):
        raise _fail("the file must be a YAML mapping")
    if data.get("version") != 1:
        raise _fail(f"unsupported version {data.get('version')!r} (expected 1)", data, "version")
    known_concepts = set(acts.load_acts()["oia"].sections)

    thresholds_node = data.get("thresholds")
    if not isinstance(thresholds_node, dict):
        raise _fail("missing 'thresholds' mapping", data, "thresholds")
    thresholds = {key: _number(thresholds_node, key, "thresholds")
                  for key in ("medium", "high", "mitigation_cap")}
    if not 0 < thresholds["medium"] < thresholds["high"]:
        raise _fail("thresholds: need 0 < medium < high", thresholds_node, "high")

    periods_node = data.get("periods")
    if not isinstance(periods_node, dict):
        raise _fail("missing 'periods' mapping", data, "periods")
    periods: dict[str, dict[str, float]] = {}
    for name in _PERIOD_CLASSES:
        node = periods_node.get(name)
        if not isinstance(node, dict):
            raise _fail(f"periods: missing {name!r}", periods_node, name)
        periods[name] = {key: _number(node, key, f"periods.{name}") for key in _PERIOD_KEYS}

    vocab = data.get("vocabulary")
    if not isinstance(vocab, dict):
        raise _fail("missing 'vocabulary' mapping", data, "vocabulary")
    vocab = dict(vocab)
    vocab.setdefault("holders", {"phrases": _HOLDERS})
    unknown = sorted(set(vocab) - set(_KIND_ORDER))
    if unknown:
        raise _fail(f"vocabulary: unknown kind {unknown[0]!r} (known: {', '.join(_KIND_ORDER)})",
                    data["vocabulary"], unknown[0])
    groups: list[str] = []
    group_kinds: dict[str, str] = {}
    # (group name, [(first words or None, regex source)]) in kind order, for the dispatch
    keyed: list[tuple[str, list[_Piece]]] = []
    for index, kind in enumerate(_KIND_ORDER):
        node = vocab.get(kind)
        if node is None:
            continue
        if not isinstance(node, dict):
            raise _fail(f"vocabulary.{kind} must be a mapping", data["vocabulary"], kind)
        phrases = node.get("phrases") or []
        patterns = node.get("patterns") or []
        if not isinstance(phrases, list) or not all(isinstance(p, str) and p.strip()
                                                    for p in phrases):
            raise _fail(f"vocabulary.{kind}.phrases must be a list of text", node, "phrases")
        if not isinstance(patterns, list) or not all(isinstance(p, str) for p in patterns):
            raise _fail(f"vocabulary.{kind}.patterns must be a list of text", node, "patterns")
        if kind == "record_words":
            several = [p for p in phrases if not _WORD_RUN.fullmatch(p.strip())]
            if several or patterns:
                raise _fail("vocabulary.record_words takes single words only (no patterns): "
                            f"{(several or patterns)[0]!r}", node,
                            "phrases" if several else "patterns")
        alternatives = []
        pieces: list[_Piece] = []
        if phrases:
            alternatives.append(f"(?:{_trie_regex(phrases)})(?!\\w)")
            by_word: dict[str, list[str]] = {}
            for phrase in phrases:
                by_word.setdefault(_phrase_first_word(phrase), []).append(phrase)
            for word, some in by_word.items():
                pieces.append(_Piece(frozenset([word]), f"(?:{_trie_regex(some)})(?!\\w)",
                                     tuple(some)))
        for pattern in patterns:
            _compile(pattern, node, "patterns", f"vocabulary.{kind}")
            alternatives.append(f"(?:{pattern})")
            pieces.append(_Piece(_first_words(pattern), f"(?:{pattern})", None))
        if not alternatives:
            continue
        name = f"k{index}"
        group_kinds[name] = kind
        groups.append(f"(?P<{name}>{'|'.join(alternatives)})")
        keyed.append((name, pieces))
    master_source = r"(?<!\w)(?:" + "|".join(groups) + ")"
    master = re.compile(master_source, re.IGNORECASE)
    master_lower = re.compile(master_source)
    trigger, dispatch = _build_dispatch(keyed)

    signals_node = data.get("signals")
    if not isinstance(signals_node, dict):
        raise _fail("missing 'signals' mapping", data, "signals")
    signals: dict[str, SignalRule] = {}
    for rule_id, node in signals_node.items():
        where = f"signals.{rule_id}"
        if not isinstance(node, dict):
            raise _fail(f"{where} must be a mapping", signals_node, rule_id)
        extra = sorted(set(node) - _SIGNAL_KEYS)
        if extra:
            raise _fail(f"{where}: unknown key {extra[0]!r}", node, extra[0])
        severity = node.get("severity")
        if severity not in SEVERITIES:
            raise _fail(f"{where}: severity must be one of {', '.join(SEVERITIES)}", node,
                        "severity")
        concept = node.get("concept")
        if concept is not None and concept not in known_concepts:
            raise _fail(f"{where}: unknown concept {concept!r} (see acts.yaml)", node, "concept")
        weight = _number(node, "weight", where) if "weight" in node else 0.0
        message = _text(node, "message", where)
        suggestion = _text(node, "suggestion", where, required=False)
        replacement = _text(node, "replacement", where, required=False)
        missing = _text(node, "concept_missing", where, required=False)
        for key, value in (("message", message), ("concept_missing", missing)):
            if value is not None:
                _check_template(value, node, key, where)
        for key, value in (("suggestion", suggestion), ("replacement", replacement)):
            if value is not None:
                _check_placeholders(value, node, key, where)
        signals[str(rule_id)] = _signal_rule(str(rule_id), weight, str(severity), concept,
                                             " ".join(str(message).split()),
                                             _clean(suggestion), replacement,
                                             " ".join(missing.split()) if missing else None)
    for required in ("all-communications", "communications", "open-custodian", "no-period",
                     "long-period", "short-period", "no-subject", "create-information",
                     "own-information", "urgency-without-reasons", "topic-mention"):
        if required not in signals:
            raise _fail(f"signals: missing {required!r}", data, "signals")

    combos: list[tuple[tuple[str, ...], float, str | None]] = []
    for node in data.get("combinations") or []:
        names = node.get("all") if isinstance(node, dict) else None
        if not isinstance(names, list) or not names:
            raise _fail("combinations: each needs 'all: [signal ids]'", node)
        for name in names:
            if name not in signals:
                raise _fail(f"combinations: unknown signal {name!r}", node, "all")
        kind = node.get("records")
        if kind is not None and kind not in _PERIOD_CLASSES:
            raise _fail(f"combinations: records must be one of {', '.join(_PERIOD_CLASSES)}",
                        node, "records")
        combos.append((tuple(names), _number(node, "weight", "combinations"), kind))

    request = data.get("request")
    if not isinstance(request, dict):
        raise _fail("missing 'request' mapping", data, "request")
    request_findings: dict[str, dict[str, _RequestRule]] = {}
    for key in ("many-parts", "dates-then-copies", "near-duplicate", "aggregation"):
        node = request.get(key)
        if not isinstance(node, dict) or node.get("severity") not in SEVERITIES:
            raise _fail(f"request.{key} needs a severity", request, key)
        concept = node.get("concept")
        if concept is not None and concept not in known_concepts:
            raise _fail(f"request.{key}: unknown concept {concept!r}", node, "concept")
        message = _text(node, "message", f"request.{key}")
        _check_template(str(message), node, "message", f"request.{key}")
        suggestion = _text(node, "suggestion", f"request.{key}", required=False)
        if suggestion is not None:
            _check_placeholders(suggestion, node, "suggestion", f"request.{key}")
        request_findings[key] = _request_rule(key, str(node["severity"]), concept,
                                              " ".join(str(message).split()),
                                              " ".join(suggestion.split()) if suggestion
                                              else None)

    typos = data.get("typos") or {}
    known = typos.get("known") or {}
    if not isinstance(known, dict):
        raise _fail("typos.known must be a mapping", typos, "known")

    letter_node = data.get("letter")
    if not isinstance(letter_node, dict):
        raise _fail("missing 'letter' mapping", data, "letter")
    letter = _parse_letter(letter_node)
    features = _parse_features(data.get("features"), data)
    rewrites = _parse_rewrites(data.get("rewrites"), data, signals)

    return Rules(
        thresholds=thresholds,
        periods=periods,
        master=master,
        master_lower=master_lower,
        group_kinds=group_kinds,
        trigger=trigger,
        dispatch=dispatch,
        signals=signals,
        combinations=tuple(combos),
        request=dict(request),
        request_findings=request_findings,
        typo_words=tuple(str(w).lower() for w in typos.get("words") or ()),
        typo_known={str(k).lower(): str(v) for k, v in known.items()},
        typo_not=frozenset(str(w).lower() for w in typos.get("not") or ()),
        typo_quiet=frozenset(str(w).lower() for w in [*(typos.get("not") or ()),
                                                      *(typos.get("words") or ())]),
        typo_min=int(typos.get("min_length", 6)),
        typo_max=int(typos.get("max_distance", 2)),
        typo_candidates=_typo_candidates(typos, known),
        typo_lengths=_typo_lengths(typos),
        typo_candidates_lower=_typo_candidates_lower(typos, known),
        letter=letter,
        features=features,
        rewrites=rewrites,
    )


def _typo_candidates(typos: Any, known: dict[str, Any]) -> re.Pattern[str]:
    """Words worth a closer look: the known misspellings, and long words that start like one
    of the target words (so most words are never looked at twice)."""
    words = [str(w).lower() for w in typos.get("words") or ()]
    minimum = max(1, int(typos.get("min_length", 6)))
    firsts = "".join(sorted({w[0] for w in words if w and w[0].isalpha()}))
    alternatives = [re.escape(str(k).lower()) for k in known]
    if firsts:
        alternatives.append(f"[{firsts}][a-z]{{{minimum - 1},}}")
    body = "|".join(alternatives) or "(?!)"
    return re.compile(rf"(?<![A-Za-z])(?:{body})(?![A-Za-z])", re.IGNORECASE)


def _signal_rule(rule_id: str, weight: float, severity: str, concept: str | None, message: str,
                 suggestion: str | None, replacement: str | None,
                 missing: str | None) -> SignalRule:
    """A signal with what its findings need under each Act worked out once."""
    from oiadraft import acts

    by_act = {}
    for key, profile in acts.load_acts().items():
        section, cite, words, template = None, "", "", message
        if concept is not None:
            if profile.has(concept):
                section = profile.section(concept)
                cite, words = profile.cite(concept), profile.words(concept)
            elif missing:
                template = missing
        by_act[key] = (section, cite, words, template)
    usable = replacement if replacement is None or replacement.strip() or replacement == "" \
        else None
    return SignalRule(
        rule_id, weight, severity, concept, message, suggestion, replacement, missing,
        by_act=by_act,
        replacement_placeholders=_placeholder_names(usable or suggestion or ""),
        suggestion_placeholders=_placeholder_names(suggestion or ""),
    )


@lru_cache(maxsize=512)
def _placeholder_names(template: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(_PLACEHOLDER.findall(template)))


def _typo_lengths(typos: Any) -> dict[str, tuple[int, int]]:
    """First letter -> (shortest, longest) word `_closest` could correct to a target."""
    spread = int(typos.get("max_distance", 2))
    minimum = int(typos.get("min_length", 6))
    lengths: dict[str, tuple[int, int]] = {}
    for word in (str(w).lower() for w in typos.get("words") or ()):
        if not word:
            continue
        low, high = lengths.get(word[0], (len(word), len(word)))
        lengths[word[0]] = (min(low, len(word)), max(high, len(word)))
    return {first: (max(minimum, low - spread), high + spread)
            for first, (low, high) in lengths.items()}


def _typo_candidates_lower(typos: Any, known: dict[str, Any]) -> re.Pattern[str]:
    """The known misspellings, and words whose first letter and length could make them a typo
    of a target word (`_closest` finds nothing for the others), in lower-cased text."""
    alternatives = [re.escape(str(k).lower()) for k in known]
    for first, (low, high) in sorted(_typo_lengths(typos).items()):
        if first.isascii() and first.isalpha() and high >= low:
            alternatives.append(f"{re.escape(first)}[a-z]{{{max(0, low - 1)},{high - 1}}}")
    body = "|".join(alternatives) or "(?!)"
    return re.compile(rf"(?<![a-z])(?:{body})(?![a-z])")


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    if value.strip() == "":
        return value
    return " ".join(value.split()) if "\n" in value else value


def _check_placeholders(template: str, node: Any, key: str, where: str) -> None:
    """Every <placeholder> in one suggestion or replacement has its own name: the user fills
    each name once, so a repeated name would write the same words twice."""
    seen: set[str] = set()
    for name in _PLACEHOLDER.findall(template):
        folded = " ".join(name.lower().split())
        if not folded:
            raise _fail(f"{where}: empty placeholder <> in {key}", node, key)
        if folded in seen:
            raise _fail(f"{where}: placeholder <{name}> appears twice in {key}; give each "
                        "blank its own name (e.g. <first person or unit>, <second person or "
                        "unit>)", node, key)
        seen.add(folded)


def _check_template(template: str, node: Any, key: str, where: str) -> None:
    allowed = {"quote", "cite", "words", "act", "length", "records", "count", "first", "second"}
    for name in re.findall(r"\{(\w*)\}", template):
        if name not in allowed:
            raise _fail(f"{where}: unknown placeholder {{{name}}} in {key}", node, key)


_CAP = r"(?:[A-ZĀĒĪŌŪ][\w'’&-]*|(?:[A-Z]\.){2,})"


def _parse_features(node: Any, data: Any) -> _FeatureRules:
    """The `features` section: role words that make a name a party, and the words after
    "on" that do not begin a subject."""
    if not isinstance(node, dict):
        raise _fail("missing 'features' mapping", data, "features")
    lists = {}
    for key in ("party_nouns", "not_a_subject_after_on"):
        value = node.get(key)
        if not isinstance(value, list) or not value or \
                not all(isinstance(v, str) and v.strip() for v in value):
            raise _fail(f"features.{key} must be a list of words", node, key)
        lists[key] = sorted({" ".join(v.lower().split()) for v in value}, key=lambda v: (-len(v), v))
    role = f"(?:{_trie_regex(lists['party_nouns'])})(?!\\w)"
    head = rf"(?:{_CAP}|(?i:{role}))"
    marker = r"(?:\([a-z]\)\s+)?"
    tail = (rf"(?:\s+{_CAP}|\s+(?i:{role})|\s+(?:of|for|on|&)\s+(?:the\s+)?{marker}{_CAP}"
            rf"|\s+and\s+{marker}{_CAP}|(?<=['’]s)\s+(?i:office|offices|staff|team)(?!\w))")
    name = rf"{_CAP}(?:\s+{_CAP})*"
    listed = rf"(?:(?:,\s+(?:the\s+)?{name})+(?:,?\s+and\s+(?:the\s+)?{name})?)?"
    party = re.compile(rf"(?:(?:the|a|an)\s+)?{head}(?:{tail})*{listed}")
    roles = frozenset(lists["party_nouns"])
    if any(len(v.split()) > 3 for v in roles):
        raise _fail("features.party_nouns: at most three words each", node, "party_nouns")
    stops = "|".join(r"\s+".join(map(re.escape, v.split()))
                     for v in lists["not_a_subject_after_on"])
    # starts with a literal, so the engine skips ahead; "(?<!\w)" is checked by the caller
    on_cue = re.compile(rf"on\s+(?!(?:the\s+)?(?:{stops})(?!\w))(?=[^\W\d])")
    from oiadraft import periods

    months = frozenset(str(m) for m in periods.MONTHS)
    return _FeatureRules(party, roles, on_cue, months)


def _parse_rewrites(node: Any, data: Any, signals: dict[str, SignalRule]) -> _Rewrites:
    """The `rewrites` section: how an accepted fix is worded (see the YAML comments)."""
    if not isinstance(node, dict):
        raise _fail("missing 'rewrites' mapping", data, "rewrites")

    def section(key: str) -> Any:
        value = node.get(key)
        if not isinstance(value, dict):
            raise _fail(f"rewrites.{key} must be a mapping", node, key)
        return value

    def words(parent: Any, key: str, where: str) -> frozenset[str]:
        value = parent.get(key)
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip()
                                                  for v in value):
            raise _fail(f"{where}.{key} must be a list of words", parent, key)
        return frozenset(" ".join(v.lower().split()) for v in value)

    def blank(parent: Any, key: str, where: str, count: int = 1) -> str:
        value = _text(parent, key, where)
        assert value is not None
        names = _placeholder_names(value)
        if len(names) != count:
            raise _fail(f"{where}.{key} needs exactly {count} <blank>", parent, key)
        _check_placeholders(value, parent, key, where)
        return " ".join(value.split())

    comms = section("communications")
    records = _text(comms, "records", "rewrites.communications")
    if not records or _PLACEHOLDER.search(records):
        raise _fail("rewrites.communications.records must be words", comms, "records")
    agency_side = blank(comms, "agency_side", "rewrites.communications")
    other_side = blank(comms, "other_side", "rewrites.communications")
    custodians = section("open-custodian")
    outsider = blank(custodians, "outsider", "rewrites.open-custodian")
    outsider_suggestion = blank(custodians, "outsider_suggestion", "rewrites.open-custodian")
    if _placeholder_names(outsider_suggestion) != _placeholder_names(outsider):
        raise _fail("rewrites.open-custodian.outsider_suggestion needs the blank of outsider",
                    custodians, "outsider_suggestion")
    custodian = signals["open-custodian"].replacement or ""
    minister = (signals.get("open-ministers") and signals["open-ministers"].replacement) or \
        "the Minister of <portfolio>"
    blanks = [_placeholder_names(t) for t in (agency_side, other_side, minister)]
    flat = [" ".join(n.lower().split()) for names in blanks for n in names]
    if len(flat) != len(set(flat)):
        raise _fail("rewrites.communications: agency_side, other_side and the open-ministers "
                    "replacement need different blanks (one clause can hold all three)",
                    comms, "other_side")
    inclusive = section("inclusive")
    replace = inclusive.get("replace") or {}
    if not isinstance(replace, dict) or not all(isinstance(k, str) and isinstance(v, str)
                                                for k, v in replace.items()):
        raise _fail("rewrites.inclusive.replace must map words to words", inclusive, "replace")
    for key, value in replace.items():
        if _PLACEHOLDER.search(value):
            raise _fail(f"rewrites.inclusive.replace: no blanks here ({key!r})", inclusive,
                        "replace")
    return _Rewrites(
        records=" ".join(records.split()),
        vague=words(comms, "vague", "rewrites.communications"),
        agency_side=agency_side,
        other_side=other_side,
        custodian=" ".join(custodian.split()),
        outsider=outsider,
        outsider_suggestion=outsider_suggestion,
        minister=" ".join(minister.split()),
        agency_words=words(custodians, "agency_words", "rewrites.open-custodian"),
        custodian_advice=words(custodians, "advice_only", "rewrites.open-custodian"),
        inclusive_replace={" ".join(k.lower().split()): " ".join(v.split())
                           for k, v in replace.items()},
        inclusive_lists=words(inclusive, "open_lists", "rewrites.inclusive"),
        inclusive_advice=words(inclusive, "advice_only", "rewrites.inclusive"),
    )


def _parse_letter(node: Any) -> dict[str, Any]:
    from oiadraft import acts

    def patterns(key: str) -> list[str]:
        value = (node.get(key) or {}).get("patterns") or []
        if not isinstance(value, list):
            raise _fail(f"letter.{key}.patterns must be a list", node, key)
        for pattern in value:
            _compile(pattern, node, key, f"letter.{key}", re.IGNORECASE | re.MULTILINE)
        return value

    greeting = patterns("greeting")
    sign_off = patterns("sign_off")
    period = patterns("request_period")
    clauses = node.get("clauses") or {}
    phrases = [_phrase_regex(p) for p in clauses.get("phrases") or []]
    # paragraphs that cite the form-of-release or reasons sections of either Act
    numbers = set()
    for profile in acts.load_acts().values():
        for concept in clauses.get("concepts") or []:
            if profile.has(concept):
                numbers.add(profile.section(concept))
    for number in sorted(numbers):
        phrases.append(r"\bsections?\s+" + re.escape(number) + r"(?![\w(])")
    period_source = "|".join(period) or r"(?!)"
    return {
        "greeting": re.compile("|".join(greeting) or r"(?!)", re.IGNORECASE),
        "sign_off": re.compile("|".join(sign_off) or r"(?!)", re.IGNORECASE),
        "clause": re.compile("|".join(phrases) or r"(?!)", re.IGNORECASE),
        "request_period": re.compile(period_source, re.IGNORECASE | re.MULTILINE),
        # one of these is in every sentence the request_period patterns match (fold_case)
        "request_period_words": _literal_pattern(
            _required_literals(period_source, re.IGNORECASE | re.MULTILINE)),
    }


@lru_cache(maxsize=1)
def load_rules() -> Rules:
    """Load and validate the built-in vocabulary once."""
    source = paths.data_file(RULES_FILE)
    return parse_rules(yamlio.load_file(source, f"oiadraft/data/{RULES_FILE}"))


def letter_rules() -> dict[str, Any]:
    """Compiled greeting / sign-off / clause / request-period patterns (for the splitter)."""
    return load_rules().letter


# --------------------------------------------------------------------------------------------
# Matching


class _Token(NamedTuple):
    kind: str
    start: int
    end: int
    text: str


def _typo_fixes(text: str, rules: Rules) -> list[tuple[int, int, str]]:
    """(start, end, corrected word) for misspelt key words, found cheaply."""
    fixes: list[tuple[int, int, str]] = []
    targets = rules.typo_words
    if _FOLDS_ODDLY.search(text) is None:
        # lower-cased text keeps every offset and matches [a-z] exactly as ignoring case would
        lowered = text.lower()
        candidates = rules.typo_candidates_lower.finditer(lowered)
    else:
        candidates = rules.typo_candidates.finditer(text)
    for match in candidates:
        low = match.group(0).lower()
        known = rules.typo_known.get(low)
        if known is not None and known != low:
            fixes.append((match.start(), match.end(), known))
            continue
        if len(low) < rules.typo_min or low in rules.typo_quiet:
            continue  # too short, a target itself, or a real word never corrected
        bounds = rules.typo_lengths.get(low[0])
        if bounds is None or not bounds[0] <= len(low) <= bounds[1]:
            continue  # _closest would find no target this far away
        fix = _closest(low, targets, rules.typo_max)
        if fix is not None and fix != low:
            fixes.append((match.start(), match.end(), fix))
    return fixes


@lru_cache(maxsize=4096)
def _closest(word: str, targets: tuple[str, ...], max_distance: int) -> str | None:
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


def _scan(text: str, rules: Rules) -> list[tuple[str, int, int]]:
    """(kind, start, end) of every vocabulary match, left to right, never overlapping.

    On lower-cased text when lower-casing keeps every offset: the vocabulary for a word is
    tried only where that word begins (`Rules.trigger`/`dispatch`), which finds exactly what
    the whole pattern (`Rules.master_lower`) would, several times faster."""
    low = text.lower()
    kinds = rules.group_kinds
    if len(low) != len(text):
        return [(kinds[m.lastgroup or ""], m.start(), m.end()) for m in rules.master.finditer(text)]
    if rules.trigger is None:
        return [(kinds[m.lastgroup or ""], m.start(), m.end())
                for m in rules.master_lower.finditer(low)]
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
            found.append((kinds[match.lastgroup or ""], start, taken))
    return found


def _tokens(text: str, rules: Rules) -> list[_Token]:
    fixes = _typo_fixes(text, rules)
    if not fixes:
        return [_Token(kind, start, end, text[start:end])
                for kind, start, end in _scan(text, rules)]
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
    for kind, norm_start, norm_end in _scan(norm, rules):
        start = max(0, min(back(norm_start, False), len(text)))
        end = max(start, min(back(norm_end, True), len(text)))
        tokens.append(_Token(kind, start, end, text[start:end]))
    return tokens


_BREAK = re.compile(r"[.;:?!]\s|\n\s*\n")


def _same_clause(text: str, start: int, end: int) -> bool:
    return _BREAK.search(text, start, end) is None


def _find_period(text: str, today: date) -> Any:
    """The first period phrase in the part (the finder stops there), or None."""
    from oiadraft import periods

    matches = periods.find_periods(text, today=today, limit=1)  # documented never to raise
    return matches[0] if matches else None


@lru_cache(maxsize=256)
def _describe(period: Period, today: date, days: int) -> str:
    """The period's length in words. Memoised: parts of one request usually share a period
    (the request's, or the same "since October 2020" in every part)."""
    from oiadraft import periods

    if period.start is None:
        return _length_words(days)
    return periods.describe_length(period, today)


def _length_words(days: int) -> str:
    if days < 45:
        return f"{days} days"
    months = round(days / 30.44)
    if months < 18:
        return f"about {months} months"
    years = days / 365.25
    whole = int(years + 0.25)
    return f"about {whole} years" if abs(years - whole) < 0.25 else f"about {years:.1f} years"


# --------------------------------------------------------------------------------------------
# Assessing one part


@dataclass(slots=True)
class _Hit:
    rule: str
    span: tuple[int, int]
    weight: float
    fmt: dict[str, Any] | None = None
    rewrite: str | None = None
    """A rewrite in `_REWRITERS`, worked out when the finding's replacement is first read
    (instead of the rule's replacement at `span`), with `rewrite_arg` (a token, or a tuple);
    "advice": no replacement here."""
    rewrite_arg: Any = None
    suggestion: str | None = None
    """Instead of the rule's suggestion (one that matches the rewrite)."""


def assess(part_text: str, context: Context | None = None,
           acknowledged: Iterable[str] = ()) -> Assessment:
    """Assess one part (see the module docstring). Pure: the same input gives the same output."""
    if not isinstance(part_text, str):
        raise TypeError("assess expects the part's text as a string")
    context = context or Context()
    rules = load_rules()
    profile = acts.get_act(context.act)
    text = part_text
    by_kind: dict[str, list[_Token]] = {}
    tokens = _tokens(text, rules)
    for token in tokens:
        found = by_kind.get(token.kind)
        if found is None:
            by_kind[token.kind] = [token]
        else:
            found.append(token)
    none: list[_Token] = []
    get = by_kind.get

    # the period: stated in the part, else the request's
    match = _find_period(text, context.today)
    period = None
    period_source = "none"
    period_text = ""
    period_span = None
    if match is not None:
        period = match.period
        period_source = "part"
        period_text = match.text
        period_span = (match.start, match.end)
    elif context.request_period is not None:
        period = context.request_period
        period_source = "request"

    # "relating to the period ..." is about time, not subject
    topic_links = [t for t in get("topic_link", none)
                   if not _about_time(text, t.end, period_span)]
    mentions = get("topic_mention", none)
    comms = get("communications", none)
    generic = get("generic_records", none)
    named = get("named_documents", none)
    quants = get("quantifier", none)
    custodians = get("open_custodian", none)
    ministers = get("open_ministers", none)
    cross_refs = get("cross_reference", none)
    metadata = get("metadata", none)

    hits: list[_Hit] = []
    signals = rules.signals

    def add(rule: str, span: tuple[int, int], weight: float | None = None,
            rewrite: str | None = None, arg: Any = None, suggestion: str | None = None,
            **fmt: Any) -> None:
        rule_weight = signals[rule].weight if weight is None else weight
        hits.append(_Hit(rule, span, rule_weight, fmt or None, rewrite, arg, suggestion))

    # what is asked for
    generic_all = _quantified(generic, quants, text)
    if comms:
        record_kind = "communications"
    elif named and not (generic and generic_all):
        record_kind = "named"
    else:
        record_kind = "documents"
    records_word = _RECORDS_WORD[record_kind]

    all_comm = _quantified(comms, quants, text)
    if all_comm is not None:
        quant, comm = all_comm
        end = _extend_list(text, comm.end, comms)
        add("all-communications", (quant.start, end), rewrite="communications")
    elif comms and not _two_sided(_Where(text, tokens, period_span, rules),
                                  _extend_list(text, comms[0].end, comms)):
        # "emails between the Rates team and KiwiRail" is what this rule asks for
        add("communications", (comms[0].start, comms[0].end))
    if len(comms) >= 3:
        channel_words = {_channel(t.text) for t in comms}
        if len(channel_words) >= 3:
            first, last = comms[0], comms[-1]
            add("many-channels", (first.start, last.end), count=len(channel_words))

    seen_custodian = False
    for token in custodians[:3]:
        weight = signals["open-custodian"].weight if not seen_custodian else 1.0
        add("open-custodian", (token.start, token.end), weight=weight, rewrite="custodian",
            arg=token, suggestion=_outsider_suggestion(token, rules))
        seen_custodian = True
    for token in ministers[:1]:
        add("open-ministers", (token.start, token.end), rewrite="custodian", arg=token)

    if mentions:
        token = mentions[0]
        add("topic-mention", (token.start, token.end), rewrite="mention", arg=token)
    elif topic_links:
        token = topic_links[0]
        add("topic-link", (token.start, token.end))

    for kind, rule in (("inclusive", "inclusive"), ("and_or", "and-or"),
                       ("whole_agency", "whole-agency")):
        found = get(kind)
        if found and rule in signals:
            add(rule, (found[0].start, found[0].end),
                rewrite="inclusive" if kind == "inclusive" else None, arg=found[0])

    anchored = get("anchored_event", none)
    has_subject = bool(topic_links or mentions or anchored or get("agenda_item"))
    subjectless = (comms or generic_all) and not has_subject \
        and not cross_refs and record_kind != "named"
    end_of_content = _content_end(text)
    if subjectless:
        add("no-subject", (end_of_content, end_of_content), records=records_word)
    if generic_all is not None and record_kind != "communications":
        quant, token = generic_all
        add("generic-records", (quant.start, token.end))
    if comms and not get("holders") and not cross_refs and not custodians:
        anchor = all_comm[1].end if all_comm else comms[0].end
        anchor = _extend_list(text, anchor, comms)
        # " between <...> and <...>" goes in only where it reads: not before "Council staff sent"
        add("unbounded-holders", (anchor, anchor), records=records_word,
            rewrite=None if _SAFE_AFTER.match(text, anchor) else "advice")
    if (comms or generic) and has_subject:
        for token in get("weak_search_terms", none)[:1]:
            first_link = (mentions or topic_links)[0]
            if token.start > first_link.start:
                add("weak-search-terms", (token.start, token.end))

    # mitigations
    if named and (record_kind != "communications" or not all_comm):
        add("named-documents", (named[0].start, named[0].end))
    case_stats = get("case_statistics")
    if case_stats:
        add("case-statistics", (case_stats[0].start, case_stats[0].end))
    elif metadata:
        add("metadata-only", (metadata[0].start, metadata[0].end))
    for kind, rule in (("final_versions", "final-versions"), ("agenda_item", "agenda-item"),
                       ("cross_reference", "cross-reference"),
                       ("anchored_event", "anchored-event")):
        found = get(kind)
        if found:
            add(rule, (found[0].start, found[0].end))
    if comms and not custodians:
        party = _named_party(text, get("holders", none))
        if party is not None:
            add("named-party", party)

    # the period
    period_weights = rules.periods[record_kind]
    if period_span is not None:
        period_quote = f"\u201c{' '.join(period_text.split())}\u201d"
    else:
        period_quote = "the period set for the whole request"
    if period is None:
        weight = 0.0 if cross_refs or anchored else period_weights["none"]
        add("no-period", (end_of_content, end_of_content), weight=weight)
    else:
        days = period.days(context.today)
        if days is not None:
            # a period set for the whole request has no words in the part: the finding
            # sits at the end of the part, where a period of its own would go
            span = period_span or (end_of_content, end_of_content)
            if days > period_weights["very_long_days"]:
                weight = period_weights["very_long"]
            elif days > period_weights["long_days"]:
                weight = period_weights["long"]
            else:
                weight = 0.0
            if weight > 0:
                add("long-period", span, weight=weight, quote=period_quote,
                    _advice=period_span is None,
                    length=_describe(period, context.today, days), records=records_word,
                    rewrite=None if period_span is None else "period")
            elif days <= period_weights["short_days"] and period_weights["short"] < 0:
                add("short-period", span, weight=period_weights["short"], quote=period_quote,
                    length=_describe(period, context.today, days))

    # not matters of volume (weight 0 in the YAML)
    for token in get("create_information", none)[:1]:
        add("create-information", (token.start, token.end))
    for token in get("own_information", none)[:1]:
        add("own-information", (token.start, token.end))
    urgent = get("urgency")
    if urgent and not get("urgency_reasons"):
        add("urgency-without-reasons", (urgent[0].start, urgent[0].end))

    # score: signals, then combinations, then capped mitigations
    fired = {hit.rule for hit in hits}
    positive = 0.0
    negative = 0.0
    for hit in hits:
        if hit.weight > 0:
            positive += hit.weight
        elif hit.weight < 0:
            negative += hit.weight
    for names, weight, kind in rules.combinations:
        if fired.issuperset(names) and (kind is None or kind == record_kind):
            positive += weight
    negative = max(negative, -rules.thresholds["mitigation_cap"])
    score = round(positive + negative, 2)
    if score >= rules.thresholds["high"]:
        risk = "high"
    elif score >= rules.thresholds["medium"]:
        risk = "medium"
    else:
        risk = "low"

    acknowledged_ids = set(acknowledged)
    findings: list[Finding] = []
    hidden: list[Finding] = []
    kept_tokens = tuple(tokens)
    # what a finding's rewrite needs when first read: objects the assessment keeps anyway
    deferred = (text, kept_tokens, period_span, period)
    for hit in hits:
        finding = _finding(hit, text, signals[hit.rule], profile, risk, deferred)
        (hidden if hit.rule in acknowledged_ids else findings).append(finding)
    findings.sort(key=_finding_order)
    hidden.sort(key=lambda f: (f.span[0], f.rule))
    return Assessment(
        text=text,
        risk=risk,
        score=score,
        findings=tuple(findings),
        period=period,
        period_source=period_source,
        period_text=period_text,
        period_span=period_span,
        record_kind=record_kind,
        acknowledged_findings=tuple(hidden),
        _tokens=kept_tokens,
    )


_TIME_AFTER_LINK = re.compile(r"\s+the\s+(?:period|dates?|time)", re.IGNORECASE)
_LINK_TO_PERIOD = re.compile(r"\s*(?:the\s+)?(?:(?:time\s*)?(?:period|dates?|time\s*frame|"
                             r"timeframe)\s*)?(?:of\s+|from\s+|between\s+)?", re.IGNORECASE)


def _about_time(text: str, end: int, period_span: tuple[int, int] | None) -> bool:
    """Whether the subject word ending at `end` ("relating to") is followed by the period
    ("relating to the period 1 May ...") rather than by a subject ("about water since 2020")."""
    if _TIME_AFTER_LINK.match(text, end, end + 16):
        return True
    if period_span is None or not 0 <= period_span[0] - end <= 24:
        return False
    gap = _LINK_TO_PERIOD.match(text, end, period_span[0])
    return gap is not None and gap.end() == period_span[0]
_RECORDS_WORD = {"communications": "communications", "named": "documents",
                 "documents": "records"}
_SEVERITY_ORDER = {"danger": 0, "warning": 1, "info": 2}


def _finding_order(finding: Finding) -> tuple[int, int, str]:
    return (finding.span[0], _SEVERITY_ORDER[finding.severity], finding.rule)


# --------------------------------------------------------------------------------------------
# What the part asks for (Assessment.features)

_RECORD_KINDS = frozenset({"communications", "generic_records", "named_documents",
                           "record_words", "metadata"})
_METADATA_TRIM = re.compile(r"^(?:the|a|an|by)\s+|\s+(?:of|on\s+which)$", re.IGNORECASE)
_NAMED_TRIM = re.compile(r"\s+(?:of(?:\s+the)?|to|for|titled|dated|provided(?:\s+to)?|"
                         r"of\s+\d+)$", re.IGNORECASE)
_NOT_RECORDS = frozenset({"how many"})
_HOLDER_LEAD = re.compile(r"(?:(?:sent|received|addressed|written)\s+)?"
                          r"(?:to|by|from|with|between|involving)(?:\s+|$)", re.IGNORECASE)
_QUANTIFIER_LEAD = re.compile(r"(?:any|all|every)\s+(?:of\s+the\s+)?", re.IGNORECASE)
_AND = re.compile(r"\s+and\s+")
_OF = re.compile(r"\s+of\s+")
_SPACE = re.compile(r"\s*")
_SUBJECT_LEAD = re.compile(r"(?:(?:of|to|about|on)\s+)+", re.IGNORECASE)
_TOPIC_STOP = re.compile(r"[.;:?!](?:\s|$)|\n\s*\n|\s+between\s+", re.IGNORECASE)
_TAIL_MARKS = " \t\n,;:-–—(\"'“‘"
_TAIL_WORDS = frozenset({"and", "or", "that", "which", "from", "since", "in", "during", "for",
                         "over", "to", "of", "the", "between", "within", "covering"})
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_NO_TOPIC = frozenset({"it", "this", "that", "them", "these", "those", "which", "what"})
_TOPIC_MAX = 160


def _part_features(text: str, tokens: Sequence[Any],
                  period_span: tuple[int, int] | None) -> dict[str, Any]:
    """`Assessment.features` from the part's text, its vocabulary matches and its period."""
    rules = load_rules()
    known = rules.features
    topic, topic_span = _topic(text, tokens, period_span, known)
    return {
        "record_types": _record_types(text, tokens, topic_span),
        "parties": _parties(text, tokens, period_span, topic_span, known),
        "topic": topic,
    }


def _record_types(text: str, tokens: Sequence[Any],
                  topic_span: tuple[int, int] | None) -> list[str]:
    found: list[str] = []
    seen: set[str] = set()
    for token in tokens:
        if token.kind not in _RECORD_KINDS:
            continue
        if topic_span is not None and topic_span[0] <= token.start < topic_span[1]:
            continue  # "relating to the stadium business case": the subject, not a record
        words = " ".join(token.text.split())
        if token.kind == "metadata":
            words = _METADATA_TRIM.sub("", _METADATA_TRIM.sub("", words))
        elif token.kind == "named_documents":
            words = _NAMED_TRIM.sub("", words)
        if not any(ch.isalpha() for ch in words) or words.lower() in _NOT_RECORDS:
            continue
        if words[:1].isupper() and not words[:2].isupper() and _sentence_start(text, token.start):
            words = words[0].lower() + words[1:]  # "Briefings to ..." -> "briefings"
        key = words.lower()
        if key not in seen:
            seen.add(key)
            found.append(words)
    return found


def _sentence_start(text: str, at: int) -> bool:
    before = text[max(0, at - 8):at].rstrip()
    return not before.strip() or before[-1] in ".;:?!(\n" or \
        bool(_NUMBER_MARK.search(before))


_NUMBER_MARK = re.compile(r"(?<!\w)\d+[.)]$")


def _topic(text: str, tokens: Sequence[Any], period_span: tuple[int, int] | None,
           known: _FeatureRules | None) -> tuple[str | None, tuple[int, int] | None]:
    """The subject phrase and its span: after the first subject cue, up to the period phrase,
    the end of the clause, or "between" (who, not what)."""
    cues: list[int] = []
    record_starts: list[int] = []
    for token in tokens:
        kind = token.kind
        if kind == "topic_mention":
            cues.append(token.end)
        elif kind == "topic_link":
            if _about_time(text, token.end, period_span):
                continue  # "relating to the period ..." is about time
            cues.append(token.end)
        elif kind in _RECORD_KINDS:
            record_starts.append(token.start)
    if known is not None and record_starts:
        lowered = text.lower()
        if len(lowered) != len(text):
            lowered = text.translate(_ASCII_LOWER)
        for match in known.on_cue.finditer(lowered, record_starts[0]):
            at = match.start()
            if cues and at >= min(cues):
                break
            if at and (lowered[at - 1].isalnum() or lowered[at - 1] == "_"):
                continue  # the end of a word ("Convention on")
            if period_span and -1 <= period_span[0] - match.end() <= 2:
                continue  # "on 3 May 2024" is the period
            before = text[max(0, at - 40):at].split()
            after = text[match.end():match.end() + 40].split()
            if before and after and before[-1][:1].isupper() and after[0][:1].isupper():
                continue  # inside a name: "Convention on Cluster Munitions"
            if not _same_clause(text, record_starts[0], at):
                continue
            cues.append(match.end())
            break
    if not cues:
        return None, None
    start = min(cues)
    lead = _SUBJECT_LEAD.match(text, _SPACE.match(text, start).end())
    start = lead.end() if lead else _SPACE.match(text, start).end()
    end = _content_end(text)
    stop = _TOPIC_STOP.search(text, start, end)
    if stop is not None:
        end = stop.start()
    if period_span is not None and start <= period_span[0] < end:
        end = period_span[0]
    trimmed = _trim_tail(text[start:end])
    end = start + len(trimmed)
    topic = " ".join(trimmed.split())
    if len(topic) < 2 or topic.lower() in _NO_TOPIC:
        return None, None
    if len(topic) > _TOPIC_MAX:
        topic = topic[:_TOPIC_MAX].rsplit(" ", 1)[0].rstrip(" ,;:") + "\u2026"
    return topic, (start, end)


def _trim_tail(words: str) -> str:
    """Without trailing punctuation and joining words ("the port and" -> "the port")."""
    while True:
        words = words.rstrip(_TAIL_MARKS)
        cut = max(words.rfind(" "), words.rfind("\n"), words.rfind("\t"))
        if words[cut + 1:].lower() not in _TAIL_WORDS:
            return words
        words = words[:cut + 1]


def _role_starts(text: str, roles: frozenset[str]) -> list[int]:
    """Where a role word followed by "of"/"for" and a capital begins ("the governments of
    Russia ...", "Minister for Courts"), with a "the" before it."""
    starts = []
    for match in _OF_CAPITAL.finditer(text):
        words = list(_NONSPACE.finditer(text, max(0, match.start() - 48), match.start()))
        for size in (3, 2, 1):
            if len(words) < size:
                continue
            if " ".join(w.group() for w in words[-size:]).lower() in roles:
                first = len(words) - size
                if first and words[first - 1].group().lower() == "the":
                    first -= 1
                if words[first].start() == max(0, match.start() - 48) and match.start() > 48:
                    break  # the window cut a word in two
                starts.append(words[first].start())
                break
    return starts


_OF_CAPITAL = re.compile(r"\s(?:of|for)\s+(?:the\s+)?(?:\([a-z]\)\s+)?[A-ZĀĒĪŌŪ]")
_NONSPACE = re.compile(r"\S+")


def _parties(text: str, tokens: Sequence[Any], period_span: tuple[int, int] | None,
             topic_span: tuple[int, int] | None, known: _FeatureRules | None) -> list[str]:
    """Named people, organisations, units and roles: after "between", "with", "to" ...; in
    "any MFAT official"; and a role with "of" ("the Ministry of Defence"). Only words of the
    part, never made up."""
    if known is None:
        return []
    spans: list[tuple[int, int]] = []

    def parse(at: int, pair: bool = False) -> None:
        at = _SPACE.match(text, at).end()
        match = known.party.match(text, at)
        if match is None:
            return
        if pair:  # "between A and B"
            joint = _AND.match(text, match.end())
            if joint is not None:
                spans.append((match.start(), match.end()))
                parse(joint.end())
                return
            # "between MBIE and Treasury" read as one name: the last "and" divides it
            inner = list(_AND.finditer(text, match.start(), match.end()))
            if inner:
                spans.append((match.start(), inner[-1].start()))
                spans.append((inner[-1].end(), match.end()))
                return
        spans.append((match.start(), match.end()))

    for token in tokens:
        kind = token.kind
        if kind == "holders":
            lead = _HOLDER_LEAD.match(token.text)
            rest = token.start + (lead.end() if lead else len(token.text))
            parse(min(rest, token.end) if rest < token.end else token.end,
                  pair=token.text.lower().startswith("between"))
        elif kind in ("open_custodian", "open_ministers"):
            lead = _QUANTIFIER_LEAD.match(token.text)
            if lead is not None and any(ch.isupper() for ch in token.text[lead.end():]):
                spans.append((token.start + lead.end(), token.end))
            of = _OF.match(text, token.end)
            if of is not None:
                parse(of.end())
    for start in _role_starts(text, known.roles):
        parse(start)

    found: list[str] = []
    seen: set[str] = set()
    taken_until = -1
    for start, end in sorted(spans, key=lambda span: (span[0], -span[1])):
        if start < taken_until:
            continue
        if period_span is not None and start < period_span[1] and period_span[0] < end:
            continue
        if topic_span is not None and topic_span[0] <= start < topic_span[1]:
            continue
        words = " ".join(text[start:end].split()).rstrip(".,;:")
        bare = words.lower().split()
        if bare and bare[0] in ("the", "a", "an"):
            bare = bare[1:]
        if not bare or all(w.strip(".,") in known.months or w.isdigit() for w in bare):
            continue
        taken_until = end
        if words.lower() not in seen:
            seen.add(words.lower())
            found.append(words)
    return found


@lru_cache(maxsize=2048)
def assess_cached(part_text: str, context: Context, acknowledged: tuple[str, ...] = ()) -> Assessment:
    """`assess` behind a cache keyed on the text, context and acknowledged rules (for the TUI,
    which reassesses on every keystroke while most parts do not change)."""
    return assess(part_text, context, acknowledged)


def _quantified(tokens: Sequence[_Token], quants: Sequence[_Token],
                text: str) -> tuple[_Token, _Token] | None:
    """The first (quantifier, record) pair where "all"/"any" governs the record word: at most
    four words apart, in one clause."""
    if not tokens or not quants:
        return None
    ends = [quant.end for quant in quants]
    for token in tokens:
        index = bisect.bisect_right(ends, token.start) - 1
        while index >= 0 and token.start - ends[index] <= 40:
            quant = quants[index]
            if _same_clause(text, quant.end, token.start) \
                    and len(text[quant.end:token.start].split()) <= 4:
                return quant, token
            index -= 1
    return None


def _extend_list(text: str, end: int, comms: Sequence[_Token]) -> int:
    """Extend a span over a list of record words ("emails, texts and communications")."""
    for token in comms:
        if token.start >= end and token.start - end <= 8 and \
                re.fullmatch(r"[\s,]*(?:and|or|and/or|&)?[\s,]*", text[end:token.start]):
            end = token.end
    return end


def _channel(word: str) -> str:
    low = " ".join(word.lower().split())
    for stem in ("email", "e-mail", "text", "whatsapp", "signal", "snapchat", "messenger",
                 "teams", "slack", "phone", "telephone", "call", "meeting", "letter", "memo",
                 "message", "calendar", "diary", "voicemail", "transcript", "note"):
        if stem in low:
            return stem
    return low


def _content_end(text: str) -> int:
    """Where to insert words at the end of a part: before trailing white space, a closing
    full stop or question mark, and a joining "; and" left from a list of parts."""
    end = len(text.rstrip())
    while True:
        while end > 0 and text[end - 1] in ".;,?!":
            end -= 1
        if end == 0 or text[end - 1] not in "dDrR":  # cannot end "and" or "or"
            return end
        joiner = _TRAILING_JOINER.search(text, max(0, end - 16), end)
        if joiner is None:
            return end
        end = joiner.start()


_TRAILING_JOINER = re.compile(r"\s*[;,]\s*(?:and/or|and|or)\s*$", re.IGNORECASE)


_NAME_TAIL = re.compile(r"(?:\s+(?:of|and|for))+$")


def _named_party(text: str, holders: Sequence[_Token]) -> tuple[int, int] | None:
    for token in holders:
        after = text[token.end:token.end + 60]
        match = re.match(r"\s+(?:the\s+)?((?:[A-ZĀĒĪŌŪ][\w'’&.-]*)(?:\s+(?:of|and|for|[A-ZĀĒĪŌŪ][\w'’&.-]*))*)",
                         after)
        if match and match.group(1) and match.group(1)[0].isupper():
            words = _NAME_TAIL.sub("", match.group(1))  # "... Division and| the ..."
            end = token.end + match.start(1) + len(words)
            return (token.start, end)
    return None


# --------------------------------------------------------------------------------------------
# Rewrites that read as English
#
# A fix is accepted with one key, so its span and replacement must leave a sentence, not a
# splice: "any correspondence any MFAT official has had with any UK representative" is
# rewritten as a whole ("emails between <person or team at the agency> and <other person or
# organisation>"), an open custodian that is the subject of such a clause becomes "between
# officials in <unit or role> and", a quantifier never hangs before a replacement, and
# removing "and any other ..." mends the list it leaves. Named sides are copied as written;
# the wording of the pieces comes from the `rewrites` section of the vocabulary.

_REWRITE_RECORDS = frozenset({"communications", "generic_records", "named_documents",
                              "record_words"})
_STOP_KINDS = frozenset({"topic_link", "topic_mention", "cross_reference", "anchored_event",
                         "agenda_item", "inclusive"})
_CONNECT = re.compile(
    r"\s+(?:(?P<verb>sent/received|sent\s+(?:or|and)\s+received|sent|received|written|"
    r"addressed)\s+)?(?P<prep>between|by|from|to|with)\s+", re.IGNORECASE)
_SUBJECT_VERB = re.compile(
    r"\s+(?:(?:has|have|had)\s+)?(?:been\s+)?"
    r"(?P<verb>had|held|sent|received|exchanged|written|wrote|attended|made|conducted|"
    r"organised|organized|arranged|initiated)(?!\w)(?:\s+(?P<prep>with|to|from)(?!\w))?",
    re.IGNORECASE)
_REL_LEAD = re.compile(r"\s+(?:(?:that|which)\s+)?", re.IGNORECASE)
_REL_BEFORE = re.compile(r"(\s+)(?:(?:that|which)\s+)?$", re.IGNORECASE)
_AND_WORD = re.compile(r"\s+and\s+", re.IGNORECASE)
_SIDE_LINK = re.compile(r"\s+(?:in|at|of|for|within|from)\s+", re.IGNORECASE)
_PEOPLE_AFTER = re.compile(r"\s+(?:staff|members?|teams?|officials?|employees?|personnel)(?!\w)",
                           re.IGNORECASE)
_OF_ONE_WORD = re.compile(r"\s+of\s+the\s+[a-z]+(?!\w)")
_CLAUSE_WORDS = (" that ", " which ", " where ", " who ", " whom ", " whose ")
_FLAT_SPACE = str.maketrans({"\n": " ", "\t": " ", "\r": " ", "\f": " ", "\v": " "})
_WORDS_DASH = re.compile(r"[\w-]+")
_PAREN = re.compile(r"\s*\(([^()]{1,120})\)")
_LIST_PAREN = re.compile(r"\s*\((?:including|incl\.?|e\.g\.|eg|such\s+as|via|namely|i\.e\.)"
                         r"[^()]{0,240}\)", re.IGNORECASE)
_SAFE_AFTER = re.compile(
    r"\s*(?:$|[.,;:()\[\]\"“”]|(?:that|which|where|since|about|regarding|relating|"
    r"concerning|on|held|kept)(?!\w))", re.IGNORECASE)
_HANGING = re.compile(r"(?<!\w)(?:any|all|every|each)(?:\s+of)?(?:\s+the)?\s+$", re.IGNORECASE)
_CONJUNCTION = re.compile(r"(?:and/or|and|or)\s+", re.IGNORECASE)
_SINGULAR_VERB = re.compile(r"\s+(has|is|was)(?!\w)", re.IGNORECASE)
_PLURAL = {"has": "have", "is": "are", "was": "were"}
_LIST_JOIN = re.compile(r"(?<!\w)(and/or|and|or|&)(?!\w)", re.IGNORECASE)
_PERIOD_LEAD = re.compile(
    r"(?<!\w)(?:(?:in|over|during)\s+the\s+course\s+of|between|in|during|for|over|within|"
    r"throughout|across|covering|of)\s+"
    r"(?:the\s+)?(?:(?:time\s*)?(?:period|dates|time\s*frame|timeframe)\s+(?:of\s+)?)?$",
    re.IGNORECASE)
_MONTH_WORDS = (r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?")
_PERIOD_TAIL = re.compile(
    r"\s*(?:to|until|till|through|and|-|–|—)\s+(?:the\s+)?(?:"
    r"\d{1,2}/\d{1,2}/\d{2,4}|"
    r"(?:\d{1,2}(?:st|nd|rd|th)?\s+)?" + _MONTH_WORDS + r"(?:\s+\d{1,2}(?:st|nd|rd|th)?,?)?"
    r"(?:\s+\d{4})?|\d{4}|present|today|now|date\s+of\s+(?:this|my|your|the)\s+request)(?!\w)",
    re.IGNORECASE)
_PART_OF_YEAR = re.compile(r"\s+(?:semester|term|trimester|quarter)\s+(?:one|two|three|four|[1-4])"
                          r"(?!\w)", re.IGNORECASE)

_NOT_WRITTEN = re.compile(r"meeting|call|notes|calendar|diary|voicemail|transcript|recollection",
                          re.IGNORECASE)


_LINK_TO = re.compile(r"\s+to\s+", re.IGNORECASE)
_LINK_FROM = re.compile(r"\s+from\s+", re.IGNORECASE)
_QUANTIFIED = re.compile(r"(?:any|all|every|each)\b", re.IGNORECASE)
_RELATIVE = re.compile(r"(?<!\w)(?:that|which|where|in\s+which)(?!\w)", re.IGNORECASE)
_PARTICIPLE = re.compile(r"(?:mentioning|referring|alluding|mentioned\s+in)(?!\w)", re.IGNORECASE)
_COMMA_GAP = re.compile(r"\s*,?\s*")
_LIST_STOP = re.compile(r"[,;:.()]")
_LAST_ITEM = re.compile(r",\s*([^,;:.()<>]{1,60}?)\s*$")
_RANGE_WORD = re.compile(r"(?<!\w)(?:to|until|till|and)(?!\w)|[-–—]")


class _NoRewrite(Exception):
    """Copied words would not survive as a replacement (they hold a "<" or ">")."""


class _Side(NamedTuple):
    """One side of a communications clause: who sent, received or met."""

    start: int
    end: int
    """-1 when the words' end is not known (a named side read loosely)."""
    open: bool
    """An open custodian or "any Minister": a blank replaces it."""
    kind: str
    agency: bool
    """The agency's own people ("any MFAT official"), not outsiders ("any UK representative")."""


class _Clause(NamedTuple):
    """What follows a run of record words: who the records are between, and how it is said."""

    form: str
    """"between" | "by" | "from" | "to" | "with" | "subject" | "none" | "other"."""
    lead: tuple[int, int]
    """The connector ("sent by ", "between "), or for "subject" the verb phrase."""
    first: _Side | None
    second: _Side | None
    verb: str
    prep: str
    """"subject": the word after the verb ("with", "to", "from", ""); "by"/"from": the word
    that introduces the other side ("to", or "from" after "received by")."""
    prep_end: int
    """Where that word ends (-1 when there is none)."""


class _Where:
    """Positions in one part that the rewrites need: open sides, record words, holders, the
    words that end a clause, and the period."""

    def __init__(self, text: str, tokens: Sequence[_Token], period_span: tuple[int, int] | None,
                 rules: Rules) -> None:
        self.text = text
        self.rules = rules
        self.rw = rules.rewrites
        self.party = rules.features.party if rules.features is not None else None
        self.period_span = period_span
        self.opens: dict[int, _Token] = {}
        self.record_ends: set[int] = set()
        self.record_tokens: list[_Token] = []
        self.holders: list[_Token] = []
        self.stops: list[int] = []
        self.cross_ref = False
        for token in tokens:
            kind = token.kind
            if kind in ("open_custodian", "open_ministers"):
                self.opens[token.start] = token
            elif kind in _REWRITE_RECORDS:
                self.record_ends.add(token.end)
                self.record_tokens.append(token)
            elif kind == "holders":
                if not self.in_period(token.start):
                    self.holders.append(token)
            elif kind in _STOP_KINDS:
                self.stops.append(token.start)
                if kind == "cross_reference":
                    self.cross_ref = True
        if period_span is not None:
            self.stops.append(period_span[0])
        self._flat: str | None = None
        self._content = len(text)
        self._stops_at: dict[int, int] = {}
        self._sides: dict[int, _Side | None] = {}

    def period_paren(self, pos: int) -> re.Match[str] | None:
        """Brackets at `pos` that hold the period ("(between the dates 15/12/2022 to
        09/06/2024)"), or None."""
        span = self.period_span
        if span is None or span[0] < pos:
            return None
        found = _PAREN.match(self.text, pos)
        if found is None or not found.start(1) <= span[0] < span[1] <= found.end(1):
            return None
        return found

    def in_period(self, at: int) -> bool:
        span = self.period_span
        return span is not None and span[0] <= at < span[1]

    def stop(self, pos: int) -> int:
        """Where the clause that goes on at `pos` ends: a full stop or semicolon, a subject or
        period phrase (after `pos`), a relative pronoun ("that", "which"), or the end."""
        known = self._stops_at.get(pos)
        if known is not None:
            return known
        flat = self._flat
        if flat is None:
            text = self.text
            self._content = _content_end(text)
            # lower case, every white space a space: same offsets, found with str.find
            flat = self._flat = text.lower().translate(_FLAT_SPACE) \
                if len(text.lower()) == len(text) else text.translate(_FLAT_SPACE)
            self.stops.sort()
        end = self._content
        found = _BREAK.search(self.text, pos, end)
        if found is not None:
            end = found.start()
        for word in _CLAUSE_WORDS:
            at = flat.find(word, pos, end + 1)
            if at != -1:
                end = at
        index = bisect.bisect_right(self.stops, pos)
        if index < len(self.stops):
            end = min(end, self.stops[index])
        self._stops_at[pos] = end = max(pos, end)
        return end

    def sentence_end(self, pos: int) -> int:
        found = _BREAK.search(self.text, pos)
        return found.start() if found is not None else len(self.text)

    def open_side(self, pos: int) -> _Side | None:
        token = self.opens.get(pos)
        if token is None:
            return None
        if pos in self._sides:
            return self._sides[pos]
        self._sides[pos] = side = self._open_side(token)
        return side

    def _open_side(self, token: _Token) -> _Side:
        end = token.end
        if token.kind == "open_custodian":
            people = _PEOPLE_AFTER.match(self.text, end)  # "your office| staff|"
            end = self._linked_end(people.end() if people is not None else end)
        agency = False
        if token.kind == "open_custodian" and self.rw is not None:
            agency = _custodian_class(token.text)[0]
        return _Side(token.start, end, True, token.kind, agency)

    def _linked_end(self, end: int) -> int:
        """Past what names a custodian's organisation: "any member or representative| of the
        government of the United Kingdom|", "any member| of the public|"."""
        text = self.text
        while True:
            link = _SIDE_LINK.match(text, end)
            if link is None or self.party is None:
                break
            found = self.party.match(text, link.end())
            if found is None or found.end() <= link.end():
                break
            if self.period_span and link.end() < self.period_span[1] and \
                    self.period_span[0] < found.end():
                break
            end = found.end()
        plain = _OF_ONE_WORD.match(text, end)
        if plain is not None and not (self.period_span and self.period_span[0] < plain.end()
                                      and plain.start() < self.period_span[1]):
            end = plain.end()
        return end

    def named_side(self, pos: int) -> _Side | None:
        """A named person, team or organisation at `pos` ("officials in the Rates team",
        "the British High Commission in Wellington"), or None."""
        if self.party is None:
            return None
        found = self.party.match(self.text, pos)
        if found is None or found.end() <= pos:
            return None
        end = self._named_end(found.end())
        return _Side(pos, end, False, "named", False)

    def _named_end(self, end: int) -> int:
        text = self.text
        assert self.party is not None
        while True:
            link = _SIDE_LINK.match(text, end)
            if link is None:
                return end
            found = self.party.match(text, link.end())
            if found is None or found.end() <= link.end():
                return end
            end = found.end()

    def side(self, pos: int) -> _Side:
        """Whatever side is at `pos`: open, named, or named loosely (end unknown)."""
        return self.open_side(pos) or self.named_side(pos) or _Side(pos, -1, False, "named",
                                                                    False)

    def pair(self, at: int, link_word: str, stop: int) -> tuple[_Side | None, _Side | None, int]:
        """ "A to B" (or "A from B") at `at`: the two sides and where `link_word` ends."""
        text = self.text
        link = _LINK_TO if link_word == "to" else _LINK_FROM
        first = self.open_side(at)
        if first is not None:
            found = link.match(text, first.end)
            if found is not None and found.end() <= stop:
                return first, self.side(found.end()), found.end() - len(found.group()) + \
                    len(found.group().rstrip())
            return first, None, -1
        found = link.search(text, at, stop)
        if found is not None and 1 <= len(text[at:found.start()].split()) <= 10 and \
                not any(at <= start < found.start() for start in self.opens):
            end_word = found.start() + len(found.group().rstrip())
            return _Side(at, found.start(), False, "named", False), self.side(found.end()), \
                end_word
        return self.named_side(at), None, -1


def _clause_after(where: _Where, pos: int) -> _Clause:
    """Read who the records just before `pos` are between."""
    text = where.text
    stop = where.stop(pos)
    none = _Clause("none", (pos, pos), None, None, "", "", -1)
    found = _CONNECT.match(text, pos)
    if found is not None and not where.in_period(found.start("prep")):
        if found.start("prep") >= stop:
            return none
        prep = found.group("prep").lower()
        verb = " ".join((found.group("verb") or "").lower().split())
        at = found.end()
        lead = (found.start(), found.end())
        if prep == "between":
            first = where.open_side(at)
            if first is not None:
                joint = _AND_WORD.match(text, first.end)
                if joint is None or joint.end() > stop:
                    return _Clause("between", lead, first, None, verb, "", -1)
                return _Clause("between", lead, first, where.side(joint.end()), verb, "and",
                               joint.start() + len(joint.group().rstrip()))
            for joint in _AND_WORD.finditer(text, at, stop):
                second = where.open_side(joint.end())
                if second is not None:
                    return _Clause("between", lead, _Side(at, joint.start(), False, "named",
                                                          False), second, verb, "and",
                                   joint.start() + len(joint.group().rstrip()))
            if _AND_WORD.search(text, at, stop) is not None and \
                    not any(at <= start < stop for start in where.opens):
                return _Clause("between", lead, _Side(at, -1, False, "named", False),
                               _Side(-1, -1, False, "named", False), verb, "and", -1)
            return _Clause("other", lead, None, None, verb, "", -1)
        if prep in ("by", "from"):
            back = "from" if prep == "by" and verb == "received" else "to"
            first, second, link_end = where.pair(at, back, stop)
            return _Clause(prep, lead, first, second, verb, back, link_end)
        return _Clause(prep, lead, None, where.side(at), verb, prep, found.end("prep"))
    rel = _REL_LEAD.match(text, pos)
    if rel is None:
        return none
    first = where.open_side(rel.end()) or where.named_side(rel.end())
    if first is not None and first.end > 0:
        stop = where.stop(rel.end())
        verb_match = _SUBJECT_VERB.match(text, first.end)
        if verb_match is not None and verb_match.end() <= max(stop, first.end):
            prep = (verb_match.group("prep") or "").lower()
            second = None
            prep_end = -1
            if prep:
                prep_end = verb_match.end("prep")
                after = _SPACE.match(text, prep_end).end()
                if after < where.stop(after) or where.opens.get(after) is not None:
                    second = where.side(after)
            return _Clause("subject", (rel.start(), verb_match.end()), first, second,
                           verb_match.group("verb").lower(), prep, prep_end)
    return none


class _Blanks:
    """Hands out the blanks of one replacement so that no two are the same."""

    def __init__(self, rw: _Rewrites) -> None:
        self.rw = rw
        self.used: set[str] = set()

    def _take(self, template: str) -> str:
        self.used.update(_placeholder_names(template))
        return template

    def free(self, template: str) -> bool:
        return not set(_placeholder_names(template)) & self.used

    def side(self, side: _Side | None, prefer_agency: bool) -> str:
        """The blank for an open (or missing) side."""
        rw = self.rw
        if side is not None and side.kind == "open_ministers" and self.free(rw.minister):
            return self._take(rw.minister)
        agency = side.agency if side is not None and side.kind == "open_custodian" \
            else prefer_agency
        first, second = (rw.agency_side, rw.other_side) if agency else \
            (rw.other_side, rw.agency_side)
        return self._take(first if self.free(first) else second)


def _copy(text: str, start: int, end: int) -> str:
    words = " ".join(text[start:end].split())
    if "<" in words or ">" in words or not words:
        raise _NoRewrite
    return words


def _records_words(text: str, quant: _Token, first: _Token, end: int,
                   comms: Sequence[_Token], rules: Rules) -> str:
    """The record words without the quantifier, vague ones named: "any meetings or
    correspondence" -> "meetings or emails"."""
    rw = rules.rewrites
    assert rw is not None
    prefix = " ".join(text[quant.end:first.start].split())
    items: list[str] = []
    vague = False
    for token in comms:
        if token.start < first.start or token.end > end:
            continue
        low = " ".join(token.text.lower().split())
        if low not in rw.vague and low not in rules.typo_quiet and len(low) >= rules.typo_min:
            low = rules.typo_known.get(low) or \
                _closest(low, rules.typo_words, rules.typo_max) or low  # "corespondence"
        elif low in rules.typo_known:
            low = rules.typo_known[low]
        if low in rw.vague:
            vague = True
        else:
            items.append(" ".join(token.text.split()))
    # "emails, texts and communications" -> "emails and texts"; "meetings or correspondence"
    # -> "meetings or emails" (a meeting is not a written channel)
    if vague and all(_NOT_WRITTEN.search(item) for item in items):
        items.append(rw.records)
    seen: set[str] = set()
    items = [item for item in items
             if not (item.lower() in seen or seen.add(item.lower()))]  # type: ignore[func-returns-value]
    if not items:
        raise _NoRewrite
    joins = _LIST_JOIN.findall(text, first.end, end)
    join = (joins[-1].lower() if joins else "and").replace("and/or", "and").replace("&", "and")
    words = items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" {join} " + items[-1]
    if "<" in prefix or ">" in prefix:
        raise _NoRewrite
    return f"{prefix} {words}" if prefix else words


def _communications_rewrite(where: _Where, quant: _Token, first: _Token, end: int,
                            comms: Sequence[_Token]) -> tuple[tuple[int, int], str] | None:
    """(span, replacement) for all-communications: the quantifier, the record words and the
    clause that says whose they are, rewritten together."""
    rw = where.rw
    if rw is None:
        return None
    text = where.text
    try:
        records = _records_words(text, quant, first, end, comms, where.rules)
    except _NoRewrite:
        return None
    start = quant.start
    pos = end
    if where.period_paren(pos) is not None:  # "communications (between the dates ...) ..."
        return (start, pos), records
    paren = _LIST_PAREN.match(text, pos)
    if paren is not None and not (where.period_span and paren.start() < where.period_span[1]
                                  and where.period_span[0] < paren.end()):
        pos = paren.end()
    clause = _clause_after(where, pos)
    blanks = _Blanks(rw)
    plain = ((start, pos), records)
    try:
        return _clause_rewrite(where, clause, start, pos, records, blanks) or plain
    except _NoRewrite:
        return plain


def _clause_rewrite(where: _Where, clause: _Clause, start: int, pos: int, records: str,
                    blanks: _Blanks) -> tuple[tuple[int, int], str] | None:
    text = where.text
    rw = where.rw
    assert rw is not None
    form = clause.form
    first, second = clause.first, clause.second
    if form == "none":
        later = any(pos <= token.start < where.sentence_end(pos) for token in where.holders) or \
            any(pos <= at < where.sentence_end(pos) for at in where.opens)
        if where.cross_ref or later or not _SAFE_AFTER.match(text, pos):
            return None
        return (start, pos), f"{records} between {blanks.side(None, True)} and " \
                             f"{blanks.side(None, False)}"
    if form == "between":
        if first is None:
            return None
        if first.open:
            head = f"{records} between {blanks.side(first, True)}"
            if second is not None and second.open:
                return (start, second.end), f"{head} and {blanks.side(second, False)}"
            return (start, first.end), head
        if second is not None and second.open and first.end > 0:
            named = _copy(text, first.start, first.end)
            return (start, second.end), \
                f"{records} between {named} and {blanks.side(second, False)}"
        return None
    if form in ("by", "from"):
        if first is None:
            return None
        lead = " " + " ".join(text[clause.lead[0]:clause.lead[1]].split()) + " "
        if first.open:
            first_words = blanks.side(first, form == "by" or clause.verb == "sent")
        elif first.end > 0:
            first_words = _copy(text, first.start, first.end)
        else:
            return None
        if second is not None and second.open:
            return (start, second.end), f"{records}{lead}{first_words} {clause.prep} " \
                                        f"{blanks.side(second, not first.agency)}"
        if second is not None:
            return ((start, first.end), f"{records}{lead}{first_words}") if first.open else None
        if first.end < 0:
            return None
        # "from the Mayor" -> "from the Mayor to <other ...>"; "from any member of the public"
        # -> "... to <person or team at the agency>"
        return (start, first.end), f"{records}{lead}{first_words} {clause.prep} " \
                                   f"{blanks.side(None, first.open and not first.agency)}"
    if form in ("to", "with"):
        agency = blanks.side(None, True)
        head = f"{records} between {agency} and" if form == "with" else \
            f"{records} from {agency} to"
        if second is not None and second.open:
            return (start, second.end), f"{head} {blanks.side(second, False)}"
        return (start, clause.prep_end), head
    if form == "subject" and first is not None:
        if first.open:
            first_words = blanks.side(first, True)
        else:
            first_words = _copy(text, first.start, first.end)
        verb, prep = clause.verb, clause.prep
        if prep == "to" or (not prep and verb in ("sent", "written", "wrote")):
            head = f"{records} {'written' if verb in ('written', 'wrote') else 'sent'} by " \
                   f"{first_words} to"
        elif prep == "from" or (not prep and verb == "received"):
            head = f"{records} received by {first_words} from"
        else:
            head = f"{records} between {first_words} and"
        if second is not None and second.open:
            return (start, second.end), f"{head} {blanks.side(second, False)}"
        if second is not None:
            return (start, clause.prep_end), head
        return (start, clause.lead[1]), f"{head} {blanks.side(None, not first.agency)}"
    return None


def _two_sided(where: _Where, end: int) -> bool:
    """Whether the records ending at `end` name both sides ("emails between the Rates team
    and KiwiRail"), the form the communications suggestion recommends."""
    paren = _LIST_PAREN.match(where.text, end) or where.period_paren(end)
    if paren is not None:
        end = paren.end()
    clause = _clause_after(where, end)
    if clause.form not in ("between", "by", "from", "subject"):
        return False
    first, second = clause.first, clause.second
    return first is not None and second is not None and not first.open and not second.open


def _custodian_rewrite(where: _Where, token: _Token) -> tuple[tuple[int, int], str | None]:
    """(span, replacement) for open-custodian and open-ministers: the custodian (with what
    names its organisation) in place, or, when it is the subject of a clause after record
    words ("correspondence any MFAT official has had with"), the clause turned round
    ("correspondence between officials in <unit or role> and")."""
    text = where.text
    rw = where.rw
    plain = (token.start, token.end)
    if rw is None:
        return plain, None
    low = " ".join(token.text.lower().split())
    if token.kind == "open_custodian" and low in rw.custodian_advice:
        return plain, None
    side = where.open_side(token.start)
    if side is None:  # pragma: no cover - every open token is a side
        return plain, None
    if token.kind == "open_ministers":
        words = rw.minister
    elif side.agency:
        words = rw.custodian
    else:
        words = rw.outsider
    conjunction = _CONJUNCTION.match(token.text)
    if conjunction is None:
        before = _REL_BEFORE.search(text, max(0, token.start - 12), token.start)
        if before is not None and before.start() in where.record_ends:
            verb = _SUBJECT_VERB.match(text, side.end)
            if verb is not None and _same_clause(text, token.start, verb.end()):
                return (before.end(1), verb.end()), _turned(verb, words)
    start, end = side.start, side.end
    lead = ""
    if conjunction is not None:
        lead = conjunction.group(0).split()[0].lower().replace("and/or", "and") + " "
    else:
        hanging = _HANGING.search(text, max(0, start - 16), start)
        if hanging is not None and not _QUANTIFIED.match(token.text):
            start = hanging.start()
    plural = words.startswith("officials ")
    agree = _SINGULAR_VERB.match(text, end) if plural else None
    replacement = lead + words
    if agree is not None:
        replacement += " " + _PLURAL[agree.group(1).lower()]
        end = agree.end()
    return (start, end), replacement


@lru_cache(maxsize=1024)
def _custodian_class(words: str) -> tuple[bool, bool]:
    """(the agency's own people, advice only) for an open custodian's words, under the
    built-in vocabulary."""
    rw = load_rules().rewrites
    assert rw is not None
    low = words.lower()
    return (any(word in rw.agency_words for word in _WORDS_DASH.findall(low)),
            " ".join(low.split()) in rw.custodian_advice)


def _outsider_suggestion(token: _Token, rules: Rules) -> str | None:
    """The suggestion for an open custodian outside the agency ("any UK representative"),
    which its fix names as a person or organisation, not as officials; None: the rule's."""
    rw = rules.rewrites
    if rw is None:
        return None
    agency, advice = _custodian_class(token.text)
    return None if agency or advice else rw.outsider_suggestion


def _turned(verb: re.Match[str], words: str) -> str:
    """The subject clause turned round: "any MFAT official has had with" -> "between
    officials in <unit or role> and"."""
    what, prep = verb.group("verb").lower(), (verb.group("prep") or "").lower()
    if prep == "with":
        return f"between {words} and"
    if prep == "to":
        return f"{'written' if what in ('written', 'wrote') else 'sent'} by {words} to"
    if prep == "from":
        return f"received by {words} from"
    if what in ("sent", "written", "wrote", "received"):
        return f"{'written' if what == 'wrote' else what} by {words}"
    return f"involving {words}"


def _mention_rewrite(where: _Where, token: _Token) -> tuple[int, int] | None:
    """The stretch "where <topic> was a named agenda item" replaces: the relative clause
    around the mention ("that included mention of X"), or a participle ("mentioning X"), to
    the end of the clause, before the period. None when the mention is a noun ("any mention
    of X", "all references to X"): that needs rewording, not a splice."""
    text = where.text
    window_start = max(0, token.start - 30)
    rel = list(_RELATIVE.finditer(text, window_start, token.start))
    if rel and _same_clause(text, rel[-1].start(), token.start):
        start = rel[-1].start()
    elif _PARTICIPLE.match(token.text):
        start = token.start
    else:
        return None
    end = _content_end(text)
    found = _BREAK.search(text, token.end, end)
    if found is not None:
        end = found.start()
    if where.period_span is not None and token.end <= where.period_span[0] < end:
        end = max(token.end, _period_lead(text, where.period_span[0]))  # "X| in 2023"
    for holder in where.holders:
        if token.end <= holder.start < end:
            end = holder.start
            break
    end = start + len(text[start:end].rstrip(" \t\n,;:-–—("))
    return (start, end) if end > token.end else None


class _Part:
    """What the rewrites of one part need, kept by its findings until one is read."""

    __slots__ = ("_where", "period", "period_span", "rules", "text", "tokens")

    def __init__(self, text: str, tokens: Sequence[_Token], period_span: tuple[int, int] | None,
                 period: Period | None, rules: Rules) -> None:
        self.text = text
        self.tokens = tokens
        self.period_span = period_span
        self.period = period
        self.rules = rules
        self._where: _Where | None = None

    def where(self) -> _Where:
        if self._where is None:
            self._where = _Where(self.text, self.tokens, self.period_span, self.rules)
        return self._where


def _communications_fix(part: _Part) -> tuple[tuple[int, int], str] | None:
    """The all-communications rewrite, from the part's vocabulary matches (as `assess`)."""
    comms = [t for t in part.tokens if t.kind == "communications"]
    quants = [t for t in part.tokens if t.kind == "quantifier"]
    found = _quantified(comms, quants, part.text)
    if found is None:  # pragma: no cover - the finding exists because this was found
        return None
    quant, comm = found
    end = _extend_list(part.text, comm.end, comms)
    return _communications_rewrite(part.where(), quant, comm, end, comms)


def _mention_fix(part: _Part, token: _Token) -> tuple[tuple[int, int], str | None]:
    clause = _mention_rewrite(part.where(), token)
    if clause is None:
        return (token.start, token.end), None
    return clause, part.rules.signals["topic-mention"].replacement


def _period_fix(part: _Part, _: Any) -> tuple[tuple[int, int], str | None] | None:
    if part.period_span is None:  # pragma: no cover - only findings with words ask
        return None
    return (_period_rewrite(part.text, part.period_span, part.period),
            part.rules.signals["long-period"].replacement)


# the rewrite behind each rule whose fix is worked out on first read
_REWRITE_OF = {"all-communications": "communications", "open-custodian": "custodian",
               "open-ministers": "custodian", "inclusive": "inclusive",
               "topic-mention": "mention", "long-period": "period"}
_REWRITERS: dict[str, Any] = {
    "communications": lambda part, _: _communications_fix(part),
    "custodian": lambda part, token: _custodian_rewrite(part.where(), token),
    "inclusive": lambda part, token: _inclusive_rewrite(part.where(), token),
    "mention": _mention_fix,
    "period": _period_fix,
}


def _inclusive_rewrite(where: _Where, token: _Token) -> tuple[tuple[int, int], str | None]:
    """(span, replacement) that takes "no edges" wording out and leaves a sentence."""
    text = where.text
    rw = where.rw
    plain = (token.start, token.end)
    if rw is None:
        return plain, None
    low = " ".join(token.text.lower().split())
    if low in rw.inclusive_advice:
        return plain, None
    if low in rw.inclusive_replace:
        after = _COMMA_GAP.match(text, token.end)
        end = after.end() if after is not None else token.end
        if end >= len(text.rstrip()):
            return plain, None
        return (token.start, end), rw.inclusive_replace[low] + " "
    if low in rw.inclusive_lists:
        stop = where.stop(token.end)
        comma = _LIST_STOP.search(text, token.end, stop)
        if comma is not None:
            stop = comma.start()
        stop = token.end + len(text[token.end:stop].rstrip())
        if stop <= token.end or not any(token.end <= t.start < stop
                                        for t in where.record_tokens):
            return plain, None
        join = low.split()[0]
        item = _LAST_ITEM.search(text, max(0, token.start - 62), token.start)
        if item is not None and _same_clause(text, item.start(), token.start) and \
                len(item.group(1).split()) <= 6 and not _LIST_JOIN.search(item.group(1)):
            return (item.start(), stop), f" {join} {' '.join(item.group(1).split())}"
        start = len(text[:token.start].rstrip())
        if start and text[start - 1] == ",":
            start -= 1
        return (start, stop), ""
    # a qualifier: take it out with one of the commas around it
    before = text[:token.start]
    start = len(before.rstrip())
    if start and text[start - 1] == "," and text[token.end:token.end + 1] == ",":
        return (start - 1, token.end + 1), ""
    if start and text[start - 1] == "(" and text[token.end:token.end + 1] == ")":
        return (len(text[:start - 1].rstrip()), token.end + 1), ""
    if start == 0:
        after = _SPACE.match(text, token.end)
        return (0, after.end() if after is not None else token.end), ""
    return (start, token.end), ""


def _period_lead(text: str, start: int) -> int:
    """Where the period phrase at `start` begins with its preposition ("in| 2023")."""
    lead = _PERIOD_LEAD.search(text, max(0, start - 40), start)
    return lead.start() if lead is not None else start


def _period_rewrite(text: str, span: tuple[int, int], period: Period | None) -> tuple[int, int]:
    """The stretch "from <start date> to <end date>" replaces: the period phrase with the
    preposition before it ("in 2023", "for the period ...") and an end date the period
    finder left behind ("from January 2023| to December 1st 2023|")."""
    start, end = span
    start = _period_lead(text, start)
    words = text[span[0]:span[1]].lower()
    if period is not None and (period.end is None or period.end == period.start) and \
            not _RANGE_WORD.search(words):
        tail = _PERIOD_TAIL.match(text, end)
        if tail is not None:
            end = tail.end()
    part_of_year = _PART_OF_YEAR.match(text, end)  # "in 2021| Semester Two|"
    if part_of_year is not None:
        end = part_of_year.end()
    return start, end


def _resolved(rewrite: tuple[tuple[int, int], str | None] | None, span: tuple[int, int],
              rule: SignalRule) -> tuple[str | None, tuple[str, ...], tuple[int, int] | None]:
    """(replacement, placeholders, replacement_span) of a worked-out rewrite; None or a None
    replacement: advice only."""
    if rewrite is None or rewrite[1] is None:
        return None, rule.suggestion_placeholders, None
    target, replacement = rewrite
    return replacement, _placeholder_names(replacement), target if target != span else None


def _finding(hit: _Hit, text: str, rule: SignalRule, profile: Any, risk: str,
             deferred: tuple[Any, ...] | None = None) -> Finding:
    start, end = hit.span
    quote = text[start:end]
    prepared = rule.by_act.get(profile.key)
    if prepared is None:  # pragma: no cover - every Act is prepared at load
        prepared = _signal_rule(rule.id, rule.weight, rule.severity, rule.concept, rule.message,
                                rule.suggestion, rule.replacement,
                                rule.concept_missing).by_act[profile.key]
    section, cite, words, template = prepared
    fmt: dict[str, Any] = {"quote": " ".join(quote.split()), "act": profile.short,
                           "length": "", "records": "records", "count": "", "cite": cite,
                           "words": words}
    if hit.fmt is not None:
        fmt.update(hit.fmt)
    try:
        message = template.format_map(fmt)
    except (KeyError, IndexError, ValueError):  # pragma: no cover - validated at load
        message = template
    severity = rule.severity
    if risk == "high" and hit.weight >= 1.5 and severity == "warning":
        severity = "danger"
    span = hit.span
    replacement_span = None
    if hit.rewrite == "advice" or (hit.fmt is not None and hit.fmt.get("_advice")):
        replacement = None
        placeholders = rule.suggestion_placeholders
    elif hit.rewrite is not None:
        replacement = placeholders = replacement_span = _PENDING  # type: ignore[assignment]
    else:
        replacement = rule.replacement
        placeholders = rule.replacement_placeholders
        if replacement is not None and not replacement.strip() and replacement != "":
            replacement = None
    finding = _new_finding(rule.id, severity, rule.concept, section, span, quote, message,
                           hit.suggestion or rule.suggestion, replacement, placeholders,
                           replacement_span)
    if replacement is _PENDING:
        object.__setattr__(finding, "_rw_part", deferred)
        object.__setattr__(finding, "_rw_arg", hit.rewrite_arg)
    return finding


def _new_finding(rule: str, severity: str, concept: str | None, section: str | None,
                 span: tuple[int, int], quote: str, message: str, suggestion: str | None,
                 replacement: Any, placeholders: Any, replacement_span: Any) -> Finding:
    """`Finding(...)` without going through the deferred fields' descriptors (a finding is
    made for every signal on every keystroke). tests/test_scope_speed.py checks that it
    equals the constructor's."""
    finding = object.__new__(Finding)
    set_ = object.__setattr__
    set_(finding, "rule", rule)
    set_(finding, "severity", severity)
    set_(finding, "concept", concept)
    set_(finding, "section", section)
    set_(finding, "span", span)
    set_(finding, "quote", quote)
    set_(finding, "message", message)
    set_(finding, "suggestion", suggestion)
    set_(finding, "_replacement_value", replacement)
    set_(finding, "_placeholders_value", placeholders)
    set_(finding, "_replacement_span_value", replacement_span)
    return finding


# --------------------------------------------------------------------------------------------
# Suggestions


def apply_suggestion(text: str, finding: Finding, fills: dict[str, str] | None = None) -> str:
    """Put the finding's replacement (placeholders filled from `fills`) at its span."""
    if finding.replacement is None:
        raise SuggestionError(f"the {finding.rule} suggestion is advice, not a rewrite; edit the "
                              "part yourself")
    start, end = finding.span
    if not (0 <= start <= end <= len(text)) or text[start:end] != finding.quote:
        raise SuggestionError("the part has changed since it was checked; check it again first")
    start, end = finding.target
    if not (0 <= start <= finding.span[0] and finding.span[1] <= end <= len(text)):
        raise SuggestionError("the part has changed since it was checked; check it again first")
    fills = fills or {}
    template = finding.replacement
    replacement = template
    for name in dict.fromkeys(_PLACEHOLDER.findall(template)):
        value = fills.get(name)
        if value is None or not str(value).strip():
            raise SuggestionError(f"fill in <{name}> before using this suggestion")
        replacement = replacement.replace(f"<{name}>", _fitted(template, name, str(value)))
    replaced = text[start:end]
    if replaced[:1].isupper() and replacement[:1].islower() and _sentence_start(text, start):
        # "All communications about ..." -> "Emails between ... about ..."
        replacement = replacement[0].upper() + replacement[1:]
    return text[:start] + replacement + text[end:]


def findings_after(findings: Iterable[Finding], accepted: Finding, before: str,
                   after: str) -> tuple[Finding, ...]:
    """The other findings of a part once `accepted` has turned `before` into `after`: those
    whose words and replaced stretch lie wholly outside the accepted one's, moved by the change
    in length so that they still apply; those that overlap it are dropped (assess `after` for
    fresh ones). A finding about missing words (a zero-width span) is dropped when it sits at
    or inside the rewritten stretch."""
    start, end = accepted.target
    shift = len(after) - len(before)
    kept: list[Finding] = []
    for finding in findings:
        if finding is accepted:
            continue
        first, last = finding.target
        lo, hi = min(first, finding.span[0]), max(last, finding.span[1])
        if hi < start or (hi == start and lo < hi):
            move = 0
        elif lo > end or (lo == end and lo < hi):
            move = shift
        else:
            continue
        span = (finding.span[0] + move, finding.span[1] + move)
        if after[span[0]:span[1]] != finding.quote:
            continue
        target = finding.replacement_span
        kept.append(_new_finding(
            finding.rule, finding.severity, finding.concept, finding.section, span,
            finding.quote, finding.message, finding.suggestion, finding.replacement,
            finding.placeholders,
            None if target is None else (target[0] + move, target[1] + move)))
    return tuple(kept)


_WORDS = re.compile(r"[^\s<>]+")


def _fitted(template: str, name: str, value: str) -> str:
    """A fill without the words the template already has around its blank: "officials in
    the Rates team" for "officials in <unit or role>" gives "the Rates team", "the
    Convention was a named agenda item" for "where <topic> was a named agenda item" gives
    "the Convention"."""
    words = " ".join(value.split()).strip()
    at = template.index(f"<{name}>")
    before = _WORDS.findall(template[:at].rsplit(">", 1)[-1])
    after = _WORDS.findall(template[at + len(name) + 2:].split("<", 1)[0])
    mine = words.split(" ")
    for size in range(min(len(before), len(mine) - 1), 0, -1):
        if [w.lower() for w in mine[:size]] == [w.lower() for w in before[-size:]]:
            mine = mine[size:]
            break
    for size in range(min(len(after), len(mine) - 1), 0, -1):
        if [w.lower().rstrip(".,;") for w in mine[-size:]] == [w.lower() for w in after[:size]]:
            mine = mine[:-size]
            break
    return " ".join(mine)


_LEAD = re.compile(
    r"^\s*(?:please\s+)?(?:(?:provide|supply|send|release|give)\s+(?:me\s+)?(?:with\s+)?)?"
    r"(?:a\s+|the\s+)?(?:full\s+|electronic\s+)?(?:cop(?:y|ies)\s+of\s+)?"
    r"(?:(?:any\s+and\s+all|all\s+and\s+any|all|any|every)\s+)?(?:of\s+the\s+)?",
    re.IGNORECASE,
)


def split_dates_then_copies(part_text: str) -> tuple[str, str] | None:
    """Offer the "dates first, copies second" split for a part that asks for copies of records:
    ("The dates, senders, recipients and subject lines of <the records>.", "Copies of the
    records listed in response to the previous part."). None when the part already asks only
    for dates or lists, or does not ask for records."""
    if not isinstance(part_text, str) or not part_text.strip():
        return None
    rules = load_rules()
    tokens = _tokens(part_text, rules)
    kinds = {t.kind for t in tokens}
    if "cross_reference" in kinds:
        return None
    head = part_text.lstrip()[:40].lower()
    if any(t.kind == "metadata" and t.start <= len(part_text) - len(part_text.lstrip()) + 12
           for t in tokens) or head.startswith(("the date", "dates", "a list", "list ")):
        return None
    if not kinds & {"communications", "generic_records", "named_documents"}:
        return None
    rest = _LEAD.sub("", part_text.strip(), count=1).strip()
    rest = rest.rstrip(" .;,")
    if not rest:
        return None
    rest = rest[0].lower() + rest[1:] if rest[:2] != rest[:2].upper() else rest
    if "communications" in kinds:
        dates = f"The dates, senders, recipients and subject lines of {rest}."
        records = "communications"
    else:
        dates = f"A list (title, date and author) of {rest}."
        records = "documents"
    copies = f"Copies of the {records} listed in response to the previous part."
    return dates, copies


# --------------------------------------------------------------------------------------------
# Whole requests


def assess_request(parts: Any, context: Context | None = None,
                   acknowledged: dict[str, Iterable[str]] | None = None) -> RequestAssessment:
    """Assess every part and the request as a whole (see the module docstring).

    `parts` is a list of part texts or a `splitter.SplitRequest`. `acknowledged` maps a part
    number to the rule ids the user chose to keep for that part.
    """
    context = context or Context()
    rules = load_rules()
    from oiadraft import acts

    profile = acts.get_act(context.act)
    split = None
    if isinstance(parts, (list, tuple)):
        texts = [str(p) for p in parts]
        numbers = [str(i + 1) for i in range(len(texts))]
    else:
        split = parts
        texts = [p.text for p in split.parts]
        numbers = [p.number for p in split.parts]
        if split.request_period is not None and context.request_period is None:
            from dataclasses import replace

            context = replace(context, request_period=split.request_period.period)
    acknowledged = acknowledged or {}
    assessments = tuple(assess(text, context, acknowledged.get(number, ()))
                        for text, number in zip(texts, numbers, strict=True))
    risk = max((a.risk for a in assessments), key=RISKS.index, default="low")
    req = rules.request
    findings: list[Finding] = []

    def request_finding(key: str, **fmt: Any) -> None:
        prepared = rules.request_findings[key][profile.key]
        values = {"cite": prepared.cite, "words": prepared.words, "act": profile.short,
                  "count": "", "first": "", "second": "", "quote": "", "length": "",
                  "records": ""}
        values.update(fmt)
        findings.append(_new_finding(
            key, prepared.severity, prepared.concept, prepared.section, (0, 0), "",
            prepared.message.format_map(values), prepared.suggestion, None,
            prepared.placeholders, None))

    if len(texts) >= int(req.get("many_parts", 8)):
        request_finding("many-parts", count=len(texts))

    compare_limit = int(req.get("compare_limit", 300))
    paired: set[tuple[int, int]] = set()
    if len(texts) <= compare_limit:
        heads = [_head_kind(text) for text in texts]
        cores = [_core(text) for text in texts]
        used: set[int] = set()
        pair_within = int(req.get("pair_within", 8))
        for i, kind in enumerate(heads):
            if kind != "dates":
                continue
            # the nearest following "copies of" part about the same records, a few parts on
            chosen = None
            for j in range(i + 1, min(len(texts), i + 1 + pair_within)):
                if heads[j] == "copies" and j not in used and \
                        fuzz.token_set_ratio(cores[i], cores[j]) >= 75:
                    chosen = j
                    break
            if chosen is not None:
                used.add(chosen)
                paired.add((i, chosen))
                request_finding("dates-then-copies", first=numbers[i], second=numbers[chosen])
        limit = float(req["near-duplicate"].get("similarity", 97))
        flat = [" ".join(text.lower().split()) for text in texts]
        repeats = _near_duplicates(flat, limit, paired)
        for j, i in sorted(repeats.items(), key=lambda pair: (pair[1], pair[0])):
            request_finding("near-duplicate", first=numbers[i], second=numbers[j])
    broad = sum(1 for a in assessments if a.risk != "low")
    if risk == "high" or broad >= 3:
        request_finding("aggregation")
    if split is not None:
        for chunk in (split.preamble, split.closing):
            if not chunk:
                continue
            tokens = _tokens(chunk, rules)
            kinds = {t.kind for t in tokens}
            if "urgency" in kinds and "urgency_reasons" not in kinds:
                rule = rules.signals["urgency-without-reasons"]
                token = next(t for t in tokens if t.kind == "urgency")
                findings.append(_finding(_Hit(rule.id, (token.start, token.end), 0.0), chunk,
                                         rule, profile, "low"))
                break
    return RequestAssessment(
        risk=risk,
        parts=assessments,
        findings=tuple(findings),
        numbers=tuple(numbers),
        request_period=context.request_period,
    )


def _near_duplicates(flat: Sequence[str], limit: float,
                     paired: set[tuple[int, int]]) -> dict[int, int]:
    """Later part -> the first earlier part it repeats (fuzz.ratio >= limit), so each repeat
    is reported once. Only parts of similar length are compared: two texts whose lengths
    differ by more than (100 - limit)% of their sum cannot reach `limit`."""
    spread = max(0.0, 1.0 - limit / 100.0)
    low = (1.0 - spread) / (1.0 + spread) * 0.99  # a little wider than the bound, for rounding
    high = (1.0 + spread) / (1.0 - spread) * 1.01 if spread < 1.0 else float("inf")
    order = sorted(range(len(flat)), key=lambda k: len(flat[k]))
    lengths = [len(flat[k]) for k in order]
    repeats: dict[int, int] = {}
    for i, text in enumerate(flat):
        if not text:
            continue
        first = bisect.bisect_left(lengths, len(text) * low)
        last = bisect.bisect_right(lengths, len(text) * high)
        for j in sorted(k for k in order[first:last] if k > i and flat[k]):
            if j in repeats or (i, j) in paired:
                continue
            if fuzz.ratio(text, flat[j], score_cutoff=limit) >= limit:
                repeats[j] = i
    return repeats


_HEAD_DATES = re.compile(r"^\s*(?:the\s+)?(?:dates?|a\s+list|list|schedule|index|titles?)\b",
                         re.IGNORECASE)
_HEAD_COPIES = re.compile(r"^\s*(?:please\s+provide\s+)?(?:a\s+)?cop(?:y|ies)\b", re.IGNORECASE)
_CORE_STRIP = re.compile(
    r"^\s*(?:(?:the\s+)?dates?(?:\s+on\s+which|\s+of)?|(?:a\s+)?cop(?:y|ies)\s+of|a\s+list\s+of|"
    r"list\s+of)\s+(?:all\s+|any\s+)?", re.IGNORECASE)


def _head_kind(text: str) -> str:
    if _HEAD_DATES.match(text):
        return "dates"
    if _HEAD_COPIES.match(text):
        return "copies"
    return "other"


def _core(text: str) -> str:
    return " ".join(_CORE_STRIP.sub("", text, count=1).lower().split())
