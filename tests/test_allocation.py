"""The part-3 allocation narrative follows the allocation letters and the plan."""

from __future__ import annotations

import re

from aplan.checks import check_allocation_letters, check_letters_by_round
from aplan.period import PERIODS
from aplan.render.linebreak import unsteered
from aplan.render.report import render
from aplan.validate import validate

from .conftest import DataCopy

MORE = "คาดว่าจะได้รับการจัดสรรเพิ่มเติม"


def _narrative(data_copy: DataCopy, code: str = "h1") -> str:
    """The part-3 paragraphs before Table 1 or 2, as plain text of the Typst source."""
    data, problems = validate(data_copy.root)
    assert [p.human() for p in problems if p.severity == "error"] == []
    source = unsteered(render(data, PERIODS[code]).source)
    start = source.index("ได้รับการจัดสรรงบประมาณรายจ่าย")
    return re.sub(r'#"|";|~|\s+', "", source[start : source.index("#figure(", start)])


def _has(text: str, phrase: str) -> bool:
    return re.sub(r"\s+", "", phrase) in text


def test_first_round_below_the_plan_expects_more(data_copy: DataCopy) -> None:
    text = _narrative(data_copy)
    assert _has(text, f"ตามการจัดสรร ครั้งที่ ๑ และ{MORE}")
    assert _has(text, "ออกเป็น ๒ ส่วน")
    assert _has(text, "ส่วนที่ ๑ เป็นค่าใช้จ่ายในการบริหารจัดการสำนักงาน")
    assert _has(text, "ส่วนที่ ๒ เป็นค่าใช้จ่ายในการดำเนินโครงการตามภารกิจกลุ่ม ๑๔ โครงการ")


def test_rounds_that_cover_the_plan_expect_nothing_more(data_copy: DataCopy) -> None:
    data_copy.edit(
        "budget.yaml",
        "      amount: 2000000\n",
        "      amount: 2000000\n    - number: 2\n      date: 2567-03-15\n"
        "      reference: ที่ ศธ 04002/ว1234\n      amount: 3000000\n",
    )
    text = _narrative(data_copy)
    assert not _has(text, MORE)
    assert _has(text, "ตามการจัดสรร ครั้งที่ ๑ และ ๒ รวมงบประมาณทั้งสิ้น")
    assert _has(text, "ครั้งที่ ๒ ตามหนังสือที่ ศธ ๐๔๐๐๒/ว๑๒๓๔ ลงวันที่ ๑๕ มีนาคม ๒๕๖๗ จำนวน")


def test_an_office_without_running_costs_has_one_part(data_copy: DataCopy) -> None:
    text = data_copy.path("budget.yaml").read_text(encoding="utf-8")
    text = text[: text.index("spending_plan:")]
    text = text.replace("  running_costs: 3878010\n", "").replace("5000000", "1121990")
    text = text.replace("amount: 2000000", "amount: 1121990")
    data_copy.path("budget.yaml").write_text(text, encoding="utf-8")
    narrative = _narrative(data_copy)
    assert _has(narrative, "ออกเป็น ๑ ส่วน") and not _has(narrative, MORE)
    assert _has(narrative, "ส่วนที่ ๑ เป็นค่าใช้จ่ายในการดำเนินโครงการ")
    assert not _has(narrative, "ส่วนที่ ๒") and not _has(narrative, "งบประจำ")


def test_rounds_numbered_out_of_order(data_copy: DataCopy) -> None:
    data_copy.edit(
        "budget.yaml",
        "      amount: 2000000\n",
        "      date: 2567-01-10\n      amount: 2000000\n    - number: 3\n"
        "      date: 2566-12-01\n      amount: 1000\n",
    )
    data, _ = validate(data_copy.root)
    problems = [(p.line, p.column, p.severity, p.message) for p in check_allocation_letters(data)]
    assert problems == [
        (
            data_copy.line_of("budget.yaml", "- number: 3"),
            15,
            "error",
            "allocation.letters[1].number: allocation rounds are listed in order and numbered "
            "1, 2, 3 …; this one should be 2, not 3",
        ),
        (
            data_copy.line_of("budget.yaml", "2566-12-01"),
            13,
            "warning",
            "allocation.letters[1].date: round 3 is dated 2566-12-01, before round 1 "
            "(2567-01-10); list the rounds in order",
        ),
    ]


def test_rounds_allocating_more_than_the_plan(data_copy: DataCopy) -> None:
    data_copy.edit("budget.yaml", "      amount: 2000000\n", "      amount: 5000000.01\n")
    data, _ = validate(data_copy.root)
    [problem] = check_allocation_letters(data)
    assert (problem.line, problem.column, problem.severity) == (
        data_copy.line_of("budget.yaml", "- number: 1"), 5, "warning"
    )
    assert problem.message == (
        "allocation.letters: the 1 rounds allocate 5,000,000.01, more than the year's plan "
        "(Table 1 and the projects) 5,000,000.00 by 0.01; the report would say less than was "
        "received"
    )


SECOND_LETTER = (
    "      amount: 2000000\n    - number: 2\n      date: 2567-03-15\n      amount: 3000000\n"
)


def test_a_round_tells_only_of_the_letters_dated_by_its_end(data_copy: DataCopy) -> None:
    data_copy.edit("budget.yaml", "      amount: 2000000\n", SECOND_LETTER)
    q1 = _narrative(data_copy, "q1")
    assert _has(q1, f"ตามการจัดสรร ครั้งที่ ๑ และ{MORE}") and not _has(q1, "ครั้งที่ ๒")
    h1 = _narrative(data_copy, "h1")
    assert _has(h1, "ตามการจัดสรร ครั้งที่ ๑ และ ๒ รวม") and not _has(h1, MORE)


def test_a_round_before_every_letter_is_warned(data_copy: DataCopy) -> None:
    data_copy.edit("budget.yaml", "    - number: 1\n", "    - number: 1\n      date: 2567-01-10\n")
    data, problems = validate(data_copy.root)
    assert problems == []
    assert [p.human() for p in check_letters_by_round(data, PERIODS["q1"])] == [
        f"{data_copy.name('budget.yaml')}:{data_copy.line_of('budget.yaml', '- number: 1')}:5: "
        "warning: allocation.letters: no letter is dated "
        "by the end of the q1 report (2566-12), so its part 3 names no allocation round; check "
        "the letters' dates [allocation-letter]"
    ]
    assert list(check_letters_by_round(data, PERIODS["q2"])) == []
    assert _has(_narrative(data_copy, "q1"), f"แผนการใช้จ่ายงบประมาณและ{MORE}")


def test_a_letter_dated_outside_the_fiscal_year_is_warned(data_copy: DataCopy) -> None:
    data_copy.edit("budget.yaml", "    - number: 1\n", "    - number: 1\n      date: 2565-10-25\n")
    assert [p.human() for p in data_copy.problems()] == [
        f"{data_copy.name('budget.yaml')}:{data_copy.line_of('budget.yaml', '2565-10-25')}:13: "
        "warning: allocation.letters[0].date: round 1 is "
        "dated 2565-10-25, outside fiscal year 2567 (2566-10-01 to 2567-09-30); check the year "
        "(Buddhist Era) of the letter's date [allocation-letter]"
    ]
