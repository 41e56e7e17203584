"""YAML in and out: safe loaders only, errors with file and line, readable output.

Every mapping loaded through `load` is a `Located` dict that remembers the line of the
mapping and of each key, so validators can point at the exact line of a bad field.
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


class Located(dict):
    """A dict loaded from YAML that knows where it came from (1-based lines)."""

    line: int | None = None
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int | None:
        """Line of `key` if present, else the line of the mapping itself."""
        return getattr(self, "key_lines", {}).get(key, self.line)


class _LocatingLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loader whose mappings are `Located` dicts."""


def _construct_located(loader: yaml.SafeLoader, node: yaml.MappingNode) -> Located:
    loader.flatten_mapping(node)
    mapping = Located()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError as exc:
            raise yaml.constructor.ConstructorError(
                None, None, "found an unhashable key", key_node.start_mark
            ) from exc
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[str(key)] = key_node.start_mark.line + 1
    return mapping


_LocatingLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_located)


def load(text: str, source: str | Path = "<text>") -> Any:
    """Parse one YAML document safely; raise DataError with the file and line on bad syntax."""
    try:
        return yaml.load(text, Loader=_LocatingLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise DataError(f"YAML syntax error: {problem}", source, line) from None
    except yaml.YAMLError as exc:
        raise DataError(f"YAML error: {exc}", source) from None


def load_file(path: Path | Any, source: str | None = None) -> Any:
    """Read and parse a file (a Path or an importlib.resources Traversable)."""
    name = source or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise DataError("not UTF-8 text", name) from None
    except OSError as exc:
        raise DataError(f"cannot read: {exc.strerror or exc}", name) from None
    return load(text, name)


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
