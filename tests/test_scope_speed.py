"""The fast paths of the scope analyser, the splitter and the period finder find exactly what
the plain (slow) way finds: each is checked against a reference written the plain way, on the
development part of the evaluation set, the seed and generated text. Also: the latency bench
clears every cache. (How fast they are is printed by bench/, not asserted here.)"""

from __future__ import annotations

import importlib.util
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from property_budget import examples
from rapidfuzz import fuzz, process

from oiadraft import periods, scope
from oiadraft.letter import splitter
from oiadraft.periods import PeriodMatch
from oiadraft.scope import matching, patterns, request
from oiadraft.text import fold_case

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data"
TODAY = date(2024, 9, 13)


def _vocabulary_words() -> list[str]:
    text = (REPO / "oiadraft" / "data" / "scope_rules.yaml").read_text(encoding="utf-8")
    return sorted(set(re.findall(r"[A-Za-zĀ-ž'/-]+", text)))[:600]


WORDS = [
    *_vocabulary_words(),
    "any MFAT official", "all corespondence", "any staf", "e-mails", "[12-Jan-24]",
    "meetings held on 5 May 2024", "falling within 1 and 2 above", "İstanbul", "ſtaff", "K",
    "Pōneke", "since October 2020", "from 1 March 2024 to 31 May 2024", "the last 2 years",
    "FY2022/23", "2022-23", "1.5", "21(2)", "\n", "\n\n", ",", ".", "(a)", "URGENT",
    "Timeframe: 2023", "for all parts", "unless stated", "The period: 2022", "PERİOD:",
]
texts = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(WORDS), max_size=50).map(" ".join),
    st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=8)), max_size=40).map("".join),
)


def _real_texts() -> list[str]:
    spec = importlib.util.spec_from_file_location("scope_eval", REPO / "bench" / "scope_eval.py")
    evaluation = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(evaluation)
    items, _ = evaluation.split_holdout(evaluation.load_items())  # never the hold-out
    found = [str(item["text"]) for item in items]
    for name in ("seed_request.txt", "mfat_refined.txt"):
        found.append((DATA / name).read_text(encoding="utf-8"))
    return found


REAL = _real_texts()


# ---- the vocabulary scan ------------------------------------------------------------------

def _scan_plain(text: str, rules: scope.Rules) -> list[tuple[str, int, int]]:
    """One big case-blind pattern over the whole text (no dispatch)."""
    return [(rules.group_kinds[m.lastgroup], m.start(), m.end())
            for m in rules.master().finditer(text)]


def _kinds_and_places(found):
    return [(token.kind, token.start, token.end) for token in found]


def test_every_first_word_has_its_vocabulary():
    rules = scope.load_rules()
    assert {"any", "all", "correspondence", "the", "[", "listed", "meeting"} <= set(
        rules.dispatch)


def test_word_dispatch_matches_the_whole_pattern_on_real_requests():
    rules = scope.load_rules()
    for text in REAL:
        assert _kinds_and_places(matching._scan(text, rules)) == _scan_plain(text, rules)


@settings(max_examples=examples(400), deadline=None)
@given(texts)
def test_word_dispatch_matches_the_whole_pattern(text):
    rules = scope.load_rules()
    found = matching._scan(text, rules)
    assert _kinds_and_places(found) == _scan_plain(text, rules)
    assert all(token.text == text[token.start:token.end] for token in found)


def test_dispatch_patterns_are_compiled_when_first_needed_and_read_as_every_word():
    sources = {"all": r"(?<!\w)(?:(?P<q>all))", "any": r"(?<!\w)(?:(?P<q>any))"}
    dispatch = patterns.Dispatch(dict(sources))
    assert set(dispatch) == {"all", "any"} and len(dispatch) == 2 and "any" in dispatch
    assert dict.__len__(dispatch) == 0  # nothing compiled yet
    assert dispatch["any"].match("any staff").group("q") == "any"
    assert dict.__len__(dispatch) == 1 and dispatch["any"] is dispatch["any"]
    assert dispatch.get("none") is None and "none" not in dispatch
    with pytest.raises(KeyError):
        dispatch["none"]
    assert [word for word, _ in dispatch.items()] == ["all", "any"]
    assert [p.pattern for p in dispatch.values()] == list(sources.values())


def test_dispatch_works_out_a_words_pattern_from_its_pieces_when_first_needed():
    phrases = patterns.Piece(frozenset({"all"}), None, ("all", "all staff", "All  the staff"))
    pattern = patterns.pattern_piece(["all"], r"\s+emails?")
    dispatch = patterns.Dispatch({"all": (("q", (phrases,)), ("e", (pattern,)))})
    assert dict.__len__(dispatch) == 0
    assert dispatch["all"].match("all the staff").group("q") == "all the staff"
    assert dispatch["all"].match("all staffing").group("q") == "all"
    assert dispatch["all"].match("all emails").lastgroup == "q"  # the first kind wins
    assert dict.__len__(dispatch) == 1
    master = re.compile(patterns.master_source((("q", (phrases,)), ("e", (pattern,)))))
    assert master.match("all staff").group("q") == "all staff"


