"""Autosave for the chat screen: throttled writes off the UI thread, and a failed write that
keeps the app and the draft, says so once and tries again (Ctrl+S can save the letter
elsewhere meanwhile).

The timed save (while typing, after each answer) writes a copy of the draft in a thread: a
1,000-part draft takes ~50 ms to serialise and write, which held up the keys typed meanwhile.
`save_now` (quitting, signals, switching drafts, before review) writes on the UI thread, so
nothing is left in flight when it returns. The two never write at once, and an older copy
finishing late never overwrites a newer save.

When the file was changed elsewhere meanwhile (another window, the command line), the store
merges that change into what it writes; the screen then takes it too, shows the draft as it
now is and says what happened in a toast.
"""

from __future__ import annotations

import dataclasses
import threading
from contextlib import suppress
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual import work
from textual.message import Message
from textual.timer import Timer

from oiadraft.errors import OiaDraftError
from oiadraft.model import Draft

if TYPE_CHECKING:
    from oiadraft.draftfile import SaveResult

AUTOSAVE_DELAY = 0.3
"""A change (an answer, or text typed in the box) is on disk within this many seconds."""
SAVE_RETRY_DELAY = 5.0
"""After a failed save, seconds until the next try (the user is told once, not each time)."""


class Autosave:
    """Mixin for the chat screen (it has `draft`, `app.store`, timers and `notify`)."""

    draft: Any
    _revision: int
    _view: Any
    _typed: str | None
    _unsent_input: Any
    """The draft's unsent words as they are to be saved (`Turns`): the box's, and those of
    turns whose reply is not on screen yet."""
    query: Any

    @dataclass
    class BackgroundSaved(Message):
        """A copy of the draft was written off the UI thread (or could not be)."""

        copy: Draft
        """What was written (the store may have merged changes made elsewhere into it)."""
        before: Draft
        """The copy as it was handed to the store."""
        original_id: str
        generation: int
        result: SaveResult | None = None
        """None when a newer version had been saved meanwhile (nothing written)."""
        error: Exception | None = None

    def _init_autosave(self) -> None:
        self._save_timer: Timer | None = None
        self._dirty = False
        """Changed since the last save."""
        self._save_failing = False
        """The last save failed; the user has been told (once) and a retry is due."""
        self._saved_ids: set[str] = set()
        """Drafts written this session: once saved, a draft is kept saved even if emptied."""
        self._save_lock = threading.Lock()
        """Held while the store writes (the store is not safe for two writers at once)."""
        self._save_in_flight = False
        self._save_generation = 0
        """Counts the copies handed to a save; `_written_generation` is the newest written."""
        self._written_generation = 0
        self._discarded: set[str] = set()
        """Drafts given up (`_discard_saved`): a write of one that reports back is trashed."""

    def _fill_in_act(self) -> None:
        """The first draft starts without its Act, to keep the Act profiles off the path to
        the first frame; the interview's loading fills it in, or a save that comes first."""
        if not self.draft.act:
            from oiadraft.acts import default_act

            self.draft.act = default_act().key

    def _worth_saving(self) -> bool:
        d = self.draft
        return bool(d.begun or self._unsent_input().strip()
                    or d.id in self._saved_ids)

    def schedule_save(self, delay: float = AUTOSAVE_DELAY) -> None:
        """Write the draft within `delay` seconds. A write already due takes this change too,
        so steady typing is saved every `delay` seconds rather than never."""
        self._dirty = True
        if self._save_timer is None:
            self._save_timer = self.set_timer(delay, self._timed_save)

    def _timed_save(self) -> None:
        self._save_timer = None
        if not self._dirty or not self._worth_saving():
            return
        if self._save_in_flight:  # one background write at a time; this change goes next
            self._save_timer = self.set_timer(AUTOSAVE_DELAY, self._timed_save)
            return
        self._dirty = False
        self._save_in_flight = True
        self._fill_in_act()
        self._save_generation += 1
        self._save_copy(self.draft.copy(pending_input=self._unsent_input()), self.draft.id,
                        self._save_generation)

    @work(thread=True, group="autosave", exit_on_error=False)
    def _save_copy(self, copy: Draft, original_id: str, generation: int) -> None:
        before = dataclasses.replace(copy)  # shallow: the store replaces fields, never edits them
        saved = self.BackgroundSaved(copy, before, original_id, generation)
        try:
            with self._save_lock:
                if generation > self._written_generation:  # else a newer version is saved
                    saved.result = self.app.store.save(copy)  # type: ignore[attr-defined]
                    self._written_generation = generation
        except Exception as error:  # whatever it is, the user is told (on the UI thread)
            saved.error = error
        self.post_message(saved)

    def _discard_saved(self, draft_id: str) -> None:
        """The draft `draft_id` is not to be kept: a write of it not yet begun is skipped (the
        writer checks the generation under its lock; the UI thread does not wait for it), one
        under way is trashed when it reports back, one done is trashed now."""
        self._discarded.add(draft_id)
        self._written_generation = self._save_generation
        if draft_id in self._saved_ids:
            self._trash(draft_id)

    def _trash(self, draft_id: str) -> None:
        self._saved_ids.discard(draft_id)
        with suppress(OiaDraftError):
            self.app.store.delete(draft_id)  # type: ignore[attr-defined]

    def on_autosave_background_saved(self, event: Autosave.BackgroundSaved) -> None:
        self._save_in_flight = False
        if event.original_id in self._discarded:
            if event.result is not None:
                self._trash(event.copy.id)  # written just before it was discarded
            return
        draft = self.draft
        if draft.id != event.original_id:
            return  # another draft was opened meanwhile (it was saved before the switch)
        if event.error is not None:
            self._dirty = True
            self._save_failed(event.error)
            return
        result = event.result
        if result is None:
            return
        self._saved_ids.add(event.copy.id)
        if event.generation == self._written_generation:  # else a newer save set these
            # The id changes when the file turned out to hold another draft.
            draft.id, draft.created, draft.updated = (event.copy.id, event.copy.created,
                                                      event.copy.updated)
        if result.merged:
            from oiadraft import draftfile

            # Take the other version's changes as the store merged them into the copy; what
            # was changed here since the copy was taken is newer and stays.
            draftfile.merge_into(draft, draftfile.content(event.before),
                                 draftfile.content(event.copy), ours_wins=True)
            self.schedule_save()
        self._saved(result)

    def _saved(self, result: SaveResult) -> None:
        if result.message:
            self.notify(result.message, title="Draft changed elsewhere", severity="warning",
                        timeout=15)
        if result.merged:
            self.call_later(self._show_changed_draft)
        if self._save_failing:
            self._save_failing = False
            self.notify("Your draft is being saved again.", title="Saved", timeout=5)

    def _show_changed_draft(self) -> None:
        """The draft took changes made elsewhere: show it as it now is (the letter, the
        findings, the keys that apply, and the box if its text was changed)."""
        self._revision += 1
        self._view = None
        for box in self.query("#message"):  # none yet: it will be given the draft's words
            if box.text != self.draft.pending_input:
                box.load_text(self.draft.pending_input)
                box.move_cursor(box.document.end)
        self._typed = None
        self._typing_changed(self.draft.pending_input)
        self.refresh_bindings()

    def save_now(self) -> bool:
        """Write the draft if it changed, on this thread (atomic; cheap when nothing changed).
        False when the disk refused: the draft stays in memory, the user is told once, and a
        retry is due."""
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        if not (self._dirty or self._save_in_flight) or not self._worth_saving():
            return True
        self._fill_in_act()
        self._save_generation += 1
        generation = self._save_generation
        boxed, unsent = self.draft.pending_input, self._unsent_input()
        self.draft.pending_input = unsent  # saved with the words of turns not answered yet
        try:
            with self._save_lock:  # waits for a background write to finish
                result = self.app.store.save(self.draft)  # type: ignore[attr-defined]
                self._written_generation = generation
        except (OiaDraftError, OSError) as error:
            self._save_failed(error)
            return False
        finally:
            if self.draft.pending_input == unsent:  # else the store merged in another's words
                self.draft.pending_input = boxed
        self._saved_ids.add(self.draft.id)
        self._dirty = False
        self._saved(result)
        return True

    def _save_failed(self, error: Exception) -> None:
        if not self._save_failing:
            self._save_failing = True
            self.notify(f"Could not save your draft: {error}. Everything you typed is still "
                        "here and oiadraft keeps trying. Ctrl+S saves the letter to another "
                        "folder.", title="Not saved", severity="error", timeout=20)
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_RETRY_DELAY, self._timed_save)
