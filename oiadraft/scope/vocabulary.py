"""Loading and validating the vocabulary (``oiadraft/data/scope_rules.yaml``).

`load_rules()` reads the file once; a bad file raises `DataError` with the file and line.
Which signals a word feeds is data: each word belongs to a kind (``vocabulary``), and each
signal says which kinds it ``reads``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from oiadraft import paths, yamlio
from oiadraft.scope import patterns, sections
from oiadraft.scope.patterns import Piece
from oiadraft.scope.schema import (
    _NAMED_KEYS,
    _SIGNAL_KEYS,
    PERIOD_CLASSES,
    RULES_FILE,
    SIGNAL_KINDS,
    EchoRules,
    RequestRule,
    Rewrites,
    SignalRule,
    _number,
    check_placeholders,
    check_template,
    compile_checked,
    fail,
    placeholder_names,
    text_field,
)


@dataclass(frozen=True)
class Rules:
    """The validated vocabulary, with its patterns compiled."""

    kinds: tuple[str, ...]
    """Every kind of words, in priority order (the order of the YAML)."""
    keyed: patterns.Keyed
    """Each kind's group name and its pieces of vocabulary, in priority order (`master` builds
    the whole pattern from them)."""
    group_kinds: dict[str, str]
    trigger: re.Pattern[str]
    """Where a phrase can begin in lower-cased text."""
    dispatch: dict[str, re.Pattern[str]]
    """For each word a phrase can begin with, the vocabulary that can begin with it."""
    signals: dict[str, SignalRule]
    periods: dict[str, dict[str, float]]
    cap_years: float
    channels: tuple[str, ...]
    """The kinds of message system (many-channels counts the different ones a part names)."""
    question_openers: frozenset[str]
    """Words a question begins with (asks-a-question)."""
    polite_openers: tuple[str, ...]
    """How a request put as a question begins ("could you", "are you able"): not a question."""
    request: dict[str, Any]
    request_findings: dict[str, dict[str, RequestRule]]
    typo_words: tuple[str, ...]
    typo_known: dict[str, str]
    typo_quiet: frozenset[str]
    typo_min: int
    typo_max: int
    typo_candidates: re.Pattern[str]
    typo_lengths: dict[str, tuple[int, int]]
    typo_candidates_lower: re.Pattern[str]
    echo: EchoRules
    rewrites: Rewrites
    typo_decided: dict[str, str | None] = field(default_factory=dict, compare=False,
                                                repr=False)
    """Each typo candidate met so far and its correction (None: none), filled as parts are
    read: a request uses the same words again and again, so each is decided once."""

    def master(self) -> re.Pattern[str]:
        """The whole vocabulary as one case-blind pattern. Compiled when first needed (most
        requests never need it, and it is the largest pattern), then from `re`'s cache."""
        return re.compile(patterns.master_source(self.keyed), re.IGNORECASE)


