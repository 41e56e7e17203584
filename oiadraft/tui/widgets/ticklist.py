"""A tick list whose boxes say ticked or not in characters, not by colour alone."""

from __future__ import annotations

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import SelectionList
from textual.widgets.option_list import OptionDoesNotExist


class TickList(SelectionList[str]):
    """`SelectionList` draws every box as ▐X▌ and tells ticked from unticked by colour only,
    which a low-colour terminal, a screen reader or a copied screen loses: an unticked box
    here is drawn empty."""

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        segments = list(strip)
        if len(segments) < 4:
            return strip
        try:
            option = self.get_option_at_index(self.scroll_offset.y + y)
        except OptionDoesNotExist:
            return strip
        if option.value in self.selected:
            return strip
        box = segments[1]
        segments[1] = Segment(" " * len(box.text), box.style, box.control)
        return Strip(segments, strip.cell_length)
