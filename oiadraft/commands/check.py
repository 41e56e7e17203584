"""`oiadraft check [FILE|-]`: warn, part by part, where a request is likely to be refused as
needing substantial collation or research (OIA s18(f), LGOIMA s17(f)) and how to narrow it.

Reads a whole letter or just the parts from FILE or standard input, splits it into its numbered
parts (oiadraft/letter/splitter.py), assesses each (oiadraft/scope/) and prints a report for
people or, with ``--format json``, one JSON object (the contract in docs/ARCHITECTURE.md). The
Acts it accepts and the one it assumes are read from the Act profiles. Exit status: 0 when no
part is high risk, 1 when any part is, 2 for bad usage or unreadable input (one line on stderr).
Options are validated here rather than by argparse so that every bad input gets one line.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import sys
import textwrap
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

DESCRIPTION = """\
Check a request before you send it: each numbered part is rated low, medium or high risk of
being refused as needing "substantial collation or research" or sent back for narrowing,
with the words that caused it and narrower wording to use instead.

Give a file, or - (or nothing) to read standard input. A whole letter is fine: greetings,
background, the form-of-release and reasons paragraphs and the sign-off are not parts. A
sentence such as "All timeframes are from 1 October 2020 to 13 September 2024" applies to
every part that states no period of its own."""

EXAMPLES = """\
exit status: 0 no part is high risk; 1 some part is high risk; 2 bad usage or unreadable input.

examples:
  oiadraft check request.txt
  pbpaste | oiadraft check - --format json
  oiadraft check letter.txt --act lgoima --today 2024-09-13

