"""The interview engine, driven with plain strings: no screen involved."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from oiadraft.errors import DataError
from oiadraft.interview import Interview, load_script, quote_user
from oiadraft.letter.render import render_text
from oiadraft.letter.splitter import split_request
from oiadraft.model import Draft, Period

TODAY = date(2024, 9, 13)

SEED = (Path(__file__).parent / "data" / "seed_request.txt").read_text(encoding="utf-8")
BROAD = ("any correspondence any MFAT official has had with any UK representative that "
         "mentions the Convention")


@pytest.fixture(scope="module")
def interview() -> Interview:
    return Interview(today=TODAY)


class Chat:
    """A conversation: answers go in, the draft changes in place, the replies accumulate."""

    def __init__(self, interview: Interview, draft: Draft | None = None) -> None:
        self.interview = interview
        self.draft = draft or Draft()
        self.replies = []

    def say(self, *answers: str):
        for answer in answers:
            self.replies.append(self.interview.respond(self.draft, answer))
        return self.replies[-1]

    @property
    def view(self):
        return self.interview.view(self.draft)

    @property
    def step(self) -> str:
        return self.view.step_id

    @property
    def kind(self) -> str:
        return self.view.kind


def text_of(reply) -> str:
    return "\n\n".join(message.text for message in reply.messages)


def problem(reply) -> bool:
    return any(message.kind == "problem" for message in reply.messages)


def test_greeting_and_first_question(interview):
    reply = interview.start(Draft())
    assert "Kia ora" in reply.messages[0].text
    assert "Who are you asking" in reply.messages[-1].text
    assert reply.view.step_id == "agency" and not reply.changed


def test_whole_conversation_to_review(interview):
    chat = Chat(interview)
    reply = chat.say("mfat")
    assert not problem(reply) and reply.changed
    assert chat.draft.agency == "Ministry of Foreign Affairs and Trade"
    assert chat.draft.act == "oia" and chat.draft.agency_id
    assert chat.step == "topic"
    assert "What do you want to find out" in reply.messages[-1].text, "asks the next question"
    chat.say("What MFAT told Ministers about the cluster munitions convention")
    assert chat.draft.topic.startswith("What MFAT told")
    reply = chat.say("since October 2020 to the date of this request")
    assert reply.view.kind == "confirm"
    echo = reply.view.question
    assert "the period from 1 October 2020 to the date of this request" in echo
    assert "right?" in echo and echo in text_of(reply)
    chat.say("")  # Enter confirms
    assert chat.draft.period == Period(date(2020, 10, 1), None, until_request=True)
    assert chat.step == "parts"

    reply = chat.say(BROAD)
    assert reply.view.current_part is chat.draft.parts[0]
    report = text_of(reply)
    assert "High risk" in report and "s18(f)" in report
    assert "any MFAT official" in report
    assert report.count("describe your next part") == 1, "the report offers the next steps"
    assert "accept" in reply.view.actions and "keep" in reply.view.actions

    # Accept the suggestion for "any MFAT official": a placeholder is asked for.
    findings = [f for f in interview.assess(chat.draft, chat.draft.parts[0]).findings
                if f.severity != "info" or f.suggestion]
    index = next(i for i, f in enumerate(findings, 1) if f.quote == "any MFAT official")
    reply = chat.say(f"accept {index}")
    assert reply.view.kind == "fill" and "unit or role" in reply.view.question
    chat.say("the Disarmament and Arms Control Division")
    assert "any MFAT official" not in chat.draft.parts[0].text
    assert "officials in the Disarmament and Arms Control Division" in chat.draft.parts[0].text

    chat.say("Briefings and aide-memoires to the Minister of Foreign Affairs about the "
             "Convention on Cluster Munitions")
    assert len(chat.draft.parts) == 2
    assert interview.assess(chat.draft, chat.draft.parts[1]).risk != "high"
    chat.say("done")
    assert chat.step == "preferences"
    chat.say("")  # keep the ticked preferences
    chat.say("")  # withholding: grounds ticked by default
    chat.say("")  # process
    assert chat.step == "urgent"
    chat.say("no")
    assert chat.step == "name"
    chat.say("Aroha Smith")
    assert chat.kind == "review"
    summary = chat.view.question
    assert "Part 1" in summary and "Friday 11 October 2024" in summary

    assert "grounds-in-support" in chat.draft.clauses
    letter = render_text(chat.draft, library=interview.library, today=TODAY)
    assert "section 19(a)(ii)" in letter and "section 16" in letter
    assert "Aroha Smith" in letter
    assert "1. any correspondence between officials in the Disarmament" in letter


def test_council_is_lgoima_with_region_and_no_region_question(interview):
    chat = Chat(interview)
    chat.say("wellington city council")
    assert chat.draft.act == "lgoima" and chat.draft.region == "wellington"
    assert chat.draft.agency_kind == "council_city"
    assert chat.step == "topic"


def test_unknown_agency_can_be_used_and_asks_for_the_act_and_region(interview):
    chat = Chat(interview)
    reply = chat.say("Zzyzx Harbour Trust")
    assert reply.view.pending == "agency_pick"
    assert "“Zzyzx Harbour Trust”" in reply.view.question
    options = reply.view.choices
    chat.say(str(len(options)))  # the last option: write to it as typed
    assert chat.draft.agency == "Zzyzx Harbour Trust" and chat.draft.agency_id is None
    assert chat.draft.agency_kind == "organisation"
    assert chat.step == "act"
    chat.say("2")
    assert chat.draft.act == "lgoima"
    assert chat.step == "region"
    chat.say("skip")
    assert chat.draft.region is None
    assert chat.step == "topic"


def test_use_name_still_writes_to_it_as_typed(interview):
    chat = Chat(interview)
    chat.say("use Zzyzx Harbour Trust")
    assert chat.draft.agency == "Zzyzx Harbour Trust" and chat.step == "act"


def test_ambiguous_agency_offers_a_choice(interview):
    chat = Chat(interview)
    reply = chat.say("hcc")
    assert reply.view.pending == "agency_pick"
    question = reply.view.question
    assert "Hamilton City Council" in question and "Hutt City Council" in question
    chat.say("2")
    assert chat.draft.agency_id is not None and chat.step == "topic"


def test_body_not_subject_to_the_acts_is_explained(interview):
    chat = Chat(interview)
    reply = chat.say("Parliamentary Service")
    assert problem(reply)
    assert "not subject" in text_of(reply)
    assert chat.step == "agency" and chat.draft.agency == ""


def test_back_and_changing_an_earlier_answer_keeps_later_ones(interview):
    chat = Chat(interview)
    chat.say("mfat", "cluster munitions advice", "2023", "")
    assert chat.step == "parts"
    chat.say("back")
    assert chat.step == "period"
    chat.say("2022", "yes")
    assert chat.draft.period == Period(date(2022, 1, 1), date(2022, 12, 31))
    assert chat.step == "parts", "the topic answer was kept"

    chat.say("change agency")
    assert chat.step == "agency"
    chat.say("Ministry of Defence")
    assert chat.draft.agency == "Ministry of Defence"
    assert chat.draft.topic == "cluster munitions advice"
    assert chat.draft.period == Period(date(2022, 1, 1), date(2022, 12, 31))
    assert chat.step == "parts"


def test_back_at_the_start(interview):
    reply = Chat(interview).say("back")
    assert problem(reply) and "first question" in text_of(reply)


def test_skip_is_refused_for_required_steps(interview):
    chat = Chat(interview)
    chat.say("mfat")
    reply = chat.say("skip")
    assert problem(reply) and chat.step == "topic"


def test_skipping_the_period_asks_for_one_per_part(interview):
    chat = Chat(interview)
    chat.say("mfat", "cluster munitions", "skip")
    assert chat.draft.period is None and chat.step == "parts"
    reply = chat.say("Briefings to the Minister of Foreign Affairs about cluster munitions")
    assert reply.view.pending == "part_period"
    assert "From when to when" in reply.view.question
    reply = chat.say("between March and June 2023")
    assert chat.draft.parts[0].period == Period(date(2023, 3, 1), date(2023, 6, 30))
    assert "the period from 1 March 2023 to 30 June 2023" in text_of(reply)


def test_impossible_period_is_a_clear_problem(interview):
    chat = Chat(interview)
    chat.say("mfat", "cluster munitions")
    reply = chat.say("31/02/2024")
    assert problem(reply)
    assert "February 2024 has no day 31" in text_of(reply)
    assert chat.step == "period"


def test_help_gives_the_step_help(interview):
    chat = Chat(interview)
    reply = chat.say("help")
    assert reply.screen == "help" and "Official Information Act 1982" in text_of(reply)


def test_show_letter_and_copy_open_things_on_the_screen(interview):
    chat = Chat(interview)
    assert chat.say("show letter").screen == "letter"
    assert chat.say("copy").screen == "copy"
    assert not chat.replies[-1].changed


def parts_chat(interview, *parts: str) -> Chat:
    chat = Chat(interview)
    chat.say("mfat", "cluster munitions", "1 October 2020 to 13 September 2024", "")
    for part in parts:
        chat.say(part)
    return chat


def test_edit_delete_and_undo_a_part(interview):
    chat = parts_chat(interview, "Briefings to the Minister about A",
                      "Cabinet papers about B")
    reply = chat.say("edit part 2")
    assert reply.view.kind == "edit" and reply.view.prefill == "Cabinet papers about B"
    chat.say("Cabinet minutes about C")
    assert chat.draft.parts[1].text == "Cabinet minutes about C"
    chat.say("delete part 1")
    assert [p.text for p in chat.draft.parts] == ["Cabinet minutes about C"]
    chat.say("undo")
    assert [p.text for p in chat.draft.parts] == ["Briefings to the Minister about A",
                                                  "Cabinet minutes about C"]
    reply = chat.say("edit part 9")
    assert problem(reply) and "1 to 2" in text_of(reply)


def test_words_added_after_a_parts_full_stop_go_before_it(interview):
    chat = parts_chat(interview, "Monthly library visits at each branch.",
                      "Reports to the Finance Committee on funding.", "Minutes of Acme Ltd.")
    chat.say("edit part 1")
    reply = chat.say("Monthly library visits at each branch. as recorded in the library system")
    assert chat.draft.parts[0].text == \
        "Monthly library visits at each branch as recorded in the library system."
    assert "full stop now follows" in text_of(reply)
    # a sentence of its own keeps both stops; so does an abbreviation's
    chat.say("edit part 2")
    chat.say("Reports to the Finance Committee on funding. Also the minutes.")
    assert chat.draft.parts[1].text == \
        "Reports to the Finance Committee on funding. Also the minutes."
    chat.say("edit part 3")
    reply = chat.say("Minutes of Acme Ltd. and its board")
    assert chat.draft.parts[2].text == "Minutes of Acme Ltd. and its board"
    assert "full stop" not in text_of(reply)
    chat.say("undo")
    assert chat.draft.parts[2].text == "Minutes of Acme Ltd."


def test_empty_edit_is_refused(interview):
    chat = parts_chat(interview, "Briefings to the Minister about A")
    chat.say("edit part 1")
    reply = chat.say("   ")
    assert problem(reply) and "can't be empty" in text_of(reply)
    assert chat.draft.parts[0].text == "Briefings to the Minister about A"


def test_keep_acknowledges_and_stops_the_nagging(interview):
    chat = parts_chat(interview, BROAD)
    part = chat.draft.parts[0]
    assert interview.assess(chat.draft, part).findings
    reply = chat.say("keep")
    assert part.acknowledged
    shown = interview.assess(chat.draft, part)
    assert not [f for f in shown.findings if f.rule in part.acknowledged]
    assert shown.risk == "high", "keeping a part does not pretend it is safe"
    assert reply.view.status == "kept"


def test_split_dates_first_copies_second(interview):
    chat = parts_chat(interview, "Copies of all correspondence with the Ministry of Defence "
                                 "about the Convention on Cluster Munitions")
    chat.say("split")
    assert len(chat.draft.parts) == 2
    assert "dates" in chat.draft.parts[0].text.lower()


def test_pasting_a_whole_request_splits_it(interview):
    chat = Chat(interview)
    chat.say("mfat", "cluster munitions", "skip")
    reply = chat.say(SEED)
    assert len(chat.draft.parts) == 13
    assert reply.messages[0].kind == "summary" and "13 parts" in reply.messages[0].text
    assert chat.draft.parts[11].text.startswith("The dates, since October 2020, of any")


def test_a_paste_says_which_words_are_not_parts(interview):
    """The greeting and background of a pasted letter are not added as parts: the chat says
    so, with how many words, rather than dropping them without a word."""
    chat = Chat(interview)
    chat.say("mfat", "cluster munitions", "skip")
    reply = chat.say(SEED)
    split = split_request(SEED)
    words = len(split.preamble.split()) + len(split.closing.split())
    said = " ".join(m.text for m in reply.messages)
    assert f"{words:,} words before and after the numbered parts are not parts" in said
    assert not any(split.preamble.split("\n")[2] in part.text for part in chat.draft.parts)
    bare = Chat(interview)
    bare.say("mfat", "cluster munitions", "skip")
    reply = bare.say("1. Briefings to the Minister in May 2024.\n2. Minutes of the board in "
                     "May 2024.\n\nPlease confirm receipt of this email.")
    said = " ".join(m.text for m in reply.messages)
    assert "6 words after the numbered parts are not parts" in said
    assert [p.text for p in bare.draft.parts] == ["Briefings to the Minister in May 2024.",
                                                 "Minutes of the board in May 2024."]


def test_keep_is_offered_only_against_a_warning(interview):
    """A low part's tips can be accepted, but there is no warning to keep the part against."""
    tips = parts_chat(interview, "All emails about the lunch contractor between the Ministry "
                                 "and Compass Group")
    said = " ".join(m.text for m in tips.replies[-1].messages)
    assert "**Low risk**" in said and "`accept`" in said and "`keep`" not in said
    warned = parts_chat(interview, "Any emails that mention the Convention sent by any staff")
    said = " ".join(m.text for m in warned.replies[-1].messages)
    assert "**F3** or `keep` keeps the part as it is" in said


