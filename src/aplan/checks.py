"""Cross-checks over the whole data set: each a small function that yields problems.

They run even when some fields failed their types: a check looks only at the fields it needs
(``Loaded.has``) and stays silent where those are missing, since that was already reported.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

from .binding import Loaded
from .dataset import DataSet
from .models import (
    BUDGET_TYPES,
    QUARTERS,
    Budget,
    PlanNode,
    Project,
    Quarter,
    ResultItem,
    Statistic,
    YearMonth,
)
from .money import ZERO
from .period import PERIODS, Period, round_mentions
from .problems import Problem, Severity
from .sources import Document, Path_, TypedText, dotted, scalars
from .totals import baht, plan_node_total, plan_total, projects_total, statistic_sum
from .years import check_carried_figures, check_folder_year, check_other_years

Check = Callable[[DataSet], Iterator[Problem]]
WARNING = Severity.WARNING


def _difference(declared: Decimal, computed: Decimal, key: str) -> str:
    """The figures, then what to type: the declaration comes from the allocation letter, so
    the fix is a wrong part, or the declaration when the letter says the computed sum."""
    return (
        f"declared {baht(declared)}, computed {baht(computed)}, "
        f"difference {baht(computed - declared)}; correct the amount that is wrong, or, if the "
        f"allocation letter says {baht(computed)}, write `{key}: {computed:.2f}`"
    )


def _projects_with(data: DataSet, *fields: str) -> list[Loaded[Project]]:
    return [p for p in data.projects if p.has(*fields)]


def _all_budgets(data: DataSet) -> Decimal | None:
    """The projects' total, or ``None`` when a budget failed its type or a project file could
    not be read (already reported: a sum without it would only repeat that error)."""
    if data.unread_projects or len(_projects_with(data, "budget")) != len(data.projects):
        return None
    return projects_total(p.model for p in data.projects)


def _allocation(data: DataSet) -> tuple[Loaded[Budget], Any] | None:
    if data.budget is None or not data.budget.has("allocation"):
        return None
    return data.budget, data.budget.model.allocation


def check_projects_total(data: DataSet) -> Iterator[Problem]:
    """The projects' budgets add up to the part-2 total the allocation letter declares."""
    found, computed = _allocation(data), _all_budgets(data)
    if found is None or computed is None:
        return
    budget, allocation = found
    if computed != allocation.projects:
        yield budget.doc.problem(
            ("allocation", "projects"),
            "projects-total",
            f"allocation.projects: the {len(data.projects)} projects' budgets do not add up to "
            f"the declared total: {_difference(allocation.projects, computed, 'projects')}",
        )


def check_running_costs_total(data: DataSet) -> Iterator[Problem]:
    """Table 1's line items add up to the part-1 total the allocation letter declares."""
    found = _allocation(data)
    if found is None or not found[0].has("spending_plan"):
        return
    budget, allocation = found
    computed = plan_total(budget.model.spending_plan)
    if computed != allocation.running_costs:
        yield budget.doc.problem(
            ("allocation", "running_costs"),
            "running-costs-total",
            "allocation.running_costs: the spending plan's items do not add up to the declared "
            f"total: {_difference(allocation.running_costs, computed, 'running_costs')}",
        )


def check_allocation_total(data: DataSet) -> Iterator[Problem]:
    """Part 1 and part 2, as computed, add up to the expected total allocation."""
    found, projects = _allocation(data), _all_budgets(data)
    if found is None or projects is None or not found[0].has("spending_plan"):
        return
    budget, allocation = found
    computed = plan_total(budget.model.spending_plan) + projects
    if computed != allocation.expected_total:
        yield budget.doc.problem(
            ("allocation", "expected_total"),
            "allocation-total",
            "allocation.expected_total: running costs and projects do not add up to the "
            "declared allocation: "
            + _difference(allocation.expected_total, computed, "expected_total"),
        )


