"""Messages between the screens and the app.

Screens never import one another: a screen that needs another place posts a request here and
the app (the only module that imports screens) opens it; what comes back arrives as an event.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from oiadraft.model import Draft


@dataclass
class OpenReviewCommand(Message):
    """Open the review screen on this draft; the edited draft comes back as `DraftEdited`."""

    draft: Draft


@dataclass
class OpenLibraryCommand(Message):
    """Open the clause library on this draft; the draft comes back as `DraftEdited`."""

    draft: Draft


@dataclass
class DraftEdited(Message):
    """Another screen returned an edited copy of the draft being written; `then` is a
    command asked for there (F3 on a part in review: "keep part 2"), taken as the chat's next
    turn on the returned draft."""

    draft: Draft
    then: str | None = None


class ConversationOpened(Message):
    """The chat's first screenful is up (the greeting, for a new request): what can wait
    until then (the offer to resume the latest draft) happens now."""