def test_the_next_part_typed_instead_of_a_parts_time_frame_is_the_next_part(interview):
    """A quick typist gives part 2 before reading "from when to when should part 1 cover?":
    part 1 stays without a time frame and part 2 is added, not refused as a period."""
    chat = Chat(interview)
    chat.say("mfat", "cluster munitions", "skip", "Cabinet papers about the Convention")
    assert "should part 1 cover?" in text_of(chat.replies[-1])
    reply = chat.say("Briefings to the Minister about the Convention")
    assert [p.text for p in chat.draft.parts] == ["Cabinet papers about the Convention",
                                                 "Briefings to the Minister about the Convention"]
    assert chat.draft.parts[0].period is None and not problem(reply)
    assert "Part 1 stays without a time frame" in text_of(reply)
    # words that name no records are still read as a period, or said to be unreadable
    assert problem(chat.say("whenever it suits"))
    chat.say("2023")
    assert chat.draft.parts[1].period is not None and len(chat.draft.parts) == 2


def test_a_first_part_typed_before_the_period_is_confirmed_keeps_the_period(interview):
    """A quick typist gives part 1 before reading "... right?": the period shown stands and
    the words are part 1, not a period that cannot be read (which lost the period)."""
    chat = Chat(interview)
    chat.say("mfat", "cluster munitions", "the financial years 2020/21 to 2023/24")
    assert "right?" in text_of(chat.replies[-1])
    reply = chat.say("All emails about the Convention up until 2019",
                     "Cabinet papers about the Convention")
    assert chat.draft.period == Period(date(2020, 7, 1), date(2024, 6, 30))
    assert [p.text for p in chat.draft.parts] == [
        "All emails about the Convention up until 2019", "Cabinet papers about the Convention"]
    assert "I've kept **the period from 1 July 2020 to 30 June 2024**" in \
        text_of(chat.replies[-2])
    assert not problem(reply)
    # a period typed again is still a period to confirm, and words that are neither are
    # still said to be unreadable
    other = Chat(interview)
    other.say("mfat", "cluster munitions", "2023", "2022")
    assert "right?" in text_of(other.replies[-1]) and other.draft.period is None
    reply = other.say("whenever it suits")
    assert problem(reply) and not other.draft.parts
    assert "covers **the period from 1 January 2022 to 31 December 2022**" in text_of(reply)
    other.say("")
    assert other.draft.period == Period(date(2022, 1, 1), date(2022, 12, 31))


