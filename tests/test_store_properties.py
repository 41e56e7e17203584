"""Property tests over the draft file format: any valid draft round-trips exactly; any draft
file with a field replaced by junk is either read into a draft every command can use, or set
aside with one line, and never hides another draft."""

from __future__ import annotations

import json
import math
import tempfile
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from property_budget import examples

from oiadraft import yamlio
from oiadraft.clauses import Library
from oiadraft.deadline import response_due
from oiadraft.letter.export import export_text
from oiadraft.model import Draft, Part, Period, Requester, draft_to_dict
from oiadraft.store import Store

TODAY = date(2024, 9, 13)
LIBRARY = Library.load()

text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
days = st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31))
moments = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2050, 1, 1),
                       timezones=st.sampled_from([UTC, timezone(timedelta(hours=12))]))


@st.composite
def periods(draw) -> Period | None:
    if draw(st.booleans()):
        return None
    start = draw(st.one_of(st.none(), days))
    if draw(st.booleans()):
        return Period(start=start, until_request=True)
    end = draw(st.one_of(st.none(), days))
    if start and end and start > end:
        start, end = end, start
    return Period(start=start, end=end)


plain_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), text,
              st.floats(allow_nan=False, allow_infinity=False)),
    lambda inner: st.one_of(st.lists(inner, max_size=3),
                            st.dictionaries(st.text(min_size=1, max_size=8), inner, max_size=3)),
    max_leaves=8)


@st.composite
def drafts(draw) -> Draft:
    parts = [Part(text=draw(text), period=draw(periods()), id=f"p{n}",
                  acknowledged=draw(st.lists(st.text("abc-", min_size=1, max_size=5),
                                             max_size=2)))
             for n in range(draw(st.integers(0, 4)))]
    act = draw(st.sampled_from(["oia", "lgoima"]))
    created = draw(st.one_of(st.none(), moments))
    return Draft(
        id="prop00000001", created=created, updated=created, name=draw(text), act=act,
        agency=draw(text), agency_id=draw(st.one_of(st.none(), st.text("abc", min_size=1))),
        region=draw(st.one_of(st.none(), st.sampled_from(["wellington", "auckland", "otago"]))),
        topic=draw(text), period=draw(periods()), parts=parts,
        clauses=draw(st.lists(st.sampled_from(["thanks", "grounds-in-support", "x"]),
                              unique=True, max_size=3)),
        clause_edits=draw(st.dictionaries(st.sampled_from(["thanks", "y"]), text, max_size=2)),
        priority=[part.id for part in parts[:draw(st.integers(0, len(parts)))]],
        requester=Requester(name=draw(text), email=draw(text), phone="", sign_off="Ngā mihi"),
        urgent=draw(st.booleans()), urgency_reasons=draw(text),
        answers=draw(st.dictionaries(st.text("abcdefgh", min_size=1, max_size=6), plain_values,
                                     max_size=3)),
        sent=draw(st.one_of(st.none(), days)),
        extension_days=draw(st.one_of(st.none(), st.integers(0, 200))),
        pending_input=draw(text),
    )


def every_use(draft: Draft) -> None:
    """What the commands and the app do with a loaded draft; none of it may raise."""
    assert isinstance(draft.title, str)
    json.dumps(draft_to_dict(draft), default=str)
    response_due(draft.sent, draft.act, draft.region, draft.extension_days)
    for form in ("yaml", "text", "markdown"):
        assert isinstance(export_text(draft, form, library=LIBRARY, today=TODAY), str)


FAST = settings(max_examples=examples(40), deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@FAST
@given(drafts())
def test_any_valid_draft_round_trips_exactly(draft):
    with tempfile.TemporaryDirectory() as folder:
        store = Store(root=Path(folder))
        assert store.save(draft).written
        loaded = Store(root=Path(folder)).load(draft.id)
        assert draft_to_dict(loaded) == draft_to_dict(draft)
        assert [s.id for s in Store(root=Path(folder)).list()] == [draft.id]
        every_use(loaded)


junk = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(10**20, 10**30),
    st.floats(), st.just(math.inf), st.just(-math.inf), st.just(math.nan), text,
    st.lists(st.integers(), max_size=3), st.dictionaries(text, st.integers(), max_size=3),
    st.dates(), st.just([[[]]]), st.just({"kind": 5}),
)
FIELDS = ["id", "created", "updated", "name", "act", "agency", "agency_id", "region", "topic",
          "period", "parts", "clauses", "clause_edits", "priority", "requester", "urgent",
          "urgency_reasons", "sent", "extension_days", "answers", "pending_input", "version"]


@st.composite
def damaged(draw) -> tuple[str, str]:
    data = draft_to_dict(draw(drafts()))
    where = draw(st.sampled_from([*FIELDS, "parts.0", "period.start", "requester.name",
                                  "answers._pending", "parts.0.period"]))
    value = draw(junk)
    target = data
    *path, last = where.split(".")
    for key in path:
        if isinstance(target, list):
            target = target[int(key)] if int(key) < len(target) else None
        else:
            target = target.get(key)
        if not isinstance(target, (dict, list)):
            return where, yamlio.dump(data)
    if isinstance(target, list):
        if target:
            target[0] = value
    else:
        target[last] = value
    return where, yamlio.dump(data)


@FAST
@given(damaged())
def test_a_damaged_draft_is_usable_or_set_aside_and_never_hides_another(case):
    where, text_of_file = case
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        store = Store(root=root)
        good = Draft(id="zzgood000001", topic="Fine")
        store.save(good)
        (root / "damaged0001.yaml").write_text(text_of_file, encoding="utf-8")
        listing = Store(root=root)
        ids = [s.id for s in listing.list()]
        assert "zzgood000001" in ids, where
        if "damaged0001" in ids:
            assert listing.problems == []
            every_use(Store(root=root).load("damaged0001"))
        else:
            assert len(listing.problems) == 1 and "\n" not in listing.problems[0]
            assert "damaged0001.yaml" in listing.problems[0]
            leftovers = [p.name for p in root.iterdir() if p.name.startswith("damaged0001")]
            assert len(leftovers) == 1 and (".corrupt-" in leftovers[0]
                                            or "newer oiadraft" in listing.problems[0])
