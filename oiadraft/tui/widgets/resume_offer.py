"""The offer to carry on with the latest draft: a line above the chat box, never a dialog.

A dialog appearing a moment after start-up took the first keys a quick typist pressed (and
Enter picked "Resume"); this line takes no keys at all. Typing goes on into the chat box as
a new request; F8 (the action table's `resume` key) resumes instead.
"""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.widgets import Static

from oiadraft.model import Draft
from oiadraft.tui.describe import describe_draft


class ResumeOffer(Static):
    """Shows which draft F8 would resume; hidden when there is nothing to offer."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.draft: Draft | None = None
        """The draft on offer (None: no offer)."""
        self.display = False

    def offer(self, draft: Draft, today: date) -> None:
        self.draft = draft
        text = Text("Carry on with ", style="bold")
        text.append(describe_draft(draft, today), style="bold")
        text.append(f"?  {_key('resume')} resumes it · {_key('open')} opens another · or just "
                    "type to start a new request.", style="dim")
        self.update(text)
        self.display = True

    def withdraw(self) -> Draft | None:
        """Hide the offer; return the draft that was on offer."""
        draft, self.draft = self.draft, None
        self.display = False
        return draft


def _key(action_id: str) -> str:
    """The action table's key for an action, as the footer names it."""
    from oiadraft.tui.actions import key_name, specs

    key = specs()[action_id].key
    return key_name(key) if key else specs()[action_id].label
