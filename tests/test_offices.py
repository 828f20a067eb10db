"""Offices of other shapes: the invented สพม. example and a minimal office.

The example differs from data/2567 on purpose (see examples/spm-example/README.md); its PDF
is read as a person would: each group once in Table 2, no heading without contents, no row
for a budget type the office lacks, no zero part in a count.
"""

from __future__ import annotations

import itertools
import os
import re
import shutil
from pathlib import Path

import pytest

from aplan.build import build_pdf
from aplan.checks import check_period
from aplan.dataset import load_dataset
from aplan.period import PERIODS
from aplan.render.linebreak import unsteered
from aplan.render.report import TEMPLATES, render
from aplan.validate import validate

from .conftest import DATA, EXAMPLE, Built, DataCopy, png
from .extract import page_texts

MINIMAL = Path(__file__).parent / "data" / "minimal"
GOLDEN = Path(__file__).parent / "golden" / "spm-example-h1.typ"
POINTER_TITLES = re.findall(
    r"^=== #pointer (\S+)$", (TEMPLATES / "parts" / "part2.typ.j2").read_text("utf-8"), re.M
)


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def page_lines(pages: list[str]) -> list[str]:
    """The text lines of every page, without the page number that heads each page."""
    lines: list[str] = []
    for page in pages:
        own = page.splitlines()
        if own and re.fullmatch(r"[๐-๙ก-ฮ]{1,3}", own[0]):
            own = own[1:]
        lines.extend(own)
    return lines


def pdf_lines(path: Path) -> list[str]:
    return page_lines(page_texts(path))


def empty_headings(lines: list[str]) -> list[str]:
    """Headings (lines that start with their marker, printed as a space) with nothing under
    them: followed directly by a heading of the same or a higher level, or by a new part."""
    def level(line: str) -> int | None:
        if not line.startswith(" ") or not line.strip():
            return None
        return 2 if line.strip() in POINTER_TITLES else 1

    empty = []
    for line, following in zip(lines, [*lines[1:], "ส่วนที่ (end)"], strict=True):
        this, after = level(line), level(following)
        ends = following.startswith("ส่วนที่ ") or (after is not None and this is not None
                                                    and after <= this)
        if this is not None and ends:
            empty.append(line.strip())
    return empty


def test_the_empty_heading_finder_finds_one() -> None:
    lines = [" ทิศทางการพัฒนา", " วิสัยทัศน์", "“…”", " อัตลักษณ์", " ประเด็นยุทธศาสตร์", "๑) …",
             " นโยบายและจุดเน้น", "ส่วนที่ ๓"]
    assert empty_headings(lines) == ["อัตลักษณ์", "นโยบายและจุดเน้น"]


@pytest.mark.parametrize("root", [EXAMPLE, MINIMAL], ids=["example", "minimal"])
def test_other_offices_validate_clean(root: Path) -> None:
    assert [p.human() for p in validate(root)[1]] == []


def test_the_example_has_the_shape_it_promises() -> None:
    data, _ = load_dataset(EXAMPLE)
    assert data.office and data.report and data.disbursement
    projects = [p.model for p in data.projects]
    groups_in_file_order = [p.group for p in projects]
    assert len(projects) > 20 and len(set(groups_in_file_order)) >= 4
    assert groups_in_file_order != sorted(groups_in_file_order, key=[
        g.code for g in data.office.model.groups].index), "files are not in group order"
    by_number = [p.group for p in sorted(projects, key=lambda p: p.number)]
    runs = [group for group, _ in itertools.groupby(by_number)]
    assert len(runs) > len(set(by_number)), "a group's projects are not numbered together"
    assert any(p.budget != p.budget.to_integral_value() for p in projects)
    assert [p.number for p in projects if not p.budget] == [7]
    office = data.office.model
    assert [e.role for e in office.executives] == ["director", "deputy", "deputy", "deputy"]
    assert office.area is not None and office.area.unit == "จังหวัด"
    assert len(office.area.places) == 2
    assert data.report.model.royal_guidance is None
    assert {len(s) for s in data.disbursement.model.periods.values()} == {3}
    for path in [*EXAMPLE.rglob("*.yaml")]:
        first, notice = path.read_text("utf-8").split("\n", 2)[:2]
        assert first.startswith("# yaml-language-server: $schema="), path
        assert notice.startswith("# INVENTED EXAMPLE OFFICE"), path


