"""Keys, the palette and F1 help come from the one action table (prompts/actions.yaml)."""

from __future__ import annotations

from dataclasses import replace

from oiadraft.interview import load_actions
from oiadraft.tui import actions
from oiadraft.tui.screens.help import PLACES, Places, help_blocks, help_markdown

from .conftest import conversation

START = ["mfat", "cluster munitions", "2023", ""]
BROAD = "any emails that mention the Convention"


def footer_keys(app) -> set[str]:
    return {binding.key for _, binding, enabled, _ in app.screen.active_bindings.values()
            if binding.show and enabled}


async def test_every_key_in_the_table_is_bound(app_factory):
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()  # the table is bound once the interview loads
        await pilot.pause()
        bound = set(app.screen._bindings.key_to_bindings) | set(app._bindings.key_to_bindings)
        for spec in load_actions():
            if spec.key and spec.id != actions.PALETTE_ACTION:
                assert spec.key in bound, f"{spec.id}: {spec.key} is not bound"
        assert actions.palette_key() == app.COMMAND_PALETTE_BINDING


async def test_the_footer_shows_only_what_applies_now(app_factory):
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await conversation(pilot, *START)
        assert "f2" not in footer_keys(app) and "f3" not in footer_keys(app)
        await conversation(pilot, BROAD)
        view = app.screen.view
        shown = footer_keys(app)
        for spec in load_actions():
            if spec.key in {"f2", "f3", "f4"}:
                assert (spec.key in shown) == (spec.id in view.actions), spec.id
        assert "f2" in shown  # the broad part has a suggested rewording


async def test_the_palette_and_help_list_the_table(app_factory):
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await conversation(pilot, *START, BROAD)
        titles = {command.title for command in app.get_system_commands(app.screen)}
        for spec in load_actions():
            if spec.palette and spec.id in app.screen.view.actions:
                assert any(title.startswith(spec.label) for title in titles), spec.id
        # A command that needs a number starts it in the box; one that does not just runs.
        delete = next(c for c in app.get_system_commands(app.screen)
                      if c.title.startswith("Delete part"))
        delete.callback()
        await pilot.pause()
        assert app.screen.query_one("#message").text == "delete part "
        app.screen.query_one("#message").clear()
        edit = next(c for c in app.get_system_commands(app.screen)
                    if c.title.startswith("Edit part"))
        edit.callback()
        await pilot.pause()
        assert app.screen.query_one("#message").text == BROAD  # the current part's words
    text = help_markdown()
    for spec in load_actions():
        if spec.key:
            assert actions.key_name(spec.key) in text and spec.help in text


async def test_a_key_added_to_the_table_shows_everywhere(app_factory, monkeypatch):
    table = dict(actions.specs())
    table["copy"] = replace(table["copy"], key="f9", label="Copy it")
    monkeypatch.setattr(actions, "specs", lambda: table)
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await conversation(pilot, *START, "Cabinet papers on cluster munitions")
        assert "f9" in footer_keys(app)
        await pilot.press("f9")
        await pilot.pause()
        assert app.clipboard and "Cabinet papers on cluster munitions" in app.clipboard
        assert any(c.title == "Copy it (F9)" for c in app.get_system_commands(app.screen))
    assert "`F9`" in help_markdown()


