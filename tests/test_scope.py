"""The scope analyser: one story per part on the seed, MFAT's refinement and the tight parts
the issue lists; findings, suggestions and the request as a whole; the vocabulary file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from oiadraft import scope, yamlio
from oiadraft.errors import DataError
from oiadraft.letter.splitter import split_request
from oiadraft.model import Period

DATA = Path(__file__).parent / "data"
TODAY = date(2024, 9, 13)
OIA = scope.Context(act="oia", today=TODAY)
LGOIMA = scope.Context(act="lgoima", today=TODAY)


def seed_assessment(context=OIA) -> scope.RequestAssessment:
    text = (DATA / "seed_request.txt").read_text(encoding="utf-8")
    return scope.assess_request(split_request(text, today=TODAY), context)


def refined_assessment() -> scope.RequestAssessment:
    text = (DATA / "mfat_refined.txt").read_text(encoding="utf-8")
    return scope.assess_request(split_request(text, today=date(2024, 9, 24)),
                                scope.Context(today=date(2024, 9, 24)))


def part(request: scope.RequestAssessment, number: str) -> scope.Assessment:
    return request.parts[request.numbers.index(number)]


def rules_of(assessment) -> set[str]:
    return {f.rule for f in assessment.findings}


def one_story(assessment: scope.Assessment) -> None:
    """A part's label and its findings agree."""
    severities = {f.severity for f in assessment.findings}
    if assessment.risk == "low":
        assert severities <= {"info"}, assessment.findings
        signals = scope.load_rules().signals
        for finding in assessment.findings:
            if signals[finding.rule].kind == "breadth":  # a tip, not talk of refusal
                assert "refused" not in finding.message, finding.message
    if "danger" in severities:
        assert assessment.risk == "high"


# ---- the seed and MFAT's refinement ---------------------------------------------------------

def test_seed_part_12_is_high_with_18f_findings_quoting_its_broad_words():
    request = seed_assessment()
    part12 = part(request, "12")
    assert part12.risk == "high" and request.risk == "high"
    quotes = {f.quote for f in part12.findings if f.section == "18(f)"}
    assert {"any MFAT official", "any meetings or correspondence"} <= quotes
    assert any("mention of" in q for q in quotes)
    assert any(f.severity in ("warning", "danger") for f in part12.findings)
    for finding in part12.findings:
        assert part12.text[finding.span[0]:finding.span[1]] == finding.quote
        if finding.quote:
            assert " ".join(finding.quote.split())[:20] in finding.message
    assert part12.reasons and 0.0 <= part12.likelihood <= 1.0


def test_every_seed_and_refined_part_tells_one_story():
    for request in (seed_assessment(), seed_assessment(LGOIMA), refined_assessment()):
        for assessment in request.parts:
            one_story(assessment)


def test_seed_parts_1_to_3_are_low_and_say_no_time_frame_as_a_tip():
    request = seed_assessment()
    for number in ("1", "2", "3"):
        assessment = part(request, number)
        assert assessment.risk == "low", number
        assert assessment.period is None and assessment.period_source == "none"
        tip = next(f for f in assessment.findings if f.rule == "no-period")
        assert tip.severity == "info" and "No time frame" in tip.message
        assert "commonest reasons" not in tip.message


def test_since_october_2020_starts_on_1_october_2020():
    part4 = part(seed_assessment(), "4")
    assert part4.period_source == "part"
    assert part4.period.start == date(2020, 10, 1)
    assert part4.period_text == "since October 2020"


def test_mfat_refinement_uses_the_request_period_and_is_all_low_with_no_warnings():
    request = refined_assessment()
    assert len(request.parts) == 5
    assert all(p.period_source == "request" for p in request.parts)
    assert request.parts[0].period == Period(date(2020, 10, 1), date(2024, 9, 13))
    # the wording MFAT wrote so that it could answer: low, tips and good signs only
    for assessment in request.parts:
        assert assessment.risk == "low", assessment.text
        assert {f.severity for f in assessment.findings} <= {"info"}, assessment.text
    assert request.risk == "low"
    assert not [f for f in request.findings if f.severity != "info"]
    # messages between named parties are not a long search, however long the period
    for assessment in (request.parts[0], request.parts[3]):
        assert "long-period" not in assessment.signals and "named-party" in assessment.signals


def test_lgoima_findings_cite_17f_and_a_case_keeps_its_own_act():
    from oiadraft.scope.features import Hit
    from oiadraft.scope.findings import message_of

    part12 = part(seed_assessment(LGOIMA), "12")
    sections = {f.section for f in part12.findings if f.concept == "refusal_collation"}
    assert sections == {"17(f)"}
    # the warnings' wording (a council's part 12 may rate lower: councils refuse fewer parts)
    rules = scope.load_rules()
    mention = message_of(rules.signals["topic-mention"], Hit("topic-mention", (0, 7)),
                         "mention", "warning", "lgoima")
    # what MFAT did is a fact about an OIA request: cited under the OIA, not as s17(f)
    assert "MFAT refused part of a 2024 request under the OIA (s18(f))" in mention
    custodian = message_of(rules.signals["open-custodian"], Hit("open-custodian", (0, 7)),
                           "any MFAT official", "warning", "lgoima")
    assert "s17(f)" in custodian and "18(f)" not in custodian
    # no finding cites 18(f) as the draft's own ground; a case cited keeps its own Act
    case = "under the OIA (s18(f))"
    assert all("18(f)" not in f.message.replace(case, "") for f in part12.findings)


