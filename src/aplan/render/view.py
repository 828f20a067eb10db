"""The report as the templates see it: every computed figure resolved, nothing to add up.

Templates format (digits, money, escaping); they never compute. Everything that is a sum, a
remainder, a percentage, a count or a number in a list is computed here, once, from ``totals``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import Literal

from ..binding import Loaded
from ..dataset import DataSet
from ..models import (
    Budget,
    Direction,
    Disbursement,
    Executive,
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
from ..sources import Document, Path_, dotted
from ..thai import MONTHS, thai_letter
from ..totals import (
    percentage,
    plan_node_total,
    plan_total,
    projects_total,
    remaining,
    snapshot_totals,
)
from . import phrases


@dataclass(frozen=True)
class PlanRow:
    """A row of Table 1; ``label`` is its computed number (ก., 1., 1.1)."""

    label: str
    name: str
    amount: Decimal
    depth: int
    is_category: bool
    name_at: str = ""
    """Where the data behind a guarded value was typed (``Places``); ``*_of``: what a
    computed figure is computed from, for the overflow message."""
    amount_at: str = ""
    amount_of: str = ""


@dataclass(frozen=True)
class Numbered:
    """An entry of a printed list with its computed number (``1.``, ``2)``, ``1.2``)."""

    label: str
    text: str


@dataclass(frozen=True)
class Section:
    """A numbered heading with its numbered entries."""

    label: str
    number: int
    title: str
    items: list[Numbered]


@dataclass(frozen=True)
class RoyalGuidanceView:
    king: str
    lead: str
    count: int
    aspects: list[Section]


@dataclass(frozen=True)
class AreaView:
    unit: str
    count: int
    places: list[Numbered]


@dataclass(frozen=True)
class FocusView:
    name: str
    intro: str
    parts: list[FocusPartView]


@dataclass(frozen=True)
class FocusPartView:
    label: str
    name: str
    meaning: str
    goals: list[FocusGoalView]


@dataclass(frozen=True)
class FocusGoalView:
    label: str
    text: str
    goals: list[Numbered]


@dataclass(frozen=True)
class GroupRow:
    """One group of Table 2: its projects in number order, printed once with a subtotal."""

    group_name: str
    projects: list[Project]
    subtotal: Decimal
    rowspan: int
    title_at: list[str] = field(default_factory=list)
    budget_at: list[str] = field(default_factory=list)
    subtotal_at: str = ""


@dataclass(frozen=True)
class DisbursementRow:
    label: str
    received: Decimal
    disbursed: Decimal
    remaining: Decimal
    label_at: str = ""
    received_at: str = ""
    disbursed_at: str = ""
    remaining_at: str = ""


@dataclass(frozen=True)
class StatisticPartView:
    label: str
    count: int
    percent: Decimal
    count_at: str = ""
    percent_of: str = ""


@dataclass(frozen=True)
class StatisticView:
    label: str
    total: int
    unit: str
    parts: list[StatisticPartView]


@dataclass(frozen=True)
class ResultView:
    label: str
    text: str
    items: list[ResultView]
    statistics: list[StatisticView]


@dataclass(frozen=True)
class TextList:
    """A list as the report prints it: ``none`` (-ไม่มี-), one ``paragraph``, or ``numbered``."""

    form: Literal["none", "paragraph", "numbered"]
    items: list[Numbered]


@dataclass(frozen=True)
class QuarterView:
    quarter: Quarter
    number: int
    position: int
    """1 for the round's first quarter: the quarter's sub-number under 3. and 5."""
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
    items: TextList


@dataclass(frozen=True)
class ProjectView:
    project: Project
    objectives: TextList
    outputs: TextList
    outcomes: TextList
    quarters: list[QuarterView]
    start: YearMonth
    end: YearMonth
    problems: list[NoteGroup]
    suggestions: list[NoteGroup]


@dataclass(frozen=True)
class DirectorLine:
    name: str
    position: str
    label: str = ""


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
    group_count_text: str
    groups: list[Numbered]
    area: AreaView | None
    has_area_section: bool
    area_heading: str
    """Names the map only when there is one."""
    royal_guidance: RoyalGuidanceView | None
    missions: list[Numbered]
    goals: list[Numbered]
    strategic_issues: list[Section]
    focus: FocusView | None
    policies: list[Numbered]
    plan_places: int
    project_places: int
    has_disbursement: bool
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
    unreported_text: str
    """The groups joined as Thai lists them: ก ข และ ค."""
    draft_mark: str | None
    """Printed on the cover while some group has not reported for the round."""
    """Groups with a project that has not reported a quarter of the round: a draft."""
    continued: str = phrases.CONTINUED
    """Printed after a table's caption on the pages the table continues onto."""
    running_costs_at: str = ""
    projects_total_at: str = ""


