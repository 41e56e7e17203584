"""How long does `oiadraft check --format json` take on a one-megabyte request? Target < 2 s.

Writes the 1 MB request bench/scope_latency.py builds (the seed's parts, numbered, about 4,400
parts) to a temporary file and runs the real command on it, in a new process each time, RUNS
times. Prints the median and the spread, the load average before and after (`os.getloadavg`,
as `uptime` shows it: on a shared machine the figures mean little without it), and in the same
run the baseline: `oiadraft --version` (the interpreter and the CLI starting, nothing
checked). Then, in process, where the time goes: split, assess, JSON.

    .venv/bin/python bench/check_megabyte.py            # 7 runs
    .venv/bin/python bench/check_megabyte.py --runs 5
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import scope_latency  # noqa: E402

from oiadraft import scope  # noqa: E402
from oiadraft.commands import check  # noqa: E402
from oiadraft.letter import splitter  # noqa: E402

TODAY = scope_latency.TODAY


def load() -> str:
    return " ".join(f"{figure:.2f}" for figure in os.getloadavg())


def timed_run(command: list[str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          check=False)
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed: {done.stderr.decode(errors='replace')}")
    return elapsed


def stages(text: str) -> dict[str, float]:
    """Seconds for each step of `check --format json`, in process (caches cleared first)."""
    scope_latency.clear_caches()
    times = {}
    started = time.perf_counter()
    split = splitter.split_request(text, today=TODAY)
    times["split"] = time.perf_counter() - started
    started = time.perf_counter()
    context = scope.Context(act=check.resolve_act(None), today=TODAY)
    assessment = scope.assess_request(split, context, echo_words=False)
    times["assess"] = time.perf_counter() - started
    report = {"act": context.act, "assessment": assessment, "long": True, "length": len(text)}
    started = time.perf_counter()
    json.dump(check.report_json(report), io.StringIO(), ensure_ascii=False, indent=2)
    times["json"] = time.perf_counter() - started
    times["parts"] = len(split.parts)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="runs of each command (>= 5)")
    args = parser.parse_args(argv)
    runs = max(5, args.runs)
    text = scope_latency.megabyte()
    cli = [sys.executable, "-m", "oiadraft"]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "request.txt"
        path.write_text(text, encoding="utf-8")
        env_note = f"load average before: {load()}"
        command = [*cli, "check", str(path), "--format", "json", "--today", TODAY.isoformat()]
        checked, started_only = [], []
        for _ in range(runs):  # alternate, so drift in the machine's speed hits both
            checked.append(timed_run(command))
            started_only.append(timed_run([*cli, "--version"]))
    print(f"{env_note}; after: {load()}; {os.cpu_count()} cores")
    median = statistics.median(checked)
    base = statistics.median(started_only)
    print(f"oiadraft check --format json, {len(text.encode()) / 1e6:.2f} MB: median "
          f"{median * 1000:.0f} ms over {runs} runs (min {min(checked) * 1000:.0f}, max "
          f"{max(checked) * 1000:.0f}); target < 2000 ms")
    print(f"  baseline: oiadraft --version  median {base * 1000:.0f} ms   "
          f"(check minus start-up: {(median - base) * 1000:.0f} ms)")
    rows = [stages(text) for _ in range(3)]
    parts = rows[0].pop("parts")
    for row in rows[1:]:
        row.pop("parts")
    print(f"  in process, median of 3 ({parts} parts): " + ", ".join(
        f"{name} {statistics.median(r[name] for r in rows) * 1000:.0f} ms" for name in rows[0]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
