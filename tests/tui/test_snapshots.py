"""SVG snapshots of every screen at 120x40 and 80x24, with a fixed today and a fixed home.

Update with `pytest tests/tui/test_snapshots.py --snapshot-update` only after looking at the
report (snapshot_report.html) and at the screens themselves.
"""

from __future__ import annotations

import fcntl
import shutil
from pathlib import Path

import pytest

from oiadraft.model import Draft, Part, Period, Requester
from oiadraft.store import Store

from .conftest import TODAY, conversation, settle

SIZES = [(120, 40), (80, 24)]
START = ["mfat", "What MFAT told Ministers about the cluster munitions convention",
         "1 October 2020 to 13 September 2024", ""]
BROAD = ("any correspondence any MFAT official has had with any UK representative that "
         "mentions the Convention")


@pytest.fixture
def fixed_home(monkeypatch, request):
    """The help screen prints the data folder, so it must not be a random temp path. Two
    test runs on one machine (two checkouts) take turns with it: one emptying the folder
    while the other saves there made the app say the draft was deleted elsewhere."""
    home = Path("/tmp/oiadraft-snapshots") / request.node.name.replace("[", "-").rstrip("]")
    home.parent.mkdir(parents=True, exist_ok=True)
    with open(home.with_name(home.name + ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        shutil.rmtree(home, ignore_errors=True)
        monkeypatch.setenv("OIADRAFT_HOME", str(home))
        yield home
        shutil.rmtree(home, ignore_errors=True)


def review_draft() -> Draft:
    draft = Draft(
        id="snapshotdraft",
        agency="Ministry of Foreign Affairs and Trade", agency_id="mfat", act="oia",
        topic="What MFAT told Ministers about the cluster munitions convention",
        period=Period(TODAY.replace(year=2020, month=10, day=1), TODAY),
        parts=[Part(text=BROAD, id="p1"),
               Part(text="Briefings and aide-memoires to the Minister of Foreign Affairs "
                         "about the Convention on Cluster Munitions", id="p2"),
               Part(text="The dates of formal meetings between MFAT officials and British "
                         "High Commission staff where the Convention was a named agenda item",
                    id="p3")],
        clauses=["searchable-text", "whole-documents", "no-watermark", "grounds-in-support",
                 "consult-before-refusing", "thanks"],
        requester=Requester(name="Aroha Smith"),
        answers={"parts": "done"},
    )
    Store().save(draft)
    return draft


@pytest.mark.parametrize("size", SIZES, ids=["120x40", "80x24"])
def test_chat_screen(snap_compare, app_factory, fixed_home, size):
    async def run_before(pilot):
        await conversation(pilot, *START, BROAD)
        await settle(pilot)

    assert snap_compare(app_factory(), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=["120x40", "80x24"])
def test_review_screen(snap_compare, app_factory, fixed_home, size):
    draft = review_draft()

    async def run_before(pilot):
        await pilot.press("ctrl+r")
        await settle(pilot)

    assert snap_compare(app_factory(draft_id=draft.id), terminal_size=size,
                        run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=["120x40", "80x24"])
def test_library_screen(snap_compare, app_factory, fixed_home, size):
    draft = review_draft()

    async def run_before(pilot):
        await pilot.press("ctrl+l")
        await pilot.press(*"searchable")
        await settle(pilot)

    assert snap_compare(app_factory(draft_id=draft.id), terminal_size=size,
                        run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=["120x40", "80x24"])
def test_clause_editor(snap_compare, app_factory, fixed_home, size):
    async def run_before(pilot):
        await pilot.press("ctrl+l")
        await pilot.press(*"watermark")
        await pilot.app.workers.wait_for_complete()
        await pilot.press("down", "e")
        await settle(pilot)

    assert snap_compare(app_factory(), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=["120x40", "80x24"])
def test_help_screen(snap_compare, app_factory, fixed_home, size):
    async def run_before(pilot):
        await pilot.press("f1")
        await settle(pilot)

    assert snap_compare(app_factory(), terminal_size=size, run_before=run_before)
