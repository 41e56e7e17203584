"""The interview: what the chat screen shows (`view`) and what a turn does (`respond`, `act`).

`Interview` is stateless towards drafts apart from each draft's undo history: everything the
conversation needs is in the draft (its fields, and its typed conversation state). A turn loads
the state, runs one command or answer (the `turns` module), records the change for undo, saves
the state back into the draft, and returns a `Reply` with the messages, the new `View` and
whether the draft changed. `respond` and `act` change the draft in place and never raise on
what the requester typed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from typing import Any

from oiadraft import clock
from oiadraft.interview import history as hist
from oiadraft.interview import state as st
from oiadraft.interview.actions import Command, load_actions, parse_command
from oiadraft.interview.script import Choice, Script, Step, builtin_script
from oiadraft.interview.words import say
from oiadraft.model import Draft, Part
from oiadraft.text import strip_controls

MESSAGE_KINDS = ("assistant", "summary", "problem")


@dataclass(frozen=True)
class Message:
    """One thing the assistant says. `text` is Markdown; the requester's words in it are
    already escaped. "summary" stands for what the requester sent (a long paste), shown in
    place of it; "problem" says why an answer was not taken."""

    text: str
    kind: str = "assistant"


@dataclass(frozen=True)
class View:
    """Everything the chat screen shows now."""

    step_id: str
    kind: str
    """agency | choice | text | period | parts | multi | yesno | review, or for a follow-up
    question: confirm (a period read back), edit (a part's words in the box), fill (a blank
    of a suggestion), numbers (which parts come first)."""
    question: str
    """What the assistant is asking now (Markdown, like Message.text)."""
    placeholder: str = ""
    prefill: str | None = None
    """Text to put in the input, cursor at the end (`edit part 3`); None: leave the input."""
    current_part: Part | None = None
    current_number: int | None = None
    assessment: Any = None
    """The scope assessment of the current part, or None."""
    status: str | None = None
    """The current part's label: "low", "medium", "high" (risk) or "kept" (kept as written)."""
    actions: tuple[str, ...] = ()
    """Ids of the actions that apply now (prompts/actions.yaml): show only these keys."""
    choices: tuple[Choice, ...] = ()
    selected: tuple[str, ...] = ()
    pending: str | None = None
    """The kind of follow-up question in progress (agency_pick, period_confirm, part_period,
    fill, edit_part, multi, priority), or None."""
    help: str = ""
    optional: bool = False


@dataclass(frozen=True)
class Reply:
    """The result of one turn."""

    messages: tuple[Message, ...]
    view: View
    changed: bool
    """The draft changed (autosave it, refresh the letter)."""
    screen: str | None = None
    """Something for the screen to open: letter, review, help, copy, save, library, ..."""


@dataclass
class Turn:
    """One turn in progress: the draft, its state, and what the assistant will say."""

    iv: Interview
    draft: Draft
    state: st.Conversation
    messages: list[Message] = field(default_factory=list)
    screen: str | None = None
    label: str | None = None
    """What the change is called, for undo ("the edit to part 3")."""
    prompted: bool = False
    """The messages already end by asking for the next answer."""
    reask: bool = False
    """Ask the current question again even if it has not changed."""
    recorded: bool = False
    """Record nothing for undo: undo and redo move through the history themselves, and a
    first answer to a plain question is the conversation going on, not a change."""
    amend: bool = False
    """The turn answers a follow-up question of the last change: one undo takes back both."""
    refill: str | None = None
    """Words not taken, put back in the box to change."""
    baseline: hist.Snapshot | None = None
    """What the change is measured from when not the draft before the turn (a first tick
    list: the ticks it offered, so keeping them is no change and toggles are)."""

    def text(self, key: str, **values: Any) -> str:
        return self.iv.message(key, self.draft, **values)

    def say(self, key: str, **values: Any) -> None:
        self.messages.append(Message(self.text(key, **values)))

    def problem(self, key: str, **values: Any) -> None:
        self.messages.append(Message(self.text(key, **values), "problem"))

    def aside(self, line: Message) -> None:
        """A line about what the turn did to the rest of the draft: before the question when
        the messages already end by asking it."""
        if self.prompted and self.messages:
            self.messages.insert(len(self.messages) - 1, line)
        else:
            self.messages.append(line)

    def part(self, part_id: str | None) -> Part | None:
        return self.iv.part_by_id(self.draft, part_id)

    def number(self, part: Part) -> int:
        return position(self.draft, part) + 1


