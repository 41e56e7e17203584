"""The `oiadraft` command: with no subcommand it opens the chat assistant (the TUI).

Subcommands live in `oiadraft/commands/<name>.py`. This module never imports Textual; the TUI
is imported only when it is launched, which keeps `check` and `deadline` fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from oiadraft import __version__
from oiadraft.errors import OiaDraftError

SUBCOMMANDS = ("check", "deadline", "render", "clauses", "drafts", "agencies", "open")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="oiadraft",
        description=(
            "Write New Zealand official information requests (OIA / LGOIMA) that get answered. "
            "Run with no command to open the chat assistant."
        ),
    )
    parser.add_argument("--version", action="version", version=f"oiadraft {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in SUBCOMMANDS:
        try:
            module = importlib.import_module(f"oiadraft.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"oiadraft.commands.{name}":
                raise
            continue
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit status (0 ok, 1 findings, 2 bad usage or input)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            return launch_tui()
        return int(args.func(args) or 0)
    except OiaDraftError as exc:
        print(f"oiadraft: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # `oiadraft check | head`: the reader went away; that is not an error of ours.
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        return 130


def launch_tui(draft_id: str | None = None) -> int:
    """Start the Textual app (imported here so the CLI stays light)."""
    if not sys.stdin.isatty() or not sys.stdout.isatty():
        print("oiadraft: the chat assistant needs a terminal; see `oiadraft --help` for the "
              "commands that work in scripts", file=sys.stderr)
        return 2
    from oiadraft.tui.app import run

    return run(draft_id=draft_id)
