"""Drafts on disk: one YAML file per draft, written so that nothing the user typed is lost.

`Store()` works in `paths.drafts_dir()` (under `OIADRAFT_HOME` when set). Each draft is
`<id>.yaml` (`version: 1`, the form `model.draft_to_dict` gives), written atomically (temp file,
fsync, `os.replace`) and private (0600): a crash or a kill mid-save leaves the previous version
or the new one, never half of each.

`save` is cheap to call on every change: it does nothing when neither the draft nor its file
changed since this store last read or wrote it. When the file changed on disk meanwhile (another
window, a `drafts rename` from the command line) the two versions are merged (`oiadraft.merge`)
or, where both changed the same thing, both are kept: the other version is saved as a new draft
beside it. `SaveResult` says which, in a sentence the caller can show. A draft from a file
outside the folder never replaces a different saved draft of the same id: it is saved as a new
draft. A disk failure is a `SaveError` (an OSError); the draft in memory is untouched.

Loading checks every field (`model.draft_from_dict`) and refuses YAML aliases. A draft file that
is malformed is moved aside (`<id>.yaml.corrupt-<time>`, kept, never overwritten) and reported in
`store.problems` with a one-line reason; the listing carries on with the rest. A file that
cannot be read (permissions) or was written by a newer oiadraft, or a folder named like a draft
file, is reported but left where it is. Deleted drafts go to the trash and can be restored.
"""

from __future__ import annotations

import errno
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from oiadraft import clock, draftfile, fsutil, paths, yamlio
from oiadraft.draftfile import FileState, SaveResult, clip
from oiadraft.errors import DataError, SaveError, UserError
from oiadraft.model import DRAFT_VERSION, Draft, draft_from_dict, draft_to_dict, new_id

