"""The parts of the request: adding them (typed or pasted), each one's period, and what can be
done to a part (accept a suggestion, keep it as written, split it, edit, delete, move), then
`done`. Every change names itself for undo; moves and splits keep references between parts
right (`xrefs`).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from oiadraft.interview import state as st
from oiadraft.interview import xrefs
from oiadraft.interview.actions import Command
from oiadraft.interview.reports import report, report_and_ask, said
from oiadraft.interview.show import (
    find_finding,
    split_of,
    split_paste,
    visible_findings,
)
from oiadraft.interview.words import (
    number,
    parts_phrase,
    period_phrase,
    quote_user,
)
from oiadraft.model import Part
from oiadraft.text import upper_first

if TYPE_CHECKING:
    from oiadraft.interview.engine import Turn

_NUMBER_PREFIX = re.compile(r"^\s*(?:\(?\d{1,4}[.)]|\d{1,4}\s*[-–]|\(?[a-z][.)]|[-*•])\s+",
                            re.IGNORECASE)


def strip_number(text: str) -> str:
    """Drop a leading "3." / "(a)" / "- " the requester typed: the letter numbers parts."""
    return _NUMBER_PREFIX.sub("", text, count=1).strip()


# ---- adding ----------------------------------------------------------------------------------


def _background_words(split: Any) -> int:
    """How many words before the part are neither its greeting nor a sign-off: the story a
    letter tells before the paragraph that asks."""
    start, end = split.preamble_span
    skipped = sum(len(split.source[max(s, start):min(e, end)].split())
                  for _, (s, e) in split.ignored if s < end and e > start)
    return max(0, len(split.preamble.split()) - skipped)


def answer(turn: Turn, step: Any, text: str) -> None:
    """Words for a new part, or a pasted request to split into parts."""
    draft = turn.draft
    stripped = text.strip()
    if not stripped:
        turn.problem("parts_next" if draft.parts else "parts_need_one")
        return
    from oiadraft.interview.script import remark_key
    from oiadraft.interview.steps import NO, YES

    if remark_key(stripped) in YES | NO:
        turn.problem("parts_not_yes_no")  # an answer to a question not being asked
        return
    split = split_paste(text)
    if split is not None and len(split.parts) >= 2:
        from oiadraft.interview.pasted import add_many

        add_many(turn, split, text)
        return
    if split is not None and split.parts:
        from oiadraft.letter.splitter import clean_part_text

        words = clean_part_text(split.parts[0].text)
    else:
        words = stripped
    if turn.iv.script.is_remark(stripped) or turn.iv.script.is_remark(words):
        # "ok thanks", "hmm", "I don't know": said in passing, not something to ask for; as a
        # part it would go into the letter without the requester meaning it to (typed, or
        # the one numbered line of a paste: "Kia ora,\n1. hmm")
        turn.problem("part_remark", words=quote_user(words, 80),
                     next=turn.text("parts_next" if draft.parts else "parts_first"))
        return
    part = Part(text=strip_number(words))
    if _only_a_period(turn, part.text):
        # a period typed again by a quick typist: as a part it names nothing, and would be
        # rated "specific enough", having nothing in it to be broad; the words go back
        turn.problem("part_only_period", words=quote_user(part.text, 200))
        turn.refill = text
        return
    draft.parts.append(part)
    turn.state = replace(turn.state, current=part.id)
    turn.label = turn.text("undo_added", number=number(len(draft.parts)))
    background = _background_words(split) if split is not None else 0
    if background:
        turn.say("background_left_out", words=number(background))
    take_earlier_period(turn, part)
    if not _has_period(turn, part):
        said(turn, report(turn, part, actions=False))
        turn.state = replace(turn.state, pending=st.PartPeriod(part=part.id))
        return
    report_and_ask(turn, part)


def take_earlier_period(turn: Turn, part: Part) -> bool:
    """A part with no time frame of its own that says it covers an earlier part's ("any
    correspondence about it in that period") takes the period of the nearest earlier part
    that has one, as `oiadraft check` reads the letter; said in one line. It names that
    part (`Part.period_from`) rather than copying its dates, so it follows that part's
    period when it changes. Not when the request has a period: every part without one of
    its own covers that."""
    draft = turn.draft
    if part.period is not None or part.period_from is not None or draft.period is not None:
        return False  # nothing to take (asked first: it costs no assessment)
    from oiadraft.interview.period_link import relink_reworded

    at = next((i for i, p in enumerate(draft.parts) if p is part), None)
    if at is None:
        return False
    # the assessment is cached: the report of the part reads it next
    link = relink_reworded(draft, at, part.text, turn.iv.today, turn.iv.assess(draft, part))
    if link.taken is None:
        return False
    part.period_from = link.period_from
    turn.say("part_period_taken", number=number(at + 1), other=number(link.taken[0]),
             period=period_phrase(link.taken[1]))
    return True


def say_followed(turn: Turn, before: Any, after: Any) -> None:
    """A line for each part that covers an earlier part's period ("in that period") when the
    turn changed that period (the earlier part reworded with other dates, its period given):
    the part follows it, and the requester is told the dates it covers now. `before` and
    `after` are the draft's snapshots (`history.take`) around the turn."""
    linked = {part[0]: part[4] for part in after.parts if part[4] is not None}
    if not linked or before.parts == after.parts:
        return
    from oiadraft.interview.engine import Message
    from oiadraft.interview.history import part_periods

    was = {part[0]: part[4] for part in before.parts}
    old, new = part_periods(before, turn.iv.today), part_periods(after, turn.iv.today)
    for part_id, taken in linked.items():
        if was.get(part_id) != taken or new[part_id] == old.get(part_id):
            continue  # newly taken (said when taken), or nothing moved
        part, other = turn.part(part_id), turn.part(taken)
        if part is None or other is None:
            continue
        period = new[part_id]
        turn.aside(Message(turn.text(
            "part_period_followed" if period is not None else "part_period_followed_none",
            number=number(turn.number(part)), other=number(turn.number(other)),
            period=period_phrase(period) if period is not None else "")))