@pytest.mark.parametrize("lead,rest,text,found", [
    (["brief", "briefing"], " (?:for|titled)", "the briefing titled X", "briefing titled"),
    (["meeting", "meetings"], " held", "minutes of meetings held", "meetings held"),
    (["["], r"\s*\d{1,2}-[a-z]{3}", "see [30-apr-22]", "[30-apr"),
])
def test_a_pattern_begins_with_its_lead_words_only(lead, rest, text, found):
    piece = patterns.pattern_piece(lead, rest)
    assert piece.first == frozenset(lead)
    match = re.search(piece.source, text)
    assert match is not None and match.group(0) == found
    # a lead word is a whole word: "meetingsroom held" is not "meetings held"
    if lead[0][0].isalpha():
        assert re.search(piece.source, lead[0] + "x" + rest.replace("\\", "")) is None


# ---- features not worked out when the words they need are absent -------------------------

def _gated_features_absent(text: str) -> None:
    from oiadraft.scope import features

    rules = scope.load_rules()
    context = scope.Context(today=TODAY, parts=3)
    view = features.PartView(text, context, rules, matching.tokens(text, rules),
                             *periods.first_period(text, TODAY))
    for name, needs in features.NEEDS.items():
        if needs and view.by_kind.keys().isdisjoint(needs):
            assert features.FEATURES[name](view, rules.signals[name]) is None, name


def test_a_feature_needs_the_words_it_says_on_real_requests():
    from oiadraft.scope import features

    assert {"open-custodian", "communications", "urgency-without-reasons"} <= {
        name for name, needs in features.NEEDS.items() if needs}
    for text in REAL:
        _gated_features_absent(text)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_a_feature_needs_the_words_it_says(text):
    _gated_features_absent(text)


# ---- typo candidates ----------------------------------------------------------------------

def _typo_fixes_plain(text: str, rules: scope.Rules) -> list[tuple[int, int, str]]:
    """Every long word looked at with _closest, as before the length pre-check."""
    fixes = []
    for match in rules.typo_candidates.finditer(text):
        low = match.group(0).lower()
        known = rules.typo_known.get(low)
        if known is not None and known != low:
            fixes.append((match.start(), match.end(), known))
            continue
        if len(low) < rules.typo_min or low in rules.typo_quiet:
            continue
        fix = matching.closest(low, rules.typo_words, rules.typo_max)
        if fix is not None and fix != low:
            fixes.append((match.start(), match.end(), fix))
    return fixes


TYPOS = ["corespondence", "corrrespondence", "comunications", "offcials", "oficial", "emial",
         "staf", "COMMUNICATONS", "briefngs", "represntatives", "memorandaa", "messges",
         "correspondents", "cluster", "Corro", "İcorrespondence", "ſtaf", "correſpondence",
         "councilor", "represntativ", "communicationsss", "briefingss"]


TARGETS = ["correspondence", "communications", "communication", "officials", "official",
           "employees", "messages", "councillors", "representatives", "representative",
           "briefings", "memoranda", "staff", "email"]


@st.composite
def misspelt(draw):
    """A target word with up to three letters dropped, doubled or changed."""
    word = list(draw(st.sampled_from(TARGETS)))
    for _ in range(draw(st.integers(min_value=0, max_value=3))):
        at = draw(st.integers(min_value=0, max_value=len(word) - 1))
        edit = draw(st.sampled_from(["drop", "double", "change"]))
        if edit == "drop" and len(word) > 1:
            del word[at]
        elif edit == "double":
            word.insert(at, word[at])
        else:
            word[at] = draw(st.sampled_from("aeiousnrtl"))
    text = "".join(word)
    return text.upper() if draw(st.booleans()) and len(text) % 3 == 0 else text


@settings(max_examples=examples(400), deadline=None)
@given(st.lists(st.one_of(misspelt(), st.sampled_from([*TYPOS, *WORDS]), st.text(max_size=6)),
                max_size=30).map(" ".join))
def test_typo_candidates_find_what_the_plain_search_finds(text):
    rules = scope.load_rules()
    assert matching._typo_fixes(text, rules) == _typo_fixes_plain(text, rules)


def test_each_typo_candidate_is_decided_once_for_the_vocabulary():
    rules = scope.load_rules()
    rules.typo_decided.clear()
    try:
        text = "all corespondence, then Corespondence, then corespondence again"
        assert matching._typo_fixes(text, rules) == _typo_fixes_plain(text, rules)
        assert rules.typo_decided["corespondence"] == "correspondence"
        rules.typo_decided["corespondence"] = None  # the decision is read, not worked out again
        assert matching._typo_fixes("corespondence", rules) == []
    finally:
        rules.typo_decided.clear()
    assert matching._typo_fixes("corespondence", rules) == [(0, 13, "correspondence")]


