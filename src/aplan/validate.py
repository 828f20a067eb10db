"""The validation pipeline as one call: load every source, bind models, run the checks."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .checks import run_checks, unreported_groups
from .dataset import TEMPLATES_DIR, DataSet, load_dataset
from .money import ZERO
from .period import PERIODS
from .printable import printable_problems
from .problems import Problem, errors
from .totals import baht, plan_total, projects_total, spent_through

if TYPE_CHECKING:
    from .period import Period
    from .render.report import Rendered


def validate(root: Path) -> tuple[DataSet, list[Problem]]:
    """All problems of the data set, sorted by file and position."""
    data, problems = load_dataset(root)
    problems.extend(run_checks(data))
    problems.extend(printable_problems(data))
    problems.extend(check_overrides(data, problems))
    return data, sorted(set(problems))


def check_overrides(data: DataSet, found: list[Problem]) -> list[Problem]:
    """The office's own templates parse, replace a shipped one, and render every buildable round.

    Rendering needs a clean data set, so it is tried only when nothing else is wrong.
    """
    if not (data.root / TEMPLATES_DIR).is_dir():
        return []  # the common case loads no template engine
    from .checks import check_period
    from .render.jinja import environment
    from .render.overrides import TemplateFailure, syntax_problems, unused_overrides
    from .render.report import TEMPLATES, render
    from .thai import Digits

    problems = [*unused_overrides(data.root, TEMPLATES)]
    problems += syntax_problems(environment(TEMPLATES, Digits()), data.root)
    if errors(found) or errors(problems):
        return problems
    rendered = None
    for period in PERIODS.values():
        if errors(check_period(data, period)):
            continue
        try:
            rendered = (period, render(data, period))
        except TemplateFailure as failure:
            problems.append(failure.problem)
    if rendered is not None and not errors(problems):
        problems += _compile_overrides(data, *rendered)
    return problems


def _compile_overrides(data: DataSet, period: Period, rendered: Rendered) -> list[Problem]:
    """The Typst an office's own templates write must compile: only a compile can tell.

    Each own part is compiled alone after the style's import, so that an unclosed bracket is
    found in the part that has it (in the whole report, Typst may blame the part's caller).
    """
    from .render.compile import CompileError, compile_pdf
    from .render.overrides import override_parts, typst_failure_in_override
    from .render.report import render

    header = next(x for x in rendered.source.splitlines() if x.startswith("#import"))
    for name in override_parts(data.root):
        source = f"{header}\n// aplan-part: {name}\n" + render(data, period, part=name).source
        try:
            compile_pdf(source, rendered.root, rendered.date, "(report)")
        except CompileError as err:
            found = typst_failure_in_override(err.problem, source, data.root)
            if found is not None:
                return [found]
    try:
        compile_pdf(rendered.source, rendered.root, rendered.date, "(report)")
    except CompileError as err:
        found = typst_failure_in_override(err.problem, rendered.source, data.root)
        return [found] if found is not None else []
    return []


def summary(data: DataSet) -> list[str]:
    """What a clean data set adds up to, for the end of ``aplan validate``."""
    projects = [p.model for p in data.projects]
    lines = [f"projects: {len(projects)}, budget {baht(projects_total(projects))} baht"]
    if data.budget is not None:
        plan = plan_total(data.budget.model.spending_plan)
        allocation = data.budget.model.allocation
        lines.append(f"running costs (Table 1): {baht(plan)} baht")
        lines.append(
            f"allocation: {baht(plan + projects_total(projects))} baht "
            f"(declared {baht(allocation.expected_total)})"
        )
        allocated = sum((letter.amount for letter in allocation.letters), ZERO)
        count = len(allocation.letters)
        lines.append(f"allocated so far ({count} round{'s' * (count > 1)}): {baht(allocated)} baht")
    spent = sum((spent_through(p) for p in projects), ZERO)
    lines.append(f"spent to date by the projects: {baht(spent)} baht")
    return lines


def rounds(data: DataSet) -> list[str]:
    """Which rounds the data can build complete; what the others lack, and which are drafts.

    Only a project not reported makes a draft (ร่าง); a missing preface or disbursement
    snapshot is left out of the report, which builds without it.
    """
    ready, others = [], []
    for code, period in PERIODS.items():
        gaps = []
        late = sum(bool(p.model.unreported(period.quarters)) for p in data.projects)
        if late:
            groups = len(unreported_groups(data, period))
            gaps.append(
                f"draft (ร่าง): {_count(late, 'project')} in {_count(groups, 'group')} "
                "not reported"
            )
        if data.disbursement is not None and code not in data.disbursement.model.periods:
            gaps.append("no disbursement snapshot (the report says so)")
        if data.report is not None and not data.report.model.preface_for(code):
            gaps.append("no preface (none is printed)")
        if gaps:
            others.append(f"round {code} builds with: {'; '.join(gaps)}")
        else:
            ready.append(code)
    lines = [f"rounds complete: {', '.join(ready) or 'none'}"]
    lines.extend(others)
    lines.append("check one round with `aplan validate --period <round>`")
    return lines


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' * (n != 1)}"
