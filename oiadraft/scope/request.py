"""Assessing a whole request: every part (knowing how many parts there are), and what only
the whole shows: many parts (expect an extension), a "dates of" part paired with a "copies
of" part (a good pattern), near-duplicate parts, the note that splitting a broad request does
not avoid refusal, and urgency without reasons in the letter around the parts. A part that
asks for what another part identified ("copies of the documents listed in response to part
1") takes that part's period when it states none."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from rapidfuzz import fuzz

from oiadraft import acts
from oiadraft.forked import ordered_map
from oiadraft.letter.template import fill
from oiadraft.model import Period
from oiadraft.scope.assessment import Assessment, Context, assess
from oiadraft.scope.features import Hit
from oiadraft.scope.findings import Finding, citations, message_of, period_tip
from oiadraft.scope.matching import tokens
from oiadraft.scope.model import RISKS
from oiadraft.scope.vocabulary import load_rules


@dataclass(frozen=True)
class RequestAssessment:
    """The analyser's view of a whole request."""

    risk: str
    parts: tuple[Assessment, ...]
    findings: tuple[Finding, ...]
    numbers: tuple[str, ...]
    request_period: Period | None = None


def assess_request(parts: Any, context: Context | None = None,
                   acknowledged: dict[str, Iterable[str]] | None = None, *,
                   echo_words: bool = True, forked: bool = False,
                   map_parts: Callable[[Callable[[Any], Assessment], list[Any]],
                                       Iterable[Assessment]] | None = None
                   ) -> RequestAssessment:
    """Assess every part and the request as a whole (see the module docstring).

    `parts` is a list of part texts or a `splitter.SplitRequest`. `acknowledged` maps a part
    number to the rule ids the user chose to keep for that part. `echo_words=False`: the
    parts' `features` are left empty (nothing will echo them back). `forked`: a request of
    hundreds of parts may be assessed partly in a forked copy of the process, on another core
    (`oiadraft.forked`; the same result), for a command that runs once (`oiadraft check`),
    never for a program with threads of its own. `map_parts(one, items)`, in place of the
    plain map (or `forked`'s): the assessments ``[one(item) for item in items]``, in order,
    however it works them out (`oiadraft check` has a forked child write its share's JSON
    too).
    """
    context = context or Context()
    rules = load_rules()
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
            context = replace(context, request_period=split.request_period.period)
    context = replace(context, parts=max(1, len(texts)))
    acknowledged = acknowledged or {}

    def one(pair: tuple[str, str]) -> Assessment:
        return assess(pair[0], context, acknowledged.get(pair[1], ()), echo_words=echo_words)

    pairs = list(zip(texts, numbers, strict=True))
    if map_parts is not None:
        assessments = tuple(map_parts(one, pairs))
    else:
        assessments = tuple(ordered_map(one, pairs) if forked else map(one, pairs))
    assessments = _inherit_periods(assessments, numbers, context, acknowledged, echo_words)
    risk = max((a.risk for a in assessments), key=RISKS.index, default="low")
    req = rules.request
    findings: list[Finding] = []

    def request_finding(key: str, **fmt: Any) -> None:
        prepared = rules.request_findings[key][profile.key]
        values = {"cite": prepared.cite, "words": prepared.words, "act": profile.short,
                  "count": "", "first": "", "second": "", "quote": "", "length": "",
                  "records": ""}
        values.update(fmt)
        values.update(citations(profile.key))
        findings.append(Finding(
            key, prepared.severity, prepared.concept, prepared.section, (0, 0), "",
            fill(prepared.message, values), prepared.suggestion, None, prepared.placeholders))

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
            found = tokens(chunk, rules)
            kinds = {t.kind for t in found}
            if "urgency" in kinds and "urgency_reasons" not in kinds:
                rule = rules.signals["urgency-without-reasons"]
                token = next(t for t in found if t.kind == "urgency")
                hit = Hit(rule.id, (token.start, token.end))
                findings.append(Finding(
                    rule.id, "warning", rule.concept, rule.by_act[profile.key][0], hit.span,
                    token.text, message_of(rule, hit, token.text, "warning", profile.key),
                    rule.suggestion, None, rule.suggestion_placeholders))
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


_REFERENCE = re.compile(
    r"(?:part|question|item)s?\s+\(?([0-9]{1,2}|[a-z])\)?|(?<!\w)\(?([0-9]{1,2})\)?\s+(?:and|or|to|above)"
    r"|(previous|preceding|last|first)\s+part", re.IGNORECASE)


def _referenced(text: str, index: int, numbers: Sequence[str]) -> int | None:
    """The index of the part another part's cross-reference names, or None."""
    rules = load_rules()
    for token in tokens(text, rules):
        if token.kind != "cross_reference":
            continue
        found = _REFERENCE.search(token.text)
        if found is None:
            return None
        number, listed, relative = found.group(1), found.group(2), found.group(3)
        if relative is not None:
            target = 0 if relative.lower() == "first" else index - 1
            return target if 0 <= target < index else None
        wanted = (number or listed or "").lower()
        for position, name in enumerate(numbers[:index]):
            if name.lower().strip("().") == wanted:
                return position
        return None
    return None


def _inherit_periods(assessments: tuple[Assessment, ...], numbers: Sequence[str],
                     context: Context, acknowledged: dict[str, Iterable[str]],
                     echo_words: bool) -> tuple[Assessment, ...]:
    """A part with no period of its own that asks for what an earlier part identified takes
    that part's period, and so does one that says it covers "that period" (the nearest earlier
    part that states one); its source is then "part": a part of the request states it. When
    the part it names has no period either, the part gets the no-period tip."""
    result = list(assessments)
    for index, part in enumerate(assessments):
        if part.period_source != "none":
            continue
        if "cross-reference" in part.signals:
            target = _referenced(part.text, index, numbers)
        elif part.refers_to_earlier_period:
            # "... in that period": the nearest earlier part that states one
            target = next((earlier for earlier in range(index - 1, -1, -1)
                           if result[earlier].period is not None), None)
        else:
            continue
        if target is None:
            continue
        if result[target].period is None:
            # the records it asks for have no time frame either: say so, as a tip
            result[index] = replace(part, findings=(
                *part.findings, period_tip(part.text, context.act)))
            continue
        inherited = replace(context, request_period=result[target].period)
        again = assess(part.text, inherited, acknowledged.get(numbers[index], ()),
                       echo_words=echo_words)
        result[index] = replace(again, period_source="part", period_part=numbers[target])
    return tuple(result)
