"""The live letter and findings while typing: the words spliced into a letter rendered once per
state of the draft, and a full render when typing pauses (so a 1,000-part letter is not
re-rendered for every key, and the pane always ends up exactly what will be sent); the
findings panel shows the interview's live check of the words being typed. The pane itself
comes in with the interview (a light stand-in holds its place until then), and letters typed
while it has the focus go to the message box."""

from __future__ import annotations

from typing import Any

from textual import events

from oiadraft.model import Draft, Part
from oiadraft.tui.widgets.findings import FindingsPanel
from oiadraft.tui.widgets.standins import LetterSoon

GAP = "Zqxjwordsbeingtypedzqxj"
"""Stands for the words being typed in a letter rendered once (see `_letter_with_gap`)."""
EXACT_LETTER_DELAY = 0.3
"""Seconds after the last key before the letter is rendered in full again."""


class LiveLetter:
    """Mixin for the chat screen (it has `draft`, `view`, `interview`, `_revision`,
    `_preview`, `_gapped`, `_exact_timer`)."""

    draft: Draft
    _revision: int
    _preview: Any
    _gapped: Any
    _exact_timer: Any
    _box: Any

    def _letter_pane_in(self) -> None:
        """Put the letter pane where its stand-in is (once). Mounted before the letter is
        shown: the pane takes the text at once and lays it out when it is mounted."""
        from oiadraft.tui.widgets.letter import LetterPane

        for soon in self.query(LetterSoon):
            soon.parent.mount(LetterPane(id="letter"), after=soon)  # type: ignore[union-attr]
            soon.remove()

    def _typed_at_the_letter(self, event: events.Key) -> None:
        """A printable key while the read-only letter pane has the focus would do nothing
        there: it goes to the end of the message box, and the chat comes back into view."""
        if getattr(self.focused, "id", None) != "letter" or not event.character:
            return
        event.stop()
        event.prevent_default()
        self.remove_class("-show-letter")
        box = self._box()
        box.insert(event.character, box.document.end)
        box.move_cursor(box.document.end)
        box.focus()

    def _typing_target(self, typing: str | None) -> tuple[str, Part | None] | None:
        """While typing words Enter takes as a part's: ("new", None) or ("edit", part)."""
        if typing is None or not typing.strip() or len(typing) > 20_000:
            return None
        view = self.view
        if view.kind == "edit" and view.current_part is not None and \
                self._preview_of(typing) is not None:
            # not a remark or a command, which Enter leaves the part without
            return ("edit", view.current_part)
        if view.kind == "parts" and view.pending is None and \
                self._preview_of(typing) is not None:
            return ("new", None)
        return None

    def _preview_of(self, typing: str) -> Any:
        """The interview's live check of `typing`, asked once per keystroke and draft state."""
        key = (self._revision, typing)
        if self._preview is None or self._preview[0] != key:
            self._preview = (key, self.interview.preview(self.draft, typing))
        return self._preview[1]

    def _refresh_findings(self, typing: str | None = None) -> None:
        panel = self.query_one(FindingsPanel)
        if typing is not None and typing.strip():
            assessment = self._preview_of(typing)
            if assessment is not None:
                panel.show_assessment(assessment, "checking as you type")
                return
        view = self.view
        if view.assessment is None or view.kind not in {"parts", "review", "edit", "fill"}:
            panel.show_assessment(None)
            return
        panel.show_assessment(view.assessment, f"part {view.current_number:,}")

    def letter_text(self) -> str:
        """The plain-text letter for the current draft."""
        return self.app.letter_text(self.draft)

    def _refresh_letter(self, typing: str | None = None) -> None:
        draft = self.draft
        target = self._typing_target(typing)
        if target is None and not (draft.agency or draft.topic or draft.parts):
            # Nothing to show yet: skip loading the renderer and clause library, which keeps
            # the first frame fast.
            self.query_one("#letter").show("")
            return
        if target is not None and typing is not None:
            # Each keystroke splices the words into a letter rendered once for this state of
            # the draft (a big draft is not re-rendered per key); a full render follows
            # when typing pauses, so the pane always ends up exactly what will be sent.
            gapped = self._letter_with_gap(target)
            if gapped is not None:
                self.query_one("#letter").show(gapped.replace(GAP, typing.strip()))
                self._exact_letter_soon()
                return
        self.query_one("#letter").show(self.app.letter_text(self._draft_with(target,
                                                                              typing)))

    def _draft_with(self, target: tuple[str, Part | None] | None, typing: str | None) -> Draft:
        """The draft as it would be with the words being typed in place."""
        if target is None or typing is None:
            return self.draft
        draft = self.draft.copy()
        if target[0] == "edit" and target[1] is not None:
            index = self.draft.parts.index(target[1])
            draft.parts[index] = Part(text=typing.strip(), period=target[1].period,
                                      id=target[1].id, period_from=target[1].period_from)
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
        typing = self._box().text
        target = self._typing_target(typing)
        self.query_one("#letter").show(self.app.letter_text(self._draft_with(target, typing)))

    def on_unmount(self) -> None:
        self.save_now()