def check_allocation_letters(data: DataSet) -> Iterator[Problem]:
    """Rounds are numbered 1, 2, 3 … in order, dated forward, and allocate no more than the plan."""
    found = _allocation(data)
    if found is None:
        return
    budget, allocation = found
    letters = allocation.letters
    for i, letter in enumerate(letters):
        if letter.number != i + 1:
            yield budget.doc.problem(
                ("allocation", "letters", i, "number"),
                "allocation-letter",
                f"allocation.letters[{i}].number: allocation rounds are listed in order and "
                f"numbered 1, 2, 3 …; this one should be {i + 1}, not {letter.number}",
            )
        earlier = letters[i - 1].date if i else None
        if letter.date and earlier and letter.date < earlier:
            yield budget.doc.problem(
                ("allocation", "letters", i, "date"),
                "allocation-letter",
                f"allocation.letters[{i}].date: round {letter.number} is dated {letter.date}, "
                f"before round {letters[i - 1].number} ({earlier}); list the rounds in order",
                WARNING,
            )
    year = _fiscal_year(data)  # None when report.yaml or its fiscal_year is unreadable
    for i, letter in enumerate(letters):
        if year is not None and letter.date and not letter.date.in_fiscal_year(year):
            yield budget.doc.problem(
                ("allocation", "letters", i, "date"),
                "allocation-letter",
                f"allocation.letters[{i}].date: round {letter.number} is dated {letter.date}, "
                f"outside fiscal year {year} ({year - 1}-10-01 to {year}-09-30); check the "
                "year (Buddhist Era) of the letter's date",
                WARNING,
            )
    projects = _all_budgets(data)
    if projects is None or not budget.has("spending_plan"):
        return
    plan = plan_total(budget.model.spending_plan) + projects
    allocated = sum((letter.amount for letter in letters), ZERO)
    if allocated > plan:
        yield budget.doc.problem(
            ("allocation", "letters"),
            "allocation-letter",
            f"allocation.letters: the {len(letters)} rounds allocate {baht(allocated)}, more "
            f"than the year's plan (Table 1 and the projects) {baht(plan)} by "
            f"{baht(allocated - plan)}; the report would say less than was received",
            WARNING,
        )


def check_plan_nodes(data: DataSet) -> Iterator[Problem]:
    """Each spending-plan entry is either a category with items or a line item with an amount."""
    if data.budget is None or not data.budget.has("spending_plan"):
        return
    yield from _plan_nodes(data.budget.doc, data.budget.model.spending_plan, ("spending_plan",))


def _plan_nodes(doc: Document, nodes: list[PlanNode], path: Path_) -> Iterator[Problem]:
    for i, node in enumerate(nodes):
        where = (*path, i)
        if node.items and node.amount is not None:
            yield doc.problem(
                (*where, "amount"),
                "plan-node",
                f"{dotted((*where, 'amount'))}: a category with items has no amount of its own "
                f"(its items sum to {baht(plan_node_total(node))}); remove `amount`",
            )
        elif not node.items and node.amount is None:
            yield doc.problem(
                where,
                "plan-node",
                f"{dotted(where)}: `{node.name}` has neither `amount` nor `items`; "
                "a line item needs an amount",
            )
        yield from _plan_nodes(doc, node.items, (*where, "items"))


def check_project_numbers(data: DataSet) -> Iterator[Problem]:
    """Project numbers are unique and run 1, 2, 3 … without gaps."""
    seen: dict[int, Loaded[Project]] = {}
    for project in _projects_with(data, "number"):
        number = project.model.number
        if number in seen:
            yield project.doc.problem(
                ("number",),
                "project-number",
                f"number: project number {number} is also used by {seen[number].doc.file}",
            )
        else:
            seen[number] = project
    if data.unread_projects or len(_projects_with(data, "number")) != len(data.projects):
        return  # a project whose number is unreadable would show as a false gap
    missing = sorted(set(range(1, max(seen, default=0) + 1)) - set(seen))
    duplicates = [p for p in data.projects if seen[p.model.number] is not p]
    for number in missing:
        yield _gap_at(data.projects, duplicates, number).doc.problem(
            ("number",),
            "project-number",
            f"number: project numbers must run from 1 without gaps; {number} is missing",
        )


def _gap_at(
    projects: tuple[Loaded[Project], ...], duplicates: list[Loaded[Project]], number: int
) -> Loaded[Project]:
    """Where a missing number is reported: the file named with it, else a project numbered
    twice (the copy that was not renumbered), else the first project after the gap."""
    named = [p for p in projects if re.match(rf"0*{number}\D", p.doc.file.rsplit("/", 1)[-1])]
    after = [p for p in projects if p.model.number > number]
    return (named or duplicates or after)[0]


