"""A request pasted whole into the parts question: what it says for the whole request reaches
the letter, or the requester is told why not."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from oiadraft.interview import Interview
from oiadraft.letter.render import render_text
from oiadraft.mdtext import to_text
from oiadraft.model import Draft, Period

TODAY = date(2024, 9, 16)
PASTE = """All timeframes are from 1 October 2020 to 13 September 2024.

1- Legal advice produced by MFAT relating to New Zealand's obligations under Article 21(2) of
the Convention on Cluster Munitions;

2- Formal advice to Ministers produced by MFAT relating to New Zealand's obligations under the
Convention on Cluster Munitions with regard to the conflict in Ukraine.
"""


@pytest.fixture
def interview() -> Interview:
    return Interview(today=TODAY)


def pasted_after(interview: Interview, period_answer: str) -> tuple[Draft, str]:
    draft = Draft()
    for answer in ("mfat", "cluster munitions", period_answer, "yes"):
        interview.respond(draft, answer)
    reply = interview.respond(draft, PASTE)
    return draft, to_text("\n".join(m.text for m in reply.messages))


def test_a_pasted_period_for_the_whole_request_replaces_a_different_one_given_earlier(
        interview):
    draft, said = pasted_after(interview, "since October 2020")
    assert draft.period == Period(date(2020, 10, 1), date(2024, 9, 13))
    assert "the period from 1 October 2020 to 13 September 2024" in said
    assert "instead of the period from 1 October 2020, with no end date" in said
    letter = render_text(draft, today=TODAY)
    assert "1 October 2020 to 13 September 2024" in letter
    assert "to the date of this request" not in letter


def test_undo_after_the_paste_brings_back_the_period_given_earlier(interview):
    draft, _ = pasted_after(interview, "since October 2020")
    interview.respond(draft, "undo")
    assert draft.period == Period(date(2020, 10, 1), None)
    assert draft.parts == []


def test_the_same_period_pasted_again_is_not_mentioned(interview):
    draft, said = pasted_after(interview, "1/10/2020 to 13/9/2024")
    assert draft.period == Period(date(2020, 10, 1), date(2024, 9, 13))
    assert "instead of" not in said and "whole request" not in said.split("Part 1")[0]


def test_skipping_the_period_after_parts_names_the_parts_left_without_one(interview):
    """`back` to the period, then `skip`: the period is gone from the letter, so the parts that
    relied on it are named (the promise to ask in each part holds only for new parts)."""
    draft = Draft()
    for answer in ("wcc", "rates remission", "the 2022/23 financial year", "yes",
                   "Reports to the Finance and Performance Committee about rates remission",
                   "Council minutes about rates remission in 2021", "back"):
        interview.respond(draft, answer)
    reply = interview.respond(draft, "skip")
    said = to_text("\n".join(m.text for m in reply.messages))
    assert draft.period is None
    assert "Part 1 has no time frame now" in said
    assert "part 2" not in said.lower(), "part 2 states its own period"
    assert "change period" in said


def test_a_resumed_draft_with_no_parts_says_so_in_words(interview):
    draft = Draft()
    for answer in ("mfat", "cluster munitions"):
        interview.respond(draft, answer)
    said = to_text(interview.start(draft).messages[0].text)
    assert "with no parts so far" in said and "0 parts" not in said


SEED = Path(__file__).parent.joinpath("data", "seed_request.txt").read_text(encoding="utf-8")


def test_a_whole_letter_pasted_at_the_first_question_is_kept_for_the_parts(interview):
    """A journalist pastes the letter they wrote before anything is asked: its salutation
    names the agency, and the letter waits in the box for the parts question."""
    draft = Draft()
    reply = interview.respond(draft, SEED)
    said = to_text("\n".join(m.text for m in reply.messages))
    assert draft.agency == "Ministry of Foreign Affairs and Trade" and draft.act == "oia"
    assert "13 parts" in said and "when we get to the parts" in said
    assert draft.parts == [] and reply.view.step_id == "topic"
    for answer in ("cluster munitions", "since October 2020", "yes"):
        reply = interview.respond(draft, answer)
    assert reply.view.step_id == "parts" and reply.view.prefill == SEED
    reply = interview.respond(draft, reply.view.prefill)
    assert len(draft.parts) == 13
    assert reply.view.prefill is None


def test_a_pasted_request_with_no_salutation_is_kept_and_the_question_asked_again(
        interview):
    draft = Draft()
    reply = interview.respond(draft, PASTE)
    said = to_text("\n".join(m.text for m in reply.messages))
    assert draft.agency == "" and "2 parts" in said
    assert reply.view.step_id == "agency" and "Who are you asking?" in said
    for answer in ("mfat", "cluster munitions", "skip"):
        reply = interview.respond(draft, answer)
    assert reply.view.step_id == "parts" and reply.view.prefill == PASTE


def test_a_whole_letter_pasted_while_a_match_is_offered_is_kept_and_names_the_agency(
        interview):
    """The first answer named no agency the directory knows, and a list of close matches is
    offered; the requester pastes their letter instead. Its greeting answers the question
    (never a close match to its first words), and the letter waits for the parts."""
    draft = Draft()
    reply = interview.respond(draft, "foreign")
    assert reply.view.step_id == "agency" and draft.agency == ""
    reply = interview.respond(draft, SEED)
    said = to_text("\n".join(m.text for m in reply.messages))
    assert draft.agency == "Ministry of Foreign Affairs and Trade" and "13 parts" in said
    assert reply.view.step_id == "topic"
    for answer in ("cluster munitions", "skip"):
        reply = interview.respond(draft, answer)
    assert reply.view.step_id == "parts" and reply.view.prefill == SEED


def test_a_request_pasted_while_the_period_is_read_back_is_kept_and_the_question_stands(
        interview):
    """"So the request covers ... right?", answered with the request itself: it is no period
    to read, so it is kept for the parts and the read-back is asked again, unchanged."""
    draft = Draft()
    for answer in ("mfat", "cluster munitions", "since 2020"):
        interview.respond(draft, answer)
    reply = interview.respond(draft, PASTE)
    said = to_text("\n".join(m.text for m in reply.messages))
    assert "2 parts" in said and "Cannot read" not in said
    assert "right?" in said and draft.parts == []
    reply = interview.respond(draft, "yes")
    assert reply.view.step_id == "parts" and reply.view.prefill == PASTE
    assert draft.period is not None and draft.period.start == date(2020, 1, 1)


def test_a_held_request_survives_saving_and_loading(interview):
    from oiadraft.model import draft_from_dict, draft_to_dict

    draft = Draft()
    interview.respond(draft, SEED)
    again = draft_from_dict(draft_to_dict(draft))
    for answer in ("cluster munitions", "skip"):
        reply = interview.respond(again, answer)
    assert reply.view.prefill == SEED


def test_a_part_typed_instead_of_the_held_request_lets_it_go(interview):
    draft = Draft()
    interview.respond(draft, SEED)
    for answer in ("cluster munitions", "skip", "Cabinet papers about cluster munitions in 2023"):
        reply = interview.respond(draft, answer)
    assert len(draft.parts) == 1 and reply.view.prefill is None


def test_a_paste_of_many_parts_with_background_is_summed_up_not_reported_part_by_part(
        interview):
    draft = Draft()
    for answer in ("mfat", "cluster munitions", "2023", "yes"):
        interview.respond(draft, answer)
    parts = "\n\n".join(f"{n}. Briefings to the Minister about site {n}" for n in range(1, 31))
    reply = interview.respond(draft, f"Dear MFAT,\n\nSome background.\n\n{parts}\n")
    said = to_text("\n".join(m.text for m in reply.messages))
    assert "The 4 words before the numbered parts are not parts" in said
    assert "too many to go through one by one" in said and "Part 2:" not in said


def test_escape_after_change_agency_says_so_and_asks_the_current_question_again(interview):
    """Escape (cancel) after `change agency` at the parts question: the agency stays, and the
    parts question is asked again, so the next words are not taken as the agency's name, nor
    a name as a part without the requester knowing which question they answer."""
    draft = Draft()
    for answer in ("mfat", "cluster munitions", "2023", "yes", "change agency"):
        interview.respond(draft, answer)
    reply = interview.respond(draft, "cancel")
    said = to_text("\n".join(m.text for m in reply.messages))
    assert draft.agency == "Ministry of Foreign Affairs and Trade"
    assert reply.view.step_id == "parts"
    assert "as it was" in said and "Describe the first thing you want" in said.replace(
        "describe", "Describe")


def test_ticked_titles_with_commas_in_them_stay_one_item_each(interview):
    """"Searchable text, not scanned images" is one choice: in a plain list it read as two."""
    draft = Draft()
    for answer in ("mfat", "cluster munitions", "2023", "yes", "Cabinet papers about it",
                   "done"):
        interview.respond(draft, answer)
    said = to_text(interview.respond(draft, "").messages[0].text)
    assert "“Searchable text, not scanned images”" in said
    assert said.startswith("Ticked: “Electronic copies”, ")


def test_a_request_pasted_at_the_period_question_offers_its_own_period(interview):
    """The letter pasted where the period is asked sets one for the whole request: that is
    the answer, read back for a yes like a typed one, and the letter waits for the parts."""
    draft = Draft()
    for answer in ("mfat", "cluster munitions"):
        interview.respond(draft, answer)
    reply = interview.respond(draft, PASTE)
    said = to_text("\n".join(m.text for m in reply.messages))
    assert "2 parts" in said and "right?" in said
    assert "1 October 2020" in said and draft.period is None
    reply = interview.respond(draft, "")
    assert draft.period == Period(date(2020, 10, 1), date(2024, 9, 13))
    assert reply.view.step_id == "parts" and reply.view.prefill == PASTE
    reply = interview.respond(draft, PASTE)
    assert len(draft.parts) == 2
    said = to_text("\n".join(m.text for m in reply.messages))
    assert "instead" not in said  # the period is the one already set, not a replacement


def test_the_held_request_put_back_in_the_box_is_said_with_how_to_send_it(interview):
    """The parts question asks for a first part in your own words; with the request kept
    earlier now back in the box, the chat says it is there and that Enter adds its parts."""
    draft = Draft()
    interview.respond(draft, SEED)
    for answer in ("cluster munitions", "since October 2020"):
        interview.respond(draft, answer)
    reply = interview.respond(draft, "yes")
    assert reply.view.prefill == SEED
    last = to_text(reply.messages[-1].text)
    assert "back in the box" in last and "Enter" in last and "13 parts" in last
    # once sent, it is not said again
    reply = interview.respond(draft, SEED)
    assert "back in the box" not in to_text("\n".join(m.text for m in reply.messages))


RESPONSE = Path(__file__).parent.joinpath("data", "mfat_response_long.txt")


def long_paste() -> str:
    """An agency's whole response (over 20,000 characters), as the chat receives a paste."""
    from oiadraft.text import strip_controls

    return strip_controls(RESPONSE.read_text(encoding="utf-8"))


