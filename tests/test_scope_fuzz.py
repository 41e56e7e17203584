"""Property tests: the splitter and the analyser never raise, keep every span inside the text,
and give the same output for the same input."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st
from property_budget import examples

from oiadraft import scope
from oiadraft.letter.splitter import split_request

TODAY = date(2024, 9, 13)
CONTEXT = scope.Context(today=TODAY)

# text built from the words the rules care about, markers and odd characters
WORDS = ["all", "any", "emails", "correspondence", "corespondence", "staf", "any official",
         "relating to", "mention of", "since October 2020", "from 1 March 2024 to 31 May 2024",
         "the dates of", "copies of", "briefings", "1.", "2)", "(a)", "(iv)", "-", "•",
         "Dear Sir,", "Ngā mihi", "section 16", "urgent", "why did", "my file", "and/or",
         "including but not limited to", "\n", "\n\n", "  ", ".", ",", "İ", "ß", "\u200b",
         "Tēnā koe", "All timeframes are from 1 October 2020 to 13 September 2024."]
request_text = st.one_of(
    st.text(max_size=400),
    st.lists(st.sampled_from(WORDS), max_size=60).map(" ".join),
    st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=12)), max_size=40).map("".join),
)


@settings(max_examples=examples(300), deadline=None)
@given(request_text)
def test_splitter_never_raises_and_spans_are_inside(text):
    split = split_request(text, today=TODAY)
    for part in split.parts:
        start, end = part.span
        assert 0 <= start <= end <= len(text)
        assert text[start:end] == part.text
        assert part.text.strip()
    if split.request_period is not None:
        assert 0 <= split.request_period.start <= split.request_period.end <= len(text)
    assert split_request(text, today=TODAY) == split


@settings(max_examples=examples(300), deadline=None)
@given(request_text)
def test_assess_never_raises_and_spans_are_inside(text):
    result = scope.assess(text, CONTEXT)
    assert result.risk in ("low", "medium", "high")
    assert 0.0 <= result.likelihood <= 1.0
    if result.risk == "low":  # one story: a low part carries tips only
        assert all(f.severity == "info" for f in result.findings)
    for finding in result.findings:
        start, end = finding.span
        assert 0 <= start <= end <= len(text)
        assert text[start:end] == finding.quote
        assert finding.severity in ("info", "warning", "danger")
        first, last = finding.target  # holds the quoted words
        assert 0 <= first <= start <= end <= last <= len(text)
        if finding.replacement is not None:
            assert set(finding.placeholders) == set(scope.PLACEHOLDER.findall(
                finding.replacement))
    if result.period_span is not None:
        assert 0 <= result.period_span[0] <= result.period_span[1] <= len(text)
    assert scope.assess(text, CONTEXT) == result


@settings(max_examples=examples(100), deadline=None)
@given(request_text)
def test_assess_request_never_raises(text):
    request = scope.assess_request(split_request(text, today=TODAY), CONTEXT)
    assert request.risk in ("low", "medium", "high")
    assert len(request.parts) == len(request.numbers)
    assert scope.assess_request(split_request(text, today=TODAY), CONTEXT) == request


@settings(max_examples=examples(150), deadline=None)
@given(request_text, st.dictionaries(st.text(min_size=1, max_size=20), st.text(max_size=20)))
def test_apply_suggestion_either_rewrites_or_raises_a_clear_error(text, fills):
    for finding in scope.assess(text, CONTEXT).findings:
        try:
            rewritten = scope.apply_suggestion(text, finding, fills)
        except scope.SuggestionError:
            continue
        start, end = finding.target  # the replaced stretch holds the quoted words
        assert start <= finding.span[0] <= finding.span[1] <= end
        assert rewritten.startswith(text[:start])
        assert rewritten.endswith(text[end:])


@settings(max_examples=examples(150), deadline=None)
@given(request_text)
def test_split_dates_then_copies_never_raises(text):
    pair = scope.split_dates_then_copies(text)
    assert pair is None or all(isinstance(p, str) and p for p in pair)
