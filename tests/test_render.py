"""The letter renderer: layout, periods, clause order and urgency, and user text kept as data."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from property_budget import examples

from oiadraft import mdtext
from oiadraft.clauses import Clause, Library
from oiadraft.letter.render import build_letter, default_clause_ids, render_markdown, render_text
from oiadraft.model import Draft, Part, Period, Requester

TODAY = date(2024, 9, 13)
LIBRARY = Library.load()
SPAN = Period(date(2020, 10, 1), date(2024, 9, 13))


def text(draft: Draft, library: Library = LIBRARY) -> str:
    return render_text(draft, library=library, today=TODAY)


def markdown(draft: Draft, library: Library = LIBRARY) -> str:
    return render_markdown(draft, library=library, today=TODAY)


def full_draft(act: str = "oia") -> Draft:
    return Draft(act=act, agency="Department of Internal Affairs", topic="Passport wait times",
                 period=SPAN, parts=[Part("Weekly passport processing times."),
                                     Part("Briefings to the Minister on passport demand.")],
                 clauses=default_clause_ids(LIBRARY, act), requester=Requester(name="Kiri Ngata"))


# ---- layout ----------------------------------------------------------------------------------


def test_text_is_ready_to_paste_no_markdown_no_hard_wrapping():
    for act in ("oia", "lgoima"):
        letter = text(full_draft(act))
        assert letter.endswith("\n") and not letter.endswith("\n\n")
        assert "\n\n\n" not in letter
        assert not re.search(r"[*_`#]|\]\(|^\s*>", letter, re.MULTILINE), letter
        assert all(line == line.rstrip() for line in letter.splitlines())
        for paragraph in letter.split("\n\n"):
            lines = paragraph.split("\n")
            list_like = all(re.match(r"\(\w+\) |\d+\. |- |\s", line) for line in lines[1:])
            sign_off = paragraph.startswith("Ngā mihi")
            assert len(lines) == 1 or list_like or sign_off, f"hard-wrapped: {paragraph!r}"


def test_the_letter_opens_and_closes_properly():
    letter = text(full_draft()).split("\n\n")
    assert letter[0] == "OIA request: Passport wait times"
    assert letter[1] == "Tēnā koutou,"  # an organisation is greeted as a group
    assert letter[2] == "I request the following information under the Official Information Act 1982."
    assert letter[3] == ("This request covers the period from 1 October 2020 to 13 September "
                         "2024.")
    assert letter[4] == "1. Weekly passport processing times."
    assert letter[5] == "2. Briefings to the Minister on passport demand."
    assert letter[-1] == "Ngā mihi\nKiri Ngata\n"


def test_lgoima_letter_names_the_act_and_its_sections():
    letter = text(full_draft("lgoima"))
    assert "under the Local Government Official Information and Meetings Act 1987." in letter
    assert "Under section 15 of the Local Government" in letter
    assert "under section 18(a)(ii)" in letter and "under section 7(1)" in letter
    assert "section 16 of" not in letter and "section 19" not in letter
    assert "section 9(1)" not in letter and "as section 16 provides" in letter  # deletions


def test_an_empty_draft_still_renders():
    letter = text(Draft())
    assert letter.startswith("Tēnā koutou,\n\nI request the following information under the "
                             "Official Information Act 1982.\n\n")
    assert letter.endswith("Ngā mihi\n")


def test_markdown_output_is_markdown_of_the_same_letter():
    draft = full_draft()
    md = markdown(draft)
    assert md.startswith("# OIA request: Passport wait times\n\nTēnā koutou,")
    assert "1. Weekly passport processing times.\n\n2. Briefings" in md
    assert "(a) Electronic copies" in md
    assert md.endswith("Ngā mihi\\\nKiri Ngata\n")
    # Every sentence of the text letter is in the Markdown rendered back to text.
    back = mdtext.to_text(md)
    for paragraph in text(draft).split("\n\n"):
        for line in paragraph.splitlines():
            assert line.strip() in back, line


# ---- periods ---------------------------------------------------------------------------------


def test_request_period_is_said_once_unless_a_part_has_its_own():
    draft = full_draft()
    draft.parts.append(Part("Cabinet papers since March 2023."))
    draft.parts.append(Part("Staffing reports.", period=Period(date(2022, 7, 1), date(2023, 6, 30))))
    draft.parts.append(Part("Ministerial letters", period=SPAN))  # same as the request's
    letter = text(draft)
    assert "Unless a part says otherwise, this request covers the period from 1 October 2020 " \
           "to 13 September 2024." in letter
    assert "3. Cabinet papers since March 2023.\n" in letter
    assert "4. Staffing reports (from 1 July 2022 to 30 June 2023).\n" in letter
    assert "5. Ministerial letters\n" in letter


def test_no_request_period_sentence_when_every_part_states_its_own_or_none_is_set():
    draft = full_draft()
    draft.parts = [Part("Reports from 2023.")]
    assert "this request covers" not in text(draft)
    draft.period = None
    draft.parts = [Part("Reports."), Part("Minutes", period=Period(date(2023, 1, 1), None))]
    letter = text(draft)
    assert "covers" not in letter
    assert "1. Reports.\n" in letter
    assert "2. Minutes (from 1 January 2023 to the date of this request)\n" in letter


# ---- clauses ---------------------------------------------------------------------------------


def test_clauses_follow_kind_order_whatever_the_draft_order():
    draft = full_draft()
    draft.clauses = ["thanks", "grounds-in-support", "no-watermark", "consult-before-refusing",
                     "partial-release", "searchable-text"]
    letter = text(draft)
    order = ["I am happy to refine", "my preferences", "(a) Text that can be searched",
             "(b) No watermark", "Where only some", "If you refuse any part", "Thank you"]
    positions = [letter.index(piece) for piece in order]
    assert positions == sorted(positions)
    assert build_letter(draft, LIBRARY, TODAY).used_clauses == [
        "consult-before-refusing", "searchable-text", "no-watermark", "partial-release",
        "grounds-in-support", "thanks"]


def test_urgency_appears_only_when_urgent_and_always_with_reasons():
    draft = full_draft()
    draft.clauses.append("urgency")
    assert "urgent" not in text(draft)
    draft.urgent = True
    draft.urgency_reasons = "A hearing on 1 May."
    letter = text(draft)
    assert "Please treat this request as urgent. As section 12(3)" in letter
    assert "reasons:\n\nA hearing on 1 May.\n\n" in letter
    draft.clauses.remove("urgency")
    assert text(draft) == letter, "an urgent draft gets the urgency clause even if not chosen"
    draft.urgency_reasons = ""
    assert "[your reasons for urgency]" in text(draft)


def test_a_per_draft_edit_replaces_the_body_and_unknown_ids_are_reported():
    draft = full_draft()
    draft.clause_edits = {"thanks": "Cheers, {agency}!", "gone-but-edited": "My own *words*."}
    draft.clauses += ["gone-but-edited", "gone"]
    letter = text(draft)
    assert "Cheers, Department of Internal Affairs!" in letter
    assert "Thank you for your help" not in letter
    assert "My own words." in letter
    built = build_letter(draft, LIBRARY, TODAY)
    assert built.missing_clauses == ["gone"]


def test_a_clause_for_the_other_act_is_left_out_and_reported():
    only_oia = Clause(id="oia-only", title="OIA only", kind="process", acts=("oia",),
                      body="Only under the OIA.")
    library = Library.from_clauses([*LIBRARY.clauses(), only_oia])
    draft = full_draft("lgoima")
    draft.clauses.append("oia-only")
    assert "Only under the OIA." not in text(draft, library)
    assert build_letter(draft, library, TODAY).skipped_clauses == ["oia-only"]
    assert "Only under the OIA." in text(full_draft("oia").copy(clauses=["oia-only"]), library)


def test_the_preferences_outro_asks_for_the_reason_and_the_grounds():
    # OIA s16(3) / LGOIMA s15(3): where the preferred way is not used the agency must give
    # "(a) the reason for not providing the information in that way; and (b) if that person so
    # requests, the grounds in support of that reason" -- so the letter asks for (b).
    oia, lgoima = text(full_draft("oia")), text(full_draft("lgoima"))
    assert "as section 16(3)(a) requires, and I ask now, under section 16(3)(b)" in oia
    assert "as section 15(3)(a) requires, and I ask now, under section 15(3)(b)" in lgoima
    assert "section 16(2)" not in oia and "section 15(2)" not in lgoima


def test_preferences_that_are_not_single_paragraphs_are_not_lettered():
    library = Library.from_clauses([
        *LIBRARY.clauses(),
        Clause(id="long-pref", title="Long", kind="preference", section=("preferences",),
               body="Two paragraphs.\n\n- with\n- a list"),
    ])
    draft = full_draft()
    draft.clauses = ["searchable-text", "long-pref"]
    letter = text(draft, library)
    assert "\n(a) " not in letter
    assert "Two paragraphs.\n\n- with\n- a list" in letter


def test_priority_parts_and_default_clause_ids():
    draft = full_draft()
    draft.clauses.append("priority-order")
    assert "Please treat [which parts first] as the priority." in text(draft)
    assert "part 1 as the priority" not in text(draft)
    draft.priority = [draft.parts[1].id]
    assert "Please treat part 2 as the priority." in text(draft)
    oia = default_clause_ids(LIBRARY, "oia")
    assert "grounds-in-support" in oia and "searchable-text" in oia and "urgency" not in oia
    assert oia == [c.id for c in LIBRARY.clauses("oia") if c.default]
    assert default_clause_ids(LIBRARY, "lgoima", chosen=["thanks", "extension-notice",
                                                         "urgency"]) == ["extension-notice",
                                                                         "thanks"]


# ---- user text is data -----------------------------------------------------------------------


def test_user_markdown_is_literal_in_text_and_escaped_in_markdown():
    draft = Draft(agency="Te *Whatu* Ora", topic="# headline [x](http://y)",
                  parts=[Part("Emails with **bold** and <b>tags</b> and `code` & &amp; more\n"
                              "1986. was a year\n- a bullet")],
                  clauses=["note"], clause_edits={"note": "Kia ora {agency}."},
                  requester=Requester(name="Jo_Bloggs", sign_off="Ka kite *ano*"))
    letter = text(draft)
    assert "OIA request: # headline [x](http://y)" in letter
    assert "Kia ora Te *Whatu* Ora." in letter
    assert ("1. Emails with **bold** and <b>tags</b> and `code` & &amp; more 1986. was a year\n"
            "   - a bullet") in letter
    assert letter.endswith("Ka kite *ano*\nJo_Bloggs\n")
    tokens = _inline_types(markdown(draft))
    assert not tokens & {"em_open", "strong_open", "link_open", "code_inline", "html_inline",
                         "image"}


def _block_types(md: str) -> set[str]:
    return {token.type for token in MarkdownIt("commonmark").parse(md)}


def _inline_types(md: str) -> set[str]:
    types = set()
    for token in MarkdownIt("commonmark").parse(md):
        for child in token.children or []:
            types.add(child.type)
    return types


user_text = st.lists(
    st.one_of(st.characters(codec="utf-8"),
              st.sampled_from([*"*_[]()#`<>&\\-+=|!~.\n", "1. ", "- ", "  ", "&amp;", "http://a"])),
    min_size=1, max_size=40,
).map("".join).filter(lambda s: s.strip())


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(part=user_text, topic=user_text, name=user_text)
def test_any_user_text_stays_data(part, topic, name):
    draft = Draft(agency="Agency", topic=topic, parts=[Part(part)],
                  requester=Requester(name=name))
    letter = build_letter(draft, LIBRARY, TODAY)
    assert mdtext.to_text(letter.parts[0]) == mdtext.unwrap(part)
    plain = text(draft)
    assert "1. " + mdtext.unwrap(part).split("\n")[0] in plain
    md = markdown(draft)
    assert _block_types(md) <= {"heading_open", "heading_close", "paragraph_open",
                                "paragraph_close", "ordered_list_open", "ordered_list_close",
                                "list_item_open", "list_item_close", "inline"}
    assert _inline_types(md) <= {"text", "softbreak", "hardbreak"}


# ---- salutation and period sentence (the letter reads as English in every state) ------------


@pytest.mark.parametrize(("agency_id", "agency", "expected"), [
    ("minister-health", "Minister of Health", "Tēnā koe, Minister of Health,"),
    ("prime-minister", "Prime Minister", "Tēnā koe, Prime Minister,"),
    ("dia", "Department of Internal Affairs", "Tēnā koutou,"),
    (None, "Friends of the Earth office", "Tēnā koutou,"),  # typed freely: an organisation
    ("minister-health", "", "Tēnā koutou,"),  # no name to greet
])
def test_salutation_follows_the_recipient(agency_id, agency, expected):
    draft = full_draft().copy(agency_id=agency_id, agency=agency)
    assert text(draft).split("\n\n")[1] == expected


def test_a_named_person_is_greeted_by_name(monkeypatch):
    from oiadraft import agencies
    from oiadraft.letter import values

    person = agencies.Agency(id="aroha", name="Aroha Te Pou", kind="person", act="oia",
                             source="x")
    monkeypatch.setattr(agencies, "get", lambda agency_id: person)
    draft = full_draft().copy(agency_id="aroha", agency="Aroha *Te* Pou")
    assert values.salutation(draft, values.placeholder_values(draft)) == "Tēnā koe Aroha \\*Te\\* Pou,"
    assert text(draft).split("\n\n")[1] == "Tēnā koe Aroha *Te* Pou,"


@pytest.mark.parametrize(("period", "sentence"), [
    (Period(date(2020, 10, 1), None, until_request=True),
     "This request covers the period from 1 October 2020 to the date of this request."),
    (Period(date(2020, 10, 1), None),
     "This request covers the period from 1 October 2020 to the date of this request."),
    (Period(None, date(2024, 9, 13)), "This request covers the period up to 13 September 2024."),
    (Period(None, None, until_request=True),
     "This request covers the period up to the date of this request."),
    (Period(date(2024, 9, 13), date(2024, 9, 13)), "This request covers 13 September 2024."),
    (Period(), "This request covers any date."),
])
def test_the_period_sentence_reads_as_english_in_every_state(period, sentence):
    letter = text(full_draft().copy(period=period))
    assert sentence in letter.split("\n\n")
    assert "covers since" not in letter and "covers up to" not in letter
