"""How fast is the scope analyser? (The TUI reassesses on every keystroke; `oiadraft check`
reads whole pastes.)

Prints, in process, median and p99 wall time for:

* one typical part, uncached (every per-input cache cleared first) and warm;
* a 50-part request assessed from scratch (split + every part + request-level findings);
* **a 50-part reassessment**: what the TUI does on a keystroke in one part of a 50-part
  request: re-split the letter and reassess every part through the text-keyed
  `assess_cached` (49 parts unchanged, the edited one new); target median < 5 ms;
* **`check` on 1 MB**: the `oiadraft check --format json` work (read, split, assess, JSON) on a
  one-megabyte request pasted from the seed's parts, with a bare `str.split` of the same text
  as the baseline measured in the same run; target < 2 s.

    .venv/bin/python bench/scope_latency.py
"""

from __future__ import annotations

import statistics
import sys
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from oiadraft import jsonout  # noqa: E402
from oiadraft.commands import check  # noqa: E402
from oiadraft.letter import splitter, template  # noqa: E402
from oiadraft.periods import find as period_finder  # noqa: E402
from oiadraft.periods import format as period_words  # noqa: E402
from oiadraft.scope import (  # noqa: E402
    assess,
    assess_cached,
    assess_request,
    echo,
    findings,
    load_model,
    load_rules,
    matching,
    request,
)
from oiadraft.scope import assessment as assess_module  # noqa: E402

TODAY = date(2024, 9, 13)
CONTEXT = assess_module.Context(today=TODAY)
TYPICAL = ("Copies of all emails and meeting notes between the Chief Executive and the "
           "Minister's office relating to the Pōneke stadium business case from 1 March 2024 "
           "to 31 August 2024.")
MODULES = (assess_module, matching, findings, echo, request, splitter, period_finder, period_words,
           template)
# Loaders of the vocabulary and the model (once per process, like the TUI); every other cache
# is per-input and is cleared for a cold run.
VOCABULARY_LOADERS = {"load_rules", "_letter_rules", "load_model", "citations", "load_acts",
                      "trigger_grammar", "_branch_grammar"}


def seed_parts() -> list[str]:
    seed = (REPO / "tests" / "data" / "seed_request.txt").read_text(encoding="utf-8")
    body = seed.split("Please provide me with the following information:")[1]
    body = body.split("Under section")[0]
    return [line.split(". ", 1)[-1] for line in body.strip().split("\n\n")] + [TYPICAL]


def numbered(parts: list[str]) -> str:
    return "Kia ora,\n\n" + "\n\n".join(f"{n}. {text}" for n, text in enumerate(parts, 1)) + \
        "\n\nNgā mihi,\nSam\n"


def fifty_parts() -> list[str]:
    lines = seed_parts()
    return [lines[i % len(lines)] + f" (item {i + 1})" for i in range(50)]


def megabyte() -> str:
    lines = seed_parts()
    parts: list[str] = []
    while len(numbered(parts)) < 1_000_000:
        parts.append(lines[len(parts) % len(lines)] + f" (item {len(parts) + 1})")
    return numbered(parts)


def _caches() -> list:
    found = []
    for module in MODULES:
        for name, value in sorted(vars(module).items()):
            if callable(getattr(value, "cache_clear", None)) and \
                    name not in VOCABULARY_LOADERS and value not in found:
                found.append(value)
    return found


def clear_caches() -> None:
    for cached in _caches():
        cached.cache_clear()
    load_rules().typo_decided.clear()


def measure(fn, runs: int, cold: bool = False) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        if cold:
            clear_caches()
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    times.sort()
    return statistics.median(times) * 1000, times[min(len(times) - 1, int(len(times) * 0.99))] \
        * 1000


def show(label: str, figures: tuple[float, float], note: str = "") -> None:
    print(f"{label:<34} median {figures[0]:9.3f} ms   p99 {figures[1]:9.3f} ms{note}")


def main() -> int:
    load_rules()
    load_model()
    print("caches cleared before each uncached run: " +
          ", ".join(f"{c.__module__.rsplit('.', 1)[-1]}.{c.__name__}" for c in _caches()))
    show("one typical part, uncached", measure(lambda: assess(TYPICAL, CONTEXT), 1000, True))
    show("one typical part, warm", measure(lambda: assess(TYPICAL, CONTEXT), 1000))

    parts = fifty_parts()
    letter = numbered(parts)

    def from_scratch() -> None:
        assess_request(splitter.split_request(letter, today=TODAY), CONTEXT)

    show("50-part request, uncached", measure(from_scratch, 100, True))

    # a keystroke in part 25: the letter changes by one character each time
    keystrokes = iter(range(10**9))

    def reassess() -> None:
        edited = list(parts)
        edited[24] = parts[24] + " " + "x" * (next(keystrokes) % 40)
        split = splitter.split_request(numbered(edited), today=TODAY)
        context = assess_module.Context(today=TODAY, parts=len(split.parts))
        for part in split.parts:
            assess_cached(part.text, context)

    clear_caches()
    for _ in range(3):
        reassess()  # the other 49 parts are in the cache, as in the TUI
    show("50-part reassessment (keystroke)", measure(reassess, 300),
         "   target: median < 5 ms")

    text = megabyte()

    def check_megabyte() -> None:
        report = check.check_text(text, today=TODAY)
        jsonout.dumps(check.report_json(report))  # as the command writes it

    baseline = measure(lambda: text.split(), 5)
    figures = measure(check_megabyte, 3, True)
    count = len(splitter.split_request(text, today=TODAY).parts)
    show(f"check --format json on {len(text) / 1e6:.2f} MB", figures,
         f"   ({count} parts; target < 2000 ms)")
    show("  baseline: str.split of the same text", baseline,
         f"   (ratio {figures[0] / max(baseline[0], 1e-9):.0f}x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
