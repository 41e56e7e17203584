"""F1: keys, how the warnings work, the sections used, where files live."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path

from rich import box
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Header, Markdown

from oiadraft import paths
from oiadraft.acts import (
    UNCONFIRMED_MARK,
    ActProfile,
    all_acts,
    concept_meanings,
    official_information_acts,
)
from oiadraft.text import join_and
from oiadraft.tui.answers_once import AnswersOnce
from oiadraft.tui.widgets.footer import SteadyFooter

EXTRA_KEYS = [
    ("Enter", "send your message (Alt+Enter or Ctrl+J for a new line; pasting keeps lines)"),
]
"""Keys of the chat box itself; every other key is in the action table."""

CONCEPTS = ["request", "particularity", "urgency", "duty_to_assist", "transfer", "time_limit",
            "clarification", "extension", "preferences", "deletions", "refusal_not_exist",
            "refusal_collation", "charge_or_extend_first", "aggregation",
            "consult_before_refusing", "reasons", "grounds", "public_interest", "complaint"]


PLACES = "<where your things are>"
"""The line of the help's Markdown that stands for the list of folders: a folder is the user's
own text (OIADRAFT_HOME), so it is drawn as plain text, never read as Markdown (a backtick in
it ended the code span, an asterisk made italics)."""


def help_places() -> list[tuple[str, Path]]:
    """What is kept where: (what, folder)."""
    home = paths.home()
    return [("Drafts (saved as you type)", home / "drafts"),
            ("Your own and edited clauses", home / "clauses"),
            ("Deleted clauses and drafts (recoverable)", home / "trash"),
            ("Error logs", home / "logs")]


def help_markdown() -> str:
    profiles = all_acts()
    meanings = concept_meanings()
    from oiadraft.tui.actions import commands_help, keys_help

    keys = "\n".join(f"| `{key}` | {what} |" for key, what in EXTRA_KEYS + keys_help())
    commands = "\n".join(f"| `{typed}` | {what} |" for typed, what in commands_help())
    rows = []
    for concept in CONCEPTS:
        cells = []
        for profile in profiles:
            cell = profile.cite(concept) if profile.has(concept) else "—"
            if profile.has(concept) and not profile.is_verified(concept):
                cell += f" {UNCONFIRMED_MARK}"
            cells.append(cell)
        rows.append(f"| {' | '.join(cells)} | {meanings.get(concept, '')} |")
    sections = "\n".join(rows)
    header = " | ".join(_act_title(profile) for profile in profiles)
    rule = "|".join("---" for _ in profiles)
    acts_for_requests = official_information_acts()

    def under_each(concept: str) -> str:
        """"s18(f) of the OIA, s17(f) of LGOIMA": the concept under every Act it applies to."""
        return join_and(f"{profile.cite(concept)} of {profile.short_in_text}"
                        for profile in acts_for_requests if profile.has(concept))

    return f"""\
# oiadraft help

## Keys
| Key | What it does |
|---|---|
{keys}

You can also type commands in the chat (a line that is only a command is never taken as the
words of a part):

| Type | What it does |
|---|---|
{commands}

## How the warnings work
Each part is checked as you type. The checker looks for the wording that agencies refuse as
needing *substantial collation or research* ({under_each("refusal_collation")}): "all" or
"any" correspondence, emails or messages; "any official"; "mentions" or "relating to" a topic; no time frame or a long one. It also looks
for what makes a request easy to answer: named document types (briefings, Cabinet papers,
minutes of a named meeting), named people or units, a short period, dates or titles instead of
contents.

- **Low**: specific enough to find. **Medium**: may draw a request to refine it, or an
  extension. **High**: could well be refused or sent back for narrowing.
- Each warning quotes the words that caused it, says why, and suggests narrower wording.
  **F2** puts the suggestion into the part (asking you to fill any `<placeholder>`), **F3**
  keeps the part as it is.
- The checker is advice, not law: an agency must consider charging or extending the time
  before refusing ({under_each("charge_or_extend_first")}), and must consider talking to you
  first ({under_each("consult_before_refusing")}).

## Sections this tool uses
| {header} | Meaning |
|{rule}|---|
{sections}

## Where your things are
{PLACES}

