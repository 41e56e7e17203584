"""Act profiles: everything oiadraft knows about each Act, read from one YAML file per Act.

`oiadraft/data/acts/<key>.yaml` holds an Act's names, time limits, working-day rule and section
numbers, keyed by concept (`oiadraft/data/concepts.yaml` lists the concepts). Nothing else in
oiadraft types a section number or an Act's key: code asks a profile.

    all_acts()                     -> (OIA, LGOIMA, Privacy Act) in their `order`
    profile = get_act("lgoima")
    profile.section("grounds")     -> "18(a)(ii)"
    profile.cite("grounds")        -> "s18(a)(ii)"
    profile.words("grounds")       -> "section 18(a)(ii)"
    profile.uses_region            -> True (its working days skip a regional anniversary day)
    profile.time_limit_days        -> 20

Templates use `{s.grounds}`, `{section.grounds}` and `{n.grounds}` through `profile.placeholders()`
and `oiadraft.letter.template.fill`. Anything an Act file marks `unconfirmed` (a number or a
time limit not checked against the Act's text) says so wherever it is shown
(`profile.is_verified`, `profile.cite_marked`).

Adding an Act is one YAML file here plus tests; see docs/ARCHITECTURE.md.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache, lru_cache
from typing import Any

from oiadraft import paths, yamlio
from oiadraft.errors import DataError, UserError

ACTS_FOLDER = "acts"
CONCEPTS_FILE = "concepts.yaml"
UNCONFIRMED_MARK = "[unconfirmed]"
"""Shown after a number or a time limit the Act file marks as not checked against the Act."""

TIME_LIMIT_KEYS = ("decision", "transfer", "clarification", "extension_notice")
"""The working-day periods an Act file may give under `time_limits` (decision is required)."""
_SECTION_HEAD = re.compile(r"\d+[A-Z]*")
"""The section of a code: "9" of "9(2)(a)", "15A" of "15A(3)"."""
WORKING_DAYS_KEY = "working_days"
"""The `unconfirmed` key for the working-day rule as a whole."""


@dataclass(frozen=True)
class WithholdingGround:
    """One withholding ground: its code under this Act and a one-line gist."""

    code: str
    kind: str
    gist: str


@dataclass(frozen=True)
class WorkingDayRule:
    """The working-day definition in force from `start` (None: from the beginning)."""

    start: date | None
    block_start: tuple[int, int]
    """(month, day) of the first day of the summer holiday block."""
    block_end: tuple[int, int]
    block_text: str
    """The block in words, "25 December to 15 January"."""
    anniversary: bool
    """True when the council region's anniversary day is not a working day either."""


