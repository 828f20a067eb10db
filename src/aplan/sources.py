"""Load YAML into plain data that remembers where every value was written.

PyYAML's composer gives nodes with positions; we build the Python values ourselves so that:
- every mapping key and value keeps its line and column (1-based), for messages;
- duplicate keys are errors instead of silently keeping the last one;
- YAML 1.1's implicit types are narrowed to YAML 1.2's core schema: ``yes``/``no``/``on``/``off``
  stay strings, ``010`` is the decimal 10, ``1,121,990`` and bare dates stay strings, and a
  number with a decimal point is an exact ``Decimal`` of the digits written, never a float;
- only the standard tags are accepted (no Python objects: safe loading only).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .problems import Problem, Severity

try:  # libyaml's C parser when present; the resolver below is used by both.
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

Path_ = tuple[str | int, ...]
"""Where a value sits in a document: keys and list indexes from the root."""

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"


class _Loader(_BaseLoader):
    """A safe loader that resolves plain scalars by the YAML 1.2 core schema."""

    yaml_implicit_resolvers = {}  # noqa: RUF012 - replaced, not shared with SafeLoader


for _tag, _pattern, _first in (
    (_BOOL, r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    (_INT, r"^[-+]?[0-9]+$", "-+0123456789"),
    (_FLOAT, r"^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)(?:[eE][-+]?[0-9]+)?$", "-+.0123456789"),
    (_NULL, r"^(?:~|null|Null|NULL|)$", "~nN\0"),
):
    _Loader.add_implicit_resolver(_tag, re.compile(_pattern), list(_first) + [""] * (_tag == _NULL))


@dataclass(frozen=True)
class Mark:
    line: int
    column: int


@dataclass
class Document:
    """A parsed source file: its data and where each part of it was written."""

    file: str
    data: Any
    values: dict[Path_, Mark] = field(default_factory=dict)
    keys: dict[Path_, Mark] = field(default_factory=dict)

    def at(self, path: Path_) -> Mark:
        """The position of the value at ``path``, or of its nearest written ancestor."""
        for end in range(len(path), -1, -1):
            mark = self.values.get(path[:end])
            if mark is not None:
                return mark
        return Mark(1, 1)

    def key_at(self, path: Path_) -> Mark:
        return self.keys.get(path) or self.at(path)

    def problem(
        self, path: Path_, code: str, message: str, severity: Severity = Severity.ERROR
    ) -> Problem:
        mark = self.at(path)
        return Problem(self.file, mark.line, mark.column, severity, code, message)


def _mark(node: Node) -> Mark:
    return Mark(node.start_mark.line + 1, node.start_mark.column + 1)


def load(path: Path, display: str | None = None) -> tuple[Document | None, list[Problem]]:
    """Read one YAML file; a file that cannot be parsed gives ``None`` and its problem."""
    name = display or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        return None, [Problem(name, 1, 1, Severity.ERROR, "read", f"cannot read file: {err}")]
    return parse(text, name)


def parse(text: str, name: str) -> tuple[Document | None, list[Problem]]:
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = " ".join(s for s in (err.context, err.problem) if s)
        return None, [Problem(name, line, column, Severity.ERROR, "yaml", f"invalid YAML: {what}")]
    except yaml.YAMLError as err:
        return None, [Problem(name, 1, 1, Severity.ERROR, "yaml", f"invalid YAML: {err}")]
    doc = Document(name, None)
    if root is None:
        doc.data = {}
        doc.values[()] = Mark(1, 1)
        return doc, []
    builder = _Builder(doc)
    doc.data = builder.build(root, ())
    return doc, builder.problems


class _Builder:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.problems: list[Problem] = []

    def build(self, node: Node, path: Path_) -> Any:
        self.doc.values[path] = _mark(node)
        if isinstance(node, MappingNode):
            return self._mapping(node, path)
        if isinstance(node, SequenceNode):
            self._expect_tag(node, _SEQ, path)
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        assert isinstance(node, ScalarNode)
        return self._scalar(node, path)

    def _mapping(self, node: MappingNode, path: Path_) -> dict[str, Any]:
        self._expect_tag(node, _MAP, path)
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self._error(_mark(key_node), "key", "a key must be plain text")
                continue
            key = str(key_node.value)
            if key in result:
                first = self.doc.keys[(*path, key)]
                self._error(
                    _mark(key_node),
                    "duplicate-key",
                    f"{_dotted((*path, key))}: duplicate key `{key}` (first at line {first.line});"
                    " each key may appear once",
                )
                continue
            self.doc.keys[(*path, key)] = _mark(key_node)
            result[key] = self.build(value_node, (*path, key))
        return result

    def _scalar(self, node: ScalarNode, path: Path_) -> Any:
        value = str(node.value)
        tag = node.tag
        if tag == _STR:
            return value
        if tag == _NULL:
            return None
        if tag == _BOOL:
            return value.lower() == "true"
        if tag == _INT:
            return int(value)
        if tag == _FLOAT:
            return Decimal(value)
        self._error(
            _mark(node), "tag", f"{_dotted(path)}: unsupported YAML tag {tag}; write plain values"
        )
        return value

    def _expect_tag(self, node: Node, tag: str, path: Path_) -> None:
        if node.tag != tag:
            self._error(
                _mark(node),
                "tag",
                f"{_dotted(path)}: unsupported YAML tag {node.tag}; write plain values",
            )

    def _error(self, mark: Mark, code: str, message: str) -> None:
        self.problems.append(
            Problem(self.doc.file, mark.line, mark.column, Severity.ERROR, code, message)
        )


def scalars(value: Any, path: Path_ = ()) -> Iterator[tuple[Path_, Any]]:
    """Every leaf value of parsed data, with its path, in document order."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from scalars(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from scalars(item, (*path, i))
    else:
        yield path, value


def _dotted(path: Path_) -> str:
    """``("spent", "q1", "amount")`` → ``spent.q1.amount``; list indexes as ``[0]``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(document)"


dotted = _dotted
