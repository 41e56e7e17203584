"""`Draft.priority`: the parts to deal with first, kept as part ids on disk (`priority:`)."""

from __future__ import annotations

import pytest

from oiadraft.errors import DataError
from oiadraft.model import Draft, Part, draft_from_dict, draft_to_dict


def parts() -> list[Part]:
    return [Part("a", id="p1"), Part("b", id="p2"), Part("c", id="p3")]


def test_priority_round_trips_as_part_ids():
    draft = Draft(parts=parts(), priority=["p3", "p1"])
    data = draft_to_dict(draft)
    assert data["priority"] == ["p3", "p1"]
    again = draft_from_dict(data)
    assert again.priority == ["p3", "p1"]
    assert again.priority_numbers() == [1, 3]


def test_numbers_follow_part_order_and_skip_deleted_parts():
    draft = Draft(parts=parts(), priority=["p2", "gone"])
    assert draft.priority_numbers() == [2]
    draft.parts.insert(0, Part("new", id="p0"))
    assert draft.priority_numbers() == [3]


@pytest.mark.parametrize(("old", "expected"), [
    ([2], ["p2"]),
    (["p3", 1, "9", "p3"], ["p3", "p1"]),
    ("p2", ["p2"]),
    ("1", ["p1"]),
    ([True, None, "x"], []),
])
def test_an_old_drafts_answer_migrates_into_priority(old, expected):
    data = draft_to_dict(Draft(parts=parts()))
    del data["priority"]
    data["answers"] = {"priority": old, "agency": "mfat"}
    draft = draft_from_dict(data)
    assert draft.priority == expected
    assert draft.answers == {"agency": "mfat"}  # one place for the choice, not two


def test_a_saved_priority_wins_over_a_stale_answer():
    data = draft_to_dict(Draft(parts=parts(), priority=["p1"]))
    data["answers"] = {"priority": [3]}
    assert draft_from_dict(data).priority == ["p1"]


def test_copy_does_not_share_the_priority_list():
    draft = Draft(parts=parts(), priority=["p1"])
    clone = draft.copy()
    clone.priority.append("p2")
    assert draft.priority == ["p1"]


def test_a_malformed_priority_is_a_clear_data_error():
    data = draft_to_dict(Draft(parts=parts()))
    data["priority"] = "p1"
    with pytest.raises(DataError, match="bad priority"):
        draft_from_dict(data)
