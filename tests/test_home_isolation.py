"""The test suite never touches the user's real home: HOME, every XDG folder and OIADRAFT_HOME
point into a temp folder, and a guard fails any test that writes under the real home."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import REAL_HOME_VARIABLE, XDG_VARIABLES

from oiadraft import paths


def test_home_and_every_xdg_folder_are_temporary():
    real = Path(os.environ[REAL_HOME_VARIABLE]).resolve()
    home = Path(os.environ["HOME"]).resolve()
    assert home != real and real not in home.parents
    for name in XDG_VARIABLES:
        folder = Path(os.environ[name]).resolve()
        assert home in folder.parents, name
    assert real not in paths.home().resolve().parents


def test_without_oiadraft_home_the_data_goes_under_the_temp_xdg_folder(monkeypatch):
    monkeypatch.delenv("OIADRAFT_HOME")
    expected = Path(os.environ["XDG_DATA_HOME"]) / "oiadraft"
    assert paths.home() == expected
    env = {key: value for key, value in os.environ.items() if key != "OIADRAFT_HOME"}
    result = subprocess.run([sys.executable, "-c",
                             "from oiadraft import paths; print(paths.drafts_dir())"],
                            capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    assert Path(result.stdout.strip()) == expected / "drafts"


def test_the_guard_sees_writes_under_the_real_home_and_nothing_else(home_guard, tmp_path):
    real = os.environ[REAL_HOME_VARIABLE]
    inside = os.path.join(real, ".local", "share", "oiadraft", "drafts", "x.yaml")
    writes = home_guard.writes_to_home
    assert writes("open", (inside, "w", 0)) == inside
    assert writes("open", (inside, "a+", 0)) == inside
    assert writes("open", (inside, None, os.O_WRONLY | os.O_CREAT)) == inside
    assert writes("os.replace", (inside + ".tmp", inside)) == inside + ".tmp"
    assert writes("os.mkdir", (os.path.dirname(inside), 0o700, -1)) == os.path.dirname(inside)
    assert writes("os.remove", (inside.encode(), -1)) == inside
    # reads, other folders, bytecode and the Python installation are not the user's files
    assert writes("open", (inside, "r", 0)) is None
    assert writes("open", (inside, None, os.O_RDONLY)) is None
    assert writes("open", (str(tmp_path / "x"), "w", 0)) is None
    assert writes("open", (os.path.join(real, "src", "__pycache__", "m.pyc"), "wb", 0)) is None
    assert writes("open", (os.path.join(sys.prefix, "lib", "x"), "w", 0)) is None
    assert writes("open", (3, "w", 0)) is None  # a file descriptor, not a path
    assert writes("os.listdir", (real,)) is None
