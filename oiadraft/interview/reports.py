"""What the assistant says about one part: its reading, its risk, the findings with their
suggestions, and what can be done next (accept, keep, edit, split)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from oiadraft.interview.show import split_of, visible_findings
from oiadraft.interview.words import number, quote_user, reading
from oiadraft.model import Part

if TYPE_CHECKING:
    from oiadraft.interview.engine import Turn


def report(turn: Turn, part: Part, *, actions: bool, words: bool = False) -> str:
    """The assistant's reading of one part: what it asks for, its risk, the findings and their
    suggestions, and (with `actions`) what can be done next."""
    iv, draft = turn.iv, turn.draft
    at = number(turn.number(part))
    assessment = iv.assess(draft, part)
    lines = []
    if words:
        lines.append(turn.text("part_added", number=at, text=quote_user(part.text, 400)))
    extract = reading(assessment, iv.script.messages, draft.act,
                      own_period=iv.period_of(draft, part) is not None)
    if extract:
        lines.append(turn.text("part_extract", number=at, extract=extract))
    status = iv.status(draft, part)
    features = assessment.features or {}
    unread = not (features.get("record_types") or features.get("parties")
                  or features.get("topic") or features.get("question"))
    # a part with nothing the checker can read ("I don't know") is not "specific enough":
    # its rating rests on nothing but the period and the request around it
    if unread and status == "low":
        lines.append(turn.text("risk_low_unread", number=at))
    else:
        lines.append(turn.text(f"risk_{status}"))
        if unread:
            lines.append(turn.text("part_unread", number=at))
    found = visible_findings(assessment)
    for index, finding in enumerate(found, 1):
        item = turn.text("finding", index=index, message=quote_user(finding.message, 1000))
        if finding.suggestion:
            # a Markdown hard break: the suggestion starts its own line under the warning
            item += "\\\n   " + turn.text("finding_suggestion",
                                          suggestion=quote_user(finding.suggestion, 600))
        lines.append(item)
    # what can be done about the findings: accept a rewording, keep the part against its
    # warnings (even when they only advise, with nothing to accept), edit, split
    # (F2 uses the first suggestion that rewords the part, which need not be suggestion 1)
    rewords = [index for index, f in enumerate(found, 1) if f.replacement is not None]
    keep = any(f.warns for f in found)
    if actions and (rewords or keep):
        other = " " + turn.text("another_hint", number=rewords[1]) if len(rewords) > 1 else ""
        hints = [turn.text("accept_hint", first=rewords[0], other=other)] if rewords else []
        hints += [turn.text(key) for key, applies in (
            ("period_hint", assessment.warns_about_request_period),
            ("keep_hint", keep), ("edit_hint", True),
            ("split_hint", split_of(part.text) is not None)) if applies]
        lines.append(turn.text("finding_actions", actions=", ".join(hints)))
        turn.prompted = True
    return "\n\n".join(lines)


def said(turn: Turn, text: str) -> None:
    """One assistant message of `text` (already filled in)."""
    from oiadraft.interview.engine import Message

    turn.messages.append(Message(text))


def report_and_ask(turn: Turn, part: Part) -> None:
    """A part's report, then the next question unless the report already asked it."""
    said(turn, report(turn, part, actions=True))
    if not turn.prompted:
        turn.reask = True
