"""The interview: a pure state machine over prompts/interview.yaml.

Given a Draft (whose `answers` hold everything said so far), `Interview.question(draft)` says
what to ask next and `Interview.respond(draft, answer)` returns a `Reply`: a new Draft (the
input is never mutated), what happened (accepted, a follow-up question, a problem, a command),
and the assistant's messages in Markdown. No screen is involved, so tests drive whole
conversations with plain strings.

Conversation state lives in `draft.answers` so that a resumed draft resumes mid-conversation:
step answers by step id, plus a few private keys:
  `_pending`  a follow-up question (pick an agency, confirm a period, fill a placeholder, ...)
  `_editing`  the id of an earlier step being answered again (later answers are kept)
  `_current`  the id of the part the user is working on (accept/keep/split apply to it)
  `_deleted`  the last deleted part, for `undo`
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from oiadraft import clock, paths, yamlio
from oiadraft.acts import get_act
from oiadraft.errors import DataError, UserError
from oiadraft.model import Draft, Part, Period

STEP_KINDS = {"agency", "choice", "text", "period", "parts", "multi", "yesno", "review"}
WHEN_FACTS = {"act", "urgent", "agency_known", "needs_region"}
SOURCE = "prompts/interview.yaml"

YES = {"y", "yes", "yeah", "yep", "ae", "āe", "true", "ok", "okay", "right", "correct", "sure"}
NO = {"n", "no", "nope", "nah", "false", "kao"}
DONE = {"done", "finished", "that's all", "thats all", "that is all", "no more", "nothing else",
        "next", "that's it", "thats it"}
LARGE_PASTE = 20_000
DETAILED_PARTS = 20
"""Up to this many pasted parts are reported one by one; more get an overview."""


# --------------------------------------------------------------------------------------------
# The script


@dataclass(frozen=True)
class Choice:
    """One option of a choice or multi-choice question."""

    value: str
    label: str
    hint: str = ""
    default: bool = False


@dataclass(frozen=True)
class Step:
    """One question of the script."""

    id: str
    kind: str
    ask: str
    help: str = ""
    when: tuple[tuple[str, Any], ...] = ()
    optional: bool = False
    placeholder: str = ""
    choices: tuple[Choice, ...] = ()
    choices_from: str | None = None
    clause_kinds: tuple[str, ...] = ()
    default: str | None = None
    min_words: int = 0


@dataclass(frozen=True)
class Script:
    """The whole conversation: greeting, steps in order, and the assistant's messages."""

    greeting: str
    steps: tuple[Step, ...]
    messages: dict[str, str]

    def step(self, step_id: str) -> Step:
        for step in self.steps:
            if step.id == step_id:
                return step
        raise KeyError(step_id)


def _steps_from(data: Any, source: str) -> tuple[Step, ...]:
    steps_data = data.get("steps")
    if not isinstance(steps_data, list) or not steps_data:
        raise DataError("'steps' must be a non-empty list", source, data.line_of("steps"))
    steps: list[Step] = []
    seen: set[str] = set()
    for raw in steps_data:
        line = raw.line if isinstance(raw, yamlio.Located) else None
        if not isinstance(raw, dict):
            raise DataError("each step must be a mapping", source, line)
        step_id = raw.get("id")
        if not isinstance(step_id, str) or not step_id:
            raise DataError("step without an id", source, line)
        if step_id in seen:
            raise DataError(f"duplicate step id {step_id!r}", source, raw.line_of("id"))
        seen.add(step_id)
        kind = raw.get("kind")
        if kind not in STEP_KINDS:
            raise DataError(f"step {step_id!r}: unknown kind {kind!r} (expected one of "
                            f"{', '.join(sorted(STEP_KINDS))})", source, raw.line_of("kind"))
        if not isinstance(raw.get("ask"), str):
            raise DataError(f"step {step_id!r} has no 'ask' text", source, line)
        when = raw.get("when") or {}
        if not isinstance(when, dict) or not set(when) <= WHEN_FACTS:
            raise DataError(f"step {step_id!r}: 'when' may test only {sorted(WHEN_FACTS)}",
                            source, raw.line_of("when"))
        choices = tuple(
            Choice(value=str(c["value"]), label=str(c["label"]), hint=str(c.get("hint", "")),
                   default=bool(c.get("default", False)))
            for c in raw.get("choices") or []
        )
        steps.append(Step(
            id=step_id,
            kind=kind,
            ask=raw["ask"].strip(),
            help=str(raw.get("help") or "").strip(),
            when=tuple(sorted(when.items())),
            optional=bool(raw.get("optional", False)),
            placeholder=str(raw.get("placeholder") or ""),
            choices=choices,
            choices_from=raw.get("choices_from"),
            clause_kinds=tuple(raw.get("clause_kinds") or ()),
            default=None if raw.get("default") is None else str(raw.get("default")),
            min_words=int(raw.get("min_words") or 0),
        ))
    return tuple(steps)


REQUIRED_MESSAGES = (
    "agency_found", "agency_not_subject", "agency_ambiguous", "agency_not_found",
    "agency_not_found_none", "period_echo", "period_open", "period_skipped", "period_problem",
    "part_period_question", "part_period_set", "parts_split", "request_period_found",
    "part_added", "parts_overview", "part_edit_question", "part_deleted", "part_restored", "part_rewritten",
    "part_kept", "part_split", "fill_question", "parts_next", "parts_need_one", "parts_done",
    "part_extract", "risk_low", "risk_medium", "risk_high", "finding", "finding_unquoted",
    "finding_suggestion",
    "finding_actions", "split_hint", "multi_done", "multi_none", "problem", "urgent_yes",
    "urgent_no", "name_set", "name_default", "name_blank", "skip_not_allowed", "back_at_start",
    "nothing_to_accept", "nothing_to_split", "no_such_part", "not_understood",
    "deadline_line", "large_paste",
)


def load_script(text: str | None = None, source: str = SOURCE) -> Script:
    """Load and validate the interview script (the built-in one unless `text` is given)."""
    if text is None:
        text = (paths.builtin("prompts") / "interview.yaml").read_text(encoding="utf-8")
    data = yamlio.load(text, source)
    if not isinstance(data, dict):
        raise DataError("the interview script must be a mapping", source)
    steps = _steps_from(data, source)
    messages = data.get("messages") or {}
    if not isinstance(messages, dict):
        raise DataError("'messages' must be a mapping", source, data.line_of("messages"))
    missing = [key for key in REQUIRED_MESSAGES if key not in messages]
    if missing:
        raise DataError(f"missing messages: {', '.join(missing)}", source,
                        data.line_of("messages"))
    return Script(
        greeting=str(data.get("greeting") or "").strip(),
        steps=steps,
        messages={str(k): str(v).strip() for k, v in messages.items()},
    )


