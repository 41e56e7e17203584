"""The interview script (prompts/interview.yaml): the questions in order, and the messages.

Each step says what kind of answer it takes, which Draft field the answer sets (`sets`), when it
applies (`when`), and the messages that belong to it. Loading validates everything and names the
file and line of the first problem.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from oiadraft import paths, yamlio
from oiadraft.errors import DataError

STEP_KINDS = frozenset({"agency", "choice", "text", "period", "parts", "multi", "yesno",
                        "review"})
WHEN_FACTS = frozenset({"act", "agency_kind", "urgent", "agency_known", "needs_region"})
VARIANT_FIELDS = frozenset({"placeholder", "help"})
"""What a step's `variants` may give for the drafts their `when` holds for."""
FIELDS = frozenset({"agency", "act", "region", "topic", "period", "parts", "clauses", "urgent",
                    "urgency_reasons", "requester.name"})
"""The Draft fields a step may set (`sets:`); the review step sets none."""
SOURCE = "prompts/interview.yaml"

REQUIRED_MESSAGES = (
    "resume", "agency_found", "agency_region", "agency_minister", "agency_free",
    "agency_not_subject", "agency_confirm", "agency_ambiguous", "agency_as_typed",
    "agency_not_found_none", "agency_empty", "choice_set", "choose_number", "needs_answer",
    "yes_or_no", "keep_current", "name_default", "step_skipped", "skip_not_allowed",
    "back_at_start", "period_echo", "period_open", "period_problem", "period_skipped_parts",
    "period_kept_for_part", "period_passed_for_part",
    "part_period_question", "part_period_set", "part_period_taken", "part_period_skipped", "paste_summary",
    "part_period_untaken", "part_period_gone", "part_period_now_request", "part_period_now_none",
    "part_period_followed", "part_period_followed_none", "paste_remarks", "paste_remark_item",
    "nothing_to_accept_advice", "sent_in_future",
    "parts_overview",
    "request_period_found", "request_period_replaced", "request_held", "request_back", "part_added",
    "part_edit_question", "part_deleted", "part_moved",
    "reference_gone", "part_rewritten", "edit_unchanged", "edit_empty", "edit_remark", "edit_first",
    "fill_first", "parts_not_yes_no", "part_remark", "parts_first", "part_only_period", "cancelled", "nothing_to_cancel", "change_cancelled",
    "part_kept",
    "part_split", "fill_question", "fill_empty", "part_changed", "parts_next",
    "parts_need_one", "parts_done", "parts_done_high", "parts_done_kept", "parts_done_clear",
    "parts_done_clear_one",
    "part_extract", "extract_records", "extract_parties", "extract_topic",
    "extract_topic_lead", "extract_period", "extract_period_request", "extract_no_period", "extract_all_time",
    "extract_unclear_period",
    "extract_no_period_lead", "extract_question", "risk_low", "risk_low_unread", "part_unread", "risk_medium", "risk_high", "risk_kept", "label_low",
    "label_medium", "label_high", "label_kept", "rerated", "rerated_to",
    "topic_other_act", "period_hint", "summary_part", "summary_overview", "finding",
    "finding_suggestion", "finding_actions", "background_left_out", "accept_hint", "another_hint", "keep_hint", "edit_hint",
    "split_hint", "nothing_to_accept",
    "nothing_to_keep", "nothing_to_split", "no_such_suggestion", "advice_only", "no_such_part", "only_part", "nowhere_to_move",
    "no_parts_yet", "no_such_place", "already_there", "multi_done", "multi_none", "ticks_help", "ticks_again", "ticks_no",
    "no_such_option", "priority_question", "priority_set", "priority_help", "priority_dropped",
    "review_commands", "problem", "not_now", "not_understood", "undone", "redone",
    "nothing_to_undo", "nothing_left_to_undo", "nothing_older_to_undo", "nothing_to_redo", "changed_elsewhere", "undo_added", "undo_pasted",
    "undo_part_period", "undo_accepted", "undo_kept", "undo_split", "undo_edited",
    "undo_deleted", "undo_moved", "deadline_line", "deadline_transfer_and_clarify",
    "deadline_transfer", "deadline_clarify", "large_paste", "long_paste_held", "held_holds",
    "held_back_at_parts", "held_back_after_this", "held_back_add_part", "request_back_text",
    "held_with_earlier",
)


