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

``assess_request(parts, context) -> RequestAssessment``
    ``parts`` is a list of part texts or a ``splitter.SplitRequest`` (whose whole-request
    period sentence then applies to parts that state none). ``.risk`` (the highest part risk),
    ``.parts`` (one ``Assessment`` each), ``.numbers`` and request-level ``.findings``: many parts
    (expect an extension), a "dates of" part paired with a "copies of" part (a good pattern),
    near-duplicate parts, and the note that splitting a broad request does not avoid refusal.

``Finding`` (frozen)
    ``rule`` id, ``severity`` ("info" | "warning" | "danger"), ``concept`` (an acts.yaml key or
    None), ``section`` (the number from the Act profile, e.g. "18(f)", or None), ``span``
    (start, end) in the part text, ``quote`` (exactly ``part_text[start:end]``), ``message``
    (plain English, quotes the words, says why), ``suggestion`` (narrower wording; a template
    whose ``<placeholders>`` the user fills in), ``replacement`` (text to put at ``span`` when the
    user accepts, or None when the suggestion is advice) and ``placeholders`` (names inside <...>).

``apply_suggestion(text, finding, fills) -> str``
    Rewrites the part at the finding's span; ``SuggestionError`` names an unfilled placeholder.

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
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from oiadraft import clock, paths, yamlio
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
    "load_rules",
    "split_dates_then_copies",
]

RULES_FILE = "scope_rules.yaml"
RISKS = ("low", "medium", "high")
SEVERITIES = ("info", "warning", "danger")
PERIOD_SOURCES = ("part", "request", "none")


class SuggestionError(UserError, ValueError):
    """A suggestion cannot be applied (a placeholder is unfilled, or the text has changed)."""


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
    replacement: str | None = None
    placeholders: tuple[str, ...] = ()

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
    "open_custodian", "open_ministers", "inclusive", "metadata", "final_versions",
    "agenda_item", "named_documents", "whole_agency", "topic_mention", "topic_link",
    "case_statistics", "communications", "generic_records", "holders", "and_or",
    "weak_search_terms",
    "urgency", "urgency_reasons", "quantifier",
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


