"""Typed readers for the fields of a file oiadraft loaded (a draft, the settings).

A file may have been edited by hand, cut short, or written by a newer or older oiadraft, so each
field is checked for its type, its range and finite numbers before anything uses it. Each
reader returns the value in the type the program uses, or raises `FieldError` (a ValueError)
whose message says what the field must be and what was found, in one line ("must be a whole
number from 0 to 10000, not .inf"). Nothing here does I/O.
"""

from __future__ import annotations

import math
from datetime import date, datetime
from typing import Any

MAX_DEPTH = 20
"""How deeply plain data (a draft's answers) may nest."""


class FieldError(ValueError):
    """A field that is not what it must be; `line` points at it when known (1-based)."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


def shown(value: Any) -> str:
    """A short description of a value for an error message (never the whole of a long one)."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and not math.isfinite(value):
        return ".nan" if math.isnan(value) else (".inf" if value > 0 else "-.inf")
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, (list, tuple, set)):
        return "a list"
    if isinstance(value, (bytes, bytearray)):
        return "binary data"
    text = " ".join(str(value).split())
    return repr(text if len(text) <= 40 else text[:39] + "…")


def _scalar_text(value: Any) -> str | None:
    """Text from a scalar YAML may have read as a number or a date; None for anything else."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return None
    if isinstance(value, int) or (isinstance(value, float) and math.isfinite(value)):
        return str(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return None


def text(value: Any, default: str = "") -> str:
    """A text field; missing or empty gives `default`. Numbers and dates YAML read from a bare
    word are taken as written; lists, mappings, true/false and .inf are errors."""
    if value is None or value == "":
        return default
    result = _scalar_text(value)
    if result is None:
        raise FieldError(f"must be text, not {shown(value)}")
    return result


def optional_text(value: Any) -> str | None:
    """Like `text`, with None for missing or empty."""
    return text(value) or None


def flag(value: Any, default: bool = False) -> bool:
    """true or false (missing: `default`)."""
    if value is None:
        return default
    if not isinstance(value, bool):
        raise FieldError(f"must be true or false, not {shown(value)}")
    return value


def whole_number(value: Any, low: int, high: int) -> int | None:
    """A whole number from `low` to `high`, or None when missing. 20.0 is taken as 20."""
    if value is None:
        return None
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise FieldError(f"must be a whole number from {low} to {high}, not {shown(value)}")
    return value


def day(value: Any) -> date | None:
    """A date (2024-09-13), or None when missing."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise FieldError(f"must be a date like 2024-09-13, not {shown(value)}")


def moment(value: Any) -> datetime | None:
    """A date and time (2024-09-13T09:30:00+12:00), or None when missing."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value.strip())
        except ValueError:
            pass
    raise FieldError(f"must be a date and time like 2024-09-13T09:30:00, not {shown(value)}")


def mapping(value: Any, what: str = "a mapping") -> dict[Any, Any]:
    """A mapping (missing: empty)."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise FieldError(f"must be {what}, not {shown(value)}")
    return value


def items(value: Any, what: str = "a list") -> list[Any]:
    """A list (missing: empty)."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise FieldError(f"must be {what}, not {shown(value)}")
    return value


def text_list(value: Any) -> list[str]:
    """A list of texts (ids, rule names ...); empty entries are dropped."""
    result = []
    for number, item in enumerate(items(value, "a list of texts"), 1):
        entry = _scalar_text(item)
        if entry is None:
            raise FieldError(f"item {number} must be text, not {shown(item)}")
        if entry.strip():
            result.append(entry)
    return result


def text_map(value: Any) -> dict[str, str]:
    """A mapping of text to text."""
    result = {}
    for key, item in mapping(value, "a mapping of texts").items():
        entry = _scalar_text(item) if item is not None else ""
        if _scalar_text(key) is None or entry is None:
            raise FieldError(f"{shown(key)} must map to text, not {shown(item)}")
        result[str(key)] = entry
    return result


def plain(value: Any, depth: int = 0) -> Any:
    """Plain data (text, finite numbers, true/false, empty, dates as ISO text, lists and
    mappings with text keys), nested at most MAX_DEPTH deep; anything else is an error."""
    if depth > MAX_DEPTH:
        raise FieldError(f"is nested more than {MAX_DEPTH} deep")
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise FieldError(f"holds {shown(value)}, which is not a number oiadraft uses")
        return value
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, list):
        return [plain(item, depth + 1) for item in value]
    if isinstance(value, dict):
        result = {}
        for key, item in value.items():
            if _scalar_text(key) is None:
                raise FieldError(f"has a key that is {shown(key)}, not text")
            result[str(key)] = plain(item, depth + 1)
        return result
    raise FieldError(f"holds {shown(value)}, which a draft never contains")
