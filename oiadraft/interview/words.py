"""How the assistant words things: user text made inert, periods and numbers in English, and
the one-sentence reading of a part ("I read part 3 as asking for briefings, covering ...").

Every message is a template from prompts/interview.yaml filled by `oiadraft.letter.template.fill`
with values made here. User words are escaped for Markdown by `quote_user` and never put inside
a code span (where a backslash would show).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from oiadraft import mdtext
from oiadraft.acts import get_act
from oiadraft.letter.template import fill
from oiadraft.model import Period
from oiadraft.text import join_and


def quote_user(text: str, limit: int = 160) -> str:
    """User text shown inside an assistant (Markdown) message, made inert: one line, cut to
    `limit` characters, with the Markdown specials escaped so that it renders exactly as typed
    (the rendered text never shows a backslash the user did not type)."""
    text = " ".join(str(text).split())
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return mdtext.escape_line(text)


def number(value: int) -> str:
    """1000 -> "1,000" (part numbers and counts as people read them)."""
    return f"{value:,}"


def act_values(act: str) -> dict[str, Any]:
    """The Act's placeholders for `fill`: {s.grounds}, {section.x}, {n.x}, {act_name},
    {act_short}, {body_kind}, {time_limit_days}."""
    profile = get_act(act)
    return {**profile.placeholders(), "time_limit_days": profile.time_limit_days}


def say(template: str, act: str, **values: Any) -> str:
    """A message template filled with the Act's placeholders and `values`."""
    return fill(template, {**act_values(act), **values})


def period_phrase(period: Period) -> str:
    """A period as the object of "covers": "the period from 1 October 2020 to the date of this
    request", "13 September 2024", "the period from 1 October 2020, with no end date"."""
    from oiadraft.periods import format_date, format_period

    if period.start is not None and period.is_open:
        return f"the period from {format_date(period.start)}, with no end date"
    if period.start is None and not period.is_open:
        return f"the period {format_period(period)}"  # "the period up to ..."
    if period.start is not None and period.start != period.end:
        return f"the period from {format_period(period)}"  # "from X to Y"
    return format_period(period)  # one day, or "any time"


def period_length(period: Period, today: date) -> str:
    from oiadraft.periods import describe_length

    return describe_length(period, today)


def reading(assessment: Any, messages: Mapping[str, str], act: str,
            own_period: bool = False) -> str:
    """What the analyser found in a part, as the rest of "I read part 3 as ...": "asking for
    **briefings**, involving **MFAT**, about **the Convention**, covering **the period ...**",
    or "having no time frame" when that is all. Empty when nothing was found. `own_period`:
    the period was given for this part alone (the analyser sees it as the request's)."""
    features = getattr(assessment, "features", None) or {}
    asked = features.get("question")
    # a question asks what it says: the records and subject it names are what it is about
    records = [] if asked else [f"**{quote_user(r)}**" for r in features.get("record_types") or []]
    parties = [f"**{quote_user(p)}**" for p in features.get("parties") or []]
    topic = None if asked else features.get("topic")
    pieces: list[str] = []
    if asked:
        pieces.append(say(messages["extract_question"], act, question=quote_user(asked)))
    if records:
        pieces.append(say(messages["extract_records"], act, records=join_and(records)))
    if parties:
        pieces.append(say(messages["extract_parties"], act, parties=join_and(parties)))
    if topic:
        key = "extract_topic" if pieces else "extract_topic_lead"
        pieces.append(say(messages[key], act, topic=f"**{quote_user(topic)}**"))
    period = getattr(assessment, "period", None)
    source = getattr(assessment, "period_source", None)
    if period is not None:
        key = "extract_period_request" if source == "request" and not own_period \
            else "extract_period"
        pieces.append(say(messages[key], act, period=f"**{period_phrase(period)}**"))
    elif said := {f.rule: f.quote for f in getattr(assessment, "findings", ())
                  if f.rule in ("open-period", "unclear-period")}:
        key = "extract_all_time" if "open-period" in said else "extract_unclear_period"
        quote = " ".join(said.get("open-period", said.get("unclear-period", "")).split())
        pieces.append(say(messages[key], act, quote=quote_user(quote)))
    elif source == "none":
        key = "extract_no_period" if pieces else "extract_no_period_lead"
        pieces.append(say(messages[key], act))
    return ", ".join(pieces)


def number_list(numbers: list[int], limit: int = 30) -> str:
    """[1, 2, 3] -> "1, 2 and 3"; long lists end "... and 12 more"."""
    shown = [number(n) for n in numbers[:limit]]
    if len(numbers) > limit:
        return ", ".join(shown) + f" and {number(len(numbers) - limit)} more"
    return join_and(shown)


def parts_phrase(numbers: list[int]) -> str:
    """[3] -> "part 3"; [1, 3] -> "parts 1 and 3"."""
    if len(numbers) == 1:
        return f"part {number(numbers[0])}"
    return "parts " + number_list(numbers)


def describe_extraction(assessment: Any, act: str | None = None) -> str:
    """`reading` with the shipped script's words (for callers outside a conversation); the
    Act is the default one unless given."""
    from oiadraft.acts import default_act
    from oiadraft.interview.script import builtin_script

    return reading(assessment, builtin_script().messages, act or default_act().key)
