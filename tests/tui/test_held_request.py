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
