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
the order of ``sha256("fold:" + group key)`` (requests with a positive part and those without
dealt separately, so folds have like shares of positives), so no request has parts on both
sides of a fold.

Nothing in this module reads an outcome to decide the hold-out.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from typing import Any

HOLDOUT_SHARE = 0.20
POSITIVE = frozenset({"refused_18f", "refine_requested"})
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


def folds(items: Iterable[Mapping[str, Any]], k: int = 5, seed: int = 0) -> list[int]:
    """The fold (0..k-1) of each item: whole requests dealt round-robin in hash order, those
    with a refused or refine-requested part and those without dealt separately, so that every
    fold has about the same share of positives (with few requests, folds that differ in that
    share make pooled figures look worse than the model is). `seed` 0 is the shipped split;
    another seed deals the same requests in another hash order (``sha256("fold<seed>:" +
    group key)``), to see how much a figure owes to one split."""
    items = list(items)
    positive: dict[str, bool] = {}
    for item in items:
        key = group_key(item)
        positive[key] = positive.get(key, False) or item.get("outcome") in POSITIVE
    fold_of: dict[str, int] = {}
    start = 0
    salt = "fold" if seed == 0 else f"fold{seed}"
    for side in (True, False):
        keys = sorted((g for g, p in positive.items() if p is side),
                      key=lambda g: (_unit(salt, g), g))
        for index, key in enumerate(keys):
            fold_of[key] = (start + index) % k
        start = (start + len(keys)) % k
    return [fold_of[group_key(item)] for item in items]


# --------------------------------------------------------------------------------------------
# Loading, checking and merging

import sys  # noqa: E402
from datetime import date  # noqa: E402
from pathlib import Path  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from oiadraft import yamlio  # noqa: E402

EVAL_FILE = REPO / "tests" / "data" / "scope_eval.yaml"
SHARDS = REPO / "tests" / "data" / "eval_shards"
OUTCOMES = frozenset({"refused_18f", "refine_requested", "answered"})
FIELDS = ("id", "request", "source", "part", "parts_in_request", "text", "wording", "agency",
          "agency_kind", "act", "record_kind", "date", "request_period", "lead_in", "outcome", "detail")
REQUIRED = ("id", "source", "part", "parts_in_request", "text", "wording", "agency",
            "agency_kind", "act", "record_kind", "outcome")
CHOICES = {
    "wording": {"quoted", "summary"},
    "agency_kind": {"ministry", "minister", "council", "crown_entity", "police", "other"},
    "act": {"oia", "lgoima"},
    "record_kind": {"documents", "communications", "statistics", "mixed"},
    "outcome": OUTCOMES,
}
# Items whose source gives no request date (Ombudsman case notes) are read as at this day;
# their periods are closed or absent, so the day only matters for "the past year" and the like.
DEFAULT_TODAY = date(2024, 1, 1)


def item_date(item: Mapping[str, Any]) -> date:
    """The day the request was made (`DEFAULT_TODAY` when the source does not say)."""
    value = item.get("date")
    if isinstance(value, date):
        return value
    if value:
        return date.fromisoformat(str(value))
    return DEFAULT_TODAY


def is_positive(item: Mapping[str, Any]) -> bool:
    return item["outcome"] in POSITIVE


def check(items: list[Mapping[str, Any]], where: str = "") -> list[str]:
    """Every problem with a list of items: missing or unknown fields and values, repeated ids,
    parts of one request that disagree, one request in two places. Empty when all is well."""
    problems: list[str] = []
    seen: dict[str, int] = {}
    requests: dict[str, dict[str, Any]] = {}
    for index, item in enumerate(items):
        name = f"{where}item {index + 1} ({item.get('id', '?')})"
        if not isinstance(item, Mapping):
            problems.append(f"{name}: not a mapping")
            continue
        for key in REQUIRED:
            if key not in item or item[key] is None or (key != "part" and item[key] == ""):
                problems.append(f"{name}: missing {key}")
        for key in item:
            if key not in FIELDS:
                problems.append(f"{name}: unknown field {key}")
        for key, allowed in CHOICES.items():
            if item.get(key) is not None and item[key] not in allowed:
                problems.append(f"{name}: {key} {item[key]!r} is not one of {sorted(allowed)}")
        if not isinstance(item.get("parts_in_request"), int) or item["parts_in_request"] < 1:
            problems.append(f"{name}: parts_in_request must be a whole number >= 1")
        if item.get("date") is not None:
            try:
                item_date(item)
            except ValueError:
                problems.append(f"{name}: date {item['date']!r} is not YYYY-MM-DD")
        ident = str(item.get("id"))
        if ident in seen:
            problems.append(f"{name}: id repeats item {seen[ident] + 1}")
        seen.setdefault(ident, index)
        request = str(item.get("request") or item.get("source"))
        group = requests.setdefault(request, {"parts": set(), "facts": None, "count": 0})
        facts = (item.get("parts_in_request"), item.get("agency"), item.get("act"))
        if group["facts"] is None:
            group["facts"] = facts
        elif group["facts"] != facts:
            problems.append(f"{name}: parts_in_request, agency or act differ from another part "
                            f"of {request}")
        part = str(item.get("part", ""))
        if part in group["parts"]:
            problems.append(f"{name}: part {part!r} of {request} is recorded twice")
        group["parts"].add(part)
        group["count"] += 1
    for request, group in requests.items():
        if group["facts"] and isinstance(group["facts"][0], int) \
                and group["count"] > group["facts"][0]:
            problems.append(f"{where}{request}: {group['count']} parts recorded but "
                            f"parts_in_request is {group['facts'][0]}")
    return problems