@dataclass(frozen=True)
class ActProfile:
    """Names, time limits, working-day rule and section numbers of one Act."""

    key: str
    name: str
    short: str
    body_kind: str
    """What the Act calls the recipient: "agency", "local authority"."""
    reviewer: str
    """Who investigates a refusal or a delay: "an Ombudsman", "the Privacy Commissioner"."""
    request_sentence: str
    """The letter's sentence naming the Act (a template: {act_name}, {s.*})."""
    time_limit_days: int
    transfer_days: int | None
    clarification_days: int | None
    """Working days within which asking for clarification can restart the clock (None: the Act
    has no such rule)."""
    extension_notice_days: int | None
    working_day_rules: tuple[WorkingDayRule, ...]
    sections: Mapping[str, str | None]
    unconfirmed: Mapping[str, str] = field(default_factory=dict)
    """Keys (concepts, `time_limit_days`-style names, `working_days`) not confirmed against the
    Act's text, each with a note saying why."""
    withholding: tuple[WithholdingGround, ...] = ()
    covers_own_information: bool = False
    """True for the Privacy Act: a request for the requester's own personal information."""
    article: str = ""
    """The article the short name takes in a sentence ("the" OIA), or "" (LGOIMA)."""
    covers: str = ""
    """The bodies a request goes to under this Act, in words ("a council or a council-controlled
    organisation"), for telling someone which Act to choose for a body the directory lacks."""
    directory_kinds: tuple[str, ...] = ()
    """Kinds of body in the agency directory that are always under this Act (a Minister under
    the OIA, every kind of council under LGOIMA); no kind belongs to two Acts."""
    order: int = 0

    @property
    def uses_region(self) -> bool:
        """True when the working-day rule skips a council region's anniversary day."""
        return any(rule.anniversary for rule in self.working_day_rules)

    @property
    def withholding_sections(self) -> tuple[str, ...]:
        """The sections its withholding grounds sit in, in order: ("6", "7", "9") for the OIA.
        What a preferred form may not prejudice is "the interests protected by" these."""
        found: list[str] = []
        for ground in self.withholding:
            match = _SECTION_HEAD.match(ground.code)
            if match and match.group(0) not in found:
                found.append(match.group(0))
        return tuple(found)

    @property
    def short_in_text(self) -> str:
        """The short name as a sentence says it: "the OIA", "LGOIMA"."""
        return self.with_article(self.short)

    def with_article(self, text: str) -> str:
        """`text` (the short name, or a label starting with it) after this Act's article."""
        return f"{self.article} {text}" if self.article else text

    @property
    def holiday_block(self) -> str:
        """The summer block of the rule in force today, in words."""
        return self.working_day_rules[-1].block_text

    def section(self, concept: str) -> str:
        """The bare number, e.g. "18(f)". KeyError for an unknown concept or one this Act lacks."""
        number = self.sections.get(concept)
        if number is None:
            if concept in self.sections or concept in concepts():
                raise KeyError(f"{self.short} has no section for {concept!r}")
            raise KeyError(f"unknown Act concept {concept!r}")
        return number

    def has(self, concept: str) -> bool:
        """True when this Act has a section for the concept."""
        return self.sections.get(concept) is not None

    def is_verified(self, key: str) -> bool:
        """False when the Act file marks this concept (or time limit) as unconfirmed."""
        return key not in self.unconfirmed

    def cite(self, concept: str) -> str:
        """Short form, "s18(f)"."""
        return "s" + self.section(concept)

    def words(self, concept: str) -> str:
        """Long form, "section 18(f)"."""
        return "section " + self.section(concept)

    def cite_marked(self, concept: str) -> str:
        """"OIA s18(f)", with " [unconfirmed]" when the number is not confirmed."""
        text = f"{self.short} {self.cite(concept)}"
        return text if self.is_verified(concept) else f"{text} {UNCONFIRMED_MARK}"

    def cite_if_any(self, concept: str) -> str:
        """`cite_marked`, or "" when this Act has no section for the concept."""
        return self.cite_marked(concept) if self.has(concept) else ""

    def days(self, limit: str) -> str:
        """One of the time limits in words, "20 working days", with " [unconfirmed]" when the
        figure is not confirmed. `limit` names the field: `time_limit_days`, `transfer_days`,
        `clarification_days`, `extension_notice_days` (every Act counts in working days)."""
        count = getattr(self, limit)
        text = f"{count} working day{'s' if count != 1 else ''}"
        return text if self.is_verified(limit) else f"{text} {UNCONFIRMED_MARK}"

    def placeholders(self) -> dict[str, Any]:
        """Values for `oiadraft.letter.template.fill`: `{s.preferences}` -> "s16",
        `{section.preferences}` -> "section 16", `{n.preferences}` -> "16", plus `{act_name}`,
        `{act_short}`, `{body_kind}` and, for an Act with withholding grounds,
        `{withholding_sections}` ("s6, s7 or s9"). The namespaces are read-only Mappings."""
        from oiadraft.letter.template import Citations
        from oiadraft.text import join_or

        keys = tuple(key for key, number in self.sections.items() if number is not None)
        values: dict[str, Any] = {
            "s": Citations(keys, self.cite),
            "section": Citations(keys, self.words),
            "n": Citations(keys, self.section),
            "act_name": self.name,
            "act_short": self.short,
            "body_kind": self.body_kind,
        }
        if self.withholding_sections:
            values["withholding_sections"] = join_or(
                "s" + number for number in self.withholding_sections)
        return values


