"""Exceptions that carry a message meant for the user (never a traceback)."""

from __future__ import annotations

import errno as _errno
from pathlib import Path


class OiaDraftError(Exception):
    """Base class: the message is complete and can be shown to the user as it is."""


class UserError(OiaDraftError):
    """Bad input from the user (an impossible date, an unknown act, ...); CLI exit status 2."""


class DataError(OiaDraftError):
    """A data file (YAML clause, prompt, vocabulary, draft) is malformed.

    Carries the file and the 1-based line so the user can go straight to the problem.
    """

    def __init__(self, message: str, path: str | Path | None = None, line: int | None = None):
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path or "<text>"
        if self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.message}"


class SaveError(OiaDraftError, OSError):
    """A file could not be written: the disk is full, the folder is read-only or gone, ...

    Raised by `Store.save` (and the other store writes) instead of a bare OSError, and never a
    UserError: nothing is wrong with what the user did, and the draft in memory is intact. The
    caller keeps it, says so once and retries later (the TUI) or prints one line (the CLI). It
    is an OSError too, with the original `errno`, `strerror` and the path as `filename`.
    """

    def __init__(self, path: str | Path, error: OSError, what: str = "the draft",
                 doing: str | None = None) -> None:
        super().__init__(error.errno or _errno.EIO, error.strerror or str(error), str(path))
        self.path = Path(path)
        self.what = what
        self.doing = doing
        """Says what failed instead of "cannot save <what> to <path>" (e.g. a move to the
        trash)."""

    def __str__(self) -> str:
        return f"{self.doing or f'cannot save {self.what} to {self.path}'}: {self.strerror}"
