"""A Draft to the finished request letter, as plain text or Markdown.

The letter: a subject line from the topic, a greeting suited to the recipient (a Minister by
title, an organisation as a group), the sentence naming the Act (from its profile), the
request-wide period (said once, as English in every state), the numbered parts (each with its
own period when it was given separately), then the chosen clauses by kind (process, preferences
as one lettered list, withholding, custom, closing), and the sign-off.

Plain text is what the user pastes into an email or the FYI.org.nz form: Markdown in clause
bodies becomes clean text, paragraphs are separated by one blank line, and nothing is hard
wrapped. What the user typed (parts, topic, names, reasons) is data: in the Markdown output it is
escaped so that `*`, `#` or `[x](y)` stay literal, and the text output shows it exactly as typed
(hard-wrapped lines joined).

The words around parts and clauses live in oiadraft/data/letter.yaml; every placeholder is
filled by `oiadraft.letter.template.fill`, so a per-draft clause edit can never print internals.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from oiadraft import acts, mdtext
from oiadraft.clauses import KIND_RANK, KINDS, Clause, Library
from oiadraft.letter.template import fill
from oiadraft.letter.values import (
    letter_frame,
    period_span,
    period_words,
    placeholder_values,
    salutation,
)
from oiadraft.model import Draft, Part

URGENCY_CONCEPT = "urgency"
"""Clauses resting on this concept appear only when the draft is marked urgent."""
URGENCY_CLAUSE_ID = "urgency"
"""The clause added when a draft is urgent but no urgency clause was chosen."""


@dataclass
class Block:
    """Paragraphs of Markdown, or a lettered list with an intro and an outro."""

    paragraphs: list[str] = field(default_factory=list)
    lettered: list[str] | None = None
    outro: str | None = None


@dataclass
class Letter:
    """The letter's pieces, all as Markdown (user text already escaped)."""

    subject: str | None
    salutation: str
    act_sentence: str
    period_sentence: str | None
    parts: list[str]
    blocks: list[Block]
    sign_off: str
    name: str | None
    used_clauses: list[str] = field(default_factory=list)
    """Ids of the clauses in the letter, in letter order."""
    missing_clauses: list[str] = field(default_factory=list)
    """Ids chosen in the draft that the library no longer has (and no per-draft text)."""
    skipped_clauses: list[str] = field(default_factory=list)
    """Ids chosen in the draft that do not apply to its Act (e.g. OIA-only under LGOIMA)."""


def render_text(draft: Draft, library: Library | None = None, today: date | None = None) -> str:
    """The letter as plain text, ready to paste into an email or the FYI.org.nz form."""
    letter = build_letter(draft, library, today)
    pieces: list[str] = []
    if letter.subject:
        pieces.append(mdtext.to_text(letter.subject))
    pieces.append(mdtext.to_text(letter.salutation))
    pieces.append(mdtext.to_text(letter.act_sentence))
    if letter.period_sentence:
        pieces.append(mdtext.to_text(letter.period_sentence))
    if letter.parts:
        pieces.append("\n\n".join(
            _hang(f"{number}. ", mdtext.to_text(part))
            for number, part in enumerate(letter.parts, 1)
        ))
    for block in letter.blocks:
        if block.lettered is not None:
            intro = "\n\n".join(mdtext.to_text(p) for p in block.paragraphs)
            items = "\n".join(_hang(f"({_letter(i)}) ", mdtext.to_text(item))
                              for i, item in enumerate(block.lettered))
            pieces.append(f"{intro}\n\n{items}" if intro else items)
            if block.outro:
                pieces.append(mdtext.to_text(block.outro))
        else:
            pieces.extend(mdtext.to_text(p) for p in block.paragraphs)
    closing = mdtext.to_text(letter.sign_off)
    if letter.name:
        closing += "\n" + mdtext.to_text(letter.name)
    pieces.append(closing)
    return "\n\n".join(piece for piece in pieces if piece) + "\n"