# ---- tight parts are low, with no warnings (the contradictions in the issue) ---------------

TIGHT = [
    "A list of briefings to the Minister of Finance about the port levy from 1 May 2024 to "
    "31 May 2024.",
    "Briefings to the Minister of Finance that relate to the port levy, from 1 May 2024 to "
    "31 May 2024.",
    "Minutes of the Audit and Risk Committee meetings held between 1 March and 30 June 2024.",
    "The final report of the Ministerial Inquiry into the Auckland floods.",
    "Copies of the documents listed in response to part 1.",
]


@pytest.mark.parametrize("text", TIGHT)
def test_tight_parts_are_low_with_no_warnings(text):
    assessment = scope.assess(text, OIA)
    assert assessment.risk == "low"
    assert {f.severity for f in assessment.findings} <= {"info"}
    one_story(assessment)


def test_minutes_of_named_meetings_are_not_communications_and_need_no_subject():
    result = scope.assess(TIGHT[2], OIA)
    assert not rules_of(result) & {"communications", "all-communications", "no-subject",
                                   "unbounded-holders", "many-channels"}
    assert result.record_kind == "named"


def test_one_named_report_needs_no_time_frame():
    assert "no-period" not in rules_of(scope.assess(TIGHT[3], OIA))


def test_copies_listed_in_response_to_a_part_take_that_parts_period():
    request = scope.assess_request(
        ["The dates of emails between the Mayor and the CEO about the stadium from "
         "1 March 2024 to 31 May 2024.",
         "Copies of the documents listed in response to part 1."], OIA)
    second = request.parts[1]
    assert "no-period" not in rules_of(second)
    assert second.period == Period(date(2024, 3, 1), date(2024, 5, 31))
    assert second.period_source == "part"
    assert second.period_part == "1"
    assert "cross-reference" in rules_of(second)
    assert "unnamed-documents" not in rules_of(second)  # part 1 says which documents


@pytest.mark.parametrize("wording", [
    "Any correspondence with Auckland Transport about the busway in that period.",
    "The number of complaints received over the same period.",
    "Any reports to the Board about it during that time.",
])
def test_a_part_covering_that_period_takes_the_nearest_earlier_parts_period(wording):
    request = scope.assess_request(
        ["Minutes of the Transport Committee from 1 March 2024 to 31 May 2024.",
         "The Committee's terms of reference.",
         wording], OIA)
    third = request.parts[2]
    assert third.period == Period(date(2024, 3, 1), date(2024, 5, 31))
    assert third.period_part == "1"
    assert "no-period" not in rules_of(third)
    assert request.parts[1].period is None  # only the part that says so takes it


def test_that_period_with_no_earlier_period_keeps_the_no_period_tip():
    request = scope.assess_request(
        ["The Committee's terms of reference.",
         "Any correspondence with Auckland Transport about the busway in that period."], OIA)
    assert request.parts[1].period is None
    assert request.parts[1].period_part is None


def test_a_parts_own_period_is_not_replaced_by_that_period():
    request = scope.assess_request(
        ["Minutes of the Transport Committee from 1 March 2024 to 31 May 2024.",
         "Emails about the busway in 2023, in that period's budget."], OIA)
    assert request.parts[1].period == Period(date(2023, 1, 1), date(2023, 12, 31))
    assert request.parts[1].period_part is None


@pytest.mark.parametrize("wording", [
    "Copies of the documents listed in response to part 1.",
    "Copies of the communications listed in response to the previous part.",
    "Copies of the records identified in part 1.",
    "Copies of all communications falling within 1 and 2 above.",
])
def test_cross_reference_wordings_are_recognised(wording):
    result = scope.assess(wording, OIA)
    assert "cross-reference" in result.signals
    assert "no-period" not in result.signals


# ---- the model behind the risk ------------------------------------------------------------

def test_risk_comes_from_the_likelihood_and_the_fitted_thresholds():
    model = scope.load_model()
    for text in [*TIGHT, "All emails from any staff about anything.",
                 "The number of people who had a complaint upheld in 2023."]:
        result = scope.assess(text, OIA)
        assert result.risk == model.risk(result.likelihood)
        assert result.likelihood == round(model.likelihood(result.signals), 3)


def test_the_refused_pattern_is_more_likely_than_the_answered_one():
    seed = scope.Context(act="oia", today=TODAY, parts=13)  # both are parts of the seed
    answered = scope.assess("Copies of all advice since October 2020 to the Ministers of "
                            "Disarmament and Foreign Affairs about cluster munitions.", seed)
    refused = scope.assess("The dates of any meetings or correspondence any MFAT official has "
                           "had with any member or representative of the UK government that "
                           "included mention of cluster munitions since October 2020.", seed)
    assert refused.likelihood > answered.likelihood
    assert refused.risk == "high" and answered.risk != "high"


def test_reasons_name_the_heaviest_features_in_words():
    result = scope.assess("All internal communications (including emails, texts, WhatsApp "
                          "messages) sent/received by the Mayor between 1 July 2024 and "
                          "30 September 2024.", LGOIMA)
    assert result.risk == "high"
    rules = scope.load_rules()
    known = {str(rule.reason) for rule in rules.signals.values() if rule.reason}
    assert result.reasons and all(r.removeprefix("in its favour: ") in known
                                  for r in result.reasons)
    assert rules.signals["no-subject"].reason in result.reasons


