"""`self.app` typed as `OiaDraftApp` for the screens, dialogs and widgets that use its services.

Textual types `app` as a plain `App`; this mixin narrows it for readers and type checkers
without importing the app module at run time (no import loop, no reach into a screen).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from oiadraft.tui.app import OiaDraftApp


class UsesOiaDraftApp:
    """Mix in before the Textual base class: `class ChatScreen(UsesOiaDraftApp, Screen[None])`."""

    @property
    def app(self) -> OiaDraftApp:
        """The running oiadraft app (its store, library, interview and services)."""
        return cast("OiaDraftApp", super().app)  # type: ignore[misc]
