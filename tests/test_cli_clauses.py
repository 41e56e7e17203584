"""`oiadraft clauses list|show|search|validate|path|placeholders`."""

from __future__ import annotations

import json

import pytest

from oiadraft import paths
from oiadraft.cli import main

GOOD = """\
version: 1
id: my-own
title: My own clause
kind: custom
body: |
  Kia ora {agency}, under {section.preferences}.
"""


def run(capsys, *args):
    status = main(["clauses", *args])
    out, err = capsys.readouterr()
    return status, out, err


def test_list_shows_both_acts_section_numbers(capsys):
    status, out, err = run(capsys, "list")
    assert status == 0 and err == ""
    header, *rows = out.splitlines()
    assert header.split()[:4] == ["ID", "KIND", "OIA", "LGOIMA"]
    row = next(r for r in rows if r.startswith("searchable-text "))
    assert row.split()[2:4] == ["s16", "s15"]
    row = next(r for r in rows if r.startswith("grounds-in-support "))
    assert "s19(a)(ii)" in row and "s18(a)(ii)" in row


def test_list_under_lgoima_shows_s15_and_s18aii_and_hides_oia_only(capsys):
    status, out, _ = run(capsys, "list", "--act", "lgoima")
    assert status == 0
    assert "LGOIMA" in out.splitlines()[0] and " OIA " not in out.splitlines()[0]
    rows = {line.split()[0]: line.split() for line in out.splitlines()[1:]}
    assert rows["searchable-text"][2] == "s15"
    assert rows["grounds-in-support"][2] == "s18(a)(ii),"
    assert rows["partial-release"][2:5] == ["s16,", "s16(2)(a),", "s16(2)(b)"]  # deletions
    assert "s19(a)(ii)" not in out
    # LGOIMA s14(3): the extension notice duty exists under the LGOIMA too
    assert rows["extension-notice"][2] == "s14(3),"


def test_show_extension_notice_cites_each_acts_section(capsys):
    status, out, _ = run(capsys, "show", "extension-notice", "--act", "lgoima")
    assert status == 0
    assert "LGOIMA s14(3), s14(4)(a), s14(4)(b), s14" in out
    assert "as section 14(3) requires" in out and "15A" not in out
    status, out, _ = run(capsys, "show", "extension-notice", "--act", "oia")
    assert status == 0 and "as section 15A(3) requires" in out and "(s15A(4)(b))" in out


def test_list_json(capsys):
    status, out, _ = run(capsys, "list", "--format", "json")
    assert status == 0
    data = json.loads(out)
    grounds = next(item for item in data if item["id"] == "grounds-in-support")
    assert grounds["cites"] == {"oia": ["s19(a)(ii)", "s19(a)(i)", "s9(1)"],
                                "lgoima": ["s18(a)(ii)", "s18(a)(i)", "s7(1)"]}
    assert grounds["default"] is True and grounds["origin"] == "built-in"


def test_a_broken_user_clause_is_named_on_stderr_and_the_rest_listed(capsys):
    (paths.user_clauses_dir() / "broken.yaml").write_text("version: 1\nid: x\n  title: oops\n",
                                                          encoding="utf-8")
    (paths.user_clauses_dir() / "mine.yaml").write_text(GOOD, encoding="utf-8")
    status, out, err = run(capsys, "list")
    assert status == 0
    assert f"{paths.user_clauses_dir() / 'broken.yaml'}:3: YAML syntax error" in err
    assert "searchable-text" in out and "my-own" in out and "yours" in out


def test_show_renders_the_body_for_an_act(capsys):
    status, out, _ = run(capsys, "show", "grounds-in-support", "--act", "lgoima")
    assert status == 0
    assert "under section 18(a)(ii)" in out and "section 7(1)" in out and "{" not in out
    status, out, _ = run(capsys, "show", "searchable-text", "--format", "yaml")
    assert out.startswith("version: 1\nid: searchable-text\n")
    status, out, _ = run(capsys, "show", "urgency", "--format", "markdown")
    assert "section 12(3)" in out and "[your reasons for urgency]" in out


