"""Part splitting: numbered parts found in pasted letters; greetings, background, clauses and
sign-offs are not parts; a whole-request period sentence is found."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from oiadraft.letter.splitter import split_request

DATA = Path(__file__).parent / "data"
TODAY = date(2024, 9, 13)


def seed() -> str:
    return (DATA / "seed_request.txt").read_text(encoding="utf-8")


def test_seed_has_thirteen_parts_and_no_preamble_or_clause_parts():
    split = split_request(seed(), today=TODAY)
    assert [p.number for p in split.parts] == [str(n) for n in range(1, 14)]
    assert split.parts[0].text.startswith("The dates on which New Zealand, pursuant to Article")
    # the quoted Article 21 numbering in the background is not the request's numbering
    assert "Each State Party shall encourage" in split.preamble
    assert split.parts[-1].text.endswith("Convention on Cluster\nMunitions.")
    assert "preferences" not in split.parts[-1].text
    assert "Yours faithfully" in split.closing
    kinds = {kind for kind, _ in split.ignored}
    assert {"greeting", "clause", "sign-off"} <= kinds


def test_inline_sub_items_stay_inside_their_part():
    split = split_request(seed(), today=TODAY)
    part8 = split.parts[7]
    assert "(a)\nDisarmament and Arms Control and (b) Foreign Affairs" in part8.text


def test_part_text_is_the_slice_at_its_span():
    text = seed()
    for part in split_request(text, today=TODAY).parts:
        assert text[part.span[0]:part.span[1]] == part.text


def test_whole_request_period_sentence_is_found():
    text = (DATA / "mfat_refined.txt").read_text(encoding="utf-8")
    split = split_request(text, today=TODAY)
    assert [p.number for p in split.parts] == ["1", "2", "3", "4", "5"]
    assert split.request_period is not None
    assert split.request_period.period.start == date(2020, 10, 1)
    assert split.request_period.period.end == date(2024, 9, 13)
    assert text[split.request_period.start:split.request_period.end] == split.request_period.text


@pytest.mark.parametrize("marker,expected", [
    ("1.", "1"), ("1)", "1"), ("(1)", "1"), ("1-", "1"), ("a)", "a"), ("(a)", "a"),
    ("(i)", "i"), ("-", "1"), ("•", "1"), ("*", "1"),
    ("Q1.", "1"), ("q1)", "1"), ("Question 1:", "1"), ("QUESTION 1.", "1"),
])
def test_marker_styles(marker, expected):
    second = {"1.": "2.", "1)": "2)", "(1)": "(2)", "1-": "2-", "a)": "b)", "(a)": "(b)",
              "(i)": "(ii)", "-": "-", "•": "•", "*": "*", "Q1.": "Q2.", "q1)": "q2)",
              "Question 1:": "Question 2:", "QUESTION 1.": "QUESTION 2."}[marker]
    text = f"Kia ora,\n\nPlease provide:\n{marker} the board minutes for May 2024\n" \
           f"{second} the chief executive's expense claims for 2023\n\nNgā mihi,\nSam"
    split = split_request(text, today=TODAY)
    assert split.parts[0].number == expected
    assert len(split.parts) == 2
    assert split.parts[0].text == "the board minutes for May 2024"
    assert split.parts[1].text == "the chief executive's expense claims for 2023"


def test_lettered_list_keeps_i_as_a_letter_after_h():
    items = "\n".join(f"({chr(96 + n)}) item {n}" for n in range(1, 11))
    split = split_request(items, today=TODAY)
    assert [p.number for p in split.parts] == list("abcdefghij")


def test_roman_list():
    split = split_request("(i) the first report\n(ii) the second report\n(iii) the third",
                          today=TODAY)
    assert [p.number for p in split.parts] == ["i", "ii", "iii"]


def test_lower_level_numbering_stays_inside_parts():
    text = ("1. Copies of the following reports:\n  a) the 2023 audit\n  b) the 2024 audit\n"
            "2. The board minutes for June 2024.")
    split = split_request(text, today=TODAY)
    assert [p.number for p in split.parts] == ["1", "2"]
    assert "b) the 2024 audit" in split.parts[0].text


BACKGROUND_LIST = """Kia ora Kāinga Ora,