def _vocabulary(data: Any) -> tuple[tuple[str, ...], patterns.Keyed, dict[str, str],
                                    re.Pattern[str], dict[str, re.Pattern[str]]]:
    vocab = data.get("vocabulary")
    if not isinstance(vocab, dict) or not vocab:
        raise fail("missing 'vocabulary' mapping", data, "vocabulary")
    group_kinds: dict[str, str] = {}
    keyed: list[tuple[str, tuple[Piece, ...]]] = []
    for index, (kind, node) in enumerate(vocab.items()):
        if not isinstance(node, dict):
            raise fail(f"vocabulary.{kind} must be a mapping", vocab, kind)
        phrases = node.get("phrases") or []
        pattern_nodes = node.get("patterns") or []
        if not isinstance(phrases, list) or not all(isinstance(p, str) and p.strip()
                                                    for p in phrases):
            raise fail(f"vocabulary.{kind}.phrases must be a list of text", node, "phrases")
        if not isinstance(pattern_nodes, list):
            raise fail(f"vocabulary.{kind}.patterns must be a list", node, "patterns")
        if kind == "record_words":
            several = [p for p in phrases if not patterns.WORD_RUN.fullmatch(p.strip())]
            if several or pattern_nodes:
                raise fail("vocabulary.record_words takes single words only (no patterns): "
                           f"{(several or ['a pattern'])[0]!r}", node,
                           "phrases" if several else "patterns")
        pieces: list[Piece] = patterns.phrase_pieces(phrases) if phrases else []
        for entry in pattern_nodes:
            lead = entry.get("lead") if isinstance(entry, dict) else None
            rest = entry.get("rest") if isinstance(entry, dict) else None
            if not isinstance(lead, list) or not lead or \
                    not all(isinstance(w, str) and w.strip() for w in lead) or \
                    not isinstance(rest, str):
                raise fail(f"vocabulary.{kind}.patterns: each needs 'lead' (the words it begins "
                           "with) and 'rest' (a regular expression)", entry if isinstance(
                               entry, dict) else node, "lead")
            piece = patterns.pattern_piece(lead, rest)
            compile_checked(str(piece.source), entry, "rest", f"vocabulary.{kind}")
            pieces.append(piece)
        if not pieces:
            continue
        name = f"k{index}"
        group_kinds[name] = str(kind)
        keyed.append((name, tuple(pieces)))
    trigger, dispatch = patterns.build_dispatch(tuple(keyed))
    return tuple(str(k) for k in vocab), tuple(keyed), group_kinds, trigger, dispatch


def _signals(data: Any, kinds: tuple[str, ...], concepts: set[str]) -> dict[str, SignalRule]:
    node_all = data.get("signals")
    if not isinstance(node_all, dict):
        raise fail("missing 'signals' mapping", data, "signals")
    signals: dict[str, SignalRule] = {}
    for rule_id, node in node_all.items():
        where = f"signals.{rule_id}"
        if not isinstance(node, dict):
            raise fail(f"{where} must be a mapping", node_all, rule_id)
        extra = sorted(set(node) - _SIGNAL_KEYS)
        if extra:
            raise fail(f"{where}: unknown key {extra[0]!r}", node, extra[0])
        kind = node.get("kind")
        if kind not in SIGNAL_KINDS:
            raise fail(f"{where}: kind must be one of {', '.join(SIGNAL_KINDS)}", node, "kind")
        reads = node.get("reads")
        unless = node.get("unless", [])
        for key, listed in (("reads", reads), ("unless", unless)):
            if not isinstance(listed, list) or not all(isinstance(r, str) for r in listed):
                raise fail(f"{where}: {key} must be a list of vocabulary kinds", node, key)
            unknown = [r for r in listed if r not in kinds]
            if unknown:
                raise fail(f"{where}: {key} names an unknown kind {unknown[0]!r}", node, key)
        concept = node.get("concept")
        if concept is not None and concept not in concepts:
            raise fail(f"{where}: unknown concept {concept!r} (see acts.yaml)", node, "concept")
        values = {key: text_field(node, key, where, required=False)
                  for key in ("reason", "message", "tip", "suggestion", "replacement",
                              "concept_missing")}
        if kind != "other" and not values["reason"]:
            raise fail(f"{where}: a {kind} signal needs a reason", node, "reason")
        for key in ("message", "tip", "concept_missing"):
            if values[key] is not None:
                check_template(values[key], node, key, where, concepts)
        for key in ("suggestion", "replacement"):
            if values[key] is not None:
                check_placeholders(values[key], node, key, where)
        named = node.get("named", {})
        if not isinstance(named, dict) or set(named) - set(_NAMED_KEYS) or \
                not all(isinstance(v, str) and v.strip() for v in named.values()):
            raise fail(f"{where}: named must map {', '.join(_NAMED_KEYS)} to text", node,
                       "named")
        for key in ("message", "tip"):
            if key in named:
                check_template(named[key], named, key, f"{where}.named", concepts)
        if "suggestion" in named:
            check_placeholders(named["suggestion"], named, "suggestion", f"{where}.named")
        same = node.get("same_advice_as", [])
        if not isinstance(same, list) or not all(isinstance(r, str) for r in same):
            raise fail(f"{where}: same_advice_as must be a list of signals", node,
                       "same_advice_as")
        signals[str(rule_id)] = signal_rule(
            str(rule_id), str(kind), tuple(reads), concept,
            *(_flat(values[key]) for key in ("reason", "message", "tip")),
            _clean(values["suggestion"]), values["replacement"], _flat(values["concept_missing"]),
            unless=frozenset(unless), same_advice_as=tuple(same),
            named={key: " ".join(str(value).split()) for key, value in named.items()})
    for rule_id, rule in signals.items():
        unknown = [r for r in rule.same_advice_as if r not in signals or r == rule_id]
        if unknown:
            node = node_all[rule_id]
            raise fail(f"signals.{rule_id}: same_advice_as names an unknown signal "
                       f"{unknown[0]!r}", node, "same_advice_as")
    for required in ("all-communications", "communications", "open-custodian", "no-period",
                     "long-period", "short-period", "no-subject", "create-information",
                     "own-information", "urgency-without-reasons", "topic-mention",
                     "open-ministers", "inclusive"):
        if required not in signals:
            raise fail(f"signals: missing {required!r}", data, "signals")
    return signals