def test_show_unknown_or_wrong_act_is_one_line_exit_2(capsys):
    status, out, err = run(capsys, "show", "thank")
    assert status == 2 and out == ""
    assert err == "oiadraft: no clause 'thank'; did you mean 'thanks'?\n"
    folder = paths.user_clauses_dir()
    (folder / "oia-only.yaml").write_text(
        GOOD.replace("my-own", "oia-only").replace("kind: custom", "kind: custom\nacts: [oia]"),
        encoding="utf-8")
    status, _, err = run(capsys, "show", "oia-only", "--act", "lgoima")
    assert status == 2 and "OIA only" in err and err.count("\n") == 1


def test_search(capsys):
    status, out, _ = run(capsys, "search", "searchabel")
    assert status == 0 and out.split()[1] == "searchable-text"
    status, out, _ = run(capsys, "search", "s15", "--act", "lgoima", "--format", "json")
    assert "searchable-text" in [hit["id"] for hit in json.loads(out)]
    status, out, err = run(capsys, "search", "zzqxj")
    assert status == 1 and out == "" and "no clause matches" in err


@pytest.mark.parametrize("query", ["", "*", "   ", "?! -", "* ."])
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_a_search_with_no_words_says_how_to_list_every_clause(capsys, query, fmt):
    """A search with nothing to look for is not a list of every clause scored 0.0: it says so
    and names the command that lists them all."""
    status, out, err = run(capsys, "search", query, "--format", fmt)
    assert status == 2 and out == ""
    assert "no words to search for" in err and "oiadraft clauses list" in err
    assert "Traceback" not in err and len(err.splitlines()) == 1


@pytest.mark.parametrize("query", ["the", "the of and", "Please, for me"])
def test_a_search_of_only_common_words_says_so(capsys, query):
    """"the" is in every clause: a list of them all scored 100 would mean nothing."""
    status, out, err = run(capsys, "search", query)
    assert status == 2 and out == ""
    assert "only common words" in err and "oiadraft clauses list" in err
    status, out, _ = run(capsys, "search", f"{query} watermark")
    assert status == 0 and out.split()[1] == "no-watermark"


def test_validate_the_library_and_files(capsys, tmp_path):
    status, out, err = run(capsys, "validate")
    assert status == 0 and out == "" and err.startswith("ok: ")
    bad = tmp_path / "bad.yaml"
    bad.write_text(GOOD.replace("{agency}", "{agnecy}").replace("custom", "weird"),
                   encoding="utf-8")
    good = tmp_path / "good.yaml"
    good.write_text(GOOD, encoding="utf-8")
    status, out, err = run(capsys, "validate", str(good), str(bad))
    assert status == 1
    assert out.splitlines() == [
        f"{bad}:4: unknown kind 'weird'; use one of process, preference, withholding, custom, "
        "closing",
        f"{bad}:6: unknown placeholder {{agnecy}} (did you mean {{agency}}?)",
    ]
    assert "2 problems in 2 files" in err
    status, out, _ = run(capsys, "validate", str(good))
    assert status == 0
    status, _, err = run(capsys, "validate", str(tmp_path / "missing.yaml"))
    assert status == 2 and "no such file" in err


def test_validate_with_no_files_reports_user_problems(capsys):
    (paths.user_clauses_dir() / "typo.yaml").write_text(GOOD.replace("body:", "bodyy:"),
                                                        encoding="utf-8")
    status, out, _ = run(capsys, "validate")
    assert status == 1
    assert "typo.yaml:5: unknown field 'bodyy' (did you mean 'body'?)" in out


def test_path_and_placeholders(capsys):
    status, out, _ = run(capsys, "path")
    assert status == 0 and out.strip() == str(paths.user_clauses_dir())
    status, out, _ = run(capsys, "placeholders")
    assert "{section.<concept>}" in out and "{urgency_reasons}" in out


def test_no_action_lists(capsys):
    status, out, _ = run(capsys)
    assert status == 0 and out.startswith("ID ")


