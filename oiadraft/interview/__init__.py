"""The interview: a rule-driven chat over prompts/interview.yaml that builds a request.

    iv = Interview()
    reply = iv.start(draft)            # greeting, or "welcome back"
    reply = iv.respond(draft, "mfat")  # a typed line or a paste: a command or an answer
    reply = iv.act(draft, "accept")    # a key (F2), or any action of prompts/actions.yaml
    view = iv.view(draft)              # everything the chat screen shows now
    iv.preview(draft, "Briefings ...") # the live check of the words being typed

`respond` and `act` change the draft in place and never raise on what the requester typed;
every change they make can be undone. The conversation's own state is typed (`state`) and
saved in `Draft.conversation`; the screen never reads it. Modules: `script` (the YAML),
`actions` (the action table and command grammar), `state`, `history` (undo/redo), `engine`
(the API), `show` (view and preview), `turns`, `steps`, `parts` and `pasted` (what each
turn does), `reports` (what is said about a part), `xrefs` (references between parts), `words` (wording), `fields` (Draft fields by
name).

Recipes:
- A new question: a step in prompts/interview.yaml with `id`, `kind`, `sets` (the Draft field
  its answer sets), `label` and `ask`; a field not in `fields.SETTERS` needs one small setter
  there. Messages go under `messages:` (they are filled by `oiadraft.letter.template.fill`).
- A new command or key: an entry in prompts/actions.yaml (its verbs are the chat grammar, its
  key the screen's binding); an action that changes the draft needs a handler in
  `turns.HANDLERS`, one that opens something on the screen only a `screen:` name.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from oiadraft.interview.actions import ActionSpec, Command, load_actions, parse_command
    from oiadraft.interview.engine import Interview, Message, Reply, View
    from oiadraft.interview.script import Choice, Script, Step, builtin_script, load_script
    from oiadraft.interview.words import describe_extraction, quote_user

_HOMES = {
    "ActionSpec": "actions", "Command": "actions", "load_actions": "actions",
    "parse_command": "actions", "Interview": "engine", "Message": "engine", "Reply": "engine",
    "View": "engine", "Choice": "script", "Script": "script", "Step": "script",
    "builtin_script": "script", "load_script": "script", "describe_extraction": "words",
    "quote_user": "words",
}
"""Where each name of the package lives. They are imported on first use, so that the chat's
greeting (`opening`) can be read at start-up without loading the engine."""

__all__ = [
    "ActionSpec", "Choice", "Command", "Interview", "Message", "Reply", "Script", "Step", "View",
    "builtin_script", "describe_extraction", "load_actions", "load_script", "parse_command",
    "quote_user",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value
