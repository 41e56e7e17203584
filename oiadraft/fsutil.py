"""Safe file handling: nothing the user typed is ever lost, nothing they own is readable by others.

`atomic_write_text` writes a temp file in the same folder, fsyncs it, then `os.replace`s it over
the target, so a crash leaves either the old file or the new one, never half of each. Files are
created 0600 and oiadraft's folders 0700 (tightened when found looser), because drafts and
clauses may hold personal details. A temp file carries its writer's process id, so one left by
a killed writer is recognised and swept the next time the folder is used
(`sweep_temp_files`). `read_capped` reads at most a set number of bytes, so `/dev/zero` or a
runaway file cannot fill memory. `output_target` checks a file name the user gave for writing.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from oiadraft.errors import UserError

PRIVATE = 0o600
PRIVATE_FOLDER = 0o700
MAX_INPUT_BYTES = 20 * 1024 * 1024
"""The most oiadraft reads from one file or from standard input (20 MB): far more than any
request or draft, small enough that a wrong file cannot exhaust memory."""
STALE_TEMP_SECONDS = 3600
"""A temp file whose writer cannot be identified is swept after this long."""


class TooLargeError(ValueError):
    """A file or stream longer than the cap `read_capped` was given."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"is larger than {limit // (1024 * 1024)} MB, far more than a request "
                         "or draft; it was not read")
        self.limit = limit


def atomic_write_text(path: Path, text: str, mode: int = PRIVATE, *,
                      create_folder: bool = True, durable: bool = True) -> None:
    """Replace `path` with `text` atomically; the file ends up with `mode`. The folder is
    created (0700) when missing, unless `create_folder` is False. `durable=False` skips the
    fsyncs, for a file that is only a cache: after a crash it may be missing or old, never
    half written."""
    path = Path(path)
    if create_folder:
        path.parent.mkdir(parents=True, exist_ok=True, mode=PRIVATE_FOLDER)
    data = text.encode("utf-8")  # before the temp file exists: an encoding error leaves nothing
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp",
                                    dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.chmod(tmp_name, mode)
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    if durable:
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


def private_folder(path: Path) -> Path:
    """Create `path` (and missing parents) 0700 whatever the umask, and tighten it to 0700 if
    it exists with access for others. Use it for oiadraft's own folders only."""
    path = Path(path)
    missing = []
    probe = path
    while not probe.exists() and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    for folder in reversed(missing):
        with contextlib.suppress(FileExistsError):
            folder.mkdir(mode=PRIVATE_FOLDER)
        _tighten(folder)
    if not missing:
        if not path.is_dir():
            raise NotADirectoryError(errno.ENOTDIR, "not a folder", str(path))
        _tighten(path)
    return path


def _tighten(folder: Path) -> None:
    try:
        info = folder.stat()
        if stat.S_ISDIR(info.st_mode) and info.st_mode & 0o077 and info.st_uid == os.getuid():
            os.chmod(folder, stat.S_IMODE(info.st_mode) & ~0o077 | PRIVATE_FOLDER)
    except (OSError, AttributeError):  # not ours, or no getuid (Windows): leave it
        pass


def sweep_temp_files(folder: Path) -> list[Path]:
    """Remove temp files left by writers that were killed: those whose process is gone, and
    any older than STALE_TEMP_SECONDS. A live writer's temp file is never touched."""
    removed = []
    cutoff = time.time() - STALE_TEMP_SECONDS
    try:
        candidates = list(Path(folder).glob(".*.tmp"))
    except OSError:
        return removed
    for path in candidates:
        pieces = path.name.rsplit(".", 3)
        pid = int(pieces[1]) if len(pieces) == 4 and pieces[1].isdigit() else None
        try:
            if (pid is not None and not _alive(pid)) or path.lstat().st_mtime < cutoff:
                path.unlink()
                removed.append(path)
        except OSError:
            continue
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError, OverflowError):
        return True
    return True


def read_capped(source: Path | str | int | BinaryIO, limit: int = MAX_INPUT_BYTES) -> bytes:
    """All of a file (a path, an open file descriptor, or a binary stream such as
    `sys.stdin.buffer`), at most `limit` bytes; TooLargeError beyond it (read in pieces:
    `/dev/zero` never fills memory)."""
    with contextlib.ExitStack() as stack:
        if isinstance(source, (str, os.PathLike)):
            fd = os.open(source, os.O_RDONLY)
            stack.callback(os.close, fd)
            source = fd
        if isinstance(source, int):
            descriptor = source

            def read(size: int) -> bytes:
                return os.read(descriptor, size)
        else:
            read = source.read
        pieces = []
        size = 0
        while True:
            piece = read(min(1 << 20, limit + 1 - size))
            if not piece:
                return b"".join(pieces)
            pieces.append(piece)
            size += len(piece)
            if size > limit:
                raise TooLargeError(limit)