def check_project_groups(data: DataSet) -> Iterator[Problem]:
    """Every project belongs to a group that the office has."""
    if data.office is None or not data.office.has("groups"):
        return
    codes = [g.code for g in data.office.model.groups]
    for project in _projects_with(data, "group"):
        code = project.model.group
        if code not in codes:
            yield project.doc.problem(
                ("group",), "unknown-group", f"group: {_unknown_group(code, codes)}"
            )


def check_group_directors(data: DataSet) -> Iterator[Problem]:
    """Group codes are unique and every group director directs a group that exists."""
    office = data.office
    if office is None or not office.has("groups"):
        return
    codes = [g.code for g in office.model.groups]
    for i, group in enumerate(office.model.groups):
        if group.code in codes[:i]:
            yield office.doc.problem(
                ("groups", i, "code"),
                "group-code",
                f"groups[{i}].code: group code `{group.code}` is used twice",
            )
    if not office.has("group_directors"):
        return
    for i, director in enumerate(office.model.group_directors):
        if director.group not in codes:
            yield office.doc.problem(
                ("group_directors", i, "group"),
                "unknown-group",
                f"group_directors[{i}].group: {_unknown_group(director.group, codes)}",
            )


def check_director(data: DataSet) -> Iterator[Problem]:
    """One executive is the director: the report and the chart put that person first."""
    office = data.office
    if office is None or not office.has("executives"):
        return
    directors = [i for i, e in enumerate(office.model.executives) if e.role == "director"]
    if not directors:
        yield office.doc.problem(
            ("executives",),
            "director",
            "executives: no executive has `role: director`; give the office's director "
            "`role: director` (deputies `role: deputy`, assistants `role: assistant`)",
        )
    for i in directors[1:]:
        yield office.doc.problem(
            ("executives", i, "role"),
            "director",
            f"executives[{i}].role: a second director (the first is executives[{directors[0]}]);"
            " write `role: deputy` or `role: assistant`",
        )


def _unknown_group(code: str, codes: list[str]) -> str:
    close = difflib.get_close_matches(code, codes, n=1, cutoff=0.6)
    hint = f"did you mean `{close[0]}`?" if close else "known groups: " + ", ".join(codes)
    return f"`{code}` is not a group of the office (office.yaml); {hint}"


def check_spending(data: DataSet) -> Iterator[Problem]:
    """Cumulative spending never exceeds the project's budget."""
    for project in _projects_with(data, "budget", "spent"):
        cumulative = ZERO
        for quarter in QUARTERS:
            spent = getattr(project.model.spent, quarter)
            if spent is None:
                continue
            cumulative += spent.amount
            if cumulative > project.model.budget:
                yield project.doc.problem(
                    ("spent", quarter),
                    "overspent",
                    f"spent.{quarter}: spending to the end of {quarter} is "
                    f"{baht(cumulative)}, more than the budget {baht(project.model.budget)} "
                    f"by {baht(cumulative - project.model.budget)}",
                )
                break


def check_duration(data: DataSet) -> Iterator[Problem]:
    """The duration runs forward, and money is spent only in quarters inside it."""
    fiscal_year = _fiscal_year(data)
    for project in _projects_with(data, "duration"):
        start, end = project.model.duration.start, project.model.duration.end
        if start > end:
            yield project.doc.problem(
                ("duration", "end"),
                "duration",
                f"duration.end: the project ends ({end}) before it starts ({start})",
            )
            continue
        if fiscal_year is None:
            continue
        yield from _within_year(project, fiscal_year)
        if not project.has("spent"):
            continue
        for quarter in QUARTERS:
            spent = getattr(project.model.spent, quarter)
            if spent is None or not spent.amount:
                continue
            if not _overlaps(start, end, fiscal_year, quarter):
                yield project.doc.problem(
                    ("spent", quarter),
                    "spent-outside-duration",
                    f"spent.{quarter}: {baht(spent.amount)} spent in {quarter}, outside the "
                    f"project's duration {start} to {end}",
                    WARNING,
                )


