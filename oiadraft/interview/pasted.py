"""A request pasted whole. At the parts question it is split into parts, its period for the whole
request taken. Pasted before then (a journalist pastes the letter they wrote as the first
answer) it is kept, never lost, and put in the box when the parts question comes; a salutation
naming an agency the directory knows ("Dear Ministry of Foreign Affairs and Trade,") answers
"who are you asking?", and its period for the whole request answers "what period?".

A paste too long to be the answer to any question but the parts one (an agency's whole
response, pasted at "who are you asking?") is kept the same way, whatever it holds: it is in
the draft, saved with it, and the chat says where it is and when it comes back."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from oiadraft.interview import state as st
from oiadraft.interview.reports import report, said
from oiadraft.interview.show import DETAILED_PARTS, LARGE_PASTE, split_paste
from oiadraft.interview.words import number, number_list, period_phrase, quote_user
from oiadraft.model import Part

if TYPE_CHECKING:
    from oiadraft.interview.engine import Turn


HELD_OVER = ("agency_pick", "period_confirm")
"""Follow-up questions a pasted request may interrupt: it is kept and the question stands
(the letter's greeting answers "which of these do you mean?")."""


def hold(turn: Turn, step: Any, text: str) -> bool:
    """Keep `text` for the parts question when it is a request of two or more parts given in
    answer to an earlier question, or longer than any answer but the parts can be; True when
    it was kept (and the turn is answered)."""
    state = turn.state
    if len(text) > LARGE_PASTE and (state.pending is not None or step.kind != "parts"):
        return hold_long(turn, step, text)
    if (state.pending is not None and state.pending.kind not in HELD_OVER) \
            or step.kind == "parts" or "parts" in state.answered:
        return False
    split = split_paste(text)
    if split is None or len(split.parts) < 2:
        return False
    also = keep(turn, text)
    turn.say("request_held", count=number(len(split.parts)), also=also)
    return _answers_the_question(turn, step, state, split)


def hold_long(turn: Turn, step: Any, text: str) -> bool:
    """A paste too long for the question being asked: kept in the draft for the parts
    question, with where it is and when it comes back, never refused and lost. A request
    in it still answers the question its greeting or its period answers."""
    state = turn.state
    split = split_paste(text)
    count = len(split.parts) if split is not None else 0
    also = keep(turn, text)
    if step.kind == "parts":
        back = "held_back_after_this"  # the follow-up question first, then the box
    elif "parts" in state.answered:
        back = "held_back_add_part"
    else:
        back = "held_back_at_parts"
    turn.say("long_paste_held", chars=f"{len(text):,}",
             holds=turn.text("held_holds", count=number(count)) if count >= 2 else "",
             back=turn.text(back) + also)
    if split is None or (state.pending is not None and state.pending.kind not in HELD_OVER):
        turn.reask = True
        return True
    return _answers_the_question(turn, step, state, split)


def keep(turn: Turn, text: str) -> str:
    """Keep `text` for the parts question, after anything kept before it, never in its place
    (the same text pasted again is kept once). Returns what to add to saying it was kept."""
    earlier = turn.state.held
    if not earlier.strip():
        turn.state = replace(turn.state, held=text)
    elif text.strip() not in earlier:
        turn.state = replace(turn.state, held=earlier.rstrip("\n") + "\n\n" + text)
        return " " + turn.text("held_with_earlier")
    return ""


def _answers_the_question(turn: Turn, step: Any, state: st.Conversation, split: Any) -> bool:
    """The question a kept request answers: "what period?" its period for the whole request,
    "who are you asking?" the body its greeting names. Else the question is asked again."""
    found = split.request_period
    if step.kind == "period" and state.pending is None and found is not None:
        # the question the letter answers: its period, read back for a yes like a typed one
        turn.state = replace(turn.state, pending=st.PeriodConfirm(period=found.period,
                                                                 text=found.text.strip()))
        return True
    from oiadraft.letter.splitter import addressee

    name = addressee(split.preamble) if step.kind == "agency" else None
    if name:
        resolution = turn.iv.directory.resolve(name)
        if resolution.status == "found":
            from oiadraft.interview.steps import set_agency

            set_agency(turn, resolution.agency)
            return True
    turn.reask = True
    return True


def add_many(turn: Turn, split: Any, text: str) -> None:
    """Two or more parts pasted at the parts question: all added, the request's own period
    taken, and each part reported (or, for many, how many at each risk)."""
    from oiadraft.interview.engine import Message
    from oiadraft.letter.splitter import clean_part_text

    draft = turn.draft
    first = len(draft.parts) + 1
    # a numbered line that is a passing remark ("3. ok thanks") is refused as a typed one is
    found = [(item, clean_part_text(item.text)) for item in split.parts]
    remarks = [(item, words) for item, words in found if turn.iv.script.is_remark(words)]
    wanted = [words for item, words in found if not turn.iv.script.is_remark(words)]
    count = len(wanted)
    turn.messages.append(Message(turn.text("paste_summary", count=number(count),
                                           chars=number(len(text))), "summary"))
    if remarks:
        from oiadraft.text import join_and

        turn.say("paste_remarks", items=join_and(
            turn.text("paste_remark_item", number=quote_user(item.number, 20),
                      words=quote_user(words, 80)).strip() for item, words in remarks),
                 remarks="a passing remark" if len(remarks) == 1 else "passing remarks",
                 them="it" if len(remarks) == 1 else "them")
    if not wanted:
        turn.reask = True
        return
    before, after = len(split.preamble.split()), len(split.closing.split())
    if before or after:
        where = "paste_around" if before and after else "paste_before" if before else "paste_after"
        turn.say("paste_left_out", words=number(before + after), where=turn.text(where))
    if len(text) > LARGE_PASTE:
        turn.say("large_paste")
    if split.request_period is not None and split.request_period.period != draft.period:
        # the request as pasted is what the requester means to send: its period wins over
        # one answered before, and they are told which one it replaced
        earlier, draft.period = draft.period, split.request_period.period
        if earlier is None:
            turn.say("request_period_found", period=period_phrase(draft.period))
        else:
            turn.say("request_period_replaced", period=period_phrase(draft.period),
                     earlier=period_phrase(earlier))
    added = [Part(text=words) for words in wanted]
    draft.parts.extend(added)
    from oiadraft.interview.parts import take_earlier_period

    for part in added:
        take_earlier_period(turn, part)
    if count <= DETAILED_PARTS:
        # one message for all of them: a widget per part would crowd the transcript
        said(turn, "\n\n---\n\n".join(report(turn, part, actions=False, words=True)
                                       for part in added))
    else:
        said(turn, overview(turn, added))
    turn.state = replace(turn.state, current=added[-1].id)
    turn.label = turn.text("undo_pasted", first=number(first), last=number(len(draft.parts)))
    turn.reask = True


def overview(turn: Turn, added: list[Part]) -> str:
    """Many parts at once: how many at each risk, and which are high."""
    by_status: dict[str, list[int]] = {"high": [], "medium": [], "low": [], "kept": []}
    start = len(turn.draft.parts) - len(added) + 1
    for at, part in enumerate(added, start):
        by_status[turn.iv.status(turn.draft, part)].append(at)
    return turn.text("parts_overview", high=number(len(by_status["high"])),
                     medium=number(len(by_status["medium"])),
                     low=number(len(by_status["low"])),
                     high_list=number_list(by_status["high"]) or "none")
