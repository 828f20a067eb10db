"""Load YAML into plain data that remembers where every value was written.

PyYAML's composer gives nodes with positions; we build the Python values ourselves so that:
- every mapping key and value keeps its line and column (1-based), for messages;
- duplicate keys are errors instead of silently keeping the last one;
- YAML 1.1's implicit types are narrowed to YAML 1.2's core schema: ``yes``/``no``/``on``/``off``
  stay strings, ``010`` is the decimal 10, ``1,121,990`` and bare dates stay strings, and a
  number with a decimal point is an exact ``Decimal`` of the digits written, never a float;
- only the standard tags are accepted (no Python objects: safe loading only);
- every resource is bounded before any value is built: the file's size, the nesting depth, a
  value's length and a number's digits, and aliases are refused (a few lines of them can expand
  to gigabytes); each limit passed is an error at its place that states the limit;
- a file that is not UTF-8, or holds a character YAML forbids, is reported at the first such
  character, with the encoding named when it is recognisably Windows-874 or UTF-16.
"""

from __future__ import annotations

import os
import re
import stat
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
    reported: set[Path_] = field(default_factory=set)
    """Values already reported while loading (a number too long): binding says no more."""

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


YAML_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
"""Where YAML starts a new line, so that line numbers agree with the parser's marks (a control
character such as \\x0c inside a value is not a line break)."""


class TypedText:
    """Source files' lines as typed, each file read once: to place words inside a value (a year,
    a round's name, a character), where the parser marks only the value's start."""

    def __init__(self) -> None:
        self._lines: dict[str, list[str]] = {}

    def lines(self, file: str) -> list[str]:
        if file not in self._lines:
            try:
                with open(file, encoding="utf-8", newline="") as handle:
                    self._lines[file] = YAML_LINE_BREAK.split(handle.read())
            except (OSError, UnicodeDecodeError, ValueError):
                self._lines[file] = []
        return self._lines[file]

    def find(
        self, doc: Document, path: Path_, text: str, *, skip: int = 0, reach: int = 200
    ) -> tuple[int, int]:
        """Line and column of ``text`` after ``skip`` earlier occurrences, searched from the
        value's start over ``reach`` lines (a value folded over lines); else the value's start.
        Text written as an escape (``"\\0"``) is not in the file as itself: the start it is."""
        mark = doc.at(path)
        lines = self.lines(doc.file)
        for number in range(mark.line, min(len(lines), mark.line + reach) + 1):
            line = lines[number - 1]
            found = line.find(text, mark.column - 1 if number == mark.line else 0)
            while found >= 0:
                if not skip:
                    return number, found + 1
                skip -= 1
                found = line.find(text, found + len(text))
        return mark.line, mark.column


def _mark(node: Node) -> Mark:
    return Mark(node.start_mark.line + 1, node.start_mark.column + 1)


MAX_FILE_BYTES = 1_000_000
"""A source file's largest size: the biggest file of data/2567 is 19 KB."""
MAX_DEPTH = 32
"""Deepest nesting of lists and keys; the models nest about ten levels."""
MAX_VALUE_CHARS = 10_000
"""Longest single value: a preface paragraph is under 500 characters."""
MAX_NUMBER_DIGITS = 15
"""Longest number: 9,999,999,999,999.99 baht has 15 digits."""

_BOM_UTF16 = (b"\xff\xfe", b"\xfe\xff")
# What YAML allows in a file (YAML 1.1 §5.1, as PyYAML reads it): tab, line ends, printable.
_NOT_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


def load(path: Path, display: str | None = None) -> tuple[Document | None, list[Problem]]:
    """Read one YAML file; a file that cannot be read or parsed gives ``None`` and its problem.

    Only a regular file is opened, without blocking (a FIFO named like a source never hangs the
    run), and no more than ``MAX_FILE_BYTES`` of it is read.
    """
    name = display or str(path)
    content, problem = read_bytes(path, name)
    if problem is not None:
        return None, [problem]
    assert content is not None
    text, problem = decode(content, name)
    if problem is not None:
        return None, [problem]
    assert text is not None
    return parse(text, name)


def read_bytes(path: Path, name: str) -> tuple[bytes | None, Problem | None]:
    def fault(message: str) -> tuple[None, Problem]:
        return None, Problem(name, 0, 0, Severity.ERROR, "read", message)

    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as err:
        return fault(f"cannot read the file: {err.strerror or err}")
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return fault(f"{file_kind(info.st_mode)}, not a file; aplan reads only regular files")
        if info.st_size > MAX_FILE_BYTES:
            return fault(_too_big(info.st_size))
        with os.fdopen(fd, "rb", closefd=False) as handle:
            content = handle.read(MAX_FILE_BYTES + 1)
    except OSError as err:
        return fault(f"cannot read the file: {err.strerror or err}")
    finally:
        os.close(fd)
    if len(content) > MAX_FILE_BYTES:
        return fault(_too_big(len(content)))
    return content, None