def test_typos_still_corrected():
    result = scope.assess("all corespondence from any staf about the levy", scope.Context(
        today=TODAY))
    assert {"all corespondence", "any staf"} <= {f.quote for f in result.findings}


# ---- the splitter's pre-checks --------------------------------------------------------------

@settings(max_examples=examples(300), deadline=None)
@given(texts)
def test_request_period_pre_check_never_hides_a_match(text):
    rules = splitter._letter_rules()
    words = rules["request_period_words"]
    assert words is not None
    if rules["request_period"].search(text):
        assert words.search(fold_case(text)) is not None


@settings(max_examples=examples(300), deadline=None)
@given(texts)
def test_request_period_pre_check_changes_nothing(text):
    rules = splitter._letter_rules()
    fast = splitter.split_request(text, today=TODAY)
    saved = rules["request_period_words"]
    rules["request_period_words"] = None
    try:
        plain = splitter.split_request(text, today=TODAY)
    finally:
        rules["request_period_words"] = saved
    assert fast == plain


@settings(max_examples=examples(300), deadline=None)
@given(texts, st.integers(min_value=0, max_value=300), st.integers(min_value=0, max_value=300))
def test_a_part_with_no_blank_line_is_one_paragraph(text, a, b):
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    inner = splitter._trim(text, start, end)
    if splitter._BLANK_LINE.search(text, inner[0], inner[1]) is None:
        assert len(splitter._paragraphs(text, start, end)) <= 1


def test_fold_case_keeps_every_offset_it_needs():
    assert fold_case("PERİOD ſ K") == "period s k"
    assert fold_case("Timeframe") == "timeframe"


# ---- the period finder --------------------------------------------------------------------

def _find_periods_plain(text: str, today: date | None) -> list[PeriodMatch]:
    """find_periods as it was before trigger words were found in one pass: every word in
    turn, each located again in the text."""
    from oiadraft.periods import find as f
    from oiadraft.periods import grammar as p

    if not isinstance(text, str) or len(text) < 4:
        return []
    lowered = text.lower()
    if p.DIGIT_ANCHOR.search(text) is None and \
            not any(word in lowered for word in p._RELATIVE_WORDS):
        return []
    if len(lowered) != len(text):
        lowered = text.translate(p._ASCII_LOWER)
    words = p._WORD.findall(lowered)
    alnum = "0123456789abcdefghijklmnopqrstuvwxyz"

    def locate(word: str, position: int) -> int:
        while True:
            start = lowered.find(word, position)
            end = start + len(word)
            if (start == 0 or lowered[start - 1] not in alnum) and (
                    end == len(lowered) or lowered[end] not in alnum):
                return start
            position = start + 1

    def may_begin(key: str, index: int, position: int) -> bool:
        followers = p._FOLLOWERS[key]
        if followers is None:
            return True
        if index + 1 >= len(words):
            return False
        following = words[index + 1]
        next_key = p._word_key(following)
        if next_key not in followers:
            gap = lowered[position:locate(following, position)].strip()
            return bool(gap) and gap[0] in p._JOINERS
        if index + 2 < len(words):
            third = p._word_key(words[index + 2])
            if next_key == "the" and key in p._AFTER_THE:
                return third in p._AFTER_THE[key]
            if key == "the" and next_key in p._RELATIVE_WORDS:
                return third in p._COUNTS or third in p._UNIT_NAMES or third in p._FINANCIAL
        if key == "the" and next_key == "#":
            return following.isdigit()
        return True

    found, position, taken = [], 0, 0
    for index, word in enumerate(words):
        if word[0] <= "9":
            key = "#"
        elif word in p._TRIGGER_WORDS:
            key = word
        elif word[:2] in ("fy", "cy") and word[2:].isdigit():
            key = word[:2]
        else:
            continue
        start = locate(word, position)
        position = start + len(word)
        if start < taken or not may_begin(key, index, position):
            continue
        match = p._grammar(find=True).match(text, start)
        if match is None:
            continue
        taken = match.end()
        try:
            period = f._interpret(match, today)
        except (ValueError, OverflowError):
            continue
        start = f._span_start(match)
        found.append(PeriodMatch(start, match.end(), text[start:match.end()], period))
    return found


PERIOD_WORDS = ["since", "from", "between", "and", "to", "until", "the", "last", "past", "two",
                "12", "months", "years", "2023", "2022/23", "financial", "year", "fy22/23",
                "FY2022", "cy2021", "calendar", "March", "1 March 2024", "13/09/2024",
                "2024-09-13", "on", "or", "after", "before", "prior", "up", "no", "later",
                "than", "date", "of", "this", "request", "present", "onwards", "in", "during",
                "for", "2000", "documents", "start", "end", "-", "–", "/", ".", ",", "İ",
                "twenty", "one", "weeks", "Monday", "13th", "September", "ending", "today"]


