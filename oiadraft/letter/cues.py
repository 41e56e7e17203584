"""The splitter's cue file (`oiadraft/data/letter_cues.yaml`), compiled and checked, and what it
reads in a letter's opening: the body the greeting is addressed to (`addressee`) and what the
whole request is about (`subject`)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from oiadraft import acts, paths, yamlio
from oiadraft.errors import DataError

CUES_FILE = "letter_cues.yaml"


@lru_cache(maxsize=1)
def letter_rules() -> dict[str, Any]:
    """The cue file's patterns, compiled and checked (file and line on a bad pattern)."""
    where = f"oiadraft/data/{CUES_FILE}"
    data = yamlio.load_file(paths.data_file(CUES_FILE), where)
    if not isinstance(data, dict) or data.get("version") != 1:
        raise DataError("the cue file must be a mapping with version: 1", where)

    def patterns(key: str) -> list[str]:
        node = data.get(key) or {}
        value = node.get("patterns") if isinstance(node, dict) else None
        if not isinstance(value, list) or not all(isinstance(p, str) for p in value):
            raise DataError(f"{key}.patterns must be a list of patterns", where,
                            data.line_of(key))
        for pattern in value:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise DataError(f"{key}: bad pattern {pattern!r}: {exc}", where,
                                data.line_of(key)) from None
        return value

    clauses = data.get("clauses") or {}
    phrases = [r"(?<!\w)" + r"\s+".join(re.escape(word) for word in phrase.split()) + r"(?!\w)"
               for phrase in clauses.get("phrases") or []]
    # paragraphs that cite the form-of-release or reasons sections of any Act
    numbers = {profile.section(concept) for profile in acts.all_acts()
               for concept in clauses.get("concepts") or [] if profile.has(concept)}
    phrases += [r"\bsections?\s+" + re.escape(number) + r"(?![\w(])" for number in sorted(numbers)]
    words = (data.get("request_period") or {}).get("required_words")
    flags = re.IGNORECASE | re.MULTILINE
    return {
        "greeting": re.compile("|".join(patterns("greeting")) or r"(?!)", re.IGNORECASE),
        "sign_off": re.compile("|".join(patterns("sign_off")) or r"(?!)", re.IGNORECASE),
        "addressee": [re.compile(p, re.IGNORECASE | re.MULTILINE)
                      for p in _named("addressee", patterns("addressee"), where, data.line_of)],
        "subject": [re.compile(p, re.IGNORECASE | re.MULTILINE)
                    for p in _named("subject", patterns("subject"), where, data.line_of)],
        "subject_empty": frozenset(str(word).lower() for word in
                                   (data.get("subject") or {}).get("empty_words") or []),
        "clause": re.compile("|".join(phrases) or r"(?!)", re.IGNORECASE),
        "request_lead": re.compile("|".join(patterns("request_lead")) or r"(?!)", re.IGNORECASE),
        "request_period": re.compile("|".join(patterns("request_period")) or r"(?!)", flags),
        # one of these is in every sentence the request_period patterns match (fold_case)
        "request_period_words": re.compile("|".join(re.escape(str(w)) for w in words))
        if words else None,
    }


def _named(key: str, found: list[str], where: str, line_of: Any) -> list[str]:
    """Patterns that each have a `name` group (DataError, with file and line, otherwise)."""
    for pattern in found:
        if "name" not in re.compile(pattern).groupindex:
            raise DataError(f"{key}: pattern {pattern!r} needs a (?P<name>...) group", where,
                            line_of(key))
    return found


def addressee(preamble: str) -> str | None:
    """Whom the letter is addressed to, from its greeting line ("Dear Wellington City
    Council," -> "Wellington City Council"), or None when no line says."""
    for pattern in letter_rules()["addressee"]:
        found = pattern.search(preamble)
        if found:
            return " ".join(found.group("name").split())
    return None


SUBJECT_READ = 2000
"""How much of each end of a long opening `subject` reads."""


def subject(preamble: str) -> str | None:
    """What the whole request is about, from the letter's opening: its subject line
    ("Subject: Road safety", "OIA request: Road safety") or the sentence that asks ("... the
    following information about the Great North Road cycleway"); None when it names none."""
    rules = letter_rules()
    empty = rules["subject_empty"]
    if len(preamble) > 2 * SUBJECT_READ:  # the subject line, or the sentence before the parts
        preamble = preamble[:SUBJECT_READ] + "\n" + preamble[-SUBJECT_READ:]
    for pattern in rules["subject"]:
        for found in pattern.finditer(preamble):
            name = " ".join(found.group("name").split()).strip(" ,-\u2013\u2014\"'\u201c\u201d")
            name = re.sub(r"\\([^\w\s]|_)", r"\1", name)  # a Markdown letter's escapes
            if any(word not in empty for word in re.findall(r"[\w']+", name.lower())):
                return name
    return None
