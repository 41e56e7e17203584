"""Autosave for the chat screen: throttled writes, and a failed write that keeps the app and
the draft, says so once and tries again (Ctrl+S can save the letter elsewhere meanwhile)."""

from __future__ import annotations

from typing import Any

from oiadraft.errors import OiaDraftError

AUTOSAVE_DELAY = 0.3
"""A change (an answer, or text typed in the box) is on disk within this many seconds."""
SAVE_RETRY_DELAY = 5.0
"""After a failed save, seconds until the next try (the user is told once, not each time)."""


class Autosave:
    """Mixin for the chat screen (it has `draft`, `app.store`, timers and `notify`)."""

    draft: Any
    _save_timer: Any
    _dirty: bool
    _save_failing: bool
    _saved_ids: set[str]

    def _worth_saving(self) -> bool:
        d = self.draft
        return bool(d.agency or d.topic or d.parts or d.pending_input.strip()
                    or d.id in self._saved_ids)

    def schedule_save(self, delay: float = AUTOSAVE_DELAY) -> None:
        """Write the draft within `delay` seconds. A write already due takes this change too,
        so steady typing is saved every `delay` seconds rather than never."""
        self._dirty = True
        if self._save_timer is None:
            self._save_timer = self.set_timer(delay, self._timed_save)

    def _timed_save(self) -> None:
        self._save_timer = None
        self.save_now()

    def save_now(self) -> bool:
        """Write the draft if it changed (atomic; cheap when nothing changed). False when the
        disk refused: the draft stays in memory, the user is told once, and a retry is due."""
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        if not self._dirty or not self._worth_saving():
            return True
        try:
            self.app.store.save(self.draft)  # type: ignore[attr-defined]
        except (OiaDraftError, OSError) as error:
            self._save_failed(error)
            return False
        self._saved_ids.add(self.draft.id)
        self._dirty = False
        if self._save_failing:
            self._save_failing = False
            self.notify("Your draft is being saved again.", title="Saved", timeout=5)
        return True

    def _save_failed(self, error: Exception) -> None:
        if not self._save_failing:
            self._save_failing = True
            self.notify(f"Could not save your draft: {error}. Everything you typed is still "
                        "here and oiadraft keeps trying. Ctrl+S saves the letter to another "
                        "folder.", title="Not saved", severity="error", timeout=20)
        self._save_timer = self.set_timer(SAVE_RETRY_DELAY, self._timed_save)
