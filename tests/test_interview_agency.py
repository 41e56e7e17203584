"""Who the request goes to: a doubtful match is asked about, never taken silently."""

from __future__ import annotations

from datetime import date

import pytest

from oiadraft.interview import Interview
from oiadraft.mdtext import to_text
from oiadraft.model import Draft

TODAY = date(2024, 9, 13)


@pytest.fixture(scope="module")
def interview() -> Interview:
    return Interview(today=TODAY)


def test_a_doubtful_match_asks_did_you_mean_or_write_as_typed(interview):
    draft = Draft()
    reply = interview.respond(draft, "Otaki Community Trust")
    assert draft.agency == "", "nothing is chosen for the requester"
    assert reply.view.pending == "agency_pick"
    shown = to_text(reply.view.question)
    assert shown.startswith("Did you mean Kāpiti Coast District Council, or write to "
                            "“Otaki Community Trust” as you typed it?")
    assert [c.label for c in reply.view.choices][-1] == "as typed"
    reply = interview.respond(draft, "2")
    assert draft.agency == "Otaki Community Trust" and draft.agency_id is None
    assert draft.agency_kind == "organisation"
    assert reply.view.step_id == "act", "the Act of a body typed by name is asked"


def test_saying_yes_to_the_guess_takes_it(interview):
    draft = Draft()
    interview.respond(draft, "Otaki College")
    interview.respond(draft, "yes")
    assert draft.agency_id == "kapiti-coast-dc" and draft.act == "lgoima"


def test_another_name_instead_of_a_number_starts_again(interview):
    draft = Draft()
    interview.respond(draft, "Otaki Community Trust")
    reply = interview.respond(draft, "mfat")
    assert draft.agency == "Ministry of Foreign Affairs and Trade"
    assert reply.view.step_id == "topic"


def test_a_minister_is_recorded_as_a_minister(interview):
    draft = Draft()
    reply = interview.respond(draft, "the Minister of Health")
    assert draft.agency_kind == "minister"
    assert "address the letter to the Minister by title" in " ".join(
        m.text for m in reply.messages).replace("\n", " ")


def test_a_minister_typed_by_name_is_a_minister(interview):
    draft = Draft()
    interview.respond(draft, "use Minister for Space Exploration")
    assert draft.agency_kind == "minister" and draft.agency_id is None


def test_a_name_with_markdown_characters_never_shows_a_backslash(interview):
    draft = Draft()
    reply = interview.respond(draft, "Zzyzx Holdings Ltd. (NZ)")
    texts = [to_text(m.text) for m in reply.messages] + [to_text(reply.view.question)]
    assert any("“Zzyzx Holdings Ltd. (NZ)”" in t for t in texts)
    assert not any("\\" in t for t in texts)
    interview.respond(draft, str(len(reply.view.choices)))
    assert draft.agency == "Zzyzx Holdings Ltd. (NZ)", "stored exactly as typed"
    act = interview.view(draft)
    assert "\\" not in to_text(act.question) and "Zzyzx Holdings Ltd. (NZ)" in to_text(act.question)
