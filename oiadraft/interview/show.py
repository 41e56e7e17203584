"""What the chat shows now: the question being asked, the actions that apply, and the live
check of the words being typed. Pure functions of the interview, the draft and its state.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from oiadraft.interview import state as st
from oiadraft.interview.actions import parse_command
from oiadraft.interview.script import Choice, Step
from oiadraft.interview.words import number, period_length, period_phrase, quote_user
from oiadraft.model import Draft, Part

if TYPE_CHECKING:
    from oiadraft.interview.engine import Interview, View

LARGE_PASTE = 20_000
"""Longer text is a paste to split, never checked as one part while it is typed."""
DETAILED_PARTS = 20
"""Up to this many parts are listed one by one in summaries; more get an overview."""
ALWAYS = ("help", "copy", "save", "review", "library", "deadline", "mark_sent", "show_letter",
          "new", "open", "palette", "quit")
"""Actions that apply in every state (they open something; they change nothing)."""
PENDING_KIND = {"agency_pick": "choice", "period_confirm": "confirm", "part_period": "period",
                "fill": "fill", "edit_part": "edit", "multi": "multi", "priority": "numbers"}


@lru_cache(maxsize=1024)
def split_of(text: str) -> tuple[str, str] | None:
    """F4's two parts for a part's words (cached: asked on every view)."""
    from oiadraft.scope import split_dates_then_copies

    return split_dates_then_copies(text)


def visible_findings(assessment: Any) -> list[Any]:
    """The findings the chat lists and numbers (what `accept 2` counts)."""
    return [f for f in assessment.findings if f.severity != "info" or f.suggestion]


# ---- the question ------------------------------------------------------------------------


def choices(iv: Interview, step: Step, draft: Draft) -> tuple[Choice, ...]:
    if step.kind == "multi":
        return tuple(
            Choice(value=clause.id, label=clause.title, hint=getattr(clause, "notes", ""),
                   default=bool(getattr(clause, "default", False)))
            for clause in iv.tickable_clauses(draft, step.clause_kinds)
        )
    if step.choices_from == "regions":
        from oiadraft.deadline import regions

        return tuple(Choice(value=key, label=f"{region.name} ({region.rule})")
                     for key, region in regions().items())
    if step.choices_from == "acts":
        from oiadraft.interview.fields import act_choices

        return tuple(Choice(value=key, label=label, default=index == 0)
                     for index, (key, label) in enumerate(act_choices()))
    return step.choices


def selection(iv: Interview, step: Step, draft: Draft, state: st.Conversation) -> list[str]:
    pending = state.pending
    if isinstance(pending, st.Ticks) and pending.step == step.id:
        return list(pending.selected)
    offered = choices(iv, step, draft)
    if step.id in state.answered:
        return [c.value for c in offered if c.value in draft.clauses]
    return [c.value for c in offered if c.default or c.value in draft.clauses]


def numbered(items: Any) -> str:
    return "\n".join(f"{i}. {quote_user(c.label, 200)}" for i, c in enumerate(items, 1))


def checklist(items: Any, selected: Any) -> str:
    chosen = set(selected)
    return "\n".join(f"{i}. {'☑' if c.value in chosen else '☐'} {quote_user(c.label, 200)}"
                     for i, c in enumerate(items, 1))


def agency_options(iv: Interview, pending: st.AgencyPick) -> list[str]:
    """The numbered options of "did you mean": directory entries, then the name as typed."""
    from oiadraft.interview.words import act_values

    lines = []
    for agency_id in pending.candidates:
        agency = iv.directory.get(agency_id)
        if agency is not None:
            short = act_values(agency.act)["act_short"] if agency.is_subject else \
                "not under either Act"
            lines.append(f"{quote_user(agency.display_name, 200)} ({short})")
    return lines


def question(iv: Interview, draft: Draft, state: st.Conversation) -> str:
    """What the assistant is asking now, as Markdown."""
    pending = state.pending
    if pending is not None:
        asked = _pending_question(iv, draft, state, pending)
        if asked is not None:
            return asked
    step = iv.current_step(draft, state)
    text = step.ask
    values: dict[str, Any] = {}
    if step.kind == "review":
        values["summary"] = summary(iv, draft)
        # a part the example command can name: "edit part 2" of a one-part letter is refused
        values["part"] = number(min(2, max(1, len(draft.parts))))
    if step.kind == "choice":
        text += "\n\n" + numbered(choices(iv, step, draft))
    elif step.kind == "multi":
        text += "\n\n" + checklist(choices(iv, step, draft), selection(iv, step, draft, state))
    elif step.kind == "parts" and draft.parts:
        return iv.message("parts_next", draft)
    elif step.default_from == "saved_name" and iv.default_name(draft) and \
            step.id not in state.answered:
        text += "\n\n" + iv.script.messages["name_default"]
        values["name"] = quote_user(iv.default_name(draft))
    if step.id == state.editing and step.id in state.answered and step.kind not in (
            "multi", "parts", "review"):
        from oiadraft.interview.fields import current_value

        now = current_value(draft, step.sets)
        if now:
            text += "\n\n" + iv.script.messages["keep_current"]
            values["current"] = quote_user(now, 300)
    return iv.message_text(text, draft, **values)


def _pending_question(iv: Interview, draft: Draft, state: st.Conversation,
                      pending: st.Pending) -> str | None:
    if isinstance(pending, st.AgencyPick):
        options = agency_options(iv, pending)
        typed = quote_user(pending.query)
        listing = "\n".join(f"{i}. {line}" for i, line in enumerate(options, 1))
        as_typed = f"{len(options) + 1}. " + iv.message("agency_as_typed", draft, query=typed)
        if not options:
            return iv.message("agency_not_found_none", draft, query=typed)
        key = "agency_confirm" if len(options) == 1 else "agency_ambiguous"
        first = iv.directory.get(pending.candidates[0])
        return iv.message(key, draft, query=typed, choices=listing + "\n" + as_typed,
                          name=quote_user(first.display_name, 200), other=len(options) + 1)
    if isinstance(pending, st.PeriodConfirm):
        if pending.period.is_open:
            return iv.message("period_open", draft, period=period_phrase(pending.period))
        return iv.message("period_echo", draft, period=period_phrase(pending.period),
                          length=period_length(pending.period, iv.today))
    if isinstance(pending, st.PartPeriod | st.EditPart | st.Fill):
        from oiadraft.interview.engine import position

        part = iv.part_by_id(draft, pending.part)
        if part is None:
            return None
        at = number(position(draft, part) + 1)
        if isinstance(pending, st.PartPeriod):
            return iv.message("part_period_question", draft, number=at)
        if isinstance(pending, st.EditPart):
            return iv.message("part_edit_question", draft, number=at)
        return iv.message("fill_question", draft, name=quote_user(pending.remaining[0]),
                          number=at)
    if isinstance(pending, st.Ticks):
        # the ticks as the requester has left them: the question's "I've ticked the usual
        # choices" is no longer what the list shows
        step = iv.script.step(pending.step)
        return iv.message("ticks_again", draft) + "\n\n" + checklist(
            choices(iv, step, draft), pending.selected)
    if isinstance(pending, st.PriorityParts):
        return iv.message("priority_question", draft, count=number(len(draft.parts)))
    return None


def summary(iv: Interview, draft: Draft) -> str:
    """Review summary: each part's label (an overview for many), and the due date."""
    lines = []
    statuses = [iv.status(draft, part) for part in draft.parts]
    if len(statuses) <= DETAILED_PARTS:
        for at, status in enumerate(statuses, 1):
            lines.append(iv.message("summary_part", draft, number=number(at),
                                    status=iv.script.messages[f"label_{status}"]))
    else:
        counts = {key: statuses.count(key) for key in ("high", "medium", "low", "kept")}
        lines.append(iv.message("summary_overview", draft,
                                **{key: number(value) for key, value in counts.items()}))
    deadline = deadline_line(iv, draft)
    if deadline:
        lines += ["", deadline]
    return "\n".join(lines)


