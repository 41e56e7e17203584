"""The clause library: reusable paragraphs for request letters, built-in and the user's own.

- `oiadraft.clauses.model`: a clause, its file form, validation (`validate_text`,
  `check_edit` for per-draft edits) and `render_body`;
- `oiadraft.clauses.library`: `Library` (built-ins plus the user's folder, saving, trash);
- `oiadraft.clauses.search`: the typo-tolerant, section-aware search index.

The placeholders a body may use are the letter's (`oiadraft.letter.placeholders`).
"""

from __future__ import annotations

from oiadraft.clauses.library import Library, load_clause_file, validate_files
from oiadraft.clauses.model import (
    KIND_MEANINGS,
    KIND_RANK,
    KINDS,
    Clause,
    check_edit,
    clause_to_dict,
    clause_to_yaml,
    id_problem,
    parse_clause,
    render_body,
    slugify,
    sort_key,
    validate_text,
)
from oiadraft.clauses.search import SearchHit, compact_cite, query_words
from oiadraft.letter.placeholders import placeholder_help

__all__ = [
    "KINDS",
    "KIND_MEANINGS",
    "KIND_RANK",
    "Clause",
    "Library",
    "SearchHit",
    "check_edit",
    "clause_to_dict",
    "clause_to_yaml",
    "compact_cite",
    "id_problem",
    "load_clause_file",
    "parse_clause",
    "placeholder_help",
    "query_words",
    "render_body",
    "slugify",
    "sort_key",
    "validate_files",
    "validate_text",
]
