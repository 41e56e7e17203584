"""The chat: transcript on the left, the live letter on the right, warnings under the input.

The screen is a thin shell over `oiadraft.interview.Interview`: it sends what the user typed,
shows the reply, re-renders the letter, and autosaves the draft (debounced, atomic).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header, TextArea

from oiadraft.errors import OiaDraftError
from oiadraft.model import Draft, Part
from oiadraft.tui import messages
from oiadraft.tui.guard import guarded
from oiadraft.tui.typed_app import UsesOiaDraftApp
from oiadraft.tui.widgets.chat_input import ChatInput
from oiadraft.tui.widgets.findings import FindingsPanel
from oiadraft.tui.widgets.letter import NARROW, LetterPane
from oiadraft.tui.widgets.resume_offer import ResumeOffer
from oiadraft.tui.widgets.transcript import Transcript

if TYPE_CHECKING:
    from oiadraft.interview import Interview

AUTOSAVE_DELAY = 0.3
"""A change (an answer, or text typed in the box) is on disk within this many seconds."""
SAVE_RETRY_DELAY = 5.0
"""After a failed save, seconds until the next try (the user is told once, not each time)."""


class ChatScreen(UsesOiaDraftApp, Screen[None]):
    """Talk to the assistant; watch the letter take shape."""

    BINDINGS = [
        Binding("f2", "accept", "Accept", tooltip="Use the first suggested rewording",
                id="accept"),
        Binding("f3", "keep", "Keep", tooltip="Keep the part as it is", id="keep"),
        Binding("f4", "split", "Split", tooltip="Dates first, copies second", id="split"),
        Binding("f5", "copy_letter", "Copy", tooltip="Copy the letter", id="copy"),
        # Save and Clauses stay off the footer so it fits 80 columns; they are in the palette
        # (Ctrl+P) and the help screen (F1).
        Binding("ctrl+s", "save_letter", "Save", show=False, id="save"),
        Binding("ctrl+r", "review", "Review", id="review"),
        Binding("ctrl+l", "library", "Clauses", show=False, id="library"),
        Binding("ctrl+g", "toggle_letter", "Letter", id="toggle-letter"),
        Binding("ctrl+t", "deadline", "Deadline", show=False, id="deadline"),
        Binding("ctrl+n", "new_draft", "New draft", show=False, id="new"),
        Binding("ctrl+o", "open_draft", "Open draft", show=False, id="open"),
        Binding("f8", "resume", "Resume", id="resume"),  # F6 and F7 select text in the box
    ]

    def __init__(self, draft: Draft, *, resumed: bool = False) -> None:
        super().__init__()
        self.draft = draft
        """The request being written. Replaced (never mutated) by each interview reply."""
        self.resumed = resumed
        self._save_timer: Timer | None = None
        self._dirty = False
        self._save_failing = False
        """The last save failed; the user has been told (once) and a retry is due."""
        self._busy = False
        self._focus_part: str | None = None
        self._saved_ids: set[str] = set()
        """Drafts written this session: once saved, a draft is kept saved even if emptied."""
        self._typed: str | None = None
        """The input text the letter and findings were last refreshed for."""

    # ---- layout -----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            with Vertical(id="chat"):
                yield Transcript(id="transcript")
                yield ResumeOffer(id="resume-offer")
                yield ChatInput(id="message")
                yield FindingsPanel(id="findings")
            yield LetterPane(id="letter")
        yield Footer(compact=True, show_command_palette=False)

    @property
    def interview(self) -> Interview:
        return self.app.interview

    def on_mount(self) -> None:
        # Paint the screen first, then load the script and greet: the window appears at once.
        chat_input = self.query_one(ChatInput)
        chat_input.live_handler = self._typing_changed
        chat_input.focus()
        self.call_after_refresh(self._start_conversation)

    def on_resize(self) -> None:
        self.set_class(self.size.width < NARROW, "-narrow")

    def _start_conversation(self) -> None:
        self._restore_box()
        transcript = self.query_one(Transcript)
        if self.resumed and (self.draft.parts or self.draft.agency):
            count = len(self.draft.parts)
            transcript.add_assistant(
                f"**Welcome back.** This is your request to "
                f"{_md(self.draft.agency or 'an agency not chosen yet')}"
                + (f" about {_md(self.draft.topic)}" if self.draft.topic else "")
                + f", with {count} part{'s' if count != 1 else ''} so far. "
                "Carry on where you left off."
            )
        else:
            transcript.add_assistant(self.interview.greeting())
        self._ask()
        self._refresh_letter()
        self._refresh_findings()

    def _restore_box(self) -> None:
        """Put back what was typed but not sent when this draft was last open; keys typed
        before the greeting appeared win (they are newer)."""
        chat_input = self.query_one(ChatInput)
        if chat_input.text:
            self.draft.pending_input = chat_input.text
        elif self.draft.pending_input:
            chat_input.load_text(self.draft.pending_input)
            chat_input.move_cursor(chat_input.document.end)
        self._typed = self.draft.pending_input

    def load_draft(self, draft: Draft, *, resumed: bool) -> None:
        """Switch to another draft (resume, open, new); the current one is saved first."""
        self.save_now()
        self.draft = draft
        self.resumed = resumed
        self._focus_part = None
        transcript = self.query_one(Transcript)
        transcript.remove_children()
        self.query_one(ChatInput).load_text(draft.pending_input)
        self._start_conversation()

    # ---- the conversation ---------------------------------------------------------------

    def _ask(self) -> None:
        question = self.interview.question(self.draft)
        self.query_one(Transcript).add_assistant(question.message)
        chat_input = self.query_one(ChatInput)
        chat_input.placeholder = Content(question.placeholder or _default_placeholder(question))
        self.refresh_bindings()

    @on(ChatInput.Submitted)
    @guarded
    def on_submitted(self, event: ChatInput.Submitted) -> None:
        text = event.text
        if self._busy:
            self.notify("Still working on your last message…", timeout=3)
            return
        event.chat_input.clear()
        self.draft.pending_input = ""
        if text.strip():
            self._withdraw_resume_offer()  # a new request has begun
        self.send(text)

    @on(ChatInput.LargePasted)
    @guarded
    def on_large_paste(self, event: ChatInput.LargePasted) -> None:
        if self._busy:
            self.notify("Still working on your last message…", timeout=3)
            return
        self.notify(f"Checking {len(event.text):,} characters — the screen stays usable.",
                    title="Long paste", timeout=5)
        self.send(event.text)

    def send(self, text: str, shown: str | None = None) -> None:
        """Show the user's turn and hand the text to the interview."""
        if not text.strip():
            # Enter on an empty box means "keep the defaults" for choices and confirmations,
            # and "skip" for optional questions; elsewhere it does nothing.
            question = self.interview.question(self.draft)
            if question.kind in {"parts", "text"} and not question.optional:
                return
        self.query_one(Transcript).add_user(shown if shown is not None else text or "⏎")
        if len(text) > 20_000:
            self._busy = True
            self.query_one(ChatInput).disabled = True
            self._respond_in_thread(self.draft, text)
        else:
            self.apply_reply(self.interview.respond(self.draft, text))

    @work(thread=True, exclusive=True, group="respond")
    def _respond_in_thread(self, draft: Draft, text: str) -> None:
        try:
            reply = self.interview.respond(draft, text)
        except Exception as error:
            self.app.call_from_thread(self._respond_failed, error)
            return
        self.app.call_from_thread(self.apply_reply, reply)

    def _respond_failed(self, error: Exception) -> None:
        self._busy = False
        self.query_one(ChatInput).disabled = False
        self.app.report_error(error)

    @guarded
    def apply_reply(self, reply: Any) -> None:
        """Show an interview reply: messages, any action, then the next question."""
        self._busy = False
        chat_input = self.query_one(ChatInput)
        chat_input.disabled = False
        chat_input.focus()
        reply.draft.pending_input = chat_input.text  # anything typed while it worked
        changed = reply.draft != self.draft
        if reply.draft.requester.name != self.draft.requester.name:
            self.app.remember_name(reply.draft.requester.name)
        self.draft = reply.draft
        transcript = self.query_one(Transcript)
        for message in reply.messages:
            transcript.add_assistant(message)
        if reply.focus_part:
            self._focus_part = reply.focus_part
        if reply.action:
            self._run_action(reply.action)
        if (reply.status != "problem" and not reply.prompted
                and reply.action not in {"help", "show_letter", "copy", "review"}):
            self._ask()
        if changed:
            self.schedule_save()
        self._refresh_letter()
        self._refresh_findings()
        self.refresh_bindings()

    def _run_action(self, action: str) -> None:
        if action == "show_letter":
            self.action_show_letter()
        elif action == "copy":
            self.action_copy_letter()
        elif action == "review":
            self.action_review()

    # ---- live analysis while typing -----------------------------------------------------

    @on(TextArea.Changed, "#message")
    def on_typing(self, event: TextArea.Changed) -> None:
        self._typing_changed(event.text_area.text)

    @guarded
    def _typing_changed(self, text: str) -> None:
        if text == self._typed:
            return  # already done when the key was typed
        self._typed = text
        if text != self.draft.pending_input:
            # The box is part of the draft: a crash or a kill loses nothing typed.
            self.draft.pending_input = text
            self.schedule_save()
        self._refresh_findings(typing=text)
        self._refresh_letter(typing=text)

    def _typing_target(self, typing: str | None) -> tuple[str, Part | None] | None:
        """While typing in the parts loop: ("new", None) or ("edit", part)."""
        if typing is None or not typing.strip() or len(typing) > 20_000:
            return None
        pending = self.draft.answers.get("_pending") or {}
        if pending.get("kind") == "edit_part":
            part = next((p for p in self.draft.parts if p.id == pending.get("part")), None)
            return ("edit", part) if part is not None else None
        if pending:
            return None
        if self.interview.current_step(self.draft).kind != "parts":
            return None
        if self.interview.is_command(typing):
            return None
        return ("new", None)

    def _refresh_findings(self, typing: str | None = None) -> None:
        panel = self.query_one(FindingsPanel)
        target = self._typing_target(typing)
        if target is not None:
            part = Part(text=typing.strip())
            if target[1] is not None:
                part = Part(text=typing.strip(), period=target[1].period,
                            acknowledged=list(target[1].acknowledged))
            assessment = self.interview.assess(self.draft, part)
            panel.show_assessment(assessment, "checking as you type")
            return
        part = next((p for p in self.draft.parts if p.id == self._focus_part), None)
        if part is None or self.interview.current_step(self.draft).kind not in {"parts",
                                                                                "review"}:
            panel.show_assessment(None)
            return
        number = self.draft.parts.index(part) + 1
        panel.show_assessment(self.interview.assess(self.draft, part), f"part {number}")

    def letter_text(self) -> str:
        """The plain-text letter for the current draft."""
        return self.app.letter_text(self.draft)

    def _refresh_letter(self, typing: str | None = None) -> None:
        draft = self.draft
        target = self._typing_target(typing)
        if target is None and not (draft.agency or draft.topic or draft.parts):
            # Nothing to show yet: skip loading the renderer and clause library, which keeps
            # the first frame fast.
            self.query_one(LetterPane).show("")
            return
        if target is not None:
            draft = self.draft.copy()
            if target[0] == "edit":
                index = self.draft.parts.index(target[1])
                draft.parts[index] = Part(text=typing.strip(), period=target[1].period,
                                          id=target[1].id)
            else:
                draft.parts.append(Part(text=typing.strip()))
        self.query_one(LetterPane).show(self.app.letter_text(draft))

    # ---- saving -------------------------------------------------------------------------

    def _worth_saving(self) -> bool:
        d = self.draft
        return bool(d.agency or d.topic or d.parts or d.pending_input.strip()
                    or d.id in self._saved_ids)

    def schedule_save(self, delay: float = AUTOSAVE_DELAY) -> None:
        """Write the draft within `delay` seconds. A write already due takes this change too,
        so steady typing is saved every `delay` seconds rather than never."""
        self._dirty = True
        if self._save_timer is None:
            self._save_timer = self.set_timer(delay, self._timed_save)

    def _timed_save(self) -> None:
        self._save_timer = None
        self.save_now()

    def save_now(self) -> bool:
        """Write the draft if it changed (atomic; cheap when nothing changed). False when the
        disk refused: the draft stays in memory, the user is told once, and a retry is due."""
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        if not self._dirty or not self._worth_saving():
            return True
        try:
            self.app.store.save(self.draft)
        except (OiaDraftError, OSError) as error:
            self._save_failed(error)
            return False
        self._saved_ids.add(self.draft.id)
        self._dirty = False
        if self._save_failing:
            self._save_failing = False
            self.notify("Your draft is being saved again.", title="Saved", timeout=5)
        return True

    def _save_failed(self, error: Exception) -> None:
        if not self._save_failing:
            self._save_failing = True
            self.notify(f"Could not save your draft: {error}. Everything you typed is still "
                        "here and oiadraft keeps trying. Ctrl+S saves the letter to another "
                        "folder.", title="Not saved", severity="error", timeout=20)
        self._save_timer = self.set_timer(SAVE_RETRY_DELAY, self._timed_save)

    def on_unmount(self) -> None:
        self.save_now()

    # ---- actions ------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in {"accept", "keep", "split"}:
            if not self.draft.parts:  # cheap answer first: no need to load the interview
                return False
            step = self.interview.current_step(self.draft)
            if step.kind not in {"parts", "review"} or not self.draft.parts:
                return False
            if self.draft.answers.get("_pending"):
                return False
            if action == "split":
                from oiadraft.scope import split_dates_then_copies

                part = self.interview.current_part(self.draft)
                return part is not None and split_dates_then_copies(part.text) is not None
        if action == "toggle_letter":
            return self.has_class("-narrow")
        if action == "resume":
            return self.query_one(ResumeOffer).draft is not None
        return True

    @guarded
    def action_accept(self) -> None:
        self.send("accept", shown="accept suggestion 1")

    @guarded
    def action_keep(self) -> None:
        self.send("keep", shown="keep this part as it is")

    @guarded
    def action_split(self) -> None:
        self.send("split", shown="split into dates first, copies second")

    def action_toggle_letter(self) -> None:
        self.toggle_class("-show-letter")
        if self.has_class("-show-letter"):
            self.query_one(LetterPane).focus()
        else:
            self.query_one(ChatInput).focus()

    def action_show_letter(self) -> None:
        if self.has_class("-narrow"):
            self.add_class("-show-letter")
        pane = self.query_one(LetterPane)
        pane.scroll_home(animate=False)
        pane.focus()

    @guarded
    def action_copy_letter(self) -> None:
        self.app.copy_letter(self.draft)

    @guarded
    def action_save_letter(self) -> None:
        from oiadraft.tui.dialogs.save_letter import SaveLetterScreen

        default = Path.home() / f"oia-request-{_slug(self.draft)}.txt"

        def saved(path: Path | None) -> None:
            if path is not None:
                self.notify(f"Saved the letter to {path}", title="Saved", timeout=6)

        self.app.push_screen(SaveLetterScreen(self.draft, self.app.library, default,
                                              self.app.current_today()), saved)

    @guarded
    def action_deadline(self) -> None:
        from oiadraft.tui.dialogs.deadline import DeadlineScreen

        self.app.push_screen(DeadlineScreen(self.draft, self.app.current_today()),
                             self._draft_changed_elsewhere)

    @guarded
    def action_review(self) -> None:
        self.save_now()
        self.post_message(messages.OpenReviewCommand(self.draft.copy()))

    @guarded
    def action_library(self) -> None:
        self.post_message(messages.OpenLibraryCommand(self.draft.copy()))

    @guarded
    def action_mark_sent(self) -> None:
        from oiadraft.tui.dialogs.deadline import DeadlineScreen

        self.app.push_screen(DeadlineScreen(self.draft, self.app.current_today(),
                                            mark_sent=True), self._draft_changed_elsewhere)

    @on(messages.DraftEdited)
    def _draft_edited(self, event: messages.DraftEdited) -> None:
        self._draft_changed_elsewhere(event.draft)

    def _draft_changed_elsewhere(self, draft: Draft | None) -> None:
        """Review, library and deadline return an edited draft (or None: nothing changed)."""
        if draft is None or draft == self.draft:
            return
        self.draft = draft
        self.schedule_save()
        self._refresh_letter()
        self._refresh_findings()
        self.refresh_bindings()

    # ---- resuming the latest draft ------------------------------------------------------

    def offer_resume(self, draft: Draft) -> None:
        """Offer (on a line, not a dialog: typing goes on) to carry on with `draft`."""
        if not (self.draft.agency or self.draft.topic or self.draft.parts):
            self.query_one(ResumeOffer).offer(draft, self.app.current_today())
            self.refresh_bindings()

    def _withdraw_resume_offer(self) -> Draft | None:
        offer = self.query_one(ResumeOffer)
        if offer.draft is None:
            return None
        draft = offer.withdraw()
        self.refresh_bindings()
        return draft

    @guarded
    def action_resume(self) -> None:
        draft = self._withdraw_resume_offer()
        if draft is None:
            return
        typed = self.query_one(ChatInput).text
        if typed and not draft.pending_input:
            draft.pending_input = typed  # the words typed meanwhile go with the user
        if self.draft.id in self._saved_ids and not (self.draft.agency or self.draft.topic
                                                     or self.draft.parts):
            # Only a half-typed line was saved under the new request: not a draft of its own.
            self._dirty = False
            self.app.store.delete(self.draft.id)
        self._dirty = False
        self.load_draft(draft, resumed=True)

    @guarded
    def action_new_draft(self) -> None:
        self.load_draft(Draft(), resumed=False)
        self.notify("Started a new request. Your previous draft is saved.", timeout=5)

    @guarded
    def action_open_draft(self) -> None:
        from oiadraft.tui.dialogs.open_draft import OpenDraftScreen

        def opened(draft: Draft | None) -> None:
            if draft is not None:
                self.load_draft(draft, resumed=True)

        self.save_now()
        self.app.push_screen(OpenDraftScreen(self.app.current_today()), opened)


def _md(text: str) -> str:
    from oiadraft.interview import quote_user

    return quote_user(text, 120)


def _slug(draft: Draft) -> str:
    import re

    words = re.findall(r"[a-z0-9]+", (draft.topic or draft.agency or "letter").lower())
    return "-".join(words[:6]) or "letter"


def _default_placeholder(question: Any) -> str:
    return {
        "choice": "type a number",
        "multi": "numbers to tick or untick, or Enter to keep",
        "yesno": "yes or no",
        "confirm": "Enter if right, or type it again",
        "review": "edit part 2, add part, back …",
        "period": "e.g. since 1 October 2020",
    }.get(question.kind, "type here; Enter sends")
