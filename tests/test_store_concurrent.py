"""Two writers on one draft: changes made elsewhere since a draft was read are merged or kept
beside it, never silently lost; a copy from outside the folder never replaces a saved draft."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

from oiadraft import paths
from oiadraft.cli import main
from oiadraft.errors import UserError
from oiadraft.merge import merge
from oiadraft.model import Draft, Part, Period
from oiadraft.store import Store


def saved(**changes) -> Draft:
    draft = Draft(id="shared000001", agency="Treasury", topic="Budget advice",
                  parts=[Part("Briefings on the budget.", id="p1"), Part("Emails.", id="p2")])
    for key, value in changes.items():
        setattr(draft, key, value)
    Store().save(draft)
    return draft


def titles(draft_id: str = "shared000001") -> list[str]:
    return [part.text for part in Store().load(draft_id).parts]


def test_a_rename_from_the_cli_survives_the_apps_next_save(capsys):
    saved()
    app = Store()
    draft = app.load("shared000001")  # open in the app
    assert main(["drafts", "rename", "shared000001", "Budget papers"]) == 0
    capsys.readouterr()
    draft.parts.append(Part("Cabinet papers."))  # typed in the app meanwhile
    result = app.save(draft)
    assert result.written and result.merged == ("name",)
    assert "also changed elsewhere; both sets of changes are kept (name)" in result.message
    assert draft.name == "Budget papers", "the app's draft shows the rename too"
    stored = Store().load("shared000001")
    assert stored.name == "Budget papers"
    assert [p.text for p in stored.parts][-1] == "Cabinet papers."


def test_two_windows_each_add_a_part_and_both_parts_are_kept():
    saved()
    first, second = Store(), Store()
    one, two = first.load("shared000001"), second.load("shared000001")
    one.parts.append(Part("From window one."))
    assert first.save(one).message is None
    two.parts.append(Part("From window two."))
    result = second.save(two)
    assert result.merged == ("parts",)
    assert titles() == ["Briefings on the budget.", "Emails.", "From window one.",
                        "From window two."]
    # the first window, saving again, picks up the second window's part as well
    one.topic = "Budget advice 2024"
    assert first.save(one).merged == ("parts",)
    stored = Store().load("shared000001")
    assert stored.topic == "Budget advice 2024" and len(stored.parts) == 4


def test_a_deletion_on_one_side_and_an_edit_on_the_other_keep_both_versions():
    saved()
    first, second = Store(), Store()
    one, two = first.load("shared000001"), second.load("shared000001")
    one.parts[1].text = "All emails about the budget."
    first.save(one)
    del two.parts[1]
    result = second.save(two)
    assert result.other_copy is not None and result.merged == ()
    assert f"the other was saved as draft {result.other_copy}" in result.message
    assert titles() == ["Briefings on the budget."], "the version being saved stays"
    other = Store().load(result.other_copy)
    assert [p.text for p in other.parts] == ["Briefings on the budget.",
                                             "All emails about the budget."]
    assert other.name == "Treasury: Budget advice (changed elsewhere)"
    assert sorted(s.id for s in Store().list()) == sorted(["shared000001", result.other_copy])


def test_the_same_field_changed_on_both_sides_keeps_both():
    saved()
    first, second = Store(), Store()
    one, two = first.load("shared000001"), second.load("shared000001")
    one.topic = "Budget 2024"
    first.save(one)
    two.topic = "Budget 2025"
    result = second.save(two)
    assert result.other_copy and Store().load("shared000001").topic == "Budget 2025"
    assert Store().load(result.other_copy).topic == "Budget 2024"


def test_a_file_touched_but_not_changed_is_not_a_conflict():
    saved()
    store = Store()
    draft = store.load("shared000001")
    path = store.path_for("shared000001")
    path.write_bytes(path.read_bytes())  # same bytes, new modification time
    draft.topic = "Changed here"
    result = store.save(draft)
    assert result.written and result.message is None


def test_a_draft_deleted_elsewhere_is_saved_again_and_said_so(capsys):
    saved()
    store = Store()
    draft = store.load("shared000001")
    assert main(["drafts", "delete", "shared000001"]) == 0
    draft.topic = "Still typing"
    result = store.save(draft)
    assert result.recreated and "deleted elsewhere" in result.message
    assert Store().load("shared000001").topic == "Still typing"


def test_a_version_on_disk_that_became_unreadable_is_set_aside_not_lost():
    saved()
    store = Store()
    draft = store.load("shared000001")
    path = store.path_for("shared000001")
    path.write_text("parts: [unclosed\n", encoding="utf-8")
    draft.topic = "Mine"
    result = store.save(draft)
    assert result.other_set_aside and result.other_set_aside.startswith("shared000001.yaml.corrupt-")
    assert (path.parent / result.other_set_aside).read_text(encoding="utf-8") == "parts: [unclosed\n"
    assert Store().load("shared000001").topic == "Mine"


def test_two_processes_adding_parts_at_once_lose_none():
    saved()
    child = (
        "import sys\n"
        "from oiadraft.model import Part\nfrom oiadraft.store import Store\n"
        "store = Store()\ndraft = store.load('shared000001')\n"
        "for n in range(15):\n"
        "    draft.parts.append(Part(f'{sys.argv[1]} {n}'))\n"
        "    store.save(draft)\n")
    writers = [subprocess.Popen([sys.executable, "-c", child, name]) for name in ("A", "B")]
    assert [writer.wait(timeout=120) for writer in writers] == [0, 0]
    texts = titles()
    for name in ("A", "B"):
        assert [t for t in texts if t.startswith(name + " ")] == [f"{name} {n}" for n in range(15)]
    assert len(texts) == 32, "no part lost and none doubled"


def test_renaming_an_old_export_never_replaces_the_saved_draft(tmp_path, capsys):
    saved()
    export = tmp_path / "old-export.yaml"
    export.write_bytes(Store().path_for("shared000001").read_bytes())
    store = Store()
    newer = store.load("shared000001")
    newer.parts.append(Part("Added after the export."))
    store.save(newer)
    status = main(["drafts", "rename", str(export), "x"])
    err = capsys.readouterr().err
    assert status == 2 and err.count("\n") == 1
    assert "is not in the drafts folder; only saved drafts are renamed" in err
    assert "copy of the saved draft shared000001" in err
    stored = Store().load("shared000001")
    assert stored.name == "" and stored.parts[-1].text == "Added after the export."
    with pytest.raises(UserError, match="only saved drafts are renamed"):
        Store().rename(export, "x")


def test_importing_a_copy_never_replaces_a_different_saved_draft(tmp_path):
    saved()
    export = tmp_path / "copy.yaml"
    export.write_bytes(Store().path_for("shared000001").read_bytes())
    same = Store().import_file(export)
    assert (same.written, same.draft_id) == (False, "shared000001"), "the very same draft"
    store = Store()
    newer = store.load("shared000001")
    newer.topic = "Newer"
    store.save(newer)
    result = Store().import_file(export)
    assert result.saved_as_new and result.draft_id != "shared000001"
    assert "saved as a new draft" in result.message
    assert Store().load("shared000001").topic == "Newer"
    assert Store().load(result.draft_id).topic == "Budget advice"
    fresh = tmp_path / "fresh.yaml"
    fresh.write_text("version: 1\nid: freshdraft01\ntopic: From a friend\n", encoding="utf-8")
    imported = Store().import_file(fresh)
    assert imported.written and imported.draft_id == "freshdraft01"
    assert (paths.drafts_dir() / "freshdraft01.yaml").exists()
    odd = tmp_path / "odd.yaml"
    odd.write_text("version: 1\nid: ../../etc/passwd\ntopic: Odd\n", encoding="utf-8")
    result = Store().import_file(odd)
    assert result.written and Store().load(result.draft_id).topic == "Odd"


def test_merge_orders_additions_and_respects_deletions():
    base = {"parts": [{"id": "a", "text": "A"}, {"id": "b", "text": "B"}], "clauses": ["x", "y"]}
    ours = {"parts": [{"id": "a", "text": "A"}, {"id": "n", "text": "N"},
                      {"id": "b", "text": "B"}], "clauses": ["x", "y", "z"]}
    theirs = {"parts": [{"id": "a", "text": "A2"}], "clauses": ["y", "w"]}
    result = merge(base, ours, theirs)
    assert result.conflicts == []
    assert result.data["parts"] == [{"id": "a", "text": "A2"}, {"id": "n", "text": "N"}]
    assert result.data["clauses"] == ["y", "z", "w"]
    assert sorted(result.theirs_taken) == ["clauses", "parts"]


def test_merge_of_periods_that_cannot_be_combined_keeps_both():
    saved(period=Period(date(2020, 1, 1), date(2020, 12, 31)))
    first, second = Store(), Store()
    one, two = first.load("shared000001"), second.load("shared000001")
    one.period = Period(date(2020, 1, 1), date(2020, 3, 31))
    first.save(one)
    two.period = Period(date(2020, 6, 1), date(2020, 12, 31))
    result = second.save(two)
    assert result.other_copy, "start from one side and end from the other would be invalid"


def test_a_failed_write_after_keeping_the_other_version_does_not_keep_it_twice(monkeypatch):
    from oiadraft import fsutil
    from oiadraft.errors import SaveError

    saved()
    first, second = Store(), Store()
    one, two = first.load("shared000001"), second.load("shared000001")
    one.topic = "Budget 2024"
    first.save(one)
    two.topic = "Budget 2025"
    real_write = fsutil.atomic_write_text
    main_file = str(second.path_for("shared000001"))

    def full_for_the_draft(path, text, *args, **kwargs):
        if str(path) == main_file:
            raise OSError(28, "No space left on device")
        return real_write(path, text, *args, **kwargs)

    with monkeypatch.context() as patched:
        patched.setattr(fsutil, "atomic_write_text", full_for_the_draft)
        with pytest.raises(SaveError):
            second.save(two)
    result = second.save(two)
    assert result.written and result.other_copy is None, "the other version is kept once"
    topics = sorted(s.topic for s in Store().list())
    assert topics == ["Budget 2024", "Budget 2025"]
