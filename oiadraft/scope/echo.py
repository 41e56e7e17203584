"""What a part asks for, in its own words, for echoing it back to the user: the record types
asked for, the named people and organisations, and the subject (`Assessment.features`).
Best effort and never made up: every piece is words of the part."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from oiadraft.scope.matching import same_clause
from oiadraft.scope.schema import EchoRules
from oiadraft.scope.spans import about_time, content_end, question, sentence_start
from oiadraft.scope.vocabulary import Rules

_RECORD_KINDS = frozenset({"communications", "generic_records", "information", "named_documents",
                           "record_words", "metadata"})
_METADATA_TRIM = re.compile(r"^(?:the|a|an|by)\s+|\s+(?:of|on\s+which)$", re.IGNORECASE)
_NAMED_TRIM = re.compile(r"\s+(?:of(?:\s+the)?|to|for|titled|dated|provided(?:\s+to)?|"
                         r"of\s+\d+)$", re.IGNORECASE)
_NOT_RECORDS = frozenset({"how many"})
_ARTICLE_BEFORE = re.compile(r"(?<![\w'’])([Tt]he|[Aa]n?)\s+((?:[a-z][\w'’-]*\s+){0,2})$")
""""the", "a" or "an", and up to two lower-case words, right before a record word."""
_HOLDER_LEAD = re.compile(r"(?:(?:sent|received|addressed|written)\s+)?"
                          r"(?:to|by|from|with|between|involving)(?:\s+|$)", re.IGNORECASE)
_QUANTIFIER_LEAD = re.compile(r"(?:any|all|every)\s+(?:of\s+the\s+)?", re.IGNORECASE)
_AND = re.compile(r"\s+and\s+")
_OF = re.compile(r"\s+of\s+")
_SPACE = re.compile(r"\s*")
_SUBJECT_LEAD = re.compile(r"(?:(?:of|to|about|on)\s+)+", re.IGNORECASE)
_TOPIC_STOP = re.compile(r"[.;:?!](?:\s|$)|\n\s*\n|\s+between\s+", re.IGNORECASE)
_TAIL_MARKS = " \t\n,;:-–—(\"'“‘"
_TAIL_WORDS = frozenset({"and", "or", "that", "which", "from", "since", "in", "during", "for",
                         "over", "to", "of", "the", "between", "within", "covering"})
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_NO_TOPIC = frozenset({"it", "this", "that", "them", "these", "those", "which", "what"})
_TOPIC_MAX = 160


def echo(text: str, tokens: Sequence[Any], period_span: tuple[int, int] | None,
         rules: Rules) -> dict[str, Any]:
    """`Assessment.features` from the part's text, its vocabulary matches and its period."""
    known = rules.echo
    topic, topic_span = _topic(text, tokens, period_span, known)
    asked = _question(text, rules)
    return {
        "record_types": _record_types(text, tokens, topic_span),
        "parties": _parties(text, tokens, period_span, topic_span, known,
                            names_anywhere=asked is not None),
        "topic": topic,
        "question": asked,
    }


_QUESTION_MAX = 100


def _question(text: str, rules: Rules) -> str | None:
    """A question's own words ("What consideration was given to ..."), shortened, or None
    when the part is no question: what it asks is the question itself, whether or not it
    names a record, a subject or anyone."""
    if question(text, rules) is None:
        return None
    words = " ".join(text[:content_end(text)].split())
    if len(words) > _QUESTION_MAX:
        words = words[:_QUESTION_MAX].rsplit(" ", 1)[0].rstrip(" ,;:") + "\u2026"
    return words or None


