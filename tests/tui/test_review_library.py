"""Review screen, deadline screen and clause library, through Pilot."""

from __future__ import annotations

from oiadraft.clauses import Library
from oiadraft.model import Draft, Part, Period
from oiadraft.store import Store
from oiadraft.tui.dialogs.clause_editor import ClauseEditorScreen
from oiadraft.tui.screens.chat import ChatScreen
from oiadraft.tui.screens.library import ClauseLibraryScreen
from oiadraft.tui.screens.review import ReviewScreen
from oiadraft.tui.widgets.letter import LetterPane

from .conftest import TODAY, open_screen, ready

PARTS = ["Briefings to the Minister of Foreign Affairs about A",
         "Cabinet papers about B",
         "Minutes of the Disarmament Committee about C"]


def saved_draft(**changes) -> Draft:
    draft = Draft(agency="Ministry of Foreign Affairs and Trade", agency_id="mfat", act="oia",
                  topic="cluster munitions", parts=[Part(text=t) for t in PARTS],
                  period=Period(TODAY.replace(year=2023), TODAY),
                  clauses=["grounds-in-support", "searchable-text"])
    for key, value in changes.items():
        setattr(draft, key, value)
    Store().save(draft)
    return draft


async def test_review_moves_part_3_to_the_top_and_undoes(app_factory):
    draft = saved_draft()
    app = app_factory(draft_id=draft.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        review = await open_screen(pilot, "ctrl+r", ReviewScreen)
        due = str(review.query_one("#due").render())
        assert "If sent today, the response is due by Friday 11 October 2024" in due
        assert "OIA s15(1)" in due
        await pilot.press("down", "down")
        await pilot.press("shift+up", "shift+up")
        await pilot.pause()
        assert [p.text for p in review.draft.parts] == [PARTS[2], PARTS[0], PARTS[1]]
        letter = review.query_one("#review-letter", LetterPane).text
        assert letter.index("1. Minutes of the Disarmament") < letter.index("2. Briefings")
        await pilot.press("u")
        await pilot.pause()
        assert [p.text for p in review.draft.parts] == [PARTS[0], PARTS[2], PARTS[1]]
        await pilot.press("u")
        await pilot.pause()
        assert [p.text for p in review.draft.parts] == PARTS
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ChatScreen)
        assert [p.text for p in app.screen.draft.parts] == PARTS