@dataclass(frozen=True)
class Places:
    """Source positions for the guards of the generated Typst: ``file:line:column key``.

    The file is named inside the data folder, so the generated Typst reads the same wherever
    the data lives; the build joins it back to the folder to report an overflow where the
    data was typed (``build.overflows``).
    """

    root: Path

    def __call__(self, doc: Document, path: Path_) -> str:
        mark = doc.at(path)
        file = Path(doc.file)
        inside = file.is_relative_to(self.root)
        name = file.relative_to(self.root).as_posix() if inside else doc.file
        return f"{name}:{mark.line}:{mark.column} {dotted(path)}"


def build_view(data: DataSet, period: Period) -> ReportView:
    """Resolve every computed figure; the data set must have validated clean."""
    assert data.report and data.office and data.direction and data.budget
    info, office = data.report.model, data.office.model
    budget, projects = data.budget.model, sorted(
        (p.model for p in data.projects), key=lambda p: p.number
    )
    place = Places(data.root)
    docs = {id(p.model): p.doc for p in data.projects}
    running, total = plan_total(budget.spending_plan), projects_total(projects)
    rows = _plan_rows(budget.spending_plan, (), _PlanPlace(place, data.budget.doc))
    snapshot = _snapshot(data.disbursement, period, place)
    period = replace(period, annual=info.annual_report)
    director, others = _executive_models(office)
    direction = data.direction.model
    unreported = [
        g.name
        for g in office.groups
        if any(p.group == g.code and p.unreported(period.quarters) for p in projects)
    ]
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
        group_count_text=_group_count_text(office),
        groups=_numbered([g.name for g in office.groups], ")"),
        area=_area(office),
        has_area_section=bool(
            office.area or office.map or office.boundaries or office.terrain
        ),
        area_heading=phrases.AREA_HEADING_WITH_MAP if office.map else phrases.AREA_HEADING,
        royal_guidance=_royal_guidance(info),
        missions=_numbered(direction.missions.items, "."),
        goals=_numbered(direction.goals.items, "."),
        strategic_issues=[
            Section(f"{i})", i, issue.title, _numbered(issue.strategies, ""))
            for i, issue in enumerate(direction.strategic_issues, start=1)
        ],
        focus=_focus(direction),
        policies=_numbered(direction.policies, "."),
        plan_places=_places([r.amount for r in rows]),
        project_places=_places([p.budget for p in projects]),
        has_disbursement=data.disbursement is not None,
        executives=[
            _executive_line(office, e, f"{i}.")
            for i, e in enumerate([director, *others], start=1)
        ],
        group_directors=_group_directors(office),
        org_director=_org_person(office, director),
        org_deputies=[_org_person(office, e) for e in others],
        org_groups=_org_groups(office),
        boundaries=[(phrases.SIDE_LABELS[b.side], b.text) for b in office.boundaries],
        running_costs=running,
        projects_total=total,
        allocation_total=running + total,
        plan_rows=rows,
        plan_top_labels=[r.label.rstrip(".") for r in rows if r.depth == 0],
        group_rows=_group_rows(data.office, projects, docs, place),
        disbursement=snapshot[0] if snapshot else None,
        disbursement_total=snapshot[1] if snapshot else None,
        disbursement_max=max((r.received for r in snapshot[0]), default=Decimal(0))
        if snapshot
        else Decimal(0),
        projects=[_project_view(p, period, docs[id(p)], place) for p in projects],
        photos=[(p, i) for p in projects for i in range(len(p.photos))],
        preface=info.preface_for(period.code),
        allocation=_allocation(
            budget, running, total, len(projects), period.last_month(info.fiscal_year)
        ),
        unreported_groups=unreported,
        unreported_text=thai_list(unreported),
        draft_mark=phrases.DRAFT if unreported else None,
        running_costs_at=place(data.budget.doc, ("allocation", "running_costs")),
        projects_total_at=place(data.budget.doc, ("allocation", "projects")),
    )


