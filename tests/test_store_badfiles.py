"""Drafts as robust as clauses: every field checked on load, a bad draft set aside with a
one-line reason and never hiding the others; aliases refused; unreadable is not corrupt."""

from __future__ import annotations

import pytest

from oiadraft import paths
from oiadraft.cli import main
from oiadraft.errors import DataError
from oiadraft.model import Draft, Part
from oiadraft.store import Store

GOOD = "good00000001"

BAD_DRAFTS = {
    # field: (replacement text in a saved draft, what the reason says)
    "extension_days": ("extension_days: .inf\nsent: 2024-09-13",
                       "bad extension_days: must be a whole number from 0 to 10000, not .inf"),
    "negative_days": ("extension_days: -3", "bad extension_days: must be a whole number"),
    "region_list": ("region: [1]\nact: lgoima", "bad region: must be text, not a list"),
    "region_map": ("region: {a: 1}\nact: lgoima", "bad region: must be text, not a mapping"),
    "nan_answer": ("answers: {agency: .nan}", "bad answers: holds .nan"),
    "part_map": ("parts: [{text: {a: 1}}]", "bad parts: part 1 needs a text, not a mapping"),
    "part_period": ("parts: [{text: x, period: {start: '2024-02-30'}}]",
                    "bad parts: part 1 period: start must be a date like 2024-09-13"),
    "bad_date": ("sent: 2024-02-30", "the value '2024-02-30' cannot be read: day is out of range"),
    "digits": ("extension_days: " + "9" * 5000, "cannot be read: it has too many digits"),
    "clauses": ("clauses: [[a]]", "bad clauses: item 1 must be text, not a list"),
    "urgent": ("urgent: maybe", "bad urgent: must be true or false, not 'maybe'"),
    "created": ("created: .inf", "bad created: must be a date and time"),
    "sent": ("sent: 13/09/2024", "bad sent: must be a date like 2024-09-13, not '13/09/2024'"),
    "requester": ("requester: [Mere]", "bad requester: must be a mapping of name"),
    "sign_off": ("requester: {sign_off: [a]}", "bad requester: sign_off must be text"),
    "pending_input": ("pending_input: {a: 1}", "bad pending_input: must be text, not a mapping"),
    "edits": ("clause_edits: {thanks: [1]}", "bad clause_edits: 'thanks' must map to text"),
    "period": ("period: {start: 2024-05-01, end: 2024-01-01}", "bad period: the period starts"),
    "deep": ("answers: {a: " + "[" * 30 + "]" * 30 + "}", "bad answers: is nested more than"),
    "alias": ("answers: {a: &x [1], b: *x}", "uses a YAML alias"),
    "duplicate": ("topic: one\ntopic: two", "the key 'topic' is written twice"),
}


def write_bad(name: str, replacement: str) -> None:
    lines = [f"version: 1\nid: {name}\nagency: Treasury\n", replacement, "\n"]
    (paths.drafts_dir() / f"{name}.yaml").write_text("".join(lines), encoding="utf-8")


def good() -> Draft:
    draft = Draft(id=GOOD, agency="Treasury", topic="Budget", parts=[Part("Briefings.")])
    Store().save(draft)
    return draft


@pytest.mark.parametrize("name", list(BAD_DRAFTS))
def test_a_bad_field_sets_the_draft_aside_with_one_line_and_the_rest_is_listed(name):
    good()
    replacement, reason = BAD_DRAFTS[name]
    write_bad(name, replacement)
    store = Store()
    assert [s.id for s in store.list()] == [GOOD]
    assert len(store.problems) == 1
    problem = store.problems[0]
    assert "\n" not in problem and reason in problem, problem
    assert problem.startswith(f"{paths.drafts_dir() / name}.yaml:")
    assert "moved aside" in problem
    assert Store().latest().id == GOOD, "resume still offers the good draft"
    assert [p.name.split(".")[0] for p in paths.drafts_dir().iterdir()
            if ".corrupt-" in p.name] == [name]


@pytest.mark.parametrize("command", [["drafts", "show"], ["drafts", "export"], ["render"],
                                     ["drafts", "rename", "@", "x"], ["drafts", "list"]])
def test_every_command_on_a_bad_draft_is_one_line_not_a_traceback(command, capsys):
    good()
    write_bad("bad", BAD_DRAFTS["extension_days"][0])
    args = [("bad" if item == "@" else item) for item in command]
    if "bad" not in args and command[-1] != "list":
        args.append("bad")
    status = main(args)
    out, err = capsys.readouterr()
    if command == ["drafts", "list"]:
        assert status == 0 and GOOD in out
    else:
        assert status == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("oiadraft: ")
    assert "bad extension_days" in err


def test_chat_bookkeeping_that_does_not_fit_is_dropped_not_fatal():
    write_bad("pending", "answers: {_pending: 5, _editing: [1], agency: treasury, "
                         "_deleted: {index: x}}\ntopic: Kept")
    draft = Store().load("pending")
    assert draft.topic == "Kept" and draft.answers == {"agency": "treasury"}
    write_bad("pending2", "answers: {_pending: {kind: fill, part: p1}}")
    assert "_pending" not in Store().load("pending2").answers
    ok = ("answers: {_pending: {kind: part_period, part: p1}}")
    write_bad("pending3", ok)
    assert Store().load("pending3").answers["_pending"] == {"kind": "part_period", "part": "p1"}


