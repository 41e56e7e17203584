"""YAML in and out: safe loaders only, errors with file and line, readable output.

Every mapping loaded through `load` is a `Located` dict that remembers the line of the
mapping and of each key, so validators can point at the exact line of a bad field. A key
written twice in one mapping is an error (with its line), not a silent overwrite; text that is
neither UTF-8 nor UTF-16 that begins with its byte order mark, or that holds a character YAML
forbids (NUL, other controls), is an error with its line.
`load(..., aliases=False)` refuses YAML aliases (`*name`): files oiadraft writes never contain
them, and an alias "bomb" of a few hundred bytes would expand to billions of items in anything
that walks the result as a tree.
Multi-line strings are written in `|` block style so drafts and clauses diff cleanly.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

try:  # the C loader is much faster; fall back when libyaml is missing
    _BaseLoader = yaml.CSafeLoader
    _BaseDumper = yaml.CSafeDumper
except AttributeError:  # pragma: no cover - depends on the platform build of PyYAML
    _BaseLoader = yaml.SafeLoader  # type: ignore[misc]
    _BaseDumper = yaml.SafeDumper  # type: ignore[misc]

from oiadraft.errors import DataError
from oiadraft.text import encoding_of


class Located(dict):
    """A dict loaded from YAML that knows where it came from (1-based lines)."""

    line: int | None = None
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int | None:
        """Line of `key` if present, else the line of the mapping itself."""
        return getattr(self, "key_lines", {}).get(key, self.line)


class _Refused(yaml.MarkedYAMLError):
    """A well-formed document oiadraft will not read (duplicate key, alias where none belong)."""


class _LocatingLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loader whose mappings are `Located` dicts."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        # PyYAML raises a bare ValueError for a date like 2024-13-01 or an integer of
        # thousands of digits: make it an error at the value's line like any other.
        try:
            return super().construct_object(node, deep)
        except (ValueError, OverflowError) as exc:
            value = node.value if isinstance(node, yaml.ScalarNode) else ""
            shown = value if len(value) <= 40 else value[:39] + "…"
            why = "it has too many digits" if "digits" in str(exc) else str(exc)
            raise _Refused(None, None, f"the value {shown!r} cannot be read: {why}",
                           node.start_mark) from None


MERGE_TAG = "tag:yaml.org,2002:merge"


def _construct_located(loader: yaml.SafeLoader, node: yaml.MappingNode) -> Located:
    # Keys written in this mapping (not those merged in with `<<`, which explicit keys override).
    written = {id(key_node) for key_node, _ in node.value if key_node.tag != MERGE_TAG}
    loader.flatten_mapping(node)
    mapping = Located()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    seen: set[Any] = set()
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError as exc:
            raise yaml.constructor.ConstructorError(
                None, None, "found an unhashable key", key_node.start_mark
            ) from exc
        if id(key_node) in written:
            if key in seen:
                raise _Refused(None, None, f"the key {str(key)[:60]!r} is written twice in "
                               "this mapping (keep one)", key_node.start_mark)
            seen.add(key)
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[str(key)] = key_node.start_mark.line + 1
    return mapping


_LocatingLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_located)


def load(text: str, source: str | Path = "<text>", *, aliases: bool = True) -> Any:
    """Parse one YAML document safely; raise DataError with the file and line on bad syntax,
    a duplicate key, a forbidden character or (with `aliases=False`) any alias."""
    loader = _LocatingLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        if not aliases:
            _refuse_aliases(node)
        return loader.construct_document(node)
    except _Refused as exc:
        mark = exc.problem_mark
        raise DataError(str(exc.problem), source,
                        mark.line + 1 if mark is not None else None) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise DataError(f"YAML syntax error: {problem}", source, line) from None
    except yaml.reader.ReaderError as exc:
        raise DataError(_forbidden_character(text, exc.character), source,
                        _line_of_character(text, exc.character)) from None
    except yaml.YAMLError as exc:
        raise DataError(f"YAML error: {' '.join(str(exc).split())}", source) from None
    except RecursionError:
        raise DataError("the YAML is nested too deeply", source) from None
    finally:
        loader.dispose()


def _refuse_aliases(root: yaml.Node) -> None:
    """Raise `_Refused` if any node is reached twice (that is what an alias makes)."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            raise _Refused(None, None, "uses a YAML alias (*name) of the anchor here; oiadraft's "
                           "files never contain aliases", node.start_mark)
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                stack.extend((key_node, value_node))


def _line_of_character(text: str, code: Any) -> int | None:
    if not isinstance(code, int):
        return None
    index = text.find(chr(code))
    return text.count("\n", 0, index) + 1 if index >= 0 else None


def _forbidden_character(text: str, code: Any) -> str:
    if code == 0:
        return "holds a NUL character (a binary file?)"
    if isinstance(code, int):
        return f"holds the control character U+{code:04X}, which YAML does not allow"
    return "holds a character YAML does not allow"


def decode(data: bytes, source: str | Path = "<text>") -> str:
    """UTF-8 bytes to text (a BOM is dropped), or UTF-16 that begins with its byte order mark;
    DataError with the line of the first bad byte."""
    encoding = encoding_of(data)
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        if encoding == "utf-16":
            raise DataError(f"not UTF-8 text, and not whole UTF-16 text either (it begins "
                            f"as UTF-16, but its bytes {exc.start} to {exc.end} are not valid "
                            "there); save it as UTF-8", source) from None
        line = data.count(b"\n", 0, exc.start) + 1
        raise DataError(f"not UTF-8 text (byte 0x{data[exc.start]:02x} is not valid there)",
                        source, line) from None


def load_file(path: Path | Any, source: str | None = None, *, aliases: bool = True) -> Any:
    """Read and parse a file (a Path or an importlib.resources Traversable)."""
    name = source or str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DataError(f"cannot read: {exc.strerror or exc}", name) from None
    return load(decode(data, name), name, aliases=aliases)


class _BlockDumper(_BaseDumper):  # type: ignore[misc, valid-type]
    """Safe dumper that writes multi-line strings in `|` block style."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value:
        # Block style cannot carry trailing spaces on lines or some control characters;
        # PyYAML falls back to quoted style by itself when it must.
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_BlockDumper.add_representer(str, _represent_str)
_BlockDumper.add_representer(Located, _BlockDumper.represent_dict)


def dump(data: Any) -> str:
    """Serialise to YAML a person can read and diff (keys in the given order, UTF-8 kept)."""
    return yaml.dump(
        data,
        Dumper=_BlockDumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
    )
