"""`oiadraft check`: the contract in docs/ARCHITECTURE.md (text and JSON, exit statuses, bad
input)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from clirun import run_main

from oiadraft import text
from oiadraft.cli import main
from oiadraft.commands import check

DATA = Path(__file__).parent / "data"
SEED = DATA / "seed_request.txt"
REFINED = DATA / "mfat_refined.txt"


def run_cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return run_main(["check", *args], stdin=stdin or b"", text=False)


def test_seed_text_report_and_exit_1(capsys):
    status = main(["check", str(SEED), "--today", "2024-09-13"])
    out = capsys.readouterr().out
    assert status == 1
    assert "Part 12: HIGH risk" in out
    assert '"any MFAT official"' in out
    assert "s18(f)" in out
    assert "Period: none stated" in out
    assert "since 1 October 2020" in out
    assert "officials in <unit or role>" in out
    assert "13 parts" in out and "Good pattern" in out


@pytest.mark.parametrize("parts,lines", [
    (["All NAIT movements since records began.", "Minutes of the board in 2023."],
     ['Period: every year the agency holds records for ("since records began")']),
    (["Budgets for cycleways 2020/21 through 2022/23.",
      "Emails about cycleways since 28th feb."],
     ['Period: "2020/21 through 2022/23" cannot be read without guessing',
      'Period: "since 28th feb" cannot be read without guessing']),
], ids=["every-year", "unreadable"])
def test_a_stated_period_is_never_called_none_stated(tmp_path, capsys, parts, lines):
    request = tmp_path / "request.txt"
    request.write_text("".join(f"{n}. {part}\n" for n, part in enumerate(parts, 1)),
                       encoding="utf-8")
    main(["check", str(request), "--today", "2024-09-13"])
    out = capsys.readouterr().out
    assert all(line in out for line in lines)
    assert "Period: none stated" not in out


def test_an_agency_response_is_checked_as_its_parts_would_be_written(capsys):
    """Page furniture and page breaks inside a part's sentence are not part of its words."""
    main(["check", str(DATA / "mfat_response_long.txt"), "--today", "2024-10-10",
          "--format", "json"])
    parts = {p["number"]: p["text"] for p in json.loads(capsys.readouterr().out)["parts"]}
    assert "Page" not in parts["12"] and "United\nKingdom" in parts["12"]
    assert "New\nZealand needed" in parts["4"]


