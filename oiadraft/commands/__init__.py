"""One module per CLI subcommand. Each exposes `register(subparsers)`, which adds its parser and
sets `func(args) -> int`. Modules import heavy things inside `func`, never at import time, so
`oiadraft --help` and `oiadraft check` start fast and never import Textual."""

import argparse


def positive_int(text: str) -> int:
    """argparse type: a whole number of 1 or more."""
    try:
        value = int(text)
    except ValueError:
        shown = text if len(text) <= 20 else f"{text[:20]}… ({len(text)} characters)"
        raise argparse.ArgumentTypeError(f"not a whole number: {shown!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def text_argument(value: str, what: str) -> str:
    """Text the user gave on the command line, as one clean line: UserError when the shell
    passed bytes that are not UTF-8; control characters and escape sequences removed."""
    from oiadraft.errors import UserError
    from oiadraft.text import printable

    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise UserError(f"{what} is not valid UTF-8 text; type it again in a UTF-8 "
                        "terminal") from None
    return printable(value)