def signal_rule(rule_id: str, kind: str, reads: tuple[str, ...], concept: str | None,
                reason: str | None, message: str | None, tip: str | None,
                suggestion: str | None, replacement: str | None,
                missing: str | None, unless: frozenset[str] = frozenset(),
                same_advice_as: tuple[str, ...] = (),
                named: dict[str, str] | None = None) -> SignalRule:
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
        rule_id, kind, reads, concept, reason, message, tip, suggestion, replacement, missing,
        by_act=by_act,
        replacement_placeholders=placeholder_names(usable or suggestion or ""),
        suggestion_placeholders=placeholder_names(suggestion or ""),
        unless=unless,
        same_advice_as=same_advice_as,
        named=dict(named or {}),
    )


def _flat(value: str | None) -> str | None:
    return None if value is None else " ".join(value.split())


def _clean(value: str | None) -> str | None:
    if value is None or value.strip() == "":
        return value
    return " ".join(value.split()) if "\n" in value else value


def _periods(data: Any) -> tuple[dict[str, dict[str, float]], float]:
    node = data.get("periods")
    if not isinstance(node, dict):
        raise fail("missing 'periods' mapping", data, "periods")
    found: dict[str, dict[str, float]] = {}
    for name in PERIOD_CLASSES:
        entry = node.get(name)
        if not isinstance(entry, dict):
            raise fail(f"periods: missing {name!r}", node, name)
        found[name] = {key: _number(entry, key, f"periods.{name}")
                       for key in ("usual_days", "short_days")}
        if not 0 < found[name]["short_days"] <= found[name]["usual_days"]:
            raise fail(f"periods.{name}: need 0 < short_days <= usual_days", entry, "short_days")
    return found, _number(node, "cap_years", "periods")


def _request(data: Any, concepts: set[str]) -> tuple[dict[str, Any], dict[str, dict[str,
                                                                               RequestRule]]]:
    from oiadraft import acts

    request = data.get("request")
    if not isinstance(request, dict):
        raise fail("missing 'request' mapping", data, "request")
    found: dict[str, dict[str, RequestRule]] = {}
    for key in ("many-parts", "dates-then-copies", "near-duplicate", "aggregation"):
        node = request.get(key)
        if not isinstance(node, dict) or node.get("severity") not in ("info", "warning"):
            raise fail(f"request.{key} needs a severity (info or warning)", request, key)
        concept = node.get("concept")
        if concept is not None and concept not in concepts:
            raise fail(f"request.{key}: unknown concept {concept!r}", node, "concept")
        message = str(text_field(node, "message", f"request.{key}"))
        check_template(message, node, "message", f"request.{key}", concepts)
        suggestion = text_field(node, "suggestion", f"request.{key}", required=False)
        if suggestion is not None:
            check_placeholders(suggestion, node, "suggestion", f"request.{key}")
            suggestion = " ".join(suggestion.split())
        by_act = {}
        for act_key, profile in acts.load_acts().items():
            section, cite, words = None, "", ""
            if concept is not None and profile.has(concept):
                section = profile.section(concept)
                cite, words = profile.cite(concept), profile.words(concept)
            by_act[act_key] = RequestRule(str(node["severity"]), concept, section, cite, words,
                                          " ".join(message.split()), suggestion,
                                          placeholder_names(suggestion or ""))
        found[key] = by_act
    return dict(request), found


