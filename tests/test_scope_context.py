"""What a part is judged against (`scope.Context`): the recipient, a period given for the part
alone, the number of parts; and the chat rating a part the way `oiadraft check` does."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from oiadraft import scope
from oiadraft.commands.check import check_text
from oiadraft.interview import Interview
from oiadraft.letter.render import render_markdown, render_text
from oiadraft.letter.splitter import split_request
from oiadraft.model import Draft, Part, Period

DATA = Path(__file__).parent / "data"
TODAY = date(2024, 9, 13)
MFAT = "Ministry of Foreign Affairs and Trade"


def praised(text: str, agency: str | None) -> list[str]:
    found = scope.assess(text, scope.Context(today=TODAY, agency=agency))
    return [f.quote for f in found.findings if f.rule == "named-party"]


def test_the_recipient_is_never_the_other_party():
    text = (f"Emails between the {MFAT} and the British High Commission about cluster "
            "munitions from 1 March 2024 to 31 May 2024.")
    both = f"between the {MFAT} and the British High Commission"
    assert praised(text, MFAT) == [both]
    # with no recipient to tell the sides apart (`oiadraft check`), both sides are quoted
    assert praised(text, None) == [both]
    assert praised("Emails with the British High Commission in 2023.", None) == [
        "with the British High Commission"]
    # a word or three between a side and its "and" ("New Zealand based MFAT officials and")
    based = ("The dates of meetings between New Zealand based MFAT officials and British High "
             "Commission representatives in 2023")
    assert praised(based, None) == [
        "between New Zealand based MFAT officials and British High Commission representatives"]
    assert praised(text, "MFAT") == praised(text, MFAT)  # an acronym from the directory
    alone = "Emails between MFAT and the Ministry of Foreign Affairs and Trade about X in 2023."
    assert praised(alone, MFAT) == []
    # the governments named after the recipient's own officials are the other party
    refined = ("Communications between Ministry of Foreign Affairs and Trade (MFAT) officials "
               "and the governments of Russia and Ukraine relating to the Convention in 2023")
    assert praised(refined, MFAT) == [
        "between Ministry of Foreign Affairs and Trade (MFAT) officials and the governments of "
        "Russia and Ukraine"]


def test_a_period_given_for_the_part_alone_is_the_parts_own():
    text = "All emails from council staff about the stadium."
    own = Period(date(2019, 1, 1), date(2023, 12, 31))
    whole = Period(date(2024, 1, 1), date(2024, 3, 31))
    found = scope.assess(text, scope.Context(today=TODAY, request_period=whole, part_period=own))
    assert found.period == own and found.period_source == "part"
    long = next(f for f in found.findings if f.rule == "long-period")
    assert "the period set for this part" in long.message
    assert "whole request" not in long.message
    # words in the part that state a period come first
    stated = scope.assess(text[:-1] + " from 1 May 2024 to 31 May 2024.",
                          scope.Context(today=TODAY, part_period=own))
    assert stated.period == Period(date(2024, 5, 1), date(2024, 5, 31))


def seed_texts() -> list[str]:
    seed = (DATA / "seed_request.txt").read_text(encoding="utf-8")
    return [p.text for p in split_request(seed, today=TODAY).parts]


def test_the_chat_rates_every_seed_part_as_check_rates_the_letter():
    texts = seed_texts()
    parts = [Part(text=text) for text in texts]
    # a period the user gave for part 1 alone, and one for the request
    parts[0].period = Period(date(2023, 1, 1), date(2023, 12, 31))
    draft = Draft(agency=MFAT, agency_id="mfat", act="oia", parts=parts,
                  period=Period(date(2020, 10, 1), date(2024, 9, 13)))
    interview = Interview(today=TODAY)
    checked = check_text(render_text(draft, today=TODAY), today=TODAY)["assessment"]
    assert len(checked.parts) == len(parts) == 13
    for number, (part, by_check) in enumerate(zip(parts, checked.parts, strict=True), 1):
        in_chat = interview.assess(draft, part)
        assert (in_chat.risk, in_chat.likelihood) == (by_check.risk, by_check.likelihood), number
        assert in_chat.signals == by_check.signals, number
        assert in_chat.period == by_check.period, number
    first = interview.assess(draft, parts[0])
    assert first.period_source == "part"
    assert all("whole request" not in f.message for f in first.findings)


def test_a_part_being_written_counts_as_one_more_part():
    draft = Draft(agency=MFAT, act="oia", parts=[Part(text=t) for t in seed_texts()[:4]])
    interview = Interview(today=TODAY)
    assert interview.context(draft, draft.parts[1]).parts == 4
    assert interview.context(draft, Part(text="Cabinet papers about the Convention")).parts == 5


def unnamed(assessment) -> bool:
    return "no-subject" in assessment.signals


def test_the_subject_of_the_whole_request_is_each_parts_subject():
    """A part that names no subject is read as about the request's subject (the letter's
    subject line or opening, the chat's topic), and the chat and `check` agree on it."""
    text = "All emails between the Mayor and the Chamber of Commerce in March 2024."
    bare = scope.assess(text, scope.Context(today=TODAY))
    about = scope.assess(text, scope.Context(today=TODAY, subject="the Smith Street bus lanes"))
    assert unnamed(bare) and not unnamed(about)
    assert about.likelihood < bare.likelihood
    assert not any(f.rule == "no-subject" for f in about.findings)
    # the chat's topic is the letter's subject line, which `check` reads back
    parts = [Part(text=text), Part(text="Cabinet papers about the bus lanes from 2023.")]
    draft = Draft(agency="Auckland Transport", act="lgoima", parts=parts,
                  topic="the Smith Street bus lanes")
    interview = Interview(today=TODAY)
    report = check_text(render_text(draft, today=TODAY), today=TODAY)
    assert report["subject"] == "the Smith Street bus lanes"
    for part, by_check in zip(parts, report["assessment"].parts, strict=True):
        in_chat = interview.assess(draft, part)
        assert (in_chat.risk, in_chat.likelihood) == (by_check.risk, by_check.likelihood)
        assert in_chat.signals == by_check.signals
    assert not unnamed(interview.assess(draft, parts[0]))
    draft.topic = ""
    assert unnamed(interview.assess(draft, parts[0]))


