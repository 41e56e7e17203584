"""How long does `oiadraft check --format json` take on a one-megabyte request? Target < 2 s.

Writes the 1 MB request bench/scope_latency.py builds (the seed's parts, numbered, about 4,400
parts) to a temporary file and runs the real command on it, in a new process each time, RUNS
times. Prints the median and the spread, the load average before and after (`os.getloadavg`,
as `uptime` shows it: on a shared machine the figures mean little without it), and in the same
run the baseline: `oiadraft --version` (the interpreter and the CLI starting, nothing
checked). Wall time and the command's CPU time (user + system) are both printed: on a
shared machine CPU time moves less with the load. The command is this checkout's
(PYTHONPATH), whatever is installed; `--against` times another checkout in the same run, run
for run in turn (before/after figures). Then, in process, where the time goes: split, assess
(in one process, and with the later half in a forked child, as `check` does it when a core is
spare), JSON, and split, assess and JSON as `check --format json` does them with a spare core
(the child writes its share's JSON too).

    .venv/bin/python bench/check_megabyte.py            # 7 runs
    .venv/bin/python bench/check_megabyte.py --runs 5
    .venv/bin/python bench/check_megabyte.py --runs 5 --bytecode   # as an installed copy runs
    git archive main | tar -x -C /tmp/main && \
        .venv/bin/python bench/check_megabyte.py --against /tmp/main
"""

from __future__ import annotations

import argparse
import os
import resource
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

from oiadraft import forked, jsonout, scope  # noqa: E402
from oiadraft.commands import check  # noqa: E402
from oiadraft.letter import splitter  # noqa: E402

TODAY = scope_latency.TODAY


def load() -> str:
    return " ".join(f"{figure:.2f}" for figure in os.getloadavg())


BYTECODE: dict[str, str] = {}
"""With --bytecode: the environment that keeps compiled modules in a temporary folder."""


def timed_run(command: list[str], checkout: Path = REPO) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one run of `command` with `checkout`'s oiadraft."""
    # `python -m` looks in the current folder first, then PYTHONPATH: both the checkout
    env = {**os.environ, "PYTHONPATH": str(checkout), **BYTECODE}
    if BYTECODE:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          check=False, env=env, cwd=checkout)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed: {done.stderr.decode(errors='replace')}")
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _figures(label: str, runs: list[tuple[float, float]]) -> str:
    wall = [w for w, _ in runs]
    cpu = [c for _, c in runs]
    return (f"{label}: median {statistics.median(wall) * 1000:.0f} ms wall (min "
            f"{min(wall) * 1000:.0f}, max {max(wall) * 1000:.0f}), "
            f"{statistics.median(cpu) * 1000:.0f} ms CPU")


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
    if forked.can_fork():  # the later half in a forked child (what `check` does when a core
        spare = forked.spare_cores  # has sat idle while it split the request)
        forked.spare_cores = lambda: float(os.cpu_count() or 1)
        try:
            scope_latency.clear_caches()
            started = time.perf_counter()
            scope.assess_request(split, context, echo_words=False, forked=True)
            times["assess forked"] = time.perf_counter() - started
            # as `check --format json` does it: the child writes its parts' JSON too
            scope_latency.clear_caches()
            started = time.perf_counter()
            check.report_json_text(check.check_text(text, today=TODAY, json_parts=True))
            times["split, assess and JSON forked"] = time.perf_counter() - started
        finally:
            forked.spare_cores = spare
    report = {"act": context.act, "assessment": assessment, "long": True, "length": len(text)}
    started = time.perf_counter()
    jsonout.dumps(check.report_json(report))
    times["json"] = time.perf_counter() - started
    times["parts"] = len(split.parts)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="runs of each command (>= 5)")
    parser.add_argument("--against", type=Path, metavar="CHECKOUT",
                        help="also time another checkout's command (e.g. an export of main), "
                             "run by run in turn with this one")
    parser.add_argument("--bytecode", action="store_true",
                        help="run every command with its modules' bytecode kept (in a "
                             "temporary folder, after one untimed run), as an installed copy "
                             "has it, even where PYTHONDONTWRITEBYTECODE is set")
    args = parser.parse_args(argv)
    runs = max(5, args.runs)
    text = scope_latency.megabyte()
    cli = [sys.executable, "-m", "oiadraft"]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "request.txt"
        path.write_text(text, encoding="utf-8")
        command = [*cli, "check", str(path), "--format", "json", "--today", TODAY.isoformat()]
        if args.bytecode:
            BYTECODE["PYTHONPYCACHEPREFIX"] = str(Path(folder) / "bytecode")
            for checkout in (REPO, *([args.against] if args.against is not None else [])):
                timed_run(command, Path(checkout).resolve())  # compiles and keeps the bytecode
        loads = [load()]
        checked, started_only, other = [], [], []
        for _ in range(runs):  # in turn, so drift in the machine's speed hits each alike
            checked.append(timed_run(command))
            started_only.append(timed_run([*cli, "--version"]))
            if args.against is not None:
                other.append(timed_run(command, args.against.resolve()))
    loads.append(load())
    print(f"load average (1, 5, 15 min) before: {loads[0]}; after: {loads[1]}; "
          f"{os.cpu_count()} cores")
    if args.bytecode:
        print("bytecode kept between runs (as an installed copy has it)")
    elif os.environ.get("PYTHONDONTWRITEBYTECODE"):
        print("PYTHONDONTWRITEBYTECODE is set: every run compiles oiadraft's source again "
              "(an installed copy has its bytecode; --bytecode measures that)")
    print(_figures(f"oiadraft check --format json, {len(text.encode()) / 1e6:.2f} MB, "
                   f"{runs} runs", checked) + "; target < 2000 ms wall")
    print(_figures("  baseline: oiadraft --version", started_only))
    if other:
        print(_figures(f"  {args.against}", other))
        ratio = statistics.median(a[0] / b[0] for a, b in zip(checked, other, strict=True))
        cpu = statistics.median(a[1] / b[1] for a, b in zip(checked, other, strict=True))
        print(f"  this checkout / {args.against}: median ratio {ratio:.2f} wall, {cpu:.2f} CPU")
    rows = [stages(text) for _ in range(3)]
    parts = rows[0].pop("parts")
    for row in rows[1:]:
        row.pop("parts")
    print(f"  in process, median of 3 ({parts} parts): " + ", ".join(
        f"{name} {statistics.median(r[name] for r in rows) * 1000:.0f} ms" for name in rows[0]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