def _retake_earlier_period(turn: Turn, part: Part, key: str, other: int) -> None:
    """After the words of `part` changed, or part `other` whose period it covered went: it
    takes an earlier part's period again only if its words still say so; else the requester
    is told (message `key`) that it no longer covers part `other`'s dates, and what it covers
    now."""
    part.period_from = None
    if take_earlier_period(turn, part):
        return
    at = number(turn.number(part))
    turn.say(key, number=at, other=number(other),
             now=turn.text("part_period_now_request" if turn.draft.period is not None
                           else "part_period_now_none", number=at).strip())


def _only_a_period(turn: Turn, words: str) -> bool:
    """The words are a period and nothing else ("2023", "since October 2020"), as the
    period question reads one."""
    from oiadraft.periods import PeriodError, parse_period

    try:
        parse_period(words, today=turn.iv.today)
    except PeriodError:
        return False
    return True


def without_period(turn: Turn) -> list[int]:
    """The numbers of the parts with no time frame: none of their own, none in their words and
    none for the whole request."""
    return [at for at, part in enumerate(turn.draft.parts, 1) if not _has_period(turn, part)]


def _has_period(turn: Turn, part: Part) -> bool:
    if turn.iv.period_of(turn.draft, part) is not None or turn.draft.period is not None:
        return True
    from oiadraft.periods import find_periods
    from oiadraft.text import without_titles

    if find_periods(without_titles(part.text), today=turn.iv.today):
        return True
    # "since records began": the words say which years, all of them; the warning about it
    # offers the fix, and a time frame asked for on top would contradict the words
    return "open-period" in turn.iv.assess(turn.draft, part).signals


def _part_or_new(turn: Turn, pending: st.PartPeriod | st.EditPart, text: str) -> Part | None:
    """The part a follow-up question is about; when it has gone (undone, deleted elsewhere),
    the words are taken as a new part instead, so nothing typed is lost."""
    part = turn.part(pending.part)
    if part is None:
        turn.state = replace(turn.state, pending=None)
        answer(turn, None, text)
    return part


def answer_part_period(turn: Turn, pending: st.PartPeriod, text: str) -> None:
    from oiadraft.interview.steps import read_period

    part = _part_or_new(turn, pending, text)
    if part is None:
        return
    if not text.strip():
        skip_part_period(turn, pending)
        return
    if asks_for_records(turn, text):
        # typed before the question was read: this part stays without a time frame, and
        # the words are the next part rather than a period that cannot be read
        skip_part_period(turn, pending, finishing=True)
        answer(turn, None, text)
        return
    period = read_period(turn, text)
    if period is None:
        return
    part.period = period
    turn.state = replace(turn.state, pending=None)
    turn.label = turn.text("undo_part_period", number=number(turn.number(part)))
    turn.amend = True  # the part and its time frame are one change for undo
    turn.say("part_period_set", number=number(turn.number(part)), period=period_phrase(period))
    report_and_ask(turn, part)


