"""Copy text to the system clipboard with whatever tool this machine has.

The TUI always copies through the terminal too (OSC 52, `App.copy_to_clipboard`), which works
over SSH but not in every terminal; this adds the local tool when one is present. No network,
no shell: the tool gets the text on stdin.
"""

from __future__ import annotations

import os
import shutil
import subprocess

# (program, arguments, environment variable it needs or None)
TOOLS: tuple[tuple[str, tuple[str, ...], str | None], ...] = (
    ("wl-copy", (), "WAYLAND_DISPLAY"),
    ("xclip", ("-selection", "clipboard"), "DISPLAY"),
    ("xsel", ("--clipboard", "--input"), "DISPLAY"),
    ("pbcopy", (), None),
    ("clip.exe", (), None),
)


def available_tool() -> tuple[str, tuple[str, ...]] | None:
    """The first clipboard program that can work here, or None."""
    for program, args, needs in TOOLS:
        if needs is not None and not os.environ.get(needs):
            continue
        path = shutil.which(program)
        if path:
            return path, args
    return None


def copy_with_system_tool(text: str) -> str | None:
    """Copy `text`; return the tool's name on success, None when no tool worked."""
    tool = available_tool()
    if tool is None:
        return None
    path, args = tool
    try:
        subprocess.run([path, *args], input=text.encode("utf-8"), check=True, timeout=3,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError):
        return None
    return os.path.basename(path)