def test_figures_typed_before_the_period_is_confirmed_are_the_first_part(interview):
    chat = Chat(interview)
    chat.say("Auckland Council", "dog attacks", "2023",
             "The number of dog attacks reported to the council in 2023, by suburb")
    assert chat.draft.period == Period(date(2023, 1, 1), date(2023, 12, 31))
    assert [p.text for p in chat.draft.parts] == [
        "The number of dog attacks reported to the council in 2023, by suburb"]


def test_a_first_part_typed_at_the_period_question_is_a_part(interview):
    chat = Chat(interview)
    reply = chat.say("mfat", "cluster munitions", "All cycleway budgets since records began")
    assert [p.text for p in chat.draft.parts] == ["All cycleway budgets since records began"]
    assert chat.draft.period is None and chat.step == "parts"
    said = text_of(reply)
    assert "That reads as something to ask for rather than a period" in said
    # the part says which years it means (all of them): it is warned about and offered a
    # start date, not asked for a time frame its words contradict
    assert "covering **every year the agency holds** (“since records began”)" in said
    assert "should part 1 cover?" not in said


def test_a_part_whose_period_cannot_be_read_is_not_said_to_have_none(interview):
    chat = Chat(interview)
    reply = chat.say("Wellington City Council", "cycleways", "skip",
                     "Budgets for cycleways 2020/21 through 2022/23")
    said = text_of(reply)
    assert "with a time frame that cannot be read without guessing (“2020/21 through " \
           "2022/23”)" in said
    assert "no time frame" not in said
    assert "'the financial years 2020/21 to 2022/23' (1 July 2020 to 30 June 2023)" in said


