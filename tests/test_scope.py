"""The scope analyser: the done-when checks on the seed, each signal, suggestions, the
separate non-18(f) flags, request-level findings and vocabulary validation."""

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


def rules_of(assessment) -> set[str]:
    return {f.rule for f in assessment.findings}


# ---- done when ----------------------------------------------------------------------------

def test_seed_part_12_is_high_with_an_18f_finding_quoting_its_broad_words():
    request = seed_assessment()
    part12 = request.parts[request.numbers.index("12")]
    assert part12.risk == "high"
    quotes = {f.quote for f in part12.findings if f.section == "18(f)"}
    assert "any MFAT official" in quotes
    assert "any meetings or correspondence" in quotes
    assert any("mention of" in q for q in quotes)
    for finding in part12.findings:
        assert part12.text[finding.span[0]:finding.span[1]] == finding.quote
        if finding.quote:
            assert " ".join(finding.quote.split())[:20] in finding.message
    assert request.risk == "high"


def test_seed_parts_1_to_3_have_no_time_frame():
    request = seed_assessment()
    for number in ("1", "2", "3"):
        part = request.parts[request.numbers.index(number)]
        assert part.period is None and part.period_source == "none"
        assert "no-period" in rules_of(part), number


def test_since_october_2020_starts_on_1_october_2020():
    request = seed_assessment()
    part4 = request.parts[request.numbers.index("4")]
    assert part4.period_source == "part"
    assert part4.period.start == date(2020, 10, 1)
    assert part4.period_text == "since October 2020"


def test_mfat_refinement_with_request_period_stays_out_of_high():
    text = (DATA / "mfat_refined.txt").read_text(encoding="utf-8")
    request = scope.assess_request(split_request(text, today=TODAY), OIA)
    assert len(request.parts) == 5
    assert all(part.risk != "high" for part in request.parts)
    assert all(part.period_source == "request" for part in request.parts)
    assert request.parts[0].period == Period(date(2020, 10, 1), date(2024, 9, 13))


def test_lgoima_findings_cite_17f():
    request = seed_assessment(LGOIMA)
    part12 = request.parts[request.numbers.index("12")]
    sections = {f.section for f in part12.findings if f.concept == "refusal_collation"}
    assert sections == {"17(f)"}
    assert any("s17(f)" in f.message for f in part12.findings)
    assert not any("18(f)" in f.message for f in part12.findings)


# ---- risk comes from combinations ---------------------------------------------------------

def test_answered_copies_of_advice_is_not_high_but_the_refused_pattern_is():
    answered = scope.assess("Copies of all advice since October 2020 to the Ministers of "
                            "Disarmament and Foreign Affairs about cluster munitions.", OIA)
    refused = scope.assess("The dates of any meetings or correspondence any MFAT official has "
                           "had with any member or representative of the UK government that "
                           "included mention of cluster munitions.", OIA)
    assert answered.risk in ("low", "medium")
    assert refused.risk == "high"
    assert refused.score > answered.score


def test_one_broad_word_alone_is_not_high():
    assert scope.assess("All board minutes for the meeting of 5 May 2024.", OIA).risk == "low"
    assert scope.assess("Any emails between the Chief Executive and the Mayor on 3 June 2024 "
                        "about the stadium.", OIA).risk != "high"


def test_all_communications_with_no_subject_is_high_even_for_a_short_period():
    result = scope.assess("All internal communications (including emails, texts, WhatsApp "
                          "messages) sent/received by the Mayor between 1 July 2024 and "
                          "30 September 2024.", LGOIMA)
    assert result.risk == "high"
    assert {"all-communications", "no-subject"} <= rules_of(result)


def test_mitigations_reduce_the_score():
    broad = scope.assess("All emails about the stadium since 1 January 2020.", OIA)
    narrowed = scope.assess("The dates of emails about the stadium since 1 January 2020.", OIA)
    assert narrowed.score < broad.score
    assert "metadata-only" in rules_of(narrowed)


