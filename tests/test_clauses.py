"""The clause library: built-ins, the user's own clauses, validation with lines, editing."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from oiadraft import paths
from oiadraft.clauses import (
    KINDS,
    Clause,
    Library,
    check_edit,
    clause_to_yaml,
    render_body,
    validate_text,
)
from oiadraft.errors import DataError, UserError
from oiadraft.letter.placeholders import CONCEPT_PLACEHOLDERS, PLACEHOLDERS
from oiadraft.letter.template import fill
from oiadraft.letter.values import letter_frame, placeholder_values
from oiadraft.model import Draft, Part, Requester

REPO = Path(__file__).resolve().parent.parent


def user_file(name: str, text: str) -> Path:
    path = paths.user_clauses_dir() / name
    path.write_text(text, encoding="utf-8")
    return path


GOOD = """\
version: 1
id: my-clause
title: My clause
kind: custom
acts: [oia, lgoima]
section: preferences
tags: [mine]
default: false
notes: |
  Mine.
body: |
  Under {section.preferences} I ask {agency} nicely.
"""


# ---- built-ins -------------------------------------------------------------------------------


def test_builtins_load_without_problems():
    library = Library.load()
    assert library.problems == []
    assert len(library) >= 15
    assert {clause.kind for clause in library} <= set(KINDS)
    assert all(clause.builtin for clause in library)


def test_builtin_files_are_one_clause_each_with_version_and_block_bodies():
    for path in sorted((REPO / "clauses").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert text.startswith("version: 1\n"), path.name
        assert "\nbody: |\n" in text, path.name
        clause, errors = validate_text(text, path)
        assert errors == [] and clause is not None, errors
        assert clause.id == path.stem, "file name and id agree"
        assert clause.notes, f"{path.name} needs notes (when to use it)"
        assert clause.tags, f"{path.name} needs tags"


@pytest.mark.parametrize(("act", "preferences", "grounds"), [
    ("oia", "s16", "s19(a)(ii)"),
    ("lgoima", "s15", "s18(a)(ii)"),
])
def test_preference_and_grounds_clauses_cite_the_right_sections(act, preferences, grounds):
    library = Library.load()
    assert library.get("searchable-text").cites(act) == [preferences]
    assert library.get("grounds-in-support").cites(act)[0] == grounds
    preference_clauses = library.clauses(act, kind="preference")
    assert len(preference_clauses) >= 6
    assert all(clause.cites(act)[0] == preferences for clause in preference_clauses)


@pytest.mark.parametrize(("act", "expected"), [
    ("oia", ["section 19(a)(i)", "section 19(a)(ii)", "section 9(1)",
             "Official Information Act 1982"]),
    ("lgoima", ["section 18(a)(i)", "section 18(a)(ii)", "section 7(1)",
                "Local Government Official Information and Meetings Act 1987"]),
])
def test_grounds_clause_asks_for_reasons_grounds_and_public_interest(act, expected):
    text = render_body(Library.load().get("grounds-in-support"), act, format="text")
    positions = [text.index(piece) for piece in expected[:3]]
    assert positions == sorted(positions), "reasons, then grounds, then public interest"
    assert expected[3] in text
    assert "public-interest considerations" in text
    assert "{" not in text


def test_the_issue_list_of_builtins_is_covered():
    library = Library.load()
    wanted = {
        "electronic-copies", "searchable-text", "native-data", "whole-documents", "no-watermark",
        "email-delivery", "instalments", "grounds-in-support", "partial-release",
        "schedule-of-documents", "consult-before-refusing", "extension-or-charge", "urgency",
        "priority-order", "no-need-to-cite", "contact-clarify", "thanks",
    }
    assert wanted <= {clause.id for clause in library}
    urgency = render_body(library.get("urgency"), {"act": "lgoima", "urgency_reasons": "X"},
                          format="text")
    assert "section 10(3)" in urgency and urgency.rstrip().endswith("X")


def test_a_clause_for_one_act_lists_only_that_act_and_is_hidden_under_the_other():
    only_oia = Clause(id="oia-only", title="OIA only", kind="custom", body="x", acts=("oia",))
    library = Library.from_clauses([*Library.load().clauses(), only_oia])
    assert library.get("oia-only").acts == ("oia",)
    assert only_oia in library.clauses("oia")
    assert only_oia not in library.clauses("lgoima")


def test_the_extension_notice_clause_is_for_both_acts_with_each_acts_numbers():
    # OIA s15A(3) / LGOIMA s14(3): notice "within 20 working days after the day on which the
    # request is received"; s15A(4) / s14(4): the notice must "(a) specify the period of the
    # extension; and (b) give the reasons for the extension".
    clause = Library.load().get("extension-notice")
    assert clause.acts == ("oia", "lgoima", "privacy")
    oia = render_body(clause, "oia", format="text")
    lgoima = render_body(clause, "lgoima", format="text")
    assert "as section 15A(3) requires" in oia and "(s15A(4)(a))" in oia and "(s15A(4)(b))" in oia
    assert "as section 14(3) requires" in lgoima and "(s14(4)(a))" in lgoima
    assert "(s14(4)(b))" in lgoima and "15A" not in lgoima


def test_partial_release_asks_for_the_grounds_of_each_deletion():
    # OIA s17(2) / LGOIMA s16(2): the agency must give "(a) the reason for withholding the
    # information; and (b) if the applicant so requests, the grounds in support of that reason".
    clause = Library.load().get("partial-release")
    oia = render_body(clause, "oia", format="text")
    lgoima = render_body(clause, "lgoima", format="text")
    assert "as section 17(2)(a) requires" in oia and "under section 17(2)(b)" in oia
    assert "as section 16(2)(a) requires" in lgoima and "under section 16(2)(b)" in lgoima


def test_every_builtin_renders_under_each_of_its_acts_with_no_braces_left():
    for clause in Library.load():
        for act in clause.acts:
            text = render_body(clause, act, format="text")
            assert "{" not in text and "}" not in text, (clause.id, act, text)


# ---- placeholders ----------------------------------------------------------------------------


def test_placeholders_are_defined_in_one_place_and_the_frame_uses_only_those():
    assert {"agency", "act_name", "act_short", "s", "section", "n", "period", "requester_name",
            "requester_email", "urgency_reasons", "priority_parts", "part_count"} <= set(PLACEHOLDERS)
    assert set(PLACEHOLDERS) >= CONCEPT_PLACEHOLDERS
    letter_frame()  # raises DataError if letter.yaml used an unknown placeholder


def test_values_for_a_draft_escape_what_the_user_typed():
    draft = Draft(agency="A *bold* [agency](http://x)", requester=Requester(name="Jo_Bloggs"),
                  urgency_reasons="# not a heading", parts=[Part("x"), Part("y")])
    values = placeholder_values(draft)
    assert values["agency"] == r"A \*bold\* \[agency\](http://x)"
    assert values["requester_name"] == r"Jo\_Bloggs"
    assert values["urgency_reasons"] == r"\# not a heading"
    assert values["part_count"] == "2"
    text = render_body("Dear {agency}, from {requester_name}", draft, format="text")
    assert text == "Dear A *bold* [agency](http://x), from Jo_Bloggs"


def test_missing_values_show_as_reminders():
    values = placeholder_values(Draft(act="lgoima"))
    assert values["agency"] == "the local authority"
    assert values["requester_name"] == "[your name]"
    assert values["urgency_reasons"] == "[your reasons for urgency]"
    assert placeholder_values(Draft(act="oia"))["agency"] == "the agency"


def test_priority_parts_come_from_the_drafts_priority_ids():
    parts = [Part("a", id="p1"), Part("b", id="p2"), Part("c", id="p3")]
    draft = Draft(parts=parts, priority=["p3", "p1", "gone"])
    assert placeholder_values(draft)["priority_parts"] == "parts 1 and 3"
    draft.priority = ["p2"]
    assert placeholder_values(draft)["priority_parts"] == "part 2"


def test_no_priority_chosen_shows_a_visible_gap_not_part_1():
    draft = Draft(parts=[Part("a", id="p1"), Part("b", id="p2")])
    assert placeholder_values(draft)["priority_parts"] == "[which parts first]"


def test_fill_leaves_unknown_and_malformed_placeholders_as_typed():
    values = placeholder_values("oia")
    assert fill("{nope} {s.nope} {s} {{x}} {section.grounds} {", values) == \
        "{nope} {s.nope} {s} {x} section 19(a)(ii) {"


# ---- validation ------------------------------------------------------------------------------


def test_validate_text_accepts_a_good_clause():
    clause, errors = validate_text(GOOD, "mine.yaml")
    assert errors == []
    assert clause == Clause(id="my-clause", title="My clause", kind="custom",
                            body="Under {section.preferences} I ask {agency} nicely.",
                            section=("preferences",), tags=("mine",), notes="Mine.",
                            acts=("oia", "lgoima"))


def test_validate_text_reports_every_problem_with_its_line():
    text = """\