def thai_list(items: Sequence[str]) -> str:
    """``ก ข และ ค``: items apart by spaces, the last after และ."""
    if len(items) < 2:
        return "".join(items)
    return f"{' '.join(items[:-1])} {phrases.AND} {items[-1]}"


@dataclass(frozen=True)
class _PlanPlace:
    place: Places
    doc: Document


ROUND_JOIN = {"pair": " และ ", "range": " – "}
"""How the narrative joins allocation round numbers: ครั้งที่ 1 และ 2, ครั้งที่ 1 – 3."""


def _allocation(
    budget: Budget, running: Decimal, projects: Decimal, count: int, last: YearMonth
) -> AllocationView:
    """The letters received by the round's last month; more is expected only while they add up
    to less than the year's plan (a q1 report does not tell of a letter of January)."""
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
        if letter.date is None or letter.date.by(last)
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
        numbers="" if not numbers else numbers[0] if len(numbers) == 1
        else f"{numbers[0]}{joined}{numbers[-1]}",
        allocated=allocated,
        expects_more=allocated < running + projects,
        parts=[AllocationPart(i, kind, amount, count) for i, (kind, amount) in enumerate(parts, 1)],
        part_count=len(parts),
    )


def _executive_models(office: Office) -> tuple[Executive, list[Executive]]:
    """The director first, then deputies and assistants in the order typed."""
    director = next((e for e in office.executives if e.role == "director"), office.executives[0])
    return director, [e for e in office.executives if e is not director]


def _executive_line(office: Office, executive: Executive, label: str) -> DirectorLine:
    title = executive.title or f"{phrases.ROLE_TITLES[executive.role]}{office.name}"
    if executive.position:
        title = f"{executive.position} {phrases.ACTING_IN_POST} {title}"
    return DirectorLine(executive.name, title, label)


def _org_person(office: Office, executive: Executive) -> DirectorLine:
    """A box of the organisation chart: the name and the title typed, else the role with the
    office's short name (the chart's boxes are narrow)."""
    return DirectorLine(
        executive.name,
        executive.title or f"{phrases.ROLE_TITLES[executive.role]} {office.short_name}",
    )


def _group_directors(office: Office) -> list[DirectorLine]:
    names = {g.code: g.name for g in office.groups}
    lines = []
    for i, d in enumerate(office.group_directors, start=1):
        role = f"{phrases.DIRECTOR}{names.get(d.group, d.group)}"
        position = f"{d.position} {phrases.ACTING_DUTY}{role}" if d.acting and d.position else role
        lines.append(DirectorLine(d.name, position, f"{i}."))
    return lines


def _group_count_text(office: Office) -> str:
    """``9 กลุ่ม 1 หน่วย``: one part per kind the office has, none for a kind it lacks."""
    counts = [
        (sum(g.kind == kind for g in office.groups), word)
        for kind, word in phrases.GROUP_KIND_WORDS.items()
    ]
    return " ".join(f"{count} {word}" for count, word in counts if count)


