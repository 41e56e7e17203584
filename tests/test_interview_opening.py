"""The chat's greeting read from the top of the script equals what the interview says."""

from __future__ import annotations

import sys

import pytest

from oiadraft import paths
from oiadraft.acts import default_act
from oiadraft.interview import Interview
from oiadraft.interview.opening import read_opening
from oiadraft.model import Draft

SCRIPT = (paths.builtin("prompts") / "interview.yaml").read_text(encoding="utf-8")


def test_the_opening_is_exactly_what_the_interview_says_to_a_new_draft():
    opening = read_opening()
    assert opening is not None, "the built-in script's first question needs no engine"
    draft = Draft(act=default_act().key)
    reply = Interview().start(draft)
    assert opening.messages == tuple(message.text for message in reply.messages)
    assert opening.placeholder == reply.view.placeholder
    assert "Who are you asking?" in opening.messages[-1]


def test_the_opening_reads_only_the_head_of_the_script():
    """A mistake further down the file is the engine's to report; the opening never parses
    past the first step."""
    broken = SCRIPT + "\n  - id: [unclosed\n"
    assert read_opening(broken) == read_opening(SCRIPT)
    second = SCRIPT.index("\n  - id: ", SCRIPT.index("\n  - id: ") + 1)
    assert read_opening(SCRIPT[:second] + "\n  - : : [\n" + SCRIPT[second:]) == \
        read_opening(SCRIPT)


@pytest.mark.parametrize("change", [
    ("    kind: agency\n", "    kind: agency\n    when: {urgent: true}\n"),
    ("**Who are you asking?**", "**Who are you asking under {act_short}?**"),
    ("**Who are you asking?**", "**Who {{braces}}?**"),
    ("    placeholder: e.g. MFAT", "    # placeholder: e.g. MFAT"),
    ("greeting: |", "welcome: |"),
])
def test_an_opening_that_needs_the_engine_is_left_to_it(change):
    old, new = change
    assert old in SCRIPT
    assert read_opening(SCRIPT.replace(old, new, 1)) is None


@pytest.mark.parametrize("text", ["", "steps: []\n", "- a list\n", "greeting: [\n",
                                  "greeting: hi\nsteps:\n  - id: agency\n"])
def test_a_script_it_cannot_read_gives_no_opening_not_an_error(text):
    assert read_opening(text) is None


def test_reading_the_opening_loads_no_engine(tmp_path):
    """Run in a fresh interpreter: the point is what gets imported."""
    import subprocess

    code = ("import sys\nfrom oiadraft.interview.opening import read_opening\n"
            "assert read_opening() is not None\n"
            "heavy = [m for m in ('oiadraft.interview.engine', 'oiadraft.acts', "
            "'oiadraft.scope', 'markdown_it') if m in sys.modules]\nprint(heavy)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, cwd=tmp_path)
    assert result.stdout.strip() == "[]"


def test_the_package_names_load_on_first_use():
    import oiadraft.interview as interview

    for name in interview.__all__:
        assert getattr(interview, name) is not None
    with pytest.raises(AttributeError):
        interview.no_such_name  # noqa: B018


# ---- the cache that spares the YAML parser at start-up ------------------------------------

def _cache_path():
    from oiadraft.interview.opening import CACHE_NAME

    return paths.cache_file(CACHE_NAME)


def test_the_opening_is_cached_and_the_cache_gives_the_same_opening():
    first = read_opening()
    cache = _cache_path()
    assert cache.is_file(), "the first read writes the cache"
    assert cache.stat().st_mode & 0o777 == 0o600
    saved = cache.read_text(encoding="utf-8")
    assert read_opening() == first == read_opening(SCRIPT)
    assert cache.read_text(encoding="utf-8") == saved, "a hit does not rewrite it"


def test_a_cached_start_does_not_import_the_yaml_parser(tmp_path):
    """Run in a fresh interpreter, twice: the second start reads the cache alone."""
    import subprocess

    code = ("import sys\nfrom oiadraft.interview.opening import read_opening\n"
            "assert read_opening() is not None\nprint('yaml' in sys.modules)\n")
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True, cwd=tmp_path).stdout.strip() for _ in range(2)]
    assert runs == ["True", "False"]


@pytest.mark.parametrize("damage", [
    "not json at all {",
    "",
    '{"version": 1}',
    '{"version": 99, "head": "", "opening": null}',
    '{"version": 1, "head": "x", "opening": {"messages": [1, 2], "placeholder": 3}}',
    '["a list"]',
])
def test_a_damaged_or_stale_cache_is_read_again_and_rewritten(damage):
    expected = read_opening(SCRIPT)
    cache = _cache_path()
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_text(damage, encoding="utf-8")
    assert read_opening() == expected
    assert cache.read_text(encoding="utf-8") != damage
    assert read_opening() == expected


def test_a_cache_for_another_script_head_is_not_used():
    import json

    read_opening()
    cache = _cache_path()
    saved = json.loads(cache.read_text(encoding="utf-8"))
    saved["head"] = saved["head"].replace("Who are you asking?", "Who?")
    saved["opening"]["messages"][-1] = "a stale question"
    cache.write_text(json.dumps(saved), encoding="utf-8")
    assert read_opening() == read_opening(SCRIPT)
    assert "a stale question" not in cache.read_text(encoding="utf-8")


def test_a_cache_that_cannot_be_written_still_gives_the_opening():
    cache_folder = _cache_path().parent
    cache_folder.parent.mkdir(parents=True, exist_ok=True)
    cache_folder.write_text("a file in the way of the cache folder", encoding="utf-8")
    assert read_opening() == read_opening(SCRIPT)
    assert cache_folder.read_text(encoding="utf-8") == "a file in the way of the cache folder"
