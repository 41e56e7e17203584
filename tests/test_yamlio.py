"""YAML in: duplicate keys, forbidden characters, bad UTF-8 and aliases are errors with a line."""

from __future__ import annotations

import pytest

from oiadraft import paths, yamlio
from oiadraft.clauses import Library
from oiadraft.errors import DataError

BOMB = ("version: 1\na: &a [x, x, x, x, x, x, x, x, x]\n"
        + "".join(f"{n}: &{n} [{', '.join(['*' + p] * 9)}]\n"
                  for p, n in zip("abcdefgh", "bcdefghi", strict=True))
        + "answers: {x: *i}\n")


def test_a_key_written_twice_is_an_error_at_its_second_line():
    with pytest.raises(DataError) as caught:
        yamlio.load("id: a\ntitle: T\nbody: x\ntitle: U\n", "c.yaml")
    assert str(caught.value) == ("c.yaml:4: the key 'title' is written twice in this mapping "
                                 "(keep one)")
    with pytest.raises(DataError, match=r"^c.yaml:3: the key 'k'"):
        yamlio.load("outer:\n  k: 1\n  k: 2\n", "c.yaml")


def test_keys_merged_in_are_overridden_not_duplicates():
    data = yamlio.load("base: &b {k: 1, j: 2}\nm:\n  <<: *b\n  k: 3\n")
    assert data["m"] == {"k": 3, "j": 2}


def test_a_user_clause_with_a_duplicate_key_is_skipped_with_file_and_line():
    path = paths.user_clauses_dir() / "twice.yaml"
    path.write_text("version: 1\nid: twice\ntitle: One\nkind: custom\nbody: x\ntitle: Two\n",
                    encoding="utf-8")
    library = Library.load()
    assert "twice" not in library
    assert any(f"{path}:6: the key 'title' is written twice" in str(problem)
               for problem in library.problems)


@pytest.mark.parametrize(("text", "line", "message"), [
    ("a: 1\nb: x\x00y\n", 2, "holds a NUL character"),
    ("a: 1\n\nc: \x07\n", 3, "control character U+0007"),
])
def test_forbidden_characters_are_errors_with_a_line(text, line, message):
    with pytest.raises(DataError) as caught:
        yamlio.load(text, "f.yaml")
    assert caught.value.line == line and message in caught.value.message


def test_bad_utf8_is_an_error_with_the_line_of_the_bad_byte(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes(b"a: 1\nb: 2\nname: Ng\xe2 mihi\n")
    with pytest.raises(DataError) as caught:
        yamlio.load_file(path)
    assert str(caught.value) == f"{path}:3: not UTF-8 text (byte 0xe2 is not valid there)"
    clause_file = paths.user_clauses_dir() / "latin1.yaml"
    clause_file.write_bytes(b"version: 1\nid: latin1\n\xff\n")
    assert any(f"{clause_file}:3: not UTF-8" in str(p) for p in Library.load().problems)


def test_a_byte_order_mark_is_not_an_error():
    assert yamlio.load(yamlio.decode("\ufeffa: 1\n".encode())) == {"a": 1}


def test_aliases_are_refused_when_asked_and_a_bomb_is_refused_at_once():
    assert yamlio.load("x: &a [1]\ny: *a\n") == {"x": [1], "y": [1]}
    with pytest.raises(DataError, match=r"^d.yaml:1: uses a YAML alias"):
        yamlio.load("x: &a [1]\ny: *a\n", "d.yaml", aliases=False)
    with pytest.raises(DataError, match="alias"):
        yamlio.load("x: &a [*a]\n", "d.yaml", aliases=False)
    assert len(BOMB) < 1024
    with pytest.raises(DataError, match="uses a YAML alias"):
        yamlio.load(BOMB, "bomb.yaml", aliases=False)
    # an anchor that is never used is harmless
    assert yamlio.load("x: &a 1\n", aliases=False) == {"x": 1}


def test_a_clause_saved_as_utf16_with_its_mark_is_read():
    # Windows PowerShell's `>` and Notepad's "Unicode" write UTF-16 with a byte order mark;
    # it was "not UTF-8 text (byte 0xff ...)", and the clause was skipped
    clause_file = paths.user_clauses_dir() / "sixteen.yaml"
    text = ("version: 1\r\nid: sixteen\r\ntitle: Ngā mihi nui\r\nkind: custom\r\n"
            "body: Thank you for your help.\r\n")
    clause_file.write_bytes(text.encode("utf-16"))
    library = Library.load()
    assert not [p for p in library.problems if "sixteen" in str(p)], library.problems
    assert library.get("sixteen").title == "Ngā mihi nui"


def test_utf16_text_that_is_damaged_is_an_error_not_a_crash():
    with pytest.raises(DataError) as caught:
        yamlio.decode(b"\xff\xfea\x00:\x00 \x00\x00\xd8", "f.yaml")
    assert "UTF-16" in caught.value.message