def test_an_alias_bomb_is_refused_at_once_and_set_aside():
    good()
    bomb = ("version: 1\nid: bomb\na: &a [x, x, x, x, x, x, x, x, x]\n"
            + "".join(f"{n}: &{n} [{', '.join(['*' + p] * 9)}]\n"
                      for p, n in zip("abcdefgh", "bcdefghi", strict=True))
            + "answers: {x: *i}\n")
    assert len(bomb) < 1024
    (paths.drafts_dir() / "bomb.yaml").write_text(bomb, encoding="utf-8")
    store = Store()
    assert [s.id for s in store.list()] == [GOOD]
    assert "uses a YAML alias" in store.problems[0]


def test_a_draft_file_too_large_is_set_aside_without_being_read(monkeypatch):
    from oiadraft import draftfile

    monkeypatch.setattr(draftfile, "MAX_DRAFT_BYTES", 1000)
    good()
    (paths.drafts_dir() / "huge.yaml").write_text("topic: " + "x" * 5000, encoding="utf-8")
    store = Store()
    assert [s.id for s in store.list()] == [GOOD]
    assert "larger than" in store.problems[0] and "moved aside" in store.problems[0]


def test_a_bad_draft_outside_the_folder_is_an_error_and_is_never_moved(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text("version: 1\nextension_days: .inf\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"mine.yaml:2: bad extension_days"):
        Store().load(path)
    assert path.read_text(encoding="utf-8") == "version: 1\nextension_days: .inf\n"


def test_numbers_and_dates_written_bare_are_read_as_text():
    write_bad("bare", "topic: 2024\nname: 3.5\nagency_id: 42\nextension_days: 20.0")
    draft = Store().load("bare")
    assert (draft.topic, draft.name, draft.agency_id, draft.extension_days) == (
        "2024", "3.5", "42", 20)


def test_a_part_id_used_twice_is_made_unique():
    write_bad("twice", "parts: [{id: p1, text: one}, {id: p1, text: two}]")
    draft = Store().load("twice")
    assert [p.text for p in draft.parts] == ["one", "two"]
    assert draft.parts[0].id == "p1" and draft.parts[1].id != "p1"


def test_damaged_conversation_state_reads_as_none_and_the_content_loads():
    write_bad("convo", "topic: Kept\nconversation: {turns: [.inf], x: &a [1], y: *a}")
    write_bad("convo2", "topic: Kept\nconversation: {pending: .nan}\nagency_kind: [a]")
    draft = Store().load("convo2")
    assert draft.topic == "Kept" and draft.conversation == {} and draft.agency_kind == ""
    with pytest.raises(DataError, match="uses a YAML alias"):  # aliases are refused everywhere
        Store().load("convo")


def kept_aside(name: str) -> list:
    return sorted(p for p in paths.drafts_dir().iterdir() if p.name.startswith(f"{name}.yaml."))


@pytest.mark.parametrize("command", [["drafts", "show"], ["drafts", "export"], ["render"]])
def test_a_kept_aside_file_named_on_the_command_line_is_reported_and_not_moved_again(
        command, capsys):
    write_bad("bad", BAD_DRAFTS["extension_days"][0])
    Store().list()
    [aside] = kept_aside("bad")
    before = aside.read_bytes()
    assert main([*command, str(aside)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "bad extension_days" in err
    assert "moved aside" not in err, err
    assert kept_aside("bad") == [aside], "a kept-aside file keeps the name it was reported under"
    assert aside.read_bytes() == before


def test_a_kept_aside_file_mended_by_hand_opens_as_a_new_draft_beside_the_original():
    write_bad("mended", BAD_DRAFTS["extension_days"][0])
    Store().list()
    [aside] = kept_aside("mended")
    aside.write_text("version: 1\nid: mended\nagency: Treasury\ntopic: Mended\n",
                     encoding="utf-8")
    Store().save(Draft(id="mended", agency="Treasury", topic="Started again"))
    result = Store().import_file(aside)
    assert result.written and result.draft_id != "mended"
    assert Store().load(result.draft_id).topic == "Mended"
    assert Store().load("mended").topic == "Started again"
    assert kept_aside("mended") == [aside]


def test_a_kept_aside_file_is_private_to_the_user_whatever_mode_it_had():
    write_bad("shared", BAD_DRAFTS["urgent"][0])
    (paths.drafts_dir() / "shared.yaml").chmod(0o644)
    Store().list()
    [aside] = kept_aside("shared")
    assert aside.stat().st_mode & 0o777 == 0o600


def test_a_folder_named_like_a_draft_is_reported_by_the_list_and_left_as_it_is(capsys):
    good()
    folder = paths.drafts_dir() / "afolder1.yaml"
    folder.mkdir()
    (folder / "inside.txt").write_text("kept", encoding="utf-8")
    store = Store()
    assert [s.id for s in store.list()] == [GOOD]
    assert store.problems == [f"{folder}: is a folder, not a draft file; it is left as it is"]
    assert main(["drafts", "list"]) == 0
    out, err = capsys.readouterr()
    assert GOOD in out and "afolder1" not in out
    assert err == f"oiadraft: {folder}: is a folder, not a draft file; it is left as it is\n"
    assert (folder / "inside.txt").read_text(encoding="utf-8") == "kept"


@pytest.mark.parametrize("command", [["drafts", "show"], ["drafts", "export"], ["render"],
                                     ["drafts", "delete"], ["drafts", "rename", "@", "x"]])
def test_a_command_naming_a_folder_in_the_drafts_folder_says_it_is_a_folder(command, capsys):
    folder = paths.drafts_dir() / "afolder1.yaml"
    folder.mkdir(parents=True)
    args = [("afolder1" if item == "@" else item) for item in command]
    if "afolder1" not in args:
        args.append("afolder1")
    assert main(args) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"oiadraft: {folder} is a folder, not a draft file\n"
    assert folder.is_dir()
