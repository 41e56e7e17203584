"""Find the numbered parts of a pasted request.

People paste whole letters: a greeting, background, the numbered things they want, then the
form-of-release and reasons-for-withholding paragraphs and a sign-off. Only the numbered
things are parts. `split_request(text)` finds them:

    split = split_request(letter)
    split.parts            # [FoundPart(number="1", text="The dates on which ...", span=(812, 990)), ...]
    split.request_period   # PeriodMatch for "All timeframes are from 1 October 2020 to ..." or None
    split.preamble         # text before the first part (greeting and background)
    split.closing          # text after the last part (clauses and sign-off)

Numbering is recognised at line starts: ``1.`` ``1)`` ``(1)`` ``1-`` ``Q1.`` ``Question 1:``
``a)`` ``(a)`` ``(i)`` and bullets (``-``, ``*``, ``•``). The first marker found sets the
top-level scheme; markers of another scheme inside a part (and inline ones such as "(a)
Disarmament ... and (b) Foreign Affairs") stay inside that part. Background told as a list
before a paragraph that asks ("Please provide:", cues in the cue file's `request_lead`) and a
list in another numbering leaves the parts to that later list; numbering that starts again
makes runs, the longest holding the parts and, of runs as long (an agency's response quotes the
request, then answers it item by item), the one a paragraph that asks introduces, else the
later. A number of up to three digits can start or resume a list ("12." when only part 12 is
pasted); a longer one ("1000.", "2023 - the year of ...") is a marker only when it continues
the numbering already in use (999, then 1000), so a year or a count at the start of a line
never becomes a part. Text with no numbering is one part, less its greeting, sign-off and
clause paragraphs, and less any background before the paragraph that asks. A paragraph that
begins with a clause or sign-off ends the last part.

Invariants (pinned by property tests): never raises on any string; every span lies inside the
text; ``source[part.span[0]:part.span[1]] == part.text`` (``source`` is the text given, less the
quote marks of an email reply whose lines are mostly quoted); the same input gives the same
output.
The vocabulary of greetings, sign-offs, clause cues and request-period sentences is the
splitter's own cue file, ``oiadraft/data/letter_cues.yaml``, read by `oiadraft.letter.cues`
(with what a letter's opening says: `addressee`, `subject`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from oiadraft.errors import DataError
from oiadraft.letter.cues import CUES_FILE, addressee, subject
from oiadraft.letter.cues import find_request_period as _find_request_period
from oiadraft.letter.cues import letter_rules as _letter_rules
from oiadraft.letter.cues import may_set_period as _may_set_period

__all__ = ["CUES_FILE", "FoundPart", "SplitRequest", "addressee", "clean_part_text",
           "split_request", "subject"]


@dataclass(frozen=True)
class FoundPart:
    """One numbered part: its number as written ("12", "b", "iv"; bullets are counted "1", "2"),
    its text (marker removed, surrounding white space trimmed) and where that text sits."""

    number: str
    text: str
    span: tuple[int, int]


@dataclass(frozen=True)
class SplitRequest:
    """A pasted request taken apart. Spans are offsets into `source`."""

    source: str
    parts: tuple[FoundPart, ...]
    request_period: Any = None
    """A `periods.PeriodMatch` for a sentence that sets the period of the whole request."""
    preamble: str = ""
    preamble_span: tuple[int, int] = (0, 0)
    closing: str = ""
    closing_span: tuple[int, int] = (0, 0)
    scheme: str = "none"
    """How the parts are numbered: "number", "letter", "roman", "bullet" or "none"."""
    ignored: tuple[tuple[str, tuple[int, int]], ...] = field(default=())
    """(kind, span) of paragraphs that are not parts: "greeting", "clause", "sign-off"."""

    @property
    def numbered(self) -> bool:
        """True when the parts came from numbering rather than the whole text."""
        return self.scheme != "none"


_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9,
          "x": 10, "xi": 11, "xii": 12, "xiii": 13, "xiv": 14, "xv": 15, "xvi": 16, "xvii": 17,
          "xviii": 18, "xix": 19, "xx": 20}

# A marker at the start of a line, then white space. Groups: the number/letter token.
_MARKER = re.compile(
    r"""[^\S\n]*(?:
        \((?P<paren>\d+|[a-zA-Z]|[ivxIVX]{1,5})\)               # (1) (a) (iv)
      | (?:[qQ]|(?i:question)[^\S\n]*)?                          # Q1. Question 1:
        (?P<num>\d+)(?:\.(?!\d)|\)|:|[^\S\n]?[-–](?![-–]))       # 1. 1) 1: 1- 1 -
      | (?P<alpha>[a-zA-Z])[.)](?![a-zA-Z0-9])                  # a) a.
      | (?P<roman>[ivxIVX]{1,5})[.)](?![a-zA-Z0-9])             # iv) iv.
      | (?P<bullet>[-*•‣◦▪●])                                   # - * •
    )[^\S\n]+(?=\S)""",  # white space but a new line: tabs, no-break spaces from a PDF
    re.VERBOSE,
)
SHORT_NUMBER = 3
"""Digits a number may have and still start (or restart) a list; a longer one must continue."""
_PAGE_FURNITURE = re.compile(r"^\s*(?:page \d+ of \d+|\d+\s*/\s*\d+)\s*$", re.IGNORECASE)


@dataclass
class _Marker:
    line_start: int
    content_start: int
    kind: str  # number | letter | roman | bullet
    token: str
    value: int
    """Its place in the list; -1 for a long number until `_continuations` places it."""


def _markers(text: str) -> list[_Marker]:
    found: list[_Marker] = []
    pos = 0
    length = len(text)
    while pos <= length:
        end = text.find("\n", pos)
        if end == -1:
            end = length
        match = _MARKER.match(text, pos, end)
        if match:
            marker = _classify(match, pos)
            if marker is not None:
                found.append(marker)
        pos = end + 1
    return found


def _classify(match: re.Match[str], line_start: int) -> _Marker | None:
    content = match.end()
    if token := match.group("num"):
        return _number(line_start, content, token)
    if token := match.group("bullet"):
        return _Marker(line_start, content, "bullet", token, 0)
    token = match.group("paren") or match.group("alpha") or match.group("roman") or ""
    if token.isdigit():
        return _number(line_start, content, token)
    low = token.lower()
    if len(low) == 1 and low not in "ivx":
        return _Marker(line_start, content, "letter", low, ord(low) - 96)
    if low in _ROMAN:
        # "i", "v", "x" alone are ambiguous; resolved against the scheme in _top_level
        kind = "roman" if len(low) > 1 or low in "ivx" else "letter"
        return _Marker(line_start, content, kind, low, _ROMAN[low])
    return None


def _number(line_start: int, content: int, token: str) -> _Marker:
    # a long number's value is not read here: only `_continuations` can give it one (and never
    # converts thousands of digits to an int)
    value = int(token) if len(token) <= SHORT_NUMBER else -1
    return _Marker(line_start, content, "number", token, value)


def _continuations(markers: list[_Marker]) -> list[_Marker]:
    """The markers less any long number that does not continue the numbering in use: "1000."
    right after part 999 is kept, with its value; "2023 - the year of ..." after part 5, or
    with no numbering before it, is text."""
    kept: list[_Marker] = []
    last = None  # the value of the last number marker kept
    for marker in markers:
        if marker.kind == "number":
            if marker.value < 0:
                if last is None or marker.token.lstrip("0") != str(last + 1):
                    continue
                marker = _Marker(marker.line_start, marker.content_start, "number",
                                 marker.token, last + 1)
            last = marker.value
        kept.append(marker)
    return kept


def _top_level(markers: list[_Marker], text: str | None = None) -> tuple[str, list[_Marker]]:
    """The scheme of the first marker, and the markers that belong to it (in order); `text`,
    the letter, to tell which of equally long runs a paragraph that asks introduces."""
    markers = _continuations(markers)
    if not markers:
        return "none", []
    scheme = markers[0].kind
    if scheme == "roman" and markers[0].token not in ("i",):
        scheme = "letter"  # "(v)" or "(x)" opening a list is a letter
    if scheme == "roman" and markers[0].token == "i" and len(markers) > 1 and \
            markers[1].kind == "letter" and markers[1].token == "j":
        scheme = "letter"
    chosen: list[_Marker] = []
    expected_letter = None
    for marker in markers:
        kind = marker.kind
        # "i" after "h", "v" after "u", "x" after "w" are letters in a lettered list
        if scheme == "letter" and kind == "roman" and len(marker.token) == 1 \
                and expected_letter == marker.token:
            kind = "letter"
            marker = _Marker(marker.line_start, marker.content_start, "letter", marker.token,
                             ord(marker.token) - 96)
        if kind != scheme:
            continue
        if scheme == "letter":
            expected_letter = chr(ord(marker.token) + 1) if marker.token < "z" else None
        chosen.append(marker)
    return scheme, _main_run(chosen, scheme, text)


def _main_run(chosen: list[_Marker], scheme: str, text: str | None = None) -> list[_Marker]:
    """Numbering that restarts ("1. 2. 3." in quoted background, then the request's "1. ...
    13.") forms several runs; the longest holds the parts. Of runs equally long, the one a
    paragraph that asks introduces ("Please provide me with the following information:"),
    else the later: an agency's response quotes the request, then goes through it again,
    numbered alike, with its answers between the items."""
    if scheme == "bullet" or len(chosen) < 2:
        return chosen
    runs: list[list[_Marker]] = [[chosen[0]]]
    for marker in chosen[1:]:
        if marker.value <= runs[-1][-1].value:
            runs.append([marker])
        else:
            runs[-1].append(marker)
    longest = max(len(run) for run in runs)
    tied = [(index, run) for index, run in enumerate(runs) if len(run) == longest]
    if text is not None and len(tied) > 1:
        asked = [run for index, run in tied if _introduced(
            text, runs[index - 1][-1].content_start if index else 0, run[0].line_start)]
        if asked:
            return asked[-1]
    return tied[-1][1]


def _introduced(text: str, start: int, end: int) -> bool:
    """Whether the last paragraph between `start` and `end` (just before a list) asks."""
    paragraphs = _paragraphs(text, start, end)
    return bool(paragraphs) and _letter_rules()["request_lead"].search(
        text, *paragraphs[-1]) is not None


def _asked_list(text: str, markers: list[_Marker], scheme: str, tops: list[_Marker]
                ) -> tuple[str, list[_Marker]]:
    """Background told as a list ("Over the last year: 1. ... 2. ..."), then a paragraph that
    asks ("Please provide:") and the request's own list in another numbering: that list holds
    the parts. A list whose lead-in asks, or one with no paragraph of its own before the next,
    keeps them."""
    lead = _letter_rules()["request_lead"]
    if not tops or lead.search(text, 0, tops[0].line_start):
        return scheme, tops
    other, run = _top_level([m for m in markers
                             if m.line_start > tops[-1].line_start and m.kind != scheme])
    between = _paragraphs(text, tops[-1].content_start, run[0].line_start) if run else []
    if len(between) < 2 or _paragraph_kind(text[between[-1][0]:between[-1][1]]) is not None \
            or not lead.search(text, *between[-1]):
        return scheme, tops
    return other, run


def _paragraph_kind(paragraph: str) -> str | None:
    """"greeting", "sign-off" or "clause" for a paragraph that is not request content."""
    rules = _letter_rules()
    head = paragraph.lstrip()[:400]
    if rules["greeting"].match(head) and len(paragraph.strip()) < 200:
        return "greeting"
    if rules["sign_off"].match(head):
        return "sign-off"
    if rules["clause"].search(head):
        return "clause"
    return None


_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")


def _paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of blank-line separated paragraphs inside text[start:end] (trimmed)."""
    spans: list[tuple[int, int]] = []
    # a line may end in spaces (text copied from a PDF), the blank line may hold some too
    for match in re.finditer(r"\S(?:.*?\S)?(?=[^\S\n]*\n[^\S\n]*\n|\s*\Z)", text[start:end],
                             re.DOTALL):
        spans.append((start + match.start(), start + match.end()))
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def clean_part_text(text: str) -> str:
    """A found part's words as they go into a letter: lines without the spaces a PDF leaves at
    their ends, and without page furniture ("Page 3 of 9") and the blank lines around it, so a
    sentence broken by a page break reads on. (`FoundPart.text` itself stays the exact slice
    of the paste its span names.)"""
    lines = [line.rstrip() for line in text.split("\n")]
    kept: list[str] = []
    after_furniture = False
    for line in lines:
        if line and _PAGE_FURNITURE.match(line):
            while kept and not kept[-1]:
                kept.pop()
            after_furniture = True
            continue
        if after_furniture and not line:
            continue
        after_furniture = False
        if line and kept and not kept[-1]:
            # a blank line in the middle of a sentence ("what New", "", "Zealand needed")
            # is a page or column break, not a paragraph
            words = [k for k in kept if k]
            if words and not _SENTENCE_END.search(words[-1]):
                while kept and not kept[-1]:
                    kept.pop()
        kept.append(line)
    return "\n".join(kept).strip()


_SENTENCE_END = re.compile(r"[.:;!?\u2026)\]\"\u201d'\u2019-]$")


def split_request(text: str, today: Any = None) -> SplitRequest:
    """Split pasted request text into parts (see the module docstring). Never raises."""
    if not isinstance(text, str):
        raise TypeError("split_request expects a string")
    try:
        return _split(_unquoted(text), today)
    except DataError:
        raise
    except Exception:  # pragma: no cover - defensive: a bug must not lose the user's text
        start, end = _trim(text, 0, len(text))
        parts = (FoundPart("1", text[start:end], (start, end)),) if end > start else ()
        return SplitRequest(source=text, parts=parts, scheme="none")


_QUOTED = re.compile(r"^[^\S\n]*>", re.MULTILINE)
_QUOTE_MARKS = re.compile(r"^[^\S\n]*(?:>[^\S\n]?)+", re.MULTILINE)


def _unquoted(text: str) -> str:
    """An email reply whose lines are mostly quoted ("> 1. ...", a request pasted from a thread)
    without its quote marks; any other text as it is. The split's `source` is this text."""
    if ">" not in text:
        return text
    quoted = len(_QUOTED.findall(text))
    lines = sum(1 for line in text.split("\n") if line.strip())
    return _QUOTE_MARKS.sub("", text) if quoted >= 3 and 2 * quoted >= lines else text


def _split(text: str, today: Any) -> SplitRequest:
    markers = _markers(text)
    scheme, tops = _asked_list(text, markers, *_top_level(markers, text))
    ignored: list[tuple[str, tuple[int, int]]] = []
    if not tops:
        return _split_unnumbered(text, today)

    parts: list[FoundPart] = []
    closing_start = len(text)
    bullet_count = 0
    one_paragraph = True
    """Whether every part so far is one paragraph (no blank line inside)."""
    for index, marker in enumerate(tops):
        last = index + 1 == len(tops)
        limit = len(text) if last else tops[index + 1].line_start
        end = limit
        # a paragraph that starts with a clause or sign-off ends the part (and the list)
        stop = None
        # a part with no blank line inside is one paragraph: nothing after it to look at
        inner = _trim(text, marker.content_start, limit)
        if _BLANK_LINE.search(text, inner[0], inner[1]) is not None:
            paragraphs = _paragraphs(text, marker.content_start, limit)
            if last and index and one_paragraph and len(paragraphs) > 1 \
                    and _closes(text, paragraphs[0], paragraphs[1]):
                # every other part was one paragraph, so the last is too: what follows it
                # ("Please confirm receipt of this email ...") is the letter's closing
                stop = paragraphs[1][0]
            for p_start, p_end in paragraphs[1:] if stop is None else ():
                kind = _paragraph_kind(text[p_start:p_end])
                if kind is not None:
                    stop = p_start
                    break
            one_paragraph = False
        if stop is not None:
            end = stop
        start, end = _trim(text, marker.content_start, end)
        if scheme == "bullet":
            bullet_count += 1
            number = str(bullet_count)
        else:
            number = marker.token
        if end > start:
            parts.append(FoundPart(number, text[start:end], (start, end)))
        if stop is not None:
            closing_start = stop
            break
    pre_start, pre_end = _trim(text, 0, tops[0].line_start)
    close_start, close_end = _trim(text, closing_start, len(text))
    if parts and closing_start == len(text):
        close_start = close_end = len(text)
    for span in _paragraphs(text, pre_start, pre_end) + _paragraphs(text, close_start, close_end):
        kind = _paragraph_kind(text[span[0]:span[1]])
        if kind is not None:
            ignored.append((kind, span))
    # the request-wide period sentence sits in the preamble, between parts, or after them;
    # after them, not in or after the paragraph that introduces another list (an agency's
    # response quoting its own proposed refinement: "All timeframes are from ..." then "1- ...")
    search = [(pre_start, pre_end),
              (close_start, _other_list_start(text, markers, close_start, close_end))]
    request_period = _find_request_period(text, search, today)
    if request_period is None and parts and _may_set_period(text, parts[0].span[0],
                                                            parts[-1].span[1]):
        for part in parts:
            # a trailing "Timeframe: ..." line glued to the last part
            found = _find_request_period(text, [part.span], today)
            if found is not None and found.start > part.span[0]:
                request_period = found
                break
    return SplitRequest(
        source=text,
        parts=tuple(parts),
        request_period=request_period,
        preamble=text[pre_start:pre_end],
        preamble_span=(pre_start, pre_end),
        closing=text[close_start:close_end],
        closing_span=(close_start, close_end),
        scheme=scheme,
        ignored=tuple(ignored),
    )


def _other_list_start(text: str, markers: list[_Marker], start: int, end: int) -> int:
    """Where the first list within text[start:end] begins, taking in the paragraph just
    before its first item (what introduces it); `end` when there is none."""
    first = next((m for m in markers if start <= m.line_start < end), None)
    if first is None:
        return end
    paragraphs = [span for span in _paragraphs(text, start, first.line_start)]
    return paragraphs[-1][0] if paragraphs else first.line_start


def _closes(text: str, part: tuple[int, int], after: tuple[int, int]) -> bool:
    """Whether the paragraph `after` a one-paragraph last part can begin the letter's closing:
    not when the part leads into it ("... including:") or it goes on with the part (a
    sub-list "(a) ...", or a sentence that does not begin with a capital)."""
    head = text[after[0]:after[1]].lstrip()
    return (not text[part[0]:part[1]].rstrip().endswith(":") and head[:1].isupper()
            and _MARKER.match(head) is None)


def _split_unnumbered(text: str, today: Any) -> SplitRequest:
    paragraphs = _paragraphs(text, 0, len(text))
    ignored: list[tuple[str, tuple[int, int]]] = []
    content: list[tuple[int, int]] = []
    closing_from = None
    for span in paragraphs:
        paragraph = text[span[0]:span[1]]
        if _PAGE_FURNITURE.match(paragraph):
            continue
        kind = _paragraph_kind(paragraph)
        if kind == "greeting" and not content:
            ignored.append((kind, span))
            # "Dear X, please provide ..." on one line: keep what follows the greeting line
            first_line_end = paragraph.find("\n")
            if first_line_end != -1:
                rest = _trim(text, span[0] + first_line_end, span[1])
                if rest[1] > rest[0]:
                    content.append(rest)
            continue
        if kind in ("sign-off", "clause") and content:
            closing_from = span[0] if closing_from is None else closing_from
            ignored.append((kind, span))
            continue
        if kind in ("sign-off", "clause"):
            ignored.append((kind, span))
            continue
        if closing_from is not None:
            # content after the sign-off (a name, a signature block) is not a part either
            continue
        content.append(span)
    # background told before the paragraph that asks ("Could you please send me ...") is
    # preamble, not part of what is asked for
    lead = _letter_rules()["request_lead"]
    asks = next((i for i, span in enumerate(content) if lead.search(text, *span)), 0)
    content = content[asks:]
    parts: tuple[FoundPart, ...] = ()
    pre = (0, 0)
    if content:
        start, end = content[0][0], content[-1][1]
        parts = (FoundPart("1", text[start:end], (start, end)),)
        pre = _trim(text, 0, start)
    close = _trim(text, parts[0].span[1], len(text)) if parts else (len(text), len(text))
    return SplitRequest(
        source=text,
        parts=parts,
        request_period=None,
        preamble=text[pre[0]:pre[1]],
        preamble_span=pre,
        closing=text[close[0]:close[1]],
        closing_span=close,
        scheme="none",
        ignored=tuple(ignored),
    )