def deadline_line(iv: Interview, draft: Draft) -> str:
    from oiadraft.deadline import compute
    from oiadraft.errors import UserError
    from oiadraft.periods import format_date

    try:
        result = compute(iv.today, act=draft.act, region=draft.region)
    except (UserError, ValueError):
        return ""
    line = iv.message("deadline_line", draft, due=format_date(result.due, weekday=True))
    transfer, clarify = result.transfer_due, result.clarification_cutoff
    key = ("deadline_transfer_and_clarify" if transfer and clarify else
           "deadline_transfer" if transfer else "deadline_clarify" if clarify else None)
    if key is None:
        return line
    more = iv.message(key, draft, transfer=format_date(transfer) if transfer else "",
                      clarify=format_date(clarify) if clarify else "")
    return f"{line.rstrip()} {more}"


# ---- the view ----------------------------------------------------------------------------


def build_view(iv: Interview, draft: Draft, state: st.Conversation) -> View:
    from oiadraft.interview.engine import View, position

    step = iv.shown(iv.current_step(draft, state), draft)
    pending = state.pending
    kind = PENDING_KIND.get(pending.kind, step.kind) if pending is not None else step.kind
    part = iv.current_part(draft, state) if step.kind in ("parts", "review") or (
        isinstance(pending, st.EditPart | st.Fill | st.PartPeriod)) else None
    if isinstance(pending, st.EditPart | st.Fill | st.PartPeriod):
        part = iv.part_by_id(draft, pending.part) or part
    assessment = iv.assess(draft, part) if part is not None else None
    offered: tuple[Choice, ...] = ()
    selected: tuple[str, ...] = ()
    if isinstance(pending, st.Ticks):
        ticks_step = iv.script.step(pending.step)
        offered, selected = choices(iv, ticks_step, draft), pending.selected
    elif pending is None and step.kind in ("choice", "multi"):
        offered = choices(iv, step, draft)
        if step.kind == "multi":
            selected = tuple(selection(iv, step, draft, state))
    elif isinstance(pending, st.AgencyPick):
        labels = [*agency_options(iv, pending), "as typed"]
        values = [*pending.candidates, ""]
        offered = tuple(Choice(value=v, label=label) for v, label in zip(values, labels,
                                                                         strict=True))
    return View(
        step_id=step.id,
        kind=kind,
        question=question(iv, draft, state),
        placeholder=_placeholder(step, kind, len(draft.parts)),
        prefill=part.text if isinstance(pending, st.EditPart) and part is not None else None,
        current_part=part,
        current_number=position(draft, part) + 1 if part is not None else None,
        assessment=assessment,
        status=iv.status(draft, part) if part is not None else None,
        actions=actions(iv, draft, state, step, part, assessment),
        choices=offered,
        selected=selected,
        pending=pending.kind if pending is not None else None,
        help=iv.message_text(step.help, draft) if step.help else "",
        optional=step.optional,
    )


