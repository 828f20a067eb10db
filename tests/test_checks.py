"""Each check, on a copy of the real data with one mistake: exact message and position."""

from __future__ import annotations

from aplan.problems import Problem, Severity

from .conftest import DataCopy

P = "projects/"


def only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, [p.human() for p in problems]
    return problems[0]


def test_projects_total_reports_declared_computed_and_difference(data_copy: DataCopy) -> None:
    # The source's own mistake: project 5's section printed 120,855 instead of 120,885.
    data_copy.edit(P + "05-equal-opportunity.yaml", "budget: 120885", "budget: 120855")
    problems = data_copy.problems()
    line = data_copy.line_of("budget.yaml", "  projects: 1121990")
    assert [p.human() for p in problems] == [
        f"{data_copy.name('budget.yaml')}:{line - 2}:19: error: allocation.expected_total: "
        "running costs and projects do not add up to the declared allocation: declared "
        "5,000,000.00, computed 4,999,970.00, difference -30.00; correct the amount that is wrong, "
        "or, if the allocation letter says 4,999,970.00, write `expected_total: 4999970.00` "
        "[allocation-total]",
        f"{data_copy.name('budget.yaml')}:{line}:13: error: allocation.projects: the 14 "
        "projects' budgets do not add up to the declared total: declared 1,121,990.00, "
        "computed 1,121,960.00, difference -30.00; correct the amount that is wrong, or, if the "
        "allocation letter says 1,121,960.00, write `projects: 1121960.00` [projects-total]",
    ]


def test_running_costs_total(data_copy: DataCopy) -> None:
    data_copy.edit("budget.yaml", "amount: 650000", "amount: 651000")
    problems = [p for p in data_copy.problems() if p.code == "running-costs-total"]
    problem = only(problems)
    assert problem.line == data_copy.line_of("budget.yaml", "running_costs: 3878010")
    assert problem.column == 18
    assert problem.message == (
        "allocation.running_costs: the spending plan's items do not add up to the declared "
        "total: declared 3,878,010.00, computed 3,879,010.00, difference 1,000.00; correct the "
        "amount that is wrong, or, if the allocation letter says 3,879,010.00, write "
        "`running_costs: 3879010.00`"
    )


def test_plan_node_with_both_amount_and_items(data_copy: DataCopy) -> None:
    data_copy.edit(
        "budget.yaml", "  - name: ค่าสาธารณูปโภค\n", "  - name: ค่าสาธารณูปโภค\n    amount: 771000\n"
    )
    problem = only([p for p in data_copy.problems() if p.code == "plan-node"])
    assert problem.line == data_copy.line_of("budget.yaml", "amount: 771000")
    assert problem.column == 13
    assert problem.message == (
        "spending_plan[1].amount: a category with items has no amount of its own "
        "(its items sum to 771,000.00); remove `amount`"
    )


def test_plan_leaf_without_amount(data_copy: DataCopy) -> None:
    data_copy.edit("budget.yaml", "    amount: 442510\n", "")
    problem = only([p for p in data_copy.problems() if p.code == "plan-node"])
    assert (problem.line, problem.column) == (
        data_copy.line_of("budget.yaml", "- name: พัฒนาคุณภาพการศึกษา"),
        5,
    )
    assert problem.message == (
        "spending_plan[2]: `พัฒนาคุณภาพการศึกษา สพป.จันทบุรี เขต 2` has neither `amount` "
        "nor `items`; a line item needs an amount"
    )


def test_project_number_used_twice_and_gap(data_copy: DataCopy) -> None:
    data_copy.edit(P + "14-internal-audit.yaml", "number: 14", "number: 13")
    problems = [p.human() for p in data_copy.problems() if p.code == "project-number"]
    file14 = data_copy.name(P + "14-internal-audit.yaml")
    assert problems == [
        f"{file14}:3:9: error: number: project number 13 is also used by "
        f"{data_copy.name(P + '13-ethics-discipline.yaml')} [project-number]"
    ]
    data_copy.edit(P + "14-internal-audit.yaml", "number: 13", "number: 15")
    problems = [p.human() for p in data_copy.problems() if p.code == "project-number"]
    assert problems == [
        f"{file14}:3:9: error: number: project numbers must run from 1 without gaps; 14 is missing "
        "[project-number]"
    ], "the gap is reported in the file named with the missing number"


