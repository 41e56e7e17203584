"""The TUI's shape is checked, not only described: screens never import one another, and the
app is the only module that opens a screen (import-linter contracts in pyproject.toml)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CONTRACTS = ["screens-independent", "no-module-imports-a-screen"]


def test_screen_contracts_are_kept():
    lint_imports = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    if lint_imports is None:
        pytest.fail("lint-imports is missing: install the test extras (make test does)")
    args = [lint_imports, "--no-cache"]
    for contract in CONTRACTS:
        args += ["--contract", contract]
    result = subprocess.run(args, capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{len(CONTRACTS)} kept, 0 broken" in result.stdout


def test_modals_live_in_dialogs_and_screens_are_places():
    from textual.screen import ModalScreen

    import oiadraft.tui.screens.chat
    import oiadraft.tui.screens.help
    import oiadraft.tui.screens.library
    import oiadraft.tui.screens.review

    for module in (oiadraft.tui.screens.chat, oiadraft.tui.screens.help,
                   oiadraft.tui.screens.library, oiadraft.tui.screens.review):
        modals = [name for name, value in vars(module).items()
                  if isinstance(value, type) and issubclass(value, ModalScreen)
                  and value.__module__ == module.__name__]
        assert modals == [], f"{module.__name__} defines dialogs {modals}; move them to dialogs/"
