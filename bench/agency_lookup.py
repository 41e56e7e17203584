"""Agency lookup speed: median and p99 per `resolve()` over realistic queries (target < 5 ms).

Run: .venv/bin/python bench/agency_lookup.py [--rounds N]

Prints the one-off cost of loading and indexing the directory, then per-lookup timings for
`resolve()` (what the assistant calls on each answer) and `search()`, over queries that find one
body, several, or none: acronyms, te reo names, misspellings, Ministers, towns.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

QUERIES = [
    "mfat", "MBIE", "wcc", "ecan", "NZTA", "acc", "nzdf", "EQC", "WINZ", "DOC", "hcc",
    "foreign affairs", "police", "the police", "ministry of health", "work and income",
    "immigration new zealand", "inland revenue", "treasury", "fire and emergency",
    "stats nz", "auckland transport", "greater wellington", "Hawke's Bay Regional Council",
    "Manatū Aorere", "Manatu Aorere", "waka kotahi", "Te Whatu Ora", "Kainga Ora",
    "Te Puni Kokiri", "oranga tamariki", "minstry of helth", "department of internal afairs",
    "christchruch city council", "kaikora", "welington", "the health minister",
    "minister of health", "foreign minister", "conservation minister", "prime minister",
    "wellington council", "christchurch", "dunedin", "rolleston", "queenstown",
    "palmerston north", "health", "lincoln", "parliament", "high court", "ombudsman",
    "ministry of sheep", "department of rugby", "xyzzy agency",
    "Ministry of Business, Innovation and Employment", "minister for social development",
    "south taranaki district council", "the council in gore", "a",
]


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def measure(call, rounds: int) -> list[float]:
    times: list[float] = []
    for _ in range(rounds):
        for query in QUERIES:
            start = time.perf_counter_ns()
            call(query)
            times.append((time.perf_counter_ns() - start) / 1e6)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20, help="passes over the queries")
    args = parser.parse_args()

    start = time.perf_counter()
    from oiadraft import agencies

    directory = agencies.load_directory()
    load_ms = (time.perf_counter() - start) * 1000
    choices = len(directory._texts)

    directory.resolve("warm up")
    rows = [("resolve()", measure(directory.resolve, args.rounds)),
            ("search(limit=5)", measure(lambda q: directory.search(q, 5), args.rounds))]
    print(f"directory: {len(directory.agencies)} agencies, {choices} names/aliases/towns; "
          f"import + load + index {load_ms:.1f} ms (once per process)")
    print(f"{len(QUERIES)} queries x {args.rounds} rounds")
    worst_p99 = 0.0
    for label, times in rows:
        p50, p99 = statistics.median(times), percentile(times, 0.99)
        worst_p99 = max(worst_p99, p99)
        print(f"  {label:16} median {p50:.2f} ms   p99 {p99:.2f} ms   max {max(times):.2f} ms")
    verdict = "OK" if worst_p99 < 5.0 else "TOO SLOW"
    print(f"target: under 5 ms per lookup -> {verdict}")
    return 0 if worst_p99 < 5.0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
