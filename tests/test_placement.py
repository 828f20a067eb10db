"""Overflows are placed by design: every guard carries where its data was typed, and the build
reports every overflow there (templates/style.typ, build._placed)."""

from __future__ import annotations

from pathlib import Path

import pytest
import typst

from aplan.build import _overflow, build_pdf
from aplan.dataset import DataSet
from aplan.period import PERIODS
from aplan.problems import Severity
from aplan.render.compile import CompileError, compile_pdf, overflows, sarabun_folder
from aplan.render.linebreak import unsteered
from aplan.render.report import render
from aplan.validate import validate

from .conftest import DATA, REPO, DataCopy

NARROW = """\
#import "/templates/style.typ": *
#show: report
#table(columns: (1.6cm, 1.6cm),
  fit("ok https://example.org/averyveryverylongword", at: "projects/01-a.yaml:4:8 title"),
  money("๑๒๓,๔๕๖,๗๘๙.๐๐", at: "budget.yaml:11:18 allocation.running_costs",
    of: "the total of Table 1"),
  guard(at: "budget.yaml:18:11 spending_plan[0].name")[x],
  money("๙๙๙,๙๙๙,๙๙๙.๐๐", at: "disbursement.yaml:6:17 periods.h1.personnel.received"),
)
"""


def test_guards_stop_a_standalone_compile_at_the_first_overflow() -> None:
    with pytest.raises(CompileError) as caught:
        compile_pdf(NARROW, REPO, DATA.stat() and __import__("datetime").date(2024, 3, 31), "x")
    problem = caught.value.problem
    assert problem.code == "overflow"
    assert "projects/01-a.yaml:4:8 title" in problem.message


def test_recording_guards_give_every_overflow_once_with_its_place() -> None:
    records = overflows(NARROW, REPO)
    assert [(r["kind"], r["at"]) for r in records] == [
        ("text", "projects/01-a.yaml:4:8 title"),
        ("figure", "budget.yaml:11:18 allocation.running_costs"),
        ("figure", "disbursement.yaml:6:17 periods.h1.personnel.received"),
    ]
    assert records[0]["word"] == "averyveryverylongword"
    assert records[1]["of"] == "the total of Table 1"


def test_a_squeezed_row_is_recorded() -> None:
    source = NARROW.replace("(1.6cm, 1.6cm)", "(0.8cm, 1.6cm)")
    kinds = {(r["kind"], r["at"]) for r in overflows(source, REPO)}
    assert ("row", "budget.yaml:18:11 spending_plan[0].name") in kinds


def test_a_source_that_does_not_compile_records_nothing() -> None:
    assert overflows("#panic()", REPO) == []


def test_an_overflow_is_reported_in_the_users_terms(tmp_path: Path) -> None:
    data = DataSet(tmp_path, None, None, None, None, None, ())
    typed = _overflow(data, {"kind": "figure", "printed": "๙๙๙", "at": "d.yaml:6:17 a.b",
                             "of": None, "word": None})
    assert (typed.file, typed.line, typed.column, typed.severity) == (
        str(tmp_path / "d.yaml"), 6, 17, Severity.ERROR)
    assert typed.message == "a.b: the figure ๙๙๙ does not fit its table column; check the amount"
    computed = _overflow(data, {"kind": "figure", "printed": "๑", "at": "b.yaml:1:2 x",
                                "of": "the total of Table 1", "word": None})
    assert computed.message == (
        "x: the total of Table 1, ๑, does not fit its table column; check the amounts it is "
        "computed from")
    text = _overflow(data, {"kind": "text", "printed": '"a b"', "at": "p.yaml:4:8 title",
                            "of": None, "word": "b"})
    assert text.message == (
        'title: the text "a b" does not fit its table column: `b` cannot be broken across '
        "lines; put a space in it or shorten it")
    row = _overflow(data, {"kind": "row", "printed": "a table row", "at": "b.yaml:3:4 n",
                           "of": None, "word": None})
    assert row.message.startswith("n: this row of the table is squeezed too narrow")
    unplaced = _overflow(data, {"kind": "figure", "printed": "๑", "at": None})
    assert (unplaced.file, unplaced.line, unplaced.column) == (str(tmp_path), 1, 1)


def test_every_guarded_value_of_the_report_carries_its_place() -> None:
    data, _ = validate(DATA)
    source = unsteered(render(data, PERIODS["h1"]).source)
    calls = [line for line in source.splitlines() if "money(" in line or "fit(" in line]
    assert calls and all("at: " in line for line in calls)
    # Table 1: a line item's amount, a category's computed sum, the table's total
    assert 'money("๑,๔๔๐,๐๐๐", at: "budget.yaml:24:21 spending_plan[0].items[0].items[0]' \
        '.amount"' in source
    assert 'at: "budget.yaml:21:9 spending_plan[0].items[0]", of: "the sum of the items of ' \
        '`ค่าตอบแทน`"' in source
    assert 'at: "budget.yaml:12:18 allocation.running_costs", of: "the total of Table 1"' in source
    # Table 2: a project's title and budget, in the project's own file
    assert 'at: "projects/12-ict.yaml:6:8 title"' in source


def test_all_overflows_of_a_build_are_reported_at_their_yaml(
    data_copy: DataCopy, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """validate's estimate finds these first (printable.py); without it, the guards do."""
    monkeypatch.setattr("aplan.validate.printable_problems", lambda data: [])
    name = "projects/12-ict.yaml"
    data_copy.edit(name, "title: พัฒนาระบบ", "title: https://example.org/" + "a" * 120 + " พัฒนาระบบ")
    data_copy.edit("projects/01-education-management.yaml", "title: เสริมสร้าง",
                   "title: " + "b" * 130 + " เสริมสร้าง")
    output = tmp_path / "report.pdf"
    outcome = build_pdf(data_copy.root, PERIODS["h1"], output)
    assert outcome.pdf is None and not output.exists()
    placed = [(p.file, p.line, p.column, p.code) for p in outcome.problems]
    assert placed == [
        (data_copy.name("projects/01-education-management.yaml"), 5, 8, "overflow"),
        (data_copy.name(name), data_copy.line_of(name, "title: https"), 8, "overflow"),
    ]
    assert "`" + "b" * 130 + "` cannot be broken" in outcome.problems[0].message


def test_query_sees_the_guards_of_the_real_report_as_clean() -> None:
    data, _ = validate(DATA)
    rendered = render(data, PERIODS["h1"])
    found = typst.query(rendered.source.encode(), "<aplan-overflow>", root=str(rendered.root),
                        font_paths=[str(sarabun_folder())], ignore_system_fonts=True,
                        sys_inputs={"aplan-guards": "record"})
    assert found.strip() in ("[]", "")
