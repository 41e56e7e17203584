"""The chat: transcript on the left, the live letter on the right, warnings under the input.

The screen is a thin shell over `oiadraft.interview.Interview`: it sends what the user typed,
shows the reply, re-renders the letter, and autosaves the draft (debounced, atomic).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Header

from oiadraft.model import Draft
from oiadraft.tui import messages
from oiadraft.tui.autosave import Autosave
from oiadraft.tui.early_keys import EarlyKeys
from oiadraft.tui.greeting import Greeting
from oiadraft.tui.guard import guarded
from oiadraft.tui.live_letter import LiveLetter
from oiadraft.tui.memory import freeze_loaded_objects
from oiadraft.tui.message_box import MessageBox
from oiadraft.tui.resume import ResumeOffering
from oiadraft.tui.turns import Turns
from oiadraft.tui.typed_app import UsesOiaDraftApp
from oiadraft.tui.widgets.findings import FindingsPanel
from oiadraft.tui.widgets.footer import SteadyFooter
from oiadraft.tui.widgets.mdtext import markdown_to_text
from oiadraft.tui.widgets.resume_offer import ResumeOffer
from oiadraft.tui.widgets.standins import NARROW, LetterSoon, MessageSoon
from oiadraft.tui.widgets.transcript import Transcript

if TYPE_CHECKING:
    from textual.widgets import TextArea

    from oiadraft.interview import Interview

TURN_KEYS = {"accept", "keep", "split", "cancel"}
"""Keyed actions that are turns of the conversation (the rest open something)."""


class ChatScreen(Greeting, LiveLetter, MessageBox, Turns, Autosave, EarlyKeys, ResumeOffering,
                 UsesOiaDraftApp, Screen[None]):
    """Talk to the assistant; watch the letter take shape."""

    AUTO_FOCUS = "#message-soon, #message"
    """Focused as the screen is composed: keys typed before the first frame land in the box."""

    BINDINGS: ClassVar[list[Binding]] = []
    """Every key comes from the action table (`tui.actions.chat_bindings`), bound once the
    table is loaded with the interview, once the greeting is on screen."""

    def __init__(self, draft: Draft, *, resumed: bool = False) -> None:
        super().__init__()
        self.draft = draft
        """The request being written (the interview changes it in place)."""
        self.resumed = resumed
        self._init_autosave()
        self._signed = draft.requester.name
        self._typed: str | None = None
        """The input text the letter and findings were last refreshed for."""
        self._view: Any = None
        """The interview's view of the draft after the last turn."""
        self._revision = 0
        """Counts changes to the draft; the cached letter (`_gapped`) is for one revision."""
        self._gapped: tuple[tuple[object, ...], str | None] | None = None
        self._exact_timer: Timer | None = None
        self._preview: tuple[tuple[int, str], Any] | None = None
        """The live check of the last words typed (asked once per keystroke)."""
        self._bound = False
        """The action table's keys are bound (once the interview has loaded)."""
        self._started = False
        """The greeting is shown; until then, what is sent waits in the queue."""
        self._init_turns()
        self._init_greeting()

    # ---- layout -----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            with Vertical(id="chat"):
                with Transcript(id="transcript"):
                    yield from self._opening_turns()
                yield ResumeOffer(id="resume-offer")
                # the real box comes with the interview
                yield MessageSoon(id="message-soon", placeholder=self._opening_hint)
                yield FindingsPanel(id="findings")
            yield LetterSoon(id="letter-soon")  # the real pane comes with the interview
        yield SteadyFooter(compact=True, show_command_palette=False)

    @property
    def interview(self) -> Interview:
        return self.app.interview

    def on_mount(self) -> None:
        # The first frame has the greeting of a new request, read from the top of the script
        # alone; the interview (script, action table, Act profiles) loads off the UI thread
        # once that frame is out (`show_opening`): loading it first held up the first write
        # to a real terminal. Keys typed meanwhile wait in the box and the queue.
        self._wire_stand_in()
        self.call_after_refresh(self._prepare_interview)
        if self.resumed:
            self.call_after_refresh(self.show_opening)  # nothing to show before it loads

    def on_resize(self) -> None:
        self.set_class(self.size.width < NARROW, "-narrow")

    def _start_conversation(self) -> None:
        self._letter_pane_in()
        self._message_box_in()
        self._restore_box()
        reply = self.interview.start(self.draft)
        if not self._bound:
            from oiadraft.tui.actions import app_bindings, bind_table, chat_bindings

            bind_table(self, chat_bindings())
            bind_table(self.app, app_bindings())
            self._bound = True
        transcript = self.query_one(Transcript)
        said = [message.text for message in reply.messages]
        shown, self._opening = self._opening, ()
        if shown and tuple(said[:len(shown)]) == shown:
            said = said[len(shown):]  # the greeting is already on screen
        elif shown:
            transcript.remove_children()
        for text in said:
            transcript.add_assistant(text)
        self._show_view(reply.view)
        typing = self._box().text or None  # words already in the box are checked at once
        self._refresh_letter(typing=typing)
        self._refresh_findings(typing=typing)
        self._started = True
        self._drain()  # anything sent before the greeting, in order
        freeze_loaded_objects()

    def _restore_box(self) -> None:
        """Put back what was typed but not sent when this draft was last open; keys typed
        before the greeting appeared win (they are newer)."""
        chat_input = self._box()
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
        self._view = None
        self._revision += 1
        transcript = self.query_one(Transcript)
        transcript.remove_children()
        self._put_in_box(draft.pending_input)
        self._start_conversation()

    # ---- the conversation ---------------------------------------------------------------

    @property
    def view(self) -> Any:
        if self._view is None:
            self._view = self.interview.view(self.draft)
        return self._view

    def _show_view(self, view: Any) -> None:
        self._view = view
        chat_input = self._box()
        chat_input.placeholder = Content(view.placeholder)
        if view.prefill is not None:
            self._prefill(view.prefill)
        self.refresh_bindings()

    def _prefill(self, words: str) -> None:
        """The part's words to edit go before whatever was typed after the command, as when
        typed slowly: the answer already sent (keys that came while the command was worked
        on), or else the box. An Escape already waiting in the queue leaves them out."""
        nxt = self._queue[0] if self._queue else None
        if nxt is not None and nxt[0] == "send":
            self._queue[0] = ("send", words + nxt[1])
            return
        if nxt is not None and nxt[1] == "cancel":
            return
        chat_input = self._box()
        chat_input.text = words + chat_input.text
        chat_input.move_cursor(chat_input.document.end)

    @guarded
    def apply_reply(self, reply: Any, draft: Draft | None = None) -> None:
        """Show an interview reply: the messages (ending with the next question), the view,
        and anything the reply asks the screen to open."""
        chat_input = self._box()
        self._revision += 1
        if draft is not None:
            self.draft = draft  # worked on a copy off the UI thread
        self.draft.pending_input = chat_input.text  # anything typed while it worked
        if self.draft.requester.name and self.draft.requester.name != self._signed:
            self._signed = self.draft.requester.name
            self.app.remember_name(self.draft.requester.name)
        transcript = self.query_one(Transcript)
        summaries = [m for m in reply.messages if m.kind == "summary"]
        if self._deferred is not None:
            transcript.add_user(markdown_to_text(summaries[0].text).plain if summaries
                                else self._deferred)
            self._deferred = None
        for message in reply.messages:
            if message.kind != "summary":
                transcript.add_assistant(message.text)
        self._show_view(reply.view)
        if reply.screen:
            self._open(reply.screen)
        if reply.changed:
            self.schedule_save()
        self._refresh_letter()
        self._refresh_findings()
        self.refresh_bindings()
        if self._busy:  # a reply from the thread: go on with anything sent meanwhile
            self._busy = False
            self._drain()

    def _open(self, screen: str) -> None:
        opener = {"letter": self.action_show_letter, "copy": self.action_copy_letter,
                  "review": self.action_review, "save": self.action_save_letter,
                  "library": self.action_library, "deadline": self.action_deadline,
                  "new": self.action_new_draft, "open": self.action_open_draft,
                  "resume": self.action_resume, "mark_sent": self.action_mark_sent,
                  "help": self.app.action_help,
                  "palette": self.app.action_command_palette}.get(screen)
        if opener is not None:
            opener()
        elif screen == "quit":
            self.app.call_later(self.app.action_quit)

    # ---- live analysis while typing -----------------------------------------------------

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if event.text_area.id == "message":
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
        if not self._started:
            return  # the interview is still loading; the greeting refreshes both panes
        self._refresh_findings(typing=text)
        self._refresh_letter(typing=text)

    # ---- actions ------------------------------------------------------------------------

    def applies(self, action_id: str) -> bool:
        """An action of the table can be taken now (its palette entry is offered)."""
        if action_id == "resume":
            return self.query_one(ResumeOffer).draft is not None
        if self._view is None and not self.draft.parts and action_id in TURN_KEYS:
            return False  # cheap answer first: no need to ask the interview
        return action_id in self.view.actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "run":
            action_id = str(parameters[0])
            if action_id == "show_letter":
                return self.has_class("-narrow")
            return self.applies(action_id) or (action_id == "cancel"  # folds the letter away
                                               and self.has_class("-show-letter"))
        if action == "toggle_letter":
            return self.has_class("-narrow")
        return True

    @guarded
    def action_run(self, action_id: str) -> None:
        """A key from the action table: open something, or take a turn."""
        self._run(action_id, now=False)

    def _run(self, action_id: str, *, now: bool) -> None:
        """`now`: the turn is taken at once (it is already this key's turn in the queue)."""
        from oiadraft.tui.actions import specs

        spec = specs().get(action_id)
        if spec is None:
            return
        act = self._act_now if now else self._act
        folding = action_id == "cancel" and self.has_class("-show-letter")  # Escape on it
        if action_id == "show_letter" or folding:
            self.action_toggle_letter()
        elif spec.screen:
            self._open(spec.screen)
        elif action_id == "cancel":
            self._box().clear()
            act("cancel", "")
        else:
            act(action_id, spec.verbs[0] if spec.verbs else spec.label.lower())

    def _turn_key(self, key: str) -> bool:
        """A key that is a turn (Escape, F2, F3, F4) pressed in the box, taken in the order
        typed, like Enter; False leaves it to the bindings."""
        if not self._bound:
            return False
        from oiadraft.tui.actions import specs

        for spec in specs().values():
            if spec.key == key and spec.id in TURN_KEYS:
                if not self.check_action("run", (spec.id,)):
                    return False
                self.action_run(spec.id)
                return True
        return False

    def command_type(self, start: str) -> None:
        """A palette entry for a command that needs a number: start it in the box."""
        chat_input = self._box()
        chat_input.text = start
        chat_input.move_cursor(chat_input.document.end)
        chat_input.focus()

    def _act(self, action: str, shown: str) -> None:
        """A keyed action takes its turn in the queue like a typed answer."""
        self._enqueue(("act", action, shown))

    def _act_now(self, action: str, shown: str) -> None:
        if shown:
            self.query_one(Transcript).add_user(shown)
        self.apply_reply(self.interview.act(self.draft, action))

    def action_toggle_letter(self) -> None:
        self.toggle_class("-show-letter")
        if self.has_class("-show-letter"):
            self.query_one("#letter").focus()
        else:
            self._box().focus()

    def action_show_letter(self) -> None:
        if self.has_class("-narrow"):
            self.add_class("-show-letter")
        pane = self.query_one("#letter")
        pane.scroll_home(animate=False)
        pane.focus()

    @guarded
    def action_copy_letter(self) -> None:
        self.app.copy_letter(self.draft)

    @guarded
    def action_save_letter(self) -> None:
        from oiadraft.tui.dialogs.save_letter import SaveLetterScreen

        default = Path.home() / f"{_act_slug(self.draft)}-request-{_slug(self.draft)}.txt"

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
        if event.then:
            self._enqueue(("send", event.then))  # in its turn, as if typed

    def take_edited_draft(self, draft: Draft | None) -> None:
        """The draft from a screen that worked on a copy and is closing (or the app is)."""
        self._draft_changed_elsewhere(draft)

    def _draft_changed_elsewhere(self, draft: Draft | None) -> None:
        """Review, library and deadline return an edited draft (or None: nothing changed)."""
        if draft is None or draft == self.draft:
            return
        self.draft = draft
        self._view = None
        self._revision += 1
        self.schedule_save()
        self._refresh_letter()
        self._refresh_findings()
        self.refresh_bindings()

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


def _act_slug(draft: Draft) -> str:
    """The Act the letter asks under, as its subject line names it: "oia", "lgoima"."""
    import re

    from oiadraft.acts import get_act

    return "-".join(re.findall(r"[a-z0-9]+", get_act(draft.act).short.lower()))


def _slug(draft: Draft) -> str:
    import re

    words = re.findall(r"[a-z0-9]+", (draft.topic or draft.agency or "letter").lower())
    return "-".join(words[:6]) or "letter"

