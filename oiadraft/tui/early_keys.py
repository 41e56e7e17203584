"""Keys of the action table pressed before it is loaded (a quick user at start-up): they wait
their turn in the chat's queue, in order with the answers typed before them, instead of being
lost. The table is loaded with the interview once the greeting is on screen."""

from __future__ import annotations

from collections import deque
from typing import Any

from textual import events


class EarlyKeys:
    """Mixin for the chat screen (it has `_bound`, `_queue`, `check_action`, `_run` and
    `_typed_at_the_letter`, which takes the printable keys that reach the screen)."""

    _bound: bool
    _queue: deque[tuple[str, ...]]
    active_bindings: Any
    check_action: Any
    _run: Any
    _typed_at_the_letter: Any
    _typed_before_the_box: Any

    def on_key(self, event: events.Key) -> None:
        if self._typed_before_the_box(event):  # MessageBox: the stand-in takes it
            return
        if event.is_printable:
            self._typed_at_the_letter(event)  # LiveLetter: typed with the letter focused
            return
        if self._wait_its_turn(event.key):
            event.stop()
            event.prevent_default()

    def _wait_its_turn(self, key: str) -> bool:
        """Queue `key`, pressed before the table is bound, behind what was sent before it;
        False (not queued) once the table is bound or when a binding takes it now."""
        if self._bound or key in self.active_bindings:
            return False
        self._queue.append(("key", key))
        return True

    def _early_key(self, key: str) -> None:
        """Its turn has come (the table is loaded): run what the key is bound to, if it
        applies now."""
        from oiadraft.tui.actions import spec_for_key

        spec = spec_for_key(key)
        if spec is not None and self.check_action("run", (spec.id,)):
            self._run(spec.id, now=True)
