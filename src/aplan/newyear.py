"""Start the next fiscal year's folder from the last one: ``aplan new-year 2568 --from data/2567``.

What carries over (the office, its direction, the projects and their plans) is copied as typed,
with the office's comments and layout: every change is a textual edit at the position the YAML
parser gives, never a re-dump. What is reported as the year goes (spending, results, problems,
suggestions, photos, the disbursement snapshots) is emptied. Durations move by the years
between. Figures the new year must give again (the allocation letter, the declared totals,
Table 1's items, each project's budget) keep last year's value with a ``# new-year:`` comment,
so the folder validates and builds at once, and ``aplan validate`` warns about each until it is
typed (``carried-figure``).

The new folder is made beside the target under a temporary name and renamed into place when
whole; the source folder is only read, and an existing target is never touched.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .dataset import PROJECTS_DIR, DataSet, load_dataset
from .problems import Problem, Severity, errors
from .sources import dotted
from .validate import validate
from .years import CARRIED, carried_figures, fiscal_year_texts

REPORTED = ("spent", "results", "spent_note", "problems", "suggestions", "photos")
"""Project fields written as the year goes: emptied, to be reported again."""
EMPTY = {"spent": "{}", "results": "{}", "spent_note": "{}"}
"""The empty form of each reported field; the others are lists (``[]``)."""
DECLARED = ("expected_total", "running_costs", "projects")
"""budget.yaml's declared totals: the new allocation letter gives new ones."""


@dataclass
class Outcome:
    problems: list[Problem] = field(default_factory=list)
    target: Path | None = None


@dataclass(frozen=True)
class Review:
    """What the new folder still needs: figures to type, old text to read, other problems."""

    to_type: list[str]
    """``file:line:column: path: value`` of each figure still last year's."""
    last_year: list[str]
    """``file:line:column: path: names fiscal year 2567`` of text to review."""
    problems: list[Problem]
    """What ``aplan validate`` says besides the figures to type."""


@dataclass
class _Edits:
    """Replacements of character spans in one file's text, applied from the end."""

    text: str
    spans: list[tuple[int, int, str]] = field(default_factory=list)

    def replace(self, start: int, end: int, new: str) -> None:
        self.spans.append((start, end, new))

    def apply(self) -> str:
        text = self.text
        for start, end, new in sorted(self.spans, reverse=True):
            text = text[:start] + new + text[end:]
        return text


def new_year(source: Path, year: int, target: Path) -> Outcome:
    """Make ``target`` from ``source`` for fiscal year ``year``; problems say why not."""
    outcome = Outcome()
    if target.exists():
        outcome.problems.append(
            _problem(
                target,
                f"{target} already exists; aplan new-year never overwrites a folder: "
                "remove it first, or name another with --to",
            )
        )
        return outcome
    if target.resolve().is_relative_to(source.resolve()):
        outcome.problems.append(
            _problem(target, f"{target} is inside {source}, which aplan new-year only reads; "
                     "name a folder beside it, such as --to "
                     f"{source.parent / str(year)}")
        )
        return outcome
    data, found = load_dataset(source)
    if not _readable(source, data):
        outcome.problems.extend(errors(found))  # every file is edited as text: all must parse
        return outcome
    assert data.report is not None
    report_data = data.report.doc.data
    last = report_data.get("fiscal_year") if isinstance(report_data, dict) else None
    if not isinstance(last, int):
        report = data.report.doc
        outcome.problems.append(
            report.problem(("fiscal_year",), "new-year", "fiscal_year: the source folder's "
                           "fiscal year is not a whole number; fix it there first")
        )
        return outcome
    if year <= last:
        outcome.problems.append(
            _problem(source / "report.yaml",
                     f"the new fiscal year {year} must come after the source's ({last}); "
                     f"type a year such as {last + 1}")
        )
        return outcome
    photos = {
        (source / str(photo.get("file"))).resolve()
        for project in data.projects
        if isinstance(project.doc.data, dict)
        for photo in _list(project.doc.data.get("photos"))
        if isinstance(photo, dict)
    }
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.new-year."))
    try:
        folder = work / target.name
        shutil.copytree(
            source, folder, ignore=lambda where, names: _photos(Path(where), names, photos)
        )
        _rewrite(folder, year, year - last)
        os.rename(folder, target)  # fails, leaving nothing, if the target appeared meanwhile
    finally:
        shutil.rmtree(work, ignore_errors=True)
    outcome.target = target
    return outcome


