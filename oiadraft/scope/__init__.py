"""The scope analyser: will an agency refuse this part as needing substantial collation or
research (OIA s18(f), LGOIMA s17(f)) or ask for it to be narrowed, and how could it be narrowed?

Pure, deterministic and fast enough to run on every keystroke.

How a part is judged
    `features` works out the part's named features (record kinds, open custodians, "mention
    of", no subject, the period's length for the kind of records, statistics that need each
    case read, named documents, dates-only asks, the number of parts ...), after `roles` has
    settled words whose role the words around them change (the meetings in "minutes of the
    Board meetings", figures that are the subject of the emails asked for). `model` turns them
    into a likelihood with weights fitted from real outcomes (``bench/fit_scope.py`` writes
    ``oiadraft/data/scope_model.yaml``; ``bench/scope_quality.py`` reports cross-validated and
    hold-out figures), and the likelihood into low / medium / high with thresholds chosen by
    cross-validation. `findings` reports the evidence: its severity follows what the feature
    adds to the likelihood, so a low part carries only tips. `rewrites` work out each fix so
    that an accepted one still reads as English. `request` looks at the request as a whole.

Adding a rule
    1. Vocabulary: add the words to a kind in ``oiadraft/data/scope_rules.yaml``
       (``vocabulary``), or a new kind; and a signal (``signals``) that says which kinds it
       ``reads``, whether it is ``breadth``, ``narrowing`` or ``other``, its ``reason`` in
       words, and its message, tip and suggestion (``unless``: kinds of words that mean the
       signal is absent, such as "as recorded in" for the statistics advice).
    2. One feature function in `features` (``@feature("the-signal-id")``; a signal about
       the period goes in `period_features`, one about messages in `message_features`)
       that works out its value from the kinds it reads (``needs=``: the kinds without
       which it is surely absent, so it is not called); a signal that is simply "one of
       these words is there" needs none.
    3. Evaluation items: real requests with known outcomes that show the rule, added to a
       shard in ``tests/data/eval_shards/`` and merged with ``bench/scope_eval.py``; score
       the new shard before fitting on it (``bench/scope_fresh.py <shard>``). Then refit
       (``bench/fit_scope.py``), rewrite the digest (``bench/scope_digest.py``) and check
       ``bench/scope_quality.py --cv-only``: the weight is whatever the evidence says, never
       set by hand.

Public API
    ``Context(act, today, request_period, agency, parts, part_period, subject)``;
    ``assess(text, context, acknowledged=()) -> Assessment`` (``risk``, ``likelihood``,
    ``reasons``, ``score``, ``findings``, ``period``, ``period_source``, ``period_text``,
    ``period_span``,
    ``record_kind``, ``acknowledged_findings``, ``features`` for the echo, ``signals``);
    ``assess_cached``; ``assess_request(parts_or_split, context) -> RequestAssessment``;
    ``Finding`` (a frozen dataclass, everything worked out); ``apply_suggestion(text, finding,
    fills)``, ``findings_after``, ``SuggestionError``; ``split_dates_then_copies(text)``;
    ``load_rules`` and ``parse_rules`` (the vocabulary); ``counted_parts(n)``, a request's
    number of parts as the analyser tells them apart (a context so capped rates alike).
"""

from oiadraft.scope.assessment import Assessment, Context, assess, assess_cached
from oiadraft.scope.features import counted_parts
from oiadraft.scope.findings import SEVERITIES, Finding
from oiadraft.scope.model import RISKS, load_model
from oiadraft.scope.request import RequestAssessment, assess_request
from oiadraft.scope.schema import PLACEHOLDER
from oiadraft.scope.suggestions import (
    SuggestionError,
    apply_suggestion,
    findings_after,
    split_dates_then_copies,
)
from oiadraft.scope.vocabulary import Rules, load_rules, parse_rules

__all__ = [
    "PLACEHOLDER",
    "RISKS",
    "SEVERITIES",
    "Assessment",
    "Context",
    "Finding",
    "RequestAssessment",
    "Rules",
    "SuggestionError",
    "apply_suggestion",
    "assess",
    "assess_cached",
    "assess_request",
    "counted_parts",
    "findings_after",
    "load_model",
    "load_rules",
    "parse_rules",
    "split_dates_then_copies",
]
