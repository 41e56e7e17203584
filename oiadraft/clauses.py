"""The clause library: reusable paragraphs for request letters, built-in and the user's own.

A clause is one YAML file (`version: 1`) with an `id`, `title`, `kind`, the `acts` it applies
to, the Act concept key(s) it rests on (`section`), a Markdown `body` with placeholders, `tags`,
`default` (ticked in a new draft) and `notes` (when to use it). Section numbers are never typed
in a clause: `{section.grounds}` renders "section 19(a)(ii)" under the OIA and "section
18(a)(ii)" under LGOIMA, from oiadraft/data/acts.yaml.

`Library.load()` reads the built-ins shipped with oiadraft and the user's clauses folder; a user
clause with a built-in's id overrides it (and can be reset). A bad file never stops the rest
loading: each problem is a DataError with file and line in `library.problems`. User clauses are
saved atomically, and deleting one moves it to the trash, from which `restore` brings it back.
"""

from __future__ import annotations

import bisect
import heapq
import math
import re
import string
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from oiadraft import acts, fsutil, mdtext, paths, yamlio
from oiadraft.errors import DataError, UserError
from oiadraft.text import join_or

CLAUSE_VERSION = 1
ACT_KEYS = acts.ACT_KEYS

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

# ---- placeholders: the one list of what a clause body (and the letter frame) may use ---------

PLACEHOLDERS: dict[str, str] = {
    "agency": "the agency or council the request goes to (\"the agency\" until one is chosen)",
    "act_name": "the Act's full name, e.g. Official Information Act 1982",
    "act_short": "the Act's short name: OIA or LGOIMA",
    "body_kind": "what the Act calls the recipient: agency, or local authority",
    "s": "short citation of a concept's section under the draft's Act",
    "section": "the section of a concept under the draft's Act, in words",
    "n": "the bare section number of a concept under the draft's Act",
    "period": "the period the whole request covers, in words",
    "requester_name": "the requester's name",
    "requester_email": "the requester's email address",
    "requester_phone": "the requester's phone number",
    "urgency_reasons": "why the request is urgent, in the requester's words",
    "priority_parts": "the part or parts to deal with first, e.g. \"part 1\" or \"parts 1 and 3\"",
    "part_count": "how many numbered parts the request has",
}
"""Every placeholder a clause body may use, with what it stands for."""
CONCEPT_PLACEHOLDERS = frozenset({"s", "section", "n"})
"""Placeholders that take an Act concept key after a dot: {s.preferences}."""
FRAME_ONLY_PLACEHOLDERS = frozenset({"topic", "text"})
"""Extra placeholders in the letter frame (oiadraft/data/letter.yaml) only."""

_FIELD = re.compile(r"\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)(?:\.([A-Za-z_][A-Za-z0-9_]*))?\}")


def placeholder_help() -> list[tuple[str, str]]:
    """(placeholder as written, meaning) for help screens and `oiadraft clauses --help`."""
    profiles = acts.all_acts()
    rows = []
    for name, meaning in PLACEHOLDERS.items():
        if name in CONCEPT_PLACEHOLDERS:
            example = {"s": "cite", "section": "words", "n": "section"}[name]
            shown = f"{{{name}.<concept>}}"
            shown_values = [f"{getattr(p, example)('preferences')} ({p.short})"
                            for p in profiles if p.has("preferences")]
            meaning += f", e.g. {{{name}.preferences}} is {join_or(shown_values)}"
        else:
            shown = f"{{{name}}}"
        rows.append((shown, meaning))
    return rows


