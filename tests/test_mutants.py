"""Targeted tests that kill mutants (``make mutmut``): each pins one behaviour of a pure module
(checks, money, sources, period, thai, binding, totals) on a fixture made for it, a copy of
tests/data/minimal with one change, instead of relying on the real data to stop validating."""

from __future__ import annotations

import errno
import os
import shutil
import stat
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any

import pytest
from pydantic import BaseModel, Field

from aplan import checks
from aplan.binding import _fields_at, _known, _unwrap, bind
from aplan.dataset import DataSet, load_dataset
from aplan.models import Disbursement, Project, YearMonth
from aplan.money import MoneyError, parse_money
from aplan.period import PERIODS
from aplan.problems import Problem, Severity
from aplan.sources import Document, Mark, TypedText, decode, dotted, file_kind, parse
from aplan.thai import Digits
from aplan.totals import remaining, snapshot_totals, spent_in, spent_through

from .conftest import REPO, png

MINIMAL = REPO / "tests" / "data" / "minimal"
PROJECT = "projects/01-only.yaml"
W, E = Severity.WARNING, Severity.ERROR


class Mini:
    """A copy of tests/data/minimal that a test changes, then loads."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def edit(self, name: str, old: str, new: str) -> Mini:
        path = self.root / name
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, (name, old)
        path.write_text(text.replace(old, new), encoding="utf-8")
        return self

    def write(self, name: str, text: str) -> Mini:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return self

    def data(self) -> DataSet:
        return load_dataset(self.root)[0]

    def run(self, check: Any, *args: Any) -> list[tuple[str, int, int, Severity, str, str]]:
        return [self.row(p) for p in check(self.data(), *args)]

    def row(self, p: Problem) -> tuple[str, int, int, Severity, str, str]:
        return (Path(p.file).relative_to(self.root).as_posix(), p.line, p.column, p.severity,
                p.code, p.message)


def without_schema_lines(root: Path) -> Path:
    """The copy without the editors' ``# yaml-language-server`` first lines, so that the line
    numbers these tests assert stay those of the data, whatever header an editor needs."""
    for path in root.rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        if text.startswith("# yaml-language-server"):
            path.write_text(text.split("\n", 1)[1], encoding="utf-8")
    return root


@pytest.fixture
def mini(tmp_path: Path) -> Mini:
    shutil.copytree(MINIMAL, tmp_path / "m")
    return Mini(without_schema_lines(tmp_path / "m"))


def test_the_minimal_data_passes_every_check(mini: Mini) -> None:
    data = mini.data()
    assert checks.run_checks(data) == []
    assert checks.period_problems(data, PERIODS["h1"]) == []
    assert [mini.row(p) for p in checks.period_problems(data, PERIODS["q3"])] == [
        (PROJECT, 13, 1, W, "not-reported",
         "spent: project 1 (โครงการทดสอบ) has not reported q3 (spent and results), which the q3 "
         "report covers; the report prints ยังไม่ได้รายงาน there until you add `q3:` under "
         "`spent`, `q3:` under `results` (0 or [] when nothing was spent or done)"),
        ("office.yaml", 10, 5, W, "not-reported",
         "groups[0]: หน่วยเดียว has not reported everything for q3 (project 1); the report is a "
         "draft and names the group at the start of part 4"),
        (PROJECT, 13, 1, W, "all-zero",
         "spent: every figure of the q3 report is zero or not reported (0 spending figures, no "
         "disbursement snapshot); leave a quarter out until its figures are in, so that the "
         "report says ยังไม่ได้รายงาน"),
    ]


# --- guards: a check stays silent where a field it needs failed its type (no crash) ---------

def test_a_budget_without_allocation_crashes_no_check(mini: Mini) -> None:
    mini.write("budget.yaml", "spending_plan:\n  - name: ก\n    amount: 900\n")
    data = mini.data()
    assert data.budget is not None and not data.budget.has("allocation")
    assert checks.run_checks(data) == []


def test_a_budget_file_missing_crashes_no_check(mini: Mini) -> None:
    (mini.root / "budget.yaml").unlink()
    assert checks.run_checks(mini.data()) == []


def test_a_malformed_spending_plan_crashes_no_total(mini: Mini) -> None:
    mini.edit("budget.yaml", "spending_plan:\n  - name: ค่าใช้จ่ายทดสอบ\n    amount: 900",
              "spending_plan: ไม่มี")
    assert checks.run_checks(mini.data()) == []


def test_a_malformed_project_budget_crashes_no_total(mini: Mini) -> None:
    mini.edit(PROJECT, "budget: 100", "budget: หนึ่งร้อย")
    assert checks.run_checks(mini.data()) == []


def test_a_malformed_group_crashes_no_group_check(mini: Mini) -> None:
    mini.edit(PROJECT, "group: only", "group: [only]")
    assert checks.run_checks(mini.data()) == []


def test_no_projects_means_no_number_gaps(mini: Mini) -> None:
    (mini.root / PROJECT).unlink()
    assert mini.run(checks.check_project_numbers) == []


def test_no_office_means_no_unreported_groups(mini: Mini) -> None:
    (mini.root / "office.yaml").unlink()
    assert checks.unreported_groups(mini.data(), PERIODS["q3"]) == []


# --- allocation ----------------------------------------------------------------------------

def test_letters_equal_to_the_plan_are_not_more_than_it(mini: Mini) -> None:
    assert mini.run(checks.check_allocation_letters) == []


def test_letters_more_than_the_plan_warn(mini: Mini) -> None:
    mini.edit("budget.yaml", "amount: 1000", "amount: 1000.01")
    assert mini.run(checks.check_allocation_letters) == [
        ("budget.yaml", 4, 5, W, "allocation-letter",
         "allocation.letters: the 1 rounds allocate 1,000.01, more than the year's plan (Table 1 "
         "and the projects) 1,000.00 by 0.01; the report would say less than was received"),
    ]


LETTERS = """    - number: 1
      amount: 600
      date: {first}
    - number: {second_number}
      amount: 400
      date: {second}"""


@pytest.mark.parametrize(
    ("first", "second", "number", "expected"),
    [
        ("2566-10-02", "2566-11-01", 2, []),
        ("2566-10-02", "2566-10-02", 2, []),
        ("2566-11-01", "2566-10-02", 2, [
            ("budget.yaml", 9, 13, W, "allocation-letter",
             "allocation.letters[1].date: round 2 is dated 2566-10-02, before round 1 "
             "(2566-11-01); list the rounds in order")]),
        ("2566-10-02", "2566-11-01", 3, [
            ("budget.yaml", 7, 15, E, "allocation-letter",
             "allocation.letters[1].number: allocation rounds are listed in order and numbered "
             "1, 2, 3 …; this one should be 2, not 3")]),
    ],
)
def test_allocation_rounds_in_order(
    mini: Mini, first: str, second: str, number: int, expected: list[Any]
) -> None:
    mini.edit("budget.yaml", "    - number: 1\n      amount: 1000",
              LETTERS.format(first=first, second=second, second_number=number))
    assert mini.run(checks.check_allocation_letters) == expected


# --- plan nodes, numbers, groups, director --------------------------------------------------

def test_a_nested_category_with_an_amount(mini: Mini) -> None:
    mini.edit("budget.yaml", "  - name: ค่าใช้จ่ายทดสอบ\n    amount: 900",
              "  - name: ก\n    items:\n      - name: ข\n        amount: 5\n        items:\n"
              "          - name: ค\n            amount: 900\n      - name: ง")
    assert mini.run(checks.check_plan_nodes) == [
        ("budget.yaml", 15, 17, E, "plan-node",
         "spending_plan[0].items[0].amount: a category with items has no amount of its own (its "
         "items sum to 900.00); remove `amount`"),
        ("budget.yaml", 19, 9, E, "plan-node",
         "spending_plan[0].items[1]: `ง` has neither `amount` nor `items`; a line item needs an "
         "amount"),
    ]


def _second_project(mini: Mini, number: int, first: int = 1) -> None:
    text = (mini.root / PROJECT).read_text(encoding="utf-8")
    mini.write("projects/02-two.yaml", text.replace("number: 1", f"number: {number}"))
    mini.edit(PROJECT, "number: 1", f"number: {first}")


def test_project_numbers_start_at_one(mini: Mini) -> None:
    _second_project(mini, 3, first=2)
    assert mini.run(checks.check_project_numbers) == [
        (PROJECT, 2, 9, E, "project-number",
         "number: project numbers must run from 1 without gaps; 1 is missing"),
    ]


def test_project_numbers_without_gaps_and_once_each(mini: Mini) -> None:
    _second_project(mini, 3)
    assert mini.run(checks.check_project_numbers) == [
        ("projects/02-two.yaml", 2, 9, E, "project-number",
         "number: project numbers must run from 1 without gaps; 2 is missing"),
    ]
    _second_project(mini, 1)
    [row] = mini.run(checks.check_project_numbers)
    assert row[:5] == ("projects/02-two.yaml", 2, 9, E, "project-number")
    assert row[5].startswith("number: project number 1 is also used by ")


def test_an_unknown_group_suggests_the_closest(mini: Mini) -> None:
    mini.edit(PROJECT, "group: only", "group: onyl")
    assert mini.run(checks.check_project_groups) == [
        (PROJECT, 3, 8, E, "unknown-group",
         "group: `onyl` is not a group of the office (office.yaml); did you mean `only`?"),
    ]
    mini.edit(PROJECT, "group: onyl", "group: zzz")
    assert mini.run(checks.check_project_groups)[0][5].endswith("known groups: only")


def test_no_director(mini: Mini) -> None:
    mini.edit("office.yaml", "role: director", "role: deputy")
    assert mini.run(checks.check_director) == [
        ("office.yaml", 14, 3, E, "director",
         "executives: no executive has `role: director`; give the office's director "
         "`role: director` (deputies `role: deputy`, assistants `role: assistant`)"),
    ]


def test_a_second_and_third_director(mini: Mini) -> None:
    extra = "\n  - name: ข\n    role: deputy\n  - name: ค\n    role: director\n" \
            "  - name: ง\n    role: director\n"
    mini.edit("office.yaml", "    role: director\n", "    role: director" + extra)
    assert mini.run(checks.check_director) == [
        ("office.yaml", 19, 11, E, "director",
         "executives[2].role: a second director (the first is executives[0]); write "
         "`role: deputy` or `role: assistant`"),
        ("office.yaml", 21, 11, E, "director",
         "executives[3].role: a second director (the first is executives[0]); write "
         "`role: deputy` or `role: assistant`"),
    ]


# --- duration and spending ------------------------------------------------------------------

@pytest.mark.parametrize(
    ("start", "end"), [("2567-01", "2567-01"), ("2566-10", "2566-10"), ("2567-09", "2567-09")]
)
def test_a_one_month_project_does_not_end_before_it_starts(
    mini: Mini, start: str, end: str
) -> None:
    mini.edit(PROJECT, "start: 2566-10\n  end: 2567-09", f"start: {start}\n  end: {end}")
    mini.edit(PROJECT, "q1: 40", "q1: 0")
    rows = mini.run(checks.check_duration)
    assert all(r[4] != "duration" for r in rows)


def test_a_project_that_ends_before_it_starts(mini: Mini) -> None:
    mini.edit(PROJECT, "start: 2566-10\n  end: 2567-09", "start: 2567-02\n  end: 2567-01")
    assert mini.run(checks.check_duration) == [
        (PROJECT, 18, 8, E, "duration",
         "duration.end: the project ends (2567-01) before it starts (2567-02)"),
    ]


QUARTER_EDGES = [
    # (start, end, quarter spent in, outside?) at the edges of each quarter of FY2567
    ("2566-10", "2566-12", "q1", False), ("2567-01", "2567-03", "q1", True),
    ("2566-12", "2566-12", "q1", False), ("2567-01", "2567-01", "q2", False),
    ("2566-10", "2566-12", "q2", True), ("2567-03", "2567-09", "q2", False),
    ("2567-04", "2567-04", "q3", False), ("2567-03", "2567-03", "q3", True),
    ("2567-06", "2567-09", "q3", False), ("2567-07", "2567-09", "q3", True),
    ("2567-09", "2567-09", "q4", False), ("2567-06", "2567-06", "q4", True),
    ("2567-07", "2567-07", "q4", False), ("2567-10", "2567-12", "q4", True),
]


@pytest.mark.parametrize(("start", "end", "quarter", "outside"), QUARTER_EDGES)
def test_spending_outside_the_duration_at_quarter_edges(
    mini: Mini, start: str, end: str, quarter: str, outside: bool
) -> None:
    mini.edit(PROJECT, "start: 2566-10\n  end: 2567-09", f"start: {start}\n  end: {end}")
    mini.edit(PROJECT, "spent:\n  q1: 40\n  q2: 0", f"spent:\n  {quarter}: 40")
    expected = [
        (PROJECT, 14, 7, W, "spent-outside-duration",
         f"spent.{quarter}: 40.00 spent in {quarter}, outside the project's duration {start} to "
         f"{end}"),
    ]
    rows = [r for r in mini.run(checks.check_duration) if r[4] == "spent-outside-duration"]
    assert rows == (expected if outside else [])


def test_nothing_spent_outside_the_duration_is_fine(mini: Mini) -> None:
    mini.edit(PROJECT, "start: 2566-10\n  end: 2567-09", "start: 2567-04\n  end: 2567-09")
    mini.edit(PROJECT, "q1: 40", "q1: 0")
    assert mini.run(checks.check_duration) == []


def test_overspending_is_reported_once_at_the_first_quarter_over(mini: Mini) -> None:
    mini.edit(PROJECT, "q1: 40\n  q2: 0", "q1: 60\n  q2: 41\n  q3: 5")
    assert mini.run(checks.check_spending) == [
        (PROJECT, 15, 7, E, "overspent",
         "spent.q2: spending to the end of q2 is 101.00, more than the budget 100.00 by 1.00"),
    ]
    mini.edit(PROJECT, "q2: 41", "q2: 40")
    assert [r[5] for r in mini.run(checks.check_spending)] == [
        "spent.q3: spending to the end of q3 is 105.00, more than the budget 100.00 by 5.00"]
    mini.edit(PROJECT, "q3: 5", "q3: 0")
    assert mini.run(checks.check_spending) == []


# --- results --------------------------------------------------------------------------------

RESULTS = """results:
  q1:
    - text: ผลที่หนึ่ง
      items:
        - text: ย่อย
          statistics:
            - label: นักเรียน
              total: 10
              parts:
                - label: ชาย
                  count: 4
                - label: หญิง
                  count: 5
  q2:
    - text: ผลที่สอง
    - text: ผลที่สอง
    - text: ผลที่สองและสาม
