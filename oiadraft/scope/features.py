"""The named features of a part: what the model weighs and what the findings quote.

Each signal in the vocabulary (``signals`` in scope_rules.yaml) is one feature. Its value is
worked out by the function registered for it here (`@feature("id")`), or, for a signal with
no function, by `presence`: 1 when any word of the kinds it `reads` is in the part. A feature
function reads only the kinds its signal lists (its `reads`, which say what a feature looks
at), and returns its value and the `Hit`s a finding can quote, or None when the feature is absent.
`needs` names kinds without any of which it is absent: it is then not called (a test checks).

`extract(text, context, rules)` works out every feature of one part.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from oiadraft.model import Period
from oiadraft.periods import first_period
from oiadraft.scope.matching import Token, same_clause, tokens
from oiadraft.scope.parties import named_other_party
from oiadraft.scope.rewrites.clause import SAFE_AFTER
from oiadraft.scope.rewrites.custodian import outsider_suggestion
from oiadraft.scope.roles import settle
from oiadraft.scope.schema import SignalRule
from oiadraft.scope.spans import (
    about_time,
    content_end,
    extend_list,
    named_subject,
    quantified,
    question,
)
from oiadraft.scope.vocabulary import Rules
from oiadraft.text import quoted_titles, without_titles

Value = tuple[float, list["Hit"]]
FEATURES: dict[str, Callable[[PartView, SignalRule], Value | None]] = {}
NEEDS: dict[str, frozenset[str]] = {}


@dataclass(slots=True)
class Hit:
    """Evidence for a feature: the words that show it, and how a finding about it is fixed."""

    rule: str
    span: tuple[int, int]
    share: float = 1.0
    """The part of the feature's value this evidence stands for."""
    fmt: dict[str, Any] | None = None
    rewrite: str | None = None
    """A rewrite family (`rewrites.FAMILIES`), "advice" (no fix here), or None: the signal's
    own replacement at `span`."""
    arg: Any = None
    suggestion: str | None = None
    variant: str | None = None
    """"named": the words are already bounded by named sides, and the finding says what the
    signal's `named` wording says."""


def feature(name: str, needs: tuple[str, ...] = ()
            ) -> Callable[[Callable[..., Value | None]], Callable[..., Value | None]]:
    """Register the function that works out the feature `name`. `needs`: kinds of words
    without any of which the feature is surely absent (the function is then not called)."""

    def register(function: Callable[..., Value | None]) -> Callable[..., Value | None]:
        FEATURES[name] = function
        NEEDS[name] = frozenset(needs)
        return function

    return register


class PartView:
    """One part as the feature functions see it: the text, the vocabulary found in it by kind,
    its period and what the part asks for."""

    __slots__ = ("by_kind", "comms_all", "context", "days", "end", "generic", "generic_all",
                 "party", "period", "period_problem", "period_source", "period_span",
                 "period_text", "record_kind", "rules", "sides_named", "text", "tokens")

    def __init__(self, text: str, context: Any, rules: Rules, found: list[Token],
                 period: Any, problems: Sequence[Any] = ()) -> None:
        self.text = text
        self.context = context
        self.rules = rules
        self.tokens = found
        self.by_kind: dict[str, list[Token]] = {}
        for token in found:
            self.by_kind.setdefault(token.kind, []).append(token)
        self.period_source = "none"
        self.period: Period | None = None
        self.period_text = ""
        self.period_span: tuple[int, int] | None = None
        if period is not None:
            self.period, self.period_source = period.period, "part"
            self.period_text, self.period_span = period.text, (period.start, period.end)
        elif "all_time" in self.by_kind:
            pass  # "since records began": the part's own words, over any period set for it
        elif context.part_period is not None:
            self.period, self.period_source = context.part_period, "part"
        elif context.request_period is not None:
            self.period, self.period_source = context.request_period, "request"
        self.days = self.period.days(context.today) if self.period is not None else None
        self.sides_named: dict[int, bool] = {}
        """`_sides_named` by where the messages' words end."""
        self.party: tuple[int, int] | bool | None = False
        """Where the other party of the messages is named (`parties.named_other_party`); False:
        not yet looked for."""
        self.period_problem = problems[0] if problems and self.period is None else None
        """A period phrase that cannot be read without guessing ("since 28th feb")."""
        # words whose role the words around them change (a question's groups among them)
        settle(text, self.by_kind, asked="groups" in self.by_kind
               and question(text, rules) is not None)
        self.end = content_end(text)
        comms, named = self.words("communications"), self.words("named_documents")
        quants = self.words("quantifier")
        # worked out once, read by several features: "all" governing a record word
        self.generic = generic = self.words_of("generic_records", "information")
        self.generic_all = generic_all = quantified(generic, quants, text)
        self.comms_all = quantified(comms, quants, text)
        if comms:
            self.record_kind = "communications"
        elif named and not (generic and generic_all):
            self.record_kind = "named"
        elif self.words("statistics") and not self.words("generic_records"):
            self.record_kind = "statistics"
        else:
            self.record_kind = "documents"

    def words(self, kind: str) -> list[Token]:
        """The part's words of one vocabulary kind, in text order."""
        return self.by_kind.get(kind, [])

    def words_of(self, *kinds: str) -> list[Token]:
        """The part's words of several kinds, in text order."""
        found = [words for words in map(self.by_kind.get, kinds) if words]
        if len(found) < 2:  # each kind's words are in text order already
            return found[0] if found else []
        return sorted((t for words in found for t in words), key=lambda t: t.start)