def render_markdown(draft: Draft, library: Library | None = None,
                    today: date | None = None) -> str:
    """The letter as Markdown (user text escaped, clause formatting kept)."""
    letter = build_letter(draft, library, today)
    pieces: list[str] = []
    if letter.subject:
        pieces.append(f"# {letter.subject}")
    pieces.append(letter.salutation)
    pieces.append(letter.act_sentence)
    if letter.period_sentence:
        pieces.append(letter.period_sentence)
    if letter.parts:
        pieces.append("\n\n".join(
            _hang(f"{number}. ", part) for number, part in enumerate(letter.parts, 1)
        ))
    for block in letter.blocks:
        pieces.extend(block.paragraphs)
        if block.lettered is not None:
            pieces.extend(f"({_letter(i)}) {item}" for i, item in enumerate(block.lettered))
            if block.outro:
                pieces.append(block.outro)
    closing = letter.sign_off
    if letter.name:
        closing += "\\\n" + letter.name
    pieces.append(closing)
    return "\n\n".join(piece for piece in pieces if piece) + "\n"


def subject_line(act: str, topic: str) -> str | None:
    """The plain-text letter's subject line for a draft under `act` about `topic` (None when
    there is no topic): what `oiadraft check` reads the whole request's subject from."""
    markdown = _subject_markdown(placeholder_values(act), topic)
    return mdtext.to_text(markdown) if markdown else None


def _subject_markdown(values: dict[str, Any], topic: str) -> str | None:
    topic = " ".join(topic.split())
    return fill(letter_frame()["subject"], {**values, "topic": mdtext.escape(topic)}) if topic \
        else None


def default_clause_ids(library: Library, act: str, chosen: list[str] | None = None) -> list[str]:
    """The clauses a new draft starts with, in letter order.

    The library's defaults, or `chosen` (the user's own defaults from their config) when given;
    clauses that do not apply to the Act and the urgency clause (added only when the draft is
    urgent) are left out.
    """
    wanted = set(chosen) if chosen is not None else None
    return [
        clause.id for clause in library.clauses(act)
        if (clause.default if wanted is None else clause.id in wanted)
        and URGENCY_CONCEPT not in clause.section
    ]


# ---- building --------------------------------------------------------------------------------


def build_letter(draft: Draft, library: Library | None = None,
                 today: date | None = None) -> Letter:
    """The letter's pieces (shared by the text and Markdown renderers, and by the TUI)."""
    if library is None:
        library = Library.load()
    frame = letter_frame()
    values = placeholder_values(draft, today)

    def frame_text(key: str, **extra: str) -> str:
        return fill(frame[key], {**values, **extra})

    subject = _subject_markdown(values, draft.topic)

    request_period = draft.period
    part_texts: list[str] = []
    relying = 0
    for part in draft.parts:
        text, relies = _part_text(part, draft.parts, request_period, today)
        relying += relies
        part_texts.append(mdtext.escape(text))
    period_sentence = None
    if request_period is not None and (relying or not draft.parts):
        key = "period_all" if relying == len(draft.parts) else "period_default"
        period_sentence = frame_text(key, period=period_words(request_period))

    chosen, missing, skipped = _chosen_clauses(draft, library)
    blocks: list[Block] = []
    preference_bodies: list[str] = []
    for clause, body in chosen:
        markdown = mdtext.unwrap_markdown(fill(body, values).strip())
        if not markdown:
            continue
        if clause.kind == "preference":
            preference_bodies.append(markdown)
            continue
        _flush_preferences(blocks, preference_bodies, frame_text)
        blocks.append(Block(paragraphs=[markdown]))
    _flush_preferences(blocks, preference_bodies, frame_text)

    requester = draft.requester
    sign_off = mdtext.escape(" ".join(requester.sign_off.split()) or "Ngā mihi")
    name = " ".join(requester.name.split())
    return Letter(
        subject=subject,
        salutation=salutation(draft, values),
        act_sentence=fill(acts.get_act(draft.act).request_sentence, values),
        period_sentence=period_sentence,
        parts=part_texts,
        blocks=blocks,
        sign_off=sign_off,
        name=mdtext.escape(name) if name else None,
        used_clauses=[clause.id for clause, _ in chosen],
        missing_clauses=missing,
        skipped_clauses=skipped,
    )


