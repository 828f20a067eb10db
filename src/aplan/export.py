"""The report's tables as a workbook or CSV files: ``aplan export --format xlsx|csv``.

The figures are the report's own: every cell comes from the view the PDF is printed from
(``render/view.py``) or from ``totals``, never added up again here. In the workbook a total is
an Excel formula over the cells it adds up, so an officer who changes a cell sees the totals
follow; the tests evaluate each formula and compare it with aplan's total. CSV has no
formulas: a total is written as aplan computed it.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from .render.view import ReportView
from .thai import Digits
from .totals import remaining, spent_through, spent_total

MONEY_FORMAT = "#,##0.00"
NOT_REPORTED = "ยังไม่ได้รายงาน"
FIRST_ROW = 3
"""Row 1 holds the table's caption, row 2 its header; data starts on row 3."""


@dataclass(frozen=True)
class Sum:
    """A total of other cells of its column: ``=SUM(…)`` in the workbook, ``value`` in CSV."""

    rows: tuple[int, ...]
    value: Decimal


@dataclass(frozen=True)
class RowSum:
    """A total of other columns of its row, such as a project's spending over the quarters."""

    columns: tuple[int, ...]
    value: Decimal


@dataclass(frozen=True)
class Difference:
    """``left - right`` of two columns of its row, such as received minus disbursed."""

    left: int
    right: int
    value: Decimal


Formula = Sum | RowSum | Difference
Cell = str | int | Decimal | Formula | None


@dataclass
class Sheet:
    """One table: its caption, header and rows; ``money`` are the columns holding baht."""

    name: str
    file: str
    caption: str
    header: list[str]
    money: set[int]
    rows: list[list[Cell]] = field(default_factory=list)
    bold: set[int] = field(default_factory=set)
    indent: dict[int, int] = field(default_factory=dict)

    def add(self, cells: list[Cell], *, bold: bool = False, indent: int = 0) -> int:
        """Append a row; return its row number in the workbook."""
        self.rows.append(cells)
        number = FIRST_ROW + len(self.rows) - 1
        if bold:
            self.bold.add(number)
        if indent:
            self.indent[number] = indent
        return number


def sheets(view: ReportView) -> list[Sheet]:
    """The report's tables in the order it prints them, numbered as it numbers them."""
    digits = Digits(view.info.digits)
    made: list[Sheet] = []
    if view.plan_rows:
        made.append(_plan(view, len(made) + 1, digits))
    made.append(_projects(view, len(made) + 1, digits))
    if view.disbursement and view.disbursement_total:
        made.append(_disbursement(view, len(made) + 1, digits))
    made.append(_spending(view, digits))
    return made


def _year(view: ReportView) -> str:
    return f"ประจำปีงบประมาณ พ.ศ. {view.info.fiscal_year}"


def _plan(view: ReportView, number: int, digits: Digits) -> Sheet:
    """Table 1: each category the formula of its direct items, the total of the top ones."""
    sheet = Sheet(
        f"ตารางที่ {number}", f"table-{number}.csv",
        digits(f"ตารางที่ {number} แผนการใช้จ่ายในการบริหารจัดการสำนักงาน {_year(view)} "
               f"(งบประจำ) ของ{view.office.name}"),
        ["ลำดับ", "หมวดรายจ่าย/รายการ", "งบประมาณ (บาท)"], {2},
    )
    rows = view.plan_rows
    numbers = [FIRST_ROW + i for i in range(len(rows))]
    for i, row in enumerate(rows):
        amount: Cell = row.amount
        if row.is_category:
            children = []
            for j in range(i + 1, len(rows)):
                if rows[j].depth <= row.depth:
                    break
                if rows[j].depth == row.depth + 1:
                    children.append(numbers[j])
            amount = Sum(tuple(children), row.amount)
        sheet.add([digits(row.label), digits(row.name), amount], bold=row.is_category,
                  indent=row.depth)
    tops = tuple(n for n, row in zip(numbers, rows, strict=True) if row.depth == 0)
    label = "+".join(view.plan_top_labels)
    sheet.add([None, digits(f"รวมทุกหมวดรายจ่าย ({label})"), Sum(tops, view.running_costs)],
              bold=True)
    return sheet


