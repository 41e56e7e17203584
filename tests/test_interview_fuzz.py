"""Whatever is typed, in whatever order, the interview answers and never raises; the draft it
leaves always saves and loads, and undo always leads back to a draft that does too."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from property_budget import examples

from oiadraft.interview import Interview, load_actions
from oiadraft.model import Draft, draft_from_dict, draft_to_dict

TODAY = date(2024, 9, 13)
INTERVIEW = Interview(today=TODAY)

WORDS = [
    "mfat", "Otaki Community Trust", "hcc", "use Zzyzx (NZ) Ltd.", "Parliamentary Service",
    "cluster munitions", "2023", "since October 2020", "31/02/2024", "yes", "no", "", " ",
    "1", "2", "3", "9", "1 3", "all", "none", "skip", "back", "done", "undo", "redo", "cancel",
    "help", "keep", "accept", "accept 2", "accept 9", "split", "edit", "edit part 1",
    "edit part 99", "delete part 1", "delete part 2", "move part 2 to 1", "move part 1 up",
    "keep part 1", "split part 1", "accept part 1", "change period", "change agency",
    "change topic", "add part", "show letter", "review",
    "Copies of all correspondence with the Ministry of Defence about the Convention",
    "any correspondence any MFAT official has had with any UK representative that mentions it",
    "Briefings to the Minister about the Convention in 2022",
    "1. Briefings about A in 2023.\n2. Minutes about B falling within 1 above.",
    "[bold]x[/bold] *y* <b>#1</b> \\ back\\slash", "\x1b[31mred\x1b[0m text", "a" * 500,
]
ACTIONS = [spec.id for spec in load_actions()]


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(WORDS).map(lambda w: ("say", w)),
                          st.sampled_from(ACTIONS).map(lambda a: ("act", a)),
                          st.text(max_size=30).map(lambda w: ("say", w))),
                min_size=1, max_size=40))
def test_any_sequence_of_answers_and_keys_is_answered(turns):
    draft = Draft()
    for how, what in turns:
        reply = INTERVIEW.respond(draft, what) if how == "say" else \
            INTERVIEW.act(draft, what, "1")
        assert reply.view.question or reply.view.kind == "review"
        assert set(reply.view.actions) <= set(ACTIONS)
        if reply.view.current_part is not None:
            assert reply.view.current_part in draft.parts
    again = draft_from_dict(draft_to_dict(draft))
    assert again.parts == draft.parts
    INTERVIEW.view(again)
    for _ in range(len(turns)):
        INTERVIEW.respond(draft, "undo")
    draft_from_dict(draft_to_dict(draft))
