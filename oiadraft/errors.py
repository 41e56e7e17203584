"""Exceptions that carry a message meant for the user (never a traceback)."""

from __future__ import annotations

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
