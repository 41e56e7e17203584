"""Working days and deadlines under the OIA and LGOIMA, right to the day (reference §4).

A working day is any day that is not a Saturday or Sunday, not one of the holidays the Act's
definition names (Waitangi Day, Good Friday, Easter Monday, Anzac Day, the Sovereign's
birthday, Matariki from 2022, Labour Day, and from 2014 the Monday after a Waitangi or Anzac Day
that falls on a weekend), and not in the summer holiday block (OIA 25 December to 15 January;
LGOIMA since 21 March 2019: 20 December to 10 January plus the council's regional anniversary
day). Christmas, Boxing Day and New Year holidays are not excluded as such: they lie inside
the block. One-off days (Queen Elizabeth II Memorial Day, 26 September 2022) come from
`oiadraft/data/working_days.yaml`, as do the rules above; council regions come from
`oiadraft/data/regions.yaml`.

Counting: the day of receipt is day 0 and never counted; day 1 is the first working day after
it, and the Nth working day is the deadline (always a working day itself). An extension of N
working days runs on from the original deadline.

    compute(date(2024, 9, 13), extend=45)   -> due 2024-10-11, extended_due 2024-12-16

Matariki is known to 2052 (the Act's schedule). Later years are counted without a Matariki day:
`compute` adds a note to its result and the plain functions issue `MatarikiNotSetWarning`, so a
date is never silently wrong.

Pure domain code: no textual, no I/O beyond reading the shipped data files; the `holidays`
package is imported only when a year's holidays are first needed.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from oiadraft import paths, yamlio
from oiadraft.acts import WorkingDayRule, act_keys, default_act, get_act
from oiadraft.errors import DataError, UserError
from oiadraft.periods import WEEKDAY_NAMES, format_date

MAX_WORKING_DAYS = 10_000
"""Largest count accepted (about 40 years), so absurd input fails clearly instead of slowly."""

MAX_STATUS_SPAN_DAYS = 36_525
"""`status` counts day by day, so `today` must be within a century of the deadline."""

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
class _Rules:
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
def _rules() -> _Rules:
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
    return _Rules(
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
    return _rules().one_off_days


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
    rules = _rules()
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
    extra = _rules().matariki
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


class WorkingDays:
    """The working-day calendar of one Act (and, for the LGOIMA, one council region).

    `one_off` overrides the configured one-off days (pass () to count them all as working)."""

    def __init__(self, act: str | None = None, region: str | Region | None = None,
                 one_off: Iterable[OneOffDay] | None = None) -> None:
        self.profile = _profile(act)
        self.act = self.profile.key
        self.region = get_region(region) if region else None
        rules = _rules()
        self._rules = self.profile.working_day_rules
        self._first_year = rules.first_year
        days = rules.one_off_days if one_off is None else tuple(one_off)
        self.one_off = {d.day: d for d in days if self.act in d.acts}
        self._warned: set[int] = set()

    def rule_for(self, day: date) -> WorkingDayRule:
        """The working-day definition in force on a day."""
        current = self._rules[0]
        for rule in self._rules[1:]:
            if rule.start is not None and day >= rule.start:
                current = rule
        return current

    def reason(self, day: date) -> str | None:
        """Why a day is not a working day ("Saturday", "Labour Day", ...), None if it is one."""
        if day.year < self._first_year:
            raise UserError(f"{format_date(day)} is too early: oiadraft counts working days "
                            f"from {self._first_year} on")
        weekday = day.weekday()
        if weekday >= 5:
            return ("Saturday", "Sunday")[weekday - 5]
        rule = self.rule_for(day)
        md = (day.month, day.day)
        if rule.block_start <= rule.block_end:
            in_block = rule.block_start <= md <= rule.block_end
        else:  # the block runs over the new year
            in_block = md >= rule.block_start or md <= rule.block_end
        if in_block:
            return f"holiday period {rule.block_text}"
        name = act_holidays(day.year).get(day)
        if name:
            return name
        if day.year >= 2022 and not matariki_is_set(day.year) and day.year not in self._warned:
            self._warned.add(day.year)
            warnings.warn(MatarikiNotSetWarning(_matariki_message(day.year)), stacklevel=3)
        if rule.anniversary and self.region is not None:
            anniversary, name = _anniversary(self.region.key, day.year)
            if anniversary == day:
                return name
        one_off = self.one_off.get(day)
        if one_off is not None:
            return one_off.name
        return None

    def is_working_day(self, day: date) -> bool:
        return self.reason(day) is None

    def add(self, start: date, n: int) -> date:
        """The nth working day after `start` (start itself never counts); n=0 gives start."""
        _check_count(n, "number of working days", allow_zero=True)
        day = start
        try:
            while n > 0:
                day += timedelta(days=1)
                if self.reason(day) is None:
                    n -= 1
        except OverflowError:
            raise UserError("that count runs past the end of the calendar") from None
        return day

    def count(self, start: date, end: date) -> int:
        """Working days after `start` up to and including `end` (0 when end <= start)."""
        total = 0
        day = start
        while day < end:
            day += timedelta(days=1)
            if self.reason(day) is None:
                total += 1
        return total

    def non_working_days(self, start: date, end: date) -> list[tuple[date, str]]:
        """Weekday non-working days after `start` up to and including `end`, with reasons."""
        found = []
        day = start
        while day < end:
            day += timedelta(days=1)
            why = self.reason(day)
            if why is not None and day.weekday() < 5:
                found.append((day, why))
        return found


def _profile(act: str | None):
    """The Act's profile; the default Act (the first in order) when none is named."""
    return default_act() if act is None else get_act(act)


