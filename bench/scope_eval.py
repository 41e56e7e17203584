"""The scope analyser's evaluation data: loading, checking, the frozen hold-out and the
cross-validation folds.

The hold-out rule is fixed here, before any weight is fitted, and never changes:

* Items are grouped by request: the `request` field (the request's canonical URL; an item
  without one uses `source`), with any "#fragment" and trailing slash dropped, and FYI.org.nz
  thread addresses reduced to ``https://fyi.org.nz/request/<number>``. Every part of one
  request therefore falls on the same side, and so do follow-ups recorded under the same
  thread (``...#refinement``).
* A group is in the hold-out when the first 8 hex digits of
  ``sha256("holdout:" + group key)``, read as a number, are below 20% of 16**8 (one request
  in five, whatever order the items come in and however many are added later).
* The one exception: the request the project's own tests and examples are built on (the seed,
  FYI #28391, and MFAT's refinement of it) is never held out, because it is looked at by
  every test of the analyser; a hold-out must be data nobody tuned against.

Cross-validation uses the other groups only: grouped k-fold, groups dealt round-robin in
the order of ``sha256("fold:" + group key)``, so no request has parts on both sides of a fold.

Nothing in this module reads an outcome to decide a side.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from typing import Any

HOLDOUT_SHARE = 0.20
SEEN_GROUPS = frozenset({"https://fyi.org.nz/request/28391"})
"""Requests every analyser test looks at: never in the hold-out."""

_FYI = re.compile(r"^https?://(?:www\.)?fyi\.org\.nz\.?/request/(\d+)", re.IGNORECASE)


def group_key(item: Mapping[str, Any]) -> str:
    """The request an item belongs to (see the module docstring)."""
    raw = str(item.get("request") or item.get("source") or "").strip()
    raw = raw.split("#", 1)[0].rstrip("/")
    match = _FYI.match(raw)
    if match:
        return f"https://fyi.org.nz/request/{match.group(1)}"
    return raw


def _unit(salt: str, key: str) -> float:
    digest = hashlib.sha256(f"{salt}:{key}".encode()).hexdigest()
    return int(digest[:8], 16) / 16**8


def in_holdout(item: Mapping[str, Any]) -> bool:
    """Whether the item's request is in the frozen hold-out."""
    key = group_key(item)
    if key in SEEN_GROUPS:
        return False
    return _unit("holdout", key) < HOLDOUT_SHARE


def split_holdout(items: Iterable[Mapping[str, Any]]) -> tuple[list[Any], list[Any]]:
    """(development items, hold-out items), each in the given order."""
    development, holdout = [], []
    for item in items:
        (holdout if in_holdout(item) else development).append(item)
    return development, holdout


def folds(items: Iterable[Mapping[str, Any]], k: int = 5) -> list[int]:
    """The fold (0..k-1) of each item: whole requests dealt round-robin in hash order."""
    items = list(items)
    keys = sorted({group_key(item) for item in items}, key=lambda g: (_unit("fold", g), g))
    fold_of = {key: index % k for index, key in enumerate(keys)}
    return [fold_of[group_key(item)] for item in items]