def test_example_typst_matches_its_golden_file() -> None:
    data, _ = load_dataset(EXAMPLE)
    source = unsteered(render(data, PERIODS["h1"]).source)
    if os.environ.get("APLAN_UPDATE_GOLDEN"):
        GOLDEN.write_text(source, encoding="utf-8")
    assert source == GOLDEN.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def example_pdfs(round_builds: dict[tuple[str, str], Built]) -> dict[str, Path]:
    """The example's q1 and h1 reports, from the session's completed copy (same quarters)."""
    pdfs = {}
    for code in ("q1", "h1"):
        built = round_builds["example", code]
        assert [p.human() for p in built.problems] == []
        pdfs[code] = built.pdf
    return pdfs


@pytest.fixture(scope="module")
def minimal_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("minimal") / "h1.pdf"
    outcome = build_pdf(MINIMAL, PERIODS["h1"], output)
    assert [p.human() for p in outcome.problems] == []
    return output


def _between(lines: list[str], start: str, end: str) -> str:
    text = "\n".join(lines).replace("\xa0", " ")
    first = text.index(start)
    return text[first : text.index(end, first)]


def _table_2(lines: list[str]) -> str:
    return _between(lines, "ตารางที่ ๒", "ตารางที่ ๓")


@pytest.mark.parametrize("code", ["q1", "h1"])
def test_every_group_appears_once_in_the_projects_by_group_table(
    example_pdfs: dict[str, Path], code: str
) -> None:
    data, _ = load_dataset(EXAMPLE)
    assert data.office is not None
    table = squash(_table_2(pdf_lines(example_pdfs[code])))
    used = {p.model.group for p in data.projects}
    for group in data.office.model.groups:
        assert table.count(squash(group.name)) == (group.code in used), group.name
    assert table.count("รวม") == len(used) + 1, "one subtotal a group, and the grand total"


@pytest.mark.parametrize("code", ["q1", "h1"])
def test_no_heading_is_empty(example_pdfs: dict[str, Path], code: str) -> None:
    lines = pdf_lines(example_pdfs[code])
    assert empty_headings(lines) == []
    text = squash("\n".join(lines))
    for absent in ("พระบรมราโชบาย", "ผู้อำนวยการกลุ่ม/หน่วย", "อัตลักษณ์", "อาณาเขตติดต่อ"):
        assert absent not in text


def test_no_heading_is_empty_in_the_fy2567_report(h1_pdf: Path) -> None:
    assert empty_headings(pdf_lines(h1_pdf)) == []


@pytest.mark.parametrize("code", ["q1", "h1"])
def test_no_row_for_a_budget_type_the_office_lacks(
    example_pdfs: dict[str, Path], code: str
) -> None:
    lines = pdf_lines(example_pdfs[code])
    table_and_chart = _between(lines, "ตารางที่ ๓", "แผนภูมิเปรียบเทียบ")
    for label in ("งบดำเนินงาน", "งบลงทุน", "งบเงินอุดหนุน"):
        assert table_and_chart.count(label) == 2, "a table row and a chart bar"
    text = "\n".join(lines)
    assert "งบบุคลากร" not in text and "งบรายจ่ายอื่น" not in text


def test_counts_and_area_follow_the_data(example_pdfs: dict[str, Path]) -> None:
    text = squash("\n".join(pdf_lines(example_pdfs["h1"])))
    assert "แบ่งออกเป็น๖กลุ่มดังนี้" in text and "๐หน่วย" not in text
    assert "จำนวน๒จังหวัดประกอบด้วย" in text and "อำเภอประกอบด้วย" not in text
    assert text.count("รองผู้อำนวยการสำนักงานเขตพื้นที่การศึกษามัธยมศึกษาตัวอย่าง") == 3
    assert "ไตรมาสที่๑" in squash("\n".join(pdf_lines(example_pdfs["q1"])))


