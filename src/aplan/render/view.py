"""The report as the templates see it: every computed figure resolved, nothing to add up.

Templates format (digits, money, escaping); they never compute. Everything that is a sum, a
remainder, a percentage, a count or a number in a list is computed here, once, from ``totals``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from itertools import groupby

from ..dataset import DataSet
from ..models import (
    Budget,
    Direction,
    Disbursement,
    Office,
    PlanNode,
    Project,
    Quarter,
    ReportInfo,
    ResultItem,
    Spent,
    Statistic,
    YearMonth,
)
from ..period import Period, quarter_label
from ..thai import MONTHS, thai_letter
from ..totals import (
    percentage,
    plan_node_total,
    plan_total,
    projects_total,
    remaining,
    snapshot_totals,
)

BUDGET_TYPE_LABELS = {
    "personnel": "งบบุคลากร",
    "operating": "งบดำเนินงาน",
    "investment": "งบลงทุน",
    "subsidy": "งบเงินอุดหนุน",
    "other": "งบรายจ่ายอื่น",
}
SIDE_LABELS = {"north": "ทิศเหนือ", "south": "ทิศใต้", "east": "ทิศตะวันออก", "west": "ทิศตะวันตก"}


@dataclass(frozen=True)
class PlanRow:
    """A row of Table 1; ``label`` is its computed number (ก., 1., 1.1)."""

    label: str
    name: str
    amount: Decimal
    depth: int
    is_category: bool


@dataclass(frozen=True)
class GroupRow:
    group_name: str
    projects: list[Project]
    subtotal: Decimal


@dataclass(frozen=True)
class DisbursementRow:
    label: str
    received: Decimal
    disbursed: Decimal
    remaining: Decimal


@dataclass(frozen=True)
class StatisticPartView:
    label: str
    count: int
    percent: Decimal


@dataclass(frozen=True)
class StatisticView:
    label: str
    total: int
    unit: str
    parts: list[StatisticPartView]


@dataclass(frozen=True)
class ResultView:
    text: str
    items: list[ResultView]
    statistics: list[StatisticView]


@dataclass(frozen=True)
class QuarterView:
    quarter: Quarter
    number: int
    label: str
    spent: Spent | None
    results: list[ResultView]
    spent_note: str | None = None
    results_reported: bool = True
    """``False``: no results written for the quarter yet, not the same as ``[]``."""


@dataclass(frozen=True)
class NoteGroup:
    """Problems or suggestions of the year (``label`` None) or of one quarter."""

    label: str | None
    items: list[str]


@dataclass(frozen=True)
class ProjectView:
    project: Project
    quarters: list[QuarterView]
    start: YearMonth
    end: YearMonth
    problems: list[NoteGroup]
    suggestions: list[NoteGroup]


@dataclass(frozen=True)
class DirectorLine:
    name: str
    position: str


@dataclass(frozen=True)
class OrgGroup:
    name: str
    directors: list[str]


@dataclass(frozen=True)
class LetterView:
    """One allocation round as the part-3 narrative prints it."""

    number: int
    amount: Decimal
    date: str | None
    reference: str | None


@dataclass(frozen=True)
class AllocationPart:
    """ส่วนที่ N of the allocation: ``running`` (Table 1) or ``projects``."""

    number: int
    kind: str
    amount: Decimal
    projects: int


@dataclass(frozen=True)
class AllocationView:
    """The part-3 narrative: letters received, whether more is expected, the parts."""

    letters: list[LetterView]
    numbers: str
    allocated: Decimal
    expects_more: bool
    parts: list[AllocationPart]
    part_count: int


@dataclass(frozen=True)
class ReportView:
    """Everything one printed report shows, for one period."""

    info: ReportInfo
    office: Office
    direction: Direction
    budget: Budget
    period: Period
    period_first: YearMonth
    period_last: YearMonth
    group_count: int
    unit_count: int
    executives: list[DirectorLine]
    group_directors: list[DirectorLine]
    org_director: DirectorLine
    org_deputies: list[DirectorLine]
    org_groups: list[OrgGroup]
    boundaries: list[tuple[str, str]]
    running_costs: Decimal
    projects_total: Decimal
    allocation_total: Decimal
    plan_rows: list[PlanRow]
    plan_top_labels: list[str]
    group_rows: list[GroupRow]
    disbursement: list[DisbursementRow] | None
    disbursement_total: DisbursementRow | None
    disbursement_max: Decimal
    projects: list[ProjectView]
    photos: list[tuple[Project, int]]
    preface: list[str]
    allocation: AllocationView
    unreported_groups: list[str]
    """Groups with a project that has not reported a quarter of the round: a draft."""


def build_view(data: DataSet, period: Period) -> ReportView:
    """Resolve every computed figure; the data set must have validated clean."""
    assert data.report and data.office and data.direction and data.budget
    info, office = data.report.model, data.office.model
    budget, projects = data.budget.model, sorted(
        (p.model for p in data.projects), key=lambda p: p.number
    )
    running, total = plan_total(budget.spending_plan), projects_total(projects)
    rows = _plan_rows(budget.spending_plan, ())
    snapshot = _snapshot(data.disbursement.model if data.disbursement else None, period)
    director, deputies = _executives(office)
    period = replace(period, annual=info.annual_report)
    return ReportView(
        info=info,
        office=office,
        direction=data.direction.model,
        budget=budget,
        period=period,
        period_first=period.first_month(info.fiscal_year),
        period_last=period.last_month(info.fiscal_year),
        group_count=sum(g.kind == "group" for g in office.groups),
        unit_count=sum(g.kind == "unit" for g in office.groups),
        executives=[director, *deputies],
        group_directors=_group_directors(office),
        org_director=director,
        org_deputies=deputies,
        org_groups=_org_groups(office),
        boundaries=[(SIDE_LABELS[b.side], b.text) for b in office.boundaries],
        running_costs=running,
        projects_total=total,
        allocation_total=running + total,
        plan_rows=rows,
        plan_top_labels=[r.label.rstrip(".") for r in rows if r.depth == 0],
        group_rows=_group_rows(office, projects),
        disbursement=snapshot[0] if snapshot else None,
        disbursement_total=snapshot[1] if snapshot else None,
        disbursement_max=max((r.received for r in snapshot[0]), default=Decimal(0))
        if snapshot
        else Decimal(0),
        projects=[_project_view(p, period) for p in projects],
        photos=[(p, i) for p in projects for i in range(len(p.photos))],
        preface=info.preface_for(period.code),
        allocation=_allocation(budget, running, total, len(projects)),
        unreported_groups=[
            g.name
            for g in office.groups
            if any(p.group == g.code and p.unreported(period.quarters) for p in projects)
        ],
    )


ROUND_JOIN = {"pair": " และ ", "range": " – "}
"""How the narrative joins allocation round numbers: ครั้งที่ 1 และ 2, ครั้งที่ 1 – 3."""


def _allocation(budget: Budget, running: Decimal, projects: Decimal, count: int) -> AllocationView:
    """More is expected only while the letters add up to less than the year's plan."""
    letters = [
        LetterView(
            letter.number,
            letter.amount,
            f"{letter.date.day} {MONTHS[letter.date.month - 1]} {letter.date.year}"
            if letter.date
            else None,
            letter.reference,
        )
        for letter in budget.allocation.letters
    ]
    numbers = [str(letter.number) for letter in letters]
    joined = ROUND_JOIN["pair" if len(numbers) == 2 else "range"]
    allocated = sum((letter.amount for letter in letters), Decimal(0))
    parts = [
        (kind, amount)
        for kind, amount, present in (
            ("running", running, bool(budget.spending_plan)),
            ("projects", projects, count > 0),
        )
        if present
    ]
    return AllocationView(
        letters=letters,
        numbers=numbers[0] if len(numbers) == 1 else f"{numbers[0]}{joined}{numbers[-1]}",
        allocated=allocated,
        expects_more=allocated < running + projects,
        parts=[AllocationPart(i, kind, amount, count) for i, (kind, amount) in enumerate(parts, 1)],
        part_count=len(parts),
    )


