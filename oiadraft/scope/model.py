"""The likelihood of a part being refused under s18(f) (LGOIMA s17(f)) or sent back to be
narrowed, from its features: a logistic regression whose weights are fitted from real
outcomes by ``bench/fit_scope.py`` and stored in ``oiadraft/data/scope_model.yaml``.

Read with plain Python: likelihood = 1 / (1 + exp(-(intercept + sum of weight x value))).
The thresholds that turn a likelihood into low / medium / high were chosen by
cross-validation, as the file's header says.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from oiadraft import paths, yamlio
from oiadraft.errors import DataError

MODEL_FILE = "scope_model.yaml"
RISKS = ("low", "medium", "high")


@dataclass(frozen=True)
class Model:
    """Fitted weights, one per feature, and the thresholds for medium and high."""

    intercept: float
    weights: Mapping[str, float]
    medium: float
    high: float

    def score(self, values: Mapping[str, float]) -> float:
        """The log-odds: intercept + the sum of weight x value."""
        weights = self.weights
        return self.intercept + sum(weights.get(name, 0.0) * value
                                    for name, value in values.items())

    def likelihood(self, values: Mapping[str, float]) -> float:
        return logistic(self.score(values))

    def contributions(self, values: Mapping[str, float]) -> dict[str, float]:
        """Each feature's weight x value (the log-odds it adds; negative: it narrows)."""
        weights = self.weights
        return {name: weights[name] * value for name, value in values.items()
                if name in weights}

    def risk(self, likelihood: float) -> str:
        if likelihood >= self.high:
            return "high"
        if likelihood >= self.medium:
            return "medium"
        return "low"


def logistic(score: float) -> float:
    if score >= 0:
        return 1.0 / (1.0 + math.exp(-score))
    exp = math.exp(score)
    return exp / (1.0 + exp)


def parse_model(data: Any, known: set[str] | None = None) -> Model:
    """Validate a loaded scope_model.yaml; DataError on the first problem."""
    source = f"oiadraft/data/{MODEL_FILE}"

    def number(node: Any, key: str) -> float:
        value = node.get(key) if isinstance(node, Mapping) else None
        if isinstance(value, bool) or not isinstance(value, (int, float)) or \
                not math.isfinite(value):
            line = node.line_of(key) if hasattr(node, "line_of") else None
            raise DataError(f"{key!r} must be a number", source, line)
        return float(value)

    if not isinstance(data, Mapping) or data.get("version") != 1:
        raise DataError("expected a mapping with version: 1", source)
    weights_node = data.get("weights")
    if not isinstance(weights_node, Mapping) or not weights_node:
        raise DataError("missing 'weights' mapping", source)
    weights = {str(name): number(weights_node, name) for name in weights_node}
    if known is not None:
        unknown = sorted(set(weights) - known)
        if unknown:
            raise DataError(f"weights: {unknown[0]!r} is not a signal of the vocabulary", source,
                            weights_node.line_of(unknown[0]) if hasattr(weights_node, "line_of")
                            else None)
    thresholds = data.get("thresholds")
    medium, high = number(thresholds, "medium"), number(thresholds, "high")
    if not 0.0 < medium <= high < 1.0:
        raise DataError("thresholds: need 0 < medium <= high < 1", source)
    return Model(number(data, "intercept"), weights, medium, high)


@lru_cache(maxsize=1)
def load_model() -> Model:
    """The fitted model shipped with oiadraft (read once)."""
    from oiadraft.scope.vocabulary import load_rules

    data = yamlio.load_file(paths.data_file(MODEL_FILE), f"oiadraft/data/{MODEL_FILE}")
    return parse_model(data, set(load_rules().signals))