def _within_year(project: Loaded[Project], fiscal_year: int) -> Iterator[Problem]:
    """A project of the plan runs inside its fiscal year; a month outside is likely a typo."""
    first = PERIODS["fy"].first_month(fiscal_year)
    last = PERIODS["fy"].last_month(fiscal_year)
    year = f"fiscal year {fiscal_year} ({first} to {last})"
    duration = project.model.duration
    if duration.start < first or duration.start > last:
        yield project.doc.problem(
            ("duration", "start"),
            "duration",
            f"duration.start: {duration.start} is outside {year}; write a month of the year, "
            f"such as {first}",
            WARNING,
        )
    if duration.end > last or duration.end < first:
        yield project.doc.problem(
            ("duration", "end"),
            "duration",
            f"duration.end: {duration.end} is outside {year}; write a month of the year, "
            f"such as {last}",
            WARNING,
        )


def _fiscal_year(data: DataSet) -> int | None:
    if data.report is None or not data.report.has("fiscal_year"):
        return None
    return data.report.model.fiscal_year


def _overlaps(start: YearMonth, end: YearMonth, fiscal_year: int, quarter: Quarter) -> bool:
    """Whether the months start..end touch the given quarter of the fiscal year."""
    months = PERIODS[quarter]
    return start <= months.last_month(fiscal_year) and months.first_month(fiscal_year) <= end


def check_statistics(data: DataSet) -> Iterator[Problem]:
    """A statistic's parts add up to the total it declares."""
    for project in _projects_with(data, "results"):
        for path, item in _result_items(project.model):
            for s, statistic in enumerate(item.statistics):
                yield from _statistic(project.doc, (*path, "statistics", s), statistic)


def _statistic(doc: Document, path: Path_, statistic: Statistic) -> Iterator[Problem]:
    computed = statistic_sum(statistic)
    if computed != statistic.total:
        yield doc.problem(
            (*path, "total"),
            "statistic-total",
            f"{dotted((*path, 'total'))}: the parts of `{statistic.label}` add up to {computed:,}"
            f", not the declared total {statistic.total:,} (difference "
            f"{computed - statistic.total:,}); correct the part that is wrong, or write "
            f"`total: {computed}` if that is the total",
        )


def _result_items(project: Project) -> Iterator[tuple[Path_, ResultItem]]:
    for quarter in QUARTERS:
        items = getattr(project.results, quarter)
        yield from _walk_items(items or [], ("results", quarter))


def _walk_items(items: list[ResultItem], path: Path_) -> Iterator[tuple[Path_, ResultItem]]:
    for i, item in enumerate(items):
        yield (*path, i), item
        yield from _walk_items(item.items, (*path, i, "items"))


def check_duplicate_results(data: DataSet) -> Iterator[Problem]:
    """The same result twice in a quarter (or once more with words added) is a copy-paste slip."""
    for project in _projects_with(data, "results"):
        for quarter in QUARTERS:
            items = getattr(project.model.results, quarter) or []
            yield from _duplicates(project.doc, items, ("results", quarter))


def _duplicates(doc: Document, items: list[ResultItem], path: Path_) -> Iterator[Problem]:
    texts = [" ".join(item.text.split()) for item in items]
    for j, text in enumerate(texts):
        for i in range(j):
            if text.startswith(texts[i]) or texts[i].startswith(text):
                same = "repeats" if text == texts[i] else "repeats, with words added or removed,"
                yield doc.problem(
                    (*path, j),
                    "duplicate-result",
                    f"{dotted((*path, j))}: this result {same} item {i + 1} of the same quarter",
                    WARNING,
                )
                break


def check_disbursement(data: DataSet) -> Iterator[Problem]:
    """No budget type disburses more than it received."""
    if data.disbursement is None or not data.disbursement.has("periods"):
        return
    for period, snapshot in data.disbursement.model.periods.items():
        for name, line in snapshot.items():
            if line.disbursed > line.received:
                yield data.disbursement.doc.problem(
                    ("periods", period, name, "disbursed"),
                    "overdisbursed",
                    f"periods.{period}.{name}.disbursed: {baht(line.disbursed)} disbursed is "
                    f"more than the {baht(line.received)} received",
                )


