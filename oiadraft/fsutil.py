"""Safe file writes: nothing the user typed is ever lost.

`atomic_write_text` writes a temp file in the same folder, fsyncs it, then `os.replace`s it over
the target, so a crash leaves either the old file or the new one, never half of each. Files are
created 0600 because drafts and clauses may hold personal details.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from datetime import datetime
from pathlib import Path

PRIVATE = 0o600


def atomic_write_text(path: Path, text: str, mode: int = PRIVATE) -> None:
    """Replace `path` with `text` atomically; the file ends up with `mode`."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, mode)
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable (POSIX); harmless where unsupported."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def move_aside(path: Path, reason: str = "corrupt") -> Path:
    """Rename a bad file to `<name>.<reason>-<timestamp>` next to it and return the new path.

    Used for corrupt or unreadable files: they are kept for the user to inspect, never
    overwritten and never silently deleted.
    """
    path = Path(path)
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S%f")
    target = path.with_name(f"{path.name}.{reason}-{stamp}")
    os.replace(path, target)
    return target


def move_to_folder(path: Path, folder: Path) -> Path:
    """Move a file into `folder` (e.g. trash) without clobbering an earlier file of that name."""
    path = Path(path)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    target = folder / path.name
    if target.exists():
        stamp = datetime.now().strftime("%Y%m%dT%H%M%S%f")
        target = folder / f"{path.stem}.{stamp}{path.suffix}"
    os.replace(path, target)
    return target