def test_a_narrowing_feature_lowers_the_likelihood():
    broad = scope.assess("All emails about the stadium since 1 January 2020.", OIA)
    narrowed = scope.assess("Final versions of briefings about the stadium since 1 January "
                            "2020.", OIA)
    assert narrowed.likelihood < broad.likelihood
    good = [f for f in narrowed.findings if f.message.startswith("Good:")]
    assert good and all(f.severity == "info" and f.contribution < 0 for f in good)


def test_long_period_allowance_depends_on_the_kind_of_record():
    comms = scope.assess("Emails from any staff about the port from 1 January 2024 to "
                         "30 September 2024.", OIA)
    docs = scope.assess("Briefings to the Minister about the port from 1 January 2024 to "
                        "30 September 2024.", OIA)
    assert "long-period" in comms.signals and "long-period" not in docs.signals


def test_messages_with_a_named_party_are_not_a_long_search_whatever_the_span():
    named = scope.assess("Emails between the Harbourmaster and KiwiRail about the port from "
                         "1 January 2020 to 30 September 2024.", OIA)
    assert "named-party" in named.signals and "long-period" not in named.signals
    # the recipient named on one side only is no other party: the span counts again
    own = scope.assess("Emails between the Harbourmaster and KiwiRail about the port from "
                       "1 January 2020 to 30 September 2024.",
                       scope.Context(today=TODAY, agency="KiwiRail"))
    assert "named-party" in own.signals  # the Harbourmaster is the other party
    alone = scope.assess("Emails from KiwiRail about the port from 1 January 2020 to "
                         "30 September 2024.", scope.Context(today=TODAY, agency="KiwiRail"))
    assert "named-party" not in alone.signals and "long-period" in alone.signals


def test_request_period_applies_when_the_part_states_none():
    context = scope.Context(today=TODAY, request_period=Period(date(2024, 1, 1),
                                                                date(2024, 3, 31)))
    result = scope.assess("Briefings to the Minister on the port.", context)
    assert result.period_source == "request"
    assert "no-period" not in rules_of(result)
    own = scope.assess("Briefings to the Minister on the port in 2023.", context)
    assert own.period_source == "part" and own.period.start == date(2023, 1, 1)


def test_typos_are_tolerated():
    result = scope.assess("all corespondence from any staf about the budget", OIA)
    quotes = {f.quote for f in result.findings}
    assert "all corespondence" in quotes and "any staf" in quotes


def test_real_words_are_not_corrected():
    result = scope.assess("The report of the correspondent on the budget for 2023.", OIA)
    assert not rules_of(result) & {"communications", "all-communications"}


def test_counting_people_by_something_about_each_is_case_statistics():
    result = scope.assess("The number of people who had a complaint upheld in 2023.", OIA)
    assert "case-statistics" in rules_of(result)
    plain = scope.assess("The number of complaints received in 2023.", OIA)
    assert "case-statistics" not in plain.signals and "statistics" in plain.signals
    assert result.likelihood > plain.likelihood


@pytest.mark.parametrize("held", [", as recorded in the library system",
                                  ", as held in the complaints database",
                                  " as already recorded by the Council"])
def test_figures_asked_for_as_held_are_not_told_to_ask_for_them_as_held(held):
    """The statistics advice is "ask for the figures as recorded in <system>": a part that
    already does so gets neither that advice nor the case-by-case warning."""
    for text in ("The number of books lost at each branch in 2023",
                 "The number of complaints upheld in 2023 broken down by outcome"):
        asked = scope.assess(text + ".", OIA)
        assert rules_of(asked) & {"statistics", "case-statistics"}, text
        answered = scope.assess(text + held + ".", OIA)
        assert not rules_of(answered) & {"statistics", "case-statistics"}, text + held
        assert not answered.signals.keys() & {"statistics", "case-statistics"}
        assert answered.likelihood < asked.likelihood


def test_figures_that_are_the_subject_of_records_asked_for_are_not_figures_asked_for():
    """"Records of discussions about the number of dogs ..." asks for records; "the number
    of complaints about noise" asks for figures."""
    subject = scope.assess("All records of discussions (whether in workshops, emails, or other "
                           "mediums) about the number of dogs a person can care for in public "
                           "areas that have not been disclosed, in 2023.", OIA)
    assert not subject.signals.keys() & {"statistics", "case-statistics"}
    assert "communications" in subject.signals
    for asked in ("The number of complaints about noise in 2023.",
                  "Documents showing the number of complaints about noise in 2023.",
                  "Emails about noise, and how many complaints were received in 2023."):
        assert "statistics" in scope.assess(asked, OIA).signals, asked


def test_records_showing_something_have_a_subject():
    """"Any email indicating whether the request was escalated" says what the records are
    about, without a topic word to search for."""
    for text in ("Any record, email, or message indicating whether my request was escalated.",
                 "All internal correspondence showing when my request was first received."):
        assert "no-subject" not in scope.assess(text, OIA).signals, text
    assert "no-subject" in scope.assess("Any record, email, or message.", OIA).signals


# ---- findings carry what the UI needs -------------------------------------------------------

