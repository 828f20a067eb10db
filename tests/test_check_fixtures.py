"""Each check has a fixture that targets it alone (issue 9), not only the real data.

A fixture is a copy of tests/data/minimal with one change. It loads without a problem, the
check it targets reports exactly the rows below (file, line, column, severity, code, message),
and every other check of the data set stays silent; so a check that stopped working, or one
that started to object to valid data, fails here by name. docs/mutation.md lists the checks
and these fixtures.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest

from aplan import checks, printable
from aplan.dataset import DataSet, load_dataset
from aplan.period import PERIODS
from aplan.problems import Problem, Severity

from .test_mutants import MINIMAL, PROJECT, Mini, without_schema_lines

W, E = Severity.WARNING, Severity.ERROR
ROUND = PERIODS["h1"]
"""The round the period checks run for: minimal reports q1 and q2, so h1 is complete."""

PERIOD_CHECKS = (
    checks.check_period, checks.check_round_text, checks.check_preface,
    checks.check_groups_reported, checks.check_all_zero, checks.check_letters_by_round,
    checks.check_notes_of_unreported,
)
ALL: dict[str, Callable[[DataSet], Iterable[Problem]]] = {
    **{check.__name__: check for check in checks.CHECKS},
    **{
        check.__name__: (lambda data, check=check: check(data, ROUND))
        for check in PERIOD_CHECKS
    },
    **{check.__name__: check for check in printable.CHECKS},
}
"""Every check of a data set: validate's (checks.CHECKS, printable.CHECKS) and a round's."""

TOGETHER = {
    "check_groups_reported": {"check_period"},
    "check_notes_of_unreported": {"check_period", "check_groups_reported"},
}
"""Checks that cannot fire alone: a group is late only because one of its projects has not
reported (check_period), and a note is under a quarter not reported only when that quarter is
not reported (check_period, and so check_groups_reported). Their fixtures trigger those too,
and no other."""


def test_every_check_is_listed() -> None:
    assert len(ALL) == len(checks.CHECKS) + len(PERIOD_CHECKS) + len(printable.CHECKS)
    targets = {case.values[0] for case in CASES}  # type: ignore[attr-defined]
    assert targets == set(ALL), "a check without a fixture of its own"


def _rename(mini: Mini, name: str) -> None:
    mini.root = mini.root.rename(mini.root.parent / name)


def _second_project(mini: Mini, name: str, number: int) -> None:
    text = (mini.root / PROJECT).read_text(encoding="utf-8")
    mini.write(f"projects/{name}", text.replace("number: 1", f"number: {number}"))


def _photo(mini: Mini, file: str) -> Mini:
    return mini.edit(PROJECT, "results:", f"photos:\n  - file: {file}\n    caption: ภาพ\nresults:")


def _disbursement(mini: Mini, lines: str) -> Mini:
    return mini.write("disbursement.yaml", "periods:\n  h1:\n" + lines)


PAID = "    personnel:\n      received: 100\n      disbursed: 50\n"

Setup = Callable[[Mini], Any]
CASES = [
    # --- allocation: declared totals against computed ones, the letters -------------------
    pytest.param(
        "check_projects_total",
        lambda m: m.edit("budget.yaml", "projects: 100", "projects: 101"),
        [("budget.yaml", 8, 13, E, "projects-total",
          "allocation.projects: the 1 projects' budgets do not add up to the declared total: "
          "declared 101.00, computed 100.00, difference -1.00; correct the amount that is wrong, "
          "or, if the allocation letter says 100.00, write `projects: 100.00`")],
        id="projects-total",
    ),
    pytest.param(
        "check_running_costs_total",
        lambda m: m.edit("budget.yaml", "running_costs: 900", "running_costs: 901"),
        [("budget.yaml", 7, 18, E, "running-costs-total",
          "allocation.running_costs: the spending plan's items do not add up to the declared "
          "total: declared 901.00, computed 900.00, difference -1.00; correct the amount that is "
          "wrong, or, if the allocation letter says 900.00, write `running_costs: 900.00`")],
        id="running-costs-total",
    ),
    pytest.param(
        "check_allocation_total",
        lambda m: m.edit("budget.yaml", "expected_total: 1000", "expected_total: 1001"),
        [("budget.yaml", 6, 19, E, "allocation-total",
          "allocation.expected_total: running costs and projects do not add up to the declared "
          "allocation: declared 1,001.00, computed 1,000.00, difference -1.00; correct the amount "
          "that is wrong, or, if the allocation letter says 1,000.00, write "
          "`expected_total: 1000.00`")],
        id="allocation-total",
    ),
    pytest.param(
        "check_allocation_letters",
        lambda m: m.edit("budget.yaml", "amount: 1000", "amount: 1000.01"),
        [("budget.yaml", 4, 5, W, "allocation-letter",
          "allocation.letters: the 1 rounds allocate 1,000.01, more than the year's plan "
          "(Table 1 and the projects) 1,000.00 by 0.01; the report would say less than was "
          "received")],
        id="allocation-letters",
    ),
    pytest.param(
        "check_letters_by_round",
        lambda m: m.edit("budget.yaml", "amount: 1000", "amount: 1000\n      date: 2567-05-02"),
        [("budget.yaml", 4, 5, W, "allocation-letter",
          "allocation.letters: no letter is dated by the end of the h1 report (2567-03), so its "
          "part 3 names no allocation round; check the letters' dates")],
        id="letters-by-round",
    ),
    # --- plan, projects, office -----------------------------------------------------------
    pytest.param(
        "check_plan_nodes",
        lambda m: m.edit("budget.yaml", "    amount: 900",
                         "    amount: 900\n    items:\n      - name: ก\n        amount: 900"),
        [("budget.yaml", 13, 13, E, "plan-node",
          "spending_plan[0].amount: a category with items has no amount of its own (its items "
          "sum to 900.00); remove `amount`")],
        id="plan-node",
    ),
    pytest.param(
        "check_project_numbers",
        lambda m: (
            _second_project(m, "03-three.yaml", 3),
            m.edit("budget.yaml", "expected_total: 1000", "expected_total: 1100"),
            m.edit("budget.yaml", "projects: 100", "projects: 200"),
        ),
        [("projects/03-three.yaml", 2, 9, E, "project-number",
          "number: project numbers must run from 1 without gaps; 2 is missing")],
        id="project-number",
    ),
    pytest.param(
        "check_project_groups",
        lambda m: m.edit(PROJECT, "group: only", "group: onyl"),
        [(PROJECT, 3, 8, E, "unknown-group",
          "group: `onyl` is not a group of the office (office.yaml); did you mean `only`?")],
        id="unknown-group",
    ),
    pytest.param(
        "check_group_directors",
        lambda m: m.edit("office.yaml", "executives:",
                         "group_directors:\n  - name: นายทดสอบ\n    group: onyl\nexecutives:"),
        [("office.yaml", 15, 12, E, "unknown-group",
          "group_directors[0].group: `onyl` is not a group of the office (office.yaml); did you "
          "mean `only`?")],
        id="group-director",
    ),
    pytest.param(
        "check_director",
        lambda m: m.edit("office.yaml", "role: director", "role: deputy"),
        [("office.yaml", 14, 3, E, "director",
          "executives: no executive has `role: director`; give the office's director "
          "`role: director` (deputies `role: deputy`, assistants `role: assistant`)")],
        id="director",
    ),
    # --- spending, duration, results -----------------------------------------------------
    pytest.param(
        "check_spending",
        lambda m: m.edit(PROJECT, "q1: 40", "q1: 140"),
        [(PROJECT, 14, 7, E, "overspent",
          "spent.q1: spending to the end of q1 is 140.00, more than the budget 100.00 by 40.00")],
        id="overspent",
    ),
    pytest.param(
        "check_duration",
        lambda m: m.edit(PROJECT, "end: 2567-09", "end: 2567-10"),
        [(PROJECT, 18, 8, W, "duration",
          "duration.end: 2567-10 is outside fiscal year 2567 (2566-10 to 2567-09); write a month "
          "of the year, such as 2567-09")],
        id="duration",
    ),
    pytest.param(
        "check_statistics",
        lambda m: m.edit(PROJECT, "  q1: []", "  q1:\n    - text: ผล\n      statistics:\n"
                         "        - label: คน\n          total: 3\n          parts:\n"
                         "            - label: ก\n              count: 2"),
        [(PROJECT, 24, 18, E, "statistic-total",
          "results.q1[0].statistics[0].total: the parts of `คน` add up to 2, not the declared "
          "total 3 (difference -1); correct the part that is wrong, or write `total: 2` if that is "
          "the total")],
        id="statistic-total",
    ),
    pytest.param(
        "check_duplicate_results",
        lambda m: m.edit(PROJECT, "  q2: []", "  q2:\n    - text: ผลงาน\n    - text: ผลงาน"),
        [(PROJECT, 23, 7, W, "duplicate-result",
          "results.q2[1]: this result repeats item 1 of the same quarter")],
        id="duplicate-result",
    ),
    # --- disbursement ----------------------------------------------------------------------
    pytest.param(
        "check_disbursement",
        lambda m: _disbursement(m, PAID.replace("disbursed: 50", "disbursed: 101")),
        [("disbursement.yaml", 5, 18, E, "overdisbursed",
          "periods.h1.personnel.disbursed: 101.00 disbursed is more than the 100.00 received")],
        id="overdisbursed",
    ),
    pytest.param(
        "check_budget_type_labels",
        lambda m: _disbursement(m, PAID.replace("personnel", "research")),
        [("disbursement.yaml", 4, 7, E, "budget-type",
          "periods.h1.research: `research` is not one of the known budget types (personnel, "
          "operating, investment, subsidy, other); add `label:` with the name to print, such "
          "as `label: งบรายจ่ายอื่น`")],
        id="budget-type",
    ),
    # --- characters and images ------------------------------------------------------------
    pytest.param(
        "check_characters",
        lambda m: m.edit("office.yaml", "short_name: สนง.ทดสอบ", "short_name: สนง.ทดสอบ µ"),
        [("office.yaml", 3, 13, W, "foreign-letter",
          "short_name: unexpected letter 'µ' (MICRO SIGN) in the text; expected Thai or Latin "
          "letters")],
        id="foreign-letter",
    ),
    pytest.param(
        "check_photos",
        lambda m: _photo(m, "gone.png"),
        [(PROJECT, 20, 11, E, "photo", "photos[0].file: no such file `gone.png` in {root}")],
        id="photo",
    ),
    pytest.param(
        "check_invisible_characters",
        lambda m: m.edit(PROJECT, "title: โครงการทดสอบ", "title: โครงการ\u200bทดสอบ"),
        [(PROJECT, 4, 15, W, "invisible-character",
          "title: an invisible zero-width character (U+200B ZERO WIDTH SPACE) is in the text, "
          "usually pasted in with it; delete it (retype the text around it if you cannot see "
          "it)")],
        id="invisible-character",
    ),
    pytest.param(
        "check_font_coverage",
        lambda m: m.edit(PROJECT, "title: โครงการทดสอบ", "title: โครงการทดสอบ ★"),
        [(PROJECT, 4, 21, E, "font",
          "title: the report's font (Sarabun) has no letter for '★' (U+2605 BLACK STAR); the PDF "
          "cannot print it; replace it with Thai or Latin text, or delete it")],
        id="font",
    ),
    pytest.param(
        "check_images",
        lambda m: (m.write("a.png", "not an image"), _photo(m, "a.png")),
        [(PROJECT, 20, 11, E, "image",
          "photos[0].file: `a.png` is not an image the report can print; save it again as PNG or "
          "JPEG")],
        id="image",
    ),
    pytest.param(
        "check_words_fit",
        lambda m: m.edit(PROJECT, "title: โครงการทดสอบ", "title: โครงการ " + "x" * 70),
        [(PROJECT, 4, 8, E, "too-wide",
          "title: `" + "x" * 40 + "…" + "x" * 10 + "` is wider than its table column (11.4 cm, "
          "room for 10.6 cm) "
          "and has no place to break; put a space in it (after a / or - also works) or shorten "
          "it")],
        id="too-wide",
    ),
    # --- years ----------------------------------------------------------------------------
    pytest.param(
        "check_folder_year",
        lambda m: _rename(m, "2566"),
        [("report.yaml", 2, 14, E, "folder-year",
          "fiscal_year: the folder is named 2566, but fiscal_year is 2567; type `fiscal_year: "
          "2566` (or start the year with `aplan new-year 2566 --from <last year's folder>`), or "
          "name the folder for the year it holds")],
        id="folder-year",
    ),
    pytest.param(
        "check_carried_figures",
        lambda m: m.edit(PROJECT, "budget: 100", "budget: 100  # new-year: 2566"),
        [(PROJECT, 12, 9, W, "carried-figure",
          "budget: 100 is last year's figure, carried over by `aplan new-year`; type this year's "
          "figure, then delete the `# new-year:` comment")],
        id="carried-figure",
    ),
    pytest.param(
        "check_other_years",
        lambda m: m.edit(PROJECT, "title: โครงการทดสอบ", "title: โครงการทดสอบ 2560"),
        [(PROJECT, 4, 21, W, "other-year",
          "title: this text names the year 2560, but the report is for fiscal year 2567; write "
          "this year's text (a year that is meant, such as a plan's span written 2566-2570, may "
          "stay)")],
        id="other-year",
    ),
    # --- the round's checks (h1) ------------------------------------------------------------
    pytest.param(
        "check_period",
        lambda m: m.write("disbursement.yaml", "periods:\n  q1:\n" + PAID),
        [("disbursement.yaml", 2, 3, W, "period-data",
          "periods: no disbursement snapshot for h1; the report says so instead of printing the "
          "disbursement table")],
        id="period-data",
    ),
    pytest.param(
        "check_round_text",
        lambda m: m.edit("office.yaml", "address: ที่อยู่ทดสอบ", "address: ที่อยู่ รอบ 12 เดือน"),
        [("office.yaml", 4, 18, W, "other-round",
          "address: this text names 'รอบ 12 เดือน', but the h1 report is รอบ 6 เดือน; this text "
          "prints in every round's report: write it so that it names no round")],
        id="other-round",
    ),
    pytest.param(
        "check_preface",
        lambda m: m.edit("report.yaml", "preface:\n  - คำนำ", "preface:\n  fy:\n    - คำนำ"),
        [("report.yaml", 6, 3, W, "no-preface",
          "preface: no preface for h1 (written for fy); the h1 report prints none; add `h1:` "
          "under `preface:` with its paragraphs")],
        id="no-preface",
    ),
    pytest.param(
        "check_groups_reported",
        lambda m: m.edit(PROJECT, "  q2: []\n", ""),
        [("office.yaml", 10, 5, W, "not-reported",
          "groups[0]: หน่วยเดียว has not reported everything for h1 (project 1); the report is a "
          "draft and names the group at the start of part 4")],
        id="group-not-reported",
    ),
    pytest.param(
        "check_all_zero",
        lambda m: m.edit(PROJECT, "q1: 40", "q1: 0"),
        [(PROJECT, 13, 1, W, "all-zero",
          "spent: every figure of the h1 report is zero or not reported (2 spending figures, no "
          "disbursement snapshot); leave a quarter out until its figures are in, so that the "
          "report says ยังไม่ได้รายงาน")],
        id="all-zero",
    ),
    pytest.param(
        "check_notes_of_unreported",
        lambda m: m.edit(PROJECT, "  q2: []\n", "").edit(
            PROJECT, "results:", "suggestions:\n  q2:\n    - ข้อเสนอ\nresults:"),
        [(PROJECT, 21, 5, W, "not-reported",
          "suggestions.q2: project 1 has a note for q2 but no `q2:` under `results`, so the "
          "report prints the note beside ยังไม่ได้รายงาน; add q2's results or move the note")],
        id="note-of-unreported",
    ),
]


@pytest.fixture
def mini(tmp_path: Path) -> Mini:
    shutil.copytree(MINIMAL, tmp_path / "m")
    return Mini(without_schema_lines(tmp_path / "m"))


def _fired(data: DataSet, root: Path) -> dict[str, list[tuple[Any, ...]]]:
    rows = {}
    for name, check in ALL.items():
        found = [
            (Path(p.file).relative_to(root).as_posix(), p.line, p.column, p.severity, p.code,
             p.message)
            for p in check(data)
        ]
        if found:
            rows[name] = found
    return rows


def test_the_minimal_data_passes_every_check(mini: Mini) -> None:
    data, problems = load_dataset(mini.root)
    assert problems == []
    assert _fired(data, mini.root) == {}


@pytest.mark.parametrize(("target", "setup", "expected"), CASES)
def test_a_fixture_triggers_its_check_alone(
    mini: Mini, target: str, setup: Setup, expected: list[tuple[Any, ...]]
) -> None:
    setup(mini)
    data, problems = load_dataset(mini.root)
    assert [p.human() for p in problems] == [], "the fixture loads without a problem"
    fired = _fired(data, mini.root)
    others = set(fired) - {target} - TOGETHER.get(target, set())
    assert others == set(), f"{target}'s fixture also triggers {sorted(others)}"
    want = [(*row[:5], row[5].format(root=mini.root)) for row in expected]
    assert fired.get(target) == want