def expand_user(path: Path | str) -> Path:
    """`path` with a leading `~` or `~name` replaced by that home folder; UserError (not the
    RuntimeError Python raises) when there is no such user, or no home folder is known."""
    path = Path(path)
    try:
        return path.expanduser()
    except RuntimeError:
        first = path.parts[0] if path.parts else str(path)
        if first == "~":
            raise UserError(f"cannot tell which folder {str(path)[:200]!r} is: no home folder "
                            "is known (HOME is not set)") from None
        raise UserError(f"cannot use {str(path)[:200]!r}: there is no user {first[1:]!r} on "
                        f"this computer, so {first} names no folder") from None


def output_target(path: Path | str, force: bool = False) -> Path:
    """Check a file name the user gave to write to: its folder must exist (it is not created),
    it must not be a folder, and an existing file is replaced only with `force` and only if it
    is a regular file (never a FIFO, a device or a socket)."""
    target = expand_user(path)
    try:
        info = target.stat()
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise UserError(f"cannot write {target}: {exc.strerror or exc}") from None
    if info is None:
        folder = target.parent
        if not folder.is_dir():
            raise UserError(f"cannot write {target}: the folder {folder} does not exist "
                            "(it is not created for you)")
        return target
    if stat.S_ISDIR(info.st_mode):
        raise UserError(f"{target} is a folder; give a file name")
    if not stat.S_ISREG(info.st_mode):
        raise UserError(f"{target} is not a regular file (a pipe, device or socket); it is "
                        "never replaced")
    if not force:
        raise UserError(f"{target} already exists; use --force to overwrite it")
    return target


def cannot_write(path: Path) -> str | None:
    """Why a file the user named can never be written at `path`, in one sentence, or None when
    writing may be tried (creating any missing folders): a folder where the file should be, a
    pipe, device or socket (never replaced), or a file where one of its folders should be."""
    try:
        info = path.stat()
    except OSError:
        info = None
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            return f"{path} is a folder; add a file name."
        if not stat.S_ISREG(info.st_mode):
            return (f"{path} is not a regular file (a pipe, device or socket); it is never "
                    "replaced.")
        return None
    for folder in path.parents:
        if folder.is_dir():
            return None
        if folder.exists():
            return f"Cannot save there: {folder} is a file, not a folder."
    return None


@contextlib.contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on a folder while checking and replacing a file in it, so two
    oiadraft processes saving the same draft take turns (POSIX; a no-op elsewhere)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        yield
        return
    try:
        with contextlib.suppress(OSError):  # a filesystem without locks: carry on unlocked
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def move_aside(path: Path, reason: str = "corrupt") -> Path:
    """Rename a bad file to `<name>.<reason>-<timestamp>` next to it and return the new path.

    Used for corrupt files: they are kept for the user to inspect, never overwritten and never
    silently deleted. What they hold was typed by the user, so access for others is taken
    away (a draft copied in from elsewhere may have come with the umask's 0644).
    """
    path = Path(path)
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S%f")
    target = path.with_name(f"{path.name}.{reason}-{stamp}")
    os.replace(path, target)
    _tighten_file(target)
    return target


def _tighten_file(path: Path) -> None:
    """Take away access for group and others from a file of ours; never adds any."""
    try:
        info = path.lstat()
        if stat.S_ISREG(info.st_mode) and info.st_mode & 0o077 and info.st_uid == os.getuid():
            os.chmod(path, stat.S_IMODE(info.st_mode) & ~0o077)
    except (OSError, AttributeError):  # not ours, or no getuid (Windows): leave it
        pass


def move_to_folder(path: Path, folder: Path) -> Path:
    """Move a file into `folder` (e.g. trash) without clobbering an earlier file of that name."""
    path = Path(path)
    private_folder(folder)
    target = folder / path.name
    if target.exists():
        stamp = datetime.now().strftime("%Y%m%dT%H%M%S%f")
        target = folder / f"{path.stem}.{stamp}{path.suffix}"
    os.replace(path, target)
    return target