# ---------------------------------------------------------------------------------- loading


def _where(key: str) -> str:
    return f"oiadraft/data/{ACTS_FOLDER}/{key}.yaml"


@lru_cache(maxsize=1)
def concepts() -> dict[str, str]:
    """Every concept key with its one-line meaning (oiadraft/data/concepts.yaml)."""
    where = f"oiadraft/data/{CONCEPTS_FILE}"
    data = yamlio.load_file(paths.data_file(CONCEPTS_FILE), where)
    table = data.get("concepts") if isinstance(data, dict) else None
    if not isinstance(table, dict) or not table:
        raise DataError("missing 'concepts' mapping", where)
    return {str(key): " ".join(str(value).split()) for key, value in table.items()}


def concept_meanings() -> dict[str, str]:
    """One-line meaning of each concept, for help screens."""
    return concepts()


@lru_cache(maxsize=1)
def load_acts() -> dict[str, ActProfile]:
    """Every Act profile by key, in `order` (read and validated once)."""
    folder = paths.data_file(ACTS_FOLDER)
    files = sorted((entry for entry in folder.iterdir() if entry.name.endswith(".yaml")),
                   key=lambda entry: entry.name)
    if not files:
        raise DataError("no Act profiles found", f"oiadraft/data/{ACTS_FOLDER}/")
    known = concepts()
    profiles = [_parse_act(entry.name.removesuffix(".yaml"), entry, known) for entry in files]
    profiles.sort(key=lambda profile: (profile.order, profile.key))
    shorts = [profile.short.lower() for profile in profiles]
    if len(set(shorts)) != len(shorts):
        raise DataError(f"two Acts share a short name: {shorts}", f"oiadraft/data/{ACTS_FOLDER}/")
    claimed: dict[str, str] = {}
    for profile in profiles:
        for kind in profile.directory_kinds:
            if kind in claimed:
                raise DataError(f"directory kind {kind!r} is claimed by both {claimed[kind]} and "
                                f"{profile.key}", _where(profile.key))
            claimed[kind] = profile.key
    return {profile.key: profile for profile in profiles}


def all_acts() -> tuple[ActProfile, ...]:
    """Every Act profile, in order (OIA first)."""
    return tuple(load_acts().values())


def act_keys() -> tuple[str, ...]:
    """The keys of every Act, in order: what `--act` accepts and a draft's `act` may be."""
    return tuple(load_acts())


def default_act() -> ActProfile:
    """The Act a new draft starts under: the first in order."""
    return all_acts()[0]


def get_act(key: str | ActProfile) -> ActProfile:
    """The profile for an Act key or short name (case-insensitive); UserError otherwise."""
    if isinstance(key, ActProfile):
        return key
    normalised = (key or "").strip().lower()
    profiles = load_acts()
    if normalised in profiles:
        return profiles[normalised]
    for profile in profiles.values():
        if profile.short.lower() == normalised:
            return profile
    from oiadraft.text import join_or

    raise UserError(f"unknown act {key!r}: use {join_or(profiles)}")


def official_information_acts() -> tuple[ActProfile, ...]:
    """The Acts a request for official information goes under (not an Act, like the Privacy
    Act, for requests for the requester's own information)."""
    return tuple(profile for profile in all_acts() if not profile.covers_own_information)


def named_in(text: str) -> ActProfile | None:
    """The one official information Act `text` names ("under the Local Government Official
    Information and Meetings Act 1987", "this LGOIMA request"), or None when it names none or
    more than one. The full name is matched with or without its year, in any case; the short
    name only as written ("OIA", not "oia")."""
    named = named_all(text)
    return named[0] if len(named) == 1 else None


