"""The period signals of a part (see `oiadraft.scope.features` for how a feature works): no
time frame, one that cannot be read without guessing, no start date ("since records began"),
and a period long or short for the kind of records asked for."""

from __future__ import annotations

from oiadraft.periods import describe_length as describe
from oiadraft.scope.features import _RECORDS_WORD, Hit, PartView, Value, _at_end, feature
from oiadraft.scope.parties import named_other_party
from oiadraft.scope.schema import SignalRule


def _single_document(view: PartView) -> bool:
    """A part that names one document ("the final report of the review", "the briefing
    titled ..."): it needs no time frame."""
    named = view.words("named_documents")
    return view.record_kind == "named" and not view.words("quantifier") and \
        all(not t.text.lower().rstrip().endswith("s") for t in named)


PERIOD_SIGNALS = frozenset({"unclear-period", "no-period", "open-period", "long-period",
                            "short-period"})
"""The signals about a part's period (its length, or its lack)."""


@feature("unclear-period")
def _unclear_period(view: PartView, rule: SignalRule) -> Value | None:
    problem = view.period_problem
    if problem is None:
        return None
    words = problem.message.rstrip(". ")
    return 1.0, [Hit(rule.id, (problem.start, problem.end), fmt={"problem": words})]


@feature("no-period")
def _no_period(view: PartView, rule: SignalRule) -> Value | None:
    if view.period is not None or view.words("cross_reference") \
            or view.words("anchored_event") or _single_document(view) \
            or view.words("all_time") \
            or view.period_problem is not None:  # a time was given: ask for its year
        return None
    return 1.0, [_at_end(view, rule.id)]


@feature("open-period")
def _open_period(view: PartView, rule: SignalRule) -> Value | None:
    """Every year the agency holds, said in words ("since records began", "for all time") or
    by an end date with no start ("up until 1 November 2019")."""
    if view.words("cross_reference"):
        return None
    always = view.words("all_time")
    if always:
        span = (always[0].start, always[0].end)
    elif view.period is not None and view.period.start is None and \
            view.period_span is not None:
        span = view.period_span
    else:
        return None
    quote = "\u201c" + " ".join(view.text[span[0]:span[1]].split()) + "\u201d"
    return 1.0, [Hit(rule.id, span, fmt={"quote": quote}, rewrite="open-period")]


def _period_quote(view: PartView) -> str:
    if view.period_span is not None:
        return f"\u201c{' '.join(view.period_text.split())}\u201d"
    if view.period_source == "part":
        return "the period set for this part"
    return "the period set for the whole request"


@feature("long-period")
def _long_period(view: PartView, rule: SignalRule) -> Value | None:
    allowance = view.rules.periods[view.record_kind]["usual_days"]
    if view.days is None or view.days <= allowance:
        return None
    if view.record_kind == "communications" and named_other_party(view) is not None:
        return None  # messages with a named party: known mailboxes, whatever the span
    value = min((view.days - allowance) / 365.25, view.rules.cap_years)
    span = view.period_span or (view.end, view.end)
    fmt = {"quote": _period_quote(view), "length": describe_length(view),
           "records": _RECORDS_WORD[view.record_kind]}
    return value, [Hit(rule.id, span, fmt=fmt,
                       rewrite="period" if view.period_span is not None else "advice")]


@feature("short-period")
def _short_period(view: PartView, rule: SignalRule) -> Value | None:
    if view.days is None or view.days > view.rules.periods[view.record_kind]["short_days"]:
        return None
    span = view.period_span or (view.end, view.end)
    return 1.0, [Hit(rule.id, span, fmt={"quote": _period_quote(view),
                                         "length": describe_length(view)})]


def describe_length(view: PartView) -> str:
    """The period's length in words ("about 4 years")."""
    assert view.period is not None
    if view.period.start is not None:
        return describe(view.period, view.context.today)
    days = view.days or 0
    if days < 45:
        return f"{days} days"
    months = round(days / 30.44)
    if months < 18:
        return f"about {months} months"
    years = days / 365.25
    whole = int(years + 0.25)
    return f"about {whole} years" if abs(years - whole) < 0.25 else f"about {years:.1f} years"