@dataclass(frozen=True)
class Choice:
    """One option of a choice or tick-list question."""

    value: str
    label: str
    hint: str = ""
    default: bool = False


@dataclass(frozen=True)
class Variant:
    """A step's examples for some drafts: the hint and help shown when `when` holds."""

    when: tuple[tuple[str, Any], ...]
    placeholder: str = ""
    help: str = ""


@dataclass(frozen=True)
class Step:
    """One question of the script."""

    id: str
    kind: str
    ask: str
    sets: str | None = None
    """The Draft field the answer sets (see FIELDS)."""
    label: str = ""
    """A noun phrase for the change an answer makes ("the period"), for undo messages."""
    help: str = ""
    when: tuple[tuple[str, Any], ...] = ()
    optional: bool = False
    placeholder: str = ""
    choices: tuple[Choice, ...] = ()
    choices_from: str | None = None
    clause_kinds: tuple[str, ...] = ()
    default: str | None = None
    default_from: str | None = None
    """Where Enter's answer comes from when nothing is typed ("saved_name")."""
    min_words: int = 0
    min_words_message: str = ""
    said: dict[str, str] | None = None
    """Messages said after an answer: keys "set", "blank", "yes", "no" (message keys)."""
    aliases: tuple[str, ...] = ()
    """Words that name this step in `change <what>` ("period", "time frame")."""
    variants: tuple[Variant, ...] = ()
    """Examples that fit some drafts better (a council's, a Minister's): the first whose
    `when` holds gives the placeholder and help it has."""

    def fitted(self, facts: dict[str, Any]) -> Step:
        """This step as shown for a draft with these facts: its examples taken from the
        first variant that fits the draft."""
        for variant in self.variants:
            if all(facts.get(key) == value for key, value in variant.when):
                return replace(self, placeholder=variant.placeholder or self.placeholder,
                               help=variant.help or self.help, variants=())
        return self


@dataclass(frozen=True)
class Script:
    """The whole conversation: greeting, steps in order, and the assistant's messages."""

    greeting: str
    steps: tuple[Step, ...]
    messages: dict[str, str]
    remarks: frozenset[str] = frozenset()
    """Passing remarks ("ok thanks", "hmm", "I don't know"), as `remark_key` writes them:
    typed where a part is asked, they are said back, never made a part of the letter."""

    def is_remark(self, text: str) -> bool:
        """`text` is one of the remarks, or punctuation and nothing else ("?", "...")."""
        key = remark_key(text)
        return not key or key in self.remarks

    def step(self, step_id: str) -> Step:
        for step in self.steps:
            if step.id == step_id:
                return step
        raise KeyError(step_id)

    def step_named(self, words: str) -> Step | None:
        """The step `change <words>` means ("period", "the agency", "time frame")."""
        key = " ".join(words.lower().split()).removeprefix("the ").strip()
        for step in self.steps:
            if key == step.id or key in step.aliases:
                return step
        return None


def remark_key(text: str) -> str:
    """Words as a list of remarks holds them: lower case, one space between words, no commas
    and no punctuation at the end ("Ok, thanks!" is "ok thanks")."""
    words = text.replace("’", "'").replace(",", " ").lower()
    return " ".join(words.split()).rstrip(".!?… ")


def _text(raw: Any, key: str) -> str:
    value = raw.get(key)
    return str(value).strip() if value is not None else ""


