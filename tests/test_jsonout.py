"""`oiadraft.jsonout.dumps` writes exactly what `json.dumps(value, ensure_ascii=False,
indent=2)` writes, for any JSON value and for a real `check` report, and leaves what it does not
know (other types, loops, non-string keys) to `json` itself, errors included."""

from __future__ import annotations

import json
import math
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from property_budget import examples

from oiadraft import jsonout
from oiadraft.commands import check

DATA = Path(__file__).parent / "data"


def standard(value):
    return json.dumps(value, ensure_ascii=False, indent=2)


scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=20),
    st.sampled_from(["", "\"", "\\", "\n", "\u2028", "ā", "😀", "\x00", "{[,:]}"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=5),
                            st.lists(inner, max_size=4).map(tuple),
                            st.dictionaries(st.text(max_size=8), inner, max_size=5)),
    max_leaves=40,
)


@settings(max_examples=examples(500), deadline=None)
@given(values)
def test_the_same_text_as_json(value):
    assert jsonout.dumps(value) == standard(value)


def test_the_same_text_for_a_real_report():
    text = (DATA / "seed_request.txt").read_text(encoding="utf-8")
    report = check.report_json(check.check_text(text, today=date(2024, 9, 13)))
    assert report["parts"] and report["parts"][0]["findings"]
    assert jsonout.dumps(report) == standard(report)


class Odd(int):
    pass


@pytest.mark.parametrize("value", [
    {1: "a", None: 2, 1.5: [3]}, [Odd(3)], {"a": [math.inf, -math.inf, math.nan, -0.0]},
    {"x": {"y": Odd(1)}}, [True, False, 0, 1.0],
])
def test_what_it_leaves_to_json_still_comes_out_the_same(value):
    assert jsonout.dumps(value) == standard(value)


def test_errors_are_jsons():
    loop: list = []
    loop.append(loop)
    with pytest.raises(ValueError, match="Circular reference"):
        jsonout.dumps(loop)
    with pytest.raises(TypeError, match="not JSON serializable"):
        jsonout.dumps({"when": date(2024, 1, 1)})


@settings(max_examples=examples(200), deadline=None)
@given(values, st.integers(min_value=0, max_value=4))
def test_nested_text_at_a_depth(value, depth):
    """`dumps(value, depth)` is the value's text as it reads that deep inside another."""
    assert jsonout.dumps(value, depth) == standard(value).replace("\n", "\n" + "  " * depth)


@settings(max_examples=examples(200), deadline=None)
@given(st.lists(values, max_size=6), st.dictionaries(st.text(max_size=8), values, max_size=3))
def test_encoded_items_read_as_written_in_place(items, other):
    """Items written already for their depth (`Encoded`) give the text of the whole."""
    whole = {**other, "items": items}
    written = {**other, "items": [jsonout.Encoded(jsonout.dumps(item, 2)) for item in items]}
    assert jsonout.dumps(written) == standard(whole)


def test_encoded_is_refused_by_json_itself():
    with pytest.raises(TypeError):
        jsonout.dumps({1: jsonout.Encoded("1")})  # a number key: left to json.dumps, which fails


@settings(max_examples=examples(200), deadline=None)
@given(st.lists(st.one_of(values, st.just({1: "a number key"}), st.just(math.nan)), max_size=6),
       st.integers(min_value=0, max_value=3))
def test_each_value_written_as_on_its_own(items, depth):
    """`dumps_each` shares its caches between values, never their text (an item left to
    `json` among them included)."""
    assert jsonout.dumps_each(items, depth) == [jsonout.dumps(item, depth) for item in items]


def test_the_report_text_with_parts_written_apart():
    text = (DATA / "seed_request.txt").read_text(encoding="utf-8")
    report = check.check_text(text, today=date(2024, 9, 13))
    assert report["written"] is None
    assert check.report_json_text(report) == standard(check.report_json(report))


def test_the_report_text_with_parts_written_as_assessed():
    """A part assessed again once the whole request is known (it takes the period of the
    part it refers to) is written again: the text is the whole report's, written at once."""
    text = (DATA / "seed_request.txt").read_text(encoding="utf-8")
    report = check.check_text(text, today=date(2024, 9, 13), json_parts=True)
    assessed, texts = report["written"]
    parts = report["assessment"].parts
    assert len(texts) == len(parts)
    assert any(part is not first for part, first in zip(parts, assessed, strict=True))
    assert check.report_json_text(report) == standard(check.report_json(report))


def _eval_parts():
    from oiadraft import scope, yamlio

    items = yamlio.load_file(DATA / "scope_eval.yaml")["items"]
    context = scope.Context(today=date(2024, 9, 13))
    return [scope.assess(item["text"], context) for item in items]


def test_the_parts_written_from_their_values_read_as_their_dicts_do():
    """`check` writes each part's JSON from its values (`_parts_texts`), not from the dict
    `_part_json` makes: the text is the same for every part of the evaluation set, findings
    repeated across parts included."""
    parts = _eval_parts()
    parts = parts + parts[:50]  # the same findings again: written once, read back
    numbers = [f"{n}a" if n % 7 == 0 else str(n) for n in range(1, len(parts) + 1)]
    assert sum(len(part.findings) for part in parts) > 1000
    texts = check._parts_texts(numbers, parts)
    assert texts == [standard(check._part_json(number, part)).replace("\n", "\n    ")
                     for number, part in zip(numbers, parts, strict=True)]


class Text(str):
    pass


def test_a_part_with_values_of_other_types_is_left_to_json():
    """A value of another type than the contract's (an int subclass, a tuple where a string
    goes, an unhashable span) gives the standard library's text for its part, or its error."""
    from dataclasses import replace

    part = _eval_parts()[0]
    finding = part.findings[0]
    odd = [replace(part, score=Odd(2)), replace(part, risk=Text("high")),
           replace(part, findings=(replace(finding, span=[1, 2]),)),
           replace(part, findings=(replace(finding, message=("a", "b")),)), part]
    texts = check._parts_texts(["1", "2", "3", "4", "5"], odd)
    assert texts == [standard(check._part_json(str(n), one)).replace("\n", "\n    ")
                     for n, one in enumerate(odd, 1)]
    with pytest.raises(TypeError, match="not JSON serializable"):
        check._parts_texts(["1"], [replace(part, score=date(2024, 1, 1))])


def test_findings_equal_as_values_but_written_differently_are_each_written_as_they_are():
    """0.0 and -0.0, 2 and 2.0 are equal (so equal findings), but JSON writes them apart: a
    finding written once is not read back for another that only equals it."""
    from dataclasses import replace

    part = _eval_parts()[0]
    finding = part.findings[0]
    odd = [replace(part, findings=(replace(finding, contribution=value),))
           for value in (0.0, -0.0, 2.0, 2, 2.0, -0.0)]
    texts = check._parts_texts([str(n) for n in range(1, 7)], odd)
    assert texts == [standard(check._part_json(str(n), one)).replace("\n", "\n    ")
                     for n, one in enumerate(odd, 1)]
    assert '"contribution": -0.0' in texts[1] and '"contribution": 2\n' in texts[3]