_PLACEHOLDERS = {"choice": "type a number", "multi": "numbers to tick or untick, or Enter to keep",
                 "yesno": "yes or no", "confirm": "Enter if right, or type it again",
                 "review": "edit part {part}, add part, back …", "period": "e.g. since 1 October 2020",
                 "edit": "the part's new words; Escape leaves it as it was",
                 "fill": "the words to use", "numbers": "part numbers, like 1 3"}


def _placeholder(step: Step, kind: str, parts: int) -> str:
    if kind == step.kind and step.placeholder:
        return step.placeholder
    # the example names a part the letter has: the second, or the only one
    return _PLACEHOLDERS.get(kind, "type here; Enter sends").replace(
        "{part}", str(min(2, max(parts, 1))))


REFUSED_ON_PART = {"accept": "nothing_to_accept", "keep": "nothing_to_keep",
                   "split": "nothing_to_split"}
"""What the chat says when F2, F3 or F4 has nothing to do on a part."""


def part_actions(part: Part, assessment: Any) -> set[str]:
    """Which of accept (a rewording to put in), keep (warnings to stop) and split (copies of
    records) a part offers: its F2, F3 and F4."""
    found = visible_findings(assessment)
    offered = set()
    if any(f.replacement is not None for f in found):
        offered.add("accept")
    if any(f.warns for f in found):
        offered.add("keep")
    if split_of(part.text) is not None:
        offered.add("split")
    return offered


def refused_on_part(iv: Interview, draft: Draft, part: Part, action: str) -> str | None:
    """What the chat would answer to `action` (accept, keep, split) on `part` when the part
    offers nothing for it; None when it does."""
    key = REFUSED_ON_PART.get(action)
    assessment = iv.assess(draft, part)
    if key is None or action in part_actions(part, assessment):
        return None
    if action == "accept" and visible_findings(assessment):
        key = "nothing_to_accept_advice"
    from oiadraft.interview.engine import position

    return iv.message(key, draft, number=number(position(draft, part) + 1))


