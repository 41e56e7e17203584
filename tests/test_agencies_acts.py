"""The agency directory's rules about Acts come from the Act profiles, not from code.

Which Act a kind of body is always under (`directory_kinds`), which bodies carry a council region
(`uses_region`), the article an Act's short name takes ("the OIA", "LGOIMA") and the values of
`agencies list --act` are read from oiadraft/data/acts/*.yaml, so adding an Act is a YAML file.
"""

from __future__ import annotations

import ast
import re
import shutil
from pathlib import Path

import pytest

from oiadraft import acts, agencies, paths
from oiadraft.acts import act_keys, all_acts, get_act, official_information_acts
from oiadraft.agencies import act_of_kind, council_acts, load_directory, regional_acts
from oiadraft.cli import main
from oiadraft.errors import DataError

REPO = Path(__file__).resolve().parent.parent


# ── the built-in data ──────────────────────────────────────────────────────────────────────
def test_the_kinds_an_act_always_covers_come_from_its_profile():
    # OIA: official information includes what a Minister holds in their official capacity.
    assert act_of_kind("minister") is get_act("oia")
    # LGOIMA: every local authority (regional councils and territorial authorities).
    for kind in sorted(agencies.COUNCIL_KINDS):
        assert act_of_kind(kind) is get_act("lgoima"), kind
    # A department or a Crown entity is under whatever its entry says.
    assert act_of_kind("department") is None and act_of_kind("crown_entity") is None
    assert council_acts() == {"lgoima"}


def test_every_entry_in_the_directory_keeps_the_profiles_rules():
    regional = {profile.key for profile in regional_acts()}
    assert regional == {"lgoima"}
    for agency in agencies.all_agencies():
        required = act_of_kind(agency.kind)
        if required is not None:
            assert agency.act == required.key, agency.id
        assert (agency.region is not None) == (agency.act in regional), agency.id


def test_the_article_comes_from_the_profile():
    assert get_act("oia").short_in_text == "the OIA"
    assert get_act("lgoima").short_in_text == "LGOIMA"
    assert agencies.resolve("mfat").message.startswith(
        "Ministry of Foreign Affairs and Trade (Manatū Aorere): requests go under the OIA "
        "(Official Information Act 1982).")
    assert "requests go under LGOIMA (Local Government" in agencies.resolve("wcc").message
    assert agencies.act_label(agencies.NOT_SUBJECT) == "not subject to the OIA or LGOIMA"


def test_act_values_are_the_official_information_acts_and_none():
    expected = (*(p.key for p in official_information_acts()), agencies.NOT_SUBJECT)
    assert agencies.act_values() == expected == ("oia", "lgoima", "none")
    assert "privacy" in act_keys() and "privacy" not in agencies.act_values()


def test_a_council_word_nudges_council_organisations_less_than_other_bodies():
    from oiadraft.agencies.matching import _Intent

    intent = _Intent.of("wellington council")
    cco = agencies.get("wellington-water")  # a council-controlled organisation
    university = agencies.get("vuw")
    assert cco.act in council_acts() and not cco.is_council
    assert university.act not in council_acts()
    assert intent.adjustment(cco) == -3.0
    assert intent.adjustment(university) == -8.0
    assert intent.adjustment(agencies.get("wellington-cc")) == 5.0


def _act_key_literals(path: Path) -> list[str]:
    keys = set(act_keys())
    quoted = {f'"{key}"' for key in keys} | {f"'{key}'" for key in keys}
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and (
                node.value in keys or any(q in node.value for q in quoted)
                or any(f"act: {key}" in node.value for key in keys)):
            found.append(f"{path.name}:{node.lineno}: {node.value[:60]!r}")
    return found


@pytest.mark.parametrize("module", [*sorted(str(path.relative_to(REPO)) for path in
                                             (REPO / "oiadraft" / "agencies").glob("*.py")),
                                    "oiadraft/commands/agencies.py"])
def test_the_directory_code_names_no_act_key(module):
    assert _act_key_literals(REPO / module) == []