def load_items(path: Path = EVAL_FILE) -> list[dict[str, Any]]:
    """The items of an evaluation file, as plain dicts."""
    data = yamlio.load_file(path, str(path.relative_to(REPO)) if path.is_relative_to(REPO)
                            else str(path))
    return [dict(item) for item in data["items"]]


def shard_files() -> list[Path]:
    """The shards, the first evaluation items first."""
    return sorted(SHARDS.glob("*.yaml"), key=lambda p: (p.name != "base.yaml", p.name))


def merged_items() -> tuple[list[dict[str, Any]], list[str]]:
    """Every shard's items in one list, and every problem found (one request in two shards
    counts as a problem: the same evidence must not be counted twice)."""
    items: list[dict[str, Any]] = []
    problems: list[str] = []
    owner: dict[str, str] = {}
    for path in shard_files():
        mine = load_items(path)
        problems.extend(check(mine, f"{path.name}: "))
        for item in mine:
            key = group_key(item)
            if owner.setdefault(key, path.name) != path.name:
                problems.append(f"{path.name}: {item['id']}: request {key} is also in "
                                f"{owner[key]}")
        items.extend(mine)
    problems.extend(check(items, "merged: "))
    return items, problems


HEADER = """\
# The scope analyser's evaluation set: real request parts and what the agency did with each.
# Written by `bench/scope_eval.py` from the shards in tests/data/eval_shards/ (edit those, then
# run it again); tests/test_scope_eval.py checks this file is their merge.
# Labels, fields and sources: see each shard's header. Positive = refused_18f or
# refine_requested. The hold-out (one request in five, by a hash of the request's URL) and the
# cross-validation folds are defined in bench/scope_eval.py.
#
"""


def summary(items: list[Mapping[str, Any]]) -> list[str]:
    """Counts for the header and the report."""
    from collections import Counter

    lines = [f"{len({group_key(i) for i in items})} requests, {len(items)} parts; "
             f"{sum(is_positive(i) for i in items)} positive"]
    for key in ("outcome", "agency_kind", "record_kind", "act", "wording"):
        counts = Counter(str(i.get(key)) for i in items)
        lines.append(f"  {key}: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    agencies = Counter(str(i["agency"]) for i in items)
    top, most = agencies.most_common(1)[0]
    lines.append(f"  {len(agencies)} agencies; the largest, {top}, has {most} parts "
                 f"({most / len(items):.0%})")
    development, holdout = split_holdout(items)
    lines.append(f"  development {len({group_key(i) for i in development})} requests / "
                 f"{len(development)} parts; hold-out {len({group_key(i) for i in holdout})} "
                 f"requests / {len(holdout)} parts")
    return lines


def render(items: list[dict[str, Any]]) -> str:
    ordered = [{key: item[key] for key in FIELDS if key in item} for item in items]
    for item in ordered:
        if isinstance(item.get("date"), date):
            item["date"] = item["date"].isoformat()
    counts = "".join(f"# {line}\n" for line in summary(items))
    return HEADER + counts + yamlio.dump({"version": 1, "items": ordered})


def main(argv: list[str] | None = None) -> int:
    import argparse

    from oiadraft.fsutil import atomic_write_text

    parser = argparse.ArgumentParser(description="Merge and check the evaluation shards.")
    parser.add_argument("--check", action="store_true",
                        help="only check that the evaluation file is the shards' merge")
    args = parser.parse_args(argv)
    items, problems = merged_items()
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        return 1
    text = render(items)
    if args.check:
        current = EVAL_FILE.read_text(encoding="utf-8") if EVAL_FILE.exists() else ""
        if current != text:
            print(f"{EVAL_FILE.name} is not the merge of the shards: run bench/scope_eval.py",
                  file=sys.stderr)
            return 1
    else:
        atomic_write_text(EVAL_FILE, text, mode=0o644)
    for line in summary(items):
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
