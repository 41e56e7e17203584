"""The deadline dialog (Ctrl+T) speaks of each Act's own time limits and sections."""

from __future__ import annotations

from dataclasses import replace

import pytest
from textual.widgets import Select

from oiadraft import acts
from oiadraft.deadline import workdays as deadline_workdays
from oiadraft.model import Draft, Part
from oiadraft.store import Store
from oiadraft.tui.dialogs import deadline as dialog
from oiadraft.tui.dialogs.deadline import DeadlineScreen, deadline_report

from .conftest import TODAY


def saved(**fields) -> Draft:
    """A draft of one part, saved, with `fields` set (an Act, a sent date, a region ...)."""
    draft = Draft(**{"act": "oia", "agency": "Some agency", "topic": "t",
                     "parts": [Part(text="Briefings")], **fields})
    Store().save(draft)
    return draft


async def press_once_loaded(pilot, key: str) -> None:
    """`key` pressed once the interview has loaded (its keys are bound then)."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.press(key)
    await pilot.pause()


@pytest.mark.parametrize("act", acts.act_keys())
async def test_the_dialog_gives_the_acts_own_limits(app_factory, act):
    profile = acts.get_act(act)
    draft = saved(act=act)
    app = app_factory(draft_id=draft.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await press_once_loaded(pilot, "ctrl+t")
        assert isinstance(app.screen, DeadlineScreen)
        app.screen.query_one("#received").value = "13/09/2024"
        await pilot.pause()
        report = str(app.screen.query_one("#report").render())
    assert f"({profile.days('time_limit_days')}, {profile.cite_marked('time_limit')})" in report
    assert ("does not restart the clock" in report) == (profile.clarification_days is not None)
    assert profile.reviewer in report
    assert ("counts as a refusal" in report) == profile.has("deemed_refusal")


@pytest.mark.parametrize("act", acts.act_keys())
def test_the_numbers_come_from_the_profile(monkeypatch, act):
    """A profile with other limits: the report follows it (nothing typed in the dialog)."""
    profile = replace(acts.get_act(act), time_limit_days=15, transfer_days=5,
                      clarification_days=3)
    monkeypatch.setattr(dialog, "get_act", lambda key: profile)
    monkeypatch.setattr(deadline_workdays, "profile_for", lambda key: profile)
    lines = deadline_report(Draft(act=act), TODAY, None, TODAY).plain.splitlines()
    due = next(line for line in lines if line.startswith("Response due by"))
    transfer = next(line for line in lines if line.startswith("Transfer"))
    clarify = next(line for line in lines if line.startswith("Clarification"))
    assert "(15 working days" in due and "(5 working days" in transfer
    assert "(3 working days" in clarify


async def test_a_request_is_not_marked_as_sent_on_a_day_still_to_come(app_factory):
    """'mark as sent' with a typo in the year (2025 for 2024): the request cannot have
    reached the agency a year from now, so nothing is marked and the dialog says why; today
    itself is accepted."""
    from .conftest import conversation

    draft = saved()
    app = app_factory(draft_id=draft.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await conversation(pilot, "mark as sent")
        screen = app.screen
        assert isinstance(screen, DeadlineScreen) and screen.mark_sent
        screen.query_one("#received").value = "13/09/2025"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        said = str(screen.query_one("#report").render())
        assert "13 September 2025" in said and "after today" in said
        screen.query_one("#received").value = TODAY.strftime("%d/%m/%Y")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is not screen
        await pilot.pause()
        assert app.chat_screen().draft.sent == TODAY


async def test_a_draft_marked_sent_on_a_day_to_come_is_told_and_the_dialog_starts_at_today(
        app_factory):
    """Marked before a day to come was refused: opening the draft says so, and `mark as
    sent` offers today's date, which can be marked, rather than the day to come."""
    from datetime import timedelta

    draft = saved(sent=TODAY + timedelta(days=200))
    app = app_factory(draft_id=draft.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        from .conftest import transcript_texts

        assert "a day still to come" in " ".join(" ".join(transcript_texts(app)).split())
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert isinstance(app.screen, DeadlineScreen)
        assert app.screen.query_one("#received").value == TODAY.strftime("%d/%m/%Y")


async def test_a_request_marked_as_sent_by_mistake_can_be_unmarked(app_factory):
    draft = saved(sent=TODAY, extension_days=20)
    app = app_factory(draft_id=draft.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await press_once_loaded(pilot, "ctrl+t")
        screen = app.screen
        assert isinstance(screen, DeadlineScreen)
        await pilot.click("#unsent")
        await pilot.pause()
        assert app.screen is not screen
        chat_draft = app.chat_screen().draft
        assert chat_draft.sent is None and chat_draft.extension_days is None
    assert Store().load(draft.id).sent is None


async def test_a_draft_never_sent_offers_no_unmarking(app_factory):
    draft = saved()
    app = app_factory(draft_id=draft.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await press_once_loaded(pilot, "ctrl+t")
        assert isinstance(app.screen, DeadlineScreen)
        assert not app.screen.query("#unsent")


async def test_every_button_of_a_sent_draft_fits_at_80_columns(app_factory):
    draft = saved(act="lgoima", agency="Some council", sent=TODAY)
    app = app_factory(draft_id=draft.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await press_once_loaded(pilot, "ctrl+t")
        for button in ("#sent", "#unsent", "#close"):
            region = app.screen.query_one(button).region
            assert region.width > 0 and region.right <= 80, button


@pytest.mark.parametrize("key", ["ctrl+t", "ctrl+r"])
async def test_a_region_this_version_does_not_know_is_told_not_a_crash(app_factory, key):
    # a draft saved by a newer oiadraft, or edited by hand, may name a region missing from
    # regions.yaml; its Select refused the value and the app stopped
    draft = saved(act="lgoima", agency="Some council", region="tairawhiti-2030",
                  parts=[Part(text="Minutes of the council's meetings in 2023")])
    app = app_factory(draft_id=draft.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await press_once_loaded(pilot, key)
        assert app.is_running and app.fatal_error is None and app.last_error_log is None
        shown = str(app.screen.query_one("#report" if key == "ctrl+t" else "#due")
                    .render())
        assert "'tairawhiti-2030'" in shown, shown
        assert app.screen.query_one("#region").value is Select.NULL
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+q")
    assert Store().load(draft.id).region == "tairawhiti-2030", "kept for a newer oiadraft"


@pytest.mark.parametrize("act", acts.act_keys())
async def test_review_gives_only_the_limits_the_act_sets(app_factory, act):
    # a draft under the Privacy Act (opened from a file: the interview offers only the
    # official information Acts) has no clarification cut-off; review formatted None and stopped
    from oiadraft.deadline import compute
    from oiadraft.tui.screens.review import ReviewScreen

    profile = acts.get_act(act)
    draft = saved(act=act)
    app = app_factory(draft_id=draft.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await press_once_loaded(pilot, "ctrl+r")
        assert app.fatal_error is None and app.last_error_log is None
        assert isinstance(app.screen, ReviewScreen)
        shown = str(app.screen.query_one("#due").render())
    result = compute(TODAY, act=act)
    assert "response is due by" in shown and profile.cite("time_limit") in shown
    assert ("Transfer deadline" in shown) == (result.transfer_due is not None)
    assert ("clarification cut-off" in shown) == (result.clarification_cutoff is not None)
