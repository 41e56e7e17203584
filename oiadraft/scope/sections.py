"""The smaller sections of the vocabulary: typo candidates, the echo of what a part asks
for, and how accepted fixes are worded."""

from __future__ import annotations

import re
from typing import Any

from oiadraft.scope.patterns import trie_regex
from oiadraft.scope.schema import (
    PLACEHOLDER,
    EchoRules,
    Rewrites,
    SignalRule,
    check_placeholders,
    fail,
    placeholder_names,
    text_field,
)


def typo_candidates(typos: Any, known: dict[str, Any]) -> re.Pattern[str]:
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


def typo_lengths(typos: Any) -> dict[str, tuple[int, int]]:
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


def typo_candidates_lower(typos: Any, known: dict[str, Any]) -> re.Pattern[str]:
    """The known misspellings, and words whose first letter and length could make them a typo
    of a target word (`_closest` finds nothing for the others), in lower-cased text."""
    alternatives = [re.escape(str(k).lower()) for k in known]
    for first, (low, high) in sorted(typo_lengths(typos).items()):
        if first.isascii() and first.isalpha() and high >= low:
            alternatives.append(f"{re.escape(first)}[a-z]{{{max(0, low - 1)},{high - 1}}}")
    body = "|".join(alternatives) or "(?!)"
    return re.compile(rf"(?<![a-z])(?:{body})(?![a-z])")


_CAP = r"(?:[A-ZĀĒĪŌŪ][\w'’&-]*|(?:[A-Z]\.){2,})"


def parse_echo(node: Any, data: Any) -> EchoRules:
    """The `features` section: role words that make a name a party, the words after "on"
    that do not begin a subject, and capitalised words that do not make a subject a name."""
    if not isinstance(node, dict):
        raise fail("missing 'features' mapping", data, "features")
    lists = {}
    for key in ("party_nouns", "not_a_subject_after_on", "common_capitals"):
        value = node.get(key)
        if not isinstance(value, list) or not value or \
                not all(isinstance(v, str) and v.strip() for v in value):
            raise fail(f"features.{key} must be a list of words", node, key)
        lists[key] = sorted({" ".join(v.lower().split()) for v in value}, key=lambda v: (-len(v), v))
    role = f"(?:{trie_regex(lists['party_nouns'])})(?!\\w)"
    head = rf"(?:{_CAP}|(?i:{role}))"
    marker = r"(?:\([a-z]\)\s+)?"
    tail = (rf"(?:\s+{_CAP}|\s+(?i:{role})|\s+(?:of|for|on|&)\s+(?:the\s+)?{marker}{_CAP}"
            rf"|\s+and\s+{marker}{_CAP}|(?<=['’]s)\s+(?i:office|offices|staff|team)(?!\w))")
    name = rf"{_CAP}(?:\s+{_CAP})*"
    listed = rf"(?:(?:,\s+(?:the\s+)?{name})+(?:,?\s+and\s+(?:the\s+)?{name})?)?"
    party = re.compile(rf"(?:(?:the|a|an)\s+)?{head}(?:{tail})*{listed}")
    roles = frozenset(lists["party_nouns"])
    if any(len(v.split()) > 3 for v in roles):
        raise fail("features.party_nouns: at most three words each", node, "party_nouns")
    stops = "|".join(r"\s+".join(map(re.escape, v.split()))
                     for v in lists["not_a_subject_after_on"])
    # starts with a literal, so the engine skips ahead; "(?<!\w)" is checked by the caller
    on_cue = re.compile(rf"on\s+(?!(?:the\s+)?(?:{stops})(?!\w))(?=[^\W\d])")
    from oiadraft import periods

    months = frozenset(str(m) for m in periods.MONTHS)
    return EchoRules(party, roles, on_cue, months, frozenset(lists["common_capitals"]))


def parse_rewrites(node: Any, data: Any, signals: dict[str, SignalRule]) -> Rewrites:
    """The `rewrites` section: how an accepted fix is worded (see the YAML comments)."""
    if not isinstance(node, dict):
        raise fail("missing 'rewrites' mapping", data, "rewrites")

    def section(key: str) -> Any:
        value = node.get(key)
        if not isinstance(value, dict):
            raise fail(f"rewrites.{key} must be a mapping", node, key)
        return value

    def words(parent: Any, key: str, where: str) -> frozenset[str]:
        value = parent.get(key)
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip()
                                                  for v in value):
            raise fail(f"{where}.{key} must be a list of words", parent, key)
        return frozenset(" ".join(v.lower().split()) for v in value)

    def blank(parent: Any, key: str, where: str, count: int = 1) -> str:
        value = text_field(parent, key, where)
        assert value is not None
        names = placeholder_names(value)
        if len(names) != count:
            raise fail(f"{where}.{key} needs exactly {count} <blank>", parent, key)
        check_placeholders(value, parent, key, where)
        return " ".join(value.split())

    comms = section("communications")
    records = text_field(comms, "records", "rewrites.communications")
    if not records or PLACEHOLDER.search(records):
        raise fail("rewrites.communications.records must be words", comms, "records")
    agency_side = blank(comms, "agency_side", "rewrites.communications")
    other_side = blank(comms, "other_side", "rewrites.communications")
    custodians = section("open-custodian")
    outsider = blank(custodians, "outsider", "rewrites.open-custodian")
    outsider_suggestion = blank(custodians, "outsider_suggestion", "rewrites.open-custodian")
    if placeholder_names(outsider_suggestion) != placeholder_names(outsider):
        raise fail("rewrites.open-custodian.outsider_suggestion needs the blank of outsider",
                    custodians, "outsider_suggestion")
    custodian = signals["open-custodian"].replacement or ""
    minister = (signals.get("open-ministers") and signals["open-ministers"].replacement) or \
        "the Minister of <portfolio>"
    blanks = [placeholder_names(t) for t in (agency_side, other_side, minister)]
    flat = [" ".join(n.lower().split()) for names in blanks for n in names]
    if len(flat) != len(set(flat)):
        raise fail("rewrites.communications: agency_side, other_side and the open-ministers "
                    "replacement need different blanks (one clause can hold all three)",
                    comms, "other_side")
    inclusive = section("inclusive")
    replace = inclusive.get("replace") or {}
    if not isinstance(replace, dict) or not all(isinstance(k, str) and isinstance(v, str)
                                                for k, v in replace.items()):
        raise fail("rewrites.inclusive.replace must map words to words", inclusive, "replace")
    for key, value in replace.items():
        if PLACEHOLDER.search(value):
            raise fail(f"rewrites.inclusive.replace: no blanks here ({key!r})", inclusive,
                        "replace")
    return Rewrites(
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