def _executives(office: Office) -> tuple[DirectorLine, list[DirectorLine]]:
    director = next((e for e in office.executives if e.role == "director"), office.executives[0])
    title = f"ผู้อำนวยการ{office.name}"
    if director.position:
        title = f"{director.position} ปฏิบัติราชการในตำแหน่ง ผู้อำนวยการ{office.name}"
    deputies = [
        DirectorLine(e.name, f"รองผู้อำนวยการ{office.name}")
        for e in office.executives
        if e.role == "deputy"
    ]
    return DirectorLine(director.name, title), deputies


def _group_directors(office: Office) -> list[DirectorLine]:
    names = {g.code: g.name for g in office.groups}
    lines = []
    for d in office.group_directors:
        role = f"ผู้อำนวยการ{names[d.group]}"
        position = f"{d.position} ปฏิบัติหน้าที่{role}" if d.acting and d.position else role
        lines.append(DirectorLine(d.name, position))
    return lines


def _org_groups(office: Office) -> list[OrgGroup]:
    return [
        OrgGroup(g.name, [d.name for d in office.group_directors if d.group == g.code])
        for g in office.groups
    ]


def _plan_rows(nodes: Sequence[PlanNode], number: tuple[int, ...]) -> list[PlanRow]:
    """Table 1 rows in order: categories lettered ก. ข., then 1., then 1.1."""
    rows: list[PlanRow] = []
    for i, node in enumerate(nodes, start=1):
        path = (*number, i)
        label = ".".join(str(n) for n in path[1:])
        label = f"{thai_letter(i)}." if len(path) == 1 else label + "." * (len(path) == 2)
        rows.append(PlanRow(label, node.name, plan_node_total(node), len(number), bool(node.items)))
        rows.extend(_plan_rows(node.items, path))
    return rows


