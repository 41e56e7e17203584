"""Drafts on disk: one YAML file per draft, written so that nothing the user typed is lost.

`Store()` works in `paths.drafts_dir()` (under `OIADRAFT_HOME` when set). Each draft is
`<id>.yaml` (`version: 1`, the form `model.draft_to_dict` gives), written atomically (temp file,
fsync, `os.replace`) and private (0600): a crash or a kill mid-save leaves the previous version
or the new one, never half of each.

`save` is cheap to call on every change: it keeps a hash of what it last wrote or read for each
draft and does nothing (returns False) when the draft has not changed. A draft file that cannot
be read is moved aside (`<id>.yaml.corrupt-<time>`, kept for the user, never overwritten) and
reported in `store.problems`; the listing carries on with the rest. Deleted drafts go to the
trash and can be restored.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from oiadraft import clock, fsutil, paths, yamlio
from oiadraft.errors import DataError, UserError
from oiadraft.model import DRAFT_VERSION, Draft, draft_from_dict, draft_to_dict

DRAFT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")
"""Draft ids double as file names, so they are kept to safe characters."""
MIN_PREFIX = 4
"""A unique id prefix this long is accepted on the command line (like git)."""
STALE_TEMP_SECONDS = 3600
"""Temp files left by a killed writer are swept after this long (never a live writer's)."""


@dataclass(frozen=True)
class DraftSummary:
    """What the drafts list shows about one draft, without keeping the whole draft."""

    id: str
    title: str
    name: str
    act: str
    agency: str
    topic: str
    parts: int
    """How many numbered parts."""
    created: datetime | None
    updated: datetime | None
    sent: date | None
    path: Path
    region: str | None = None
    """LGOIMA only: the council's region (its anniversary day is not a working day)."""
    extension_days: int | None = None
    """Working days of an extension the agency notified, if any."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "title": self.title, "name": self.name, "act": self.act,
            "agency": self.agency, "topic": self.topic, "parts": self.parts,
            "created": self.created.isoformat() if self.created else None,
            "updated": self.updated.isoformat() if self.updated else None,
            "sent": self.sent.isoformat() if self.sent else None,
            "region": self.region, "extension_days": self.extension_days,
            "path": str(self.path),
        }


class Store:
    """The user's drafts folder."""

    def __init__(self, root: Path | None = None,
                 now: Callable[[], datetime] | None = None) -> None:
        self._root = Path(root) if root is not None else None
        self._now = now or clock.now
        self._hashes: dict[str, str] = {}
        self.problems: list[str] = []
        """Draft files that could not be read during the last `list()` (or `load()`), each a
        complete message saying where the file went."""

    # ---- where ----

    @property
    def root(self) -> Path:
        """The drafts folder (created on demand, 0700)."""
        if self._root is None:
            return paths.drafts_dir()
        self._root.mkdir(parents=True, exist_ok=True, mode=0o700)
        return self._root

    @property
    def trash_dir(self) -> Path:
        return paths.trash_dir() / "drafts"

    def path_for(self, draft_id: str) -> Path:
        """The file of a draft id (UserError for an id that is not a safe file name)."""
        if not DRAFT_ID.match(draft_id or ""):
            raise UserError(f"{draft_id!r} is not a draft id (letters, digits, - and _ only)")
        return self.root / f"{draft_id}.yaml"

    def resolve(self, id_or_path: str | Path) -> Path:
        """The file for a draft id, a unique id prefix, or a path to a draft file."""
        text = str(id_or_path).strip()
        if not text:
            raise UserError("no draft given: pass a draft id (see `oiadraft drafts list`) or a "
                            "path to a draft file")
        if DRAFT_ID.match(text):
            exact = self.root / f"{text}.yaml"
            if exact.is_file():
                return exact
        candidate = Path(text).expanduser()
        if candidate.is_file():
            return candidate
        if candidate.is_dir():
            raise UserError(f"{candidate} is a folder, not a draft file")
        if DRAFT_ID.match(text) and len(text) >= MIN_PREFIX:
            matches = sorted(p for p in self._draft_files() if p.stem.startswith(text))
            if len(matches) == 1:
                return matches[0]
            if matches:
                shown = ", ".join(p.stem for p in matches[:5])
                raise UserError(f"{text!r} matches several drafts ({shown}); give more of the id")
        raise UserError(f"no draft {text!r}: not a draft id (see `oiadraft drafts list`) or an "
                        "existing file")

    # ---- saving ----

    def save(self, draft: Draft) -> bool:
        """Write the draft if it changed since it was last saved or loaded here.

        Sets `draft.created` (first save) and `draft.updated`. Returns True when it wrote.
        """
        path = self.path_for(draft.id)
        digest = _digest(draft)
        if self._hashes.get(draft.id) == digest and path.exists():
            return False
        previous = (draft.created, draft.updated)
        now = self._now()
        if draft.created is None:
            draft.created = now
        draft.updated = now
        try:
            fsutil.atomic_write_text(path, yamlio.dump(draft_to_dict(draft)))
        except OSError as exc:
            draft.created, draft.updated = previous
            raise UserError(f"cannot save the draft to {path}: {exc.strerror or exc}") from None
        self._hashes[draft.id] = digest
        return True

    # ---- loading ----

    def load(self, id_or_path: str | Path) -> Draft:
        """A draft by id (or unique prefix) or from a file.

        A corrupt file in the drafts folder is moved aside and DataError says where it went; a
        file elsewhere is never moved.
        """
        path = self.resolve(id_or_path)
        inside = self._is_inside(path)
        try:
            draft = self._read(path, inside)
        except DataError as exc:
            if inside:
                self.problems.append(str(exc))
            raise
        if inside:
            self._hashes[draft.id] = _digest(draft)
        return draft

    def exists(self, draft_id: str) -> bool:
        return DRAFT_ID.match(draft_id or "") is not None and (self.root / f"{draft_id}.yaml").is_file()

    def list(self) -> list[DraftSummary]:
        """Every readable draft, most recently updated first; unreadable ones go to `problems`."""
        self.problems = []
        self._sweep_temp_files()
        summaries: list[tuple[float, DraftSummary]] = []
        for path in self._draft_files():
            try:
                draft = self._read(path, inside=True)
            except DataError as exc:
                self.problems.append(str(exc))
                continue
            summary = DraftSummary(
                id=draft.id, title=draft.title, name=draft.name, act=draft.act,
                agency=draft.agency, topic=draft.topic, parts=len(draft.parts),
                created=draft.created, updated=draft.updated, sent=draft.sent, path=path,
                region=draft.region, extension_days=draft.extension_days,
            )
            summaries.append((_when(draft, path), summary))
        summaries.sort(key=lambda item: (-item[0], item[1].id))
        return [summary for _, summary in summaries]

    def latest(self) -> Draft | None:
        """The most recently updated draft, or None when there are none."""
        for summary in self.list():
            try:
                return self.load(summary.path)
            except DataError:  # changed under us since the listing; try the next one
                continue
        return None

    # ---- changing ----

    def delete(self, id_or_path: str | Path) -> Path:
        """Move a draft to the trash (recoverable with `restore`); returns where it went."""
        path = self.resolve(id_or_path)
        if not self._is_inside(path):
            raise UserError(f"{path} is not in the drafts folder; only saved drafts are deleted")
        moved = fsutil.move_to_folder(path, self.trash_dir)
        self._hashes.pop(path.stem, None)
        return moved

    def trashed(self) -> list[Path]:
        """Deleted draft files, most recently deleted first."""
        folder = self.trash_dir
        if not folder.is_dir():
            return []
        files = [p for p in folder.iterdir() if p.suffix == ".yaml" and not p.name.startswith(".")]
        return sorted(files, key=lambda p: (p.name.split(".")[1] if p.name.count(".") > 1 else "",
                                            p.stat().st_mtime), reverse=True)

    def restore(self, id_or_path: str | Path) -> Draft:
        """Bring a deleted draft back from the trash (the latest deletion of that id)."""
        candidate = Path(id_or_path)
        if candidate.is_file():
            path = candidate
        else:
            wanted = str(id_or_path)
            matches = [p for p in self.trashed() if p.name.split(".")[0] == wanted]
            if not matches:
                raise UserError(f"no deleted draft {wanted!r} in {self.trash_dir}")
            path = matches[0]
        draft = self._read(path, inside=False)
        target = self.path_for(draft.id)
        if target.exists():
            raise UserError(f"a draft {draft.id!r} already exists; delete or rename it first")
        path.replace(target)
        self._hashes[draft.id] = _digest(draft)
        return draft

    def rename(self, id_or_path: str | Path, name: str) -> Draft:
        """Give a saved draft a name of the user's choosing (empty name: back to the title)."""
        draft = self.load(id_or_path)
        draft.name = " ".join(name.split())
        self.save(draft)
        return draft

    # ---- internals ----

    def _draft_files(self) -> list[Path]:
        return sorted(p for p in self.root.iterdir()
                      if p.suffix == ".yaml" and not p.name.startswith(".") and p.is_file())

    def _is_inside(self, path: Path) -> bool:
        try:
            return path.resolve().parent == self.root.resolve()
        except OSError:
            return False

    def _read(self, path: Path, inside: bool) -> Draft:
        """Parse one draft file. Inside the drafts folder a broken file is moved aside."""
        try:
            text = path.read_text(encoding="utf-8")
            data = yamlio.load(text, str(path))
        except UnicodeDecodeError:
            return self._broken(path, inside, DataError("not UTF-8 text", path))
        except OSError as exc:
            return self._broken(path, inside, DataError(f"cannot read: {exc.strerror or exc}",
                                                        path))
        except DataError as exc:
            return self._broken(path, inside, exc)
        version = data.get("version") if isinstance(data, dict) else None
        if isinstance(version, int) and not isinstance(version, bool) and version > DRAFT_VERSION:
            # Written by a newer oiadraft: not corrupt, so it stays where it is.
            raise DataError(f"this draft was saved by a newer oiadraft (version {version}); "
                            "it is left as it is", path, data.line_of("version"))
        try:
            draft = draft_from_dict(data, str(path))
        except DataError as exc:
            return self._broken(path, inside, exc)
        if inside and DRAFT_ID.match(path.stem) and draft.id != path.stem:
            draft.id = path.stem  # the file name is the id the store uses
        return draft

    def _broken(self, path: Path, inside: bool, error: DataError) -> Draft:
        if not inside:
            raise error
        try:
            moved = fsutil.move_aside(path)
        except OSError as exc:
            raise DataError(f"{error.message}; it could not be moved aside "
                            f"({exc.strerror or exc}) and was left as it is",
                            error.path, error.line) from None
        raise DataError(f"{error.message}; the file was moved aside to {moved.name} (nothing was "
                        "overwritten; your other drafts are fine)", error.path, error.line)

    def _sweep_temp_files(self) -> None:
        """Remove temp files a killed writer left behind, once they are clearly stale."""
        cutoff = time.time() - STALE_TEMP_SECONDS
        for path in self.root.glob(".*.yaml.*.tmp"):
            try:
                if path.stat().st_mtime < cutoff:
                    path.unlink()
            except OSError:
                continue


def _digest(draft: Draft) -> str:
    """What the draft says, ignoring when it was saved (so autosave can skip no-op writes)."""
    data = draft_to_dict(draft)
    data.pop("updated", None)
    data.pop("created", None)
    payload = json.dumps(data, ensure_ascii=False, default=str, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _when(draft: Draft, path: Path) -> float:
    """Sort time: updated, else created, else the file's modification time."""
    for value in (draft.updated, draft.created):
        if value is not None:
            try:
                return value.timestamp()
            except (OverflowError, OSError, ValueError):
                continue
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
