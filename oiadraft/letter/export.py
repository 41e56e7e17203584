"""A draft out of oiadraft: its YAML (the file form) or its letter as text or Markdown, to stdout
or to a file of the user's choosing.

The store only persists drafts; rendering a letter is the letter package's job, so exporting
lives here and asks the store for the draft.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from oiadraft import fsutil, yamlio
from oiadraft.errors import UserError
from oiadraft.model import Draft, draft_to_dict

EXPORT_FORMATS = ("yaml", "text", "markdown")


def export_text(draft: Draft, format: str, library: Any = None, today: date | None = None) -> str:
    """A draft as YAML (its file form), or its letter as text or Markdown."""
    if format == "yaml":
        return yamlio.dump(draft_to_dict(draft))
    from oiadraft import render

    if format == "text":
        return render.render_text(draft, library=library, today=today)
    if format == "markdown":
        return render.render_markdown(draft, library=library, today=today)
    raise UserError(f"unknown export format {format!r}; use {', '.join(EXPORT_FORMATS)}")


def export_file(store: Any, id_or_path: str | Path, path: Path | str, format: str = "yaml",
                force: bool = False, library: Any = None, today: date | None = None) -> Path:
    """Write a saved draft to a file of the user's choosing: its YAML, or the letter as text or
    Markdown (atomically). Refuses to overwrite an existing file unless `force`."""
    if format not in EXPORT_FORMATS:
        raise UserError(f"unknown export format {format!r}; use {', '.join(EXPORT_FORMATS)}")
    draft = store.load(id_or_path)
    target = Path(path).expanduser()
    if target.is_dir():
        raise UserError(f"{target} is a folder; give a file name")
    if target.exists() and not force:
        raise UserError(f"{target} already exists; use --force to overwrite it")
    text = export_text(draft, format, library=library, today=today)
    try:
        fsutil.atomic_write_text(target, text)
    except OSError as exc:
        raise UserError(f"cannot write {target}: {exc.strerror or exc}") from None
    return target
