"""The command grammar: a bare command word is never content; a command that does not apply
says so once and changes nothing; undo and redo cover every change; editing a part."""

from __future__ import annotations

from datetime import date

import pytest

from oiadraft.interview import Interview, load_actions, parse_command
from oiadraft.interview.history import take
from oiadraft.interview.state import load
from oiadraft.letter.render import render_text
from oiadraft.model import Draft, Period, draft_from_dict, draft_to_dict

TODAY = date(2024, 9, 13)
BROAD = ("any correspondence any MFAT official has had with any UK representative that "
         "mentions the Convention")
COPIES = ("Copies of all correspondence with the Ministry of Defence about the Convention on "
          "Cluster Munitions")


@pytest.fixture
def interview() -> Interview:
    return Interview(today=TODAY)


def say(interview: Interview, draft: Draft, *answers: str):
    reply = None
    for answer in answers:
        reply = interview.respond(draft, answer)
    return reply


def at_parts(interview: Interview, *parts: str) -> Draft:
    draft = Draft()
    say(interview, draft, "mfat", "cluster munitions", "1 October 2020 to 13 September 2024",
        "", *parts)
    return draft


def content(draft: Draft) -> dict:
    data = draft_to_dict(draft)
    data.pop("conversation")
    data.pop("updated")
    return data


def comparable(draft: Draft) -> dict:
    """What the requester said, whatever ids the draft and its parts were given."""
    data = content(draft)
    for key in ("id", "created"):
        data.pop(key, None)
    data["parts"] = [part.text for part in draft.parts]
    return data


def texts(reply) -> str:
    return "\n\n".join(m.text for m in reply.messages)


# ---- the grammar ---------------------------------------------------------------------------

BARE_VERBS = sorted({verb for spec in load_actions() for verb in spec.verbs if "{" not in verb})


def test_the_action_table_has_the_keys_the_screen_uses():
    keys = {spec.key: spec.id for spec in load_actions() if spec.key}
    assert keys == {"f1": "help", "f2": "accept", "f3": "keep", "f4": "split", "f5": "copy",
                    "ctrl+s": "save", "ctrl+r": "review", "ctrl+l": "library",
                    "ctrl+t": "deadline", "ctrl+g": "show_letter", "ctrl+n": "new",
                    "ctrl+o": "open", "f8": "resume", "ctrl+p": "palette", "ctrl+q": "quit",
                    "escape": "cancel"}
    assert all(spec.label and spec.help for spec in load_actions())


@pytest.mark.parametrize(("text", "action", "n", "m"), [
    ("undo", "undo", None, None),
    ("  Undo. ", "undo", None, None),
    ("accept 5", "accept", 5, None),
    ("edit part 3", "edit_part", 3, None),
    ("edit", "edit_part", None, None),
    ("delete part 1,000", "delete_part", 1000, None),
    ("move part 4 to 1", "move_part", 4, 1),
    ("move part 2 up", "move_part", 2, None),
    ("keep part 13", "keep_part", 13, None),
    ("that’s all", "done", None, None),
    ("show the letter", "show_letter", None, None),
])
def test_commands_are_read_once_from_the_table(text, action, n, m):
    command = parse_command(text)
    assert command is not None
    assert (command.action, command.n, command.m) == (action, n, m)


@pytest.mark.parametrize("text", ["undo the 2023 decision", "Briefings about accept rates",
                                  "done\nand dusted", "accept 5 of the reports", ""])
def test_words_that_merely_contain_a_verb_are_content(text):
    assert parse_command(text) is None


@pytest.mark.parametrize("verb", BARE_VERBS)
def test_a_bare_command_word_never_becomes_a_part(interview, verb):
    draft = at_parts(interview, "Briefings to the Minister of Foreign Affairs about the "
                                "Convention on Cluster Munitions")
    texts_before = [p.text for p in draft.parts]
    interview.respond(draft, verb)
    assert verb not in [p.text for p in draft.parts]
    assert all(p.text in texts_before or verb not in p.text.lower() for p in draft.parts)


def test_undo_with_nothing_to_undo_says_so_and_adds_no_part(interview):
    draft = Draft()
    reply = interview.respond(draft, "undo")
    assert [m.kind for m in reply.messages] == ["problem"]
    assert "nothing to undo" in reply.messages[0].text
    assert not draft.parts and not reply.changed


def test_undo_after_every_change_is_undone_says_none_is_left_not_yet(interview):
    draft = at_parts(interview, "Cabinet papers on cluster munitions")
    say(interview, draft, "edit part 1", "Cabinet papers on cluster bombs", "undo", "undo")
    assert not draft.parts
    reply = interview.respond(draft, "undo")
    assert [m.kind for m in reply.messages] == ["problem"]
    said = texts(reply)
    assert "yet" not in said and "nothing left to undo" in said.lower()
    assert "redo" in said, "what can be done now: put a change back"
    assert not draft.parts


