"""oiadraft: draft New Zealand official information requests that get answered."""

import sys as _sys


def _quiet_interrupt(kind, value, tb):  # type: ignore[no-untyped-def]
    """Ctrl-C while the `oiadraft` command is still starting (importing its modules, before
    `cli.main` takes over): the process ends as interrupted, without a traceback. Any other
    uncaught exception is shown as Python would."""
    if issubclass(kind, KeyboardInterrupt):
        return
    _sys.__excepthook__(kind, value, tb)


def _quiet_unraisable(unraisable):  # type: ignore[no-untyped-def]
    """The same for a Ctrl-C that lands in a clean-up callback Python cannot raise from."""
    if issubclass(unraisable.exc_type, KeyboardInterrupt):
        return
    _sys.__unraisablehook__(unraisable)


if _sys.excepthook is _sys.__excepthook__:  # the first code oiadraft runs
    _sys.excepthook = _quiet_interrupt
if _sys.unraisablehook is _sys.__unraisablehook__:
    _sys.unraisablehook = _quiet_unraisable

__version__ = "0.1.0"
