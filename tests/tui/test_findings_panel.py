"""The findings panel under the input: a low part's tips cite no refusal ground."""

from __future__ import annotations

from datetime import date

from oiadraft import scope
from oiadraft.tui.widgets.findings import findings_text

COUNCIL = scope.Context(act="lgoima", today=date(2026, 12, 2))


def test_a_low_parts_tips_cite_no_section_and_offer_no_keep():
    low = scope.assess("The minutes of the Finance Committee meetings.", COUNCIL)
    assert low.risk == "low" and low.findings
    shown = findings_text(low, "part 1", key_hint=True).plain
    assert "No time frame" in shown
    assert "s17(f)" not in shown and "F3" not in shown


def test_a_warned_part_cites_the_ground_and_offers_keep():
    high = scope.assess("All emails and text messages sent or received by any council staff "
                        "mentioning the library since 2015.", COUNCIL)
    assert high.risk == "high"
    shown = findings_text(high, "part 1", key_hint=True).plain
    assert "s17(f)" in shown and "F3 keeps it as it is" in shown