@lru_cache(maxsize=8192)
def _assess(text: str, context: Any, acknowledged: tuple[str, ...]) -> Any:
    from oiadraft.scope import assess

    return assess(text, context, acknowledged)


@lru_cache(maxsize=64)
def _subject(act: str, topic: str) -> str | None:
    """The topic as `check` reads it back from the letter's subject line: a topic naming
    nothing ("OIA request", "Information") is no subject in the chat either."""
    from oiadraft.letter import cues, render

    line = render.subject_line(act, topic)
    return cues.subject(line) if line else None


def position(draft: Draft, part: Part) -> int:
    """Where `part` (this very object) is in the draft. Not `list.index`, which compares parts
    field by field: slow on a long draft, and wrong when two parts have the same words."""
    for index, candidate in enumerate(draft.parts):
        if candidate is part:
            return index
    raise ValueError("the part is not in the draft")


class Interview:
    """Walks the script for any draft; keeps each draft's undo history."""

    def __init__(self, script: Script | None = None, *, library: Any = None,
                 directory: Any = None, today: date | None = None,
                 default_name: str | Callable[[], str] | None = None) -> None:
        """`library` is a clause Library, a zero-argument callable returning one, or None for
        the user's library; `directory` an agency Directory (None: the built-in one);
        `default_name` the name Enter signs with at the name question."""
        self._script = script
        self._library = library
        self._directory = directory
        self._today = today
        self._default_name = default_name
        self.histories = hist.Histories()

    # ---- collaborators, loaded on first use ------------------------------------------------

    @property
    def script(self) -> Script:
        if self._script is None:
            self._script = builtin_script()
        return self._script

    @property
    def today(self) -> date:
        return self._today or clock.today()

    @property
    def library(self) -> Any:
        if callable(self._library):
            return self._library()
        if self._library is None:
            from oiadraft.clauses import Library

            self._library = Library.load()
        return self._library

    @property
    def directory(self) -> Any:
        if self._directory is None:
            from oiadraft import agencies

            self._directory = agencies.directory()
        return self._directory

    def default_name(self, draft: Draft) -> str:
        if draft.requester.name:
            return draft.requester.name
        value = self._default_name() if callable(self._default_name) else self._default_name
        return str(value or "")

    def message(self, key: str, draft: Draft, **values: Any) -> str:
        """A message of the script, filled for this draft."""
        return self.message_text(self.script.messages[key], draft, **values)

    def message_text(self, template: str, draft: Draft, **values: Any) -> str:
        """Any template filled for this draft: its Act's sections, {agency}, and `values`."""
        from oiadraft.interview.words import quote_user

        agency = quote_user(draft.agency, 200) if draft.agency else "the agency"
        return say(template, draft.act, **{"agency": agency, **values})

    def greeting(self) -> str:
        return self.script.greeting

    # ---- where the conversation stands -----------------------------------------------------

    def facts(self, draft: Draft) -> dict[str, Any]:
        from oiadraft.interview.fields import act_uses_region

        return {
            "act": draft.act,
            "agency_kind": draft.agency_kind,
            "urgent": draft.urgent,
            "agency_known": draft.agency_id is not None,
            "needs_region": act_uses_region(draft.act) and not (
                draft.agency_id is not None and draft.region),
        }

    def shown(self, step: Step, draft: Draft) -> Step:
        """The step with the examples that fit the draft (a council's, a Minister's)."""
        return step.fitted(self.facts(draft)) if step.variants else step

    def applies(self, step: Step, draft: Draft) -> bool:
        facts = self.facts(draft)
        return all(facts.get(key) == value for key, value in step.when)

    def current_step(self, draft: Draft, state: st.Conversation | None = None) -> Step:
        """The step being answered now (the review step once everything is answered)."""
        state = state or st.load(draft)
        if state.editing:
            try:
                step = self.script.step(state.editing)
            except KeyError:
                step = None
            if step is not None and self.applies(step, draft):
                return step
        for step in self.script.steps:
            if self.applies(step, draft) and (step.kind == "review"
                                              or step.id not in state.answered):
                return step
        return self.script.steps[-1]

    def is_complete(self, draft: Draft) -> bool:
        return self.current_step(draft).kind == "review"

    @staticmethod
    def part_by_id(draft: Draft, part_id: Any) -> Part | None:
        if part_id is None:
            return None
        return next((part for part in draft.parts if part.id == part_id), None)

    def current_part(self, draft: Draft, state: st.Conversation | None = None) -> Part | None:
        """The part accept/keep/split apply to: the one last worked on, else the last."""
        state = state or st.load(draft)
        part = self.part_by_id(draft, state.current)
        if part is None and draft.parts:
            part = draft.parts[-1]
        return part

    # ---- the analyser -------------------------------------------------------------------

    def context(self, draft: Draft, part: Part | None = None) -> Any:
        """What `oiadraft check` would judge `part` against in the letter: the request's period
        and parts (one more when `part` is being written), and the part's own period."""
        parts = len(draft.parts)
        if part is not None and not any(p is part or p.id == part.id for p in draft.parts):
            parts += 1
        return self._context(draft, part, parts)

    def _context(self, draft: Draft, part: Part | None, parts: int) -> Any:
        own = self.period_of(draft, part) if part is not None else None
        if own == draft.period:
            own = None
        return self._context_of(draft.act, draft.agency, draft.topic, draft.period, parts, own)

    def period_of(self, draft: Draft, part: Part) -> Any:
        """The period given for `part` apart from its words: its own, or the earlier part's it
        covers ("in that period"), as that part's period is now."""
        if part.period_from is None:
            return part.period
        from oiadraft.periods import part_period

        return part_period(part, draft.parts, self.today)

    def _context_of(self, act: str, agency: str, topic: str, period: Any, parts: int,
                    own: Any) -> Any:
        from oiadraft.scope import Context, counted_parts

        # the count as the analyser tells counts apart: a part of a 1,000-part draft is judged
        # in the context a 999-part draft gives it, and its assessment is found in the cache
        return Context(act=act, today=self.today, request_period=period, agency=agency or None,
                       parts=counted_parts(parts), part_period=own,
                       subject=_subject(act, topic))

    def risks(self, snapshot: hist.Snapshot, ids: set[str]) -> dict[str, str]:
        """The risk of each part in `ids` as the draft of `snapshot` rated it."""
        count = len(snapshot.parts)
        periods = hist.part_periods(snapshot, self.today)
        return {part_id: _assess(text, self._context_of(
                    snapshot.act, snapshot.agency, snapshot.topic, snapshot.period, count,
                    periods[part_id] if periods[part_id] != snapshot.period else None),
                    ack).risk
                for part_id, text, _period, ack, _from in snapshot.parts if part_id in ids}

    def rerated(self, before: hist.Snapshot, after: hist.Snapshot) -> dict[str, str]:
        """The parts whose words stayed as they were but whose risk a change to the rest of the
        draft moved (the period, the agency, the topic, how many parts there are, the period
        of the earlier part one covers), by id, with their new risk. Assesses nothing when
        nothing they are judged against changed."""
        from oiadraft.scope import counted_parts

        def against(snapshot: hist.Snapshot) -> tuple[Any, ...]:
            followed = tuple(sorted(
                (part_id, period) for part_id, period in hist.part_periods(
                    snapshot, self.today).items() if part_id in following)) if following else ()
            return (snapshot.act, snapshot.agency, snapshot.topic, snapshot.period,
                    counted_parts(len(snapshot.parts)), followed)

        following = {part[0] for part in after.parts if part[4] is not None}

        if against(before) == against(after):
            return {}
        same = set(before.parts) & set(after.parts)
        ids = {part[0] for part in same}
        if not ids:
            return {}
        old, new = self.risks(before, ids), self.risks(after, ids)
        return {part_id: risk for part_id, risk in new.items() if risk != old[part_id]}

    def assess(self, draft: Draft, part: Part) -> Any:
        """The scope assessment of one part (cached on its words, period and kept rules), as
        `check` rates it in the whole letter."""
        return _assess(part.text, self.context(draft, part), tuple(part.acknowledged))

    def assess_all(self, draft: Draft) -> list[Any]:
        """`assess` for every part, in order, without looking each one up in the draft (which
        made a review of 1,000 parts do half a million comparisons)."""
        count = len(draft.parts)
        return [_assess(part.text, self._context(draft, part, count), tuple(part.acknowledged))
                for part in draft.parts]

    def refused_on_part(self, draft: Draft, part: Part, action: str) -> str | None:
        """What `action` (accept, keep, split) on `part` would be answered with when the part
        offers nothing for it (Markdown), or None: a screen that sends the command to the
        chat can say so where the requester is instead."""
        from oiadraft.interview.show import refused_on_part

        return refused_on_part(self, draft, part, action)

    def status(self, draft: Draft, part: Part) -> str:
        """"low", "medium", "high", or "kept" for a part kept as written with nothing left to
        warn about (its risk is what the requester chose to accept, not an open question)."""
        assessment = self.assess(draft, part)
        if part.acknowledged and assessment.risk != "low" and not any(
                f.warns for f in assessment.findings):
            return "kept"
        return str(assessment.risk)

    def record_answers(self, draft: Draft, *step_ids: str) -> None:
        """Mark questions answered by a change made outside the chat (the review screen's
        agency dialog), so the chat does not ask them again."""
        state = st.load(draft)
        for step_id in step_ids:
            state = state.answer(step_id)
        st.save(draft, state)

    def tickable_clauses(self, draft: Draft, kinds: Any = None) -> list[Any]:
        """Clauses the requester may tick for this draft's Act (optionally of some kinds).
        Urgency has its own question (it needs reasons), so it is never a tick box."""
        wanted = set(kinds) if kinds is not None else None
        return [clause for clause in self.library.clauses()
                if (wanted is None or clause.kind in wanted) and draft.act in clause.acts
                and "urgency" not in clause.section]

    # ---- the API the screen uses --------------------------------------------------------

    def start(self, draft: Draft) -> Reply:
        """The greeting for a new draft, or "where we left off" for a resumed one."""
        turn, before = self._turn(draft)
        if draft.agency or draft.parts or turn.state.answered:
            from oiadraft.interview.words import number, quote_user

            count = len(draft.parts)
            turn.say("resume", recipient=quote_user(draft.agency or "an agency not chosen yet"),
                     about=(" about " + quote_user(draft.topic)) if draft.topic else "",
                     parts=(f"{number(count)} part{'s' if count != 1 else ''}" if count
                            else "no parts"))
            if draft.sent is not None and draft.sent > self.today:
                # marked before a day to come was refused: no due date can be counted from it
                from oiadraft.periods import format_date

                turn.say("sent_in_future", sent=format_date(draft.sent),
                         today=format_date(self.today))
        else:
            turn.messages.append(Message(self.greeting()))
        turn.reask = True
        return self._finish(turn, before, None)

    def view(self, draft: Draft) -> View:
        """Everything the chat screen shows now (cheap: assesses the current part at most)."""
        from oiadraft.interview.show import build_view

        return build_view(self, draft, st.load(draft))

    def respond(self, draft: Draft, text: str) -> Reply:
        """One submitted line or paste: a command or an answer. Changes `draft` in place."""
        from oiadraft.interview import turns

        text = strip_controls(str(text))
        turn, before = self._turn(draft)
        asked = self._asked(turn)
        command = parse_command(text)
        if command is not None and command.action == "change" and \
                self.script.step_named(command.what or "") is None:
            command = None  # "change in policy about ..." is words, not a command
        if command is not None:
            turns.command(turn, command)
        else:
            turns.answer(turn, text)
        return self._finish(turn, before, asked)

    def act(self, draft: Draft, action_id: str, arg: str | None = None) -> Reply:
        """A keyed action (F2 "accept", "undo", "edit_part" with arg "3", ...)."""
        from oiadraft.interview import turns

        turn, before = self._turn(draft)
        asked = self._asked(turn)
        turns.command(turn, _command(action_id, arg))
        return self._finish(turn, before, asked)

    def preview(self, draft: Draft, text: str) -> Any:
        """The assessment of the words being typed for the current question (a new part, a
        part being edited, a blank being filled), or None when they are not a part's words.
        Assesses only `text`."""
        from oiadraft.interview.show import preview

        return preview(self, draft, st.load(draft), text)

    # ---- turns ---------------------------------------------------------------------------

    def _turn(self, draft: Draft) -> tuple[Turn, hist.Snapshot]:
        """A new turn, and the draft as it is before it (any change made elsewhere since the
        last turn is recorded first, so that it can be undone on its own)."""
        state = st.load(draft)
        now = hist.take(draft, state)
        self.histories.of(draft).sync(now, self.script.messages["changed_elsewhere"])
        return Turn(self, draft, state), now

    def _asked(self, turn: Turn) -> tuple[Any, ...]:
        """What is being asked, to tell whether a turn moved the conversation on."""
        pending = turn.state.pending
        return (self.current_step(turn.draft, turn.state).id, pending,
                bool(turn.draft.parts))

    def _finish(self, turn: Turn, before: hist.Snapshot, asked: Any) -> Reply:
        from oiadraft.interview.show import build_view, question

        draft = turn.draft
        stored = draft.conversation
        handed = None
        if turn.state.held and turn.state.pending is None and \
                self.current_step(draft, turn.state).kind == "parts":
            # the request pasted earlier goes into the box now, once; the box keeps it after
            handed, turn.state = turn.state.held, replace(turn.state, held="")
        st.save(draft, turn.state)
        after = hist.take(draft, turn.state)
        history = self.histories.of(draft)
        if not turn.recorded:
            start = turn.baseline or before
            label = turn.label or self._label(turn, before, after)
            if turn.amend:
                history.amend(start, after, label)
            else:
                history.record(start, after, label)
        history.last = after
        from oiadraft.interview.parts import say_followed

        say_followed(turn, before, after)
        self._say_rerated(turn, before, after)
        self._say_other_act(turn, before, after)
        if (turn.reask or self._asked(turn) != asked) and not turn.prompted:
            turn.messages.append(Message(question(self, draft, turn.state)))
        if handed is not None:
            from oiadraft.interview.show import split_paste
            from oiadraft.interview.words import number

            split = split_paste(handed)
            count = len(split.parts) if split is not None else 0
            turn.messages.append(Message(turn.text(
                "request_back" if count >= 2 else "request_back_text", count=number(count))))
        changed = before != after or st.Conversation.from_dict(stored) != turn.state
        view = build_view(self, draft, turn.state)
        if handed is not None or turn.refill is not None:
            view = replace(view, prefill=handed if handed is not None else turn.refill)
        return Reply(tuple(turn.messages), view, changed, turn.screen)

    def _say_rerated(self, turn: Turn, before: hist.Snapshot, after: hist.Snapshot) -> None:
        """One line naming the parts whose rating the turn moved without touching their words,
        and their new rating; before the question when the messages already end asking it."""
        moved = self.rerated(before, after)
        if not moved:
            return
        from oiadraft.interview.words import parts_phrase
        from oiadraft.text import join_and

        numbers = {part.id: at for at, part in enumerate(turn.draft.parts, 1)}
        groups: dict[str, list[int]] = {}
        for part_id, risk in sorted(moved.items(), key=lambda item: numbers[item[0]]):
            groups.setdefault(risk, []).append(numbers[part_id])
        line = Message(turn.text("rerated", moved=join_and(
            turn.text("rerated_to", parts=parts_phrase(at),
                      rating=self.script.messages[f"label_{risk}"])
            for risk, at in groups.items())))
        turn.aside(line)

    def _say_other_act(self, turn: Turn, before: hist.Snapshot, after: hist.Snapshot) -> None:
        """When a change leaves the topic naming another Act than the one the draft comes under
        ("OIA request about rates rebates" to a council), say so once: the letter asks under
        its own Act, and its subject line then names both. The topic stays as typed."""
        def others(snapshot: hist.Snapshot) -> list[Any]:
            from oiadraft import acts

            return [profile for profile in acts.named_all(snapshot.topic)
                    if profile.key != snapshot.act] if snapshot.topic else []

        if (before.topic, before.act) == (after.topic, after.act):
            return
        named = others(after)
        if not named or named == others(before):
            return
        from oiadraft.acts import get_act
        from oiadraft.interview.words import quote_user
        from oiadraft.text import join_or

        line = Message(turn.text(
            "topic_other_act", named=join_or(p.short_in_text for p in named),
            own=get_act(after.act).short_in_text,
            recipient=quote_user(after.agency) if after.agency else "this request"))
        turn.aside(line)

    def _label(self, turn: Turn, before: hist.Snapshot, after: hist.Snapshot) -> str:
        """What to call a change no handler named: the answer to a question."""
        step_ids = [before.editing] if before.editing else []
        step_ids += [s for s in after.answered if s not in before.answered]
        for step_id in step_ids:
            try:
                return self.script.step(step_id).label
            except KeyError:
                break
        return self.current_step(turn.draft, turn.state).label


def _command(action_id: str, arg: str | None) -> Command:
    """A keyed action as the command the same words would have been."""
    n = m = None
    what = None
    if arg is not None:
        words = str(arg).replace(",", "").split()
        numbers = [int(w) for w in words if w.isdecimal()]
        if numbers:
            n = numbers[0]
            m = numbers[1] if len(numbers) > 1 else None
        else:
            what = str(arg)
        if "up" in words or "down" in words:
            what = "up" if "up" in words else "down"
    return Command(action=action_id, n=n, m=m, what=what)


def known_action(action_id: str) -> bool:
    return any(spec.id == action_id for spec in load_actions())