def test_the_accept_hint_names_the_suggestion_accept_uses(interview):
    """Advice with no rewording ("Records" names no kind) can come first: F2 uses the first
    suggestion that rewords the part, and the hint names that one."""
    chat = parts_chat(interview, "Records held by staff and all emails")
    said = text_of(chat.replies[-1])
    assert said.index('"Records"') < said.index('"all emails"')
    assert "**F2** or `accept` uses suggestion 3" in said and "uses suggestion 1" not in said
    chat.say("accept")
    assert chat.view.kind == "fill"  # the blanks of suggestion 3, "emails between <...>"


def test_the_story_before_what_a_part_asks_for_is_left_out_and_said_to_be(interview):
    """A part given as an unnumbered letter: its background is not the part, and the
    requester is told how many words were left out of it."""
    chat = Chat(interview)
    chat.say("mfat", "cluster munitions", "skip")
    ask = "Please send me the Minister's briefings on cluster munitions from May 2024."
    reply = chat.say(f"Kia ora,\n\nI have followed this for years and wrote to my MP twice."
                     f"\n\n{ask}\n\nNgā mihi,\nSam")
    assert [p.text for p in chat.draft.parts] == [ask]
    said = text_of(reply)
    assert "The 12 words before what you ask for tell the background" in said
    plain = Chat(interview)
    plain.say("mfat", "cluster munitions", "skip")
    reply = plain.say(f"Kia ora,\n\n{ask}\n\nNgā mihi,\nSam")
    assert [p.text for p in plain.draft.parts] == [ask]
    assert "background" not in text_of(reply)


