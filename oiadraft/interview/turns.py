"""One turn: a command (from the action table) or an answer, dispatched by kind.

Commands that move around the conversation live here (undo, redo, back, skip, cancel, done,
change, add part); answers to questions are in `steps`, everything about parts in `parts`.
A command that does not apply now says so in one sentence and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from oiadraft.interview import history as hist
from oiadraft.interview import parts, pasted, steps
from oiadraft.interview import state as st
from oiadraft.interview.actions import Command, action
from oiadraft.interview.words import quote_user

if TYPE_CHECKING:
    from oiadraft.interview.engine import Turn


def command(turn: Turn, cmd: Command) -> None:
    try:
        spec = action(cmd.action)
    except KeyError:
        turn.problem("not_understood", command=cmd.action)
        return
    if spec.screen:
        turn.screen = spec.screen
        if spec.id == "help":
            step = turn.iv.shown(turn.iv.current_step(turn.draft, turn.state), turn.draft)
            from oiadraft.interview.engine import Message

            turn.messages.append(Message(turn.iv.message_text(step.help, turn.draft)))
        return
    handler = HANDLERS.get(cmd.action)
    if handler is None:
        turn.problem("not_understood", command=cmd.action)
        return
    handler(turn, cmd)


def answer(turn: Turn, text: str) -> None:
    """Words typed in answer to the question being asked."""
    pending = turn.state.pending
    step = turn.iv.current_step(turn.draft, turn.state)
    if pasted.hold(turn, step, text):  # a request, or a paste too long for this question
        return
    if pending is not None:
        PENDING[pending.kind](turn, pending, text)
        return
    if not text.strip() and step.id == turn.state.editing and step.id in turn.state.answered \
            and step.kind not in ("multi", "parts"):
        turn.state = turn.state.answer(step.id)  # Enter keeps the answer given before
        return
    STEPS[step.kind](turn, step, text)


# ---- moving around ---------------------------------------------------------------------------


def undo(turn: Turn, cmd: Command) -> None:
    _travel(turn, back=True)


def redo(turn: Turn, cmd: Command) -> None:
    _travel(turn, back=False)


def _travel(turn: Turn, back: bool) -> None:
    """Take back the last change (undo) or make the last undone one again (redo). The
    question being asked stays the same: the next words typed answer it."""
    history = turn.iv.histories.of(turn.draft)
    entry = history.undo() if back else history.redo()
    turn.recorded = True
    if entry is None:
        turn.problem(history.why_no_undo() if back else "nothing_to_redo",
                     limit=hist.LIMIT)
        return
    source, target = (entry.after, entry.before) if back else (entry.before, entry.after)
    turn.state = hist.apply(turn.draft, source, target, turn.state,
                            hist.take(turn.draft, turn.state))
    turn.say("undone" if back else "redone", change=entry.label)
    turn.reask = True  # the same question: say it again, so the next words answer it


def back(turn: Turn, cmd: Command) -> None:
    if turn.state.pending is not None:
        cancel(turn, cmd)
        return
    iv, draft = turn.iv, turn.draft
    current = iv.current_step(draft, turn.state)
    order = [step for step in iv.script.steps if iv.applies(step, draft)]
    index = next((i for i, step in enumerate(order) if step.id == current.id), len(order))
    for step in reversed(order[:index]):
        if step.id in turn.state.answered or step.kind == "parts":
            turn.state = replace(turn.state, editing=step.id)
            return
    turn.problem("back_at_start")


def cancel(turn: Turn, cmd: Command) -> None:
    """Escape: drop the follow-up question (the part stays as it was), or stop changing an
    earlier answer."""
    pending = turn.state.pending
    if pending is None:
        if turn.state.editing:
            editing = turn.state.editing
            turn.state = replace(turn.state, editing=None)
            if editing in turn.state.answered:
                turn.say("change_cancelled", label=turn.iv.script.step(editing).label)
            turn.reask = True
            return
        turn.problem("nothing_to_cancel")
        return
    if isinstance(pending, st.PriorityParts):
        # No parts chosen to come first: the clause that would name them comes out (left
        # in, the letter would ask for "[which parts first]").
        steps.drop_priority(turn)
        return
    turn.state = replace(turn.state, pending=None)
    part = turn.part(getattr(pending, "part", None))
    if isinstance(pending, st.EditPart | st.Fill) and part is not None:
        turn.say("cancelled", number=turn.number(part))
    turn.reask = True


def skip(turn: Turn, cmd: Command) -> None:
    pending = turn.state.pending
    if isinstance(pending, st.PartPeriod):
        parts.skip_part_period(turn, pending)
        return
    if isinstance(pending, st.EditPart | st.Fill | st.Ticks):
        cancel(turn, cmd)
        return
    if isinstance(pending, st.PriorityParts):
        steps.drop_priority(turn)
        return
    if pending is not None:
        turn.state = replace(turn.state, pending=None)
    step = turn.iv.current_step(turn.draft, turn.state)
    if step.kind == "parts" and turn.draft.parts:
        parts.finish(turn)  # no more parts to describe: the same as done
        return
    steps.skip_step(turn, step)


def done(turn: Turn, cmd: Command) -> None:
    pending = turn.state.pending
    step = turn.iv.current_step(turn.draft, turn.state)
    if isinstance(pending, st.PartPeriod):
        parts.skip_part_period(turn, pending, finishing=True)
        parts.finish(turn)
    elif isinstance(pending, st.EditPart):
        part = turn.part(pending.part)
        turn.problem("edit_first", number=turn.number(part) if part is not None else 1)
    elif isinstance(pending, st.Fill):
        part = turn.part(pending.part)
        turn.problem("fill_first", name=quote_user(pending.remaining[0]),
                     number=turn.number(part) if part is not None else 1)
    elif isinstance(pending, st.Ticks):
        steps.commit_ticks(turn, turn.iv.script.step(pending.step), list(pending.selected))
    elif pending is None and step.kind == "parts":
        parts.finish(turn)
    elif pending is None and step.kind == "multi":
        steps.answer_multi(turn, step, "")
    elif pending is None and step.kind == "period":
        steps.skip_step(turn, step)
    else:
        turn.problem("not_now", command="done")


def change(turn: Turn, cmd: Command) -> None:
    step = turn.iv.script.step_named(cmd.what or "")
    if step is None or not turn.iv.applies(step, turn.draft) or step.kind == "review":
        turn.problem("not_now", command=f"change {cmd.what or ''}".strip())
        return
    turn.state = replace(turn.state, editing=step.id, pending=None)
    turn.reask = True


def add_part(turn: Turn, cmd: Command) -> None:
    turn.state = replace(turn.state, editing="parts", pending=None)
    turn.reask = True


HANDLERS: dict[str, Callable[[Turn, Command], None]] = {
    "undo": undo, "redo": redo, "back": back, "cancel": cancel, "skip": skip, "done": done,
    "change": change, "add_part": add_part,
    "accept": parts.accept, "accept_part": parts.accept_part, "keep": parts.keep,
    "keep_part": parts.keep_part, "split": parts.split, "split_part": parts.split_part,
    "edit_part": parts.edit, "delete_part": parts.delete, "move_part": parts.move,
}
STEPS: dict[str, Callable[[Turn, object, str], None]] = {
    "agency": steps.answer_agency, "choice": steps.answer_choice, "text": steps.answer_text,
    "period": steps.answer_period, "yesno": steps.answer_yesno, "multi": steps.answer_multi,
    "review": steps.answer_review, "parts": parts.answer,
}
PENDING: dict[str, Callable[[Turn, object, str], None]] = {
    "agency_pick": steps.answer_agency_pick, "period_confirm": steps.answer_period_confirm,
    "multi": steps.answer_ticks, "priority": steps.answer_priority,
    "part_period": parts.answer_part_period, "fill": parts.answer_fill,
    "edit_part": parts.answer_edit,
}
