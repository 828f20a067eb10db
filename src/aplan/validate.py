"""The validation pipeline as one call: load every source, bind models, run the checks."""

from __future__ import annotations

from pathlib import Path

from .checks import run_checks, unreported_groups
from .dataset import DataSet, load_dataset
from .money import ZERO
from .period import PERIODS
from .problems import Problem
from .totals import baht, plan_total, projects_total, spent_through


def validate(root: Path) -> tuple[DataSet, list[Problem]]:
    """All problems of the data set, sorted by file and position."""
    data, problems = load_dataset(root)
    problems.extend(run_checks(data))
    return data, sorted(set(problems))


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
    """Which rounds the data can build complete, and what the others lack (built as drafts)."""
    ready, drafts = [], []
    for code, period in PERIODS.items():
        gaps = []
        late = sum(bool(p.model.unreported(period.quarters)) for p in data.projects)
        if late:
            groups = len(unreported_groups(data, period))
            gaps.append(f"{late} projects of {groups} groups not reported")
        if data.disbursement is not None and code not in data.disbursement.model.periods:
            gaps.append("no disbursement snapshot")
        if data.report is not None and not data.report.model.preface_for(code):
            gaps.append("no preface")
        if gaps:
            drafts.append(f"round {code} builds as a draft: {', '.join(gaps)}")
        else:
            ready.append(code)
    lines = [f"rounds ready to build: {', '.join(ready) or 'none'}"]
    lines.extend(drafts)
    lines.append("check one round with `aplan validate --period <round>`")
    return lines
