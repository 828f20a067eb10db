"""``aplan new-year``: a new fiscal year's folder from the last one, and the checks tied to it."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from aplan.newyear import new_year
from aplan.problems import Severity
from aplan.validate import validate
from aplan.years import stale_years

from .conftest import DATA, DataCopy
from .test_cli import aplan


def _digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def started(tmp_path: Path) -> tuple[Path, Path]:
    """data/2567 copied to tmp/2567, and tmp/2568 started from it by the command."""
    source = tmp_path / "2567"
    shutil.copytree(DATA, source)
    before = _digest(source)
    result = aplan("new-year", "2568", "--from", str(source))
    assert result.returncode == 0, result.stdout + result.stderr
    assert _digest(source) == before  # the source folder is only read
    return source, tmp_path / "2568"


def _yaml(path: Path) -> object:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_new_year_carries_over_and_empties(started: tuple[Path, Path]) -> None:
    source, target = started
    assert _yaml(target / "report.yaml")["fiscal_year"] == 2568  # type: ignore[index]
    assert _yaml(target / "office.yaml") == _yaml(source / "office.yaml")
    assert _yaml(target / "direction.yaml") == _yaml(source / "direction.yaml")
    assert _yaml(target / "disbursement.yaml") == {"periods": {}}
    old = _yaml(source / "projects" / "01-education-management.yaml")
    new = _yaml(target / "projects" / "01-education-management.yaml")
    assert isinstance(old, dict) and isinstance(new, dict)
    assert new["duration"] == {"start": "2567-10", "end": "2568-09"}
    assert new["spent"] == {} and new["results"] == {}
    assert new["problems"] == [] and new["suggestions"] == []
    for kept in ("number", "group", "title", "objectives", "targets", "budget"):
        assert new[kept] == old[kept]
    budget = _yaml(target / "budget.yaml")
    assert isinstance(budget, dict)
    assert budget["allocation"]["letters"] == [{"number": 1, "amount": 2000000}]


def test_new_year_keeps_comments_and_layout(started: tuple[Path, Path]) -> None:
    source, target = started
    name = "projects/05-equal-opportunity.yaml"
    old = (source / name).read_text(encoding="utf-8").splitlines()
    new = (target / name).read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(old) if line.startswith("budget:"))
    assert new[:at] == old[:at]  # header comment, title, objectives, targets: untouched
    assert new[at] == (
        "budget: 120885  # fix: the section says งบประมาณที่ตั้งไว้ 120,855.00 บาท; the "
        "signed-off project table says 120,885  # new-year: FY2567's figure; type FY2568's, "
        "then delete this comment"
    )
    budget = (target / "budget.yaml").read_text(encoding="utf-8")
    assert budget.startswith((source / "budget.yaml").read_text(encoding="utf-8")[:300])
    assert "# Table 1: the running-cost spending plan." in budget


def test_new_year_validates_and_lists_the_figures_to_type(started: tuple[Path, Path]) -> None:
    _, target = started
    _, problems = validate(target)
    assert [p for p in problems if p.severity is Severity.ERROR] == []
    carried = [p for p in problems if p.code == "carried-figure"]
    # the first letter, three declared totals, Table 1's 20 line items, 14 project budgets
    assert len(carried) == 1 + 3 + 20 + 14
    line = DataCopy(target).line_of("budget.yaml", "amount: 2000000")
    assert carried[0].human() == (
        f"{target / 'budget.yaml'}:{line}:15: warning: allocation.letters[0].amount: 2000000 is "
        "last year's figure, carried over by `aplan new-year`; type this year's figure, then "
        "delete the `# new-year:` comment [carried-figure]"
    )
    others = sorted((p.file, p.line, p.column) for p in problems if p.code == "other-year")
    copy = DataCopy(target)
    assert others == [
        (copy.name("projects/04-strategy.yaml"),
         copy.line_of("projects/04-strategy.yaml", "ประจำปีงบประมาณ พ.ศ. 2566"), 102),
        (copy.name("projects/06-arts-and-crafts.yaml"),
         copy.line_of("projects/06-arts-and-crafts.yaml", "title:"), 55),
        (copy.name("projects/08-active-learning.yaml"),
         copy.line_of("projects/08-active-learning.yaml", "ปีการศึกษา 2566"), 84),
    ]
    assert len(problems) == len(carried) + len(others)


def test_new_year_prints_what_to_type(tmp_path: Path) -> None:
    source = tmp_path / "2567"
    shutil.copytree(DATA, source)
    result = aplan("new-year", "2568", "--from", str(source), "--to", str(tmp_path / "next"))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    copy = DataCopy(tmp_path / "next")
    at = copy.line_of("budget.yaml", "  projects: 1121990")
    assert f"  {copy.name('budget.yaml')}:{at}:13: allocation.projects: 1121990" in lines
    audit = "projects/14-internal-audit.yaml"
    at = copy.line_of(audit, "budget: 26280")
    assert f"  {copy.name(audit)}:{at}:9: budget: 26280" in lines
    assert lines.index("figures still to type for FY2568 (each marked `# new-year:`):") == 1
    review = lines.index("text naming fiscal year 2567, to review:")
    at = copy.line_of("report.yaml", "ประจำปีงบประมาณ พ.ศ. 2567 (รอบ 6 เดือน)")
    column = 1 + copy.path("report.yaml").read_text(encoding="utf-8").splitlines()[at - 1].index(
        "2567 (รอบ"
    )
    named = lines[review + 1 : lines.index("to look at:")]
    assert len(named) == 9
    assert f"  {copy.name('report.yaml')}:{at}:{column}: preface.h1[0]: names fiscal year 2567" \
        in named


def test_a_typed_figure_is_no_longer_listed(started: tuple[Path, Path]) -> None:
    _, target = started
    copy = DataCopy(target)
    copy.edit(
        "projects/14-internal-audit.yaml",
        "budget: 26280  # new-year: FY2567's figure; type FY2568's, then delete this comment",
        "budget: 26280",
    )
    carried = [p for p in copy.problems() if p.code == "carried-figure"]
    assert len(carried) == 37
    assert not any("14-internal-audit" in p.file for p in carried)


def test_the_new_year_builds_its_q1_report_once_q1_is_typed(
    started: tuple[Path, Path], tmp_path: Path
) -> None:
    from pypdf import PdfReader

    _, target = started
    copy = DataCopy(target)
    for project in sorted((target / "projects").glob("*.yaml")):
        name = f"projects/{project.name}"
        copy.edit(name, "spent: {}", "spent: {q1: 1000}")
        copy.edit(name, "results: {}", "results:\n  q1:\n    - text: ประชุมชี้แจงโครงการ")
    output = tmp_path / "q1.pdf"
    result = aplan("build", "--period", "q1", "--data", str(target), "-o", str(output))
    assert result.returncode == 0, result.stdout + result.stderr
    cover = PdfReader(output).pages[0].extract_text()
    assert "ประจำปีงบประมาณ พ.ศ. ๒๕๖๘\n(ตุลาคม ๒๕๖๗ – ธันวาคม ๒๕๖๗)" in cover


def test_new_year_refuses_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "2568"
    target.mkdir()
    (target / "keep.txt").write_text("mine", encoding="utf-8")
    result = aplan("new-year", "2568", "--from", str(DATA), "--to", str(target))
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == (
        f"{target}:1:1: error: {target} already exists; aplan new-year never overwrites a "
        "folder: remove it first, or name another with --to [new-year]"
    )
    assert [p.name for p in target.iterdir()] == ["keep.txt"]


def test_new_year_refuses_an_unreadable_source(data_copy: DataCopy, tmp_path: Path) -> None:
    data_copy.path("projects/12-ict.yaml").write_text("number: [1\n", encoding="utf-8")
    outcome = new_year(data_copy.root, 2568, tmp_path / "2568")
    assert outcome.target is None
    assert [p.file for p in outcome.problems] == [data_copy.name("projects/12-ict.yaml")]
    assert not (tmp_path / "2568").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["2567"]  # no temporary folder left


def test_new_year_must_come_after_the_source(tmp_path: Path) -> None:
    result = aplan("new-year", "2567", "--from", str(DATA), "--to", str(tmp_path / "x"))
    assert result.returncode == 1
    assert "the new fiscal year 2567 must come after the source's (2567); type a year such as " \
        "2568 [new-year]" in result.stdout
    assert not (tmp_path / "x").exists()


def test_a_folder_named_for_a_year_holds_that_year(tmp_path: Path) -> None:
    root = tmp_path / "2568"
    shutil.copytree(DATA, root)
    folder_year = [p for p in validate(root)[1] if p.code == "folder-year"]
    line = DataCopy(root).line_of("report.yaml", "fiscal_year:")
    assert [p.human() for p in folder_year] == [
        f"{root / 'report.yaml'}:{line}:14: error: fiscal_year: the folder is named 2568, but "
        "fiscal_year is 2567; type `fiscal_year: 2568` (or start the year with `aplan "
        "new-year 2568 --from <last year's folder>`), or name the folder for the year it "
        "holds [folder-year]"
    ]
    other = tmp_path / "chanthaburi2"
    shutil.copytree(DATA, other)
    assert validate(other)[1] == []  # a folder not named for a year is free


def test_a_plain_copy_names_the_years_it_came_from(tmp_path: Path) -> None:
    """Copied by hand and retyped as 2568, data/2567 still names 2566 on 25 lines of text."""
    root = tmp_path / "2568"
    shutil.copytree(DATA, root)
    copy = DataCopy(root)
    copy.edit("report.yaml", "fiscal_year: 2567", "fiscal_year: 2568")
    others = [p for p in copy.problems() if p.code == "other-year"]
    assert len({(p.file, p.line) for p in others}) == 25
    first = next(p for p in others if "01-education" in p.file)
    line = copy.line_of("projects/01-education-management.yaml", "9 ตุลาคม 2566")
    text = copy.path("projects/01-education-management.yaml").read_text(encoding="utf-8")
    column = 1 + text.splitlines()[line - 1].index("2566")
    assert first.human() == (
        f"{root / 'projects/01-education-management.yaml'}:{line}:{column}: warning: "
        "results.q1[0].text: this text names the year 2566, but the report is for fiscal year "
        "2568; write this year's text (a year that is meant, such as a plan's span written "
        "2566-2570, may stay) [other-year]"
    )
    assert not any(p.message.startswith(("duration.", "allocation.letters")) for p in others)


def test_other_year_points_at_the_year(data_copy: DataCopy) -> None:
    data_copy.edit(
        "projects/03-public-relations.yaml",
        "title: ประชาสัมพันธ์เพื่อการพัฒนา",
        "title: ประชาสัมพันธ์เพื่อการพัฒนา ปี ๒๕๖๕ และปี 2567",
    )
    line = data_copy.line_of("projects/03-public-relations.yaml", "title:")
    assert [(p.line, p.column, p.code) for p in data_copy.problems()] == [
        (line, 38, "other-year")  # 8 + len("ประชาสัมพันธ์เพื่อการพัฒนา ปี ")
    ]


@pytest.mark.parametrize(
    ("text", "stale"),
    [
        ("พ.ศ. 2566", []),
        ("พ.ศ. 2565", [(5, "2565")]),
        ("ปี ๒๕๖๔ ถึง 2568", [(3, "๒๕๖๔")]),
        ("แผน พ.ศ. 2566 - 2570", []),  # a span that holds the fiscal year
        ("แผน พ.ศ. 2560-2564", [(9, "2560"), (14, "2564")]),
        ("ตั้งแต่ 2566-10", []),
        ("ตั้งแต่ 2564-10", [(8, "2564")]),
        ("งบ 2,565.00 บาท และ 12565 และ 2565.50", []),  # amounts, not years
        ("พ.ศ. 2568 หรือ 2570", [(15, "2570")]),
        ("พ.ศ. 3000", []),
    ],
)
def test_stale_years(text: str, stale: list[tuple[int, str]]) -> None:
    assert stale_years(text, 2567) == stale


def test_new_year_never_writes_inside_the_source(data_copy: DataCopy) -> None:
    before = _digest(data_copy.root)
    inside = data_copy.root / "next"
    outcome = new_year(data_copy.root, 2568, inside)
    assert outcome.target is None
    assert outcome.problems[0].message.startswith(f"{inside} is inside {data_copy.root}, which")
    assert _digest(data_copy.root) == before and not inside.exists()


def test_a_year_started_from_a_started_year_keeps_one_note(
    started: tuple[Path, Path], tmp_path: Path
) -> None:
    _, target = started
    budget = target / "budget.yaml"
    budget.write_bytes(budget.read_bytes().replace(b"\n", b"\r\n"))  # saved on Windows
    outcome = new_year(target, 2569, tmp_path / "2569")
    assert outcome.problems == [] and outcome.target is not None
    lines = (tmp_path / "2569" / "budget.yaml").read_bytes().split(b"\r\n")
    note = "# new-year: FY2568's figure; type FY2569's, then delete this comment"
    assert f"  projects: 1121990  {note}".encode() in lines
    problems = validate(tmp_path / "2569")[1]
    assert [p for p in problems if p.severity is Severity.ERROR] == []
    assert len([p for p in problems if p.code == "carried-figure"]) == 38


@given(
    year=st.integers(2400, 2700),
    fiscal_year=st.integers(2401, 2699),
    thai=st.booleans(),
    before=st.sampled_from(["พ.ศ. ", "ปี", "(", ""]),
    after=st.sampled_from(["", " ", ")", "-10"]),
)
def test_a_year_is_stale_when_more_than_a_year_away(
    year: int, fiscal_year: int, thai: bool, before: str, after: str
) -> None:
    digits = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
    written = str(year).translate(digits) if thai else str(year)
    found = stale_years(f"{before}{written}{after}", fiscal_year)
    assert found == ([(len(before), written)] if abs(year - fiscal_year) > 1 else [])
