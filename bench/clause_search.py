"""Clause search latency on a generated library of 10,000 clauses.

    .venv/bin/python bench/clause_search.py [--clauses 10000] [--rounds 5]

Builds 10,000 clauses from the built-in library's vocabulary plus invented words (so the
vocabulary is far larger than the built-ins'), then times `Library.search` for a mix of queries
(single words, typos, word starts, several words, section citations, with and without an Act
filter). Prints the one-off index build time and the per-query median and p99 in milliseconds.
Target: under 10 ms per search.
"""

from __future__ import annotations

import argparse
import random
import statistics
import string
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from oiadraft.clauses import KINDS, Clause, Library

QUERIES = [
    "searchable", "searchabel", "watermark", "wtrmark", "spreadsh", "public interest",
    "grounds in support", "email delivery", "whole documents", "redaction", "csv", "s16",
    "s19(a)(ii)", "section 18(a)(ii)", "consult before refusing", "extension charge",
    "priority", "urgent reasons", "thank you", "schedule of documents title date author",
    "electronic copies", "native spreadsheet", "instalments", "refine prioritise",
    "zzqxj", "the", "briefing minister housing", "cabinet paper",
]


def generate(count: int, seed: int = 1) -> list[Clause]:
    """`count` clauses whose text mixes real clause words with invented ones."""
    rng = random.Random(seed)
    builtins = Library.load().clauses()
    words = sorted({word.strip(".,:;()").lower() for clause in builtins
                    for word in (clause.title + " " + clause.body).split()
                    if word.isascii() and "{" not in word and len(word) > 2})
    invented = ["".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(4, 11)))
                for _ in range(20000)]
    topics = ["housing", "briefing", "minister", "cabinet", "council", "rates", "water",
              "transport", "hospital", "school", "police", "budget", "contract", "consultant"]
    clauses = []
    for index in range(count):
        template = builtins[index % len(builtins)]

        def sentence(length: int) -> str:
            pieces = [rng.choice(words) if rng.random() < 0.6 else rng.choice(invented)
                      for _ in range(length)]
            if rng.random() < 0.3:
                pieces.insert(rng.randrange(len(pieces)), rng.choice(topics))
            return " ".join(pieces).capitalize() + "."

        clauses.append(Clause(
            id=f"{template.id}-{index}",
            title=f"{template.title} {rng.choice(invented)}",
            kind=rng.choice(KINDS),
            body=" ".join(sentence(rng.randint(8, 20)) for _ in range(rng.randint(2, 5))),
            acts=template.acts,
            section=template.section,
            tags=(*template.tags[:3], rng.choice(topics), rng.choice(invented)),
        ))
    return clauses


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clauses", type=int, default=10000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    clauses = generate(args.clauses)
    library = Library.from_clauses(clauses)
    started = time.perf_counter()
    library.search("warm up the index")
    build_ms = (time.perf_counter() - started) * 1000

    timings = []
    for _ in range(args.rounds):
        for query in QUERIES:
            for act in (None, "oia", "lgoima"):
                started = time.perf_counter()
                library.search(query, act=act, limit=20)
                timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    median = statistics.median(timings)
    p99 = timings[min(len(timings) - 1, int(len(timings) * 0.99))]
    vocabulary = len(library._index.vocabulary) if library._index else 0
    print(f"clause search: {len(library)} clauses, {vocabulary} distinct words, "
          f"{len(timings)} searches")
    print(f"  index build (once, on first search): {build_ms:.1f} ms")
    print(f"  per search: median {median:.2f} ms, p99 {p99:.2f} ms, max {timings[-1]:.2f} ms "
          f"(target < 10 ms)")
    return 0 if p99 < 10 else 1


if __name__ == "__main__":
    raise SystemExit(main())