def review(folder: Path, year: int) -> Review:
    """The new folder as ``aplan validate`` sees it, sorted for the person who starts it."""
    data, problems = validate(folder)
    to_type = [
        f"{doc.file}:{mark.line}:{mark.column}: {dotted(path)}: {value}"
        for doc, path, value in carried_figures(data)
        for mark in (doc.at(path),)
    ]
    last_year = [
        f"{p.file}:{p.line}:{p.column}: {p.message}"
        for p in sorted(fiscal_year_texts(data, year - 1))
    ]
    return Review(to_type, last_year, [p for p in problems if p.code != "carried-figure"])


def _readable(source: Path, data: DataSet) -> bool:
    """Every source file there was parsed (a type error in one is for ``validate`` to say)."""
    required = (data.report, data.office, data.direction, data.budget)
    disbursement = not (source / "disbursement.yaml").is_file() or data.disbursement is not None
    written = len(list((source / PROJECTS_DIR).glob("*.yaml")))
    return all(x is not None for x in required) and disbursement and written == len(
        data.projects
    ) > 0


def _photos(where: Path, names: list[str], photos: set[Path]) -> set[str]:
    """Last year's photos stay with last year's report."""
    return {name for name in names if (where / name).resolve() in photos}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _problem(path: Path, message: str) -> Problem:
    return Problem(str(path), 1, 1, Severity.ERROR, "new-year", message)


def _rewrite(folder: Path, year: int, shift: int) -> None:
    note = f"  {CARRIED} FY{year - shift}'s figure; type FY{year}'s, then delete this comment"
    _edit(folder / "report.yaml", lambda root, edits: _report(root, edits, year))
    _edit(folder / "budget.yaml", lambda root, edits: _budget(root, edits, note))
    _edit(folder / "disbursement.yaml", _disbursement)
    for project in sorted((folder / PROJECTS_DIR).glob("*.yaml")):
        _edit(project, lambda root, edits: _project(root, edits, shift, note))


def _edit(path: Path, change: Callable[[MappingNode, _Edits], None]) -> None:
    if not path.is_file():
        return
    with path.open(encoding="utf-8", newline="") as handle:  # line ends kept as saved
        text = handle.read()
    root = yaml.compose(text, Loader=yaml.SafeLoader)  # pure Python: marks count characters
    if not isinstance(root, MappingNode):
        return
    edits = _Edits(text)
    change(root, edits)
    if edits.spans:
        with path.open("w", encoding="utf-8", newline="") as handle:
            handle.write(edits.apply())


def _report(root: MappingNode, edits: _Edits, year: int) -> None:
    node = _get(root, "fiscal_year")
    if isinstance(node, ScalarNode):
        edits.replace(node.start_mark.index, node.end_mark.index, str(year))


def _budget(root: MappingNode, edits: _Edits, note: str) -> None:
    allocation = _get(root, "allocation")
    if isinstance(allocation, MappingNode):
        for key in DECLARED:
            _mark(_get(allocation, key), edits, note)
        _first_letter_only(allocation, edits, note)
    for leaf in _amounts(_get(root, "spending_plan")):
        _mark(leaf, edits, note)


def _first_letter_only(allocation: MappingNode, edits: _Edits, note: str) -> None:
    """The new year starts with its first allocation letter, of an amount still to be typed."""
    letters = _pair(allocation, "letters")
    if letters is None or not isinstance(letters[1], SequenceNode) or not letters[1].value:
        return
    key, node = letters
    first = node.value[0]
    amount = _get(first, "amount") if isinstance(first, MappingNode) else None
    if not isinstance(amount, ScalarNode):
        return
    raw = edits.text[amount.start_mark.index : amount.end_mark.index]
    indent = " " * (key.start_mark.column + 2)
    new = f":\n{indent}- number: 1\n{indent}  amount: {raw}{note}"
    edits.replace(key.end_mark.index, _end(node, edits.text), new)


