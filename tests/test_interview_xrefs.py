"""References between parts keep pointing at the same parts when parts move, split or go."""

from __future__ import annotations

from datetime import date

import pytest

from oiadraft.interview import Interview
from oiadraft.interview.xrefs import follow, name_previous, references
from oiadraft.model import Draft, Part, Period

TODAY = date(2024, 9, 13)


def parts(*texts: str) -> list[Part]:
    return [Part(text=text, id=f"p{n}") for n, text in enumerate(texts, 1)]


@pytest.mark.parametrize(("text", "numbers"), [
    ("Copies of the documents falling within 1 and 2 above", [(1, 2)]),
    ("the records listed in response to part 3", [(3,)]),
    ("documents identified in parts 1, 2 and 4 of this request", [(1, 2, 4)]),
    ("any of questions 2 to 4", [(2, 3, 4)]),
    ("the emails listed in the previous part", [()]),
    ("Briefings about the 2023 budget, part of the 2020 plan", []),
])
def test_references_are_found(text, numbers):
    assert [ref.numbers for ref in references(text)] == numbers


def test_moving_a_part_renumbers_what_refers_to_it():
    items = parts("Briefings about A", "Minutes about B",
                  "Copies of the documents falling within 1 and 2 above, and of part 2.")
    before = [p.id for p in items]
    items.insert(0, items.pop(2))  # part 3 to the top
    follow(before, items)
    assert items[0].text == ("Copies of the documents falling within 2 and 3 above, and of "
                             "part 3.")


def test_the_previous_part_is_named_when_it_is_no_longer_previous():
    items = parts("Emails about A", "Copies of the emails listed in the previous part.")
    before = [p.id for p in items]
    items.reverse()
    follow(before, items)
    assert items[0].text == "Copies of the emails listed in part 2."


def test_the_previous_part_stays_when_it_still_is():
    items = parts("Other", "Emails about A", "Copies of the emails listed in the previous part.")
    before = [p.id for p in items]
    items.pop(0)
    follow(before, items)
    assert items[1].text == "Copies of the emails listed in the previous part."


def test_a_deleted_part_is_reported_and_dropped_from_a_list():
    items = parts("A", "B", "C", "Copies of the documents falling within 2 and 3 above.")
    before = [p.id for p in items]
    items.pop(1)
    broken = follow(before, items)
    assert items[2].text == "Copies of the documents falling within 2 above."
    assert [(b.part, b.numbers) for b in broken] == [("p4", (2,))]


def test_a_reference_to_only_a_deleted_part_is_left_and_reported():
    items = parts("A", "Copies of the documents listed in response to part 1.")
    before = [p.id for p in items]
    items.pop(0)
    broken = follow(before, items)
    assert items[0].text == "Copies of the documents listed in response to part 1."
    assert [b.numbers for b in broken] == [(1,)]


def test_plural_and_capitals_follow_the_list():
    items = parts("A", "B", "C", "As Parts 1 and 3 above.")
    before = [p.id for p in items]
    items.pop(0)
    follow(before, items)
    assert items[2].text == "As Part 2 above."


def test_name_previous():
    assert name_previous("Copies of the records listed in response to the previous part.", 4) \
        == "Copies of the records listed in response to part 4."


# ---- in the conversation -------------------------------------------------------------------

COPIES = ("Copies of all correspondence with the Ministry of Defence about the Convention on "
          "Cluster Munitions since 1 March 2021")


def chat(*answers: str) -> tuple[Interview, Draft]:
    interview = Interview(today=TODAY)
    draft = Draft()
    for answer in ("mfat", "cluster munitions", "skip", *answers):
        interview.respond(draft, answer)
    return interview, draft


def test_split_names_the_dates_part_and_inherits_its_period():
    interview, draft = chat(COPIES, "split")
    dates, copies = draft.parts
    assert dates.text.startswith("The dates, senders, recipients and subject lines of ")
    assert copies.text == "Copies of the communications listed in response to part 1."
    assert copies.period == Period(date(2021, 3, 1), None)
    assessment = interview.assess(draft, copies)
    assert assessment.period == Period(date(2021, 3, 1), None)
    assert not [f for f in assessment.findings if f.rule in {"no-period", "missing-period"}]


def test_split_of_a_part_with_its_own_period_keeps_it_on_both():
    _, draft = chat("Copies of all correspondence with the Ministry of Defence about "
                    "the Convention", "2023", "split")
    dates, copies = draft.parts
    assert dates.period == copies.period == Period(date(2023, 1, 1), date(2023, 12, 31))


def test_moves_and_deletions_in_the_chat_keep_references_right():
    interview, draft = chat("Briefings to the Minister about the Convention in 2022", COPIES,
                            "split", "move part 3 to 1")
    assert draft.parts[0].text == "Copies of the communications listed in response to part 3."
    reply = interview.respond(draft, "delete part 3")
    assert draft.parts[0].text == "Copies of the communications listed in response to part 3."
    said = " ".join(m.text for m in reply.messages)
    assert "Part 1 referred to the part you deleted, so check its words." in said
    interview.respond(draft, "undo")
    assert draft.parts[0].text == "Copies of the communications listed in response to part 3."
    assert draft.parts[2].text.startswith("The dates")


def test_a_split_shifts_references_in_later_parts():
    interview, draft = chat(COPIES, "Minutes of meetings falling within 1 above in 2022",
                            "split part 1")
    assert draft.parts[2].text == "Minutes of meetings falling within 1 above in 2022", \
        "part 1 is still the dates part, which kept the split part's place"
    interview.respond(draft, "move part 1 to 2")
    assert draft.parts[2].text == "Minutes of meetings falling within 2 above in 2022"
