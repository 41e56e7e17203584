"""One module per CLI subcommand. Each exposes `register(subparsers)`, which adds its parser and
sets `func(args) -> int`. Modules import heavy things inside `func`, never at import time, so
`oiadraft --help` and `oiadraft check` start fast and never import Textual."""

import argparse


def positive_int(text: str) -> int:
    """argparse type: a whole number of 1 or more."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value
