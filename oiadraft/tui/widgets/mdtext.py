"""Assistant messages (a small Markdown subset) to a Rich `Text` for a plain `Static`.

Textual's `Markdown` widget builds a widget per block, which is slow to import and to mount
(the transcript may hold hundreds of turns). Our messages use paragraphs, **bold**, *italic*,
`code`, lists, block quotes and rules, so we turn markdown-it tokens into one `Text`. Nothing
is ever parsed as Rich markup: user words (already Markdown-escaped) stay data.

Plain paragraphs with only **bold** and `code` in them (the greeting, most questions) are
turned into the same `Text` without markdown-it, whose import costs the greeting a frame at
start-up; anything else, or anything in doubt, goes through markdown-it. A test checks the two
agree on every message of the script.
"""

from __future__ import annotations

import re

from rich.style import Style
from rich.text import Text

BOLD = Style(bold=True)
ITALIC = Style(italic=True)
CODE = Style(bold=True, color="bright_cyan")
QUOTE = Style(italic=True)
DIM = Style(dim=True)


_PLAIN_LINE = re.compile(r"(?!\d+[.)])(?![*][^*]|[*]{2}[\s*])[^\s#>+=\-|~_][^\t\\_\[\]<>&~|]*(?<=\S)")
"""A line that cannot start a block of its own (list, heading, quote, rule, code) and holds
no character that could start inline Markdown other than `*` and backticks."""
_INLINE = re.compile(
    r"(?:(?<=^)|(?<=[\s(]))\*\*(?P<bold>[^\s*`](?:[^*`]*[^\s*`])?)\*\*(?=$|[\s.,;:!?)])"
    r"|`(?P<code>[^\s`](?:[^`\n]*[^\s`])?)`"
    r"|(?P<text>[^*`]+)")


def plain_paragraphs_to_text(markdown: str) -> Text | None:
    """`markdown_to_text` for paragraphs of plain words, **bold** and `code` alone; None for
    anything else (then markdown-it decides)."""
    paragraphs = markdown.strip("\n").split("\n\n")
    out = Text()
    for number, paragraph in enumerate(paragraphs):
        if "``" in paragraph:  # a longer backtick run opens or closes a span of its own
            return None
        if not all(_PLAIN_LINE.fullmatch(line) for line in paragraph.split("\n")):
            return None
        if number:
            out.append("\n\n")
        at = 0
        for match in _INLINE.finditer(paragraph):
            if match.start() != at:
                return None
            at = match.end()
            if match["code"] is not None:
                out.append(match["code"], style=CODE)
                continue
            words, style = (match["bold"], BOLD) if match["bold"] is not None else \
                (match["text"], None)
            for index, line in enumerate(words.split("\n")):
                if index:
                    out.append(" ")  # a soft line break, never styled
                out.append(line, style=style)
        if at != len(paragraph):
            return None
    return out


def markdown_to_text(markdown: str) -> Text:
    """Render the Markdown subset used in prompts/ to a Text (unknown constructs as text)."""
    plain = plain_paragraphs_to_text(markdown)
    if plain is not None:
        return plain
    from oiadraft.mdtext import parser

    tokens = parser().parse(markdown)
    out = Text()
    lists: list[list[int]] = []  # per open list: [next number] or [-1] for bullets
    quote_depth = 0
    pending_prefix = ""
    hanging = ""
    first_block = True
    list_starting = False

    def start_block(tight: bool = False) -> None:
        """Separate blocks by a blank line; list items (and blocks inside them) by one."""
        nonlocal first_block
        if not first_block:
            out.append("\n" if tight else "\n\n")
        first_block = False

    for token in tokens:
        kind = token.type
        if kind in {"paragraph_open", "heading_open"}:
            if not pending_prefix:
                start_block(tight=bool(lists))
            prefix = pending_prefix or ("  " * len(lists) if lists else "")
            if quote_depth:
                prefix = "▌ " * quote_depth + prefix
            out.append(prefix, style=DIM if quote_depth else None)
            hanging = " " * len(prefix)
            pending_prefix = ""
        elif kind == "inline":
            style = QUOTE if quote_depth else None
            _inline(out, token.children or [], style, hanging)
        elif kind in {"bullet_list_open", "ordered_list_open"}:
            start = int(token.attrGet("start") or 1) if kind == "ordered_list_open" else -1
            lists.append([start])
            list_starting = True
        elif kind in {"bullet_list_close", "ordered_list_close"}:
            lists.pop()
        elif kind == "list_item_open":
            start_block(tight=not (list_starting and len(lists) == 1))
            list_starting = False
            counter = lists[-1]
            indent = "  " * (len(lists) - 1)
            if counter[0] == -1:
                pending_prefix = f"{indent}• "
            else:
                pending_prefix = f"{indent}{counter[0]}. "
                counter[0] += 1
        elif kind == "blockquote_open":
            quote_depth += 1
        elif kind == "blockquote_close":
            quote_depth -= 1
        elif kind == "hr":
            start_block()
            out.append("─" * 40, style=DIM)
        elif kind in {"fence", "code_block"}:
            start_block()
            out.append(token.content.rstrip("\n"), style=CODE)
    return out


def _inline(out: Text, children, base: Style | None, hanging: str = "") -> None:
    styles: list[Style] = [base] if base else []
    link_href: list[str] = []

    def current() -> Style | None:
        if not styles:
            return None
        combined = styles[0]
        for style in styles[1:]:
            combined = combined + style
        return combined

    for child in children:
        kind = child.type
        if kind == "text":
            out.append(child.content, style=current())
        elif kind == "code_inline":
            out.append(child.content, style=(current() or Style()) + CODE)
        elif kind == "strong_open":
            styles.append(BOLD)
        elif kind == "em_open":
            styles.append(ITALIC)
        elif kind in {"strong_close", "em_close"}:
            if styles:
                styles.pop()
        elif kind == "softbreak":
            out.append(" ")
        elif kind == "hardbreak":
            out.append("\n" + hanging)
        elif kind == "link_open":
            link_href.append(str(child.attrGet("href") or ""))
        elif kind == "link_close":
            href = link_href.pop() if link_href else ""
            if href:
                out.append(f" ({href})", style=DIM)
        elif kind in {"html_inline", "image"}:
            out.append(child.content, style=current())
