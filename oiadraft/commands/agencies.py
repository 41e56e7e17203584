"""`oiadraft agencies search|show|list`: find who a request goes to and which Act applies.

Exit status for `search`: 0 when one agency was found or several close ones are listed, 1 when
nothing in the directory matches (the closest names are still printed, with the way forward),
2 on bad usage. `show` with an unknown id is bad usage (2) and suggests the closest ids.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from typing import Any

from oiadraft.commands import positive_int

OTHER_SCORE = 60.0
"""Below this a runner-up is noise next to a clear answer and is left out of the text output."""


class _ActChoices:
    """`list --act` choices: the official information Acts' keys and "none", read from the Act
    profiles only when argparse checks a value or prints the usage (building the parser stays
    free of YAML)."""

    def _values(self) -> tuple[str, ...]:
        from oiadraft.agencies import act_values

        return act_values()

    def __iter__(self) -> Iterator[str]:
        return iter(self._values())

    def __contains__(self, value: object) -> bool:
        return value in self._values()


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "agencies",
        help="find an agency, Minister or council and the Act that applies",
        description=(
            "Search the directory of New Zealand agencies, Ministers and councils: it says which "
            "Act applies (OIA or LGOIMA, or neither) and, for councils, the anniversary-day region."
        ),
    )
    actions = parser.add_subparsers(dest="agencies_action", metavar="ACTION", required=True)

    search = actions.add_parser(
        "search",
        help="find agencies by name, te reo name, acronym, old name or town",
        description=(
            "Find agencies by what you would call them: 'mfat', 'foreign affairs', 'Manatū "
            "Aorere', 'wcc', 'the health minister', 'dunedin'. Exit status 0 when something "
            "matched, 1 when nothing in the directory matches."
        ),
    )
    search.add_argument("query", nargs="+", help="what you would call the agency")
    search.add_argument("--limit", type=positive_int, default=5, metavar="N",
                        help="show at most N matches (default 5)")
    search.add_argument("--format", choices=("text", "json"), default="text")
    search.set_defaults(func=run)

    show = actions.add_parser("show", help="show one agency by id")
    show.add_argument("id", help="the agency id, as printed by `search`")
    show.add_argument("--format", choices=("text", "json"), default="text")
    show.set_defaults(func=run)

    listing = actions.add_parser("list", help="list the directory (optionally one kind or Act)")
    listing.add_argument("--kind", help="only this kind (department, minister, council_district, ...)")
    # a metavar of its own: without one, argparse lists the choices (reading the Act
    # profiles) while the parser is built, for every command
    listing.add_argument("--act", choices=_ActChoices(), metavar="ACT",
                         help="only bodies under this Act: %(choices)s")
    listing.add_argument("--format", choices=("text", "json"), default="text")
    listing.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from oiadraft import agencies

    if args.agencies_action == "search":
        from oiadraft.text import printable

        # a query pasted with colour codes is its words: the codes are never echoed back
        return _search(agencies, printable(" ".join(args.query)), args.limit, args.format)
    if args.agencies_action == "show":
        return _show(agencies, args.id, args.format)
    return _list(agencies, args.kind, args.act, args.format)


def _search(agencies: Any, query: str, limit: int, fmt: str) -> int:
    from oiadraft.errors import UserError

    if not agencies.normalize(query):
        raise UserError("give a name to search for, e.g. `oiadraft agencies search mfat`")
    resolution = agencies.resolve(query)
    matches = agencies.search(query, limit)
    if resolution.status == agencies.NOT_FOUND:
        matches = list(resolution.candidates[:limit])
    elif resolution.status == agencies.AMBIGUOUS:
        shown = {m.agency.id for m in matches}
        matches += [m for m in resolution.candidates if m.agency.id not in shown]
        matches = matches[: max(limit, len(resolution.candidates))]
    if fmt == "json":
        data = resolution.to_dict()
        data["results"] = [m.to_dict() for m in matches]
        _print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        _print(_search_text(agencies, resolution, matches))
    return 1 if resolution.status == agencies.NOT_FOUND else 0


def _search_text(agencies: Any, resolution: Any, matches: list[Any]) -> str:
    lines: list[str] = []
    if resolution.status == agencies.FOUND:
        top = matches[0]
        lines += _describe(agencies, top.agency)
        lines.append(f"  matched “{top.matched_on}” (score {top.score:g})")
        others = [m for m in matches[1:] if m.score >= OTHER_SCORE]
        if others:
            lines += ["", "Other matches:"]
            lines += [_row(agencies, m) for m in others]
        return "\n".join(lines)
    lines.append(resolution.message)
    if matches:
        lines.append("")
        lines += [_row(agencies, m) for m in matches]
    if resolution.status == agencies.AMBIGUOUS:
        lines += ["", "See one with `oiadraft agencies show ID`."]
    return "\n".join(lines)


def _row(agencies: Any, match: Any) -> str:
    agency = match.agency
    return f"  {match.score:5.1f}  {agency.display_name}  [{agency.id}; {_kind(agency)}]"


_KIND_LABELS = {
    "departmental_agency": "departmental agency",
    "crown_entity": "Crown entity",
    "council_regional": "regional council",
    "council_city": "city council",
    "council_district": "district council",
    "council_unitary": "unitary authority",
    "not_subject": "not subject to either Act",
}


def _kind(agency: Any) -> str:
    """"department; OIA", "district council; LGOIMA", "not subject to either Act"."""
    label = _KIND_LABELS.get(agency.kind, agency.kind.replace("_", " "))
    if not agency.is_subject:
        return label
    from oiadraft.acts import get_act

    return f"{label}; {get_act(agency.act).short}"


def _describe(agencies: Any, agency: Any) -> list[str]:
    directory = agencies.directory()
    lines = [agency.display_name]
    lines.append(f"  id: {agency.id} · {directory.kinds.get(agency.kind, agency.kind)}")
    if agency.is_subject:
        lines.append(f"  Act: {agencies.act_label(agency.act)}")
    else:
        lines.append(f"  Act: none — {agencies.act_label(agencies.NOT_SUBJECT)}")
    if agency.region:
        lines.append(f"  Region: {directory.regions.get(agency.region, agency.region)}"
                     f" [{agency.region}]")
        if agency.region_note:
            lines.append(f"    {agency.region_note}")
    if agency.note:
        lines.append(f"  Note: {agency.note}")
    if agency.kind == "minister":
        lines.append("  A request to a Minister covers what they hold in their official capacity; "
                     "the department is a separate recipient.")
    if agency.related:
        related = [directory.get(other) for other in agency.related]
        lines.append("  Related: " + ", ".join(f"{a.name} [{a.id}]" for a in related if a))
    return lines


def _show(agencies: Any, agency_id: str, fmt: str) -> int:
    from oiadraft.errors import UserError

    agency = agencies.get(agency_id)
    if agency is None:
        closest = agencies.search(agency_id.replace("-", " "), 3)
        hint = ", ".join(m.agency.id for m in closest)
        raise UserError(f"no agency with id {agency_id!r}"
                        + (f"; closest: {hint}" if hint else "")
                        + " (search with `oiadraft agencies search NAME`)")
    if fmt == "json":
        data = agency.to_dict()
        source = agencies.directory().sources.get(agency.source, {})
        data["source_title"] = source.get("title")
        data["source_url"] = source.get("url")
        _print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        lines = _describe(agencies, agency)
        also = [*agency.acronyms, *agency.aliases]
        if also:
            lines.append("  Also known as: " + ", ".join(also))
        if agency.places:
            lines.append("  Towns: " + ", ".join(agency.places))
        source = agencies.directory().sources.get(agency.source, {})
        lines.append(f"  Source: {source.get('title', agency.source)}")
        _print("\n".join(lines))
    return 0


def _list(agencies: Any, kind: str | None, act: str | None, fmt: str) -> int:
    from oiadraft.errors import UserError

    directory = agencies.directory()
    if kind is not None and kind not in directory.kinds:
        raise UserError(f"unknown kind {kind!r}; choose from {', '.join(directory.kinds)}")
    chosen = [a for a in directory.agencies
              if (kind is None or a.kind == kind) and (act is None or a.act == act)]
    if fmt == "json":
        _print(json.dumps([a.to_dict() for a in chosen], ensure_ascii=False, indent=2))
    else:
        for agency in chosen:
            region = f"; {agency.region}" if agency.region else ""
            _print(f"{agency.id:36} {agency.display_name}  [{_kind(agency)}{region}]")
    return 0


def _print(text: str) -> None:
    sys.stdout.write(text + "\n")
