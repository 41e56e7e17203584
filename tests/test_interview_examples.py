"""The examples the chat shows (the hint in the input box, the `help` text) fit the draft: a
council's request is shown council examples under LGOIMA, a Minister's the Minister's own."""

from __future__ import annotations

from datetime import date

import pytest

from oiadraft.errors import DataError
from oiadraft.interview import Interview, load_script
from oiadraft.model import Draft

CENTRAL = ("Minister", "Cabinet", "MFAT", "Ministry", "aide-memoire")


@pytest.fixture(scope="module")
def interview() -> Interview:
    return Interview(today=date(2024, 9, 13))


def views(interview: Interview, agency: str):
    """The view at the topic question, then at the first part's."""
    draft = Draft()
    topic = interview.respond(draft, agency).view
    assert topic.step_id == "topic"
    interview.respond(draft, "rates rebates")
    interview.respond(draft, "2023")
    parts = interview.respond(draft, "").view
    assert parts.step_id == "parts"
    return draft, topic, parts


def test_a_council_draft_is_shown_council_examples(interview):
    draft, *shown = views(interview, "Wellington City Council")
    assert draft.act == "lgoima"
    for view in shown:
        assert view.placeholder.startswith("e.g.")
        for word in CENTRAL:
            assert word.lower() not in view.placeholder.lower(), (view.step_id, word)
            assert word.lower() not in view.help.lower(), (view.step_id, word)
    assert "committee" in shown[1].placeholder.lower()


def test_a_minister_s_draft_is_not_shown_another_minister(interview):
    draft, _topic, parts = views(interview, "the Minister of Health")
    assert draft.agency_kind == "minister"
    assert "Foreign Affairs" not in parts.placeholder
    assert "the Minister" in parts.placeholder


def test_an_agency_s_draft_keeps_the_central_government_examples(interview):
    draft, topic, parts = views(interview, "mfat")
    assert draft.act == "oia"
    assert "Minister" in parts.placeholder and "Ministers" in topic.placeholder


@pytest.mark.parametrize("variant", [
    "{when: {colour: red}, placeholder: x}",       # a fact the interview does not know
    "{when: {act: lgoima}, ask: x}",               # only examples vary, not the question
    "{placeholder: x}",                            # for which drafts?
    "{when: {act: lgoima}}",                       # and what to show them?
])
def test_a_bad_variant_is_refused_with_its_line(variant):
    script = ("steps:\n  - id: a\n    kind: text\n    sets: topic\n    ask: x\n"
              f"    variants:\n      - {variant}\n")
    with pytest.raises(DataError) as error:
        load_script(script, "prompts/test.yaml")
    assert "prompts/test.yaml:7" in str(error.value) and "variant" in str(error.value)


def _said(reply) -> str:
    return "\n".join(m.text for m in reply.messages)


def test_a_topic_naming_another_act_than_the_draft_s_is_pointed_out_once(interview):
    draft = Draft()
    interview.respond(draft, "Wellington City Council")
    reply = interview.respond(draft, "OIA request about rates rebates")
    said = _said(reply)
    assert "the OIA" in said and "LGOIMA" in said and "`change topic`" in said
    assert draft.topic == "OIA request about rates rebates", "the words are the requester's"
    assert "OIA request about" not in _said(interview.respond(draft, "2023"))
    # a topic that names the draft's own Act, or none, says nothing about Acts
    for topic in ("LGOIMA request about rates rebates", "rates rebates"):
        other = Draft()
        interview.respond(other, "Wellington City Council")
        assert "change topic" not in _said(interview.respond(other, topic)), topic


def test_changing_to_a_council_after_an_oia_topic_points_it_out(interview):
    draft = Draft()
    for answer in ("mfat", "OIA request about cluster munitions", "2023", ""):
        assert "change topic" not in _said(interview.respond(draft, answer))
    interview.respond(draft, "change agency")
    reply = interview.respond(draft, "Wellington City Council")
    assert draft.act == "lgoima" and "`change topic`" in _said(reply)
