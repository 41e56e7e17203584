"""`oiadraft deadline DATE`: when the response to a request is due, counted in working days as
the Act defines them (see oiadraft/deadline.py and the Act profiles in oiadraft/data/acts/).

Every bad input (impossible date, unknown act or region, a number that is not a whole number
of 1 or more) ends with one line on stderr and exit status 2: options are validated here, not
by argparse `type=`/`choices=`, which would print a usage block as well.
"""

from __future__ import annotations

import argparse
import sys

DESCRIPTION = """\
Work out when an agency must answer a request received on DATE.

The day of receipt is not counted: day 1 is the first working day after it. Working days
exclude weekends, Waitangi Day, Good Friday, Easter Monday, Anzac Day, the Sovereign's
birthday, Matariki and Labour Day (Waitangi and Anzac Days falling on a weekend also move to
the Monday), and the summer holiday period: 25 December to 15 January under the OIA,
20 December to 10 January under the LGOIMA, which also excludes the council's regional
anniversary day (give it with --region). Each Act's rule is listed below."""

EXAMPLES = """\
output:
  text: the due date, transfer deadline, clarification cut-off, extension, and working days
  left or overdue as at today; notes (e.g. LGOIMA without --region) go to stderr.
  json: one object with act, received, working_days, due, extended_by and extended_due (with
  --extend), transfer_due, clarification_cutoff, region, notes and status (ISO dates).
  Exit status 0, or 2 with one line on stderr for bad input.

examples:
  oiadraft deadline 2024-09-13
  oiadraft deadline 13/09/2024 --extend 45 --format json
  oiadraft deadline "16 December 2024" --act lgoima --region wellington
  oiadraft deadline 2024-09-13 --today 2024-10-20"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "deadline",
        help="when the response to a request is due (working days)",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("date", nargs="*", metavar="DATE",
                        help="the day the request was received: 2024-09-13, 13/09/2024 or "
                             "13 September 2024")
    parser.add_argument("--act", default=None, metavar="ACT",
                        help="the Act the request is made under (keys listed below; default: "
                             "the first)")
    parser.add_argument("--days", metavar="N",
                        help="working days allowed (default: the Act's time limit, 20 for "
                             "the OIA)")
    parser.add_argument("--extend", metavar="N",
                        help="an extension of N working days, counted on from the original "
                             "due date")
    parser.add_argument("--region", metavar="KEY",
                        help="LGOIMA: the council's region, whose anniversary day is not a "
                             "working day (keys listed below)")
    parser.add_argument("--today", metavar="DATE",
                        help="show working days left or overdue as at DATE (default: today)")
    parser.add_argument("--format", default="text", metavar="text|json",
                        help="text for people (default) or one JSON object for scripts")
    parser.set_defaults(func=run)

    def one_line_error(message: str) -> None:
        print(f"oiadraft deadline: {message} (see oiadraft deadline --help)", file=sys.stderr)
        raise SystemExit(2)

    base_format_help = parser.format_help

    def format_help() -> str:
        return (base_format_help() + "\n" + _acts_help() + "\n" + _regions_help() + "\n"
                + EXAMPLES + "\n")

    parser.error = one_line_error  # type: ignore[method-assign]
    parser.format_help = format_help  # type: ignore[method-assign]


def _acts_help() -> str:
    """The --act keys with each Act's time limit and working-day rule (read from the data only
    when help is shown)."""
    try:
        from oiadraft.acts import all_acts

        profiles = all_acts()
    except Exception as exc:  # help must still print
        return f"acts: unavailable ({exc})\n"
    width = max(len(profile.key) for profile in profiles)
    lines = ["acts (--act KEY):"]
    for profile in profiles:
        rule = f"holiday period {profile.holiday_block}"
        if profile.uses_region:
            rule += ", and the council region's anniversary day"
        mark = "" if profile.is_verified("working_days") else " [working days unconfirmed]"
        lines.append(_entry(profile.key, width, f"{profile.name}: {profile.time_limit_days} "
                                                 f"working days; {rule}{mark}"))
    return "\n".join(lines) + "\n"


def _entry(key: str, width: int, text: str) -> str:
    """One "  key  text" entry of the help, the text wrapped under itself."""
    import shutil
    import textwrap

    columns = min(shutil.get_terminal_size().columns, 100) - 2
    indent = " " * (width + 4)
    return textwrap.fill(text, width=max(columns, 40), initial_indent=f"  {key:<{width}}  ",
                         subsequent_indent=indent)


def _regions_help() -> str:
    """The --region keys with their rules (read from regions.yaml only when help is shown)."""
    try:
        from oiadraft.deadline import regions

        table = regions()
    except Exception as exc:  # help must still print
        return f"council regions: unavailable ({exc})\n"
    width = max(len(key) for key in table)
    lines = ["council regions (--region KEY; LGOIMA anniversary day):"]
    for key, region in table.items():
        lines.append(_entry(key, width, f"{region.name}: {region.rule}"))
    return "\n".join(lines) + "\n"


def _whole_number(text: str | None, option: str) -> int | None:
    from oiadraft.errors import UserError

    if text is None:
        return None
    value = text.strip()
    if not value.lstrip("+-").isdigit() or not value.isascii():
        raise UserError(f"{option} needs a whole number of working days, got {text[:40]!r}")
    if len(value) > 9:
        raise UserError(f"{option} is far more working days than any request could take "
                        f"({len(value)} digits)")
    number = int(value)
    if number < 1:
        raise UserError(f"{option} must be 1 or more working days, got {number}")
    return number


def run(args: argparse.Namespace) -> int:
    import json

    from oiadraft import clock
    from oiadraft.acts import default_act, get_act
    from oiadraft.deadline import MAX_WORKING_DAYS, compute, get_region, status
    from oiadraft.errors import UserError
    from oiadraft.periods import parse_date

    fmt = (args.format or "").strip().lower()
    if fmt not in ("text", "json"):
        raise UserError(f"unknown format {args.format!r}: use text or json")
    if not args.date:
        raise UserError("give the date the request was received, e.g. "
                        "oiadraft deadline 2024-09-13")
    received = parse_date(" ".join(args.date))
    profile = get_act(args.act) if args.act is not None else default_act()
    days = _whole_number(args.days, "--days")
    extend = _whole_number(args.extend, "--extend")
    for option, number in (("--days", days), ("--extend", extend)):
        if number is not None and number > MAX_WORKING_DAYS:
            raise UserError(f"{option} must be at most {MAX_WORKING_DAYS} working days, "
                            f"got {number}")
    region = get_region(args.region) if args.region is not None else None
    today = parse_date(args.today) if args.today is not None else clock.today()

    result = compute(received, act=profile.key, region=region.key if region else None,
                     days=days, extend=extend)
    where = status(result, today)

    if fmt == "json":
        out = result.to_dict()
        out["status"] = where.to_dict()
        print(json.dumps(out, indent=2))
        return 0

    for note in result.notes:
        print(f"note: {note}", file=sys.stderr)
    print("\n".join(_text_lines(result, where, profile, region)))
    return 0


def _why(*pieces: str) -> str:
    return f" ({', '.join(piece for piece in pieces if piece)})"


def _text_lines(result, where, profile, region) -> list[str]:
    from oiadraft.periods import format_date

    def day(value) -> str:
        return format_date(value, weekday=True)

    limit = [f"{result.working_days} working days"]
    if result.working_days == profile.time_limit_days:
        limit = [profile.days("time_limit_days"),
                 profile.cite_if_any("time_limit")]
    lines = [f"Received {day(result.received)} -> response due by {day(result.due)}"
             + _why(*limit)]
    if result.region is not None and region is not None:
        lines.append(f"Council region: {region.name} (anniversary day: {region.rule})")
    if result.transfer_due is not None:
        lines.append(f"Transfer to another agency by {day(result.transfer_due)}" + _why(
            profile.days("transfer_days"), profile.cite_if_any("transfer")))
    if result.clarification_cutoff is not None:
        lines.append("Last day to ask you to clarify and still treat your reply as a new request: "
                     f"{day(result.clarification_cutoff)}" + _why(
                         profile.days("clarification_days"),
                         profile.cite_if_any("clarification_cutoff")))
    notice = result.extension_notice_due
    notice_why = "" if notice is None else _why(
        profile.days("extension_notice_days") + " after receipt",
        profile.cite_if_any("extension_notice"))
    if result.extended_due is not None:
        line = (f"Extended by {result.extended_by} working days -> response due by "
                f"{day(result.extended_due)}" + _why(profile.cite_if_any("extension")))
        if notice is not None:
            line += f"; notice of the extension was due by {day(notice)}{notice_why}"
        lines.append(line)
    elif notice is not None:
        lines.append(f"Any extension must be notified by {day(notice)}{notice_why}")
    line = f"Today, {day(where.today)}: {where.describe()}"
    if where.overdue and profile.has("deemed_refusal"):
        line += (f". A missed deadline counts as a refusal you can complain to "
                 f"{profile.reviewer} about" + _why(profile.cite_if_any("deemed_refusal")))
    lines.append(line)
    return lines
