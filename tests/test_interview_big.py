"""A 1,000-part draft: a turn and a view assess only the part they are about."""

from __future__ import annotations

from datetime import date

import pytest

from oiadraft import scope
from oiadraft.interview import Interview, engine
from oiadraft.model import Draft, Part, Period

TODAY = date(2024, 9, 13)


@pytest.fixture
def counted(monkeypatch):
    calls: list[str] = []
    real = scope.assess

    def assess(text, *args, **kwargs):
        calls.append(text)
        return real(text, *args, **kwargs)

    monkeypatch.setattr(scope, "assess", assess)
    engine._assess.cache_clear()
    yield calls
    engine._assess.cache_clear()


def big_draft() -> Draft:
    return Draft(agency="Ministry of Foreign Affairs and Trade", agency_id="mfat",
                 topic="cluster munitions", period=Period(date(2023, 1, 1), date(2023, 12, 31)),
                 parts=[Part(text=f"Briefings to the Minister about topic {n}", id=f"p{n}")
                        for n in range(1, 1001)],
                 conversation={"version": 1, "answered": ["agency", "topic", "period"]})


def test_view_and_a_new_part_assess_only_that_part(counted):
    interview = Interview(today=TODAY)
    draft = big_draft()
    interview.view(draft)
    assert counted == ["Briefings to the Minister about topic 1000"]
    counted.clear()
    reply = interview.respond(draft, "Cabinet papers about the Convention on Cluster Munitions")
    assert len(draft.parts) == 1001 and reply.view.current_number == 1001
    assert set(counted) == {"Cabinet papers about the Convention on Cluster Munitions"}


def test_editing_deleting_and_moving_assess_at_most_the_parts_they_touch(counted):
    interview = Interview(today=TODAY)
    draft = big_draft()
    for command in ("edit part 500", "Aide-memoires about topic 500", "delete part 2",
                    "move part 999 to 1", "undo", "keep part 3"):
        interview.respond(draft, command)
    assert len(set(counted)) <= 6, sorted(set(counted))


def test_preview_assesses_only_the_words_given(counted):
    interview = Interview(today=TODAY)
    draft = big_draft()
    interview.preview(draft, "Emails from the Minister about topic 7")
    assert counted == ["Emails from the Minister about topic 7"]


def test_assess_all_is_assess_for_each_part_in_order():
    """The review's one call per draft gives what asking part by part gives, including a
    part with a period of its own and one kept as written."""
    interview = Interview(today=TODAY)
    draft = big_draft()
    draft.parts[3].period = Period(date(2022, 1, 1), date(2022, 6, 30))
    draft.parts[7].acknowledged = ["any"]
    draft.parts[9].text = "any information about anything"
    each = [interview.assess(draft, part) for part in draft.parts]
    assert interview.assess_all(draft) == each
    assert each[3] != interview.assess(draft, Part(text=draft.parts[3].text))
