"""The draft store: one private YAML file per draft, cheap autosave, nothing ever lost."""

from __future__ import annotations

import errno
import os
import stat
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from oiadraft import paths
from oiadraft.errors import DataError, SaveError, UserError
from oiadraft.model import Draft, Part, Period, Requester
from oiadraft.store import Store


class Clock:
    """A fake clock: each call is one minute after the last."""

    def __init__(self) -> None:
        self.now = datetime(2024, 9, 13, 9, 0, tzinfo=timezone(timedelta(hours=12)))

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


def sample(**changes) -> Draft:
    draft = Draft(agency="Ministry of Health", topic="Vaccine contracts",
                  period=Period(date(2021, 1, 1), date(2021, 12, 31)),
                  parts=[Part("Contracts with suppliers."), Part("Board minutes on *pricing*.")],
                  clauses=["grounds-in-support"], clause_edits={"thanks": "Ta."},
                  requester=Requester(name="Mere"), answers={"agency": "health"})
    for key, value in changes.items():
        setattr(draft, key, value)
    return draft


def test_save_and_load_round_trip_in_a_private_file():
    store = Store(now=Clock())
    draft = sample()
    assert store.save(draft).written is True
    path = paths.drafts_dir() / f"{draft.id}.yaml"
    assert path.is_file()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    text = path.read_text(encoding="utf-8")
    assert text.startswith("version: 1\n")
    loaded = Store().load(draft.id)
    assert loaded == draft
    assert loaded.created == loaded.updated == datetime.fromisoformat("2024-09-13T09:01:00+12:00")


def test_save_is_a_no_op_when_nothing_changed():
    clock = Clock()
    store = Store(now=clock)
    draft = sample()
    assert store.save(draft)
    path = store.path_for(draft.id)
    before = path.stat().st_mtime_ns, draft.updated
    assert store.save(draft).written is False
    assert (path.stat().st_mtime_ns, draft.updated) == before
    draft.parts[0].text = "Contracts with all suppliers."
    assert store.save(draft).written is True
    assert draft.updated > before[1] and draft.created < draft.updated
    # a fresh store that loaded the draft also knows it is unchanged
    other = Store(now=clock)
    loaded = other.load(draft.id)
    assert other.save(loaded).written is False
    # but a file deleted behind its back is written again
    path.unlink()
    assert other.save(loaded).written is True and path.exists()


def test_list_is_newest_first_with_summaries():
    clock = Clock()
    store = Store(now=clock)
    old, new = sample(topic="Old one"), sample(topic="New one", sent=date(2024, 9, 1))
    store.save(old)
    store.save(new)
    summaries = store.list()
    assert [s.id for s in summaries] == [new.id, old.id]
    top = summaries[0]
    assert (top.title, top.agency, top.parts, top.sent, top.act) == (
        "Ministry of Health: New one", "Ministry of Health", 2, date(2024, 9, 1), "oia")
    assert top.updated == new.updated and top.path == store.path_for(new.id)
    assert store.latest() == new
    old.topic = "Old one, edited"
    store.save(old)
    assert [s.id for s in store.list()] == [old.id, new.id]
    assert Store().latest().topic == "Old one, edited"


def test_empty_store():
    store = Store()
    assert store.list() == [] and store.latest() is None and store.problems == []


def test_a_corrupt_file_is_moved_aside_and_reported_and_the_rest_listed():
    store = Store(now=Clock())
    good = sample()
    store.save(good)
    folder = paths.drafts_dir()
    (folder / "broken.yaml").write_text("parts: [unclosed\n", encoding="utf-8")
    (folder / "notadraft.yaml").write_text("- a list\n", encoding="utf-8")
    (folder / "badact.yaml").write_text("version: 1\nid: badact\nact: nzoia\n", encoding="utf-8")
    (folder / "binary.yaml").write_bytes(b"\xff\x00garbage")  # (\xff\xfe would begin UTF-16)
    summaries = store.list()
    assert [s.id for s in summaries] == [good.id]
    assert len(store.problems) == 4
    joined = "\n".join(store.problems)
    for name in ("broken", "notadraft", "badact", "binary"):
        assert f"{folder / name}.yaml" in joined
        aside = [p for p in folder.iterdir() if p.name.startswith(f"{name}.yaml.corrupt-")]
        assert len(aside) == 1, name
    assert "YAML syntax error" in joined and "unknown act 'nzoia'" in joined
    assert "not UTF-8" in joined and "moved aside" in joined
    # the moved files keep their content and the next listing is clean
    assert store.list() and store.problems == []
    aside = next(p for p in folder.iterdir() if p.name.startswith("broken.yaml.corrupt-"))
    assert aside.read_text(encoding="utf-8") == "parts: [unclosed\n"