@dataclass(frozen=True)
class Rules:
    """The validated vocabulary, with its patterns compiled."""

    thresholds: dict[str, float]
    periods: dict[str, dict[str, float]]
    master: re.Pattern[str]
    master_lower: re.Pattern[str]
    """The same pattern, case-sensitive, for text already lower-cased (about twice as fast)."""
    group_kinds: dict[str, str]
    signals: dict[str, SignalRule]
    combinations: tuple[tuple[tuple[str, ...], float], ...]
    request: dict[str, Any]
    typo_words: tuple[str, ...]
    typo_known: dict[str, str]
    typo_not: frozenset[str]
    typo_min: int
    typo_max: int
    typo_candidates: re.Pattern[str]
    letter: dict[str, Any]


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
        alternatives = []
        if phrases:
            alternatives.append(f"(?:{_trie_regex(phrases)})(?!\\w)")
        for pattern in patterns:
            _compile(pattern, node, "patterns", f"vocabulary.{kind}")
            alternatives.append(f"(?:{pattern})")
        if not alternatives:
            continue
        name = f"k{index}"
        group_kinds[name] = kind
        groups.append(f"(?P<{name}>{'|'.join(alternatives)})")
    master_source = r"(?<!\w)(?:" + "|".join(groups) + ")"
    master = re.compile(master_source, re.IGNORECASE)
    master_lower = re.compile(master_source)

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
        signals[str(rule_id)] = SignalRule(str(rule_id), weight, str(severity), concept,
                                           " ".join(str(message).split()),
                                           _clean(suggestion), replacement,
                                           " ".join(missing.split()) if missing else None)
    for required in ("all-communications", "communications", "open-custodian", "no-period",
                     "long-period", "short-period", "no-subject", "create-information",
                     "own-information", "urgency-without-reasons", "topic-mention"):
        if required not in signals:
            raise _fail(f"signals: missing {required!r}", data, "signals")

    combos: list[tuple[tuple[str, ...], float]] = []
    for node in data.get("combinations") or []:
        names = node.get("all") if isinstance(node, dict) else None
        if not isinstance(names, list) or not names:
            raise _fail("combinations: each needs 'all: [signal ids]'", node)
        for name in names:
            if name not in signals:
                raise _fail(f"combinations: unknown signal {name!r}", node, "all")
        combos.append((tuple(names), _number(node, "weight", "combinations")))

    request = data.get("request")
    if not isinstance(request, dict):
        raise _fail("missing 'request' mapping", data, "request")
    for key in ("many-parts", "dates-then-copies", "near-duplicate", "aggregation"):
        node = request.get(key)
        if not isinstance(node, dict) or node.get("severity") not in SEVERITIES:
            raise _fail(f"request.{key} needs a severity", request, key)
        concept = node.get("concept")
        if concept is not None and concept not in known_concepts:
            raise _fail(f"request.{key}: unknown concept {concept!r}", node, "concept")

    typos = data.get("typos") or {}
    known = typos.get("known") or {}
    if not isinstance(known, dict):
        raise _fail("typos.known must be a mapping", typos, "known")

    letter_node = data.get("letter")
    if not isinstance(letter_node, dict):
        raise _fail("missing 'letter' mapping", data, "letter")
    letter = _parse_letter(letter_node)

    return Rules(
        thresholds=thresholds,
        periods=periods,
        master=master,
        master_lower=master_lower,
        group_kinds=group_kinds,
        signals=signals,
        combinations=tuple(combos),
        request=dict(request),
        typo_words=tuple(str(w).lower() for w in typos.get("words") or ()),
        typo_known={str(k).lower(): str(v) for k, v in known.items()},
        typo_not=frozenset(str(w).lower() for w in typos.get("not") or ()),
        typo_min=int(typos.get("min_length", 6)),
        typo_max=int(typos.get("max_distance", 2)),
        typo_candidates=_typo_candidates(typos, known),
        letter=letter,
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


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    if value.strip() == "":
        return value
    return " ".join(value.split()) if "\n" in value else value


def _check_template(template: str, node: Any, key: str, where: str) -> None:
    allowed = {"quote", "cite", "words", "act", "length", "records", "count", "first", "second"}
    for name in re.findall(r"\{(\w*)\}", template):
        if name not in allowed:
            raise _fail(f"{where}: unknown placeholder {{{name}}} in {key}", node, key)


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
    return {
        "greeting": re.compile("|".join(greeting) or r"(?!)", re.IGNORECASE),
        "sign_off": re.compile("|".join(sign_off) or r"(?!)", re.IGNORECASE),
        "clause": re.compile("|".join(phrases) or r"(?!)", re.IGNORECASE),
        "request_period": re.compile("|".join(period) or r"(?!)", re.IGNORECASE | re.MULTILINE),
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


@dataclass(frozen=True)
class _Token:
    kind: str
    start: int
    end: int
    text: str


def _typo_fixes(text: str, rules: Rules) -> list[tuple[int, int, str]]:
    """(start, end, corrected word) for misspelt key words, found cheaply."""
    fixes: list[tuple[int, int, str]] = []
    targets = rules.typo_words
    for match in rules.typo_candidates.finditer(text):
        word = match.group(0)
        low = word.lower()
        known = rules.typo_known.get(low)
        if known is not None and known != low:
            fixes.append((match.start(), match.end(), known))
            continue
        if len(low) < rules.typo_min or low in rules.typo_not:
            continue
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


def _finditer(text: str, rules: Rules):
    """Matches of the vocabulary; on lower-cased text when lower-casing keeps every offset."""
    low = text.lower()
    if len(low) == len(text):
        return rules.master_lower.finditer(low)
    return rules.master.finditer(text)


def _tokens(text: str, rules: Rules) -> list[_Token]:
    fixes = _typo_fixes(text, rules)
    if not fixes:
        kinds = rules.group_kinds
        return [_Token(kinds[m.lastgroup or ""], m.start(), m.end(), text[m.start():m.end()])
                for m in _finditer(text, rules)]
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
    for match in _finditer(norm, rules):
        start = max(0, min(back(match.start(), False), len(text)))
        end = max(start, min(back(match.end(), True), len(text)))
        tokens.append(_Token(rules.group_kinds[match.lastgroup or ""], start, end,
                             text[start:end]))
    return tokens


_BREAK = re.compile(r"[.;:?!]\s|\n\s*\n")


def _same_clause(text: str, start: int, end: int) -> bool:
    return _BREAK.search(text, start, end) is None


def _find_period(text: str, today: date) -> Any:
    from oiadraft import periods

    find = getattr(periods, "find_periods", None)
    if find is None:
        return None
    try:
        matches = find(text, today=today)
    except Exception:  # the period finder must never break the analyser
        return None
    return matches[0] if matches else None


def _describe(period: Period, today: date, days: int) -> str:
    from oiadraft import periods

    describe = getattr(periods, "describe_length", None)
    if describe is not None:
        try:
            return str(describe(period, today))
        except Exception:  # pragma: no cover - fall back to our own wording
            pass
    return _length_words(days)


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


@dataclass
class _Hit:
    rule: str
    span: tuple[int, int]
    weight: float
    fmt: dict[str, Any] = field(default_factory=dict)
    replacement_span: tuple[int, int] | None = None


def assess(part_text: str, context: Context | None = None,
           acknowledged: Iterable[str] = ()) -> Assessment:
    """Assess one part (see the module docstring). Pure: the same input gives the same output."""
    if not isinstance(part_text, str):
        raise TypeError("assess expects the part's text as a string")
    context = context or Context()
    rules = load_rules()
    from oiadraft import acts

    profile = acts.get_act(context.act)
    text = part_text
    tokens = _tokens(text, rules)
    by_kind: dict[str, list[_Token]] = {}
    for token in tokens:
        by_kind.setdefault(token.kind, []).append(token)

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
    topic_links = [t for t in by_kind.get("topic_link", [])
                   if not (period_span and 0 <= period_span[0] - t.end <= 8)
                   and not re.match(r"\s+the\s+(?:period|dates?|time)", text[t.end:t.end + 16],
                                    re.IGNORECASE)]
    mentions = by_kind.get("topic_mention", [])
    comms = by_kind.get("communications", [])
    generic = by_kind.get("generic_records", [])
    named = by_kind.get("named_documents", [])
    quants = by_kind.get("quantifier", [])
    custodians = by_kind.get("open_custodian", [])
    ministers = by_kind.get("open_ministers", [])
    cross_refs = by_kind.get("cross_reference", [])
    metadata = by_kind.get("metadata", [])

    hits: list[_Hit] = []
    signals = rules.signals

    def add(rule: str, span: tuple[int, int], weight: float | None = None,
            replacement_span: tuple[int, int] | None = None, **fmt: Any) -> None:
        rule_weight = signals[rule].weight if weight is None else weight
        hits.append(_Hit(rule, span, rule_weight, fmt, replacement_span))

    # what is asked for
    if comms:
        record_kind = "communications"
    elif named and not (generic and _quantified(generic, quants, text)):
        record_kind = "named"
    else:
        record_kind = "documents"
    records_word = {"communications": "communications", "named": "documents",
                    "documents": "records"}[record_kind]

    all_comm = _quantified(comms, quants, text)
    if all_comm is not None:
        quant, comm = all_comm
        end = _extend_list(text, comm.end, comms)
        add("all-communications", (quant.start, end))
    elif comms:
        add("communications", (comms[0].start, comms[0].end))
    channel_words = {_channel(t.text) for t in comms}
    if len(channel_words) >= 3:
        first, last = comms[0], comms[-1]
        add("many-channels", (first.start, last.end), count=len(channel_words))

    seen_custodian = False
    for token in custodians[:3]:
        weight = signals["open-custodian"].weight if not seen_custodian else 1.0
        add("open-custodian", (token.start, token.end), weight=weight)
        seen_custodian = True
    for token in ministers[:1]:
        add("open-ministers", (token.start, token.end))

    if mentions:
        token = mentions[0]
        add("topic-mention", (token.start, token.end),
            replacement_span=_clause_span(text, token.start))
    elif topic_links:
        token = topic_links[0]
        add("topic-link", (token.start, token.end))

    for kind, rule in (("inclusive", "inclusive"), ("and_or", "and-or"),
                       ("whole_agency", "whole-agency")):
        found = by_kind.get(kind)
        if found and rule in signals:
            add(rule, (found[0].start, found[0].end))

    anchored = by_kind.get("anchored_event", [])
    has_subject = bool(topic_links or mentions or anchored or by_kind.get("agenda_item"))
    subjectless = (comms or _quantified(generic, quants, text)) and not has_subject \
        and not cross_refs and record_kind != "named"
    end_of_content = _content_end(text)
    if subjectless:
        add("no-subject", (end_of_content, end_of_content), records=records_word)
    generic_all = _quantified(generic, quants, text)
    if generic_all is not None and record_kind != "communications":
        quant, token = generic_all
        add("generic-records", (quant.start, token.end))
    if comms and not by_kind.get("holders") and not cross_refs and not custodians:
        anchor = all_comm[1].end if all_comm else comms[0].end
        anchor = _extend_list(text, anchor, comms)
        add("unbounded-holders", (anchor, anchor), records=records_word)
    if (comms or generic) and has_subject:
        for token in by_kind.get("weak_search_terms", [])[:1]:
            first_link = (mentions or topic_links)[0]
            if token.start > first_link.start:
                add("weak-search-terms", (token.start, token.end))

    # mitigations
    if named and (record_kind != "communications" or not all_comm):
        add("named-documents", (named[0].start, named[0].end))
    case_stats = by_kind.get("case_statistics", [])
    if case_stats:
        add("case-statistics", (case_stats[0].start, case_stats[0].end))
    elif metadata:
        add("metadata-only", (metadata[0].start, metadata[0].end))
    for kind, rule in (("final_versions", "final-versions"), ("agenda_item", "agenda-item"),
                       ("cross_reference", "cross-reference"),
                       ("anchored_event", "anchored-event")):
        found = by_kind.get(kind)
        if found:
            add(rule, (found[0].start, found[0].end))
    if comms and not custodians:
        party = _named_party(text, by_kind.get("holders", []))
        if party is not None:
            add("named-party", party)

    # the period
    period_weights = rules.periods[record_kind]
    if period_span is not None:
        period_quote = f"\u201c{' '.join(period_text.split())}\u201d"
    else:
        period_quote = "The period set for the whole request"
    if period is None:
        weight = 0.0 if cross_refs or anchored else period_weights["none"]
        add("no-period", (end_of_content, end_of_content), weight=weight)
    else:
        days = period.days(context.today)
        if days is not None:
            span = period_span or (0, 0)
            if days > period_weights["very_long_days"]:
                weight = period_weights["very_long"]
            elif days > period_weights["long_days"]:
                weight = period_weights["long"]
            else:
                weight = 0.0
            if weight > 0:
                add("long-period", span, weight=weight, quote=period_quote,
                    _advice=period_span is None,
                    length=_describe(period, context.today, days), records=records_word)
            elif days <= period_weights["short_days"] and period_weights["short"] < 0:
                add("short-period", span, weight=period_weights["short"], quote=period_quote,
                    length=_describe(period, context.today, days))

    # not matters of volume (weight 0 in the YAML)
    for token in by_kind.get("create_information", [])[:1]:
        add("create-information", (token.start, token.end))
    for token in by_kind.get("own_information", [])[:1]:
        add("own-information", (token.start, token.end))
    urgent = by_kind.get("urgency", [])
    if urgent and not by_kind.get("urgency_reasons"):
        add("urgency-without-reasons", (urgent[0].start, urgent[0].end))

    # score: signals, then combinations, then capped mitigations
    fired = {hit.rule for hit in hits}
    positive = sum(hit.weight for hit in hits if hit.weight > 0)
    for names, weight in rules.combinations:
        if all(name in fired for name in names):
            positive += weight
    negative = sum(hit.weight for hit in hits if hit.weight < 0)
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
    for hit in hits:
        finding = _finding(hit, text, signals[hit.rule], profile, risk)
        (hidden if hit.rule in acknowledged_ids else findings).append(finding)
    order = {"danger": 0, "warning": 1, "info": 2}
    findings.sort(key=lambda f: (f.span[0], order[f.severity], f.rule))
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
    )


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


def _clause_span(text: str, at: int) -> tuple[int, int]:
    """The relative clause around a "mention of" ("that included mention of X") to its end."""
    window = text[max(0, at - 30):at]
    rel = list(re.finditer(r"\b(?:that|which|where|in which)\b", window, re.IGNORECASE))
    start = at - len(window) + rel[-1].start() if rel else at
    stop = _BREAK.search(text, at)
    end = stop.start() + 1 if stop else len(text.rstrip())
    end = _content_end(text[:end]) if end else end
    return (start, max(start, end))


def _content_end(text: str) -> int:
    """Where to insert words at the end of a part: before trailing white space and full stop."""
    end = len(text.rstrip())
    while end > 0 and text[end - 1] in ".;,":
        end -= 1
    return end


def _named_party(text: str, holders: Sequence[_Token]) -> tuple[int, int] | None:
    for token in holders:
        after = text[token.end:token.end + 60]
        match = re.match(r"\s+(?:the\s+)?((?:[A-ZĀĒĪŌŪ][\w'’&.-]*)(?:\s+(?:of|and|for|[A-ZĀĒĪŌŪ][\w'’&.-]*))*)",
                         after)
        if match and match.group(1) and match.group(1)[0].isupper():
            end = token.end + match.end(1)
            return (token.start, end)
    return None


def _finding(hit: _Hit, text: str, rule: SignalRule, profile: Any, risk: str) -> Finding:
    start, end = hit.span
    quote = text[start:end]
    concept = rule.concept
    section = None
    template = rule.message
    fmt: dict[str, Any] = {"quote": " ".join(quote.split()), "act": profile.short,
                           "length": "", "records": "records", "count": "", "cite": "",
                           "words": ""}
    fmt.update(hit.fmt)
    if concept is not None:
        if profile.has(concept):
            section = profile.section(concept)
            fmt["cite"] = profile.cite(concept)
            fmt["words"] = profile.words(concept)
        elif rule.concept_missing:
            template = rule.concept_missing
    try:
        message = template.format(**fmt)
    except (KeyError, IndexError, ValueError):  # pragma: no cover - validated at load
        message = template
    severity = rule.severity
    if risk == "high" and hit.weight >= 1.5 and severity == "warning":
        severity = "danger"
    replacement = None if hit.fmt.get("_advice") else rule.replacement
    span = hit.span
    if replacement is not None and hit.replacement_span is not None:
        span = hit.replacement_span
        quote = text[span[0]:span[1]]
    if replacement is not None and not replacement.strip() and replacement != "":
        replacement = None
    placeholders = tuple(dict.fromkeys(_PLACEHOLDER.findall(replacement or rule.suggestion or "")))
    return Finding(
        rule=rule.id,
        severity=severity,
        concept=concept,
        section=section,
        span=span,
        quote=quote,
        message=message,
        suggestion=rule.suggestion,
        replacement=replacement,
        placeholders=placeholders,
    )


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
    fills = fills or {}
    replacement = finding.replacement
    for name in dict.fromkeys(_PLACEHOLDER.findall(replacement)):
        value = fills.get(name)
        if value is None or not str(value).strip():
            raise SuggestionError(f"fill in <{name}> before using this suggestion")
        replacement = replacement.replace(f"<{name}>", str(value).strip())
    return text[:start] + replacement + text[end:]


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
        node = req[key]
        concept = node.get("concept")
        values = {"cite": "", "words": "", "act": profile.short, "count": "", "first": "",
                  "second": "", "quote": ""}
        values.update(fmt)
        section = None
        if concept is not None and profile.has(concept):
            section = profile.section(concept)
            values["cite"] = profile.cite(concept)
            values["words"] = profile.words(concept)
        message = " ".join(str(node.get("message", "")).split()).format(**values)
        suggestion = node.get("suggestion")
        findings.append(Finding(
            rule=key, severity=node["severity"], concept=concept, section=section, span=(0, 0),
            quote="", message=message,
            suggestion=" ".join(suggestion.split()) if suggestion else None,
            replacement=None,
            placeholders=tuple(_PLACEHOLDER.findall(suggestion or "")),
        ))

    if len(texts) >= int(req.get("many_parts", 8)):
        request_finding("many-parts", count=len(texts))

    compare_limit = int(req.get("compare_limit", 300))
    paired: set[tuple[int, int]] = set()
    if len(texts) <= compare_limit:
        heads = [_head_kind(text) for text in texts]
        cores = [_core(text) for text in texts]
        used: set[int] = set()
        for i, kind in enumerate(heads):
            if kind != "dates":
                continue
            # the nearest following "copies of" part about the same records
            chosen = None
            for j in range(i + 1, len(texts)):
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
        duplicates: list[tuple[int, int]] = []
        for i in range(len(flat) - 1):
            if not flat[i]:
                continue
            # one C call per part against the later parts (cheap even for 50 parts)
            later = flat[i + 1:]
            for _, _, offset in process.extract(flat[i], later, scorer=fuzz.ratio,
                                                score_cutoff=limit, limit=None):
                j = i + 1 + offset
                if (i, j) not in paired and flat[j]:
                    duplicates.append((i, j))
        for i, j in sorted(duplicates):
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
