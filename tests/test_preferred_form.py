"""The preferred form of release, said as the Acts say it.

OIA s16(2): the agency "shall make the information available in the way preferred by the person
requesting it unless to do so would— (a) impair efficient administration; or (b) be contrary to
any legal duty of the department or Minister of the Crown in respect of the document; or (c)
prejudice the interests protected by section 6 or section 7 or section 9 and (in the case of
the interests protected by section 9) there is no countervailing public interest."
LGOIMA s15(2) is the same with "section 6 or section 7" and the public-interest proviso on
section 7. s16(3) / s15(3): the reason for not using the preferred way, and the grounds in
support of it if asked.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from oiadraft.acts import get_act, official_information_acts
from oiadraft.interview.script import builtin_script
from oiadraft.interview.words import say
from oiadraft.letter.placeholders import check_placeholders, placeholder_help

REPO = Path(__file__).resolve().parent.parent


def _step(step_id: str):
    return next(step for step in builtin_script().steps if step.id == step_id)


def test_withholding_sections_come_from_the_withholding_grounds():
    assert get_act("oia").withholding_sections == ("6", "7", "9")
    assert get_act("lgoima").withholding_sections == ("6", "7")
    assert get_act("privacy").withholding_sections == ()
    assert get_act("oia").placeholders()["withholding_sections"] == "s6, s7 or s9"
    assert get_act("lgoima").placeholders()["withholding_sections"] == "s6 or s7"
    assert "withholding_sections" not in get_act("privacy").placeholders()


@pytest.mark.parametrize(("act", "duty", "interests", "weighed", "reason", "grounds"), [
    ("oia", "(s16(2))", "interests protected by s6, s7 or s9", "s9(2)", "(s16(3)(a))",
     "(s16(3)(b))"),
    ("lgoima", "(s15(2))", "interests protected by s6 or s7", "s7(2)", "(s15(3)(a))",
     "(s15(3)(b))"),
])
def test_the_preferences_question_names_the_three_exceptions(act, duty, interests, weighed,
                                                             reason, grounds):
    step = _step("preferences")
    ask = " ".join(say(step.ask, act).split())
    help_text = " ".join(say(step.help, act).split())
    assert "good reason" not in ask
    assert f"the Act {duty} says the agency must use that form unless" in ask
    assert "impair efficient administration" in ask                      # (a)
    assert "be contrary to a legal duty about the document" in ask       # (b)
    assert f"prejudice the {interests}" in ask                           # (c)
    assert f"(for an interest under {weighed}, only if no public interest in " \
           "release outweighs it)" in ask
    assert f"it must tell you why {reason}" in help_text
    assert f"if you ask, give the grounds for that reason {grounds}" in help_text
    for text in (ask, help_text):
        assert "{" not in text and "}" not in text


def test_every_official_information_act_fills_the_question():
    step = _step("preferences")
    for profile in official_information_acts():
        assert "{" not in say(step.ask, profile.key), profile.key


def test_withholding_sections_is_checked_like_a_concept():
    assert check_placeholders("Interests under {withholding_sections}.", ["oia", "lgoima"]) == []
    problems = check_placeholders("Interests under {withholding_sections}.", ["oia", "privacy"])
    assert [message for message, _ in problems] == [
        "{withholding_sections} has no Privacy Act sections; list only the Acts that have "
        "withholding grounds in `acts`"]
    rows = dict(placeholder_help())
    assert rows["{withholding_sections}"].endswith("e.g. s6, s7 or s9 (OIA) or s6 or s7 (LGOIMA)")


OVERCLAIMS = [
    "unless a good reason",  # s16(2) lists three exceptions
    "make a request enforceable",  # the remedy is a complaint to the Ombudsman
    "charges must be reasonable",  # s15(1A) lets an agency charge; reasonableness is s15(2)
    "and restart the clock",  # s15(1AA): the agency *may* treat it as a new request
]


def _texts():
    paths = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md")),
             *sorted((REPO / "prompts").glob("*.yaml")), *sorted((REPO / "clauses").glob("*.yaml")),
             *sorted((REPO / "oiadraft" / "data").rglob("*.yaml"))]
    return [path for path in paths if path.exists()]


def test_no_overclaiming_wording_in_the_shipped_text():
    found = []
    for path in _texts():
        text = " ".join(path.read_text(encoding="utf-8").lower().split())
        found += [f"{path.relative_to(REPO)}: {phrase!r}" for phrase in OVERCLAIMS
                  if phrase in text]
    assert found == []