def test_finding_fields_and_placeholders():
    text = "Copies of letters from any staff member about the levy in 2023."
    result = scope.assess(text, OIA)
    custodian = next(f for f in result.findings if f.rule == "open-custodian")
    assert custodian.quote == "any staff member"
    assert custodian.section == "18(f)" and custodian.concept == "refusal_collation"
    assert custodian.replacement == "officials in <unit or role>"
    assert custodian.placeholders == ("unit or role",)
    assert custodian.replacement_span is None and custodian.target == custodian.span
    assert '"any staff member"' in custodian.message
    as_json = custodian.to_dict()
    assert as_json["replacement_span"] == list(custodian.span)
    assert as_json["contribution"] == round(custodian.contribution, 3) > 0


def test_apply_suggestion_rewrites_the_span():
    text = "Copies of correspondence any staff member sent about the levy in 2023."
    result = scope.assess(text, OIA)
    custodian = next(f for f in result.findings if f.rule == "open-custodian")
    assert custodian.quote == "any staff member"
    assert custodian.replacement == "sent by officials in <unit or role>"
    start, end = custodian.target
    assert text[start:end] == "any staff member sent"
    rewritten = scope.apply_suggestion(text, custodian, {"unit or role": "the Rates team"})
    assert rewritten == ("Copies of correspondence sent by officials in the Rates team about "
                         "the levy in 2023.")
    with pytest.raises(scope.SuggestionError, match="unit or role"):
        scope.apply_suggestion(text, custodian, {})
    with pytest.raises(scope.SuggestionError, match="changed"):
        scope.apply_suggestion("something else entirely, longer than the span", custodian,
                               {"unit or role": "x"})


def test_apply_suggestion_for_mention_and_period():
    text = ("The dates of any meetings the Minister had with the UK High Commissioner that "
            "included mention of cluster munitions.")
    result = scope.assess(text, OIA)
    mention = next(f for f in result.findings if f.rule == "topic-mention")
    rewritten = scope.apply_suggestion(text, mention,
                                       {"topic": "the Convention on Cluster Munitions"})
    assert rewritten.endswith("where the Convention on Cluster Munitions was a named agenda "
                              "item.")
    no_period = next(f for f in result.findings if f.rule == "no-period")
    dated = scope.apply_suggestion(text, no_period, {"start date": "1 January 2024",
                                                     "end date": "30 June 2024"})
    assert dated.endswith("munitions from 1 January 2024 to 30 June 2024.")


def test_advice_only_suggestion_cannot_be_applied():
    text = "All emails relating to the port."
    finding = next(f for f in scope.assess(text, OIA).findings if f.rule == "topic-link")
    assert finding.replacement is None
    with pytest.raises(scope.SuggestionError, match="advice"):
        scope.apply_suggestion(text, finding, {})


def test_acknowledged_rules_are_hidden_but_still_counted():
    text = "All emails from any staff about the port."
    plain = scope.assess(text, OIA)
    kept = scope.assess(text, OIA, acknowledged=["open-custodian"])
    assert "open-custodian" not in rules_of(kept)
    assert any(f.rule == "open-custodian" for f in kept.acknowledged_findings)
    assert kept.likelihood == plain.likelihood and kept.risk == plain.risk


def test_findings_are_plain_frozen_data():
    finding = scope.assess("All emails from any staff about the port.", OIA).findings[0]
    assert type(finding).__dict__.get("replacement") is None  # no descriptors on the class
    with pytest.raises(AttributeError):
        finding.rule = "other"  # type: ignore[misc]
    import pickle

    assert pickle.loads(pickle.dumps(finding)) == finding


def test_split_dates_then_copies():
    pair = scope.split_dates_then_copies("Copies of all emails between the CEO and the Mayor "
                                         "about the stadium in 2024.")
    assert pair == ("The dates, senders, recipients and subject lines of emails between the "
                    "CEO and the Mayor about the stadium in 2024.",
                    "Copies of the communications listed in response to the previous part.")
    assert scope.split_dates_then_copies("The dates of emails about the stadium.") is None
    assert scope.split_dates_then_copies("How many dogs were registered in 2023?") is None
    dates, copies = scope.split_dates_then_copies("All reports on the stadium since 2022.")
    assert dates.startswith("A list (title, date and author) of reports")
    # the second part is recognised as bounded by the first
    copies_part = scope.assess(copies, OIA)
    assert copies_part.risk == "low" and "cross-reference" in copies_part.signals


# ---- not 18(f), but still sinks requests ---------------------------------------------------

def test_asking_the_agency_to_create_information():
    result = scope.assess("Why did the Ministry decide to close the Hokitika office?", OIA)
    finding = next(f for f in result.findings if f.rule == "create-information")
    assert finding.quote == "Why did"
    # what officials know is information the agency holds: no "not held" refusal is claimed
    assert finding.concept is None and finding.section is None
    assert "officials already know" in finding.message and "refused" not in finding.message
    assert finding.severity == ("info" if result.risk == "low" else "warning")


def test_own_personal_information_cites_the_privacy_act_in_words():
    result = scope.assess("A copy of my file and all information held about me.", OIA)
    finding = next(f for f in result.findings if f.rule == "own-information")
    assert "Privacy Act 2020" in finding.message and "principle 6" in finding.message
    assert finding.section == "12(1A)"
    lgoima = scope.assess("A copy of my file.", LGOIMA)
    finding = next(f for f in lgoima.findings if f.rule == "own-information")
    assert finding.section is None
    assert "Privacy Act 2020" in finding.message and "LGOIMA" in finding.message