I live in a Kāinga Ora home in Porirua. Over the last year:
1. my heat pump has been broken since March;
2. I reported mould three times.

I am writing about the Healthy Homes programme. Please provide:

a) the Healthy Homes compliance reports for Porirua East, from 1 July 2023 to 30 June 2024;
b) any guidance given to tenancy managers on mould complaints in 2024.

Nāku noa, nā
Rewi
"""


def test_a_list_in_the_background_leaves_the_parts_to_the_list_the_request_introduces():
    """Background told as a list, then "Please provide:" and the request's own list: the parts
    are the request's, and the background list is preamble."""
    split = split_request(BACKGROUND_LIST, today=TODAY)
    assert [p.number for p in split.parts] == ["a", "b"]
    assert split.parts[1].text.startswith("any guidance") and "Rewi" not in split.parts[1].text
    assert "my heat pump" in split.preamble and "Please provide:" in split.preamble
    # a list the request itself introduces keeps its parts, whatever follows it
    asked = BACKGROUND_LIST.replace("Over the last year:", "Please provide:")
    assert [p.number for p in split_request(asked, today=TODAY).parts] == ["1", "2"]
    # a lead-in written inside the last part is that part's, and so is its list
    inner = ("1. The board minutes for June 2024.\n\n2. Copies of the following reports:\n\n"
             "a) the 2023 audit\nb) the 2024 audit\n")
    assert [p.number for p in split_request(inner, today=TODAY).parts] == ["1", "2"]
    # prose with no request in it before a later list leaves that list inside the last part
    noted = BACKGROUND_LIST.replace("Please provide:", "In particular:")
    assert [p.number for p in split_request(noted, today=TODAY).parts] == ["1", "2"]


RESPONSE = """Tēnā koe Jo

We refer to your email of 13 September 2024 in which you request the following under the
Official Information Act 1982 (OIA):

Please provide me with the following information:

1. The dates of meetings with the Ministry of Defence about the Convention in 2023.

2. Copies of the minutes of those meetings.

Under section 16 of the Official Information Act, my preferences are electronic copies.

Your request has been broken down into 2 sections to aid in our response:

Section 1:
1) The dates of meetings with the Ministry of Defence about the Convention in 2023.

Please refer to pages 1-5 of the collated documents. Some dates are withheld.

Section 2:
2) Copies of the minutes of those meetings.

These are refused in full under section 18(d) of the OIA.

Nāku noa, nā
The Ministry
"""


def test_an_agency_s_response_is_split_at_the_request_it_quotes_not_its_answers():
    """A response quotes the request, then goes through it again with its answers, numbered
    alike: of two lists as long as each other, the one a paragraph that asks introduces holds
    the parts, so the agency's answers never become a part's words."""
    split = split_request(RESPONSE, today=TODAY)
    assert [p.number for p in split.parts] == ["1", "2"]
    assert split.parts[1].text == "Copies of the minutes of those meetings."
    assert "Please refer" not in split.parts[0].text
    # with no paragraph that asks before either, the later list is still the one kept
    plain = RESPONSE.replace("Please provide me with the following information:", "Thus:")
    assert "Please refer" in split_request(plain, today=TODAY).parts[0].text


def test_unnumbered_text_is_one_part_without_greeting_and_sign_off():
    text = ("Dear Wellington City Council,\n\nPlease provide the minutes of the Pōneke "
            "Promise steering group meetings held in 2024.\n\nKind regards,\n\nAlex")
    split = split_request(text, today=TODAY)
    assert split.scheme == "none"
    assert len(split.parts) == 1
    assert split.parts[0].text == ("Please provide the minutes of the Pōneke Promise steering "
                                   "group meetings held in 2024.")