def presence(view: PartView, rule: SignalRule) -> Value | None:
    """1 when a word of a kind the signal reads is in the part; the first one is the
    evidence."""
    first = None
    for kind in rule.reads:
        found = view.words(kind)
        if found and (first is None or found[0].start < first.start):
            first = found[0]
    if first is None:
        return None
    return 1.0, [Hit(rule.id, (first.start, first.end))]


def _first(view: PartView, kind: str, rule: SignalRule, rewrite: str | None = None
           ) -> Value | None:
    """1, with the first word of `kind` as the evidence (its token the rewrite's argument)."""
    found = view.words(kind)
    if not found:
        return None
    token = found[0]
    return 1.0, [Hit(rule.id, (token.start, token.end), rewrite=rewrite,
                     arg=token if rewrite else None)]


def _at_end(view: PartView, rule_id: str, **fmt: Any) -> Hit:
    return Hit(rule_id, (view.end, view.end), fmt=fmt or None)


@feature("open-custodian", needs=("open_custodian",))
def _open_custodian(view: PartView, rule: SignalRule) -> Value | None:
    found = view.words("open_custodian")[:3]
    if not found:
        return None
    value = float(min(len(found), 2))
    hits = [Hit(rule.id, (t.start, t.end), share=1.0 / value if i < 2 else 0.0,
                rewrite="custodian", arg=t, suggestion=outsider_suggestion(t, view.rules))
            for i, t in enumerate(found)]
    return value, hits


@feature("open-ministers", needs=("open_ministers",))
def _open_ministers(view: PartView, rule: SignalRule) -> Value | None:
    return _first(view, "open_ministers", rule, rewrite="custodian")


@feature("topic-mention", needs=("topic_mention",))
def _topic_mention(view: PartView, rule: SignalRule) -> Value | None:
    return _first(view, "topic_mention", rule, rewrite="mention")


def _subject_links(view: PartView) -> list[Token]:
    """Subject words, without "relating to the period ..." (that is about time)."""
    return [t for t in view.words("topic_link")
            if not about_time(view.text, t.end, view.period_span)]


@feature("topic-link", needs=("topic_link",))
def _topic_link(view: PartView, rule: SignalRule) -> Value | None:
    """A subject staff must read records to judge; not one tied to a name the agency files
    under ("about the Eastern Busway")."""
    links = _subject_links(view)
    if not links or view.words("topic_mention") or \
            all(named_subject(view.text, link.end, view.rules.echo) for link in links):
        return None
    return 1.0, [Hit(rule.id, (links[0].start, links[0].end))]