def test_long_period_thresholds_depend_on_record_type():
    comms = scope.assess("Emails between the Minister and the CEO about the port from "
                         "1 January 2024 to 30 September 2024.", OIA)
    docs = scope.assess("Briefings to the Minister about the port from 1 January 2024 to "
                        "30 September 2024.", OIA)
    assert "long-period" in rules_of(comms)
    assert "long-period" not in rules_of(docs)


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
    assert "all corespondence" in quotes
    assert "any staf" in quotes
    assert result.risk == "high"


def test_real_words_are_not_corrected():
    result = scope.assess("The report of the correspondent on the budget for 2023.", OIA)
    assert "communications" not in rules_of(result)
    assert "all-communications" not in rules_of(result)


# ---- findings carry what the UI needs -----------------------------------------------------

def test_finding_fields_and_placeholders():
    text = "Copies of letters from any staff member about the levy in 2023."
    result = scope.assess(text, OIA)
    custodian = next(f for f in result.findings if f.rule == "open-custodian")
    assert custodian.quote == "any staff member"
    assert custodian.section == "18(f)" and custodian.concept == "refusal_collation"
    assert custodian.replacement == "officials in <unit or role>"
    assert custodian.placeholders == ("unit or role",)
    assert custodian.replacement_span is None and custodian.target == custodian.span
    assert custodian.severity in ("warning", "danger")
    assert '"any staff member"' in custodian.message
    as_json = custodian.to_dict()
    assert as_json["replacement_span"] == list(custodian.span)


def test_apply_suggestion_rewrites_the_span():
    text = "Copies of correspondence any staff member sent about the levy in 2023."
    result = scope.assess(text, OIA)
    custodian = next(f for f in result.findings if f.rule == "open-custodian")
    # the subject of "correspondence [that] any staff member sent" is turned round, so the
    # fix reads as English; the quote stays the broad words
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
    assert kept.score == plain.score and kept.risk == plain.risk


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
    assert scope.assess(copies, OIA).risk == "low"


# ---- not 18(f), but still sinks requests ---------------------------------------------------

def test_asking_the_agency_to_create_information():
    result = scope.assess("Why did the Ministry decide to close the Hokitika office?", OIA)
    finding = next(f for f in result.findings if f.rule == "create-information")
    assert finding.quote == "Why did"
    assert finding.concept == "refusal_not_held"
    assert finding.section == "18(g)"


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


def test_non_volume_flags_do_not_change_the_score():
    base = scope.assess("The council's dog control policy.", OIA)
    flagged = scope.assess("The council's dog control policy, urgently.", OIA)
    assert flagged.score == base.score


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


# ---- the vocabulary file --------------------------------------------------------------------

def _rules_data():
    path = Path(scope.__file__).parent / "data" / "scope_rules.yaml"
    return yamlio.load_file(path)


def test_builtin_vocabulary_loads():
    rules = scope.load_rules()
    assert rules.thresholds["medium"] < rules.thresholds["high"]
    assert "all-communications" in rules.signals


