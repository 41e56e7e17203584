"""The working-day rules as data: the holidays each Act names, the summer block, one-off
days and council regions with their anniversary days, read from oiadraft/data/, and the
holidays of a year (the `holidays` package, imported when a year is first needed)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from oiadraft import paths, yamlio
from oiadraft.acts import act_keys
from oiadraft.errors import DataError, UserError
from oiadraft.periods import WEEKDAY_NAMES

_RULES_FILE = "oiadraft/data/working_days.yaml"
_REGIONS_FILE = "oiadraft/data/regions.yaml"

# How the `holidays` package names the holidays the Acts list (it also lists Christmas,
# New Year and more, which the Acts do not name: those lie in the holiday block).
_ACT_HOLIDAY_NAMES = {
    "Waitangi Day": "Waitangi Day",
    "Good Friday": "Good Friday",
    "Easter Monday": "Easter Monday",
    "Anzac Day": "Anzac Day",
    "Queen's Birthday": "Queen's Birthday",
    "King's Birthday": "King's Birthday",
    "Matariki": "Matariki",
    "Labour Day": "Labour Day",
}
_MONDAYISED = ("Waitangi Day", "Anzac Day")
_SOVEREIGN = ("Queen's Birthday", "King's Birthday")


class MatarikiNotSetWarning(UserWarning):
    """A count reached a year whose Matariki date is not yet known (after 2052)."""


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class Region:
    """A council region whose anniversary day LGOIMA working days exclude (since 2019)."""

    key: str
    name: str
    subdivision: str
    rule: str
    aliases: tuple[str, ...] = ()
    notes: tuple[tuple[int, str], ...] = ()
    """(year, note) for a year whose anniversary day is reported to differ from the rule."""


@dataclass(frozen=True)
class OneOffDay:
    """A one-off non-working day (e.g. Queen Elizabeth II Memorial Day 2022)."""

    day: date
    name: str
    acts: frozenset[str]
    note: str
    confirmed: bool = True
    """False when the law on the day is unsettled: counts crossing it then also say what the
    date would be if the day were counted."""


@dataclass(frozen=True)
class Rules:
    first_year: int
    mondayise_from: date
    matariki: dict[int, date]
    one_off_days: tuple[OneOffDay, ...]


def _as_date(value: Any, where: str, line: int | None) -> date:
    from oiadraft.fields import day

    try:
        found = day(value)
    except ValueError:
        found = None
    if found is None:
        raise DataError(f"{where}: expected a date like 2019-03-21, got {value!r}", _RULES_FILE,
                        line)
    return found


@lru_cache(maxsize=1)
def loaded_rules() -> Rules:
    data = yamlio.load_file(paths.data_file("working_days.yaml"), _RULES_FILE)
    if not isinstance(data, dict):
        raise DataError("the file must be a YAML mapping", _RULES_FILE)
    matariki: dict[int, date] = {}
    for year, value in (data.get("matariki") or {}).items():
        day = _as_date(value, "matariki", data.line_of("matariki"))
        if day.year != int(year):
            raise DataError(f"matariki {year}: date {day} is in another year", _RULES_FILE,
                            data.line_of("matariki"))
        matariki[int(year)] = day

    one_off = []
    for item in data.get("one_off_days") or []:
        line = item.line if isinstance(item, yamlio.Located) else None
        if not isinstance(item, dict) or not item.get("name") or not item.get("note"):
            raise DataError("each one-off day needs date, name and note", _RULES_FILE, line)
        keys = act_keys()
        item_acts = frozenset(str(a).lower() for a in item.get("acts") or keys)
        if not item_acts <= set(keys):
            raise DataError(f"unknown act in {sorted(item_acts)}", _RULES_FILE, line)
        one_off.append(OneOffDay(day=_as_date(item.get("date"), "date", line),
                                 name=str(item["name"]), acts=item_acts,
                                 note=" ".join(str(item["note"]).split()),
                                 confirmed=bool(item.get("confirmed", True))))
    return Rules(
        first_year=int(data.get("first_year", 1983)),
        mondayise_from=_as_date(data.get("mondayise_from"), "mondayise_from",
                                data.line_of("mondayise_from")),
        matariki=matariki,
        one_off_days=tuple(one_off),
    )


@lru_cache(maxsize=1)
def regions() -> dict[str, Region]:
    """The council regions from oiadraft/data/regions.yaml, by key (validated)."""
    data = yamlio.load_file(paths.data_file("regions.yaml"), _REGIONS_FILE)
    table = data.get("regions") if isinstance(data, dict) else None
    if not isinstance(table, dict) or not table:
        raise DataError("missing 'regions' mapping", _REGIONS_FILE)
    result: dict[str, Region] = {}
    seen: dict[str, str] = {}
    for key, entry in table.items():
        line = table.line_of(key)
        if not isinstance(entry, dict):
            raise DataError(f"region {key!r} must be a mapping", _REGIONS_FILE, line)
        missing = [f for f in ("name", "subdivision", "rule") if not entry.get(f)]
        if missing:
            raise DataError(f"region {key!r} lacks {', '.join(missing)}", _REGIONS_FILE, line)
        aliases = tuple(_normalise(str(a)) for a in entry.get("aliases") or [])
        for name in (_normalise(str(key)), *aliases):
            if name in seen:
                raise DataError(f"region name {name!r} is used twice", _REGIONS_FILE, line)
            seen[name] = str(key)
        year_notes = entry.get("notes") or {}
        if not isinstance(year_notes, dict):
            raise DataError(f"region {key!r}: notes must map a year to a note", _REGIONS_FILE,
                            line)
        result[str(key)] = Region(key=str(key), name=str(entry["name"]),
                                  subdivision=str(entry["subdivision"]),
                                  rule=str(entry["rule"]), aliases=aliases,
                                  notes=tuple((int(year), " ".join(str(note).split()))
                                              for year, note in year_notes.items()))
    return result


def _normalise(name: str) -> str:
    text = name.strip().lower().replace("'", "").replace("\u2019", "")
    return "-".join(text.replace("_", " ").replace("-", " ").split())


def get_region(key: str | Region) -> Region:
    """A region by key or alias ("wellington", "Hawke's Bay", "northland"); UserError if
    unknown."""
    if isinstance(key, Region):
        return key
    table = regions()
    wanted = _normalise(key or "")
    for region in table.values():
        if wanted == region.key or wanted in region.aliases:
            return region
    raise UserError(f"unknown region {key!r}: use one of {', '.join(table)}")


def one_off_days() -> tuple[OneOffDay, ...]:
    """The configured one-off non-working days (oiadraft/data/working_days.yaml)."""
    return loaded_rules().one_off_days


# ------------------------------------------------------------------ holiday tables


@lru_cache(maxsize=1024)
def _package_holidays(year: int, subdivision: str | None) -> dict[date, tuple[str, ...]]:
    """The `holidays` package's NZ holidays for a year, unobserved, names split per day."""
    import holidays  # imported here: only counts need it (importing it costs tens of ms)

    try:
        table = holidays.country_holidays("NZ", subdiv=subdivision, years=year, observed=False)
        return {day: tuple(table.get_list(day)) for day in sorted(table)}
    except Exception as exc:  # an old or changed package: say which, never a traceback
        version = getattr(holidays, "__version__", "?")
        raise DataError(f"the holidays package (version {version}) failed for New Zealand "
                        f"{subdivision or 'national'} holidays in {year}: {exc}",
                        "holidays (package)") from None


