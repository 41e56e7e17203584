"""What the checker says about parts worded as real requests word them: the words it quotes,
its findings read together, its reading of a question and of a document's quoted title."""

from __future__ import annotations

from datetime import date

from oiadraft import scope

TODAY = date(2024, 9, 13)


def context(agency: str | None = None, act: str = "oia", parts: int = 3) -> scope.Context:
    return scope.Context(act=act, today=TODAY, agency=agency, parts=parts)


def praised(text: str, agency: str | None = None) -> list[str]:
    return [f.quote for f in scope.assess(text, context(agency)).findings
            if f.rule == "named-party"]


def test_the_praise_quotes_each_named_side_whole_as_written():
    assert praised("All emails between High Commissioner to the Solomon Islands Georgina "
                   "Roberts and MFAT staff in New Zealand", "Ministry of Foreign Affairs and "
                   "Trade") == ["between High Commissioner to the Solomon Islands Georgina "
                                "Roberts and MFAT staff in New Zealand"]
    assert praised("communications (between the dates 15/12/2022 to 09/06/2024) between DPMC "
                   "and Grant Thornton New Zealand Limited's representatives;",
                   "Department of the Prime Minister and Cabinet") == [
        "between DPMC and Grant Thornton New Zealand Limited's representatives"]
    assert praised("All correspondence including but not limited to emails and letters "
                   "between VUWSA and each sponsor/affiliate") == [
        "between VUWSA and each sponsor/affiliate"]


def test_the_praise_ends_where_the_side_does():
    # the subject, the period, a clause about the records and a new sentence are not a side
    assert praised("All emails between WCC and LGWM on the predicted population growth "
                   "since July 2020") == ["between WCC and LGWM"]
    assert praised("Emails between the Mayor and KiwiRail regarding the port in 2023") == [
        "between the Mayor and KiwiRail"]
    assert praised("Emails from the Minister of Education or her office, since 20 November "
                   "2023") == ["from the Minister of Education or her office"]
    assert praised("Emails between Kainga Ora and Andrew McKenzie agreeing to the terms of "
                   "his redundancy") == ["between Kainga Ora and Andrew McKenzie"]
    assert praised("Any correspondence by RNZ. This could include diary entries and "
                   "emails.") == ["by RNZ"]
    assert praised("Emails by Cr. Moore made at the last meeting") == ["by Cr. Moore"]


QUESTION = ("What consideration was given to the harmful effects of any of the product/services "
            "that VUWSA is promoting to the student population in particular first year "
            "students via the sponsorship/affiliation and what criteria and/or frameworks were "
            "used to assess the risk of promotion.")


def chat_reply(part: str) -> str:
    from oiadraft.interview import Interview
    from oiadraft.mdtext import to_text
    from oiadraft.model import Draft

    interview, draft = Interview(today=TODAY), Draft()
    for answer in ("Victoria University of Wellington", "sponsorships", "2024", "yes"):
        interview.respond(draft, answer)
    reply = interview.respond(draft, part)
    return to_text("\n".join(m.text for m in reply.messages))


def test_a_question_is_read_back_as_the_question_it_asks_with_the_names_in_it():
    said = chat_reply(QUESTION)
    assert "I read part 1 as asking “What consideration was given to the harmful effects" in said
    assert "involving VUWSA" in said
    assert "no kind of record, no one and no subject" not in said
    features = scope.assess(QUESTION, context()).features
    assert features["parties"] == ["VUWSA"] and features["question"].endswith("\u2026")
    # a part that says nothing is still told so
    assert "no kind of record, no one and no subject" in chat_reply("I don't know yet, sorry")


def rules_of(text: str, act: str = "oia") -> list[str]:
    return [f.rule for f in scope.assess(text, context(act=act)).findings]


def test_in_a_question_people_named_as_a_group_are_what_it_asks_about():
    assert "unnamed-people" not in rules_of(
        "Did this vaccination policy apply to the hiring of new staff?", "lgoima")
    # not in a question, or where a question asks for messages, the group is whose records
    assert "unnamed-people" in rules_of("Documents on the hiring of new staff in 2023.")
    assert "unnamed-people" in rules_of("What emails did staff send about the port in 2023?")


TITLED = ('A copy of meeting documentation for all meetings between WCC and LGWM where the WCC '
          'Spatial Plan reports "Citywide Estimated Growth Distribution Figures September 2021" '
          'and/or "Citywide Estimated Growth Distribution Figures 25/09/2020" were discussed.')


def test_a_quoted_document_title_is_its_title_not_the_parts_period_or_figures():
    from oiadraft.commands import check

    report = check.check_text(f"Dear Wellington City Council,\n\n1. {TITLED}\n\n2. The "
                              "minutes of the Council meeting of 5 May 2021.\n", today=TODAY)
    first, second = report["assessment"].parts
    assert first.period is None and first.period_source == "none"
    assert "statistics" not in first.signals
    assert [f.rule for f in first.findings].count("no-period") == 1
    assert second.period is not None  # a date outside quotation marks is still the period
    # figures asked for outside a title still are; a quoted phrase in lower case is words
    assert "statistics" in scope.assess('The figures for "extended leave" taken in 2023.',
                                        context()).signals


def test_the_letter_reads_no_period_in_a_quoted_title():
    from oiadraft.letter.render import render_text
    from oiadraft.model import Draft, Part, Period

    draft = Draft(act="lgoima", agency="Wellington City Council", topic="growth figures",
                  period=Period(date(2020, 7, 1), date(2022, 5, 5)),
                  parts=[Part(text=TITLED)])
    letter = render_text(draft, today=TODAY)
    assert "1 July 2020 to 5 May 2022" in letter  # the request's period is the part's


def test_sides_named_in_clauses_of_their_own_are_both_sides():
    """"received by <one side> regarding <subject> from <the other>" names whose messages:
    no tip to say whose next to the praise for naming them."""
    text = ("Copies of all advice, briefings, memos or any other documents received by "
            "Ministry of Education staff or representatives regarding the Minister of "
            "Education’s priorities from the Minister of Education or her office, since 20 "
            "November 2023.")
    found = scope.assess(text, context("Ministry of Education")).findings
    assert "named-party" in [f.rule for f in found]
    assert "communications" not in [f.rule for f in found]
    # one side alone still gets the tip
    assert "communications" in rules_of("Emails received by the Mayor about the port in 2023.")
    assert "communications" in rules_of("Emails received by the Mayor about the port from "
                                        "anyone in 2023.")
    assert "communications" not in rules_of("Emails received by the Mayor about the port "
                                            "from KiwiRail in 2023.")


def test_a_part_asking_whether_is_a_question():
    text = "Whether VUWSA or the sponsor/affilate made first contact"
    assert "asks-a-question" in scope.assess(text, context()).signals
    said = chat_reply(text)
    assert "I read part 1 as asking “Whether VUWSA" in said and "involving VUWSA" in said
    assert "no kind of record, no one and no subject" not in said