def _numbered(texts: Sequence[str], suffix: str, prefix: str = "") -> list[Numbered]:
    return [Numbered(f"{prefix}{i}{suffix}", text) for i, text in enumerate(texts, start=1)]


def _area(office: Office) -> AreaView | None:
    if office.area is None:
        return None
    places = office.area.places
    return AreaView(office.area.unit, len(places), _numbered(places, ")"))


def _royal_guidance(info: ReportInfo) -> RoyalGuidanceView | None:
    guidance = info.royal_guidance
    if guidance is None:
        return None
    aspects = [
        Section(f"{i}.", i, aspect.title, _numbered(aspect.points, "."))
        for i, aspect in enumerate(guidance.aspects, start=1)
    ]
    return RoyalGuidanceView(guidance.king, guidance.lead, len(aspects), aspects)


def _focus(direction: Direction) -> FocusView | None:
    focus = direction.focus
    if focus is None:
        return None
    parts = []
    for i, part in enumerate(focus.parts, start=1):
        goals = [
            FocusGoalView(f"{i}.{j}", goal.text, _numbered([g.text for g in goal.goals], "",
                                                            f"{i}.{j}."))
            for j, goal in enumerate(part.goals, start=1)
        ]
        parts.append(FocusPartView(f"{i}.", part.name, part.meaning, goals))
    return FocusView(focus.name, focus.intro, parts)


def _places(amounts: Sequence[Decimal]) -> int:
    """Decimal places of a column of amounts: 2 if any has satang, so all print alike."""
    return 2 if any(a != a.to_integral_value() for a in amounts) else 0


def _org_groups(office: Office) -> list[OrgGroup]:
    return [
        OrgGroup(g.name, [d.name for d in office.group_directors if d.group == g.code])
        for g in office.groups
    ]


def _plan_rows(
    nodes: Sequence[PlanNode], number: tuple[int, ...], at: _PlanPlace,
    where: Path_ = ("spending_plan",),
) -> list[PlanRow]:
    """Table 1 rows in order: categories lettered ก. ข., then 1., then 1.1."""
    rows: list[PlanRow] = []
    for i, node in enumerate(nodes, start=1):
        path = (*number, i)
        here = (*where, i - 1)
        label = ".".join(str(n) for n in path[1:])
        label = f"{thai_letter(i)}." if len(path) == 1 else label + "." * (len(path) == 2)
        rows.append(PlanRow(
            label, node.name, plan_node_total(node), len(number), bool(node.items),
            name_at=at.place(at.doc, (*here, "name")),
            amount_at=at.place(at.doc, here if node.items else (*here, "amount")),
            amount_of=f"the sum of the items of `{node.name}`" if node.items else "",
        ))
        rows.extend(_plan_rows(node.items, path, at, (*here, "items")))
    return rows


def _group_rows(
    office: Loaded[Office], projects: list[Project], docs: dict[int, Document], place: Places
) -> list[GroupRow]:
    """Each group once, in the order of its first project; its projects in number order.

    ``projects`` is in number order, so a group whose projects are not numbered together
    still gets a single row span and a single subtotal.
    """
    groups = office.model.groups
    names = {g.code: g.name for g in groups}
    index = {g.code: i for i, g in enumerate(groups)}
    members: dict[str, list[Project]] = {}
    for project in projects:
        members.setdefault(project.group, []).append(project)
    return [
        GroupRow(
            names.get(code, code), group, projects_total(group), len(group) + 1,
            title_at=[place(docs[id(p)], ("title",)) for p in group],
            budget_at=[place(docs[id(p)], ("budget",)) for p in group],
            subtotal_at=place(office.doc, ("groups", index.get(code, 0))),
        )
        for code, group in members.items()
    ]