def test_keep_is_offered_against_warnings_that_have_no_rewording(interview):
    """A high part whose warnings only advise ("staff" names people only as a group) offers
    F3 `keep`, and no F2 `accept` since there is nothing to accept."""
    chat = parts_chat(interview, "Records held by staff about the programme")
    said = " ".join(m.text for m in chat.replies[-1].messages)
    assert "**High risk**" in said or "**Medium risk**" in said
    assert "**F3** or `keep` keeps the part as it is" in said and "`accept`" not in said
    assert interview.respond(chat.draft, "keep").messages[0].text.startswith("Part 1 is kept")


def test_a_greeting_typed_as_the_recipient_names_it(interview):
    """"Dear Ministry of Education," answers "who are you asking?" with the Ministry, not a
    list of near misses for the whole line."""
    chat = Chat(interview)
    chat.say("Dear Ministry of Education,")
    assert chat.draft.agency == "Ministry of Education" and chat.step == "topic"
    kia_ora = Chat(interview)
    kia_ora.say("Kia ora Wellington City Council")
    assert kia_ora.draft.agency == "Wellington City Council" and kia_ora.draft.act == "lgoima"


def test_urgency_needs_reasons(interview):
    chat = parts_chat(interview, "Briefings to the Minister about A")
    chat.say("done", "", "", "", "yes")
    assert chat.draft.urgent and chat.step == "urgency_reasons"
    reply = chat.say("soon")
    assert problem(reply) and chat.step == "urgency_reasons"
    chat.say("I am making a submission to the select committee, which closes on 1 November")
    assert chat.draft.urgency_reasons.startswith("I am making")
    assert chat.step == "name"


