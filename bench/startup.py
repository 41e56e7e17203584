"""Time to first frame: `oiadraft` against a bare Textual app (Header + Footer).

Each run is a fresh Python process (imports included), headless, that exits as soon as its
first screen has been painted (os._exit in the first after-refresh callback, so teardown is
not counted for either). Both apps are measured the same way, alternately, in the same
run. Target: median ratio <= 1.3.

oiadraft paints its chat screen first and then loads the interview script and greets, so two
figures are printed for it: the first frame (the chat screen, input focused) and the frame
that shows the greeting and the first question (what a person can act on).

    .venv/bin/python bench/startup.py [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

BARE = """
import os
from textual.app import App
from textual.widgets import Footer, Header

class Bare(App):
    def compose(self):
        yield Header()
        yield Footer()

    def on_mount(self):
        self.call_after_refresh(os._exit, 0)

Bare().run(headless=True, size=(120, 40))
"""

OIADRAFT_FIRST_FRAME = """
import os
from oiadraft.tui.app import make_app
from oiadraft.tui.screens.chat import ChatScreen

original = ChatScreen.on_mount

def on_mount(self):
    self.call_after_refresh(os._exit, 0)  # queued before the screen's own after-refresh work
    original(self)

ChatScreen.on_mount = on_mount
make_app().run(headless=True, size=(120, 40))
"""

OIADRAFT_GREETING = """
import os
from oiadraft.tui.app import make_app
from oiadraft.tui.screens.chat import ChatScreen

original = ChatScreen._start_conversation

def start(self):
    original(self)
    assert self.query("AssistantTurn"), "no greeting"
    self.call_after_refresh(os._exit, 0)

ChatScreen._start_conversation = start
make_app().run(headless=True, size=(120, 40))
"""


def time_process(code: str, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, OIADRAFT_HOME=home, TEXTUAL_ANIMATIONS="none")
        # warm the OS file cache and .pyc files for both before measuring
        for code in (BARE, OIADRAFT_FIRST_FRAME, OIADRAFT_GREETING):
            time_process(code, env)
        bare, first, greeting = [], [], []
        for _ in range(args.runs):
            bare.append(time_process(BARE, env))
            first.append(time_process(OIADRAFT_FIRST_FRAME, env))
            greeting.append(time_process(OIADRAFT_GREETING, env))
    base = statistics.median(bare)
    for label, times in (("bare Textual app (Header+Footer)", bare),
                         ("oiadraft first frame", first),
                         ("oiadraft greeting on screen", greeting)):
        median = statistics.median(times)
        print(f"{label:34} median {median * 1000:7.1f} ms  (min {min(times) * 1000:.1f}, "
              f"max {max(times) * 1000:.1f}; ratio {median / base:.2f}) over {args.runs} runs")
    print("target: first-frame ratio <= 1.3")


if __name__ == "__main__":
    main()
