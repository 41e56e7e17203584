"""The warnings for the part being written, shown under the input.

Compact by design: the words that triggered each warning and the suggested rewording ("→",
which F2 puts into the part) or advice ("advice:", which has no wording to put in). The full
explanation is in the transcript (and in `oiadraft check`).
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.widgets import Static

from oiadraft.interview.show import visible_findings

RISK_BADGES = {
    "low": (" LOW RISK ", "bold black on green"),
    "medium": (" MEDIUM RISK ", "bold black on yellow"),
    "high": (" HIGH RISK ", "bold white on red"),
}


def _first_sentence(message: str) -> str:
    head, dot, _ = message.partition(". ")
    return head + ("." if dot else "")


def findings_text(assessment: Any, title: str, key_hint: bool = False) -> Text:
    """Plain Text (never markup): risk badge, then one entry per finding. `key_hint` adds the
    F2/F3 reminder (only where those keys work: the chat)."""
    label, style = RISK_BADGES[assessment.risk]
    text = Text()
    text.append(label, style=style)
    text.append(f" {title}")
    shown = visible_findings(assessment)
    if not shown:
        text.append("  no warnings: specific enough for an agency to find", style="dim")
        return text
    warned = any(f.warns for f in shown)
    if key_hint and any(f.replacement is not None for f in shown):
        keep = " · F3 keeps it as it is" if warned else ""
        text.append(f"  F2 accepts the first fix{keep}", style="dim")
    for index, finding in enumerate(shown, 1):
        text.append(f"\n{index}. ")
        if finding.section and finding.warns:
            # a tip on a low part cites no refusal ground: it is advice, not a warning
            text.append(f"s{finding.section} ", style="bold")
        if finding.quote.strip():
            text.append(f"“{finding.quote}”", style="bold italic")
        else:
            text.append(_first_sentence(finding.message), style="italic")
        if finding.suggestion and finding.replacement is not None:
            text.append(" → ", style="dim")  # a rewording: F2 puts it into the part
            text.append(finding.suggestion)
        elif finding.suggestion:
            text.append(" · advice: ", style="dim")  # to follow in the requester's own words
            text.append(finding.suggestion)
    return text


class FindingsPanel(Static):
    """Risk and findings of the current part (or of the text being typed)."""

    _shown: Text | None = None

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.display = False  # nothing to show until there is a part: no empty line meanwhile

    def show_assessment(self, assessment: Any | None, title: str = "") -> None:
        if assessment is None:
            self._shown = None
            self.update("")
            self.display = False
            return
        self.display = True
        text = findings_text(assessment, title, key_hint=True)
        # Most keystrokes leave the findings as they were; updating a Static re-lays out the
        # whole screen, so only update when something changed.
        if self._shown is not None and text == self._shown:
            return
        self._shown = text
        self.update(text)
