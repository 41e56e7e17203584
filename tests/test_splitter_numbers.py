"""Part numbers of any length: a long request keeps counting past 999, and a year or a count at
the start of a line is never read as a part number unless it continues the numbering in use."""

from __future__ import annotations

import json
from datetime import date

import pytest

from oiadraft.cli import main
from oiadraft.letter.splitter import split_request

TODAY = date(2024, 9, 13)


def numbered(count: int, style: str = "{n}.") -> str:
    lines = [f"{style.format(n=n)} The briefing numbered BR-{n:05d} to the Minister."
             for n in range(1, count + 1)]
    return "Kia ora,\n\nPlease provide:\n\n" + "\n".join(lines) + "\n\nNgā mihi,\nSam\n"


def test_a_thousand_part_paste_has_a_thousand_parts():
    split = split_request(numbered(1000), today=TODAY)
    assert [p.number for p in split.parts] == [str(n) for n in range(1, 1001)]
    assert split.parts[-1].text == "The briefing numbered BR-01000 to the Minister."
    assert "Ngā mihi" in split.closing


@pytest.mark.parametrize("style", ["{n}.", "{n})", "({n})", "{n} -", "{n}:"])
def test_a_1200_part_paste_has_1200_parts_in_every_number_style(style):
    text = numbered(1200, style)
    split = split_request(text, today=TODAY)
    assert len(split.parts) == 1200
    assert [p.number for p in split.parts[995:]] == [str(n) for n in range(996, 1201)]
    for part in (split.parts[998], split.parts[999], split.parts[1199]):
        assert text[part.span[0]:part.span[1]] == part.text
        assert part.text == f"The briefing numbered BR-{int(part.number):05d} to the Minister."


def test_years_and_counts_at_line_starts_stay_inside_their_part():
    text = ("Please provide:\n"
            "1. The review of the scheme.\n"
            "2. The papers about it, noting:\n"
            "2023 - the year of the review\n"
            "2024: the year it reported\n"
            "2,000 documents were released last time\n"
            "1999. A footnote that is a year.\n"
            "3. The board minutes for June 2024.\n")
    split = split_request(text, today=TODAY)
    assert [p.number for p in split.parts] == ["1", "2", "3"]
    second = split.parts[1].text
    for line in ("2023 - the year of the review", "2024: the year it reported",
                 "2,000 documents were released last time", "1999. A footnote that is a year."):
        assert line in second


def test_a_year_never_starts_the_numbering():
    text = "2023 - the year of the review\n1. The review.\n2. The minutes.\n"
    split = split_request(text, today=TODAY)
    assert [p.number for p in split.parts] == ["1", "2"]
    assert split.preamble == "2023 - the year of the review"


def test_text_whose_only_number_is_a_year_is_one_unnumbered_part():
    text = "2023 - the year of the review. Please send the review's final report."
    split = split_request(text, today=TODAY)
    assert split.scheme == "none"
    assert [p.text for p in split.parts] == [text]
    text = "2,000 documents were released in 2023.\nPlease send the list of them."
    assert split_request(text, today=TODAY).scheme == "none"


def test_a_long_number_that_skips_ahead_is_text():
    lines = [f"{n}. Item {n}" for n in range(1, 1000)] + ["1001. Not the next item",
                                                         "1000. The real next item"]
    split = split_request("\n".join(lines), today=TODAY)
    assert [p.number for p in split.parts[-2:]] == ["999", "1000"]
    assert split.parts[-2].text == "Item 999\n1001. Not the next item"
    assert split.parts[-1].text == "The real next item"


def test_a_year_right_after_part_999_is_read_only_when_it_continues():
    lines = [f"{n}. Item {n}" for n in range(1, 1000)]
    # 2023 does not follow 999: it stays in part 999
    split = split_request("\n".join([*lines, "2023 - the year of the review"]), today=TODAY)
    assert len(split.parts) == 999 and split.parts[-1].text.endswith("2023 - the year of the review")
    # 1000 does: it is part 1000, whatever follows the marker
    split = split_request("\n".join([*lines, "1000 - the count of reports"]), today=TODAY)
    assert [p.number for p in split.parts[-1:]] == ["1000"]


def test_thousands_of_digits_do_not_break_the_splitter():
    text = "1. The first thing\n" + "9" * 5000 + ". not a part\n2. The second thing"
    split = split_request(text, today=TODAY)
    assert [p.number for p in split.parts] == ["1", "2"]
    assert "9" * 5000 in split.parts[0].text


def test_check_counts_1200_parts(tmp_path, capsys):
    path = tmp_path / "request.txt"
    path.write_text(numbered(1200), encoding="utf-8")
    main(["check", str(path), "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert len(data["parts"]) == 1200
    assert data["parts"][-1]["number"] == "1200"
