"""Assessment.features: what a part asks for (record types, parties, topic), in the part's own
words, for the chat to echo back ("I read part 2 as asking for emails involving ...")."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from property_budget import examples

from oiadraft import scope
from oiadraft.letter.splitter import split_request

DATA = Path(__file__).parent / "data"
TODAY = date(2024, 9, 13)
OIA = scope.Context(today=TODAY)

CONVENTION = "the Convention on Cluster Munitions"
OBLIGATIONS = ("what New Zealand needed to do to meet its obligations under the Convention on "
               "Cluster Munitions")
UKRAINE = ("the Convention on Cluster Munitions and New Zealand's obligations under that "
           "Convention with regard to the conflict in Ukraine")
GOVERNMENTS = "the governments of Russia, Belarus, Iran, Ukraine and the United States"
MINISTERS = "the Ministers of (a) Disarmament and Arms Control and (b) Foreign Affairs"
UK = "the government of the United Kingdom"
EITHER = "either country's obligations under the Convention on Cluster Munitions"

SEED = {
    "1": (["dates"], [GOVERNMENTS], None),
    "2": (["dates"], [GOVERNMENTS], None),
    "3": (["communications", "the replies"], [], None),
    "4": (["dates", "legal advice"], [], OBLIGATIONS),
    "5": (["requests", "legal advice"], [], OBLIGATIONS),
    "6": (["dates", "legal advice"], [], OBLIGATIONS),
    "7": (["legal advice"], [], OBLIGATIONS),
    "8": (["dates", "advice"], [MINISTERS], UKRAINE),
    "9": (["advice"], [MINISTERS], UKRAINE),
    "10": (["dates", "meetings", "correspondence"], ["the Ministry of Defence"], UKRAINE),
    "11": (["meetings notes", "correspondence"], ["the Ministry of Defence"], UKRAINE),
    "12": (["dates", "meetings", "correspondence"], ["MFAT official", UK], EITHER),
    "13": (["dates", "meetings", "correspondence"], ["New Zealand government minister", UK],
           EITHER),
}


def seed_parts():
    text = (DATA / "seed_request.txt").read_text(encoding="utf-8")
    return split_request(text, today=TODAY).parts


@pytest.mark.parametrize("number", list(SEED))
def test_the_seed_parts(number):
    part = next(p for p in seed_parts() if p.number == number)
    features = scope.assess(part.text, OIA).features
    records, parties, topic = SEED[number]
    assert features == {"record_types": records, "parties": parties, "topic": topic,
                        "question": None}


@pytest.mark.parametrize("text,records,parties,topic", [
    ("Copies of all emails and meeting notes between the Chief Executive and the Minister's "
     "office relating to the Pōneke stadium business case from 1 March 2024 to 31 August 2024.",
     ["emails", "meeting notes"], ["the Chief Executive", "the Minister's office"],
     "the Pōneke stadium business case"),
    ("Briefings to the Minister on the port in 2023.", ["briefings"], ["the Minister"],
     "the port"),
    ("All emails sent by the Mayor about the stadium since 1 January 2020.", ["emails"],
     ["the Mayor"], "the stadium"),
    ("Copies of any correspondence with Fonterra regarding water consents between March and "
     "June 2023.", ["correspondence"], ["Fonterra"], "water consents"),
    ("Any emails between MBIE and Treasury concerning the Holidays Act remediation.",
     ["emails"], ["MBIE", "Treasury"], "the Holidays Act remediation"),
    ("A copy of the final report of the review of the National Immunisation Register.",
     ["the final report"], [], None),
    ("An evaluation report on the scheme.", ["an evaluation report"], [], "the scheme"),
    ("The advice provided to the Minister for Courts on the bail reforms.", ["the advice"],
     ["the Minister for Courts"], "the bail reforms"),
    ("Any correspondence that mentions the Wellington water reforms in 2023.",
     ["correspondence"], [], "the Wellington water reforms"),
    ("How many dogs were registered in 2023?", [], [], None),
    ("All information.", ["information"], [], None),
    ("Emails relating to the period from 1 May 2024 to 31 May 2024.", ["emails"], [], None),
    ("Minutes of the board meeting on 5 May 2024.", ["minutes"], [], None),
    ("Any correspondence with Auckland Transport about the busway in that period.",
     ["correspondence"], ["Auckland Transport"], "the busway"),
])
def test_other_parts(text, records, parties, topic):
    features = scope.assess(text, OIA).features
    asked = " ".join(text.split()).rstrip("?") if text.endswith("?") else None
    assert features == {"record_types": records, "parties": parties, "topic": topic,
                        "question": asked}


def test_a_very_long_topic_is_shortened_at_a_word():
    text = "All briefings about " + " ".join(["the stadium"] * 40) + " in 2023."
    topic = scope.assess(text, OIA).features["topic"]
    assert topic.endswith("\u2026") and len(topic) <= 161
    assert topic[:-1] in text


def test_the_echo_is_plain_data_worked_out_with_the_assessment():
    result = scope.assess("All emails sent by the Mayor about the stadium in 2024.", OIA)
    assert vars(result)["features"] == {"record_types": ["emails"], "parties": ["the Mayor"],
                                        "topic": "the stadium", "question": None}
    # the echo is not part of the assessment's identity
    again = scope.assess("All emails sent by the Mayor about the stadium in 2024.", OIA)
    assert result == again and result.features == again.features


def test_the_chat_echo_uses_them():
    from oiadraft.interview import describe_extraction

    part = next(p for p in seed_parts() if p.number == "12")
    echo = describe_extraction(scope.assess(part.text, OIA))
    assert "asking for **dates**, **meetings** and **correspondence**" in echo
    assert "**MFAT official**" in echo and "**the government of the United Kingdom**" in echo
    assert "about **either country's obligations" in echo


def _flat(text: str) -> str:
    return " ".join(text.split())


WORDS = ["all", "any", "emails", "Emails", "correspondence", "the Minister", "MFAT",
         "any MFAT official", "between", "and", "with", "the Ministry of Defence", "about",
         "relating to", "on", "which", "mention of", "since October 2020", "from 1 March 2024",
         "Copies of", "briefings", "(a)", "Russia,", "the governments of", "of", "the", "New",
         "Zealand", "to", "office", "'s", ".", ",", "\n", "İ", "Pōneke", "advice", "dates of"]
texts = st.one_of(st.text(max_size=200),
                  st.lists(st.sampled_from(WORDS), max_size=40).map(" ".join))


@settings(max_examples=examples(300), deadline=None)
@given(texts)
def test_features_never_invent_words_and_are_deterministic(text):
    features = scope.assess(text, OIA).features
    flat = _flat(text)
    assert set(features) == {"record_types", "parties", "topic", "question"}
    for words in features["record_types"]:
        assert words in flat or (words[0].upper() + words[1:]) in flat
    for words in features["parties"]:
        assert words in flat
    topic = features["topic"]
    if topic is not None:
        assert topic.rstrip("\u2026") in flat
    if features["question"] is not None:
        assert features["question"].rstrip("\u2026") in flat
    assert scope.assess(text, OIA).features == features
