"""The agency directory: find who a request goes to from what the user types, and which Act applies.

The data is `oiadraft/data/agencies.yaml` (departments, departmental agencies, Ministers'
portfolios, Crown entities, Police, NZDF, every council, and bodies outside both Acts). It is
loaded and validated once; a bad entry raises `DataError` naming the file and line.

Lookup is fuzzy (rapidfuzz `WRatio` over every name, te reo name, acronym, alias and town of each
agency), case- and macron-insensitive ("Manatu Aorere" finds Manatū Aorere). On top of the raw
similarity a few rules encode what people mean:

- an exact name, alias or acronym beats any partial match ("wcc", "mfat", "ecan");
- "minister"/"X minister" prefers the Minister's portfolio, "ministry"/"manatū" the department,
  and with neither word a department outranks the Minister it serves ("foreign affairs");
- "council", "regional", "city" and "district" prefer councils of that kind;
- a town name finds its council ("christchurch", "rolleston"), a little below an exact name.

`resolve(query)` turns the ranked matches into a decision the assistant can act on: one clear
winner (found), several close (ambiguous), or nothing close (not found, with the closest names and
the way forward: the user can still write to the body by name and choose the Act).

The package, by job: `model` (agencies, matches, resolutions; which Act a kind of body is
under), `matching` (the search index and ranking rules), `wording` (what a lookup says),
`loading` (reading and validating a directory file). This module holds the built-in
directory and the calls the rest of oiadraft uses.
"""

from __future__ import annotations

from functools import lru_cache

from oiadraft.agencies.loading import load_directory
from oiadraft.agencies.matching import (
    CLOSE_SCORE,
    FOUND_SCORE,
    Directory,
    content_words,
    normalize,
    unexplained,
)
from oiadraft.agencies.model import (
    AMBIGUOUS,
    COUNCIL_KINDS,
    FOUND,
    NOT_FOUND,
    NOT_SUBJECT,
    Agency,
    Match,
    Resolution,
    act_of_kind,
    act_values,
    council_acts,
    regional_acts,
)
from oiadraft.agencies.wording import act_label, way_forward

__all__ = [
    "AMBIGUOUS", "CLOSE_SCORE", "COUNCIL_KINDS", "FOUND", "FOUND_SCORE", "NOT_FOUND",
    "NOT_SUBJECT", "Agency", "Directory", "Match", "Resolution", "act_label", "act_of_kind",
    "act_values", "all_agencies", "content_words", "council_acts", "directory", "get",
    "load_directory", "normalize", "regional_acts", "resolve", "search", "unexplained",
    "way_forward",
]


@lru_cache(maxsize=1)
def directory() -> Directory:
    """The built-in directory, loaded and indexed once per process."""
    return load_directory()


def search(query: str, limit: int = 5) -> list[Match]:
    """Ranked candidates for what the user typed, best first."""
    return directory().search(query, limit)


def resolve(query: str) -> Resolution:
    """Found (one clear winner), ambiguous (several close) or not found (closest + way forward)."""
    return directory().resolve(query)


def get(agency_id: str) -> Agency | None:
    """The agency with this id, or None."""
    return directory().get(agency_id)


def all_agencies() -> tuple[Agency, ...]:
    """Every agency in directory order."""
    return directory().agencies