def parse_rules(data: Any) -> Rules:
    """Validate a loaded scope_rules.yaml; DataError (with the line) on the first problem."""
    from oiadraft import acts

    if not isinstance(data, dict):
        raise fail("the file must be a YAML mapping")
    if data.get("version") != 1:
        raise fail(f"unsupported version {data.get('version')!r} (expected 1)", data, "version")
    concepts = set(acts.default_act().sections)
    kinds, keyed, group_kinds, trigger, dispatch = _vocabulary(data)
    signals = _signals(data, kinds, concepts)
    periods, cap_years = _periods(data)
    request, request_findings = _request(data, concepts)
    typos = data.get("typos") or {}
    known = typos.get("known") or {}
    if not isinstance(known, dict):
        raise fail("typos.known must be a mapping", typos, "known")
    channels = data.get("channels")
    if not isinstance(channels, list) or not all(isinstance(c, str) and c.strip()
                                                 for c in channels):
        raise fail("channels must be a list of words", data, "channels")
    openers, polite = _questions(data)
    return Rules(
        kinds=kinds,
        keyed=keyed,
        group_kinds=group_kinds,
        trigger=trigger,
        dispatch=dispatch,
        signals=signals,
        periods=periods,
        cap_years=cap_years,
        channels=tuple(" ".join(c.lower().split()) for c in channels),
        question_openers=openers,
        polite_openers=polite,
        request=request,
        request_findings=request_findings,
        typo_words=tuple(str(w).lower() for w in typos.get("words") or ()),
        typo_known={str(k).lower(): str(v) for k, v in known.items()},
        typo_quiet=frozenset(str(w).lower() for w in [*(typos.get("not") or ()),
                                                      *(typos.get("words") or ())]),
        typo_min=int(typos.get("min_length", 6)),
        typo_max=int(typos.get("max_distance", 2)),
        typo_candidates=sections.typo_candidates(typos, known),
        typo_lengths=sections.typo_lengths(typos),
        typo_candidates_lower=sections.typo_candidates_lower(typos, known),
        echo=sections.parse_echo(data.get("features"), data),
        rewrites=sections.parse_rewrites(data.get("rewrites"), data, signals),
    )


def _questions(data: Any) -> tuple[frozenset[str], tuple[str, ...]]:
    """The `questions` section: (the words a question begins with, how a polite request put
    as a question begins), lower-cased, spaces collapsed."""
    node = data.get("questions")
    if not isinstance(node, dict):
        raise fail("missing 'questions' mapping", data, "questions")
    lists = []
    for key in ("openers", "polite"):
        words = node.get(key)
        if not isinstance(words, list) or not words or \
                not all(isinstance(w, str) and w.strip() for w in words):
            raise fail(f"questions.{key} must be a list of words", node, key)
        lists.append(tuple(" ".join(str(w).lower().split()) for w in words))
    singles = [w for w in lists[0] if " " in w]
    if singles:
        raise fail(f"questions.openers takes single words only: {singles[0]!r}", node, "openers")
    return frozenset(lists[0]), lists[1]


@lru_cache(maxsize=1)
def load_rules() -> Rules:
    """Load and validate the built-in vocabulary once."""
    source = paths.data_file(RULES_FILE)
    return parse_rules(yamlio.load_file(source, f"oiadraft/data/{RULES_FILE}"))
