"""`oiadraft deadline` as a user or script runs it (in process: tests/clirun.py), per the
contract in docs/ARCHITECTURE.md."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from clirun import run_main


def run(*args: str, today: str | None = None) -> subprocess.CompletedProcess[str]:
    return run_main(["deadline", *args], env={"OIADRAFT_TODAY": today})


def run_json(*args: str, today: str | None = "2024-09-20") -> dict:
    result = run(*args, "--format", "json", today=today)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_the_seed_request_in_json():
    data = run_json("2024-09-13", "--extend", "45")
    assert data["act"] == "oia"
    assert data["received"] == "2024-09-13"
    assert data["working_days"] == 20
    assert data["due"] == "2024-10-11"
    assert data["extended_by"] == 45
    assert data["extended_due"] == "2024-12-16"
    assert data["transfer_due"] == "2024-09-27"
    assert data["clarification_cutoff"] == "2024-09-24"
    assert data["region"] is None
    assert data["notes"] == []
    assert data["status"]["against"] == "extended_due"
    assert data["status"]["today"] == "2024-09-20"


def test_json_without_extension_has_no_extended_keys():
    data = run_json("2024-09-13")
    assert "extended_by" not in data and "extended_due" not in data
    assert data["due"] == "2024-10-11"


@pytest.mark.parametrize("date_args", [
    ("13/09/2024",), ("13 September 2024",), ("13", "September", "2024"),
    ("Friday 13 Sept 2024",)])
def test_dates_as_people_write_them(date_args):
    assert run_json(*date_args)["due"] == "2024-10-11"


def test_text_output_reads_like_the_contract():
    result = run("2024-09-13", "--today", "2024-09-16")
    assert result.returncode == 0
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[0] == ("Received Friday 13 September 2024 -> response due by Friday "
                        "11 October 2024 (20 working days, OIA s15(1))")
    text = result.stdout
    assert "Transfer to another agency by Friday 27 September 2024" in text
    # s15(1AA): the agency *may* treat a clarified request as new; never "restart the clock"
    assert ("Last day to ask you to clarify and still treat your reply as a new request: "
            "Tuesday 24 September 2024 (7 working days, OIA s15(1AB))") in text
    assert "restart the clock" not in text
    assert ("Any extension must be notified by Friday 11 October 2024 (20 working days after "
            "receipt, OIA s15A(3))") in text
    assert lines[-1] == ("Today, Monday 16 September 2024: 19 working days left "
                         "(25 calendar days) until the deadline, Friday 11 October 2024")


def test_text_with_extension_and_overdue():
    result = run("2024-09-13", "--extend", "45", "--today", "2024-12-18")
    assert result.returncode == 0
    assert ("Extended by 45 working days -> response due by Monday 16 December 2024"
            in result.stdout)
    last = result.stdout.splitlines()[-1]
    assert last.startswith("Today, Wednesday 18 December 2024: overdue by 2 working days "
                           "(2 calendar days)")
    assert "Ombudsman" in last


def test_today_defaults_to_the_clock():
    result = run("2024-09-13", today="2024-10-11")
    assert result.stdout.splitlines()[-1] == \
        "Today, Friday 11 October 2024: due today (Friday 11 October 2024)"
    data = run_json("2024-09-13", today="2024-10-14")
    assert data["status"]["overdue"] is True
    assert data["status"]["working_days_overdue"] == 1
    assert data["status"]["calendar_days"] == -3


def test_lgoima_without_region_notes_on_stderr_and_in_json():
    text = run("16/12/2024", "--act", "lgoima", "--today", "2025-01-06")
    assert text.returncode == 0
    assert "due by Tuesday 4 February 2025 (20 working days, LGOIMA s13(1))" in text.stdout
    assert "No council region given" in text.stderr
    assert "No council region" not in text.stdout
    data = run_json("16/12/2024", "--act", "lgoima")
    assert data["due"] == "2025-02-04"
    assert any("No council region given" in n for n in data["notes"])


def test_lgoima_with_region():
    data = run_json("2024-12-16", "--act", "LGOIMA", "--region", "Wellington")
    assert data["act"] == "lgoima"
    assert data["region"] == "wellington"
    assert data["due"] == "2025-02-05"
    assert data["notes"] == []
    text = run("2024-12-16", "--act", "lgoima", "--region", "chatham-islands",
               "--today", "2024-12-17")
    assert text.returncode == 0 and text.stderr == ""
    assert "Council region: Chatham Islands" in text.stdout


def test_the_ombudsman_2022_notice_through_the_cli():
    assert run_json("2022-11-28")["due"] == "2023-01-16"
    assert run_json("2022-11-22", "--act", "lgoima")["due"] == "2023-01-11"
    assert run_json("2022-11-21", "--act", "lgoima", "--region", "westland")["due"] == \
        "2023-01-11"


def test_a_shorter_time_limit_does_not_move_the_extension_notice_date():
    # s15A(3): notice "within 20 working days after the day on which the request is received"
    result = run("2024-09-13", "--days", "10", "--today", "2024-09-16")
    assert "response due by Friday 27 September 2024 (10 working days)" in result.stdout
    assert "Any extension must be notified by Friday 11 October 2024" in result.stdout
    assert "notified by Friday 27 September" not in result.stdout
    assert run_json("2024-09-13", "--days", "10")["extension_notice_due"] == "2024-10-11"


def test_lgoima_extension_notice_cites_s14_3():
    # LGOIMA s14(3): the same duty as OIA s15A(3) ("within 20 working days after the day on
    # which the request is received")
    result = run("2024-09-13", "--act", "lgoima", "--region", "wellington",
                 "--today", "2024-09-16")
    assert ("Any extension must be notified by Friday 11 October 2024 (20 working days after "
            "receipt, LGOIMA s14(3))") in result.stdout
    assert "LGOIMA s13(8))" in result.stdout and "unconfirmed" not in result.stdout
    extended = run("2024-09-13", "--act", "lgoima", "--region", "wellington", "--extend", "5",
                   "--today", "2024-09-16")
    assert ("notice of the extension was due by Friday 11 October 2024 (20 working days after "
            "receipt, LGOIMA s14(3))") in extended.stdout


def test_days_option_and_qeii_note():
    assert run_json("2025-05-25", "--days", "10")["due"] == "2025-06-09"
    data = run_json("2022-09-05")
    assert data["due"] == "2022-10-04"
    assert any("Queen Elizabeth II Memorial Day" in n for n in data["notes"])
    text = run("2022-09-05", "--today", "2022-09-06")
    assert "note: Queen Elizabeth II Memorial Day" in text.stderr


def test_region_with_the_oia_is_a_note_not_an_error():
    result = run("2024-12-16", "--region", "wellington", "--today", "2024-12-17")
    assert result.returncode == 0
    assert "Tuesday 4 February 2025" in result.stdout
    assert "does not exclude regional anniversary days" in result.stderr


@pytest.mark.parametrize(("args", "expected"), [
    (("2024-02-30",), "February 2024 has no day 30"),
    (("31/13/2024",), "no month 13"),
    (("yesterday",), "cannot read 'yesterday' as a date"),
    ((), "give the date the request was received"),
    (("2024-09-13", "--act", "foi"), "unknown act 'foi'"),
    (("2024-09-13", "--act", "lgoima", "--region", "mordor"), "unknown region 'mordor'"),
    (("2024-09-13", "--days", "-5"), "--days must be 1 or more"),
    (("2024-09-13", "--days", "0"), "--days must be 1 or more"),
    (("2024-09-13", "--days", "twenty"), "--days needs a whole number"),
    (("2024-09-13", "--days", "2.5"), "--days needs a whole number"),
    (("2024-09-13", "--extend", "-1"), "--extend must be 1 or more"),
    (("2024-09-13", "--extend", "x"), "--extend needs a whole number"),
    (("2024-09-13", "--extend", "99999"), "--extend must be at most"),
    (("2024-09-13", "--days"), "expected one argument"),
    (("2024-09-13", "--format", "xml"), "unknown format 'xml'"),
    (("2024-09-13", "--today", "2024-13-01"), "no month 13"),
    (("1/1/1900",), "too early"),
    (("9999-12-30",), "past the end of the calendar"),
    (("2024-09-13", "--today", "9999-12-31"), "too far from the deadline"),
])
def test_bad_input_is_one_line_and_exit_2(args, expected):
    result = run(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert expected in lines[0]
    assert lines[0].startswith("oiadraft")


def test_bad_input_in_json_mode_is_still_one_line():
    result = run("2024-02-30", "--format", "json")
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1


def test_help_is_useful():
    result = run("--help")
    assert result.returncode == 0
    text = result.stdout
    for word in ("--act", "--extend", "--region", "--today", "--format", "wellington",
                 "oia", "lgoima", "20 December to 10 January",
                 "chatham-islands", "Monday nearest 22 January", "examples:",
                 "day of receipt is not counted"):
        assert word in text, word


def test_deadline_does_not_import_textual():
    code = ("import sys\nfrom oiadraft.cli import main\n"
            "status = main(['deadline', '2024-09-13', '--today', '2024-09-13'])\n"
            "print(status, any(m == 'textual' or m.startswith('textual.') for m in sys.modules),"
            " file=sys.stderr)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60)
    assert result.stderr.strip().splitlines()[-1] == "0 False"


def test_the_privacy_act_end_to_end_with_its_unconfirmed_figures_marked():
    # Privacy Act 2020 s48(3): extension notice "within 20 working days after the day on which
    # the request is received" (confirmed); the 20-day decision and 10-day transfer limits and
    # the working-day rule are the Privacy Commissioner's and are shown as unconfirmed.
    result = run("2024-09-13", "--act", "privacy", "--today", "2024-09-16")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert ("response due by Friday 11 October 2024 (20 working days [unconfirmed], "
            "Privacy Act s44)") in out
    assert "(10 working days [unconfirmed], Privacy Act s43 [unconfirmed])" in out
    assert ("Any extension must be notified by Friday 11 October 2024 (20 working days after "
            "receipt, Privacy Act s48(3))") in out
    assert "clarify" not in out  # no OIA s15(1AB)-style cut-off was found for the Privacy Act
    assert result.stderr.count("note: Unconfirmed:") == 3
    data = run_json("2024-09-13", "--act", "privacy")
    assert data["act"] == "privacy" and data["clarification_cutoff"] is None
    assert data["extension_notice_due"] == "2024-10-11"
    assert sum("Unconfirmed" in note for note in data["notes"]) == 3