def _record_types(text: str, tokens: Sequence[Any],
                  topic_span: tuple[int, int] | None) -> list[str]:
    found: list[str] = []
    seen: set[str] = set()
    for token in tokens:
        if token.kind not in _RECORD_KINDS:
            continue
        if topic_span is not None and topic_span[0] <= token.start < topic_span[1]:
            continue  # "relating to the stadium business case": the subject, not a record
        words = " ".join(token.text.split())
        if token.kind == "metadata":
            words = _METADATA_TRIM.sub("", _METADATA_TRIM.sub("", words))
        elif token.kind == "named_documents":
            words = _NAMED_TRIM.sub("", words)
        if not any(ch.isalpha() for ch in words) or words.lower() in _NOT_RECORDS:
            continue
        start = token.start
        article = _ARTICLE_BEFORE.search(text, max(0, start - 80), start)
        if article is not None and not words[:1].isupper():
            # "a copy of the final report": "the final report" (a bare "final report" does
            # not read as English in "I read part 3 as asking for ...")
            start = article.start()
            words = " ".join([article.group(1), *article.group(2).split(), words])
        if words[:1].isupper() and not words[:2].isupper() and sentence_start(text, start):
            words = words[0].lower() + words[1:]  # "Briefings to ..." -> "briefings"
        key = words.lower()
        if key not in seen:
            seen.add(key)
            found.append(words)
    return found


def _topic(text: str, tokens: Sequence[Any], period_span: tuple[int, int] | None,
           known: EchoRules | None) -> tuple[str | None, tuple[int, int] | None]:
    """The subject phrase and its span: after the first subject cue, up to the period phrase
    (or words taking another part's, "in that period"), the end of the clause, or "between"
    (who, not what)."""
    cues: list[int] = []
    record_starts: list[int] = []
    refers: list[int] = []  # "in that period": time, taken from another part
    for token in tokens:
        kind = token.kind
        if kind == "period_reference":
            refers.append(token.start)
        elif kind == "topic_mention":
            cues.append(token.end)
        elif kind == "topic_link":
            if about_time(text, token.end, period_span):
                continue  # "relating to the period ..." is about time
            cues.append(token.end)
        elif kind in _RECORD_KINDS:
            record_starts.append(token.start)
    if known is not None and record_starts:
        lowered = text.lower()
        if len(lowered) != len(text):
            lowered = text.translate(_ASCII_LOWER)
        for match in known.on_cue.finditer(lowered, record_starts[0]):
            at = match.start()
            if cues and at >= min(cues):
                break
            if at and (lowered[at - 1].isalnum() or lowered[at - 1] == "_"):
                continue  # the end of a word ("Convention on")
            if period_span and -1 <= period_span[0] - match.end() <= 2:
                continue  # "on 3 May 2024" is the period
            before = text[max(0, at - 40):at].split()
            after = text[match.end():match.end() + 40].split()
            if before and after and before[-1][:1].isupper() and after[0][:1].isupper():
                continue  # inside a name: "Convention on Cluster Munitions"
            if not same_clause(text, record_starts[0], at):
                continue
            cues.append(match.end())
            break
    if not cues:
        return None, None
    start = min(cues)
    lead = _SUBJECT_LEAD.match(text, _SPACE.match(text, start).end())
    start = lead.end() if lead else _SPACE.match(text, start).end()
    end = content_end(text)
    stop = _TOPIC_STOP.search(text, start, end)
    if stop is not None:
        end = stop.start()
    if period_span is not None and start <= period_span[0] < end:
        end = period_span[0]
    end = min([end, *(at for at in refers if start <= at)])
    trimmed = _trim_tail(text[start:end])
    end = start + len(trimmed)
    topic = " ".join(trimmed.split())
    if len(topic) < 2 or topic.lower() in _NO_TOPIC:
        return None, None
    if len(topic) > _TOPIC_MAX:
        topic = topic[:_TOPIC_MAX].rsplit(" ", 1)[0].rstrip(" ,;:") + "\u2026"
    return topic, (start, end)


def _trim_tail(words: str) -> str:
    """Without trailing punctuation and joining words ("the port and" -> "the port")."""
    while True:
        words = words.rstrip(_TAIL_MARKS)
        cut = max(words.rfind(" "), words.rfind("\n"), words.rfind("\t"))
        if words[cut + 1:].lower() not in _TAIL_WORDS:
            return words
        words = words[:cut + 1]