def _matariki_message(year: int) -> str:
    return (f"Matariki in {year} is not yet set (known to {matariki_known_until()}; later "
            "dates are set by Order in Council), so no Matariki day was excluded in "
            f"{year}: a date after mid-June {year} may be one working day early.")


def _check_count(n: object, what: str, allow_zero: bool = False) -> int:
    if isinstance(n, bool) or not isinstance(n, int):
        raise UserError(f"{what} must be a whole number, got {n!r}")
    low = 0 if allow_zero else 1
    if n < low:
        raise UserError(f"{what} must be {low} or more, got {n}")
    if n > MAX_WORKING_DAYS:
        raise UserError(f"{what} must be at most {MAX_WORKING_DAYS}, got {n}")
    return n


@lru_cache(maxsize=64)
def calendar(act: str | None = None, region: str | None = None) -> WorkingDays:
    """A shared calendar for an Act and region (cached)."""
    return WorkingDays(act, region)


def _plain(value: date) -> date:
    if isinstance(value, datetime):
        return value.date()
    if not isinstance(value, date):
        raise UserError(f"expected a date, got {value!r}")
    return value


def is_working_day(day: date, act: str | None = None, region: str | None = None) -> bool:
    """True when `day` is a working day under the Act (LGOIMA: in the council region)."""
    return calendar(act, region).is_working_day(_plain(day))


def add_working_days(start: date, n: int, act: str | None = None,
                     region: str | None = None) -> date:
    """The nth working day after `start`: start is not counted, day 1 is the first working day
    after it, n=0 returns start."""
    return calendar(act, region).add(_plain(start), n)


def working_days_between(start: date, end: date, act: str | None = None,
                         region: str | None = None) -> int:
    """Working days after `start` up to and including `end`."""
    return calendar(act, region).count(_plain(start), _plain(end))


def non_working_reason(day: date, act: str | None = None,
                       region: str | None = None) -> str | None:
    """Why `day` is not a working day, or None when it is one."""
    return calendar(act, region).reason(_plain(day))


# ------------------------------------------------------------------------ results


