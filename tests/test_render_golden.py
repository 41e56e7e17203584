"""Golden letters: an OIA request to MFAT and an LGOIMA request to a council, as text and Markdown.

The golden files were read by eye. To regenerate after a deliberate change, run
`OIADRAFT_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_render_golden.py` and read the diff.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from oiadraft.clauses import Library
from oiadraft.letter.render import default_clause_ids, render_markdown, render_text
from oiadraft.model import Draft, Part, Period, Requester

GOLDEN = Path(__file__).resolve().parent / "golden"
TODAY = date(2024, 9, 13)


def mfat_draft() -> Draft:
    """MFAT's refined version of OIA 29681 (the seed), plus a part with its own period."""
    library = Library.load()
    return Draft(
        id="mfat-golden",
        act="oia",
        agency="Ministry of Foreign Affairs and Trade",
        topic="New Zealand's obligations under the Convention on Cluster Munitions",
        period=Period(date(2020, 10, 1), date(2024, 9, 13)),
        parts=[
            Part("Communications between Ministry of Foreign Affairs and Trade (MFAT) officials "
                 "and the governments of Russia, Belarus, Iran, Ukraine and the United States "
                 "relating to New Zealand's obligations under Article 21(2) of the Convention on "
                 "Cluster Munitions;", id="p1"),
            Part("Legal advice produced by MFAT relating to New Zealand's obligations under "
                 "Article 21(2) of the Convention on Cluster Munitions;", id="p2"),
            Part("Formal advice to Ministers produced by MFAT relating to New Zealand's\n"
                 "obligations under the Convention on Cluster Munitions with regard to the\n"
                 "conflict in Ukraine;", id="p3"),
            Part("Formal meeting notes and correspondence between MFAT and the Ministry of "
                 "Defence that relate to New Zealand's obligations under the Convention on "
                 "Cluster Munitions with regard to the conflict in Ukraine;", id="p4"),
            Part("The dates of formal and planned meetings between New Zealand based MFAT "
                 "officials and British High Commission representatives to New Zealand where the "
                 "Convention on Cluster Munitions was a named agenda item.", id="p5"),
            Part("The titles and dates of Cabinet papers on the Convention on Cluster Munitions.",
                 period=Period(date(2023, 1, 1), date(2023, 6, 30)), id="p6"),
        ],
        clauses=[*default_clause_ids(library, "oia"), "priority-order"],
        priority=["p3"],
        requester=Requester(name="Alex Smith"),
    )


def council_draft() -> Draft:
    """A council request: urgent, with a part that states its own period, user text full of
    Markdown characters, a per-draft clause edit, and the extension-notice clause, which cites
    LGOIMA s14(3) and s14(4) (the LGOIMA has the OIA's duty to notify an extension)."""
    library = Library.load()
    return Draft(
        id="council-golden",
        act="lgoima",
        agency="Wellington City Council",
        topic="Thorndon Quay cycleway *consultation* #2",
        period=Period(date(2023, 3, 1), None, until_request=True),
        parts=[
            Part("Reports to councillors about the Thorndon Quay cycleway consultation.", id="c1"),
            Part("The dates and titles of briefings to the Mayor about the project between March "
                 "and June 2023.", id="c2"),
            Part("Final versions of the [traffic modelling](https://example.org/model) report "
                 "#2 and its *appendices*, including:\n- appendix A_1\n- appendix `B`", id="c3"),
        ],
        clauses=["thanks", "extension-notice", *default_clause_ids(library, "lgoima"),
                 "native-data", "schedule-of-documents"],
        clause_edits={"thanks": "Thank you for your help, and for any advice on narrowing "
                                "**this** request."},
        urgent=True,
        urgency_reasons="The council decides on the project on 30 October 2024, and "
                        "submissions close on 18 October 2024.",
        requester=Requester(name="Sam Taylor", sign_off="Nāku noa, nā"),
    )


CASES = {
    "oia-mfat.txt": (mfat_draft, render_text),
    "oia-mfat.md": (mfat_draft, render_markdown),
    "lgoima-council.txt": (council_draft, render_text),
    "lgoima-council.md": (council_draft, render_markdown),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden_letter(name):
    make, render = CASES[name]
    output = render(make(), library=Library.load(), today=TODAY)
    path = GOLDEN / name
    if os.environ.get("OIADRAFT_UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(output, encoding="utf-8")
    assert output == path.read_text(encoding="utf-8")