"""


def test_statistics_in_nested_items_add_up(mini: Mini) -> None:
    mini.edit(PROJECT, "results:\n  q1: []\n  q2: []\n", RESULTS)
    assert mini.run(checks.check_statistics) == [
        (PROJECT, 26, 22, E, "statistic-total",
         "results.q1[0].items[0].statistics[0].total: the parts of `นักเรียน` add up to 9, not "
         "the declared total 10 (difference -1); correct the part that is wrong, or write "
         "`total: 9` if that is the total"),
    ]


def test_duplicate_results_in_a_quarter(mini: Mini) -> None:
    mini.edit(PROJECT, "results:\n  q1: []\n  q2: []\n", RESULTS)
    assert mini.run(checks.check_duplicate_results) == [
        (PROJECT, 34, 7, W, "duplicate-result",
         "results.q2[1]: this result repeats item 1 of the same quarter"),
        (PROJECT, 35, 7, W, "duplicate-result",
         "results.q2[2]: this result repeats, with words added or removed, item 1 of the same "
         "quarter"),
    ]


# --- disbursement ---------------------------------------------------------------------------

DISBURSEMENT = """periods:
  h1:
    personnel:
      received: 100
      disbursed: 100.01
    research:
      received: 5
      disbursed: 5
    grants:
      label: เงินอุดหนุน
      received: 5
      disbursed: 0