def test_urgency_without_reasons():
    result = scope.assess("URGENT: the council's dog control policy.", LGOIMA)
    finding = next(f for f in result.findings if f.rule == "urgency-without-reasons")
    assert finding.section == "10(3)"
    with_reasons = scope.assess("Urgently, because the submission period closes on 3 May: the "
                                "council's dog control policy.", LGOIMA)
    assert "urgency-without-reasons" not in rules_of(with_reasons)


def test_non_volume_flags_do_not_change_the_likelihood():
    base = scope.assess("The council's dog control policy.", OIA)
    flagged = scope.assess("The council's dog control policy, urgently.", OIA)
    assert flagged.likelihood == base.likelihood
    assert "urgency-without-reasons" not in scope.load_model().weights


# ---- request level --------------------------------------------------------------------------

def test_seed_request_level_findings():
    request = seed_assessment()
    by_rule: dict[str, list[scope.Finding]] = {}
    for finding in request.findings:
        by_rule.setdefault(finding.rule, []).append(finding)
    assert "13 parts" in by_rule["many-parts"][0].message
    assert by_rule["many-parts"][0].section == "15A"
    pairs = [f.message for f in by_rule["dates-then-copies"]]
    assert any("part 4" in m and "part 5" in m for m in pairs)
    assert any("part 10" in m and "part 11" in m for m in pairs)
    assert all("Good pattern" in m for m in pairs)
    assert by_rule["aggregation"][0].section == "18A(2)"


def test_near_duplicates_and_plain_lists():
    request = scope.assess_request(
        ["Briefings to the Minister about the port in 2023.",
         "Briefings to the Minister about the port in 2023",
         "The Cabinet paper on the port."], OIA)
    assert [f.rule for f in request.findings] == ["near-duplicate"]
    assert request.numbers == ("1", "2", "3")
    assert request.risk == "low"


def test_urgency_in_the_preamble_is_a_request_finding():
    text = "Kia ora,\n\nPlease treat this as urgent.\n\n1. The board minutes for May 2024.\n"
    request = scope.assess_request(split_request(text, today=TODAY), OIA)
    assert "urgency-without-reasons" in {f.rule for f in request.findings}


def test_a_repeated_part_is_reported_once_against_the_first():
    same = "Briefings to the Minister about the port in 2023."
    request = scope.assess_request([same, same, "The Cabinet paper on the port.", same], OIA)
    messages = [f.message for f in request.findings if f.rule == "near-duplicate"]
    assert len(messages) == 2
    assert messages[0].startswith("Parts 1 and 2 ")
    assert messages[1].startswith("Parts 1 and 4 ")


def test_dates_then_copies_pairs_only_nearby_parts():
    dates = "The dates of emails between the Mayor and the CEO about the stadium in 2024."
    copies = "Copies of emails between the Mayor and the CEO about the stadium in 2024."
    filler = [f"The Cabinet paper on topic {n}." for n in range(10)]
    near = scope.assess_request([dates, *filler[:3], copies], OIA)
    assert [f.rule for f in near.findings].count("dates-then-copies") == 1
    far = scope.assess_request([dates, *filler, copies], OIA)
    assert "dates-then-copies" not in [f.rule for f in far.findings]


def test_the_request_knows_how_many_parts_it_has():
    request = scope.assess_request(["Briefings on the port in 2023."] * 3, OIA)
    assert all(p.signals.get("several-parts") for p in request.parts)
    alone = scope.assess("Briefings on the port in 2023.", OIA)
    assert "several-parts" not in alone.signals


# ---- messages read on their own -----------------------------------------------------------

SAMPLES = [
    "All communications (emails, texts, WhatsApp messages) sent/received by the Mayor.",
    "Any correspondence any staff member sent, including but not limited to letters, and/or "
    "memos that mention the levy since 2015.",
    "Copies of all documents and information about the rates review from 2019 to 2024.",
    "Why did the Ministry close the office? URGENT. My personal information too.",
    "The number of people who had a complaint upheld, and any reference to complaints.",
    "The percentage of applicants who were declined, all records.",
    "Briefings and aide-memoires to the Minister on the port, final versions only, where the "
    "port was a named agenda item, 1 March 2024 to 31 March 2024.",
    "Copies of the documents identified in part 2 above.",
    "The dates of meetings held on 3 June 2024 between the CEO and any Minister.",
    "Emails across the ministry about the budget for the last 3 years.",
]


def _all_findings():
    contexts = (OIA, LGOIMA, scope.Context(today=TODAY, request_period=Period(
        date(2015, 1, 1), date(2024, 9, 1))))
    for text in SAMPLES:
        for context in contexts:
            assessment = scope.assess(text, context)
            one_story(assessment)
            yield from ((text, f) for f in assessment.findings)


