"""How long typed-but-unsent words take to be safe from kill -9.

oiadraft runs on a pseudo-terminal (a fresh home each time): the agency is answered, then a
few words are typed into the box without Enter; after a wait the process is killed with
SIGKILL and the saved draft is read back. For each wait it prints how many runs kept the
words. Target: anything typed more than 1 s before a kill -9 survives.

    .venv/bin/python bench/typed_survival.py [--waits 0.1 0.3 0.5 0.7 1.0] [--runs 3]
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import re
import select
import signal
import struct
import sys
import tempfile
import termios
import time

ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-_]")
WORDS = "cluster munitions policy"


def wait_for(fd: int, marker: str, seen: list[str], timeout: float = 30.0) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if select.select([fd], [], [], 0.2)[0]:
            seen.append(os.read(fd, 65536).decode("utf-8", "replace"))
            if marker in ESCAPES.sub("", "".join(seen)):
                return
    raise SystemExit(f"never saw {marker!r}")


def one_run(wait: float) -> bool:
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, OIADRAFT_HOME=home, TERM="xterm-256color")
        pid, fd = pty.fork()
        if pid == 0:
            os.execve(sys.executable, [sys.executable, "-c",
                                       "from oiadraft.tui.app import run; run()"], env)
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        seen: list[str] = []
        try:
            wait_for(fd, "Who are you asking?", seen)
            os.write(fd, b"mfat\r")
            wait_for(fd, "Foreign Affairs", seen)
            os.write(fd, WORDS.encode())
            end = time.monotonic() + wait
            while time.monotonic() < end:  # keep draining the pty so the app never blocks
                if select.select([fd], [], [], max(0.0, end - time.monotonic()))[0]:
                    os.read(fd, 65536)
        finally:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            os.close(fd)
        os.environ["OIADRAFT_HOME"] = home
        from oiadraft.store import Store

        drafts = [Store().load(summary.id) for summary in Store().list()]
        return any(WORDS in draft.pending_input for draft in drafts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--waits", type=float, nargs="+", default=[0.1, 0.3, 0.5, 0.7, 1.0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"words typed, then kill -9 after a wait ({args.runs} runs each)")
    for wait in args.waits:
        kept = sum(one_run(wait) for _ in range(args.runs))
        print(f"  {wait:4.1f} s: kept {kept}/{args.runs}")
    print("target: everything typed more than 1 s before the kill survives")


if __name__ == "__main__":
    main()
