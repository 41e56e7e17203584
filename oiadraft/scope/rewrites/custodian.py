"""The open-custodian and open-ministers rewrite: the custodian (with what names its
organisation) in place, or the clause turned round when it is the subject ("correspondence
any MFAT official has had with" -> "correspondence between officials in <unit or role> and")."""

from __future__ import annotations

import re

from oiadraft.scope.matching import Token, same_clause
from oiadraft.scope.rewrites.clause import REL_BEFORE, SUBJECT_VERB, Where, custodian_class
from oiadraft.scope.vocabulary import Rules

_HANGING = re.compile(r"(?<!\w)(?:any|all|every|each)(?:\s+of)?(?:\s+the)?\s+$", re.IGNORECASE)
_CONJUNCTION = re.compile(r"(?:and/or|and|or)\s+", re.IGNORECASE)
_SINGULAR_VERB = re.compile(r"\s+(has|is|was)(?!\w)", re.IGNORECASE)
_PLURAL = {"has": "have", "is": "are", "was": "were"}
_QUANTIFIED = re.compile(r"(?:any|all|every|each)\b", re.IGNORECASE)


def custodian_rewrite(where: Where, token: Token) -> tuple[tuple[int, int], str | None]:
    """(span, replacement) for open-custodian and open-ministers: the custodian (with what
    names its organisation) in place, or, when it is the subject of a clause after record
    words ("correspondence any MFAT official has had with"), the clause turned round
    ("correspondence between officials in <unit or role> and")."""
    text = where.text
    rw = where.rw
    plain = (token.start, token.end)
    low = " ".join(token.text.lower().split())
    if token.kind == "open_custodian" and low in rw.custodian_advice:
        return plain, None
    side = where.open_side(token.start)
    if side is None:  # pragma: no cover - every open token is a side
        return plain, None
    if token.kind == "open_ministers":
        words = rw.minister
    elif side.agency:
        words = rw.custodian
    else:
        words = rw.outsider
    conjunction = _CONJUNCTION.match(token.text)
    if conjunction is None:
        before = REL_BEFORE.search(text, max(0, token.start - 12), token.start)
        if before is not None and before.start() in where.record_ends:
            verb = SUBJECT_VERB.match(text, side.end)
            if verb is not None and same_clause(text, token.start, verb.end()):
                return (before.end(1), verb.end()), _turned(verb, words)
    start, end = side.start, side.end
    lead = ""
    if conjunction is not None:
        lead = conjunction.group(0).split()[0].lower().replace("and/or", "and") + " "
    else:
        hanging = _HANGING.search(text, max(0, start - 16), start)
        if hanging is not None and not _QUANTIFIED.match(token.text):
            start = hanging.start()
    plural = words.startswith("officials ")
    agree = _SINGULAR_VERB.match(text, end) if plural else None
    replacement = lead + words
    if agree is not None:
        replacement += " " + _PLURAL[agree.group(1).lower()]
        end = agree.end()
    return (start, end), replacement


def outsider_suggestion(token: Token, rules: Rules) -> str | None:
    """The suggestion for an open custodian outside the agency ("any UK representative"),
    which its fix names as a person or organisation, not as officials; None: the rule's."""
    rw = rules.rewrites
    agency, advice = custodian_class(token.text, rw)
    return None if agency or advice else rw.outsider_suggestion


def _turned(verb: re.Match[str], words: str) -> str:
    """The subject clause turned round: "any MFAT official has had with" -> "between
    officials in <unit or role> and"."""
    what, prep = verb.group("verb").lower(), (verb.group("prep") or "").lower()
    if prep == "with":
        return f"between {words} and"
    if prep == "to":
        return f"{'written' if what in ('written', 'wrote') else 'sent'} by {words} to"
    if prep == "from":
        return f"received by {words} from"
    if what in ("sent", "written", "wrote", "received"):
        return f"{'written' if what == 'wrote' else what} by {words}"
    return f"involving {words}"