def test_unnumbered_background_before_the_paragraph_that_asks_is_not_the_part():
    """A letter with no numbering that tells its story first: the part is what it asks for,
    from the paragraph that asks; the story is preamble (its "public meetings" and "an
    explanation" are not things requested)."""
    story = ("I run a shop on Cuba Street. The works were to take six weeks; it has been six "
             "months. I asked at two public meetings for an explanation and had none.")
    ask = ("Could you please send me the project's risk register and any reports to the "
           "Infrastructure Committee about delays to the works between March and September "
           "2024.")
    more = "If the register has several versions, the latest is enough."
    text = f"Good morning,\n\n{story}\n\n{ask}\n\n{more}\n\nThank you for your help,\nChris\n"
    split = split_request(text, today=TODAY)
    assert [p.text for p in split.parts] == [f"{ask}\n\n{more}"]
    assert story in split.preamble
    # a letter that asks in its first paragraph keeps every paragraph in its part
    first = split_request(f"{ask}\n\n{story}\n", today=TODAY)
    assert [p.text for p in first.parts] == [f"{ask}\n\n{story}"]
    # and one that never says it asks is one part, as before
    told = split_request(f"{story}\n\n{more}\n", today=TODAY)
    assert [p.text for p in told.parts] == [f"{story}\n\n{more}"]


def test_a_request_quoted_in_an_email_reply_is_split_as_if_unquoted():
    """An advocate pastes the request from an email thread, where every line of it is quoted
    ("> 1. ..."): the parts are found, without their quote marks."""
    text = ("-----Original Message-----\nFrom: Sam <sam@example.org>\nSubject: RE: OIA request"
            " - vaping enforcement\n\n> Kia ora,\n>\n> Please provide:\n>\n> 1. the number of "
            "infringement notices issued\n> for selling vapes to minors in 2023;\n> 2. any "
            "briefings to the Minister about vaping in 2024.\n>\n> Nga mihi\n> Sam\n")
    split = split_request(text, today=TODAY)
    assert [p.text for p in split.parts] == [
        "the number of infringement notices issued\nfor selling vapes to minors in 2023;",
        "any briefings to the Minister about vaping in 2024."]
    for part in split.parts:
        assert split.source[part.span[0]:part.span[1]] == part.text
    assert "Nga mihi" in split.closing and ">" not in split.closing
    # a line or two starting with ">" in an ordinary request is left as written
    plain = "1. Reports on sites with > 50 staff.\n2. The board minutes for 2024.\n"
    assert split_request(plain, today=TODAY).source == plain


def test_greeting_only_gives_no_parts():
    assert split_request("Kia ora,\n\nNgā mihi,\nSam", today=TODAY).parts == ()
    assert split_request("", today=TODAY).parts == ()


def test_trailing_timeframe_line_sets_the_request_period():
    text = ("1. The briefings to the Minister on the bill.\n2. The Cabinet paper on the bill.\n\n"
            "Timeframe: 1 January 2024 to 30 June 2024.")
    split = split_request(text, today=TODAY)
    assert split.request_period is not None
    assert split.request_period.period.start == date(2024, 1, 1)


def test_a_period_introducing_another_list_after_the_parts_is_not_the_requests():
    """An agency's response quotes the request, then the refinement it proposed ("All
    timeframes are from ...", then its own list), which the requester may have declined:
    that period belongs to the agency's list, not to the parts."""
    text = (DATA / "response_with_refinement.txt").read_text(encoding="utf-8")
    split = split_request(text, today=TODAY)
    assert [p.number for p in split.parts] == ["1", "2"]
    assert split.request_period is None
    # the same sentence after the parts, introducing nothing, is the request's
    own = text.split("On 24 September")[0] + "All timeframes are from 1 October 2020 to 13 " \
        "September 2024.\n\nUnder section 16 I prefer electronic copies."
    assert split_request(own, today=TODAY).request_period.period.start == date(2020, 10, 1)


def test_page_furniture_and_crlf_do_not_break_parts():
    text = "1. The first thing\r\n\r\nPage 2 of 3\r\n\r\ncontinued here\r\n2. The second thing"
    split = split_request(text, today=TODAY)
    assert [p.number for p in split.parts] == ["1", "2"]
    assert "continued here" in split.parts[0].text