@dataclass(frozen=True)
class Deadlines:
    """Every deadline that runs from one request's day of receipt."""

    act: str
    received: date
    working_days: int
    due: date
    transfer_due: date | None
    """None when the Act sets no transfer time limit."""
    clarification_cutoff: date | None
    """None when the Act has no clarification cut-off."""
    extended_by: int | None
    extended_due: date | None
    region: str | None
    notes: list[str] = field(default_factory=list, hash=False)
    one_off: tuple[OneOffDay, ...] | None = field(default=None, repr=False, compare=False)
    extension_notice_due: date | None = None
    """The last day to give notice of an extension: counted from receipt by the Act's own
    period (OIA s15A(3): 20 working days), whatever time limit `working_days` was asked for."""

    @property
    def final_due(self) -> date:
        """The date that matters now: the extended due date when there is one."""
        return self.extended_due or self.due

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (ISO dates); `extended_*` only when there is an extension."""
        out: dict[str, Any] = {
            "act": self.act,
            "received": self.received.isoformat(),
            "working_days": self.working_days,
            "due": self.due.isoformat(),
        }
        if self.extended_by is not None and self.extended_due is not None:
            out["extended_by"] = self.extended_by
            out["extended_due"] = self.extended_due.isoformat()
        out["transfer_due"] = _iso(self.transfer_due)
        out["clarification_cutoff"] = _iso(self.clarification_cutoff)
        out["extension_notice_due"] = _iso(self.extension_notice_due)
        out["region"] = self.region
        out["notes"] = list(self.notes)
        return out


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def compute(received: date, act: str | None = None, region: str | None = None,
            days: int | None = None, extend: int | None = None, *,
            one_off: Iterable[OneOffDay] | None = None) -> Deadlines:
    """The decision deadline (`days` working days after receipt; default the Act's own time
    limit), the transfer deadline, the clarification cut-off and the last day to notify an
    extension (each as the Act sets them, None when it sets none) and, with `extend`, the
    extended deadline (`extend` working days after the original deadline). Notes say what the
    user should know about the count, including anything the Act's profile marks unconfirmed."""
    received = _plain(received)
    profile = _profile(act)
    first_year = _rules().first_year
    if received.year < first_year:
        raise UserError(f"{format_date(received)} is too early: oiadraft counts working days "
                        f"from {first_year} on")
    if days is None:
        days = profile.time_limit_days
    _check_count(days, "the time limit in working days")
    if extend is not None:
        _check_count(extend, "the extension in working days")
    notes: list[str] = []
    region_obj = get_region(region) if region else None
    if region_obj is not None and not profile.uses_region:
        notes.append(f"{profile.short_in_text[:1].upper()}{profile.short_in_text[1:]} does not exclude regional anniversary days, so the "
                     f"region ({region_obj.name}) makes no difference.")
        region_obj = None
    one_off = None if one_off is None else tuple(one_off)
    cal = WorkingDays(profile.key, region_obj, one_off)

    def after(count: int | None) -> date | None:
        return None if count is None else cal.add(received, count)

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MatarikiNotSetWarning)
        due = cal.add(received, days)
        transfer = after(profile.transfer_days)
        clarification = after(profile.clarification_days)
        notice = after(profile.extension_notice_days)
        extended_due = cal.add(due, extend) if extend is not None else None
        last = max(d for d in (due, transfer, clarification, notice, extended_due) if d)
        notes.extend(_unconfirmed_notes(profile))
        notes.extend(_notes(cal, received, last, days, due, extended_due, profile.short))

    return Deadlines(
        act=profile.key, received=received, working_days=days, due=due,
        transfer_due=transfer, clarification_cutoff=clarification,
        extended_by=extend, extended_due=extended_due,
        region=region_obj.key if region_obj else None, notes=notes, one_off=one_off,
        extension_notice_due=notice,
    )


_UNCONFIRMED_LABELS = {
    "time_limit_days": "the {days}-working-day time limit",
    "transfer_days": "the {transfer}-working-day transfer limit",
    "clarification_days": "the {clarify}-working-day clarification cut-off",
    "extension_notice_days": "the {notice}-working-day limit for notice of an extension",
    "working_days": "what counts as a working day",
}


def _unconfirmed_notes(profile: Any) -> list[str]:
    """One note for each time limit, or the working-day rule, the Act's profile marks as not
    confirmed against the Act's text."""
    numbers = {"days": profile.time_limit_days, "transfer": profile.transfer_days,
               "clarify": profile.clarification_days, "notice": profile.extension_notice_days}
    notes = []
    for key, label in _UNCONFIRMED_LABELS.items():
        if not profile.is_verified(key):
            what = label.format(**numbers)
            notes.append(f"Unconfirmed: {what} under {profile.short_in_text} "
                         f"({profile.unconfirmed[key]}).")
    return notes


