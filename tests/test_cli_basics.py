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


def test_unknown_command_is_one_line_and_exit_2(capsys):
    assert main(["no-such-command"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1
    assert err.startswith("oiadraft: argument COMMAND: invalid choice: 'no-such-command'")


def test_help_and_version_still_exit_0_in_process(capsys):
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"oiadraft {__version__}\n"
    assert main(["drafts", "--help"]) == 0
    assert "usage: oiadraft drafts" in capsys.readouterr().out


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


def test_open_a_file_from_elsewhere_needs_a_terminal_before_importing_it(tmp_path):
    copy = tmp_path / "copy.yaml"
    copy.write_text("version: 1\nid: fromafile001\ntopic: Mine\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "oiadraft", "open", str(copy)],
                            capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=60)
    assert result.returncode == 2 and "needs a terminal" in result.stderr
    from oiadraft.store import Store

    assert not Store().exists("fromafile001"), "nothing imported when the app cannot start"


def test_open_a_file_from_elsewhere_imports_it_without_replacing_a_saved_draft(monkeypatch,
                                                                               tmp_path, capsys):
    from oiadraft import cli
    from oiadraft.model import Draft
    from oiadraft.store import Store

    saved = Draft(id="fromafile001", topic="Saved one")
    Store().save(saved)
    copy = tmp_path / "copy.yaml"
    copy.write_text("version: 1\nid: fromafile001\ntopic: Other\n", encoding="utf-8")
    opened = []
    monkeypatch.setattr(cli, "needs_terminal", lambda: None)
    monkeypatch.setattr(cli, "launch_tui", lambda draft_id=None: opened.append(draft_id) or 0)
    assert main(["open", str(copy)]) == 0
    assert "saved as a new draft" in capsys.readouterr().err
    assert opened and opened[0] != "fromafile001"
    assert Store().load(opened[0]).topic == "Other"
    assert Store().load("fromafile001").topic == "Saved one"


def test_open_a_saved_draft_needs_a_terminal():
    from oiadraft.model import Draft
    from oiadraft.store import Store

    draft = Draft(agency="Treasury")
    Store().save(draft)
    result = subprocess.run([sys.executable, "-m", "oiadraft", "open", draft.id],
                            capture_output=True, text=True, stdin=subprocess.DEVNULL,
                            timeout=60)
    assert result.returncode == 2 and "needs a terminal" in result.stderr
