"""A draft out of oiadraft: its YAML (the file form) or its letter as text or Markdown, to stdout
or to a file of the user's choosing.

The store only persists drafts; rendering a letter is the letter package's job, so exporting
lives here and asks the store for the draft.
"""

from __future__ import annotations

import errno
from datetime import date
from pathlib import Path
from typing import Any

from oiadraft import fsutil, yamlio
from oiadraft.errors import SaveError, UserError
from oiadraft.model import Draft, draft_to_dict

EXPORT_FORMATS = ("yaml", "text", "markdown")


def export_text(draft: Draft, format: str, library: Any = None, today: date | None = None) -> str:
    """A draft as YAML (its file form), or its letter as text or Markdown."""
    if format == "yaml":
        return yamlio.dump(draft_to_dict(draft))
    from oiadraft.letter import render

    if format == "text":
        return render.render_text(draft, library=library, today=today)
    if format == "markdown":
        return render.render_markdown(draft, library=library, today=today)
    raise UserError(f"unknown export format {format!r}; use {', '.join(EXPORT_FORMATS)}")


def export_file(store: Any, id_or_path: str | Path, path: Path | str, format: str = "yaml",
                force: bool = False, library: Any = None, today: date | None = None) -> Path:
    """Write a saved draft to a file of the user's choosing: its YAML, or the letter as text or
    Markdown (atomically). Refuses to overwrite an existing file unless `force`, and never
    replaces a FIFO or device or creates a missing folder (`fsutil.output_target`)."""
    if format not in EXPORT_FORMATS:
        raise UserError(f"unknown export format {format!r}; use {', '.join(EXPORT_FORMATS)}")
    draft = store.load(id_or_path)
    target = fsutil.output_target(path, force)  # no folder created, never a FIFO or device
    text = export_text(draft, format, library=library, today=today)
    try:
        fsutil.atomic_write_text(target, text, create_folder=False)
    except (OSError, UnicodeError) as exc:
        if isinstance(exc, UnicodeError):
            exc = OSError(errno.EILSEQ, "the text is not valid Unicode")
        raise SaveError(target, exc, what="the export") from exc
    return target