# ---- the clause -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Clause:
    """One reusable paragraph (or a few) for a request letter."""

    id: str
    title: str
    kind: str
    body: str
    """Markdown with placeholders; no trailing newline."""
    acts: tuple[str, ...] = ACT_KEYS
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
            hint = _closest(str(key), FIELDS)
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
    kind = data.get("kind")
    if kind is not None and kind not in KINDS:
        error("kind", f"unknown kind {kind!r}; use one of {', '.join(KINDS)}")

    act_list = _string_list(data.get("acts", list(ACT_KEYS)))
    if act_list is None:
        error("acts", "acts must be a list such as [oia, lgoima]")
        act_list = []
    else:
        act_list = [act.lower() for act in act_list]
        bad = [act for act in act_list if act not in ACT_KEYS]
        if bad:
            error("acts", f"unknown act {bad[0]!r}; use oia and/or lgoima")
        if not act_list:
            error("acts", "acts is empty; list oia and/or lgoima")
        act_list = [act for act in ACT_KEYS if act in act_list]

    profiles = acts.load_acts()
    known_concepts = set(next(iter(profiles.values())).sections)
    raw_section = data.get("section", [])
    sections = _string_list([] if raw_section is None else raw_section)
    if sections is None:
        error("section", "section must be a concept key or a list of them, e.g. preferences")
        sections = []
    for key in sections:
        if key not in known_concepts:
            hint = _closest(key, sorted(known_concepts))
            error("section", f"unknown Act concept {key!r}" + (f" (did you mean {hint!r}?)"
                                                               if hint else ""))
        else:
            for act in act_list:
                if not profiles[act].has(key):
                    error("section", f"the {profiles[act].short} has no section for {key!r}; "
                                     f"list only the Acts that have it in `acts`")

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

    body = data.get("body")
    if body is not None and not isinstance(body, str):
        error("body", "body must be text (use `body: |` and indent the lines below it)")
    elif isinstance(body, str) and body.strip():
        for message, snippet in check_placeholders(body, act_list):
            errors.append(DataError(message, src, _line_of_snippet(text, line("body"), snippet)))

    if errors:
        return None, errors
    clause = Clause(
        id=clause_id,
        title=" ".join(title.split()),
        kind=kind,
        body=body.strip("\n").rstrip(),
        acts=tuple(act_list),
        section=tuple(sections),
        tags=tuple(tag.strip() for tag in tags if tag.strip()),
        default=default,
        notes=notes.strip(),
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


def check_placeholders(body: str, act_list: Iterable[str],
                       extra: Iterable[str] = ()) -> list[tuple[str, str]]:
    """(message, the text to point at) for each bad placeholder in a body or frame text.

    `extra` names placeholders allowed beyond PLACEHOLDERS (the letter frame's {topic}).
    """
    allowed = set(PLACEHOLDERS) | set(extra)
    problems: list[tuple[str, str]] = []
    try:
        parsed = list(string.Formatter().parse(body))
    except ValueError as exc:
        snippet = _unbalanced_brace(body)
        return [(f"{exc}: write {{{{ and }}}} for a literal brace", snippet)]
    profiles = acts.load_acts()
    known_concepts = set(next(iter(profiles.values())).sections)
    act_list = list(act_list)
    for _literal, name, spec, conversion in parsed:
        if name is None:
            continue
        written = "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec
                                                                          else "") + "}"
        if not name:
            problems.append(("empty placeholder {}; write {{ and }} for literal braces", written))
            continue
        if conversion or spec:
            problems.append((f"placeholder {written} has a format or conversion; write just "
                             f"{{{name}}}", written))
            continue
        root, dot, rest = name.partition(".")
        if "[" in root or "[" in rest:
            problems.append((f"placeholder {written} cannot be indexed", written))
            continue
        if root in CONCEPT_PLACEHOLDERS:
            if not dot or not rest or "." in rest:
                problems.append((f"placeholder {written} needs a concept, e.g. {{{root}.grounds}}",
                                 written))
            elif rest not in known_concepts:
                hint = _closest(rest, sorted(known_concepts))
                problems.append((f"unknown Act concept in {written}" + (
                    f" (did you mean {{{root}.{hint}}}?)" if hint else ""), written))
            else:
                for act in act_list:
                    if not profiles[act].has(rest):
                        problems.append((f"{written} has no {profiles[act].short} section; list "
                                         f"only the Acts that have it in `acts`", written))
            continue
        if root in allowed and not dot:
            continue
        hint = _closest(root, sorted(PLACEHOLDERS))
        problems.append((f"unknown placeholder {written}" + (
            f" (did you mean {{{hint}}}?)" if hint else
            f"; known placeholders: {', '.join(sorted(PLACEHOLDERS))}"), written))
    return problems


