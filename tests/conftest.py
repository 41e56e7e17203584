"""Shared fixtures: every test runs with its own OIADRAFT_HOME and a pinned today."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep tests out of the real user data dir."""
    home = tmp_path_factory.mktemp("oiadraft-home")
    monkeypatch.setenv("OIADRAFT_HOME", str(home))
    monkeypatch.delenv("OIADRAFT_TODAY", raising=False)
    return home


@pytest.fixture
def repo() -> Path:
    return REPO


def pytest_configure(config: pytest.Config) -> None:
    # Textual reads this to keep the cursor still in snapshot tests.
    os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")
