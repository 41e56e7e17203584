"""A clause: one reusable paragraph for request letters, its file form and its validation.

A clause is one YAML file (`version: 1`) with an `id`, `title`, `kind`, the `acts` it applies
to, the Act concept key(s) it rests on (`section`), a Markdown `body` with placeholders, `tags`,
`default` (ticked in a new draft) and `notes` (when to use it). Section numbers are never typed
in a clause: `{section.grounds}` renders "section 19(a)(ii)" under the OIA and "section
18(a)(ii)" under LGOIMA, from the Act profiles in oiadraft/data/acts/. A clause file with no
`acts` applies to every Act that has all the sections it cites.

`validate_text` (a clause file's YAML) and `check_edit` (a per-draft rewording of a body, as the
TUI saves it) use the same placeholder check, `oiadraft.letter.placeholders.check_placeholders`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from oiadraft import acts, mdtext, yamlio
from oiadraft.errors import DataError
from oiadraft.letter.placeholders import check_placeholders, concepts_used
from oiadraft.text import closest, join_or, strip_controls

CLAUSE_VERSION = 1

KINDS = ("process", "preference", "withholding", "custom", "closing")
"""Clause kinds in the order they appear in a letter (after the numbered parts)."""
KIND_RANK = {kind: rank for rank, kind in enumerate(KINDS)}
KIND_MEANINGS = {
    "process": "how the request is handled: urgency, priority, consultation before refusing",
    "preference": "the form in which the information is released",
    "withholding": "what happens when information is withheld: reasons, grounds, deletions",
    "custom": "anything else the user writes",
    "closing": "contact details and thanks before the sign-off",
}

FIELDS = ("version", "id", "title", "kind", "acts", "section", "order", "default", "tags",
          "notes", "body")
"""The keys a clause file may have, in the order they are written."""
REQUIRED = ("id", "title", "kind", "body")
DEFAULT_ORDER = 50
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_ID_LENGTH = 64


def _every_act() -> tuple[str, ...]:
    return acts.act_keys()


# ---- the clause -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Clause:
    """One reusable paragraph (or a few) for a request letter."""

    id: str
    title: str
    kind: str
    body: str
    """Markdown with placeholders; no trailing newline."""
    acts: tuple[str, ...] = field(default_factory=_every_act)
    """Keys of the Acts it applies to (built in memory: every Act)."""
    section: tuple[str, ...] = ()
    """Act concept keys, the main one first (shown as the clause's section)."""
    tags: tuple[str, ...] = ()
    default: bool = False
    """Ticked in a new draft."""
    notes: str = ""
    """When to use it, in a sentence or two."""
    order: int = DEFAULT_ORDER
    """Position among clauses of the same kind in a letter (lower first)."""
    source: str | None = field(default=None, compare=False)
    """The file it was loaded from (None for a clause built in memory)."""
    builtin: bool = field(default=False, compare=False)
    """True for a clause shipped with oiadraft."""

    def applies_to(self, act: str) -> bool:
        return act in self.acts

    def cites(self, act: str) -> list[str]:
        """The clause's sections as short citations under an Act: ["s19(a)(ii)", "s19(a)(i)"]."""
        profile = acts.get_act(act)
        return [profile.cite(key) for key in self.section if profile.has(key)]

    def same_content(self, other: Clause) -> bool:
        """True when two clauses say the same thing (source and origin aside)."""
        return self == other


def clause_to_dict(clause: Clause) -> dict[str, Any]:
    """The on-disk form of a clause (keys in a readable order, `|` bodies)."""
    section: Any = list(clause.section)
    if len(section) == 1:
        section = section[0]
    data: dict[str, Any] = {
        "version": CLAUSE_VERSION,
        "id": clause.id,
        "title": clause.title,
        "kind": clause.kind,
        "acts": list(clause.acts),
        "section": section,
        "order": clause.order,
        "default": clause.default,
        "tags": list(clause.tags),
        "notes": _block(clause.notes),
        "body": _block(clause.body),
    }
    if clause.order == DEFAULT_ORDER:
        del data["order"]
    return data


def clause_to_yaml(clause: Clause) -> str:
    """YAML text for a clause, as written to the user's clauses folder and shown in the editor."""
    return yamlio.dump(clause_to_dict(clause))


def _block(text: str) -> str:
    # A trailing newline makes the dumper use `|` block style even for one-line text.
    text = text.strip("\n")
    return text + "\n" if text else ""


# ---- validation -------------------------------------------------------------------------------


def validate_text(yaml_text: str, source: str | Path = "<clause>") -> tuple[Clause | None, list[DataError]]:
    """Check the YAML text of one clause (the TUI editor calls this before saving).

    Returns the clause when it is valid, else None, and every problem found, each with the line.
    """
    try:
        data = yamlio.load(yaml_text, source)
    except DataError as exc:
        return None, [exc]
    return parse_clause(data, source, yaml_text)


def parse_clause(data: Any, source: str | Path, text: str | None = None,
                 builtin: bool = False) -> tuple[Clause | None, list[DataError]]:
    """Validate loaded YAML as a clause; `text` (the raw file) lets errors point at lines."""
    src = str(source)
    if not isinstance(data, dict):
        what = "empty" if data is None else f"a {type(data).__name__}"
        return None, [DataError(f"a clause file must be a YAML mapping of fields, not {what}", src,
                                getattr(data, "line", None) or 1)]
    errors: list[DataError] = []

    def line(key: str) -> int | None:
        return data.line_of(key) if hasattr(data, "line_of") else None

    def error(key: str, message: str, at: int | None = None) -> None:
        errors.append(DataError(message, src, at if at is not None else line(key)))

    for key in data:
        if key not in FIELDS:
            hint = closest(str(key), FIELDS)
            error(str(key), f"unknown field {key!r}" + (f" (did you mean {hint!r}?)" if hint
                                                        else f"; fields are {', '.join(FIELDS)}"))
    version = data.get("version", CLAUSE_VERSION)
    if version != CLAUSE_VERSION:
        error("version", f"unsupported clause version {version!r} (this oiadraft reads version "
                         f"{CLAUSE_VERSION})")
    for key in REQUIRED:
        value = data.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            error(key, f"missing {key}" if key not in data else f"{key} is empty",
                  line(key) if key in data else getattr(data, "line", None))

    clause_id = data.get("id")
    if clause_id is not None and not isinstance(clause_id, str):
        error("id", "id must be text, e.g. whole-documents")
    elif isinstance(clause_id, str) and clause_id.strip():
        problem = id_problem(clause_id)
        if problem:
            error("id", problem)

    title = data.get("title")
    if title is not None and not isinstance(title, str):
        error("title", "title must be text")
    for key in ("title", "body", "notes", "tags"):
        # A NUL is never text: the raw byte is refused by the YAML reader (a binary file?),
        # and the same character written as an escape ("\0", "\x00") is refused here, so the
        # letter never silently loses or carries it
        value = data.get(key)
        values = value if isinstance(value, list) else [value]
        if any(isinstance(item, str) and "\0" in item for item in values):
            error(key, f"{key} holds a NUL character (written \\0, \\x00 or \\u0000), which "
                       "is not text; remove it")
    kind = data.get("kind")
    if kind is not None and kind not in KINDS:
        error("kind", f"unknown kind {kind!r}; use one of {', '.join(KINDS)}")

    every_act = acts.act_keys()
    known_concepts = acts.concept_meanings()
    raw_section = data.get("section", [])
    sections = _string_list([] if raw_section is None else raw_section)
    if sections is None:
        error("section", "section must be a concept key or a list of them, e.g. preferences")
        sections = []
    for key in sections:
        if key not in known_concepts:
            hint = closest(key, sorted(known_concepts))
            error("section", f"unknown Act concept {key!r}" + (f" (did you mean {hint!r}?)"
                                                               if hint else ""))
    body = data.get("body")

    if "acts" in data:
        act_list = _string_list(data.get("acts"))
        if act_list is None:
            error("acts", f"acts must be a list such as [{', '.join(every_act)}]")
            act_list = []
        else:
            act_list = [act.lower() for act in act_list]
            bad = [act for act in act_list if act not in every_act]
            if bad:
                error("acts", f"unknown act {bad[0]!r}; use {join_or(every_act)}")
            if not act_list:
                error("acts", f"acts is empty; list one or more of {', '.join(every_act)}")
            act_list = [act for act in every_act if act in act_list]
        for key in sections:
            for act in act_list:
                profile = acts.get_act(act)
                if key in known_concepts and not profile.has(key):
                    error("section", f"the {profile.short} has no section for {key!r}; list "
                                     "only the Acts that have it in `acts`")
    else:
        # no `acts`: every Act that has all the sections the clause cites
        cited = set(sections) | (concepts_used(body) if isinstance(body, str) else set())
        act_list = [key for key in every_act
                    if all(acts.get_act(key).has(concept) for concept in cited)]
        if not act_list and not errors:
            error("section", "no Act has all the sections this clause cites; split it, or "
                             "list its Acts in `acts`", line("section") or line("body"))

    tags = _string_list(data.get("tags") or [])
    if tags is None:
        error("tags", "tags must be a list of words")
        tags = []
    default = data.get("default", False)
    if not isinstance(default, bool):
        error("default", "default must be true or false")
        default = False
    notes = data.get("notes") or ""
    if not isinstance(notes, str):
        error("notes", "notes must be text")
        notes = ""
    order = data.get("order", DEFAULT_ORDER)
    if not isinstance(order, int) or isinstance(order, bool):
        error("order", "order must be a whole number")
        order = DEFAULT_ORDER

    if body is not None and not isinstance(body, str):
        error("body", "body must be text (use `body: |` and indent the lines below it)")
    elif isinstance(body, str) and body.strip():
        for message, snippet in check_placeholders(body, act_list):
            errors.append(DataError(message, src, _line_of_snippet(text, line("body"), snippet)))

    if errors:
        return None, errors
    # escape codes and control characters (a file written from a coloured terminal) are not
    # text: they never reach the screen, the letter or the clipboard
    clause = Clause(
        id=clause_id,
        title=" ".join(strip_controls(title).split()),
        kind=kind,
        body=strip_controls(body).strip("\n").rstrip(),
        acts=tuple(act_list),
        section=tuple(sections),
        tags=tuple(tag for tag in (strip_controls(t).strip() for t in tags) if tag),
        default=default,
        notes=strip_controls(notes).strip(),
        order=order,
        source=src,
        builtin=builtin,
    )
    return clause, []


def id_problem(clause_id: str) -> str | None:
    """Why a clause id is not acceptable, or None when it is fine."""
    if len(clause_id) > MAX_ID_LENGTH:
        return f"id is longer than {MAX_ID_LENGTH} characters"
    if not ID_PATTERN.match(clause_id):
        return (f"id {clause_id!r} must be a lowercase slug: letters a-z, digits and single "
                f"hyphens, e.g. {slugify(clause_id) or 'my-clause'!r}")
    return None


def slugify(text: str) -> str:
    """A clause id from any text: "Whole documents!" -> "whole-documents"."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:MAX_ID_LENGTH].rstrip("-")


def _line_of_snippet(text: str | None, start_line: int | None, snippet: str) -> int | None:
    """The first line at or after `start_line` whose text contains `snippet` (the key's line
    when the raw text is unknown)."""
    if not text or start_line is None:
        return start_line
    lines = text.splitlines()
    probe = snippet.strip().splitlines()[0] if snippet.strip() else snippet
    for number in range(start_line, len(lines) + 1):
        if probe and probe in lines[number - 1]:
            return number
    return start_line


def _string_list(value: Any) -> list[str] | None:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return list(value)
    return None



def sort_key(clause: Clause) -> tuple[int, int, str, str]:
    """Letter order: by kind, then `order`, then title."""
    return (KIND_RANK.get(clause.kind, len(KINDS)), clause.order, clause.title.lower(), clause.id)



def check_edit(body: str, act: str) -> list[str]:
    """What is wrong with a per-draft rewording of a clause body under the draft's Act, one
    message per problem (empty when it is fine): the same placeholder check as clause files.
    The TUI calls it when an edit is saved; rendering never prints internals either way, since
    `fill` leaves anything it cannot fill exactly as typed."""
    return [message for message, _snippet in check_placeholders(body, [acts.get_act(act).key])]


def render_body(clause: Clause | str, context: Any = None, today: date | None = None,
                format: str = "markdown") -> str:
    """A clause body (or any body text) with its placeholders filled for a draft or an Act.

    `format="markdown"` keeps the Markdown (user values escaped); `"text"` gives clean text.
    """
    from oiadraft.letter.template import fill
    from oiadraft.letter.values import placeholder_values

    body = clause.body if isinstance(clause, Clause) else str(clause)
    markdown = fill(body, placeholder_values(context, today))
    if format == "text":
        return mdtext.to_text(markdown)
    if format != "markdown":
        raise ValueError(f"unknown format {format!r}")
    return markdown


