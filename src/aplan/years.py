"""Checks that tie a data folder to its fiscal year, for the folder a new year starts from.

A folder copied from last year keeps last year's words: ``aplan new-year`` carries figures over
with a ``# new-year:`` comment until they are typed again, and these checks say where a folder
still speaks of another year.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from .binding import Loaded
from .dataset import DataSet
from .problems import Problem, Severity
from .sources import Document, Path_, TypedText, dotted, scalars

CARRIED = "# new-year:"
"""The comment ``aplan new-year`` writes beside a figure that is last year's until retyped."""

FOLDER_YEAR = re.compile(r"^\d{4}$")
DATE = re.compile(r"^[\d๐-๙]{4}-[\d๐-๙]{2}(?:-[\d๐-๙]{2})?$")
YEAR = re.compile(r"(?<![\d๐-๙][.,])(?<![\d๐-๙])[2๒][4-7๔-๗][\d๐-๙]{2}(?![\d๐-๙]|[.,][\d๐-๙])")
RANGE = re.compile(f"({YEAR.pattern})\\s*[-–—]\\s*({YEAR.pattern})")
_ARABIC = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
LAW_FIELDS = frozenset({("legal_basis",), ("structure_basis",)})
"""office.yaml's laws and announcements are named by the year they were made: never stale."""


def _sources(data: DataSet) -> list[Loaded[Any]]:
    parts = (data.report, data.office, data.direction, data.budget, data.disbursement)
    return [*(x for x in parts if x is not None), *data.projects]


def _fiscal_year(data: DataSet) -> int | None:
    if data.report is None or not data.report.has("fiscal_year"):
        return None
    return data.report.model.fiscal_year


def check_folder_year(data: DataSet) -> Iterator[Problem]:
    """A folder named for a year (``data/2568``) holds that fiscal year's report.

    A folder with any other name (``offices/chanthaburi2``) is free: the report's year is
    ``fiscal_year`` alone. Without this, a copied folder builds ``report-2568-h1.pdf`` that
    prints ๒๕๖๗ on its cover.
    """
    fiscal_year, name = _fiscal_year(data), data.root.resolve().name
    if fiscal_year is None or data.report is None or not FOLDER_YEAR.match(name):
        return
    if not 2400 <= int(name) <= 2700 or int(name) == fiscal_year:
        return
    yield data.report.doc.problem(
        ("fiscal_year",),
        "folder-year",
        f"fiscal_year: the folder is named {name}, but fiscal_year is {fiscal_year}; type "
        f"`fiscal_year: {name}` (or start the year with `aplan new-year {name} --from <last "
        "year's folder>`), or name the folder for the year it holds",
    )


def carried_figures(data: DataSet) -> Iterator[tuple[Document, Path_, Any]]:
    """(document, path, value) of each figure still marked with the ``# new-year:`` comment."""
    typed = TypedText()
    for source in _sources(data):
        text = typed.lines(source.doc.file)
        for path, value in scalars(source.doc.data):
            mark = source.doc.at(path)
            if value is None or not 0 < mark.line <= len(text):
                continue
            if CARRIED in text[mark.line - 1][mark.column - 1 :]:
                yield source.doc, path, value


def check_carried_figures(data: DataSet) -> Iterator[Problem]:
    """A figure ``aplan new-year`` carried over is last year's until the office types it again."""
    for doc, path, value in carried_figures(data):
        yield doc.problem(
            path,
            "carried-figure",
            f"{dotted(path)}: {value} is last year's figure, carried over by `aplan new-year`; "
            f"type this year's figure, then delete the `{CARRIED}` comment",
            Severity.WARNING,
        )


def check_other_years(data: DataSet) -> Iterator[Problem]:
    """Text that names a year far from the fiscal year was likely copied from another year.

    Text only: a month or a day (``duration``, a letter's ``date``) is checked as such.
    Allowed: the fiscal year, the year before (its first quarter is October–December of that
    Buddhist-Era year) and the year after (next year's budget is requested during this one);
    a span that holds the fiscal year (แผนพัฒนาการศึกษา พ.ศ. 2566-2570); and the years of
    the laws in office.yaml.
    """
    fiscal_year = _fiscal_year(data)
    if fiscal_year is None:
        return
    typed = TypedText()
    for source in _sources(data):
        for path, value in scalars(source.doc.data):
            if not isinstance(value, str) or (source is data.office and path in LAW_FIELDS):
                continue
            if DATE.match(value.strip()):
                continue  # a month or day (duration, letter date): checked as one, not as text
            for start, written in stale_years(value, fiscal_year):
                line, column = _position(typed, source.doc, path, value, start, written)
                yield Problem(
                    source.doc.file, line, column, Severity.WARNING, "other-year",
                    f"{dotted(path)}: this text names the year {written}, but the report is "
                    f"for fiscal year {fiscal_year}; write this year's text (a year that is "
                    "meant, such as a plan's span written 2566-2570, may stay)",
                )


def fiscal_year_texts(data: DataSet, year: int) -> Iterator[Problem]:
    """Text naming ``year`` as a fiscal year (ปีงบประมาณ พ.ศ. 2567): after ``aplan new-year``,
    last year's words to review. Not a check: this year's text may well name last year's."""
    written = f"{year}|{str(year).translate(_THAI)}"
    phrase = re.compile(f"ปีงบประมาณ\\s*(?:พ\\.ศ\\.)?\\s*({written})(?![\\d๐-๙])")
    typed = TypedText()
    for source in _sources(data):
        for path, value in scalars(source.doc.data):
            if not isinstance(value, str):
                continue
            for match in phrase.finditer(value):
                line, column = _position(
                    typed, source.doc, path, value, match.start(1), match.group(1)
                )
                yield Problem(
                    source.doc.file, line, column, Severity.WARNING, "last-year-text",
                    f"{dotted(path)}: names fiscal year {match.group(1)}",
                )


def stale_years(text: str, fiscal_year: int) -> list[tuple[int, str]]:
    """(offset, year as written) of each year in ``text`` that is not near ``fiscal_year``."""
    covered: set[int] = set()
    for span in RANGE.finditer(text):
        first, last = (int(span.group(i).translate(_ARABIC)) for i in (1, 2))
        if first <= fiscal_year <= last:
            covered.update((span.start(1), span.start(2)))
    found = []
    for match in YEAR.finditer(text):
        year = int(match.group().translate(_ARABIC))
        if match.start() in covered or not 2400 <= year <= 2700:
            continue
        if abs(year - fiscal_year) > 1:
            found.append((match.start(), match.group()))
    return found


def _position(
    typed: TypedText, doc: Document, path: Path_, value: str, offset: int, written: str
) -> tuple[int, int]:
    """Where the year is typed: its k-th occurrence in the value is the k-th from the value's
    start (a value folded over several lines is searched line by line from its first)."""
    return typed.find(doc, path, written, skip=value[:offset].count(written))
