"""The all-communications rewrite: the quantifier, the record words and the clause that
says whose they are, rewritten together ("any correspondence any MFAT official has had with
any UK representative" -> "emails between <person or team at the agency> and <other person
or organisation>")."""

from __future__ import annotations

import re
from collections.abc import Sequence

from oiadraft.scope.matching import BREAK, Token, closest
from oiadraft.scope.rewrites.clause import (
    LIST_JOIN,
    LIST_PAREN,
    SAFE_AFTER,
    Blanks,
    Clause,
    NoRewrite,
    Where,
    clause_after,
    copy_words,
)
from oiadraft.scope.vocabulary import Rules

_NOT_WRITTEN = re.compile(r"meeting|call|notes|calendar|diary|voicemail|transcript|recollection",
                          re.IGNORECASE)


def _records_words(text: str, quant: Token, first: Token, end: int,
                   comms: Sequence[Token], rules: Rules) -> str:
    """The record words without the quantifier, vague ones named: "any meetings or
    correspondence" -> "meetings or emails"."""
    rw = rules.rewrites
    assert rw is not None
    prefix = " ".join(text[quant.end:first.start].split())
    items: list[str] = []
    vague: str | None = None
    for token in comms:
        if token.start < first.start or token.end > end:
            continue
        low = " ".join(token.text.lower().split())
        if low not in rw.vague and low not in rules.typo_quiet and len(low) >= rules.typo_min:
            low = rules.typo_known.get(low) or \
                closest(low, rules.typo_words, rules.typo_max) or low  # "corespondence"
        elif low in rules.typo_known:
            low = rules.typo_known[low]
        if low in rw.vague:
            vague = vague or " ".join(token.text.split())
        else:
            items.append(" ".join(token.text.split()))
    # "emails, texts and communications" -> "emails and texts"; "meetings or correspondence"
    # -> "meetings or emails" (a meeting is not a written channel)
    # ... unless the list after them names that kind already: "all correspondence (emails,
    # phone logs ...)" -> "correspondence (emails, phone logs ...)", not "emails (emails, ..."
    if vague and all(_NOT_WRITTEN.search(item) for item in items):
        items.append(vague if _named_after(text, end, rw.records) else rw.records)
    seen: set[str] = set()
    items = [item for item in items
             if not (item.lower() in seen or seen.add(item.lower()))]  # type: ignore[func-returns-value]
    if not items:
        raise NoRewrite
    joins = LIST_JOIN.findall(text, first.end, end)
    join = (joins[-1].lower() if joins else "and").replace("and/or", "and").replace("&", "and")
    words = items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" {join} " + items[-1]
    if "<" in prefix or ">" in prefix:
        raise NoRewrite
    return f"{prefix} {words}" if prefix else words


_AFTER = 200
"""How far after the record words a list naming their kinds is looked for."""


def _named_after(text: str, end: int, words: str) -> bool:
    """Whether `words` ("emails") are written in the sentence just after `end`."""
    stop = BREAK.search(text, end, end + _AFTER)
    after = text[end:stop.start() if stop is not None else end + _AFTER]
    return re.search(rf"(?<!\w){re.escape(words)}(?!\w)", after, re.IGNORECASE) is not None


def communications_rewrite(where: Where, quant: Token, first: Token, end: int,
                            comms: Sequence[Token]) -> tuple[tuple[int, int], str] | None:
    """(span, replacement) for all-communications: the quantifier, the record words and the
    clause that says whose they are, rewritten together."""
    rw = where.rw
    text = where.text
    try:
        records = _records_words(text, quant, first, end, comms, where.rules)
    except NoRewrite:
        return None
    start = quant.start
    pos = end
    if where.period_paren(pos) is not None:  # "communications (between the dates ...) ..."
        return (start, pos), records
    paren = LIST_PAREN.match(text, pos)
    if paren is not None and not (where.period_span and paren.start() < where.period_span[1]
                                  and where.period_span[0] < paren.end()):
        pos = paren.end()
    clause = clause_after(where, pos)
    blanks = Blanks(rw)
    plain = ((start, pos), records)
    try:
        return clause_rewrite(where, clause, start, pos, records, blanks) or plain
    except NoRewrite:
        return plain


def clause_rewrite(where: Where, clause: Clause, start: int, pos: int, records: str,
                    blanks: Blanks) -> tuple[tuple[int, int], str] | None:
    text = where.text
    rw = where.rw
    assert rw is not None
    form = clause.form
    first, second = clause.first, clause.second
    if form == "none":
        later = any(pos <= token.start < where.sentence_end(pos) for token in where.holders) or \
            any(pos <= at < where.sentence_end(pos) for at in where.opens)
        if where.cross_ref or later or not SAFE_AFTER.match(text, pos):
            return None
        return (start, pos), f"{records} between {blanks.side(None, True)} and " \
                             f"{blanks.side(None, False)}"
    if form == "between":
        if first is None:
            return None
        if first.open:
            head = f"{records} between {blanks.side(first, True)}"
            if second is not None and second.open:
                return (start, second.end), f"{head} and {blanks.side(second, False)}"
            return (start, first.end), head
        if second is not None and second.open and first.end > 0:
            named = copy_words(text, first.start, first.end)
            return (start, second.end), \
                f"{records} between {named} and {blanks.side(second, False)}"
        return None
    if form in ("by", "from"):
        if first is None:
            return None
        lead = " " + " ".join(text[clause.lead[0]:clause.lead[1]].split()) + " "
        if first.open:
            first_words = blanks.side(first, form == "by" or clause.verb == "sent")
        elif first.end > 0:
            first_words = copy_words(text, first.start, first.end)
        else:
            return None
        if second is not None and second.open:
            return (start, second.end), f"{records}{lead}{first_words} {clause.prep} " \
                                        f"{blanks.side(second, not first.agency)}"
        if second is not None:
            return ((start, first.end), f"{records}{lead}{first_words}") if first.open else None
        if first.end < 0:
            return None
        # "from the Mayor" -> "from the Mayor to <other ...>"; "from any member of the public"
        # -> "... to <person or team at the agency>"
        return (start, first.end), f"{records}{lead}{first_words} {clause.prep} " \
                                   f"{blanks.side(None, first.open and not first.agency)}"
    if form in ("to", "with"):
        agency = blanks.side(None, True)
        head = f"{records} between {agency} and" if form == "with" else \
            f"{records} from {agency} to"
        if second is not None and second.open:
            return (start, second.end), f"{head} {blanks.side(second, False)}"
        return (start, clause.prep_end), head
    if form == "subject" and first is not None:
        if first.open:
            first_words = blanks.side(first, True)
        else:
            first_words = copy_words(text, first.start, first.end)
        verb, prep = clause.verb, clause.prep
        if prep == "to" or (not prep and verb in ("sent", "written", "wrote")):
            head = f"{records} {'written' if verb in ('written', 'wrote') else 'sent'} by " \
                   f"{first_words} to"
        elif prep == "from" or (not prep and verb == "received"):
            head = f"{records} received by {first_words} from"
        else:
            head = f"{records} between {first_words} and"
        if second is not None and second.open:
            return (start, second.end), f"{head} {blanks.side(second, False)}"
        if second is not None:
            return (start, clause.prep_end), head
        return (start, clause.lead[1]), f"{head} {blanks.side(None, not first.agency)}"
    return None