def test_the_literal_finder_is_not_vacuous(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text('A = "lgoima"\nB = """an "oia" entry"""\nC = "council (act: lgoima)"\n'
                      'D = "the OIA"\n', encoding="utf-8")
    assert [line.split(":")[1] for line in _act_key_literals(sample)] == ["1", "2", "3"]


# ── a new Act is a YAML file ───────────────────────────────────────────────────────────────
BOARDS_ACT = """\
version: 1
order: 5
name: School Boards Information Act 2099
short: SBIA
article: the
directory_kinds: [school_board]
body_kind: board
reviewer: an Ombudsman
covers_own_information: false
request_sentence: "I request the following information under the {act_name}."
time_limits: {decision: 20}
working_days:
  - {from: null, block: [25 December, 15 January], anniversary: true}
sections:
  time_limit: "4"
"""

DIRECTORY = """\
version: 1
sources:
  s: {title: A source, url: "https://example.org"}
regions:
  otago: Otago Anniversary
kinds:
  department: a department
  council_city: a city council
  school_board: a school board
  not_subject: outside every Act
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
  - id: otago-board
    name: Otago Girls High School Board
    kind: school_board
    act: sbia
    region: otago
    source: s
"""


@pytest.fixture
def extra_act(tmp_path, monkeypatch):
    """The built-in Act profiles plus one more file, read by the real loader."""
    folder = tmp_path / "acts"
    shutil.copytree(Path(str(paths.data_file(acts.ACTS_FOLDER))), folder)
    real = paths.data_file

    def data_file(name):
        return folder if name == acts.ACTS_FOLDER else real(name)

    monkeypatch.setattr(paths, "data_file", data_file)
    acts.load_acts.cache_clear()

    def add(name: str, text: str) -> None:
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
        acts.load_acts.cache_clear()

    yield add
    monkeypatch.undo()
    acts.load_acts.cache_clear()


def _directory(tmp_path, text):
    path = tmp_path / "agencies.yaml"
    path.write_text(text, encoding="utf-8")
    return load_directory(path)


def test_a_new_act_file_brings_its_directory_rules(tmp_path, extra_act, capsys):
    extra_act("sbia", BOARDS_ACT)
    assert [p.key for p in all_acts()][-1] == "sbia"
    assert agencies.act_values() == ("oia", "lgoima", "sbia", "none")
    assert act_of_kind("school_board") is get_act("sbia")
    assert {p.key for p in regional_acts()} == {"lgoima", "sbia"}

    directory = _directory(tmp_path, DIRECTORY)
    board = directory.get("otago-board")
    assert board.act == "sbia" and board.region == "otago"
    message = directory.resolve("otago girls high school board").message
    assert "requests go under the SBIA (School Boards Information Act 2099)." in message
    assert agencies.act_label(agencies.NOT_SUBJECT) == "not subject to the OIA, LGOIMA or the SBIA"

    # `agencies list --act` takes the new key (the built-in directory has no such body).
    assert main(["agencies", "list", "--act", "sbia", "--format", "json"]) == 0
    assert capsys.readouterr().out.strip() == "[]"


@pytest.mark.parametrize(("entry", "old", "new", "words"), [
    ("otago-board", "    act: sbia\n", "    act: oia\n",
     "kind school_board is subject to the SBIA (act: sbia)"),
    ("otago-board", "    region: otago\n", "", "under the SBIA needs a `region`"),
    ("dept", "    act: oia\n", "    act: oia\n    region: otago\n",
     "only bodies under LGOIMA or the SBIA carry a region"),
])
def test_a_new_acts_rules_are_enforced(tmp_path, extra_act, entry, old, new, words):
    extra_act("sbia", BOARDS_ACT)
    head, marker, rest = DIRECTORY.partition(f"  - id: {entry}\n")
    body, next_marker, tail = rest.partition("  - id: ")
    assert old in body
    text = head + marker + body.replace(old, new, 1) + next_marker + tail
    with pytest.raises(DataError, match=re.escape(words)):
        _directory(tmp_path, text)


def test_without_the_new_act_its_bodies_are_rejected(tmp_path):
    with pytest.raises(DataError, match="act must be one of oia, lgoima, none, not 'sbia'"):
        _directory(tmp_path, DIRECTORY)


def test_a_kind_cannot_belong_to_two_acts(extra_act):
    extra_act("sbia", BOARDS_ACT.replace("[school_board]", "[school_board, minister]"))
    with pytest.raises(DataError, match="'minister' is claimed by both oia and sbia"):
        all_acts()


@pytest.mark.parametrize(("change", "words"), [
    (("article: the", "article: the very"), "article must be one word"),
    (("[school_board]", "school_board"), "directory_kinds must list agency kinds"),
    (("[school_board]", "[school_board, 3]"), "directory_kinds must list agency kinds"),
])
def test_bad_directory_fields_in_an_act_file_are_data_errors(extra_act, change, words):
    extra_act("sbia", BOARDS_ACT.replace(*change))
    with pytest.raises(DataError, match=words):
        all_acts()


def test_the_way_forward_names_every_official_information_act_from_its_data():
    from oiadraft import acts

    text = agencies.way_forward()
    for profile in acts.official_information_acts():
        assert f"{profile.short_in_text} for {profile.covers}" in text
    assert all(profile.covers for profile in acts.official_information_acts())
