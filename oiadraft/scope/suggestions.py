"""Using a finding's fix: `apply_suggestion` puts the replacement (blanks filled) where it
goes, `findings_after` keeps the other findings that still apply, and
`split_dates_then_copies` offers the "dates first, copies second" rewrite of a part."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from oiadraft.errors import UserError
from oiadraft.scope.findings import Finding
from oiadraft.scope.matching import tokens
from oiadraft.scope.schema import PLACEHOLDER
from oiadraft.scope.spans import sentence_start
from oiadraft.scope.vocabulary import load_rules


class SuggestionError(UserError, ValueError):
    """A suggestion cannot be applied (a placeholder is unfilled, or the text has changed)."""


def apply_suggestion(text: str, finding: Finding, fills: dict[str, str] | None = None) -> str:
    """Put the finding's replacement (placeholders filled from `fills`) at its span."""
    if finding.replacement is None:
        raise SuggestionError(f"the {finding.rule} suggestion is advice, not a rewrite; edit the "
                              "part yourself")
    start, end = finding.span
    if not (0 <= start <= end <= len(text)) or text[start:end] != finding.quote:
        raise SuggestionError("the part has changed since it was checked; check it again first")
    start, end = finding.target
    if not (0 <= start <= finding.span[0] and finding.span[1] <= end <= len(text)):
        raise SuggestionError("the part has changed since it was checked; check it again first")
    fills = fills or {}
    template = finding.replacement
    replacement = template
    for name in dict.fromkeys(PLACEHOLDER.findall(template)):
        value = fills.get(name)
        if value is None or not str(value).strip():
            raise SuggestionError(f"fill in <{name}> before using this suggestion")
        replacement = replacement.replace(f"<{name}>", _fitted(template, name, str(value)))
    replaced = text[start:end]
    if replaced[:1].isupper() and replacement[:1].islower() and sentence_start(text, start):
        # "All communications about ..." -> "Emails between ... about ..."
        replacement = replacement[0].upper() + replacement[1:]
    return text[:start] + replacement + text[end:]


def findings_after(findings: Iterable[Finding], accepted: Finding, before: str,
                   after: str) -> tuple[Finding, ...]:
    """The other findings of a part once `accepted` has turned `before` into `after`: those
    whose words and replaced stretch lie wholly outside the accepted one's, moved by the change
    in length so that they still apply; those that overlap it are dropped (assess `after` for
    fresh ones). A finding about missing words (a zero-width span) is dropped when it sits at
    or inside the rewritten stretch."""
    start, end = accepted.target
    shift = len(after) - len(before)
    kept: list[Finding] = []
    for finding in findings:
        if finding is accepted:
            continue
        first, last = finding.target
        lo, hi = min(first, finding.span[0]), max(last, finding.span[1])
        if hi < start or (hi == start and lo < hi):
            move = 0
        elif lo > end or (lo == end and lo < hi):
            move = shift
        else:
            continue
        span = (finding.span[0] + move, finding.span[1] + move)
        if after[span[0]:span[1]] != finding.quote:
            continue
        target = finding.replacement_span
        kept.append(replace(finding, span=span, replacement_span=None if target is None
                            else (target[0] + move, target[1] + move)))
    return tuple(kept)


_WORDS = re.compile(r"[^\s<>]+")


def _fitted(template: str, name: str, value: str) -> str:
    """A fill without the words the template already has around its blank: "officials in
    the Rates team" for "officials in <unit or role>" gives "the Rates team", "the
    Convention was a named agenda item" for "where <topic> was a named agenda item" gives
    "the Convention"."""
    words = " ".join(value.split()).strip()
    at = template.index(f"<{name}>")
    before = _WORDS.findall(template[:at].rsplit(">", 1)[-1])
    after = _WORDS.findall(template[at + len(name) + 2:].split("<", 1)[0])
    mine = words.split(" ")
    for size in range(min(len(before), len(mine) - 1), 0, -1):
        if [w.lower() for w in mine[:size]] == [w.lower() for w in before[-size:]]:
            mine = mine[size:]
            break
    for size in range(min(len(after), len(mine) - 1), 0, -1):
        if [w.lower().rstrip(".,;") for w in mine[-size:]] == [w.lower() for w in after[:size]]:
            mine = mine[:-size]
            break
    return " ".join(mine)


_LEAD = re.compile(
    r"^\s*(?:please\s+)?(?:(?:provide|supply|send|release|give)\s+(?:me\s+)?(?:with\s+)?)?"
    r"(?:a\s+|the\s+)?(?:full\s+|electronic\s+)?(?:cop(?:y|ies)\s+of\s+)?"
    r"(?:(?:any\s+and\s+all|all\s+and\s+any|all|any|every)\s+)?(?:of\s+the\s+)?",
    re.IGNORECASE,
)


def split_dates_then_copies(part_text: str) -> tuple[str, str] | None:
    """Offer the "dates first, copies second" split for a part that asks for copies of records:
    ("The dates, senders, recipients and subject lines of <the records>.", "Copies of the
    records listed in response to the previous part."). None when the part already asks only
    for dates or lists, or does not ask for records."""
    if not isinstance(part_text, str) or not part_text.strip():
        return None
    rules = load_rules()
    found = tokens(part_text, rules)
    kinds = {t.kind for t in found}
    if "cross_reference" in kinds:
        return None
    head = part_text.lstrip()[:40].lower()
    if any(t.kind == "metadata" and t.start <= len(part_text) - len(part_text.lstrip()) + 12
           for t in found) or head.startswith(("the date", "dates", "a list", "list ")):
        return None
    if not kinds & {"communications", "generic_records", "information", "named_documents"}:
        return None
    rest = _LEAD.sub("", part_text.strip(), count=1).strip()
    rest = rest.rstrip(" .;,")
    if not rest:
        return None
    rest = rest[0].lower() + rest[1:] if rest[:2] != rest[:2].upper() else rest
    if "communications" in kinds:
        dates = f"The dates, senders, recipients and subject lines of {rest}."
        records = "communications"
    else:
        dates = f"A list (title, date and author) of {rest}."
        records = "documents"
    copies = f"Copies of the {records} listed in response to the previous part."
    return dates, copies


