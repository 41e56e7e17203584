"""The conversation: one widget per turn, anchored to the bottom like a chat."""

from __future__ import annotations

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from oiadraft.tui.widgets.mdtext import markdown_to_text

USER_TURN_LIMIT = 4_000
"""A pasted request longer than this is shown shortened in the transcript (it is kept whole
in the draft)."""


class AssistantTurn(Static):
    """What the assistant says: Markdown from prompts/ (user words escaped), shown as Text."""

    def __init__(self, markdown: str, **kwargs) -> None:
        super().__init__(markdown_to_text(markdown), **kwargs)
        self.markdown = markdown
        """The message as written, for tests and copying."""


class UserTurn(Static):
    """What the user typed, shown exactly as typed: never parsed as markup."""

    def __init__(self, text: str, **kwargs) -> None:
        shown = text
        if len(shown) > USER_TURN_LIMIT:
            hidden = len(shown) - USER_TURN_LIMIT
            shown = f"{shown[:USER_TURN_LIMIT]}\n… ({hidden:,} more characters)"
        super().__init__(Text(shown), **kwargs)
        self.text = text


class Transcript(VerticalScroll):
    """Turns stack downwards; the view sticks to the newest one."""

    def on_mount(self) -> None:
        self.anchor()

    def add_assistant(self, markdown: str) -> AssistantTurn | None:
        if not markdown.strip():
            return None
        turn = AssistantTurn(markdown)
        self.mount(turn)
        return turn

    def add_user(self, text: str) -> UserTurn:
        turn = UserTurn(text)
        self.mount(turn)
        return turn