def asks_for_records(turn: Turn, text: str) -> bool:
    """Whether words given for a time frame are no period but ask for records or figures:
    the next part, typed before the question was read."""
    from oiadraft.periods import PeriodError, parse_period

    try:
        parse_period(text, today=turn.iv.today)
        return False
    except PeriodError:
        assessment = turn.iv.assess(turn.draft, Part(text=text.strip()))
        features = assessment.features or {}
        # records named ("Cabinet papers"), or figures asked for ("the number of ...")
        return bool(features.get("record_types")) or assessment.record_kind == "statistics"


def skip_part_period(turn: Turn, pending: st.PartPeriod, finishing: bool = False) -> None:
    part = turn.part(pending.part)
    turn.state = replace(turn.state, pending=None)
    if part is not None:
        turn.say("part_period_skipped", number=number(turn.number(part)))
    if not finishing:
        turn.reask = True


# ---- acting on a part ------------------------------------------------------------------------


def _target(turn: Turn, n: int | None) -> Part | None:
    """Part `n`, or the current part when no number is given; says why when there is none."""
    draft = turn.draft
    if n is not None:
        if not 1 <= n <= len(draft.parts):
            if draft.parts:
                turn.problem("no_such_part" if len(draft.parts) > 1 else "only_part",
                             number=number(n), count=number(len(draft.parts)))
            else:
                turn.problem("no_parts_yet")
            return None
        part = draft.parts[n - 1]
        turn.state = replace(turn.state, current=part.id)
        return part
    part = turn.iv.current_part(draft, turn.state)
    if part is None:
        turn.problem("no_parts_yet")
    return part


def _leave_follow_up(turn: Turn, part: Part) -> None:
    """A command on a part ends any follow-up question about it (its words were the box's)."""
    if turn.state.pending is not None:
        turn.state = replace(turn.state, pending=None)


def accept(turn: Turn, cmd: Command) -> None:
    _accept(turn, None, cmd.n or 1)


def accept_part(turn: Turn, cmd: Command) -> None:
    _accept(turn, cmd.n, 1)


def _accept(turn: Turn, n: int | None, index: int) -> None:
    part = _target(turn, n)
    if part is None:
        return
    found = visible_findings(turn.iv.assess(turn.draft, part))
    usable = [f for f in found if f.replacement is not None]
    if not usable:
        turn.problem("nothing_to_accept_advice" if found else "nothing_to_accept",
                     number=number(turn.number(part)))
        return
    if not 1 <= index <= len(found):
        turn.problem("no_such_suggestion", index=index, count=len(found))
        return
    finding = found[index - 1]
    if finding.replacement is None:
        if index != 1:
            turn.problem("advice_only", index=index)
            return
        finding = usable[0]
    _leave_follow_up(turn, part)
    if finding.placeholders:
        turn.state = replace(turn.state, pending=st.Fill(
            part=part.id, rule=finding.rule, span=tuple(finding.span),
            remaining=tuple(finding.placeholders)))
        return
    _apply(turn, part, finding, {})


def answer_fill(turn: Turn, pending: st.Fill, text: str) -> None:
    value = " ".join(text.split())
    if not value:
        turn.problem("fill_empty")
        return
    part = turn.part(pending.part)
    fills = (*pending.fills, (pending.remaining[0], value))
    if part is None:
        turn.state = replace(turn.state, pending=None)
        turn.problem("nothing_to_accept", number="?")
        return
    if len(pending.remaining) > 1:
        turn.state = replace(turn.state, pending=replace(
            pending, remaining=pending.remaining[1:], fills=fills))
        return
    turn.state = replace(turn.state, pending=None)
    finding = find_finding(turn.iv, turn.draft, part, pending.rule, pending.span)
    if finding is None:
        turn.problem("part_changed", number=number(turn.number(part)))
        return
    _apply(turn, part, finding, dict(fills))


