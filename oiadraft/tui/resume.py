"""Offering the latest draft at start-up, on a line above the chat box (never a dialog that
takes the first keys), and resuming it with its key in the action table (F8)."""

from __future__ import annotations

from typing import Any

from oiadraft.model import Draft
from oiadraft.tui.guard import guarded
from oiadraft.tui.widgets.resume_offer import ResumeOffer


class ResumeOffering:
    """Mixin for the chat screen (it has `draft`, `load_draft` and the saving state)."""

    draft: Draft
    _dirty: bool
    _saved_ids: set[str]
    app: Any
    _box_text: Any
    _discard_saved: Any

    def offer_resume(self, draft: Draft) -> None:
        """Offer (on a line, not a dialog: typing goes on) to carry on with `draft`."""
        if not self.draft.begun:
            from oiadraft.tui.actions import bind_table, chat_bindings

            # Its key works the moment the offer shows, before the rest of the table is bound.
            bind_table(self, [b for b in chat_bindings() if b.id == "resume"])
            self.query_one(ResumeOffer).offer(draft, self.app.current_today())
            self.refresh_bindings()

    def _withdraw_resume_offer(self) -> Draft | None:
        offer = self.query_one(ResumeOffer)
        if offer.draft is None:
            return None
        draft = offer.withdraw()
        self.refresh_bindings()
        return draft

    @guarded
    def action_resume(self) -> None:
        draft = self._withdraw_resume_offer()
        if draft is None:
            return
        typed = self._box_text()
        if typed and not draft.pending_input:
            draft.pending_input = typed  # the words typed meanwhile go with the user
        if not self.draft.begun:
            # Only a half-typed line was under the new request: not a draft of its own (the
            # words went with the user).
            self._discard_saved(self.draft.id)
            self.draft.pending_input = ""
        self._dirty = False
        self.load_draft(draft, resumed=True)
