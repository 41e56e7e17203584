"""A whole letter pasted as the first answer waits in the message box for the parts question."""

from __future__ import annotations

from pathlib import Path

from oiadraft.tui.widgets.chat_input import ChatInput

from .conftest import conversation

SEED = Path(__file__).parents[1].joinpath("data", "seed_request.txt").read_text(encoding="utf-8")


async def test_a_letter_pasted_first_is_back_in_the_box_at_the_parts_question(app_factory):
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await conversation(pilot, SEED, "cluster munitions", "skip")
        chat = app.screen
        assert chat.draft.agency == "Ministry of Foreign Affairs and Trade"
        assert chat.query_one(ChatInput).text == SEED
        assert chat.draft.parts == []
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(chat.draft.parts) == 13
        assert chat.query_one(ChatInput).text == ""


async def test_a_long_paste_that_arrives_as_the_app_quits_is_kept_in_the_draft(app_factory):
    """Paste a long request, Ctrl+Q straight after: the paste reaches the box while the app
    is closing. It was worked on in a thread that never reported back (or failed on the
    half-closed screen), and the draft was saved without it."""
    from oiadraft.store import Store

    from .conftest import saved_draft

    draft = saved_draft("mfat", "cluster munitions", "2023", "yes")
    pasted = "".join(f"{n}. Briefings to the Minister about site {n} in 2023\n"
                     for n in range(1, 600))
    assert len(pasted) > 20_000
    app = app_factory(draft_id=draft.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        chat = app.screen
        await app.action_quit()
        chat._large_paste(pasted)
    kept = Store().load(draft.id)
    assert kept.pending_input == pasted
