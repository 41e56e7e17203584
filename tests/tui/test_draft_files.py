"""Draft files the app cannot read, met at start and in Ctrl+O: each told once, in words that
say what was done with it."""

from __future__ import annotations

from oiadraft import paths
from oiadraft.model import Draft
from oiadraft.store import Store

from .conftest import ready

NEWER = "version: 99\nid: cccccccccccc\n"
BROKEN = "version: 1\nid: dddddddddddd\nparts: [unclosed\n"


def told(app) -> list[tuple[str, str]]:
    return [(n.title, str(n.message)) for n in app._notifications]


async def test_a_draft_left_where_it_is_is_not_called_set_aside(app_factory):
    Store().save(Draft(agency="Treasury", topic="budget advice"))
    newer = paths.drafts_dir() / "cccccccccccc.yaml"
    newer.write_text(NEWER, encoding="utf-8")
    app = app_factory(offer_resume=True)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await ready(pilot)
        about = [(title, message) for title, message in told(app) if "version 99" in message]
        assert len(about) == 1
        title, message = about[0]
        assert "left as it is" in message
        assert "set aside" not in title
    assert newer.read_text(encoding="utf-8") == NEWER


async def test_a_draft_moved_aside_is_told_with_where_it_went(app_factory):
    Store().save(Draft(agency="Treasury", topic="budget advice"))
    (paths.drafts_dir() / "dddddddddddd.yaml").write_text(BROKEN, encoding="utf-8")
    app = app_factory(offer_resume=True)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await ready(pilot)
        about = [(title, message) for title, message in told(app) if "dddddddddddd" in message]
        assert len(about) == 1
        assert "moved aside" in about[0][1] and "could not be read" in about[0][0]
    aside = list(paths.drafts_dir().glob("dddddddddddd.yaml.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_text(encoding="utf-8") == BROKEN


def test_a_draft_with_no_parts_is_offered_in_words():
    from datetime import date

    from oiadraft.tui.describe import describe_draft

    draft = Draft(agency="Treasury", topic="budget advice")
    assert ", no parts yet, edited" in describe_draft(draft, date(2024, 9, 13))


async def test_a_draft_left_where_it_is_is_told_once_not_at_every_ctrl_o(app_factory):
    Store().save(Draft(agency="Treasury", topic="budget advice"))
    (paths.drafts_dir() / "cccccccccccc.yaml").write_text(NEWER, encoding="utf-8")
    app = app_factory(offer_resume=True)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await ready(pilot)
        for _ in range(2):
            await pilot.press("ctrl+o")
            await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
        about = [message for _, message in told(app) if "version 99" in message]
        assert len(about) == 1


def test_part_counts_read_as_words_and_grouped_figures():
    from oiadraft.tui.describe import part_count

    assert [part_count(n) for n in (0, 1, 2, 7025)] == [
        "no parts yet", "1 part", "2 parts", "7,025 parts"]


async def test_the_open_dialog_shows_a_draft_with_no_parts_in_words(app_factory):
    Store().save(Draft(agency="Treasury", topic="budget advice"))
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+o")
        await pilot.pause()
        options = app.screen.query_one("OptionList")
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert any("Treasury: budget advice  ·  no parts yet, edited" in label
                   for label in labels), labels


async def test_a_draft_damaged_after_ctrl_o_listed_it_is_told_and_the_list_stays(app_factory):
    from textual.widgets import OptionList

    from oiadraft.tui.dialogs.open_draft import OpenDraftScreen

    Store().save(Draft(id="aaaaaaaaaaaa", agency="Treasury", topic="budget advice"))
    Store().save(Draft(id="bbbbbbbbbbbb", agency="Treasury", topic="tax advice"))
    app = app_factory()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+o")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, OpenDraftScreen)
        options = dialog.query_one(OptionList)
        chosen = options.get_option_at_index(options.highlighted).id
        (paths.drafts_dir() / f"{chosen}.yaml").write_text(BROKEN, encoding="utf-8")
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running and app.last_error_log is None
        assert app.screen is dialog, "the other drafts can still be chosen"
        about = [message for title, message in told(app) if chosen in message]
        assert len(about) == 1 and "moved aside" in about[0], told(app)
        left = [options.get_option_at_index(i).id for i in range(options.option_count)]
        assert left == [({"aaaaaaaaaaaa", "bbbbbbbbbbbb"} - {chosen}).pop()]


async def test_a_settings_file_left_where_it_is_is_not_called_set_aside(app_factory):
    """A folder where the settings file should be cannot be read: the app says so in words
    that fit (it is left as it is), uses the defaults, and never writes over it."""
    settings = paths.config_file()
    settings.mkdir(parents=True)
    app = app_factory()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await ready(pilot)
        assert app.config.name == ""
        await pilot.pause()
        about = [(title, message) for title, message in told(app) if str(settings) in message]
        assert len(about) == 1
        title, message = about[0]
        assert "left as it is" in message and "set aside" not in title
        app.remember_name("Aroha Smith")
        await pilot.pause()
        assert any("Could not save your name" in message and "left as it is" in message
                   for _, message in told(app))
    assert settings.is_dir()
