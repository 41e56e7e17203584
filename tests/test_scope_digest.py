"""The scope analyser's results are exactly those stored in tests/data/scope_digest.txt (written
by bench/scope_digest.py): every part of the evaluation set, the seed, MFAT's refinement and a
120-part paste checked as `oiadraft check` does. A change made for speed must leave every line
as it was; a change meant to alter results reruns the script, and its diff names the parts."""

from __future__ import annotations

import importlib.util
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _bench():
    spec = importlib.util.spec_from_file_location("scope_digest",
                                                  REPO / "bench" / "scope_digest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_analyser_gives_the_stored_results_for_every_part():
    bench = _bench()
    stored = bench.stored_lines()
    now = bench.digest_lines()
    assert len(stored) > 600
    changed = [f"stored {old!r} now {new!r}" for old, new in zip(stored, now, strict=False)
               if old != new]
    assert changed == []
    assert len(now) == len(stored)


def test_the_digest_sees_a_change_in_any_finding():
    bench = _bench()
    from oiadraft.scope import Context, assess

    part = assess("All emails about the stadium since 2010.", Context(today=bench.TODAY))
    line = bench.part_line("x", part)
    first = part.findings[0]
    reworded = type(part)(**{**part.__dict__, "findings": (
        type(first)(**{**first.__dict__, "message": first.message + "!"}),
        *part.findings[1:])})
    assert bench.part_line("x", reworded) != line
