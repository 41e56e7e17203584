"""The agency directory: what people type finds the right body, the Act and the council region."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from property_budget import examples

from oiadraft import agencies
from oiadraft.agencies import AMBIGUOUS, FOUND, NOT_FOUND, load_directory, normalize, resolve
from oiadraft.cli import main
from oiadraft.errors import DataError

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "oiadraft" / "data" / "agencies.yaml"

# (what the user types, the id that must come first and be found)
QUERIES = [
    # acronyms, any case
    ("mfat", "mfat"),
    ("MFAT", "mfat"),
    ("MBIE", "mbie"),
    ("wcc", "wellington-cc"),
    ("ecan", "environment-canterbury"),
    ("NZTA", "nzta"),
    ("acc", "acc"),
    ("nzdf", "nzdf"),
    ("EQC", "nhc"),
    ("WINZ", "msd"),
    ("CYFS", "oranga-tamariki"),
    ("DOC", "doc"),
    # English names and common names
    ("foreign affairs", "mfat"),
    ("police", "police"),
    ("the police", "police"),
    ("NZ Police", "police"),
    ("ministry of health", "moh"),
    ("work and income", "msd"),
    ("immigration new zealand", "mbie"),
    ("inland revenue", "ird"),
    ("treasury", "treasury"),
    ("fire and emergency", "fenz"),
    ("defence force", "nzdf"),
    ("ministry of defence", "mod"),
    ("stats nz", "stats-nz"),
    ("auckland transport", "auckland-transport"),
    ("greater wellington", "greater-wellington-rc"),
    ("Hawke's Bay Regional Council", "hawkes-bay-rc"),
    ("hawkes bay regional council", "hawkes-bay-rc"),
    ("environment southland", "environment-southland"),
    ("chatham islands", "chatham-islands-council"),
    # old names
    ("housing new zealand", "kainga-ora"),
    ("earthquake commission", "nhc"),
    ("department of labour", "mbie"),
    ("te arawhiti", "te-tari-whakatau"),
    # te reo Māori names, with and without macrons
    ("Manatū Aorere", "mfat"),
    ("Manatu Aorere", "mfat"),
    ("manatu aorere", "mfat"),
    ("Manatū Hauora", "moh"),
    ("waka kotahi", "nzta"),
    ("Te Whatu Ora", "health-nz"),
    ("Kainga Ora", "kainga-ora"),
    ("Te Puni Kokiri", "tpk"),
    ("Te Tai Ohanga", "treasury"),
    ("oranga tamariki", "oranga-tamariki"),
    # misspellings
    ("minstry of helth", "moh"),
    ("department of internal afairs", "dia"),
    ("christchruch city council", "christchurch-cc"),
    ("kaikora", "kaikoura-dc"),
    ("welington", "wellington-cc"),
    ("minister for childrn", "minister-children"),
    # a Minister versus the ministry
    ("the health minister", "minister-health"),
    ("health minister", "minister-health"),
    ("minister of health", "minister-health"),
    ("minister of foreign affairs", "minister-foreign-affairs"),
    ("foreign minister", "minister-foreign-affairs"),
    ("conservation minister", "minister-conservation"),
    ("environment minister", "minister-environment"),
    ("ministry for the environment", "mfe"),
    ("prime minister", "prime-minister"),
    ("attorney general", "attorney-general"),
    # a council by its name or a town in it
    ("wellington council", "wellington-cc"),
    ("christchurch", "christchurch-cc"),
    ("dunedin", "dunedin-cc"),
    ("rolleston", "selwyn-dc"),
    ("queenstown", "queenstown-lakes-dc"),
    ("palmerston north", "palmerston-north-cc"),
    ("Whangarei", "whangarei-dc"),
    ("kapiti", "kapiti-coast-dc"),
    ("westport", "buller-dc"),
    ("oamaru", "waitaki-dc"),
    ("auckland mayor", "auckland-council"),
    # bodies outside both Acts
    ("parliament", "house"),
    ("parliamentary service", "parliamentary-service"),
    ("high court", "courts"),
    ("ombudsman", "ombudsman"),
]


@pytest.mark.parametrize(("query", "expected"), QUERIES)
def test_realistic_queries_find_the_right_body(query, expected):
    result = resolve(query)
    assert result.status == FOUND, (result.status, [m.agency.id for m in result.candidates])
    assert result.agency is not None and result.agency.id == expected
    assert agencies.search(query, 1)[0].agency.id == expected


def test_there_are_at_least_thirty_realistic_queries():
    assert len(QUERIES) >= 30


# ── Ministers and ministries ───────────────────────────────────────────────────────────────
def test_a_minister_is_a_different_recipient_from_the_ministry():
    minister = resolve("minister of health").agency
    ministry = resolve("ministry of health").agency
    assert minister is not None and ministry is not None
    assert (minister.id, minister.kind) == ("minister-health", "minister")
    assert (ministry.id, ministry.kind) == ("moh", "department")
    assert minister.act == ministry.act == "oia"
    assert "moh" in minister.related


def test_without_minister_or_ministry_the_department_outranks_its_minister():
    ranked = [m.agency.id for m in agencies.search("foreign affairs", 5)]
    assert ranked.index("mfat") < ranked.index("minister-foreign-affairs")
    ranked = [m.agency.id for m in agencies.search("foreign minister", 5)]
    assert ranked.index("minister-foreign-affairs") < ranked.index("mfat")


def test_a_minister_result_says_the_department_is_separate():
    message = resolve("the health minister").message
    assert "Minister of Health" in message and "separate recipient" in message


def test_every_minister_has_a_portfolio_and_is_under_the_oia():
    ministers = [a for a in agencies.all_agencies() if a.kind == "minister"]
    assert len(ministers) >= 40
    assert all(a.portfolio and a.act == "oia" for a in ministers)


# ── councils ───────────────────────────────────────────────────────────────────────────────
def test_a_council_resolves_to_lgoima_with_its_region():
    council = resolve("dunedin").agency
    assert council is not None
    assert (council.id, council.act, council.region) == ("dunedin-cc", "lgoima", "otago")
    message = resolve("dunedin").message
    assert "LGOIMA" in message and "Otago Anniversary" in message


@pytest.mark.parametrize(("query", "region"), [
    ("wcc", "wellington"),
    ("ecan", "canterbury"),
    ("timaru", "south-canterbury"),
    ("gisborne", "auckland"),
    ("tasman district council", "nelson"),
    ("greymouth", "westland"),
    ("kaikoura", "marlborough"),
    ("palmerston north", "wellington"),
    ("napier", "hawkes-bay"),
    ("new plymouth", "taranaki"),
    ("invercargill", "southland"),
    ("chatham islands", "chatham-islands"),
])
def test_councils_carry_the_anniversary_region_they_observe(query, region):
    agency = resolve(query).agency
    assert agency is not None and agency.act == "lgoima" and agency.region == region


def test_every_council_in_new_zealand_is_listed_once():
    councils = [a for a in agencies.all_agencies() if a.is_council]
    by_kind = {kind: sum(a.kind == kind for a in councils) for kind in agencies.COUNCIL_KINDS}
    assert by_kind == {"council_regional": 11, "council_city": 11, "council_district": 50,
                       "council_unitary": 6}
    assert len({a.name for a in councils}) == 78
    assert all(a.act == "lgoima" and a.region for a in councils)


def test_region_keys_are_the_ones_the_deadline_engine_knows():
    from oiadraft import yamlio

    deadline_regions = set(yamlio.load_file(REPO / "oiadraft" / "data" / "regions.yaml")["regions"])
    directory = agencies.directory()
    assert set(directory.regions) == deadline_regions
    assert {a.region for a in directory.agencies if a.region} <= deadline_regions


def test_uncertain_council_regions_explain_the_choice():
    for agency_id in ("ruapehu-dc", "buller-dc", "taupo-dc", "kaikoura-dc", "tararua-dc"):
        assert agencies.get(agency_id).region_note


# ── not subject, ambiguous, not found ──────────────────────────────────────────────────────
@pytest.mark.parametrize("query", ["parliament", "parliamentary service", "high court",
                                   "ombudsman", "auditor-general"])
def test_bodies_outside_both_acts_say_so_and_what_applies(query):
    result = resolve(query)
    assert result.status == FOUND
    agency = result.agency
    assert agency.kind == "not_subject" and agency.act == "none" and not agency.is_subject
    assert "not subject to the OIA or LGOIMA" in result.message
    assert agency.note and agency.note in result.message


def test_court_records_point_to_the_court_rules():
    assert "access rules" in agencies.get("courts").note


@pytest.mark.parametrize(("query", "expected"), [
    ("hcc", {"hamilton-cc", "hutt-cc"}),
    ("health", {"moh", "health-nz"}),
    ("lincoln", {"lincoln-uni", "selwyn-dc"}),
    ("hutt", {"hutt-cc", "upper-hutt-cc"}),
    ("waikato district", {"waikato-dc", "south-waikato-dc"}),
])
def test_several_close_matches_are_ambiguous(query, expected):
    result = resolve(query)
    assert result.status == AMBIGUOUS and result.agency is None
    assert expected <= {m.agency.id for m in result.candidates}
    assert "Which one?" in result.message


def test_equal_scores_put_the_closer_name_first():
    assert [m.agency.id for m in agencies.search("waikato district", 2)] == [
        "waikato-dc", "south-waikato-dc"]


def test_an_unknown_name_gets_the_closest_and_a_way_forward():
    result = resolve("ministry of works")  # abolished in 1988
    assert result.status == NOT_FOUND and result.agency is None
    assert result.candidates and result.candidates[0].agency.id == "worksafe"
    assert "Closest: WorkSafe New Zealand" in result.message
    assert "choose the Act yourself" in result.message
    assert "LGOIMA for a council" in result.message


def test_nonsense_gets_no_closest_but_still_a_way_forward():
    for query in ("xyzzy agency", "department of rugby", "zzzz"):
        result = resolve(query)
        assert result.status == NOT_FOUND, query
        assert "choose the Act yourself" in result.message


def test_empty_or_one_letter_query_finds_nothing():
    assert agencies.search("   ") == []
    assert agencies.search("a") == []
    assert resolve("--").status == NOT_FOUND


# ── matching properties ────────────────────────────────────────────────────────────────────
def _strip_macrons(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def test_every_name_and_te_reo_name_finds_its_agency_with_or_without_macrons():
    for agency in agencies.all_agencies():
        for text in filter(None, (agency.name, agency.te_reo)):
            for variant in {text, _strip_macrons(text), text.upper()}:
                top = agencies.search(variant, 1)[0]
                assert top.agency.id == agency.id and top.exact, (variant, top.agency.id)


def test_matches_report_what_they_matched_on():
    top = agencies.search("Manatu Aorere", 1)[0]
    assert (top.matched_on, top.score, top.exact) == ("Manatū Aorere", 100.0, True)
    assert agencies.search("rolleston", 1)[0].matched_on == "Rolleston"


@settings(max_examples=examples(60), deadline=None)
@given(st.text(max_size=40))
def test_search_never_fails_and_ranks_best_first(query):
    results = agencies.search(query, 8)
    assert len(results) <= 8
    assert [m.score for m in results] == sorted((m.score for m in results), reverse=True)
    assert all(0 <= m.score <= 100 for m in results)
    assert resolve(query).status in {FOUND, AMBIGUOUS, NOT_FOUND}


@pytest.mark.parametrize(("text", "expected"), [
    ("Manatū Aorere", "manatu aorere"),
    ("Hawke's Bay", "hawkes bay"),
    ("New Zealand Police", "nz police"),
    ("the Health Minister", "health minister"),
    ("Plant & Food", "plant and food"),
])
def test_normalize(text, expected):
    assert normalize(text) == expected


def test_get_and_directory_cache():
    assert agencies.get("mfat").te_reo == "Manatū Aorere"
    assert agencies.get("no-such-agency") is None
    assert agencies.directory() is agencies.directory()


# ── the data file ──────────────────────────────────────────────────────────────────────────
def test_every_kind_the_brief_names_is_present():
    kinds = {a.kind for a in agencies.all_agencies()}
    assert kinds == {"department", "departmental_agency", "minister", "crown_entity", "police",
                     "defence", "council_regional", "council_city", "council_district",
                     "council_unitary", "other", "not_subject"}


def test_all_public_service_departments_are_listed():
    departments = {a.name for a in agencies.all_agencies() if a.kind == "department"}
    assert len(departments) == 34  # Public Service Act 2020, Schedule 2 Part 1
    assert {"Ministry for Regulation", "Ministry of Disabled People", "Social Investment Agency",
            "The Treasury", "Te Puni Kōkiri", "Oranga Tamariki"} <= departments


def test_sources_are_recorded_and_used():
    directory = agencies.directory()
    used = {a.source for a in directory.agencies}
    assert used <= set(directory.sources)
    assert all(source["url"].startswith("https://") for source in directory.sources.values())


def test_no_email_addresses_in_the_directory():
    assert not re.search(r"[\w.+-]+@[\w-]+\.\w", DATA.read_text(encoding="utf-8"))


# ── validation errors name the file and line ───────────────────────────────────────────────
VALID = """\
version: 1
sources:
  s: {title: A source, url: https://example.org}
regions:
  otago: Otago Anniversary
kinds:
  department: a department
  council_city: a city council
  minister: a Minister
  not_subject: outside both Acts
agencies:
  - id: dept
    name: Department of Things
    kind: department
    act: oia
    source: s
  - id: dunedin-cc
    name: Dunedin City Council
    kind: council_city
    act: lgoima
    region: otago
    source: s
"""


def _load(tmp_path, text):
    path = tmp_path / "agencies.yaml"
    path.write_text(text, encoding="utf-8")
    return load_directory(path), path


def test_a_valid_small_directory_loads(tmp_path):
    directory, _ = _load(tmp_path, VALID)
    assert [a.id for a in directory.agencies] == ["dept", "dunedin-cc"]
    assert directory.resolve("department of things").agency.id == "dept"


@pytest.mark.parametrize(("old", "new", "line", "words"), [
    ("    kind: department\n", "    kind: ministry\n", 14, "unknown kind"),
    ("    region: otago\n", "    region: mars\n", 21, "unknown region"),
    ("    region: otago\n", "", 17, "needs a `region`"),
    ("    act: lgoima\n", "    act: oia\n", 20, "subject to LGOIMA"),
    ("    source: s\n  - id: dunedin", "    source: nowhere\n  - id: dunedin", 16, "source"),
    ("  - id: dunedin-cc\n", "  - id: dept\n", 17, "duplicate id"),
    ("  - id: dept\n", "  - id: Dept Things\n", 12, "lowercase slug"),
    ("    name: Department of Things\n",
     "    name: Department of Things\n    note: write to oia@things.govt.nz\n", 14, "email"),
    ("    act: oia\n", "    act: oia\n    colour: blue\n", 16, "unknown field"),
    ("    act: oia\n", "    act: none\n", 15, "not_subject"),
    ("    kind: department\n", "    kind: minister\n", 12, "portfolio"),
    ("    name: Department of Things\n", "", 12, "missing `name`"),
    ("    act: oia\n", "    act: oia\n    related: [nobody]\n", 16, "related id"),
    ("    act: oia\n", "    act: [oia\n", 16, "YAML syntax error"),
])
def test_bad_entries_raise_data_error_with_file_and_line(tmp_path, old, new, line, words):
    assert old in VALID
    text = VALID.replace(old, new, 1)
    with pytest.raises(DataError) as caught:
        _load(tmp_path, text)
    error = caught.value
    assert error.path == str(tmp_path / "agencies.yaml")
    assert error.line == line, str(error)
    assert words in str(error)
    assert str(error).startswith(f"{tmp_path / 'agencies.yaml'}:{line}: ")


def test_a_body_outside_both_acts_needs_a_note(tmp_path):
    text = VALID + """\
  - id: house
    name: House of Representatives
    kind: not_subject
    act: none
    source: s
"""
    with pytest.raises(DataError, match="needs a `note`") as caught:
        _load(tmp_path, text)
    assert caught.value.line == 23


def test_wrong_version_is_rejected(tmp_path):
    with pytest.raises(DataError, match="version") as caught:
        _load(tmp_path, VALID.replace("version: 1", "version: 2"))
    assert caught.value.line == 1


# ── the CLI ────────────────────────────────────────────────────────────────────────────────
def test_cli_search_json(capsys):
    assert main(["agencies", "search", "mfat", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["status"] == "found"
    assert data["agency"]["id"] == "mfat" and data["agency"]["act"] == "oia"
    assert data["results"][0]["matched_on"] == "MFAT"


def test_cli_search_text_for_a_council(capsys):
    assert main(["agencies", "search", "wellington", "council"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Wellington City Council (Te Kaunihera o Pōneke)")
    assert "LGOIMA" in out and "[wellington]" in out


def test_cli_search_limit(capsys):
    assert main(["agencies", "search", "health", "--limit", "2", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["status"] == "ambiguous" and len(data["results"]) >= 2


def test_cli_search_not_found_exits_one_with_the_way_forward(capsys):
    assert main(["agencies", "search", "ministry", "of", "works"]) == 1
    out = capsys.readouterr().out
    assert "No agency in the directory matches" in out and "choose the Act yourself" in out


def test_cli_show_and_unknown_id(capsys):
    assert main(["agencies", "show", "courts"]) == 0
    out = capsys.readouterr().out
    assert "not subject to the OIA or LGOIMA" in out and "Ministry of Justice" in out
    assert main(["agencies", "show", "welington-cc"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("oiadraft: no agency with id 'welington-cc'") and "wellington-cc" in err


def test_cli_list_filters(capsys):
    assert main(["agencies", "list", "--kind", "council_regional", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data) == 11 and all(item["act"] == "lgoima" for item in data)
    assert main(["agencies", "list", "--act", "none"]) == 0
    assert "House of Representatives" in capsys.readouterr().out


def test_cli_bad_limit_is_usage_error(capsys):
    assert main(["agencies", "search", "mfat", "--limit", "0"]) == 2
    assert capsys.readouterr().err == ("oiadraft: argument --limit: must be 1 or more (see "
                                       "`oiadraft agencies search --help`)\n")


@pytest.mark.parametrize(("query", "guess"), [
    ("Otaki Community Trust", "Kāpiti Coast District Council"),
    ("Otaki College", "Kāpiti Coast District Council"),
    ("Napier Community Trust", "Napier City Council"),
    ("Wellington Zoo Trust", "Wellington City Council"),
])
def test_a_name_with_words_the_match_lacks_is_a_guess_not_an_answer(query, guess):
    # "Ōtaki" is a town of the Kāpiti Coast: the trust is another body that happens to share
    # the town's name, so the council is only offered, never taken.
    resolution = agencies.resolve(query)
    assert resolution.status == agencies.AMBIGUOUS and resolution.agency is None
    assert resolution.candidates[0].agency.name == guess
    assert agencies.unexplained(query, resolution.candidates[0])


@pytest.mark.parametrize("query", ["Otaki", "Ministry of Helth", "Kapiti Coast Council",
                                   "Minister of Health office",
                                   "foreign affairs ministry", "Wellington Cty Council"])
def test_typos_and_generic_words_are_explained_and_still_found(query):
    resolution = agencies.resolve(query)
    assert resolution.status == agencies.FOUND, resolution.candidates[:2]
    assert not agencies.unexplained(query, resolution.candidates[0])


def test_the_cli_asks_about_a_guess_instead_of_answering(capsys):
    assert main(["agencies", "search", "Otaki", "Community", "Trust"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Did you mean Kāpiti Coast District Council")


def test_cli_search_never_echoes_terminal_escapes(capsys):
    """A query pasted with colour codes is searched as its words; the message quoting it
    never sends the codes back to the terminal."""
    status = main(["agencies", "search", "\x1b]0;PWNED\x07\x1b[31mzzqx"])
    out = capsys.readouterr().out
    assert status == 1 and "zzqx" in out
    assert "\x1b" not in out and "\x07" not in out
    assert main(["agencies", "search", "\x1b[1mmfat\x1b[0m", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["agency"]["id"] == "mfat"