def actions(iv: Interview, draft: Draft, state: st.Conversation, step: Step,
            part: Part | None, assessment: Any) -> tuple[str, ...]:
    """The ids of the actions that apply now."""
    allowed = set(ALWAYS)
    history = iv.histories.of(draft)
    pending = state.pending
    if history.done:
        allowed.add("undo")
    if history.undone:
        allowed.add("redo")
    if pending is not None or state.answered:
        allowed.add("back")
    if pending is not None or state.editing:
        allowed.add("cancel")
    if step.optional or isinstance(pending, st.PartPeriod | st.Fill | st.EditPart | st.Ticks
                                   | st.PriorityParts):
        allowed.add("skip")
    if state.answered:
        allowed.add("change")
    if (step.kind == "parts" and draft.parts and (pending is None
                                                  or isinstance(pending, st.PartPeriod))) \
            or step.kind == "multi" or isinstance(pending, st.Ticks):
        allowed.add("done")
    if draft.parts:
        allowed.update(("edit_part", "delete_part", "accept_part", "keep_part", "split_part"))
        if len(draft.parts) > 1:
            allowed.add("move_part")
        if step.kind != "parts":
            allowed.add("add_part")
    on_part = step.kind in ("parts", "review") and part is not None and not isinstance(
        pending, st.EditPart | st.Fill)
    if on_part and assessment is not None:
        allowed.update(part_actions(part, assessment))
    if isinstance(pending, st.EditPart | st.Fill):
        allowed -= {"edit_part", "accept_part", "keep_part", "split_part"}
    from oiadraft.interview.actions import load_actions

    return tuple(spec.id for spec in load_actions() if spec.id in allowed)


# ---- the live check ----------------------------------------------------------------------


def split_paste(text: str) -> Any:
    """The request `text` split into parts when it may hold several (lines, or a long
    paragraph); None for a one-line part. Two or more parts are added as separate parts."""
    stripped = text.strip()
    if "\n" not in stripped and len(stripped) <= 400:
        return None
    from oiadraft.letter.splitter import split_request

    return split_request(text)


def preview(iv: Interview, draft: Draft, state: st.Conversation, text: str) -> Any:
    words = text.strip()
    if not words or len(text) > LARGE_PASTE or parse_command(text) is not None:
        return None
    pending = state.pending
    if isinstance(pending, st.Fill):
        return _fill_preview(iv, draft, pending, words)
    if isinstance(pending, st.EditPart):
        part = iv.part_by_id(draft, pending.part)
        if part is None or iv.script.is_remark(words):
            return None  # Enter leaves the part as it was
        return iv.assess(draft, Part(text=words, period=part.period, id=part.id,
                                     period_from=part.period_from))
    if pending is not None or iv.current_step(draft, state).kind != "parts":
        return None
    split = split_paste(text)
    if split is not None and len(split.parts) >= 2:
        return None  # a pasted request: Enter splits it and checks each part
    if split is not None and split.parts:
        from oiadraft.letter.splitter import clean_part_text

        # what Enter adds: the words that ask, without greeting, sign-off or background
        words = clean_part_text(split.parts[0].text)
    if _refused_as_words(iv, text.strip()) or _refused_as_words(iv, words):
        return None
    return iv.assess(draft, Part(text=words))


def _refused_as_words(iv: Interview, words: str) -> bool:
    """Words Enter would not take as a new part's ("ok thanks", "hmm", "yes"): rating them
    as they are typed would promise a part that is then refused."""
    from oiadraft.interview.script import remark_key
    from oiadraft.interview.steps import NO, YES

    return iv.script.is_remark(words) or remark_key(words) in YES | NO


def _fill_preview(iv: Interview, draft: Draft, pending: st.Fill, words: str) -> Any:
    from oiadraft.scope import apply_suggestion

    part = iv.part_by_id(draft, pending.part)
    if part is None:
        return None
    finding = find_finding(iv, draft, part, pending.rule, pending.span)
    if finding is None:
        return None
    fills = dict(pending.fills)
    fills[pending.remaining[0]] = words
    for name in pending.remaining[1:]:
        fills[name] = f"<{name}>"
    try:
        text = apply_suggestion(part.text, finding, fills)
    except (ValueError, KeyError):
        return None
    return iv.assess(draft, Part(text=text, period=part.period, id=part.id,
                                 acknowledged=list(part.acknowledged),
                                 period_from=part.period_from))


def find_finding(iv: Interview, draft: Draft, part: Part, rule: str,
                 span: tuple[int, int]) -> Any:
    return next((f for f in iv.assess(draft, part).findings
                 if f.rule == rule and tuple(f.span) == tuple(span)), None)
