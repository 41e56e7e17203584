"""The wheel carries prompts/, clauses/ and data/, and finds them away from the source tree."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def build_wheel(out: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "--wheel-dir", str(out), str(REPO)],
        check=True, capture_output=True, text=True,
    )
    (wheel,) = out.glob("oiadraft-*.whl")
    return wheel


def test_wheel_ships_data_and_finds_it_from_another_folder(tmp_path):
    wheel = build_wheel(tmp_path / "dist")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        archive.extractall(tmp_path / "site")
    for folder, packaged in (("prompts", "prompts"), ("clauses", "data/clauses")):
        source_files = sorted(p.name for p in (REPO / folder).glob("*.yaml"))
        assert source_files, f"{folder}/ has no YAML files"
        for name in source_files:
            assert f"oiadraft/{packaged}/{name}" in names
    assert "oiadraft/clauses/__init__.py" in names  # the clause library's code beside them
    assert "oiadraft/data/acts/oia.yaml" in names and "oiadraft/data/concepts.yaml" in names
    assert "oiadraft/tui/app.tcss" in names

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = (
        "import oiadraft, oiadraft.paths as p\n"
        "from oiadraft.acts import get_act\n"
        "assert oiadraft.__file__.startswith({!r}), oiadraft.__file__\n"
        "print(p.builtin('clauses'), p.builtin('prompts'), get_act('lgoima').cite('grounds'))\n"
    ).format(str(tmp_path / "site"))
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=elsewhere, capture_output=True, text=True,
        env={"PYTHONPATH": str(tmp_path / "site"), "OIADRAFT_HOME": str(tmp_path / "home"),
             "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    clauses_dir, prompts_dir, grounds = result.stdout.split()
    assert clauses_dir.startswith(str(tmp_path / "site"))
    assert prompts_dir.startswith(str(tmp_path / "site"))
    assert grounds == "s18(a)(ii)"