def check_budget_type_labels(data: DataSet) -> Iterator[Problem]:
    """A budget type outside the glossary's five says what to print for it."""
    if data.disbursement is None or not data.disbursement.has("periods"):
        return
    for period, snapshot in data.disbursement.model.periods.items():
        for code, line in snapshot.items():
            if line.label is None and code not in BUDGET_TYPES:
                yield data.disbursement.doc.problem(
                    ("periods", period, code),
                    "budget-type",
                    f"periods.{period}.{code}: `{code}` is not one of the known budget types "
                    f"({', '.join(BUDGET_TYPES)}); add `label:` with the name to print, "
                    "such as `label: งบรายจ่ายอื่น`",
                )


_ALLOWED_SCRIPTS = re.compile(r"^(THAI|LATIN|DIGIT|SPACE|NO-BREAK SPACE)\b")


def check_characters(data: DataSet) -> Iterator[Problem]:
    """Letters of another script inside Thai text are an extraction or keyboard slip."""
    loaded = [data.report, data.office, data.direction, data.budget, data.disbursement]
    for source in [x for x in loaded if x is not None] + list(data.projects):
        for path, value in scalars(source.doc.data):
            foreign = _foreign_letter(value) if isinstance(value, str) else None
            if foreign is not None:
                yield source.doc.problem(
                    path,
                    "foreign-letter",
                    f"{dotted(path)}: unexpected letter {foreign!r} "
                    f"({unicodedata.name(foreign, f'U+{ord(foreign):04X}')}) in the text; "
                    "expected Thai or Latin letters",
                    WARNING,
                )


_NOT_ASCII_OR_THAI = re.compile(r"[^\x00-\x7f\u0e00-\u0e7f]")  # ASCII and Thai: never foreign


def _foreign_letter(text: str) -> str | None:
    for found in _NOT_ASCII_OR_THAI.finditer(text):
        char = found.group()
        name = unicodedata.name(char, "")
        if unicodedata.category(char).startswith("L") and not _ALLOWED_SCRIPTS.match(name):
            return char
    return None


def check_period(data: DataSet, period: Period) -> Iterator[Problem]:
    """What the round needs: each project's quarters reported, and the disbursement snapshot.

    A quarter not written is "not reported yet", which the report prints as such; it is a
    warning, so a draft can be built while some groups have not reported.
    """
    for project in data.projects:
        missing = project.model.unreported(period.quarters)
        if missing:
            field = missing[0][0]
            yield _at_key(
                project.doc,
                (field,),
                "not-reported",
                f"{field}: project {project.model.number} ({project.model.title}) has not "
                f"reported {_by_quarter(missing)}, which the {period.code} report covers; the "
                f"report prints ยังไม่ได้รายงาน there until you add {_by_field(missing)} "
                "(0 or [] when nothing was spent or done)",
                WARNING,
            )
    disbursement = data.disbursement
    if disbursement is not None and period.code not in disbursement.model.periods:
        yield disbursement.doc.problem(
            ("periods",),
            "period-data",
            f"periods: no disbursement snapshot for {period.code}; the report says so "
            "instead of printing the disbursement table",
            Severity.WARNING,
        )


def check_letters_by_round(data: DataSet, period: Period) -> Iterator[Problem]:
    """A round's report tells only of the letters dated by its last month."""
    found, report = _allocation(data), data.report
    if found is None or report is None:
        return
    budget, allocation = found
    last = period.last_month(report.model.fiscal_year)
    if not any(letter.date is None or letter.date.by(last) for letter in allocation.letters):
        yield budget.doc.problem(
            ("allocation", "letters"),
            "allocation-letter",
            f"allocation.letters: no letter is dated by the end of the {period.code} report "
            f"({last}), so its part 3 names no allocation round; check the letters' dates",
            WARNING,
        )


NOTE_OF_QUARTER = {"spent_note": "spent", "problems": "results", "suggestions": "results"}
"""A per-quarter note and the figure whose quarter it explains."""


def check_notes_of_unreported(data: DataSet, period: Period) -> Iterator[Problem]:
    """A note under a quarter not reported yet would print beside ยังไม่ได้รายงาน."""
    for project in data.projects:
        model = project.model
        for field, figure in NOTE_OF_QUARTER.items():
            notes = getattr(model, field)
            if not isinstance(notes, dict):
                continue
            for quarter in period.quarters:
                if notes.get(quarter) and getattr(getattr(model, figure), quarter) is None:
                    yield project.doc.problem(
                        (field, quarter),
                        "not-reported",
                        f"{field}.{quarter}: project {model.number} has a note for {quarter} "
                        f"but no `{quarter}:` under `{figure}`, so the report prints the note "
                        f"beside ยังไม่ได้รายงาน; add {quarter}'s {figure} or move the note",
                        WARNING,
                    )


