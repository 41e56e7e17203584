"""The splitter's cue file (`oiadraft/data/letter_cues.yaml`), compiled and checked, and what it
reads in a letter's opening: the Act it asks under (`request_act`), the body the greeting is
addressed to (`addressee`), what the whole request is about (`subject`) and the sentence that
sets one period for every part (`find_request_period`)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from oiadraft import acts, paths, yamlio
from oiadraft.errors import DataError
from oiadraft.text import fold_case

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
        "act_lead": re.compile(
            rf"(?i:{'|'.join(patterns('act_lead')) or '(?!)'})\s+(?i:the\s+)?(?:"
            + "|".join(acts.name_pattern(p).pattern for p in acts.official_information_acts())
            + ")"),
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


_ASKING = re.compile(r"(?<=[.!?])\s+|\n[^\S\n]*\n")
"""Where one sentence or paragraph of a letter ends."""


def request_act(text: str) -> acts.ActProfile | None:
    """The Act the letter asks under: the one official information Act named by the sentences
    that name an Act just after `act_lead` ("... under the Local Government Official
    Information and Meetings Act 1987"); None when no sentence does, or they name more than
    one."""
    lead = letter_rules()["act_lead"]
    named = {profile.key: profile for sentence in _ASKING.split(text)
             if lead.search(sentence) for profile in acts.named_all(sentence)}
    return next(iter(named.values())) if len(named) == 1 else None


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


_SENTENCE = re.compile(r"[^.\n]+(?:\.(?!\d)|\n|$)")


def may_set_period(text: str, start: int, end: int) -> bool:
    """False when no sentence in text[start:end] can be a whole-request period sentence (one
    search over all the parts instead of one per part)."""
    words = letter_rules().get("request_period_words")
    if words is None:
        return True
    return words.search(fold_case(text[start:end])) is not None


def find_request_period(text: str, spans: list[tuple[int, int]], today: Any) -> Any:
    """The first sentence in the given spans that both states a period and says it is for the
    whole request."""
    rules = letter_rules()
    find = _period_finder()
    words = rules.get("request_period_words")
    for start, end in spans:
        chunk = text[start:end]
        if words is not None and words.search(fold_case(chunk)) is None:
            continue  # no sentence here can match the request-period patterns
        for sentence in _SENTENCE.finditer(chunk):
            sentence_text = sentence.group(0)
            if words is not None and words.search(fold_case(sentence_text)) is None:
                continue  # the same test for each sentence: most have none of the words
            if not rules["request_period"].search(sentence_text):
                continue
            matches = find(sentence_text, today=today)
            if matches:
                match = matches[0]
                offset = start + sentence.start()
                return _shift(match, offset)
    return None


def _shift(match: Any, offset: int) -> Any:
    from dataclasses import replace

    return replace(match, start=match.start + offset, end=match.end + offset)


def _period_finder():
    from oiadraft import periods

    return periods.find_periods
