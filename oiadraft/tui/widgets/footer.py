"""A Footer that rebuilds itself only when the keys it shows change.

Textual's `Footer` recomposes (a widget per key, each styled and laid out) every time a
screen says its bindings may have changed. The chat says so several times per turn (the
question changed, the resume offer went, the letter pane took focus), and nearly always the
same keys apply before and after: that was a large share of the time each turn took. This
footer waits until the screen is idle, compares what it would show with what it shows, and
recomposes only on a difference.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer


class SteadyFooter(Footer):
    """Footer with one recompose per refresh at most, and none when nothing shown changed."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._shown: tuple[object, ...] | None = None
        """What the keys looked like at the last recompose."""
        self._due = False
        """A check is already scheduled for after the next refresh."""

    def compose(self) -> ComposeResult:
        # The keys are drawn with the screen's first frame: its bindings are known when it
        # composes. Textual's Footer composes empty and fills in after a refresh, and that
        # recompose (a layout and a repaint) held up the greeting at start-up.
        if self._shown is None:
            self.set_reactive(Footer._bindings_ready, True)
            self._shown = self._keys_shown()
        yield from super().compose()

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._due:
            self._due = True
            self.call_after_refresh(self._recompose_if_changed)

    async def _recompose_if_changed(self) -> None:
        self._due = False
        if not self.is_attached:  # its screen went away meanwhile
            return
        shown = self._keys_shown()
        if shown == self._shown:
            return
        self._shown = shown
        await self.recompose()

    def _keys_shown(self) -> tuple[object, ...]:
        """Everything `Footer.compose` reads from the bindings, in order."""
        app = self.app
        return (self.show_command_palette, self.combine_groups, tuple(
            (key, binding.action, binding.description, binding.show, enabled, tooltip,
             binding.group, app.get_key_display(binding))
            for key, (_, binding, enabled, tooltip) in self.screen.active_bindings.items()
            if binding.show or key == app.COMMAND_PALETTE_BINDING))