Files are private to you (mode 600). Nothing leaves this computer: oiadraft makes no network
connections.
"""


def _act_title(profile: ActProfile) -> str:
    """ "OIA 1982": the short name and the year the Act's full name ends with."""
    year = profile.name.split()[-1]
    return f"{profile.short} {year}" if year.isdigit() else profile.short


CODE_SPAN = re.compile(r"`([^`]*)`")


@dataclass(frozen=True)
class Places:
    """The list of folders in the help, (what, folder) pairs, drawn as plain text."""

    folders: list[tuple[str, Path]]


def help_blocks(markdown: str) -> list[str | list[list[str]] | Places]:
    """The help cut into runs of prose (Markdown text), tables (rows of cells, the header
    row first; the `|---|` rule dropped) and the list of folders (where the `PLACES` line is)."""
    blocks: list[str | list[list[str]] | Places] = []

    def kind(line: str) -> str:
        return "table" if line.startswith("|") else "places" if line == PLACES else "prose"

    for what, lines in groupby(markdown.splitlines(), key=kind):
        if what == "places":
            blocks.append(Places(help_places()))
            continue
        if what == "prose":
            blocks.append("\n".join(lines))
            continue
        rows = [[cell.strip() for cell in line.strip().strip("|").split(" | ")] for line in lines]
        blocks.append([row for row in rows if not set("".join(row)) <= set("-|")])
    return blocks


class HelpTable(Widget):
    """A table of the help drawn as one widget (Markdown's own tables are a widget per cell:
    the help took a second to open)."""

    DEFAULT_CSS = """
    HelpTable {
        height: auto;
        padding: 0 2;
        margin-bottom: 1;
    }
    HelpTable > .help-table--header {
        color: $primary;
        text-style: bold;
    }
    HelpTable > .help-table--code {
        color: $text-warning 95%;
        background: $warning 10%;
    }
    HelpTable > .help-table--lines {
        color: $foreground 20%;
    }
    """

    COMPONENT_CLASSES = {"help-table--header", "help-table--code", "help-table--lines"}

    def __init__(self, rows: list[list[str]], **kwargs) -> None:
        super().__init__(**kwargs)
        self.rows = rows

    def _cell(self, cell: str) -> Text:
        """A cell's text, with `code spans` styled as Markdown styles them."""
        code = self.get_component_rich_style("help-table--code")
        text = Text()
        for index, piece in enumerate(CODE_SPAN.split(cell)):
            text.append(piece, style=code if index % 2 else "")
        return text

    def render(self) -> Table:
        header, *body = self.rows
        table = Table(box=box.SQUARE, show_lines=True, expand=True,
                      border_style=self.get_component_rich_style("help-table--lines"),
                      header_style=self.get_component_rich_style("help-table--header"))
        for index, cell in enumerate(header, 1):  # the last column takes what is left
            table.add_column(self._cell(cell), ratio=1 if index == len(header) else None)
        for row in body:
            table.add_row(*map(self._cell, row))
        return table


class HelpPlaces(Widget):
    """The list of folders, each shown exactly as it is on disk."""

    DEFAULT_CSS = """
    HelpPlaces {
        height: auto;
        padding: 0 2;
        margin-bottom: 1;
    }
    HelpPlaces > .help-places--path {
        color: $text-warning 95%;
        background: $warning 10%;
    }
    """

    COMPONENT_CLASSES = {"help-places--path"}

    def __init__(self, places: list[tuple[str, Path]], **kwargs) -> None:
        super().__init__(**kwargs)
        self.places = places

    def render(self) -> Text:
        style = self.get_component_rich_style("help-places--path")
        text = Text()
        for index, (what, folder) in enumerate(self.places):
            if index:
                text.append("\n")
            text.append(f"• {what}: ")
            text.append(str(folder), style=style)
        return text


class HelpScreen(AnswersOnce, Screen[None]):
    """Help, one key away."""

    CSS = "HelpScreen #help-body { padding: 0 2; }"

    BINDINGS = [Binding("escape,f1,q", "app.pop_screen", "Close help")]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="help-body"):
            for block in help_blocks(help_markdown()):
                if isinstance(block, str):
                    yield Markdown(block)
                elif isinstance(block, Places):
                    yield HelpPlaces(block.folders)
                else:
                    yield HelpTable(block)
        yield SteadyFooter(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()