def test_undo_past_the_changes_kept_says_older_ones_are_not_kept(interview, monkeypatch):
    from oiadraft.interview import history
    monkeypatch.setattr(history, "LIMIT", 2)
    draft = at_parts(interview, "Cabinet papers on cluster munitions", "Aide-memoires",
                     "Briefings")
    say(interview, draft, "undo", "undo")
    assert [p.text for p in draft.parts] == ["Cabinet papers on cluster munitions"]
    said = texts(interview.respond(draft, "undo"))
    assert "keep only the last 2 changes" in said and "yet" not in said
    assert len(draft.parts) == 1


def test_a_change_in_words_is_a_part_not_a_command(interview):
    draft = at_parts(interview)
    interview.respond(draft, "change in policy on cluster munitions briefings since 2021")
    assert draft.parts and draft.parts[0].text.startswith("change in policy")


@pytest.mark.parametrize(("where", "command"), [
    ("topic", "done"), ("topic", "split"), ("topic", "accept"), ("topic", "keep"),
    ("topic", "redo"), ("topic", "cancel"), ("parts", "accept 9"), ("parts", "edit part 4"),
    ("parts", "move part 1 to 7"), ("topic", "skip"),
])
def test_a_command_that_does_not_apply_says_so_once_and_changes_nothing(interview, where,
                                                                        command):
    draft = Draft()
    say(interview, draft, "mfat")
    if where == "parts":
        say(interview, draft, "cluster munitions", "2023", "", "Cabinet papers about the "
                              "Convention on Cluster Munitions")
    before = content(draft)
    state = load(draft)
    reply = interview.respond(draft, command)
    assert len(reply.messages) == 1 and reply.messages[0].kind == "problem"
    assert content(draft) == before and load(draft) == state
    assert not reply.changed


def test_done_while_a_parts_period_is_asked_finishes_the_parts(interview):
    draft = Draft()
    say(interview, draft, "mfat", "cluster munitions", "skip",
        "Briefings to the Minister about cluster munitions")
    assert interview.view(draft).pending == "part_period"
    reply = interview.respond(draft, "done")
    assert not any(m.kind == "problem" for m in reply.messages)
    assert "cannot read" not in texts(reply)
    assert reply.view.step_id == "preferences"
    assert draft.parts[0].period is None


def test_done_at_the_period_question_skips_it(interview):
    draft = Draft()
    reply = say(interview, draft, "mfat", "cluster munitions", "done")
    assert draft.period is None and reply.view.step_id == "parts"
    assert "cannot read" not in texts(reply)


def test_skip_at_the_parts_question_is_done_once_there_are_parts(interview):
    draft = at_parts(interview)
    reply = interview.respond(draft, "skip")
    assert [m.kind for m in reply.messages] == ["problem"] and not draft.parts
    interview.respond(draft, "Cabinet papers about the Convention")
    reply = interview.respond(draft, "skip")
    assert reply.view.step_id == "preferences"


def test_skip_after_a_part_asks_for_the_next_part_once(interview):
    draft = Draft()
    say(interview, draft, "mfat", "cluster munitions", "skip",
        "Briefings to the Minister about cluster munitions")
    reply = interview.respond(draft, "skip")
    assert texts(reply).count("Describe your next part") == 1


# ---- undo and redo over every change ---------------------------------------------------------

def _two_parts(interview):
    return at_parts(interview, BROAD, COPIES)


CHANGES = {
    # name: (answers that set the scene, answers that make the one change: the first of them
    # may only open a question, the change is all of them together)
    "edit": ((), ("edit part 1", "Cabinet papers about the Convention")),
    "delete": ((), ("delete part 1",)),
    "accept": (("edit part 1", "All documents about the Convention in 2023"),
               ("accept part 1",)),
    "keep": ((), ("keep part 1",)),
    "move": ((), ("move part 2 to 1",)),
    "split": ((), ("split part 2",)),
    "add": ((), ("Aide-memoires to the Minister about the Convention",)),
    "first clause toggle": (("done",), ("1", "")),
    "clause toggle": (("done", ""), ("change preferences", "1", "")),
    "agency": ((), ("change agency", "Ministry of Defence")),
    "period": ((), ("change period", "2023", "yes")),
    "priority": (("done", "", "", ""), ("change process", "all", "1")),
}


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_undo_and_redo_every_change(interview, change):
    draft = _two_parts(interview)
    scene, answers = CHANGES[change]
    say(interview, draft, *scene) if scene else None
    before = content(draft)
    say(interview, draft, *answers)
    after, step_after = content(draft), interview.view(draft).step_id
    assert after != before, f"{change} changed nothing"
    reply = interview.respond(draft, "undo")
    assert reply.messages[0].text.startswith("Undone:")
    expected = dict(before)
    if change == "first clause toggle":
        # the ticks the question offered were the conversation; only the toggle is undone
        assert "electronic-copies" not in after["clauses"]
        expected["clauses"] = ["electronic-copies", *after["clauses"]]
    assert content(draft) == expected, f"undo did not undo the {change}"
    assert reply.view.step_id == step_after, "undo does not move the conversation"
    reply = interview.respond(draft, "redo")
    assert content(draft) == after, f"redo did not redo the {change}"
    assert reply.messages[0].text.startswith("Redone:")
    assert reply.view.step_id == step_after, "redo does not move the conversation"


