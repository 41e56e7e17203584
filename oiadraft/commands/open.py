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

    draft = Store().load(args.draft)  # a missing or broken draft is a clear error, exit 2
    return launch_tui(draft_id=draft.id)