def _notes(cal: WorkingDays, received: date, last: date, days: int, due: date,
           extended_due: date | None, act_short: str) -> list[str]:
    notes: list[str] = []
    why = cal.reason(received)
    if why is not None:
        first = cal.add(received, 1)
        notes.append(f"Received on a non-working day ({why}): the law still counts from the "
                     f"day of receipt, so day 1 is {format_date(first, weekday=True)}. "
                     "FYI.org.nz may show a due date one working day later.")

    lgoima_rules = [r for r in cal._rules if r.anniversary]
    if lgoima_rules:
        since = lgoima_rules[0].start
        if since is not None and received < since:
            notes.append(f"The {act_short} working-day definition changed on "
                         f"{format_date(since)}; days before then are counted under the earlier "
                         f"rule (holiday period {cal._rules[0].block_text}, no anniversary day).")
        if cal.region is None and since is not None and last >= since:
            inside = []
            for region in regions().values():
                for year in range(received.year, last.year + 1):
                    day = anniversary_day(region, year)
                    if received < day <= last and day >= since and cal.reason(day) is None:
                        inside.append((day, region.name))
            affected = [f"{name} {format_date(day, weekday=True)}" for day, name in sorted(inside)]
            text = ("No council region given, so no regional anniversary day was excluded; "
                    f"since {format_date(since)} the {act_short} also excludes the anniversary "
                    "day of the council's region: give the region to count it.")
            if affected:
                text += " Anniversary days inside this count: " + "; ".join(affected) + "."
            else:
                text += " No region's anniversary day falls inside this count."
            notes.append(text)

    if cal.region is not None:
        for year, note in cal.region.notes:
            if received.year <= year <= last.year:
                notes.append(note)

    for day, one_off in sorted(cal.one_off.items()):
        if received < day <= last and one_off.confirmed:
            notes.append(one_off.note)
        elif received < day <= last:
            text = one_off.note
            without = WorkingDays(cal.act, cal.region,
                                  [d for d in cal.one_off.values() if d.day != day])
            alt_due = without.add(received, days)
            alt = []
            if alt_due != due:
                alt.append(f"due {format_date(alt_due, weekday=True)}")
            if extended_due is not None:
                alt_ext = without.add(alt_due, cal.count(due, extended_due))  # = extend
                if alt_ext != extended_due:
                    alt.append(f"extended due {format_date(alt_ext, weekday=True)}")
            if alt:
                text += f" Counting it as a working day gives {' and '.join(alt)}."
            notes.append(text)

    unknown = [y for y in range(received.year, last.year + 1) if not matariki_is_set(y)]
    for year in unknown:
        notes.append(_matariki_message(year))
    return notes


@dataclass(frozen=True)
class Status:
    """Where a request stands on a given day."""

    today: date
    deadline: date
    against: str  # "due" or "extended_due"
    working_days_left: int  # working days after today up to the deadline; 0 when overdue
    working_days_overdue: int  # working days after the deadline up to today
    calendar_days: int  # deadline - today: negative when overdue

    @property
    def overdue(self) -> bool:
        return self.today > self.deadline

    def describe(self) -> str:
        when = format_date(self.deadline, weekday=True)
        what = "extended deadline" if self.against == "extended_due" else "deadline"
        if self.overdue:
            return (f"overdue by {_plural(self.working_days_overdue, 'working day')} "
                    f"({_plural(-self.calendar_days, 'calendar day')}): the {what} was {when}")
        if self.calendar_days == 0:
            return f"due today ({when})"
        return (f"{_plural(self.working_days_left, 'working day')} left "
                f"({_plural(self.calendar_days, 'calendar day')}) until the {what}, {when}")

    def to_dict(self) -> dict[str, Any]:
        return {
            "today": self.today.isoformat(),
            "against": self.against,
            "deadline": self.deadline.isoformat(),
            "overdue": self.overdue,
            "working_days_left": self.working_days_left,
            "working_days_overdue": self.working_days_overdue,
            "calendar_days": self.calendar_days,
        }


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def response_due(sent: date | None, act: str, region: str | None = None,
                 extension_days: int | None = None) -> date | None:
    """When the response to a request sent on `sent` is due (the extended date when the agency
    extended it); None when it was not sent or the date cannot be worked out."""
    if sent is None:
        return None
    from oiadraft.errors import OiaDraftError

    try:
        return compute(sent, act=act, region=region, extend=extension_days).final_due
    except (OiaDraftError, ValueError):
        return None


def due_text(due: date | None, today: date) -> str:
    """ "2024-10-11 (3 days left)", "(due today)", "(2 days overdue)", or "?" when unknown."""
    if due is None:
        return "?"
    days = (due - today).days
    if days < 0:
        return f"{due.isoformat()} ({_plural(-days, 'day')} overdue)"
    if days == 0:
        return f"{due.isoformat()} (due today)"
    return f"{due.isoformat()} ({_plural(days, 'day')} left)"


def status(deadlines: Deadlines, today: date) -> Status:
    """Working days left (or overdue) on `today`, against the extended deadline when there is
    one, else the original deadline."""
    today = _plain(today)
    cal = WorkingDays(deadlines.act, deadlines.region, deadlines.one_off)
    target = deadlines.final_due
    if abs((target - today).days) > MAX_STATUS_SPAN_DAYS:
        raise UserError(f"{format_date(today)} is too far from the deadline "
                        f"({format_date(target)}) to count the working days between them")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MatarikiNotSetWarning)
        left = cal.count(today, target)
        late = cal.count(target, today)
    return Status(
        today=today, deadline=target,
        against="extended_due" if deadlines.extended_due is not None else "due",
        working_days_left=left, working_days_overdue=late,
        calendar_days=(target - today).days,
    )
