"""Findings: what the analyser tells the user about a part, one per piece of evidence, with
everything worked out when the part is assessed (message, fix, where the fix goes).

One story per part: a finding's severity follows what its feature adds to the part's
likelihood and the part's risk. On a low part every finding is a tip (`info`, worded as
advice); on a medium or high part a feature that weighs enough is a `warning`, and so is the
heaviest breadth feature whatever it weighs (a part rated medium or high always says why); on
a high part the heaviest are `danger`; any other breadth feature that weighs little stays a
tip. A narrowing feature the model counts in the part's favour is reported as a good sign.
Messages are filled by `oiadraft.letter.template.fill`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from oiadraft import acts
from oiadraft.letter.template import Citations, fill
from oiadraft.scope.features import Extraction, Hit
from oiadraft.scope.rewrites import Part, rewrite
from oiadraft.scope.schema import SignalRule, placeholder_names
from oiadraft.scope.vocabulary import Rules

SEVERITIES = ("info", "warning", "danger")
SEVERITY_ORDER = {"danger": 0, "warning": 1, "info": 2}
SHOWN = 0.05
"""A narrowing feature must take at least this off the log-odds to be reported as good."""
WARNING = 0.4
"""What a breadth feature must add to the log-odds to be a warning on a medium or high part
(less: a tip)."""
DANGER = 1.0


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
    replacement_span: tuple[int, int] | None = None
    """Where `replacement` goes when that is wider than `span` (it then contains `span`): the
    whole "any correspondence any MFAT official has had with any UK representative" stretch
    for a finding about "any correspondence". None: at `span`."""
    contribution: float = 0.0
    """What the feature behind the finding adds to the part's log-odds (negative: narrows)."""

    @property
    def warns(self) -> bool:
        """A warning ("warning" or "danger"), not a tip ("info")."""
        return self.severity != "info"

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
            "contribution": round(self.contribution, 3),
        }


@lru_cache(maxsize=4)
def citations(act: str) -> dict[str, Any]:
    """The citation namespaces of a draft under `act`: {s.KEY} for its own Act, and {oia.KEY}
    and {lgoima.KEY} for facts about a case under that Act."""
    profiles = acts.load_acts()

    def namespace(key: str) -> Citations:
        profile = profiles[key]
        return Citations(tuple(k for k in profile.sections if profile.has(k)), profile.cite)

    return {"s": namespace(act), **{key: namespace(key) for key in profiles}}


def severity_of(rule: SignalRule, contribution: float, risk: str,
                heaviest: bool = False) -> str | None:
    """The severity of a finding about `rule`, or None when it is not worth reporting.
    `heaviest`: no breadth finding of the part adds more."""
    if rule.kind == "other":
        return "info" if risk == "low" else "warning"
    if rule.kind == "narrowing":
        return "info" if contribution < -SHOWN else None
    if risk == "high" and contribution >= DANGER:
        return "danger"
    if risk != "low" and (contribution >= WARNING or (heaviest and contribution > 0)):
        return "warning"
    return "info"


def message_of(rule: SignalRule, hit: Hit, quote: str, severity: str, act: str) -> str:
    return _message_under(rule, hit, quote, severity, acts.get_act(act))


def _message_under(rule: SignalRule, hit: Hit, quote: str, severity: str,
                   profile: acts.ActProfile) -> str:
    """`message_of` for the Act's profile (looked up once for all of a part's findings)."""
    _, cite, words, template = rule.by_act[profile.key]
    if severity == "info" and rule.kind == "breadth" and rule.tip:
        template = rule.tip
    if hit.variant == "named" and rule.named:
        template = rule.named.get("tip" if severity == "info" else "message", template)
    fmt = tuple(hit.fmt.items()) if hit.fmt is not None else ()
    return _message(template or "", profile.key, profile.short, cite, words,
                    " ".join(quote.split()), fmt)


@lru_cache(maxsize=4096)
def _message(template: str, act: str, short: str, cite: str, words: str, quote: str,
             fmt: tuple[tuple[str, Any], ...]) -> str:
    """A message filled once for each distinct wording: a long request repeats the same
    words in many parts."""
    values: dict[str, Any] = {"quote": quote, "act": short, "length": "", "records": "records",
                              "count": "", "cite": cite, "words": words, **citations(act)}
    values.update(fmt)
    return fill(template, values)


def build(extraction: Extraction, contributions: Mapping[str, float], risk: str, act: str,
          rules: Rules) -> list[Finding]:
    """The findings of one part, in text order (and by severity where they share a place)."""
    view = extraction.view
    profile = acts.get_act(act)
    part = None
    findings = []
    signals = rules.signals
    shown = []  # (evidence, its signal, what it adds to the log-odds)
    for hit in extraction.hits:
        rule = signals[hit.rule]
        if rule.message is not None or rule.concept_missing is not None:
            shown.append((hit, rule, contributions.get(hit.rule, 0.0) * hit.share))
    shown = _one_finding_per_words(shown)
    # what the heaviest breadth evidence adds
    heaviest = max((c for _, rule, c in shown if rule.kind == "breadth"), default=0.0)
    for hit, rule, contribution in shown:
        severity = severity_of(rule, contribution, risk, contribution >= heaviest - 1e-9)
        if severity is None:
            continue
        start, end = hit.span
        quote = view.text[start:end]
        replacement: str | None = rule.replacement
        placeholders = rule.replacement_placeholders
        target = None
        if hit.rewrite is not None:
            found = None
            if hit.rewrite != "advice":
                if part is None:
                    part = Part(view.text, view.tokens, view.period_span, view.period, rules)
                found = rewrite(hit.rewrite, part, hit.arg)
            if found is None or found[1] is None:
                replacement, placeholders = None, rule.suggestion_placeholders
            else:
                replacement = found[1]
                placeholders = placeholder_names(replacement)
                target = found[0] if found[0] != hit.span else None
        elif replacement is not None and not replacement.strip() and replacement != "":
            replacement = None
        findings.append(Finding(
            rule.id, severity, rule.concept, rule.by_act[act][0], hit.span, quote,
            _message_under(rule, hit, quote, severity, profile), _suggestion_of(rule, hit),
            replacement, placeholders, target, contribution))
    findings = _advice_once(findings, shown, signals, profile)
    findings.sort(key=lambda f: (f.span[0], SEVERITY_ORDER[f.severity], f.rule))
    return findings


