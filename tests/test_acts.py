"""Every section number oiadraft prints comes from oiadraft/data/acts/; pin each to the reference.

Expected values are transcribed from shared/reference/oia.md §0 (section map), §1 (making
requests, refusal grounds), §1.15 (reasons) and §2 (withholding grounds).
"""

from __future__ import annotations

import pytest

from oiadraft.acts import (
    ActProfile,
    act_keys,
    all_acts,
    concept_meanings,
    default_act,
    get_act,
    load_acts,
)
from oiadraft.errors import UserError
from oiadraft.letter.template import fill

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
    # LGOIMA Amendment Act 2015 s8: "After section 13(6), insert" the amended-request rule
    "clarification": ("15(1AA)", "13(7)"),  # §1.7
    "clarification_cutoff": ("15(1AB)", "13(8)"),  # §1.7
    "extension": ("15A", "14"),  # §1.8
    # s15A(3) / s14(3): "The extension shall be effected by giving or posting notice of the
    # extension to the person who made the request within 20 working days after the day on
    # which the request is received." (LGOIMA s14(3) has the duty too.)
    "extension_notice": ("15A(3)", "14(3)"),
    # s15A(4) / s14(4): "The notice effecting the extension shall— (a) specify the period of
    # the extension; and (b) give the reasons for the extension; ..."
    "extension_period": ("15A(4)(a)", "14(4)(a)"),
    "extension_reasons": ("15A(4)(b)", "14(4)(b)"),
    "preferences": ("16", "15"),  # §1.12
    "electronic_form": ("16(1A)", "15(1A)"),  # §1.12
    "preferred_form_duty": ("16(2)", "15(2)"),  # §1.12
    "preference_refused_admin": ("16(2)(a)", "15(2)(a)"),  # §1.12
    # s16(3) / s15(3): "Where the information is not provided in the way preferred by the person
    # requesting it, the [agency] shall ... give to that person— (a) the reason for not
    # providing the information in that way; and (b) if that person so requests, the grounds in
    # support of that reason" (the old letter cited s16(2) for the reason: wrong).
    "preference_refused_reason": ("16(3)(a)", "15(3)(a)"),
    "preference_refused_grounds": ("16(3)(b)", "15(3)(b)"),
    "deletions": ("17", "16"),  # §1.13
    # s17(2) / s16(2): "Where a copy of a document is made available under subsection (1), the
    # [agency] shall ... give to the applicant— (a) the reason for withholding the information;
    # and (b) if the applicant so requests, the grounds in support of that reason"
    "deletion_reason": ("17(2)(a)", "16(2)(a)"),
    "deletion_grounds": ("17(2)(b)", "16(2)(b)"),
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


def test_the_list_of_acts_comes_from_the_data_in_order():
    assert act_keys() == ("oia", "lgoima", "privacy")
    assert [profile.key for profile in all_acts()] == list(act_keys())
    assert all(isinstance(profile, ActProfile) for profile in all_acts())
    assert default_act().key == "oia"
    assert get_act("LGOIMA") is get_act("lgoima")
    assert get_act(get_act("oia")) is get_act("oia")


def test_profiles_answer_what_callers_used_to_compare_keys_for():
    oia, lg = get_act("oia"), get_act("lgoima")
    assert (oia.body_kind, lg.body_kind) == ("agency", "local authority")
    # LGOIMA s2 (since 2019) excludes the council's anniversary day; the OIA's s2 does not.
    assert lg.uses_region and not oia.uses_region
    # s15(1) / s13(1): 20 working days; s14 / s12: transfer within 10; s15(1AB): 7.
    for profile in (oia, lg):
        assert (profile.time_limit_days, profile.transfer_days, profile.clarification_days) == (
            20, 10, 7)
        assert not profile.covers_own_information
        assert profile.reviewer == "an Ombudsman"
    assert oia.holiday_block == "25 December to 15 January"
    assert lg.holiday_block == "20 December to 10 January"
    assert [rule.start for rule in lg.working_day_rules][1].isoformat() == "2019-03-21"


@pytest.mark.parametrize("concept", sorted(EXPECTED))
def test_section_numbers_match_reference(concept):
    oia, lgoima = EXPECTED[concept]
    assert load_acts()["oia"].sections[concept] == oia
    assert load_acts()["lgoima"].sections[concept] == lgoima


