"""The round: its name follows the period, and text naming another round is found."""

from __future__ import annotations

from dataclasses import replace

import pytest

from aplan.checks import (
    check_all_zero,
    check_groups_reported,
    check_notes_of_unreported,
    check_period,
    check_preface,
    check_round_text,
)
from aplan.period import PERIODS, round_mentions
from aplan.render.linebreak import unsteered
from aplan.render.report import render
from aplan.validate import validate

from .conftest import DataCopy


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("q1", "ไตรมาสที่ 1"),
        ("q4", "ไตรมาสที่ 4"),
        ("h1", "รอบ 6 เดือน"),
        ("m9", "รอบ 9 เดือน"),
        ("fy", "รอบ 12 เดือน"),
    ],
)
def test_round_names(code: str, name: str) -> None:
    assert PERIODS[code].label() == name  # type: ignore[index]


def test_annual_report_calls_fy_the_year() -> None:
    assert replace(PERIODS["fy"], annual=True).label() == "ประจำปี"
    assert replace(PERIODS["h1"], annual=True).label() == "รอบ 6 เดือน"


def test_mentions_in_thai_and_arabic_digits() -> None:
    text = "รายงาน (รอบ ๖ เดือน) และรอบ 12 เดือน ในไตรมาสที่ 1 และ 2 กับไตรมาส ๓"
    found = [(m.text, m.months, m.quarters) for m in round_mentions(text)]
    assert found == [
        ("รอบ ๖ เดือน", 6, ()),
        ("รอบ 12 เดือน", 12, ()),
        ("ไตรมาสที่ 1 และ 2", None, (1, 2)),
        ("ไตรมาส ๓", None, (3,)),
    ]


def test_which_mentions_name_another_round() -> None:
    h1, q3 = PERIODS["h1"], PERIODS["q3"]
    six, first_two, third = list(round_mentions("รอบ 6 เดือน ไตรมาสที่ 1 และ 2 ไตรมาสที่ 3"))
    assert not h1.names_other_round(six) and not h1.names_other_round(first_two)
    assert not h1.names_other_round(third), "a later quarter is a plan"
    assert q3.names_other_round(six) and q3.names_other_round(first_two)
    assert not q3.names_other_round(third)
    assert PERIODS["fy"].names_other_round(six)


def test_text_naming_another_round_is_found_where_it_is(data_copy: DataCopy) -> None:
    data_copy.edit("report.yaml", "  h1:\n", "  fy:\n    - ร่างฉบับ (รอบ ๖ เดือน) สรุปผล\n  h1:\n")
    data, _ = validate(data_copy.root)
    problems = list(check_round_text(data, PERIODS["fy"]))
    line = data_copy.line_of("report.yaml", "ร่างฉบับ")
    assert [(p.file, p.line, p.column, p.severity) for p in problems] == [
        (data_copy.name("report.yaml"), line, 17, "warning")
    ]
    assert problems[0].message == (
        "preface.fy[0]: this text names 'รอบ ๖ เดือน', but the fy report is รอบ 12 เดือน; "
        "this is the fy preface: write it for that round"
    )
    assert list(check_round_text(data, PERIODS["h1"])) == [], "the fy preface prints in fy only"


def test_year_text_naming_an_earlier_quarter(data_copy: DataCopy) -> None:
    data_copy.edit(
        "projects/10-human-resources.yaml", "suggestions: []", "suggestions:\n  - ดีกว่าไตรมาสที่ 2"
    )
    data, _ = validate(data_copy.root)
    problems = list(check_round_text(data, PERIODS["q3"]))
    where = data_copy.line_of("projects/10-human-resources.yaml", "ดีกว่าไตรมาส")
    assert [(p.line, p.column, p.code) for p in problems if "10-" in p.file] == [
        (where, 11, "other-round")
    ]
    assert list(check_round_text(data, PERIODS["h1"])) == []


def test_a_round_without_its_preface_prints_none_and_says_so(data_copy: DataCopy) -> None:
    data, _ = validate(data_copy.root)
    [problem] = check_preface(data, PERIODS["q1"])
    assert (problem.line, problem.column, problem.code) == (
        data_copy.line_of("report.yaml", "  h1:"), 3, "no-preface"
    )
    assert problem.message == (
        "preface: no preface for q1 (written for h1); the q1 report prints none; add `q1:` "
        "under `preface:` with its paragraphs"
    )
    assert list(check_preface(data, PERIODS["h1"])) == []