@lru_cache(maxsize=1)
def builtin_script() -> Script:
    """The shipped script, loaded once."""
    return load_script()


# --------------------------------------------------------------------------------------------
# What the engine tells the screen


@dataclass(frozen=True)
class Question:
    """What to ask now. `kind` tells the screen which input to show."""

    step_id: str
    kind: str
    message: str
    help: str = ""
    placeholder: str = ""
    optional: bool = False
    choices: tuple[Choice, ...] = ()
    selected: tuple[str, ...] = ()
    """For multi-choice: the values ticked now."""


@dataclass
class Reply:
    """The result of one answer."""

    draft: Draft
    status: str
    """accepted | follow_up | problem | command"""
    messages: list[str] = field(default_factory=list)
    action: str | None = None
    """Something for the screen to do: show_letter, copy, review, help."""
    prompted: bool = False
    """True when the messages already end by asking for the next answer (no re-ask needed)."""
    focus_part: str | None = None
    """The id of the part whose findings the screen should show."""


# --------------------------------------------------------------------------------------------
# Small helpers


def _fmt(template: str, act: str, **values: Any) -> str:
    from oiadraft.letter.template import fill

    return fill(template, {**get_act(act).placeholders(), **values})


def quote_user(text: str, limit: int = 160) -> str:
    """User text shown inside an assistant (Markdown) message, made inert.

    Markdown specials are backslash-escaped so a part containing `*`, `[x](y)` or `#` shows as
    typed; Rich/Textual markup never applies to Markdown widgets.
    """
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|<>~])", r"\\\1", text)


def _words(text: str) -> list[str]:
    return re.findall(r"[\w'’-]+", text)


_COMMAND = re.compile(
    r"^\s*(?P<verb>back|skip|help|\?|show letter|show the letter|letter|copy|copy letter|review|"
    r"undo|done|finished|accept|use|keep|split|edit|delete|remove|add part|add another part|"
    r"add a part|change|edit part|delete part|remove part)\b\s*(?P<rest>.*)$",
    re.IGNORECASE | re.DOTALL,
)


# --------------------------------------------------------------------------------------------
# The engine