def _suggestion_of(rule: SignalRule, hit: Hit) -> str | None:
    if hit.suggestion:
        return hit.suggestion
    if hit.variant == "named" and "suggestion" in rule.named:
        return rule.named["suggestion"]
    return rule.suggestion


def _advice_once(findings: list[Finding], shown: list[tuple[Hit, SignalRule, float]],
                 signals: Mapping[str, SignalRule], profile: acts.ActProfile) -> list[Finding]:
    """`findings` without those whose advice another shown finding gives (`same_advice_as`:
    "say whose messages" once, by the finding that can put it into the part). The finding
    kept warns as strongly as the one left out, so a part that says why keeps saying so."""
    by_rule = {f.rule: f for f in reversed(findings)}
    stronger: dict[str, str] = {}
    dropped = set()
    for finding in findings:
        other = next((by_rule[r] for r in signals[finding.rule].same_advice_as
                      if r in by_rule), None)
        if other is None:
            continue
        dropped.add(id(finding))
        if SEVERITY_ORDER[finding.severity] < SEVERITY_ORDER[
                stronger.get(other.rule, other.severity)]:
            stronger[other.rule] = finding.severity
    if not dropped:
        return findings
    hits = {hit.rule: hit for hit, _, _ in reversed(shown)}
    kept = []
    for finding in findings:
        if id(finding) in dropped:
            continue
        severity = stronger.get(finding.rule)
        if severity is not None and finding is by_rule[finding.rule]:
            finding = replace(finding, severity=severity, message=_message_under(
                signals[finding.rule], hits[finding.rule], finding.quote, severity, profile))
        kept.append(finding)
    return kept


def _one_finding_per_words(shown: list[tuple[Hit, SignalRule, float]]
                           ) -> list[tuple[Hit, SignalRule, float]]:
    """`shown` without the advice-only breadth evidence (no rewrite of its own) that lies
    inside the words of other breadth evidence reading the same kind of words ("documents"
    inside "All documents"), or inside words already praised ("officials" inside "Good:
    between MFAT officials and the governments of ..."): those words get one finding, the
    one about all of them."""
    quoted = [(hit.span, rule) for hit, rule, _ in shown
              if rule.kind in ("breadth", "narrowing") and hit.span[1] > hit.span[0]]
    if len(quoted) < 2:
        return shown

    def inside(hit: Hit, rule: SignalRule) -> bool:
        return any(other.id != rule.id and span != hit.span and span[0] <= hit.span[0]
                   and hit.span[1] <= span[1]
                   and (other.kind == "narrowing" or not set(rule.reads).isdisjoint(other.reads))
                   for span, other in quoted)

    return [(hit, rule, contribution) for hit, rule, contribution in shown
            if not (rule.kind == "breadth" and hit.span[1] > hit.span[0]
                    and hit.rewrite is None and rule.replacement is None
                    and inside(hit, rule))]


def period_tip(text: str, act: str) -> Finding:
    """The no-period tip for a part whose records are those of another part that gives no
    time frame (the part itself says nothing about time)."""
    from oiadraft.scope.spans import content_end
    from oiadraft.scope.vocabulary import load_rules

    rule = load_rules().signals["no-period"]
    act = acts.get_act(act).key
    end = content_end(text)
    hit = Hit(rule.id, (end, end))
    return Finding(rule.id, "info", rule.concept, rule.by_act[act][0], hit.span, "",
                   message_of(rule, hit, "", "info", act), rule.suggestion, rule.replacement,
                   rule.replacement_placeholders)


_QUOTED_REASON = re.compile(r"\s*\([^()]*\{quote\}[^()]*\)")


def reasons(contributions: Mapping[str, float], rules: Rules, limit: int = 3,
            quotes: Mapping[str, str] | None = None) -> tuple[str, ...]:
    """The features that move the likelihood most, in words, heaviest first; one that counts
    in the part's favour says so. A reason that quotes (`{quote}`) gives the words of the part
    that showed the feature (`quotes`, by signal), never wording the part does not have; with
    none, it reads without its bracket."""
    signals = rules.signals
    # heaviest first, then by name (names differ, so the contributions are never compared)
    ranked = sorted((-abs(c), name, c) for name, c in contributions.items()
                    if abs(c) >= 0.15 and signals[name].reason)
    words = []
    for _, name, contribution in ranked[:limit]:
        reason = str(signals[name].reason)
        if "{quote}" in reason:
            quote = " ".join((quotes or {}).get(name, "").split())
            reason = fill(reason, {"quote": quote}) if quote else \
                _QUOTED_REASON.sub("", reason)
        words.append(reason if contribution > 0 else f"in its favour: {reason}")
    return tuple(words)


def quotes_of(extraction: Extraction) -> dict[str, str]:
    """The words of the first evidence of each feature that has words (for its reason)."""
    text = extraction.view.text
    found: dict[str, str] = {}
    for hit in extraction.hits:
        start, end = hit.span
        if end > start and hit.rule not in found:
            found[hit.rule] = text[start:end]
    return found