def test_every_message_reads_on_its_own():
    rules_seen = set()
    for _, finding in _all_findings():
        rules_seen.add(finding.rule)
        message = finding.message
        assert '""' not in message and "()" not in message and "{" not in message, message
        assert message[0].isupper() or message[0] in "\"\u201c", message
        assert message.rstrip().endswith("."), message
        assert "  " not in message, message
        if finding.quote.strip():
            assert " ".join(finding.quote.split())[:20] in message, (finding.rule, message)
    assert {"no-period", "no-subject", "unbounded-holders", "long-period", "all-communications",
            "open-custodian", "inclusive", "and-or", "create-information", "own-information",
            "urgency-without-reasons", "case-statistics", "whole-agency",
            "generic-records"} <= rules_seen


def test_every_signal_with_a_message_says_what_to_do():
    for rule in scope.load_rules().signals.values():
        if rule.kind != "narrowing" and rule.message:
            assert rule.suggestion, rule.id


def test_no_finding_message_uses_legal_shorthand():
    for _, finding in _all_findings():
        for jargon in ("aforementioned", "hereby", "pursuant", "inter alia", "s.18"):
            assert jargon not in finding.message.lower()


# ---- the vocabulary file --------------------------------------------------------------------

def _rules_data():
    return yamlio.load_file(Path(scope.__file__).parent.parent / "data" / "scope_rules.yaml")


def test_builtin_vocabulary_loads_and_every_signal_reads_known_kinds():
    rules = scope.load_rules()
    assert "all-communications" in rules.signals
    for rule in rules.signals.values():
        assert set(rule.reads) <= set(rules.kinds), rule.id


@pytest.mark.parametrize("mutate,message", [
    (lambda d: d.__setitem__("version", 2), "unsupported version"),
    (lambda d: d["signals"]["open-custodian"].__setitem__("kind", "loud"), "kind must be"),
    (lambda d: d["signals"]["open-custodian"].__setitem__("concept", "nope"), "unknown concept"),
    (lambda d: d["signals"]["open-custodian"].__setitem__("reads", ["nope"]),
     "unknown kind 'nope'"),
    (lambda d: d["signals"]["statistics"].__setitem__("unless", ["nope"]),
     "unless names an unknown kind 'nope'"),
    (lambda d: d["signals"]["statistics"].__setitem__("unless", "figures_as_held"),
     "unless must be a list"),
    (lambda d: d["signals"]["open-custodian"].pop("reason"), "needs a reason"),
    (lambda d: d["signals"]["communications"].__setitem__("same_advice_as", ["nope"]),
     "same_advice_as names an unknown signal 'nope'"),
    (lambda d: d["signals"]["communications"].__setitem__("same_advice_as", "no-subject"),
     "same_advice_as must be a list"),
    (lambda d: d["signals"]["all-communications"].__setitem__("named", {"note": "x"}),
     "named must map message, tip, suggestion to text"),
    (lambda d: d["signals"]["all-communications"]["named"].__setitem__("tip", "{nope}"),
     "unknown placeholder"),
    (lambda d: d["periods"]["communications"].__setitem__("usual_days", "long"),
     "must be a number"),
    (lambda d: d["vocabulary"]["cross_reference"]["patterns"].append(
        {"lead": ["x"], "rest": "(unclosed"}), "bad pattern"),
    (lambda d: d["vocabulary"]["cross_reference"]["patterns"].append({"rest": "x"}),
     "each needs 'lead'"),
    (lambda d: d["signals"]["open-custodian"].__setitem__("message", "{nope}"),
     "unknown placeholder"),
    (lambda d: d["signals"]["open-custodian"].__setitem__("message", "{oia.nope}"),
     "unknown placeholder"),
])
def test_bad_vocabulary_is_a_clear_data_error(mutate, message):
    data = _rules_data()
    mutate(data)
    with pytest.raises(DataError, match=message) as info:
        scope.parse_rules(data)
    assert "scope_rules.yaml" in str(info.value)


def test_data_error_carries_the_line():
    data = _rules_data()
    data["signals"]["open-custodian"]["kind"] = "loud"
    with pytest.raises(DataError) as info:
        scope.parse_rules(data)
    assert info.value.line == data["signals"]["open-custodian"].line_of("kind")


def _templates():
    rules = scope.load_rules()
    for rule in rules.signals.values():
        for key in ("suggestion", "replacement"):
            value = getattr(rule, key)
            if value:
                yield f"signals.{rule.id}.{key}", value
    for key, by_act in rules.request_findings.items():
        if by_act["oia"].suggestion:
            yield f"request.{key}.suggestion", by_act["oia"].suggestion


def test_every_built_in_template_names_each_blank_once():
    seen_any = False
    for where, template in _templates():
        names = [" ".join(n.lower().split()) for n in scope.PLACEHOLDER.findall(template)]
        assert len(names) == len(set(names)), where
        seen_any = seen_any or len(names) >= 2
    assert seen_any


def test_two_blanks_take_two_different_fills():
    text = "All communications about the port levy in 2023."
    finding = next(f for f in scope.assess(text, OIA).findings if f.rule == "all-communications")
    assert len(finding.placeholders) == 2
    fills = dict(zip(finding.placeholders, ["the Chief Executive", "Treasury"], strict=True))
    rewritten = scope.apply_suggestion(text, finding, fills)
    assert rewritten == ("Emails between the Chief Executive and Treasury about the port levy "
                         "in 2023.")


@pytest.mark.parametrize("section,key", [("signals", "suggestion"), ("signals", "replacement"),
                                         ("request", "suggestion")])
