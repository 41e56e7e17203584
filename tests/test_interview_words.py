"""Every chat message reads as English, in every state, and shows the requester's words as
typed: no Markdown escape ever reaches the screen."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pytest

from oiadraft.interview import Interview, builtin_script
from oiadraft.interview.words import number, parts_phrase, period_phrase, reading
from oiadraft.mdtext import to_text
from oiadraft.model import Draft, Part, Period

TODAY = date(2024, 9, 13)


@pytest.fixture
def interview() -> Interview:
    return Interview(today=TODAY)


@dataclass
class Found:
    """Stands in for an assessment: only what `reading` looks at."""

    features: dict[str, Any] = field(default_factory=dict)
    period: Period | None = None
    period_source: str = "none"


MESSAGES = builtin_script().messages


@pytest.mark.parametrize(("found", "expected"), [
    (Found(), "having **no time frame**"),
    (Found({"record_types": ["emails"]}), "asking for **emails**, with **no time frame**"),
    (Found({"topic": "the Convention"}),
     "being about **the Convention**, with **no time frame**"),
    (Found({"record_types": ["emails", "briefings", "minutes"], "parties": ["MFAT"],
            "topic": "the Convention"}, Period(date(2020, 10, 1), None, until_request=True),
           "part"),
     "asking for **emails**, **briefings** and **minutes**, involving **MFAT**, about **the "
     "Convention**, covering **the period from 1 October 2020 to the date of this request**"),
    (Found({}, Period(date(2023, 1, 1), date(2023, 12, 31)), "request"),
     "covering **the period from 1 January 2023 to 31 December 2023** (the period for the "
     "whole request)"),
])
def test_the_reading_of_a_part_is_a_sentence(found, expected):
    assert reading(found, MESSAGES, "oia") == expected
    sentence = MESSAGES["part_extract"].replace("{number}", "16").replace("{extract}", expected)
    assert sentence.startswith("I read part 16 as ")
    assert " as with " not in sentence and " as about " not in sentence


@pytest.mark.parametrize(("period", "words"), [
    (Period(date(2020, 10, 1), None, until_request=True),
     "the period from 1 October 2020 to the date of this request"),
    (Period(date(2020, 10, 1), date(2024, 9, 13)),
     "the period from 1 October 2020 to 13 September 2024"),
    (Period(date(2020, 10, 1), None), "the period from 1 October 2020, with no end date"),
    (Period(None, date(2024, 9, 13)), "the period up to 13 September 2024"),
    (Period(date(2023, 5, 2), date(2023, 5, 2)), "2 May 2023"),
])
def test_periods_are_the_object_of_covers(period, words):
    assert period_phrase(period) == words
    assert "covers since" not in f"covers {period_phrase(period)}"


def test_the_period_is_read_back_as_english(interview):
    draft = Draft()
    for answer in ("mfat", "cluster munitions"):
        interview.respond(draft, answer)
    reply = interview.respond(draft, "since 1 October 2020 to the date of this request")
    shown = to_text(reply.view.question)
    assert shown.startswith("So the request covers the period from 1 October 2020 to the "
                            "date of this request (")


def test_numbers_from_a_thousand_are_written_as_people_read_them():
    assert number(1000) == "1,000" and number(999) == "999"
    assert parts_phrase([1000]) == "part 1,000"
    assert parts_phrase([1, 3, 1000]) == "parts 1, 3 and 1,000"


def test_a_thousand_parts_are_counted_and_reachable(interview):
    draft = Draft(agency="Ministry of Foreign Affairs and Trade", agency_id="mfat",
                  period=Period(date(2023, 1, 1), date(2023, 12, 31)),
                  parts=[Part(text=f"Briefings to the Minister about topic {n}")
                         for n in range(1, 1001)],
                  conversation={"version": 1, "answered": ["agency", "topic", "period"]})
    reply = interview.respond(draft, "edit part 1,000")
    assert reply.view.current_number == 1000
    assert reply.view.prefill == "Briefings to the Minister about topic 1000"
    reply = interview.respond(draft, "delete part 1,001")
    assert "There is no part 1,001. Parts are numbered 1 to 1,000." in reply.messages[0].text


def test_keep_reads_kept_as_you_wrote_it_everywhere(interview):
    draft = Draft()
    for answer in ("mfat", "cluster munitions", "2023", "", BROADEST,
                   "Briefings to the Minister about the Convention"):
        interview.respond(draft, answer)
    reply = interview.respond(draft, "keep part 1")
    assert reply.view.status == "kept" and reply.view.current_number == 1
    assert "Part 1 is kept as you wrote it" in reply.messages[0].text
    reply = interview.respond(draft, "done")
    said = to_text(reply.messages[0].text)
    assert "Part 1 is kept as you wrote it; it may be refused under s18(f)." in said
    assert "still high risk" not in said and "part N" not in said
    for answer in ("", "", "", "no", "Aroha Smith"):
        reply = interview.respond(draft, answer)
    assert "Part 1: kept as you wrote it" in to_text(reply.view.question)


# broad enough to stay high whatever the fitted weights come to
BROADEST = ("All emails, texts and any other communications any MFAT official has had with "
            "anyone that mention the Convention")


def test_high_risk_parts_are_named_plainly_at_done(interview):
    draft = Draft()
    for answer in ("mfat", "cluster munitions", "2023", "", BROADEST,
                   "Briefings to the Minister about the Convention", BROADEST + " again"):
        interview.respond(draft, answer)
    said = to_text(interview.respond(draft, "done").messages[0].text)
    assert "Parts 1 and 3 are still high risk" in said and "part N" not in said


def test_a_paste_is_echoed_once_as_a_summary(interview):
    draft = Draft()
    for answer in ("mfat", "cluster munitions", "2023", ""):
        interview.respond(draft, answer)
    pasted = ("1. Briefings to the Minister about the Convention.\n"
              "2. Minutes of the Disarmament team's meetings about the Convention.\n")
    reply = interview.respond(draft, pasted)
    assert [m.kind for m in reply.messages].count("summary") == 1
    assert reply.messages[0].kind == "summary"
    assert to_text(reply.messages[0].text) == \
        f"Pasted a request of {len(pasted)} characters: 2 parts."
    said = "\n".join(to_text(m.text) for m in reply.messages[1:])
    assert said.count("Briefings to the Minister about the Convention.") == 1
    assert said.count("Describe your next part") == 1


def test_the_recipient_is_not_praised_as_the_other_party(interview):
    draft = Draft()
    interview.respond(draft, "mfat")

    def praised(text: str) -> list[str]:
        return [f.quote for f in interview.assess(draft, Part(text=text)).findings
                if f.rule == "named-party"]

    # the recipient is one side: the praise goes to the other side, never to the recipient
    assert praised("Emails between the Ministry of Foreign Affairs and Trade and the UK "
                   "Embassy about cluster munitions in 2023") == [
        "between the Ministry of Foreign Affairs and Trade and the UK Embassy"]
    assert praised("Emails between MFAT and the Ministry of Foreign Affairs and Trade about "
                   "cluster munitions in 2023") == []
    assert praised("Emails from MFAT about cluster munitions in 2023") == []
    assert praised("Emails from the Ministry of Defence about cluster munitions in "
                   "2023") == ["from the Ministry of Defence"]


HOSTILE = ["Zzyzx Holdings Ltd. (NZ)", "the *Fund* [draft] <b>#1</b> & co_op", "1. Stuff | x"]


def test_no_markdown_escape_ever_shows(interview):
    draft = Draft()
    shown: list[str] = []

    def run(answer: str) -> None:
        reply = interview.respond(draft, answer)
        shown.extend(to_text(m.text) for m in reply.messages)
        shown.append(to_text(reply.view.question))

    run(HOSTILE[0])
    run("2")  # write to it as typed
    run("1")  # the OIA
    run(HOSTILE[1])
    run("2023")
    run("")
    run(f"Briefings about {HOSTILE[1]} and {HOSTILE[2]}")
    run("edit part 1")
    run("Briefings about (the) Fund.")
    run("done")
    for answer in ("", "", "", "no", HOSTILE[0]):
        run(answer)
    assert not [text for text in shown if "\\" in text]
    joined = "\n".join(shown)
    assert "Zzyzx Holdings Ltd. (NZ)" in joined
    assert "I'll sign it Zzyzx Holdings Ltd. (NZ)." in joined


def test_a_council_reads_as_two_sentences(interview):
    reply = interview.respond(Draft(), "wellington city council")
    said = to_text(reply.messages[0].text)
    assert "Meetings Act 1987. Its deadlines also skip the Wellington anniversary day" in said


def test_a_period_problem_is_one_sentence_with_a_capital(interview):
    draft = Draft()
    for answer in ("mfat", "cluster munitions"):
        interview.respond(draft, answer)
    reply = interview.respond(draft, "whenever")
    said = to_text(reply.messages[0].text)
    assert said.startswith("Cannot read 'whenever' as a period") and said.count("like") == 1


def test_a_period_given_for_one_part_is_not_called_the_whole_requests(interview):
    draft = Draft()
    for answer in ("mfat", "cluster munitions", "skip",
                   "Briefings to the Minister about the Convention"):
        interview.respond(draft, answer)
    reply = interview.respond(draft, "2023")
    said = to_text("\n".join(m.text for m in reply.messages))
    assert "covering the period from 1 January 2023 to 31 December 2023." in said
    assert "for the whole request" not in said.split("I read part 1")[1].split("\n")[0]


def test_ticks_are_reported_as_ticked(interview):
    draft = Draft()
    for answer in ("mfat", "cluster munitions", "2023", "", "Cabinet papers about it", "done"):
        interview.respond(draft, answer)
    reply = interview.respond(draft, "none")
    assert "None of these" in reply.messages[0].text
    reply = interview.respond(draft, "")
    assert reply.messages[0].text.startswith("Ticked: ")


@pytest.mark.parametrize(("parts", "expected"), [
    (["Cabinet papers about cluster munitions"], "That's 1 part. It is not high risk."),
    (["Cabinet papers about cluster munitions", "Briefings to the Minister of Foreign Affairs"],
     "That's 2 parts. None of them is high risk."),
])
def test_done_with_no_high_risk_part_counts_as_english(interview, parts, expected):
    draft = Draft()
    for answer in ["mfat", "Cluster munitions", "2023", "", *parts]:
        interview.respond(draft, answer)
    said = to_text(interview.respond(draft, "done").messages[0].text)
    assert said.strip() == expected