def _snapshot(
    loaded: Loaded[Disbursement] | None, period: Period, place: Places
) -> tuple[list[DisbursementRow], DisbursementRow] | None:
    if loaded is None or period.code not in loaded.model.periods:
        return None
    snapshot = loaded.model.periods[period.code]
    doc, where = loaded.doc, ("periods", period.code)
    rows = [
        DisbursementRow(
            line.label or phrases.BUDGET_TYPE_LABELS.get(code, code),
            line.received,
            line.disbursed,
            remaining(line.received, line.disbursed),
            label_at=place(doc, (*where, code, "label") if line.label else (*where, code)),
            received_at=place(doc, (*where, code, "received")),
            disbursed_at=place(doc, (*where, code, "disbursed")),
            remaining_at=place(doc, (*where, code)),
        )
        for code, line in snapshot.items()
    ]
    received, disbursed, left = snapshot_totals(snapshot)
    total = place(doc, where)
    return rows, DisbursementRow(
        phrases.TOTAL, received, disbursed, left, total, total, total, total
    )


def _project_view(project: Project, period: Period, doc: Document, place: Places) -> ProjectView:
    quarters = [
        QuarterView(
            q, int(q[1]), position, quarter_label(q), getattr(project.spent, q),
            _result_views(getattr(project.results, q) or [], _At(place, doc, ("results", q))),
            project.spent_note.get(q),
            getattr(project.results, q) is not None,
        )
        for position, q in enumerate(period.quarters, start=1)
    ]
    return ProjectView(
        project,
        _text_list(project.objectives, "1."),
        _text_list(project.targets.outputs),
        _text_list(project.targets.outcomes),
        quarters, project.duration.start, project.duration.end,
        _notes(project.problems, period), _notes(project.suggestions, period),
    )


def _text_list(texts: Sequence[str], prefix: str = "") -> TextList:
    """Under a numbered heading (``prefix`` 1.) entries are 1.1, 1.2; elsewhere 1), 2), and a
    single entry is a paragraph, as the source prints targets and notes."""
    if not texts:
        return TextList("none", [])
    if prefix:
        return TextList("numbered", _numbered(texts, "", prefix))
    if len(texts) == 1:
        return TextList("paragraph", [Numbered("", texts[0])])
    return TextList("numbered", _numbered(texts, ")"))


def _notes(notes: list[str] | dict[Quarter, list[str]], period: Period) -> list[NoteGroup]:
    """A year's list as it is; per-quarter lists under their quarter, for this round's quarters."""
    if isinstance(notes, list):
        return [NoteGroup(None, _text_list(notes))]
    groups = [
        NoteGroup(quarter_label(q), _text_list(notes[q])) for q in period.quarters if notes.get(q)
    ]
    return groups or [NoteGroup(None, _text_list([]))]


@dataclass(frozen=True)
class _At:
    """Where a result item sits in its project file, for its statistics' guards."""

    place: Places
    doc: Document
    path: Path_

    def __call__(self, *more: str | int) -> str:
        return self.place(self.doc, (*self.path, *more))

    def child(self, *more: str | int) -> _At:
        return _At(self.place, self.doc, (*self.path, *more))


def _result_views(items: Sequence[ResultItem], at: _At) -> list[ResultView]:
    """Results are always numbered 1), 2): one result prints like several."""
    return [
        ResultView(
            f"{number})",
            item.text,
            _result_views(item.items, at.child(number - 1, "items")),
            [
                _statistic_view(s, at.child(number - 1, "statistics", i))
                for i, s in enumerate(item.statistics)
            ],
        )
        for number, item in enumerate(items, start=1)
    ]


def _statistic_view(statistic: Statistic, at: _At) -> StatisticView:
    return StatisticView(
        statistic.label,
        statistic.total,
        statistic.unit,
        [
            StatisticPartView(
                p.label, p.count, percentage(p.count, statistic.total),
                at("parts", k, "count"),
                f"the percentage of `{p.label}` in `{statistic.label}`",
            )
            for k, p in enumerate(statistic.parts)
        ],
    )