def test_spent_note_of_the_year_is_refused_with_the_per_quarter_form(data_copy: DataCopy) -> None:
    data_copy.edit("projects/13-ethics-discipline.yaml", "spent_note:\n  q2:", "spent_note:")
    problems = data_copy.problems()
    assert [(p.line, p.code, p.message) for p in problems] == [
        (
            data_copy.line_of("projects/13-ethics-discipline.yaml", "spent_note:"),
            "type",
            "spent_note: a spending note belongs to the quarter it explains; write it under the "
            "quarter, such as `spent_note: {q2: …}`",
        )
    ]


def test_quarter_not_reported_names_the_project(data_copy: DataCopy) -> None:
    data, _ = validate(data_copy.root)
    problems = [p for p in check_period(data, PERIODS["m9"]) if "03-public" in p.file]
    assert [(p.line, p.column, p.severity, p.code) for p in problems] == [
        (data_copy.line_of("projects/03-public-relations.yaml", "spent:"), 1, "warning",
         "not-reported")
    ]
    assert problems[0].message == (
        "spent: project 3 (ประชาสัมพันธ์เพื่อการพัฒนา) has not reported q3 (spent and results), "
        "which the m9 report covers; the report prints ยังไม่ได้รายงาน there until you add "
        "`q3:` under `spent`, `q3:` under `results` (0 or [] when nothing was spent or done)"
    )


def test_zero_is_reported_and_not_warned(data_copy: DataCopy) -> None:
    data_copy.edit(
        "projects/03-public-relations.yaml", "spent:\n", "spent:\n  q3: 0\n"
    )
    data_copy.edit("projects/03-public-relations.yaml", "results:\n", "results:\n  q3: []\n")
    data, _ = validate(data_copy.root)
    assert [p for p in check_period(data, PERIODS["m9"]) if "03-public" in p.file] == []


def test_group_not_reported_is_named_at_its_entry(data_copy: DataCopy) -> None:
    data, _ = validate(data_copy.root)
    found = check_groups_reported(data, PERIODS["q3"])
    problems = [p for p in found if "นโยบายและแผน" in p.message]
    assert [(p.file, p.line, p.column, p.message) for p in problems] == [
        (
            data_copy.name("office.yaml"),
            data_copy.line_of("office.yaml", "name: กลุ่มนโยบายและแผน") - 1,
            5,
            "groups[1]: กลุ่มนโยบายและแผน has not reported everything for q3 (project 4); the "
            "report is a draft and names the group at the start of part 4",
        )
    ]


def test_a_report_of_zeros_is_warned(data_copy: DataCopy) -> None:
    for path in sorted(data_copy.path("projects").glob("*.yaml")):
        text = path.read_text(encoding="utf-8").replace("spent:\n", "spent:\n  q3: 0\n", 1)
        path.write_text(text, encoding="utf-8")
    data, _ = validate(data_copy.root)
    [problem] = check_all_zero(data, PERIODS["q3"])
    assert (problem.file, problem.line, problem.column, problem.code) == (
        data_copy.name("projects/01-education-management.yaml"),
        data_copy.line_of("projects/01-education-management.yaml", "spent:"),
        1,
        "all-zero",
    )
    assert problem.message == (
        "spent: every figure of the q3 report is zero or not reported (14 spending figures, no "
        "disbursement snapshot); leave a quarter out until its figures are in, so that the "
        "report says ยังไม่ได้รายงาน"
    )
    assert list(check_all_zero(data, PERIODS["h1"])) == []


def test_annual_report_title_and_cover(data_copy: DataCopy) -> None:
    data_copy.edit("report.yaml", "digits: thai\n", "digits: thai\nannual_report: true\n")
    data, _ = validate(data_copy.root)
    fy = render(data, PERIODS["fy"])
    fy_source = unsteered(fy.source)
    assert fy.title.startswith("รายงานการกำกับ ติดตามการดำเนินงาน ประจำปี (ตุลาคม ๒๕๖๖ – กันยายน")
    assert '"ประจำปี ตามแผนปฏิบัติการ"' in fy_source, "the cover"
    assert '(#"ประจำปี";)' in fy_source, "part 4's heading"
    assert '#"รอบ ๑๒ เดือน";' not in fy_source
    assert "รอบ ๖ เดือน" in render(data, PERIODS["h1"]).title