@settings(max_examples=examples(400), deadline=None)
@given(st.lists(st.sampled_from([*PERIOD_WORDS, "", " ", "\n"]), max_size=25).map(" ".join),
       st.sampled_from([TODAY, None]))
def test_find_periods_finds_what_the_word_by_word_search_finds(text, today):
    assert periods.find_periods(text, today=today) == _find_periods_plain(text, today)


def test_find_periods_on_real_requests_is_unchanged():
    for text in REAL:
        assert periods.find_periods(text, today=TODAY) == _find_periods_plain(text, TODAY)


@settings(max_examples=examples(200), deadline=None)
@given(st.lists(st.sampled_from(PERIOD_WORDS), max_size=25).map(" ".join),
       st.integers(min_value=1, max_value=3))
def test_find_periods_limit_is_the_first_of_the_whole_answer(text, limit):
    assert periods.find_periods(text, today=TODAY, limit=limit) == \
        periods.find_periods(text, today=TODAY)[:limit]


def test_a_period_reading_is_kept_for_its_day_and_a_phrase_that_cannot_be_read_says_so_again():
    first = periods.find_periods("emails from the last 2 years", today=TODAY)
    later = periods.find_periods("emails from the last 2 years", today=date(2025, 3, 1))
    assert first[0].period != later[0].period
    assert periods.find_periods("emails from the last 2 years", today=TODAY) == first
    for _ in range(2):
        (problem,) = periods.find_period_problems("emails since 28th feb", today=TODAY)
        assert "which year" in problem.message


def _first_period_two_passes(text, today):
    found = periods.find_periods(text, today=today, limit=1)
    if found:
        return found[0], []
    return None, periods.find_period_problems(text, today=today)


@settings(max_examples=400, deadline=None)
@given(st.one_of(texts, st.lists(st.sampled_from(
    [*PERIOD_WORDS, "since", "28th", "feb", "31", "February", "and", "between", "", "\n"]),
    max_size=25).map(" ".join)), st.sampled_from([TODAY, None]))
def test_first_period_is_the_first_match_or_else_the_problems(text, today):
    assert periods.first_period(text, today=today) == _first_period_two_passes(text, today)


def test_first_period_on_real_requests_is_unchanged():
    for text in [*REAL, "Emails since 28th feb.", "Notes from 31 February 2024 to May 2024."]:
        for piece in text.split("\n\n"):
            assert periods.first_period(piece, today=TODAY) == \
                _first_period_two_passes(piece, TODAY)


# ---- near-duplicate parts -----------------------------------------------------------------

def _near_duplicates_plain(flat, limit, paired):
    repeats = {}
    for i in range(len(flat) - 1):
        if not flat[i]:
            continue
        for _, _, offset in process.extract(flat[i], flat[i + 1:], scorer=fuzz.ratio,
                                            score_cutoff=limit, limit=None):
            j = i + 1 + offset
            if (i, j) not in paired and flat[j] and j not in repeats:
                repeats[j] = i
    return repeats


PART_TEXTS = ["briefings to the minister about the port in 2023", "emails about x", "a", "",
              "the dates of emails about the stadium since 2020", "briefings to the minister "
              "about the port in 2023.", "briefings to the minster about the port in 2023"]


@settings(max_examples=examples(300), deadline=None)
@given(st.lists(st.sampled_from(PART_TEXTS), max_size=12),
       st.sampled_from([97.0, 90.0, 50.0, 0.0, 100.0]), st.booleans())
def test_near_duplicates_compare_only_what_could_match(flat, limit, pair_first):
    paired = {(0, 1)} if pair_first else set()
    assert request._near_duplicates(flat, limit, paired) == \
        _near_duplicates_plain(flat, limit, paired)


# ---- the benchmark is honest ----------------------------------------------------------------

def test_latency_bench_clears_every_cache_before_a_cold_run():
    spec = importlib.util.spec_from_file_location("scope_latency",
                                                  REPO / "bench" / "scope_latency.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    cleared = bench._caches()
    for module in bench.MODULES:
        for name, value in vars(module).items():
            if callable(getattr(value, "cache_clear", None)) and \
                    name not in bench.VOCABULARY_LOADERS:
                assert value in cleared, f"{module.__name__}.{name}"
    names = {f"{c.__module__}.{c.__name__}" for c in cleared}
    assert {"oiadraft.scope.matching.closest", "oiadraft.scope.assessment.assess_cached",
            "oiadraft.periods.find._read_unit",
            "oiadraft.periods.format.describe_length"} <= names
