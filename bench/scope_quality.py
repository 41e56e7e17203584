"""How well does the scope analyser predict what agencies did? Honest figures only.

Positive = the agency refused the part under s18(f)/s17(f) or asked for it to be refined.
Prints F1 (with precision and recall) for `high` and for `>= medium`, and for the keyword
baseline ("all", "any" or "every" in the part -> high), on:

* **cross-validation**: the development items (tests/data/scope_eval.yaml minus the hold-out),
  grouped 5-fold by request and nested as bench/fit_scope.py describes (the whole fitting
  procedure, thresholds included, is rerun without the fold it is scored on);
* **why the figures are what they are** (bench/scope_evidence.py): out-of-fold AUC, a bag of
  words in the same nested procedure, "every part high", the best any threshold could do, and
  a learning curve; development items only;
* **the hold-out**: the requests bench/scope_eval.py set aside by a hash of their URL before
  any fitting, scored with the shipped model (`oiadraft.scope.assess`, as `check` does).
  Every look at the hold-out is recorded in bench/holdout_looks.yaml; earlier looks are
  printed beside this one, and this one is split into requests looked at before (a second
  look is not an untouched hold-out) and requests never looked at.

Training-set figures are never printed.

    .venv/bin/python bench/scope_quality.py              # everything
    .venv/bin/python bench/scope_quality.py --cv-only    # while tuning: never the hold-out
    .venv/bin/python bench/scope_quality.py --cv-only --quick --seeds 5
                                    # and the spread over 5 splits into folds (judge a change
                                    # by its gain on each split, not on the shipped one alone)
    .venv/bin/python bench/scope_quality.py --quick      # without the (slow) evidence
    .venv/bin/python bench/scope_quality.py --record     # and record this look at the hold-out
    .venv/bin/python bench/scope_quality.py --verbose    # plus every cross-validated item
"""

from __future__ import annotations

import argparse
import statistics
import sys
from datetime import date
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import fit_scope  # noqa: E402
import scope_eval  # noqa: E402
import scope_evidence  # noqa: E402

from oiadraft import yamlio  # noqa: E402
from oiadraft.fsutil import atomic_write_text  # noqa: E402
from oiadraft.scope import assess  # noqa: E402

LOOKS = REPO / "bench" / "holdout_looks.yaml"
ORDINAL = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
           "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
           "seventeenth", "eighteenth", "nineteenth", "twentieth")


def ordinal(number: int) -> str:
    """1 -> "first" ... 20 -> "twentieth", then "21st", "22nd", "23rd", "24th" ..."""
    if number <= len(ORDINAL):
        return ORDINAL[number - 1]
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10,
                                                                                    "th")
    return f"{number}{suffix}"


def a_or_an(word: str) -> str:
    """"an eighth", "an 11th", "a ninth"."""
    spoken = word.startswith(("e", "8", "11", "18"))
    return f"an {word}" if spoken else f"a {word}"


def holdout_figures(items: list[dict[str, Any]]) -> dict[str, Any]:
    """The shipped model on the hold-out, through the same `assess` the tool runs."""
    labels = [int(scope_eval.is_positive(item)) for item in items]
    risks = [assess(str(item["text"]), fit_scope.context_of(item)).risk for item in items]
    return fit_scope.figures(items, labels, risks)


def _row(label: str, figures: dict[str, float]) -> str:
    return (f"  {label:<22} F1 {figures['f1']:.3f}   precision {figures['precision']:.2f}  "
            f"recall {figures['recall']:.2f}   (tp {figures['tp']}, fp {figures['fp']}, "
            f"fn {figures['fn']})")


def show(title: str, result: dict[str, Any]) -> None:
    print(f"{title}: {result['requests']} requests, {result['items']} parts, "
          f"{result['positives']} positive")
    print(_row("high", result["high"]))
    print(_row(">= medium", result["medium"]))
    print(_row("keyword baseline", result["baseline"]))
    margin = result["high"]["f1"] - result["baseline"]["f1"]
    print(f"  F1(high) - baseline      {margin:+.3f}   (target: F1(high) >= 0.65 and "
          "baseline + 0.15)")


def show_seeds(development: list[dict[str, Any]], count: int, first: dict[str, Any]) -> None:
    """The nested cross-validation repeated over `count` splits into folds (seed 0, `first`,
    is the shipped split): how far a figure moves with the split alone."""
    runs = fit_scope.over_splits(development, fit_scope.rows_of(development), count, first)
    print(f"Over {count} splits into folds (seeds 0-{count - 1}; mean, sd, each split):")
    for key, label in (("high", "high"), ("medium", ">= medium"), ("capped", "high, capped"),
                       ("auc", "AUC")):
        values = runs[key]
        print(f"  {label:<12} {statistics.mean(values):.3f} ± {statistics.stdev(values):.3f}   "
              + " ".join(f"{v:.3f}" for v in values))


def load_looks() -> list[dict[str, Any]]:
    return [dict(look) for look in yamlio.load_file(LOOKS, "bench/holdout_looks.yaml")["looks"]]


