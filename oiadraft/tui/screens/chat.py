"""The chat: transcript on the left, the live letter on the right, warnings under the input.

The screen is a thin shell over `oiadraft.interview.Interview`: it sends what the user typed,
shows the reply, re-renders the letter, and autosaves the draft (debounced, atomic).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header, TextArea

from oiadraft.model import Draft, Part
from oiadraft.tui.guard import guarded
from oiadraft.tui.widgets.chat_input import ChatInput
from oiadraft.tui.widgets.findings import FindingsPanel
from oiadraft.tui.widgets.letter import LetterPane
from oiadraft.tui.widgets.mdtext import markdown_to_text
from oiadraft.tui.widgets.transcript import Transcript

AUTOSAVE_DELAY = 0.4
"""Seconds of quiet before a change is written to disk."""
NARROW = 100
"""Below this width the letter folds away behind Ctrl+G."""


class ChatScreen(Screen[None]):
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
        Binding("escape", "cancel", "Cancel", tooltip="Leave the part as it was", id="cancel"),
    ]

    def __init__(self, draft: Draft, *, resumed: bool = False) -> None:
        super().__init__()
        self.draft = draft
        """The request being written (the interview changes it in place)."""
        self.resumed = resumed
        self._save_timer: Timer | None = None
        self._dirty = False
        self._busy = False
        self._signed = draft.requester.name
        self._saved_ids: set[str] = set()
        """Drafts written this session: once saved, a draft is kept saved even if emptied."""
        self._typed: str | None = None
        """The input text the letter and findings were last refreshed for."""
        self._view: Any = None
        """The interview's view of the draft after the last turn."""
        self._deferred: str | None = None
        """A paste not shown yet: the reply's summary stands in for it."""

    # ---- layout -----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            with Vertical(id="chat"):
                yield Transcript(id="transcript")
                yield ChatInput(id="message")
                yield FindingsPanel(id="findings")
            yield LetterPane(id="letter")
        yield Footer(compact=True, show_command_palette=False)

    @property
    def interview(self) -> Any:
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
        reply = self.interview.start(self.draft)
        transcript = self.query_one(Transcript)
        for message in reply.messages:
            transcript.add_assistant(message.text)
        self._show_view(reply.view)
        self._refresh_letter()
        self._refresh_findings()

    def load_draft(self, draft: Draft, *, resumed: bool) -> None:
        """Switch to another draft (resume, open, new); the current one is saved first."""
        self.save_now()
        self.draft = draft
        self.resumed = resumed
        self._view = None
        transcript = self.query_one(Transcript)
        transcript.remove_children()
        self.query_one(ChatInput).clear()
        self._start_conversation()

    # ---- the conversation ---------------------------------------------------------------

    @property
    def view(self) -> Any:
        if self._view is None:
            self._view = self.interview.view(self.draft)
        return self._view

    def _show_view(self, view: Any) -> None:
        self._view = view
        chat_input = self.query_one(ChatInput)
        chat_input.placeholder = Content(view.placeholder)
        if view.prefill is not None:
            chat_input.text = view.prefill
            chat_input.move_cursor(chat_input.document.end)
        self.refresh_bindings()

    @on(ChatInput.Submitted)
    @guarded
    def on_submitted(self, event: ChatInput.Submitted) -> None:
        text = event.text
        if self._busy:
            self.notify("Still working on your last message…", timeout=3)
            return
        event.chat_input.clear()
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
        # Enter on an empty box means "keep the defaults" for choices and confirmations, and
        # "skip" for optional questions; elsewhere it does nothing.
        if not text.strip() and self.view.kind in {"parts", "text", "edit", "fill"} \
                and not self.view.optional:
            return
        if "\n" in text.strip() and len(text) <= 20_000 and shown is None:
            self._deferred = text  # a paste: the reply's summary is shown for it
        else:
            self.query_one(Transcript).add_user(shown if shown is not None else text or "⏎")
        if len(text) > 20_000:
            self._busy = True
            self.query_one(ChatInput).disabled = True
            self._respond_in_thread(self.draft.copy(), text)
        else:
            self.apply_reply(self.interview.respond(self.draft, text))

    @work(thread=True, exclusive=True, group="respond")
    def _respond_in_thread(self, draft: Draft, text: str) -> None:
        try:
            reply = self.interview.respond(draft, text)
        except Exception as error:
            self.app.call_from_thread(self._respond_failed, error)
            return
        self.app.call_from_thread(self.apply_reply, reply, draft)

    def _respond_failed(self, error: Exception) -> None:
        self._busy = False
        self.query_one(ChatInput).disabled = False
        self.app.report_error(error)

    @guarded
    def apply_reply(self, reply: Any, draft: Draft | None = None) -> None:
        """Show an interview reply: the messages (ending with the next question), the view,
        and anything the reply asks the screen to open."""
        self._busy = False
        chat_input = self.query_one(ChatInput)
        chat_input.disabled = False
        chat_input.focus()
        if draft is not None:
            self.draft = draft  # worked on a copy off the UI thread
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

    def _open(self, screen: str) -> None:
        opener = {"letter": self.action_show_letter, "copy": self.action_copy_letter,
                  "review": self.action_review, "save": self.action_save_letter,
                  "library": self.action_library, "deadline": self.action_deadline,
                  "new": self.action_new_draft, "open": self.action_open_draft}.get(screen)
        if opener is not None:
            opener()

    # ---- live analysis while typing -----------------------------------------------------

    @on(TextArea.Changed, "#message")
    def on_typing(self, event: TextArea.Changed) -> None:
        self._typing_changed(event.text_area.text)

    @guarded
    def _typing_changed(self, text: str) -> None:
        if text == self._typed:
            return  # already done when the key was typed
        self._typed = text
        self._refresh_findings(typing=text)
        self._refresh_letter(typing=text)

    def _typing_target(self, typing: str | None) -> tuple[str, Part | None] | None:
        """While typing a part's words: ("new", None) or ("edit", part)."""
        if typing is None or not typing.strip() or len(typing) > 20_000:
            return None
        view = self.view
        if view.kind == "edit" and view.current_part is not None:
            return ("edit", view.current_part)
        if view.kind == "parts" and view.pending is None and \
                self.interview.preview(self.draft, typing) is not None:
            return ("new", None)
        return None

    def _refresh_findings(self, typing: str | None = None) -> None:
        panel = self.query_one(FindingsPanel)
        if typing is not None and typing.strip():
            assessment = self.interview.preview(self.draft, typing)
            if assessment is not None:
                panel.show_assessment(assessment, "checking as you type")
                return
        view = self.view
        if view.assessment is None or view.kind not in {"parts", "review", "edit", "fill"}:
            panel.show_assessment(None)
            return
        panel.show_assessment(view.assessment, f"part {view.current_number:,}")

    def letter_text(self, draft: Draft | None = None) -> str:
        """The plain-text letter for `draft` (the current draft by default)."""
        from oiadraft.letter.render import render_text

        draft = draft or self.draft
        return render_text(draft, library=self.app.library, today=self.app.current_today())

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
                index = self.view.current_number - 1
                draft.parts[index] = Part(text=typing.strip(), period=target[1].period,
                                          id=target[1].id)
            else:
                draft.parts.append(Part(text=typing.strip()))
        self.query_one(LetterPane).show(self.letter_text(draft))

    # ---- saving -------------------------------------------------------------------------

    def _worth_saving(self) -> bool:
        d = self.draft
        return bool(d.agency or d.topic or d.parts or d.id in self._saved_ids)

    def schedule_save(self) -> None:
        """Debounced autosave: written AUTOSAVE_DELAY seconds after the last change."""
        self._dirty = True
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(AUTOSAVE_DELAY, self.save_now)

    def save_now(self) -> None:
        """Write the draft if it changed (atomic; cheap when nothing changed)."""
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        if not self._dirty or not self._worth_saving():
            return
        try:
            self.app.store.save(self.draft)
        except OSError as error:
            self.notify(f"Could not save your draft: {error}. Your text is still here; "
                        "try Ctrl+S to save the letter elsewhere.", severity="error",
                        timeout=15)
            return
        self._saved_ids.add(self.draft.id)
        self._dirty = False

    def on_unmount(self) -> None:
        self.save_now()

    # ---- actions ------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in {"accept", "keep", "split", "cancel"}:
            if self._view is None and not self.draft.parts:
                return False  # cheap answer first: no need to load the interview
            return action in self.view.actions
        if action == "toggle_letter":
            return self.has_class("-narrow")
        return True

    def _act(self, action: str, shown: str) -> None:
        self.query_one(Transcript).add_user(shown)
        self.apply_reply(self.interview.act(self.draft, action))

    @guarded
    def action_accept(self) -> None:
        self._act("accept", "accept suggestion 1")

    @guarded
    def action_keep(self) -> None:
        self._act("keep", "keep this part as it is")

    @guarded
    def action_split(self) -> None:
        self._act("split", "split into dates first, copies second")

    @guarded
    def action_cancel(self) -> None:
        self.query_one(ChatInput).clear()
        self.apply_reply(self.interview.act(self.draft, "cancel"))

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
        letter = self.letter_text()
        self.app.copy_to_clipboard(letter)
        tool = None
        if self.app.system_clipboard is not None:
            tool = self.app.system_clipboard(letter)
        how = f"with {tool} and your terminal" if tool else "through your terminal (OSC 52)"
        hint = "" if tool else " If nothing was copied, use Ctrl+S to save it to a file."
        self.notify(f"Copied the letter ({len(letter):,} characters) {how}.{hint}",
                    title="Copied", timeout=6)

    @guarded
    def action_save_letter(self) -> None:
        from oiadraft.tui.screens.save_letter import SaveLetterScreen

        default = Path.home() / f"oia-request-{_slug(self.draft)}.txt"

        def saved(path: Path | None) -> None:
            if path is not None:
                self.notify(f"Saved the letter to {path}", title="Saved", timeout=6)

        self.app.push_screen(SaveLetterScreen(self.draft, self.app.library, default,
                                              self.app.current_today()), saved)

    @guarded
    def action_deadline(self) -> None:
        from oiadraft.tui.screens.deadline import DeadlineScreen

        self.app.push_screen(DeadlineScreen(self.draft, self.app.current_today()),
                             self._draft_changed_elsewhere)

    @guarded
    def action_review(self) -> None:
        from oiadraft.tui.screens.review import ReviewScreen

        self.save_now()
        self.app.push_screen(ReviewScreen(self.draft), self._draft_changed_elsewhere)

    @guarded
    def action_library(self) -> None:
        from oiadraft.tui.screens.library import ClauseLibraryScreen

        self.app.push_screen(ClauseLibraryScreen(self.draft), self._draft_changed_elsewhere)

    @guarded
    def action_mark_sent(self) -> None:
        from oiadraft.tui.screens.deadline import DeadlineScreen

        self.app.push_screen(DeadlineScreen(self.draft, self.app.current_today(),
                                            mark_sent=True), self._draft_changed_elsewhere)

    def _draft_changed_elsewhere(self, draft: Draft | None) -> None:
        """Review, library and deadline screens return an edited draft (or None)."""
        if draft is None or draft == self.draft:
            return
        self.draft = draft
        self._view = None
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
        from oiadraft.tui.screens.open_draft import OpenDraftScreen

        def opened(draft: Draft | None) -> None:
            if draft is not None:
                self.load_draft(draft, resumed=True)

        self.save_now()
        self.app.push_screen(OpenDraftScreen(self.app.current_today()), opened)


def _slug(draft: Draft) -> str:
    import re

    words = re.findall(r"[a-z0-9]+", (draft.topic or draft.agency or "letter").lower())
    return "-".join(words[:6]) or "letter"

