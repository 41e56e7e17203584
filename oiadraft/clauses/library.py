"""The clause library: the built-in clauses shipped with oiadraft plus the user's own.

`Library.load()` reads the built-ins and the user's clauses folder; a user clause with a
built-in's id overrides it (and can be reset). A bad file never stops the rest loading: each
problem is a DataError with file and line in `library.problems`. User clauses are saved
atomically, and deleting one moves it to the trash, from which `restore` brings it back.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from oiadraft import fsutil, paths, yamlio
from oiadraft.clauses.model import (
    MAX_ID_LENGTH,
    Clause,
    clause_to_yaml,
    id_problem,
    parse_clause,
    sort_key,
)
from oiadraft.clauses.model import validate_text as _validate_text
from oiadraft.clauses.search import SearchHit, SearchIndex
from oiadraft.errors import DataError, SaveError, UserError
from oiadraft.text import closest


class Library:
    """Built-in clauses plus the user's own; the user's win when the ids are the same."""

    def __init__(self, builtins: Iterable[Clause] = (), user: Iterable[Clause] = (),
                 problems: Iterable[DataError] = (), user_dir: Path | None = None,
                 builtin_dir: Any = None) -> None:
        self._builtins: dict[str, Clause] = {}
        for clause in builtins:
            self._builtins.setdefault(clause.id, clause)
        self._user: dict[str, Clause] = {}
        for clause in user:
            self._user.setdefault(clause.id, clause)
        self.problems: list[DataError] = list(problems)
        """Every file or entry that could not be loaded, as "file:line: message"."""
        self._user_dir = user_dir
        self._builtin_dir = builtin_dir
        self._index: SearchIndex | None = None
        self._sorted: list[Clause] | None = None

    # -- loading --

    @classmethod
    def load(cls, builtin_dir: Any = None, user_dir: Path | None = None) -> Library:
        """Read the built-ins and the user's clauses folder; problems never stop the rest."""
        library = cls(user_dir=user_dir, builtin_dir=builtin_dir)
        library.reload()
        return library

    @classmethod
    def from_clauses(cls, clauses: Iterable[Clause]) -> Library:
        """A library over clauses built in memory (tests, benchmarks)."""
        return cls(builtins=clauses)

    def reload(self) -> None:
        """Read both folders again (after an edit made elsewhere)."""
        problems: list[DataError] = []
        folder = self._builtin_dir if self._builtin_dir is not None else paths.builtin("clauses")
        files = sorted((entry for entry in folder.iterdir() if _is_clause_file(entry.name)),
                       key=lambda entry: entry.name)
        self._builtins = self._read(files, problems, builtin=True)
        self._user = self._read(self._user_files(), problems, builtin=False)
        problems.extend(DataError(f"the text of a clause being edited when oiadraft was "
                                  f"stopped, not saved: check it, then rename it to "
                                  f"{path.name.split('.')[0]}.yaml to use it, or delete it",
                                  path) for path in self._unsaved_files())
        self.problems = problems
        self._changed()

    @property
    def user_dir(self) -> Path:
        """The folder of the user's own clauses (created on demand)."""
        if self._user_dir is not None:
            self._user_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
            return self._user_dir
        return paths.user_clauses_dir()

    @property
    def trash_dir(self) -> Path:
        return paths.trash_dir() / "clauses"

    def keep_unsaved(self, yaml_text: str, clause_id: str | None) -> Path:
        """Keep the editor's text of a clause that could not be saved before oiadraft stopped
        (a signal, a closed terminal): `<id>.yaml.unsaved-<time>` in the user's folder, never
        read as a clause, reported with the library's problems until the user deals with it."""
        from datetime import datetime

        stamp = datetime.now().strftime("%Y%m%dT%H%M%S%f")
        name = clause_id if clause_id and not id_problem(clause_id) else "new-clause"
        target = self.user_dir / f"{name}.yaml{UNSAVED}{stamp}"
        fsutil.atomic_write_text(target, yaml_text)
        return target

    def _unsaved_files(self) -> list[Path]:
        try:
            return sorted(path for path in self.user_dir.iterdir()
                          if UNSAVED in path.name and not path.name.startswith("."))
        except OSError:
            return []

    def _user_files(self) -> list[Path]:
        return sorted(path for path in self.user_dir.iterdir()
                      if _is_clause_file(path.name) and path.is_file())

    @staticmethod
    def _read(files: Iterable[Any], problems: list[DataError], builtin: bool) -> dict[str, Clause]:
        found: dict[str, Clause] = {}
        for entry in files:
            clause, errors = load_clause_file(entry, builtin=builtin)
            problems.extend(errors)
            if clause is None:
                continue
            if clause.id in found:
                first = found[clause.id].source
                problems.append(DataError(f"clause id {clause.id!r} is already used by {first}; "
                                          f"this file is ignored", clause.source, 1))
                continue
            found[clause.id] = clause
        return found

    def _changed(self) -> None:
        self._index = None
        self._sorted = None

    # -- reading --

    def clauses(self, act: str | None = None, kind: str | None = None) -> list[Clause]:
        """The effective clauses (user overrides applied), in letter order."""
        if self._sorted is None:
            merged = dict(self._builtins)
            merged.update(self._user)
            self._sorted = sorted(merged.values(), key=sort_key)
        return [clause for clause in self._sorted
                if (act is None or act in clause.acts) and (kind is None or clause.kind == kind)]

    def __iter__(self) -> Iterator[Clause]:
        return iter(self.clauses())

    def __len__(self) -> int:
        return len(self.clauses())

    def __contains__(self, clause_id: object) -> bool:
        return clause_id in self._user or clause_id in self._builtins

    def find(self, clause_id: str) -> Clause | None:
        """The effective clause with this id, or None."""
        return self._user.get(clause_id) or self._builtins.get(clause_id)

    def get(self, clause_id: str) -> Clause:
        """The effective clause with this id; UserError (with a suggestion) when unknown."""
        clause = self.find(clause_id)
        if clause is None:
            skipped = next((p for p in self.problems
                            if p.path is not None and Path(p.path).name == f"{clause_id}.yaml"),
                           None)
            if skipped is not None:  # its file is there but could not be read as a clause
                where = skipped.path + (f":{skipped.line}" if skipped.line else "")
                raise UserError(f"no clause {clause_id!r}: its file ({where}) could not be read "
                                "as a clause; `oiadraft clauses validate` says why")
            hint = closest(clause_id, [c.id for c in self.clauses()])
            raise UserError(f"no clause {clause_id!r}" + (f"; did you mean {hint!r}?" if hint
                                                          else " (see `oiadraft clauses list`)"))
        return clause

    def builtin(self, clause_id: str) -> Clause | None:
        """The shipped version of a clause (for showing what the user changed, or resetting)."""
        return self._builtins.get(clause_id)

    def is_builtin(self, clause_id: str) -> bool:
        """True when oiadraft ships a clause with this id (whether or not the user edited it)."""
        return clause_id in self._builtins

    def is_user(self, clause_id: str) -> bool:
        """True when the user has a clause file with this id (their own or an edited built-in)."""
        return clause_id in self._user

    def is_overridden(self, clause_id: str) -> bool:
        """True when the user's clause replaces a built-in of the same id."""
        return clause_id in self._user and clause_id in self._builtins

    def is_modified(self, clause_id: str) -> bool:
        """True when an override actually differs from the built-in."""
        if not self.is_overridden(clause_id):
            return False
        return not self._user[clause_id].same_content(self._builtins[clause_id])

    def search(self, query: str, act: str | None = None, limit: int | None = 20,
               kind: str | None = None) -> list[SearchHit]:
        """Clauses ranked by how well title, tags and body match the query (typos allowed).

        An empty query lists every clause (for the act) in letter order.
        """
        if self._index is None:
            self._index = SearchIndex(self.clauses())
        return self._index.search(query, act, kind, limit)

    # -- changing the user's clauses --

    def save(self, clause: Clause) -> Clause:
        """Write a clause to the user's folder (an edited built-in becomes an override).

        The clause is validated first; nothing is written when it is invalid (DataError). A
        disk that refuses the file (full, read-only) is a SaveError naming the clause's file.
        """
        target = self._user_path(clause.id)
        text = clause_to_yaml(clause)
        checked, errors = _validate_text(text, target)
        if errors or checked is None:
            raise errors[0] if errors else DataError("invalid clause", target)
        try:
            fsutil.atomic_write_text(target, text)
        except OSError as exc:
            raise SaveError(target, exc, what="the clause") from exc
        saved = replace(checked, source=str(target), builtin=False)
        self._user[saved.id] = saved
        self._changed()
        return saved

    def save_text(self, yaml_text: str) -> Clause:
        """Validate and save clause YAML typed in the editor; DataError (first problem) if bad."""
        clause, errors = _validate_text(yaml_text, "<editor>")
        if errors or clause is None:
            raise errors[0] if errors else DataError("invalid clause", "<editor>")
        return self.save(clause)

    def rename(self, clause_id: str, new_id: str) -> Clause:
        """Give one of the user's clauses a new id (a built-in is duplicated instead)."""
        if clause_id not in self._user:
            if clause_id in self._builtins:
                raise UserError(f"{clause_id!r} is a built-in clause; duplicate it to make your "
                                "own copy with a new id")
            self.get(clause_id)
        self._check_new_id(new_id)
        old = self._user[clause_id]
        saved = self.save(replace(old, id=new_id))
        old_path = Path(old.source) if old.source else None
        if old_path and old_path.exists() and old_path != Path(saved.source or ""):
            try:
                old_path.unlink()
            except OSError as exc:
                raise SaveError(old_path, exc, doing=f"saved as {saved.id!r}, but cannot "
                                f"remove {old_path}") from exc
        del self._user[clause_id]
        self._changed()
        return saved

    def duplicate(self, clause_id: str, new_id: str | None = None) -> Clause:
        """Copy any clause under a new id in the user's folder (the way to adapt a built-in)."""
        original = self.get(clause_id)
        if new_id is None:
            new_id = self.free_id(f"{clause_id}-copy")
        self._check_new_id(new_id)
        title = original.title if original.title.endswith("(copy)") else f"{original.title} (copy)"
        return self.save(replace(original, id=new_id, title=title))

    def delete(self, clause_id: str) -> Path:
        """Move one of the user's clauses to the trash (recoverable with `restore`).

        Deleting an edited built-in brings the shipped version back.
        """
        if clause_id not in self._user:
            if clause_id in self._builtins:
                raise UserError(f"{clause_id!r} is a built-in clause and cannot be deleted; leave "
                                "it unticked in your drafts instead")
            self.get(clause_id)
        clause = self._user[clause_id]
        source = Path(clause.source or self._user_path(clause_id))
        try:
            moved = fsutil.move_to_folder(source, self.trash_dir)
        except OSError as exc:
            raise SaveError(source, exc, doing=f"cannot move {source} to the trash") from exc
        del self._user[clause_id]
        self._changed()
        return moved

    def reset(self, clause_id: str) -> Clause:
        """Drop the user's edit of a built-in (kept in the trash) and return the built-in."""
        if not self.is_overridden(clause_id):
            raise UserError(f"{clause_id!r} is not an edited built-in clause; nothing to reset")
        self.delete(clause_id)
        return self._builtins[clause_id]

    def trashed(self) -> list[Path]:
        """Deleted clause files, newest deletion first."""
        folder = self.trash_dir
        if not folder.is_dir():
            return []
        return sorted((p for p in folder.iterdir() if _is_clause_file(p.name)),
                      key=_trash_age, reverse=True)

    def restore(self, clause_id_or_path: str | Path) -> Clause:
        """Bring a deleted clause back from the trash (the most recently deleted one of that id)."""
        candidate = Path(clause_id_or_path)
        if candidate.is_file():
            path = candidate
        else:
            wanted = str(clause_id_or_path)
            matches = [p for p in self.trashed() if p.name.split(".")[0] == wanted]
            if not matches:
                raise UserError(f"no deleted clause {wanted!r} in {self.trash_dir}")
            path = matches[0]
        clause, errors = load_clause_file(path)
        if clause is None:
            raise errors[0]
        if clause.id in self._user:
            raise UserError(f"you already have a clause {clause.id!r}; rename it before restoring "
                            "the deleted one")
        target = self._user_path(clause.id)
        try:
            path.replace(target)
        except OSError as exc:
            raise SaveError(target, exc, doing=f"cannot restore {path}") from exc
        restored = replace(clause, source=str(target), builtin=False)
        self._user[restored.id] = restored
        self._changed()
        return restored

    validate_text = staticmethod(_validate_text)

    # -- helpers --

    def _user_path(self, clause_id: str) -> Path:
        existing = self._user.get(clause_id)
        if existing is not None and existing.source:
            return Path(existing.source)
        problem = id_problem(clause_id)
        if problem:
            raise UserError(problem)
        return self.user_dir / f"{clause_id}.yaml"

    def _check_new_id(self, new_id: str) -> None:
        problem = id_problem(new_id) or self.id_taken(new_id)
        if problem:
            raise UserError(problem)

    def id_taken(self, clause_id: str) -> str | None:
        """Why a clause saved with this id would replace one that is already there (a clause
        of the user's, a built-in, or a file in the user's folder that could not be read), or
        None when the id is free."""
        clause = self.find(clause_id)
        if clause is not None:
            return (f"a clause with the id {clause_id!r} already exists (“{clause.title}”); "
                    "choose another id")
        path = self.user_dir / f"{clause_id}.yaml"
        if path.exists():
            return f"{path} already exists; choose another id"
        return None

    def free_id(self, base: str) -> str:
        """`base`, or `base-2`, `base-3`, ...: the first id no clause or file has yet."""
        base = base[:MAX_ID_LENGTH - 4].rstrip("-")
        candidate, number = base, 2
        while candidate in self or (self.user_dir / f"{candidate}.yaml").exists():
            candidate = f"{base}-{number}"
            number += 1
        return candidate