def test_a_repeated_blank_is_a_data_error_with_file_and_line(section, key):
    data = _rules_data()
    node = data[section]["all-communications" if section == "signals" else "near-duplicate"]
    node[key] = "emails between <named person or unit> and <Named  person or unit>"
    with pytest.raises(DataError, match="appears twice") as info:
        scope.parse_rules(data)
    assert "scope_rules.yaml" in str(info.value)
    assert info.value.line == node.line_of(key)


# ---- findings about missing words: where they sit ----------------------------------------------

def test_no_period_and_no_subject_sit_at_the_end_of_the_part():
    text = "All emails sent by the Chief Executive.  "
    result = scope.assess(text, OIA)
    end = len("All emails sent by the Chief Executive")
    for rule in ("no-period", "no-subject"):
        finding = next(f for f in result.findings if f.rule == rule)
        assert finding.span == (end, end) and finding.quote == ""
    no_period = next(f for f in result.findings if f.rule == "no-period")
    dated = scope.apply_suggestion(text, no_period, {"start date": "1 May 2024",
                                                     "end date": "30 June 2024"})
    assert dated == "All emails sent by the Chief Executive from 1 May 2024 to 30 June 2024.  "


def test_unbounded_holders_sits_right_after_the_record_words():
    text = "All emails, texts and letters about the port in May 2024."
    finding = next(f for f in scope.assess(text, OIA).findings if f.rule == "unbounded-holders")
    at = text.index(" about")
    assert finding.span == (at, at) and finding.quote == ""
    rewritten = scope.apply_suggestion(text, finding, {
        "person or team at the agency": "the Harbourmaster",
        "other person or organisation": "KiwiRail"})
    assert rewritten == ("All emails, texts and letters between the Harbourmaster and KiwiRail "
                         "about the port in May 2024.")


def test_a_long_request_wide_period_is_reported_at_the_end_of_the_part():
    context = scope.Context(today=TODAY, request_period=Period(date(2018, 1, 1),
                                                                date(2024, 6, 30)))
    text = "Emails from council staff about the stadium."
    finding = next(f for f in scope.assess(text, context).findings if f.rule == "long-period")
    end = len(text) - 1
    assert finding.span == (end, end) and finding.quote == ""
    assert finding.replacement is None  # advice: the period is set for the whole request
    assert "the period set for the whole request" in finding.message


# ---- periods the analyser reads, and one it asks about ----------------------------------------

@pytest.mark.parametrize("text,start,end", [
    ("Emails about the levy for each financial year from 2020/21 to 2023/24.",
     date(2020, 7, 1), date(2024, 6, 30)),
    ("All email correspondence between the Mayor and councillors in the period 1 February 2020 "
     "and 30 June 2020.", date(2020, 2, 1), date(2020, 6, 30)),
    ("Reports on the port for the 2022/23 and 2023/24 financial years.",
     date(2022, 7, 1), date(2024, 6, 30)),
    ("The number of dog attacks each year from 2019 to 2023.", date(2019, 1, 1),
     date(2023, 12, 31)),
])
def test_the_period_forms_are_read(text, start, end):
    result = scope.assess(text, OIA)
    assert result.period == Period(start, end) and result.period_source == "part"
    assert "no-period" not in result.signals


@pytest.mark.parametrize("text,quote", [
    ("All NAIT movements since records began.", "since records began"),
    ("Reliability data for every bus service, for all time.", "for all time"),
    ("Board papers since the beginning.", "since the beginning"),
    ("All emails about the port up until 1 November 2019.", "up until 1 November 2019"),
])
def test_a_part_with_no_start_date_is_told_so_not_that_it_has_no_time_frame(text, quote):
    result = scope.assess(text, OIA)
    assert "no-period" not in result.signals
    finding = next(f for f in result.findings if f.rule == "open-period")
    assert finding.quote == quote
    assert f"No start date (\u201c{quote}\u201d)" in finding.message or \
        f"no start date (\u201c{quote}\u201d)" in finding.message


def test_since_the_beginning_of_a_year_is_a_period_not_all_time():
    result = scope.assess("Emails about the port since the beginning of 2022.", OIA)
    assert result.period == Period(date(2022, 1, 1), None)
    assert "open-period" not in result.signals


def test_a_date_without_a_year_is_asked_about_not_guessed():
    result = scope.assess("Any communications or briefings to ministers since 28th feb till "
                          "today.", scope.Context(today=date(2024, 4, 12)))
    assert result.period is None
    assert "no-period" not in result.signals
    finding = next(f for f in result.findings if f.rule == "unclear-period")
    assert finding.quote == "since 28th feb till today"
    assert "does not say which year" in finding.message
    assert finding.replacement is None  # advice: only the user knows the year


def test_words_get_one_finding_the_one_about_all_of_them():
    """Advice about one generic word is left out where a finding already covers the words
    around it: "documents" inside "All documents", "officials" inside a praised "between
    MFAT officials and the governments of ..."."""
    documents = scope.assess("All documents about the stadium held in 2023.")
    assert [f.rule for f in documents.findings if f.quote.lower().endswith("documents")] == [
        "generic-records"]
    praised = scope.assess("Communications between Ministry of Foreign Affairs and Trade "
                           "officials and the governments of Russia and Ukraine relating to the "
                           "Convention from 1 March 2024 to 31 May 2024.")
    rules = [f.rule for f in praised.findings]
    assert "named-party" in rules and "unnamed-people" not in rules
    alone = scope.assess("Reports written by officials about the stadium in 2023.")
    assert "unnamed-people" in [f.rule for f in alone.findings]