def test_a_paste_too_long_for_the_first_question_is_kept_in_the_draft_not_refused(interview):
    """An agency's 23,000-character response pasted as the first answer was refused ("far too
    long for this question") and lost. It is kept in the draft, which says where it is, and
    it comes back in the box at the parts question, where Enter adds its parts."""
    from oiadraft.model import draft_from_dict, draft_to_dict

    text = long_paste()
    assert len(text) > 20_000
    draft = Draft()
    reply = interview.respond(draft, text)
    said = " ".join(to_text("\n".join(m.text for m in reply.messages)).split())
    assert "far too long" not in said and not any(m.kind == "problem" for m in reply.messages)
    assert "kept it in your draft" in said and "back in the box" in said
    assert reply.view.step_id == "agency" and reply.changed
    saved = draft_from_dict(draft_to_dict(draft))  # what the autosave writes keeps it
    for answer in ("mfat", "cluster munitions", "since October 2020"):
        reply = interview.respond(saved, answer)
    reply = interview.respond(saved, "yes")
    assert reply.view.step_id == "parts" and reply.view.prefill == text
    assert "back in the box" in to_text(reply.messages[-1].text)
    interview.respond(saved, reply.view.prefill)
    assert len(saved.parts) >= 2


@pytest.mark.parametrize("answers", [("mfat",), ("mfat", "cluster munitions")])
def test_a_paste_too_long_for_the_topic_or_period_question_is_kept_too(interview, answers):
    text = long_paste()
    draft = Draft()
    for answer in answers:
        interview.respond(draft, answer)
    step = interview.view(draft).step_id
    reply = interview.respond(draft, text)
    said = " ".join(to_text("\n".join(m.text for m in reply.messages)).split())
    assert "kept it in your draft" in said and reply.view.step_id == step
    assert draft.topic == ("" if step == "topic" else "cluster munitions")


