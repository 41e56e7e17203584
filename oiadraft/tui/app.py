"""The Textual app: owns the store, the clause library and the interview; pushes the chat.

Everything that decides anything lives in the domain modules; screens only show their answers.
`make_app(...)` is the one factory used by `oiadraft`, the tests and the benchmarks.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import sys
import traceback
from collections.abc import Callable, Iterable
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from oiadraft import clock, paths
from oiadraft.clipboard import copy_with_system_tool
from oiadraft.model import Draft
from oiadraft.tui import messages

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel

    from oiadraft.clauses import Library
    from oiadraft.config import Config
    from oiadraft.interview import Interview
    from oiadraft.store import Store
    from oiadraft.tui.screens.chat import ChatScreen


_STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP", "SIGINT")
                      if hasattr(signal, name))


class OiaDraftApp(App[None]):
    """oiadraft: write official information requests that get answered."""

    CSS_PATH = "app.tcss"
    TITLE = "oiadraft"
    SUB_TITLE = "official information requests that get answered"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", priority=True, id="quit")]
    """Quit works from the first frame; help and every other key come from the action table
    (`tui.actions`), bound once it is loaded."""

    def __init__(
        self,
        *,
        today: date | None = None,
        draft_id: str | None = None,
        offer_resume: bool = True,
        system_clipboard: Callable[[str], str | None] | None = copy_with_system_tool,
    ) -> None:
        super().__init__()
        self.today = today
        """Fixed date for tests and snapshots; None means the real today."""
        self._store: Store | None = None
        self.start_draft_id = draft_id
        self.offer_resume = offer_resume
        self.system_clipboard = system_clipboard
        """Copies to the OS clipboard as well as OSC 52; tests pass a fake or None."""
        self._library: Library | None = None
        self._told_problems: set[str] = set()
        """Unreadable files already told of, so each is told once while the app runs."""
        self._interview: Interview | None = None
        self._config: Config | None = None
        self.last_error_log: Path | None = None
        """Where the last unexpected error was written (None: none, or it could not be)."""
        self.fatal_error: BaseException | None = None
        """An error no handler caught; the app stopped because of it."""
        self._caught_signals: list[int] = []
        self._resume_offered = False
        """The latest draft was offered (or is not to be): once, when the chat first opens."""

    # ---- shared domain objects --------------------------------------------------------

    @property
    def store(self) -> Store:
        """The drafts on disk (imported on first use to keep start-up light)."""
        if self._store is None:
            from oiadraft.store import Store

            self._store = Store()
        return self._store

    @property
    def library(self) -> Library:
        """The clause library (built-ins + the user's own), loaded once and reloaded on edit."""
        if self._library is None:
            from oiadraft.clauses import Library

            self._library = Library.load()
        return self._library

    @property
    def config(self) -> Config:
        """The user's settings (name, email, sign-off), read on first use."""
        if self._config is None:
            from oiadraft.config import load_config

            self._config = load_config()
            # the message says what was done with the file (moved aside, left as it is, one
            # setting's default used); the title does not guess
            for problem in self._config.problems:
                self.notify(problem, title="A problem with your settings file",
                            severity="warning", timeout=10)
        return self._config

    def remember_name(self, name: str) -> None:
        """Save the requester's name as the default for new drafts (first time only)."""
        if not name or self.config.name:
            return
        from oiadraft.config import save_config

        try:
            save_config(self.config.with_changes(name=name))
        except OSError as error:
            self.notify(f"Could not save your name for next time: {error}", severity="warning")
            return
        self._config = None

    def reload_library(self) -> None:
        """Forget the loaded library (after an edit); the next use loads it afresh."""
        self._library = None

    def tell_unreadable(self, what: str, problems: Iterable[object]) -> None:
        """Show the files of a kind (`what`: "clause file", "draft file") that could not be
        read ("file:line: message" and what was done with each), each once while the app runs,
        in one toast."""
        from oiadraft.text import plural

        new = list(dict.fromkeys(str(problem) for problem in problems
                                 if str(problem) not in self._told_problems))
        if not new:
            return
        self._told_problems.update(new)
        title = (f"A {what} could not be read" if len(new) == 1
                 else f"{plural(len(new), what)} could not be read")
        self.notify("\n".join(new), title=title, severity="warning", timeout=15)

    @property
    def interview(self) -> Interview:
        """The conversation engine (loads the interview script on first use)."""
        if self._interview is None:
            from oiadraft.interview import Interview

            self._interview = Interview(library=lambda: self.library, today=self.today,
                                        default_name=lambda: self.config.name)
        return self._interview

    def current_today(self) -> date:
        return self.today or clock.today()

    # ---- services the screens share ------------------------------------------------------

    def letter_text(self, draft: Draft) -> str:
        """The plain-text letter for `draft`: exactly what is copied, saved or sent."""
        from oiadraft.letter.render import render_text

        return render_text(draft, library=self.library, today=self.current_today())

    def copy_letter(self, draft: Draft) -> None:
        """Copy the letter through the terminal (OSC 52) and the system tool, then say how."""
        letter = self.letter_text(draft)
        self.copy_to_clipboard(letter)
        tool = self.system_clipboard(letter) if self.system_clipboard is not None else None
        how = f"with {tool} and your terminal" if tool else "through your terminal (OSC 52)"
        hint = "" if tool else " If nothing was copied, use Ctrl+S to save it to a file."
        self.notify(f"Copied the letter ({len(letter):,} characters) {how}.{hint}",
                    title="Copied", timeout=6)

    # ---- start --------------------------------------------------------------------------

    def get_default_screen(self) -> Screen:
        from oiadraft.tui.screens.chat import ChatScreen

        draft, resumed = self._initial_draft()
        self._resume_offered = resumed or not self.offer_resume
        return ChatScreen(draft, resumed=resumed)

    def on_mount(self) -> None:
        self._catch_signals()

    def on_ready(self) -> None:
        # Textual's Ready: the first frame has been handed to the terminal; the header's
        # title follows in the next refresh. Work done any earlier delays them.
        chat = self.chat_screen()
        if chat is not None:
            chat.call_after_refresh(chat.show_opening)

    def _catch_signals(self) -> None:
        """SIGTERM, SIGHUP (the terminal closed) and SIGINT save the draft before exiting."""
        loop = asyncio.get_running_loop()
        for number in _STOP_SIGNALS:
            try:
                loop.add_signal_handler(number, self._stop_on_signal, number)
            except (NotImplementedError, RuntimeError, ValueError):
                continue  # not on this platform, or not the main thread (no signals here)
            self._caught_signals.append(number)

    def on_unmount(self) -> None:
        loop = asyncio.get_running_loop()
        for number in self._caught_signals:
            loop.remove_signal_handler(number)
        self._caught_signals.clear()

    def _stop_on_signal(self, number: int) -> None:
        for screen in self.screen_stack:  # no one to ask: an editor's unsaved text is kept
            keep = getattr(screen, "keep_unsaved", None)
            if callable(keep):
                with contextlib.suppress(Exception):
                    keep()
        self._save_before_leaving()
        self.exit(return_code=128 + number)

    def _save_before_leaving(self) -> None:
        """Save the draft as the user sees it: a screen that works on a copy of the draft
        (review, the clause library) gives it back when it closes, so its changes are taken
        now, as if it had closed, before the last save."""
        chat = self.chat_screen()
        if chat is None:
            return
        try:
            for screen in reversed(self.screen_stack):
                edited = getattr(screen, "draft_being_edited", None)
                if callable(edited):
                    chat.take_edited_draft(edited())  # the draft first, then the screen
                    break
        finally:  # the save happens even if redrawing the chat fails on the way out
            chat.save_now()

    @on(messages.ConversationOpened)
    def _offer_resume(self, event: messages.ConversationOpened) -> None:
        # Once the greeting is up: reading the drafts folder need not delay it.
        chat = self.chat_screen()
        if self._resume_offered or chat is None:
            return
        self._resume_offered = True
        latest = self._latest_draft()
        if latest is not None and latest.id != chat.draft.id:
            chat.offer_resume(latest)

    def _initial_draft(self) -> tuple[Draft, bool]:
        if self.start_draft_id:
            try:
                return self.store.load(self.start_draft_id), True
            except Exception as exc:
                self.notify(str(exc), title="Could not open that draft", severity="error",
                            timeout=10)
        # Its Act (the profiles' default) is filled in with the interview, after the first
        # frame: reading every Act profile here held up the first frame.
        return Draft(act=""), False

    def _latest_draft(self) -> Draft | None:
        try:
            latest = self.store.latest()
        except Exception:
            return None
        self.tell_unreadable("draft file", getattr(self.store, "problems", None) or [])
        return latest

    # ---- commands -----------------------------------------------------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        from oiadraft.tui.actions import APP_ACTIONS, key_name, specs, typed_start
        from oiadraft.tui.screens.chat import ChatScreen

        chat = self.chat_screen()
        on_chat = chat is not None and isinstance(screen, ChatScreen)
        for spec in specs().values():
            if not spec.palette:
                continue
            title = spec.label + (f" ({key_name(spec.key)})" if spec.key else "")
            if spec.id in APP_ACTIONS:
                yield SystemCommand(title, spec.help, getattr(self, f"action_{spec.id}"))
            elif on_chat and chat is not None and chat.applies(spec.id):
                start = typed_start(spec)
                if start is not None:
                    yield SystemCommand(title, spec.help, partial(chat.command_type, start))
                else:
                    yield SystemCommand(title, spec.help, partial(chat.action_run, spec.id))
        yield from (command for command in super().get_system_commands(screen)
                    if command.title in {"Theme", "Keys"})

    def chat_screen(self) -> ChatScreen | None:
        from oiadraft.tui.screens.chat import ChatScreen

        for screen in self.screen_stack:
            if isinstance(screen, ChatScreen):
                return screen
        return None

    # ---- the app opens places; screens ask for them with messages -------------------------

    @on(messages.OpenReviewCommand)
    def _open_review(self, command: messages.OpenReviewCommand) -> None:
        from oiadraft.tui.screens.review import ReviewScreen

        review = ReviewScreen(command.draft)
        self.push_screen(review, lambda draft: self._draft_returned(draft, review.then))

    @on(messages.OpenLibraryCommand)
    def _open_library(self, command: messages.OpenLibraryCommand) -> None:
        from oiadraft.tui.screens.library import ClauseLibraryScreen

        self.push_screen(ClauseLibraryScreen(command.draft), self._draft_returned)

    def keep_edited_draft(self, draft: Draft) -> None:
        """A screen working on a copy of the draft (review, the clause library) changed it and
        stays open: the chat takes a copy and autosaves it, so the change is on disk within
        moments, not only when the screen closes (a killed app or a power cut lost it)."""
        chat = self.chat_screen()
        if chat is not None:
            chat.post_message(messages.DraftEdited(draft.copy()))

    def _draft_returned(self, draft: Draft | None, then: str | None = None) -> None:
        chat = self.chat_screen()
        if chat is not None and draft is not None:
            chat.post_message(messages.DraftEdited(draft, then))

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = False) -> None:
        """Toasts carry user-derived text (clause titles, paths, errors): never markup."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def action_help_quit(self) -> None:
        """Ctrl+C copies in a text box rather than quitting; say how to quit, in plain words
        (Textual's own reply is markup, and toasts here show markup as typed)."""
        from oiadraft.tui.actions import key_name

        key = next((key for key, active in self.active_bindings.items()
                    if active.binding.action in ("quit", "app.quit")), None)
        if key is not None:
            self.notify(f"Press {key_name(key)} to quit. Your draft is saved as you type.",
                        title="Do you want to quit?")

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        from oiadraft.tui.dialogs.palette import SafeCommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(SafeCommandPalette(id="--command-palette"))

    def action_help(self) -> None:
        from oiadraft.tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        # Built once and kept: laying out its tables takes about a second, so the second F1
        # is instant (its text does not change while the app runs).
        if not self.is_screen_installed("help"):
            self.install_screen(HelpScreen(), "help")
        kept = self.get_screen("help")
        # Help under another screen (the palette opened from help): a fresh copy on top, as
        # one screen must not be in the stack twice.
        self.push_screen(HelpScreen() if kept in self.screen_stack else kept)

    async def action_quit(self) -> None:
        from oiadraft.tui.dialogs.discard import AsksBeforeDiscarding

        if isinstance(self.screen, AsksBeforeDiscarding) and not self.screen.may_quit():
            return
        self._save_before_leaving()
        self.exit()

    # ---- errors: keep the draft, tell the user where the log is -------------------------

    def write_error_log(self, error: BaseException) -> Path | None:
        """Write the traceback to the logs folder; return its path (None if that fails too)."""
        try:
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            path = paths.logs_dir() / f"error-{stamp}.log"
            text = "".join(traceback.format_exception(type(error), error, error.__traceback__))
            from oiadraft.fsutil import atomic_write_text

            atomic_write_text(path, text)
            self.last_error_log = path
            return path
        except Exception:
            return None

    def report_error(self, error: BaseException) -> None:
        """An unexpected error in a handler: save the draft, log it, tell the user, carry on."""
        chat = self.chat_screen()
        if chat is not None:
            chat.save_now()
        log = self.write_error_log(error)
        where = f" Details are in {log}." if log else ""
        self.notify(f"Something went wrong ({type(error).__name__}). Your draft is saved.{where}",
                    title="Unexpected error", severity="error", timeout=15)

    def _handle_exception(self, error: Exception) -> None:
        # Last resort (an error outside our guarded handlers): save, log, then let Textual
        # exit, without its full traceback (with locals: user text) on the terminal; `run`
        # prints one line saying where the log is.
        self.fatal_error = error
        try:
            self._save_before_leaving()
            self.write_error_log(error)
        except Exception:
            pass
        finally:
            super()._handle_exception(error)
            self._exit_renderables.clear()


def make_app(*, today: date | None = None, draft_id: str | None = None,
             offer_resume: bool = True,
             system_clipboard: Callable[[str], str | None] | None = copy_with_system_tool,
             ) -> OiaDraftApp:
    """The one way to build the app (CLI, tests, benchmarks)."""
    return OiaDraftApp(today=today, draft_id=draft_id, offer_resume=offer_resume,
                       system_clipboard=system_clipboard)


def run(draft_id: str | None = None) -> int:
    """Run the app in this terminal; returns the exit status."""
    from oiadraft.tui.memory import freeze_imports
    from oiadraft.tui.terminal import use_paste_safe_parser

    use_paste_safe_parser()
    app = make_app(draft_id=draft_id)
    freeze_imports()
    app.run()
    if app.fatal_error is not None:
        where = f"; details are in {app.last_error_log}" if app.last_error_log else ""
        print(f"oiadraft stopped after an unexpected error "
              f"({type(app.fatal_error).__name__}). Your draft is saved{where}.",
              file=sys.stderr)
        return 1
    return app.return_code or 0
