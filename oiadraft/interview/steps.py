"""Answers to the script's questions (everything but the parts): who the request goes to,
choices, text, the period, yes/no, tick lists and which parts come first.

Each answer sets the Draft field its step declares (`fields.set_field`) and marks the step
answered; a bad answer says what to type instead and changes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from oiadraft.interview import state as st
from oiadraft.interview.fields import set_field
from oiadraft.interview.script import Choice, Step
from oiadraft.interview.show import choices, selection
from oiadraft.interview.words import number, parts_phrase, period_phrase, quote_user
from oiadraft.text import upper_first

if TYPE_CHECKING:
    from oiadraft.interview.engine import Turn

YES = frozenset({"y", "yes", "yeah", "yep", "ae", "āe", "true", "ok", "okay", "right", "correct",
                 "sure", "that's right", "thats right"})
NO = frozenset({"n", "no", "nope", "nah", "false", "kao"})
NO_PERIOD = frozenset({"none", "no period"})
KEEP_TICKS = frozenset({"", "ok", "okay", "yes", "y", "fine", "keep"})
UNTICK_ALL = frozenset({"none", "nothing"})
_MINISTER = re.compile(r"\bminister\b|\bhon\.?\s", re.IGNORECASE)


def _word(text: str) -> str:
    return " ".join(text.lower().split()).rstrip(".!")


FIRST_ANSWERS_KEPT = frozenset({"agency", "choice", "text", "period", "yesno"})
"""Kinds of question whose first answer is not a change to undo: going on to the next
question is the conversation, and `back` or `change <what>` revisits it. Changing an answer
later, tick lists and everything done to parts are changes `undo` takes back."""


def answered(turn: Turn, step_id: str) -> None:
    state = turn.state
    step = turn.iv.script.step(step_id)
    if step_id not in state.answered and state.editing != step_id and \
            step.kind in FIRST_ANSWERS_KEPT:
        turn.recorded = True
    turn.state = state.answer(step_id)


# ---- the recipient ---------------------------------------------------------------------------


def answer_agency(turn: Turn, step: Step, text: str) -> None:
    query = " ".join(text.split())
    if not query:
        turn.problem("agency_empty")
        return
    use = re.match(r"^use\s+(.+)$", query, re.IGNORECASE)
    if use:
        set_as_typed(turn, use.group(1).strip())
        return
    from oiadraft.letter.splitter import addressee

    # a letter's greeting typed as the answer ("Dear Ministry of Education,"): the name in it
    query = addressee(query) or query
    resolution = turn.iv.directory.resolve(query)
    if resolution.status == "found":
        set_agency(turn, resolution.agency)
        return
    candidates = tuple(match.agency.id for match in resolution.candidates[:5])
    turn.state = replace(turn.state, pending=st.AgencyPick(query=query, candidates=candidates))


def answer_agency_pick(turn: Turn, pending: st.AgencyPick, text: str) -> None:
    word = _word(text)
    count = len(pending.candidates)
    if word.isdecimal() and 1 <= int(word) <= count + 1:
        index = int(word) - 1
    elif word in YES and count == 1:
        index = 0
    elif word in NO or word in {"as typed", "write to it", "as i typed it"}:
        index = count
    elif not word:
        turn.problem("choose_number", count=count + 1)
        return
    else:  # another name
        turn.state = replace(turn.state, pending=None)
        answer_agency(turn, turn.iv.script.step("agency"), text)
        return
    turn.state = replace(turn.state, pending=None)
    if index == count:
        set_as_typed(turn, pending.query)
        return
    agency = turn.iv.directory.get(pending.candidates[index])
    if agency is None:
        turn.problem("agency_empty")
        return
    set_agency(turn, agency)


def set_agency(turn: Turn, agency: Any) -> None:
    draft = turn.draft
    if not agency.is_subject:
        turn.problem("agency_not_subject", name=quote_user(agency.name),
                     note=quote_user(agency.note or "", 600))
        return
    draft.agency = agency.name
    draft.agency_id = agency.id
    draft.agency_kind = agency.kind
    draft.act = agency.act
    draft.region = agency.region or None
    answered(turn, "agency")
    region_note = ""
    if agency.region:
        from oiadraft.deadline import regions

        region = regions().get(agency.region)
        if region is not None:
            region_note = " " + turn.text("agency_region", region=region.name,
                                          rule=region.rule)
        if agency.region_note:
            region_note += f" ({quote_user(agency.region_note, 300)})"
    turn.say("agency_found", name=quote_user(agency.display_name, 200),
             region_note=region_note)
    if agency.kind == "minister":
        turn.say("agency_minister")


def set_as_typed(turn: Turn, name: str) -> None:
    """Write to a body by the name typed; its Act (and region) are asked next."""
    draft = turn.draft
    draft.agency = name
    draft.agency_id = None
    draft.region = None
    draft.agency_kind = "minister" if _MINISTER.search(name) else "organisation"
    turn.state = turn.state.unanswer("act").unanswer("region")
    answered(turn, "agency")
    turn.say("agency_free", name=quote_user(name, 200))


# ---- choices, text, yes/no -------------------------------------------------------------------


def pick(options: Sequence[Choice], text: str) -> str | None:
    """A choice by number, by value or by a unique label prefix."""
    word = _word(text)
    if not word:
        return None
    if word.isdecimal() and 1 <= int(word) <= len(options):
        return options[int(word) - 1].value
    for choice in options:
        if word == choice.value.lower():
            return choice.value
    starts = [c.value for c in options if c.label.lower().startswith(word)]
    return starts[0] if len(starts) == 1 else None


def answer_choice(turn: Turn, step: Step, text: str) -> None:
    options = choices(turn.iv, step, turn.draft)
    value = pick(options, text)
    if value is None and not text.strip():
        value = next((c.value for c in options if c.default), None)
    if value is None:
        turn.problem("choose_number", count=len(options))
        return
    set_field(turn.draft, step.sets, value)
    answered(turn, step.id)
    label = next(c.label for c in options if c.value == value)
    turn.say("choice_set", choice=quote_user(label, 200))


def answer_text(turn: Turn, step: Step, text: str) -> None:
    value = " ".join(text.split())
    if not value and step.default_from == "saved_name":
        value = turn.iv.default_name(turn.draft)
    if not value:
        if step.optional:
            skip_step(turn, step)
        else:
            turn.problem("needs_answer")
        return
    if step.min_words and len(re.findall(r"[\w'’-]+", value)) < step.min_words:
        turn.messages.append(_problem(turn, step.min_words_message))
        return
    set_field(turn.draft, step.sets, value)
    answered(turn, step.id)
    said = (step.said or {}).get("set")
    if said:
        turn.say(said, value=quote_user(value, 200))


def _problem(turn: Turn, template: str) -> Any:
    from oiadraft.interview.engine import Message

    return Message(turn.iv.message_text(template or "", turn.draft), "problem")


def answer_yesno(turn: Turn, step: Step, text: str) -> None:
    word = _word(text) or (step.default or "")
    if word not in YES and word not in NO:
        turn.problem("yes_or_no")
        return
    value = word in YES
    set_field(turn.draft, step.sets, value)
    answered(turn, step.id)
    said = (step.said or {}).get("yes" if value else "no")
    if said:
        turn.say(said)


def skip_step(turn: Turn, step: Step) -> None:
    if not step.optional:
        turn.problem("skip_not_allowed")
        return
    set_field(turn.draft, step.sets, "" if step.sets == "requester.name" else None)
    answered(turn, step.id)
    from oiadraft.interview.parts import take_earlier_period, without_period

    taken = []
    if step.sets == "period":
        # a part saying "in that period" was the request's; now it is the earlier part's,
        # as an agency reads the letter (said after the period's own line)
        start = len(turn.messages)
        for part in turn.draft.parts:
            take_earlier_period(turn, part)
        taken, turn.messages[start:] = turn.messages[start:], []
    if step.sets == "period" and (bare := without_period(turn)):
        # parts added under the request's period have none of their own now
        turn.say("period_skipped_parts", parts=upper_first(parts_phrase(bare)),
                 has_have="has" if len(bare) == 1 else "have",
                 edit=f"type `edit part {number(bare[0])}`")
    else:
        turn.say((step.said or {}).get("blank") or "step_skipped")
    turn.messages.extend(taken)


def answer_review(turn: Turn, step: Step, text: str) -> None:
    if not text.strip():
        turn.screen = "letter"
        return
    turn.problem("review_commands")


# ---- the request-wide period -----------------------------------------------------------------


def read_period(turn: Turn, text: str) -> Any:
    """The period the words give, or None after saying why they give none."""
    from oiadraft.periods import PeriodError, parse_period

    try:
        return parse_period(text, today=turn.iv.today)
    except PeriodError as error:
        problem = str(error)
        turn.problem("period_problem", problem=quote_user(upper_first(problem), 600))
        return None


def answer_period(turn: Turn, step: Step, text: str) -> None:
    if not text.strip() or _word(text) in NO | NO_PERIOD:
        skip_step(turn, step)
        return
    if _typed_ahead(turn, text):
        # a first part typed before this question was read: no overall period, and the
        # words are the part they were meant as, not a period that cannot be read
        set_field(turn.draft, step.sets, None)
        answered(turn, step.id)
        turn.say("period_passed_for_part")
        _answer_next(turn, text)
        return
    period = read_period(turn, text)
    if period is None:
        return
    turn.state = replace(turn.state, pending=st.PeriodConfirm(period=period, text=text.strip()))


def answer_period_confirm(turn: Turn, pending: st.PeriodConfirm, text: str) -> None:
    word = _word(text)
    turn.state = replace(turn.state, pending=None)
    if word in NO:
        turn.reask = True
        return
    typed_ahead = bool(word) and word not in YES and _typed_ahead(turn, text)
    if word in NO_PERIOD:
        skip_step(turn, turn.iv.script.step("period"))
        return
    if word and word not in YES and not typed_ahead:
        period = read_period(turn, text)
        # a period typed again waits for its own "right?"; words that are no period leave
        # the one shown waiting for it, not lost
        turn.state = replace(turn.state, pending=pending if period is None else
                             st.PeriodConfirm(period=period, text=text.strip()))
        turn.reask = period is None
        return
    set_field(turn.draft, "period", pending.period)
    answered(turn, "period")
    if typed_ahead:
        # the next answer typed before "right?" was read: the period stands, as shown
        turn.say("period_kept_for_part", period=period_phrase(pending.period))
        _answer_next(turn, text)


def _typed_ahead(turn: Turn, text: str) -> bool:
    """Words given at the period question (or its "right?") that are no period but ask for
    records: a first part, typed by someone who did not wait for the question."""
    from oiadraft.interview.parts import asks_for_records

    return "parts" not in turn.state.answered and asks_for_records(turn, text)


def _answer_next(turn: Turn, text: str) -> None:
    """Give `text` to the question now being asked when that is the parts question;
    otherwise put it back in the box, so it is not taken as the answer to something else."""
    from oiadraft.interview.parts import answer as answer_part

    if turn.iv.current_step(turn.draft, turn.state).kind == "parts":
        answer_part(turn, None, text)
    else:
        turn.refill = text


# ---- tick lists ------------------------------------------------------------------------------


def answer_multi(turn: Turn, step: Step, text: str) -> None:
    _ticks(turn, step, selection(turn.iv, step, turn.draft, turn.state), text)


def answer_ticks(turn: Turn, pending: st.Ticks, text: str) -> None:
    _ticks(turn, turn.iv.script.step(pending.step), list(pending.selected), text)


def _ticks(turn: Turn, step: Step, selected: list[str], text: str) -> None:
    options = choices(turn.iv, step, turn.draft)
    values = [c.value for c in options]
    word = _word(text)
    if word in KEEP_TICKS:
        commit_ticks(turn, step, selected)
        return
    if word in UNTICK_ALL:
        commit_ticks(turn, step, [])
        return
    if word in NO:
        # "no" to a tick list most likely means "no changes", or answers a yes/no question
        # that is not being asked: unticking everything (defaults too) on it would put in the
        # letter what the requester did not choose, so the ticks stay and nothing is committed
        turn.problem("ticks_no", word=quote_user(text.strip(), 40))
        return
    if word == "all":
        commit_ticks(turn, step, values)
        return
    numbers = re.findall(r"\d+", word)
    if not numbers or re.sub(r"\d+|[\s,;]|\band\b", "", word):
        turn.problem("ticks_help")
        return
    for raw in numbers:
        index = int(raw) - 1
        if not 0 <= index < len(values):
            turn.problem("no_such_option", number=raw, count=len(values))
            return
        value = values[index]
        if value in selected:
            selected.remove(value)
        else:
            selected.append(value)
    ordered = tuple(v for v in values if v in selected)
    turn.state = replace(turn.state, pending=st.Ticks(step=step.id, selected=ordered))
    turn.reask = True


def commit_ticks(turn: Turn, step: Step, selected: list[str]) -> None:
    draft = turn.draft
    options = choices(turn.iv, step, draft)
    if step.id not in turn.state.answered and turn.state.editing != step.id:
        # A first tick list: the ticks it offered are the conversation going on, and only
        # what the requester toggled is a change for `undo`.
        from oiadraft.interview import history as hist

        offered_state = replace(turn.state, pending=None)
        _choose(draft, options, selection(turn.iv, step, draft, offered_state))
        _add_closing_defaults(turn)
        turn.baseline = hist.take(draft, turn.state.answer(step.id))
    chosen = _choose(draft, options, selected)
    _add_closing_defaults(turn)
    answered(turn, step.id)
    # each title in quotes: "Searchable text, not scanned images" is one choice, not two
    titles = [f"“{quote_user(c.label, 200)}”" for c in options if c.value in chosen]
    if titles:
        from oiadraft.text import join_and

        turn.say("multi_done", chosen=join_and(titles))
    else:
        turn.say("multi_none")
    if any(_is_priority_clause(turn, clause_id) for clause_id in chosen):
        _ask_priority(turn, step)


def _choose(draft: Any, options: Sequence[Choice], selected: Sequence[str]) -> list[str]:
    """Tick exactly `selected` of the clauses offered (others stay as they are); returns
    the ticked ones in the order offered."""
    offered = [c.value for c in options]
    chosen = [v for v in offered if v in selected]
    newly = [v for v in chosen if v not in draft.clauses]
    draft.clauses = [c for c in draft.clauses if c not in offered or c in chosen]
    draft.clauses.extend(newly)
    return chosen


def _add_closing_defaults(turn: Turn) -> None:
    """Closing clauses (thanks, contact) are on by default and not asked about."""
    if turn.state.closing_added:
        return
    draft = turn.draft
    for clause in turn.iv.library.clauses():
        if (clause.kind == "closing" and clause.default and draft.act in clause.acts
                and clause.id not in draft.clauses):
            draft.clauses.append(clause.id)
    turn.state = replace(turn.state, closing_added=True)


# ---- which parts come first ------------------------------------------------------------------

PRIORITY_PLACEHOLDER = "{priority_parts}"


def _is_priority_clause(turn: Turn, clause_id: str) -> bool:
    """A clause that names the parts to deal with first (its body uses {priority_parts})."""
    clause = turn.iv.library.find(clause_id)
    body = turn.draft.clause_edits.get(clause_id) or (clause.body if clause else "")
    return PRIORITY_PLACEHOLDER in body


def _ask_priority(turn: Turn, step: Step) -> None:
    draft = turn.draft
    known = {part.id for part in draft.parts}
    draft.priority = [part_id for part_id in draft.priority if part_id in known]
    if draft.priority or not draft.parts:
        return
    if len(draft.parts) == 1:
        draft.priority = [draft.parts[0].id]
        turn.say("priority_set", parts=parts_phrase([1]))
        return
    turn.state = replace(turn.state, pending=st.PriorityParts(step=step.id))


def answer_priority(turn: Turn, pending: st.PriorityParts, text: str) -> None:
    draft = turn.draft
    word = _word(text)
    if word in NO or word in {"none", "skip"}:
        drop_priority(turn)
        return
    numbers = [int(n) for n in re.findall(r"\d[\d,]*", word.replace(",", " "))]
    if not numbers or re.sub(r"\d+|[\s,;]|\band\b|\bparts?\b", "", word):
        turn.problem("priority_help")
        return
    bad = [n for n in numbers if not 1 <= n <= len(draft.parts)]
    if bad:
        turn.problem("no_such_part" if len(draft.parts) > 1 else "only_part",
                     number=number(bad[0]), count=number(len(draft.parts)))
        return
    chosen = sorted(set(numbers))
    draft.priority = [draft.parts[n - 1].id for n in chosen]
    turn.state = replace(turn.state, pending=None)
    turn.amend = True  # one change with ticking the clause that asked
    turn.say("priority_set", parts=parts_phrase(chosen))


def drop_priority(turn: Turn) -> None:
    """No parts first after all: the priority clause comes out of the letter."""
    draft = turn.draft
    turn.amend = isinstance(turn.state.pending, st.PriorityParts)
    draft.clauses = [c for c in draft.clauses if not _is_priority_clause(turn, c)]
    draft.priority = []
    turn.state = replace(turn.state, pending=None)
    turn.say("priority_dropped")