def test_multi_choice_by_numbers(interview):
    chat = parts_chat(interview, "Briefings to the Minister about A")
    chat.say("done")
    view = chat.view
    assert view.kind == "multi" and view.selected
    first = view.choices[0].value
    ticked = first in view.selected
    reply = chat.say("1")
    assert reply.view.pending == "multi"
    assert (first in reply.view.selected) != ticked
    chat.say("")
    assert (first in chat.draft.clauses) != ticked
    assert chat.step == "withholding"
    reply = chat.say("99")
    assert problem(reply)
    chat.say("none")
    assert chat.step == "process"
    assert "grounds-in-support" not in chat.draft.clauses


def test_user_text_is_inert_in_messages(interview):
    hostile = "[bold]x[/bold] *y* [link=http://x]z[/link] <b>#h</b>"
    chat = parts_chat(interview, f"Briefings to the Minister about {hostile}")
    assert chat.draft.parts[0].text.endswith(hostile), "stored exactly as typed"
    report = text_of(chat.replies[-1])
    assert "\\*y\\*" in report and "\\[bold\\]" in report and "\\<b\\>" in report
    assert quote_user("a*b") == "a\\*b"


def test_script_errors_name_the_line():
    bad = "version: 1\ngreeting: hi\nsteps:\n  - id: a\n    kind: nonsense\n    ask: x\n"
    with pytest.raises(DataError) as error:
        load_script(bad, "prompts/test.yaml")
    assert "prompts/test.yaml:5" in str(error.value) and "nonsense" in str(error.value)
    with pytest.raises(DataError, match="syntax"):
        load_script("steps: [", "prompts/test.yaml")
    when = "steps:\n  - id: a\n    kind: text\n    ask: x\n    when: {colour: red}\n"
    with pytest.raises(DataError, match="when"):
        load_script(when, "prompts/test.yaml")
    unset = "steps:\n  - id: a\n    kind: text\n    ask: x\n"
    with pytest.raises(DataError, match="sets"):
        load_script(unset, "prompts/test.yaml")


def test_built_in_script_has_every_message():
    script = load_script()
    assert script.step("parts").kind == "parts"
    assert next(s.id for s in script.steps) == "agency"
    assert all(step.sets or step.kind == "review" for step in script.steps)


def test_the_saved_name_is_offered_and_enter_uses_it():
    interview = Interview(today=TODAY, default_name=lambda: "Aroha Smith")
    chat = parts_chat(interview, "Briefings to the Minister about A")
    chat.say("done", "", "", "", "no")
    assert chat.step == "name"
    assert "Press Enter to sign it **Aroha Smith**" in chat.view.question
    chat.say("")
    assert chat.draft.requester.name == "Aroha Smith"
    assert chat.kind == "review"


def test_no_message_is_written_twice_in_the_script():
    # YAML keeps the last of two equal keys without a word: one message would vanish.
    text = (Path(__file__).parent.parent / "prompts" / "interview.yaml").read_text("utf-8")
    keys = re.findall(r"^  ([a-z_]+):", text.split("\nmessages:\n", 1)[1], re.MULTILINE)
    assert len(keys) == len(set(keys)), sorted(k for k in keys if keys.count(k) > 1)


