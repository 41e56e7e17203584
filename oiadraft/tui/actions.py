"""The TUI side of the one action table (prompts/actions.yaml): key bindings, palette entries
and the F1 key list are all made from it, so a key added there shows everywhere.

Actions whose `screen` is set open something (the app or the chat screen does that); the
rest are turns of the conversation (`Interview.act`). Quitting, help and the palette are
the app's own keys; everything else is bound on the chat screen.
"""

from __future__ import annotations

import re
from functools import lru_cache

from textual.binding import Binding, BindingsMap
from textual.dom import DOMNode

from oiadraft.interview import ActionSpec, load_actions

APP_ACTIONS = {"help": "help", "quit": "quit"}
"""Action id -> the App's own action method (bound on the app, whichever screen is open)."""
PALETTE_ACTION = "palette"
"""Textual's own command palette; only its key comes from the table."""
_SLOT = re.compile(r"\s*\{(?:n|m|what)\}.*$")


@lru_cache(maxsize=1)
def specs() -> dict[str, ActionSpec]:
    """Every action by id, in the table's order."""
    return {spec.id: spec for spec in load_actions()}


def spec_for_key(key: str) -> ActionSpec | None:
    """The action a key runs (None: no action has that key)."""
    return next((spec for spec in specs().values() if spec.key == key), None)


def app_bindings() -> list[Binding]:
    """Quit and help: on the app, so they work on every screen."""
    bindings = []
    for action_id, method in APP_ACTIONS.items():
        spec = specs()[action_id]
        if spec.key:
            bindings.append(Binding(spec.key, method, spec.label, show=spec.footer,
                                    priority=action_id == "quit", id=action_id,
                                    tooltip=spec.help))
    return bindings


def palette_key() -> str:
    return specs()[PALETTE_ACTION].key or "ctrl+p"


def chat_bindings() -> list[Binding]:
    """Every other keyed action, as `run('<id>')` on the chat screen. A key that opens a
    screen or dialog is bound twice. As a priority binding it runs when the app reads the key,
    before the message box has taken the keys read with it: what is typed straight after it
    goes to what it opened, not into the box behind. As an ordinary one it still runs when the
    key was read while a dialog was closing (Escape then Ctrl+T) and reaches the chat after."""
    bindings = []
    for spec in specs().values():
        if not spec.key or spec.id in APP_ACTIONS or spec.id == PALETTE_ACTION:
            continue
        opens = bool(spec.screen) and spec.screen != "letter"
        action = f"run('{spec.id}')"
        # the footer shows the priority binding of a key when there is one
        bindings.append(Binding(spec.key, action, spec.label, show=spec.footer, id=spec.id,
                                tooltip=spec.help, priority=opens))
        if opens:
            bindings.append(Binding(spec.key, action, spec.label, show=False, id=spec.id))
    return bindings


def part_bindings() -> list[Binding]:
    """The chat's keys for the current part (F2 accept, F3 keep, F4 split) on a screen that
    lists the parts, as `part_turn('<id>_part')`: each acts on the highlighted part, as the
    table's `<id>_part` command ("keep part 2") does in the chat."""
    table = specs()
    bindings = []
    for spec in table.values():
        on_part = table.get(f"{spec.id}_part")
        if spec.key and on_part is not None and on_part.verbs:
            # not in the footer: it has no room for them at 80 columns (`part_keys_help`)
            bindings.append(Binding(spec.key, f"part_turn('{on_part.id}')", spec.label,
                                    show=False, id=f"part-{spec.id}", tooltip=on_part.help))
    return bindings


def part_keys_help() -> str:
    """"F2 accept · F3 keep · F4 split": the keys of `part_bindings`, for a heading."""
    return " · ".join(f"{key_name(binding.key)} {binding.description.lower()}"
                      for binding in part_bindings())


def part_command(action_id: str, number: int) -> str:
    """What the requester would type in the chat for an action on part `number`."""
    return specs()[action_id].verbs[0].replace("{n}", str(number))


def key_name(key: str) -> str:
    """"ctrl+r" -> "Ctrl+R", "f2" -> "F2", "escape" -> "Escape"."""
    return "+".join(part.upper() if len(part) <= 3 and part[0] == "f" and part[1:].isdigit()
                    else part.capitalize() for part in key.split("+"))


def typed_start(spec: ActionSpec) -> str | None:
    """What to put in the chat box for an action that needs a number or a word from the
    user ("edit part "), or None when the action needs nothing more."""
    if not spec.verbs or any(_SLOT.search(verb) is None for verb in spec.verbs[:1]):
        return None
    return _SLOT.sub(" ", spec.verbs[0]).rstrip() + " "


def keys_help() -> list[tuple[str, str]]:
    """(key, what it does) for F1 help, in the table's order."""
    return [(key_name(spec.key), spec.help) for spec in specs().values() if spec.key]


def commands_help() -> list[tuple[str, str]]:
    """(what to type, what it does) for F1 help: the first verb of every chat command."""
    return [(spec.verbs[0].replace("{n}", "3").replace("{m}", "1").replace("{what}", "period"),
             spec.help) for spec in specs().values() if spec.verbs]


def bind_table(node: DOMNode, bindings: list[Binding]) -> None:
    """Add table-made bindings to an app or screen that is already running. They are added
    once the table is loaded (with the interview, once the greeting is on screen) rather than
    at import, which would put the table's YAML on the start-up path. A binding already
    there (by id) is not added twice."""
    have = {binding.id for bound in node._bindings.key_to_bindings.values()
            for binding in bound if binding.id}
    fresh = [binding for binding in bindings if binding.id not in have]
    node._bindings = BindingsMap.merge([node._bindings, BindingsMap(fresh)])
    node.refresh_bindings()
