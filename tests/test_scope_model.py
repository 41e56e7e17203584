"""The fitted model: read with plain Python, weights that agree with their signals, a fitting
procedure that does what it says, and a floor under cross-validated quality (development
items only: the hold-out is never read here)."""

from __future__ import annotations

import importlib.util
import math
import subprocess
import sys
from pathlib import Path

import pytest

from oiadraft import scope, yamlio
from oiadraft.errors import DataError
from oiadraft.scope import model as model_module

REPO = Path(__file__).resolve().parent.parent
MODEL_FILE = REPO / "oiadraft" / "data" / "scope_model.yaml"


def _bench(name: str):
    sys.path.insert(0, str(REPO / "bench"))
    spec = importlib.util.spec_from_file_location(name, REPO / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


FIT = _bench("fit_scope")
EVAL = _bench("scope_eval")


def test_the_shipped_model_has_a_weight_for_every_feature_with_the_right_sign():
    model = scope.load_model()
    signals = scope.load_rules().signals
    assert set(model.weights) == {k for k, rule in signals.items() if rule.kind != "other"}
    for name, weight in model.weights.items():
        if signals[name].kind == "breadth":
            assert weight >= 0, name
        else:
            assert weight <= 0, name
    assert 0 < model.medium <= model.high < 1


def test_the_header_reports_cross_validated_figures_and_the_data():
    data = yamlio.load_file(MODEL_FILE)
    fitted = data["fitted"]
    assert fitted["data"] == "tests/data/scope_eval.yaml" and len(fitted["data_sha256"]) == 64
    cv = fitted["cross_validated"]
    assert cv["folds"] == 5
    for key in ("f1_high", "f1_medium_or_high", "f1_keyword_baseline"):
        assert 0.0 <= cv[key] <= 1.0
    development, _ = EVAL.split_holdout(EVAL.load_items())
    assert fitted["items"] <= len(development)


def test_the_model_is_read_with_plain_python():
    code = ("import sys, oiadraft.scope as s; s.load_model(); "
            "print(','.join(m for m in ('numpy', 'sklearn', 'scipy') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=REPO, check=True)
    assert result.stdout.strip() == ""


def test_likelihood_is_the_logistic_of_the_weighted_sum():
    model = model_module.Model(-1.0, {"a": 2.0, "b": -0.5}, 0.3, 0.6)
    values = {"a": 1.0, "b": 2.0, "unknown": 5.0}
    assert model.score(values) == pytest.approx(0.0)
    assert model.likelihood(values) == pytest.approx(0.5)
    assert model.contributions(values) == {"a": 2.0, "b": -1.0}
    assert [model.risk(p) for p in (0.1, 0.3, 0.59, 0.6)] == ["low", "medium", "medium", "high"]
    assert model_module.logistic(-800) == 0.0 and model_module.logistic(800) == 1.0


@pytest.mark.parametrize("mutate,message", [
    (lambda d: d.__setitem__("version", 2), "version: 1"),
    (lambda d: d["weights"].__setitem__("no-such-signal", 1.0), "not a signal"),
    (lambda d: d["weights"].__setitem__("no-period", "heavy"), "must be a number"),
    (lambda d: d["thresholds"].__setitem__("medium", 0.9), "0 < medium <= high < 1"),
])
def test_a_bad_model_file_is_a_clear_data_error(mutate, message):
    data = yamlio.load_file(MODEL_FILE)
    mutate(data)
    with pytest.raises(DataError, match=message):
        model_module.parse_model(data, set(scope.load_rules().signals))


# ---- the fitting procedure ------------------------------------------------------------------

def test_logistic_regression_recovers_a_known_pattern():
    rows, labels = [], []
    for i in range(400):
        a, b = i % 2, (i // 2) % 2
        # "no-subject" makes refusal likely, "named-documents" unlikely
        p = model_module.logistic(-0.5 + 2.0 * a - 2.0 * b)
        labels.append(1 if (i * 37 % 100) / 100 < p else 0)
        rows.append({k: 1.0 for k, on in (("no-subject", a), ("named-documents", b)) if on})
    intercept, weights = FIT.fit(rows, labels, 0.3)
    assert weights["no-subject"] > 1.0 and weights["named-documents"] < -1.0
    assert FIT.fit(rows, labels, 0.3) == (intercept, weights)  # deterministic


def test_a_weight_that_comes_out_the_wrong_way_round_is_dropped():
    # a breadth signal that, in this data, only ever appears on answered parts
    rows = [{"no-subject": 1.0}] * 20 + [{}] * 20
    labels = [0] * 20 + [1] * 10 + [0] * 10
    _, weights = FIT.fit(rows, labels, 0.3)
    assert weights["no-subject"] == 0.0


def test_thresholds_never_rate_more_parts_high_than_were_positive():
    truth = [1, 0, 1, 0, 0, 0, 0, 0, 1, 0]
    probabilities = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.05]
    high = FIT.best_threshold(truth, probabilities, share=0.3)
    assert sum(p >= high for p in probabilities) <= 3
    assert FIT.best_threshold(truth, probabilities) <= high


def test_cross_validation_beats_the_keyword_baseline_on_development_items():
    """A floor, not the figures (bench/scope_quality.py prints those): the shipped strength
    and thresholds, refitted without each fold in turn, still beat "all|any|every"."""
    development, _ = EVAL.split_holdout(EVAL.load_items())
    rows = FIT.rows_of(development)
    labels = [int(EVAL.is_positive(item)) for item in development]
    folds = EVAL.folds(development, 5)
    data = yamlio.load_file(MODEL_FILE)
    strength = float(data["fitted"]["regularisation"])
    model = scope.load_model()
    probabilities = FIT.out_of_fold(rows, labels, folds, strength)
    high = FIT.f1(labels, [p >= model.high for p in probabilities])["f1"]
    baseline = FIT.figures(development, labels, ["low"] * len(labels))["baseline"]["f1"]
    assert high > baseline
    assert not math.isnan(high)


def test_a_whole_request_outcome_is_one_observation_shared_by_its_parts():
    items = [{"request": "https://example.org/r/1", "detail": "whole request refused"},
             {"request": "https://example.org/r/1", "detail": "Whole request refused"},
             {"request": "https://example.org/r/1", "detail": "part 3 answered"},
             {"request": "https://example.org/r/2", "detail": "whole request refined"}]
    assert FIT.item_weights(items) == [0.5, 0.5, 1.0, 1.0]


def test_a_weight_of_two_fits_like_the_row_twice():
    rows = [{"no-subject": 1.0}, {}, {"no-subject": 1.0}, {}, {}]
    labels = [1, 0, 0, 1, 0]
    doubled = FIT.fit(rows + rows[:1], labels + labels[:1], 1.0)
    weighted = FIT.fit(rows, labels, 1.0, [2.0, 1.0, 1.0, 1.0, 1.0])
    assert weighted[0] == pytest.approx(doubled[0])
    assert weighted[1]["no-subject"] == pytest.approx(doubled[1]["no-subject"])


def test_auc_counts_ties_as_half_and_a_coin_as_half():
    evidence = _bench("scope_evidence")
    assert evidence.auc([1, 0, 1, 0], [0.9, 0.1, 0.5, 0.5]) == pytest.approx(0.875)
    assert evidence.auc([1, 0, 1, 0], [0.3, 0.3, 0.3, 0.3]) == pytest.approx(0.5)
    assert evidence.auc([0, 1], [0.2, 0.8]) == 1.0


def test_every_recorded_look_at_the_holdout_is_of_holdout_requests():
    looks = yamlio.load_file(REPO / "bench" / "holdout_looks.yaml")["looks"]
    assert looks[0]["when"] == "round 1" and len(looks[0]["requests"]) == 35
    held = {EVAL.group_key(i) for i in EVAL.load_items() if EVAL.in_holdout(i)}
    for look in looks:
        assert set(look["requests"]) <= held, look["when"]
        assert 0.0 <= look["high"]["f1"] <= 1.0


def test_every_real_part_rated_above_low_has_a_warning_that_says_why():
    """One story per part, on every part of the evidence: medium or high never comes without
    a warning, and low never comes with one."""
    for item in EVAL.load_items():
        result = scope.assess(str(item["text"]), FIT.context_of(item))
        severe = [f for f in result.findings if f.severity in ("warning", "danger")
                  and f.rule not in ("create-information", "own-information",
                                     "urgency-without-reasons", "unclear-period")]
        assert bool(severe) == (result.risk != "low"), (item["id"], result.risk)


def test_the_holdout_comparison_reads_what_items_are_made_of_never_their_outcomes(capsys):
    shift = _bench("scope_shift")
    assert shift.source_of({"request": "https://fyi.org.nz/request/1"}) == "FYI thread"
    assert shift.source_of({"source": "https://www.ombudsman.parliament.nz/x"}) == "Ombudsman"
    assert shift.source_of({"source": "https://council.example/log"}) == "agency log or other"
    assert shift.main() == 0
    printed = capsys.readouterr().out
    assert "named-documents" in printed and "statistics" in printed
    for outcome in ("refused", "refine", "answered", "positive"):
        assert outcome not in printed


def test_evidence_counts_requests_whose_parts_share_one_outcome_and_ranks_within_a_kind():
    evidence = _bench("scope_evidence")
    items = [{"request": "https://example.org/r/1", "outcome": "refused_18f",
              "record_kind": "communications"},
             {"request": "https://example.org/r/1", "outcome": "refine_requested",
              "record_kind": "communications"},
             {"request": "https://example.org/r/2", "outcome": "answered",
              "record_kind": "statistics"},
             {"request": "https://example.org/r/2", "outcome": "refused_18f",
              "record_kind": "statistics"},
             {"request": "https://example.org/r/3", "outcome": "answered",
              "record_kind": "communications"}]
    assert evidence.one_outcome(items) == (2, 1)
    kinds = evidence.by_record_kind(items, [0.9, 0.8, 0.7, 0.1, 0.2])
    assert kinds["communications"] == {"parts": 3, "positives": 2, "auc": 1.0}
    assert kinds["statistics"]["auc"] == 0.0


def test_trial_word_evidence_never_scores_a_training_part_with_its_own_outcome():
    """The learned-word trial works out each training part's score without its fold, so a
    word seen only in one fold scores nothing there; a held-out part is scored with them all."""
    module = _bench("scope_trials")
    trials = module.Trials.__new__(module.Trials)
    words = ["alpha"] * 10 + ["gamma"] * 10 + ["beta"] * 10 + ["delta"] * 10 + ["alpha"]
    trials.items = [{"text": w, "request": f"https://example.org/r/{i}"}
                    for i, w in enumerate(words)]
    trials.rows = [{} for _ in words]
    trials.labels = ([1] * 10 + [0] * 10) * 2 + [0]
    trials.weights = [1.0] * len(words)
    inner = [0] * 20 + [1] * 20
    train_rows, test_rows, _ = trials.words()(list(range(40)), inner, [40])
    assert all("words" not in row for row in train_rows)  # each word lives in one fold only
    assert test_rows[0]["words"] > 0  # "alpha": refused every time it was seen