@feature("inclusive", needs=("inclusive",))
def _inclusive(view: PartView, rule: SignalRule) -> Value | None:
    return _first(view, "inclusive", rule, rewrite="inclusive")


_RECORDS_WORD = {"communications": "communications", "named": "documents",
                 "documents": "records", "statistics": "figures"}


def _has_subject(view: PartView) -> bool:
    return bool(view.context.subject or _subject_links(view) or view.words("topic_mention") or view.words("content_words")
                or view.words("anchored_event") or view.words("agenda_item"))


@feature("no-subject", needs=("communications", "generic_records", "information"))
def _no_subject(view: PartView, rule: SignalRule) -> Value | None:
    generic_all = view.generic_all
    if not (view.words("communications") or generic_all) or _has_subject(view) \
            or view.words("cross_reference") or view.record_kind == "named":
        return None
    return 1.0, [_at_end(view, rule.id, records=_RECORDS_WORD[view.record_kind])]


@feature("generic-records", needs=("generic_records", "information"))
def _generic_records(view: PartView, rule: SignalRule) -> Value | None:
    found = view.generic_all
    if found is None or view.record_kind == "communications":
        return None
    return 1.0, [Hit(rule.id, (found[0].start, found[1].end))]


@feature("unbounded-holders", needs=("communications",))
def _unbounded_holders(view: PartView, rule: SignalRule) -> Value | None:
    comms = view.words("communications")
    if not comms or view.words("holders") or view.words("cross_reference") \
            or view.words("open_custodian"):
        return None
    found = view.comms_all
    anchor = extend_list(view.text, found[1].end if found else comms[0].end, comms)
    # " between <...> and <...>" goes in only where it reads: not before "Council staff sent"
    return 1.0, [Hit(rule.id, (anchor, anchor), fmt={"records": "communications"},
                     rewrite=None if SAFE_AFTER.match(view.text, anchor) else "advice")]


@feature("weak-search-terms", needs=("weak_search_terms",))
def _weak_search_terms(view: PartView, rule: SignalRule) -> Value | None:
    links = view.words("topic_mention") or _subject_links(view)
    if not links or not (view.words("communications") or view.words("generic_records")
                         or view.words("information")):
        return None
    weak = [t for t in view.words("weak_search_terms") if t.start > links[0].start]
    if not weak:
        return None
    return 1.0, [Hit(rule.id, (weak[0].start, weak[0].end))]


@feature("case-statistics", needs=("statistics",))
def _case_statistics(view: PartView, rule: SignalRule) -> Value | None:
    for stat in view.words("statistics"):
        for condition in view.words("case_conditions"):
            if 0 <= condition.start - stat.end <= 120 and \
                    same_clause(view.text, stat.end, condition.start):
                return 1.0, [Hit(rule.id, (stat.start, condition.end))]
    return None


@feature("many-kinds")
def _many_kinds(view: PartView, rule: SignalRule) -> Value | None:
    kinds = {" ".join(t.text.lower().split()).rstrip("s") for kind in rule.reads
             for t in view.words(kind)}
    if len(kinds) < 3:
        return None
    return min(len(kinds) - 2, 3) / 3, []


PARTS_COUNTED = 16
"""A request of this many parts or more reads as long as any: `several-parts` is the same for
all of them (so is every rating that does not depend on a part's own words)."""


def counted_parts(parts: int) -> int:
    """How many parts a request has, as the analyser tells them apart (1 to `PARTS_COUNTED`):
    a context with the count so capped rates every part as the real count does."""
    return min(max(1, int(parts or 1)), PARTS_COUNTED)


@feature("several-parts")
def _several_parts(view: PartView, rule: SignalRule) -> Value | None:
    parts = counted_parts(getattr(view.context, "parts", 1))
    if parts < 2:
        return None
    return math.log2(parts) / math.log2(PARTS_COUNTED), []


@feature("asks-a-question")
def _asks_a_question(view: PartView, rule: SignalRule) -> Value | None:
    """A question; "why did ..." (asking for a view) is create-information's."""
    span = None if view.words("create_information") else question(view.text, view.rules)
    return (1.0, [Hit(rule.id, span)]) if span is not None else None