version: 1
id: Not A Slug
title: x
kind: sermon
acts: [oia, nz]
section: [preferences, prefrences]
colour: red
body: |
  Fine first line.
  Dear {agnecy}, see {s.grounds} and {section.bogus}.
  Also {requester_name!r} and {}.
"""
    clause, errors = validate_text(text, "bad.yaml")
    assert clause is None
    found = [(e.line, e.message) for e in errors]
    assert all(str(e).startswith(f"bad.yaml:{e.line}: ") for e in errors)
    lines = {line for line, _ in found}
    assert {2, 4, 5, 6, 7, 10, 11} <= lines
    messages = " | ".join(message for _, message in found)
    assert "lowercase slug" in messages
    assert "unknown kind 'sermon'" in messages
    assert "unknown act 'nz'" in messages
    assert "did you mean 'preferences'" in messages
    assert "unknown field 'colour'" in messages
    assert "unknown placeholder {agnecy} (did you mean {agency}?)" in messages
    assert "unknown Act concept in {section.bogus}" in messages
    assert "format or conversion" in messages
    assert "empty placeholder" in messages


def test_a_section_an_act_lacks_is_an_error_unless_the_clause_is_for_the_other_act_only():
    text = GOOD.replace("section: preferences", "section: special_reasons").replace(
        "{section.preferences}", "{section.special_reasons}")
    clause, errors = validate_text(text, "x.yaml")
    assert clause is None
    assert {e.line for e in errors} == {6, 12}
    assert all("LGOIMA" in e.message for e in errors)
    clause, errors = validate_text(text.replace("acts: [oia, lgoima]", "acts: [oia]"), "x.yaml")
    assert errors == [] and clause.acts == ("oia",)


@pytest.mark.parametrize(("text", "line", "words"), [
    ("version: 1\nid: x\n  title: [\n", 3, "YAML syntax error"),
    ("- just\n- a list\n", 1, "must be a YAML mapping"),
    ("", 1, "must be a YAML mapping"),
    ("version: 2\nid: x\ntitle: t\nkind: custom\nbody: b\n", 1, "unsupported clause version"),
    ("version: 1\nid: x\ntitle: t\nkind: custom\n", 1, "missing body"),
    ("version: 1\nid: x\ntitle: t\nkind: custom\nbody: 'a } b'\n", 5, "Single '}'"),
    ("version: 1\nid: x\ntitle: t\nkind: custom\ndefault: maybe\nbody: b\n", 5, "true or false"),
])
def test_validate_text_problems(text, line, words):
    clause, errors = validate_text(text, "c.yaml")
    assert clause is None
    assert errors and errors[0].line == line and words in errors[0].message, errors


# ---- the user's clauses ----------------------------------------------------------------------


def test_a_broken_user_file_is_reported_and_the_rest_still_loads():
    user_file("broken.yaml", "version: 1\nid: x\n  title: bad indent\n")
    user_file("typo.yaml", GOOD.replace("my-clause", "typo").replace("{agency}", "{agnecy}"))
    user_file("fine.yaml", GOOD.replace("my-clause", "fine"))
    library = Library.load()
    assert "fine" in library and "typo" not in library
    builtins = len(list((REPO / "clauses").glob("*.yaml")))
    assert len(library) == builtins + 1
    assert "searchable-text" in library and "grounds-in-support" in library
    shown = [str(problem) for problem in library.problems]
    assert any(s.startswith(f"{paths.user_clauses_dir() / 'broken.yaml'}:3: YAML syntax error")
               for s in shown), shown
    assert any(s.startswith(f"{paths.user_clauses_dir() / 'typo.yaml'}:12: unknown placeholder")
               for s in shown), shown


def test_two_user_files_with_one_id_keep_the_first_and_report_the_second():
    user_file("a.yaml", GOOD)
    user_file("b.yaml", GOOD.replace("My clause", "Other"))
    library = Library.load()
    assert library.get("my-clause").title == "My clause"
    assert any("already used" in problem.message and problem.path.endswith("b.yaml")
               for problem in library.problems)


def test_a_user_clause_overrides_a_builtin_and_can_be_reset():
    library = Library.load()
    shipped = library.get("searchable-text")
    edited = library.save(Clause(**{**_fields(shipped), "body": "Searchable PDFs please."}))
    assert library.get("searchable-text").body == "Searchable PDFs please."
    assert library.is_overridden("searchable-text") and library.is_modified("searchable-text")
    assert library.builtin("searchable-text").body == shipped.body
    reloaded = Library.load()
    assert reloaded.get("searchable-text").body == "Searchable PDFs please."
    assert not reloaded.get("searchable-text").builtin
    assert reloaded.reset("searchable-text") == shipped
    assert reloaded.get("searchable-text").body == shipped.body
    assert not reloaded.is_overridden("searchable-text")
    assert not Path(edited.source).exists()
    assert Library.load().get("searchable-text").body == shipped.body
    with pytest.raises(UserError, match="not an edited built-in"):
        reloaded.reset("searchable-text")


def test_save_writes_a_private_readable_file_and_refuses_an_invalid_clause():
    library = Library.load()
    saved = library.save(Clause(id="mine", title="Mine", kind="closing", body="Bye {agency}.\n\nOk."))
    path = Path(saved.source)
    assert path == paths.user_clauses_dir() / "mine.yaml"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    text = path.read_text(encoding="utf-8")
    assert text.startswith("version: 1\n") and "body: |\n  Bye {agency}.\n\n  Ok.\n" in text
    assert Library.load().get("mine") == saved
    with pytest.raises(DataError, match="unknown placeholder"):
        library.save(Clause(id="bad", title="Bad", kind="closing", body="Hi {nobody}"))
    assert not (paths.user_clauses_dir() / "bad.yaml").exists()
    with pytest.raises(UserError, match="lowercase slug"):
        library.save(Clause(id="../escape", title="x", kind="closing", body="x"))


def test_save_text_from_the_editor_keeps_nothing_when_invalid():
    library = Library.load()
    with pytest.raises(DataError) as info:
        library.save_text(GOOD.replace("{agency}", "{agency"))
    assert info.value.line == 12
    assert list(paths.user_clauses_dir().iterdir()) == []
    assert library.save_text(GOOD).id == "my-clause"


def test_rename_duplicate_delete_restore():
    library = Library.load()
    copy = library.duplicate("whole-documents")
    assert copy.id == "whole-documents-copy" and copy.title.endswith("(copy)")
    assert library.duplicate("whole-documents").id == "whole-documents-copy-2"
    renamed = library.rename("whole-documents-copy", "complete-documents")
    assert "whole-documents-copy" not in library and library.get("complete-documents") == renamed
    assert not (paths.user_clauses_dir() / "whole-documents-copy.yaml").exists()
    assert Library.load().get("complete-documents").body == library.get("whole-documents").body

    trashed = library.delete("complete-documents")
    assert trashed.parent == paths.trash_dir() / "clauses" and trashed.exists()
    assert "complete-documents" not in library and "complete-documents" not in Library.load()
    restored = library.restore("complete-documents")
    assert restored.id == "complete-documents" and "complete-documents" in Library.load()

    with pytest.raises(UserError, match="built-in"):
        library.delete("whole-documents")
    with pytest.raises(UserError, match="built-in"):
        library.rename("whole-documents", "x")
    with pytest.raises(UserError, match="already exists"):
        library.rename("complete-documents", "thanks")
    with pytest.raises(UserError, match="no clause 'nope'"):
        library.delete("nope")
    with pytest.raises(UserError, match="did you mean 'thanks'"):
        library.get("thank")
    with pytest.raises(UserError, match="no deleted clause"):
        library.restore("never-existed")


def test_deleting_twice_keeps_both_copies_in_the_trash_and_restores_the_latest():
    library = Library.load()
    library.save(Clause(id="twice", title="First", kind="custom", body="one"))
    library.delete("twice")
    library.save(Clause(id="twice", title="Second", kind="custom", body="two"))
    library.delete("twice")
    assert len([p for p in library.trashed() if p.name.startswith("twice")]) == 2
    assert library.restore("twice").title == "Second"


def test_clause_yaml_round_trips():
    clause = Library.load().get("grounds-in-support")
    again, errors = validate_text(clause_to_yaml(clause), "x")
    assert errors == [] and again == clause


def _fields(clause: Clause) -> dict:
    return {name: getattr(clause, name) for name in
            ("id", "title", "kind", "body", "acts", "section", "tags", "default", "notes", "order")}


def test_check_edit_is_the_clause_file_check_for_a_per_draft_edit():
    # the same placeholder check as clause files, under the draft's Act
    assert check_edit("Please reply under {section.grounds}.", "oia") == []
    assert check_edit("{s.__dict__} {agnecy} {s.grounds}", "privacy") == [
        "placeholder {s.__dict__} needs a concept, e.g. {s.grounds}",
        "unknown placeholder {agnecy} (did you mean {agency}?)",
        "{s.grounds} has no Privacy Act section; list only the Acts that have it in `acts`",
    ]
    (problem,) = check_edit("a } b", "oia")
    assert "Single '}'" in problem and "write {{ and }} for a literal brace" in problem


@pytest.mark.parametrize("text", ["{s.__dict__}", "{agency.__class__}", "{section._profile}",
                                  "{n.__len__}", "{act_name.upper}", "{s}", "{__class__}"])
def test_rendering_an_edit_never_prints_internals(text):
    assert render_body(text, "oia", format="markdown") == text
    assert fill(text, placeholder_values("lgoima")) == text


def test_a_clause_file_without_acts_applies_to_every_act_that_has_its_sections():
    no_acts = GOOD.replace("acts: [oia, lgoima]\n", "")
    clause, errors = validate_text(no_acts, "x.yaml")
    assert errors == [] and clause.acts == ("oia", "lgoima")  # the Privacy Act lacks s16
    plain = no_acts.replace("section: preferences", "section: []").replace(
        "Under {section.preferences} I", "I")
    clause, errors = validate_text(plain, "x.yaml")
    assert errors == [] and clause.acts == ("oia", "lgoima", "privacy")


def test_a_clause_can_be_for_the_privacy_act():
    library = Library.load()
    assert [c.id for c in library.clauses("privacy")] == ["extension-notice", "thanks"]
    body = render_body(library.get("extension-notice"), "privacy", format="text")
    # Privacy Act 2020 s48(3)-(4): notice within 20 working days; period (a) and reasons (b)
    assert "as section 48(3) requires" in body and "(s48(4)(a))" in body and "(s48(4)(b))" in body
