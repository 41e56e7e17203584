"""No traceback, ever: every bad argument, file, stream or signal is one `oiadraft: ...` line on
stderr and exit status 2 (130 for Ctrl-C, silently); text output never carries control
characters from a draft."""

from __future__ import annotations

import errno
import os
import subprocess
import sys

import pytest

from oiadraft import cli, fsutil, paths
from oiadraft.cli import main
from oiadraft.model import Draft, Part
from oiadraft.store import Store

LONG = "x" * 300
DIGITS = "9" * 5000


def saved(**changes) -> Draft:
    draft = Draft(id="robust000001", agency="Treasury", topic="Budget",
                  parts=[Part("Briefings on the budget.")])
    for key, value in changes.items():
        setattr(draft, key, value)
    Store().save(draft)
    return draft


def one_line(capsys, *args: str, status: int = 2) -> str:
    assert main(list(args)) == status
    out, err = capsys.readouterr()
    assert out == "", out
    assert err.count("\n") == 1 and err.startswith("oiadraft: "), err
    assert "Traceback" not in err
    return err


def run(*args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, shell_redirect: str = ""):
    command = [sys.executable, "-m", "oiadraft", *args]
    if shell_redirect:
        command = ["sh", "-c", f'exec "$@" {shell_redirect}', "sh", *command]
    return subprocess.run(command, stdin=stdin, stdout=stdout, stderr=subprocess.PIPE,
                          timeout=60)


@pytest.mark.parametrize("args", [
    ["drafts", "show"], ["drafts", "list", "--format", "xml"], ["no-such-command"],
    ["render"], ["check", "--act"], ["drafts", "export", "x", "--bogus"],
])
def test_usage_errors_are_one_line_not_a_usage_block(capsys, args):
    err = one_line(capsys, *args)
    assert "usage:" not in err and "--help`)" in err


@pytest.mark.parametrize("args", [
    ["drafts", "show", LONG], ["drafts", "export", LONG], ["drafts", "rename", LONG, "x"],
    ["drafts", "delete", LONG], ["render", LONG], ["open", LONG],
    ["drafts", "show", "/" + "y" * 5000], ["render", "a/" * 3000],
])
def test_names_too_long_for_the_system_are_one_line(capsys, args):
    err = one_line(capsys, *args)
    assert len(err) < 300, "a long name is shortened in the message"


@pytest.mark.parametrize("option", ["--days", "--extend"])
def test_a_number_with_thousands_of_digits_is_one_line(capsys, option):
    err = one_line(capsys, "deadline", "2024-09-13", option, DIGITS)
    assert "5000 digits" in err and len(err) < 200


def test_a_name_that_is_not_utf8_is_refused_and_the_draft_kept():
    saved()
    before = Store().path_for("robust000001").read_bytes()
    result = subprocess.run([sys.executable, "-m", "oiadraft", "drafts", "rename",
                             "robust000001", b"caf\xe9 \xff"], capture_output=True, timeout=60)
    assert result.returncode == 2 and result.stdout == b""
    assert result.stderr == (b"oiadraft: the name is not valid UTF-8 text; type it again in a "
                             b"UTF-8 terminal\n")
    assert Store().path_for("robust000001").read_bytes() == before
    shown = subprocess.run([sys.executable, "-m", "oiadraft", "drafts", "show", b"\xff\xfe"],
                           capture_output=True, timeout=60)
    assert shown.returncode == 2 and shown.stderr.count(b"\n") == 1
    assert b"Traceback" not in shown.stderr


def test_a_full_stdout_is_one_line(tmp_path):
    saved()
    request = tmp_path / "request.txt"
    request.write_text("1. All emails about the port since 2020.\n", encoding="utf-8")
    with open("/dev/full", "w") as full, request.open("rb") as text:
        listing = run("drafts", "list", stdout=full)
        checked = run("check", "-", stdin=text, stdout=full)
    for result in (listing, checked):
        assert result.returncode == 2
        assert result.stderr == b"oiadraft: cannot write the output: No space left on device\n"


def test_closed_stdout_and_stdin_are_one_line():
    saved()
    closed_out = run("drafts", "show", "robust000001", shell_redirect=">&-")
    assert (closed_out.returncode, closed_out.stderr) == (
        2, b"oiadraft: standard output is closed\n")
    closed_in = run("check", "-", stdin=None, shell_redirect="<&-")
    assert (closed_in.returncode, closed_in.stderr) == (2, b"oiadraft: standard input is closed\n")
    # a command that prints nothing to stdout is not troubled by it being closed
    quiet = run("drafts", "delete", "robust000001", shell_redirect=">&-")
    assert quiet.returncode == 0 and b"moved to" in quiet.stderr


def test_endless_input_is_capped(capsys):
    err = one_line(capsys, "check", "/dev/zero")
    assert err == ("oiadraft: /dev/zero is larger than 20 MB, far more than a request or draft; "
                   "it was not read\n")


def test_reading_stops_at_the_cap_not_at_the_end():
    class Endless:
        calls = 0

        def read(self, size):
            Endless.calls += 1
            return b"a" * size

    with pytest.raises(fsutil.TooLargeError):
        fsutil.read_capped(Endless(), limit=5 * 1024 * 1024)
    assert Endless.calls <= 6