def named_all(text: str) -> list[ActProfile]:
    """Every official information Act `text` names, as `named_in` reads a name."""
    return [profile for profile in official_information_acts()
            if name_pattern(profile).search(text)]


def name_pattern(profile: ActProfile) -> re.Pattern[str]:
    """How a letter names the Act: its full name with or without the year, in any case, or
    its short name as written."""
    return _name_pattern(profile.name, profile.short)


@cache
def _name_pattern(name: str, short: str) -> re.Pattern[str]:
    title = re.sub(r"\s+\d{4}$", "", name.strip())
    words = r"\s+".join(re.escape(word) for word in title.split())
    return re.compile(rf"(?i:\b{words}\b)|\b{re.escape(short)}\b")


def __getattr__(name: str) -> Any:
    """`ACT_KEYS`, the official-information Acts' keys, for callers written before
    `act_keys()` and `official_information_acts()` (read from the data, not typed)."""
    if name == "ACT_KEYS":
        return tuple(profile.key for profile in official_information_acts())
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _parse_act(key: str, source: Any, known: Mapping[str, str]) -> ActProfile:
    where = _where(key)
    data = yamlio.load_file(source, where)
    if not isinstance(data, dict):
        raise DataError("an Act profile must be a YAML mapping", where)
    if data.get("version") != 1:
        raise DataError(f"unsupported version {data.get('version')!r} (expected 1)", where)

    def line(node: Any, name: str) -> int | None:
        return node.line_of(name) if hasattr(node, "line_of") else None

    def text(name: str) -> str:
        value = data.get(name)
        if not isinstance(value, str) or not value.strip():
            raise DataError(f"{name!r} must be text", where, line(data, name))
        return " ".join(value.split())

    sections_node = data.get("sections")
    if not isinstance(sections_node, dict) or not sections_node:
        raise DataError("missing 'sections' mapping", where)
    sections: dict[str, str | None] = {}
    for concept, number in sections_node.items():
        if concept not in known:
            raise DataError(f"unknown concept {concept!r} (add it to oiadraft/data/"
                            f"{CONCEPTS_FILE} first)", where, line(sections_node, concept))
        sections[str(concept)] = None if number is None else str(number)

    limits_node = data.get("time_limits")
    if not isinstance(limits_node, dict):
        raise DataError("missing 'time_limits' mapping", where)
    limits: dict[str, int | None] = {}
    for name, value in limits_node.items():
        if name not in TIME_LIMIT_KEYS:
            raise DataError(f"unknown time limit {name!r}; use {', '.join(TIME_LIMIT_KEYS)}",
                            where, line(limits_node, name))
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)
                                  or value < 1):
            raise DataError(f"time_limits.{name} must be a whole number of working days",
                            where, line(limits_node, name))
        limits[str(name)] = value
    if not limits.get("decision"):
        raise DataError("time_limits.decision is required", where, line(data, "time_limits"))

    rules = _parse_rules(data.get("working_days"), where, line(data, "working_days"))

    unconfirmed_node = data.get("unconfirmed") or {}
    if not isinstance(unconfirmed_node, dict):
        raise DataError("'unconfirmed' must map keys to a note saying why", where)
    allowed = set(sections) | {f"{name}_days" for name in TIME_LIMIT_KEYS} | {"time_limit_days",
                                                                            WORKING_DAYS_KEY}
    unconfirmed: dict[str, str] = {}
    for name, note in unconfirmed_node.items():
        if name not in allowed:
            raise DataError(f"unconfirmed: {name!r} is not a concept, time limit or "
                            f"{WORKING_DAYS_KEY}", where, line(unconfirmed_node, name))
        if not isinstance(note, str) or not note.strip():
            raise DataError(f"unconfirmed: {name!r} needs a note saying why", where,
                            line(unconfirmed_node, name))
        unconfirmed[str(name)] = " ".join(note.split())

    grounds = []
    for item in data.get("withholding") or []:
        if not isinstance(item, dict) or not all(item.get(k) for k in ("code", "kind", "gist")):
            raise DataError("each withholding ground needs code, kind and gist", where,
                            getattr(item, "line", None))
        grounds.append(WithholdingGround(code=str(item["code"]), kind=str(item["kind"]),
                                         gist=str(item["gist"])))

    article = data.get("article", "")
    if not isinstance(article, str) or len(article.split()) > 1:
        raise DataError("article must be one word (\"the\") or left out", where,
                        line(data, "article"))
    kinds_node = data.get("directory_kinds", [])
    if not isinstance(kinds_node, list) or not all(
            isinstance(kind, str) and kind.strip() for kind in kinds_node):
        raise DataError("directory_kinds must list agency kinds (oiadraft/data/agencies.yaml)",
                        where, line(data, "directory_kinds"))

    order = data.get("order", 0)
    if isinstance(order, bool) or not isinstance(order, int):
        raise DataError("order must be a whole number", where, line(data, "order"))
    return ActProfile(
        key=key,
        name=text("name"),
        short=text("short"),
        body_kind=text("body_kind"),
        reviewer=text("reviewer"),
        request_sentence=text("request_sentence"),
        time_limit_days=int(limits["decision"] or 0),
        transfer_days=limits.get("transfer"),
        clarification_days=limits.get("clarification"),
        extension_notice_days=limits.get("extension_notice"),
        working_day_rules=rules,
        sections=sections,
        unconfirmed=_rename_limits(unconfirmed),
        withholding=tuple(grounds),
        covers_own_information=bool(data.get("covers_own_information", False)),
        article=article.strip(),
        covers=" ".join(str(data.get("covers") or "").split()),
        directory_kinds=tuple(kind.strip() for kind in kinds_node),
        order=order,
    )


