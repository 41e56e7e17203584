"""`oiadraft open FILE` opens that file, not the stored draft that shares its id."""

from __future__ import annotations

from oiadraft import cli, yamlio
from oiadraft.model import Draft, Part, draft_to_dict
from oiadraft.store import Store
from oiadraft.tui.screens.chat import ChatScreen
from oiadraft.tui.widgets.letter import LetterPane


def exported_copy(tmp_path):
    stored = Draft(agency="Treasury", topic="budget advice",
                   parts=[Part(text="Budget briefings to the Minister of Finance in 2023")])
    Store().save(stored)
    copy = stored.copy(topic="an older wording",
                       parts=[Part(text="Cabinet papers about the Budget in 2022")])
    path = tmp_path / "old-export.yaml"
    path.write_text(yamlio.dump(draft_to_dict(copy)))  # same id, older words
    return stored, path


def test_open_passes_the_file_to_the_app(tmp_path, monkeypatch):
    stored, path = exported_copy(tmp_path)
    launched = {}

    def launch(draft_id=None):
        launched["id"] = draft_id
        return 0

    monkeypatch.setattr(cli, "launch_tui", launch)
    monkeypatch.setattr(cli, "needs_terminal", lambda: None)
    assert cli.main(["open", str(path)]) == 0
    opened = Store().load(launched["id"])
    assert opened.topic == "an older wording", "the file's words, not the stored draft's"
    assert Store().load(stored.id).topic == "budget advice", "the stored draft is kept too"


async def test_the_app_shows_the_file_it_was_given(app_factory, tmp_path):
    _, path = exported_copy(tmp_path)
    app = app_factory(draft_id=str(path))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ChatScreen)
        assert app.screen.draft.topic == "an older wording"
        assert "Cabinet papers about the Budget in 2022" in app.screen.query_one(LetterPane).text
