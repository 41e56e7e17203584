"""The evaluation set: one file holding every shard's items, checked, with the hold-out and the
cross-validation folds fixed by request (never by outcome)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _module():
    spec = importlib.util.spec_from_file_location("scope_eval", REPO / "bench" / "scope_eval.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


EVAL = _module()


def test_the_evaluation_file_holds_checked_shard_items_only():
    # the file is written by bench/scope_eval.py from the shards; a shard may have grown since
    # (run the script again), but nothing in the file may differ from its shard or be made up
    items, problems = EVAL.merged_items()
    assert problems == []
    in_shards = {item["id"]: item for item in items}
    current = EVAL.load_items()
    assert EVAL.check(current) == []
    for item in current:
        shard_item = in_shards.get(item["id"])
        assert shard_item is not None, item["id"]
        assert {k: str(v) for k, v in item.items()} == \
            {k: str(v) for k, v in shard_item.items()}, item["id"]


def test_the_set_is_real_and_big_enough():
    items = EVAL.load_items()
    assert len({EVAL.group_key(i) for i in items}) >= 150
    assert len(items) >= 300
    assert len([i for i in items if str(i["id"]).startswith("seed-")]) == 13
    assert len([i for i in items if str(i["id"]).startswith("refined-")]) == 5
    assert all(str(i["source"]).startswith(("https://", "http://")) for i in items)


def test_check_finds_each_kind_of_problem():
    good = {"id": "x-1", "request": "https://example.org/r/1", "source": "https://example.org/r/1",
            "part": "1", "parts_in_request": 2, "text": "All emails.", "wording": "quoted",
            "agency": "A", "agency_kind": "ministry", "act": "oia",
            "record_kind": "communications", "outcome": "answered"}
    assert EVAL.check([good]) == []
    problems = EVAL.check([
        good,
        {**good, "outcome": "maybe"},                        # unknown outcome, repeated id
        {**good, "id": "x-2", "part": "2", "act": "lgoima"},  # disagrees with its request
        {**good, "id": "x-3", "part": "3", "text": ""},       # missing text, one part too many
        {**good, "id": "x-4", "request": "https://example.org/r/2", "colour": "red"},
    ])
    joined = "\n".join(problems)
    for words in ("outcome 'maybe'", "id repeats", "differ from another part", "missing text",
                  "4 parts recorded", "part '1' of https://example.org/r/1 is recorded twice",
                  "unknown field colour"):
        assert words in joined, words


def test_holdout_and_folds_keep_every_part_of_a_request_together():
    items = EVAL.load_items()
    folds = EVAL.folds(items, 5)
    side: dict[str, tuple[bool, int]] = {}
    for item, fold in zip(items, folds, strict=True):
        key = EVAL.group_key(item)
        assert side.setdefault(key, (EVAL.in_holdout(item), fold)) == (EVAL.in_holdout(item), fold)
    assert sorted(set(folds)) == [0, 1, 2, 3, 4]
    groups = {EVAL.group_key(i) for i in items}
    held = {EVAL.group_key(i) for i in items if EVAL.in_holdout(i)}
    assert 0.10 <= len(held) / len(groups) <= 0.30
    assert "https://fyi.org.nz/request/28391" not in held


def test_another_fold_seed_deals_the_same_requests_otherwise_and_keeps_them_whole():
    items = EVAL.load_items()
    shipped, other = EVAL.folds(items, 5), EVAL.folds(items, 5, seed=3)
    assert EVAL.folds(items, 5, seed=0) == shipped
    assert other != shipped
    fold_of: dict[str, int] = {}
    for item, fold in zip(items, other, strict=True):
        assert fold_of.setdefault(EVAL.group_key(item), fold) == fold
    positive_requests = {EVAL.group_key(i) for i in items if EVAL.is_positive(i)}
    per_fold = [sum(1 for key in positive_requests if fold_of[key] == f) for f in range(5)]
    assert max(per_fold) - min(per_fold) <= 1  # positives dealt evenly on every seed


def test_group_keys_ignore_the_form_of_an_fyi_address():
    key = EVAL.group_key
    assert key({"request": "https://fyi.org.nz./request/16869-some-title"}) == \
        key({"request": "https://fyi.org.nz/request/16869/"}) == \
        key({"source": "http://www.fyi.org.nz/request/16869/response/1/attach/x.pdf.html"})
    assert key({"request": "https://fyi.org.nz/request/28391#refinement"}) == \
        "https://fyi.org.nz/request/28391"
