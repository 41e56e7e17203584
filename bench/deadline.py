"""How fast `oiadraft deadline` answers: a cold CLI run, and compute() once the calendar is warm.

Run: .venv/bin/python bench/deadline.py
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta


def cli_runs(times: int = 5) -> list[float]:
    env = dict(os.environ, OIADRAFT_HOME=tempfile.mkdtemp(prefix="oiadraft-bench-"),
               OIADRAFT_TODAY="2024-09-20")
    results = []
    for _ in range(times):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "oiadraft", "deadline", "2024-09-13", "--extend",
                        "45", "--format", "json"], check=True, capture_output=True, env=env)
        results.append(time.perf_counter() - start)
    return results


def main() -> None:
    runs = cli_runs()
    print(f"cold `oiadraft deadline 2024-09-13 --extend 45 --format json`: "
          f"median {statistics.median(runs) * 1000:.0f} ms, min {min(runs) * 1000:.0f} ms")

    start = time.perf_counter()
    from oiadraft import deadline

    deadline.compute(date(2024, 9, 13), extend=45)
    print(f"first compute in a fresh process (imports holidays): "
          f"{(time.perf_counter() - start) * 1000:.0f} ms")

    days = [date(2015, 1, 1) + timedelta(days=i) for i in range(0, 365 * 10, 3)]
    for act, region in (("oia", None), ("lgoima", "wellington"), ("lgoima", None)):
        for day in days:  # warm the per-year holiday tables
            deadline.compute(day, act=act, region=region, extend=20)
        start = time.perf_counter()
        for day in days:
            deadline.compute(day, act=act, region=region, extend=20)
        per = (time.perf_counter() - start) / len(days)
        label = f"{act}{'/' + region if region else ''}"
        print(f"compute(extend=20) warm, {label}: {per * 1e6:.0f} us per request "
              f"({len(days)} dates 2015-2024)")


if __name__ == "__main__":
    main()