def _too_big(size: int) -> str:
    return (
        f"the file is {size:,} bytes, more than the limit of {MAX_FILE_BYTES:,} bytes for one "
        "source file; split it, or remove what was pasted into it by mistake"
    )


def file_kind(mode: int) -> str:
    """What a path that is not a regular file is, in words."""
    if stat.S_ISDIR(mode):
        return "this is a folder"
    if stat.S_ISFIFO(mode):
        return "this is a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "this is a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "this is a device"
    return "this is a special file"


def decode(content: bytes, name: str) -> tuple[str | None, Problem | None]:
    """The file's text as UTF-8; another encoding is named, at the first byte that is not UTF-8."""
    if content.startswith(_BOM_UTF16) or content.count(0) > len(content) // 4:
        return None, Problem(
            name, 1, 1, Severity.ERROR, "encoding",
            "the file is saved as UTF-16; save it as UTF-8 (in Notepad: Save As, Encoding UTF-8)",
        )
    try:
        return content.decode("utf-8-sig"), None
    except UnicodeDecodeError as err:
        start = err.start
    line_start = content.rfind(b"\n", 0, start) + 1
    line = content.count(b"\n", 0, start) + 1
    column = len(content[line_start:start].decode("utf-8", errors="replace")) + 1
    if _looks_thai_windows(content):
        what = "the file is saved as Thai Windows-874 (TIS-620), not UTF-8"
    else:
        what = f"byte 0x{content[start]:02X} is not UTF-8 text"
    message = f"{what}; save the file as UTF-8 (in Notepad: Save As, Encoding UTF-8)"
    return None, Problem(name, line, column, Severity.ERROR, "encoding", message)


def _looks_thai_windows(content: bytes) -> bool:
    """Whether bytes that are not UTF-8 read as Thai in Windows-874 (Thai letters are A1-FB)."""
    try:
        text = content.decode("cp874")
    except UnicodeDecodeError:
        return False
    return any("\u0e01" <= char <= "\u0e5b" for char in text)