def test_a_plain_file_as_the_home_or_drafts_folder_is_one_line(capsys, monkeypatch, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("OIADRAFT_HOME", str(blocker))
    assert "a file is in the way" in one_line(capsys, "drafts", "list")
    home = tmp_path / "home"
    home.mkdir()
    (home / "drafts").write_text("", encoding="utf-8")
    monkeypatch.setenv("OIADRAFT_HOME", str(home))
    for args in (["drafts", "list"], ["render", "abcd"], ["drafts", "show", "abcd"]):
        assert "a file is in the way" in one_line(capsys, *args)


def test_delete_in_a_read_only_folder_is_one_line_and_the_draft_stays(capsys, monkeypatch):
    saved()

    def read_only(path, folder):
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr(fsutil, "move_to_folder", read_only)
    err = one_line(capsys, "drafts", "delete", "robust000001")
    assert "cannot move" in err and "to the trash: Permission denied" in err
    assert Store().exists("robust000001")


def test_a_full_disk_on_rename_is_one_line_and_the_draft_unchanged(capsys, monkeypatch):
    saved()
    before = Store().path_for("robust000001").read_bytes()

    def full(path, text, mode=0o600, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(fsutil, "atomic_write_text", full)
    err = one_line(capsys, "drafts", "rename", "robust000001", "New name")
    assert err.endswith("robust000001.yaml: No space left on device\n")
    assert Store().path_for("robust000001").read_bytes() == before


ESCAPES = "\x1b]0;PWNED\x07\x1b[2J\x1b[31m\x08\x7f"


def test_text_output_never_carries_control_characters(capsys):
    saved(name=f"evil{ESCAPES}name", topic=f"top{ESCAPES}ic", agency=f"Tre{ESCAPES}asury",
          parts=[Part(f"Part{ESCAPES} one\x00.")], clauses=[f"cl{ESCAPES}"])
    for args in (["drafts", "list"], ["drafts", "show", "robust000001"],
                 ["render", "robust000001"], ["drafts", "export", "robust000001"],
                 ["drafts", "export", "robust000001", "--format", "markdown"],
                 ["drafts", "rename", "robust000001", f"again{ESCAPES}"]):
        assert main(args) == 0
        out, err = capsys.readouterr()
        for text in (out, err):
            assert not any(ch in text for ch in "\x1b\x07\x08\x7f\x00"), (args, text)
        if args[:2] in (["drafts", "list"], ["drafts", "show"]):
            assert "evilname" in out
    assert Store().load("robust000001").name == "again", "the name typed is stored clean"


def test_an_unexpected_error_is_one_line_with_a_log(capsys, monkeypatch):
    from oiadraft.commands import drafts

    def broken(args):
        raise RuntimeError("boom\nsecond line")

    monkeypatch.setattr(drafts, "run", broken)
    err = one_line(capsys, "drafts", "list")
    assert err.startswith("oiadraft: unexpected error (RuntimeError: boom second line); "
                          "details are in ")
    logs = list(paths.logs_dir().iterdir())
    assert len(logs) == 1 and "RuntimeError: boom" in logs[0].read_text(encoding="utf-8")
    assert str(logs[0]) in err


def test_ctrl_c_during_a_command_or_its_imports_is_silent(capsys, monkeypatch):
    def interrupted():
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "build_parser", interrupted)
    assert main(["drafts", "list"]) == 130
    assert capsys.readouterr() == ("", "")


def test_ctrl_c_before_main_runs_prints_no_traceback():
    """An interrupt while Python is importing oiadraft (before `main`) ends the process as
    interrupted with nothing on stderr."""
    result = subprocess.run([sys.executable, "-c", "import oiadraft\nraise KeyboardInterrupt"],
                            capture_output=True, timeout=60)
    assert result.stderr == b"" and result.returncode in (130, -2)
    other = subprocess.run([sys.executable, "-c", "import oiadraft\nraise ValueError('shown')"],
                           capture_output=True, timeout=60)
    assert b"ValueError: shown" in other.stderr, "other errors are not hidden"


def test_export_to_a_fifo_or_a_missing_folder_is_one_line(capsys, tmp_path):
    saved()
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    err = one_line(capsys, "drafts", "export", "robust000001", "-o", str(fifo), "--force")
    assert "is not a regular file" in err
    err = one_line(capsys, "drafts", "export", "robust000001", "-o", str(tmp_path / "a" / "b"))
    assert "does not exist" in err and not (tmp_path / "a").exists()


NO_SUCH_USER = "~oiadraft-no-such-user"


@pytest.mark.parametrize("args", [
    ["drafts", "export", "robust000001", "-o", f"{NO_SUCH_USER}/letter.txt"],
    ["render", f"{NO_SUCH_USER}/draft.yaml"], ["drafts", "show", NO_SUCH_USER],
    ["drafts", "rename", f"{NO_SUCH_USER}/draft.yaml", "x"], ["open", f"{NO_SUCH_USER}/d.yaml"],
])
def test_a_home_folder_of_a_user_who_does_not_exist_is_named_in_one_line(capsys, args):
    # `~name` is expanded to that user's home; Python raises RuntimeError when there is none,
    # which was reported as an oiadraft bug with a log
    saved()
    err = one_line(capsys, *args)
    assert f"no user {NO_SUCH_USER[1:]!r} on this computer" in err, err
    assert "unexpected" not in err
    assert not (paths.home() / "logs").exists()


def test_a_home_setting_naming_a_user_who_does_not_exist_is_one_line(capsys, monkeypatch):
    monkeypatch.setenv("OIADRAFT_HOME", f"{NO_SUCH_USER}/oiadraft")
    for args in (["drafts", "list"], ["clauses", "list"], []):
        err = one_line(capsys, *args)
        assert "OIADRAFT_HOME" in err and "unexpected" not in err, (args, err)
