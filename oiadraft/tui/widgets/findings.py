"""The warnings for the part being written, shown under the input."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.widgets import Static

RISK_LABELS = {"low": " LOW RISK ", "medium": " MEDIUM RISK ", "high": " HIGH RISK "}


def findings_text(assessment: Any, title: str, section_label: str = "") -> Text:
    """Plain Text (never markup) describing one assessment."""
    text = Text()
    risk = assessment.risk
    style = {"low": "bold black on green", "medium": "bold black on yellow",
             "high": "bold white on red"}[risk]
    text.append(RISK_LABELS[risk], style=style)
    text.append(f" {title}")
    shown = [f for f in assessment.findings if f.severity != "info" or f.suggestion]
    if not shown:
        text.append("\nNo warnings: specific enough for an agency to find.", style="dim")
        return text
    for index, finding in enumerate(shown, 1):
        text.append(f"\n{index}. ")
        if finding.section:
            text.append(f"[s{finding.section}] ", style="bold")
        text.append(finding.message)
        if finding.suggestion:
            text.append("\n   Try: ", style="bold")
            text.append(finding.suggestion)
    return text


class FindingsPanel(Static):
    """Risk and findings of the current part (or of the text being typed)."""

    def show_assessment(self, assessment: Any | None, title: str = "") -> None:
        if assessment is None:
            self.update("")
            self.display = False
            return
        self.display = True
        self.update(findings_text(assessment, title))