--act takes the key of an official information Act; without it, the Act the letter's own
words name around the parts ("under the Local Government Official Information and Meetings
Act 1987"), else the first Act profile (the OIA)."""

# A paste longer than this is unusual for a request and is noted in the report.
LONG_INPUT = 50_000
WIDTH = 88


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "check",
        help="warn where a request is likely to be refused as too broad, and how to narrow it",
        description=DESCRIPTION,
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("file", nargs="?", default="-", metavar="FILE",
                        help="the request text (default: - for standard input)")
    parser.add_argument("--act", default=None, metavar="ACT",
                        help="the Act the request is made under (default: the one the "
                             "letter names, else the first Act profile)")
    parser.add_argument("--format", default="text", metavar="text|json", dest="output",
                        help="report for people (default) or one JSON object")
    parser.add_argument("--today", metavar="DATE",
                        help="read open periods (\"since October 2020\") as ending on DATE "
                             "(default: today)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from oiadraft import clock
    from oiadraft.errors import UserError
    from oiadraft.periods import PeriodError, parse_date

    act = resolve_act(args.act) if args.act is not None else None
    output = (args.output or "").strip().lower()
    if output not in ("text", "json"):
        raise UserError(f"unknown format {args.output!r}: use text or json")
    if args.today:
        try:
            today = parse_date(args.today)
        except PeriodError as exc:
            raise UserError(f"--today: {exc}") from None
    else:
        today = clock.today()
    text, name = read_input(args.file)
    with _no_cycle_collection():
        report = check_text(text, act=act, today=today, json_parts=output == "json")
        if output == "json":
            # written apart, not joined: the JSON of a 1 MB paste is 13 MB to copy
            sys.stdout.write(report_json_text(report))
            sys.stdout.write("\n")
        else:
            sys.stdout.write(report_text(report, name))
        high = report["assessment"].risk == "high"
        # freed while the collector is paused: once it runs again its first pass would walk
        # every object made since it stopped (a tenth of a second on a 1 MB paste)
        del report
    return 1 if high else 0


@contextlib.contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """The cycle collector paused while a report is made: a long paste makes hundreds of
    thousands of objects (parts, findings, the report) that are freed by reference counting,
    and the collector's passes over them cost about a twentieth of the time on a 1 MB paste.
    It runs again afterwards (for callers in the same process, such as tests)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def resolve_act(given: str | None) -> str:
    """The key of the Act a check is made under: the default Act when none is given, else one
    of the official information Acts (by key or short name); UserError naming them otherwise.
    (`run` passes no Act on when none is given: `check_text` reads it from the letter.)"""
    from oiadraft import acts
    from oiadraft.errors import UserError
    from oiadraft.text import join_or

    if given is None:
        return acts.default_act().key
    choices = acts.official_information_acts()
    wanted = given.strip().lower()
    for profile in choices:
        if wanted in (profile.key, profile.short.lower()):
            return profile.key
    raise UserError(f"unknown act {given!r}: use {join_or(p.key for p in choices)}")


def _act_of_letter(split: Any, greeting: str | None) -> tuple[str, str, str | None]:
    """(Act key, where it came from, the addressee) for a check made with no Act given, from
    the strongest sign the letter gives: the one Act named by the sentence that asks under it
    ("I request ... under the Local Government Official Information and Meetings Act 1987"),
    "letter"; else the Act of the body its greeting (`greeting`) is addressed to, when the
    agency directory knows that body ("addressee"); else the one Act the letter names
    anywhere before or after its parts (a subject line "LGOIMA request: ..."), "letter"; else
    the default Act ("default"). A subject line saying "OIA request about ..." so never
    outweighs the council the letter is sent to, or the Act it asks under."""
    from oiadraft import acts
    from oiadraft.letter import cues

    around = f"{split.preamble}\n{split.closing}"
    named = cues.request_act(around)
    if named is not None:
        return named.key, "letter", None
    if greeting:
        from oiadraft import agencies

        agency = agencies.resolve(greeting).agency
        if agency is not None and agency.act in {p.key for p in acts.official_information_acts()}:
            return agency.act, "addressee", agency.name
    named = acts.named_in(around)
    if named is not None:
        return named.key, "letter", None
    return acts.default_act().key, "default", None


def read_input(file: str | None) -> tuple[str, str]:
    """The request text and a name for it; UserError for anything unreadable."""
    from oiadraft.errors import UserError
    from oiadraft.fsutil import TooLargeError, read_capped

    try:
        if file in (None, "-"):
            name = "standard input"
            data = read_capped(sys.stdin.buffer)
        else:
            name = str(file)
            path = Path(name)
            if path.is_dir():
                raise UserError(f"{name} is a folder, not a file")
            data = read_capped(path)
    except TooLargeError as exc:
        raise UserError(f"{name} {exc}") from None
    except FileNotFoundError:
        raise UserError(f"{name}: no such file") from None
    except OSError as exc:
        raise UserError(f"cannot read {name}: {exc.strerror or exc}") from None
    from oiadraft.text import encoding_of

    encoding = encoding_of(data)
    if encoding == "utf-8-sig" and b"\x00" in data[:65536]:
        raise UserError(f"{name} looks like a binary file, not text; save the request as "
                        "plain text first")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        raise UserError(f"{name} is not UTF-8 text; save it as UTF-8 plain text first") from None
    if not text.strip():
        raise UserError(f"{name} is empty: there is no request to check")
    from oiadraft.text import plain_spaces, strip_controls

    # colour codes and terminal escapes (a paste from a coloured email or terminal) are not
    # text: left in, they would reach the report and hide the words they colour
    return plain_spaces(strip_controls(text.replace("\r\n", "\n").replace("\r", "\n"))), name


def check_text(text: str, act: str | None = None, today: date | None = None, *,
               json_parts: bool = False) -> dict[str, Any]:
    """Split and assess a request (the work behind the command, for tests and scripts); `act`
    None: the Act the letter names before or after its parts, else the default Act (the
    report's `act_source` says which: "given", "letter", "addressee" (its `addressee` the
    body's name, from the directory) or "default"). `json_parts`: the report is wanted as JSON, so each part's JSON is
    written as soon as it is assessed, by the process that assessed it (`report_json_text`
    uses it; a forked child so writes its share)."""
    from oiadraft import acts, clock, forked, scope
    from oiadraft.letter import splitter

    today = today or clock.today()
    split = splitter.split_request(text, today=today)
    # each part as it would go into a letter: without page furniture ("Page 3 of 9") and
    # the page breaks inside its sentences
    split = replace(split, parts=tuple(replace(part, text=splitter.clean_part_text(part.text))
                                       for part in split.parts))
    greeting = splitter.addressee(split.preamble)
    source, to = "given", None
    if act is not None:
        act = acts.get_act(act).key
    else:
        act, source, to = _act_of_letter(split, greeting)
    # the recipient, so that "messages sent by <the recipient>" names no other party
    # and what the whole request is about, so that a part naming no subject is read as about it
    context = scope.Context(act=act, today=today, agency=to or greeting,
                            subject=splitter.subject(split.preamble))
    numbers = [part.number for part in split.parts]
    written: list[Any] = []

    def map_parts(one: Any, items: list[Any]) -> list[Any]:
        def after(start: int, assessments: list[Any]) -> list[str]:
            return _parts_texts(numbers[start:start + len(assessments)], assessments)

        assessments, pieces = forked.ordered_map_with(one, items, after,
                                                      child_share=CHILD_SHARE)
        written.extend((assessments, [text for piece in pieces for text in piece]))
        return assessments

    assessment = scope.assess_request(split, context, echo_words=False, forked=True,
                                      map_parts=map_parts if json_parts else None)
    return {
        "act": act,
        "act_source": source,
        "addressee": to,
        "subject": context.subject,
        "profile": acts.get_act(act),
        "today": today,
        "split": split,
        "assessment": assessment,
        "length": len(text),
        "long": len(text) > LONG_INPUT,
        "written": tuple(written) or None,
    }


def _period_json(part: Any) -> dict[str, Any]:
    period = part.period
    if period is None:
        return {"start": None, "end": None, "source": "none"}
    return {
        "start": period.start.isoformat() if period.start else None,
        "end": period.end.isoformat() if period.end else None,
        "source": part.period_source,
        **({"from_part": part.period_part} if part.period_part is not None else {}),
    }


def report_json(report: dict[str, Any], parts: list[Any] | None = None) -> dict[str, Any]:
    """The JSON object of the `check` contract (docs/ARCHITECTURE.md); `parts`: the parts as
    written already (`report_json_text`)."""
    assessment = report["assessment"]
    if parts is None:
        parts = [_part_json(number, part)
                 for number, part in zip(assessment.numbers, assessment.parts, strict=True)]
    findings = [finding.to_dict() for finding in assessment.findings]
    if report["long"]:
        findings.insert(0, _long_note(report))
    return {"act": report["act"], "risk": assessment.risk, "parts": parts, "findings": findings}


def _part_json(number: str, part: Any) -> dict[str, Any]:
    return {
        "number": number,
        "text": part.text,
        "risk": part.risk,
        "likelihood": part.likelihood,
        "reasons": list(part.reasons),
        "score": part.score,
        "period": _period_json(part),
        "findings": [finding.to_dict() for finding in part.findings],
    }


CHILD_SHARE = 49
"""The percentage of a long request's parts that a forked child assesses and writes the JSON
of: a little under half, as it also pickles what it sends back."""

def report_json_text(report: dict[str, Any]) -> str:
    """``jsonout.dumps(report_json(report))``, the same text, with the parts' JSON as it was
    written while they were assessed (`check_text` with `json_parts`: a forked child wrote
    its share of a long request's)."""
    from oiadraft import jsonout

    if report.get("written") is None:
        return jsonout.dumps(report_json(report))
    texts = _written_parts(report["assessment"], *report["written"])
    return jsonout.dumps(report_json(report, [jsonout.Encoded(text) for text in texts]))


def _parts_texts(numbers: list[str], parts: list[Any]) -> list[str]:
    """Each part's JSON as it reads inside the report's "parts" list: the text of
    ``jsonout.dumps(_part_json(number, part), 2)``, put together from the values themselves
    (a 1 MB paste has thousands of parts: making their dicts and walking them took about a
    tenth of the check), each finding written once however many parts have it (a long paste
    repeats its parts' words). A part with a value of another type than the contract's is
    left to `dumps`."""
    from oiadraft.jsonout import dumps, scalars

    text = scalars()
    written: dict[Any, str] = {}
    texts = []
    for number, part in zip(numbers, parts, strict=True):
        try:
            texts.append(_part_text(number, part, text, written))
        except TypeError:  # not a scalar where the contract has one
            texts.append(dumps(_part_json(number, part), 2))
    return texts


# the indents of a part's JSON inside the report's "parts" list, each level two spaces deeper
_PART, _KEY, _ITEM, _FIELD, _END = ("\n" + "  " * depth for depth in range(2, 7))


def _list_text(items: Any, text: Any, pad: str) -> str:
    """A list of scalars' JSON, at the indent `pad` (its items one level deeper)."""
    if not items:
        return "[]"
    inner = pad + "  "
    return "[" + inner + ("," + inner).join(map(text, items)) + pad + "]"


def _part_text(number: str, part: Any, text: Any, written: dict[Any, str]) -> str:
    """``jsonout.dumps(_part_json(number, part), 2)``, the same text (`text`: a
    `jsonout.scalars` writer; TypeError for a value it does not write)."""
    period = _period_json(part)
    findings = part.findings
    return (
        f'{{{_KEY}"number": {text(number)},{_KEY}"text": '
        f'{text(part.text)},{_KEY}"risk": '
        f'{text(part.risk)},{_KEY}"likelihood": {text(part.likelihood)},'
        f'{_KEY}"reasons": {_list_text(part.reasons, text, _KEY)},{_KEY}"score": '
        f'{text(part.score)},{_KEY}"period": {{{_ITEM}"start": {text(period["start"])},'
        f'{_ITEM}"end": {text(period["end"])},{_ITEM}"source": {text(period["source"])}'
        + (f',{_ITEM}"from_part": {text(period["from_part"])}' if "from_part" in period else "")
        + f'{_KEY}}},{_KEY}"findings": '
        + (("[" + _ITEM + ("," + _ITEM).join([_finding_text(f, text, written) for f in findings])
            + _KEY + "]") if findings else "[]")
        + _PART + "}")


def _finding_text(finding: Any, text: Any, written: dict[Any, str]) -> str:
    """The text of ``finding.to_dict()`` as it reads in a part's "findings" list; `written`:
    the texts of the findings written so far. Only a finding whose contribution is a float
    other than zero is looked up there: equal findings then read the same (0.0 and -0.0, or
    2 and 2.0, are equal but written differently)."""
    contribution = finding.contribution
    kept = type(contribution) is float and contribution != 0.0
    if kept:
        done = written.get(finding)
        if done is not None:
            return done
    span = finding.span
    done = (
        f'{{{_FIELD}"rule": {text(finding.rule)},{_FIELD}"severity": '
        f'{text(finding.severity)},{_FIELD}"section": '
        f'{text(finding.section)},{_FIELD}"message": '
        f'{text(finding.message)},{_FIELD}"suggestion": '
        f'{text(finding.suggestion)},{_FIELD}"span": '
        f'[{_END}{text(span[0])},{_END}{text(span[1])}{_FIELD}],{_FIELD}"concept": '
        f'{text(finding.concept)},{_FIELD}"quote": '
        f'{text(finding.quote)},{_FIELD}"replacement": '
        f'{text(finding.replacement)},{_FIELD}"placeholders": '
        f'{_list_text(finding.placeholders, text, _FIELD)},{_FIELD}"replacement_span": '
        f'{_list_text(finding.target, text, _FIELD)},{_FIELD}"contribution": '
        f'{text(round(contribution, 3))}{_ITEM}}}')
    if kept:
        written[finding] = done
    return done


def _written_parts(assessment: Any, assessed: list[Any], texts: list[str]) -> list[str]:
    """Every part's JSON (`_parts_texts`): `texts`, written as the parts were `assessed`,
    where the request's assessment still has those; written again for a part that was
    assessed again (it took another part's period)."""
    parts = assessment.parts
    numbers = assessment.numbers
    again = [at for at, part in enumerate(parts) if part is not assessed[at]]
    if not again:
        return texts
    texts = list(texts)
    for at, text in zip(again, _parts_texts([numbers[at] for at in again],
                                            [parts[at] for at in again]), strict=True):
        texts[at] = text
    return texts


def _long_note(report: dict[str, Any]) -> dict[str, Any]:
    return {
        "rule": "unusual-length", "severity": "info", "section": None,
        "message": (f"This text is unusually long for a request ({report['length']:,} "
                    "characters). Check that only the request was pasted; a request this long "
                    "is likely to be extended or refused."),
        "suggestion": None, "span": [0, 0], "concept": None, "quote": "",
        "replacement": None, "placeholders": [],
    }


def _wrap(text: str, indent: str, first: str | None = None) -> list[str]:
    lines = textwrap.wrap(" ".join(text.split()), width=WIDTH, initial_indent=first or indent,
                          subsequent_indent=indent, break_long_words=False,
                          break_on_hyphens=False)
    return lines or [first or indent]


_MARK = {"danger": "!!", "warning": "! ", "info": "- "}


def report_text(report: dict[str, Any], name: str = "the request") -> str:
    """A report a person can read: each part with its risk, period, the quoted words, why, and
    what to write instead; then the request as a whole."""
    from oiadraft.periods import format_date
    from oiadraft.text import join_and

    try:
        from oiadraft.periods import format_period
    except ImportError:  # pragma: no cover - older periods module
        format_period = None
    profile = report["profile"]
    assessment = report["assessment"]
    split = report["split"]
    out: list[str] = []
    count = len(assessment.parts)
    plural = "part" if count == 1 else "parts"
    named = {"letter": ", named in the letter",
             "addressee": f": addressed to {report.get('addressee')}"}.get(report.get("act_source") or "", "")
    out.append(f"oiadraft check: {name}, {count} {plural}, under the {profile.name} "
               f"({profile.short}{named}), as at {format_date(report['today'])}")
    if report["long"]:
        out.extend(_wrap(_long_note(report)["message"], "  ", "Note: "))
    high = [n for n, p in zip(assessment.numbers, assessment.parts, strict=True) if p.risk == "high"]
    medium = [n for n, p in zip(assessment.numbers, assessment.parts, strict=True)
              if p.risk == "medium"]
    section = profile.cite("refusal_collation")
    if high:
        out.append(f"Overall: HIGH risk. Part{'s' if len(high) > 1 else ''} {join_and(high)} "
                   f"could well be refused ({section}) or sent back to be narrowed.")
    elif medium:
        out.append(f"Overall: MEDIUM risk. Part{'s' if len(medium) > 1 else ''} {join_and(medium)} "
                   "may draw a request to narrow or an extension.")
    else:
        out.append("Overall: LOW risk. Every part is specific enough.")
    if split.request_period is not None and format_period is not None:
        out.append(f"Period for the whole request: {format_period(split.request_period.period)} "
                   f"(\"{' '.join(split.request_period.text.split())}\")")
    if report.get("subject"):
        out.extend(_wrap(f"{report['subject']} (from the letter's opening; a part "
                         "that names no subject is read as about it)", "  ",
                         "Subject of the whole request: "))
    for number, part in zip(assessment.numbers, assessment.parts, strict=True):
        out.append("")
        out.append(f"Part {number}: {part.risk.upper()} risk "
                   f"(likelihood of refusal or a request to narrow: {part.likelihood:.0%})")
        out.extend(_wrap(_snippet(part.text), "    ", "    \u201c")[:3])
        out.append(f"  Period: {_period_words(part, format_period)}")
        if part.reasons:
            out.extend(_wrap(_why(part.reasons), "    ", "  Why: "))
        for finding in part.findings:
            out.extend(_wrap(finding.message, "     ", f"  {_MARK[finding.severity]} "))
            if finding.suggestion and finding.suggestion.strip():
                out.extend(_wrap(finding.suggestion.strip(), "       ", "     Try: "))
        if not part.findings:
            out.append("  Nothing to change.")
    if assessment.findings:
        out.append("")
        out.append("The request as a whole")
        for finding in assessment.findings:
            out.extend(_wrap(finding.message, "     ", f"  {_MARK[finding.severity]} "))
            if finding.suggestion:
                out.extend(_wrap(finding.suggestion, "       ", "     Try: "))
    out.append("")
    return "\n".join(out)


def _why(reasons: tuple[str, ...]) -> str:
    """ "a long period for this kind of record; in its favour: names a kind of document"."""
    favour = "in its favour: "
    against = [r for r in reasons if not r.startswith(favour)]
    helping = [r.removeprefix(favour) for r in reasons if r.startswith(favour)]
    pieces = ["; ".join(against)] if against else []
    if helping:
        pieces.append(favour + "; ".join(helping))
    return "; ".join(pieces) + "."


def _snippet(text: str) -> str:
    flat = " ".join(text.split())
    return (flat if len(flat) <= 220 else flat[:217].rstrip() + "...") + "\u201d"


def _period_words(part: Any, format_period: Any) -> str:
    if part.period is None:
        said = {f.rule: " ".join(f.quote.split()) for f in part.findings
                if f.rule in ("open-period", "unclear-period")}
        if "open-period" in said:  # "since records began"
            return f"every year the agency holds records for (\"{said['open-period']}\")"
        if "unclear-period" in said:  # "since 28th feb": which year?
            return f"\"{said['unclear-period']}\" cannot be read without guessing (see below)"
        return "none stated (the part covers every year the agency holds records for)"
    words = format_period(part.period) if format_period else str(part.period)
    if part.period_part is not None:
        return f"{words} (the period of part {part.period_part}, which this part refers to)"
    where = {"part": "stated in the part", "request": "from the whole-request period"}
    if part.period_text:
        return f"{words} (\"{' '.join(part.period_text.split())}\", {where[part.period_source]})"
    return f"{words} ({where.get(part.period_source, part.period_source)})"
