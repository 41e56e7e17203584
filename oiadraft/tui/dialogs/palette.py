"""The command palette, with keys typed the moment it opens made harmless.

Textual's palette passes PageUp/PageDown to its command list, which looks up line positions
that do not exist until the list has been laid out: Ctrl+P then PageDown at once raised
`KeyError: 0` and ended the app. A key that arrives before the list can take it is ignored.
"""

from __future__ import annotations

from textual.command import CommandPalette


class SafeCommandPalette(CommandPalette):
    """Textual's command palette; list keys before the list is drawn do nothing."""

    def _action_command_list(self, action: str) -> None:
        try:
            super()._action_command_list(action)
        except (KeyError, IndexError):
            return  # the list has options but no lines yet; the next key will work