# Each step's first answer, and what to type next there (the next question's answer).
WALK = ["mfat", "cluster munitions", "since October 2020", "",
        "Cabinet papers on cluster munitions in 2023", "done", "", "", "", "yes",
        "a select committee hearing on 1 October", "Aroha Smith"]


FIRST_PART = WALK.index("Cabinet papers on cluster munitions in 2023") + 1
STOPS = [("undo", at) for at in range(1, FIRST_PART)] + [
    ("redo", at) for at in range(1, len(WALK))]
"""Once the part is added, `undo` takes it back (test_undo_keeps_later_answers)."""


@pytest.mark.parametrize(("command", "at"), STOPS)
def test_undo_after_each_first_answer_leaves_the_next_answer_where_it_belongs(
        interview, command, at):
    slow = Draft()
    say(interview, slow, *WALK)
    draft = Draft()
    say(interview, draft, *WALK[:at])
    step, before = interview.view(draft).step_id, content(draft)
    reply = interview.respond(draft, command)
    assert f"nothing to {command}" in texts(reply), "going on to the next question is no change"
    assert content(draft) == before and reply.view.step_id == step
    say(interview, draft, *WALK[at:])
    assert comparable(draft) == comparable(slow)


def test_done_then_undo_takes_back_the_last_part_not_done(interview):
    draft = _two_parts(interview)
    say(interview, draft, "done")
    reply = interview.respond(draft, "undo")
    assert "adding part 2" in texts(reply) or "Undone" in texts(reply)
    assert [p.text for p in draft.parts] == [BROAD]
    assert reply.view.step_id == "preferences", "the question being asked stays"


def test_undo_keeps_later_answers(interview):
    draft = _two_parts(interview)
    say(interview, draft, "done", "", "", "", "no", "Aroha Smith")
    assert interview.view(draft).step_id == "review"
    reply = interview.respond(draft, "undo")
    assert "Undone" in texts(reply)
    assert len(draft.parts) == 1, "the last change (adding part 2) is undone"
    assert draft.requester.name == "Aroha Smith" and draft.clauses, \
        "answers given after the change stay"
    assert reply.view.step_id == "review"


def test_undoing_the_only_part_after_done_asks_for_a_part_again(interview):
    draft = Draft()
    say(interview, draft, "mfat", "cluster munitions", "2023", "",
        "Cabinet papers on cluster munitions", "done")
    reply = interview.respond(draft, "undo")
    assert not draft.parts and reply.view.step_id == "parts"
    say(interview, draft, "Aide-memoires on cluster munitions")
    assert [p.text for p in draft.parts] == ["Aide-memoires on cluster munitions"]


def test_first_answers_are_the_conversation_not_changes_to_undo(interview):
    draft = Draft()
    reply = say(interview, draft, "mfat", "cluster munitions", "since October 2020", "", "undo")
    assert "nothing to undo" in texts(reply) and draft.period is not None
    assert reply.view.step_id == "parts"
    say(interview, draft, "Cabinet papers on cluster munitions")
    assert [p.text for p in draft.parts] == ["Cabinet papers on cluster munitions"]


def test_changing_an_answer_is_undone_and_redone(interview):
    draft = Draft()
    say(interview, draft, "mfat", "cluster munitions", "change topic", "cluster bombs")
    assert draft.topic == "cluster bombs"
    reply = interview.respond(draft, "undo")
    assert draft.topic == "cluster munitions"
    assert "the topic" in texts(reply)
    assert reply.view.step_id == "period", "the question being asked stays the same"
    say(interview, draft, "redo")
    assert draft.topic == "cluster bombs"
    reply = interview.respond(draft, "redo")
    assert "nothing to redo" in texts(reply)


