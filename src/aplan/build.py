"""The build pipeline: validate → period checks → render → compile → write, in that order.

Everything is gathered and checked before anything is written, the output path too (before the
compile, not after it); a failure at any stage leaves the output file as it was.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .checks import period_problems
from .dataset import DataSet
from .output import OutputError, output_problems, source_date_problems, write_whole
from .period import Period
from .problems import Problem, Severity, errors
from .render.compile import CompileError, compile_pdf, overflows
from .render.overrides import TemplateFailure
from .render.pdftext import fix_thai_text
from .render.report import TEMPLATES, Rendered, render
from .validate import validate


@dataclass
class Outcome:
    problems: list[Problem] = field(default_factory=list)
    rendered: Rendered | None = None
    pdf: bytes | None = None


def prepare(root: Path, period: Period, output: Path) -> tuple[DataSet, Outcome]:
    """Validate the sources for this period and the output path; render only when nothing is
    wrong."""
    data, problems = validate(root)
    if not errors(problems):
        problems = sorted({*problems, *period_problems(data, period)})
    protected = {root: "the data folder", Path(str(TEMPLATES)): "the shipped templates"}
    problems += output_problems(output, protected) + source_date_problems()
    outcome = Outcome(problems)
    if not errors(problems):
        try:
            outcome.rendered = render(data, period)
        except TemplateFailure as failure:
            outcome.problems.append(failure.problem)
    return data, outcome


def build_pdf(root: Path, period: Period, output: Path, compiler: Any = None) -> Outcome:
    """``compiler``: a ``typst.Compiler`` kept between builds (``aplan watch``), or a new one."""
    data, outcome = prepare(root, period, output)
    if outcome.rendered is None:
        return outcome
    try:
        pdf = compile_pdf(
            outcome.rendered.source,
            outcome.rendered.root,
            outcome.rendered.date,
            str(output),
            compiler,
        )
    except CompileError as err:
        outcome.problems.extend(_placed(data, outcome.rendered, err.problem))
        return outcome
    fixed = fix_thai_text(pdf)
    del pdf  # Typst's output is not needed any more: a 500-project report's is 17 MB
    try:
        write_whole(output, fixed)
    except OutputError as err:
        outcome.problems.append(err.problem)
        return outcome
    outcome.pdf = fixed
    return outcome


def _placed(data: DataSet, rendered: Rendered, problem: Problem) -> list[Problem]:
    """An overflow at the value that was printed: each guard carries where its data was typed.

    The guards stop at the first overflow; recorded again, every overflow is reported, each
    at its source (a computed figure at the data it is computed from).
    """
    if problem.code != "overflow":
        return [problem]
    placed = [_overflow(data, record) for record in overflows(rendered.source, rendered.root)]
    return sorted(set(placed)) or [problem]


_AT = re.compile(r"^(?P<file>.*):(?P<line>\d+):(?P<column>\d+) (?P<key>.*)$", re.DOTALL)


def _overflow(data: DataSet, record: dict[str, str | None]) -> Problem:
    from .render.linebreak import unsteered

    record = {k: unsteered(v) if isinstance(v, str) else v for k, v in record.items()}
    match = _AT.match(record.get("at") or "")
    if match is None:  # an office's own template that guards without `at:`
        file, line, column, key = str(data.root), 1, 1, "(template)"
    else:
        file = str(data.root / match["file"])
        line, column, key = int(match["line"]), int(match["column"]), match["key"]
    printed, kind, of = record.get("printed") or "", record.get("kind"), record.get("of")
    word = record.get("word")
    if kind == "text" and word:
        message = (
            f"{key}: the text {printed} does not fit its table column: `{word}` cannot be "
            "broken across lines; put a space in it or shorten it"
        )
    elif kind in ("row", "text"):
        message = (
            f"{key}: this row of the table is squeezed too narrow by the wide figures beside "
            "it; check the amounts of this table"
        )
    elif of:
        message = (
            f"{key}: {of}, {printed}, does not fit its table column; check the amounts it is "
            "computed from"
        )
    else:
        message = f"{key}: the figure {printed} does not fit its table column; check the amount"
    return Problem(file, line, column, Severity.ERROR, "overflow", message)


def write_source(root: Path, period: Period, output: Path) -> Outcome:
    _, outcome = prepare(root, period, output)
    if outcome.rendered is not None:
        try:
            write_whole(output, outcome.rendered.source.encode("utf-8"))
        except OutputError as err:
            outcome.problems.append(err.problem)
            outcome.rendered = None
    return outcome