def _amounts(node: Node | None) -> Iterator[Node]:
    """The ``amount`` of every line item of the spending plan (categories have none)."""
    if isinstance(node, SequenceNode):
        for item in node.value:
            if isinstance(item, MappingNode):
                amount = _get(item, "amount")
                if amount is not None:
                    yield amount
                yield from _amounts(_get(item, "items"))


def _disbursement(root: MappingNode, edits: _Edits) -> None:
    _empty(root, "periods", "{}", edits)


def _project(root: MappingNode, edits: _Edits, shift: int, note: str) -> None:
    _mark(_get(root, "budget"), edits, note)
    for name in REPORTED:
        _empty(root, name, EMPTY.get(name, "[]"), edits)
    duration = _get(root, "duration")
    if isinstance(duration, MappingNode):
        for name in ("start", "end"):
            _move(_get(duration, name), shift, edits)


def _move(node: Node | None, shift: int, edits: _Edits) -> None:
    """``2566-10`` → ``2567-10``: the year moves, the month and the quoting stay as typed."""
    if not isinstance(node, ScalarNode):
        return
    value = node.value.strip()
    year, dash, month = value.partition("-")
    digits = year.translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789"))
    if not dash or not digits.isdigit() or len(digits) != 4:
        return
    moved = str(int(digits) + shift)
    if year != digits:  # typed in Thai digits: kept so
        moved = moved.translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))
    raw = edits.text[node.start_mark.index : node.end_mark.index]
    new = raw.replace(value, f"{moved}-{month}")
    edits.replace(node.start_mark.index, node.end_mark.index, new)


def _mark(node: Node | None, edits: _Edits, note: str) -> None:
    """Keep the figure, with a comment at the end of its line saying it is last year's.

    A figure still marked from an earlier ``new-year`` gets the new note in place of the old.
    """
    if not isinstance(node, ScalarNode):
        return
    text = edits.text
    end = text.find("\n", node.end_mark.index)
    end = len(text) if end < 0 else end
    if end > node.end_mark.index and text[end - 1] == "\r":
        end -= 1
    start = text.find(CARRIED, node.end_mark.index, end)
    if start >= 0:
        while start > node.end_mark.index and text[start - 1] == " ":
            start -= 1
    edits.replace(end if start < 0 else start, end, note)


def _empty(root: MappingNode, name: str, empty: str, edits: _Edits) -> None:
    """``name:`` and all it held (nested comments too) become ``name: {}`` or ``name: []``."""
    found = _pair(root, name)
    if found is None:
        return
    key, value = found
    edits.replace(key.end_mark.index, _end(value, edits.text), f": {empty}")


def _end(node: Node, text: str) -> int:
    """Where a value's own text ends: its last scalar or closing bracket, not the next key.

    A block scalar's end mark lies past its trailing line breaks; they stay.
    """
    if isinstance(node, ScalarNode) or getattr(node, "flow_style", False):
        end = node.end_mark.index
        while end > node.start_mark.index and text[end - 1] in " \t\r\n":
            end -= 1
        return end
    children: list[Node] = []
    if isinstance(node, SequenceNode):
        children = list(node.value)
    elif isinstance(node, MappingNode):
        children = [part for pair in node.value for part in pair]
    return max((_end(child, text) for child in children), default=node.start_mark.index)


def _pair(mapping: MappingNode, name: str) -> tuple[ScalarNode, Node] | None:
    for key, value in mapping.value:
        if isinstance(key, ScalarNode) and key.value == name:
            return key, value
    return None


def _get(mapping: Node | None, name: str) -> Node | None:
    if not isinstance(mapping, MappingNode):
        return None
    found = _pair(mapping, name)
    return found[1] if found else None
