"""`oiadraft open DRAFT`: open a saved draft in the chat assistant."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "open", help="open a saved draft in the chat assistant",
        description="Open a saved draft (an id, a unique id prefix, or a draft file) in the "
                    "chat assistant. `oiadraft drafts list` shows the ids.")
    parser.add_argument("draft", metavar="DRAFT", help="draft id, id prefix or path")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from oiadraft.cli import launch_tui
    from oiadraft.store import Store

    store = Store()
    path = store.resolve(args.draft)  # a missing draft is a clear error, exit 2
    store.load(path)  # so is a broken one, before the screen is taken over
    # The file itself is opened (an exported copy is not swapped for the stored draft with
    # the same id).
    return launch_tui(draft_id=str(path.resolve()))