def test_a_round_or_quarter_that_does_not_exist(data_copy: DataCopy) -> None:
    data_copy.edit("report.yaml", "  h1:\n", "  h2:\n")
    data_copy.edit("projects/01-education-management.yaml", "problems: []", "problems:\n  q5: [x]")
    assert [(p.file, p.line, p.column, p.message) for p in data_copy.problems()] == [
        (
            data_copy.name("projects/01-education-management.yaml"),
            data_copy.line_of("projects/01-education-management.yaml", "q5: [x]"),
            7,
            "problems.q5: expected 'q1', 'q2', 'q3' or 'q4', got 'q5'",
        ),
        (
            data_copy.name("report.yaml"),
            data_copy.line_of("report.yaml", "  h2:") + 1,
            5,
            "preface.h2: expected 'q1', 'q2', 'q3', 'q4', 'h1', 'm9' or 'fy', got 'h2'",
        ),
    ]


def test_preface_of_one_line_is_not_a_list(data_copy: DataCopy) -> None:
    text = data_copy.path("report.yaml").read_text(encoding="utf-8")
    start = text.index("preface:")
    data_copy.path("report.yaml").write_text(text[:start] + "preface: คำนำ\n", encoding="utf-8")
    [problem] = data_copy.problems()
    assert (problem.line, problem.column, problem.message) == (
        data_copy.line_of("report.yaml", "preface: คำนำ"),
        10,
        "preface: expected a list (lines starting with `- `), got 'คำนำ'",
    )


@pytest.mark.parametrize(
    ("file", "old", "new", "fix"),
    [
        (
            "report.yaml", "preface:\n  h1:\n", "preface:\n",
            "write a preface for each round: `preface: {h1: [...], fy: [...]}`",
        ),
        (
            "projects/01-education-management.yaml", "problems: []",
            "problems:\n  - ปัญหาของรอบ ๖ เดือน",
            "write the text under the quarter it belongs to: `problems: {q2: …}`, or write it "
            "so that it names no round",
        ),
        (
            "projects/01-education-management.yaml", "objectives:\n",
            "objectives:\n  - ทบทวนผลรอบ ๖ เดือน\n",
            "this text prints in every round's report: write it so that it names no round",
        ),
    ],
    ids=["year-preface", "quarterly-field", "year-field"],
)
def test_the_fix_for_text_naming_another_round_fits_the_field(
    data_copy: DataCopy, file: str, old: str, new: str, fix: str
) -> None:
    data_copy.edit(file, old, new)
    data, problems = validate(data_copy.root)
    assert [p.human() for p in problems if p.severity == "error"] == []
    found = [p for p in check_round_text(data, PERIODS["fy"]) if "names 'รอบ" in p.message]
    assert [p.message.rsplit("; ", 1)[1] for p in found][-1:] == [fix]


def test_a_note_under_a_quarter_not_reported_is_warned(data_copy: DataCopy) -> None:
    file = "projects/01-education-management.yaml"
    data_copy.edit(file, "problems: []", "problems:\n  q3:\n    - ยังไม่ได้ประชุม")
    data, problems = validate(data_copy.root)
    assert problems == []
    line = data_copy.line_of(file, "ยังไม่ได้ประชุม")
    assert [p.human() for p in check_notes_of_unreported(data, PERIODS["fy"])] == [
        f"{data_copy.name(file)}:{line}:5: warning: problems.q3: project 1 has a note for q3 but "
        "no `q3:` under `results`, so the report prints the note beside ยังไม่ได้รายงาน; add "
        "q3's results or move the note [not-reported]"
    ]
    assert list(check_notes_of_unreported(data, PERIODS["h1"])) == []


def test_a_draft_says_so_on_its_cover(data_copy: DataCopy) -> None:
    from aplan.render.linebreak import unsteered

    data, _ = validate(data_copy.root)
    cover = "parts/cover.typ.j2"
    assert 'draft: "ฉบับร่าง"' in unsteered(render(data, PERIODS["fy"], part=cover).source)
    assert "draft:" not in render(data, PERIODS["h1"], part=cover).source
