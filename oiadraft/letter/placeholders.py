"""What a clause body, a per-draft clause edit or the letter frame may say in braces, and the
check that says what is wrong with one (file and line for clause files, one message each for
an edit typed in the TUI).

    {agency}, {period}, {requester_name}, ...   plain values (PLACEHOLDERS)
    {s.grounds}, {section.grounds}, {n.grounds} a concept's section under the draft's Act
    {{ and }}                                   literal braces

`oiadraft.letter.template.fill` fills them; this module only knows their names.
"""

from __future__ import annotations

import string
from collections.abc import Iterable

from oiadraft import acts
from oiadraft.text import closest, join_or

PLACEHOLDERS: dict[str, str] = {
    "agency": "the agency or council the request goes to (\"the agency\" until one is chosen)",
    "act_name": "the Act's full name, e.g. Official Information Act 1982",
    "act_short": "the Act's short name, e.g. OIA or LGOIMA",
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
FRAME_ONLY_PLACEHOLDERS = frozenset({"topic", "text", "recipient"})
"""Extra placeholders in the letter frame (oiadraft/data/letter.yaml) only."""


def placeholder_help() -> list[tuple[str, str]]:
    """(placeholder as written, meaning) for help screens and `oiadraft clauses placeholders`."""
    rows = []
    for name, meaning in PLACEHOLDERS.items():
        if name in CONCEPT_PLACEHOLDERS:
            form = {"s": "cite", "section": "words", "n": "section"}[name]
            examples = [f"{getattr(profile, form)('preferences')} ({profile.short})"
                        for profile in acts.all_acts() if profile.has("preferences")]
            meaning += f", e.g. {{{name}.preferences}} is {join_or(examples)}"
            rows.append((f"{{{name}.<concept>}}", meaning))
        else:
            rows.append((f"{{{name}}}", meaning))
    return rows


def concepts_used(body: str) -> set[str]:
    """The Act concepts a body cites as {s.x}, {section.x} or {n.x} (well-formed ones only)."""
    from oiadraft.letter.template import placeholders

    return {p.key for p in placeholders(body) if p.root in CONCEPT_PLACEHOLDERS and p.key}


def check_placeholders(body: str, act_list: Iterable[str],
                       extra: Iterable[str] = ()) -> list[tuple[str, str]]:
    """(message, the text to point at) for each bad placeholder in a body or frame text.

    `act_list` are the Act keys the text must render under; `extra` names placeholders allowed
    beyond PLACEHOLDERS (the letter frame's {topic}).
    """
    allowed = set(PLACEHOLDERS) | set(extra)
    problems: list[tuple[str, str]] = []
    try:
        parsed = list(string.Formatter().parse(body))
    except ValueError as exc:
        return [(f"{exc}: write {{{{ and }}}} for a literal brace", _unbalanced_brace(body))]
    known_concepts = acts.concept_meanings()
    profiles = [acts.get_act(key) for key in act_list]
    for _literal, name, spec, conversion in parsed:
        if name is None:
            continue
        written = "{" + name + (f"!{conversion}" if conversion else "") + (
            f":{spec}" if spec else "") + "}"
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
            problems.extend((message, written) for message in
                            _concept_problems(written, root, dot, rest, known_concepts, profiles))
            continue
        if root in allowed and not dot:
            continue
        hint = closest(root, sorted(PLACEHOLDERS))
        problems.append((f"unknown placeholder {written}" + (
            f" (did you mean {{{hint}}}?)" if hint else
            f"; known placeholders: {', '.join(sorted(PLACEHOLDERS))}"), written))
    return problems


def _concept_problems(written: str, root: str, dot: str, rest: str,
                      known_concepts: Iterable[str], profiles: list[acts.ActProfile]) -> list[str]:
    if not dot or not rest or "." in rest or rest.startswith("_"):
        return [f"placeholder {written} needs a concept, e.g. {{{root}.grounds}}"]
    if rest not in known_concepts:
        hint = closest(rest, sorted(known_concepts))
        return [f"unknown Act concept in {written}" + (
            f" (did you mean {{{root}.{hint}}}?)" if hint else "")]
    return [f"{written} has no {profile.short} section; list only the Acts that have it in "
            f"`acts`" for profile in profiles if not profile.has(rest)]


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
