"""The review screen's part editor: new wording is never thrown away by one stray Escape."""

from __future__ import annotations

from oiadraft.tui.dialogs.edit_part import EditPartScreen
from oiadraft.tui.screens.review import ReviewScreen

from .conftest import open_screen, ready, saved_draft, transcript_texts

START = ("mfat", "cluster munitions", "2023", "yes", "Cabinet papers about cluster munitions")


async def test_escape_asks_before_throwing_away_a_reworded_part(app_factory):
    draft = saved_draft(*START)
    app = app_factory(draft_id=draft.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        review = await open_screen(pilot, "ctrl+r", ReviewScreen)
        editor = await open_screen(pilot, "e", EditPartScreen)
        area = editor.query_one("#part-text")
        area.text = "Cabinet papers and minutes about cluster munitions in 2023"
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is editor and "Escape again" in str(
            editor.query_one("#problem").render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is review
        assert review.draft.parts[0].text == (
            "Cabinet papers and minutes about cluster munitions in 2023")
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is review, "nothing changed: one Escape closes it"


async def test_one_ctrl_q_does_not_throw_away_a_reworded_part(app_factory):
    draft = saved_draft(*START)
    app = app_factory(draft_id=draft.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await open_screen(pilot, "ctrl+r", ReviewScreen)
        editor = await open_screen(pilot, "e", EditPartScreen)
        editor.query_one("#part-text").text = "Cabinet minutes about cluster munitions in 2023"
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.is_running and app.screen is editor
        assert "Ctrl+S saves it" in str(editor.query_one("#problem").render())


BROAD = (*START, "All emails about cluster munitions",
         "Copies of briefings to the Minister about cluster munitions")


async def review_at_part(pilot, number: int) -> ReviewScreen:
    await ready(pilot)
    review = await open_screen(pilot, "ctrl+r", ReviewScreen)
    review.query_one("#parts").highlighted = number - 1
    await pilot.pause()
    return review


async def reword_in_review(pilot, number: int, text: str) -> ReviewScreen:
    """Part `number` reworded to `text` with review's part editor (e, then Ctrl+S)."""
    review = await review_at_part(pilot, number)
    editor = await open_screen(pilot, "e", EditPartScreen)
    editor.query_one("#part-text").text = text
    await pilot.pause()
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert pilot.app.screen is review
    return review


async def press_in_review(pilot, number: int, key: str) -> None:
    """Highlight part `number` in review and press `key`; wait for the chat's reply."""
    await review_at_part(pilot, number)
    await pilot.press(key)
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_f3_in_review_keeps_the_highlighted_part_and_goes_back_to_the_chat(
        app_factory):
    """F3 on a part in review does what `keep part N` does in the chat; it did nothing."""
    from oiadraft.tui.screens.chat import ChatScreen

    draft = saved_draft(*BROAD)
    app = app_factory(draft_id=draft.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await press_in_review(pilot, 2, "f3")
        chat = app.screen
        assert isinstance(chat, ChatScreen)
        parts = chat.draft.parts
        assert parts[1].text == "All emails about cluster munitions" and parts[1].acknowledged
        assert not parts[0].acknowledged and not parts[2].acknowledged
        assert "keep part 2" in transcript_texts(app)


async def test_f4_in_review_splits_the_highlighted_part(app_factory):
    draft = saved_draft(*BROAD)
    app = app_factory(draft_id=draft.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await press_in_review(pilot, 3, "f4")
        parts = app.screen.draft.parts
        assert len(parts) == 4
        assert parts[1].text == "All emails about cluster munitions"
        assert parts[2].text.startswith("A list (title, date and author) of briefings")
        assert parts[3].text.startswith("Copies of the documents listed")


async def test_f2_in_review_asks_in_the_chat_for_the_blanks_of_the_rewording(app_factory):
    """The first rewording of "All emails" has blanks to fill: F2 in review takes the
    requester to the chat, which asks for them for that part."""
    draft = saved_draft(*BROAD)
    app = app_factory(draft_id=draft.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await press_in_review(pilot, 2, "f2")
        chat = app.screen
        assert "accept part 2" in transcript_texts(app)
        assert chat.view.kind == "fill"
        assert chat.draft.parts[1].text == "All emails about cluster munitions"


async def test_f2_in_review_on_a_part_with_advice_only_says_so_there(app_factory):
    """The panel marks advice ("advice:") apart from a rewording ("→"); F2 on a part with
    advice only stays in review and says why, instead of leaving for the chat to refuse."""
    draft = saved_draft("mfat", "cluster munitions", "1 October 2020 to 13 September 2024",
                        "yes", "Cabinet papers on cluster munitions")
    app = app_factory(draft_id=draft.id)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        review = await review_at_part(pilot, 1)
        panel = str(review.query_one("#part-findings").render())
        assert "advice: A shorter range" in panel and "→" not in panel
        await pilot.press("f2")
        await pilot.pause()
        assert app.screen is review
        said = [str(n.message) for n in app._notifications]
        assert any("no rewording to accept for part 1" in m and "advice" in m for m in said)
        assert review.draft.parts[0].text == "Cabinet papers on cluster munitions"


async def test_a_part_reworded_in_review_to_drop_that_period_no_longer_takes_its_dates(
        app_factory):
    draft = saved_draft("Auckland Council", "dog control", "skip",
                        "The number of dog attacks reported each year (2019-2024)",
                        "All emails about dog control in that period")
    assert draft.parts[1].period_from == draft.parts[0].id
    app = app_factory(draft_id=draft.id)
    async with app.run_test(size=(120, 40)) as pilot:
        review = await reword_in_review(pilot, 2, "All emails about dog control")
        assert review.draft.parts[1].period_from is None
        assert "no longer covers part 1's dates" in " ".join(
            str(n.message) for n in app._notifications)


async def test_a_part_reworded_in_review_is_saved_while_review_is_still_open(app_factory):
    """The timed save writes it: the app killed with review open loses nothing."""
    from oiadraft.store import Store

    draft = saved_draft(*START)
    app = app_factory(draft_id=draft.id)
    async with app.run_test(size=(120, 40)) as pilot:
        review = await reword_in_review(pilot, 1,
                                        "Cabinet papers about cluster munitions in 2023")
        await pilot.pause()
        chat = app.chat_screen()
        assert chat.draft.parts[0].text == "Cabinet papers about cluster munitions in 2023"
        chat._timed_save()  # what the timer does (no waiting on the clock)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is review
        assert Store().load(draft.id).parts[0].text == (
            "Cabinet papers about cluster munitions in 2023")
        # undo in review is saved the same way
        await pilot.press("u")
        await pilot.pause()
        await pilot.pause()
        chat._timed_save()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert Store().load(draft.id).parts[0].text == "Cabinet papers about cluster munitions"


async def test_a_part_reworded_in_review_to_say_that_period_takes_the_earlier_parts(
        app_factory):
    draft = saved_draft("Auckland Council", "dog control", "skip",
                        "The number of dog attacks reported each year (2019-2024)",
                        "All emails about dog control", "skip")
    assert draft.parts[1].period_from is None
    app = app_factory(draft_id=draft.id)
    async with app.run_test(size=(120, 40)) as pilot:
        review = await reword_in_review(pilot, 2, "All emails about dog control in that period")
        assert review.draft.parts[1].period_from == review.draft.parts[0].id
        assert "now covers the period of part 1" in " ".join(
            str(n.message) for n in app._notifications)
        letter = app.letter_text(review.draft)
        assert "in that period (from 1 January 2019 to 31 December 2024)" in letter


async def test_words_typed_in_the_part_editor_go_after_the_wording(app_factory):
    draft = saved_draft(*START)
    app = app_factory(draft_id=draft.id)
    async with app.run_test(size=(120, 40)) as pilot:
        review = await review_at_part(pilot, 1)
        await open_screen(pilot, "e", EditPartScreen)
        await pilot.press(*" in 2023")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert review.draft.parts[0].text == "Cabinet papers about cluster munitions in 2023"