def _projects(view: ReportView, number: int, digits: Digits) -> Sheet:
    """Table 2: the projects by group, each group's subtotal, the grand total."""
    sheet = Sheet(
        f"ตารางที่ {number}", f"table-{number}.csv",
        digits(f"ตารางที่ {number} โครงการภารกิจกลุ่ม{view.info.plan} {_year(view)} "
               f"จำแนกรายกลุ่ม ของ{view.office.name}"),
        ["กลุ่ม/หน่วย", "ที่", "ชื่อโครงการ", "งบประมาณ (บาท)"], {3},
    )
    subtotals = []
    for group in view.group_rows:
        name = digits(group.group_name)
        rows = tuple(
            sheet.add([name, project.number, digits(project.title), project.budget])
            for project in group.projects
        )
        subtotals.append(sheet.add([name, None, "รวม", Sum(rows, group.subtotal)], bold=True))
    sheet.add([None, None, "รวมทั้งสิ้น", Sum(tuple(subtotals), view.projects_total)], bold=True)
    return sheet


def _disbursement(view: ReportView, number: int, digits: Digits) -> Sheet:
    """Table 3: received and disbursed per budget type; remaining is a formula of the two."""
    assert view.disbursement is not None and view.disbursement_total is not None
    period = digits(
        f"{view.period.label()} (เดือน{digits.month_year(view.period_first)} – "
        f"เดือน{digits.month_year(view.period_last)})"
    )
    sheet = Sheet(
        f"ตารางที่ {number}", f"table-{number}.csv",
        digits(f"ตารางที่ {number} ผลการเบิกจ่ายงบประมาณรายจ่าย {_year(view)} "
               f"ของ{view.office.name} ") + period,
        ["รายการ", "งบประมาณที่ได้รับ", "ผลการเบิกจ่าย", "คงเหลือ"], {1, 2, 3},
    )
    rows = [
        sheet.add([digits(row.label), row.received, row.disbursed,
                   Difference(1, 2, row.remaining)])
        for row in view.disbursement
    ]
    total = view.disbursement_total
    every = tuple(rows)
    sheet.add(["รวม", Sum(every, total.received), Sum(every, total.disbursed),
               Sum(every, total.remaining)], bold=True)
    return sheet


def _spending(view: ReportView, digits: Digits) -> Sheet:
    """Each project's budget and its spending per quarter of the round, as part 4 prints it."""
    quarters = [q.label for q in view.projects[0].quarters] if view.projects else []
    first_quarter, spent_column = 4, 4 + len(quarters)
    sheet = Sheet(
        "การใช้จ่ายรายโครงการ", "spending.csv",
        digits(f"งบประมาณและการใช้จ่ายรายโครงการ {view.period.label()} {_year(view)} "
               f"ของ{view.office.name}"),
        ["ที่", "ชื่อโครงการ", "กลุ่ม/หน่วย", "งบประมาณ (บาท)",
         *(digits(q) for q in quarters), "รวมใช้จ่าย", "คงเหลือ"],
        {3, *range(first_quarter, spent_column + 2)},
    )
    names = {g.code: g.name for g in view.office.groups}
    rows = []
    for project in view.projects:
        model = project.project
        spent = spent_through(model, view.period.quarters)
        cells: list[Cell] = [model.number, digits(model.title),
                             digits(names.get(model.group, model.group)), model.budget]
        cells += [q.spent.amount if q.spent else NOT_REPORTED for q in project.quarters]
        left = remaining(model.budget, spent)
        cells += [RowSum(tuple(range(first_quarter, spent_column)), spent),
                  Difference(3, spent_column, left)]
        rows.append(sheet.add(cells))
    models = [p.project for p in view.projects]
    quarters_spent = [spent_total(models, (q.quarter,)) for q in view.projects[0].quarters] \
        if view.projects else []
    spent_all = spent_total(models, view.period.quarters)
    every = tuple(rows)
    totals: list[Cell] = [
        None, "รวม", None, Sum(every, view.projects_total),
        *(Sum(every, amount) for amount in quarters_spent),
        Sum(every, spent_all), Sum(every, remaining(view.projects_total, spent_all)),
    ]
    sheet.add(totals, bold=True)
    return sheet


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def formula(cell: Formula, column: int, row: int) -> str:
    """The Excel formula of a total: ``=SUM(D3:D5,D8)``, ``=SUM(E3:F3)`` or ``=B3-C3``."""
    if isinstance(cell, Difference):
        return f"={column_letter(cell.left)}{row}-{column_letter(cell.right)}{row}"
    if isinstance(cell, RowSum):
        cells = ",".join(f"{column_letter(c)}{row}" for c in cell.columns)
        first, last = cell.columns[0], cell.columns[-1]
        if list(cell.columns) == list(range(first, last + 1)) and len(cell.columns) > 1:
            cells = f"{column_letter(first)}{row}:{column_letter(last)}{row}"
        return f"=SUM({cells})"
    letter = column_letter(column)
    return f"=SUM({','.join(_ranges(letter, cell.rows))})"