def _recorded(figures: dict[str, Any]) -> str:
    extra = ""
    if "precision" in figures:
        extra = f" (P {figures['precision']:.2f} R {figures['recall']:.2f})"
    return f"{figures['f1']:.3f}{extra}"


def show_looks(looks: list[dict[str, Any]]) -> None:
    for number, look in enumerate(looks):
        print(f"  {ordinal(number + 1)} look ({look['when']}, {look['model']}; "
              f"{len(look['requests'])} requests, {look['parts']} parts): "
              f"high F1 {_recorded(look['high'])}; >= medium F1 "
              f"{_recorded(look['medium_or_high'])}; keyword baseline "
              f"{_recorded(look['keyword_baseline'])}")


def show_holdout(holdout: list[dict[str, Any]], looks: list[dict[str, Any]]) -> dict[str, Any]:
    """This look, on the whole hold-out and split by how often each request was looked at."""
    seen: dict[str, int] = {}
    for look in looks:
        for key in look["requests"]:
            seen[str(key)] = seen.get(str(key), 0) + 1
    result = holdout_figures(holdout)
    number = ordinal(len(looks) + 1)
    show(f"Hold-out, this model (the {number} look at the hold-out)", result)
    by_count: dict[int, list[dict[str, Any]]] = {}
    for item in holdout:
        by_count.setdefault(seen.get(scope_eval.group_key(item), 0), []).append(item)
    for count in sorted(by_count):
        part = holdout_figures(by_count[count])
        words = "never looked at before (a first look)" if count == 0 else \
            f"looked at {count} time{'s' if count > 1 else ''} before " \
            f"({a_or_an(ordinal(count + 1))} look)"
        print(f"    requests {words}: {part['requests']} requests, {part['items']} parts, "
              f"{part['positives']} positive: high F1 {part['high']['f1']:.3f} "
              f"(P {part['high']['precision']:.2f} R {part['high']['recall']:.2f}); keyword "
              f"baseline {part['baseline']['f1']:.3f}")
    return result


def record(holdout: list[dict[str, Any]], result: dict[str, Any], model: str) -> None:
    """Append this look to bench/holdout_looks.yaml."""
    keys = sorted({scope_eval.group_key(item) for item in holdout})

    def figures(key: str) -> str:
        row = result[key]
        return (f"{{f1: {row['f1']:.3f}, precision: {row['precision']:.2f}, "
                f"recall: {row['recall']:.2f}}}")

    lines = [f"  - when: '{date.today().isoformat()}'", f"    model: {model}",
             f"    parts: {result['items']}", f"    positives: {result['positives']}",
             f"    high: {figures('high')}", f"    medium_or_high: {figures('medium')}",
             f"    keyword_baseline: {figures('baseline')}", "    requests:"]
    lines += [f'      - "{key}"' for key in keys]
    text = LOOKS.read_text(encoding="utf-8").rstrip("\n") + "\n" + "\n".join(lines) + "\n"
    atomic_write_text(LOOKS, text, mode=0o644)
    print(f"recorded this look in {LOOKS.relative_to(REPO)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cv-only", action="store_true",
                        help="cross-validation only: do not read the hold-out")
    parser.add_argument("--quick", action="store_true", help="leave out the evidence")
    parser.add_argument("--record", action="store_true",
                        help="record this look at the hold-out in bench/holdout_looks.yaml")
    parser.add_argument("--seeds", type=int, default=0, metavar="N",
                        help="also repeat the cross-validation over N splits into folds")
    parser.add_argument("--verbose", "-v", action="store_true")
    args = parser.parse_args(argv)
    development, holdout = scope_eval.split_holdout(scope_eval.load_items())
    cv = fit_scope.nested_cv(development)
    show("Cross-validated (grouped by request, 5 folds, nested)", cv)
    high = cv["high"]
    print(f"  rated high: {(high['tp'] + high['fp']) / cv['items']:.0%} of parts, where "
          f"{cv['positives'] / cv['items']:.0%} were refused or sent back")
    capped = cv["capped"]
    print(f"  high capped at the share positive (the earlier rule): F1 {capped['f1']:.3f} "
          f"(precision {capped['precision']:.2f}, recall {capped['recall']:.2f}), rating "
          f"{capped['share']:.0%} of parts high (see bench/fit_scope.py)")
    if args.verbose:
        for item, p, risk in zip(development, cv["probabilities"], cv["risks"], strict=True):
            mark = "+" if scope_eval.is_positive(item) else " "
            print(f"    {mark} {risk:<6} {p:.3f}  {item['id']}")
    if args.seeds > 1:
        print()
        show_seeds(development, args.seeds, cv)
    if not args.quick:
        print()
        print("Why the figures are what they are (development items only)")
        scope_evidence.show(scope_evidence.evidence(development, cv))
    if not args.cv_only:
        looks = load_looks()
        print()
        print("Hold-out: earlier looks (figures as recorded then)")
        show_looks(looks)
        result = show_holdout(holdout, looks)
        if args.record:
            fitted = yamlio.load_file(fit_scope.MODEL_PATH)["fitted"]
            record(holdout, result, f"model fitted {fitted['date']} on {fitted['requests']} "
                                    f"requests / {fitted['items']} parts")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
