"""One draft file: reading its bytes safely, what it says, and how to tell it changed.

The store keeps, for each draft it read or wrote, a `FileState`: the file's identity (inode,
size, modification time), the hash of its bytes and its content, so it can tell on the next save
whether another window or a command changed the file meanwhile, and merge from what both
started with. `SaveResult` is what a save did, with one sentence for the user.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import stat
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from oiadraft import fsutil, merge
from oiadraft.errors import DataError
from oiadraft.model import Draft, draft_from_dict, draft_to_dict

MAX_DRAFT_BYTES = fsutil.MAX_INPUT_BYTES
"""A draft file larger than this is not read (drafts are a few kilobytes)."""


@dataclass(frozen=True)
class SaveResult:
    """What `Store.save` did. True when it wrote the file."""

    written: bool
    draft_id: str
    """The draft's id after the save (new when `saved_as_new`)."""
    merged: tuple[str, ...] = ()
    """Fields taken from a version saved elsewhere meanwhile (the draft was updated in place)."""
    other_copy: str | None = None
    """Both versions changed the same thing: the other one was kept as this new draft."""
    saved_as_new: bool = False
    """A different draft with this id was already saved, so this one got a new id."""
    recreated: bool = False
    """The file had been deleted elsewhere (it is in the trash) and was saved again."""
    other_set_aside: str | None = None
    """The version on disk was unreadable and was moved aside under this name."""

    def __bool__(self) -> bool:
        return self.written

    @property
    def message(self) -> str | None:
        """One sentence for the user when something besides a plain save happened."""
        if self.other_copy:
            return ("This draft was also changed elsewhere in the same places; your version is "
                    f"kept here and the other was saved as draft {self.other_copy}.")
        if self.merged:
            return ("This draft was also changed elsewhere; both sets of changes are kept ("
                    + ", ".join(self.merged) + ").")
        if self.saved_as_new:
            return (f"A different draft with this id is already saved, so this one was saved as "
                    f"a new draft, {self.draft_id}.")
        if self.recreated:
            return "This draft had been deleted elsewhere (it is in the trash); it was saved again."
        if self.other_set_aside:
            return (f"The saved file of this draft had become unreadable; it was moved aside to "
                    f"{self.other_set_aside} and your version saved.")
        return None


@dataclass
class FileState:
    """A draft file as this store last read or wrote it."""

    stat: tuple[int, int, int]
    sha: str
    base: dict[str, Any]
    """Its content (on-disk form, without timestamps): the base of a three-way merge."""
    digest: str


def content(draft: Draft) -> dict[str, Any]:
    """What a draft says, in its on-disk form, without when it was saved."""
    data = draft_to_dict(draft)
    data.pop("created", None)
    data.pop("updated", None)
    return data


def merge_into(draft: Draft, base: dict[str, Any], theirs: dict[str, Any], *,
               ours_wins: bool = False) -> list[str] | None:
    """Merge `theirs` (another version, on-disk form) into `draft` in place, both changed from
    `base`. Returns the fields taken from theirs; None, leaving `draft` as it was, when the two
    clash (unless `ours_wins`: then `draft` keeps its own value of what both changed) or the
    merged fields do not make a valid draft together."""
    result = merge.merge(base, content(draft), theirs)
    if result.conflicts and not ours_wins:
        return None
    try:
        merged = draft_from_dict({**result.data, "id": draft.id}, "<merged>")
    except DataError:  # e.g. a period whose start came from one side, end from the other
        return None
    for item in fields(Draft):
        if item.name not in ("created", "updated", "id"):
            setattr(draft, item.name, getattr(merged, item.name))
    return result.theirs_taken


def digest(content: dict[str, Any]) -> str:
    payload = json.dumps(content, ensure_ascii=False, default=str, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8", "surrogatepass")).hexdigest()


def sha(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def stat_key(path: Path) -> tuple[int, int, int] | None:
    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    return (info.st_ino, info.st_size, info.st_mtime_ns)


def read_bytes(path: Path) -> tuple[bytes, tuple[int, int, int]]:
    """A file's bytes (at most MAX_DRAFT_BYTES) and the identity of what was read."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(errno.EINVAL, "not a regular file")
        raw = fsutil.read_capped(fd, MAX_DRAFT_BYTES)
    finally:
        os.close(fd)
    return raw, (info.st_ino, info.st_size, info.st_mtime_ns)


def clip(value: Any, limit: int = 80) -> str:
    """A name the user gave, shortened for a message (a 5,000-character id stays readable)."""
    text = str(value)
    return text if len(text) <= limit else text[:limit - 1] + "…"