def test_the_privacy_act_in_the_clause_commands(capsys):
    status, out, _ = run(capsys, "list", "--act", "privacy")
    assert status == 0
    rows = {line.split()[0]: line.split() for line in out.splitlines()[1:]}
    assert set(rows) == {"extension-notice", "thanks"}
    assert rows["extension-notice"][2:6] == ["s48(3),", "s48(4)(a),", "s48(4)(b),", "s48"]
    status, out, _ = run(capsys, "show", "extension-notice", "--act", "privacy")
    assert status == 0 and "Privacy Act s48(3)" in out and "as section 48(3) requires" in out
    status, _, err = run(capsys, "show", "grounds-in-support", "--act", "privacy")
    assert status == 2
    assert "is for the OIA and LGOIMA only, not the Privacy Act" in err
    status, _, err = run(capsys, "list", "--act", "foia")
    assert status == 2 and "unknown act 'foia': use oia, lgoima or privacy" in err


EVIL = ('version: 1\nid: evil\ntitle: "Ev\\e]0;PWNED\\ail \\e[31mred"\nkind: custom\n'
        'acts: [oia]\nbody: "Body \\e[2J text"\nnotes: "n\\e[5mote"\ntags: ["t\\e[1mag"]\n')


def test_a_clause_file_with_terminal_escapes_is_read_as_its_plain_text(capsys):
    """A clause file written with escape codes in it (copied from a coloured terminal) never
    sends them to the terminal, the letter or the clipboard: they are not text."""
    from oiadraft.clauses import Library

    (paths.user_clauses_dir() / "evil.yaml").write_text(EVIL, encoding="utf-8")
    clause = Library.load().get("evil")
    assert (clause.title, clause.body, clause.notes, clause.tags) == (
        "Evil red", "Body  text", "note", ("tag",))
    for args in (["clauses", "list"], ["clauses", "show", "evil"],
                 ["clauses", "show", "evil", "--format", "markdown"]):
        assert main(args) == 0
        out = capsys.readouterr().out
        assert "\x1b" not in out and "\x07" not in out, args


@pytest.mark.parametrize("field, value", [("body", '"Kia ora\\0 {agency}."'),
                                          ("title", '"Mine\\0"'),
                                          ("notes", '"When\\x00 asked"'),
                                          ("body", '"Kia ora\\u0000 {agency}."')])
def test_a_nul_in_a_clause_is_refused_with_file_and_line_everywhere(capsys, field, value):
    """A NUL written as a YAML escape is refused as the raw byte is: `validate` names the
    file and line, and list, show and search skip the clause saying why (the app's library
    loads it the same way)."""
    text = GOOD if field == "body" else GOOD.rstrip("\n") + f"\n{field}: placeholder\n"
    lines = [line for line in text.splitlines() if not line.startswith(f"{field}:")]
    if field == "body":
        lines = [line for line in lines if not line.startswith("  Kia ora")]
    lines.append(f"{field}: {value}")
    user = paths.user_clauses_dir()
    user.mkdir(parents=True, exist_ok=True)
    mine = user / "my-own.yaml"
    mine.write_text("\n".join(lines) + "\n", encoding="utf-8")
    where = f"{mine}:{len(lines)}: {field} holds a NUL character"
    status, out, err = run(capsys, "validate", str(mine))
    assert status == 1 and out.startswith(where), out
    status, out, err = run(capsys, "list")
    assert status == 0 and "my-own" not in out
    assert err.startswith(f"oiadraft: skipped {where}")
    status, out, err = run(capsys, "show", "my-own")
    assert status == 2 and out == "" and where in err


def test_show_of_a_clause_whose_file_was_skipped_points_at_the_file(capsys):
    from oiadraft import paths

    folder = paths.user_clauses_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "broken-one.yaml").write_text(
        'version: 1\nid: broken-one\ntitle: "x\\0"\nkind: custom\nbody: "y"\n', encoding="utf-8")
    status, out, err = run(capsys, "show", "broken-one")
    assert status == 2 and out == ""
    last = err.strip().splitlines()[-1]
    assert "no clause 'broken-one': its file (" in last and "broken-one.yaml:3" in last
    assert "oiadraft clauses validate" in last
