"""Short descriptions of drafts for dialogs and banners ("edited yesterday")."""

from __future__ import annotations

from datetime import date, datetime

from oiadraft.model import Draft


def describe_when(updated: datetime | None, today: date) -> str:
    """ "today at 14:05", "yesterday", "3 days ago", "on 2 March 2025"."""
    if updated is None:
        return "some time ago"
    from oiadraft.periods import format_date

    day = updated.date()
    delta = (today - day).days
    if delta <= 0:
        return f"today at {updated:%H:%M}"
    if delta == 1:
        return "yesterday"
    if delta < 7:
        return f"{delta} days ago"
    return f"on {format_date(day)}"


def describe_draft(draft: Draft, today: date) -> str:
    """ "your request to MFAT about cluster munitions, 3 parts, edited yesterday" """
    who = draft.agency or "an agency not chosen yet"
    about = f" about {draft.topic}" if draft.topic else ""
    return (f"your request to {who}{about}, {part_count(len(draft.parts))}, "
            f"edited {describe_when(draft.updated, today)}")


def part_count(count: int) -> str:
    """ "no parts yet", "1 part", "7,025 parts" """
    return f"{count:,} {'part' if count == 1 else 'parts'}" if count else "no parts yet"
