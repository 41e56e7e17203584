"""Markdown in, clean text out, and user text kept as data on the way.

Two jobs, used by the clause library and the letter renderer:

* `to_text(markdown)` turns Markdown (clause bodies) into the plain text a requester pastes
  into an email or the FYI.org.nz form: no `*`, `_`, `#` or backticks left, lists kept as
  lists ("- " / "1. "), links as "text (url)", paragraphs separated by one blank line, and no
  hard wrapping (a soft line break inside a paragraph becomes a space).
* `escape(text)` makes user text (parts, topic, names, reasons) safe to put inside Markdown:
  nothing the user typed turns into formatting, and `to_text(escape(s))` gives `s` back with
  only its hard-wrapped lines joined. Lines that start like a list item ("- ", "(a) ", "2) ")
  keep their line break, so a user's own sub-list survives.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover - typing only
    from markdown_it import MarkdownIt
    from markdown_it.tree import SyntaxTreeNode

# Characters that can start inline Markdown (CommonMark) or GFM extensions anywhere in a line.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>&~|#])")
# Characters that only matter at the start of a line: headings, quotes, lists, setext rules.
_LINE_START_SPECIAL = frozenset("#>-+*=|")
_ORDERED_START = re.compile(r"^(\d{1,9})([.)])")
# A line that a person meant as a new item: "- x", "* x", "• x", "1. x", "2) x", "(a) x",
# "a) x", "(iv) x". Its line break is kept (as a Markdown hard break).
LIST_LINE = re.compile(
    r"^\s*(?:[-*+•‣◦▪]|\(?\d{1,3}[.)\-]|\(?[a-zA-Z][.)]|\([ivxlcIVXLC]{1,6}\)|\([a-z]{1,2}\))(?:\s|$)"
)


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    # CommonMark without raw HTML: an angle bracket is just a character.
    return MarkdownIt("commonmark", {"html": False})


def escape_line(line: str) -> str:
    """Escape one line of user text for Markdown (inline specials, and list/heading starts)."""
    line = line.strip()
    if not line:
        return ""
    escaped = _INLINE_SPECIAL.sub(r"\\\1", line)
    if line[0] in _LINE_START_SPECIAL and not escaped.startswith("\\"):
        escaped = "\\" + escaped
    match = _ORDERED_START.match(escaped)
    if match:
        escaped = match.group(1) + "\\" + escaped[match.end(1):]
    return escaped


def escape(text: str) -> str:
    """User text as Markdown that renders as exactly that text (never as formatting).

    Paragraphs (blank-line separated) are kept; inside a paragraph, lines are joined except
    before a line that starts like a list item, where a hard break keeps the user's layout.
    """
    text = normalise_newlines(text)
    paragraphs = []
    for block in re.split(r"\n\s*\n", text):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        out = escape_line(lines[0])
        for line in lines[1:]:
            sep = "\\\n" if LIST_LINE.match(line) else " "
            out += sep + escape_line(line)
        paragraphs.append(out)
    return "\n\n".join(paragraphs)


def unwrap(text: str) -> str:
    """The plain-text form of user text: what `to_text(escape(text))` gives.

    Each line stripped, hard-wrapped lines of a paragraph joined by a space (except before a
    list-like line), paragraphs separated by one blank line.
    """
    text = normalise_newlines(text)
    paragraphs = []
    for block in re.split(r"\n\s*\n", text):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        out = lines[0]
        for line in lines[1:]:
            out += ("\n" if LIST_LINE.match(line) else " ") + line
        paragraphs.append(out)
    return "\n\n".join(paragraphs)


def normalise_newlines(text: str) -> str:
    """CRLF / CR to LF, tabs and other odd spaces to plain spaces, control characters dropped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\t", " ").replace("\f", " ").replace("\v", " ")
    # Unicode line/paragraph separators would split lines differently in different tools.
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n").replace("\x85", "\n")
    return "".join(ch for ch in text if ch == "\n" or (ch >= " " and ch != "\x7f"))


@lru_cache(maxsize=4096)
def to_text(markdown: str) -> str:
    """Markdown to clean plain text (see the module docstring). Cached: the live letter is
    re-rendered on every keystroke, and its clause bodies and parts rarely change."""
    from markdown_it.tree import SyntaxTreeNode

    tree = SyntaxTreeNode(parser().parse(markdown))
    return "\n\n".join(block for block in _blocks(tree) if block)