@pytest.mark.parametrize("mutate,message", [
    (lambda d: d.__setitem__("version", 2), "unsupported version"),
    (lambda d: d["signals"]["open-custodian"].__setitem__("severity", "loud"), "severity"),
    (lambda d: d["signals"]["open-custodian"].__setitem__("concept", "nope"), "unknown concept"),
    (lambda d: d["signals"]["open-custodian"].__setitem__("weight", "heavy"), "must be a number"),
    (lambda d: d["vocabulary"]["quantifier"].__setitem__("patterns", ["(unclosed"]),
     "bad pattern"),
    (lambda d: d["thresholds"].__setitem__("high", 1), "medium < high"),
    (lambda d: d["combinations"].append({"all": ["no-such-signal"], "weight": 1}),
     "unknown signal"),
    (lambda d: d["signals"]["open-custodian"].__setitem__("message", "{nope}"),
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
    data["signals"]["open-custodian"]["severity"] = "loud"
    with pytest.raises(DataError) as info:
        scope.parse_rules(data)
    assert info.value.line == data["signals"]["open-custodian"].line_of("severity")


# ---- placeholders: one name per blank ----------------------------------------------------------

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
        names = [" ".join(n.lower().split()) for n in scope._PLACEHOLDER.findall(template)]
        assert len(names) == len(set(names)), where
        seen_any = seen_any or len(names) >= 2
    assert seen_any  # there are templates with two blanks, and they differ


def test_two_blanks_take_two_different_fills():
    text = "All communications about the port levy in 2023."
    finding = next(f for f in scope.assess(text, OIA).findings if f.rule == "all-communications")
    assert len(finding.placeholders) == 2
    fills = dict(zip(finding.placeholders, ["the Chief Executive", "Treasury"], strict=True))
    rewritten = scope.apply_suggestion(text, finding, fills)
    # the quantifier goes with the broad words; the sentence still starts with a capital
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


# ---- findings about missing words: where they sit and how they read ---------------------------

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
    text = "Emails between the Mayor and the CEO about the stadium."
    finding = next(f for f in scope.assess(text, context).findings if f.rule == "long-period")
    end = len(text) - 1
    assert finding.span == (end, end) and finding.quote == ""
    assert finding.replacement is None  # advice: the period is set for the whole request
    assert "the period set for the whole request" in finding.message


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
    for text in SAMPLES:
        for context in (OIA, LGOIMA):
            yield from ((text, f) for f in scope.assess(text, context).findings)
    for text in SAMPLES:
        context = scope.Context(today=TODAY, request_period=Period(date(2015, 1, 1),
                                                                    date(2024, 9, 1)))
        yield from ((text, f) for f in scope.assess(text, context).findings)


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
    # the sample covers most rules, including the ones about missing words
    assert {"no-period", "no-subject", "unbounded-holders", "long-period", "all-communications",
            "open-custodian", "inclusive", "and-or", "create-information", "own-information",
            "urgency-without-reasons", "case-statistics", "whole-agency",
            "generic-records"} <= rules_seen


def test_every_warning_says_what_to_do():
    for rule in scope.load_rules().signals.values():
        if rule.severity == "warning" or rule.weight > 0:
            assert rule.suggestion, rule.id


def test_no_finding_message_uses_legal_shorthand():
    for _, finding in _all_findings():
        for jargon in ("aforementioned", "hereby", "pursuant", "inter alia", "s.18"):
            assert jargon not in finding.message.lower()


# ---- request level: repeats reported once; dates then copies nearby ------------------------

def test_a_repeated_part_is_reported_once_against_the_first():
    same = "Briefings to the Minister about the port in 2023."
    request = scope.assess_request([same, same, "The Cabinet paper on the port.", same], OIA)
    messages = [f.message for f in request.findings if f.rule == "near-duplicate"]
    assert len(messages) == 2
    assert messages[0].startswith("Parts 1 and 2 ")
    assert messages[1].startswith("Parts 1 and 4 ")


def test_counting_people_by_something_about_each_is_case_statistics():
    result = scope.assess("The number of people who had a complaint upheld in 2023.", OIA)
    assert "case-statistics" in rules_of(result)
    assert "metadata-only" not in rules_of(result)
    plain = scope.assess("The number of complaints received in 2023.", OIA)
    assert "metadata-only" in rules_of(plain) and "case-statistics" not in rules_of(plain)


def test_dates_then_copies_pairs_only_nearby_parts():
    dates = "The dates of emails between the Mayor and the CEO about the stadium in 2024."
    copies = "Copies of emails between the Mayor and the CEO about the stadium in 2024."
    filler = [f"The Cabinet paper on topic {n}." for n in range(10)]
    near = scope.assess_request([dates, *filler[:3], copies], OIA)
    assert [f.rule for f in near.findings].count("dates-then-copies") == 1
    far = scope.assess_request([dates, *filler, copies], OIA)
    assert "dates-then-copies" not in [f.rule for f in far.findings]
