"""Keeping the garbage collector's full passes short."""

from __future__ import annotations

import gc

_frozen = False
"""The objects loaded to start are out of the collector's way (once per process)."""


def freeze_imports() -> None:
    """Move what the imports made (Textual, Rich, our modules: objects that live as long as
    the process) out of the garbage collector's passes, before the app starts. Without it a
    full pass (about 50 ms) fell inside the first frame's paint."""
    gc.freeze()


def freeze_loaded_objects() -> None:
    """Move everything loaded so far (Textual, our modules, the Act profiles, the interview
    script, the breadth analyser's rules) out of the garbage collector's full passes. Those
    objects live as long as the process; while they were scanned, a full pass took 50-150 ms
    and fell, now and then, between a key and its frame or inside a turn. Done once per
    process, when the greeting is up: start-up garbage frozen with them is small and bounded."""
    global _frozen
    if not _frozen:
        _frozen = True
        gc.freeze()
