"""The build pipeline: validate → period checks → render → compile → write, in that order.

Everything is gathered and checked before anything is written, the output path too (before the
compile, not after it); a failure at any stage leaves the output file as it was.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .checks import period_problems
from .dataset import DataSet
from .money import parse_money
from .output import OutputError, output_problems, source_date_problems, write_whole
from .period import Period
from .problems import Problem, errors
from .render.compile import CompileError, compile_pdf
from .render.overrides import TemplateFailure
from .render.pdftext import fix_thai_text
from .render.report import TEMPLATES, Rendered, render
from .sources import scalars
from .thai import Digits
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
        outcome.problems.append(_placed(data, err.problem))
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


def _placed(data: DataSet, problem: Problem) -> Problem:
    """Point an overflow at the source value that was printed, when one was typed."""
    match = re.search(r'"(.*)"|figure (\S+)', problem.message)
    if problem.code != "overflow" or match is None or data.report is None:
        return problem
    printed = match.group(1) or match.group(2)
    digits = Digits(data.report.model.digits)
    sources = [data.office, data.budget, data.disbursement, *data.projects]
    for loaded in (x for x in sources if x is not None):
        for path, value in scalars(loaded.doc.data):
            if printed in (digits(str(value)), _money(digits, value)):
                mark = loaded.doc.at(path)
                return replace(problem, file=loaded.doc.file, line=mark.line, column=mark.column)
    return problem


def _money(digits: Digits, value: Any) -> str | None:
    try:
        return digits.money(parse_money(value))
    except ValueError:
        return None


def write_source(root: Path, period: Period, output: Path) -> Outcome:
    _, outcome = prepare(root, period, output)
    if outcome.rendered is not None:
        try:
            write_whole(output, outcome.rendered.source.encode("utf-8"))
        except OutputError as err:
            outcome.problems.append(err.problem)
            outcome.rendered = None
    return outcome
