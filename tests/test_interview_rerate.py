"""A change that is not to a part (the period, the agency, the topic, another part deleted or
added) can move the rating of parts already written: the assistant says so in one line naming
those parts and their new rating, and says nothing when no rating moves."""

from __future__ import annotations

from datetime import date

import pytest

from oiadraft.interview import Interview
from oiadraft.model import Draft

TODAY = date(2024, 9, 13)
MINUTES = "Minutes of meetings"
BRIEFINGS = "Briefings to the Minister"
EMAILS = "All emails about the proposal"
ADVICE = ("The dates on which, since October 2020, advice has been provided to the Ministers "
          "of Disarmament and Arms Control and Foreign Affairs that relate to the Convention "
          "on Cluster Munitions")
DEFENCE = "Copies of all correspondence with the Ministry of Defence"


@pytest.fixture
def interview() -> Interview:
    return Interview(today=TODAY)


def with_parts(interview: Interview, *parts: str) -> Draft:
    draft = Draft()
    for answer in ("mfat", "cluster munitions", "2023", "", *parts):
        interview.respond(draft, answer)
    assert [p.text for p in draft.parts] == list(parts)
    return draft


def moved_lines(reply) -> list[str]:
    return [line for m in reply.messages for line in m.text.splitlines()
            if "rating" in line.lower()]


def statuses(interview: Interview, draft: Draft) -> list[str]:
    return [interview.status(draft, part) for part in draft.parts]


def test_a_longer_period_says_which_parts_it_makes_high_risk(interview):
    draft = with_parts(interview, BRIEFINGS, DEFENCE, MINUTES)
    assert statuses(interview, draft) == ["low", "low", "low"]
    interview.respond(draft, "change period")
    interview.respond(draft, "since 1990")
    reply = interview.respond(draft, "")  # yes, that period
    assert statuses(interview, draft) == ["high", "low", "high"]
    lines = moved_lines(reply)
    assert len(lines) == 1, reply.messages
    assert "parts 1 and 3" in lines[0] and "high risk" in lines[0]
    assert "part 2" not in lines[0], "part 2 kept its rating"


def test_a_council_agency_says_which_parts_it_makes_low_risk(interview):
    draft = with_parts(interview, EMAILS, DEFENCE)
    assert statuses(interview, draft) == ["high", "low"]
    reply = interview.respond(draft, "change agency")
    reply = interview.respond(draft, "Wellington City Council")
    assert draft.act == "lgoima" and statuses(interview, draft) == ["low", "low"]
    (line,) = moved_lines(reply)
    assert "part 1" in line and "low risk" in line and "part 2" not in line


def test_deleting_a_part_says_which_others_it_re_rates(interview):
    draft = with_parts(interview, ADVICE, DEFENCE, MINUTES)
    assert statuses(interview, draft) == ["low", "low", "low"]
    reply = interview.respond(draft, "delete part 3")
    assert statuses(interview, draft) == ["high", "low"]
    (line,) = moved_lines(reply)
    assert "part 1" in line and "high risk" in line and "part 2" not in line


def test_a_change_that_moves_no_rating_says_nothing_about_ratings(interview):
    draft = with_parts(interview, BRIEFINGS, DEFENCE)
    before = statuses(interview, draft)
    interview.respond(draft, "change topic")
    reply = interview.respond(draft, "New Zealand's obligations under the cluster convention")
    assert statuses(interview, draft) == before
    assert moved_lines(reply) == []


def test_undo_of_such_a_change_says_the_ratings_move_back(interview):
    draft = with_parts(interview, BRIEFINGS, DEFENCE)
    for answer in ("change period", "since 1990", ""):
        interview.respond(draft, answer)
    reply = interview.respond(draft, "undo")
    assert statuses(interview, draft) == ["low", "low"]
    (line,) = moved_lines(reply)
    assert "part 1" in line and "low risk" in line


def test_adding_a_part_says_which_others_it_re_rates_before_asking_for_the_next(interview):
    draft = with_parts(interview, ADVICE, DEFENCE)
    assert statuses(interview, draft) == ["high", "low"]
    reply = interview.respond(draft, MINUTES)
    assert statuses(interview, draft) == ["low", "low", "low"]
    (line,) = moved_lines(reply)
    assert "part 1" in line and "low risk" in line and "part 3" not in line
    assert "rating" not in reply.messages[-1].text, "the last message asks for the next"