async def test_every_key_of_the_chat_screen_and_the_app_is_in_the_table(app_factory):
    """No key bound in code alone: each binding of the chat screen and the app (beyond
    Textual's own) is an action of the table, with the table's key."""
    from textual.app import App
    from textual.screen import Screen

    app = app_factory(offer_resume=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = {spec.id: spec for spec in load_actions()}
        textual_own = {(key.strip(), b.action) for b in [*App.BINDINGS, *Screen.BINDINGS]
                       for key in b.key.split(",")}
        for node in (app.screen, app):
            for key, bindings in node._bindings.key_to_bindings.items():
                for binding in bindings:
                    if (key, binding.action) in textual_own and binding.id is None:
                        continue
                    # Textual binds its palette itself, with the table's key (the app's
                    # COMMAND_PALETTE_BINDING comes from the table)
                    palette = binding.action == "command_palette"
                    spec = table.get(actions.PALETTE_ACTION if palette else binding.id or "")
                    assert spec is not None, f"{key} ({binding.action}) is not in the table"
                    assert spec.key == key, f"{binding.id}: bound to {key}, table says {spec.key}"


async def test_resume_and_mark_as_sent_come_from_the_table(app_factory):
    from oiadraft.model import Draft
    from oiadraft.store import Store
    from oiadraft.tui.dialogs.deadline import DeadlineScreen

    Store().save(Draft(agency="Ministry of Health", topic="waiting lists"))
    app = app_factory(offer_resume=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert "Resume (F8)" in titles and "Mark as sent" in titles
        assert "F8" in str(app.screen.query_one("#resume-offer").render())
        await pilot.press("f8")
        await pilot.pause()
        assert app.screen.draft.topic == "waiting lists"
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert "Resume (F8)" not in titles, "offered only while there is something to resume"
        await conversation(pilot, "mark as sent")
        assert isinstance(app.screen, DeadlineScreen) and app.screen.mark_sent
    text = help_markdown()
    assert "| `F8` |" in text and "mark as sent" in text


def test_the_help_tables_keep_every_row_and_cell():
    """The help draws its tables itself: each `|` row of the text is a row of a table, with as
    many cells as its header, and prose is kept as it was written."""
    text = help_markdown()
    blocks = help_blocks(text)
    tables = [block for block in blocks if isinstance(block, list)]
    rows = [line for line in text.splitlines() if line.startswith("|") and "---" not in line]
    assert [" | ".join(row) for table in tables for row in table] == [
        line.strip("| ") for line in rows]
    assert all(len(row) == len(table[0]) for table in tables for row in table)
    assert len(tables) == 3 and tables[0][0] == ["Key", "What it does"]
    prose = "\n".join(block for block in blocks if isinstance(block, str))
    assert "## How the warnings work" in prose and "|" not in prose
    assert "## Where your things are" in prose and PLACES not in prose
    [places] = [block for block in blocks if isinstance(block, Places)]
    assert places.folders[0][0] == "Drafts (saved as you type)"


async def test_the_footer_draws_its_keys_with_the_first_frame_not_after_it(monkeypatch):
    """Its keys are read as it composes: no recompose (a layout and a repaint of the screen)
    between the first frame and the greeting."""
    from textual.app import App
    from textual.binding import Binding
    from textual.widgets import OptionList
    from textual.widgets._footer import FooterKey

    from oiadraft.tui.widgets.footer import SteadyFooter

    recomposed: list[int] = []
    original = SteadyFooter.recompose

    async def counting(self):
        recomposed.append(1)
        await original(self)

    monkeypatch.setattr(SteadyFooter, "recompose", counting)

    class Keys(App[None]):
        BINDINGS = [Binding("ctrl+q", "quit", "Quit"), Binding("m", "move", "Move")]

        def compose(self):
            yield OptionList("one", "two", id="list")
            yield SteadyFooter()

        def on_mount(self) -> None:
            shown = {key.key for key in self.query(FooterKey)}
            self.keys_at_mount = shown

    app = Keys()
    async with app.run_test() as pilot:
        await pilot.pause()
        assert {"ctrl+q"} <= app.keys_at_mount
        assert recomposed == []


def screen_lines(app) -> list[str]:
    """The text of each line of the screen, as the terminal shows it."""
    width, height = app.size
    strips = app.screen._compositor.render_strips()
    lines = ["".join(segment.text for segment in strip) for strip in strips]
    assert len(lines) == height and all(len(line) >= width for line in lines)
    return lines


async def test_help_shows_the_folders_exactly_as_they_are(app_factory, tmp_path, monkeypatch):
    """A folder is the user's own text: backticks, asterisks, brackets and underscores in it
    are shown as typed, not read as Markdown."""
    home = tmp_path / "a `b` *c* [d](e) _f_ <g>"
    monkeypatch.setenv("OIADRAFT_HOME", str(home))
    app = app_factory()
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        await pilot.press("end")
        await pilot.pause()
        shown = "\n".join(line.rstrip() for line in screen_lines(app))
    for folder in ("drafts", "clauses", "trash", "logs"):
        assert str(home / folder) in shown, f"{home / folder} is not shown as it is"
