"""The user's settings: who signs the letters and which clauses a new draft starts with.

Stored in `paths.config_file()` as YAML (`version: 1`), written atomically and private (0600).
A config file that is malformed is moved aside (kept for the user, never overwritten) and the
defaults are used, with `Config.problems` saying what happened. One that cannot be read (its
permissions, a folder in its place) or was written by a newer oiadraft is not malformed: as with
a draft, it is reported and left where it is, the defaults are used, and `save_config` will not
write over it. A wrong value in one field is reported and only that field falls back to its
default. Keys this version does not know are
kept when saving, so a newer oiadraft's settings survive a round trip through an older one.
"""

from __future__ import annotations

import errno
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from oiadraft import fsutil, paths, yamlio
from oiadraft.errors import DataError, SaveError
from oiadraft.model import Requester

CONFIG_VERSION = 1
DEFAULT_SIGN_OFF = Requester().sign_off
TEXT_FIELDS = ("name", "email", "phone", "sign_off")


@dataclass(frozen=True)
class Config:
    """Settings read from the config file (defaults when there is none)."""

    name: str = ""
    email: str = ""
    phone: str = ""
    sign_off: str = DEFAULT_SIGN_OFF
    default_clauses: tuple[str, ...] | None = None
    """Clause ids ticked in a new draft; None means the library's own defaults."""
    extra: dict[str, Any] = field(default_factory=dict, compare=False)
    """Keys this version does not know, kept as they were."""
    problems: tuple[str, ...] = field(default=(), compare=False)
    """What was wrong with the file, if anything (shown to the user once)."""
    left_unread: str = field(default="", compare=False)
    """Why the file on disk was left as it is without being read ("it cannot be read
    (Permission denied)"), or "": saving these settings over it would lose the user's own."""

    def requester(self) -> Requester:
        """The requester details for a new draft."""
        return Requester(name=self.name, email=self.email, phone=self.phone,
                         sign_off=self.sign_off or DEFAULT_SIGN_OFF)

    def with_changes(self, **changes: Any) -> Config:
        """A copy with some settings changed (problems cleared)."""
        if "default_clauses" in changes and changes["default_clauses"] is not None:
            changes["default_clauses"] = tuple(changes["default_clauses"])
        return replace(self, problems=(), **changes)


def load_config(path: Path | None = None) -> Config:
    """Read the settings; never raises for a bad file (see the module docstring)."""
    path = Path(path) if path is not None else paths.config_file()
    if not path.exists():
        return Config()
    try:
        raw = path.read_bytes()
    except OSError as exc:  # permissions, a folder in its place: not corrupt, so left alone
        reason = exc.strerror or str(exc)
        return Config(problems=(f"{path}: cannot read: {reason}; it is left as it is (check "
                                "its permissions) and defaults are used",),
                      left_unread=f"it cannot be read ({reason})")
    try:
        data = yamlio.load(yamlio.decode(raw, str(path)), str(path), aliases=False)
    except DataError as exc:
        return Config(problems=(_set_aside(path, str(exc)),))
    if data is None:
        return Config()
    if not isinstance(data, dict):
        return Config(problems=(_set_aside(path, f"{path}: the settings must be a YAML mapping"),))
    version = data.get("version", CONFIG_VERSION)
    if version != CONFIG_VERSION:
        return Config(problems=(f"{path}: settings version {version!r} is not one this oiadraft "
                                f"reads (version {CONFIG_VERSION}); defaults are used and the "
                                "file is left as it is",),
                      left_unread=f"it holds settings version {version!r}, perhaps from a "
                                  "newer oiadraft,")
    problems: list[str] = []
    values: dict[str, Any] = {}

    def where(key: str) -> str:
        line = data.line_of(key) if hasattr(data, "line_of") else None
        return f"{path}:{line}" if line else str(path)

    for key in TEXT_FIELDS:
        value = data.get(key)
        if value is None:
            continue
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            values[key] = str(value).strip()
        else:
            problems.append(f"{where(key)}: {key} must be text; the default is used")
    chosen = data.get("default_clauses")
    if chosen is not None:
        if isinstance(chosen, list) and all(isinstance(item, str) for item in chosen):
            values["default_clauses"] = tuple(item.strip() for item in chosen if item.strip())
        else:
            problems.append(f"{where('default_clauses')}: default_clauses must be a list of "
                            "clause ids; the library's defaults are used")
    known = {"version", "default_clauses", *TEXT_FIELDS}
    extra = {str(key): value for key, value in data.items() if key not in known}
    return Config(**values, extra=extra, problems=tuple(problems))


def save_config(config: Config, path: Path | None = None) -> Path:
    """Write the settings atomically (0600) and return the file; SaveError (an OSError) when
    the disk refuses, or when the file there was left unread (`Config.left_unread`)."""
    path = Path(path) if path is not None else paths.config_file()
    if config.left_unread:
        raise SaveError(path, OSError(errno.EEXIST, f"{config.left_unread} and is left as it "
                                                    "is"), what="your settings")
    data: dict[str, Any] = {"version": CONFIG_VERSION}
    for key in TEXT_FIELDS:
        data[key] = getattr(config, key)
    data["default_clauses"] = (list(config.default_clauses)
                               if config.default_clauses is not None else None)
    for key, value in config.extra.items():
        data.setdefault(key, value)
    try:
        fsutil.atomic_write_text(path, yamlio.dump(data))
    except (OSError, UnicodeError) as exc:
        if isinstance(exc, UnicodeError):
            exc = OSError(errno.EILSEQ, "the settings hold text that is not valid Unicode")
        raise SaveError(path, exc, what="your settings") from exc
    return path


def _set_aside(path: Path, reason: str) -> str:
    try:
        moved = fsutil.move_aside(path)
    except OSError as exc:
        return f"{reason}; it could not be moved aside ({exc.strerror or exc}); defaults are used"
    return f"{reason}; the file was moved to {moved} and defaults are used"