LONG_TOPIC = ("Why the council decided to remove two hundred car parks from The Parade in Island "
              "Bay in 2023 without consulting the businesses there, and what its officers advised "
              "beforehand")


@pytest.mark.parametrize("topic,read", [
    ("the Smith Street bus lanes", True),
    (LONG_TOPIC, True),  # one long sentence is still the subject line
    ("Dog_control *bylaw* #2", True),  # Markdown's special characters, escaped in .md
    ("Official information request", False),  # names no subject, in the chat as in check
    ("Information", False),
    ("the following matters", False),
])
@pytest.mark.parametrize("render", [render_text, render_markdown])
def test_the_chat_and_check_agree_on_the_subject_whatever_the_topic(topic, read, render):
    """The chat rates a part against its topic as `check` does against the exported letter's
    subject line (text or Markdown): a topic that names nothing is no subject in either."""
    parts = [Part(text="All emails sent by staff."),
             Part(text="any correspondence with the residents' association")]
    draft = Draft(agency="Auckland Transport", act="lgoima", parts=parts, topic=topic)
    report = check_text(render(draft, today=TODAY), today=TODAY)
    assert bool(report["subject"]) is read
    interview = Interview(today=TODAY)
    for part, by_check in zip(parts, report["assessment"].parts, strict=True):
        in_chat = interview.assess(draft, part)
        assert in_chat.signals == by_check.signals
        assert (in_chat.risk, in_chat.likelihood) == (by_check.risk, by_check.likelihood)