def test_a_new_change_after_undo_clears_redo(interview):
    draft = _two_parts(interview)
    say(interview, draft, "delete part 2", "undo")
    assert "redo" in interview.view(draft).actions
    say(interview, draft, "delete part 1")
    assert "redo" not in interview.view(draft).actions


def test_changes_made_on_another_screen_are_undone_separately(interview):
    draft = _two_parts(interview)
    draft.parts.reverse()  # as the review screen would
    moved = content(draft)
    say(interview, draft, "delete part 1")
    say(interview, draft, "undo")
    assert content(draft) == moved, "undoing the deletion kept the other screen's work"
    reply = interview.respond(draft, "undo")
    assert "outside the chat" in texts(reply)
    assert draft.parts[0].text == BROAD


# ---- editing -------------------------------------------------------------------------------

def test_edit_puts_the_old_words_in_the_box_and_cancel_leaves_them(interview):
    draft = _two_parts(interview)
    reply = interview.respond(draft, "edit part 2")
    assert reply.view.kind == "edit" and reply.view.prefill == COPIES
    assert reply.view.current_number == 2
    assert "cancel" in reply.view.actions
    assert not {"accept", "keep", "split"} & set(reply.view.actions), \
        "F2/F3/F4 are not offered while the box holds the part's words"
    reply = interview.act(draft, "cancel")
    assert draft.parts[1].text == COPIES and reply.view.pending is None
    assert reply.view.prefill is None
    assert "left as it was" in texts(reply)


def test_accept_typed_while_editing_is_a_command(interview):
    draft = _two_parts(interview)
    interview.respond(draft, "edit part 1")
    reply = interview.respond(draft, "accept 2")
    assert draft.parts[0].text == BROAD
    assert reply.view.pending == "fill", "suggestion 2 has a blank to fill"
    reply = interview.respond(draft, "accept 5")
    assert "accept 5" not in [p.text for p in draft.parts]
    assert [m.kind for m in reply.messages] == ["problem"]


def test_an_edit_keeps_the_part_id_period_and_resets_kept_warnings(interview):
    draft = _two_parts(interview)
    say(interview, draft, "keep part 1")
    part = draft.parts[0]
    part.period = Period(date(2021, 1, 1), date(2021, 12, 31))
    say(interview, draft, "edit part 1", "Emails from the Minister about the Convention")
    assert draft.parts[0] is part and part.acknowledged == []
    assert part.period == Period(date(2021, 1, 1), date(2021, 12, 31))


def test_preview_assesses_only_the_words_typed(interview):
    draft = _two_parts(interview)
    assert interview.preview(draft, "undo") is None
    preview = interview.preview(draft, "Cabinet papers about the Convention in 2023")
    assert preview is not None and preview.text == "Cabinet papers about the Convention in 2023"
    interview.respond(draft, "edit part 1")
    preview = interview.preview(draft, "Aide-memoires to the Minister in 2022")
    assert preview.text == "Aide-memoires to the Minister in 2022"
    say(interview, draft, "cancel", "done")
    assert interview.preview(draft, "anything at all") is None, "not a part's words"


def test_a_pasted_request_of_several_parts_is_not_previewed_as_one_part(interview):
    """Enter splits it and checks each part; checking the whole paste as one part showed a
    warning about none of them and put "1. 1. ..." in the live letter."""
    draft = _two_parts(interview)
    pasted = ("1. Cabinet papers about the Convention in 2023\n"
              "2. Briefings to the Minister about the Convention in 2024")
    assert interview.preview(draft, pasted) is None
    one = "Cabinet papers about the Convention\nin 2023"  # one part over two lines
    assert interview.preview(draft, one) is not None
    # a letter that tells its story first is previewed as the part Enter adds
    ask = "Please send me the Cabinet papers about the Convention from 2023."
    letter = f"Kia ora,\n\nI asked at a public meeting for an explanation.\n\n{ask}\n\nNgā mihi"
    assert interview.preview(draft, letter).text == ask
    say(interview, draft, pasted)
    assert [p.text for p in draft.parts[-2:]] == [
        "Cabinet papers about the Convention in 2023",
        "Briefings to the Minister about the Convention in 2024"]


# ---- every answer settles the draft ----------------------------------------------------------

SESSION = ["mfat", "cluster munitions", "since October 2020", "", BROAD, "accept 2",
           "the Disarmament team", "keep", COPIES, "split", "move part 3 to 1", "done", "2 3",
           "", "", "1 3", "", "2 3", "no", "Aroha Smith"]


