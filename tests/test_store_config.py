"""The user's settings file: name, email, sign-off and default clauses; never fatal when bad."""

from __future__ import annotations

import stat

from oiadraft import paths
from oiadraft.clauses import Library
from oiadraft.config import Config, load_config, save_config
from oiadraft.letter.render import default_clause_ids


def test_no_file_gives_defaults():
    config = load_config()
    assert config == Config() and config.problems == ()
    assert config.requester().sign_off == "Ngā mihi"


def test_save_and_load_round_trip_privately():
    config = Config().with_changes(name="Aroha", email="a@example.org", sign_off="Nāku noa, nā",
                                   default_clauses=["thanks", "grounds-in-support"])
    path = save_config(config)
    assert path == paths.config_file()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.read_text(encoding="utf-8").startswith("version: 1\n")
    loaded = load_config()
    assert loaded == config
    requester = loaded.requester()
    assert (requester.name, requester.email, requester.sign_off) == (
        "Aroha", "a@example.org", "Nāku noa, nā")
    ids = default_clause_ids(Library.load(), "oia", chosen=list(loaded.default_clauses))
    assert ids == ["grounds-in-support", "thanks"]


def test_unknown_keys_survive_a_round_trip():
    paths.config_file().write_text("version: 1\nname: Jo\ntheme: dark\n", encoding="utf-8")
    config = load_config()
    assert config.name == "Jo" and config.extra == {"theme": "dark"}
    save_config(config.with_changes(name="Joanne"))
    text = paths.config_file().read_text(encoding="utf-8")
    assert "theme: dark" in text and "name: Joanne" in text


def test_a_bad_field_falls_back_alone_with_its_line():
    paths.config_file().write_text("version: 1\nname: Jo\nemail: [a, b]\ndefault_clauses: yes\n",
                                   encoding="utf-8")
    config = load_config()
    assert config.name == "Jo" and config.email == "" and config.default_clauses is None
    assert config.problems[0].startswith(f"{paths.config_file()}:3: email must be text")
    assert config.problems[1].startswith(f"{paths.config_file()}:4: default_clauses must be")


def test_a_corrupt_file_is_moved_aside_and_defaults_used():
    path = paths.config_file()
    path.write_text("name: [unclosed\n", encoding="utf-8")
    config = load_config()
    assert config == Config()
    assert "YAML syntax error" in config.problems[0] and "moved to" in config.problems[0]
    assert not path.exists()
    aside = [p for p in path.parent.iterdir() if p.name.startswith("config.yaml.corrupt-")]
    assert len(aside) == 1 and aside[0].read_text(encoding="utf-8") == "name: [unclosed\n"


def test_a_newer_version_is_left_alone():
    path = paths.config_file()
    path.write_text("version: 3\nname: Future\n", encoding="utf-8")
    config = load_config()
    assert config.name == "" and "version 3" in config.problems[0]
    assert path.exists()


def test_aliases_in_the_settings_are_refused_and_the_file_set_aside():
    path = paths.config_file()
    path.write_text("version: 1\nname: &n Jo\nemail: *n\n", encoding="utf-8")
    config = load_config()
    assert config == Config() and "uses a YAML alias" in config.problems[0]
    assert not path.exists()


def test_a_settings_file_that_cannot_be_written_is_a_save_error(monkeypatch):
    import errno

    import pytest

    from oiadraft import fsutil
    from oiadraft.errors import SaveError

    def full(path, text, mode=0o600):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(fsutil, "atomic_write_text", full)
    with pytest.raises(SaveError, match=r"cannot save your settings to .*config.yaml: No space"):
        save_config(Config().with_changes(name="Jo"))


def refuse_to_read(monkeypatch, path):
    """The file reads as chmod 000 does for anyone but root (tests may run as root)."""
    import errno
    import pathlib

    real = pathlib.Path.read_bytes

    def read_bytes(self):
        if self == path:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(pathlib.Path, "read_bytes", read_bytes)


def test_an_unreadable_file_is_reported_left_in_place_and_never_saved_over(monkeypatch):
    """As with a draft: a permissions problem is not a corrupt file. It stays where it is, the
    defaults are used, and saving the defaults does not replace the settings it holds."""
    import pytest

    from oiadraft.errors import SaveError

    path = paths.config_file()
    path.write_text("version: 1\nname: Aroha\n", encoding="utf-8")
    refuse_to_read(monkeypatch, path)
    config = load_config()
    assert config == Config()
    assert config.problems == (f"{path}: cannot read: Permission denied; it is left as it is "
                               "(check its permissions) and defaults are used",)
    assert [p.name for p in path.parent.iterdir() if p.name.startswith("config.yaml")] == [
        "config.yaml"]
    with pytest.raises(SaveError, match=r"cannot save your settings to .*config.yaml: it "
                                        r"cannot be read \(Permission denied\) and is left"):
        save_config(config.with_changes(name="Jo"))
    monkeypatch.undo()
    assert path.read_text(encoding="utf-8") == "version: 1\nname: Aroha\n"


def test_a_folder_in_place_of_the_settings_file_is_reported_and_left_alone():
    path = paths.config_file()
    path.mkdir(parents=True)
    config = load_config()
    assert config == Config() and len(config.problems) == 1
    assert config.problems[0].startswith(f"{path}: cannot read: ")
    assert "left as it is" in config.problems[0] and "moved" not in config.problems[0]
    assert path.is_dir()


def test_a_newer_version_is_never_saved_over():
    import pytest

    from oiadraft.errors import SaveError

    path = paths.config_file()
    path.write_text("version: 3\nname: Future\n", encoding="utf-8")
    with pytest.raises(SaveError, match="newer oiadraft"):
        save_config(load_config().with_changes(name="Jo"))
    assert path.read_text(encoding="utf-8") == "version: 3\nname: Future\n"