def test_the_splitter_reads_its_own_cue_file_not_the_scope_analyser():
    import ast

    from oiadraft.letter import splitter

    tree = ast.parse(Path(splitter.__file__).read_text(encoding="utf-8"))
    imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    imported |= {alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
                 for alias in node.names}
    assert "scope" not in imported and "oiadraft.scope" not in imported
    rules = splitter._letter_rules()
    assert rules["greeting"].match("Tēnā koutou,") and rules["sign_off"].match("Ngā mihi")
    # a paragraph citing a preference or reasons section of any Act is a clause paragraph
    assert rules["clause"].search("Under section 15 I prefer") is not None  # LGOIMA s15
    assert rules["clause"].search("under section 19(a)(ii) please") is not None  # OIA


@pytest.mark.parametrize("sentence", [
    "All timeframes are from 1 October 2020 to 13 September 2024.",
    "Time frame for all parts: 2023.", "For each part, from March 2023.",
    "Unless otherwise stated, since 2021.", "Timeframe: 2022", "Period: 2022",
    "This request covers the period 2021 to 2022.", "The period of this request is 2022.",
    "In all parts, 2023.", "IN EVERY QUESTION: since 2021.", "For every item, May 2024.",
    "Please provide the following for the period 1 January 2023 to 30 June 2024:",
    "I request the following information from 1 March 2024 to 31 May 2024:",
])
def test_every_request_period_pattern_sentence_has_a_required_word(sentence):
    from oiadraft.letter import splitter
    from oiadraft.text import fold_case

    rules = splitter._letter_rules()
    assert rules["request_period"].search(sentence)
    assert rules["request_period_words"].search(fold_case(sentence))


def test_a_found_part_is_cleaned_of_page_furniture_and_line_end_spaces():
    from oiadraft.letter.splitter import clean_part_text

    broken = "of the United \n\n \nPage 3 of 9\n \n \nKingdom that included \nmention."
    assert clean_part_text(broken) == "of the United\nKingdom that included\nmention."
    kept = "First paragraph.\n\nSecond paragraph, page 3 of the report\n- a\n- b"
    assert clean_part_text(kept) == kept
    assert clean_part_text("Page 1 of 2\n\nBriefings to the Minister") == \
        "Briefings to the Minister"
    # a page or column break with no furniture, in the middle of a sentence
    assert clean_part_text("advice on what New \n\nZealand needed to do.") == \
        "advice on what New\nZealand needed to do."
    assert clean_part_text("The following:\n\n(a) briefings.\n\n(b) reports.") == \
        "The following:\n\n(a) briefings.\n\n(b) reports."


@pytest.mark.parametrize("preamble,expected", [
    ("Dear Ministry of Foreign Affairs and Trade,\n\nOn 22 December 2009 ...",
     "Ministry of Foreign Affairs and Trade"),
    ("Kia ora Wellington City Council\n\nI write about the library.", "Wellington City Council"),
    ("To: Waka Kotahi\nDear Sir", "Waka Kotahi"),
    ("  Dear   Auckland   Council!  \n", "Auckland Council"),
    ("Hello,\n\nI write about the library.", None),
    ("Background only: nothing is addressed here.", None),
])
def test_the_addressee_is_read_from_the_greeting_line(preamble, expected):
    from oiadraft.letter.splitter import addressee

    assert addressee(preamble) == expected