def test_answers_back_to_back_give_the_draft_a_paused_session_gives(interview):
    quick = Draft(id="same")
    for answer in SESSION:
        interview.respond(quick, answer)
    slow = Draft(id="same")
    for answer in SESSION:
        # a fresh interview each time, the draft through its saved form: nothing is left
        # half done in memory between answers
        slow = draft_from_dict(draft_to_dict(slow))
        fresh = Interview(today=TODAY)
        fresh.view(slow)
        fresh.respond(slow, answer)
    def without_ids(draft):
        data = content(draft)
        data["parts"] = [{k: v for k, v in p.items() if k != "id"} for p in data["parts"]]
        data["priority"] = [[p.id for p in draft.parts].index(i) for i in draft.priority]
        return data

    assert without_ids(quick) == without_ids(slow)
    assert quick.parts[0].text == "Copies of the communications listed in response to part 3."
    assert quick.priority == [quick.parts[1].id, quick.parts[2].id]
    from oiadraft.letter.render import render_text

    letter = render_text(quick, library=interview.library, today=TODAY)
    assert "Please treat parts 2 and 3 as the priority." in letter
    assert interview.view(quick).kind == "review"


def test_snapshots_compare_by_value(interview):
    draft = _two_parts(interview)
    assert take(draft, load(draft)) == take(draft.copy(), load(draft))


def test_no_at_the_period_question_means_no_overall_period(interview):
    draft = Draft()
    reply = say(interview, draft, "mfat", "cluster munitions", "no")
    assert draft.period is None and reply.view.step_id == "parts"
    assert "cannot read" not in texts(reply)


@pytest.mark.parametrize("word", ["yes", "no", "ok"])
def test_a_yes_or_no_is_never_a_part(interview, word):
    draft = at_parts(interview, "Briefings to the Minister about the Convention")
    reply = interview.respond(draft, word)
    assert len(draft.parts) == 1 and [m.kind for m in reply.messages] == ["problem"]


def test_done_while_a_blank_is_asked_says_what_is_asked(interview):
    draft = at_parts(interview, BROAD)
    interview.respond(draft, "accept 2")
    reply = interview.respond(draft, "done")
    assert [m.kind for m in reply.messages] == ["problem"]
    assert "in place of **<unit or role>** in part 1" in reply.messages[0].text
    assert reply.view.pending == "fill"


def test_going_back_shows_the_answer_and_enter_keeps_it(interview):
    draft = Draft()
    reply = say(interview, draft, "mfat", "cluster munitions advice", "2023", "", "back")
    assert reply.view.step_id == "period"
    assert "Now: **the period from 1 January 2023 to 31 December 2023**. Press Enter to keep" \
        in reply.view.question
    reply = interview.respond(draft, "")
    assert reply.view.step_id == "parts"
    assert draft.period == Period(date(2023, 1, 1), date(2023, 12, 31))
    reply = say(interview, draft, "change topic")
    assert "Now: **cluster munitions advice**" in reply.view.question
    say(interview, draft, "")
    assert draft.topic == "cluster munitions advice" and interview.view(draft).step_id == "parts"


@pytest.mark.parametrize("command", ["cancel", "back", "skip"])
def test_leaving_the_which_parts_first_question_takes_the_priority_clause_out(
        interview, command):
    draft = _two_parts(interview)
    say(interview, draft, "done", "", "", "1")
    reply = interview.respond(draft, "")
    assert reply.view.pending == "priority"
    reply = interview.act(draft, command)
    assert "priority-order" not in draft.clauses and draft.priority == []
    assert reply.view.pending is None and reply.view.step_id == "urgent"
    assert "[which parts first]" not in render_text(draft)


def test_a_warning_about_the_request_s_period_says_how_to_change_that_period(interview):
    """The period set for the whole request is not in the part's words: the warning to shorten
    it offers `change period` (F2 has nothing to reword); a period in the part's words is
    reworded in the part, and the hint is not given."""
    draft = Draft()
    reply = say(interview, draft, "mfat", "cluster munitions", "since 1950", "",
                "The dates on which New Zealand notified the governments of Russia of its "
                "obligations under the Convention")
    said = texts(reply)
    assert "the period set for the whole request" in said
    assert "`change period`" in said
    own = say(interview, draft, "The dates since 1950 on which New Zealand notified the "
                                "government of Belarus of its obligations under the Convention")
    assert "`change period`" not in texts(own)


def test_a_tick_list_after_a_toggle_shows_the_ticks_as_they_are_now(interview):
    """The question said "I've ticked the usual choices" again after the requester changed
    them; it now says these are their ticks and how to go on."""
    draft = at_parts(interview, "Cabinet papers on cluster munitions")
    first = texts(say(interview, draft, "done"))
    assert "ticked the usual choices" in first
    again = texts(interview.respond(draft, "3"))
    assert "ticked the usual choices" not in again
    assert "3. ☑" in again and "Enter" in again