"""


def test_disbursement_checks(mini: Mini) -> None:
    mini.write("disbursement.yaml", DISBURSEMENT)
    assert mini.run(checks.check_disbursement) == [
        ("disbursement.yaml", 5, 18, E, "overdisbursed",
         "periods.h1.personnel.disbursed: 100.01 disbursed is more than the 100.00 received"),
    ]
    assert mini.run(checks.check_budget_type_labels) == [
        ("disbursement.yaml", 7, 7, E, "budget-type",
         "periods.h1.research: `research` is not one of the known budget types (personnel, "
         "operating, investment, subsidy, other); add `label:` with the name to print, such as "
         "`label: งบรายจ่ายอื่น`"),
    ]


def test_a_round_without_its_snapshot(mini: Mini) -> None:
    mini.write("disbursement.yaml", DISBURSEMENT)
    assert mini.run(checks.check_period, PERIODS["h1"]) == []
    assert mini.run(checks.check_period, PERIODS["q2"]) == [
        ("disbursement.yaml", 2, 3, W, "period-data",
         "periods: no disbursement snapshot for q2; the report says so instead of printing "
         "the disbursement table"),
    ]
    assert mini.run(checks.check_all_zero, PERIODS["h1"]) == []


def test_all_zero_with_a_zero_snapshot(mini: Mini) -> None:
    mini.write("disbursement.yaml", "periods:\n  h1:\n    personnel:\n      received: 0\n"
               "      disbursed: 0\n")
    mini.edit(PROJECT, "q1: 40", "q1: 0")
    assert mini.run(checks.check_all_zero, PERIODS["h1"]) == [
        (PROJECT, 13, 1, W, "all-zero",
         "spent: every figure of the h1 report is zero or not reported (2 spending figures, a "
         "disbursement snapshot); leave a quarter out until its figures are in, so that the "
         "report says ยังไม่ได้รายงาน"),
    ]


# --- rounds -----------------------------------------------------------------------------------

def test_two_groups_late_in_two_fields(mini: Mini) -> None:
    _second_project(mini, 2)
    mini.edit(PROJECT, "  q2: []\n", "")
    mini.edit(PROJECT, "  q2: 0\n", "")
    assert mini.run(checks.check_period, PERIODS["h1"])[0][5] == (
        "spent: project 1 (โครงการทดสอบ) has not reported q2 (spent and results), which the h1 "
        "report covers; the report prints ยังไม่ได้รายงาน there until you add `q2:` under "
        "`spent`, `q2:` under `results` (0 or [] when nothing was spent or done)"
    )
    assert mini.run(checks.check_period, PERIODS["m9"])[0][5] == (
        "spent: project 1 (โครงการทดสอบ) has not reported q2 (spent and results), q3 (spent and "
        "results), which the m9 report covers; the report prints ยังไม่ได้รายงาน there until "
        "you add `q2:` and `q3:` under `spent`, `q2:` and `q3:` under `results` (0 or [] when "
        "nothing was spent or done)"
    )
    assert mini.run(checks.check_groups_reported, PERIODS["q3"]) == [
        ("office.yaml", 10, 5, W, "not-reported",
         "groups[0]: หน่วยเดียว has not reported everything for q3 (projects 1, 2); the report "
         "is a draft and names the group at the start of part 4"),
    ]


def test_a_preface_per_round(mini: Mini) -> None:
    mini.edit("report.yaml", "preface:\n  - คำนำของสำนักงานทดสอบ",
              "preface:\n  q1:\n    - คำนำ\n  fy:\n    - คำนำ")
    assert mini.run(checks.check_preface, PERIODS["q1"]) == []
    assert mini.run(checks.check_preface, PERIODS["h1"]) == [
        ("report.yaml", 6, 3, W, "no-preface",
         "preface: no preface for h1 (written for q1, fy); the h1 report prints none; add `h1:` "
         "under `preface:` with its paragraphs"),
    ]


def test_a_preface_for_every_round_or_no_report_needs_no_warning(mini: Mini) -> None:
    assert mini.run(checks.check_preface, PERIODS["h1"]) == []
    (mini.root / "report.yaml").unlink()
    assert mini.run(checks.check_preface, PERIODS["h1"]) == []


def test_another_rounds_name_is_placed_at_the_words(mini: Mini) -> None:
    mini.edit("office.yaml", "address: ที่อยู่ทดสอบ",
              "address: >-\n  ที่อยู่ทดสอบ\n  รอบ 12 เดือน ไตรมาสที่ 1 รอบ 6 เดือน")
    mini.edit(PROJECT, "title: โครงการทดสอบ", "title: รอบ 6 เดือน")
    rows = mini.run(checks.check_round_text, PERIODS["q2"])
    assert [r[:5] for r in rows] == [
        ("office.yaml", 6, 3, W, "other-round"),
        ("office.yaml", 6, 16, W, "other-round"),
        ("office.yaml", 6, 28, W, "other-round"),
        (PROJECT, 4, 8, W, "other-round"),
    ]
    assert rows[0][5] == (
        "address: this text names 'รอบ 12 เดือน', but the q2 report is ไตรมาสที่ 2; this text "
        "prints in every round's report: write it so that it names no round"
    )


def test_a_round_named_after_the_value_start_on_its_line(mini: Mini) -> None:
    mini.edit("office.yaml", "address: ที่อยู่ทดสอบ", "address: รอบ 6 เดือน แล้ว รอบ 6 เดือน")
    rows = mini.run(checks.check_round_text, PERIODS["q2"])
    assert [r[1:3] for r in rows] == [(4, 10), (4, 10)], "each found from the value's start"


def test_text_under_another_rounds_preface_may_name_it(mini: Mini) -> None:
    mini.edit("report.yaml", "preface:\n  - คำนำของสำนักงานทดสอบ",
              "preface:\n  q2:\n    - รอบ 6 เดือน\n  h1:\n    - คำนำ")
    assert mini.run(checks.check_round_text, PERIODS["h1"]) == []
    assert [r[1:3] for r in mini.run(checks.check_round_text, PERIODS["q2"])] == [(7, 7)]


def test_a_round_mention_in_an_unreadable_file_is_placed_at_its_value() -> None:
    doc = Document("/nonexistent/x.yaml", {}, values={("a",): Mark(3, 5)})
    mention = next(iter(__import__("aplan.period", fromlist=["x"]).round_mentions("รอบ 6 เดือน")))
    assert TypedText().find(doc, ("a",), mention.text) == (3, 5)


# --- characters and photos ------------------------------------------------------------------

@pytest.mark.parametrize(
    ("letter", "name"),
    [("а", "CYRILLIC SMALL LETTER A"), ("о", "CYRILLIC SMALL LETTER O"),
     ("ο", "GREEK SMALL LETTER OMICRON"), ("Α", "GREEK CAPITAL LETTER ALPHA")],
)
def test_cyrillic_and_greek_look_alikes_are_caught(mini: Mini, letter: str, name: str) -> None:
    mini.edit("office.yaml", "short_name: สนง.ทดสอบ", f"short_name: Offic{letter} ทดสอบ")
    assert mini.run(checks.check_characters) == [
        ("office.yaml", 3, 13, W, "foreign-letter",
         f"short_name: unexpected letter {letter!r} ({name}) in the text; expected Thai or Latin "
         "letters"),
    ]


def test_thai_latin_digits_and_marks_are_not_foreign(mini: Mini) -> None:
    mini.edit("office.yaml", "short_name: สนง.ทดสอบ", "short_name: Office ๑๒ 12 ก่ำ é")
    assert mini.run(checks.check_characters) == []


def _photo(mini: Mini, file: str) -> Mini:
    return mini.edit(PROJECT, "results:", f"photos:\n  - file: {file}\n    caption: ภาพ\nresults:")


@pytest.mark.parametrize(
    ("file", "message"),
    [
        ("../x.png", "photos[0].file: `../x.png` is outside the data folder"),
        ("notes.txt", "photos[0].file: `notes.txt` is not an image; expected one of .png, .jpg, "
                      ".jpeg, .gif, .svg, .webp"),
        ("gone.png", "photos[0].file: no such file `gone.png` in {root}"),
    ],
)
def test_photo_paths(mini: Mini, file: str, message: str) -> None:
    _photo(mini, file)
    (mini.root / "notes.txt").write_text("x")
    assert mini.run(checks.check_photos) == [
        (PROJECT, 20, 11, E, "photo", message.format(root=mini.root)),
    ]


def test_a_photo_and_a_map_that_exist(mini: Mini) -> None:
    (mini.root / "a.PNG").write_bytes(png())
    _photo(mini, "a.PNG")
    mini.edit("office.yaml", "executives:", "map:\n  file: gone.svg\n  caption: แผนที่\nexecutives:")
    assert mini.run(checks.check_photos) == [
        ("office.yaml", 14, 9, E, "photo", f"map.file: no such file `gone.svg` in {mini.root}"),
    ]


# --- binding ----------------------------------------------------------------------------------

def _project(text: str) -> Any:
    doc, problems = parse(text, "p.yaml")
    assert doc is not None and problems == []
    return bind(Project, doc)


PROJECT_TEXT = (MINIMAL / PROJECT).read_text(encoding="utf-8").split("\n", 1)[1]
assert PROJECT_TEXT.startswith("# The only project")


def test_a_partial_project_keeps_valid_fields_and_defaults_but_not_bad_ones() -> None:
    loaded, problems = _project("zzz: 1\n" + PROJECT_TEXT.replace("budget: 100", "budget: x")
                                + "photos: bad\n")
    assert not loaded.complete and len(problems) == 3
    assert loaded.has("number", "title", "duration", "spent", "suggestions")
    assert not loaded.has("budget") and not loaded.has("photos")
    assert loaded.model.suggestions == []


@pytest.mark.parametrize(
    ("value", "message"),
    [("[a]", "title: expected text, got a list"),
     ("{a: 1}", "title: expected text, got keys (`key: value` lines)"),
     ("3", "title: expected text, got 3")],
)
def test_type_messages_show_what_was_typed(value: str, message: str) -> None:
    _, problems = _project(PROJECT_TEXT.replace("title: โครงการทดสอบ", f"title: {value}"))
    assert [p.message for p in problems] == [message]


def test_a_missing_key_is_placed_at_its_own_parent() -> None:
    _, problems = _project(PROJECT_TEXT.replace("  q1: 40", "  q1:\n    note: ไม่มี"))
    assert [(p.line, p.column, p.message) for p in problems] == [
        (15, 5, "spent.q1.amount: required key `amount` is missing; add `amount: …`"),
    ]


def test_an_unknown_nested_key_suggests_or_lists_the_known_ones() -> None:
    _, problems = _project(PROJECT_TEXT.replace("  end: 2567-09", "  end: 2567-09\n  ends: 1"))
    assert [p.message for p in problems] == [
        "duration.ends: unknown key `ends`; did you mean `end`?"]
    _, problems = _project(PROJECT_TEXT.replace("  end: 2567-09", "  end: 2567-09\n  zzz: 1"))
    assert [p.message for p in problems] == [
        "duration.zzz: unknown key `zzz`; known keys: `start`, `end`"]


def test_fields_at_follows_lists_dicts_and_optionals() -> None:
    assert _fields_at(Project, ("results", "q1", 0)) == ["text", "items", "statistics"]
    assert _fields_at(Project, ("results", "q1", 0, "statistics", 0, "parts", 0)) == [
        "label", "count"]
    assert _fields_at(Disbursement, ("periods", "h1", "personnel")) == [
        "label", "received", "disbursed"]
    assert _fields_at(Project, ("spent", "q1")) == ["amount", "note"]
    assert _fields_at(Project, ("title", "x")) == []
    assert _fields_at(Project, ("nothing",)) == []
    assert _known(Project, ("title",)) == "no keys allowed"
    assert _known(Project, ("duration",)) == "known keys: `start`, `end`"


def test_unwrap_reaches_the_type_inside() -> None:
    assert _unwrap(int | None) is int
    assert _unwrap(None | int) is int
    assert _unwrap(Annotated[int, Field(ge=0)]) is int
    assert _unwrap(Annotated[int | None, Field()]) is int
    assert _unwrap(int | str) == int | str
    assert _unwrap(int | str | None) == int | str | None
    assert _unwrap(list[int]) == list[int]


# --- sources, money, thai, totals -----------------------------------------------------------

@pytest.mark.parametrize(("text", "value"), [("true", True), ("True", True), ("TRUE", True),
                                             ("false", False), ("False", False), ("FALSE", False)])
def test_yaml_booleans_in_every_spelling(text: str, value: bool) -> None:
    doc, problems = parse(f"a: {text}\n", "x.yaml")
    assert problems == [] and doc is not None
    assert doc.data["a"] is value


def test_a_document_without_positions_answers_one_one() -> None:
    doc = Document("x.yaml", {})
    assert doc.at(("a", "b")) == Mark(1, 1)
    assert doc.key_at(("a",)) == Mark(1, 1)
    doc.values[("a",)] = Mark(2, 3)
    assert doc.key_at(("a", "b")) == Mark(2, 3), "no key: the value's nearest ancestor"
    assert dotted(()) == "(document)"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (None, 'expected an amount in baht such as 158340, 158340.50 or "158,340.00", got an '
               "empty value"),
        (True, 'expected an amount in baht such as 158340, 158340.50 or "158,340.00", got true'),
        (Decimal("NaN"), 'expected an amount in baht such as 158340, 158340.50 or "158,340.00", '
                         "got NaN"),
        (Decimal("-1"), "amount must not be negative, got -1"),
        ([1], 'expected an amount in baht such as 158340, 158340.50 or "158,340.00", got a list'),
    ],
)
def test_money_errors_say_what_was_typed(value: object, message: str) -> None:
    with pytest.raises(MoneyError) as caught:
        parse_money(value)
    assert str(caught.value) == message


@pytest.mark.parametrize("text", ["1121,990", "5.", ".5", "1,12,990", "1 000", "1e3", "๑,๒๓"])
def test_money_text_of_the_wrong_shape_is_refused(text: str) -> None:
    with pytest.raises(MoneyError):
        parse_money(text)


@pytest.mark.parametrize(("text", "value"), [("1,121,990", "1121990.00"), ("5.5", "5.50"),
                                             ("๑,๒๓๔.๕๐", "1234.50"), (" 7 ", "7.00")])
def test_money_text_of_the_right_shape(text: str, value: str) -> None:
    assert str(parse_money(text)) == value


def test_digits_are_thai_by_default() -> None:
    assert Digits()("ปี 2567 e-MES2") == "ปี ๒๕๖๗ e-MES2"
    assert Digits("arabic")("2567") == "2567"


def test_remaining_and_empty_snapshot_totals() -> None:
    assert remaining(Decimal(10), Decimal(3)) == Decimal(7)
    totals = snapshot_totals({})
    assert [str(x) for x in totals] == ["0.00", "0.00", "0.00"]


def test_spent_in_and_through(mini: Mini) -> None:
    project = mini.data().projects[0].model
    assert str(spent_in(project, "q1")) == "40.00" and str(spent_in(project, "q3")) == "0.00"
    assert str(spent_through(project)) == "40.00"
    assert str(spent_through(project, ("q2", "q3"))) == "0.00"
    assert str(spent_through(project, ())) == "0.00"


def test_year_month_of_each_quarter_edge() -> None:
    assert [(str(p.first_month(2567)), str(p.last_month(2567))) for p in PERIODS.values()] == [
        ("2566-10", "2566-12"), ("2567-01", "2567-03"), ("2567-04", "2567-06"),
        ("2567-07", "2567-09"), ("2566-10", "2567-03"), ("2566-10", "2567-06"),
        ("2566-10", "2567-09"),
    ]
    assert YearMonth(2566, 10) < YearMonth(2567, 1)


def test_the_largest_amount_is_accepted_and_one_satang_more_is_not() -> None:
    from aplan.money import LARGEST

    assert parse_money(LARGEST) == LARGEST
    with pytest.raises(MoneyError) as caught:
        parse_money(LARGEST + Decimal("0.01"))
    assert str(caught.value) == (
        f"{LARGEST + Decimal('0.01')} is more than the largest amount aplan accepts "
        f"({LARGEST:,}); check the figure"
    )


def test_totals_of_nothing_are_decimal_zero_baht() -> None:
    from aplan.totals import plan_total, projects_total

    assert [str(plan_total([])), str(projects_total([]))] == ["0.00", "0.00"]


EMPTY = "the value is empty; write it after the colon, or remove the key if it is optional"


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [("title: โครงการทดสอบ", "title:", "title"),  # text
     ("number: 1", "number:", "number"),  # a whole number
     ("objectives:\n  - วัตถุประสงค์ทดสอบ", "objectives:", "objectives"),  # a list
     ("duration:\n  start: 2566-10\n  end: 2567-09", "duration:", "duration")],  # keys
)
def test_an_empty_value_says_so_whatever_was_expected(old: str, new: str, key: str) -> None:
    _, problems = _project(PROJECT_TEXT.replace(old, new))
    assert [p.message for p in problems] == [f"{key}: {EMPTY}"]


def test_required_keys_only_of_models() -> None:
    from aplan.binding import _required
    from aplan.models.project import Duration

    assert _required(Duration) == ["start", "end"]
    assert _required(list[int]) == [] and _required(int) == [] and _required(None) == []


def test_fields_at_a_key_or_index_into_something_without_keys() -> None:
    assert _fields_at(Project, ("title", 0)) == []
    assert _fields_at(Project, ("objectives", "x")) == []


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("objectives:\n  - วัตถุประสงค์ทดสอบ", "objectives: []", (5, 13, "objectives: the list is "
         "empty; write at least one item (lines starting with `- `)")),
        ("title: โครงการทดสอบ", 'title: ""', (4, 8, "title: the text is empty; write the text, "
         "or remove the key if it is optional")),
        ("number: 1", "number: 0", (2, 9, "number: expected 1 or more, got 0 (Order in the plan, "
         "from 1)")),
        ("group: only", "group: ICT", (3, 8, "group: expected a short code of small English "
         "letters, digits and `_`, starting with a letter (such as `ict`), got 'ICT'")),
        ("  q1: []", "  q1:\n    - ผลที่หนึ่ง", (21, 7, "results.q1[0]: expected keys, got text "
         "alone; write `- text: ผลที่หนึ่ง`")),
        ("duration:\n  start: 2566-10\n  end: 2567-09", "duration: ปีงบ", (16, 11, "duration: "
         "expected keys, got text alone; write `start: ปีงบ` with `end: …` under it")),
        ("budget: 100", "budget: 1234567890123456", (12, 9, "budget: a number of 16 digits, "
         "more than the limit of 15; check the figure")),  # reported once, by the loader
    ],
)
def test_binding_says_what_to_type(old: str, new: str, expected: tuple[int, int, str]) -> None:
    text = PROJECT_TEXT.replace(old, new)
    assert text != PROJECT_TEXT
    doc, problems = parse(text, "p.yaml")
    assert doc is not None
    loaded, found = bind(Project, doc)
    assert [(p.line, p.column, p.message) for p in problems + found] == [expected]
    assert not loaded.complete


def test_a_file_that_holds_a_list_binds_nothing() -> None:
    doc, _ = parse("- a\n", "p.yaml")
    assert doc is not None
    loaded, problems = bind(Project, doc)
    assert (loaded.complete, loaded.doc is doc, type(loaded.model)) == (False, True, Project)
    assert not loaded.has("number")
    assert [(p.line, p.column, p.message) for p in problems] == [
        (1, 1, "the file holds a list; it should hold keys, one a line, such as `number: …`, "
         "`group: …`")]


def test_fiscal_year_bounds_name_the_field() -> None:
    from aplan.models import ReportInfo

    doc, _ = parse("fiscal_year: 2800\ntitle: ก\nplan: ข\npreface: [ค]\n", "r.yaml")
    assert doc is not None
    assert [p.message for p in bind(ReportInfo, doc)[1]] == [
        "fiscal_year: expected 2700 or less, got 2800 (Buddhist-Era fiscal year, e.g. 2567)"]


# --- survivors of the 2026-12-04 run on checks.py (docs/mutation.md) -------------------------

def _project_file(mini: Mini, name: str, number: int) -> None:
    mini.write(f"projects/{name}", PROJECT_TEXT.replace("number: 1", f"number: {number}"))


def test_a_gap_is_reported_in_the_file_named_with_the_missing_number(mini: Mini) -> None:
    _project_file(mini, "02-two.yaml", 1)
    mini.edit(PROJECT, "number: 1", "number: 3")
    assert mini.run(checks.check_project_numbers) == [
        ("projects/02-two.yaml", 2, 9, E, "project-number",
         "number: project numbers must run from 1 without gaps; 2 is missing"),
    ], "02-two.yaml is named for 2; 01-only.yaml (number 3) is merely the first after the gap"


def test_a_gap_is_reported_at_the_copy_numbered_twice(mini: Mini) -> None:
    (mini.root / PROJECT).unlink()
    _project_file(mini, "a.yaml", 1)
    _project_file(mini, "b.yaml", 1)
    _project_file(mini, "c.yaml", 3)
    rows = mini.run(checks.check_project_numbers)
    assert [r[:5] for r in rows] == [
        ("projects/b.yaml", 2, 9, E, "project-number"),
        ("projects/b.yaml", 2, 9, E, "project-number"),
    ]
    assert rows[1][5] == "number: project numbers must run from 1 without gaps; 2 is missing"


def test_a_gap_without_a_named_file_or_a_copy_is_reported_after_it(mini: Mini) -> None:
    (mini.root / PROJECT).unlink()
    _project_file(mini, "a.yaml", 1)
    _project_file(mini, "b.yaml", 3)
    assert mini.run(checks.check_project_numbers) == [
        ("projects/b.yaml", 2, 9, E, "project-number",
         "number: project numbers must run from 1 without gaps; 2 is missing"),
    ]


def test_letters_by_round_without_a_report_is_silent(mini: Mini) -> None:
    (mini.root / "report.yaml").unlink()
    data = mini.data()
    assert data.budget is not None and data.report is None
    assert list(checks.check_letters_by_round(data, PERIODS["h1"])) == []


def test_a_note_under_an_unreported_quarter_after_a_list_of_problems(mini: Mini) -> None:
    mini.edit(PROJECT, "results:", "problems:\n  - ปัญหาของทั้งปี\n"
              "suggestions:\n  q3:\n    - ข้อเสนอ\nresults:")
    mini.edit(PROJECT, "q2: 0", "q2: 0\n  q3: 0")
    assert mini.run(checks.check_notes_of_unreported, PERIODS["q3"]) == [
        (PROJECT, 24, 5, W, "not-reported",
         "suggestions.q3: project 1 has a note for q3 but no `q3:` under `results`, so the report "
         "prints the note beside ยังไม่ได้รายงาน; add q3's results or move the note"),
    ], "a list of problems for the whole year does not stop the suggestions being checked"


def test_fields_missing_different_quarters_are_named_each_with_its_own(mini: Mini) -> None:
    mini.edit(PROJECT, "q2: 0", "q2: 0\n  q3: 0")
    assert mini.run(checks.check_period, PERIODS["fy"]) == [
        (PROJECT, 20, 1, W, "not-reported",
         "results: project 1 (โครงการทดสอบ) has not reported q3 (results), q4 (spent and results), "
         "which the fy report covers; the report prints ยังไม่ได้รายงาน there until you add `q3:` "
         "and `q4:` under `results`, `q4:` under `spent` (0 or [] when nothing was spent or "
         "done)"),
    ]


def test_text_at_a_documents_root_is_told_to_name_no_round(mini: Mini) -> None:
    office = mini.data().office
    assert office is not None
    assert checks._round_text_fix(office, ()) == (
        "this text prints in every round's report: write it so that it names no round")


def test_overspending_after_a_quarter_not_reported(mini: Mini) -> None:
    mini.edit(PROJECT, "spent:\n  q1: 40\n  q2: 0", "spent:\n  q2: 101")
    assert mini.run(checks.check_spending) == [
        (PROJECT, 14, 7, E, "overspent",
         "spent.q2: spending to the end of q2 is 101.00, more than the budget 100.00 by 1.00"),
    ]


def test_overspending_is_reported_for_every_project(mini: Mini) -> None:
    _project_file(mini, "02-two.yaml", 2)
    for name in (PROJECT, "projects/02-two.yaml"):
        mini.edit(name, "q1: 40", "q1: 101")
    rows = mini.run(checks.check_spending)
    assert [r[0] for r in rows] == [PROJECT, PROJECT.replace("01-only", "02-two")]


def test_a_tab_in_a_text_is_not_a_foreign_letter(mini: Mini) -> None:
    mini.edit("office.yaml", "short_name: สนง.ทดสอบ", 'short_name: "สนง.\\tทดสอบ"')
    assert mini.data().office.model.short_name == "สนง.\tทดสอบ"  # type: ignore[union-attr]
    assert mini.run(checks.check_characters) == []


def test_a_foreign_letter_without_a_unicode_name_is_named_by_its_code(mini: Mini) -> None:
    mini.edit("office.yaml", "short_name: สนง.ทดสอบ", "short_name: สนง.\U00017000")
    assert mini.run(checks.check_characters) == [
        ("office.yaml", 3, 13, W, "foreign-letter",
         "short_name: unexpected letter '\U00017000' (U+17000) in the text; expected Thai or "
         "Latin letters"),
    ]


TWO = "projects/02-two.yaml"


def test_duration_checks_go_on_past_a_project_that_ends_before_it_starts(mini: Mini) -> None:
    _project_file(mini, "02-two.yaml", 2)
    mini.edit(PROJECT, "start: 2566-10\n  end: 2567-09", "start: 2567-02\n  end: 2567-01")
    mini.edit(TWO, "end: 2567-09", "end: 2567-10")
    assert [r[:5] for r in mini.run(checks.check_duration)] == [
        (PROJECT, 18, 8, E, "duration"), (TWO, 18, 8, W, "duration")]


def test_without_a_fiscal_year_every_project_is_still_checked_for_order(mini: Mini) -> None:
    (mini.root / "report.yaml").unlink()
    _project_file(mini, "02-two.yaml", 2)
    mini.edit(TWO, "start: 2566-10\n  end: 2567-09", "start: 2567-02\n  end: 2567-01")
    assert [r[:5] for r in mini.run(checks.check_duration)] == [(TWO, 18, 8, E, "duration")]


def test_spending_that_failed_its_type_does_not_stop_the_next_projects_check(mini: Mini) -> None:
    _project_file(mini, "02-two.yaml", 2)
    mini.edit(PROJECT, "spent:\n  q1: 40\n  q2: 0", "spent: สี่สิบ")
    mini.edit(TWO, "start: 2566-10", "start: 2567-04")
    assert [r[:5] for r in mini.run(checks.check_duration)] == [
        (TWO, 14, 7, W, "spent-outside-duration")]


def test_spent_total_adds_the_projects_in_the_quarters_asked(mini: Mini) -> None:
    from aplan.totals import spent_total

    _project_file(mini, "02-two.yaml", 2)
    mini.edit(TWO, "q2: 0", "q2: 5")
    projects = [p.model for p in mini.data().projects]
    assert [str(spent_total(projects, q)) for q in (("q1",), ("q2",), ("q1", "q2"), ())] == [
        "80.00", "5.00", "85.00", "0.00"]
    assert str(spent_total([], ("q1",))) == "0.00"


# --- survivors of the 2026-12-04 run on sources.py -------------------------------------------

def _typed(tmp_path: Path, text: str, line: int, column: int) -> tuple[TypedText, Document]:
    (tmp_path / "t.yaml").write_text(text, encoding="utf-8")
    return TypedText(), Document(str(tmp_path / "t.yaml"), {}, values={("a",): Mark(line, column)})


def test_find_starts_at_the_value_on_its_first_line(tmp_path: Path) -> None:
    typed, doc = _typed(tmp_path, "x: ax\n", 1, 4)
    assert typed.find(doc, ("a",), "x") == (1, 5), "not the key's x at column 1"
    assert typed.find(doc, ("a",), " a") == (1, 4), "nor text that starts before the value"


def test_find_on_a_continuation_line_starts_at_its_first_column(tmp_path: Path) -> None:
    typed, doc = _typed(tmp_path, "a: b\nรอบ 6 เดือน\n", 1, 4)
    assert typed.find(doc, ("a",), "รอบ") == (2, 1)


def test_find_skips_occurrences_in_order(tmp_path: Path) -> None:
    typed, doc = _typed(tmp_path, "a: x1 x2 x3\n", 1, 4)
    assert [typed.find(doc, ("a",), "x", skip=n) for n in range(4)] == [
        (1, 4), (1, 7), (1, 10), (1, 4)]


def test_find_reaches_200_lines_past_the_values_start(tmp_path: Path) -> None:
    text = "a: b\n" + "c\n" * 199
    typed, doc = _typed(tmp_path, text + "x\ny\n", 1, 4)
    assert typed.find(doc, ("a",), "x") == (201, 1)
    assert typed.find(doc, ("a",), "y") == (1, 4), "202 lines down: out of reach, the value"


@pytest.mark.parametrize(
    ("mode", "kind"),
    [(stat.S_IFDIR, "this is a folder"), (stat.S_IFIFO, "this is a named pipe (FIFO)"),
     (stat.S_IFSOCK, "this is a socket"), (stat.S_IFCHR, "this is a device"),
     (stat.S_IFBLK, "this is a device"), (stat.S_IFLNK, "this is a special file")],
)
def test_file_kinds_in_words(mode: int, kind: str) -> None:
    assert file_kind(mode | 0o644) == kind


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"a: \xa1\n", "the file is saved as Thai Windows-874 (TIS-620), not UTF-8"),  # ก
        (b"a: \xfb\n", "the file is saved as Thai Windows-874 (TIS-620), not UTF-8"),  # ๛
        (b"a: \x93quote\x94\n", "byte 0x93 is not UTF-8 text"),  # Windows quotes, no Thai
    ],
)
def test_windows_874_is_named_only_for_thai_letters(content: bytes, message: str) -> None:
    text, problem = decode(content, "x.yaml")
    assert text is None and problem is not None
    assert (problem.line, problem.column, problem.message) == (
        1, 4, f"{message}; save the file as UTF-8 (in Notepad: Save As, Encoding UTF-8)")


def test_a_control_character_after_a_first_empty_line(tmp_path: Path) -> None:
    doc, problems = parse("\n\x01\n", "x.yaml")
    assert doc is None
    assert [(p.line, p.column) for p in problems] == [(2, 1)]


INDENT = ("this line is indented differently from the lines above it; line up the keys (or the "
          "`- ` items) of one level with the same number of spaces")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('a: "\\q"\n', (1, 5, "a backslash in double quotes starts an escape such as `\\n`; "
                              "write `\\\\` for a backslash, or put the text in single "
                              "quotes")),  # a quote's context, not an unclosed quote
        ("a: {b: 1\n", (2, 1, "expected `,` or `}` here: the `{` at line 1, column 4 is not "
                              "closed; end it with `}`")),
        ("- a\nb: c\n", (2, 1, INDENT)),  # libyaml: did not find expected '-' indicator
        ("%YAML 1.1\n%YAML 1.1\n---\na: b\n", (2, 1, "invalid YAML: found duplicate %YAML "
                                                     "directive")),  # a problem without context
        ("a:\n  b: 1\n \tc: 2\n", (3, 2, "a tab character; indent with spaces")),
        ("a: |x\n", (1, 5, "invalid YAML: while scanning a block scalar did not find expected "
                           "comment or line break")),  # context and problem, joined by a space
        ("note: * หมายเหตุ\n", (1, 7, 'a value cannot start with * (YAML reads it as an alias); '
                                     'put the text in quotes: "*…"')),
        ("a:\n  - &\n", (2, 5, 'a value cannot start with & (YAML reads it as an anchor); put '
                             'the text in quotes: "&…"')),
        ("a:\n  &x b: 1\n  - c\n", (3, 3, INDENT)),  # a mapping opened by an anchor: its layout
    ],
)
def test_yaml_syntax_errors_in_words(text: str, expected: tuple[int, int, str]) -> None:
    doc, problems = parse(text, "x.yaml")
    assert doc is None
    assert [(p.line, p.column, p.message) for p in problems] == [expected]


# --- survivors of the 2026-12-04 run on binding.py --------------------------------------------

def test_text_where_a_model_without_required_keys_is_expected() -> None:
    _, problems = _project(PROJECT_TEXT.replace("results:\n  q1: []\n  q2: []", "results: ทำแล้ว"))
    assert [(p.line, p.column, p.message) for p in problems] == [
        (19, 10, "results: expected keys under it (`key: value` lines), got 'ทำแล้ว'")]


@pytest.mark.parametrize(("length", "shown"), [(30, "ก" * 30), (31, "ก" * 30 + "…")])
def test_text_for_keys_is_shown_up_to_30_characters(length: int, shown: str) -> None:
    _, problems = _project(PROJECT_TEXT.replace(
        "duration:\n  start: 2566-10\n  end: 2567-09", "duration: " + "ก" * length))
    assert [p.message for p in problems] == [
        f"duration: expected keys, got text alone; write `start: {shown}` with `end: …` under it"]


def test_text_for_keys_names_every_other_required_key() -> None:
    from aplan.models import Office

    text = (MINIMAL / "office.yaml").read_text(encoding="utf-8")
    doc, _ = parse(text.replace("  - code: only\n    name: หน่วยเดียว\n    kind: unit",
                                "  - กลุ่มเดียว"), "office.yaml")
    assert doc is not None
    assert [p.message for p in bind(Office, doc)[1]] == [
        "groups[0]: expected keys, got text alone; write `- code: กลุ่มเดียว` with `name: …` and "
        "`kind: …` under it"]


def test_a_bound_inside_a_list_names_its_own_fields_description() -> None:
    _, problems = _project(PROJECT_TEXT.replace(
        "  q1: []", "  q1:\n    - text: ผล\n      statistics:\n        - label: คน\n"
        "          total: -1\n          parts:\n            - label: ก\n              count: 0"))
    assert [p.message for p in problems] == [
        "results.q1[0].statistics[0].total: expected 0 or more, got -1 (Declared total; the parts "
        "must sum to it)"]


class _Bare(BaseModel):
    counts: list[Annotated[int, Field(ge=0)]] = []
    plain: Annotated[int, Field(ge=0)] = 0


def test_a_bound_without_a_description_adds_nothing() -> None:
    from aplan.binding import _described

    locs = (("counts", 0), ("plain",), (), ("plain", "x"))  # the last: inside a plain int
    assert [_described(_Bare, loc) for loc in locs] == ["", "", "", ""]


def test_a_list_too_short_for_more_than_one_item() -> None:
    from aplan.binding import _words

    words = [_words(Project, ("objectives",), "too_short", {"min_length": n}, []) for n in (1, 2)]
    assert words == [
        "the list is empty; write at least one item (lines starting with `- `)",
        "the list is empty; write at least 2 items (lines starting with `- `)"]


def test_load_names_the_file_as_it_is_displayed(tmp_path: Path) -> None:
    from aplan.sources import load

    path = tmp_path / "x.yaml"
    path.write_text("a: [\n", encoding="utf-8")
    assert [p.file for p in load(path, "shown.yaml")[1]] == ["shown.yaml"]
    assert [p.file for p in load(path)[1]] == [str(path)]


def test_a_quarter_of_nul_bytes_is_not_yet_utf16() -> None:
    content = b"title: abc" + b"\0" * 5 + b"defgh"  # 20 bytes, 5 of them NUL: UTF-8 with NULs
    assert len(content) == 20
    text, problem = decode(content, "x.yaml")
    assert problem is None and text is not None
    assert [p.message[:27] for p in parse(text, "x.yaml")[1]] == ["a NUL character (U+0000) ca"]
    assert decode(content + b"\0", "x.yaml")[1] is not None, "6 of 21: UTF-16"


def test_a_byte_not_utf8_after_a_first_empty_line() -> None:
    _, problem = decode(b"\nab\xff\n", "x.yaml")
    assert problem is not None and (problem.line, problem.column) == (2, 3)


def _stat_size(path: Path, size: int) -> Any:
    """``os.fstat`` that reports ``size`` for ``path``: a file that grows between the stat and
    the read."""
    real = os.fstat

    def fstat(fd: int) -> os.stat_result:
        s = real(fd)
        if os.readlink(f"/proc/self/fd/{fd}") != str(path):
            return s
        return os.stat_result((s.st_mode, s.st_ino, s.st_dev, s.st_nlink, s.st_uid, s.st_gid,
                               size, int(s.st_atime), int(s.st_mtime), int(s.st_ctime)))
    return fstat


def test_a_file_of_the_size_limit_is_read_whole(tmp_path: Path) -> None:
    from aplan.sources import MAX_FILE_BYTES, read_bytes

    path = tmp_path / "x.yaml"
    path.write_bytes(b"#" * MAX_FILE_BYTES)
    content, problem = read_bytes(path, "x.yaml")
    assert problem is None and content is not None and len(content) == MAX_FILE_BYTES


def test_a_file_that_grows_past_the_limit_is_read_only_to_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from aplan import sources

    path = tmp_path / "x.yaml"
    path.write_bytes(b"#" * (sources.MAX_FILE_BYTES + 10))
    monkeypatch.setattr(sources.os, "fstat", _stat_size(path, 10))
    content, problem = sources.read_bytes(path, "x.yaml")
    assert content is None and problem is not None
    assert (problem.line, problem.column, problem.message[:35]) == (
        0, 0, "the file is 1,000,001 bytes, more t"), "one byte past the limit, no more, is read"


def test_a_read_fault_names_its_cause(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from aplan import sources

    path = tmp_path / "x.yaml"
    real = os.fstat

    def broken(fd: int) -> os.stat_result:  # only for this file: pytest calls fstat too
        if os.readlink(f"/proc/self/fd/{fd}") == str(path):
            raise OSError(errno.EIO, "Input/output error")
        return real(fd)

    path.write_text("a: 1\n", encoding="utf-8")
    monkeypatch.setattr(sources.os, "fstat", broken)
    _, problem = sources.read_bytes(path, "x.yaml")
    assert problem is not None
    assert (problem.file, problem.code, problem.message) == (
        "x.yaml", "read", "cannot read the file: Input/output error")


@pytest.mark.parametrize(
    ("text", "fix"),
    [("1.0e15", "such as 1000000000000000"), ("1.0e16", "with its digits")],
)
def test_an_exponent_is_written_out_up_to_15_places(text: str, fix: str) -> None:
    _, problems = parse(f"a: {text}\n", "x.yaml")
    assert [p.message for p in problems] == [
        f"a: `{text}` is written with an exponent; write the number in full, {fix}"]


def test_a_bound_document_says_whether_it_is_complete() -> None:
    assert _project(PROJECT_TEXT)[0].complete is True
    assert _project(PROJECT_TEXT.replace("budget: 100", "budget: x"))[0].complete is False


def test_a_key_that_is_not_text_is_refused_and_the_next_keys_are_read() -> None:
    doc, problems = parse("[a]: 1\nb: 2\n", "x.yaml")
    assert doc is not None and doc.data == {"b": 2}
    assert [(p.file, p.line, p.column, p.code, p.message) for p in problems] == [
        ("x.yaml", 1, 1, "key", "a key must be a plain name such as `title`, not a list or a "
         "`{…}`: remove the brackets")]


@pytest.mark.parametrize(("value", "data"), [("x", "x"), ("{b: 1}", {"b": 1}), ("[1]", [1])])
def test_a_tag_on_a_scalar_mapping_or_list_is_refused_at_its_value(value: str, data: Any) -> None:
    doc, problems = parse(f"k:\n  a: !foo {value}\n", "x.yaml")
    assert doc is not None and doc.data == {"k": {"a": data}}
    assert [(p.line, p.column, p.code, p.message) for p in problems] == [
        (2, 6, "tag", "k.a: `!foo` is a YAML tag, which aplan does not accept; write the value "
                      "plainly, without the tag")]
    assert doc.reported == {("k", "a")}


def test_a_yaml_error_without_a_place_is_named_at_the_files_start(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """No input reaches it (``_character`` finds what the reader would refuse): the fallback."""
    import yaml

    from aplan import sources

    def unmarked(*_args: object, **_kwargs: object) -> None:
        raise yaml.YAMLError("something unforeseen")

    monkeypatch.setattr(sources.yaml, "compose", unmarked)
    assert parse("a: 1\n", "x.yaml") == (None, [
        Problem("x.yaml", 1, 1, E, "yaml", "invalid YAML: something unforeseen")])


def test_text_that_passes_the_patterns_but_is_no_number_is_a_money_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """No input reaches it (the patterns admit only digits): the fallback still speaks money."""
    import re

    from aplan import money

    monkeypatch.setattr(money, "_PLAIN", re.compile(".*"))
    with pytest.raises(MoneyError) as caught:
        parse_money("ห้าบาท")
    assert str(caught.value) == (
        'expected an amount in baht such as 158340, 158340.50 or "158,340.00", got \'ห้าบาท\'')


def test_nesting_depth_falls_back_by_one_as_each_list_closes() -> None:
    # depth 31 after `a:` and 30 `[`; `[1]` opens and closes; `[[[` then reaches 33 at column 40
    doc, problems = parse("a: " + "[" * 30 + "[1], [[[1]]]" + "]" * 30 + "\n", "x.yaml")
    assert doc is None
    assert [(p.line, p.column, p.code) for p in problems] == [(1, 40, "too-deep")]