def _at_key(
    doc: Document, path: Path_, code: str, message: str, severity: Severity = WARNING
) -> Problem:
    """A problem about a whole mapping, placed at its key (``spent:``), not its first entry."""
    mark = doc.key_at(path)
    return Problem(doc.file, mark.line, mark.column, severity, code, message)


def _by_quarter(missing: list[tuple[str, Quarter]]) -> str:
    """q3 (spent and results), q4 (results)."""
    quarters = dict.fromkeys(q for _, q in missing)
    return ", ".join(
        f"{q} ({' and '.join(name for name, m in missing if m == q)})" for q in quarters
    )


def _by_field(missing: list[tuple[str, Quarter]]) -> str:
    """`q3:` and `q4:` under `spent`, `q3:` under `results`."""
    fields = dict.fromkeys(name for name, _ in missing)
    return ", ".join(
        " and ".join(f"`{q}:`" for name, q in missing if name == field) + f" under `{field}`"
        for field in fields
    )


def unreported_groups(data: DataSet, period: Period) -> list[tuple[int, str, list[int]]]:
    """(index in office.yaml, name, project numbers) of each group with a project not reported."""
    if data.office is None or not data.office.has("groups"):
        return []
    late: dict[str, list[int]] = {}
    for project in data.projects:
        if project.model.unreported(period.quarters):
            late.setdefault(project.model.group, []).append(project.model.number)
    return [
        (i, group.name, sorted(late[group.code]))
        for i, group in enumerate(data.office.model.groups)
        if group.code in late
    ]


def check_groups_reported(data: DataSet, period: Period) -> Iterator[Problem]:
    """A group that has not reported makes the report a draft that names it."""
    assert data.office is not None
    for i, name, numbers in unreported_groups(data, period):
        yield data.office.doc.problem(
            ("groups", i),
            "not-reported",
            f"groups[{i}]: {name} has not reported everything for {period.code} "
            f"(project{'s' * (len(numbers) > 1)} {', '.join(map(str, numbers))}); the report is "
            "a draft and names the group at the start of part 4",
            WARNING,
        )


def check_all_zero(data: DataSet, period: Period) -> Iterator[Problem]:
    """A report whose every figure is zero is more likely unfilled than true."""
    spent = [
        s.amount
        for p in data.projects
        for q in period.quarters
        if (s := getattr(p.model.spent, q)) is not None
    ]
    snapshot = data.disbursement.model.periods.get(period.code) if data.disbursement else None
    lines = [x for line in (snapshot or {}).values() for x in (line.received, line.disbursed)]
    if not data.projects or any(spent + lines):
        return
    first = data.projects[0]
    yield _at_key(
        first.doc,
        ("spent",),
        "all-zero",
        f"spent: every figure of the {period.code} report is zero or not reported "
        f"({len(spent)} spending figures, {'a' if snapshot else 'no'} disbursement snapshot); "
        "leave a quarter out until its figures are in, so that the report says ยังไม่ได้รายงาน",
        WARNING,
    )


def period_problems(data: DataSet, period: Period) -> list[Problem]:
    """Every check of what this round needs; run on a data set without errors."""
    checks = (
        check_period, check_round_text, check_preface, check_groups_reported, check_all_zero,
        check_letters_by_round, check_notes_of_unreported,
    )
    return [problem for check in checks for problem in check(data, period)]


QUARTERLY = frozenset({"spent", "results", "spent_note", "problems", "suggestions"})
"""Project fields that may be written per quarter; their text prints with its quarter."""


def check_round_text(data: DataSet, period: Period) -> Iterator[Problem]:
    """Text this report prints that names another round was likely written for that round.

    Text written under a quarter (``spent_note: {q2: …}``) or a round (``preface: {h1: …}``)
    prints only with it, and may name it.
    """
    typed = TypedText()
    for source, value, path in _round_texts(data, period):
        for mention in round_mentions(value):
            if period.names_other_round(mention):
                line, column = typed.find(source.doc, path, mention.text)
                yield Problem(
                    source.doc.file, line, column, WARNING, "other-round",
                    f"{dotted(path)}: this text names {mention.text!r}, but the "
                    f"{period.code} report is {period.label()}; {_round_text_fix(source, path)}",
                )


