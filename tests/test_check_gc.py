"""`oiadraft check` pauses the cycle collector while it builds a report, and leaves it as it
found it: on for the rest of the process when it was on, off when it was off."""

from __future__ import annotations

import gc

import pytest
from clirun import run_main

LETTER = "1. All emails about the stadium since 2020.\n\n2. The final report of the review.\n"


@pytest.mark.parametrize("enabled", [True, False])
def test_check_leaves_the_collector_as_it_was(enabled, tmp_path):
    request = tmp_path / "request.txt"
    request.write_text(LETTER, encoding="utf-8")
    (gc.enable if enabled else gc.disable)()
    try:
        result = run_main(["check", str(request), "--format", "json", "--today", "2024-09-13"])
        assert gc.isenabled() is enabled
    finally:
        gc.enable()
    assert result.returncode in (0, 1)
    assert '"parts"' in result.stdout


def test_no_collection_while_the_report_is_made(monkeypatch):
    from oiadraft.commands import check

    collected = []
    made = check.check_text

    def watched(*args, **kwargs):
        collected.append(gc.isenabled())
        return made(*args, **kwargs)

    monkeypatch.setattr(check, "check_text", watched)
    gc.enable()
    result = run_main(["check", "-", "--today", "2024-09-13"], stdin=LETTER.encode())
    assert collected == [False]
    assert gc.isenabled()
    assert result.returncode in (0, 1)
