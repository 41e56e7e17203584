"""JSON for the CLI's ``--format json``: the exact text of ``json.dumps(value,
ensure_ascii=False, indent=2)``, written a few times faster.

The standard library writes indented JSON with a generator per container, in Python (its C
writer does no indenting); `oiadraft check` on a long paste writes megabytes of it. Here the pieces
are appended to one list, scalars written by the same functions `json` uses,
and anything this writer does not know (another type, a loop in the data) is handed to
``json.dumps`` itself, so the result, or the error, is always the standard library's.
"""

from __future__ import annotations

import json
from json import encoder
from typing import Any

_STRING = encoder.c_encode_basestring or encoder.py_encode_basestring
_INFINITY = float("inf")


class _Unknown(Exception):
    """A value this writer leaves to `json.dumps`."""


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    if value == _INFINITY:
        return "Infinity"
    if value == -_INFINITY:
        return "-Infinity"
    return float.__repr__(value)


def dumps(value: Any) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)``, the same text."""
    out: list[str] = []
    add = out.append
    string = _STRING
    whole = int.__repr__

    def write(value: Any, pad: str) -> None:
        kind = type(value)
        if kind is dict:
            if not value:
                add("{}")
                return
            inner = pad + "  "
            between = "," + inner
            add("{" + inner)
            first = True
            for key, item in value.items():
                if first:
                    first = False
                else:
                    add(between)
                if type(key) is not str:
                    raise _Unknown  # json turns numbers and None into keys; leave that to it
                add(string(key))
                add(": ")
                write(item, inner)
            add(pad + "}")
        elif kind is list or kind is tuple:
            if not value:
                add("[]")
                return
            inner = pad + "  "
            between = "," + inner
            add("[" + inner)
            first = True
            for item in value:
                if first:
                    first = False
                else:
                    add(between)
                write(item, inner)
            add(pad + "]")
        elif kind is str:
            add(string(value))
        elif value is None:
            add("null")
        elif value is True:
            add("true")
        elif value is False:
            add("false")
        elif kind is int:
            add(whole(value))
        elif kind is float:
            add(_float(value))
        else:
            raise _Unknown

    try:
        write(value, "\n")
    except (_Unknown, RecursionError):
        return json.dumps(value, ensure_ascii=False, indent=2)
    return "".join(out)