def test_seed_json_contract(capsys):
    status = main(["check", str(SEED), "--today", "2024-09-13", "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert status == 1
    assert data["act"] == "oia" and data["risk"] == "high"
    assert set(data) == {"act", "risk", "parts", "findings"}
    numbers = [p["number"] for p in data["parts"]]
    assert numbers == [str(n) for n in range(1, 14)]
    part12 = data["parts"][11]
    assert part12["risk"] == "high"
    assert part12["period"] == {"start": "2020-10-01", "end": None, "source": "part"}
    for part in data["parts"]:
        assert {"number", "text", "risk", "period", "findings"} <= set(part)
        for finding in part["findings"]:
            assert {"rule", "severity", "section", "message", "suggestion", "span"} <= \
                set(finding)
            start, end = finding["span"]
            assert part["text"][start:end] == finding["quote"]
    assert data["parts"][0]["period"] == {"start": None, "end": None, "source": "none"}
    assert any(f["section"] == "18(f)" and "any MFAT official" in f["message"]
               for f in part12["findings"])
    assert {f["rule"] for f in data["findings"]} >= {"many-parts", "dates-then-copies"}


def test_refined_from_stdin_exits_0_with_request_period():
    result = run_cli("-", "--format", "json", "--today", "2024-09-24",
                     stdin=REFINED.read_bytes())
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert all(p["risk"] != "high" for p in data["parts"])
    assert data["parts"][0]["period"] == {"start": "2020-10-01", "end": "2024-09-13",
                                          "source": "request"}


def test_lgoima_cites_17f(capsys):
    main(["check", str(SEED), "--act", "lgoima", "--today", "2024-09-13", "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    sections = {f["section"] for p in data["parts"] for f in p["findings"]
                if f["concept"] == "refusal_collation"}
    assert sections == {"17(f)"}


COUNCIL = ("Dear Wellington City Council,\n\nUnder the Local Government Official Information "
           "and Meetings Act 1987 I request:\n\n1. All emails between councillors about the "
           "library in 2023.\n\nNg\u0101 mihi,\nJo\n")


def test_without_act_the_act_the_letter_names_is_used(tmp_path, capsys):
    letter = tmp_path / "letter.txt"
    letter.write_text(COUNCIL, encoding="utf-8")
    main(["check", str(letter), "--today", "2024-09-13"])
    out = capsys.readouterr().out
    assert "(LGOIMA, named in the letter)" in out.splitlines()[0]
    assert "s17(f)" in out and "s18(f)" not in out
    # --act still decides; so does the default when the letter names no Act, or both
    report = check.check_text(COUNCIL, act="oia")
    assert report["act"] == "oia" and report["act_source"] == "given"
    neither = check.check_text("1. All emails about the library in 2023.\n")
    assert neither["act"] == "oia" and neither["act_source"] == "default"
    both = check.check_text(COUNCIL.replace("I request", "(or the OIA) I request")
                            .replace("Dear Wellington City Council", "Kia ora"))
    assert both["act_source"] == "default"
    # an Act named inside a part is what the part asks about, not the Act of the letter
    inside = check.check_text("Dear Minister,\n\nI request:\n\n1. The number of LGOIMA "
                              "complaints the Ombudsman received in 2023.\n")
    assert inside["act"] == "oia" and inside["act_source"] == "default"


def test_without_an_act_named_the_addressee_decides(capsys):
    """A council letter that names no Act is checked under LGOIMA (s17(f), not s18(f))."""
    letter = ("Dear Wellington City Council,\n\nI request:\n\n1. All emails between "
              "councillors about the library in 2023.\n\nNg\u0101 mihi,\nJo\n")
    report = check.check_text(letter)
    assert (report["act"], report["act_source"]) == ("lgoima", "addressee")
    assert report["addressee"] == "Wellington City Council"
    text = check.report_text(report)
    assert "(LGOIMA: addressed to Wellington City Council)" in text.splitlines()[0]
    assert "s17(f)" in text and "s18(f)" not in text
    # an acronym the directory knows, and a Minister's office: each its own Act
    assert check.check_text(letter.replace("Wellington City Council", "ECan"))["act"] == "lgoima"
    ministry = check.check_text(letter.replace("Wellington City Council", "Ministry of Health"))
    assert (ministry["act"], ministry["act_source"]) == ("oia", "addressee")
    # a greeting that names no body, or one the directory does not know, leaves the default
    for greeting in ("Dear Sir or Madam", "Dear Minister", "Kia ora koutou", "Hello"):
        found = check.check_text(letter.replace("Dear Wellington City Council", greeting))
        assert (found["act"], found["act_source"]) == ("oia", "default"), greeting
    # the Act the letter names still comes first
    named = check.check_text(letter.replace("I request", "Under the Official Information Act "
                                            "1982 I request"))
    assert (named["act"], named["act_source"]) == ("oia", "letter")


def test_a_council_letter_whose_subject_says_oia_is_checked_under_lgoima(tmp_path, capsys):
    """The sentence that asks names the Act; a word in the subject line is what the request is
    about, and names no Act: the chat's own council letter, its topic "OIA request about
    ...", is checked under LGOIMA."""
    from datetime import date

    from oiadraft.interview import Interview
    from oiadraft.letter.render import render_text
    from oiadraft.model import Draft

    interview, draft = Interview(today=date(2024, 9, 13)), Draft()
    for answer in ("Wellington City Council", "OIA request about rates rebates", "2023", "",
                   "All emails between councillors about rates rebates", "done"):
        interview.respond(draft, answer)
    assert draft.act == "lgoima"
    letter = tmp_path / "letter.txt"
    letter.write_text(render_text(draft), encoding="utf-8")
    main(["check", str(letter), "--today", "2024-09-13"])
    out = capsys.readouterr().out
    assert "(LGOIMA, named in the letter)" in out.splitlines()[0]
    assert "s17(f)" in out and "s18(f)" not in out
    # with no sentence naming an Act, the council it is addressed to decides, not the subject
    addressed = check.check_text("Dear Wellington City Council,\n\nOIA request: rates "
                                 "rebates\n\nI request:\n\n1. All emails between "
                                 "councillors about rates rebates in 2023.\n")
    assert (addressed["act"], addressed["act_source"]) == ("lgoima", "addressee")
    # the subject still decides when nothing else in the letter does
    subject = check.check_text("Kia ora,\n\nLGOIMA request: rates rebates\n\n1. All "
                               "emails between councillors about rates rebates in 2023.\n")
    assert (subject["act"], subject["act_source"]) == ("lgoima", "letter")


def test_the_addressee_is_no_other_party_to_its_own_messages():
    """"sent or received by the Ministry of Education", in a letter to that Ministry, names no
    one: it is every message the Ministry holds."""
    part = ("1. Copies of all emails sent or received by the Ministry of Education about "
            "the Minister's priorities in 2023.\n")

    def praised(report):
        return [f for p in report["assessment"].parts for f in p.findings
                if f.rule == "named-party"]

    assert praised(check.check_text(part))  # with no recipient known, it reads as a party
    to_it = check.check_text("Dear Ministry of Education,\n\n" + part)
    assert to_it["addressee"] == "Ministry of Education" and not praised(to_it)
    named = check.check_text("Dear Ministry of Education,\n\nUnder the OIA:\n\n" + part)
    assert named["act_source"] == "letter" and not praised(named)


@pytest.mark.parametrize("args,stdin,message", [
    (["/no/such/file.txt"], None, "no such file"),
    (["-"], b"", "empty"),
    (["-"], b"   \n\t\n", "empty"),
    (["-"], b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary"),
    (["-"], "caf\u00e9".encode("latin-1"), "not UTF-8"),
    (["-", "--act", "nzoia"], b"1. Board minutes", "unknown act"),
    (["-", "--format", "xml"], b"1. Board minutes", "unknown format"),
    (["-", "--today", "31/02/2024"], b"1. Board minutes", "--today"),
])
def test_bad_input_is_one_line_and_exit_2(args, stdin, message):
    result = run_cli(*args, stdin=stdin)
    assert result.returncode == 2
    err = result.stderr.decode()
    assert message in err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert result.stdout == b""


REQUEST_CRLF = "Dear Treasury,\r\n\r\n1. Board minutes for May 2024.\r\n2. All emails about the budget.\r\n"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-16-le"])
def test_a_request_saved_as_utf16_with_its_mark_is_checked_like_utf8(encoding, tmp_path):
    # Windows PowerShell's `>` and Notepad's "Unicode" write UTF-16 that begins with a byte
    # order mark; read as bytes it is full of NULs and was refused as "a binary file"
    data = REQUEST_CRLF.encode(encoding)
    if encoding != "utf-16":
        data = "\ufeff".encode(encoding) + data
    letter = tmp_path / "request.txt"
    letter.write_bytes(data)
    expected = run_cli("-", "--format", "json", stdin=REQUEST_CRLF.encode("utf-8"))
    for args, stdin in (([str(letter)], None), (["-"], data)):
        result = run_cli(*args, "--format", "json", stdin=stdin)
        assert result.stderr == b"" and result.returncode == expected.returncode
        got = json.loads(result.stdout)
        assert got["parts"] == json.loads(expected.stdout)["parts"]
        assert [p["text"] for p in got["parts"]] == ["Board minutes for May 2024.",
                                                     "All emails about the budget."]


def test_utf16_without_its_mark_is_still_refused_in_one_line():
    result = run_cli("-", stdin="1. Board minutes".encode("utf-16-le"))
    assert result.returncode == 2 and result.stderr.decode().count("\n") == 1


def test_act_choices_come_from_the_act_profiles():
    from oiadraft import acts

    keys = [profile.key for profile in acts.official_information_acts()]
    result = run_cli("-", "--act", "foia", stdin=b"1. Board minutes")
    expected = f"unknown act 'foia': use {text.join_or(keys)}"
    assert expected in result.stderr.decode()
    other = next(p for p in acts.all_acts() if p.key not in keys)
    assert "unknown act" in run_cli("-", "--act", other.key,
                                    stdin=b"1. Board minutes").stderr.decode()
    report = check.check_text("1. Board minutes for May 2024.")
    assert report["act"] == acts.default_act().key
    assert check.resolve_act(keys[-1].upper()) == keys[-1]


def test_folder_is_bad_input(tmp_path):
    result = run_cli(str(tmp_path))
    assert result.returncode == 2 and b"folder" in result.stderr


def test_low_risk_request_exits_0(tmp_path):
    path = tmp_path / "req.txt"
    path.write_text("Kia ora,\n\n1. The board minutes for the meeting of 5 May 2024.\n\n"
                    "Ngā mihi,\nSam\n", encoding="utf-8")
    result = run_cli(str(path), "--today", "2024-09-13")
    assert result.returncode == 0
    assert b"Overall: LOW risk" in result.stdout


class _Stdin:
    """Standard input carrying bytes, for running the command in process."""

    def __init__(self, data: bytes) -> None:
        import io

        self.buffer = io.BytesIO(data)


def run_in_process(monkeypatch, capsys, data: bytes, *args: str) -> tuple[int, str]:
    """Run the command in process, reading `data` as standard input. (How long a megabyte
    takes is measured by bench/scope_latency.py, not asserted here.)"""
    monkeypatch.setattr(sys, "stdin", _Stdin(data))
    status = main(["check", "-", *args])
    return status, capsys.readouterr().out


def test_a_megabyte_paste_is_checked_and_noted(monkeypatch, capsys):
    seed = SEED.read_text(encoding="utf-8")
    body = seed.split("Please provide me with the following information:")[1]
    body = body.split("Under section")[0]
    text = ""
    number = 0
    while len(text) < 1_000_000:
        for line in body.strip().split("\n\n"):
            number += 1
            text += f"{number}. " + line.split(". ", 1)[-1] + "\n\n"
    status, out = run_in_process(monkeypatch, capsys, text.encode("utf-8"),
                                 "--format", "json", "--today", "2024-09-13")
    data = json.loads(out)
    # the exit status keeps its contract (1: some part is high) whatever the fitted model rates
    assert status == (1 if any(part["risk"] == "high" for part in data["parts"]) else 0)
    assert data["findings"][0]["rule"] == "unusual-length"
    assert len(data["parts"]) > 900
    assert all(0.0 <= part["likelihood"] <= 1.0 for part in data["parts"])


def test_a_megabyte_single_paragraph_is_one_high_part(monkeypatch, capsys):
    text = ("all emails from any staff relating to the port since October 2020 " * 16000)
    status, out = run_in_process(monkeypatch, capsys, text.encode("utf-8"),
                                 "--today", "2024-09-13")
    assert status == 1
    assert "unusually long" in out
    assert "Part 1: HIGH risk" in out


def test_json_parts_carry_likelihood_and_reasons_and_keep_the_contract(monkeypatch, capsys):
    text = SEED.read_text(encoding="utf-8").encode("utf-8")
    status, out = run_in_process(monkeypatch, capsys, text, "--format", "json",
                                 "--today", "2024-09-13")
    data = json.loads(out)
    assert status == 1 and data["act"] == "oia" and data["risk"] == "high"
    for part in data["parts"]:
        assert {"number", "text", "risk", "period", "findings", "likelihood",
                "reasons"} <= set(part)
        assert 0.0 <= part["likelihood"] <= 1.0
        assert all(isinstance(reason, str) and reason for reason in part["reasons"])
        assert set(part["period"]) == {"start", "end", "source"}
        for finding in part["findings"]:
            assert {"rule", "severity", "section", "message", "suggestion", "span"} <= \
                set(finding)
    part12 = next(p for p in data["parts"] if p["number"] == "12")
    assert part12["risk"] == "high" and part12["reasons"]
    low = [p for p in data["parts"] if p["risk"] == "low"]
    assert low and all(f["severity"] == "info" for p in low for f in p["findings"])


def test_the_report_says_why_in_words(monkeypatch, capsys):
    text = SEED.read_text(encoding="utf-8").encode("utf-8")
    _, out = run_in_process(monkeypatch, capsys, text, "--today", "2024-09-13")
    block = out.split("Part 12: ")[1].split("\nPart 13")[0]
    assert block.startswith("HIGH risk (likelihood of refusal or a request to narrow: ")
    assert "  Why: " in block


def as_copied_from_a_pdf(text: str) -> str:
    """The request as it comes out of an agency's PDF letter: no-break spaces after the numbers
    and between some words, every line ending in a space, blank lines holding a no-break
    space."""
    import re

    text = re.sub(r"(?m)^(\d+)\. ", "\\1.\u00a0\u00a0", text)
    text = text.replace(" of ", "\u00a0of\u00a0").replace(" the ", " the\u00a0")
    return text.replace("\n", " \n").replace("\n \n", "\n\u00a0\n")


def test_a_request_copied_from_a_pdf_reads_as_the_one_typed(tmp_path, capsys):
    pdf = tmp_path / "copied.txt"
    pdf.write_text(as_copied_from_a_pdf(SEED.read_text(encoding="utf-8")), encoding="utf-8")
    assert "\u00a0" in pdf.read_text(encoding="utf-8")
    results = []
    for source in (SEED, pdf):
        main(["check", str(source), "--today", "2024-09-13", "--format", "json"])
        results.append(json.loads(capsys.readouterr().out))
    typed, copied = results
    assert len(copied["parts"]) == 13, "the numbers after a no-break space were missed"
    assert [" ".join(p["text"].split()) for p in copied["parts"]] == \
        [" ".join(p["text"].split()) for p in typed["parts"]], "the closing clauses joined a part"
    assert [(p["risk"], p["likelihood"]) for p in copied["parts"]] == \
        [(p["risk"], p["likelihood"]) for p in typed["parts"]]


def test_a_request_with_colour_codes_is_checked_as_plain_text():
    """Pasted from a coloured email or terminal: the codes never reach the output (where they
    would colour or retitle the user's terminal), and never hide what they coloured."""
    coloured = REFINED.read_text(encoding="utf-8").replace(
        "All timeframes", "\x1b[38;5;208mAll\x1b[0m timeframes").replace(
        "Communications", "\x1b]0;PWNED\x07\x1b[1;31mCommunications\x1b[0m")
    for fmt in ("text", "json"):
        result = run_cli("-", "--format", fmt, "--today", "2024-09-24",
                         stdin=coloured.encode("utf-8"))
        assert result.returncode in (0, 1), result.stderr
        assert not any(ch in result.stdout for ch in (b"\x1b", b"\x07")), fmt
    data = json.loads(result.stdout)
    assert data["parts"][0]["text"].startswith("Communications between")
    assert data["parts"][0]["period"]["source"] == "request"


def test_the_report_names_the_subject_the_letter_opens_with():
    letter = ("Dear Auckland Transport,\n\nI am writing about the Great North Road cycleway "
              "upgrade. Please provide:\n\n1. All reports from 2023.\n2. Any correspondence with "
              "residents' associations from 1 March 2024 to 30 April 2024.\n")
    report = check.check_text(letter)
    assert report["subject"] == "the Great North Road cycleway upgrade"
    text = check.report_text(report)
    assert "Subject of the whole request: the Great North Road cycleway upgrade" in text
    assert "no-subject" not in {f.rule for f in report["assessment"].parts[1].findings}
    bare_report = check.check_text(letter.replace(
        "I am writing about the Great North Road cycleway upgrade. ", ""))
    bare = check.report_text(bare_report)
    assert "Subject of the whole request" not in bare
    assert "no-subject" in {f.rule for f in bare_report["assessment"].parts[1].findings}
    assert "what they are about" in bare or "what the communications are about" in bare


def test_a_part_covering_that_period_says_whose_period_it_takes(tmp_path, capsys):
    letter = tmp_path / "letter.txt"
    letter.write_text(
        "Under the Local Government Official Information and Meetings Act 1987, I request:\n\n"
        "1. The number of dog attacks reported to the council each year (2019-2024).\n"
        "2. Any correspondence with Auckland Transport about the busway in that period.\n",
        encoding="utf-8")
    main(["check", str(letter), "--today", "2026-12-01"])
    out = capsys.readouterr().out
    assert "Period: 1 January 2019 to 31 December 2024 (\"2019-2024\", stated in the part)" in out
    assert "(the period of part 1, which this part refers to)" in out
    main(["check", str(letter), "--today", "2026-12-01", "--format", "json"])
    first, second = json.loads(capsys.readouterr().out)["parts"]
    assert "from_part" not in first["period"]
    assert second["period"] == {"start": "2019-01-01", "end": "2024-12-31", "source": "part",
                                "from_part": "1"}