@lru_cache(maxsize=256)
def act_holidays(year: int) -> dict[date, str]:
    """The weekday holidays the Acts' definitions name, for one year: date -> name.

    Includes the Monday after a Waitangi or Anzac Day on a weekend (from 2014). Matariki is
    included when known (package schedule to 2052, plus working_days.yaml `matariki`)."""
    rules = loaded_rules()
    found: dict[date, str] = {}
    got: set[str] = set()  # every name seen (two can share a day: Anzac Day 2011 was Easter Monday)
    for day, names in _package_holidays(year, None).items():
        for name in names:
            if name in _ACT_HOLIDAY_NAMES and name != "Matariki":
                found.setdefault(day, _ACT_HOLIDAY_NAMES[name])
                got.add(name)
    matariki = matariki_date(year)
    if matariki is not None:
        found.setdefault(matariki, "Matariki")
    needed = {"Waitangi Day", "Good Friday", "Easter Monday", "Anzac Day", "Labour Day"}
    if not needed <= got or not got & set(_SOVEREIGN):
        missing = sorted(needed - got) or ["the Sovereign's birthday"]
        raise DataError(f"the holidays package gave no {', '.join(missing)} for {year}; "
                        "its names may have changed", "holidays (package)")
    for day, name in list(found.items()):
        if name in _MONDAYISED and day >= rules.mondayise_from and day.weekday() >= 5:
            monday = day + timedelta(days=7 - day.weekday())
            found.setdefault(monday, f"{name} (observed: it fell on a "
                                     f"{WEEKDAY_NAMES[day.weekday()]})")
    return dict(sorted(found.items()))


@lru_cache(maxsize=256)
def matariki_date(year: int) -> date | None:
    """The Matariki public holiday for a year, or None (before 2022, or not yet set)."""
    extra = loaded_rules().matariki
    if year in extra:
        return extra[year]
    days = [d for d, names in _package_holidays(year, None).items() if "Matariki" in names]
    return days[0] if days else None


def matariki_known_until() -> int:
    """The last year whose Matariki date is known (2052 unless working_days.yaml adds more)."""
    year = 2022
    while matariki_date(year + 1) is not None:
        year += 1
    return year


def matariki_is_set(year: int) -> bool:
    """False for a year from 2022 on whose Matariki date is not yet known."""
    return year < 2022 or matariki_date(year) is not None


def anniversary_day(region: str | Region, year: int) -> date:
    """The observed anniversary day of a council region in a year (from the holidays package)."""
    return _anniversary(get_region(region).key, year)[0]


@lru_cache(maxsize=512)
def _anniversary(key: str, year: int) -> tuple[date, str]:
    reg = get_region(key)
    national = {name for names in _package_holidays(year, None).values() for name in names}
    own = [(day, name) for day, names in _package_holidays(year, reg.subdivision).items()
           for name in names if name not in national]
    if len(own) > 1:  # e.g. a one-off regional holiday in the same year
        own = [(day, name) for day, name in own if "Anniversary" in name]
    if len(own) != 1:
        raise DataError(f"expected one anniversary day for {reg.name} in {year}, the holidays "
                        f"package gave {own!r}", _REGIONS_FILE)
    return own[0]


# ----------------------------------------------------------------------- calendar