async def test_review_delete_edit_and_clause_toggle(app_factory):
    draft = saved_draft()
    app = app_factory(draft_id=draft.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        review = await open_screen(pilot, "ctrl+r", ReviewScreen)
        await pilot.press("x")
        await pilot.pause()
        assert [p.text for p in review.draft.parts] == PARTS[1:]
        await pilot.press("e")
        await pilot.pause()
        editor = app.screen.query_one("#part-text")
        editor.text = "Cabinet minutes about B in 2023"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert review.draft.parts[0].text == "Cabinet minutes about B in 2023"
        clauses = review.query_one("#clauses")
        clauses.focus()
        index = next(i for i, o in enumerate(clauses.options) if o.value == "searchable-text")
        clauses.highlighted = index
        await pilot.press("space")
        await pilot.pause()
        assert "searchable-text" not in review.draft.clauses
        await pilot.press("escape")
        await pilot.pause()
        chat = app.screen
        assert "searchable-text" not in chat.draft.clauses
        assert chat.draft.parts[0].text == "Cabinet minutes about B in 2023"


async def test_review_changing_to_a_council_switches_sections(app_factory):
    draft = saved_draft()
    app = app_factory(draft_id=draft.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await open_screen(pilot, "ctrl+r", ReviewScreen)
        await pilot.press("a")
        await pilot.pause()
        query = app.screen.query_one("#query")
        query.value = "dunedin city council"
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        review = app.screen
        assert isinstance(review, ReviewScreen)
        assert review.draft.act == "lgoima" and review.draft.region == "otago"
        letter = review.query_one("#review-letter", LetterPane).text
        assert "section 18(a)(ii)" in letter and "section 19(a)(ii)" not in letter
        assert "LGOIMA s13(1)" in str(review.query_one("#due").render())


async def test_deadline_screen_marks_sent(app_factory):
    draft = saved_draft()
    app = app_factory(draft_id=draft.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+t")
        await pilot.pause()
        screen = app.screen
        screen.query_one("#received").value = "13/09/2024"
        screen.query_one("#extension").value = "45"
        await pilot.pause()
        report = str(screen.query_one("#report").render())
        assert "Friday 11 October 2024" in report and "Monday 16 December 2024" in report
        assert "s28(3)" in report
        screen.query_one("#extension").value = "minus one"
        await pilot.pause()
        assert "whole number" in str(screen.query_one("#report").render())
        screen.query_one("#extension").value = ""
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ChatScreen)
        assert app.screen.draft.sent == TODAY
    assert Store().load(draft.id).sent == TODAY


async def test_library_search_duplicate_reword_and_insert(app_factory):
    draft = saved_draft(clauses=["grounds-in-support"])
    app = app_factory(draft_id=draft.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+l")
        await pilot.pause()
        library_screen = app.screen
        assert isinstance(library_screen, ClauseLibraryScreen)
        await pilot.press(*"searchable")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert library_screen.current().id == "searchable-text"
        assert library_screen.last_search_ms is not None
        await pilot.press("down")  # into the results
        await pilot.press("d")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, ClauseEditorScreen)
        area = editor.query_one("#clause-yaml")
        good = area.text.replace(
            "Text that can be searched and copied",
            "Documents I can search and copy from")
        area.text = good.replace("kind: preference", "kind: [not valid")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is editor, "an invalid clause is not saved"
        errors = str(editor.query_one("#editor-errors").render())
        assert "line" in errors and "Not saved" in errors
        assert area.text.startswith("version: 1"), "the user's text is kept"
        area.text = good
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is library_screen
        copies = [c for c in Library.load().clauses() if c.body.startswith("Documents I can")]
        assert len(copies) == 1 and copies[0].id != "searchable-text"
        await app.workers.wait_for_complete()
        await pilot.pause()
        search = library_screen.query_one("#clause-search")
        search.value = "Documents I can search"
        await app.workers.wait_for_complete()
        await pilot.pause()
        results = library_screen.query_one("#clause-results")
        ids = [results.get_option_at_index(i).id for i in range(results.option_count)]
        assert copies[0].id in ids[:3]
        results.focus()
        results.highlighted = ids.index(copies[0].id)
        await pilot.pause()
        assert "yours" in str(results.get_option_at_index(results.highlighted).prompt)
        await pilot.press("i")
        await pilot.pause()
        assert copies[0].id in library_screen.draft.clauses
        await pilot.press("escape")
        await pilot.pause()
        chat = app.screen
        assert copies[0].id in chat.draft.clauses
        assert "Documents I can search and copy from" in chat.letter_text()


async def test_library_reset_of_an_edited_builtin(app_factory):
    library = Library.load()
    original = library.get("no-watermark")
    from dataclasses import replace

    library.save(replace(original, body="No stamps at all, please."))
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+l")
        await pilot.pause()
        screen = app.screen
        screen.query_one("#clause-search").value = "watermark"
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.current().id == "no-watermark"
        assert "Edited by you" in str(screen.query_one("#clause-meta").render())
        screen.query_one("#clause-results").focus()
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert Library.load().get("no-watermark").body == original.body


async def test_review_clause_boxes_say_ticked_in_characters_not_colour_alone(app_factory):
    draft = saved_draft()
    app = app_factory(draft_id=draft.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        review = await open_screen(pilot, "ctrl+r", ReviewScreen)
        clauses = review.query_one("#clauses")
        clauses.scroll_home(animate=False)
        await pilot.pause()
        shown = min(len(clauses.options), clauses.size.height)
        boxes = {clauses.options[y].value: clauses.render_line(y).text[:3] for y in range(shown)}
        ticked = {value for value in boxes if value in review.draft.clauses}
        assert ticked and ticked != set(boxes), "the draft ticks some clauses and not others"
        for value, box in boxes.items():
            assert box == ("▐X▌" if value in ticked else "▐ ▌"), (value, box)