def _rename_limits(unconfirmed: dict[str, str]) -> dict[str, str]:
    """`decision_days` in a file is the profile's `time_limit_days`."""
    if "decision_days" in unconfirmed:
        unconfirmed["time_limit_days"] = unconfirmed.pop("decision_days")
    return unconfirmed


def _parse_rules(node: Any, where: str, at: int | None) -> tuple[WorkingDayRule, ...]:
    if not isinstance(node, list) or not node:
        raise DataError("'working_days' must list the rules in force, oldest first", where, at)
    rules = []
    for item in node:
        item_line = getattr(item, "line", None) or at
        if not isinstance(item, dict):
            raise DataError("each working-day rule is a mapping", where, item_line)
        block = item.get("block")
        if not (isinstance(block, list) and len(block) == 2):
            raise DataError("'block' must be [first day, last day]", where, item_line)
        start = None if item.get("from") is None else _as_date(item["from"], where, item_line)
        rules.append(WorkingDayRule(
            start=start,
            block_start=_month_day(block[0], where, item_line),
            block_end=_month_day(block[1], where, item_line),
            block_text=f"{block[0]} to {block[1]}",
            anniversary=bool(item.get("anniversary", False)),
        ))
    if rules[0].start is not None:
        raise DataError("the first working-day rule must have 'from: null'", where, at)
    starts = [rule.start for rule in rules[1:]]
    if any(s is None for s in starts) or starts != sorted(starts):  # type: ignore[type-var]
        raise DataError("working-day rules must be in date order", where, at)
    return tuple(rules)


def _as_date(value: Any, where: str, line: int | None) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise DataError(f"expected a date like 2019-03-21, got {value!r}", where, line) from None


def _month_day(value: Any, where: str, line: int | None) -> tuple[int, int]:
    from oiadraft.periods import month_number

    parts = str(value).split()
    month = month_number(parts[1]) if len(parts) == 2 and parts[0].isdigit() else None
    if month is None:
        raise DataError(f"block ends must look like '25 December', got {value!r}", where, line)
    try:
        date(2000, month, int(parts[0]))  # a leap year: any real day-of-month passes
    except ValueError:
        raise DataError(f"no such day: {value!r}", where, line) from None
    return month, int(parts[0])