def _apply(turn: Turn, part: Part, finding: Any, fills: dict[str, str]) -> None:
    from oiadraft.scope import apply_suggestion

    try:
        part.text = apply_suggestion(part.text, finding, fills)
    except (ValueError, KeyError) as error:
        turn.problem("problem", problem=quote_user(str(error), 400))
        return
    at = number(turn.number(part))
    turn.label = turn.text("undo_accepted", number=at)
    turn.say("part_rewritten", number=at, text=quote_user(part.text, 2000))
    report_and_ask(turn, part)


def keep(turn: Turn, cmd: Command) -> None:
    _keep(turn, None)


def keep_part(turn: Turn, cmd: Command) -> None:
    _keep(turn, cmd.n)


def _keep(turn: Turn, n: int | None) -> None:
    part = _target(turn, n)
    if part is None:
        return
    rules = list(dict.fromkeys(
        f.rule for f in turn.iv.assess(turn.draft, part).findings
        if f.warns and f.rule not in part.acknowledged))
    at = number(turn.number(part))
    if not rules:
        turn.problem("nothing_to_keep", number=at)
        return
    _leave_follow_up(turn, part)
    part.acknowledged = [*part.acknowledged, *rules]
    turn.label = turn.text("undo_kept", number=at)
    turn.say("part_kept", number=at)
    turn.reask = True


def split(turn: Turn, cmd: Command) -> None:
    _split(turn, None)


def split_part(turn: Turn, cmd: Command) -> None:
    _split(turn, cmd.n)


def _split(turn: Turn, n: int | None) -> None:
    """Dates first, copies second. The first keeps the part's id (references to the part
    follow it); the second names the first by number and covers the same period."""
    part = _target(turn, n)
    if part is None:
        return
    pair = split_of(part.text)
    at = turn.number(part)
    if pair is None:
        turn.problem("nothing_to_split", number=number(at))
        return
    _leave_follow_up(turn, part)
    draft = turn.draft
    before = [p.id for p in draft.parts]
    # the copies cover what the dates part covers: its own period, the earlier part's it
    # takes (followed, not copied), or the one its words state
    period = part.period or (None if part.period_from else _own_period(turn, part))
    dates = Part(text=pair[0], period=part.period, id=part.id, period_from=part.period_from)
    copies = Part(text=xrefs.name_previous(pair[1], at), period=period,
                  period_from=part.period_from)
    draft.parts[at - 1:at] = [dates, copies]
    xrefs.follow(before, draft.parts)
    turn.state = replace(turn.state, current=copies.id)
    turn.label = turn.text("undo_split", number=number(at))
    turn.say("part_split", first=number(at), second=number(at + 1))
    said(turn, report(turn, dates, actions=False, words=True) + "\n\n---\n\n"
          + report(turn, copies, actions=False, words=True))
    turn.reask = True


def _own_period(turn: Turn, part: Part) -> Any:
    """The period a part states in its own words (the copies part covers the same)."""
    assessment = turn.iv.assess(turn.draft, part)
    return assessment.period if assessment.period_source == "part" else None


def edit(turn: Turn, cmd: Command) -> None:
    part = _target(turn, cmd.n)
    if part is None:
        return
    turn.state = replace(turn.state, pending=st.EditPart(part=part.id), current=part.id)


def answer_edit(turn: Turn, pending: st.EditPart, text: str) -> None:
    part = _part_or_new(turn, pending, text)
    if part is None:
        return
    value = strip_number(text.strip())
    at = number(turn.number(part))
    if not value:
        turn.problem("edit_empty", number=at)
        return
    if turn.iv.script.is_remark(value):
        # "hmm" typed over a part's words would put the remark into the letter
        turn.problem("edit_remark", words=quote_user(value, 80), number=at)
        return
    turn.state = replace(turn.state, pending=None)
    if value == part.text:
        turn.say("edit_unchanged", number=at)
        turn.reask = True
        return
    moved = _stop_moved(part.text, value)
    part.text = moved or value
    part.acknowledged = []
    turn.label = turn.text("undo_edited", number=at)
    turn.say("part_rewritten", number=at, text=quote_user(part.text, 2000))
    if moved:
        turn.say("stop_moved")
    taken = turn.part(part.period_from)
    if taken is not None:
        _retake_earlier_period(turn, part, "part_period_untaken", turn.number(taken))
    report_and_ask(turn, part)