def _ranges(letter: str, rows: Sequence[int]) -> list[str]:
    """Consecutive rows as one range: 3,4,5,8 → D3:D5, D8."""
    parts: list[str] = []
    ordered = sorted(rows)
    start = previous = ordered[0] if ordered else 0
    for row in [*ordered[1:], None]:
        if row is not None and row == previous + 1:
            previous = row
            continue
        last = f"{letter}{previous}"
        parts.append(f"{letter}{start}" if start == previous else f"{letter}{start}:{last}")
        if row is not None:
            start = previous = row
    return parts if ordered else ["0"]


def workbook(made: list[Sheet]) -> bytes:
    """The sheets as an .xlsx file's bytes."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    bold = Font(bold=True)
    for sheet in made:
        ws = book.create_sheet(sheet.name)
        ws.cell(1, 1, sheet.caption).font = bold
        for c, title in enumerate(sheet.header, start=1):
            cell = ws.cell(2, c, title)
            cell.font = bold
            cell.alignment = Alignment(horizontal="center", wrap_text=True)
        for r, cells in enumerate(sheet.rows, start=FIRST_ROW):
            for c, value in enumerate(cells):
                if value is None:
                    continue
                written = formula(value, c, r) if isinstance(value, Formula) else value
                cell = ws.cell(r, c + 1, written)
                if c in sheet.money and not isinstance(value, str):
                    cell.number_format = MONEY_FORMAT
                if r in sheet.bold:
                    cell.font = bold
                if c == 1 and r in sheet.indent:
                    cell.alignment = Alignment(indent=sheet.indent[r])
        for c in range(len(sheet.header)):
            wide = max((len(str(row[c])) for row in sheet.rows if isinstance(row[c], str)),
                       default=8)
            money = 16 if c in sheet.money else 0
            ws.column_dimensions[column_letter(c)].width = max(money, min(60, wide + 2), 8)
        ws.freeze_panes = ws.cell(FIRST_ROW, 1)
    book.calculation.fullCalcOnLoad = True  # Excel and LibreOffice work out the totals on open
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def csv_text(sheet: Sheet) -> str:
    """One table as CSV: the header, then the rows; a total as aplan computed it."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(sheet.header)
    for cells in sheet.rows:
        writer.writerow(["" if v is None else _csv(v) for v in cells])
    return buffer.getvalue()


def _csv(value: Cell) -> str:
    if isinstance(value, Formula):
        value = value.value
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return str(value)


def write_csv_folder(folder: Path, made: list[Sheet]) -> list[Path]:
    """One UTF-8 file with a byte-order mark per table (Excel then reads the Thai), in a folder
    made whole beside ``folder`` and renamed into place; an old folder is replaced only then."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}."))
    mask = os.umask(0)
    os.umask(mask)
    try:
        os.chmod(work, 0o777 & ~mask)
        for sheet in made:
            (work / sheet.file).write_text(csv_text(sheet), encoding="utf-8-sig", newline="")
        old = None
        if folder.exists():
            old = folder.parent / f"{work.name}.old"
            os.rename(folder, old)
        os.rename(work, folder)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return [folder / sheet.file for sheet in made]
