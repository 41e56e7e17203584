"""A change that is not to a part (the period, the agency, the topic, another part deleted or
added) can move the rating of parts already written: the assistant says so in one line naming
those parts and their new rating, and says nothing when no rating moves.

Which parts a change moves depends on the fitted weights, which a refit changes; so the tests
rate parts by a rule of their own (`RULE`, put in the analyser's place), and one test checks
the line against the real analyser whatever it says."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from oiadraft.interview import Interview, engine
from oiadraft.model import Draft

TODAY = date(2024, 9, 13)
BRIEFINGS = "Briefings to the Minister"
EMAILS = "All emails about the proposal"
ADVICE = "Advice to the Minister"
MINUTES = "Minutes of meetings"


def rule(text: str, context) -> str:
    """The risk the tests give each part: briefings are high over a period starting before
    2000 (or none), emails high under the OIA, advice high in a request of exactly two parts,
    the rest low."""
    if text == BRIEFINGS:
        period = context.request_period
        return "high" if period is None or period.start.year < 2000 else "low"
    if text == EMAILS:
        return "high" if context.act == "oia" else "low"
    if text == ADVICE:
        return "high" if context.parts == 2 else "low"
    return "low"


@pytest.fixture
def interview(monkeypatch) -> Interview:
    real = engine._assess

    def ruled(text, context, acknowledged):
        return replace(real(text, context, acknowledged), risk=rule(text, context))

    monkeypatch.setattr(engine, "_assess", ruled)
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
    draft = with_parts(interview, BRIEFINGS, MINUTES, BRIEFINGS)
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
    draft = with_parts(interview, EMAILS, MINUTES)
    assert statuses(interview, draft) == ["high", "low"]
    interview.respond(draft, "change agency")
    reply = interview.respond(draft, "Wellington City Council")
    assert draft.act == "lgoima" and statuses(interview, draft) == ["low", "low"]
    (line,) = moved_lines(reply)
    assert "part 1" in line and "low risk" in line and "part 2" not in line


def test_parts_moved_both_ways_are_named_in_one_line(interview):
    draft = with_parts(interview, EMAILS, BRIEFINGS)
    interview.respond(draft, "change agency")
    interview.respond(draft, "Wellington City Council")
    interview.respond(draft, "change period")
    interview.respond(draft, "since 1990")
    interview.respond(draft, "")
    assert statuses(interview, draft) == ["low", "high"]
    interview.respond(draft, "undo")  # the period: part 2 back to low
    reply = interview.respond(draft, "undo")  # the agency: part 1 back to high
    assert statuses(interview, draft) == ["high", "low"]
    (line,) = moved_lines(reply)
    assert "part 1 to **high risk**" in line and "part 2" not in line


def test_deleting_a_part_says_which_others_it_re_rates(interview):
    draft = with_parts(interview, ADVICE, MINUTES, MINUTES)
    assert statuses(interview, draft) == ["low", "low", "low"]
    reply = interview.respond(draft, "delete part 3")
    assert statuses(interview, draft) == ["high", "low"]
    (line,) = moved_lines(reply)
    assert "part 1" in line and "high risk" in line and "part 2" not in line


def test_adding_a_part_says_which_others_it_re_rates_before_asking_for_the_next(interview):
    draft = with_parts(interview, ADVICE, MINUTES)
    assert statuses(interview, draft) == ["high", "low"]
    reply = interview.respond(draft, MINUTES)
    assert statuses(interview, draft) == ["low", "low", "low"]
    (line,) = moved_lines(reply)
    assert "part 1" in line and "low risk" in line and "part 3" not in line
    assert "rating" not in reply.messages[-1].text, "the last message asks for the next"


def test_a_change_that_moves_no_rating_says_nothing_about_ratings(interview):
    draft = with_parts(interview, BRIEFINGS, MINUTES)
    interview.respond(draft, "change topic")
    reply = interview.respond(draft, "New Zealand's obligations under the cluster convention")
    assert statuses(interview, draft) == ["low", "low"]
    assert moved_lines(reply) == []


def test_undo_of_such_a_change_says_the_ratings_move_back(interview):
    draft = with_parts(interview, BRIEFINGS, MINUTES)
    for answer in ("change period", "since 1990", ""):
        interview.respond(draft, answer)
    reply = interview.respond(draft, "undo")
    assert statuses(interview, draft) == ["low", "low"]
    (line,) = moved_lines(reply)
    assert "part 1" in line and "low risk" in line


def test_with_the_real_analyser_the_line_names_exactly_the_parts_whose_rating_moved():
    """Whatever the fitted weights: a period of decades instead of one year, and back."""
    interview = Interview(today=TODAY)
    texts = ["Briefings to the Minister", "All emails about the proposal", "Minutes of meetings",
             "The number of complaints received"]
    draft = with_parts(interview, *texts)
    for answers in (("change period", "since 1950", ""), ("undo",)):
        before = statuses(interview, draft)
        reply = None
        for answer in answers:
            reply = interview.respond(draft, answer)
        after = statuses(interview, draft)
        moved = [at for at, (old, new) in enumerate(zip(before, after, strict=True), 1)
                 if old != new and "kept" not in (old, new)]
        lines = moved_lines(reply)
        if not moved:
            assert lines == []
            continue
        (line,) = lines
        for at in moved:
            assert f"{at}" in line
        for at in set(range(1, len(texts) + 1)) - set(moved):
            assert f"part {at} " not in line and f"part {at}." not in line