def _unbalanced_brace(body: str) -> str:
    depth_open = None
    for index, ch in enumerate(body):
        if ch == "{":
            if body.startswith("{{", index) and depth_open is None:
                continue
            depth_open = index
        elif ch == "}" and depth_open is None and not body.startswith("}}", index):
            return body[max(0, index - 10):index + 1]
        elif ch == "}":
            depth_open = None
    return body[depth_open:depth_open + 12] if depth_open is not None else "{"


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


def _closest(word: str, choices: Iterable[str]) -> str | None:
    from rapidfuzz import fuzz, process

    match = process.extractOne(word, list(choices), scorer=fuzz.ratio, score_cutoff=75)
    return match[0] if match else None


# ---- rendering a body -------------------------------------------------------------------------


@lru_cache(maxsize=1)
def letter_frame() -> dict[str, Any]:
    """The words around parts and clauses in a letter (oiadraft/data/letter.yaml), checked."""
    name = "oiadraft/data/letter.yaml"
    data = yamlio.load_file(paths.data_file("letter.yaml"), name)
    if not isinstance(data, dict) or not isinstance(data.get("missing"), dict):
        raise DataError("letter.yaml must be a mapping with a `missing` section", name)
    for key, value in list(data.items()) + list(data["missing"].items()):
        if isinstance(value, str):
            for message, _snippet in check_placeholders(value, ACT_KEYS,
                                                        FRAME_ONLY_PLACEHOLDERS):
                raise DataError(f"{key}: {message}", name, data.line_of(key))
    return data


def format_part_numbers(numbers: list[int]) -> str:
    """[1] -> "part 1"; [1, 3] -> "parts 1 and 3"; [1, 2, 4] -> "parts 1, 2 and 4"."""
    if not numbers:
        return ""
    shown = [str(n) for n in numbers]
    if len(shown) == 1:
        return f"part {shown[0]}"
    return f"parts {', '.join(shown[:-1])} and {shown[-1]}"


def placeholder_values(context: Any = None, today: date | None = None) -> dict[str, Any]:
    """Values for every placeholder, from a Draft, an act key, or a mapping.

    Text values are Markdown-escaped: what the user typed is data, never formatting. A value the
    draft does not have yet shows as a bracketed reminder ("[your name]").
    """
    draft = None
    given: Mapping[str, Any] = {}
    if context is None:
        act = "oia"
    elif isinstance(context, str):
        act = context
    elif isinstance(context, acts.ActProfile):
        act = context.key
    elif isinstance(context, Mapping):
        given = context
        act = str(context.get("act") or "oia")
    else:
        draft = context
        act = draft.act
    profile = acts.get_act(act)
    missing = letter_frame()["missing"]
    frame_values = {"body_kind": profile.body_kind}

    def missing_value(key: str) -> str:
        return str(missing.get(key, "")).format(**frame_values)

    values: dict[str, Any] = dict(profile.placeholders())
    values["body_kind"] = profile.body_kind
    if draft is not None:
        from oiadraft.periods import format_period

        requester = draft.requester
        numbers = draft.priority_numbers()
        found = {
            "agency": draft.agency.strip(),
            "period": format_period(draft.period) if draft.period else "",
            "requester_name": requester.name.strip(),
            "requester_email": requester.email.strip(),
            "requester_phone": requester.phone.strip(),
            "urgency_reasons": draft.urgency_reasons.strip(),
            "priority_parts": format_part_numbers(numbers),
            "part_count": str(len(draft.parts)) if draft.parts else "",
        }
    else:
        found = {key: str(given.get(key) or "").strip() for key in PLACEHOLDERS
                 if key not in CONCEPT_PLACEHOLDERS and key not in values}
    for key, value in found.items():
        values[key] = mdtext.escape(value) if value else missing_value(key)
    return values


def fill(template: str, values: Mapping[str, Any]) -> str:
    """Replace placeholders (see `oiadraft.letter.template.fill`): anything unknown or
    malformed is left exactly as written, and nothing is looked up as an attribute."""
    from oiadraft.letter.template import fill as fill_template

    return fill_template(template, values)


