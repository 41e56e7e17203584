"""`oiadraft drafts list|show|export|rename|delete` and `oiadraft render`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date

from oiadraft import paths
from oiadraft.cli import main
from oiadraft.model import Draft, Part, Period, Requester
from oiadraft.store import Store


def saved(**changes) -> Draft:
    draft = Draft(id="d1e2f3a4b5c6", act="lgoima", agency="Auckland Council",
                  topic="Library hours", period=Period(date(2023, 7, 1), date(2024, 6, 30)),
                  parts=[Part("Staff rosters for *central* library."), Part("Visitor counts.")],
                  clauses=["grounds-in-support", "searchable-text"],
                  requester=Requester(name="Tama"))
    for key, value in changes.items():
        setattr(draft, key, value)
    Store().save(draft)
    return draft


def run(capsys, *args):
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def test_render_text_and_markdown_by_id_prefix_or_path(capsys):
    draft = saved()
    status, out, err = run(capsys, "render", "d1e2")
    assert status == 0 and err == ""
    assert out.startswith("LGOIMA request: Library hours\n\nTēnā koutou,\n")
    assert "1. Staff rosters for *central* library.\n" in out
    assert "Under section 15 of the Local Government" in out and "section 18(a)(ii)" in out
    assert out.endswith("Ngā mihi\nTama\n")
    status, md, _ = run(capsys, "render", str(Store().path_for(draft.id)), "--format", "markdown")
    assert status == 0 and "Staff rosters for \\*central\\* library." in md


def test_render_missing_draft_is_one_line_and_exit_2(capsys):
    status, out, err = run(capsys, "render", "nope")
    assert status == 2 and out == ""
    assert err == ("oiadraft: no draft 'nope': not a draft id (see `oiadraft drafts list`) or an "
                   "existing file\n")


def test_render_corrupt_draft_is_one_line_and_exit_2(capsys):
    (paths.drafts_dir() / "bad123.yaml").write_text("parts: [\n", encoding="utf-8")
    status, out, err = run(capsys, "render", "bad123")
    assert status == 2 and out == "" and err.count("\n") == 1
    assert "YAML syntax error" in err and "moved aside" in err


def test_render_warns_about_a_clause_no_longer_in_the_library(capsys):
    saved(clauses=["grounds-in-support", "deleted-clause"])
    status, out, err = run(capsys, "render", "d1e2f3a4b5c6")
    assert status == 0 and "section 18(a)(ii)" in out
    assert "clause 'deleted-clause' is chosen in this draft but is not in the library" in err


def test_drafts_list_text_and_json_and_problems(capsys):
    saved()
    (paths.drafts_dir() / "junk.yaml").write_text("- not a draft\n", encoding="utf-8")
    status, out, err = run(capsys, "drafts", "list")
    assert status == 0
    lines = out.splitlines()
    assert lines[0].split() == ["ID", "EDITED", "ACT", "PARTS", "SENT", "DUE", "TITLE"]
    assert lines[1].startswith("d1e2f3a4b5c6") and "LGOIMA" in lines[1]
    assert lines[1].endswith("Auckland Council: Library hours")
    assert "junk.yaml" in err and "moved aside" in err
    status, out, _ = run(capsys, "drafts", "list", "--format", "json")
    data = json.loads(out)
    assert [item["id"] for item in data] == ["d1e2f3a4b5c6"] and data[0]["parts"] == 2


def test_drafts_list_shows_when_a_sent_request_is_due(capsys, monkeypatch):
    monkeypatch.setenv("OIADRAFT_TODAY", "2024-10-01")
    saved(id="sentoia00001", act="oia", sent=date(2024, 9, 13))
    saved(id="extended0001", act="oia", sent=date(2024, 9, 13), extension_days=45)
    saved(id="unsent000001")
    status, out, _ = run(capsys, "drafts", "list")
    assert status == 0
    rows = {line.split()[0]: line for line in out.splitlines()[1:]}
    assert "2024-10-11 (10 days left)" in rows["sentoia00001"]
    assert "2024-12-16 (76 days left)" in rows["extended0001"]
    assert "days" not in rows["unsent000001"]
    monkeypatch.setenv("OIADRAFT_TODAY", "2024-10-12")
    status, out, _ = run(capsys, "drafts", "list", "--format", "json")
    assert status == 0
    data = {item["id"]: item for item in json.loads(out)}
    assert (data["sentoia00001"]["due"], data["sentoia00001"]["days_left"]) == ("2024-10-11", -1)
    assert data["unsent000001"]["due"] is None


def test_drafts_list_when_empty(capsys):
    status, out, err = run(capsys, "drafts", "list")
    assert status == 0 and out == "" and "no drafts yet" in err


def test_drafts_show(capsys):
    saved(sent=date(2024, 7, 2))
    status, out, _ = run(capsys, "drafts", "show", "d1e2f3a4b5c6")
    assert status == 0
    assert "period:   1 July 2023 to 30 June 2024" in out and "sent:     2024-07-02" in out
    assert "  1. Staff rosters for *central* library." in out
    status, out, _ = run(capsys, "drafts", "show", "d1e2f3a4b5c6", "--format", "json")
    assert json.loads(out)["agency"] == "Auckland Council"
    status, _, err = run(capsys, "drafts", "show", "missing1")
    assert status == 2 and err.startswith("oiadraft: no draft 'missing1'")


def test_drafts_export_to_stdout_and_file_without_overwriting(capsys, tmp_path):
    draft = saved()
    status, out, _ = run(capsys, "drafts", "export", draft.id)
    assert status == 0 and out.startswith("LGOIMA request: Library hours")
    status, out, _ = run(capsys, "drafts", "export", draft.id, "--format", "yaml")
    assert out.startswith("version: 1\nid: d1e2f3a4b5c6\n")
    target = tmp_path / "letter.md"
    status, out, err = run(capsys, "drafts", "export", draft.id, "--format", "markdown", "-o",
                           str(target))
    assert status == 0 and out == "" and f"wrote {target}" in err
    first = target.read_text(encoding="utf-8")
    assert "\\*central\\*" in first
    status, _, err = run(capsys, "drafts", "export", draft.id, "-o", str(target))
    assert status == 2 and "already exists; use --force" in err
    assert target.read_text(encoding="utf-8") == first
    status, _, _ = run(capsys, "drafts", "export", draft.id, "-o", str(target), "--force")
    assert status == 0 and target.read_text(encoding="utf-8").startswith("LGOIMA request:")


def test_drafts_rename_and_delete(capsys):
    draft = saved()
    status, out, _ = run(capsys, "drafts", "rename", draft.id, "Library staffing")
    assert status == 0 and out.strip() == "d1e2f3a4b5c6: Library staffing"
    assert Store().load(draft.id).name == "Library staffing"
    status, _, err = run(capsys, "drafts", "delete", draft.id)
    assert status == 0 and "trash" in err
    assert Store().list() == []
    assert Store().restore(draft.id).name == "Library staffing"


def test_render_from_another_folder_in_a_subprocess(tmp_path):
    draft = saved()
    env = {**os.environ, "OIADRAFT_HOME": os.environ["OIADRAFT_HOME"]}
    result = subprocess.run([sys.executable, "-m", "oiadraft", "render", draft.id],
                            capture_output=True, text=True, cwd=tmp_path, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("LGOIMA request: Library hours")
    result = subprocess.run([sys.executable, "-m", "oiadraft", "clauses", "list", "--act",
                             "lgoima"], capture_output=True, text=True, cwd=tmp_path, env=env,
                            timeout=60)
    assert result.returncode == 0 and "s18(a)(ii)" in result.stdout


def test_a_privacy_act_draft_renders_with_its_own_words(capsys):
    saved(id="privacy00001", act="privacy", agency="Ministry of Social Development",
          agency_id="msd", topic="My case file", period=None,
          parts=[Part("My case file.")], clauses=["extension-notice", "grounds-in-support"])
    status, out, err = run(capsys, "render", "privacy00001")
    assert status == 0
    assert out.startswith("Privacy Act request: My case file\n\nTēnā koutou,\n\n"
                          "I ask for access to my personal information under information privacy "
                          "principle 6 of the Privacy Act 2020.\n")
    assert "as section 48(3) requires" in out  # s48(3)
    assert "grounds-in-support' does not apply to this draft's Act" in err
    status, out, _ = run(capsys, "drafts", "show", "privacy00001")
    assert status == 0 and "act:      Privacy Act 2020 (Privacy Act)" in out


def test_render_checks_a_per_draft_clause_edit_like_a_clause_file(capsys):
    saved(clause_edits={"grounds-in-support": "Grounds please {s.__dict__} {sectoin.grounds} "
                                              "under {s.grounds}."})
    status, out, err = run(capsys, "render", "d1e2f3a4b5c6")
    assert status == 0
    # a clause body is Markdown ("__dict__" reads as bold); what matters is that no Python
    # internals reach the letter and the good placeholder is filled
    assert "{sectoin.grounds} under s18(a)(ii)." in out
    assert "Citations" not in out and "_keys" not in out and "<" not in out
    warnings = [line for line in err.splitlines() if "your wording of clause" in line]
    assert len(warnings) >= 2, err
    assert any("sectoin" in line for line in warnings)
    assert any("__dict__" in line for line in warnings)