def _position(text: str, index: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def _character(text: str, name: str) -> Problem | None:
    """The first character YAML does not allow in a file (a NUL, a control character)."""
    found = _NOT_PRINTABLE.search(text)
    if found is None:
        return None
    char = found.group()
    line, column = _position(text, found.start())
    what = f"the control character U+{ord(char):04X}"
    if char == "\0":
        what = "a NUL character (U+0000)"
    more = len(_NOT_PRINTABLE.findall(text, found.end()))
    also = f" (and {more} more in this file)" if more else ""
    return Problem(
        name, line, column, Severity.ERROR, "character",
        f"{what} cannot be written in a YAML file{also}; delete it (it often comes from "
        "copying out of a PDF or a word processor)",
    )


def parse(text: str, name: str) -> tuple[Document | None, list[Problem]]:
    problem = _character(text, name)
    if problem is not None:
        return None, [problem]
    try:
        problem = _check_events(text, name)
        if problem is not None:
            return None, [problem]
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as err:
        return None, [_syntax(err, text, name)]
    except yaml.YAMLError as err:  # pragma: no cover - unmarked errors are found by _character
        return None, [Problem(name, 1, 1, Severity.ERROR, "yaml", f"invalid YAML: {err}")]
    doc = Document(name, None)
    if root is None:
        doc.data = {}
        doc.values[()] = Mark(1, 1)
        return doc, []
    builder = _Builder(doc)
    doc.data = builder.build(root, ())
    return doc, builder.problems


def _check_events(text: str, name: str) -> Problem | None:
    """Bounds checked on the parser's events, before any node is built.

    An alias repeats a part of the file: ten nested aliases of ten make a billion values from a
    few lines, so aliases are refused. Deep nesting and huge values are refused with the limit.
    libyaml stops at 1,000 levels of ``[`` before its parser reaches the 33rd; PyYAML's own
    parser, which has no such stop, then finds where the limit was passed.
    """
    try:
        return _bounds(text, name, _Loader)
    except yaml.MarkedYAMLError as err:
        if "maximum nesting depth" not in str(err.problem):
            raise
    return _bounds(text, name, yaml.SafeLoader)


def _bounds(text: str, name: str, loader: Any) -> Problem | None:
    depth = 0
    for event in yaml.parse(text, Loader=loader):
        mark = event.start_mark
        where = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        if isinstance(event, yaml.AliasEvent):
            return Problem(
                name, *where, Severity.ERROR, "alias",
                f"`*{event.anchor}` repeats another part of the file (a YAML alias); aplan does "
                "not accept aliases: write the value out in full",
            )
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                return Problem(
                    name, *where, Severity.ERROR, "too-deep",
                    f"lists and keys nested more than {MAX_DEPTH} levels deep, the limit; "
                    "no source file needs that many",
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        elif isinstance(event, yaml.ScalarEvent) and len(event.value) > MAX_VALUE_CHARS:
            return Problem(
                name, *where, Severity.ERROR, "too-long",
                f"a value of {len(event.value):,} characters, more than the limit of "
                f"{MAX_VALUE_CHARS:,}; split the text into paragraphs or items",
            )
    return None


# The scanner's context for a `*` or `&` not followed by a name (PyYAML's and libyaml's words).
_ALIAS_CONTEXTS = ("while scanning an alias", "while scanning an anchor")


def _syntax(err: yaml.MarkedYAMLError, text: str, name: str) -> Problem:
    """A parser's error, in words for the person who typed the file, where the mistake is."""
    problem, context = err.problem or "", err.context or ""
    mark = err.problem_mark or err.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    at = text[mark.index] if mark is not None and mark.index < len(text) else ""
    opened = err.context_mark
    opening = text[opened.index] if opened is not None and opened.index < len(text) else ""
    if at == "\t":  # libyaml and PyYAML mark the tab itself, whatever their message
        message = "a tab character; indent with spaces"
    elif "quoted scalar" in context and "end of stream" in problem and opening in ("'", '"'):
        assert opened is not None
        line, column = opened.line + 1, opened.column + 1
        message = f"the text opened with {opening} here is never closed; end it with {opening}"
    elif "mapping values are not allowed" in problem:
        message = (
            "a second `: ` on one line; put text that contains `: ` in quotes, such as "
            "`title: \"ก: ข\"`"
        )
    elif "while parsing a flow" in context and opening in ("[", "{"):
        assert opened is not None
        close = "]" if opening == "[" else "}"
        message = (
            f"expected `,` or `{close}` here: the `{opening}` at line {opened.line + 1}, "
            f"column {opened.column + 1} is not closed; end it with `{close}`"
        )
    elif "while parsing a flow node" in context:
        message = (
            "a value is missing here: a `[` or `{` above is not closed, or a `,` is followed by "
            "nothing"
        )
    elif "unknown escape character" in problem:
        message = (
            "a backslash in double quotes starts an escape such as `\\n`; write `\\\\` for a "
            "backslash, or put the text in single quotes"
        )
    elif "cannot start any token" in problem and at:
        message = (
            f"a value cannot start with the character {at}; put the text in quotes: "
            f"\"{at}…\""
        )
    elif context in _ALIAS_CONTEXTS and opening in ("*", "&") and opened is not None:
        line, column = opened.line + 1, opened.column + 1  # the `*` or `&`, not what follows
        kind = "an alias" if opening == "*" else "an anchor"
        message = (
            f"a value cannot start with {opening} (YAML reads it as {kind}); put the text in "
            f"quotes: \"{opening}…\""
        )
    elif "could not find expected ':'" in problem and opened is not None:
        line, column = opened.line + 1, opened.column + 1  # the line that lacks it
        message = (
            "a line without `key: ` among keys: join it to the line above (as part of its "
            "text), or write it as `key: value`"
        )
    elif "expected a single document" in context:
        message = "a second document (`---`); one file holds one document: remove the `---`"
    elif "did not find expected key" in problem or "expected '-' indicator" in problem:
        message = (
            "this line is indented differently from the lines above it; line up the keys (or "
            "the `- ` items) of one level with the same number of spaces"
        )
    else:
        detail = " ".join(s for s in (context, problem) if s)
        message = f"invalid YAML: {detail}"
    return Problem(name, line, column, Severity.ERROR, "yaml", message)


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
                self._error(
                    _mark(key_node), "key",
                    "a key must be a plain name such as `title`, not a list or a `{…}`: remove "
                    "the brackets",
                )
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
        if tag in (_INT, _FLOAT):
            return self._number(node, path, value)
        self._tag(node, path)
        return value

    def _number(self, node: ScalarNode, path: Path_, value: str) -> Any:
        """An int, or the exact ``Decimal`` written; too long or with an exponent: an error."""
        digits = sum(char.isdigit() for char in value)
        if digits > MAX_NUMBER_DIGITS:
            self._error(
                _mark(node), "number",
                f"{_dotted(path)}: a number of {digits} digits, more than the limit of "
                f"{MAX_NUMBER_DIGITS}; check the figure",
            )
            self.doc.reported.add(path)
            return value
        if "e" in value.lower():
            number = Decimal(value)
            fix = (
                f"write the number in full, such as {number:f}"
                if abs(number.adjusted()) <= MAX_NUMBER_DIGITS
                else "write the number in full, with its digits"
            )
            self._error(
                _mark(node), "number",
                f"{_dotted(path)}: `{value}` is written with an exponent; {fix}",
            )
            self.doc.reported.add(path)
            return value
        return int(value) if node.tag == _INT else Decimal(value)

    def _expect_tag(self, node: Node, tag: str, path: Path_) -> None:
        if node.tag != tag:
            self._tag(node, path)

    def _tag(self, node: Node, path: Path_) -> None:
        written = str(node.tag).replace("tag:yaml.org,2002:", "!!")
        self._error(
            _mark(node), "tag",
            f"{_dotted(path)}: `{written}` is a YAML tag, which aplan does not accept; write "
            "the value plainly, without the tag",
        )
        self.doc.reported.add(path)

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