# ---- what a requester reads on real requests ------------------------------------------------

def test_a_reason_quotes_the_words_of_its_part():
    # a Kāinga Ora request (FYI 2025) left its list open with "or any other"; the reason must
    # not quote "including but not limited to", which the part never says
    result = scope.assess("Can I please have copies of any resignation letters or emails from "
                          "rowan macrae or any other tier twos who have resigned since 2023;",
                          scope.Context(today=date(2025, 6, 26)))
    reason = next(r for r in result.reasons if "no edges" in r)
    assert '"or any other"' in reason and "limited to" not in reason


def test_a_reason_without_words_to_quote_reads_on_its_own():
    rules = scope.load_rules()
    rule = rules.signals["inclusive"]
    assert "{quote}" in str(rule.reason)
    from oiadraft.scope.findings import reasons
    worded = reasons({"inclusive": 1.0}, rules)
    assert worded and "{" not in worded[0] and "no edges" in worded[0]


def test_say_whose_is_advised_once():
    # "request letters" with no sender or recipient: one finding says whose, the one F2 can
    # put into the part, not a second piece of advice that says the same
    result = scope.assess("Time extension advice and request letters", OIA)
    whose = [f for f in result.findings if f.suggestion and "Say whose" in f.suggestion]
    assert [f.rule for f in whose] == ["unbounded-holders"]
    assert whose[0].replacement


def test_say_whose_is_advised_once_on_a_part_that_warns():
    # an Auckland Transport request (FYI 2020): the finding kept still says why
    result = scope.assess("The draft ATAP (2020) update, and/or documents and communication "
                          "related to this update", LGOIMA)
    assert result.risk != "low"
    whose = [f for f in result.findings if f.suggestion and "Say whose" in f.suggestion]
    assert len(whose) == 1 and whose[0].rule == "unbounded-holders" and whose[0].warns


@pytest.mark.parametrize("text", [
    # Wellington City Council requests (FYI 2022): the subject comes after the records
    "Since July 2020, a copy of meeting documentation for all meetings between WCC and LGWM "
    "where the predicted population and housing growth for Wellington City was discussed "
    "including copies of any agendas, reports and/or presentations at these meetings.",
    "A copy of the correspondence between WCC and LGWM where the WCC Spatial Plan reports "
    "\"Citywide Estimated Growth Distribution Figures September 2021\" were attached or "
    "discussed.",
    "All emails from the Mayor in which the stadium's roof was considered.",
])
def test_records_where_a_subject_was_discussed_have_a_subject(text):
    result = scope.assess(text, LGOIMA)
    assert "no-subject" not in result.signals
    assert not any(f.replacement == " about <subject>" for f in result.findings)


def test_a_discussion_with_no_subject_named_is_still_no_subject():
    result = scope.assess("All emails between WCC and LGWM where anything was said.", LGOIMA)
    assert "no-subject" in result.signals


def test_all_messages_between_named_sides_are_told_only_to_drop_the_all():
    # MFAT (FYI 2021): the part names the kind of record and both sides, and the fix drops
    # only "All"; the advice must not ask for the people it names, or offer blanks it does not
    # put in
    from oiadraft.scope.suggestions import apply_suggestion
    text = ("All emails between High Commissioner to the Solomon Islands Georgina Roberts and "
            "MFAT staff in New Zealand")
    result = scope.assess(text, OIA)
    found = next(f for f in result.findings if f.rule == "all-communications")
    assert "people involved" not in found.message and "every kind" not in found.message
    assert found.suggestion and "<" not in found.suggestion and "both sides" in found.suggestion
    assert apply_suggestion(text, found) == text.replace("All emails", "Emails")


def test_all_messages_with_a_side_missing_keep_the_advice_to_name_them():
    result = scope.assess("All correspondence about the stadium from 1 March to 30 June 2024.",
                          OIA)
    found = next(f for f in result.findings if f.rule == "all-communications")
    assert "people" in found.message and "<person or team at the agency>" in found.suggestion


def test_all_messages_exchanged_between_named_sides_are_told_only_to_drop_the_any():
    # Kāinga Ora (FYI 2025): "exchanged between" names the sides as "between" does
    result = scope.assess("can I have any email communication or letters exchanged between "
                          "Kāinga Ora and Andrew McKenzie agreeing to the terms of his "
                          "redundancy", scope.Context(today=date(2025, 6, 26)))
    found = next(f for f in result.findings if f.rule == "all-communications")
    assert "people involved" not in found.message and "<" not in str(found.suggestion)


def test_the_kinds_of_messages_are_quoted_with_their_brackets_closed():
    # MFAT (FYI 2025): the last kind of message sits inside a bracket the quote must close
    result = scope.assess("All correspondence (emails, text messages, phone logs, or "
                          "memoranda) since 1 October 2023 between the Ministry and Stuff "
                          "about the conflict.", scope.Context(today=date(2025, 5, 11)))
    found = next(f for f in result.findings if f.rule == "many-channels")
    assert found.quote == "correspondence (emails, text messages, phone logs, or memoranda)"
    assert found.message.count("(") == found.message.count(")")