@lru_cache(maxsize=16)
def _to_local_authority(act: str) -> bool:
    """Whether a request under `act` goes to a local authority (the Act profile's body_kind)."""
    from oiadraft import acts

    return acts.get_act(act).body_kind == "local authority"


@feature("local-authority")
def _local_authority(view: PartView, rule: SignalRule) -> Value | None:
    return (1.0, []) if _to_local_authority(view.context.act) else None


@feature("named-documents", needs=("named_documents", "record_words"))
def _named_documents(view: PartView, rule: SignalRule) -> Value | None:
    named = view.words_of("named_documents", "record_words")
    if not named or (view.record_kind == "communications" and view.comms_all):
        return None
    return 1.0, [Hit(rule.id, (named[0].start, named[0].end))]


@feature("named-party", needs=("communications",))
def _named_party(view: PartView, rule: SignalRule) -> Value | None:
    span = named_other_party(view)
    return (1.0, [Hit(rule.id, span)]) if span is not None else None


@feature("urgency-without-reasons", needs=("urgency",))
def _urgency(view: PartView, rule: SignalRule) -> Value | None:
    urgent = view.words("urgency")
    if not urgent or view.words("urgency_reasons"):
        return None
    return 1.0, [Hit(rule.id, (urgent[0].start, urgent[0].end))]


@dataclass(slots=True)
class Extraction:
    """Every feature of one part: values by signal id, the evidence, and the part's view."""

    values: dict[str, float]
    hits: list[Hit]
    view: PartView


def extract(text: str, context: Any, rules: Rules,
            found: Sequence[Token] | None = None) -> Extraction:
    """Work out every feature of one part."""
    words = list(found) if found is not None else tokens(text, rules)
    titles = quoted_titles(text)
    if titles:  # a quoted title's words name a document: none of them is asked for
        words = [t for t in words if not any(start <= t.start < end for start, end in titles)]
    # the first period phrase (or, when there is none, those that cannot be read): one pass
    view = PartView(text, context, rules, words, *first_period(
        without_titles(text, titles) if titles else text, context.today))
    values: dict[str, float] = {}
    hits: list[Hit] = []
    for rule_id, rule, function in _plan(rules, frozenset(view.by_kind)):
        result = function(view, rule)
        if result is None or result[0] == 0:
            continue
        values[rule_id] = result[0]
        hits.extend(result[1])
    return Extraction(values, hits, view)


_PLANS: dict[str, Any] = {"rules": None, "signals": (), "by_kinds": {}}


def _plan(rules: Rules, present: frozenset[str]
          ) -> tuple[tuple[str, SignalRule, Callable[..., Value | None]], ...]:
    """Each signal that may be there and its function, in order, for a part with words of the
    `present` kinds (a signal that needs none of them, or whose `unless` kinds are present, is
    absent without a call): worked out once per vocabulary and set of kinds, not per part."""
    if _PLANS["rules"] is not rules:
        _PLANS.update(rules=rules, by_kinds={}, signals=tuple(
            (rule_id, rule, FEATURES.get(rule_id, presence),
             NEEDS.get(rule_id, frozenset(rule.reads))) for rule_id, rule in rules.signals.items()))
    by_kinds = _PLANS["by_kinds"]
    plan = by_kinds.get(present)
    if plan is None:
        if len(by_kinds) >= 4096:
            by_kinds.clear()
        plan = by_kinds[present] = tuple(
            (rule_id, rule, function) for rule_id, rule, function, needs in _PLANS["signals"]
            if present.isdisjoint(rule.unless)
            and (not present.isdisjoint(needs) or not (needs or function is presence)))
    return plan


# the period and message signals live in modules of their own; importing them registers them
from oiadraft.scope import message_features, period_features  # noqa: E402
from oiadraft.scope.period_features import PERIOD_SIGNALS  # noqa: E402

__all__ = ["PERIOD_SIGNALS", "Extraction", "Hit", "PartView", "extract", "feature",
           "message_features", "period_features"]