def test_loading_a_corrupt_draft_by_id_moves_it_aside_with_a_clear_error():
    store = Store()
    path = paths.drafts_dir() / "abcd1234.yaml"
    path.write_text("version: 1\nparts: 7\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"abcd1234\.yaml:2: bad parts: must be a list of parts, "
                                        r"not .7.; the file was moved aside"):
        store.load("abcd1234")
    assert not path.exists()
    with pytest.raises(UserError, match="no draft 'abcd1234'"):
        store.load("abcd1234")


def test_a_corrupt_file_outside_the_store_is_never_moved(tmp_path):
    outside = tmp_path / "mine.yaml"
    outside.write_text("{{{", encoding="utf-8")
    with pytest.raises(DataError, match="YAML syntax error"):
        Store().load(outside)
    assert outside.read_text(encoding="utf-8") == "{{{"


def test_a_draft_from_a_newer_version_is_reported_but_left_alone():
    path = paths.drafts_dir() / "future.yaml"
    path.write_text("version: 2\nid: future\n", encoding="utf-8")
    store = Store()
    assert store.list() == []
    assert "newer oiadraft" in store.problems[0]
    assert path.exists()


def test_an_unreadable_file_is_reported_but_never_moved(monkeypatch):
    """Unreadable (chmod 000, another owner) is not corrupt: it stays where it is."""
    from oiadraft import draftfile

    store = Store(now=Clock())
    good = sample()
    store.save(good)
    path = paths.drafts_dir() / "locked.yaml"
    path.write_text("version: 1\n", encoding="utf-8")
    real_open = os.open

    def refuse(name, flags, *args, **kwargs):
        if str(name).endswith("locked.yaml"):
            raise PermissionError(errno.EACCES, "Permission denied", str(name))
        return real_open(name, flags, *args, **kwargs)

    monkeypatch.setattr(draftfile.os, "open", refuse)
    assert [s.id for s in store.list()] == [good.id]
    assert store.problems == [f"{path}: cannot read: Permission denied; it is left as it is "
                              "(check its permissions)"]
    assert sorted(p.name for p in paths.drafts_dir().iterdir()) == sorted(
        [f"{good.id}.yaml", "locked.yaml"])
    with pytest.raises(DataError, match="cannot read: Permission denied; it is left as it is"):
        store.load("locked")
    assert path.exists()
    monkeypatch.setattr(draftfile.os, "open", real_open)
    assert len(store.list()) == 2, "readable again: listed again"


def test_load_by_path_prefix_and_errors(tmp_path):
    store = Store(now=Clock())
    draft = sample(id="a1b2c3d4e5f6")
    store.save(draft)
    assert store.load("a1b2").id == draft.id
    assert store.load(store.path_for(draft.id)).id == draft.id
    store.save(sample(id="a1b2ffffffff"))
    with pytest.raises(UserError, match="matches several drafts"):
        store.load("a1b2")
    with pytest.raises(UserError, match="no draft 'zzzz'"):
        store.load("zzzz")
    with pytest.raises(UserError, match="folder"):
        store.load(tmp_path)
    with pytest.raises(UserError, match="not a draft id"):
        store.path_for("../../etc/passwd")
    exported = tmp_path / "copy.yaml"
    exported.write_text(store.path_for(draft.id).read_text(encoding="utf-8"), encoding="utf-8")
    assert store.load(exported) == draft


def test_the_file_name_is_the_id():
    store = Store(now=Clock())
    draft = sample(id="realid")
    store.save(draft)
    store.path_for("realid").rename(store.path_for("renamed"))
    assert store.load("renamed").id == "renamed"


def test_delete_to_trash_and_restore():
    store = Store(now=Clock())
    draft = sample()
    store.save(draft)
    moved = store.delete(draft.id)
    assert moved.parent == paths.trash_dir() / "drafts" and moved.exists()
    assert store.list() == []
    restored = store.restore(draft.id)
    assert restored == draft and [s.id for s in store.list()] == [draft.id]
    with pytest.raises(UserError, match="no deleted draft"):
        store.restore(draft.id)