class Interview:
    """Walks the script for one draft. Stateless apart from its (read-only) collaborators."""

    def __init__(self, script: Script | None = None, *, library: Any = None,
                 today: date | None = None, default_name: Any = None) -> None:
        """`library` is a clause Library, a zero-argument callable returning one (loaded only
        when a question needs it), or None for the user's library. `default_name` (a string
        or a callable returning one) is offered at the name question: Enter uses it."""
        self.script = script or builtin_script()
        self._library = library
        self._today = today
        self._default_name = default_name

    def default_name(self, draft: Draft) -> str:
        """The name Enter accepts at the name question: the draft's own, else the saved one."""
        if draft.requester.name:
            return draft.requester.name
        value = self._default_name() if callable(self._default_name) else self._default_name
        return str(value or "")

    # collaborators are loaded lazily so that constructing an Interview is cheap
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

    def msg(self, key: str, draft: Draft, **values: Any) -> str:
        return _fmt(self.script.messages[key], draft.act, agency=draft.agency or "the agency",
                    **values)

    # ---- where are we? -----------------------------------------------------------------

    def facts(self, draft: Draft) -> dict[str, Any]:
        return {
            "act": draft.act,
            "urgent": draft.urgent,
            "agency_known": draft.agency_id is not None,
            "needs_region": draft.act == "lgoima" and not _directory_region(draft),
        }

    def applies(self, step: Step, draft: Draft) -> bool:
        facts = self.facts(draft)
        return all(facts.get(key) == value for key, value in step.when)

    def current_step(self, draft: Draft) -> Step:
        """The step the user is answering now (review once everything is answered)."""
        editing = draft.answers.get("_editing")
        if editing:
            try:
                step = self.script.step(editing)
            except KeyError:
                step = None
            if step is not None and self.applies(step, draft):
                return step
        for step in self.script.steps:
            if not self.applies(step, draft):
                continue
            if step.kind == "review" or step.id not in draft.answers:
                return step
        return self.script.steps[-1]

    def is_complete(self, draft: Draft) -> bool:
        return self.current_step(draft).kind == "review"

    def question(self, draft: Draft) -> Question:
        """What to ask now, including any follow-up question in progress."""
        pending = draft.answers.get("_pending")
        if pending:
            question = self._pending_question(draft, pending)
            if question is not None:
                return question
        step = self.current_step(draft)
        message = _fmt(step.ask, draft.act, agency=draft.agency or "the agency",
                       summary=self.summary(draft) if step.kind == "review" else "")
        choices: tuple[Choice, ...] = ()
        selected: tuple[str, ...] = ()
        if step.kind == "choice":
            choices = self.choices(step, draft)
            message += "\n\n" + _numbered(choices)
        elif step.kind == "multi":
            choices = self.choices(step, draft)
            selected = tuple(self._selection(step, draft))
            message += "\n\n" + _checklist(choices, selected)
        elif step.kind == "parts" and draft.parts:
            message = self.msg("parts_next", draft)
        elif step.id == "name" and self.default_name(draft):
            message += "\n\n" + self.msg("name_default", draft,
                                           name=quote_user(self.default_name(draft)))
        return Question(step_id=step.id, kind=step.kind, message=message, help=step.help,
                        placeholder=step.placeholder, optional=step.optional, choices=choices,
                        selected=selected)

    def greeting(self) -> str:
        return self.script.greeting

    def choices(self, step: Step, draft: Draft) -> tuple[Choice, ...]:
        if step.kind == "multi":
            return tuple(
                Choice(value=clause.id, label=clause.title, hint=getattr(clause, "notes", ""),
                       default=bool(getattr(clause, "default", False)))
                for clause in self._clauses_for(step, draft)
            )
        if step.choices_from == "regions":
            from oiadraft.deadline import regions

            return tuple(Choice(value=key, label=f"{region.name} ({region.rule})")
                         for key, region in regions().items())
        return step.choices

    def tickable_clauses(self, draft: Draft, kinds: Iterable[str] | None = None) -> list[Any]:
        """Clauses the user may tick for this draft's Act (optionally of some kinds). Urgency
        has its own question (it needs reasons), so it is never a tick box."""
        wanted = set(kinds) if kinds is not None else None
        return [clause for clause in self.library.clauses()
                if (wanted is None or clause.kind in wanted) and draft.act in clause.acts
                and "urgency" not in clause.section]

    def _clauses_for(self, step: Step, draft: Draft) -> list[Any]:
        return self.tickable_clauses(draft, step.clause_kinds)

    @staticmethod
    def is_command(text: str) -> bool:
        """True when `text` would be read as a command (`back`, `edit part 2`, `done`, ...)."""
        return bool(_COMMAND.match(text)) and "\n" not in text.strip()

    def _selection(self, step: Step, draft: Draft) -> list[str]:
        pending = draft.answers.get("_pending") or {}
        if pending.get("kind") == "multi" and pending.get("step") == step.id:
            return list(pending["selected"])
        if step.id in draft.answers:
            return list(draft.answers[step.id])
        return [choice.value for choice in self.choices(step, draft) if choice.default]

    # ---- answering -----------------------------------------------------------------------

    def respond(self, draft: Draft, answer: str | Sequence[str]) -> Reply:
        """Apply one answer. Never mutates `draft`; never raises for bad user input."""
        draft = draft.copy()
        if not isinstance(answer, str):
            return self._answer_multi_values(draft, list(answer))
        text = answer.replace("\r\n", "\n").replace("\r", "\n")
        if len(text) > LARGE_PASTE and self.current_step(draft).kind != "parts":
            return Reply(draft, "problem", [self.msg("problem", draft, problem=(
                f"That's {len(text):,} characters — far too long for this question. "
                "Paste long text when I ask for the parts of your request."))])
        command = self._command(draft, text)
        if command is not None:
            return command
        pending = draft.answers.get("_pending")
        if pending:
            return self._answer_pending(draft, pending, text)
        step = self.current_step(draft)
        handler = getattr(self, f"_answer_{step.kind}")
        reply: Reply = handler(draft, step, text)
        if reply.status == "accepted" and reply.draft.answers.get("_editing") == step.id:
            reply.draft.answers.pop("_editing", None)
        return reply

    # ---- commands ------------------------------------------------------------------------

    def _command(self, draft: Draft, text: str) -> Reply | None:
        match = _COMMAND.match(text)
        if not match or "\n" in text.strip():
            return None
        verb = match.group("verb").lower()
        rest = match.group("rest").strip()
        step = self.current_step(draft)
        pending = draft.answers.get("_pending") or {}
        in_parts = step.kind == "parts" or step.kind == "review"

        if verb in {"help", "?"} and not rest:
            question = self.question(draft)
            return Reply(draft, "command", [question.help or step.help], action="help")
        if verb in {"show letter", "show the letter", "letter"} and not rest:
            return Reply(draft, "command", [], action="show_letter")
        if verb in {"copy", "copy letter"} and not rest:
            return Reply(draft, "command", [], action="copy")
        if verb == "review" and not rest:
            return Reply(draft, "command", [], action="review")
        if verb == "back" and not rest:
            return self._back(draft)
        if verb == "skip" and not rest:
            return self._skip(draft, step, pending)
        if verb == "undo" and not rest and draft.answers.get("_deleted"):
            return self._undo_delete(draft)
        if verb in {"edit part", "edit"} and (rest.lower().startswith("part") or
                                              verb == "edit part") and draft.parts:
            number = re.sub(r"^part\s*", "", rest, flags=re.IGNORECASE).strip()
            return self._edit_part(draft, number)
        if verb in {"delete part", "remove part"} or (
                verb in {"delete", "remove"} and rest.lower().startswith("part")):
            number = re.sub(r"^part\s*", "", rest, flags=re.IGNORECASE).strip()
            return self._delete_part(draft, number)
        if verb in {"add part", "add another part", "add a part"} and not rest:
            draft.answers.pop("parts", None)
            draft.answers.pop("_pending", None)
            draft.answers["_editing"] = "parts"
            return Reply(draft, "command", [self.script.step("parts").ask])
        if verb in {"change", "edit"} and rest:
            target = self._step_named(rest)
            if target is not None:
                draft.answers.pop("_pending", None)
                draft.answers["_editing"] = target.id
                return Reply(draft, "command", [])
        if in_parts and not pending:
            if verb in {"accept", "use"} and (not rest or rest.isdigit()):
                return self._accept(draft, int(rest) if rest else 1)
            if verb == "keep" and not rest:
                return self._keep(draft)
            if verb == "split" and not rest:
                return self._split(draft)
            if verb == "edit" and not rest and draft.parts:
                current = self.current_part(draft)
                return self._edit_part(draft, str(draft.parts.index(current) + 1))
            if verb in {"done", "finished"} and not rest and step.kind == "parts":
                return self._finish_parts(draft)
        return None

    def _step_named(self, text: str) -> Step | None:
        aliases = {"agency": "agency", "recipient": "agency", "who": "agency", "act": "act",
                   "topic": "topic", "subject": "topic", "period": "period",
                   "timeframe": "period", "time frame": "period", "dates": "period",
                   "preferences": "preferences", "form": "preferences",
                   "withholding": "withholding", "grounds": "withholding",
                   "process": "process", "urgency": "urgent", "urgent": "urgent",
                   "reasons": "urgency_reasons", "name": "name", "region": "region"}
        key = text.lower().strip().removeprefix("the ").strip()
        step_id = aliases.get(key)
        if step_id is None:
            return None
        try:
            return self.script.step(step_id)
        except KeyError:
            return None

    def _back(self, draft: Draft) -> Reply:
        current = self.current_step(draft)
        if draft.answers.get("_pending"):
            draft.answers.pop("_pending")
            return Reply(draft, "command", [])
        order = [step for step in self.script.steps if self.applies(step, draft)]
        index = next((i for i, step in enumerate(order) if step.id == current.id), len(order))
        for step in reversed(order[:index]):
            if step.id in draft.answers or step.kind == "parts":
                draft.answers["_editing"] = step.id
                if step.kind == "parts":
                    draft.answers.pop("parts", None)
                return Reply(draft, "command", [])
        return Reply(draft, "problem", [self.msg("back_at_start", draft)])

    def _skip(self, draft: Draft, step: Step, pending: dict[str, Any]) -> Reply:
        if pending.get("kind") == "part_period":
            draft.answers.pop("_pending")
            return Reply(draft, "accepted", [self.msg("parts_next", draft)])
        if pending.get("kind") in {"fill", "edit_part", "agency_pick", "multi"}:
            draft.answers.pop("_pending")
            return Reply(draft, "command", [])
        if pending.get("kind") == "period_confirm":
            draft.answers.pop("_pending")
        if not step.optional:
            return Reply(draft, "problem", [self.msg("skip_not_allowed", draft)])
        draft.answers[step.id] = None
        if step.id == "period":
            draft.period = None
            message = self.msg("period_skipped", draft)
        elif step.id == "region":
            draft.region = None
            message = ""
        elif step.id == "name":
            draft.requester.name = ""
            message = self.msg("name_blank", draft)
        else:
            message = ""
        if draft.answers.get("_editing") == step.id:
            draft.answers.pop("_editing")
        return Reply(draft, "accepted", [message] if message else [])

    # ---- pending follow-ups --------------------------------------------------------------

    def _pending_question(self, draft: Draft, pending: dict[str, Any]) -> Question | None:
        kind = pending.get("kind")
        if kind == "agency_pick":
            return Question("agency", "choice", pending.get("message", ""),
                            choices=tuple(Choice(value=c["id"], label=c["name"])
                                          for c in pending.get("candidates", [])))
        if kind == "period_confirm":
            return Question("period", "confirm", pending.get("message", ""))
        if kind == "part_period":
            part = self._part_by_id(draft, pending.get("part"))
            if part is None:
                return None
            return Question("parts", "period", self.msg(
                "part_period_question", draft, number=draft.parts.index(part) + 1),
                optional=True)
        if kind == "fill":
            name = pending["remaining"][0]
            return Question("parts", "text", self.msg("fill_question", draft, name=name,
                                                      example=""))
        if kind == "edit_part":
            part = self._part_by_id(draft, pending.get("part"))
            if part is None:
                return None
            return Question("parts", "text", self.msg(
                "part_edit_question", draft, number=draft.parts.index(part) + 1,
                text=quote_user(part.text, 2000)), placeholder=part.text)
        if kind == "multi":
            step = self.script.step(pending["step"])
            choices = self.choices(step, draft)
            selected = tuple(pending["selected"])
            return Question(step.id, "multi", _fmt(step.ask, draft.act, agency=draft.agency)
                            + "\n\n" + _checklist(choices, selected), help=step.help,
                            choices=choices, selected=selected)
        return None

    def _answer_pending(self, draft: Draft, pending: dict[str, Any], text: str) -> Reply:
        kind = pending.get("kind")
        if kind == "agency_pick":
            return self._answer_agency_pick(draft, pending, text)
        if kind == "period_confirm":
            return self._answer_period_confirm(draft, pending, text)
        if kind == "part_period":
            return self._answer_part_period(draft, pending, text)
        if kind == "fill":
            return self._answer_fill(draft, pending, text)
        if kind == "edit_part":
            return self._answer_edit_part(draft, pending, text)
        if kind == "multi":
            return self._answer_multi_text(draft, self.script.step(pending["step"]), text)
        draft.answers.pop("_pending", None)
        return self.respond(draft, text)

    # ---- agency --------------------------------------------------------------------------

    def _answer_agency(self, draft: Draft, step: Step, text: str) -> Reply:
        query = " ".join(text.split())
        if not query:
            return Reply(draft, "problem", [self.msg("problem", draft, problem=(
                "Type the name of the agency, Minister or council you are asking."))])
        use = re.match(r"^use\s+(.+)$", query, re.IGNORECASE)
        if use:
            return self._set_free_agency(draft, use.group(1).strip())
        from oiadraft import agencies

        resolution = agencies.resolve(query)
        if resolution.status == "found":
            return self._set_agency(draft, resolution.agency)
        candidates = [match.agency for match in resolution.candidates][:5]
        if not candidates:
            return Reply(draft, "problem", [self.msg("agency_not_found_none", draft,
                                                     query=quote_user(query))])
        key = "agency_ambiguous" if resolution.status == "ambiguous" else "agency_not_found"
        listing = "\n".join(f"{i}. {quote_user(a.display_name)} — {a.act.upper()}"
                            for i, a in enumerate(candidates, 1))
        message = self.msg(key, draft, query=quote_user(query), choices=listing)
        draft.answers["_pending"] = {
            "kind": "agency_pick", "query": query, "message": message,
            "candidates": [{"id": a.id, "name": a.name} for a in candidates],
        }
        return Reply(draft, "follow_up", [])

    def _answer_agency_pick(self, draft: Draft, pending: dict[str, Any], text: str) -> Reply:
        choice = text.strip()
        candidates = pending.get("candidates", [])
        if choice.isdigit() and 1 <= int(choice) <= len(candidates):
            from oiadraft import agencies

            draft.answers.pop("_pending")
            return self._set_agency(draft, agencies.get(candidates[int(choice) - 1]["id"]))
        draft.answers.pop("_pending")
        return self._answer_agency(draft, self.script.step("agency"), text)

    def _set_agency(self, draft: Draft, agency: Any) -> Reply:
        if agency.act == "none":
            note = quote_user(getattr(agency, "note", "") or "", 600)
            return Reply(draft, "problem", [self.msg("agency_not_subject", draft,
                                                     name=quote_user(agency.name), note=note)])
        draft.agency = agency.name
        draft.agency_id = agency.id
        draft.act = agency.act
        draft.region = getattr(agency, "region", None) or None
        draft.answers["agency"] = agency.id
        region_note = ""
        if draft.act == "lgoima" and draft.region:
            from oiadraft.deadline import regions

            region = regions().get(draft.region)
            if region is not None:
                region_note = (f" Its deadlines also skip the {region.name} anniversary day "
                               f"({region.rule}).")
        profile = get_act(draft.act)
        name = agency.display_name
        if agency.region_note:
            region_note += f" ({agency.region_note})"
        return Reply(draft, "accepted", [self.msg(
            "agency_found", draft, name=quote_user(name), act_name=profile.name,
            act_short=profile.short, region_note=region_note)])

    def _set_free_agency(self, draft: Draft, name: str) -> Reply:
        draft.agency = name
        draft.agency_id = None
        draft.region = None
        draft.answers["agency"] = "use " + name
        draft.answers.pop("act", None)
        return Reply(draft, "accepted", [])

    # ---- simple kinds --------------------------------------------------------------------

    def _answer_choice(self, draft: Draft, step: Step, text: str) -> Reply:
        choices = self.choices(step, draft)
        value = _pick(choices, text)
        if value is None:
            if not text.strip():
                default = next((c.value for c in choices if c.default), None)
                value = default
            if value is None:
                return Reply(draft, "problem", [self.msg("problem", draft, problem=(
                    f"Type a number from 1 to {len(choices)}."))])
        draft.answers[step.id] = value
        if step.id == "act":
            draft.act = value
        elif step.id == "region":
            draft.region = value
        label = next(c.label for c in choices if c.value == value)
        return Reply(draft, "accepted", [f"{quote_user(label)}."])

    def _answer_text(self, draft: Draft, step: Step, text: str) -> Reply:
        value = " ".join(text.split())
        if not value and step.id == "name" and self.default_name(draft):
            value = self.default_name(draft)
        if not value:
            if step.optional:
                return self._skip(draft, step, {})
            return Reply(draft, "problem", [self.msg("problem", draft, problem=(
                "I need an answer to this one — type `help` for examples."))])
        if step.min_words and len(_words(value)) < step.min_words:
            return Reply(draft, "problem", [self.msg("problem", draft, problem=(
                "Please give the reason in a sentence, with the date you need it by; "
                "an agency does not have to treat a request as urgent without reasons."))])
        draft.answers[step.id] = value
        messages: list[str] = []
        if step.id == "topic":
            draft.topic = value
        elif step.id == "urgency_reasons":
            draft.urgency_reasons = value
        elif step.id == "name":
            draft.requester.name = value
            messages.append(self.msg("name_set", draft, name=quote_user(value)))
        return Reply(draft, "accepted", messages)

    def _answer_yesno(self, draft: Draft, step: Step, text: str) -> Reply:
        word = text.strip().lower().rstrip(".!")
        if not word and step.default is not None:
            word = step.default
        if word in YES:
            value = True
        elif word in NO:
            value = False
        else:
            return Reply(draft, "problem", [self.msg("problem", draft,
                                                     problem="Type `yes` or `no`.")])
        draft.answers[step.id] = value
        messages: list[str] = []
        if step.id == "urgent":
            draft.urgent = value
            if not value:
                draft.urgency_reasons = ""
            messages.append(self.msg("urgent_yes" if value else "urgent_no", draft))
        return Reply(draft, "accepted", messages)

    def _answer_review(self, draft: Draft, step: Step, text: str) -> Reply:
        if not text.strip():
            return Reply(draft, "command", [], action="show_letter")
        return Reply(draft, "problem", [self.msg(
            "not_understood", draft,
            commands="`edit part 2`, `add part`, `delete part 2`, `change period`, "
                     "`change agency`, `back`, `show letter`, `copy`, `review`")])

    # ---- period --------------------------------------------------------------------------

    def _answer_period(self, draft: Draft, step: Step, text: str) -> Reply:
        from oiadraft.periods import PeriodError, describe_length, format_period, parse_period

        if not text.strip():
            return self._skip(draft, step, {})
        try:
            period = parse_period(text, today=self.today)
        except PeriodError as exc:
            return Reply(draft, "problem", [self.msg("period_problem", draft,
                                                     problem=quote_user(str(exc), 400))])
        if period.is_open:
            message = self.msg("period_open", draft, period=format_period(period))
        else:
            message = self.msg("period_echo", draft, period=format_period(period),
                               length=describe_length(period, self.today))
        draft.answers["_pending"] = {"kind": "period_confirm", "period": period.to_dict(),
                                     "text": text.strip(), "message": message}
        return Reply(draft, "follow_up", [])

    def _answer_period_confirm(self, draft: Draft, pending: dict[str, Any], text: str) -> Reply:
        word = text.strip().lower().rstrip(".!")
        if word in NO:
            draft.answers.pop("_pending")
            return Reply(draft, "follow_up", [self.script.step("period").ask])
        if word and word not in YES:
            draft.answers.pop("_pending")
            return self._answer_period(draft, self.script.step("period"), text)
        draft.answers.pop("_pending")
        draft.period = Period.from_dict(pending["period"])
        draft.answers["period"] = pending["text"]
        if draft.answers.get("_editing") == "period":
            draft.answers.pop("_editing")
        return Reply(draft, "accepted", [])

    # ---- parts ---------------------------------------------------------------------------

    def context(self, draft: Draft, period: Period | None = None) -> Any:
        from oiadraft.scope import Context

        return Context(act=draft.act, today=self.today, request_period=period or draft.period,
                       agency=draft.agency or None)

    def assess(self, draft: Draft, part: Part) -> Any:
        """The scope assessment of one part. A period the user gave for this part alone
        stands in for the request's period (the part's own words still take precedence)."""
        from oiadraft.scope import assess_cached

        return assess_cached(part.text, self.context(draft, part.period),
                             acknowledged=tuple(part.acknowledged))

    def _answer_parts(self, draft: Draft, step: Step, text: str) -> Reply:
        stripped = text.strip()
        if not stripped:
            if draft.parts:
                return Reply(draft, "problem", [self.msg("parts_next", draft)])
            return Reply(draft, "problem", [self.msg("parts_need_one", draft)])
        if stripped.lower().rstrip(".!") in DONE:
            return self._finish_parts(draft)
        from oiadraft.splitter import split_request

        messages: list[str] = []
        if len(text) > LARGE_PASTE:
            messages.append(self.msg("large_paste", draft, chars=f"{len(text):,}"))
        split = split_request(text) if ("\n" in stripped or len(stripped) > 400) else None
        if split is not None and len(split.parts) >= 2:
            return self._add_many(draft, split, messages)
        part_text = split.parts[0].text if split is not None and split.parts else stripped
        part = Part(text=_strip_number(part_text))
        draft.parts.append(part)
        draft.answers["_current"] = part.id
        if not self._has_period(draft, part):
            messages.extend(self.report_part(draft, part, with_actions=False))
            draft.answers["_pending"] = {"kind": "part_period", "part": part.id}
            return Reply(draft, "follow_up", messages, focus_part=part.id)
        report, prompted = self._report_with_prompt(draft, part)
        messages.extend(report)
        return Reply(draft, "accepted", messages, focus_part=part.id, prompted=prompted)

    def _report_with_prompt(self, draft: Draft, part: Part) -> tuple[list[str], bool]:
        """The part's report; (messages, True) when it ends by offering the next steps."""
        report = self.report_part(draft, part, with_actions=True)
        return report, self.script.messages["finding_actions"][:20] in report[-1]

    def _add_many(self, draft: Draft, split: Any, messages: list[str]) -> Reply:
        from oiadraft.periods import format_period

        messages.append(self.msg("parts_split", draft, count=len(split.parts)))
        if split.request_period is not None and draft.period is None:
            draft.period = split.request_period.period
            draft.answers.setdefault("period", split.request_period.text)
            messages.append(self.msg("request_period_found", draft,
                                     period=format_period(draft.period)))
        added = [Part(text=found.text) for found in split.parts]
        draft.parts.extend(added)
        if len(added) <= DETAILED_PARTS:
            # One message for all of them: a widget per part would crowd the transcript.
            reports = [self.report_part(draft, part, with_actions=False)[0] for part in added]
            messages.append("\n\n---\n\n".join(reports))
        else:
            messages.append(self._risk_overview(draft, added))
        draft.answers["_current"] = added[-1].id
        messages.append(self.msg("parts_next", draft))
        return Reply(draft, "accepted", messages, focus_part=added[-1].id, prompted=True)

    def _risk_overview(self, draft: Draft, parts: list[Part]) -> str:
        """A short overview for many parts at once: how many at each risk, which are high."""
        by_risk: dict[str, list[int]] = {"high": [], "medium": [], "low": []}
        for part in parts:
            by_risk[self.assess(draft, part).risk].append(draft.parts.index(part) + 1)
        return self.msg("parts_overview", draft, high=len(by_risk["high"]),
                        medium=len(by_risk["medium"]), low=len(by_risk["low"]),
                        high_list=_number_list(by_risk["high"]))

    def _has_period(self, draft: Draft, part: Part) -> bool:
        if part.period is not None or draft.period is not None:
            return True
        from oiadraft.periods import find_periods

        return bool(find_periods(part.text, today=self.today))

    def report_part(self, draft: Draft, part: Part, with_actions: bool) -> list[str]:
        """The assistant's reading of one part: extraction, risk, findings, suggestions."""
        number = draft.parts.index(part) + 1
        assessment = self.assess(draft, part)
        lines = [self.msg("part_added", draft, number=number, text=quote_user(part.text, 400))]
        extract = describe_extraction(assessment)
        if extract:
            lines.append(self.msg("part_extract", draft, number=number, extract=extract))
        lines.append(self.msg(f"risk_{assessment.risk}", draft))
        findings = [f for f in assessment.findings if f.severity != "info" or f.suggestion]
        for index, finding in enumerate(findings, 1):
            if finding.quote.strip():
                item = self.msg("finding", draft, index=index,
                                quote=quote_user(finding.quote, 120),
                                message=quote_user(finding.message, 1000))
            else:
                item = self.msg("finding_unquoted", draft, index=index,
                                message=quote_user(finding.message, 1000))
            if finding.suggestion:
                # a Markdown hard break: the suggestion starts its own line under the warning
                item += "\\\n   " + self.msg("finding_suggestion", draft,
                                             suggestion=quote_user(finding.suggestion, 600))
            lines.append(item)
        if with_actions and any(f.replacement is not None for f in findings):
            from oiadraft.scope import split_dates_then_copies

            split_hint = (self.msg("split_hint", draft)
                          if split_dates_then_copies(part.text) else "")
            lines.append(self.msg("finding_actions", draft, split_hint=split_hint))
        return ["\n\n".join(lines)]

    def current_part(self, draft: Draft) -> Part | None:
        """The part accept/keep/split apply to: the one last worked on, else the last."""
        part = self._part_by_id(draft, draft.answers.get("_current"))
        if part is None and draft.parts:
            part = draft.parts[-1]
        return part

    @staticmethod
    def _part_by_id(draft: Draft, part_id: Any) -> Part | None:
        return next((part for part in draft.parts if part.id == part_id), None)

    def _part_number(self, draft: Draft, number: str) -> Part | Reply:
        if not number.isdigit() or not 1 <= int(number) <= len(draft.parts):
            return Reply(draft, "problem", [self.msg("no_such_part", draft, number=number or "?",
                                                     count=len(draft.parts))])
        return draft.parts[int(number) - 1]

    def _answer_part_period(self, draft: Draft, pending: dict[str, Any], text: str) -> Reply:
        from oiadraft.periods import PeriodError, format_period, parse_period

        part = self._part_by_id(draft, pending.get("part"))
        draft.answers.pop("_pending")
        if part is None:
            return self.respond(draft, text)
        try:
            period = parse_period(text, today=self.today)
        except PeriodError as exc:
            draft.answers["_pending"] = pending
            return Reply(draft, "problem", [self.msg("period_problem", draft,
                                                     problem=quote_user(str(exc), 400))])
        part.period = period
        messages = [self.msg("part_period_set", draft, number=draft.parts.index(part) + 1,
                             period=format_period(period))]
        report, prompted = self._report_with_prompt(draft, part)
        messages.extend(report)
        return Reply(draft, "accepted", messages, focus_part=part.id, prompted=prompted)

    def _accept(self, draft: Draft, index: int) -> Reply:
        part = self.current_part(draft)
        if part is None:
            return Reply(draft, "problem", [self.msg("nothing_to_accept", draft)])
        findings = [f for f in self.assess(draft, part).findings
                    if f.severity != "info" or f.suggestion]
        usable = [f for f in findings if f.replacement is not None]
        if not 1 <= index <= len(findings) or findings[index - 1].replacement is None:
            if index == 1 and usable:
                finding = usable[0]
            else:
                return Reply(draft, "problem", [self.msg("nothing_to_accept", draft)])
        else:
            finding = findings[index - 1]
        pending = {"kind": "fill", "part": part.id, "rule": finding.rule,
                   "span": list(finding.span), "fills": {},
                   "remaining": list(finding.placeholders)}
        if finding.placeholders:
            draft.answers["_pending"] = pending
            return Reply(draft, "follow_up", [], focus_part=part.id)
        return self._apply(draft, part, finding, {})

    def _answer_fill(self, draft: Draft, pending: dict[str, Any], text: str) -> Reply:
        value = " ".join(text.split())
        if not value:
            return Reply(draft, "problem", [self.msg("problem", draft, problem=(
                "Type the words to use, or `skip` to leave the part as it was."))])
        pending["fills"][pending["remaining"].pop(0)] = value
        part = self._part_by_id(draft, pending["part"])
        if part is None:
            draft.answers.pop("_pending")
            return Reply(draft, "problem", [self.msg("nothing_to_accept", draft)])
        if pending["remaining"]:
            draft.answers["_pending"] = pending
            return Reply(draft, "follow_up", [], focus_part=part.id)
        draft.answers.pop("_pending")
        finding = next((f for f in self.assess(draft, part).findings
                        if f.rule == pending["rule"] and list(f.span) == pending["span"]), None)
        if finding is None:
            return Reply(draft, "problem", [self.msg("nothing_to_accept", draft)])
        return self._apply(draft, part, finding, pending["fills"])

    def _apply(self, draft: Draft, part: Part, finding: Any, fills: dict[str, str]) -> Reply:
        from oiadraft.scope import apply_suggestion

        try:
            part.text = apply_suggestion(part.text, finding, fills)
        except (UserError, ValueError, KeyError) as exc:
            return Reply(draft, "problem", [self.msg("problem", draft,
                                                     problem=quote_user(str(exc), 400))])
        number = draft.parts.index(part) + 1
        messages = [self.msg("part_rewritten", draft, number=number,
                             text=quote_user(part.text, 2000))]
        report, prompted = self._report_with_prompt(draft, part)
        messages.extend(report)
        return Reply(draft, "accepted", messages, focus_part=part.id, prompted=prompted)

    def _keep(self, draft: Draft) -> Reply:
        part = self.current_part(draft)
        if part is None:
            return Reply(draft, "problem", [self.msg("nothing_to_accept", draft)])
        for finding in self.assess(draft, part).findings:
            if finding.rule not in part.acknowledged:
                part.acknowledged.append(finding.rule)
        number = draft.parts.index(part) + 1
        return Reply(draft, "accepted", [self.msg("part_kept", draft, number=number),
                                         self.msg("parts_next", draft)], focus_part=part.id,
                     prompted=True)

    def _split(self, draft: Draft) -> Reply:
        from oiadraft.scope import split_dates_then_copies

        part = self.current_part(draft)
        pair = split_dates_then_copies(part.text) if part is not None else None
        if part is None or pair is None:
            return Reply(draft, "problem", [self.msg("nothing_to_split", draft)])
        index = draft.parts.index(part)
        dates = Part(text=pair[0], period=part.period)
        copies = Part(text=pair[1], period=part.period)
        draft.parts[index:index + 1] = [dates, copies]
        draft.answers["_current"] = copies.id
        messages = [self.msg("part_split", draft, first=index + 1, second=index + 2)]
        messages.extend(self.report_part(draft, dates, with_actions=False))
        messages.extend(self.report_part(draft, copies, with_actions=False))
        messages.append(self.msg("parts_next", draft))
        return Reply(draft, "accepted", messages, focus_part=copies.id, prompted=True)

    def _edit_part(self, draft: Draft, number: str) -> Reply:
        found = self._part_number(draft, number)
        if isinstance(found, Reply):
            return found
        draft.answers["_pending"] = {"kind": "edit_part", "part": found.id}
        draft.answers["_current"] = found.id
        return Reply(draft, "follow_up", [], focus_part=found.id)

    def _answer_edit_part(self, draft: Draft, pending: dict[str, Any], text: str) -> Reply:
        part = self._part_by_id(draft, pending.get("part"))
        draft.answers.pop("_pending")
        if part is None:
            return self.respond(draft, text)
        value = _strip_number(text.strip())
        if not value:
            draft.answers["_pending"] = pending
            return Reply(draft, "problem", [self.msg("problem", draft, problem=(
                "A part can't be empty. Type the new wording, `delete part "
                f"{draft.parts.index(part) + 1}` to remove it, or `skip` to leave it."))])
        part.text = value
        part.acknowledged = []
        number = draft.parts.index(part) + 1
        messages = [self.msg("part_rewritten", draft, number=number,
                             text=quote_user(value, 2000))]
        report, prompted = self._report_with_prompt(draft, part)
        messages.extend(report)
        return Reply(draft, "accepted", messages, focus_part=part.id, prompted=prompted)

    def _delete_part(self, draft: Draft, number: str) -> Reply:
        found = self._part_number(draft, number)
        if isinstance(found, Reply):
            return found
        index = draft.parts.index(found)
        draft.parts.pop(index)
        draft.answers["_deleted"] = {"index": index, "part": found.to_dict()}
        if draft.answers.get("_current") == found.id:
            draft.answers.pop("_current")
        return Reply(draft, "command", [self.msg("part_deleted", draft, number=index + 1)])

    def _undo_delete(self, draft: Draft) -> Reply:
        deleted = draft.answers.pop("_deleted")
        part = Part.from_dict(deleted["part"])
        draft.parts.insert(min(deleted["index"], len(draft.parts)), part)
        return Reply(draft, "command", [self.msg("part_restored", draft)], focus_part=part.id)

    def _finish_parts(self, draft: Draft) -> Reply:
        if not draft.parts:
            return Reply(draft, "problem", [self.msg("parts_need_one", draft)])
        draft.answers.pop("_pending", None)
        draft.answers["parts"] = "done"
        if draft.answers.get("_editing") == "parts":
            draft.answers.pop("_editing")
        risks = [self.assess(draft, part).risk for part in draft.parts]
        high = [str(i) for i, risk in enumerate(risks, 1) if risk == "high"]
        if high:
            summary = (f"Part{'s' if len(high) > 1 else ''} {', '.join(high)} "
                       f"{'are' if len(high) > 1 else 'is'} still high risk — "
                       "you can `edit part N` at any time.")
        else:
            summary = "None of them is high risk."
        count = len(draft.parts)
        return Reply(draft, "accepted", [self.msg(
            "parts_done", draft, count=f"{count} part{'s' if count != 1 else ''}",
            summary=summary)])

    # ---- multi-choice --------------------------------------------------------------------

    def _answer_multi(self, draft: Draft, step: Step, text: str) -> Reply:
        return self._answer_multi_text(draft, step, text)

    def _answer_multi_text(self, draft: Draft, step: Step, text: str) -> Reply:
        choices = self.choices(step, draft)
        selected = self._selection(step, draft)
        word = text.strip().lower()
        if word in {"", "ok", "okay", "yes", "y", "done", "fine", "keep"}:
            return self._commit_multi(draft, step, selected)
        if word in {"none", "no", "n", "nothing"}:
            return self._commit_multi(draft, step, [])
        if word == "all":
            return self._commit_multi(draft, step, [c.value for c in choices])
        numbers = re.findall(r"\d+", word)
        if not numbers or re.sub(r"[\d\s,;and]+", "", word):
            return Reply(draft, "problem", [self.msg("problem", draft, problem=(
                "Type the numbers to tick or untick (like `2 5`), `all`, `none`, or press "
                "Enter to keep the ticks as they are."))])
        values = [c.value for c in choices]
        for number in numbers:
            index = int(number) - 1
            if not 0 <= index < len(values):
                return Reply(draft, "problem", [self.msg("problem", draft, problem=(
                    f"There is no option {number}; they go from 1 to {len(values)}."))])
            value = values[index]
            if value in selected:
                selected.remove(value)
            else:
                selected.append(value)
        selected = [v for v in values if v in selected]
        draft.answers["_pending"] = {"kind": "multi", "step": step.id, "selected": selected}
        return Reply(draft, "follow_up", [])

    def _answer_multi_values(self, draft: Draft, values: list[str]) -> Reply:
        pending = draft.answers.get("_pending") or {}
        step = (self.script.step(pending["step"]) if pending.get("kind") == "multi"
                else self.current_step(draft))
        if step.kind != "multi":
            return Reply(draft, "problem", [self.msg("problem", draft, problem=(
                "That answer is a list, but this question wants text."))])
        known = {c.value for c in self.choices(step, draft)}
        return self._commit_multi(draft, step, [v for v in values if v in known])

    def _commit_multi(self, draft: Draft, step: Step, selected: list[str]) -> Reply:
        draft.answers.pop("_pending", None)
        offered = [c.value for c in self.choices(step, draft)]
        draft.answers[step.id] = [v for v in offered if v in selected]
        draft.clauses = [c for c in draft.clauses if c not in offered or c in selected]
        for value in draft.answers[step.id]:
            if value not in draft.clauses:
                draft.clauses.append(value)
        self._add_closing_defaults(draft)
        titles = [c.label for c in self.choices(step, draft) if c.value in selected]
        message = (self.msg("multi_done", draft, chosen=", ".join(titles)) if titles
                   else self.msg("multi_none", draft))
        return Reply(draft, "accepted", [message])

    def _add_closing_defaults(self, draft: Draft) -> None:
        """Closing clauses (thanks, contact) are on by default and not asked about."""
        if draft.answers.get("_closing_added"):
            return
        for clause in self.library.clauses():
            if (clause.kind == "closing" and clause.default and draft.act in clause.acts
                    and clause.id not in draft.clauses):
                draft.clauses.append(clause.id)
        draft.answers["_closing_added"] = True

    # ---- summaries -----------------------------------------------------------------------

    def summary(self, draft: Draft) -> str:
        """Review summary: parts with their risk, and the due date if sent today."""
        lines = []
        for number, part in enumerate(draft.parts, 1):
            risk = self.assess(draft, part).risk
            lines.append(f"- Part {number}: **{risk}** risk")
        deadline = self.deadline_line(draft)
        if deadline:
            lines.append("")
            lines.append(deadline)
        return "\n".join(lines)

    def deadline_line(self, draft: Draft) -> str:
        from oiadraft.deadline import compute
        from oiadraft.periods import format_date

        try:
            result = compute(self.today, act=draft.act, region=draft.region)
        except (UserError, ValueError):
            return ""
        return self.msg("deadline_line", draft, due=format_date(result.due, weekday=True),
                        transfer=format_date(result.transfer_due),
                        clarify=format_date(result.clarification_cutoff),
                        section=f"{get_act(draft.act).short} {get_act(draft.act).cite('time_limit')}")


