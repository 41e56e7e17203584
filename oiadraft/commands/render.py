"""`oiadraft render DRAFT [--format text|markdown]`: print a draft as the finished letter.

DRAFT is a draft id (or a unique start of one) or the path to a draft YAML file. The text form
is what you paste into an email or the FYI.org.nz form. A missing or unreadable draft is one
line on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "render",
        help="print a draft as the finished letter (text or markdown)",
        description=(
            "Print a saved draft as the finished request letter. The text form is ready to "
            "paste into an email or the FYI.org.nz form; markdown keeps the clause formatting."
        ),
    )
    parser.add_argument("draft", metavar="DRAFT",
                        help="a draft id (see `oiadraft drafts list`) or a path to a draft file")
    parser.add_argument("--format", choices=("text", "markdown"), default="text")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from oiadraft import clock
    from oiadraft.clauses import Library
    from oiadraft.letter.render import build_letter, render_markdown, render_text
    from oiadraft.store import Store
    from oiadraft.text import strip_controls

    draft = Store().load(args.draft)
    library = Library.load()
    for problem in library.problems:
        print(f"oiadraft: skipped {problem}", file=sys.stderr)
    today = clock.today()
    letter = build_letter(draft, library, today)
    warn_about_clauses(letter)
    warn_about_edits(draft)
    render = render_markdown if args.format == "markdown" else render_text
    sys.stdout.write(strip_controls(render(draft, library=library, today=today)))
    return 0


def warn_about_clauses(letter: Any) -> None:
    """Chosen clauses that did not make it into the letter, said once each on stderr."""
    for clause_id in letter.missing_clauses:
        print(f"oiadraft: warning: clause {clause_id!r} is chosen in this draft but is not in "
              "the library; it was left out", file=sys.stderr)
    for clause_id in letter.skipped_clauses:
        print(f"oiadraft: warning: clause {clause_id!r} does not apply to this draft's Act; it "
              "was left out", file=sys.stderr)


def warn_about_edits(draft: Any) -> None:
    """A per-draft rewording of a clause gets the same placeholder check as a clause file; each
    problem is said once on stderr (the letter shows such a placeholder exactly as typed)."""
    from oiadraft.clauses import check_edit
    from oiadraft.text import printable

    for clause_id, body in sorted(draft.clause_edits.items()):
        if draft.clauses and clause_id not in draft.clauses:
            continue
        for problem in check_edit(body, draft.act):
            print(f"oiadraft: warning: your wording of clause {printable(clause_id)!r}: "
                  f"{printable(problem)}", file=sys.stderr)