def _group_rows(office: Office, projects: list[Project]) -> list[GroupRow]:
    """Consecutive projects of one group share a row span and a subtotal."""
    names = {g.code: g.name for g in office.groups}
    rows = []
    for code, members in groupby(projects, key=lambda p: p.group):
        group = list(members)
        rows.append(GroupRow(names.get(code, code), group, projects_total(group)))
    return rows


def _snapshot(
    disbursement: Disbursement | None, period: Period
) -> tuple[list[DisbursementRow], DisbursementRow] | None:
    if disbursement is None or period.code not in disbursement.periods:
        return None
    snapshot = disbursement.periods[period.code]
    rows = [
        DisbursementRow(
            BUDGET_TYPE_LABELS[name], line.received, line.disbursed,
            remaining(line.received, line.disbursed),
        )
        for name, line in snapshot.lines()
    ]
    received, disbursed, left = snapshot_totals(snapshot)
    return rows, DisbursementRow("รวม", received, disbursed, left)


def _project_view(project: Project, period: Period) -> ProjectView:
    quarters = [
        QuarterView(
            q, int(q[1]), quarter_label(q), getattr(project.spent, q),
            [_result_view(r) for r in getattr(project.results, q) or []],
            project.spent_note.get(q),
            getattr(project.results, q) is not None,
        )
        for q in period.quarters
    ]
    return ProjectView(
        project, quarters, project.duration.start, project.duration.end,
        _notes(project.problems, period), _notes(project.suggestions, period),
    )


def _notes(notes: list[str] | dict[Quarter, list[str]], period: Period) -> list[NoteGroup]:
    """A year's list as it is; per-quarter lists under their quarter, for this round's quarters."""
    if isinstance(notes, list):
        return [NoteGroup(None, notes)]
    groups = [NoteGroup(quarter_label(q), notes[q]) for q in period.quarters if notes.get(q)]
    return groups or [NoteGroup(None, [])]


def _result_view(item: ResultItem) -> ResultView:
    return ResultView(
        item.text,
        [_result_view(i) for i in item.items],
        [_statistic_view(s) for s in item.statistics],
    )


def _statistic_view(statistic: Statistic) -> StatisticView:
    return StatisticView(
        statistic.label,
        statistic.total,
        statistic.unit,
        [
            StatisticPartView(p.label, p.count, percentage(p.count, statistic.total))
            for p in statistic.parts
        ],
    )
