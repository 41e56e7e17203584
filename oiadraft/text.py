"""Small text helpers shared by every layer: lists in English, plurals, and cleaning text that
came from outside (a paste, a file, a draft field) before it is stored or printed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

__all__ = ["closest", "encoding_of", "fold_case", "join_and", "join_or", "plain_spaces", "plural", "printable",
           "quoted_titles", "strip_controls", "upper_first", "without_titles"]


def _join(items: Iterable[object], word: str) -> str:
    shown = [str(item) for item in items]
    if not shown:
        return ""
    if len(shown) == 1:
        return shown[0]
    return ", ".join(shown[:-1]) + f" {word} " + shown[-1]


def encoding_of(data: bytes) -> str:
    """How to decode text from a file: UTF-16 when it begins with UTF-16's byte order mark
    (what Windows PowerShell's `>` and Notepad's "Unicode" write), else UTF-8 (a byte order
    mark dropped)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) and not data.startswith(b"\xff\xfe\x00\x00"):
        return "utf-16"
    return "utf-8-sig"


def join_and(items: Iterable[object]) -> str:
    """["a"] -> "a"; ["a", "b"] -> "a and b"; ["a", "b", "c"] -> "a, b and c" (NZ style, no
    Oxford comma)."""
    return _join(items, "and")


def join_or(items: Iterable[object]) -> str:
    """Like `join_and`, with "or"."""
    return _join(items, "or")


def plural(count: int, word: str, many: str | None = None) -> str:
    """plural(1, "part") -> "1 part"; plural(3, "part") -> "3 parts"; plural(2, "day", "days")."""
    return f"{count} {word if count == 1 else (many or word + 's')}"


def upper_first(text: str) -> str:
    """A sentence's first letter in capitals, the rest as written: "part 3 is" -> "Part 3 is"."""
    return text[:1].upper() + text[1:]


# ANSI/VT escape sequences: CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), other ESC + one char.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"          # CSI: colours, cursor moves, bracketed-paste markers
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC: terminal title, clipboard, hyperlinks
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"   # DCS, SOS, PM, APC strings
    r"|\x1b[@-Z\\-_]?"                  # any other escape (and a lone ESC)
    r"|\x9b[0-?]*[ -/]*[@-~]"           # 8-bit CSI
)
# C0 and C1 controls except tab and newline; DEL too.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


# No-break, thin, figure, ideographic ... spaces (what a PDF or a web page gives when copied)
# read as a plain space; line and paragraph separators as a new line; zero-width spaces and
# byte-order marks are dropped.
_PLAIN_SPACES = str.maketrans(
    {**dict.fromkeys(map(chr, [0xA0, 0x1680, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000]),
                     " "),
     "\u2028": "\n", "\u2029": "\n", "\u200b": None, "\ufeff": None})


# Any character `_PLAIN_SPACES` changes: most text has none, and looking costs far less than
# translating (a megabyte paste with a macron in it is not ASCII).
_ODD_SPACE = re.compile("[" + "".join(re.escape(chr(code)) for code in _PLAIN_SPACES) + "]")


def plain_spaces(text: str) -> str:
    """`text` with every kind of space written as a plain one (see `_PLAIN_SPACES`): a request
    copied from an agency's PDF has no-break spaces between its words and after its numbers,
    and the splitter and the checker's vocabulary read plain spaces."""
    if text.isascii() or _ODD_SPACE.search(text) is None:
        return text
    return text.translate(_PLAIN_SPACES)


def strip_controls(text: str) -> str:
    """Text with terminal escape sequences and control characters removed, keeping tabs and
    newlines (CR LF and lone CR become LF), and every kind of space made plain
    (`plain_spaces`). Use it on anything pasted or read from outside before it reaches a
    draft, and on draft fields before they are printed to a terminal."""
    text = plain_spaces(text.replace("\r\n", "\n").replace("\r", "\n"))
    return _CONTROLS.sub("", _ESCAPES.sub("", text))


def printable(text: str) -> str:
    """One line safe to print to a terminal: `strip_controls`, with newlines and tabs shown as
    spaces (for names, titles and other single-line fields)."""
    return " ".join(strip_controls(text).split()) if text else ""


# Characters whose lower case is not what a case-blind ASCII pattern expects (Turkish dotted and
# dotless i, long s, Kelvin sign); folded to their ASCII letter first.
_FOLDS_ODDLY = re.compile("[\u0130\u0131\u017f\u212a]")
_SIMPLE_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def fold_case(text: str) -> str:
    """`text` lower-cased so that an ASCII word a case-blind pattern matches is a substring of
    it (a cheap pre-filter before running the pattern)."""
    if text.isascii() or _FOLDS_ODDLY.search(text) is None:
        return text.lower()
    return text.translate(_SIMPLE_FOLD).lower()


def closest(word: str, choices: Iterable[str], cutoff: float = 75) -> str | None:
    """The choice most like `word` (a likely typo), or None when nothing is close: for "did you
    mean ...?" in messages."""
    from rapidfuzz import fuzz, process

    match = process.extractOne(word, list(choices), scorer=fuzz.ratio, score_cutoff=cutoff)
    return match[0] if match else None


# no quotation mark inside, so each opening is read once, to the next mark at most
_TITLE = re.compile(r"(?:(?<![\w'’])\"|“)([A-ZĀĒĪŌŪ][^\"“”\n]{0,300})[\"”]")


def quoted_titles(text: str) -> list[tuple[int, int]]:
    """Where a document's title stands in quotation marks ("the reports “Citywide Estimated
    Growth Distribution Figures 25/09/2020”"): two words or more, the first capitalised. Its
    words name the document; a date or "Figures" in them is no period and no figures asked
    for. A quoted word or phrase in lower case ("extended leave") is the part's own words."""
    if '"' not in text and "“" not in text:
        return []
    return [(found.start(1), found.end(1)) for found in _TITLE.finditer(text)
            if " " in found.group(1).strip()]


def without_titles(text: str, titles: Sequence[tuple[int, int]] | None = None) -> str:
    """`text` with each quoted title's words (`titles`, or those found) blanked out, so that
    positions stay as they are: what is read for the part's own period."""
    if titles is None:
        titles = quoted_titles(text)
    if not titles:
        return text
    pieces, at = [], 0
    for start, end in titles:
        pieces.extend((text[at:start], " " * (end - start)))
        at = end
    pieces.append(text[at:])
    return "".join(pieces)
