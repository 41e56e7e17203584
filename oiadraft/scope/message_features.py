"""The signals about messages asked for (see `oiadraft.scope.features` for how a feature
works): "all" before them, whether both sides are named, and how many kinds of message system
they reach."""

from __future__ import annotations

from typing import Any

from oiadraft.scope.features import Hit, PartView, Value, feature
from oiadraft.scope.matching import BREAK
from oiadraft.scope.rewrites.clause import Where, clause_after, two_sided
from oiadraft.scope.schema import SignalRule
from oiadraft.scope.spans import extend_list


@feature("all-communications", needs=("communications",))
def _all_communications(view: PartView, rule: SignalRule) -> Value | None:
    comms = view.words("communications")
    found = view.comms_all
    if found is None or view.words("cross_reference"):
        return None  # "all communications falling within 1 and 2 above" are already bounded
    quant, comm = found
    end = extend_list(view.text, comm.end, comms)
    # "All emails between the High Commissioner and MFAT staff": only the "all" is left to drop
    named = bool(rule.named) and _sides_named(view, end)
    return 1.0, [Hit(rule.id, (quant.start, end), rewrite="communications",
                     variant="named" if named else None)]


_HOLDERS_READ = 3
"""How many "between"/"from"/"with" ... after the messages word are read for both sides: a
part naming whose messages does so at the first or second of them, and reading each costs a
pass over the rest of the part (a megabyte pasted as one paragraph has thousands)."""


@feature("communications", needs=("communications",))
def _communications(view: PartView, rule: SignalRule) -> Value | None:
    """Messages asked for without both sides named; "all"/"any" before them is what
    all-communications adds on top (the two were once exclusive, so the fit could only say
    "any correspondence" was less likely refused than "correspondence")."""
    comms = view.words("communications")
    if not comms or view.words("cross_reference"):
        return None
    if _sides_named(view, extend_list(view.text, comms[0].end, comms)):
        # "emails between the Rates team and KiwiRail" is what this rule asks for, and so is
        # "emails about the stadium between the Minister and the CEO"
        return None
    return 1.0, [Hit(rule.id, (comms[0].start, comms[0].end))]


def _sides_named(view: PartView, end: int) -> bool:
    """Whether the messages whose words end at `end` name both sides, right after them or at
    one of the next few "between"/"from"/"with" (worked out once for the part)."""
    known = view.sides_named.get(end)
    if known is None:
        where = Where(view.text, view.tokens, view.period_span, view.rules)
        later = [t for t in view.words("holders") if t.start > end][:_HOLDERS_READ]
        ends = [end, *(len(view.text[:t.start].rstrip()) for t in later)]
        view.sides_named[end] = known = any(two_sided(where, at) for at in ends) or \
            _sides_apart(where, ends)
    return known


def _sides_apart(where: Where, ends: list[int]) -> bool:
    """Whether the two sides are named in clauses of their own, the subject between them:
    "received by Ministry of Education staff regarding the priorities from the Minister"."""
    clauses = [clause_after(where, at) for at in ends]
    return any(c.form == "by" and c.verb == "received" and _named_side(c.first)
               and c.second is None for c in clauses) and \
        any(c.form == "from" and _named_side(c.first) for c in clauses)


def _named_side(side: Any) -> bool:
    return side is not None and not side.open and side.end > 0


def _channel(word: str, channels: tuple[str, ...]) -> str:
    low = " ".join(word.lower().split())
    return next((stem for stem in channels if stem in low), low)


@feature("many-channels", needs=("communications",))
def _many_channels(view: PartView, rule: SignalRule) -> Value | None:
    comms = view.words("communications")
    channels = {_channel(t.text, view.rules.channels) for t in comms}
    rw = view.rules.rewrites
    if rw is not None and channels - rw.vague:
        # "correspondence, namely emails and letters": the word for every message is what
        # the kinds named beside it are, not one more system to search
        channels -= rw.vague
    if len(channels) < 3:
        return None
    return 1.0, [Hit(rule.id, (comms[0].start, _bracket_closed(view.text, comms[0].start,
                                                               comms[-1].end)),
                     fmt={"count": len(channels)})]


_CLOSE = 160
"""How far past the quoted words a bracket they open may close to be quoted with them."""


def _bracket_closed(text: str, start: int, end: int) -> int:
    """`end`, or past the ")" that closes a bracket opened in text[start:end] ("correspondence
    (emails, meeting minutes, phone logs, or memoranda)"), when it closes in the same
    sentence a little further on: a quote never leaves a bracket open."""
    if text.count("(", start, end) <= text.count(")", start, end):
        return end
    close = text.find(")", end, end + _CLOSE)
    if close == -1 or "(" in text[end:close] or BREAK.search(text, end, close):
        return end
    return close + 1
