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
from collections.abc import Callable, Iterable
from json import encoder
from typing import Any

_STRING = encoder.c_encode_basestring or encoder.py_encode_basestring
_INFINITY = float("inf")


class _Unknown(Exception):
    """A value this writer leaves to `json.dumps`."""


class Encoded:
    """JSON text written already, by ``dumps(value, depth)`` for the depth it goes at, that
    `dumps` puts in as it is (the items of a long list can so be written in another process).
    Only this writer knows it: `json.dumps` refuses it."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    if value == _INFINITY:
        return "Infinity"
    if value == -_INFINITY:
        return "-Infinity"
    return float.__repr__(value)


def dumps(value: Any, depth: int = 0) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)``, the same text; with `depth`, the
    text as it reads nested that deep in another value (every line after the first indented
    two spaces more for each level)."""
    out: list[str] = []
    write = _writer(out)
    pad = "\n" + "  " * depth
    try:
        write(value, pad)
    except (_Unknown, RecursionError):
        return _standard(value, pad)
    return "".join(out)


def dumps_each(values: Iterable[Any], depth: int = 0) -> list[str]:
    """``[dumps(value, depth) for value in values]``, the same texts, faster for many values
    that share keys and strings (each is escaped once for them all)."""
    out: list[str] = []
    write = _writer(out)
    pad = "\n" + "  " * depth
    texts = []
    for value in values:
        try:
            write(value, pad)
        except (_Unknown, RecursionError):
            texts.append(_standard(value, pad))
        else:
            texts.append("".join(out))
        out.clear()
    return texts


class NotScalar(_Unknown, TypeError):
    """A value `scalars` does not write: a container, or a type other than str, None, bool,
    int and float."""


def scalars(encoded: dict[str, str] | None = None) -> Callable[[Any], str]:
    """``text(value)``: the JSON text ``dumps`` writes for a string, None, a bool, an int or a
    float, each string escaped once however often it comes; `NotScalar` for anything else.
    For writers of records of a known shape, which put the pieces together themselves.
    `encoded`: the cache of escaped strings, to share it with a writer of its own."""
    escape = _STRING
    encoded = {} if encoded is None else encoded
    whole = int.__repr__

    def text(value: Any) -> str:
        kind = type(value)
        if kind is str:
            done = encoded.get(value)
            if done is None:
                done = encoded[value] = escape(value)
            return done
        if kind is int:
            return whole(value)
        if value is None:
            return "null"
        if kind is float:
            return _float(value)
        if value is True:
            return "true"
        if value is False:
            return "false"
        raise NotScalar(f"not a JSON scalar: {kind.__name__}")

    return text


def _standard(value: Any, pad: str) -> str:
    """The standard library's text (or error) for `value`, each line after the first
    starting with `pad`."""
    # a JSON string holds no line break itself: each one here begins an indented line
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", pad)


def _writer(out: list[str]) -> Callable[[Any, str], None]:
    """``write(value, pad)``, which appends the pieces of `value`'s JSON text to `out` (`pad`:
    a line break and the indent the value is at), or raises `_Unknown`."""
    add = out.append
    escape = _STRING
    # a report repeats the same messages and quotes: each text is escaped once (the loops
    # below escape strings themselves, with the same cache, to save a call per item)
    encoded: dict[str, str] = {}
    scalar = string = scalars(encoded)
    whole = int.__repr__
    # for each depth, each key as written there with what goes before it: the objects of one
    # report share a few keys, so each is encoded once rather than once per object
    written: dict[str, dict[str, str]] = {}

    def write(value: Any, pad: str) -> None:
        # The member-writing lines below are the same for objects and arrays on purpose: one
        # shared function for them made the JSON of a 1 MB check 193 -> 220 ms (median of 15).
        kind = type(value)
        if kind is dict:
            if not value:
                add("{}")
                return
            inner = pad + "  "
            keys = written.get(inner)
            if keys is None:
                keys = written[inner] = {}
            first = len(out)  # the first key's "," becomes "{"
            for key, item in value.items():
                if type(key) is not str:
                    raise _Unknown  # json turns numbers and None into keys; leave that to it
                before = keys.get(key)
                if before is None:
                    before = keys[key] = "," + inner + string(key) + ": "
                add(before)
                kind = type(item)
                if kind is str:
                    done = encoded.get(item)
                    if done is None:
                        done = encoded[item] = escape(item)
                    add(done)
                elif item is None:
                    add("null")
                elif kind is int:
                    add(whole(item))
                elif kind is dict or kind is list or kind is tuple:
                    write(item, inner)
                elif kind is Encoded:
                    add(item.text)
                else:
                    add(scalar(item))
            out[first] = "{" + out[first][1:]
            add(pad + "}")
        elif kind is list or kind is tuple:
            if not value:
                add("[]")
                return
            inner = pad + "  "
            between = "," + inner
            first = len(out)
            for item in value:
                add(between)
                kind = type(item)
                if kind is str:
                    done = encoded.get(item)
                    if done is None:
                        done = encoded[item] = escape(item)
                    add(done)
                elif item is None:
                    add("null")
                elif kind is int:
                    add(whole(item))
                elif kind is dict or kind is list or kind is tuple:
                    write(item, inner)
                elif kind is Encoded:
                    add(item.text)
                else:
                    add(scalar(item))
            out[first] = "[" + inner
            add(pad + "]")
        elif kind is Encoded:
            add(value.text)
        else:
            add(scalar(value))

    return write
