"""One shape for every problem aplan finds, and the three ways to print them."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """A problem at a place in a source file; ordered by file, line and column.

    Line and column 0 mean the file as a whole (missing, unreadable, an output path).
    """

    file: str
    line: int
    column: int
    severity: Severity
    code: str
    message: str

    def human(self) -> str:
        place = f"{self.file}:{self.line}:{self.column}" if self.line else self.file
        return f"{place}: {self.severity}: {self.message} [{self.code}]"

    def github(self) -> str:
        title = f"aplan {self.code}"
        message = self.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        place = f",line={self.line},col={self.column}" if self.line else ""
        return f"::{self.severity} file={self.file}{place},title={title}::{message}"


SHOWN_CHARS = 40
"""A typed value quoted in a message is cut here: the message names its line anyway."""


def show(value: object) -> str:
    """A typed value as the user wrote it, for a message: never a Python class name."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "an empty value"
    if isinstance(value, dict):
        return "keys (`key: value` lines)"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        cut = value if len(value) <= SHOWN_CHARS else value[:SHOWN_CHARS] + "…"
        return repr(cut)  # quoted, with invisible characters spelled out (\t, \x00)
    return str(value)


def errors(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity is Severity.ERROR]


def summary_line(problems: Sequence[Problem]) -> str:
    n_errors = len(errors(problems))
    n_warnings = len(problems) - n_errors
    return f"{_plural(n_errors, 'error')}, {_plural(n_warnings, 'warning')}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def as_json(problems: Sequence[Problem]) -> str:
    return json.dumps([asdict(p) for p in problems], ensure_ascii=False, indent=2)
