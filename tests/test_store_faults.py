"""Faults while saving: kill -9s (fifty in `make thorough`) never lose a saved version or what was typed, and leave
no temp file once the folder is next used; a full or failing disk at any step of a write leaves
the previous version intact, no temp file, and the draft in memory ready to save again."""

from __future__ import annotations

import errno
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest
from property_budget import examples

from oiadraft import fsutil
from oiadraft.errors import SaveError
from oiadraft.model import Draft, Part
from oiadraft.store import Store

KILLS = examples(50)
"""Fifty in `make thorough`; `make test` kills a third as many writers (tests/property_budget.py)."""

# One helper process imports oiadraft once and forks a writer per kill, so fifty kills cost
# fifty forks, not fifty interpreter starts. Each writer opens the draft as the app would,
# then saves new revisions (parts and the unsent input box) until it is killed, reporting each
# completed save on stdout.
FORKER = r"""
import os, sys
from oiadraft.model import Draft, Part
from oiadraft.store import Store

root = sys.argv[1]
for line in sys.stdin:
    if line.strip() == "reap":
        os.waitpid(pid, 0)
        print("reaped", flush=True)
        continue
    pid = os.fork()
    if pid:
        print(f"pid {pid}", flush=True)
        continue
    store = Store(root=__import__("pathlib").Path(root))
    try:
        draft = store.load("killme")
    except Exception:
        draft = Draft(id="killme", parts=[Part("") for _ in range(40)])
    rev = int(draft.topic or 0)
    while True:
        rev += 1
        draft.topic = str(rev)
        draft.pending_input = f"typed {rev}"
        for number, part in enumerate(draft.parts):
            part.text = f"rev {rev} part {number} " + "x" * 300
        store.save(draft)
        os.write(1, f"rev {rev}\n".encode())  # one write: a kill never leaves half a line
"""


def check(root: Path) -> int:
    draft = Store(root=root).load("killme")
    rev = int(draft.topic)
    assert draft.pending_input == f"typed {rev}"
    assert [p.text for p in draft.parts] == [f"rev {rev} part {n} " + "x" * 300
                                             for n in range(40)]
    return rev


def start_forker(root: Path, env: dict | None = None) -> subprocess.Popen[str]:
    """The helper process that forks writers on "go" and reaps the last one on "reap"."""
    return subprocess.Popen([sys.executable, "-c", FORKER, str(root)], text=True, env=env,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE)


def kill_one(forker: subprocess.Popen[str], delay: float) -> int:
    """Fork a writer, let it complete a save, kill it with SIGKILL `delay` seconds later
    (somewhere in its next saves) and reap it; returns the last revision it reported."""
    forker.stdin.write("go\n")
    forker.stdin.flush()
    pid = int(forker.stdout.readline().split()[1])
    first = forker.stdout.readline()  # at least one save completed by this writer
    assert first.startswith("rev "), first
    last = int(first.split()[1])
    stop = time.perf_counter() + delay
    while time.perf_counter() < stop:
        pass
    os.kill(pid, 9)
    forker.stdin.write("reap\n")
    forker.stdin.flush()
    for line in iter(forker.stdout.readline, ""):
        if line.startswith("reaped"):
            break
        last = int(line.split()[1])
    return last


def test_kills_during_saves_lose_no_version_and_leave_no_temp_file(tmp_path):
    rng = random.Random(11)
    forker = start_forker(tmp_path)
    try:
        for _ in range(KILLS):
            last = kill_one(forker, rng.uniform(0, 0.02))
            rev = check(tmp_path)
            assert rev in (last, last + 1), (rev, last)  # the last reported, or the one in flight
    finally:
        forker.stdin.close()
        forker.wait(timeout=60)
        forker.stdout.close()
    assert rev >= KILLS, "every writer saved at least once"
    store = Store(root=tmp_path)
    assert [s.id for s in store.list()] == ["killme"] and store.problems == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["killme.yaml"], "no temp file left"


STEPS = ["write", "fsync", "chmod", "replace"]


@pytest.mark.parametrize("step", STEPS)
@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS, errno.EIO])
def test_a_disk_failing_at_any_step_keeps_the_previous_version(monkeypatch, step, code):
    store = Store()
    draft = Draft(id="faults000001", topic="First", parts=[Part("One.")])
    store.save(draft)
    path = store.path_for(draft.id)
    before = path.read_bytes()
    failure = OSError(code, os.strerror(code))

    class FailingFile:
        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def write(self, data):
            self.handle.write(data[: len(data) // 2])  # half of it reached the disk
            raise failure

        def __getattr__(self, name):
            return getattr(self.handle, name)

    real_fdopen = os.fdopen

    def fail(*args, **kwargs):
        raise failure

    with monkeypatch.context() as patched:
        if step == "write":
            patched.setattr(fsutil.os, "fdopen",
                            lambda *a, **k: FailingFile(real_fdopen(*a, **k)))
        else:
            patched.setattr(fsutil.os, step, fail)
        draft.topic = "Second"
        draft.pending_input = "typed while the disk was full"
        with pytest.raises(SaveError) as caught:
            store.save(draft)
    assert caught.value.errno == code
    assert path.read_bytes() == before, "the previous version is intact"
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name], "no temp file left"
    assert Store().load(draft.id).topic == "First"
    # the draft in memory is untouched and saves once the disk is back
    assert (draft.topic, draft.pending_input) == ("Second", "typed while the disk was full")
    assert store.save(draft).written
    assert Store().load(draft.id).pending_input == "typed while the disk was full"