DRAFT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")
"""Draft ids double as file names, so they are kept to safe characters."""
MIN_PREFIX = 4
"""A unique id prefix this long is accepted on the command line (like git)."""


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
        self._seen: dict[str, FileState] = {}
        self.problems: list[str] = []
        """Draft files that could not be read during the last `list()` (or `load()`), each a
        complete one-line message saying what was wrong and where the file is now."""

    # ---- where ----

    @property
    def root(self) -> Path:
        """The drafts folder (created on demand, 0700)."""
        if self._root is None:
            return paths.drafts_dir()
        try:
            return fsutil.private_folder(self._root)
        except OSError as exc:
            raise UserError(f"cannot use {self._root} as the drafts folder: "
                            f"{exc.strerror or exc}") from None

    @property
    def trash_dir(self) -> Path:
        return paths.trash_dir() / "drafts"

    def path_for(self, draft_id: str) -> Path:
        """The file of a draft id (UserError for an id that is not a safe file name)."""
        if not DRAFT_ID.match(draft_id or ""):
            raise UserError(f"{clip(draft_id)!r} is not a draft id (letters, digits, - and _ "
                            "only)")
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
            if exact.is_dir():
                raise UserError(f"{exact} is a folder, not a draft file")
        candidate = fsutil.expand_user(text)
        try:
            if candidate.is_file():
                return candidate
            if candidate.is_dir():
                raise UserError(f"{clip(candidate)} is a folder, not a draft file")
        except OSError as exc:  # a name too long for the system, a loop of links, ...
            raise UserError(f"no draft {clip(text)!r}: {exc.strerror or exc}") from None
        if DRAFT_ID.match(text) and len(text) >= MIN_PREFIX:
            matches = sorted(p for p in self._draft_files() if p.stem.startswith(text))
            if len(matches) == 1:
                return matches[0]
            if matches:
                shown = ", ".join(p.stem for p in matches[:5])
                raise UserError(f"{text!r} matches several drafts ({shown}); give more of the id")
        raise UserError(f"no draft {clip(text)!r}: not a draft id (see `oiadraft drafts list`) "
                        "or an existing file")

    # ---- saving ----

    def save(self, draft: Draft) -> SaveResult:
        """Write the draft if it (or its file) changed since it was last saved or loaded here.

        Sets `draft.created` (first save) and `draft.updated`. When the file changed elsewhere
        meanwhile, the other version's changes are merged into `draft` (in place) or, where
        both changed the same thing, the other version is kept as a new draft; a draft that was
        never read here and whose id holds a different saved draft gets a new id. The result
        says what happened. Raises `SaveError` (an OSError) when the file cannot be written
        (disk full, folder read-only ...): the draft is left as it was, not remembered as
        saved, so the next call tries again.
        """
        try:
            path = self.path_for(draft.id)
            folder = path.parent
        except UserError as exc:
            if not DRAFT_ID.match(draft.id or ""):
                raise
            raise SaveError(self._root or paths.home(), OSError(errno.ENOTDIR, str(exc))) from None
        try:
            with fsutil.folder_lock(folder):
                return self._save_locked(draft, path)
        except OSError as exc:
            if isinstance(exc, SaveError):
                raise
            raise SaveError(path, exc) from exc

    def _save_locked(self, draft: Draft, path: Path) -> SaveResult:
        seen = self._seen.get(draft.id)
        ours = draftfile.content(draft)
        digest = draftfile.digest(ours)
        disk = draftfile.stat_key(path)
        notes: dict[str, Any] = {}
        if disk is None:
            notes["recreated"] = seen is not None
        elif seen is None or disk != seen.stat:
            raw = draftfile.read_bytes(path)[0]
            sha = draftfile.sha(raw)
            if seen is not None and sha == seen.sha:
                seen.stat = disk  # touched, not changed
            else:
                theirs = self._parse_raw(raw, path)
                if seen is None:
                    if theirs is not None and draftfile.digest(draftfile.content(theirs)) == digest:
                        self._remember(draft.id, disk, sha, ours)  # the same draft: adopt it
                        return SaveResult(False, draft.id)
                    return self._save_as_new(draft)
                if theirs is None:
                    notes["other_set_aside"] = self._set_aside_quietly(path)
                    self._seen.pop(draft.id, None)
                else:
                    base = seen.base
                    # Theirs is dealt with from here on (merged in, or kept as a copy): if the
                    # write below fails, a retry must not deal with it again.
                    self._remember(draft.id, disk, sha, draftfile.content(theirs))
                    notes.update(self._merge_into(draft, base, theirs))
                    ours = draftfile.content(draft)
                    digest = draftfile.digest(ours)
        seen = self._seen.get(draft.id)
        if seen is not None and disk is not None and seen.digest == digest and not notes:
            return SaveResult(False, draft.id)
        self._write(draft, path, ours)
        return SaveResult(True, draft.id, **notes)

    def _write(self, draft: Draft, path: Path, content: dict[str, Any]) -> None:
        previous = (draft.created, draft.updated)
        now = self._now()
        if draft.created is None:
            draft.created = now
        draft.updated = now
        text = yamlio.dump(draft_to_dict(draft))
        try:
            fsutil.atomic_write_text(path, text)
            disk = draftfile.stat_key(path)
        except (OSError, UnicodeError) as exc:
            draft.created, draft.updated = previous
            if isinstance(exc, UnicodeError):
                exc = OSError(errno.EILSEQ, "the draft holds text that is not valid Unicode")
            raise SaveError(path, exc) from exc
        if disk is not None:
            self._remember(draft.id, disk, draftfile.sha(text.encode("utf-8")), content)

    def _merge_into(self, draft: Draft, base: dict[str, Any], theirs: Draft) -> dict[str, Any]:
        """Merge the version on disk into `draft`; keep it as a new draft where they clash."""
        taken = draftfile.merge_into(draft, base, draftfile.content(theirs))
        if taken is not None:
            return {"merged": tuple(taken)}
        copy = theirs.copy(id=new_id(), name=f"{theirs.title} (changed elsewhere)")
        self._write(copy, self.path_for(copy.id), draftfile.content(copy))
        return {"other_copy": copy.id}

    def _save_as_new(self, draft: Draft) -> SaveResult:
        old_id = draft.id
        draft.id = new_id()
        try:
            self._write(draft, self.path_for(draft.id), draftfile.content(draft))
        except SaveError:
            draft.id = old_id
            raise
        return SaveResult(True, draft.id, saved_as_new=True)

    def _remember(self, draft_id: str, disk: tuple[int, int, int], sha: str,
                  content: dict[str, Any]) -> None:
        self._seen[draft_id] = FileState(disk, sha, content, draftfile.digest(content))

    def _parse_raw(self, raw: bytes, path: Path) -> Draft | None:
        try:
            draft = draft_from_dict(yamlio.load(yamlio.decode(raw, path), path, aliases=False),
                                    str(path))
        except DataError:
            return None
        draft.id = path.stem
        return draft

    def _set_aside_quietly(self, path: Path) -> str | None:
        try:
            return fsutil.move_aside(path).name
        except OSError:
            return None

    # ---- loading ----

    def load(self, id_or_path: str | Path) -> Draft:
        """A draft by id (or unique prefix) or from a file.

        A malformed file in the drafts folder is moved aside and DataError says where it went;
        a file elsewhere is never moved, and one that cannot be read is never moved.
        """
        path = self.resolve(id_or_path)
        inside = self._is_inside(path)
        try:
            draft, disk, raw = self._read(path, inside)
        except DataError as exc:
            if inside:
                self.problems.append(str(exc))
            raise
        if inside and disk is not None:
            self._remember(draft.id, disk, draftfile.sha(raw), draftfile.content(draft))
        return draft

    def exists(self, draft_id: str) -> bool:
        return DRAFT_ID.match(draft_id or "") is not None and (self.root / f"{draft_id}.yaml").is_file()

    def list(self) -> list[DraftSummary]:
        """Every readable draft, most recently updated first; unreadable ones go to `problems`."""
        self.problems = []
        fsutil.sweep_temp_files(self.root)
        summaries: list[tuple[float, DraftSummary]] = []
        files, folders = self._draft_entries()
        self.problems.extend(str(DataError("is a folder, not a draft file; it is left as it is",
                                           folder)) for folder in folders)
        for path in files:
            try:
                draft = self._read(path, inside=True)[0]
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
            except (DataError, UserError):  # changed under us since the listing: the next one
                continue
        return None

    # ---- changing ----

    def import_file(self, path: str | Path) -> SaveResult:
        """Bring a draft file from elsewhere into the drafts folder: saved under its own id,
        or as a new draft when a different draft already has that id (never over it). A file
        already in the folder is just that draft."""
        draft = self.load(path)
        if self._is_inside(self.resolve(path)):
            return SaveResult(False, draft.id)
        if not DRAFT_ID.match(draft.id):  # an id that cannot be a file name: a fresh one
            draft.id = new_id()
        return self.save(draft)

    def delete(self, id_or_path: str | Path) -> Path:
        """Move a draft to the trash (recoverable with `restore`); returns where it went."""
        path = self.resolve(id_or_path)
        if not self._is_inside(path):
            raise UserError(f"{clip(path)} is not in the drafts folder; only saved drafts are "
                            "deleted")
        try:
            with fsutil.folder_lock(path.parent):
                moved = fsutil.move_to_folder(path, self.trash_dir)
        except OSError as exc:
            raise SaveError(path, exc, doing=f"cannot move {path} to the trash") from exc
        self._seen.pop(path.stem, None)
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
                raise UserError(f"no deleted draft {clip(wanted)!r} in {self.trash_dir}")
            path = matches[0]
        draft, _, raw = self._read(path, inside=False)
        target = self.path_for(draft.id)
        with fsutil.folder_lock(target.parent):
            if target.exists():
                raise UserError(f"a draft {draft.id!r} already exists; delete or rename it first")
            try:
                path.replace(target)
            except OSError as exc:
                raise SaveError(target, exc, doing=f"cannot restore {path}") from exc
            disk = draftfile.stat_key(target)
        if disk is not None:
            self._remember(draft.id, disk, draftfile.sha(raw), draftfile.content(draft))
        return draft

    def rename(self, id_or_path: str | Path, name: str) -> Draft:
        """Give a saved draft a name of the user's choosing (empty name: back to the title).

        Only drafts in the drafts folder are renamed: a copy elsewhere (an export) is refused,
        so it can never replace the saved draft it was copied from.
        """
        path = self.resolve(id_or_path)
        if not self._is_inside(path):
            hint = ""
            try:
                copy_of = self._read(path, inside=False)[0].id
                if self.exists(copy_of):
                    hint = (f"; it is a copy of the saved draft {copy_of}: to rename that, run "
                            f"`oiadraft drafts rename {copy_of} NAME`")
            except DataError:
                pass
            raise UserError(f"{clip(path)} is not in the drafts folder; only saved drafts are "
                            f"renamed{hint}")
        draft = self.load(path)
        draft.name = " ".join(name.split())
        self.save(draft)
        return draft

    # ---- internals ----

    def _draft_files(self) -> list[Path]:
        return self._draft_entries()[0]

    def _draft_entries(self) -> tuple[list[Path], list[Path]]:
        """The folder's draft files, and the folders in it named like one (`<id>.yaml`): those
        are reported, not skipped without a word."""
        folder = self.root
        try:
            entries = sorted(p for p in folder.iterdir() if _is_draft_name(p.name))
        except OSError as exc:
            raise UserError(f"cannot list the drafts folder {folder}: "
                            f"{exc.strerror or exc}") from None
        return [p for p in entries if p.is_file()], [p for p in entries if p.is_dir()]

    def _is_inside(self, path: Path) -> bool:
        """Whether `path` is one of the folder's draft files (`<id>.yaml`). A file kept aside
        there (`<id>.yaml.corrupt-<time>`) or a temp file is not: it is read like a file from
        elsewhere, so it is never moved aside a second time and never saved over."""
        if not _is_draft_name(path.name):
            return False
        try:
            return path.resolve().parent == self.root.resolve()
        except OSError:
            return False

    def _read(self, path: Path, inside: bool) -> tuple[Draft, tuple[int, int, int] | None, bytes]:
        """Parse one draft file: the draft, its file's identity and its bytes. Inside the drafts
        folder a malformed file is moved aside; an unreadable one is only reported."""
        try:
            raw, disk = draftfile.read_bytes(path)
        except fsutil.TooLargeError as exc:
            return self._broken(path, inside, DataError(str(exc), path))
        except OSError as exc:
            raise DataError(f"cannot read: {exc.strerror or exc}; it is left as it is (check "
                            "its permissions)", path) from None
        try:
            data = yamlio.load(yamlio.decode(raw, path), path, aliases=False)
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
        return draft, disk, raw

    def _broken(self, path: Path, inside: bool, error: DataError) -> Any:
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


def _is_draft_name(name: str) -> bool:
    """`<something>.yaml`, not hidden: the name of a draft file (not a kept-aside copy, not a
    temp file)."""
    return name.endswith(".yaml") and not name.startswith(".")


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
