"""A writer killed mid-save never leaves a half-written draft.

A child process saves a large draft (about 120 kB) in a loop, each version marked in every part,
and is stopped inside the save (after the new text is written to the temp file, before it
replaces the old file) and killed with SIGKILL, so the mid-write case is certain, not left to
timing; the file on disk loads as the previous complete version. (Kills at random moments are
in test_store_faults.py.)
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from oiadraft.store import Store

PARTS = 500

CHILD = r"""
import os, sys
from pathlib import Path
from oiadraft.model import Draft, Part
from oiadraft.store import Store

root, mode = Path(sys.argv[1]), sys.argv[2]
store = Store(root=root)
try:  # the draft a previous writer left, as the app would open it
    draft = store.load("crash")
except Exception:
    draft = Draft(id="crash", parts=[Part("") for _ in range(PARTS)])

def stamp(rev):
    draft.topic = f"rev {rev}"
    for number, part in enumerate(draft.parts):
        part.text = f"rev {rev} part {number} " + "x" * 200

block_at = {"block": 2, "block-first": 1}[mode]
real_fsync = os.fsync
state = {"rev": 0}

def fsync(fd):
    if state["rev"] == block_at:
        print("in-fsync", flush=True)
        sys.stdin.readline()  # wait here until killed
    return real_fsync(fd)

os.fsync = fsync
rev = 0
while True:
    rev += 1
    state["rev"] = rev
    stamp(rev)
    store.save(draft)
    print(rev, flush=True)
""".replace("PARTS", str(PARTS))


def start(root: Path, mode: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", CHILD, str(root), mode],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)


def kill(process: subprocess.Popen[str]) -> list[str]:
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    rest = process.stdout.read().split()
    process.stdin.close()
    process.stdout.close()
    return rest


def check_complete(root: Path) -> int:
    """Load the draft as the app would and check every part is from the same version."""
    draft = Store(root=root).load("crash")
    rev = int(draft.topic.split()[1])
    assert len(draft.parts) == PARTS
    for number, part in enumerate(draft.parts):
        assert part.text == f"rev {rev} part {number} " + "x" * 200
    return rev


def test_killed_between_writing_and_replacing_keeps_the_previous_version(tmp_path):
    process = start(tmp_path, "block")
    assert process.stdout.readline().strip() == "1"
    assert process.stdout.readline().strip() == "in-fsync"
    kill(process)
    assert check_complete(tmp_path) == 1
    leftovers = list(tmp_path.glob(".crash.yaml.*.tmp"))
    assert len(leftovers) == 1, "the new version was written to a temp file, never to the draft"
    assert "rev 2 part 0 " in leftovers[0].read_text(encoding="utf-8")
    store = Store(root=tmp_path)
    assert [summary.id for summary in store.list()] == ["crash"] and store.problems == []


def test_killed_during_the_first_save_leaves_no_draft_and_no_problem(tmp_path):
    process = start(tmp_path, "block-first")
    assert process.stdout.readline().strip() == "in-fsync"
    kill(process)
    store = Store(root=tmp_path)
    assert store.list() == [] and store.problems == []
    assert not (tmp_path / "crash.yaml").exists()
