"""Rewrites that read as English: one module per family of fixes.

A fix is accepted with one key, so its span and replacement must leave a sentence, not a
splice: "any correspondence any MFAT official has had with any UK representative" is
rewritten as a whole ("emails between <person or team at the agency> and <other person or
organisation>"), an open custodian that is the subject of such a clause becomes "between
officials in <unit or role> and", a quantifier never hangs before a replacement, and
removing "and any other ..." mends the list it leaves. Named sides are copied as written; the
wording of the pieces comes from the `rewrites` section of the vocabulary.

`rewrite(family, part, arg)` gives ((start, end), replacement) where replacement None means
the suggestion is advice only; the findings work every rewrite out when a part is assessed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from oiadraft.model import Period
from oiadraft.scope.matching import Token
from oiadraft.scope.rewrites.clause import Where
from oiadraft.scope.rewrites.communications import communications_rewrite
from oiadraft.scope.rewrites.custodian import custodian_rewrite
from oiadraft.scope.rewrites.inclusive import inclusive_rewrite
from oiadraft.scope.rewrites.mention import mention_rewrite
from oiadraft.scope.rewrites.period import period_rewrite
from oiadraft.scope.spans import extend_list, quantified
from oiadraft.scope.vocabulary import Rules

Rewrite = tuple[tuple[int, int], str | None]


class Part:
    """What the rewrites of one part need: its text, vocabulary matches and period."""

    __slots__ = ("period", "period_span", "rules", "text", "tokens", "where")

    def __init__(self, text: str, tokens: Sequence[Token], period_span: tuple[int, int] | None,
                 period: Period | None, rules: Rules) -> None:
        self.text = text
        self.tokens = tokens
        self.period_span = period_span
        self.period = period
        self.rules = rules
        self.where = Where(text, tokens, period_span, rules)


def _communications(part: Part, _: Any) -> Rewrite | None:
    comms = [t for t in part.tokens if t.kind == "communications"]
    quants = [t for t in part.tokens if t.kind == "quantifier"]
    found = quantified(comms, quants, part.text)
    if found is None:
        return None
    quant, comm = found
    end = extend_list(part.text, comm.end, comms)
    return communications_rewrite(part.where, quant, comm, end, comms)


def _mention(part: Part, token: Token) -> Rewrite:
    clause = mention_rewrite(part.where, token)
    if clause is None:
        return (token.start, token.end), None
    return clause, part.rules.signals["topic-mention"].replacement


def _period(part: Part, _: Any) -> Rewrite | None:
    if part.period_span is None:
        return None
    return (period_rewrite(part.text, part.period_span, part.period),
            part.rules.signals["long-period"].replacement)


_UP_TO = ("up to", "up until", "up till", "until", "till", "to")


def _open_period(part: Part, _: Any) -> Rewrite | None:
    """A start date for a part with none: "since records began" becomes "from <start date>",
    or the whole range (the long-period fix's words) when nothing else ends the period; "up
    until 1 November 2019" becomes "from <start date> up until 1 November 2019" (the end as
    written), and "before 2019" the whole range."""
    signals = part.rules.signals
    start_only = signals["open-period"].replacement
    whole = signals["long-period"].replacement
    assert start_only is not None and whole is not None
    always = [t for t in part.tokens if t.kind == "all_time"]
    if always:
        ends = part.period is not None and part.period.end is not None
        return (always[0].start, always[0].end), start_only if ends else whole
    if part.period_span is None:
        return None
    start, end = part.period_span
    written = " ".join(part.text[start:end].split())
    if written.lower().startswith(tuple(f"{lead} " for lead in _UP_TO)):
        return (start, end), f"{start_only} {written}"
    return (start, end), whole


FAMILIES: dict[str, Callable[[Part, Any], Rewrite | None]] = {
    "communications": _communications,
    "custodian": lambda part, token: custodian_rewrite(part.where, token),
    "inclusive": lambda part, token: inclusive_rewrite(part.where, token),
    "mention": _mention,
    "open-period": _open_period,
    "period": _period,
}


def rewrite(family: str, part: Part, arg: Any) -> Rewrite | None:
    """((start, end), replacement or None) for one family of fixes; None: no rewrite."""
    return FAMILIES[family](part, arg)
