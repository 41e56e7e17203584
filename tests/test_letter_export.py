"""Exporting a draft (`oiadraft.letter.export`) and the due date of a sent request
(`oiadraft.deadline.response_due`): both moved out of the store, which only persists."""

from __future__ import annotations

from datetime import date

import pytest

from oiadraft.deadline import due_text, response_due
from oiadraft.errors import UserError
from oiadraft.letter.export import export_file
from oiadraft.model import Draft, Part, Period, Requester
from oiadraft.store import Store


def sample() -> Draft:
    return Draft(agency="Ministry of Health", topic="Vaccine contracts",
                 period=Period(date(2021, 1, 1), date(2021, 12, 31)),
                 parts=[Part("Contracts with suppliers."), Part("Board minutes on *pricing*.")],
                 clauses=["grounds-in-support"], clause_edits={"thanks": "Ta."},
                 requester=Requester(name="Mere"))


def test_export_formats_and_no_overwrite(tmp_path):
    store = Store()
    draft = sample()
    store.save(draft)
    target = export_file(store, draft.id, tmp_path / "letter.txt", format="text")
    letter = target.read_text(encoding="utf-8")
    assert letter.startswith("OIA request: Vaccine contracts\n\nTēnā koutou,")
    assert "2. Board minutes on *pricing*." in letter
    with pytest.raises(UserError, match="already exists; use --force"):
        export_file(store, draft.id, target, format="markdown")
    assert target.read_text(encoding="utf-8") == letter
    export_file(store, draft.id, target, format="markdown", force=True)
    assert "Board minutes on \\*pricing\\*" in target.read_text(encoding="utf-8")
    yaml_copy = export_file(store, draft.id, tmp_path / "d.yaml", format="yaml")
    assert Store().load(yaml_copy) == store.load(draft.id)
    with pytest.raises(UserError, match="unknown export format"):
        export_file(store, draft.id, tmp_path / "x", format="pdf")
    with pytest.raises(UserError, match="is a folder"):
        export_file(store, draft.id, tmp_path, format="text")


def test_the_store_does_not_render_or_count_days():
    import ast
    from pathlib import Path

    import oiadraft.store

    tree = ast.parse(Path(oiadraft.store.__file__).read_text(encoding="utf-8"))
    imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    imported |= {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import)
                 for alias in node.names}
    assert not {m for m in imported if m and ("render" in m or "letter" in m or "deadline" in m)}


def test_response_due_of_a_sent_request():
    # OIA s15(1): 20 working days after the day of receipt (reference V1: 13 Sep -> 11 Oct 2024)
    assert response_due(date(2024, 9, 13), "oia") == date(2024, 10, 11)
    # an extension of 45 working days runs on from the original due date (reference V2)
    assert response_due(date(2024, 9, 13), "oia", extension_days=45) == date(2024, 12, 16)
    assert response_due(None, "oia") is None
    assert response_due(date(1900, 1, 1), "oia") is None  # before the Act: unknown, not a crash


def test_due_text_says_how_far_away_the_date_is():
    due = date(2024, 10, 11)
    assert due_text(due, date(2024, 10, 8)) == "2024-10-11 (3 days left)"
    assert due_text(due, date(2024, 10, 10)) == "2024-10-11 (1 day left)"
    assert due_text(due, due) == "2024-10-11 (due today)"
    assert due_text(due, date(2024, 10, 13)) == "2024-10-11 (2 days overdue)"
    assert due_text(None, due) == "?"


def test_due_text_of_a_request_marked_sent_on_a_day_to_come_says_so():
    """Marked before such a day was refused: no days left can be counted from it."""
    sent, today = date(2027, 6, 1), date(2026, 12, 2)
    text = due_text(response_due(sent, "oia"), today, sent)
    assert "day still to come" in text and "left" not in text
    assert due_text(date(2024, 10, 11), date(2024, 10, 8), date(2024, 9, 13)) == \
        "2024-10-11 (3 days left)"
