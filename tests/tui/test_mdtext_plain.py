"""Plain paragraphs are turned into Text without markdown-it, exactly as markdown-it would."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from property_budget import examples

from oiadraft.interview.opening import read_opening
from oiadraft.interview.script import builtin_script
from oiadraft.tui.widgets import mdtext
from oiadraft.tui.widgets.mdtext import markdown_to_text, plain_paragraphs_to_text


def through_markdown_it(markdown: str, monkeypatch) -> object:
    with monkeypatch.context() as patch:
        patch.setattr(mdtext, "plain_paragraphs_to_text", lambda _markdown: None)
        return markdown_to_text(markdown)


def same(a, b) -> bool:
    return a.plain == b.plain and a.spans == b.spans


def script_messages() -> list[str]:
    script = builtin_script()
    return [script.greeting, *(s.ask for s in script.steps), *(s.help for s in script.steps),
            *script.messages.values()]


def test_every_message_of_the_script_it_takes_comes_out_as_markdown_it_gives_it(monkeypatch):
    taken = 0
    for message in script_messages():
        plain = plain_paragraphs_to_text(message)
        if plain is not None:
            taken += 1
            assert same(plain, through_markdown_it(message, monkeypatch)), message
    assert taken >= 100, "most messages are plain paragraphs"


def test_the_greeting_needs_no_markdown_it():
    opening = read_opening()
    assert opening is not None
    assert all(plain_paragraphs_to_text(text) is not None for text in opening.messages)
    bold = plain_paragraphs_to_text(opening.messages[0])
    assert bold is not None and bold.plain.startswith("Kia ora!")
    assert any(span.start == 0 and span.end == len("Kia ora!") for span in bold.spans)


@pytest.mark.parametrize("markdown", [
    "- a list", "1. a list", "2) a list", "# heading", "> quote", "a *single* star",
    "snake_case", "[a link](x)", "a \\*escape", "<b>html</b>", "a & b", "tab\there",
    "---", "===", "    indented", "trailing  \nbreak", "** not bold**", "**not bold **",
    "x**intraword**", "`` double ``", "` spaced `", "a\n\n\n\nb", "* item", "`word``word`",
])
def test_anything_else_is_left_to_markdown_it(markdown):
    assert plain_paragraphs_to_text(markdown) is None


PIECES = st.sampled_from(["word", "Kia ora", "MFAT", "**", "`", "*", " ", "\n", "\n\n", "!",
                          ".", ",", "(", ")", "—", "ā", "-", "1.", "2)", "#", ">", "_", "e.g.",
                          "'", '"', ":", "?", "x"])


@settings(max_examples=examples(400), deadline=None)
@given(st.lists(PIECES, max_size=14).map("".join))
def test_whatever_it_takes_it_renders_as_markdown_it_does(markdown):
    plain = plain_paragraphs_to_text(markdown)
    if plain is not None:
        from _pytest.monkeypatch import MonkeyPatch

        with MonkeyPatch.context() as patch:
            assert same(plain, through_markdown_it(markdown, patch)), repr(markdown)