def test_the_ready_letter_s_example_command_names_a_part_it_has(interview):
    draft = at_parts(interview, "Cabinet papers on cluster munitions")
    ready = texts(say(interview, draft, "done", "", "", "", "no", ""))
    assert "Your request is ready" in ready
    assert "`edit part 1`" in ready and "edit part 2" not in ready
    assert interview.view(draft).placeholder.startswith("edit part 1,")  # the box's example
    say(interview, draft, "add part", "Aide-memoires on cluster munitions", "done")
    assert interview.view(draft).step_id == "review"
    assert "`edit part 2`" in interview.view(draft).question
    assert interview.view(draft).placeholder.startswith("edit part 2,")


def test_a_one_part_request_is_told_so_when_another_part_is_named(interview):
    draft = at_parts(interview, "Cabinet papers on cluster munitions")
    said = texts(interview.respond(draft, "edit part 2"))
    assert "one part" in said and "1 to 1" not in said
    said = texts(interview.respond(draft, "move part 1 to 3"))
    assert "only one part" in said and "move part 3" not in said
    say(interview, draft, "Aide-memoires on cluster munitions")
    said = texts(interview.respond(draft, "move part 1 to 3"))
    assert "1 to 2" in said and "`move part 2 to 1`" in said
    assert [p.text for p in draft.parts] == ["Cabinet papers on cluster munitions",
                                            "Aide-memoires on cluster munitions"]


@pytest.mark.parametrize("words", ["2023", "since October 2020", "the last two years",
                                   "1 January 2023 to 30 June 2023"])
def test_a_period_typed_where_a_part_is_asked_is_not_a_part_rated_specific(interview, words):
    """A quick typist gives the period again at the parts question: as a part it names no
    records, no one and no subject, and was rated "specific enough for an agency to find".
    No part is added; the words go back in the box, with how to use them as a period."""
    draft = at_parts(interview, "Cabinet papers on cluster munitions")
    reply = interview.respond(draft, words)
    assert [p.text for p in draft.parts] == ["Cabinet papers on cluster munitions"]
    assert reply.messages[0].kind == "problem"
    said = texts(reply)
    assert "specific enough" not in said and "`change period`" in said
    assert reply.view.prefill == words
    # words that name records with a period are a part, as before
    say(interview, draft, f"Aide-memoires on cluster munitions, {words}")
    assert len(draft.parts) == 2


def test_a_part_naming_nothing_the_checker_can_read_is_not_called_specific(interview):
    """"whatever you have" typed where a part is asked is kept as typed, but the checker found
    no records, no one and no subject in it: it is not "specific enough for an agency to
    find"."""
    draft = at_parts(interview)
    said = texts(interview.respond(draft, "whatever you have"))
    assert draft.parts and "specific enough" not in said
    assert "no kind of record" in said and "`edit part 1`" in said
    said = texts(interview.respond(draft, "Cabinet papers on cluster munitions"))
    assert "specific enough" in said or "risk" in said.lower()


@pytest.mark.parametrize("word", ["no", "No.", "n", "nope"])
def test_no_at_a_tick_list_keeps_the_ticks_and_says_how_to_untick_them_all(interview, word):
    """"no" at a tick list unticked everything, defaults too: the requester most likely meant
    "no changes". The ticks stay as they are, nothing is committed, and the chat says how to
    untick them all."""
    draft = at_parts(interview, "Cabinet papers about cluster munitions")
    reply = say(interview, draft, "done")
    assert reply.view.kind == "multi"
    step, offered = reply.view.step_id, reply.view.selected
    assert offered
    clauses = list(draft.clauses)
    reply = say(interview, draft, word)
    assert reply.view.step_id == step and reply.view.selected == offered
    assert draft.clauses == clauses and reply.messages[0].kind == "problem"
    assert "`none`" in texts(reply)
    say(interview, draft, "")  # Enter keeps the ticks
    assert all(value in draft.clauses for value in offered)


def test_no_after_toggling_keeps_the_toggles_and_the_letter_says_only_what_was_chosen(
        interview):
    draft = at_parts(interview, "Cabinet papers about cluster munitions")
    say(interview, draft, "done", "", "")
    view = interview.view(draft)
    assert view.step_id == "process"
    first = view.choices[0].value
    reply = say(interview, draft, "1")
    toggled = reply.view.selected
    assert first in toggled
    reply = say(interview, draft, "no")
    assert reply.view.pending == "multi" and reply.view.selected == toggled
    say(interview, draft, "none")
    assert not any(choice.value in draft.clauses for choice in view.choices)
    assert "grounds-in-support" in draft.clauses, "the withholding ticks kept as chosen"
    letter = render_text(draft, library=interview.library, today=TODAY)
    assert "as the priority" not in letter and "considering refusing" not in letter
    say(interview, draft, "change process", "2", "")  # ticked, the same clause is there
    letter = render_text(draft, library=interview.library, today=TODAY)
    assert "considering refusing" in letter