def describe_extraction(assessment: Any) -> str:
    """ "a request for emails from MFAT officials, covering 1 October 2020 to ..." from what
    the analyser found; empty when it found nothing worth echoing."""
    from oiadraft.periods import format_period

    features = getattr(assessment, "features", None) or {}
    pieces: list[str] = []
    records = features.get("record_types") or []
    if records:
        pieces.append("asking for " + _join([f"**{quote_user(r)}**" for r in records]))
    parties = features.get("parties") or []
    if parties:
        pieces.append("involving " + _join([f"**{quote_user(p)}**" for p in parties]))
    topic = features.get("topic")
    if topic:
        pieces.append(f"about **{quote_user(topic)}**")
    period = getattr(assessment, "period", None)
    source = getattr(assessment, "period_source", None)
    if period is not None:
        where = " (the period for the whole request)" if source == "request" else ""
        pieces.append(f"covering **{format_period(period)}**{where}")
    elif source == "none":
        pieces.append("with **no time frame**")
    return ", ".join(pieces)


def _number_list(numbers: list[int], limit: int = 30) -> str:
    if not numbers:
        return "none"
    shown = ", ".join(str(n) for n in numbers[:limit])
    return shown + (f" and {len(numbers) - limit} more" if len(numbers) > limit else "")


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _numbered(choices: Iterable[Choice]) -> str:
    return "\n".join(f"{i}. {quote_user(c.label, 200)}" for i, c in enumerate(choices, 1))