def test_unknown_group(data_copy: DataCopy) -> None:
    data_copy.edit(P + "12-ict.yaml", "group: ict", "group: itc")
    problem = only(data_copy.problems())
    assert problem.human() == (
        f"{data_copy.name(P + '12-ict.yaml')}:4:8: error: group: `itc` is not a group of the "
        "office (office.yaml); did you mean `ict`? [unknown-group]"
    )


def test_overspent_names_the_quarter(data_copy: DataCopy) -> None:
    data_copy.edit(P + "06-arts-and-crafts.yaml", "q2: 1150", "q2: 1250")
    problem = only(data_copy.problems())
    name = P + "06-arts-and-crafts.yaml"
    assert (problem.file, problem.line, problem.column) == (
        data_copy.name(name),
        data_copy.line_of(name, "q2: 1250"),
        7,
    )
    assert problem.message == (
        "spent.q2: spending to the end of q2 is 223,200.00, more than the budget "
        "223,150.00 by 50.00"
    )


def test_spending_outside_duration_is_a_warning(data_copy: DataCopy) -> None:
    name = P + "07-early-childhood.yaml"
    data_copy.edit(name, "  q1:\n    amount: 0\n", "  q1:\n    amount: 500\n")
    problem = only(data_copy.problems())
    assert problem.severity is Severity.WARNING
    assert (problem.line, problem.column) == (data_copy.line_of(name, "amount: 500"), 5)
    assert problem.message == (
        "spent.q1: 500.00 spent in q1, outside the project's duration 2567-01 to 2567-09"
    )


def test_duration_backwards(data_copy: DataCopy) -> None:
    name = P + "07-early-childhood.yaml"
    data_copy.edit(name, "end: 2567-09", "end: 2566-12")
    problem = only(data_copy.problems())
    assert problem.message == (
        "duration.end: the project ends (2566-12) before it starts (2567-01)"
    )
    assert problem.line == data_copy.line_of(name, "end: 2566-12")


def test_statistic_parts_must_add_up(data_copy: DataCopy) -> None:
    # The source printed 499 for ระดับเข้าร่วม, which does not add up to 2,950.
    name = P + "06-arts-and-crafts.yaml"
    data_copy.edit(name, "count: 1631", "count: 499")
    problem = only(data_copy.problems())
    assert problem.line == data_copy.line_of(name, "total: 2950")
    assert problem.message == (
        "results.q2[0].items[1].statistics[1].total: the parts of `ผู้เข้าร่วมการแข่งขันทั้งสิ้น "
        "จำแนกเป็นเหรียญรางวัล` add up to 1,818, not the declared total 2,950 "
        "(difference -1,132); correct the part that is wrong, or write `total: 1818` if that is "
        "the total"
    )


def test_same_result_twice_is_a_warning(data_copy: DataCopy) -> None:
    name = P + "02-important-days.yaml"
    text = data_copy.path(name).read_text(encoding="utf-8")
    first_q2 = text.split("  q2:\n")[1].split("\n")[0]
    data_copy.edit(name, "  q2:\n" + first_q2 + "\n", "  q2:\n" + first_q2 + "\n" + first_q2 + "\n")
    problem = only(data_copy.problems())
    assert problem.severity is Severity.WARNING
    assert problem.message == "results.q2[1]: this result repeats item 1 of the same quarter"
    lines = data_copy.path(name).read_text(encoding="utf-8").splitlines()
    assert problem.line == [i + 1 for i, line in enumerate(lines) if line == first_q2][1]