def _role_starts(text: str, roles: frozenset[str]) -> list[int]:
    """Where a role word followed by "of"/"for" and a capital begins ("the governments of
    Russia ...", "Minister for Courts"), with a "the" before it."""
    starts = []
    for match in _OF_CAPITAL.finditer(text):
        words = list(_NONSPACE.finditer(text, max(0, match.start() - 48), match.start()))
        for size in (3, 2, 1):
            if len(words) < size:
                continue
            if " ".join(w.group() for w in words[-size:]).lower() in roles:
                first = len(words) - size
                if first and words[first - 1].group().lower() == "the":
                    first -= 1
                if words[first].start() == max(0, match.start() - 48) and match.start() > 48:
                    break  # the window cut a word in two
                starts.append(words[first].start())
                break
    return starts


_CAPITAL_WORD = re.compile(r"(?<![\w'’-])[A-ZĀĒĪŌŪ][\w'’&-]*")
_NAMES_READ = 20
"""How many capitalised words of a question are read as names, at most."""


def _name_starts(text: str, known: EchoRules) -> list[int]:
    """Where a capitalised word that is not a sentence's first, a month or a common capital
    ("New Zealand", "Covid") begins: a name in a question."""
    starts = []
    for match in _CAPITAL_WORD.finditer(text):
        word = match.group().lower().removesuffix("'s").removesuffix("’s")
        if sentence_start(text, match.start()) or word in known.months \
                or word in known.common_capitals:
            continue
        starts.append(match.start())
        if len(starts) >= _NAMES_READ:
            break
    return starts


_OF_CAPITAL = re.compile(r"\s(?:of|for)\s+(?:the\s+)?(?:\([a-z]\)\s+)?[A-ZĀĒĪŌŪ]")
_NONSPACE = re.compile(r"\S+")


def _parties(text: str, tokens: Sequence[Any], period_span: tuple[int, int] | None,
             topic_span: tuple[int, int] | None, known: EchoRules | None,
             names_anywhere: bool = False) -> list[str]:
    """Named people, organisations, units and roles: after "between", "with", "to" ...; in
    "any MFAT official"; and a role with "of" ("the Ministry of Defence"); in a question
    (`names_anywhere`), any name ("... that VUWSA is promoting"). Only words of the part,
    never made up."""
    if known is None:
        return []
    spans: list[tuple[int, int]] = []

    def parse(at: int, pair: bool = False) -> None:
        at = _SPACE.match(text, at).end()
        match = known.party.match(text, at)
        if match is None:
            return
        if pair:  # "between A and B"
            joint = _AND.match(text, match.end())
            if joint is not None:
                spans.append((match.start(), match.end()))
                parse(joint.end())
                return
            # "between MBIE and Treasury" read as one name: the last "and" divides it
            inner = list(_AND.finditer(text, match.start(), match.end()))
            if inner:
                spans.append((match.start(), inner[-1].start()))
                spans.append((inner[-1].end(), match.end()))
                return
        spans.append((match.start(), match.end()))

    for token in tokens:
        kind = token.kind
        if kind == "holders":
            lead = _HOLDER_LEAD.match(token.text)
            rest = token.start + (lead.end() if lead else len(token.text))
            parse(min(rest, token.end) if rest < token.end else token.end,
                  pair=token.text.lower().startswith("between"))
        elif kind in ("open_custodian", "open_ministers"):
            lead = _QUANTIFIER_LEAD.match(token.text)
            if lead is not None and any(ch.isupper() for ch in token.text[lead.end():]):
                spans.append((token.start + lead.end(), token.end))
            of = _OF.match(text, token.end)
            if of is not None:
                parse(of.end())
    for start in _role_starts(text, known.roles):
        parse(start)
    if names_anywhere:
        for start in _name_starts(text, known):
            parse(start)

    found: list[str] = []
    seen: set[str] = set()
    taken_until = -1
    for start, end in sorted(spans, key=lambda span: (span[0], -span[1])):
        if start < taken_until:
            continue
        if period_span is not None and start < period_span[1] and period_span[0] < end:
            continue
        if topic_span is not None and topic_span[0] <= start < topic_span[1]:
            continue
        words = " ".join(text[start:end].split()).rstrip(".,;:")
        bare = words.lower().split()
        if bare and bare[0] in ("the", "a", "an"):
            bare = bare[1:]
        if not bare or all(w.strip(".,") in known.months or w.isdigit() for w in bare):
            continue
        taken_until = end
        if words.lower() not in seen:
            seen.add(words.lower())
            found.append(words)
    return found