def test_a_column_of_amounts_prints_one_format(example_pdfs: dict[str, Path]) -> None:
    table = _table_2(pdf_lines(example_pdfs["h1"]))
    figures = re.findall(r"[๐-๙][๐-๙,]*(?:\.[๐-๙]{2})?", table)
    amounts = [f for f in figures if "," in f or "." in f]
    assert amounts and all(re.search(r"\.[๐-๙]{2}$", f) for f in amounts), amounts
    assert "ติดตามและรายงานผลการดำเนินงาน ๐.๐๐" in table, "the zero-budget project prints"


def test_the_minimal_office_prints_no_optional_section(minimal_pdf: Path) -> None:
    lines = pdf_lines(minimal_pdf)
    assert empty_headings(lines) == []
    text = squash("\n".join(lines))
    assert "แบ่งออกเป็น๑หน่วยดังนี้" in text and "๐กลุ่ม" not in text
    for absent in ("พระบรมราโชบาย", "แผนที่แสดงที่ตั้ง", "ผู้อำนวยการกลุ่ม/หน่วย",
                   "ค่านิยมองค์กร", "อัตลักษณ์", "ประเด็นยุทธศาสตร์", "นโยบายและจุดเน้น",
                   "ผลการเบิกจ่าย", "ตารางที่๓"):
        assert absent not in text, absent


PARTS = sorted(p.relative_to(TEMPLATES).as_posix() for p in (TEMPLATES / "parts").glob("*.j2"))


@pytest.fixture(scope="module")
def full_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """data/2567 with every optional section filled: a map, an assistant, a budget type of the
    office's own, a photo."""
    root = tmp_path_factory.mktemp("full") / "2567"
    shutil.copytree(DATA, root)
    copy = DataCopy(root)
    (root / "map.png").write_bytes(png())
    copy.edit("office.yaml", "boundaries:", "map:\n  file: map.png\n  caption: แผนที่\nboundaries:")
    copy.edit("office.yaml", "    role: director", "    role: director\n  - name: นายผู้ช่วย ทดสอบ\n"
              "    role: assistant")
    copy.edit("disbursement.yaml", "    other:", "    school_lunch:\n      label: งบอาหารกลางวัน")
    copy.edit("projects/01-education-management.yaml", "problems: []",
              "problems: []\nphotos:\n  - file: map.png\n    caption: ภาพ")
    return root


@pytest.mark.parametrize("part", PARTS)
@pytest.mark.parametrize("which", ["minimal", "full", "example"])
def test_each_template_part_renders_alone(full_data: Path, which: str, part: str) -> None:
    root = {"minimal": MINIMAL, "full": full_data, "example": EXAMPLE}[which]
    data, problems = validate(root)
    assert [p.human() for p in problems] == []
    source = unsteered(render(data, PERIODS["h1"], part=part).source)
    assert "<<" not in source and "<%" not in source
    if "photos" not in part or which == "full":
        assert source.strip()
    if which == "full" and part == "parts/part1.typ.j2":
        assert '"แผนที่"' in source and "ผู้ช่วยผู้อำนวยการ" in source
    if which == "full" and part == "parts/part3.typ.j2":
        assert 'fit("งบอาหารกลางวัน", at: ' in source


def test_a_budget_type_outside_the_glossary_needs_a_label(data_copy: DataCopy) -> None:
    data_copy.edit("disbursement.yaml", "    other:", "    research:")
    line = data_copy.line_of("disbursement.yaml", "research:")
    assert [p.human() for p in data_copy.problems()] == [
        f"{data_copy.name('disbursement.yaml')}:{line + 1}:7: error: periods.h1.research: "
        "`research` is not one of the known budget types (personnel, operating, investment, "
        "subsidy, other); add `label:` with the name to print, such as `label: งบรายจ่ายอื่น` "
        "[budget-type]"
    ]


def test_a_labelled_budget_type_prints_its_label(data_copy: DataCopy) -> None:
    data_copy.edit("disbursement.yaml", "    other:", "    research:\n      label: งบวิจัย")
    data, problems = validate(data_copy.root)
    assert problems == []
    source = unsteered(render(data, PERIODS["h1"]).source)
    at = "disbursement.yaml:19:14 periods.h1.research.label"
    assert f'fit("งบวิจัย", at: "{at}")' in source and "งบรายจ่ายอื่น" not in source