def render_body(clause: Clause | str, context: Any = None, today: date | None = None,
                format: str = "markdown") -> str:
    """A clause body (or any body text) with its placeholders filled for a draft or an Act.

    `format="markdown"` keeps the Markdown (user values escaped); `"text"` gives clean text.
    """
    body = clause.body if isinstance(clause, Clause) else str(clause)
    markdown = fill(body, placeholder_values(context, today))
    if format == "text":
        return mdtext.to_text(markdown)
    if format != "markdown":
        raise ValueError(f"unknown format {format!r}")
    return markdown


# ---- search -------------------------------------------------------------------------------------

STOP_WORDS = frozenset({
    "a", "an", "and", "any", "are", "as", "at", "be", "by", "do", "for", "from", "i", "if", "in",
    "is", "it", "me", "my", "of", "on", "or", "our", "please", "that", "the", "this", "to", "we",
    "with", "you", "your",
})
FIELD_WEIGHTS = {"title": 1.0, "tags": 0.9, "body": 0.7}


@dataclass(frozen=True)
class SearchHit:
    """A clause found by `Library.search`, with its score (0-100, higher is better)."""

    clause: Clause
    score: float


class _SearchIndex:
    """Words of every clause's title, tags and body, preprocessed once.

    A query word matches index words exactly, as a prefix, or fuzzily (rapidfuzz over the
    vocabulary, not over every clause), so a search stays fast for 10,000 clauses.
    """

    def __init__(self, clauses: list[Clause]) -> None:
        from rapidfuzz.utils import default_process

        self.clauses = clauses
        self.process = default_process
        postings: dict[str, dict[int, float]] = {}
        self.titles: list[str] = []
        self.by_act: dict[str, list[int]] = {act: [] for act in ACT_KEYS}
        self.cite_postings: dict[str, dict[str, dict[int, float]]] = {}
        """Section citations per Act, so "s15" finds LGOIMA preference clauses only there."""
        for index, clause in enumerate(clauses):
            title = default_process(clause.title)
            self.titles.append(title)
            for act in clause.acts:
                self.by_act.setdefault(act, []).append(index)
            extra = [clause.id.replace("-", " "), clause.kind, " ".join(clause.tags)]
            for key in clause.section:
                extra.append(key.replace("_", " "))
                for act in clause.acts:
                    profile = acts.get_act(act)
                    if profile.has(key):
                        # "s19(a)(ii)" is found by "s19", "19(a)", "section 19(a)(ii)" (under
                        # that Act only: s15 is a preference under LGOIMA, not the OIA)
                        words = self.cite_postings.setdefault(act, {})
                        for word in {compact_cite(profile.section(key)),
                                     compact_cite(_CITE_MAIN.match(profile.section(key))[0])}:
                            words.setdefault(word, {})[index] = FIELD_WEIGHTS["tags"]
            fields = (
                (FIELD_WEIGHTS["title"], title),
                (FIELD_WEIGHTS["tags"], default_process(" ".join(extra))),
                (FIELD_WEIGHTS["body"], default_process(_searchable_body(clause))),
            )
            for weight, text in fields:
                for word in set(text.split()):
                    slot = postings.setdefault(word, {})
                    if slot.get(index, 0.0) < weight:
                        slot[index] = weight
        self.postings = postings
        self.vocabulary = sorted(postings)
        self.by_length: dict[int, list[str]] = {}
        for word in self.vocabulary:
            self.by_length.setdefault(len(word), []).append(word)

    def word_matches(self, token: str) -> dict[str, float]:
        """Index words that match one query word, with a similarity 0-100."""
        from rapidfuzz import fuzz, process

        matches: dict[str, float] = {}
        if token in self.postings:
            matches[token] = 100.0
        if len(token) >= 2:
            start = bisect.bisect_left(self.vocabulary, token)
            for word in self.vocabulary[start:start + 200]:
                if not word.startswith(token):
                    break
                if word != token:
                    matches[word] = max(matches.get(word, 0.0),
                                        90.0 + 9.0 * len(token) / len(word))
        if len(token) >= 4 and token not in self.postings:
            # Typo tolerance, only for words the index does not know as they are. Words too
            # short or too long to reach the cutoff are not scored at all: with ratio >= c,
            # the shorter length is at least c / (200 - c) of the longer.
            cutoff = 80 if len(token) >= 6 else 75
            factor = cutoff / (200 - cutoff)
            low, high = math.ceil(len(token) * factor), math.floor(len(token) / factor)
            choices = [word for length in range(low, high + 1)
                       for word in self.by_length.get(length, ())]
            for word, score, _ in process.extract(token, choices, scorer=fuzz.ratio,
                                                  processor=None, limit=40, score_cutoff=cutoff):
                matches[word] = max(matches.get(word, 0.0), float(score) * 0.95)
        return matches

    def search(self, query: str, act: str | None, kind: str | None,
               limit: int | None) -> list[SearchHit]:
        from rapidfuzz import fuzz

        cites = [compact_cite(match.group(1)) for match in _CITE_IN_QUERY.finditer(query)]
        processed = self.process(_CITE_IN_QUERY.sub(" ", query))
        tokens = cites + processed.split()
        processed = self.process(query)
        if not tokens:
            indices = self.by_act.get(act, []) if act else range(len(self.clauses))
            hits = [SearchHit(self.clauses[i], 0.0) for i in indices
                    if kind is None or self.clauses[i].kind == kind]
            return hits[:limit] if limit else hits
        meaningful = [token for token in tokens if token not in STOP_WORDS] or tokens
        totals: dict[int, float] = {}
        for token in meaningful:
            best: dict[int, float] = {}
            for word, similarity in self.word_matches(token).items():
                for index, weight in self.postings[word].items():
                    score = similarity * weight
                    if score > best.get(index, 0.0):
                        best[index] = score
            for cite_act in ([act] if act else ACT_KEYS) if token.startswith("s") else ():
                for word, postings in self.cite_postings.get(cite_act, {}).items():
                    if word.startswith(token):
                        similarity = 100.0 if word == token else 95.0
                        for index, weight in postings.items():
                            if similarity * weight > best.get(index, 0.0):
                                best[index] = similarity * weight
            for index, score in best.items():
                totals[index] = totals.get(index, 0.0) + score
        allowed = set(self.by_act.get(act, [])) if act else None
        count = len(meaningful)
        candidates = [
            (total / count, index) for index, total in totals.items()
            if (allowed is None or index in allowed)
            and (kind is None or self.clauses[index].kind == kind)
        ]
        # Re-rank the best few by how well the whole query matches the title as a phrase.
        top = heapq.nlargest(max(limit or 0, 50), candidates)
        ranked = []
        for score, index in top:
            phrase = fuzz.partial_ratio(processed, self.titles[index]) if self.titles[index] else 0
            ranked.append((round(score * 0.85 + phrase * 0.15, 2), index))
        ranked.sort(key=lambda item: (-item[0], self.clauses[item[1]].title.lower()))
        hits = [SearchHit(self.clauses[index], score) for score, index in ranked]
        return hits[:limit] if limit else hits


