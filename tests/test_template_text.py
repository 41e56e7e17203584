"""The one template filler and the shared text helpers."""

from __future__ import annotations

import pytest

from oiadraft.letter.template import Citations, fill, placeholders
from oiadraft.text import join_and, join_or, plain_spaces, plural, printable, strip_controls

SECTIONS = Citations({"grounds", "preferences"},
                     lambda key: {"grounds": "s19(a)(ii)", "preferences": "s16"}[key])
VALUES = {"agency": "MFAT", "s": SECTIONS}


def test_fill_plain_and_namespaced_values():
    assert fill("Tēnā koe {agency}: {s.grounds} and {s.preferences}", VALUES) == \
        "Tēnā koe MFAT: s19(a)(ii) and s16"


@pytest.mark.parametrize("template", [
    "{s.__dict__}", "{s.__class__}", "{agency.__class__}", "{s._keys}", "{_private}",
    "{nope}", "{s.unknown}", "{s}", "{agency.upper}", "{ s.grounds }", "{1}",
])
def test_fill_leaves_unknown_and_unsafe_placeholders_as_written(template):
    assert fill(template, VALUES) == template


def test_fill_unescapes_doubled_braces_and_never_refills_values():
    assert fill("{{agency}} is {agency}", VALUES) == "{agency} is MFAT"
    assert fill("{agency}", {"agency": "{agency} {s.grounds}"}) == "{agency} {s.grounds}"


def test_placeholders_lists_what_a_template_uses():
    found = placeholders("To {agency}, {{not}} {s.grounds}")
    assert [(p.root, p.key, p.text) for p in found] == [
        ("agency", None, "{agency}"), ("s", "grounds", "{s.grounds}")]


def test_citations_is_a_read_only_mapping():
    assert dict(SECTIONS) == {"grounds": "s19(a)(ii)", "preferences": "s16"}
    with pytest.raises(KeyError):
        SECTIONS["__dict__"]


def test_lists_and_plurals_in_english():
    assert join_and([]) == ""
    assert join_and(["a"]) == "a"
    assert join_and(["a", "b"]) == "a and b"
    assert join_and([1, 2, 3]) == "1, 2 and 3"
    assert join_or(["x", "y", "z"]) == "x, y or z"
    assert plural(1, "part") == "1 part"
    assert plural(0, "part") == "0 parts"
    assert plural(2, "inquiry", "inquiries") == "2 inquiries"


def test_strip_controls_removes_terminal_sequences_and_keeps_text():
    pasted = "1. All \x1b[31memails\x1b[0m\r\n2. Minutes\x07\x08 \x1b]0;pwned\x07of meetings\x1b\x11"
    assert strip_controls(pasted) == "1. All emails\n2. Minutes of meetings"
    assert strip_controls("tab\tand\nnewline") == "tab\tand\nnewline"
    assert printable("name\x1b]2;title\x07\n  with\tspace\x1b[2J") == "name with space"


def test_every_kind_of_space_is_made_plain():
    copied = "1.\u00a0\u00a0All\u2009emails\u202fof\u3000the\u200b Minister\ufeff\u2028next"
    assert plain_spaces(copied) == "1.  All emails of the Minister\nnext"
    assert strip_controls(copied) == plain_spaces(copied)
    assert plain_spaces("ascii stays as it is\t\n") == "ascii stays as it is\t\n"
    assert plain_spaces("Tēnā koe, Māori macrons are kept") == "Tēnā koe, Māori macrons are kept"
