"""Shared fixtures: every test runs with its own OIADRAFT_HOME and a pinned today.

The whole session runs with HOME, every XDG variable and OIADRAFT_HOME pointing at a private
temp folder (set before any test module is imported, so nothing can cache the real home), and a
guard watches every write the test process makes: a file created, changed, moved, removed or
chmod-ed under the user's real home fails the test that did it. Writes under the Python
installation and the repository (bytecode caches, Hypothesis' database, snapshot reports) are
not the user's files and are allowed.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pwd
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

XDG_VARIABLES = ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME",
                 "XDG_RUNTIME_DIR", "XDG_DATA_DIRS", "XDG_CONFIG_DIRS")
"""Every XDG variable platformdirs reads (the *_DIRS ones too: a site-wide dir under the real
home would be found through them)."""
REAL_HOME_VARIABLE = "OIADRAFT_TEST_REAL_HOME"
"""Passed on to xdist workers, which start with the session's temp HOME already set."""


def _real_homes() -> list[str]:
    homes = {os.environ.get(REAL_HOME_VARIABLE) or os.path.expanduser("~")}
    with contextlib.suppress(KeyError):  # a uid without a passwd entry
        homes.add(pwd.getpwuid(os.getuid()).pw_dir)
    return sorted(os.path.realpath(home) for home in homes if home and home != "/")


class HomeGuard:
    """Records writes under the real home (an audit hook: it sees every `open` for writing,
    mkdir, rename, replace, remove, chmod ... this process makes, whatever library makes it)."""

    WRITE_EVENTS = frozenset({
        "os.mkdir", "os.rename", "os.replace", "os.remove", "os.rmdir", "os.chmod",
        "os.chown", "os.symlink", "os.link", "os.truncate", "os.utime", "shutil.copyfile",
        "shutil.copytree", "shutil.rmtree", "shutil.move",
    })
    WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC

    def __init__(self, homes: list[str], allowed: list[str]) -> None:
        self.homes = [home.rstrip(os.sep) + os.sep for home in homes]
        self.allowed = [path.rstrip(os.sep) + os.sep for path in allowed]
        self.violations: list[str] = []

    def writes_to_home(self, event: str, args: tuple) -> str | None:
        """The path if this audit event writes under the real home, else None."""
        if event == "open":
            path, mode, flags = (*args, None, None, None)[:3]
            if isinstance(mode, str):
                if not any(letter in mode for letter in "wax+"):
                    return None
            elif not isinstance(flags, int) or not flags & self.WRITE_FLAGS:
                return None
        elif event not in self.WRITE_EVENTS:
            return None
        else:
            path = args[0] if args else None
        if isinstance(path, bytes):
            path = os.fsdecode(path)
        if not isinstance(path, (str, os.PathLike)):
            return None
        full = os.path.abspath(os.fspath(path)) + os.sep
        if f"{os.sep}__pycache__{os.sep}" in full:  # bytecode, wherever Python keeps it
            return None
        if not any(full.startswith(home) for home in self.homes):
            return None
        if any(full.startswith(allowed) for allowed in self.allowed):
            return None
        return full.rstrip(os.sep)

    def __call__(self, event: str, args: tuple) -> None:
        if event != "open" and event not in self.WRITE_EVENTS:
            return
        try:
            path = self.writes_to_home(event, args)
        except Exception:  # a hook must never break the code it watches
            return
        if path is not None:
            self.violations.append(f"{event} {path}")


_guard: HomeGuard | None = None
_saved_environ: dict[str, str | None] = {}
_session_home: str | None = None


def pytest_configure(config: pytest.Config) -> None:
    global _guard, _session_home
    # Textual reads this to keep the cursor still in snapshot tests.
    os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")
    homes = _real_homes()
    _session_home = tempfile.mkdtemp(prefix="oiadraft-test-home-")
    names = ("HOME", "OIADRAFT_HOME", REAL_HOME_VARIABLE, *XDG_VARIABLES)
    _saved_environ.update({name: os.environ.get(name) for name in names})
    os.environ[REAL_HOME_VARIABLE] = homes[0] if homes else ""
    os.environ["HOME"] = _session_home
    os.environ["OIADRAFT_HOME"] = os.path.join(_session_home, "oiadraft")
    for name in XDG_VARIABLES:
        folder = os.path.join(_session_home, name.lower())
        os.makedirs(folder, mode=0o700, exist_ok=True)
        os.environ[name] = folder
    allowed = {sys.prefix, sys.base_prefix, sys.exec_prefix, str(REPO), _session_home,
               tempfile.gettempdir()}
    _guard = HomeGuard(homes, [os.path.realpath(path) for path in allowed])
    sys.addaudithook(_guard)


def pytest_unconfigure(config: pytest.Config) -> None:
    for name, value in _saved_environ.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
    if _session_home:
        shutil.rmtree(_session_home, ignore_errors=True)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None):
    """After each test, its garbage is collected and what outlives it (modules, caches,
    reports) is frozen out of the collector's way. Without this every automatic full pass
    rescanned everything the earlier tests left, a whole Textual app's worth per TUI test,
    and those passes took about a third of the suite's time."""
    yield
    gc.collect()
    gc.freeze()


@pytest.fixture(autouse=True)
def real_home_untouched():
    """Fail the test that wrote anything under the real home (the guard saw it)."""
    assert _guard is not None
    before = len(_guard.violations)
    yield
    new = _guard.violations[before:]
    if new:
        pytest.fail("the test wrote under the real home: " + "; ".join(new[:5]), pytrace=False)


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test its own data folder (the session one stays as a backstop for a test that
    undoes its monkeypatch)."""
    home = tmp_path_factory.mktemp("oiadraft-home")
    monkeypatch.setenv("OIADRAFT_HOME", str(home))
    monkeypatch.delenv("OIADRAFT_TODAY", raising=False)
    return home


@pytest.fixture
def home_guard() -> HomeGuard:
    assert _guard is not None
    return _guard


@pytest.fixture
def repo() -> Path:
    return REPO
