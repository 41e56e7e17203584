"""Reading and validating a directory file: each entry checked field by field, a bad one
reported as a DataError with the file and line."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from oiadraft.agencies.matching import Directory, normalize
from oiadraft.agencies.model import (
    NOT_SUBJECT,
    Agency,
    act_of_kind,
    act_values,
    regional_acts,
)
from oiadraft.errors import DataError

_FIELDS = {
    "id", "name", "te_reo", "acronyms", "aliases", "places", "portfolio", "kind", "act", "region",
    "region_note", "note", "source", "related",
}
_REQUIRED = ("id", "name", "kind", "act", "source")
_LIST_FIELDS = ("acronyms", "aliases", "places", "related")
_TEXT_FIELDS = ("name", "te_reo", "portfolio", "region_note", "note")
_ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_EMAIL_PATTERN = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


def load_directory(path: Path | Any | None = None) -> Directory:
    """Read and validate a directory file (default: the built-in agencies.yaml).

    Raises DataError with the file and line of the first problem found.
    """
    from oiadraft import yamlio

    if path is None:
        from oiadraft.paths import data_file

        path = data_file("agencies.yaml")
    source = str(path)
    data = yamlio.load_file(path, source)
    return _build(data, source)


def _build(data: Any, source: str) -> Directory:
    def fail(message: str, line: int | None = None) -> DataError:
        return DataError(message, source, line)

    if not isinstance(data, Mapping):
        raise fail("expected a mapping with version, sources, regions, kinds and agencies")
    top_line = getattr(data, "line_of", lambda key: None)
    if data.get("version") != 1:
        raise fail("unsupported or missing version (expected version: 1)", top_line("version"))
    sources = _mapping_of_mappings(data.get("sources"), "sources", fail, top_line("sources"))
    regions = _string_mapping(data.get("regions"), "regions", fail, top_line("regions"))
    kinds = _string_mapping(data.get("kinds"), "kinds", fail, top_line("kinds"))
    entries = data.get("agencies")
    if not isinstance(entries, list) or not entries:
        raise fail("`agencies` must be a non-empty list", top_line("agencies"))

    agencies: list[Agency] = []
    lines: dict[str, int | None] = {}
    names: dict[str, str] = {}
    for entry in entries:
        agency = _agency(entry, sources, regions, kinds, fail)
        if agency.id in lines:
            raise fail(f"duplicate id {agency.id!r} (first used at line {lines[agency.id]})",
                       _line(entry, "id"))
        key = normalize(agency.name)
        if key in names:
            raise fail(f"duplicate name {agency.name!r} (also {names[key]!r})", _line(entry, "name"))
        lines[agency.id] = agency.line
        names[key] = agency.id
        agencies.append(agency)
    for entry, agency in zip(entries, agencies, strict=True):
        for other in agency.related:
            if other not in lines:
                raise fail(f"{agency.id}: related id {other!r} is not in the directory",
                           _line(entry, "related"))
    return Directory(tuple(agencies), sources, regions, kinds, source)


def _line(entry: Any, key: str) -> int | None:
    line_of = getattr(entry, "line_of", None)
    return line_of(key) if line_of else None


def _agency(entry: Any, sources: Mapping[str, Any], regions: Mapping[str, str],
            kinds: Mapping[str, str], fail) -> Agency:
    if not isinstance(entry, Mapping):
        raise fail("each agency must be a mapping", getattr(entry, "line", None))
    line = getattr(entry, "line", None)
    unknown = sorted(set(map(str, entry)) - _FIELDS)
    if unknown:
        raise fail(f"unknown field {unknown[0]!r} (known: {', '.join(sorted(_FIELDS))})",
                   _line(entry, unknown[0]))
    for key in _REQUIRED:
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            where = _line(entry, key) if key in entry else line
            raise fail(f"agency is missing `{key}` (a non-empty string)", where)
    label = entry["id"]
    if not _ID_PATTERN.match(label):
        raise fail(f"id {label!r} must be a lowercase slug like 'wellington-cc'", _line(entry, "id"))
    for key in _TEXT_FIELDS:
        if key in entry and (not isinstance(entry[key], str) or not entry[key].strip()):
            raise fail(f"{label}: `{key}` must be a non-empty string", _line(entry, key))
    lists: dict[str, tuple[str, ...]] = {}
    for key in _LIST_FIELDS:
        value = entry.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise fail(f"{label}: `{key}` must be a list of non-empty strings", _line(entry, key))
        lists[key] = tuple(v.strip() for v in value)
    for key in entry:
        values = lists.get(key) or ([entry[key]] if isinstance(entry[key], str) else [])
        if any(_EMAIL_PATTERN.search(v) for v in values):
            raise fail(f"{label}: no email addresses in the directory (they change)",
                       _line(entry, key))

    kind, act = entry["kind"], entry["act"]
    if kind not in kinds:
        raise fail(f"{label}: unknown kind {kind!r} (known: {', '.join(kinds)})",
                   _line(entry, "kind"))
    if act not in act_values():
        raise fail(f"{label}: act must be one of {', '.join(act_values())}, not {act!r}",
                   _line(entry, "act"))
    if entry["source"] not in sources:
        raise fail(f"{label}: source {entry['source']!r} is not listed under `sources`",
                   _line(entry, "source"))
    region = entry.get("region")
    if region is not None and region not in regions:
        raise fail(f"{label}: unknown region {region!r} (known: {', '.join(regions)})",
                   _line(entry, "region"))
    required = act_of_kind(kind)
    if required is not None and act != required.key:
        raise fail(f"{label}: a body of kind {kind} is subject to {required.short_in_text} "
                   f"(act: {required.key})", _line(entry, "act"))
    regional = {profile.key: profile for profile in regional_acts()}
    if region is None and act in regional:
        raise fail(f"{label}: a body under {regional[act].short_in_text} needs a `region` (its "
                   "anniversary day)", line)
    if region is not None and act not in regional:
        from oiadraft.text import join_or

        shorts = join_or([profile.short_in_text for profile in regional.values()]) or "no Act"
        raise fail(f"{label}: only bodies under {shorts} carry a region", _line(entry, "region"))
    if "region_note" in entry and region is None:
        raise fail(f"{label}: region_note without a region", _line(entry, "region_note"))
    if (kind == "not_subject") != (act == NOT_SUBJECT):
        raise fail(f"{label}: kind not_subject goes with act: none, and only with it",
                   _line(entry, "act"))
    if act == NOT_SUBJECT and "note" not in entry:
        raise fail(f"{label}: a body outside both Acts needs a `note` saying what applies instead",
                   line)
    if (kind == "minister") != ("portfolio" in entry):
        raise fail(f"{label}: a minister has a `portfolio`, and only a minister has one",
                   _line(entry, "portfolio") if "portfolio" in entry else line)

    return Agency(
        id=label,
        name=entry["name"].strip(),
        kind=kind,
        act=act,
        source=entry["source"],
        te_reo=_opt(entry.get("te_reo")),
        acronyms=lists["acronyms"],
        aliases=lists["aliases"],
        places=lists["places"],
        portfolio=_opt(entry.get("portfolio")),
        region=region,
        region_note=_opt(entry.get("region_note")),
        note=_opt(entry.get("note")),
        related=lists["related"],
        line=line,
    )


def _opt(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) else None


def _string_mapping(value: Any, name: str, fail, line: int | None) -> dict[str, str]:
    if not isinstance(value, Mapping) or not value:
        raise fail(f"`{name}` must be a non-empty mapping of key: description", line)
    for key, text in value.items():
        if not isinstance(key, str) or not isinstance(text, str) or not text.strip():
            raise fail(f"`{name}`: {key!r} needs a description", _line(value, str(key)))
    return dict(value)


def _mapping_of_mappings(value: Any, name: str, fail, line: int | None) -> dict[str, dict]:
    if not isinstance(value, Mapping) or not value:
        raise fail(f"`{name}` must be a non-empty mapping", line)
    for key, item in value.items():
        if not isinstance(item, Mapping) or not isinstance(item.get("title"), str):
            raise fail(f"`{name}`: {key!r} needs a title (and a url)", _line(value, str(key)))
    return {str(k): dict(v) for k, v in value.items()}


