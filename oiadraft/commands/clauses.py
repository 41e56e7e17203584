"""`oiadraft clauses list|show|search|validate|path`: the clause library from the command line.

A broken clause file in the user's folder never hides the rest: `list`, `show` and `search`
name each bad file and line on stderr and carry on. `validate` exits 1 when it finds problems.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from oiadraft.commands import positive_int


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "clauses",
        help="list, show, search and check the clause library",
        description=(
            "The clause library: reusable paragraphs for request letters (preferred form, "
            "grounds for any refusal, consultation before refusing, ...). Built-in clauses come "
            "with oiadraft; your own go in the folder `oiadraft clauses path` prints, one YAML "
            "file per clause, and one with a built-in's id replaces it."
        ),
    )
    actions = parser.add_subparsers(dest="clauses_action", metavar="ACTION")
    parser.set_defaults(func=run, clauses_action=None, act=None, format="text")

    listing = actions.add_parser("list", help="list the clauses (with their sections per Act)")
    listing.add_argument("--act", metavar="ACT",
                         help="only clauses for this Act (an Act key such as oia, lgoima or "
                              "privacy), with its section numbers (default: every Act side by "
                              "side)")
    listing.add_argument("--format", choices=("text", "json"), default="text")
    listing.set_defaults(func=run)

    show = actions.add_parser("show", help="show one clause, its body rendered for an Act")
    show.add_argument("id", help="the clause id, as `oiadraft clauses list` prints it")
    show.add_argument("--act", metavar="ACT", default=None,
                      help="render the section numbers of this Act (default: the first Act the "
                           "clause applies to)")
    show.add_argument("--format", choices=("text", "markdown", "yaml"), default="text",
                      help="text (default), the body as markdown, or the clause file as yaml")
    show.set_defaults(func=run)

    search = actions.add_parser("search", help="find clauses by title, tags and body (typos ok)")
    search.add_argument("query", nargs="+", help="words to look for, e.g. searchable, watermark, or a section")
    search.add_argument("--act", metavar="ACT", help="only clauses for this Act")
    search.add_argument("--limit", type=positive_int, default=10, metavar="N",
                        help="at most N results (default 10)")
    search.add_argument("--format", choices=("text", "json"), default="text")
    search.set_defaults(func=run)

    validate = actions.add_parser(
        "validate",
        help="check clause files (default: the whole library); exit 1 on problems",
        description=("Check clause files and print each problem as file:line: message. With no "
                     "FILE, checks the built-ins and your clauses folder. Exit 0 when all is "
                     "well, 1 when there are problems."),
    )
    validate.add_argument("files", nargs="*", metavar="FILE")
    validate.set_defaults(func=run)

    path = actions.add_parser("path", help="print the folder for your own clauses")
    path.set_defaults(func=run)

    placeholders = actions.add_parser("placeholders",
                                      help="list the placeholders a clause body may use")
    placeholders.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from oiadraft import paths

    action = args.clauses_action or "list"
    if action == "path":
        print(paths.user_clauses_dir())
        return 0
    if action == "placeholders":
        from oiadraft.clauses import placeholder_help

        rows = placeholder_help()
        width = max(len(name) for name, _ in rows)
        for name, meaning in rows:
            print(f"{name.ljust(width)}  {meaning}")
        return 0
    if action == "validate":
        return _validate(args.files)

    from oiadraft.acts import get_act
    from oiadraft.clauses import Library, query_words

    act = get_act(args.act).key if args.act is not None else None
    if action == "search":
        from oiadraft.clauses.search import STOP_WORDS
        from oiadraft.errors import UserError

        query = " ".join(args.query)
        words = query_words(query)
        # an empty search would list every clause with a meaningless score of 0.0, and one
        # of common words only ("the") every clause holding them, scored 100
        if not words:
            raise UserError(f"no words to search for in {query!r}; "
                            "`oiadraft clauses list` lists every clause")
        if all(word in STOP_WORDS for word in words):
            raise UserError(f"{query!r} has only common words; search for what the clause is "
                            "about (like 'watermark' or 'grounds'), or `oiadraft clauses list` "
                            "lists every clause")
    library = Library.load()
    _report_problems(library.problems)
    if action == "list":
        return _list(library, act, args.format)
    if action == "show":
        return _show(library, args.id, act, args.format)
    return _search(library, " ".join(args.query), act, args.limit, args.format)


def _report_problems(problems: list[Any]) -> None:
    for problem in problems:
        print(f"oiadraft: skipped {problem}", file=sys.stderr)


def _origin(library: Any, clause: Any) -> str:
    if library.is_overridden(clause.id):
        return "edited" if library.is_modified(clause.id) else "copy of built-in"
    return "built-in" if clause.builtin else "yours"


def _list(library: Any, act: str | None, fmt: str) -> int:
    clauses = library.clauses(act)
    if fmt == "json":
        data = []
        for clause in clauses:
            data.append({
                "id": clause.id, "title": clause.title, "kind": clause.kind,
                "acts": list(clause.acts), "section": list(clause.section),
                "cites": {key: clause.cites(key) for key in clause.acts},
                "default": clause.default, "tags": list(clause.tags),
                "origin": _origin(library, clause), "path": clause.source,
                "notes": clause.notes,
            })
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return 0
    from oiadraft.acts import act_keys

    acts_shown = [act] if act else list(act_keys())
    headers = ["ID", "KIND"] + [key.upper() for key in acts_shown] + ["DEFAULT", "ORIGIN", "TITLE"]
    rows = []
    for clause in clauses:
        cites = [", ".join(clause.cites(key)) if clause.applies_to(key) else "-"
                 for key in acts_shown]
        rows.append([clause.id, clause.kind, *[c or "" for c in cites],
                     "on" if clause.default else "off", _origin(library, clause), clause.title])
    _table(headers, rows)
    return 0


def _table(headers: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(str(row[i])) for row in [headers, *rows]) for i in range(len(headers) - 1)]
    for row in [headers, *rows]:
        cells = [str(cell).ljust(width) for cell, width in zip(row, widths, strict=False)]
        print("  ".join([*cells, str(row[-1])]).rstrip())


def _show(library: Any, clause_id: str, act: str | None, fmt: str) -> int:
    from oiadraft.acts import get_act
    from oiadraft.clauses import clause_to_yaml, render_body
    from oiadraft.errors import UserError

    clause = library.get(clause_id)
    if fmt == "yaml":
        sys.stdout.write(clause_to_yaml(clause))
        return 0
    if act is None:
        act = clause.acts[0]
    elif not clause.applies_to(act):
        from oiadraft.text import join_and

        shorts = join_and(get_act(key).short for key in clause.acts)
        raise UserError(f"clause {clause.id!r} is for the {shorts} only, not the "
                        f"{get_act(act).short}")
    body = render_body(clause, act, format="text" if fmt == "text" else "markdown")
    if fmt == "markdown":
        sys.stdout.write(body.rstrip("\n") + "\n")
        return 0
    profile = get_act(act)
    print(f"{clause.title}  [{clause.id}]")
    cites = ", ".join(profile.cite_marked(key).removeprefix(profile.short + " ")
                      for key in clause.section if profile.has(key))
    print(f"{clause.kind} · {profile.short}{' ' + cites if cites else ''} · "
          f"{'on' if clause.default else 'off'} by default · {_origin(library, clause)}")
    if clause.source:
        print(f"file: {clause.source}")
    print()
    print(body)
    if clause.notes:
        print()
        print(f"When to use it: {' '.join(clause.notes.split())}")
    return 0


def _search(library: Any, query: str, act: str | None, limit: int, fmt: str) -> int:
    hits = library.search(query, act=act, limit=limit)
    if fmt == "json":
        print(json.dumps([{"id": hit.clause.id, "title": hit.clause.title,
                           "kind": hit.clause.kind, "score": hit.score} for hit in hits],
                         indent=2, ensure_ascii=False))
        return 0 if hits else 1
    if not hits:
        print(f"no clause matches {query!r}", file=sys.stderr)
        return 1
    width = max(len(hit.clause.id) for hit in hits)
    for hit in hits:
        print(f"{hit.score:5.1f}  {hit.clause.id.ljust(width)}  {hit.clause.title}")
    return 0


def _validate(files: list[str]) -> int:
    from pathlib import Path

    from oiadraft.clauses import Library, validate_files
    from oiadraft.errors import UserError

    if files:
        missing = [name for name in files if not Path(name).is_file()]
        if missing:
            raise UserError(f"no such file: {missing[0]}")
        problems = validate_files(Path(name) for name in files)
        checked = f"{len(files)} file{'s' if len(files) != 1 else ''}"
    else:
        library = Library.load()
        problems = library.problems
        checked = f"{len(library)} clauses (built-in and {library.user_dir})"
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in {checked}",
              file=sys.stderr)
        return 1
    print(f"ok: {checked}", file=sys.stderr)
    return 0