def _stop_moved(old: str, new: str) -> str | None:
    """`new` is `old` with words added after its closing full stop, as when someone presses
    End and types ("... at each branch. as recorded in ..."): the same words with the full
    stop moved after them. None when the words added start a sentence of their own, or the
    stop ends an abbreviation ("etc.", "Ltd.", "e.g.")."""
    if not old.endswith(".") or not new.startswith(old) or not old[:-1].split():
        return None
    added = new[len(old):]
    last = old[:-1].split()[-1]
    if not added[:1].isspace() or not added.strip()[:1].islower() or len(last) < 4 \
            or "." in last or not last[-1].isalnum():
        return None
    added = added.rstrip()
    return old[:-1] + added + ("" if added.endswith((".", "?", "!")) else ".")


def delete(turn: Turn, cmd: Command) -> None:
    part = _target(turn, cmd.n)
    if part is None:
        return
    draft = turn.draft
    before = [p.id for p in draft.parts]
    at = turn.number(part)
    del draft.parts[at - 1]
    draft.priority = [p for p in draft.priority if p != part.id]
    pending = turn.state.pending
    if pending is not None and getattr(pending, "part", None) == part.id:
        turn.state = replace(turn.state, pending=None)
    if turn.state.current == part.id:
        turn.state = replace(turn.state, current=None)
    broken = xrefs.follow(before, draft.parts)
    turn.label = turn.text("undo_deleted", number=number(at))
    turn.say("part_deleted", number=number(at))
    _report_broken(turn, broken)
    for other in draft.parts:
        if other.period_from == part.id:
            _retake_earlier_period(turn, other, "part_period_gone", at)


def move(turn: Turn, cmd: Command) -> None:
    draft = turn.draft
    part = _target(turn, cmd.n)
    if part is None:
        return
    at = turn.number(part)
    direction = cmd.what or ("up" if cmd.verb.endswith("up") else
                             "down" if cmd.verb.endswith("down") else None)
    to = cmd.m if cmd.m is not None else at - 1 if direction == "up" else \
        at + 1 if direction == "down" else None
    if len(draft.parts) == 1:
        turn.problem("nowhere_to_move")
        return
    if to is None or not 1 <= to <= len(draft.parts):
        turn.problem("no_such_place", count=number(len(draft.parts)))
        return
    if to == at:
        turn.problem("already_there", number=number(at))
        return
    before = [p.id for p in draft.parts]
    del draft.parts[at - 1]
    draft.parts.insert(to - 1, part)
    broken = xrefs.follow(before, draft.parts)
    turn.label = turn.text("undo_moved", number=number(at), to=number(to))
    turn.say("part_moved", number=number(at), to=number(to))
    _report_broken(turn, broken)


def _report_broken(turn: Turn, broken: list[xrefs.Broken]) -> None:
    for item in broken:
        part = turn.part(item.part)
        if part is not None:
            turn.say("reference_gone", number=number(turn.number(part)))


# ---- done ------------------------------------------------------------------------------------


def finish(turn: Turn) -> None:
    """No more parts: say how many, which are still high risk, which are kept as written."""
    iv, draft = turn.iv, turn.draft
    if not draft.parts:
        turn.problem("parts_need_one")
        return
    turn.state = turn.state.answer("parts")
    statuses = [iv.status(draft, part) for part in draft.parts]
    high = [at for at, status in enumerate(statuses, 1) if status == "high"]
    kept = [at for at, status in enumerate(statuses, 1) if status == "kept"]
    count = len(draft.parts)
    lines = [turn.text("parts_done", count=f"{number(count)} part{'s' if count != 1 else ''}")]
    if high:
        lines.append(turn.text("parts_done_high", parts=upper_first(parts_phrase(high)),
                               is_are="is" if len(high) == 1 else "are",
                               first=number(high[0]),
                               it="it" if len(high) == 1 else "the first of them"))
    if kept:
        one = len(kept) == 1
        lines.append(turn.text("parts_done_kept", parts=upper_first(parts_phrase(kept)),
                               is_are="is" if one else "are", them="it" if one else "them",
                               they="it" if one else "they"))
    if not high and not kept:
        lines.append(turn.text("parts_done_clear_one" if count == 1 else "parts_done_clear"))
    said(turn, " ".join(lines))
