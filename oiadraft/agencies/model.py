"""What the directory holds and what a lookup answers: an agency, a ranked match, a
resolution (found, ambiguous, not found), and which Acts bodies of a kind are under."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from oiadraft.acts import ActProfile


FOUND = "found"
AMBIGUOUS = "ambiguous"
NOT_FOUND = "not_found"

NOT_SUBJECT = "none"
"""The `act` of a body not subject to any of the Acts (its `note` says what applies)."""


def act_values() -> tuple[str, ...]:
    """What an entry's `act` may be (and `agencies list --act`): the key of an official
    information Act from oiadraft/data/acts/, or NOT_SUBJECT."""
    from oiadraft.acts import official_information_acts

    return (*(profile.key for profile in official_information_acts()), NOT_SUBJECT)


def act_of_kind(kind: str) -> ActProfile | None:
    """The Act every body of this kind is under (its profile's `directory_kinds`), or None when
    the kind says nothing about the Act (a department, a Crown entity)."""
    from oiadraft.acts import all_acts

    return next((profile for profile in all_acts() if kind in profile.directory_kinds), None)


def council_acts() -> frozenset[str]:
    """Keys of the Acts councils are under: a body under one that is not itself a council is a
    council organisation (a council-controlled organisation, a shared service)."""
    from oiadraft.acts import all_acts

    return frozenset(profile.key for profile in all_acts()
                     if COUNCIL_KINDS.intersection(profile.directory_kinds))


def regional_acts() -> tuple[ActProfile, ...]:
    """The official information Acts whose working days skip a region's anniversary day: a body
    under one carries a `region`, and only such a body does."""
    from oiadraft.acts import official_information_acts

    return tuple(profile for profile in official_information_acts() if profile.uses_region)


COUNCIL_KINDS = frozenset({"council_regional", "council_city", "council_district", "council_unitary"})


@dataclass(frozen=True)
class Agency:
    """One body a request can be addressed to."""

    id: str
    name: str
    kind: str
    act: str
    """An official information Act's key, or NOT_SUBJECT (`note` says what applies)."""
    source: str
    """Key into the directory's `sources` (where this entry was compiled from)."""
    te_reo: str | None = None
    acronyms: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    """Towns in a council's district, so a town name finds its council."""
    portfolio: str | None = None
    """For Ministers: the portfolio ("Health"); "minister of/for X", "X minister" are matched."""
    region: str | None = None
    """For councils and council organisations: the anniversary-day region key."""
    region_note: str | None = None
    note: str | None = None
    related: tuple[str, ...] = ()
    """Ids of closely connected bodies (a Minister's department, a host department)."""
    line: int | None = None
    """Line of the entry in agencies.yaml (for messages about the data)."""

    @property
    def display_name(self) -> str:
        """The name with the te reo Māori name, as a letter would address it."""
        return f"{self.name} ({self.te_reo})" if self.te_reo else self.name

    @property
    def is_council(self) -> bool:
        return self.kind in COUNCIL_KINDS

    @property
    def is_subject(self) -> bool:
        """True when an official information Act applies."""
        return self.act != NOT_SUBJECT

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON output (empty optional fields left out)."""
        data: dict[str, Any] = {"id": self.id, "name": self.name}
        if self.te_reo:
            data["te_reo"] = self.te_reo
        data.update(kind=self.kind, act=self.act)
        for key in ("portfolio", "region", "region_note", "note"):
            value = getattr(self, key)
            if value:
                data[key] = value
        for key in ("acronyms", "aliases", "places", "related"):
            value = getattr(self, key)
            if value:
                data[key] = list(value)
        data["source"] = self.source
        return data


@dataclass(frozen=True)
class Match:
    """A candidate agency for a query."""

    agency: Agency
    score: float
    """0 to 100, after the intent rules; 100 is an exact name, alias or acronym."""
    matched_on: str
    """The name, alias, acronym or town (as spelled in the directory) that matched best."""
    exact: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {**self.agency.to_dict(), "score": self.score, "matched_on": self.matched_on}


@dataclass(frozen=True)
class Resolution:
    """What a query means: one agency, a short list to choose from, or nothing known."""

    query: str
    status: str
    """FOUND, AMBIGUOUS or NOT_FOUND."""
    candidates: tuple[Match, ...]
    """Ranked matches: for FOUND the winner first; for AMBIGUOUS the close ones; for NOT_FOUND the
    closest (possibly none)."""

    @property
    def agency(self) -> Agency | None:
        """The agency when exactly one was found."""
        return self.candidates[0].agency if self.status == FOUND else None

    @property
    def message(self) -> str:
        """One or two sentences for the user saying what was found and what to do next."""
        from oiadraft.agencies.wording import resolution_message

        return resolution_message(self)

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "status": self.status,
            "message": self.message,
            "agency": self.agency.to_dict() if self.agency else None,
            "results": [m.to_dict() for m in self.candidates],
        }