def test_a_paste_too_long_after_the_parts_comes_back_with_add_part(interview):
    text = long_paste()
    draft = Draft()
    for answer in ("mfat", "cluster munitions", "2023", "yes", "Cabinet papers about it",
                   "done"):
        interview.respond(draft, answer)
    reply = interview.respond(draft, text)
    said = " ".join(to_text("\n".join(m.text for m in reply.messages)).split())
    assert "kept it in your draft" in said and "add part" in said
    reply = interview.respond(draft, "add part")
    assert reply.view.step_id == "parts" and reply.view.prefill == text


def test_a_second_paste_kept_early_is_kept_after_the_first_not_in_its_place(interview):
    """Two pastes before the parts question: the second was kept in place of the first, which
    was gone. Both are kept, in the order pasted, and the same paste twice is kept once."""
    text = long_paste()
    draft = Draft()
    interview.respond(draft, SEED)
    reply = interview.respond(draft, text)
    said = " ".join(to_text("\n".join(m.text for m in reply.messages)).split())
    assert "not in its place" in said
    interview.respond(draft, text)
    for answer in ("cluster munitions", "since October 2020"):
        interview.respond(draft, answer)
    reply = interview.respond(draft, "yes")
    box = reply.view.prefill
    assert box.startswith(SEED.rstrip("\n")) and box.endswith(text) and box.count(text) == 1