def load_clause_file(path: Any, builtin: bool = False) -> tuple[Clause | None, list[DataError]]:
    """Read and validate one clause file (a Path or an importlib.resources Traversable)."""
    name = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [DataError(f"cannot read: {exc.strerror or exc}", name)]
    try:
        text = yamlio.decode(raw, name)
        data = yamlio.load(text, name)
    except DataError as exc:
        return None, [exc]
    return parse_clause(data, name, text, builtin=builtin)


def validate_files(files: Iterable[Path]) -> list[DataError]:
    """Problems in the given clause files, including ids used twice among them."""
    problems: list[DataError] = []
    seen: dict[str, str] = {}
    for path in files:
        clause, errors = load_clause_file(Path(path))
        problems.extend(errors)
        if clause is not None:
            if clause.id in seen:
                problems.append(DataError(f"clause id {clause.id!r} is also used by "
                                          f"{seen[clause.id]}", clause.source, 1))
            seen.setdefault(clause.id, str(path))
    return problems


UNSAVED = ".unsaved-"
"""Marks a kept editor text in the user's clauses folder (`<id>.yaml.unsaved-<time>`)."""


def _is_clause_file(name: str) -> bool:
    return not name.startswith(".") and (name.endswith(".yaml") or name.endswith(".yml"))


def _trash_age(path: Path) -> tuple[str, float]:
    # move_to_folder names a second deletion of the same file `<id>.<timestamp>.yaml`; the plain
    # name is the oldest. Sort by that stamp, then by modification time.
    parts = path.name.split(".")
    stamp = parts[1] if len(parts) > 2 else ""
    try:
        mtime = path.stat().st_mtime
    except OSError:
        mtime = 0.0
    return (stamp, mtime)