@pytest.mark.parametrize("preamble,expected", [
    ("Subject: Road safety audits\n\nDear Sir,", "Road safety audits"),
    ("Re: OIA request - Road safety audits\n", "Road safety audits"),
    ("OIA request: cluster munitions obligations\n\nDear MFAT,", "cluster munitions obligations"),
    ("Dear AT,\n\nI am writing about the Great North Road cycleway upgrade. Please provide:",
     "the Great North Road cycleway upgrade"),
    ("Please provide the following information about the closure of the Kaik\u014dura office:",
     "the closure of the Kaik\u014dura office"),
    ("Re: Official Information Act request\n\nDear Sir,", None),
    ("I would like to request information regarding the following:", None),
    ("I am writing to request information under the Official Information Act 1982.", None),
    ("Dear Minister,\n\nPlease provide me with the following information:", None),
    ("Dear Sir,\n\nI attended a meeting on 5 May about it.", None),
    # pasted from an email, or a Markdown export's heading
    ("Subject: RE: Fwd: OIA request - Road safety audits\n", "Road safety audits"),
    ("Subject: Request for information - Road safety audits", "Road safety audits"),
    ("Subject: Official Information Act 1982 request: Road safety", "Road safety"),
    ("# LGOIMA request: Dog\\_control \\*bylaw\\*\n\nKia ora,", "Dog_control *bylaw*"),
    ("## Subject: Official information request", None),
])
def test_the_subject_of_the_whole_request_is_read_from_the_opening(preamble, expected):
    from oiadraft.letter.splitter import subject

    assert subject(preamble) == expected


@pytest.mark.parametrize("key", ["addressee", "subject"])
def test_a_cue_pattern_without_its_name_group_is_a_data_error(tmp_path, monkeypatch, key):
    from oiadraft import paths
    from oiadraft.errors import DataError
    from oiadraft.letter import splitter

    cues = paths.data_file(splitter.CUES_FILE).read_text(encoding="utf-8")
    at = cues.index(f"\n{key}:")
    broken = tmp_path / splitter.CUES_FILE
    broken.write_text(cues[:at] + cues[at:].replace("(?P<name>", "(", 1), encoding="utf-8")
    monkeypatch.setattr(paths, "data_file", lambda name: broken)
    splitter._letter_rules.cache_clear()
    try:
        with pytest.raises(DataError, match=rf"{key}: .*needs a \(\?P<name>\.\.\.\) group") as info:
            splitter._letter_rules()
        assert info.value.line == cues[:at].count("\n") + 2
    finally:
        monkeypatch.undo()
        splitter._letter_rules.cache_clear()


@pytest.mark.parametrize("text,parts,closing", [
    # every part one paragraph: the paragraph after the last is the letter's closing
    ("1. All briefings on X in 2023.\n2. All reports on Y in 2023.\n\nPlease confirm receipt "
     "of this email to prevent follow-up emails.\n",
     ["All briefings on X in 2023.", "All reports on Y in 2023."],
     "Please confirm receipt of this email to prevent follow-up emails."),
    # ... but not what the last part leads into, a sub-list, or a sentence going on with it
    ("1. A one.\n2. B, including:\n\nthe minutes.\n", ["A one.", "B, including:\n\nthe minutes."],
     ""),
    ("1. A one.\n2. B two\n\n(a) X\n(b) Y\n", ["A one.", "B two\n\n(a) X\n(b) Y"], ""),
    ("1. A one.\n2. B two\n\nand C too.\n", ["A one.", "B two\n\nand C too."], ""),
    # a part of several paragraphs before it: the last may have several too
    ("1. A one.\n\nMore of A.\n\n2. B two.\n\nMore of B.\n",
     ["A one.\n\nMore of A.", "B two.\n\nMore of B."], ""),
])
def test_the_paragraph_after_a_one_paragraph_last_part_is_the_closing(text, parts, closing):
    split = split_request(text)
    assert [part.text for part in split.parts] == parts
    assert split.closing == closing


@pytest.mark.parametrize("lead,start,end", [
    ("Please provide the following for the period 1 January 2023 to 30 June 2024:",
     date(2023, 1, 1), date(2024, 6, 30)),
    ("I request the following information since 1 July 2023:", date(2023, 7, 1), None),
    ("Please provide the following information about the 2023 floods:", None, None),
])
def test_the_sentence_asking_for_the_list_may_set_the_period(lead, start, end):
    text = (f"Dear Ministry of Health,\n\n{lead}\n\n1. All briefings to the Minister about "
            "vaping.\n2. The number of complaints about vape shops.\n\nRegards,\nJo\n")
    split = split_request(text, today=date(2024, 9, 13))
    assert len(split.parts) == 2
    found = split.request_period
    if start is None:
        assert found is None
    else:
        assert found is not None and found.period.start == start
        if end is not None:
            assert found.period.end == end
