"""The build pipeline: validate → period checks → render → compile → write, in that order.

Everything is gathered and checked before anything is written; a failure at any stage leaves
the output file as it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .checks import check_period
from .dataset import DataSet
from .period import Period
from .problems import Problem, errors
from .render.compile import CompileError, compile_pdf, write_whole
from .render.pdftext import fix_thai_text
from .render.report import Rendered, render
from .validate import validate


@dataclass
class Outcome:
    problems: list[Problem] = field(default_factory=list)
    rendered: Rendered | None = None
    pdf: bytes | None = None


def prepare(root: Path, period: Period) -> tuple[DataSet, Outcome]:
    """Validate the sources for this period; render only when nothing is wrong."""
    data, problems = validate(root)
    if not errors(problems):
        problems = sorted({*problems, *check_period(data, period)})
    outcome = Outcome(problems)
    if not errors(problems):
        outcome.rendered = render(data, period)
    return data, outcome


def build_pdf(root: Path, period: Period, output: Path) -> Outcome:
    _, outcome = prepare(root, period)
    if outcome.rendered is None:
        return outcome
    try:
        pdf = compile_pdf(
            outcome.rendered.source, outcome.rendered.root, outcome.rendered.date, str(output)
        )
    except CompileError as err:
        outcome.problems.append(err.problem)
        return outcome
    outcome.pdf = fix_thai_text(pdf)
    write_whole(output, outcome.pdf)
    return outcome


def write_source(root: Path, period: Period, output: Path) -> Outcome:
    _, outcome = prepare(root, period)
    if outcome.rendered is not None:
        write_whole(output, outcome.rendered.source.encode("utf-8"))
    return outcome
