"""The conversation's typed state: saved in the draft with a version, read back exactly, and
anything malformed read as "nothing pending" without losing the draft's content."""

from __future__ import annotations

from datetime import date

import pytest

from oiadraft.interview import Interview
from oiadraft.interview import state as st
from oiadraft.model import Draft, Part, Period, draft_from_dict, draft_to_dict
from oiadraft.store import Store

TODAY = date(2024, 9, 13)

PENDING = [
    st.AgencyPick(query="Otaki Community Trust", candidates=("kapiti-coast-dc",)),
    st.PeriodConfirm(period=Period(date(2020, 10, 1), None, until_request=True),
                     text="since October 2020"),
    st.PartPeriod(part="p1"),
    st.Fill(part="p1", rule="open-custodian", span=(4, 21), remaining=("unit or role",),
            fills=(("topic", "the Convention"),)),
    st.EditPart(part="p1"),
    st.Ticks(step="preferences", selected=("searchable-text",)),
    st.PriorityParts(step="process"),
]


@pytest.mark.parametrize("pending", PENDING, ids=lambda p: p.kind)
def test_every_follow_up_question_survives_its_saved_form(pending):
    state = st.Conversation(answered=("agency", "topic"), editing="period", current="p1",
                            pending=pending, closing_added=True)
    draft = Draft(parts=[Part(text="Briefings", id="p1")], conversation=state.to_dict())
    again = draft_from_dict(draft_to_dict(draft))
    assert st.load(again) == state
    assert again.conversation["version"] == st.STATE_VERSION


@pytest.mark.parametrize("stored", [
    "nonsense", ["a", "list"], {"answered": "topic"}, {"pending": {"kind": "edit_part"}},
    {"pending": {"kind": "fill", "part": "p1", "rule": "x", "span": [1], "remaining": []}},
    {"pending": {"kind": "martian"}}, {"pending": "edit"},
    {"pending": {"kind": "period_confirm", "period": {"start": "yesterday"}, "text": "x"}},
    {"answered": ["topic", 3, None], "editing": 7, "current": ["p1"]},
])
def test_malformed_state_is_nothing_pending_and_the_draft_loads(stored):
    data = draft_to_dict(Draft(topic="cluster munitions", parts=[Part(text="Briefings")]))
    data["conversation"] = stored
    draft = draft_from_dict(data)
    assert draft.topic == "cluster munitions" and draft.parts[0].text == "Briefings"
    state = st.load(draft)
    assert state.pending is None
    view = Interview(today=TODAY).view(draft)
    assert view.pending is None and view.question


def test_a_draft_from_before_the_typed_state_resumes_where_it_was():
    draft = Draft(agency="Ministry of Foreign Affairs and Trade", agency_id="mfat",
                  topic="cluster munitions", parts=[Part(text="Briefings about it in 2023")],
                  answers={"agency": "mfat", "topic": "cluster munitions", "period": None,
                           "_pending": {"kind": "edit_part", "part": "gone"},
                           "_current": "x"})
    state = st.load(draft)
    assert state.answered == ("agency", "topic", "period") and state.pending is None
    assert Interview(today=TODAY).view(draft).step_id == "parts"


def test_a_saved_draft_resumes_mid_question(isolated_home):
    interview = Interview(today=TODAY)
    draft = Draft()
    for answer in ("mfat", "cluster munitions", "since October 2020"):
        interview.respond(draft, answer)
    Store().save(draft)
    again = Store().load(draft.id)
    fresh = Interview(today=TODAY)
    reply = fresh.start(again)
    assert reply.messages[0].text.startswith("**Welcome back.** This is your request to "
                                             "Ministry of Foreign Affairs and Trade about "
                                             "cluster munitions, with no parts so far.")
    assert reply.view.kind == "confirm" and "right?" in reply.messages[-1].text
    fresh.respond(again, "yes")
    assert again.period == Period(date(2020, 10, 1), None)
    assert fresh.view(again).step_id == "parts"


def test_the_screen_never_needs_the_state(isolated_home):
    draft = Draft()
    reply = Interview(today=TODAY).respond(draft, "mfat")
    assert set(draft.conversation) >= {"version", "answered"}
    assert reply.view.step_id == "topic" and reply.changed


def test_a_follow_up_saved_by_another_version_is_not_guessed_at():
    stored = st.Conversation(answered=("agency",), pending=st.EditPart(part="p1")).to_dict()
    stored["version"] = st.STATE_VERSION + 1
    state = st.Conversation.from_dict(stored)
    assert state.pending is None and state.answered == ("agency",)
