"""Every section number oiadraft prints comes from acts.yaml; pin each to the reference.

Expected values are transcribed from shared/reference/oia.md §0 (section map), §1 (making
requests, refusal grounds), §1.15 (reasons) and §2 (withholding grounds).
"""

from __future__ import annotations

import pytest

from oiadraft.acts import concept_meanings, get_act, load_acts
from oiadraft.errors import UserError

# concept: (OIA, LGOIMA) — reference section in the comment
EXPECTED = {
    "working_day": ("2", "2"),  # §0
    "availability": ("5", "5"),  # §0
    "conclusive_reasons": ("6", "6"),  # §0
    "special_reasons": ("7", None),  # §0: none in LGOIMA
    "public_interest": ("9(1)", "7(1)"),  # §0, §2.1
    "other_reasons": ("9(2)", "7(2)"),  # §0
    "neither_confirm_nor_deny": ("10", "8"),  # §0
    "request": ("12", "10"),  # §0
    "eligibility": ("12(1)", "10(1)"),  # §1.1
    "own_information": ("12(1A)", None),  # §1.1 (OIA only in the reference)
    "no_need_to_cite": ("12(1AA)", "10(1AA)"),  # §1.1
    "particularity": ("12(2)", "10(2)"),  # §1.2
    "urgency": ("12(3)", "10(3)"),  # §1.3
    "duty_to_assist": ("13", "11"),  # §1.4
    "transfer": ("14", "12"),  # §1.5
    "time_limit": ("15(1)", "13(1)"),  # §1.6
    "charging": ("15(1A)", "13(1A)"),  # §1.9
    "clarification": ("15(1AA)", "13(7)"),  # §1.7 (LGOIMA marked [verify])
    "clarification_cutoff": ("15(1AB)", "13(8)"),  # §1.7 (LGOIMA marked [verify])
    "extension": ("15A", "14"),  # §1.8
    "extension_notice": ("15A(3)", None),  # §1.8
    "preferences": ("16", "15"),  # §1.12
    "electronic_form": ("16(1A)", "15(1A)"),  # §1.12
    "preferred_form_duty": ("16(2)", "15(2)"),  # §1.12
    "preference_refused_admin": ("16(2)(a)", "15(2)(a)"),  # §1.12
    "deletions": ("17", "16"),  # §1.13
    "refusal": ("18", "17"),  # §1.14
    "refusal_withholding": ("18(a)", "17(a)"),
    "refusal_ncnd": ("18(b)", "17(b)"),
    "refusal_enactment": ("18(c)(i)", "17(c)(i)"),
    "refusal_contempt": ("18(c)(ii)", "17(c)(ii)"),
    "refusal_public": ("18(d)", "17(d)"),
    "refusal_criminal_disclosure": ("18(da)", "17(da)"),
    "refusal_not_exist": ("18(e)", "17(e)"),
    "refusal_collation": ("18(f)", "17(f)"),
    "refusal_not_held": ("18(g)", "17(g)"),
    "refusal_vexatious": ("18(h)", "17(h)"),
    "charge_or_extend_first": ("18A", "17A"),  # §1.10
    "aggregation": ("18A(2)", "17A(2)"),  # §1.10
    "consult_before_refusing": ("18B", "17B"),  # §1.11
    "reasons": ("19(a)(i)", "18(a)(i)"),  # §1.15
    "grounds": ("19(a)(ii)", "18(a)(ii)"),  # §1.15
    "complaint_notice": ("19(b)", "18(b)"),  # §1.15
    "ombudsman_review": ("28", "27"),  # §1.16
    "complaint": ("28(3)", "27(3)"),  # §1.15, §1.16
    "deemed_refusal": ("28(4)", "27(4)"),  # §1.6
}


def test_every_concept_is_pinned_and_nothing_extra():
    for key in ("oia", "lgoima"):
        assert set(load_acts()[key].sections) == set(EXPECTED)


@pytest.mark.parametrize("concept", sorted(EXPECTED))
def test_section_numbers_match_reference(concept):
    oia, lgoima = EXPECTED[concept]
    assert load_acts()["oia"].sections[concept] == oia
    assert load_acts()["lgoima"].sections[concept] == lgoima


def test_every_concept_has_a_meaning():
    assert set(concept_meanings()) == set(EXPECTED)


def test_formatting_forms():
    lg = get_act("LGOIMA")
    assert lg.cite("grounds") == "s18(a)(ii)"
    assert lg.words("preferences") == "section 15"
    assert "{s.preferences} and {section.refusal_collation}".format(**lg.placeholders()) == (
        "s15 and section 17(f)"
    )
    assert get_act("oia").placeholders()["act_name"] == "Official Information Act 1982"


def test_missing_concept_is_an_error_not_a_blank():
    lg = get_act("lgoima")
    assert not lg.has("special_reasons")
    with pytest.raises(KeyError):
        lg.section("special_reasons")
    with pytest.raises(KeyError):
        lg.section("no_such_thing")
    with pytest.raises(AttributeError):
        "{s.no_such_thing}".format(**lg.placeholders())


def test_unverified_numbers_are_marked():
    assert not get_act("lgoima").is_verified("clarification")
    assert get_act("oia").is_verified("clarification")


def test_unknown_act_is_a_user_error():
    with pytest.raises(UserError, match="oia or lgoima"):
        get_act("privacy")


# §2.2–2.4: withholding grounds
OIA_GROUNDS = ["6(a)", "6(b)(i)", "6(b)(ii)", "6(c)", "6(d)", "6(e)", "7", "9(2)(a)",
               "9(2)(b)(i)", "9(2)(b)(ii)", "9(2)(ba)(i)", "9(2)(ba)(ii)", "9(2)(c)", "9(2)(d)",
               "9(2)(e)", "9(2)(f)(i)", "9(2)(f)(ii)", "9(2)(f)(iii)", "9(2)(f)(iv)",
               "9(2)(g)(i)", "9(2)(g)(ii)", "9(2)(h)", "9(2)(i)", "9(2)(j)", "9(2)(k)"]
LGOIMA_GROUNDS = ["6(a)", "6(b)", "6(c)", "6(d)", "7(2)(a)", "7(2)(b)(i)", "7(2)(b)(ii)",
                  "7(2)(ba)", "7(2)(c)(i)", "7(2)(c)(ii)", "7(2)(d)", "7(2)(e)", "7(2)(f)(i)",
                  "7(2)(f)(ii)", "7(2)(g)", "7(2)(h)", "7(2)(i)", "7(2)(j)"]


def test_withholding_grounds_match_reference():
    assert [g.code for g in get_act("oia").withholding] == OIA_GROUNDS
    assert [g.code for g in get_act("lgoima").withholding] == LGOIMA_GROUNDS
    # Pairs the reference cross-maps (§2.4): the gist is shared.
    oia = {g.code: g.gist for g in get_act("oia").withholding}
    lg = {g.code: g.gist for g in get_act("lgoima").withholding}
    assert oia["9(2)(h)"] == lg["7(2)(g)"] == "maintain legal professional privilege"
    assert oia["9(2)(a)"] == lg["7(2)(a)"]
    assert "6(e)" not in lg  # no 6(e) in LGOIMA
    assert all(g.gist for g in get_act("oia").withholding)
