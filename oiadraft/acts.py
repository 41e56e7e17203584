"""Act profiles: section numbers for the OIA 1982 and LGOIMA 1987, keyed by concept.

Nothing else in oiadraft types a section number. Code asks a profile:

    profile = get_act("lgoima")
    profile.section("grounds")    -> "18(a)(ii)"
    profile.cite("grounds")       -> "s18(a)(ii)"
    profile.words("grounds")      -> "section 18(a)(ii)"

and text templates use `{s.grounds}` / `{section.grounds}` via `profile.placeholders()`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from oiadraft import paths, yamlio
from oiadraft.errors import DataError, UserError

ACT_KEYS = ("oia", "lgoima")


@dataclass(frozen=True)
class WithholdingGround:
    """One withholding ground: its code under this Act and a one-line gist."""

    code: str
    kind: str
    gist: str


@dataclass(frozen=True)
class ActProfile:
    """Names and section numbers of one Act."""

    key: str
    name: str
    short: str
    body_kind: str
    holiday_block: str
    sections: dict[str, str | None]
    unverified: frozenset[str]
    withholding: tuple[WithholdingGround, ...] = field(default=())

    def section(self, concept: str) -> str:
        """The bare number, e.g. "18(f)". KeyError for an unknown concept or one this Act lacks."""
        number = self.sections.get(concept)
        if number is None:
            if concept in self.sections:
                raise KeyError(f"{self.short} has no section for {concept!r}")
            raise KeyError(f"unknown Act concept {concept!r}")
        return number

    def has(self, concept: str) -> bool:
        """True when this Act has a section for the concept."""
        return self.sections.get(concept) is not None

    def is_verified(self, concept: str) -> bool:
        """False when the reference marks this Act's number for the concept as unconfirmed."""
        return concept not in self.unverified

    def cite(self, concept: str) -> str:
        """Short form, "s18(f)"."""
        return "s" + self.section(concept)

    def words(self, concept: str) -> str:
        """Long form, "section 18(f)"."""
        return "section " + self.section(concept)

    def placeholders(self) -> dict[str, object]:
        """Objects for str.format: `{s.preferences}` -> "s16", `{section.preferences}` ->
        "section 16", `{n.preferences}` -> "16", plus `{act_name}` and `{act_short}`."""
        return {
            "s": _Sections(self, self.cite),
            "section": _Sections(self, self.words),
            "n": _Sections(self, self.section),
            "act_name": self.name,
            "act_short": self.short,
        }


class _Sections:
    """Attribute access for format strings: `{s.grounds}`."""

    def __init__(self, profile: ActProfile, formatter) -> None:
        self._profile = profile
        self._formatter = formatter

    def __getattr__(self, concept: str) -> str:
        if concept.startswith("_"):
            raise AttributeError(concept)
        try:
            return self._formatter(concept)
        except KeyError as exc:
            raise AttributeError(str(exc)) from None


@lru_cache(maxsize=1)
def load_acts() -> dict[str, ActProfile]:
    """Load and validate oiadraft/data/acts.yaml once."""
    source = paths.data_file("acts.yaml")
    data = yamlio.load_file(source, "oiadraft/data/acts.yaml")
    acts_data = data.get("acts") if isinstance(data, dict) else None
    if not isinstance(acts_data, dict):
        raise DataError("missing 'acts' mapping", "oiadraft/data/acts.yaml")
    withholding = data.get("withholding") or {}
    profiles: dict[str, ActProfile] = {}
    concepts: set[str] | None = None
    for key in ACT_KEYS:
        entry = acts_data.get(key)
        if not isinstance(entry, dict):
            raise DataError(f"missing act {key!r}", "oiadraft/data/acts.yaml")
        sections = {str(k): (None if v is None else str(v)) for k, v in entry["sections"].items()}
        if concepts is None:
            concepts = set(sections)
        elif set(sections) != concepts:
            missing = sorted(concepts ^ set(sections))
            raise DataError(f"act {key!r} and the others differ in concepts: {missing}",
                            "oiadraft/data/acts.yaml", entry.line_of("sections"))
        grounds = tuple(
            WithholdingGround(code=str(g["code"]), kind=str(g["kind"]), gist=str(g["gist"]))
            for g in withholding.get(key, [])
        )
        profiles[key] = ActProfile(
            key=key,
            name=str(entry["name"]),
            short=str(entry["short"]),
            body_kind=str(entry.get("body_kind", "agency")),
            holiday_block=str(entry.get("holiday_block", "")),
            sections=sections,
            unverified=frozenset(entry.get("unverified") or []),
            withholding=grounds,
        )
    return profiles


@lru_cache(maxsize=1)
def concept_meanings() -> dict[str, str]:
    """One-line meaning of each concept, for help screens."""
    data = yamlio.load_file(paths.data_file("acts.yaml"), "oiadraft/data/acts.yaml")
    return {str(k): str(v) for k, v in (data.get("concepts") or {}).items()}


def get_act(key: str) -> ActProfile:
    """The profile for "oia" or "lgoima" (case-insensitive); UserError otherwise."""
    normalised = (key or "").strip().lower()
    profiles = load_acts()
    if normalised not in profiles:
        raise UserError(f"unknown act {key!r}: use oia or lgoima")
    return profiles[normalised]
