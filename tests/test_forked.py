"""`oiadraft.forked.ordered_map`: the plain loop's list, in order, whether a child process did
part of the work, failed at it, or was never started (a short list, a thread running, a busy
machine).

A test process may run threads of its own (pytest-xdist's workers do), where the module rightly
refuses to fork; the forking cases therefore run in a fresh interpreter, as `oiadraft check`
does."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import threading
import time

import pytest

from oiadraft import forked

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


COUNTING_FORKS = """
import os
from oiadraft import forked

forked.spare_cores = lambda: 2.0  # as if the machine were quiet, whatever it is doing
forks = []
real_fork = os.fork


def counted_fork():
    forks.append(1)
    return real_fork()


os.fork = counted_fork
"""
"""A script's start that counts its forks (in `forks`) on a machine taken to be quiet."""


def _run(script: str, *, counting_forks: bool = False) -> dict:
    env = {**os.environ, "PYTHONPATH": REPO}
    code = (COUNTING_FORKS if counting_forks else "") + textwrap.dedent(script)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True,
                          text=True, env=env, cwd=REPO, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_forked_cases_in_a_fresh_process():
    found = _run("""
        import json, os
        from oiadraft import forked

        here = os.getpid()
        items = list(range(40))

        def square(n):
            return (n * n, os.getpid() == here)

        plain = [n * n for n in items]
        shared = forked.ordered_map(square, items, least=2)

        def dies_in_child(n):
            if os.getpid() != here:
                os._exit(3)
            return n * n

        def raises_in_child(n):
            if os.getpid() != here:
                raise ValueError("only in the child")
            return n * n

        def unreadable_in_child(n):
            return (lambda: n) if os.getpid() != here else n  # a lambda cannot be pickled

        def raises_here(n):
            if os.getpid() == here and n == 3:
                raise KeyError(n)
            return n

        try:
            forked.ordered_map(raises_here, items, least=2)
            error = None
        except KeyError as exc:
            error = exc.args[0]
        try:
            os.waitpid(-1, os.WNOHANG)
            left = "a child left behind"
        except ChildProcessError:
            left = "none"
        print(json.dumps({
            "can_fork": forked.can_fork(),
            "values": [value for value, _ in shared],
            "where": [mine for _, mine in shared],
            "plain": plain,
            "died": forked.ordered_map(dies_in_child, items, least=2),
            "raised": forked.ordered_map(raises_in_child, items, least=2),
            "unreadable": forked.ordered_map(unreadable_in_child, items, least=2),
            "few": forked.ordered_map(square, items[:5], least=6),
            "error": error,
            "children_left": left,
            "forks": len(forks),
        }))
    """, counting_forks=True)
    plain = found["plain"]
    assert found["can_fork"] is (sys.platform.startswith("linux") and (os.cpu_count() or 1) > 1)
    assert found["values"] == plain
    if found["can_fork"]:
        # the first half here, the second in the child, never both
        assert found["where"] == [True] * 20 + [False] * 20
        assert found["forks"] == 5  # shared, died, raised, unreadable, raises_here; not "few"
    assert found["died"] == plain
    assert found["raised"] == plain
    assert found["unreadable"] == list(range(40))
    assert [value for value, _ in found["few"]] == plain[:5]
    assert all(mine for _, mine in found["few"])
    assert found["error"] == 3
    assert found["children_left"] == "none"


def test_check_on_a_long_request_is_the_same_forked_or_not(tmp_path):
    """`oiadraft check` (which forks on a long request) prints what one process works out."""
    from oiadraft import jsonout, scope
    from oiadraft.commands import check
    from oiadraft.letter import splitter

    asks = [
        "All emails between the Minister and any official about the stadium since 2015.",
        "The final report of the 2023 review of the Wellington water services.",
        "The dates on which the Ministry met Treasury about the budget in March 2024.",
        "Copies of all communications falling within 1 and 2 above.",
        "Any correspondence any MFAT official has had with any UK representative.",
        "The number of complaints received each year from 2019 to 2023, by outcome.",
    ]
    body = "Kia ora,\n\n" + "\n\n".join(
        f"{n + 1}. {asks[n % len(asks)]} (item {n + 1})" for n in range(forked.LEAST + 40))
    request = tmp_path / "long.txt"
    request.write_text(body, encoding="utf-8")
    found = _run(f"""
        import contextlib, io, json, os, sys
        from oiadraft import forked
        from oiadraft.cli import main

        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            status = main(["check", {str(request)!r}, "--format", "json",
                           "--today", "2024-09-13"])
        # a child that fails while writing its parts' JSON: this process does it all
        from oiadraft.commands import check
        here = os.getpid()
        write = check._parts_texts

        def fails_in_child(numbers, parts):
            if os.getpid() != here:
                os._exit(3)
            return write(numbers, parts)

        check._parts_texts = fails_in_child
        again = io.StringIO()
        with contextlib.redirect_stdout(again):
            main(["check", {str(request)!r}, "--format", "json", "--today", "2024-09-13"])
        print(json.dumps({{"status": status, "out": out.getvalue(), "forks": len(forks),
                          "child_failed": again.getvalue()}}))
    """, counting_forks=True)
    from datetime import date

    text, _ = check.read_input(str(request))
    today = date(2024, 9, 13)
    split = splitter.split_request(text, today=today)
    assert len(split.parts) >= forked.LEAST
    context = scope.Context(act=check.resolve_act(None), today=today)
    alone = scope.assess_request(split, context, echo_words=False)
    report = {"act": context.act, "assessment": alone, "long": len(text) > check.LONG_INPUT,
              "length": len(text)}
    assert found["out"] == jsonout.dumps(check.report_json(report)) + "\n"
    assert found["child_failed"] == found["out"]
    assert found["status"] == (1 if alone.risk == "high" else 0)
    # one fork, whose child assesses its share of the parts and writes their JSON (and one
    # more for the run whose child failed)
    assert found["forks"] == (2 if sys.platform.startswith("linux") and
                              (os.cpu_count() or 1) > 1 else 0)