@pytest.mark.parametrize("remark", ["ok thanks", "I don't know", "thanks!", "hmm", "Ok, thanks.",
                                    "I don’t know", "..."])
def test_a_passing_remark_at_the_parts_question_is_not_made_a_part(interview, remark):
    draft = at_parts(interview)
    reply = interview.respond(draft, remark)
    assert draft.parts == [] and reply.messages[0].kind == "problem"
    said = " ".join(texts(reply).split())
    assert "haven't made it a part" in said and reply.view.step_id == "parts"
    say(interview, draft, "Cabinet papers on cluster munitions")
    reply = interview.respond(draft, remark)
    assert [p.text for p in draft.parts] == ["Cabinet papers on cluster munitions"]
    assert "`done`" in texts(reply)
    letter = render_text(draft, library=interview.library, today=TODAY)
    assert remark not in letter


def test_a_remark_typed_over_a_part_being_edited_leaves_the_part_as_it_was(interview):
    draft = at_parts(interview, "Cabinet papers on cluster munitions")
    say(interview, draft, "edit part 1")
    reply = interview.respond(draft, "hmm")
    assert [p.text for p in draft.parts] == ["Cabinet papers on cluster munitions"]
    assert reply.messages[0].kind == "problem"
    assert "left as it was" in " ".join(texts(reply).split())
    say(interview, draft, "Cabinet papers on cluster munitions since 2020")  # still editing
    assert [p.text for p in draft.parts] == ["Cabinet papers on cluster munitions since 2020"]


def test_a_part_that_says_more_than_a_remark_is_a_part(interview):
    draft = at_parts(interview, "Thank-you letters the Minister sent about cluster munitions")
    assert len(draft.parts) == 1


def test_a_part_covering_that_period_takes_the_earlier_parts_period_as_check_does(interview):
    draft = Draft()
    say(interview, draft, "Auckland Council", "dog control", "skip",
        "The number of dog attacks reported each year (2019-2024)")
    reply = interview.respond(
        draft, "Any correspondence with Auckland Transport about dog control in that period")
    second = draft.parts[1]
    assert second.period_from == draft.parts[0].id
    assert interview.period_of(draft, second) == Period(date(2019, 1, 1), date(2024, 12, 31))
    said = " ".join(texts(reply).split())
    assert "the period of part 1" in said and "1 January 2019" in said
    assert reply.view.pending != "part_period", "no period question: it has one"
    letter = render_text(draft, library=interview.library, today=TODAY)
    assert "in that period (" in letter and "2019" in letter.split("in that period (")[1][:60]
    say(interview, draft, "undo")
    assert len(draft.parts) == 1


def test_pasted_parts_covering_that_period_take_it_too(interview):
    draft = Draft()
    say(interview, draft, "Auckland Council", "dog control", "skip")
    interview.respond(draft, "1. Dog attacks reported each year (2019-2024).\n"
                             "2. Any correspondence with Auckland Transport in that period.\n"
                             "3. The council's dog control policy.\n")
    assert [interview.period_of(draft, p) for p in draft.parts] == [
        None, Period(date(2019, 1, 1), date(2024, 12, 31)), None]
    assert draft.parts[1].period_from == draft.parts[0].id


def test_that_period_is_left_to_the_request_period_when_there_is_one(interview):
    draft = at_parts(interview, "Cabinet papers on cluster munitions in 2023",
                     "Any emails about them in that period")
    assert draft.parts[1].period is None  # the request's period covers it, as check reads it


def _dog_control_with_that_period(interview: Interview) -> Draft:
    draft = Draft()
    say(interview, draft, "Auckland Council", "dog control", "skip",
        "The number of dog attacks reported each year (2019-2024)",
        "Any correspondence with Auckland Transport about dog control in that period")
    return draft


def test_a_part_covering_that_period_follows_the_earlier_part_when_its_dates_change(interview):
    draft = _dog_control_with_that_period(interview)
    say(interview, draft, "edit part 1")
    reply = interview.respond(draft, "The number of dog attacks reported each year (2020-2023)")
    said = " ".join(texts(reply).split())
    assert "Part 2 covers the period of part 1, so it now covers" in said
    assert "1 January 2020 to 31 December 2023" in said
    letter = render_text(draft, library=interview.library, today=TODAY)
    assert "in that period (from 1 January 2020 to 31 December 2023)" in letter
    assert "2019" not in letter and "2024" not in letter
    assert interview.assess(draft, draft.parts[1]).period == Period(date(2020, 1, 1),
                                                                     date(2023, 12, 31))
    say(interview, draft, "undo")
    letter = render_text(draft, library=interview.library, today=TODAY)
    assert "in that period (from 1 January 2019 to 31 December 2024)" in letter


