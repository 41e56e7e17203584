"""The one place that asks the system for today's date.

`OIADRAFT_TODAY=2024-09-13` pins it (tests, snapshots, reproducible walkthroughs).
"""

from __future__ import annotations

import os
from datetime import date, datetime


def today() -> date:
    """Today in the user's local time, or the date pinned by OIADRAFT_TODAY."""
    pinned = os.environ.get("OIADRAFT_TODAY")
    if pinned:
        return date.fromisoformat(pinned)
    return date.today()


def now() -> datetime:
    """A timezone-aware timestamp for draft metadata."""
    return datetime.now().astimezone().replace(microsecond=0)
