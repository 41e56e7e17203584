"""The topic-mention rewrite: the relative clause around a mention ("that included mention
of X") becomes "where <topic> was a named agenda item"; a mention used as a noun ("any
mention of X") is advice only."""

from __future__ import annotations

import re

from oiadraft.scope.matching import BREAK, Token, same_clause
from oiadraft.scope.rewrites.clause import Where
from oiadraft.scope.spans import content_end, period_lead

_RELATIVE = re.compile(r"(?<!\w)(?:that|which|where|in\s+which)(?!\w)", re.IGNORECASE)
_PARTICIPLE = re.compile(r"(?:mentioning|referring|alluding|mentioned\s+in)(?!\w)", re.IGNORECASE)


def mention_rewrite(where: Where, token: Token) -> tuple[int, int] | None:
    """The stretch "where <topic> was a named agenda item" replaces: the relative clause
    around the mention ("that included mention of X"), or a participle ("mentioning X"), to
    the end of the clause, before the period. None when the mention is a noun ("any mention
    of X", "all references to X"): that needs rewording, not a splice."""
    text = where.text
    window_start = max(0, token.start - 30)
    rel = list(_RELATIVE.finditer(text, window_start, token.start))
    if rel and same_clause(text, rel[-1].start(), token.start):
        start = rel[-1].start()
    elif _PARTICIPLE.match(token.text):
        start = token.start
    else:
        return None
    end = content_end(text)
    found = BREAK.search(text, token.end, end)
    if found is not None:
        end = found.start()
    if where.period_span is not None and token.end <= where.period_span[0] < end:
        end = max(token.end, period_lead(text, where.period_span[0]))  # "X| in 2023"
    for holder in where.holders:
        if token.end <= holder.start < end:
            end = holder.start
            break
    end = start + len(text[start:end].rstrip(" \t\n,;:-–—("))
    return (start, end) if end > token.end else None