def test_ticking_the_priority_clause_asks_which_parts(interview):
    chat = parts_chat(interview, "Briefings to the Minister about A", "Cabinet papers about B",
                      "Minutes about C")
    chat.say("done", "", "")
    assert chat.step == "process"
    reply = chat.say("1", "")  # tick "Priority order among the parts", then commit
    assert reply.view.pending == "priority" and "Which parts" in reply.view.question
    letter = render_text(chat.draft, library=interview.library, today=TODAY)
    assert "Please treat part 1 as the priority" not in letter, "nothing chosen yet"
    reply = chat.say("3 1")
    assert chat.draft.priority == [chat.draft.parts[0].id, chat.draft.parts[2].id]
    assert "deal with parts 1 and 3 first" in text_of(reply)
    letter = render_text(chat.draft, library=interview.library, today=TODAY)
    assert "Please treat parts 1 and 3 as the priority." in letter
    chat.say("move part 3 to 2")
    letter = render_text(chat.draft, library=interview.library, today=TODAY)
    assert "Please treat parts 1 and 2 as the priority." in letter, "the choice follows parts"


def test_no_priority_takes_the_clause_out(interview):
    chat = parts_chat(interview, "Briefings to the Minister about A", "Cabinet papers about B")
    chat.say("done", "", "", "1", "")
    reply = chat.say("none")
    assert "priority-order" not in chat.draft.clauses and chat.draft.priority == []
    assert "left that clause out" in text_of(reply)
    letter = render_text(chat.draft, library=interview.library, today=TODAY)
    assert "as the priority" not in letter


def test_one_part_needs_no_question_about_priority(interview):
    chat = parts_chat(interview, "Briefings to the Minister about A")
    reply = chat.say("done", "", "", "1", "")
    assert reply.view.pending is None
    assert chat.draft.priority == [chat.draft.parts[0].id]


def test_the_view_carries_the_step_help_filled_for_the_act(interview):
    chat = parts_chat(interview)
    assert "(s18(f))" in chat.view.help and "{" not in chat.view.help


def test_a_pasted_request_with_no_break_spaces_splits_as_typed(interview):
    """Copied from a PDF: the parts are the same, with plain spaces."""
    chat = Chat(interview)
    chat.say("mfat", "cluster munitions", "skip")
    # a page break in the middle of part 12, as the PDF has it
    copied = SEED.replace("of the United Kingdom that included",
                          "of the United\n\n\u00a0\nPage 3 of 9\n\u00a0\n\nKingdom that included", 1)
    copied = copied.replace("12. ", "12.\u00a0\u00a0").replace(" of ", "\u00a0of\u00a0")
    chat.say(copied.replace("\n", " \n"))
    assert len(chat.draft.parts) == 13
    assert chat.draft.parts[11].text.startswith("The dates, since October 2020, of any")
    assert not any("\u00a0" in part.text or " \n" in part.text for part in chat.draft.parts)
    assert "Page 3" not in chat.draft.parts[11].text
    assert "of the United\nKingdom" in chat.draft.parts[11].text


@pytest.mark.parametrize("act", ["oia", "lgoima", "privacy"])
def test_the_ready_summary_gives_only_the_time_limits_the_act_sets(act):
    # a Privacy Act draft (opened from a file) has no clarification cut-off; the summary
    # formatted the missing date and the conversation stopped at 'done'
    from oiadraft.deadline import compute
    from oiadraft.interview.show import deadline_line
    from oiadraft.model import Part

    draft = Draft(act=act, agency="Treasury", topic="budget",
                  parts=[Part(text="Briefings on the budget in 2023")])
    interview = Interview(today=date(2024, 9, 13))
    line = deadline_line(interview, draft)
    result = compute(date(2024, 9, 13), act=act)
    assert "response is due by **Friday 11 October 2024**" in line
    assert ("must transfer it by" in line) == (result.transfer_due is not None)
    assert ("request for clarification after" in line) == (
        result.clarification_cutoff is not None)
    for answer in ("done", "", "", "", "Mere Smith", "show letter"):
        interview.respond(draft, answer)
