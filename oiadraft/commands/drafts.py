"""`oiadraft drafts list|show|export|rename|delete`: the saved drafts from the command line.

`export` asks nothing: it writes the draft (YAML) or its letter (text, markdown) to stdout or to
`-o FILE`, and refuses to overwrite an existing file unless `--force`. `delete` moves the draft
to the trash folder, from which it can be moved back. A draft that does not exist is one line
on stderr and exit status 2; unreadable draft files are set aside and named on stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from oiadraft.text import printable, strip_controls


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "drafts",
        help="list, show and export saved drafts",
        description=("Saved drafts (autosaved by the chat assistant). DRAFT is a draft id, a "
                     "unique start of one, or a path to a draft file."),
    )
    actions = parser.add_subparsers(dest="drafts_action", metavar="ACTION")
    parser.set_defaults(func=run, drafts_action=None, format="text")

    listing = actions.add_parser("list", help="list drafts, most recently edited first")
    listing.add_argument("--format", choices=("text", "json"), default="text")
    listing.set_defaults(func=run)

    show = actions.add_parser("show", help="show a draft's details and parts")
    show.add_argument("draft", metavar="DRAFT")
    show.add_argument("--format", choices=("text", "json"), default="text")
    show.set_defaults(func=run)

    export = actions.add_parser("export", help="write a draft or its letter to stdout or a file")
    export.add_argument("draft", metavar="DRAFT")
    export.add_argument("--format", choices=("text", "markdown", "yaml"), default="text",
                        help="the letter as text (default) or markdown, or the draft as yaml")
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    export.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    export.set_defaults(func=run)

    rename = actions.add_parser("rename", help="give a draft a name (an empty name clears it)")
    rename.add_argument("draft", metavar="DRAFT")
    rename.add_argument("name", metavar="NAME")
    rename.set_defaults(func=run)

    delete = actions.add_parser("delete", help="move a draft to the trash (recoverable)")
    delete.add_argument("draft", metavar="DRAFT")
    delete.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from oiadraft.store import Store

    store = Store()
    action = args.drafts_action or "list"
    if action == "list":
        return _list(store, args.format)
    if action == "show":
        return _show(store, args.draft, args.format)
    if action == "export":
        return _export(store, args)
    if action == "rename":
        from oiadraft.commands import text_argument

        draft = store.rename(args.draft, text_argument(args.name, "the name"))
        print(f"{draft.id}: {printable(draft.title)}")
        return 0
    moved = store.delete(args.draft)
    print(f"moved to {moved}", file=sys.stderr)
    return 0


def _report(store: Any) -> None:
    for problem in store.problems:
        print(f"oiadraft: {printable(problem)}", file=sys.stderr)


def _list(store: Any, fmt: str) -> int:
    from oiadraft import clock
    from oiadraft.deadline import due_text, response_due

    summaries = store.list()
    _report(store)
    today = clock.today()
    if fmt == "json":
        data = []
        for s in summaries:
            item = s.to_dict()
            due = response_due(s.sent, s.act, s.region, s.extension_days)
            item["due"] = due.isoformat() if due else None
            item["days_left"] = (due - today).days if due else None
            data.append(item)
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return 0
    if not summaries:
        print("no drafts yet; run `oiadraft` to start one", file=sys.stderr)
        return 0
    rows = [["ID", "EDITED", "ACT", "PARTS", "SENT", "DUE", "TITLE"]]
    for s in summaries:
        due = response_due(s.sent, s.act, s.region, s.extension_days)
        rows.append([
            printable(s.id),
            s.updated.strftime("%Y-%m-%d %H:%M") if s.updated else "-",
            s.act.upper(),
            str(s.parts),
            s.sent.isoformat() if s.sent else "-",
            due_text(due, today, s.sent) if s.sent else "-",
            printable(s.title),
        ])
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    for row in rows:
        print("  ".join([*(cell.ljust(w) for cell, w in zip(row, widths, strict=False)),
                         row[-1]]).rstrip())
    return 0




def _show(store: Any, draft_ref: str, fmt: str) -> int:
    from oiadraft.acts import get_act
    from oiadraft.model import draft_to_dict
    from oiadraft.periods import format_period

    draft = store.load(draft_ref)
    _report(store)
    if fmt == "json":
        print(json.dumps(draft_to_dict(draft), indent=2, ensure_ascii=False))
        return 0
    profile = get_act(draft.act)
    lines = [
        printable(draft.title),
        f"id:       {printable(draft.id)}",
        f"act:      {profile.name} ({profile.short})",
        f"agency:   {printable(draft.agency) or '-'}",
        f"topic:    {printable(draft.topic) or '-'}",
        f"period:   {format_period(draft.period) if draft.period else '-'}",
        f"created:  {draft.created.isoformat() if draft.created else '-'}",
        f"updated:  {draft.updated.isoformat() if draft.updated else '-'}",
        f"sent:     {draft.sent.isoformat() if draft.sent else '-'}",
        f"urgent:   {'yes: ' + printable(draft.urgency_reasons) if draft.urgent else 'no'}",
        f"clauses:  {printable(', '.join(draft.clauses)) or '-'}",
        f"parts:    {len(draft.parts)}",
    ]
    from oiadraft import clock
    from oiadraft.periods import part_period

    for number, part in enumerate(draft.parts, 1):
        text = printable(part.text)
        taken = part_period(part, draft.parts, clock.today())
        period = f" [{format_period(taken)}]" if taken else ""
        lines.append(f"  {number}. {text}{period}")
    print("\n".join(lines))
    return 0


def _export(store: Any, args: argparse.Namespace) -> int:
    from oiadraft import clock
    from oiadraft.letter.export import export_file, export_text

    library = None
    if args.format != "yaml":
        from oiadraft.clauses import Library

        library = Library.load()
        for problem in library.problems:
            print(f"oiadraft: skipped {printable(str(problem))}", file=sys.stderr)
    if args.output:
        target = export_file(store, args.draft, args.output, format=args.format, force=args.force,
                              library=library, today=clock.today())
        print(f"wrote {target}", file=sys.stderr)
        return 0
    draft = store.load(args.draft)
    text = export_text(draft, args.format, library=library, today=clock.today())
    # The YAML form escapes control characters itself; the letter is shown as plain text.
    sys.stdout.write(text if args.format == "yaml" else strip_controls(text))
    return 0