def test_every_concept_has_a_meaning():
    assert set(concept_meanings()) == set(EXPECTED) | set(PRIVACY)


# The Privacy Act 2020 for IPP 6 access requests. Confirmed from the Act's text: s45 (notice
# "under section 44(2)(c)(i)", charges "under section 66") and s48: "On receiving an IPP 6
# request, an agency may extend the time limit set out in section 43 or 44 ..."; (3) "The
# extension is effected by giving notice of the extension to the requestor within 20 working
# days after the day on which the request is received."; (4) the notice must "(a) specify the
# period of the extension; and (b) give the reasons for the extension". Everything else is
# marked unconfirmed in the data and pinned as such here.
PRIVACY = {
    "access_right": "22 (IPP 6)",  # unconfirmed: s22 not seen
    "working_day": "7",  # unconfirmed: s7 not seen
    "transfer": "43",  # unconfirmed: only "section 43 or 44" (s48) was seen
    "time_limit": "44",
    "extension": "48",
    "extension_notice": "48(3)",
    "extension_period": "48(4)(a)",
    "extension_reasons": "48(4)(b)",
    "charging": "66",
}
PRIVACY_UNCONFIRMED = {"access_right", "working_day", "transfer", "time_limit_days",
                       "transfer_days", "working_days"}


def test_privacy_act_profile_numbers():
    privacy = get_act("privacy")
    assert {k: v for k, v in privacy.sections.items() if v is not None} == PRIVACY
    assert (privacy.name, privacy.short) == ("Privacy Act 2020", "Privacy Act")
    assert privacy.covers_own_information and privacy.reviewer == "the Privacy Commissioner"
    assert privacy.cite("extension_notice") == "s48(3)"
    assert not privacy.has("refusal_collation") and not privacy.has("grounds")


def test_privacy_act_time_limits_and_working_days():
    privacy = get_act("privacy")
    assert privacy.time_limit_days == 20 and privacy.extension_notice_days == 20  # s48(3)
    assert privacy.transfer_days == 10
    assert privacy.clarification_days is None  # no OIA s15(1AA)-style rule was found
    assert not privacy.uses_region
    assert privacy.holiday_block == "25 December to 15 January"


def test_privacy_act_unconfirmed_items_are_marked_with_a_reason():
    privacy = get_act("privacy")
    assert set(privacy.unconfirmed) == PRIVACY_UNCONFIRMED
    assert all(note for note in privacy.unconfirmed.values())
    assert privacy.is_verified("extension_notice") and privacy.is_verified("time_limit")
    assert privacy.cite_marked("transfer") == "Privacy Act s43 [unconfirmed]"
    assert privacy.cite_marked("extension_notice") == "Privacy Act s48(3)"
    # the two official information Acts have nothing unconfirmed
    assert get_act("oia").unconfirmed == {} and get_act("lgoima").unconfirmed == {}


def test_the_official_information_acts_are_the_ones_without_own_information():
    from oiadraft import acts

    assert [p.key for p in acts.official_information_acts()] == ["oia", "lgoima"]
    assert acts.ACT_KEYS == ("oia", "lgoima")
    assert act_keys() == ("oia", "lgoima", "privacy")


def test_formatting_forms():
    lg = get_act("LGOIMA")
    assert lg.cite("grounds") == "s18(a)(ii)"
    assert lg.words("preferences") == "section 15"
    assert fill("{s.preferences} and {section.refusal_collation}", lg.placeholders()) == (
        "s15 and section 17(f)"
    )
    assert fill("{n.grounds}", lg.placeholders()) == "18(a)(ii)"
    assert get_act("oia").placeholders()["act_name"] == "Official Information Act 1982"


def test_placeholders_are_mappings_not_objects_to_poke_at():
    values = get_act("oia").placeholders()
    assert fill("{s.__dict__} {s.__class__} {section._profile}", values) == (
        "{s.__dict__} {s.__class__} {section._profile}")
    assert "grounds" in values["s"] and values["s"]["grounds"] == "s19(a)(ii)"


def test_missing_concept_is_an_error_not_a_blank():
    lg = get_act("lgoima")
    assert not lg.has("special_reasons")
    with pytest.raises(KeyError):
        lg.section("special_reasons")
    with pytest.raises(KeyError):
        lg.section("no_such_thing")
    assert fill("{s.no_such_thing} {s.special_reasons}", lg.placeholders()) == (
        "{s.no_such_thing} {s.special_reasons}")


