"""The live letter while typing: the words spliced into a letter rendered once per state of the
draft, and a full render when typing pauses (so a 1,000-part letter is not re-rendered for
every key, and the pane always ends up exactly what will be sent)."""

from __future__ import annotations

from typing import Any

from oiadraft.model import Draft, Part
from oiadraft.tui.widgets.chat_input import ChatInput
from oiadraft.tui.widgets.letter import LetterPane

GAP = "Zqxjwordsbeingtypedzqxj"
"""Stands for the words being typed in a letter rendered once (see `_letter_with_gap`)."""
EXACT_LETTER_DELAY = 0.3
"""Seconds after the last key before the letter is rendered in full again."""


class LiveLetter:
    """Mixin for the chat screen (it has `draft`, `_revision`, `_gapped`, `_exact_timer`)."""

    draft: Draft
    _revision: int
    _gapped: Any
    _exact_timer: Any

    def _draft_with(self, target: tuple[str, Part | None] | None, typing: str | None) -> Draft:
        """The draft as it would be with the words being typed in place."""
        if target is None or typing is None:
            return self.draft
        draft = self.draft.copy()
        if target[0] == "edit" and target[1] is not None:
            index = self.draft.parts.index(target[1])
            draft.parts[index] = Part(text=typing.strip(), period=target[1].period,
                                      id=target[1].id)
        else:
            draft.parts.append(Part(text=typing.strip()))
        return draft

    def _letter_with_gap(self, target: tuple[str, Part | None]) -> str | None:
        """The letter with GAP where the typed words go, cached until the draft changes;
        None when the words would not appear once, as typed (then render in full)."""
        key = (self._revision, target[0], target[1].id if target[1] is not None else None)
        if self._gapped is not None and self._gapped[0] == key:
            return self._gapped[1]
        letter = self.app.letter_text(self._draft_with(target, GAP))
        gapped = letter if letter.count(GAP) == 1 else None
        self._gapped = (key, gapped)
        return gapped

    def _exact_letter_soon(self) -> None:
        if self._exact_timer is not None:
            self._exact_timer.stop()
        self._exact_timer = self.set_timer(EXACT_LETTER_DELAY, self._exact_letter)

    def _exact_letter(self) -> None:
        self._exact_timer = None
        typing = self.query_one(ChatInput).text
        target = self._typing_target(typing)
        self.query_one(LetterPane).show(self.app.letter_text(self._draft_with(target, typing)))

    def on_unmount(self) -> None:
        self.save_now()
