"""Every path oiadraft reads or writes, in one place.

User files live under the platformdirs user data dir for "oiadraft"; `OIADRAFT_HOME` overrides
the root (tests always set it). Folders are created on demand, private to the user (0700 whatever
the umask, tightened when found looser), and temp files a killed writer left are swept the
first time a process uses a folder.
Built-in data (prompts, clauses, data/*.yaml) is found beside the package (through
importlib.resources when it is imported from a zip file) so that a plain wheel install works;
in a source checkout the top-level `prompts/` and `clauses/` folders are used directly.
Derived files that only make the next start sooner go in `cache_dir()`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from oiadraft import fsutil
from oiadraft.errors import UserError

if TYPE_CHECKING:
    from importlib.abc import Traversable

APP_NAME = "oiadraft"


def home() -> Path:
    """Root of everything the user owns: drafts, their clauses, config, logs."""
    override = os.environ.get("OIADRAFT_HOME")
    if override:
        try:
            return fsutil.expand_user(override)
        except UserError as exc:
            raise UserError(f"OIADRAFT_HOME: {exc}") from None
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


_prepared: set[Path] = set()


def _ensure(path: Path) -> Path:
    """One of oiadraft's folders, ready to use: created 0700 whatever the umask (the folders
    above oiadraft's home are created as usual), tightened to 0700 if found looser, and, the
    first time this process uses it, cleared of temp files left by killed writers. UserError
    when it cannot be (a plain file in the way, no permission)."""
    if path in _prepared and path.is_dir():
        return path
    root = home()
    try:
        root.parent.mkdir(parents=True, exist_ok=True)
        fsutil.private_folder(root)
        if path != root:
            fsutil.private_folder(path)
    except OSError as exc:
        where = exc.filename or path
        problem = ("a file is in the way of the folder"
                   if isinstance(exc, (FileExistsError, NotADirectoryError)) else
                   exc.strerror or str(exc))
        raise UserError(f"cannot use {where} for oiadraft's files: {problem}") from None
    fsutil.sweep_temp_files(path)
    _prepared.add(path)
    return path


def drafts_dir() -> Path:
    """One YAML file per draft."""
    return _ensure(home() / "drafts")


def user_clauses_dir() -> Path:
    """The user's own clauses and edited built-ins (same id overrides the built-in)."""
    return _ensure(home() / "clauses")


def trash_dir() -> Path:
    """Deleted clauses and drafts go here so they can be recovered."""
    return _ensure(home() / "trash")


def logs_dir() -> Path:
    """Error logs written when something unexpected happens in the TUI."""
    return _ensure(home() / "logs")


def cache_dir() -> Path:
    """Files derived from the built-in data so that the app starts sooner (the opening of the
    interview script). Safe to delete: each is checked against its source and rebuilt."""
    return _ensure(home() / "cache")


def cache_file(name: str) -> Path:
    """Where a cache file lives, without creating anything (for reading)."""
    return home() / "cache" / name


def config_file() -> Path:
    """The user's name, email, sign-off and default preferences."""
    return _ensure(home()) / "config.yaml"


_PACKAGED = {"clauses": "data/clauses"}
"""Where a built-in folder sits inside an installed package, when not under its own name
(`oiadraft/clauses/` is the clause library's code, so the clause files go in data/)."""


def builtin(name: str) -> Traversable:
    """A built-in data folder: "prompts", "clauses" or "data".

    Inside an installed wheel the folders sit in the package (force-included by hatchling;
    the clause files in oiadraft/data/clauses).
    In a source checkout (editable install) `prompts/` and `clauses/` are top-level.
    """
    package = Path(__file__).resolve().parent
    for folder in (package / _PACKAGED.get(name, name), package.parent / name):
        if folder.is_dir():
            return folder
    # A package imported from a zip file: only importlib.resources can reach its files.
    from importlib import resources

    packaged = resources.files("oiadraft") / _PACKAGED.get(name, name)
    if packaged.is_dir():
        return packaged
    raise FileNotFoundError(f"oiadraft's built-in {name!r} folder is missing from the installation")


def builtin_files(name: str, suffix: str = ".yaml") -> list[Traversable]:
    """The files in a built-in folder with the given suffix, sorted by name."""
    folder = builtin(name)
    return sorted(
        (entry for entry in folder.iterdir() if entry.name.endswith(suffix)),
        key=lambda entry: entry.name,
    )


def data_file(name: str) -> Traversable:
    """A file in oiadraft/data (acts.yaml, agencies.yaml, scope_rules.yaml, ...)."""
    return builtin("data") / name
