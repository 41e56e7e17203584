"""The shapes and checks shared by the parts of the vocabulary loader: what a signal, a
request finding, the rewrites and the echo rules hold, and the helpers that report a bad
vocabulary file as a `DataError` with its line."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple

from oiadraft.errors import DataError
from oiadraft.letter.template import placeholders as template_fields

RULES_FILE = "scope_rules.yaml"
SIGNAL_KINDS = ("breadth", "narrowing", "other")
PERIOD_CLASSES = ("communications", "documents", "named", "statistics")
PLACEHOLDER = re.compile(r"<([^<>]+)>")
_SIGNAL_KEYS = {"kind", "reads", "unless", "concept", "reason", "message", "tip", "suggestion",
                "replacement", "concept_missing", "same_advice_as", "named"}
_NAMED_KEYS = ("message", "tip", "suggestion")
_VALUES = {"quote", "cite", "words", "act", "length", "records", "count", "first", "second",
           "problem"}


def _namespaces() -> set[str]:
    """"s" (the draft's Act) and one namespace per Act key, so a fact about a real case can
    cite the Act it happened under ({oia.refusal_collation})."""
    from oiadraft import acts

    return {"s", *acts.act_keys()}


@dataclass(frozen=True)
class SignalRule:
    """One signal as the vocabulary describes it, with what its findings need under each
    Act worked out once."""

    id: str
    kind: str
    reads: tuple[str, ...]
    concept: str | None
    reason: str | None
    message: str | None
    tip: str | None
    suggestion: str | None
    replacement: str | None
    concept_missing: str | None
    by_act: dict[str, tuple[str | None, str, str, str | None]] = field(default_factory=dict)
    """Act key -> (section, cite, words, message template), worked out at load."""
    replacement_placeholders: tuple[str, ...] = ()
    suggestion_placeholders: tuple[str, ...] = ()
    unless: frozenset[str] = frozenset()
    """Kinds of words whose presence means the signal is absent ("as recorded in" answers
    the advice to ask for figures as held)."""
    named: dict[str, str] = field(default_factory=dict)
    """What a finding says instead (`message`, `tip`, `suggestion`) when its evidence is
    already bounded by named sides (`Hit.variant` "named"): "All emails between the High
    Commissioner and MFAT staff" is told to drop "All", not to name the people it names."""
    same_advice_as: tuple[str, ...] = ()
    """Signals whose findings give this one's advice too: when one of them is shown, this
    signal's finding is left out (the requester reads the advice once)."""


class RequestRule(NamedTuple):
    severity: str
    concept: str | None
    section: str | None
    cite: str
    words: str
    message: str
    suggestion: str | None
    placeholders: tuple[str, ...]


class Rewrites(NamedTuple):
    """How accepted fixes are worded (the `rewrites` section), so the part reads as English."""

    records: str
    vague: frozenset[str]
    agency_side: str
    other_side: str
    custodian: str
    outsider: str
    outsider_suggestion: str
    minister: str
    agency_words: frozenset[str]
    custodian_advice: frozenset[str]
    inclusive_replace: dict[str, str]
    inclusive_lists: frozenset[str]
    inclusive_advice: frozenset[str]


class EchoRules(NamedTuple):
    """Compiled patterns for the echo of what a part asks for (the `features` section)."""

    party: re.Pattern[str]
    roles: frozenset[str]
    on_cue: re.Pattern[str]
    months: frozenset[str]
    common_capitals: frozenset[str] = frozenset()
    """Capitalised words that do not make a subject a name ("New Zealand", "Covid")."""


def fail(message: str, node: Any = None, key: str | None = None) -> DataError:
    line = None
    if node is not None and hasattr(node, "line_of"):
        line = node.line_of(key) if key else node.line
    return DataError(message, f"oiadraft/data/{RULES_FILE}", line)


def _number(node: Any, key: str, where: str) -> float:
    value = node.get(key)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise fail(f"{where}: {key!r} must be a number", node, key)
    return float(value)


def text_field(node: Any, key: str, where: str, required: bool = True) -> str | None:
    value = node.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str):
        raise fail(f"{where}: {key!r} must be text", node, key)
    return value


def compile_checked(pattern: str, node: Any, key: str, where: str,
                    flags: int = re.IGNORECASE) -> re.Pattern[str]:
    try:
        return re.compile(pattern, flags)
    except re.error as exc:
        raise fail(f"{where}: bad pattern {pattern!r}: {exc}", node, key) from None


@lru_cache(maxsize=512)
def placeholder_names(template: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(PLACEHOLDER.findall(template)))


def check_placeholders(template: str, node: Any, key: str, where: str) -> None:
    """Every <placeholder> in one suggestion or replacement has its own name: the user fills
    each name once, so a repeated name would write the same words twice."""
    seen: set[str] = set()
    for name in PLACEHOLDER.findall(template):
        folded = " ".join(name.lower().split())
        if not folded:
            raise fail(f"{where}: empty placeholder <> in {key}", node, key)
        if folded in seen:
            raise fail(f"{where}: placeholder <{name}> appears twice in {key}; give each "
                       "blank its own name (e.g. <first person or unit>, <second person or "
                       "unit>)", node, key)
        seen.add(folded)


def check_template(template: str, node: Any, key: str, where: str, concepts: set[str]) -> None:
    """Only known placeholders: plain values, and concept keys in the citation namespaces."""
    for found in template_fields(template):
        if found.key is None and found.root in _VALUES:
            continue
        if found.key is not None and found.root in _namespaces() and found.key in concepts:
            continue
        raise fail(f"{where}: unknown placeholder {found.text} in {key}", node, key)