_CITE_MAIN = re.compile(r"\d+[A-Z]*")
_CITE_IN_QUERY = re.compile(
    r"(?<![\w])(?:ss?\.?\s?|sections?\s+)?(\d{1,2}[A-Za-z]{0,2}(?:\([0-9A-Za-z]{1,4}\))*)(?![\w(])",
    re.IGNORECASE)


def compact_cite(section: str) -> str:
    """A section number as one search word: "19(a)(ii)" -> "s19aii", "15A" -> "s15a"."""
    return "s" + re.sub(r"[^a-z0-9]", "", section.lower())


def _searchable_body(clause: Clause) -> str:
    # Placeholders are not words a person searches for; their section numbers are covered by
    # the clause's `section` keys, so drop them and keep the prose.
    return _FIELD.sub(" ", clause.body)


# ---- the library --------------------------------------------------------------------------------


class Library:
    """Built-in clauses plus the user's own; the user's win when the ids are the same."""

    def __init__(self, builtins: Iterable[Clause] = (), user: Iterable[Clause] = (),
                 problems: Iterable[DataError] = (), user_dir: Path | None = None,
                 builtin_dir: Any = None) -> None:
        self._builtins: dict[str, Clause] = {}
        for clause in builtins:
            self._builtins.setdefault(clause.id, clause)
        self._user: dict[str, Clause] = {}
        for clause in user:
            self._user.setdefault(clause.id, clause)
        self.problems: list[DataError] = list(problems)
        """Every file or entry that could not be loaded, as "file:line: message"."""
        self._user_dir = user_dir
        self._builtin_dir = builtin_dir
        self._index: _SearchIndex | None = None
        self._sorted: list[Clause] | None = None

    # -- loading --

    @classmethod
    def load(cls, builtin_dir: Any = None, user_dir: Path | None = None) -> Library:
        """Read the built-ins and the user's clauses folder; problems never stop the rest."""
        library = cls(user_dir=user_dir, builtin_dir=builtin_dir)
        library.reload()
        return library

    @classmethod
    def from_clauses(cls, clauses: Iterable[Clause]) -> Library:
        """A library over clauses built in memory (tests, benchmarks)."""
        return cls(builtins=clauses)

    def reload(self) -> None:
        """Read both folders again (after an edit made elsewhere)."""
        problems: list[DataError] = []
        folder = self._builtin_dir if self._builtin_dir is not None else paths.builtin("clauses")
        files = sorted((entry for entry in folder.iterdir() if _is_clause_file(entry.name)),
                       key=lambda entry: entry.name)
        self._builtins = self._read(files, problems, builtin=True)
        self._user = self._read(self._user_files(), problems, builtin=False)
        self.problems = problems
        self._changed()

    @property
    def user_dir(self) -> Path:
        """The folder of the user's own clauses (created on demand)."""
        if self._user_dir is not None:
            self._user_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
            return self._user_dir
        return paths.user_clauses_dir()

    @property
    def trash_dir(self) -> Path:
        return paths.trash_dir() / "clauses"

    def _user_files(self) -> list[Path]:
        return sorted(path for path in self.user_dir.iterdir()
                      if _is_clause_file(path.name) and path.is_file())

    @staticmethod
    def _read(files: Iterable[Any], problems: list[DataError], builtin: bool) -> dict[str, Clause]:
        found: dict[str, Clause] = {}
        for entry in files:
            clause, errors = load_clause_file(entry, builtin=builtin)
            problems.extend(errors)
            if clause is None:
                continue
            if clause.id in found:
                first = found[clause.id].source
                problems.append(DataError(f"clause id {clause.id!r} is already used by {first}; "
                                          f"this file is ignored", clause.source, 1))
                continue
            found[clause.id] = clause
        return found

    def _changed(self) -> None:
        self._index = None
        self._sorted = None

    # -- reading --

    def clauses(self, act: str | None = None, kind: str | None = None) -> list[Clause]:
        """The effective clauses (user overrides applied), in letter order."""
        if self._sorted is None:
            merged = dict(self._builtins)
            merged.update(self._user)
            self._sorted = sorted(merged.values(), key=sort_key)
        return [clause for clause in self._sorted
                if (act is None or act in clause.acts) and (kind is None or clause.kind == kind)]

    def __iter__(self) -> Iterator[Clause]:
        return iter(self.clauses())

    def __len__(self) -> int:
        return len(self.clauses())

    def __contains__(self, clause_id: object) -> bool:
        return clause_id in self._user or clause_id in self._builtins

    def find(self, clause_id: str) -> Clause | None:
        """The effective clause with this id, or None."""
        return self._user.get(clause_id) or self._builtins.get(clause_id)

    def get(self, clause_id: str) -> Clause:
        """The effective clause with this id; UserError (with a suggestion) when unknown."""
        clause = self.find(clause_id)
        if clause is None:
            hint = _closest(clause_id, [c.id for c in self.clauses()])
            raise UserError(f"no clause {clause_id!r}" + (f"; did you mean {hint!r}?" if hint
                                                          else " (see `oiadraft clauses list`)"))
        return clause

    def builtin(self, clause_id: str) -> Clause | None:
        """The shipped version of a clause (for showing what the user changed, or resetting)."""
        return self._builtins.get(clause_id)

    def is_builtin(self, clause_id: str) -> bool:
        """True when oiadraft ships a clause with this id (whether or not the user edited it)."""
        return clause_id in self._builtins

    def is_user(self, clause_id: str) -> bool:
        """True when the user has a clause file with this id (their own or an edited built-in)."""
        return clause_id in self._user

    def is_overridden(self, clause_id: str) -> bool:
        """True when the user's clause replaces a built-in of the same id."""
        return clause_id in self._user and clause_id in self._builtins

    def is_modified(self, clause_id: str) -> bool:
        """True when an override actually differs from the built-in."""
        if not self.is_overridden(clause_id):
            return False
        return not self._user[clause_id].same_content(self._builtins[clause_id])

    def search(self, query: str, act: str | None = None, limit: int | None = 20,
               kind: str | None = None) -> list[SearchHit]:
        """Clauses ranked by how well title, tags and body match the query (typos allowed).

        An empty query lists every clause (for the act) in letter order.
        """
        if self._index is None:
            self._index = _SearchIndex(self.clauses())
        return self._index.search(query, act, kind, limit)

    # -- changing the user's clauses --

    def save(self, clause: Clause) -> Clause:
        """Write a clause to the user's folder (an edited built-in becomes an override).

        The clause is validated first; nothing is written when it is invalid (DataError).
        """
        target = self._user_path(clause.id)
        text = clause_to_yaml(clause)
        checked, errors = validate_text(text, target)
        if errors or checked is None:
            raise errors[0] if errors else DataError("invalid clause", target)
        fsutil.atomic_write_text(target, text)
        saved = replace(checked, source=str(target), builtin=False)
        self._user[saved.id] = saved
        self._changed()
        return saved

    def save_text(self, yaml_text: str) -> Clause:
        """Validate and save clause YAML typed in the editor; DataError (first problem) if bad."""
        clause, errors = validate_text(yaml_text, "<editor>")
        if errors or clause is None:
            raise errors[0] if errors else DataError("invalid clause", "<editor>")
        return self.save(clause)

    def rename(self, clause_id: str, new_id: str) -> Clause:
        """Give one of the user's clauses a new id (a built-in is duplicated instead)."""
        if clause_id not in self._user:
            if clause_id in self._builtins:
                raise UserError(f"{clause_id!r} is a built-in clause; duplicate it to make your "
                                "own copy with a new id")
            self.get(clause_id)
        self._check_new_id(new_id)
        old = self._user[clause_id]
        saved = self.save(replace(old, id=new_id))
        old_path = Path(old.source) if old.source else None
        if old_path and old_path.exists() and old_path != Path(saved.source or ""):
            old_path.unlink()
        del self._user[clause_id]
        self._changed()
        return saved

    def duplicate(self, clause_id: str, new_id: str | None = None) -> Clause:
        """Copy any clause under a new id in the user's folder (the way to adapt a built-in)."""
        original = self.get(clause_id)
        if new_id is None:
            new_id = self._free_id(f"{clause_id}-copy")
        self._check_new_id(new_id)
        title = original.title if original.title.endswith("(copy)") else f"{original.title} (copy)"
        return self.save(replace(original, id=new_id, title=title))

    def delete(self, clause_id: str) -> Path:
        """Move one of the user's clauses to the trash (recoverable with `restore`).

        Deleting an edited built-in brings the shipped version back.
        """
        if clause_id not in self._user:
            if clause_id in self._builtins:
                raise UserError(f"{clause_id!r} is a built-in clause and cannot be deleted; leave "
                                "it unticked in your drafts instead")
            self.get(clause_id)
        clause = self._user[clause_id]
        source = Path(clause.source or self._user_path(clause_id))
        moved = fsutil.move_to_folder(source, self.trash_dir)
        del self._user[clause_id]
        self._changed()
        return moved

    def reset(self, clause_id: str) -> Clause:
        """Drop the user's edit of a built-in (kept in the trash) and return the built-in."""
        if not self.is_overridden(clause_id):
            raise UserError(f"{clause_id!r} is not an edited built-in clause; nothing to reset")
        self.delete(clause_id)
        return self._builtins[clause_id]

    def trashed(self) -> list[Path]:
        """Deleted clause files, newest deletion first."""
        folder = self.trash_dir
        if not folder.is_dir():
            return []
        return sorted((p for p in folder.iterdir() if _is_clause_file(p.name)),
                      key=_trash_age, reverse=True)

    def restore(self, clause_id_or_path: str | Path) -> Clause:
        """Bring a deleted clause back from the trash (the most recently deleted one of that id)."""
        candidate = Path(clause_id_or_path)
        if candidate.is_file():
            path = candidate
        else:
            wanted = str(clause_id_or_path)
            matches = [p for p in self.trashed() if p.name.split(".")[0] == wanted]
            if not matches:
                raise UserError(f"no deleted clause {wanted!r} in {self.trash_dir}")
            path = matches[0]
        clause, errors = load_clause_file(path)
        if clause is None:
            raise errors[0]
        if clause.id in self._user:
            raise UserError(f"you already have a clause {clause.id!r}; rename it before restoring "
                            "the deleted one")
        target = self._user_path(clause.id)
        path.replace(target)
        restored = replace(clause, source=str(target), builtin=False)
        self._user[restored.id] = restored
        self._changed()
        return restored

    validate_text = staticmethod(validate_text)

    # -- helpers --

    def _user_path(self, clause_id: str) -> Path:
        existing = self._user.get(clause_id)
        if existing is not None and existing.source:
            return Path(existing.source)
        problem = id_problem(clause_id)
        if problem:
            raise UserError(problem)
        return self.user_dir / f"{clause_id}.yaml"

    def _check_new_id(self, new_id: str) -> None:
        problem = id_problem(new_id)
        if problem:
            raise UserError(problem)
        if new_id in self:
            raise UserError(f"a clause {new_id!r} already exists; choose another id")
        if (self.user_dir / f"{new_id}.yaml").exists():
            raise UserError(f"{self.user_dir / (new_id + '.yaml')} already exists")

    def _free_id(self, base: str) -> str:
        base = base[:MAX_ID_LENGTH - 4].rstrip("-")
        candidate, number = base, 2
        while candidate in self or (self.user_dir / f"{candidate}.yaml").exists():
            candidate = f"{base}-{number}"
            number += 1
        return candidate