def _part_text(part: Part, parts: list[Part], request_period: Any,
               today: date | None) -> tuple[str, bool]:
    """The part's text (with its own period appended when given separately, or taken from an
    earlier part), and whether it relies on the request-wide period."""
    from oiadraft.periods import find_periods, part_period
    from oiadraft.text import without_titles

    text = part.text.strip()
    if find_periods(without_titles(text), today=today):  # a quoted title's date is its own
        return text, False
    period = part_period(part, parts, today)
    if period is not None and period != request_period:
        return _with_period(text, period_span(period)), False
    return text, request_period is not None


def _with_period(text: str, period: str) -> str:
    """Insert "(period)" before the part's closing punctuation, if it has any. The part is the
    user's text: it is substituted after the frame is filled, so braces in it stay as typed."""
    frame = fill(letter_frame()["part_with_period"], {"period": period})
    head, mark, tail = frame.partition("{text}")
    if not mark:
        return frame
    if text and text[-1] in ".;:,":
        return head + text[:-1] + tail + text[-1]
    return head + text + tail


def _chosen_clauses(draft: Draft, library: Library
                    ) -> tuple[list[tuple[Clause, str]], list[str], list[str]]:
    """(clause, body to use) in letter order, plus ids missing or not for this Act."""
    ids = list(dict.fromkeys(draft.clauses))
    if draft.urgent and not any(_is_urgency(library.find(i)) for i in ids):
        fallback = library.find(URGENCY_CLAUSE_ID)
        if fallback is None:
            fallback = next((c for c in library.clauses(draft.act) if _is_urgency(c)), None)
        if fallback is not None:
            ids.append(fallback.id)
    chosen: list[tuple[int, Clause, str]] = []
    missing: list[str] = []
    skipped: list[str] = []
    for position, clause_id in enumerate(ids):
        clause = library.find(clause_id)
        edit = draft.clause_edits.get(clause_id)
        if clause is None:
            if edit is None or not edit.strip():
                missing.append(clause_id)
                continue
            clause = Clause(id=clause_id, title=clause_id, kind="custom", body=edit)
        if not clause.applies_to(draft.act):
            skipped.append(clause_id)
            continue
        if _is_urgency(clause) and not draft.urgent:
            continue
        chosen.append((position, clause, edit if edit is not None else clause.body))
    chosen.sort(key=lambda item: (KIND_RANK.get(item[1].kind, len(KINDS)),
                                  item[1].order, item[0]))
    return [(clause, body) for _, clause, body in chosen], missing, skipped


def _is_urgency(clause: Clause | None) -> bool:
    return clause is not None and URGENCY_CONCEPT in clause.section


def _flush_preferences(blocks: list[Block], bodies: list[str], frame_text: Any) -> None:
    """Preference clauses become one block: an intro, a lettered list, an outro."""
    if not bodies:
        return
    intro, outro = frame_text("preferences_intro"), frame_text("preferences_outro")
    if all(mdtext.single_paragraph(body) for body in bodies):
        blocks.append(Block(paragraphs=[intro], lettered=list(bodies), outro=outro))
    else:
        blocks.append(Block(paragraphs=[intro, *bodies, outro]))
    bodies.clear()


def _hang(marker: str, text: str) -> str:
    """`marker` before the first line; later lines indented to line up under the text."""
    pad = " " * len(marker)
    lines = text.split("\n")
    return "\n".join([marker + lines[0]] + [(pad + line) if line else "" for line in lines[1:]])


def _letter(index: int) -> str:
    """0 -> a, 25 -> z, 26 -> aa (preferences beyond 26 are unlikely but must not crash)."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("a") + remainder) + letters
    return letters
