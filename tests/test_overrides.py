"""An office's own template parts: used before the shipped ones, checked at their own lines."""

from __future__ import annotations

from pathlib import Path

from aplan.build import build_pdf
from aplan.dataset import load_dataset
from aplan.period import PERIODS
from aplan.render.linebreak import unsteered
from aplan.render.report import TEMPLATES, compile_root, render

from .conftest import DataCopy

PART2 = "templates/parts/part2.typ.j2"


def _override(data_copy: DataCopy, name: str, text: str) -> Path:
    path = data_copy.path(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_an_override_replaces_the_shipped_part(data_copy: DataCopy) -> None:
    shipped = (TEMPLATES / "parts" / "part2.typ.j2").read_text(encoding="utf-8")
    _override(data_copy, PART2, shipped.replace("=== #pointer พันธกิจ", "=== #pointer ภารกิจ"))
    assert data_copy.problems() == []
    data, _ = load_dataset(data_copy.root)
    source = unsteered(render(data, PERIODS["h1"]).source)
    assert "=== #pointer ภารกิจ" in source and "=== #pointer พันธกิจ" not in source


def test_an_override_of_the_style_is_used(data_copy: DataCopy) -> None:
    style = (TEMPLATES / "style.typ").read_text(encoding="utf-8")
    _override(data_copy, "templates/style.typ", style)
    data, _ = load_dataset(data_copy.root)
    source = unsteered(render(data, PERIODS["h1"]).source)
    [line] = [x for x in source.splitlines() if x.startswith("#import")]
    own = (data_copy.root / "templates" / "style.typ").resolve()
    assert line == f'#import "/{own.relative_to(compile_root(data_copy.root)).as_posix()}": *'
    assert line.endswith('/templates/style.typ": *') and str(data_copy.root.name) in line


def test_template_syntax_error_names_its_file_and_line(data_copy: DataCopy) -> None:
    path = _override(data_copy, PART2, "#part-heading([x], [y])\n\n<% if %>\n")
    assert [p.human() for p in data_copy.problems()] == [
        f"{path}:3:1: error: template syntax: Expected an expression, got 'end of statement "
        "block'; blocks are written <% … %>, values << … >>, comments <# … #> [template]"
    ]


def test_undefined_name_names_its_file_and_line(data_copy: DataCopy, tmp_path: Path) -> None:
    path = _override(data_copy, PART2, "#part-heading([x], [y])\n\n<< v.office.adress | t >>\n")
    expected = [
        f"{path}:3:1: error: the template asks for `adress`, which Office does not have; "
        "see docs/templates.md for the names a template can use [template]"
    ]
    assert [p.human() for p in data_copy.problems()] == expected
    output = tmp_path / "report.pdf"
    outcome = build_pdf(data_copy.root, PERIODS["h1"], output)
    assert [p.human() for p in outcome.problems] == expected
    assert outcome.pdf is None and not output.exists()


def test_a_misspelt_override_is_a_warning(data_copy: DataCopy) -> None:
    path = _override(data_copy, "templates/parts/part_2.typ.j2", "x\n")
    [problem] = data_copy.problems()
    assert (problem.file, problem.line, problem.severity) == (str(path), 1, "warning")
    assert problem.message.startswith(
        "`parts/part_2.typ.j2` has the name of no shipped template, so it replaces nothing; "
        "templates that can be replaced: parts/cover.typ.j2, parts/front.typ.j2,"
    )


def test_invalid_typst_in_an_override_names_its_file_and_line(
    data_copy: DataCopy, tmp_path: Path
) -> None:
    path = _override(data_copy, PART2, "#part-heading([x], [y])\n\n#text[เอกสารลำดับที่ 3/2568\n")
    problems = [p.human() for p in data_copy.problems()]
    assert problems == [
        f"{path}:3:6: error: the Typst this template writes is not valid: unclosed delimiter "
        "(line 3 of what it writes; check brackets [ ] ( ) { } and quotes) [template]"
    ]
    output = tmp_path / "report.pdf"
    assert [p.human() for p in build_pdf(data_copy.root, PERIODS["h1"], output).problems] == (
        problems
    )
    assert not output.exists()


def test_invalid_typst_in_an_own_style_names_it(data_copy: DataCopy) -> None:
    style = (TEMPLATES / "style.typ").read_text(encoding="utf-8")
    path = _override(data_copy, "templates/style.typ", style + "\n#let broken = (\n")
    [problem] = data_copy.problems()
    assert (problem.file, problem.code) == (str(path), "template")
    assert problem.line == len((style + "\n#let broken = (\n").splitlines())