def sort_key(clause: Clause) -> tuple[int, int, str, str]:
    """Letter order: by kind, then `order`, then title."""
    return (KIND_RANK.get(clause.kind, len(KINDS)), clause.order, clause.title.lower(), clause.id)


def load_clause_file(path: Any, builtin: bool = False) -> tuple[Clause | None, list[DataError]]:
    """Read and validate one clause file (a Path or an importlib.resources Traversable)."""
    name = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [DataError(f"cannot read: {exc.strerror or exc}", name)]
    try:
        text = yamlio.decode(raw, name)
        data = yamlio.load(text, name)
    except DataError as exc:
        return None, [exc]
    return parse_clause(data, name, text, builtin=builtin)


def validate_files(files: Iterable[Path]) -> list[DataError]:
    """Problems in the given clause files, including ids used twice among them."""
    problems: list[DataError] = []
    seen: dict[str, str] = {}
    for path in files:
        clause, errors = load_clause_file(Path(path))
        problems.extend(errors)
        if clause is not None:
            if clause.id in seen:
                problems.append(DataError(f"clause id {clause.id!r} is also used by "
                                          f"{seen[clause.id]}", clause.source, 1))
            seen.setdefault(clause.id, str(path))
    return problems


def _is_clause_file(name: str) -> bool:
    return not name.startswith(".") and (name.endswith(".yaml") or name.endswith(".yml"))


def _trash_age(path: Path) -> tuple[str, float]:
    # move_to_folder names a second deletion of the same file `<id>.<timestamp>.yaml`; the plain
    # name is the oldest. Sort by that stamp, then by modification time.
    parts = path.name.split(".")
    stamp = parts[1] if len(parts) > 2 else ""
    try:
        mtime = path.stat().st_mtime
    except OSError:
        mtime = 0.0
    return (stamp, mtime)