def test_a_passing_remark_in_a_pasted_list_is_left_out_and_named(interview):
    draft = Draft()
    for answer in ("mfat", "cluster munitions", "1 October 2020 to 13 September 2024", ""):
        interview.respond(draft, answer)
    reply = interview.respond(draft, "1. Cabinet papers on cluster munitions\n"
                                     "2. Briefings to the Minister on the Convention\n"
                                     "3. ok thanks\n")
    assert [p.text for p in draft.parts] == ["Cabinet papers on cluster munitions",
                                             "Briefings to the Minister on the Convention"]
    said = " ".join(" ".join(m.text for m in reply.messages).split())
    assert "2 parts" in said
    assert "Left out item 3 (“ok thanks”) of what you pasted: a passing remark" in said
    letter = render_text(draft, library=interview.library, today=interview.today)
    assert "ok thanks" not in letter


def test_a_paste_whose_one_numbered_line_is_a_remark_is_not_a_part(interview):
    draft = Draft()
    for answer in ("mfat", "cluster munitions", "1 October 2020 to 13 September 2024", ""):
        interview.respond(draft, answer)
    reply = interview.respond(draft, "Kia ora,\n\n1. hmm\n")
    assert draft.parts == [] and reply.messages[0].kind == "problem"
    assert "“hmm”" in reply.messages[0].text


def test_an_agency_response_pasted_keeps_the_requesters_own_period(interview):
    """The agency's response quotes the period of the refinement it proposed, which the
    requester declined: the period they gave stays."""
    text = RESPONSE.with_name("response_with_refinement.txt").read_text(encoding="utf-8")
    draft = Draft()
    for answer in ("mfat", "cluster munitions", "since October 2020", "", text):
        reply = interview.respond(draft, answer)
    assert len(draft.parts) == 2
    assert draft.period == Period(date(2020, 10, 1), None)
    assert not any("one period for the whole request" in " ".join(m.text.split())
                   for m in reply.messages)


def test_a_draft_marked_sent_on_a_day_to_come_is_reported_when_opened(interview):
    draft = Draft()
    for answer in ("mfat", "cluster munitions", "2023", "", "Cabinet papers on the Convention"):
        interview.respond(draft, answer)
    draft.sent = date(2025, 6, 1)  # interview's today is 13 September 2024
    said = " ".join(to_text(m.text) for m in Interview(today=interview.today).start(
        draft).messages).split()
    said = " ".join(said)
    assert "marked as sent on 1 June 2025, a day still to come" in said
    assert "Type mark as sent" in said
    draft.sent = date(2024, 9, 2)
    assert "still to come" not in " ".join(
        m.text for m in Interview(today=interview.today).start(draft).messages)
