"""`oiadraft open DRAFT`: open a saved draft, or a draft file from elsewhere, in the chat
assistant.

A file from outside the drafts folder is brought in first (`Store.import_file`): saved under
its own id, or as a new draft when a different draft already has that id, so an old copy never
replaces the saved draft; a line on stderr says when that happened.
"""

from __future__ import annotations

import argparse
import sys


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "open", help="open a saved draft in the chat assistant",
        description="Open a saved draft (an id, a unique id prefix, or a draft file) in the "
                    "chat assistant. `oiadraft drafts list` shows the ids. A draft file from "
                    "elsewhere is added to your drafts first (as a new draft if a different "
                    "one has its id).")
    parser.add_argument("draft", metavar="DRAFT", help="draft id, id prefix or path")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from oiadraft.cli import launch_tui, needs_terminal
    from oiadraft.store import Store

    store = Store()
    store.resolve(args.draft)  # a missing draft is a clear error, exit 2, before anything else
    needs_terminal()
    result = store.import_file(args.draft)  # a broken draft: one line, exit 2
    if result.message:
        print(f"oiadraft: {result.message}", file=sys.stderr)
    return launch_tui(draft_id=result.draft_id)