def test_executives_assistants_titles_and_optional_sections(data_copy: DataCopy) -> None:
    data_copy.edit(
        "office.yaml",
        "  - name: นายไพศาล วงศ์กระโซ่\n    role: deputy",
        "  - name: นายไพศาล วงศ์กระโซ่\n    role: assistant\n"
        "  - name: นางสาวทดสอบ ตำแหน่ง\n    role: deputy\n    title: รองผู้อำนวยการรักษาการ",
    )
    data, problems = validate(data_copy.root)
    assert problems == []
    view = unsteered(render(data, PERIODS["h1"], part="parts/part1.typ.j2").source)
    office = "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาจันทบุรี เขต ๒"
    assert f'"๔.", [#"นายไพศาล วงศ์กระโซ่"; #"ผู้ช่วยผู้อำนวยการ{office}";]' in view
    assert '"๕.", [#"นางสาวทดสอบ ตำแหน่ง"; #"รองผู้อำนวยการรักษาการ";]' in view
    assert 'position: "ผู้ช่วยผู้อำนวยการ สพป.จันทบุรี เขต ๒"' in view, "the chart has four boxes"
    start = view.index("#org-chart(")
    chart = view[start : view.index("\n)\n", start)]
    assert chart.count('position: "รองผู้อำนวยการรักษาการ"') == 1, "the chart prints the title typed"


def test_an_office_without_a_director(data_copy: DataCopy) -> None:
    data_copy.edit("office.yaml", "    role: director", "    role: deputy")
    line = data_copy.line_of("office.yaml", "executives:")
    assert [p.human() for p in data_copy.problems()] == [
        f"{data_copy.name('office.yaml')}:{line + 1}:3: error: executives: no executive has "
        "`role: director`; give the office's director `role: director` (deputies `role: "
        "deputy`, assistants `role: assistant`) [director]"
    ]


def test_an_office_with_two_directors(data_copy: DataCopy) -> None:
    data_copy.edit(
        "office.yaml", "  - name: นายวุฒิชัย ไกรวิเศษ\n    role: deputy",
        "  - name: นายวุฒิชัย ไกรวิเศษ\n    role: director",
    )
    line = data_copy.line_of("office.yaml", "นายวุฒิชัย ไกรวิเศษ") + 1
    [problem] = data_copy.problems()
    assert problem.human() == (
        f"{data_copy.name('office.yaml')}:{line}:11: error: executives[2].role: a second "
        "director (the first is executives[0]); write `role: deputy` or `role: assistant` "
        "[director]"
    )


def test_the_area_map_is_printed_and_checked(data_copy: DataCopy) -> None:
    data_copy.edit(
        "office.yaml", "boundaries:", "map:\n  file: map.png\n  caption: แผนที่เขต\nboundaries:"
    )
    assert [p.message for p in data_copy.problems()] == [
        f"map.file: no such file `map.png` in {data_copy.root}"
    ]
    (data_copy.root / "map.png").write_bytes(png())
    data, problems = validate(data_copy.root)
    assert problems == []
    source = unsteered(render(data, PERIODS["h1"], part="parts/part1.typ.j2").source)
    assert 'alt: "แผนที่เขต"' in source and 'caption: [#"แผนที่เขต";]' in source


@pytest.fixture(scope="module")
def full_year_example(completed: dict[str, Path]) -> Path:
    """A copy of the example with quarters 3 and 4 written, so that every round can build."""
    return completed["example"]


def test_the_example_renders_every_round_once_its_quarters_are_written(
    full_year_example: Path,
) -> None:
    data, problems = validate(full_year_example)
    assert [p.human() for p in problems] == []
    for code, period in PERIODS.items():
        assert [p.human() for p in check_period(data, period)] == [], code
        assert render(data, period).source, code


def test_the_example_builds_its_12_month_report(
    full_year_example: Path, round_builds: dict[tuple[str, str], Built]
) -> None:
    built = round_builds["example", "fy"]
    assert [p.human() for p in built.problems] == []
    lines = page_lines(built.pages)
    assert empty_headings(lines) == []
    text = squash("\n".join(lines))
    assert "ผลการดำเนินงานไตรมาสที่๔" in text
    table = squash(_table_2(lines))
    data, _ = load_dataset(full_year_example)
    assert data.office is not None
    assert all(table.count(squash(g.name)) == 1 for g in data.office.model.groups)
