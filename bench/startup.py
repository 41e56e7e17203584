"""Start-up in a real terminal: `oiadraft` against a bare Textual app (Header + Footer).

Each run starts a fresh Python process on a pseudo-terminal (120x40, TERM=xterm-256color),
so the terminal driver, its mode queries and the writes to the tty are all counted, as a
person in a terminal sees them. A frame detector reads what the program writes, strips the
escape codes and notes when a marker first appears:

- first frame: the header title is on the screen (for both apps);
- greeting: the first question ("Who are you asking?") is on the screen (oiadraft only).

Both apps run from compiled bytecode, as they do for a person from the second start on: the
children write and read their .pyc files in one fresh cache (PYTHONPYCACHEPREFIX, a temporary
folder), filled by a warm-up start of each app, whatever PYTHONDONTWRITEBYTECODE says outside.
Without it, an editable install's changed modules were compiled from source on every start
while Textual's came precompiled from pip.

The two apps run alternately in the same run, so both see the same machine load; the figures
are medians, and the ratios are against the bare app's first frame. Targets: first frame
<= 1.3x, greeting <= 1.5x. Each process is killed once its markers are seen (teardown is
not counted for either).

    .venv/bin/python bench/startup.py [--runs 15]
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import re
import select
import signal
import statistics
import struct
import sys
import tempfile
import termios
import time

BARE = """
from textual.app import App
from textual.widgets import Footer, Header

class Bare(App):
    TITLE = "bare textual app"

    def compose(self):
        yield Header()
        yield Footer()

Bare().run()
"""

OIADRAFT = "from oiadraft.tui.app import run; run()"

FIRST_FRAME = {"bare": "bare textual app", "oiadraft": "official information requests"}
GREETING = "Who are you asking?"
ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-_]")
TIMEOUT = 30.0


def measure(code: str, markers: list[str], env: dict[str, str]) -> list[float]:
    """Seconds from spawn until each marker first shows on the pseudo-terminal."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: the program under test, on the pty
        os.execve(sys.executable, [sys.executable, "-c", code], env)
    start = time.perf_counter()
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    seen: dict[str, float] = {}
    raw = ""
    try:
        while len(seen) < len(markers) and time.perf_counter() - start < TIMEOUT:
            ready, _, _ = select.select([fd], [], [], 0.5)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            now = time.perf_counter()
            raw += chunk.decode("utf-8", "replace")
            shown = ESCAPES.sub("", raw)
            for marker in markers:
                if marker not in seen and marker in shown:
                    seen[marker] = now - start
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)
    missing = [m for m in markers if m not in seen]
    if missing:
        raise SystemExit(f"never saw {missing!r} on the screen")
    return [seen[m] for m in markers]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, OIADRAFT_HOME=home, TERM="xterm-256color", COLUMNS="120",
                   LINES="40")
        env.pop("TEXTUAL", None)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = os.path.join(home, "pycache")
        # warm the OS file cache and write the .pyc files for both before measuring
        measure(BARE, [FIRST_FRAME["bare"]], env)
        measure(OIADRAFT, [FIRST_FRAME["oiadraft"], GREETING], env)
        bare, first, greeting = [], [], []
        for _ in range(args.runs):
            bare.append(measure(BARE, [FIRST_FRAME["bare"]], env)[0])
            frame, greet = measure(OIADRAFT, [FIRST_FRAME["oiadraft"], GREETING], env)
            first.append(frame)
            greeting.append(greet)
    base = statistics.median(bare)
    print(f"real terminal (pty 120x40), {args.runs} runs each, alternating")
    for label, times in (("bare Textual app (Header+Footer)", bare),
                         ("oiadraft first frame", first),
                         ("oiadraft greeting on screen", greeting)):
        median = statistics.median(times)
        print(f"  {label:34} median {median * 1000:7.1f} ms  (min {min(times) * 1000:.1f}, "
              f"max {max(times) * 1000:.1f}; ratio {median / base:.2f})")
    print("targets: first-frame ratio <= 1.3, greeting ratio <= 1.5")


if __name__ == "__main__":
    main()