def _checklist(choices: Iterable[Choice], selected: Iterable[str]) -> str:
    chosen = set(selected)
    return "\n".join(
        f"{i}. {'☑' if c.value in chosen else '☐'} {quote_user(c.label, 200)}"
        for i, c in enumerate(choices, 1)
    )


def _pick(choices: Sequence[Choice], text: str) -> str | None:
    """A choice by number, by value or by a unique label prefix."""
    word = text.strip().lower()
    if not word:
        return None
    if word.isdigit() and 1 <= int(word) <= len(choices):
        return choices[int(word) - 1].value
    for choice in choices:
        if word == choice.value.lower():
            return choice.value
    starts = [c.value for c in choices if c.label.lower().startswith(word)]
    return starts[0] if len(starts) == 1 else None


_NUMBER_PREFIX = re.compile(r"^\s*(?:\(?\d{1,3}[.)]|\d{1,3}\s*[-–]|\(?[a-z][.)]|[-*•])\s+",
                            re.IGNORECASE)


def _strip_number(text: str) -> str:
    """Drop a leading "3." / "(a)" / "- " the user typed: the letter numbers parts itself."""
    return _NUMBER_PREFIX.sub("", text, count=1).strip()


def _directory_region(draft: Draft) -> str | None:
    """The region recorded for a council from the directory (so it need not be asked)."""
    if draft.agency_id is None:
        return draft.region if draft.answers.get("region") else None
    return draft.region