def test_a_rating_moved_by_the_period_a_part_follows_is_said(interview):
    draft = Draft()
    say(interview, draft, "MFAT", "cluster munitions", "skip",
        "The number of landmine clearances funded each year (2015-2024)",
        "Any reports to the Minister about landmine clearance in that period")
    assert interview.assess(draft, draft.parts[1]).risk == "high"
    say(interview, draft, "edit part 1")
    reply = interview.respond(draft, "The number of landmine clearances funded in March 2024")
    assert interview.assess(draft, draft.parts[1]).risk == "low"
    assert "That changes the rating of part 2 to low risk" in " ".join(texts(reply).split())


def test_a_part_reworded_without_that_period_no_longer_takes_the_earlier_dates(interview):
    draft = _dog_control_with_that_period(interview)
    say(interview, draft, "edit part 2")
    reply = interview.respond(draft, "Any correspondence with Auckland Transport about dogs")
    said = " ".join(texts(reply).split())
    assert "Part 2 no longer says it covers the period of part 1" in said
    assert "no time frame now" in said
    assert draft.parts[1].period is None and draft.parts[1].period_from is None
    letter = render_text(draft, library=interview.library, today=TODAY)
    assert "2. Any correspondence with Auckland Transport about dogs\n" in letter


def test_a_part_whose_period_part_is_deleted_is_told_so(interview):
    draft = _dog_control_with_that_period(interview)
    reply = interview.respond(draft, "delete part 1")
    assert "covered the period of the part just deleted" in " ".join(texts(reply).split())
    letter = render_text(draft, library=interview.library, today=TODAY)
    assert "2019" not in letter
    say(interview, draft, "undo")
    assert draft.parts[1].period_from == draft.parts[0].id


def test_the_part_a_period_is_taken_from_is_saved_by_id(interview):
    draft = _dog_control_with_that_period(interview)
    again = draft_from_dict(draft_to_dict(draft))
    assert again.parts[1].period_from == again.parts[0].id
    assert again.parts[1].period is None
    assert render_text(again, library=interview.library, today=TODAY) == \
        render_text(draft, library=interview.library, today=TODAY)


@pytest.mark.parametrize("words", ["ok thanks", "hmm", "yes", "Kia ora,\n\n1. hmm\n"])
def test_words_enter_refuses_as_a_part_are_not_previewed_as_one(interview, words):
    draft = _two_parts(interview)
    assert interview.preview(draft, words) is None
    interview.respond(draft, "edit part 1")
    if words in {"ok thanks", "hmm"}:  # over a part being edited, only a remark is refused
        assert interview.preview(draft, words) is None


def test_a_part_in_that_period_takes_the_earlier_part_when_the_request_period_goes(interview):
    draft = at_parts(interview, "Cabinet papers on cluster munitions in 2023",
                     "Any emails about them in that period")
    reply = say(interview, draft, "change period", "skip")
    said = " ".join(texts(reply).split())
    assert "Part 2 says it covers the period of part 1" in said
    assert "no time frame" not in said
    letter = render_text(draft, library=interview.library, today=TODAY)
    assert "in that period (from 1 January 2023 to 31 December 2023)" in letter


def test_a_part_reworded_outside_the_chat_follows_that_period_as_the_chat_reads_it():
    from oiadraft.interview.period_link import relink_reworded
    from oiadraft.model import Part

    first = Part(text="Dog attacks reported each year (2019-2024)")
    second = Part(text="All emails about dog control")
    draft = Draft(parts=[first, second])
    taken = relink_reworded(draft, 1, "All emails about dog control in that period", TODAY)
    assert taken.period_from == first.id and taken.taken[0] == 1
    assert taken.taken[1] == Period(date(2019, 1, 1), date(2024, 12, 31))
    second.period_from = first.id
    assert relink_reworded(draft, 1, "All emails about dogs", TODAY).dropped == 1
    assert relink_reworded(draft, 1, "Emails about dogs in that period", TODAY) \
        .period_from == first.id
    # a request with a period of its own: every part without one covers that
    second.period_from = None
    draft.period = Period(date(2023, 1, 1), date(2023, 12, 31))
    assert relink_reworded(draft, 1, "All emails in that period", TODAY).period_from is None
