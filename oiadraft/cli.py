"""The `oiadraft` command: with no subcommand it opens the chat assistant (the TUI).

Subcommands live in `oiadraft/commands/<name>.py`. This module never imports Textual; the TUI
is imported only when it is launched, which keeps `check` and `deadline` fast.

Whatever goes wrong, the command prints one line, `oiadraft: ...`, on stderr and exits 2; it
never shows a traceback. That covers bad usage (argparse's errors are one line too, not a usage
block), bad input and files, a closed or full stdout or stdin (`>/dev/full`, `>&-`), Ctrl-C at
any moment (exit 130, silently; `oiadraft/__init__` covers the imports before `main`) and, as
a last resort, a bug: its details go to a log file named in the one line.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import os
import sys
from collections.abc import Sequence

from oiadraft import __version__
from oiadraft.errors import OiaDraftError

SUBCOMMANDS = ("check", "deadline", "render", "clauses", "drafts", "agencies", "open")
INTERRUPTED = 130


class ArgumentParser(argparse.ArgumentParser):
    """argparse with one-line errors: `oiadraft: <what>; see oiadraft <command> --help`."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{message} (see `{self.prog} --help`)")


class UsageError(OiaDraftError):
    """Bad usage found by argparse; exit status 2 like any bad input."""


class _Closed:
    """Stands in for a standard stream that was closed before oiadraft started (`>&-`): using
    it is one clear error."""

    def __init__(self, name: str) -> None:
        self.name = name

    def _fail(self, *args: object) -> None:
        from oiadraft.errors import UserError

        raise UserError(f"standard {self.name} is closed")

    write = read = readline = fileno = _fail

    @property
    def buffer(self) -> _Closed:
        return self

    def isatty(self) -> bool:
        return False

    def flush(self) -> None:
        pass


class _Discard:
    """Where error messages go when stderr itself is closed: nowhere, but nothing breaks."""

    def write(self, text: str) -> int:
        return len(text)

    def flush(self) -> None:
        pass


def build_parser() -> argparse.ArgumentParser:
    parser = ArgumentParser(
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
            module = __import__(f"oiadraft.commands.{name}", fromlist=["register"])
        except ModuleNotFoundError as exc:
            if exc.name != f"oiadraft.commands.{name}":
                raise
            continue
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit status (0 ok, 1 findings, 2 bad usage or input, 130
    interrupted). Never raises, never prints a traceback."""
    try:
        _guard_streams()
        status = _run(argv)
        sys.stdout.flush()  # a full disk shows here, while we can still say so
        return status
    except KeyboardInterrupt:
        _silence_stdout()
        return INTERRUPTED
    except SystemExit as exc:  # --help, --version, and commands that exit themselves
        _flush_quietly()
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    except BrokenPipeError:
        # `oiadraft check | head`: the reader went away; that is not an error of ours.
        _silence_stdout()
        return 0
    except OiaDraftError as exc:
        _say(str(exc))
        return 2
    except OSError as exc:
        _silence_stdout()
        _say(_os_error(exc))
        return 2
    except MemoryError:
        _say("out of memory")
        return 2
    except Exception as exc:  # a bug: one line here, the details in a log file
        _say(_report_bug(exc))
        return 2


def _run(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        return launch_tui()
    return int(args.func(args) or 0)


def launch_tui(draft_id: str | None = None) -> int:
    """Start the Textual app (imported here so the CLI stays light)."""
    from oiadraft import paths

    paths.home()  # a home setting that names no folder: one line now, not an error on screen
    needs_terminal()
    from oiadraft.tui.app import run

    return run(draft_id=draft_id)


def needs_terminal() -> None:
    """UserError unless both stdin and stdout are a terminal (the chat assistant needs one)."""
    from oiadraft.errors import UserError

    streams = (sys.stdin, sys.stdout)
    if not all(getattr(stream, "isatty", lambda: False)() for stream in streams):
        raise UserError("the chat assistant needs a terminal; see `oiadraft --help` for the "
                        "commands that work in scripts")


def _guard_streams() -> None:
    """Closed standard streams become ones that fail clearly; text the terminal cannot encode
    (a file name that is not UTF-8) is escaped rather than fatal."""
    if sys.stdin is None:
        sys.stdin = _Closed("input")  # type: ignore[assignment]
    if sys.stdout is None:
        sys.stdout = _Closed("output")  # type: ignore[assignment]
    if sys.stderr is None:
        sys.stderr = _Discard()  # type: ignore[assignment]
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def _say(message: str) -> None:
    """The one line: control characters removed (a draft name cannot drive the terminal),
    newlines folded, and nothing raised if stderr is gone too (the exit status still tells)."""
    from oiadraft.text import printable

    with contextlib.suppress(OSError, ValueError):
        print(f"oiadraft: {printable(message)}", file=sys.stderr, flush=True)


def _os_error(exc: OSError) -> str:
    what = exc.strerror or str(exc)
    if exc.errno in (errno.ENOSPC, errno.EBADF, errno.EIO) and exc.filename is None:
        return f"cannot write the output: {what}"
    return f"{exc.filename}: {what}" if exc.filename else what


def _silence_stdout() -> None:
    """Point stdout at /dev/null so Python's final flush of unwritable output stays quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def _flush_quietly() -> None:
    try:
        sys.stdout.flush()
    except (OSError, ValueError):
        _silence_stdout()


def _report_bug(exc: BaseException) -> str:
    import traceback

    summary = f"unexpected error ({type(exc).__name__}: {' '.join(str(exc).split())[:200]})"
    try:
        from datetime import datetime

        from oiadraft import fsutil, paths

        log = paths.logs_dir() / f"cli-{datetime.now():%Y%m%dT%H%M%S%f}.log"
        fsutil.atomic_write_text(log, "".join(traceback.format_exception(exc)))
    except Exception:
        return summary + "; please report it"
    return f"{summary}; details are in {log}; please report it"