def test_work_after_each_share_in_a_fresh_process():
    """`ordered_map_with`: `after` runs once per share, in the process that worked it out,
    with the share's first index and results; when the child fails, here for its share."""
    found = _run("""
        import json, os
        from oiadraft import forked

        here = os.getpid()
        forked.spare_cores = lambda: 2.0  # as if the machine were quiet, whatever it is doing
        items = list(range(40))

        def square(n):
            return n * n

        def after(start, results):
            return [start, results, os.getpid() == here]

        def after_fails_in_child(start, results):
            if os.getpid() != here:
                raise ValueError("only in the child")
            return [start, results, True]

        def after_unreadable_in_child(start, results):
            return (lambda: start) if os.getpid() != here else [start, results, True]

        few = forked.ordered_map_with(square, items[:5], after, least=6)
        print(json.dumps({
            "can_fork": forked.can_fork(),
            "shared": forked.ordered_map_with(square, items, after, least=2, child_share=25),
            "failed": forked.ordered_map_with(square, items, after_fails_in_child, least=2),
            "unreadable": forked.ordered_map_with(square, items, after_unreadable_in_child,
                                                  least=2),
            "few": few,
        }))
    """)
    plain = [n * n for n in range(40)]
    if found["can_fork"]:
        # a quarter of the items (rounded down, after the first) in the child
        assert found["shared"] == [plain, [[0, plain[:30], True], [30, plain[30:], False]]]
        assert found["failed"] == [plain, [[0, plain[:20], True], [20, plain[20:], True]]]
        assert found["unreadable"] == found["failed"]
    else:
        assert found["shared"] == [plain, [[0, plain, True]]]
    assert found["few"] == [plain[:5], [[0, plain[:5], True]]]


def test_no_fork_while_another_thread_runs(monkeypatch):
    def refuse() -> int:
        raise AssertionError("forked with a thread running")

    monkeypatch.setattr(os, "fork", refuse)
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert forked.can_fork() is False
        assert forked.ordered_map(lambda n: n + 1, list(range(10)), least=2) == list(range(1, 11))
    finally:
        stop.set()
        thread.join()


@pytest.mark.parametrize("count", [0, 1, 5])
def test_short_lists_are_worked_out_here(monkeypatch, count):
    def refuse() -> int:
        raise AssertionError("forked for a short list")

    monkeypatch.setattr(os, "fork", refuse)
    assert forked.ordered_map(str, list(range(count))) == [str(n) for n in range(count)]


def test_a_busy_machine_works_it_out_here(monkeypatch):
    def refuse() -> int:
        raise AssertionError("forked on a busy machine")

    monkeypatch.setattr(os, "fork", refuse)
    monkeypatch.setattr(forked, "spare_cores", lambda: forked.SPARE / 2)
    assert forked.ordered_map(str, list(range(600))) == [str(n) for n in range(600)]


def test_spare_cores_is_idle_time_over_time_passed(monkeypatch):
    monkeypatch.setattr(forked, "_SINCE", (100.0, 5.0, time.monotonic() - 2.0))
    monkeypatch.setattr(forked, "_children_seconds", lambda: 5.0)
    monkeypatch.setattr(forked, "_idle_seconds", lambda: 103.0)
    assert 1.45 < forked.spare_cores() <= 1.5  # 3 idle CPU seconds in 2 s (and a little)
    monkeypatch.setattr(forked, "_idle_seconds", lambda: 100.0)
    assert forked.spare_cores() == 0.0
    # a child of this process's kept the other core busy: it counts as spare
    monkeypatch.setattr(forked, "_children_seconds", lambda: 6.8)
    assert 0.85 < forked.spare_cores() <= 0.9


def test_spare_cores_unknown_counts_every_core(monkeypatch):
    monkeypatch.setattr(forked, "_SINCE", (None, 0.0, time.monotonic() - 2.0))
    assert forked.spare_cores() == float(os.cpu_count() or 1)
    monkeypatch.setattr(forked, "_SINCE", (100.0, 0.0, time.monotonic()))
    monkeypatch.setattr(forked, "_idle_seconds", lambda: 100.0)
    assert forked.spare_cores() == float(os.cpu_count() or 1)  # too soon to tell


def test_idle_seconds_reads_this_machine():
    idle = forked._idle_seconds()
    if sys.platform.startswith("linux"):
        assert idle is not None and idle >= 0
    else:
        assert idle is None