def _round_text_fix(source: Loaded[Any], path: Path_) -> str:
    """Only a preface and a project's quarterly fields can be written per round."""
    field = path[0] if path else ""
    if field == "preface" and len(path) > 2:
        return f"this is the {path[1]} preface: write it for that round"
    if field == "preface":
        return "write a preface for each round: `preface: {h1: [...], fy: [...]}`"
    if field in QUARTERLY and isinstance(source.model, Project):
        return (
            f"write the text under the quarter it belongs to: `{field}: {{q2: …}}`, or write "
            "it so that it names no round"
        )
    return "this text prints in every round's report: write it so that it names no round"


def _round_texts(data: DataSet, period: Period) -> Iterator[tuple[Loaded[Any], str, Path_]]:
    """Text the report prints, except what is kept under a quarter (it may name its quarter)."""
    loaded: list[Loaded[Any]] = [
        x for x in (data.report, data.office, data.direction, data.budget) if x is not None
    ]
    for source in loaded:
        for path, value in scalars(source.doc.data):
            other_round = (
                source is data.report and path[:1] == ("preface",) and len(path) > 2
                and path[1] != period.code
            )
            if isinstance(value, str) and not other_round:
                yield source, value, path
    for project in data.projects:
        for path, value in scalars(project.doc.data):
            per_quarter = bool(path) and path[0] in QUARTERLY and path[1:2] in _QUARTER_KEYS
            if isinstance(value, str) and not per_quarter:
                yield project, value, path


_QUARTER_KEYS = tuple((q,) for q in QUARTERS)


def check_preface(data: DataSet, period: Period) -> Iterator[Problem]:
    """A preface written per round, lacking this round: the report goes without one."""
    report = data.report
    if report is None or not report.has("preface") or isinstance(report.model.preface, list):
        return
    if period.code not in report.model.preface:
        written = ", ".join(report.model.preface)
        yield report.doc.problem(
            ("preface",),
            "no-preface",
            f"preface: no preface for {period.code} (written for {written}); the "
            f"{period.code} report prints none; add `{period.code}:` under `preface:` with its "
            "paragraphs",
            WARNING,
        )


PHOTO_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp")


def check_photos(data: DataSet) -> Iterator[Problem]:
    """Every photo, and the office's map, is an image file inside the data folder."""
    for project in _projects_with(data, "photos"):
        for i, photo in enumerate(project.model.photos):
            yield from _image(data, project.doc, ("photos", i, "file"), photo.file)
    office = data.office
    if office is not None and office.has("map") and office.model.map is not None:
        yield from _image(data, office.doc, ("map", "file"), office.model.map.file)


def _image(data: DataSet, doc: Document, where: Path_, file: str) -> Iterator[Problem]:
    root = data.root.resolve()
    path = (root / file).resolve()
    if not path.is_relative_to(root):
        yield doc.problem(where, "photo", f"{dotted(where)}: `{file}` is outside the data folder")
    elif path.suffix.lower() not in PHOTO_SUFFIXES:
        yield doc.problem(
            where,
            "photo",
            f"{dotted(where)}: `{file}` is not an image; expected one of "
            + ", ".join(PHOTO_SUFFIXES),
        )
    elif not path.is_file():
        yield doc.problem(
            where, "photo", f"{dotted(where)}: no such file `{file}` in {data.root}"
        )


CHECKS: tuple[Check, ...] = (
    check_projects_total,
    check_running_costs_total,
    check_allocation_total,
    check_allocation_letters,
    check_plan_nodes,
    check_project_numbers,
    check_project_groups,
    check_group_directors,
    check_director,
    check_spending,
    check_duration,
    check_statistics,
    check_duplicate_results,
    check_disbursement,
    check_budget_type_labels,
    check_characters,
    check_photos,
    check_folder_year,
    check_carried_figures,
    check_other_years,
)


def run_checks(data: DataSet, checks: tuple[Check, ...] = CHECKS) -> list[Problem]:
    return [problem for check in checks for problem in check(data)]
