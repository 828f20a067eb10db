"""``aplan export``: the report's tables as a workbook and as CSV, read back and checked."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from aplan.export import column_letter, sheets, workbook
from aplan.models import PlanNode
from aplan.period import PERIODS
from aplan.render.view import ReportView, _plan_rows, build_view
from aplan.totals import plan_total, spent_through
from aplan.validate import validate

from .conftest import DATA, DataCopy
from .test_cli import aplan

CENT = Decimal("0.01")


@pytest.fixture(scope="module")
def view() -> ReportView:
    data, problems = validate(DATA)
    assert problems == []
    return build_view(data, PERIODS["h1"])


@pytest.fixture(scope="module")
def workbook_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("export") / "report.xlsx"
    result = aplan("export", "--period", "h1", "--format", "xlsx", "-o", str(output))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1].startswith(f"wrote {output} (4 sheets, ")
    return output


def evaluate(sheet: Worksheet, value: Any, depth: int = 0) -> Decimal:
    """A cell's value as Excel computes it: numbers, ``=SUM(…)`` of cells and ranges, ``=A1-B1``.

    Text counts as nothing in a sum, as in Excel.
    """
    assert depth < 20, "formulas refer to each other in a loop"
    if isinstance(value, str) and value.startswith("="):
        body = value[1:]
        summed = re.fullmatch(r"SUM\(([A-Z0-9:,]+)\)", body)
        if summed:
            total = Decimal(0)
            for part in summed.group(1).split(","):
                cells = sheet[part] if ":" in part else ((sheet[part],),)
                for row in cells if isinstance(cells, tuple) else ((cells,),):
                    for cell in row if isinstance(row, tuple) else (row,):
                        total += evaluate(sheet, cell.value, depth + 1)
            return total
        minus = re.fullmatch(r"([A-Z]+\d+)-([A-Z]+\d+)", body)
        assert minus, f"unexpected formula {value}"
        left, right = (evaluate(sheet, sheet[ref].value, depth + 1) for ref in minus.groups())
        return left - right
    if isinstance(value, bool) or not isinstance(value, int | float):
        return Decimal(0)
    return Decimal(repr(value)).quantize(CENT)


def _rows(sheet: Worksheet) -> list[tuple[Any, ...]]:
    return list(sheet.iter_rows(min_row=3, values_only=True))


def test_the_workbook_has_the_reports_tables_with_thai_headers(workbook_path: Path) -> None:
    book = load_workbook(workbook_path)
    assert book.sheetnames == ["ตารางที่ 1", "ตารางที่ 2", "ตารางที่ 3", "การใช้จ่ายรายโครงการ"]
    headers = [[c.value for c in book[name][2]] for name in book.sheetnames]
    assert headers == [
        ["ลำดับ", "หมวดรายจ่าย/รายการ", "งบประมาณ (บาท)"],
        ["กลุ่ม/หน่วย", "ที่", "ชื่อโครงการ", "งบประมาณ (บาท)"],
        ["รายการ", "งบประมาณที่ได้รับ", "ผลการเบิกจ่าย", "คงเหลือ"],
        ["ที่", "ชื่อโครงการ", "กลุ่ม/หน่วย", "งบประมาณ (บาท)", "ไตรมาสที่ ๑", "ไตรมาสที่ ๒",
         "รวมใช้จ่าย", "คงเหลือ"],
    ]
    assert book["ตารางที่ 1"]["A1"].value.startswith("ตารางที่ ๑ แผนการใช้จ่าย")
    assert book["ตารางที่ 2"]["A1"].value.startswith(
        "ตารางที่ ๒ โครงการภารกิจกลุ่มตามแผนปฏิบัติการ ประจำปีงบประมาณ พ.ศ. ๒๕๖๗"
    )


def test_numbers_are_numbers_with_a_money_format(workbook_path: Path) -> None:
    sheet = load_workbook(workbook_path)["ตารางที่ 2"]
    first = sheet["D3"]
    assert first.value == 158340 and first.number_format == "#,##0.00"
    assert sheet["B3"].value == 1  # the project's number, a number too
    money = [c for row in sheet.iter_rows(min_row=3, min_col=4, max_col=4) for c in row]
    assert money and all(c.number_format == "#,##0.00" for c in money)
    assert all(isinstance(c.value, int | float) or c.value.startswith("=SUM(") for c in money)


def test_table_1_formulas_equal_aplans_totals(workbook_path: Path, view: ReportView) -> None:
    sheet = load_workbook(workbook_path)["ตารางที่ 1"]
    rows = _rows(sheet)
    assert len(rows) == len(view.plan_rows) + 1
    for number, (row, plan) in enumerate(zip(rows, view.plan_rows, strict=False), start=3):
        assert evaluate(sheet, row[2]) == plan.amount, f"row {number}: {plan.name}"
        assert isinstance(row[2], str) == plan.is_category  # a category is a formula
    total = rows[-1][2]
    tops = [f"C{n}" for n, p in enumerate(view.plan_rows, start=3) if p.depth == 0]
    assert total == f"=SUM({','.join(tops)})"
    assert evaluate(sheet, total) == view.running_costs == Decimal("3878010")
    assert rows[-1][1] == "รวมทุกหมวดรายจ่าย (ก+ข+ค)"


def test_table_2_subtotals_and_total(workbook_path: Path, view: ReportView) -> None:
    sheet = load_workbook(workbook_path)["ตารางที่ 2"]
    rows = _rows(sheet)
    number, subtotals = 3, []
    for group in view.group_rows:
        count = len(group.projects)
        subtotal = rows[number - 3 + count]
        assert subtotal[2] == "รวม"
        own = f"D{number}" + (f":D{number + count - 1}" if count > 1 else "")
        assert subtotal[3] == f"=SUM({own})"  # its own projects only
        assert evaluate(sheet, subtotal[3]) == group.subtotal
        subtotals.append(f"D{number + count}")
        number += count + 1
    assert rows[-1][3] == f"=SUM({','.join(subtotals)})"
    assert evaluate(sheet, rows[-1][3]) == view.projects_total == Decimal("1121990")


def test_table_3_disbursement(workbook_path: Path, view: ReportView) -> None:
    sheet = load_workbook(workbook_path)["ตารางที่ 3"]
    rows = _rows(sheet)
    assert view.disbursement is not None and view.disbursement_total is not None
    for number, (row, line) in enumerate(zip(rows, view.disbursement, strict=False), start=3):
        assert row[3] == f"=B{number}-C{number}"
        assert evaluate(sheet, row[3]) == line.remaining
    total = view.disbursement_total
    last = 2 + len(view.disbursement)
    assert rows[-1][1:] == (f"=SUM(B3:B{last})", f"=SUM(C3:C{last})", f"=SUM(D3:D{last})")
    assert [evaluate(sheet, v) for v in rows[-1][1:]] == [
        total.received, total.disbursed, total.remaining
    ]
    assert total.disbursed == Decimal("74705515.24")


def test_spending_per_project_and_quarter(workbook_path: Path, view: ReportView) -> None:
    sheet = load_workbook(workbook_path)["การใช้จ่ายรายโครงการ"]
    rows = _rows(sheet)
    for number, (row, project) in enumerate(zip(rows, view.projects, strict=False), start=3):
        model = project.project
        assert row[0] == model.number and row[4] == float(model.spent.q1.amount)  # type: ignore[union-attr]
        assert row[6] == f"=SUM(E{number}:F{number})" and row[7] == f"=D{number}-G{number}"
        assert evaluate(sheet, row[6]) == spent_through(model, ("q1", "q2"))
        assert evaluate(sheet, row[7]) == model.budget - spent_through(model, ("q1", "q2"))
    last = 2 + len(view.projects)
    total = rows[-1]
    assert total[1] == "รวม"
    assert [total[c] for c in range(3, 8)] == [
        f"=SUM({column_letter(c)}3:{column_letter(c)}{last})" for c in range(3, 8)
    ]
    spent = sum((spent_through(p.project, ("q1", "q2")) for p in view.projects), Decimal(0))
    assert evaluate(sheet, total[6]) == spent
    assert evaluate(sheet, total[7]) == view.projects_total - spent


def test_an_unreported_quarter_is_not_zero(data_copy: DataCopy, tmp_path: Path) -> None:
    data_copy.edit("projects/14-internal-audit.yaml", "  q2: 0\n", "")
    output = tmp_path / "r.xlsx"
    result = aplan("export", "--period", "h1", "--format", "xlsx", "-o", str(output),
                   "--data", str(data_copy.root))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "[not-reported]" in result.stdout  # a draft, said as the build says it
    sheet = load_workbook(output)["การใช้จ่ายรายโครงการ"]
    row = next(r for r in _rows(sheet) if r[0] == 14)
    assert row[5] == "ยังไม่ได้รายงาน"


def test_csv_one_file_per_table_with_a_byte_order_mark(tmp_path: Path, view: ReportView) -> None:
    folder = tmp_path / "csv"
    result = aplan("export", "--period", "h1", "--format", "csv", "-o", str(folder))
    assert result.returncode == 0, result.stdout + result.stderr
    names = ["table-1.csv", "table-2.csv", "table-3.csv", "spending.csv"]
    assert sorted(p.name for p in folder.iterdir()) == sorted(names)
    raw = (folder / "table-2.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf" + "กลุ่ม/หน่วย".encode())
    with (folder / "table-2.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[1] == ["กลุ่มอำนวยการ", "1", "เสริมสร้างประสิทธิภาพการบริหารจัดการศึกษาขั้นพื้นฐาน",
                       "158340.00"]
    assert rows[-1] == ["", "", "รวมทั้งสิ้น", f"{view.projects_total:.2f}"]
    with (folder / "table-1.csv").open(encoding="utf-8-sig", newline="") as handle:
        plan = list(csv.reader(handle))
    assert plan[-1][2] == "3878010.00"


def test_csv_replaces_an_old_folder_whole(tmp_path: Path) -> None:
    folder = tmp_path / "csv"
    folder.mkdir()
    (folder / "stale.csv").write_text("old", encoding="utf-8")
    assert aplan("export", "--period", "h1", "--format", "csv", "-o", str(folder)).returncode == 0
    assert "stale.csv" not in [p.name for p in folder.iterdir()]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["csv"]  # no temporary folder left


def test_bad_data_exports_nothing(data_copy: DataCopy, tmp_path: Path) -> None:
    data_copy.edit("projects/05-equal-opportunity.yaml", "budget: 120885", "budget: 120855")
    output = tmp_path / "r.xlsx"
    output.write_bytes(b"the last good workbook")
    result = aplan("export", "--period", "h1", "--format", "xlsx", "-o", str(output),
                   "--data", str(data_copy.root))
    assert result.returncode == 1
    assert "[projects-total]" in result.stdout
    assert output.read_bytes() == b"the last good workbook"
    folder = tmp_path / "csv"
    result = aplan("export", "--period", "h1", "--format", "csv", "-o", str(folder),
                   "--data", str(data_copy.root))
    assert result.returncode == 1 and not folder.exists()


def test_export_format_is_xlsx_or_csv(tmp_path: Path) -> None:
    result = aplan("export", "--period", "h1", "--format", "ods", "-o", str(tmp_path / "x"))
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_export_output_of_the_wrong_kind(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text("mine", encoding="utf-8")
    result = aplan("export", "--period", "h1", "--format", "csv", "-o", str(tmp_path / "a.csv"))
    assert result.returncode == 2 and "is a file; CSV export writes a folder" in result.stderr
    assert (tmp_path / "a.csv").read_text(encoding="utf-8") == "mine"
    result = aplan("export", "--period", "h1", "--format", "xlsx", "-o", str(tmp_path))
    assert result.returncode == 1
    assert f"{tmp_path}: error: this is a folder; -o names the file to write" in result.stdout
    inside = DATA / "tables"
    result = aplan("export", "--period", "h1", "--format", "csv", "-o", str(inside))
    assert result.returncode == 2 and "is inside the data folder" in result.stderr
    assert not inside.exists()


_AMOUNTS = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False)


def _plan_nodes(depth: int) -> st.SearchStrategy[list[PlanNode]]:
    leaf = st.builds(PlanNode, name=st.just("รายการ"), amount=_AMOUNTS)
    if depth == 0:
        return st.lists(leaf, min_size=1, max_size=4)
    category = st.builds(PlanNode, name=st.just("หมวด"), items=_plan_nodes(depth - 1))
    return st.lists(st.one_of(leaf, category), min_size=1, max_size=4)


@settings(max_examples=25, deadline=None)
@given(nodes=_plan_nodes(3))
def test_every_plan_formula_equals_aplans_sum(view: ReportView, nodes: list[PlanNode]) -> None:
    """Any Table 1 tree: each category's formula and the total equal aplan's computed sums."""
    nowhere = SimpleNamespace(place=lambda doc, path: "", doc=None)  # no source positions
    rows = _plan_rows(nodes, (), nowhere)  # type: ignore[arg-type]
    changed = replace(
        view,
        plan_rows=rows,
        plan_top_labels=[r.label.rstrip(".") for r in rows if r.depth == 0],
        running_costs=plan_total(nodes),
    )
    sheet = load_workbook(io.BytesIO(workbook(sheets(changed))))["ตารางที่ 1"]
    cells = [row[2] for row in _rows(sheet)]
    assert [evaluate(sheet, c) for c in cells[:-1]] == [r.amount for r in rows]
    assert evaluate(sheet, cells[-1]) == plan_total(nodes)
