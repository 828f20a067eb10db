"""The generated Typst: golden text, standalone compilation, literal text, overflow guard."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import typst
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from aplan.build import build_pdf, write_source
from aplan.dataset import load_dataset
from aplan.period import PERIODS
from aplan.render.compile import sarabun_folder
from aplan.render.pdftext import fix_thai_text
from aplan.render.report import render
from aplan.render.typst_text import markup, string_literal

from .conftest import DATA, REPO, DataCopy, Variant

GOLDEN = Path(__file__).parent / "golden" / "report-2567-h1.typ"


def test_generated_typst_matches_the_golden_file() -> None:
    """Review template changes as a diff of this file (APLAN_UPDATE_GOLDEN=1 rewrites it)."""
    data, _ = load_dataset(DATA)
    source = render(data, PERIODS["h1"]).source
    if os.environ.get("APLAN_UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(source, encoding="utf-8")
    assert source == GOLDEN.read_text(encoding="utf-8")


def test_rendered_file_compiles_on_its_own_to_the_built_pdf(h1_pdf: Path) -> None:
    build = REPO / "build"
    build.mkdir(exist_ok=True)
    typ = build / "test-standalone.typ"
    try:
        write_source(DATA, PERIODS["h1"], typ)
        pdf = typst.compile(
            str(typ),
            root=str(REPO),
            font_paths=[str(sarabun_folder())],
            ignore_system_fonts=True,
            pdf_standards=["a-2b"],
        )
    finally:
        typ.unlink(missing_ok=True)
    built = h1_pdf
    assert isinstance(pdf, bytes)
    assert fix_thai_text(pdf) == built.read_bytes()


def test_photos_are_printed_with_captions_and_alt_text(h1_variant: Variant) -> None:
    output, outcome = h1_variant.pdf, h1_variant
    assert [p.human() for p in outcome.problems] == []
    reader = PdfReader(output)
    last = reader.pages[-1]
    assert "ภาพกิจกรรม" in last.extract_text()
    text = "".join(last.extract_text().split())
    assert "ประชุมผู้บริหาร#๑[ตุลาคม๒๕๖๖](โครงการที่๑)" in text
    xobjects = last["/Resources"]["/XObject"].values()
    assert any(x.get_object()["/Subtype"] == "/Image" for x in xobjects)
    assert b"/Alt" in output.read_bytes()


def test_missing_photo_is_a_problem_with_its_position(data_copy: DataCopy) -> None:
    name = "projects/01-education-management.yaml"
    data_copy.edit(
        name, "problems: []", "problems: []\nphotos:\n  - file: photos/none.jpg\n    caption: x"
    )
    problems = [p for p in data_copy.problems() if p.code == "photo"]
    assert [p.human() for p in problems] == [
        f"{data_copy.name(name)}:{data_copy.line_of(name, 'photos/none.jpg')}:11: error: "
        f"photos[0].file: no such file `photos/none.jpg` in {data_copy.root} [photo]"
    ]


def test_photo_outside_the_data_folder(data_copy: DataCopy) -> None:
    name = "projects/01-education-management.yaml"
    data_copy.edit(
        name,
        "problems: []",
        "problems: []\nphotos:\n  - file: ../../etc/passwd.png\n    caption: x",
    )
    problems = [p.message for p in data_copy.problems() if p.code == "photo"]
    assert problems == ["photos[0].file: `../../etc/passwd.png` is outside the data folder"]


def test_the_largest_amounts_fit_table_3(data_copy: DataCopy, tmp_path: Path) -> None:
    """Figures of 18 digits used to overflow Table 3's columns; amounts are now bounded
    (sources.MAX_NUMBER_DIGITS, money.LARGEST) so that the largest fits."""
    big = "9999999999999.99"
    for name in ("received", "disbursed"):
        data_copy.edit(
            "disbursement.yaml",
            f"    {name}: {'7667400.00' if name == 'received' else '6144126.57'}",
            f"    {name}: {big}",
        )
    data_copy.edit("disbursement.yaml", "received: 5535736.00", f"received: {big}")
    data_copy.edit("disbursement.yaml", "disbursed: 3421578.76", f"disbursed: {big}")
    output = tmp_path / "report.pdf"
    outcome = build_pdf(data_copy.root, PERIODS["h1"], output)
    assert [p.human() for p in outcome.problems] == []
    assert outcome.pdf is not None and output.exists()


def test_overflowing_typed_text_points_at_its_source(
    data_copy: DataCopy, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    long_word = "https://example.org/" + "a" * 120
    name = "projects/12-ict.yaml"
    data_copy.edit(name, "title: พัฒนาระบบ", f"title: {long_word} พัฒนาระบบ")
    [found] = data_copy.problems()
    assert found.code == "too-wide", "validate finds it first"
    monkeypatch.setattr("aplan.validate.printable_problems", lambda data: [])
    outcome = build_pdf(data_copy.root, PERIODS["h1"], tmp_path / "report.pdf")
    [problem] = outcome.problems
    assert problem.code == "overflow", "the build's own guard, were the estimate short"
    assert (problem.file, problem.line, problem.column) == (found.file, found.line, found.column)
    assert (problem.file, problem.line, problem.column) == (
        data_copy.name(name),
        data_copy.line_of(name, "title: https"),
        8,
    )
    assert problem.message.startswith('title: the text "https://example.org/aaa')


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_any_text_round_trips_through_a_typst_literal(text: str) -> None:
    source = f"#metadata({string_literal(text)}) <v>"
    assert typst.query(source.encode(), "<v>", field="value", one=True) == f'"{_json(text)}"' or (
        __import__("json").loads(typst.query(source.encode(), "<v>", field="value", one=True))
        == text
    )


def test_markup_literal_cannot_continue_as_code() -> None:
    source = f"#metadata[{markup('abc')}.len()] <v>".encode()
    value = __import__("json").loads(typst.query(source, "<v>", field="value", one=True))
    assert "abc" in str(value) and ".len()" in str(value)


def _json(text: str) -> str:
    return __import__("json").dumps(text, ensure_ascii=False)[1:-1]


@pytest.fixture(autouse=True)
def _no_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
