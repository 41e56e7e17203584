"""The inclusive rewrite: "no edges" wording taken out so that a sentence is left
("including but not limited to" -> "namely"; "and any other reports" goes with the items
it adds, and the list before it is mended)."""

from __future__ import annotations

import re

from oiadraft.scope.matching import Token, same_clause
from oiadraft.scope.rewrites.clause import LIST_JOIN, SPACE, Where

_COMMA_GAP = re.compile(r"\s*,?\s*")
_LIST_STOP = re.compile(r"[,;:.()]")
# the list's last item, after its comma (and before the comma of an Oxford-comma list)
_LAST_ITEM = re.compile(r",\s*([^,;:.()<>\s][^,;:.()<>]{0,59}?)\s*,?\s*$")


def inclusive_rewrite(where: Where, token: Token) -> tuple[tuple[int, int], str | None]:
    """(span, replacement) that takes "no edges" wording out and leaves a sentence."""
    text = where.text
    rw = where.rw
    plain = (token.start, token.end)
    low = " ".join(token.text.lower().split())
    if low in rw.inclusive_advice:
        return plain, None
    if low in rw.inclusive_replace:
        after = _COMMA_GAP.match(text, token.end)
        end = after.end() if after is not None else token.end
        if end >= len(text.rstrip()):
            return plain, None
        # "correspondence including but not limited to emails" -> "correspondence, namely
        # emails": the word that closes the list follows a comma
        before = len(text[:token.start].rstrip())
        if before and (text[before - 1].isalnum() or text[before - 1] in ")\"”’'"):
            return (before, end), ", " + rw.inclusive_replace[low] + " "
        return (token.start, end), rw.inclusive_replace[low] + " "
    if low in rw.inclusive_lists:
        stop = where.stop(token.end)
        comma = _LIST_STOP.search(text, token.end, stop)
        if comma is not None:
            stop = comma.start()
        stop = token.end + len(text[token.end:stop].rstrip())
        if stop <= token.end or not any(token.end <= t.start < stop
                                        for t in where.record_tokens):
            return plain, None
        join = low.split()[0]
        item = _LAST_ITEM.search(text, max(0, token.start - 62), token.start)
        if item is not None and same_clause(text, item.start(), token.start) and \
                len(item.group(1).split()) <= 6 and not LIST_JOIN.search(item.group(1)):
            return (item.start(), stop), f" {join} {' '.join(item.group(1).split())}"
        start = len(text[:token.start].rstrip())
        if start and text[start - 1] == ",":
            start -= 1
        return (start, stop), ""
    # a qualifier: take it out with one of the commas around it
    before = text[:token.start]
    start = len(before.rstrip())
    if start and text[start - 1] == "," and text[token.end:token.end + 1] == ",":
        return (start - 1, token.end + 1), ""
    if start and text[start - 1] == "(" and text[token.end:token.end + 1] == ")":
        return (len(text[:start - 1].rstrip()), token.end + 1), ""
    if start == 0:
        after = SPACE.match(text, token.end)
        return (0, after.end() if after is not None else token.end), ""
    return (start, token.end), ""
