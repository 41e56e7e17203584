"""The sentences a lookup is reported in: an Act's label, the way forward when the body is
unknown, and the message for each kind of resolution."""

from __future__ import annotations

from typing import TYPE_CHECKING

from oiadraft.agencies.model import AMBIGUOUS, FOUND, NOT_SUBJECT

if TYPE_CHECKING:
    from oiadraft.agencies.model import Resolution


def act_label(act: str, article: bool = False) -> str:
    """"OIA (Official Information Act 1982)" ("the OIA (...)" with `article`, as the Act's
    profile says it), or "not subject to the OIA or LGOIMA" for a body outside every Act."""
    from oiadraft.acts import get_act, official_information_acts
    from oiadraft.text import join_or

    if act == NOT_SUBJECT:
        return "not subject to " + join_or(
            [profile.short_in_text for profile in official_information_acts()])
    profile = get_act(act)
    label = f"{profile.short} ({profile.name})"
    return profile.with_article(label) if article else label


def way_forward() -> str:
    """What the user can do when the directory does not know the body."""
    from oiadraft import acts

    choices = [f"{profile.short_in_text} for {profile.covers}"
               for profile in acts.official_information_acts() if profile.covers]
    return ("You can still write to it by name and choose the Act yourself: "
            + "; ".join(choices) + "." if choices else
            "You can still write to it by name and choose the Act yourself.")


def resolution_message(resolution: Resolution) -> str:
    query = resolution.query.strip()
    if resolution.status == FOUND:
        agency = resolution.candidates[0].agency
        if not agency.is_subject:
            return f"{agency.display_name} is {act_label(NOT_SUBJECT)}. {agency.note or ''}".strip()
        text = f"{agency.display_name}: requests go under {act_label(agency.act, article=True)}."
        if agency.region:
            text += f" Working days skip {_region_day(agency.region)}."
        if agency.kind == "minister":
            text += (" A request to a Minister covers what the Minister holds in their official"
                     " capacity; the department is a separate recipient.")
        return text
    if resolution.status == AMBIGUOUS:
        names = [m.agency.display_name for m in resolution.candidates]
        if len(names) == 1:
            return f"Did you mean {names[0]}?"
        from oiadraft.text import join_or

        return f"“{query}” could be {join_or(names[:5])}. Which one?"
    closest = [m.agency.display_name for m in resolution.candidates]
    text = f"No agency in the directory matches “{query}”."
    if closest:
        text += f" Closest: {', '.join(closest)}."
    return f"{text} {way_forward()}"


def _region_day(region: str) -> str:
    from oiadraft.agencies import directory

    label = directory().regions.get(region, region)
    return label.split(" (")[0]