def test_lgoima_clarification_numbers_are_settled_not_to_be_confirmed():
    # "8 Section 13 amended (Decisions on requests): After section 13(6), insert" (LGOIMA
    # Amendment Act 2015, 2015 No 23): the inserted rule is s13(7)-(8); say it plainly.
    lg = get_act("lgoima")
    assert lg.is_verified("clarification") and lg.is_verified("clarification_cutoff")
    assert lg.cite_marked("clarification") == "LGOIMA s13(7)"
    assert lg.unconfirmed == {}


def test_overclaiming_glosses_are_gone():
    meanings = concept_meanings()
    # s15(1A) lets an agency charge; reasonableness is another subsection (s15(2)).
    assert meanings["charging"] == "the agency may charge for supplying the information"
    # s15(1AA): the agency "may" treat an amended or clarified request as a new request.
    assert "may treat" in meanings["clarification"]
    assert "restarts" not in meanings["clarification_cutoff"]


def test_unknown_act_is_a_user_error():
    with pytest.raises(UserError, match="oia"):
        get_act("foia")


# §2.2–2.4: withholding grounds
OIA_GROUNDS = ["6(a)", "6(b)(i)", "6(b)(ii)", "6(c)", "6(d)", "6(e)", "7", "9(2)(a)",
               "9(2)(b)(i)", "9(2)(b)(ii)", "9(2)(ba)(i)", "9(2)(ba)(ii)", "9(2)(c)", "9(2)(d)",
               "9(2)(e)", "9(2)(f)(i)", "9(2)(f)(ii)", "9(2)(f)(iii)", "9(2)(f)(iv)",
               "9(2)(g)(i)", "9(2)(g)(ii)", "9(2)(h)", "9(2)(i)", "9(2)(j)", "9(2)(k)"]
# LGOIMA s6 since the LGOIMA Amendment Act 2023 s11: "(a) to prejudice the security or defence
# of New Zealand or the international relations of the Government of New Zealand; or (b) to
# prejudice the entrusting of information ... by— (i) the Government of another country or an
# agency of that Government; or (ii) any international organisation ...; or (c) to prejudice
# the maintenance of the law ...; or (d) to endanger the safety of any person."
LGOIMA_GROUNDS = ["6(a)", "6(b)(i)", "6(b)(ii)", "6(c)", "6(d)", "7(2)(a)", "7(2)(b)(i)", "7(2)(b)(ii)",
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
    assert oia["6(b)(ii)"] == lg["6(b)(ii)"]
    assert all(g.gist for g in get_act("oia").withholding)


GOOD_PROFILE = """\
version: 1
name: Test Act 2099
short: TA
body_kind: agency
reviewer: an Ombudsman
request_sentence: "I request this under the {act_name}."
time_limits: {decision: 20}
working_days:
  - {from: null, block: [25 December, 15 January], anniversary: false}
sections:
  time_limit: "4"
"""


def _parse(text, tmp_path):
    from oiadraft import acts

    path = tmp_path / "test.yaml"
    path.write_text(text, encoding="utf-8")
    return acts._parse_act("test", path, concept_meanings())


def test_a_new_act_is_one_file(tmp_path):
    profile = _parse(GOOD_PROFILE, tmp_path)
    assert (profile.key, profile.short, profile.time_limit_days) == ("test", "TA", 20)
    assert profile.transfer_days is None and profile.clarification_days is None
    assert profile.cite("time_limit") == "s4" and not profile.has("grounds")
    assert not profile.uses_region


@pytest.mark.parametrize(("change", "message"), [
    (('time_limit: "4"', 'time_limmit: "4"'), "unknown concept 'time_limmit'"),
    (("25 December", "25 Decembr"), "25 Decembr"),
    (("{decision: 20}", "{decision: 0}"), "time_limits.decision"),
    (("{decision: 20}", "{decision: 20, appeal: 5}"), "unknown time limit 'appeal'"),
    (("short: TA\n", ""), "'short' must be text"),
    (("sections:", 'unconfirmed: {grounds: "not seen"}\nsections:'), "'grounds' is not a concept"),
])
def test_a_broken_act_file_is_reported_with_its_line(tmp_path, change, message):
    from oiadraft.errors import DataError

    with pytest.raises(DataError, match=message):
        _parse(GOOD_PROFILE.replace(*change), tmp_path)