def parse_step(raw: Any, seen: set[str], source: str) -> Step:
    """One step of the script, validated (`seen`: the step ids read so far, to refuse a
    duplicate)."""
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
    when = _when(raw, f"step {step_id!r}", source)
    sets = raw.get("sets")
    if kind != "review" and sets not in FIELDS:
        raise DataError(f"step {step_id!r}: 'sets' must name the Draft field it sets (one of "
                        f"{', '.join(sorted(FIELDS))})", source, raw.line_of("sets") or line)
    said = raw.get("said") or {}
    if not isinstance(said, dict) or not set(said) <= {"set", "blank", "yes", "no"}:
        raise DataError(f"step {step_id!r}: 'said' maps set/blank/yes/no to message keys",
                        source, raw.line_of("said"))
    choices = tuple(
        Choice(value=str(c["value"]), label=str(c["label"]), hint=str(c.get("hint", "")),
               default=bool(c.get("default", False)))
        for c in raw.get("choices") or []
    )
    return Step(
        id=step_id, kind=kind, ask=raw["ask"].strip(), sets=sets,
        label=_text(raw, "label") or f"your answer about {step_id.replace('_', ' ')}",
        help=_text(raw, "help"), when=when,
        optional=bool(raw.get("optional", False)), placeholder=_text(raw, "placeholder"),
        choices=choices, choices_from=raw.get("choices_from"),
        clause_kinds=tuple(raw.get("clause_kinds") or ()),
        default=None if raw.get("default") is None else str(raw.get("default")),
        default_from=raw.get("default_from"), min_words=int(raw.get("min_words") or 0),
        min_words_message=_text(raw, "min_words_message"),
        said={str(k): str(v) for k, v in said.items()} or None,
        aliases=tuple(str(a).lower() for a in raw.get("aliases") or ()),
        variants=_variants(raw, step_id, source),
    )


def _when(raw: Any, what: str, source: str) -> tuple[tuple[str, Any], ...]:
    when = raw.get("when") or {}
    if not isinstance(when, dict) or not set(when) <= WHEN_FACTS:
        raise DataError(f"{what}: 'when' may test only {sorted(WHEN_FACTS)}",
                        source, raw.line_of("when") if isinstance(raw, yamlio.Located) else None)
    return tuple(sorted(when.items()))


def _variants(raw: Any, step_id: str, source: str) -> tuple[Variant, ...]:
    items = raw.get("variants") or []
    if not isinstance(items, list):
        raise DataError(f"step {step_id!r}: 'variants' must be a list", source,
                        raw.line_of("variants"))
    variants = []
    for item in items:
        line = item.line if isinstance(item, yamlio.Located) else raw.line_of("variants")
        what = f"step {step_id!r}, variant"
        if not isinstance(item, dict) or not item.get("when") \
                or not set(item) - {"when"} or not set(item) <= VARIANT_FIELDS | {"when"}:
            raise DataError(f"{what}: a 'when' and one or more of "
                            f"{', '.join(sorted(VARIANT_FIELDS))}", source, line)
        variants.append(Variant(when=_when(item, what, source),
                                placeholder=_text(item, "placeholder"),
                                help=_text(item, "help")))
    return tuple(variants)


def load_script(text: str | None = None, source: str = SOURCE) -> Script:
    """Load and validate the interview script (the built-in one unless `text` is given)."""
    if text is None:
        text = (paths.builtin("prompts") / "interview.yaml").read_text(encoding="utf-8")
    data = yamlio.load(text, source)
    if not isinstance(data, dict):
        raise DataError("the interview script must be a mapping", source)
    steps_data = data.get("steps")
    if not isinstance(steps_data, list) or not steps_data:
        raise DataError("'steps' must be a non-empty list", source, data.line_of("steps"))
    seen: set[str] = set()
    steps = tuple(parse_step(raw, seen, source) for raw in steps_data)
    messages = data.get("messages") or {}
    if not isinstance(messages, dict):
        raise DataError("'messages' must be a mapping", source, data.line_of("messages"))
    missing = [key for key in REQUIRED_MESSAGES if key not in messages]
    for step in steps:
        missing.extend(key for key in (step.said or {}).values() if key not in messages)
    if missing:
        raise DataError(f"missing messages: {', '.join(missing)}", source,
                        data.line_of("messages"))
    remarks = data.get("remarks") or []
    if not isinstance(remarks, list) or not all(isinstance(r, str) and remark_key(r)
                                                for r in remarks):
        raise DataError("'remarks' must be a list of words", source, data.line_of("remarks"))
    return Script(
        greeting=str(data.get("greeting") or "").strip(),
        steps=steps,
        messages={str(k): str(v).strip() for k, v in messages.items()},
        remarks=frozenset(remark_key(r) for r in remarks),
    )


@lru_cache(maxsize=1)
def builtin_script() -> Script:
    """The shipped script, loaded once."""
    return load_script()
