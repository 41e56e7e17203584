"""Assessing one part: its features, the model's likelihood and risk, and the findings."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from oiadraft import acts, clock
from oiadraft.model import Period
from oiadraft.scope import echo, findings
from oiadraft.scope.features import PERIOD_SIGNALS, extract
from oiadraft.scope.findings import Finding
from oiadraft.scope.model import load_model, logistic
from oiadraft.scope.vocabulary import load_rules

PERIOD_SOURCES = ("part", "request", "none")


@dataclass(frozen=True)
class Context:
    """What a part is judged against."""

    act: str = field(default_factory=lambda: acts.default_act().key)
    today: date = field(default_factory=clock.today)
    request_period: Period | None = None
    """The period set for the whole request; applies to a part that states none."""
    agency: str | None = None
    """The recipient, by name: a party "between" it and someone is not another party."""
    parts: int = 1
    """How many parts the request has (a part of a long request is more often refused)."""
    part_period: Period | None = None
    """A period given for this part alone, outside its words (the chat asks for one): the
    part's own period, ahead of the request's, behind one its words state."""
    subject: str | None = None
    """What the whole request is about, outside the part's words (the letter's subject line or
    opening, the chat's topic): a part that names no subject is read as about it."""


@dataclass(frozen=True)
class Assessment:
    """The analyser's view of one part."""

    text: str
    risk: str
    score: float
    """The model's log-odds for the part."""
    findings: tuple[Finding, ...]
    period: Period | None
    period_source: str
    period_text: str = ""
    period_span: tuple[int, int] | None = None
    period_part: str | None = None
    """The number of the earlier part whose period this part takes (it asks for what that
    part identified, or says "in that period"); None when the period is its own."""
    refers_to_earlier_period: bool = False
    """The part says it covers an earlier part's period ("in that period")."""
    record_kind: str = "documents"
    """What the part asks for: "communications", "named" (named document types) or "documents"."""
    acknowledged_findings: tuple[Finding, ...] = ()
    likelihood: float = 0.0
    """How likely, 0 to 1, an agency is to refuse the part as too big or ask to narrow it."""
    reasons: tuple[str, ...] = ()
    """The features that move the likelihood most, in words, heaviest first."""
    features: dict[str, Any] = field(default_factory=dict, compare=False)
    """What the part asks for, in its own words, for echoing it back: ``record_types`` (record
    or document words as written, in text order), ``parties`` (named people, organisations,
    units, roles; in a question, any name in it), ``topic`` (the subject after "about",
    "relating to", "on" ..., cut at the period; None when unclear) and ``question`` (a
    question's own words, shortened; None when the part is no question)."""
    signals: dict[str, float] = field(default_factory=dict, compare=False)
    """Each feature found and its value (what the model weighs)."""

    @property
    def warns_about_request_period(self) -> bool:
        """A warning is about the period the part takes from the whole request: no words of
        the part change it (the request's period does, or a period given in the part)."""
        return self.period_source == "request" and any(
            f.rule in PERIOD_SIGNALS and f.warns for f in self.findings)


def assess(part_text: str, context: Context | None = None,
           acknowledged: Iterable[str] = (), *, echo_words: bool = True) -> Assessment:
    """Assess one part. Pure: the same input gives the same output. `echo_words=False` leaves
    `features` empty (for callers that never echo the part back, such as `oiadraft check`)."""
    if not isinstance(part_text, str):
        raise TypeError("assess expects the part's text as a string")
    context = context or Context()
    act = acts.get_act(context.act).key
    rules = load_rules()
    model = load_model()
    extraction = extract(part_text, context, rules)
    view = extraction.view
    score = model.score(extraction.values)
    likelihood = logistic(score)  # what model.likelihood works out, without summing again
    risk = model.risk(likelihood)
    contributions = model.contributions(extraction.values)
    found = findings.build(extraction, contributions, risk, act, rules)
    hidden_rules = set(acknowledged)
    if hidden_rules:
        shown = tuple(f for f in found if f.rule not in hidden_rules)
        hidden = tuple(sorted((f for f in found if f.rule in hidden_rules),
                              key=lambda f: (f.span[0], f.rule)))
    else:  # nothing acknowledged (`check`, and most parts)
        shown, hidden = tuple(found), ()
    return Assessment(
        text=part_text,
        risk=risk,
        score=round(score, 3),
        findings=shown,
        period=view.period,
        period_source=view.period_source,
        period_text=view.period_text,
        period_span=view.period_span,
        record_kind=view.record_kind,
        refers_to_earlier_period=bool(view.words("period_reference")),
        acknowledged_findings=hidden,
        likelihood=round(likelihood, 3),
        reasons=findings.reasons(contributions, rules,
                                 quotes=findings.quotes_of(extraction)),
        features=echo.echo(part_text, view.tokens, view.period_span, rules) if echo_words
        else {},
        signals=dict(extraction.values),
    )


@lru_cache(maxsize=2048)
def assess_cached(part_text: str, context: Context,
                  acknowledged: tuple[str, ...] = ()) -> Assessment:
    """`assess` behind a cache keyed on the text, context and acknowledged rules (for the TUI,
    which reassesses on every keystroke while most parts do not change)."""
    return assess(part_text, context, acknowledged)