@lru_cache(maxsize=4096)
def unwrap_markdown(markdown: str) -> str:
    """Join the hard-wrapped lines of each paragraph (Markdown stays Markdown).

    Clause bodies are wrapped in their YAML files for reading; in a letter each paragraph should
    be one line so email clients and forms wrap it themselves. Hard breaks (a line ending in a
    backslash or two spaces), lists, quotes and code keep their lines.
    """
    # markdown-it counts a lone CR (and CR LF) as a line end too; split the same way it does
    markdown = markdown.replace("\r\n", "\n").replace("\r", "\n")
    lines = markdown.split("\n")
    joins: set[int] = set()  # line numbers whose following line is joined onto them
    for token in parser().parse(markdown):
        if token.type != "paragraph_open" or token.map is None:
            continue
        start, end = token.map
        for number in range(start, end - 1):
            line = lines[number]
            if line.endswith("\\") or line.endswith("  ") or lines[number + 1].lstrip().startswith(">"):
                continue
            joins.add(number)
    out: list[str] = []
    joining = False
    for number, line in enumerate(lines):
        if joining:
            out[-1] = out[-1].rstrip() + " " + line.strip()
        else:
            out.append(line)
        joining = number in joins
    return "\n".join(out)


def single_paragraph(markdown: str) -> bool:
    """True when the Markdown is one plain paragraph (can be shown as one list item)."""
    tokens = parser().parse(markdown)
    kinds = [token.type for token in tokens if token.level == 0 and token.nesting >= 0]
    return kinds == ["paragraph_open"]


def _blocks(node: SyntaxTreeNode) -> list[str]:
    """Each child block of `node` as text."""
    return [_block(child) for child in node.children]


def _indent(text: str, first: str, rest: str) -> str:
    lines = text.split("\n")
    return "\n".join([first + lines[0]] + [(rest + line) if line else line for line in lines[1:]])


def _block(node: SyntaxTreeNode) -> str:
    kind = node.type
    if kind in ("paragraph", "heading"):
        return _inline(node.children[0]) if node.children else ""
    if kind in ("bullet_list", "ordered_list"):
        start = int(node.attrs.get("start", 1)) if kind == "ordered_list" else 1
        items = []
        for offset, item in enumerate(node.children):
            marker = f"{start + offset}. " if kind == "ordered_list" else "- "
            body = "\n\n".join(b for b in _blocks(item) if b) if not _tight(node) else \
                "\n".join(b for b in _blocks(item) if b)
            items.append(_indent(body, marker, " " * len(marker)))
        return "\n".join(items)
    if kind == "blockquote":
        inner = "\n\n".join(b for b in _blocks(node) if b)
        return "\n".join(("> " + line) if line else ">" for line in inner.split("\n"))
    if kind in ("code_block", "fence"):
        return node.content.rstrip("\n")
    if kind in ("hr", "html_block"):
        return ""
    return "\n\n".join(b for b in _blocks(node) if b)


def _tight(list_node: SyntaxTreeNode) -> bool:
    # markdown-it hides paragraphs inside tight lists; a loose list keeps them visible.
    for item in list_node.children:
        for child in item.children:
            if child.type == "paragraph" and not child.hidden:
                return False
    return True


def _inline(node: SyntaxTreeNode) -> str:
    out: list[str] = []
    for child in node.children:
        kind = child.type
        if kind == "text":
            out.append(child.content)
        elif kind == "softbreak":
            out.append(" ")
        elif kind == "hardbreak":
            out.append("\n")
        elif kind == "code_inline":
            out.append(child.content)
        elif kind == "link":
            label = _inline(child)
            href = str(child.attrs.get("href", ""))
            bare = href.removeprefix("mailto:")
            out.append(label if not href or label in (href, bare) else f"{label} ({href})")
        elif kind == "image":
            out.append(_inline(child) or str(child.attrs.get("alt", "")))
        elif kind == "html_inline":
            continue
        else:  # em, strong, s and anything else that only wraps text
            out.append(_inline(child))
    return "".join(out)