def test_result_repeated_with_words_added(data_copy: DataCopy) -> None:
    # The source's project 4 repeated item 3 of quarter 1 with an attendance count added.
    name = P + "01-education-management.yaml"
    data_copy.edit(
        name,
        "    - text: ประชุมผู้บริหารการศึกษา และผู้อำนวยการกลุ่ม/หน่วย ศึกษาพิเศษ",
        "    - text: ประชุมผู้อำนวยการโรงเรียนในสังกัด\n"
        "    - text: ประชุมผู้บริหารการศึกษา และผู้อำนวยการกลุ่ม/หน่วย ศึกษาพิเศษ",
    )
    problem = only(data_copy.problems())
    assert problem.message == (
        "results.q1[2]: this result repeats, with words added or removed, item 2 of the "
        "same quarter"
    )


def test_disbursed_more_than_received(data_copy: DataCopy) -> None:
    data_copy.edit("disbursement.yaml", "disbursed: 54073043.00", "disbursed: 54080043.01")
    problem = only(data_copy.problems())
    assert problem.line == data_copy.line_of("disbursement.yaml", "54080043.01")
    assert problem.message == (
        "periods.h1.subsidy.disbursed: 54,080,043.01 disbursed is more than the "
        "54,080,043.00 received"
    )


def test_foreign_letters_are_flagged(data_copy: DataCopy) -> None:
    # The source printed the surname นวลสุวรรณ with two Devanagari letters.
    data_copy.edit("office.yaml", "นวลสุวรรณ", "นवलสุวรรณ")
    problems = data_copy.problems()
    problem = only([p for p in problems if p.code != "font"])
    assert [p.column for p in problems if p.code == "font"] == [22, 23], "Sarabun lacks them"
    assert problem.severity is Severity.WARNING
    assert problem.code == "foreign-letter"
    assert problem.line == data_copy.line_of("office.yaml", "name: นางวรรณกร")
    assert problem.message.endswith(
        ": unexpected letter 'व' (DEVANAGARI LETTER VA) in the text; expected Thai or Latin letters"
    )


def test_type_error_and_cross_check_in_one_run(data_copy: DataCopy) -> None:
    """A project with a bad title still counts in the totals, so both problems show."""
    name = P + "05-equal-opportunity.yaml"
    data_copy.edit(name, "budget: 120885", "budget: 120855")
    data_copy.edit(name, "number: 5", "number: [5]")
    codes = [p.code for p in data_copy.problems()]
    assert codes == ["allocation-total", "projects-total", "type"]


def test_missing_file(data_copy: DataCopy) -> None:
    data_copy.path("office.yaml").unlink()
    problems = data_copy.problems()
    assert [p.human() for p in problems] == [
        f"{data_copy.name('office.yaml')}: error: missing source file `office.yaml`; it holds the "
        "office's names, address, groups and director (see docs/data-format.md) [missing-file]"
    ]


def test_group_code_used_twice_and_director_of_unknown_group(data_copy: DataCopy) -> None:
    data_copy.edit("office.yaml", "  - code: legal\n", "  - code: audit\n")
    problems = [p.human() for p in data_copy.problems()]
    office = data_copy.name("office.yaml")
    code_line = data_copy.line_of("office.yaml", "name: กลุ่มกฎหมายและคดี") - 1
    director_line = data_copy.line_of("office.yaml", "group: legal")
    assert problems == [
        f"{office}:{code_line}:11: error: groups[9].code: group code `audit` is used twice "
        "[group-code]",
        f"{office}:{director_line}:12: error: group_directors[9].group: `legal` is not a "
        "group of the office (office.yaml); known groups: admin, policy, ict, finance, "
        "personnel, teacher_dev, supervision, promotion, audit, audit [unknown-group]",
        f"{data_copy.name('projects/13-ethics-discipline.yaml')}:4:8: error: group: `legal` is "
        "not a group of the office (office.yaml); known groups: admin, policy, ict, finance, "
        "personnel, teacher_dev, supervision, promotion, audit, audit [unknown-group]",
    ]


def test_negative_spending_is_refused_where_it_is_typed(data_copy: DataCopy) -> None:
    name = P + "01-education-management.yaml"
    data_copy.edit(name, "q1: 43540", "q1: -43540")
    problem = only(data_copy.problems())
    assert (problem.line, problem.column) == (data_copy.line_of(name, "q1: -43540"), 7)
    assert problem.message == "spent.q1.amount: amount must not be negative, got -43540"
