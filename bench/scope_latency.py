"""How fast is the scope analyser? (The TUI reassesses on every keystroke.)

Prints median and p99 wall time, in process, for assessing one typical part and a 50-part
request (split + assess + request-level findings), uncached (every per-input cache kept by
the analyser, the splitter and the period finder is cleared before each run, so each run pays
for everything but loading the vocabulary) and warm (the vocabulary loaded,
the word-level typo memo and the TUI's text-keyed `assess_cached` allowed to work).

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

from oiadraft import periods, scope  # noqa: E402
from oiadraft.letter import splitter  # noqa: E402

TODAY = date(2024, 9, 13)
CONTEXT = scope.Context(today=TODAY)
TYPICAL = ("Copies of all emails and meeting notes between the Chief Executive and the "
           "Minister's office relating to the Pōneke stadium business case from 1 March 2024 "
           "to 31 August 2024.")


def fifty_part_request() -> str:
    seed = (REPO / "tests" / "data" / "seed_request.txt").read_text(encoding="utf-8")
    body = seed.split("Please provide me with the following information:")[1]
    body = body.split("Under section")[0]
    lines = [line.split(". ", 1)[-1] for line in body.strip().split("\n\n")]
    lines.append(TYPICAL)
    parts = [lines[i % len(lines)] for i in range(50)]
    return "Kia ora,\n\n" + "\n\n".join(f"{n}. {text}" for n, text in enumerate(parts, 1)) + \
        "\n\nNgā mihi,\nSam\n"


# Loaders of the vocabulary itself (once per process, like the TUI); every other cache kept by
# the analyser, the splitter or the period finder is per-input and is cleared for a cold run.
VOCABULARY_LOADERS = {"load_rules", "_letter_rules"}


def _caches() -> list:
    found = []
    for module in (scope, splitter, periods):
        for name, value in sorted(vars(module).items()):
            if callable(getattr(value, "cache_clear", None)) and name not in VOCABULARY_LOADERS:
                found.append(value)
    return found


def clear_caches() -> None:
    for cached in _caches():
        cached.cache_clear()


def measure(fn, runs: int, cold: bool) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        if cold:
            clear_caches()
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    times.sort()
    median = statistics.median(times)
    p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
    return median * 1000, p99 * 1000


def main() -> int:
    scope.load_rules()  # the vocabulary is loaded once per process, like the TUI
    print("caches cleared before each uncached run: " +
          ", ".join(f"{c.__module__.rsplit('.', 1)[-1]}.{c.__name__}" for c in _caches()))
    request = fifty_part_request()
    split = splitter.split_request(request, today=TODAY)
    assert len(split.parts) == 50, len(split.parts)

    def one_part() -> None:
        scope.assess(TYPICAL, CONTEXT)

    def whole_request() -> None:
        scope.assess_request(splitter.split_request(request, today=TODAY), CONTEXT)

    def whole_request_cached() -> None:
        # what the TUI does on a keystroke: re-split, reassess through the text-keyed cache
        parts = splitter.split_request(request, today=TODAY).parts
        for part in parts:
            scope.assess_cached(part.text, CONTEXT)

    for label, fn, runs in (("one typical part", one_part, 2000),
                            ("50-part request", whole_request, 200)):
        median, p99 = measure(fn, runs, cold=True)
        print(f"{label:<18} uncached: median {median:7.3f} ms   p99 {p99:7.3f} ms")
        median, p99 = measure(fn, runs, cold=False)
        print(f"{label:<18} warm:     median {median:7.3f} ms   p99 {p99:7.3f} ms")
    def whole_request_with_features() -> None:
        # what the chat does when a 50-part letter is pasted: every part echoed back
        result = scope.assess_request(splitter.split_request(request, today=TODAY), CONTEXT)
        for part in result.parts:
            part.features  # noqa: B018 - computed on first use

    median, p99 = measure(whole_request_with_features, 200, cold=True)
    print(f"{'50-part + features':<18} uncached: median {median:7.3f} ms   p99 {p99:7.3f} ms"
          "   (features are worked out on first use, not per keystroke)")

    def whole_request_with_fixes() -> None:
        # every fix worked out, as if the user looked at the fixes of every part at once
        result = scope.assess_request(splitter.split_request(request, today=TODAY), CONTEXT)
        for part in result.parts:
            for finding in part.findings:
                finding.replacement  # noqa: B018 - worked out on first read

    median, p99 = measure(whole_request_with_fixes, 200, cold=True)
    print(f"{'50-part + fixes':<18} uncached: median {median:7.3f} ms   p99 {p99:7.3f} ms"
          "   (rewrites are worked out on first read, not per keystroke)")
    whole_request_cached()
    median, p99 = measure(whole_request_cached, 200, cold=False)
    print(f"{'50-part, cached':<18} assess_cached on unchanged parts: median {median:7.3f} ms"
          f"   p99 {p99:7.3f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
