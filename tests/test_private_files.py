"""Private by default: folders 0700 whatever the umask, tightened when looser; temp files of
killed writers swept on start; exports never replace a pipe or socket or create folders."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys

import pytest

from oiadraft import fsutil, paths
from oiadraft.errors import UserError
from oiadraft.letter.export import export_file
from oiadraft.model import Draft, Part
from oiadraft.store import Store


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_folders_are_private_even_under_umask_000(tmp_path):
    home = tmp_path / "new" / "oiadraft"
    script = ("import os; os.umask(0)\n"
              "from oiadraft.model import Draft\nfrom oiadraft.store import Store\n"
              "from oiadraft import paths\n"
              "Store().save(Draft(id='umask0000001')); paths.user_clauses_dir()")
    env = {**os.environ, "OIADRAFT_HOME": str(home)}
    result = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert mode(home) == 0o700
    assert mode(home / "drafts") == 0o700 and mode(home / "clauses") == 0o700
    assert mode(home / "drafts" / "umask0000001.yaml") == 0o600


def test_folders_found_open_to_others_are_tightened(monkeypatch, tmp_path):
    home = tmp_path / "loose"
    (home / "drafts").mkdir(parents=True)
    os.chmod(home, 0o755)
    os.chmod(home / "drafts", 0o777)
    monkeypatch.setenv("OIADRAFT_HOME", str(home))
    monkeypatch.setattr(paths, "_prepared", set())
    Store().list()
    assert mode(home) == 0o700 and mode(home / "drafts") == 0o700


def test_temp_files_of_killed_writers_are_swept_on_start_and_live_ones_kept(monkeypatch):
    folder = paths.drafts_dir()
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, timeout=60)
    dead_pid = int(dead.stdout)
    left = folder / f".abc.yaml.{dead_pid}.x1y2.tmp"
    live = folder / f".abc.yaml.{os.getpid()}.z9.tmp"
    old_style = folder / ".abc.yaml.q1w2.tmp"
    for path in (left, live, old_style):
        path.write_text("partial", encoding="utf-8")
    monkeypatch.setattr(paths, "_prepared", set())  # as a new process would
    paths.drafts_dir()
    assert not left.exists(), "a dead writer's temp file is swept at once"
    assert live.exists(), "a live writer's is never touched"
    assert old_style.exists(), "one whose writer is unknown waits until it is an hour old"
    hour_ago = old_style.stat().st_mtime - fsutil.STALE_TEMP_SECONDS - 60
    os.utime(old_style, (hour_ago, hour_ago))
    monkeypatch.setattr(paths, "_prepared", set())
    paths.drafts_dir()
    assert not old_style.exists() and live.exists()


def test_a_plain_file_in_place_of_a_folder_is_one_clear_error(monkeypatch, tmp_path):
    blocker = tmp_path / "home-is-a-file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("OIADRAFT_HOME", str(blocker))
    with pytest.raises(UserError, match=r"cannot use .*home-is-a-file for oiadraft's files: a "
                                        r"file is in the way"):
        Store().list()
    home = tmp_path / "home"
    home.mkdir()
    (home / "drafts").write_text("x", encoding="utf-8")
    monkeypatch.setenv("OIADRAFT_HOME", str(home))
    with pytest.raises(UserError, match="drafts for oiadraft's files: a file is in the way"):
        Store().list()


@pytest.fixture
def exported_draft() -> str:
    draft = Draft(agency="Treasury", topic="Budget", parts=[Part("Briefings.")])
    Store().save(draft)
    return draft.id


def test_export_never_replaces_a_fifo_or_socket_even_with_force(tmp_path, exported_draft):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(UserError, match="is not a regular file"):
        export_file(Store(), exported_draft, fifo, format="text", force=True)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    sock_path = tmp_path / "sock"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(sock_path))
        with pytest.raises(UserError, match="is not a regular file"):
            export_file(Store(), exported_draft, sock_path, format="text", force=True)
    assert stat.S_ISSOCK(os.lstat(sock_path).st_mode)


def test_export_never_creates_missing_folders(tmp_path, exported_draft):
    target = tmp_path / "no" / "such" / "letter.txt"
    with pytest.raises(UserError, match=r"the folder .*such does not exist"):
        export_file(Store(), exported_draft, target, format="text")
    assert not (tmp_path / "no").exists()
    written = export_file(Store(), exported_draft, tmp_path / "letter.txt", format="text")
    assert mode(written) == 0o600
