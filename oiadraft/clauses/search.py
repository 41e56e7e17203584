"""Clause search: typo-tolerant, ranked by title, tags and body, and aware of each Act's
section numbers ("s15" finds the LGOIMA's preference clauses, not the OIA's).

`Library.search` builds one `SearchIndex` over the effective clauses and keeps it until the
library changes; a query scores vocabulary words, not every clause, so it stays fast for
10,000 clauses.
"""

from __future__ import annotations

import bisect
import heapq
import math
import re
from dataclasses import dataclass

from oiadraft import acts
from oiadraft.clauses.model import Clause
from oiadraft.letter.template import placeholders

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


class SearchIndex:
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
        self.by_act: dict[str, list[int]] = {act: [] for act in acts.act_keys()}
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

        tokens = query_words(query)
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
            for cite_act in ([act] if act else acts.act_keys()) if token.startswith("s") else ():
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


def query_words(query: str) -> list[str]:
    """The words a search looks for: section citations ("s19(a)", as one word each) then the
    other words, lowercased, without punctuation. Empty when the query has nothing to look
    for ("", "*", "?!")."""
    from rapidfuzz.utils import default_process

    cites = [compact_cite(match.group(1)) for match in _CITE_IN_QUERY.finditer(query)]
    return cites + default_process(_CITE_IN_QUERY.sub(" ", query)).split()


def compact_cite(section: str) -> str:
    """A section number as one search word: "19(a)(ii)" -> "s19aii", "15A" -> "s15a"."""
    return "s" + re.sub(r"[^a-z0-9]", "", section.lower())


def _searchable_body(clause: Clause) -> str:
    # Placeholders are not words a person searches for; their section numbers are covered by
    # the clause's `section` keys, so drop them and keep the prose.
    body = clause.body
    for placeholder in reversed(placeholders(body)):
        start, end = placeholder.span
        body = body[:start] + " " + body[end:]
    return body