def test_rename_sets_the_name_and_title():
    store = Store(now=Clock())
    draft = sample()
    store.save(draft)
    renamed = store.rename(draft.id, "  Vaccine   deals ")
    assert renamed.name == "Vaccine deals" and renamed.title == "Vaccine deals"
    assert store.list()[0].title == "Vaccine deals"
    assert store.rename(draft.id, "").title == "Ministry of Health: Vaccine contracts"


@pytest.mark.parametrize("error", [PermissionError(errno.EACCES, "Permission denied"),
                                   OSError(errno.ENOSPC, "No space left on device"),
                                   OSError(errno.EROFS, "Read-only file system")])
def test_a_failed_save_is_a_save_error_and_the_draft_is_kept(monkeypatch, error):
    from oiadraft import fsutil

    def refuse(path, text, mode=0o600):
        raise error

    store = Store()
    draft = sample()
    with monkeypatch.context() as patched:  # not monkeypatch.undo(): that undoes the home too
        patched.setattr(fsutil, "atomic_write_text", refuse)
        with pytest.raises(SaveError) as caught:
            store.save(draft)
    assert not isinstance(caught.value, UserError), "a disk error is not the user's mistake"
    assert isinstance(caught.value, OSError) and caught.value.errno == error.errno
    assert str(caught.value) == (f"cannot save the draft to {store.path_for(draft.id)}: "
                                 f"{error.strerror}")
    assert caught.value.path == store.path_for(draft.id)
    assert draft.created is None and draft.updated is None
    assert store.save(draft).written is True, "a failed save is not remembered as saved"


def test_stale_temp_files_are_swept_but_fresh_ones_kept():
    store = Store()
    folder = paths.drafts_dir()
    stale = folder / ".x.yaml.abc.tmp"
    fresh = folder / ".y.yaml.def.tmp"
    stale.write_text("partial", encoding="utf-8")
    fresh.write_text("partial", encoding="utf-8")
    old = stale.stat().st_mtime - 7200
    os.utime(stale, (old, old))
    assert store.list() == []
    assert not stale.exists() and fresh.exists()


def test_a_custom_root(tmp_path):
    store = Store(root=tmp_path / "elsewhere", now=Clock())
    draft = sample()
    store.save(draft)
    assert (tmp_path / "elsewhere" / f"{draft.id}.yaml").exists()
    assert list(paths.drafts_dir().iterdir()) == []
    assert Path(store.list()[0].path).parent == tmp_path / "elsewhere"


def test_text_typed_but_not_sent_is_saved_with_the_draft():
    store = Store(now=Clock())
    draft = sample()
    assert draft.pending_input == ""
    store.save(draft)
    draft.pending_input = "4. Any advice on the tender\nsecond line"
    assert store.save(draft).written is True, "a change to the input box alone is worth a save"
    loaded = Store().load(draft.id)
    assert loaded.pending_input == "4. Any advice on the tender\nsecond line"
    assert loaded == draft
    assert draft.copy().pending_input == draft.pending_input
    # a draft written before the field existed loads with an empty input box
    path = paths.drafts_dir() / "older.yaml"
    path.write_text("version: 1\nid: older\nagency: Treasury\n", encoding="utf-8")
    assert Store().load("older").pending_input == ""


def test_a_real_write_failure_is_a_save_error_and_a_retry_succeeds():
    store = Store(now=Clock())
    draft = sample(id="blocked")
    in_the_way = store.path_for("blocked")
    in_the_way.mkdir()  # a folder where the draft file should go: the replace fails for real
    with pytest.raises(SaveError) as caught:
        store.save(draft)
    assert str(caught.value).startswith(f"cannot save the draft to {in_the_way}: ")
    assert [p.name for p in paths.drafts_dir().iterdir()] == ["blocked.yaml"], "no temp left"
    in_the_way.rmdir()
    assert store.save(draft).written is True
    assert Store().load("blocked") == draft


def test_a_cache_write_is_atomic_and_private_but_not_fsynced(tmp_path, monkeypatch):
    """`durable=False` (the start-up cache) skips the fsyncs, nothing else."""
    from oiadraft import fsutil

    synced: list[int] = []
    monkeypatch.setattr(os, "fsync", lambda fd: synced.append(fd))
    target = tmp_path / "cache" / "opening.json"
    fsutil.atomic_write_text(target, "{}", durable=False)
    assert synced == []
    assert target.read_text(encoding="utf-8") == "{}"
    assert target.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in target.parent.iterdir()] == ["opening.json"]
    fsutil.atomic_write_text(target, "[]")
    assert len(synced) >= 1, "a durable write still fsyncs"
