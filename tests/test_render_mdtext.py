"""Markdown to clean text, and user text escaped so that it never becomes formatting."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from property_budget import examples

from oiadraft import mdtext


def test_formatting_marks_go_lists_stay_links_keep_their_address():
    source = (
        "## A heading\n\n"
        "Some *emphasis*, __strong__ and `code`, a [link](https://fyi.org.nz) and "
        "<https://example.org>.\n"
        "A soft break joins the line.\n\n"
        "- first\n- second with **bold**\n  - nested\n\n"
        "3. three\n4. four\n\n"
        "> quoted\n\n"
        "Hard  \nbreak\\\nhere\n\n"
        "---\n\n"
        "![alt text](pic.png) [mail me](mailto:me@example.org)"
    )
    assert mdtext.to_text(source) == (
        "A heading\n\n"
        "Some emphasis, strong and code, a link (https://fyi.org.nz) and https://example.org. "
        "A soft break joins the line.\n\n"
        "- first\n- second with bold\n  - nested\n\n"
        "3. three\n4. four\n\n"
        "> quoted\n\n"
        "Hard\nbreak\nhere\n\n"
        "alt text mail me (mailto:me@example.org)"
    )


def test_loose_lists_keep_paragraphs_inside_items():
    assert mdtext.to_text("- one\n\n  more\n- two") == "- one\n\n  more\n- two"


def test_html_is_not_interpreted():
    assert mdtext.to_text("a <b>b</b> c") == "a <b>b</b> c"


def test_escape_keeps_every_character_and_the_users_list_lines():
    text = "*not bold* _x_ [a](b) `c` <d> &amp; #1 \\ ~e~ |f|\n- item\n1986. a year\n+ plus"
    escaped = mdtext.escape(text)
    assert mdtext.to_text(escaped) == ("*not bold* _x_ [a](b) `c` <d> &amp; #1 \\ ~e~ |f|\n"
                                       "- item 1986. a year\n+ plus")


def test_escape_joins_hard_wrapped_lines_and_keeps_paragraphs():
    assert mdtext.escape("one\ntwo\n\n\nthree\r\nfour") == "one two\n\nthree four"
    assert mdtext.unwrap("  one \n two\n\n(a) x\n(b) y") == "one two\n\n(a) x\n(b) y"


def test_unwrap_markdown_joins_paragraph_lines_only():
    source = "A long\nparagraph.\n\n- a\n- b\n\nbreak\\\nkept\n\n    code\n    block\n"
    assert mdtext.unwrap_markdown(source) == (
        "A long paragraph.\n\n- a\n- b\n\nbreak\\\nkept\n\n    code\n    block\n")


def test_single_paragraph():
    assert mdtext.single_paragraph("One *paragraph*\nover two lines.")
    assert not mdtext.single_paragraph("One.\n\nTwo.")
    assert not mdtext.single_paragraph("- a list")


pieces = st.sampled_from([*"ab1 .()-*_#>[]!`<&\\~|+=:;\n\t", "&amp;", "http://x.y/a_b", "1. ",
                          "(a) ", "- ", "\n\n", "    ", "é", "Ā", "\u00a0", "\u3000", "\u2028",
                          "\r\n", "&#35;", "<http://a>", "***", "---", "===", "\\\n", "  \n"])


@settings(max_examples=examples(1500), deadline=None)
@given(st.one_of(st.text(max_size=60), st.lists(pieces, max_size=40).map("".join)))
def test_escaped_text_renders_back_to_itself(text):
    assert mdtext.to_text(mdtext.escape(text)) == mdtext.unwrap(text)


def test_unwrap_reads_a_carriage_return_as_a_line_end_like_markdown_it():
    from oiadraft import mdtext

    assert mdtext.unwrap_markdown("0\r0") == "0 0"
    assert mdtext.unwrap_markdown("one\r\ntwo\rthree") == "one two three"
