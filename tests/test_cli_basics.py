"""The CLI shell: --version, --help, and bad usage exit 2 without a traceback."""

from __future__ import annotations

import subprocess
import sys

from oiadraft import __version__
from oiadraft.cli import main


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "oiadraft", *args], capture_output=True,
                          text=True, timeout=60)


def test_version():
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"oiadraft {__version__}"


def test_help_lists_commands():
    result = run("--help")
    assert result.returncode == 0
    assert "chat assistant" in result.stdout


def test_unknown_command_is_usage_error(capsys):
    try:
        main(["no-such-command"])
    except SystemExit as exc:
        assert exc.code == 2
    else:  # pragma: no cover - argparse always exits here
        raise AssertionError("argparse did not exit")
    assert "invalid choice" in capsys.readouterr().err


def test_tui_needs_a_terminal():
    result = subprocess.run([sys.executable, "-m", "oiadraft"], capture_output=True, text=True,
                            stdin=subprocess.DEVNULL, timeout=60)
    assert result.returncode == 2
    assert "needs a terminal" in result.stderr
    assert "Traceback" not in result.stderr


def test_open_an_unknown_draft_is_one_clear_line():
    result = run("open", "no-such-draft")
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("oiadraft: ")
    assert "Traceback" not in result.stderr


def test_open_a_saved_draft_needs_a_terminal():
    from oiadraft.model import Draft
    from oiadraft.store import Store

    draft = Draft(agency="Treasury")
    Store().save(draft)
    result = subprocess.run([sys.executable, "-m", "oiadraft", "open", draft.id],
                            capture_output=True, text=True, stdin=subprocess.DEVNULL,
                            timeout=60)
    assert result.returncode == 2 and "needs a terminal" in result.stderr
