"""What the printer cannot print is found by `validate`, before any rendering (printable.py).

Each check has a fixture of its own: a copy of tests/data/minimal with one mistake.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from aplan.build import build_pdf
from aplan.dataset import load_dataset
from aplan.period import PERIODS
from aplan.printable import (
    check_font_coverage,
    check_images,
    check_invisible_characters,
    check_words_fit,
    sarabun,
)
from aplan.problems import Problem, Severity

from .conftest import REPO, png
from .test_mutants import without_schema_lines

MINIMAL = REPO / "tests" / "data" / "minimal"
PROJECT = "projects/01-only.yaml"


@pytest.fixture
def minimal(tmp_path: Path) -> Path:
    root = tmp_path / "minimal"
    shutil.copytree(MINIMAL, root)
    return without_schema_lines(root)


def _edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")


def _run(root: Path, check: object) -> list[Problem]:
    data, problems = load_dataset(root)
    assert problems == []
    return list(check(data))  # type: ignore[operator]


def _where(problem: Problem) -> tuple[str, int, int, Severity]:
    return Path(problem.file).name, problem.line, problem.column, problem.severity


@pytest.mark.parametrize(
    ("typed", "name"),
    [("\\0", "U+0000 NULL"), ("\\e", "U+001B ESCAPE"), ("\\x7f", "U+007F DELETE"),
     ("\\x08", "U+0008 BACKSPACE")],
)
def test_a_control_character_is_an_error(minimal: Path, typed: str, name: str) -> None:
    """YAML refuses most of them typed as themselves; an escape in quotes gets through."""
    _edit(minimal, PROJECT, "title: โครงการทดสอบ", f'title: "โครงการ{typed}ทดสอบ"')
    [problem] = _run(minimal, check_invisible_characters)
    assert _where(problem) == ("01-only.yaml", 4, 8, Severity.ERROR), "at the value"
    assert problem.code == "invisible-character"
    assert problem.message == (
        f"title: a control character ({name}) is in the text, usually pasted in with it; "
        "delete it (retype the text around it if you cannot see it)"
    )


@pytest.mark.parametrize("char", ["\u202e", "\u2066", "\u200f", "\u061c"])
def test_a_bidi_control_is_an_error(minimal: Path, char: str) -> None:
    _edit(minimal, "office.yaml", "address: ที่อยู่ทดสอบ", f"address: ที่อยู่{char}ทดสอบ")
    [problem] = _run(minimal, check_invisible_characters)
    assert _where(problem) == ("office.yaml", 4, 17, Severity.ERROR)
    assert problem.message.startswith("address: a text-direction control (U+")


@pytest.mark.parametrize("char", ["\u200b", "\u200d", "\ufeff", "\u2060"])
def test_a_zero_width_character_is_a_warning(minimal: Path, char: str) -> None:
    _edit(minimal, "office.yaml", "address: ที่อยู่ทดสอบ", f"address: ที่อยู่{char}ทดสอบ{char}")
    [problem] = _run(minimal, check_invisible_characters)  # once per value and character
    assert _where(problem) == ("office.yaml", 4, 17, Severity.WARNING)
    assert "an invisible zero-width character (U+" in problem.message


def test_tabs_and_line_breaks_are_not_reported(minimal: Path) -> None:
    _edit(minimal, "office.yaml", "address: ที่อยู่ทดสอบ", 'address: "ที่\\tอยู่\\nทดสอบ\\r"')
    assert _run(minimal, check_invisible_characters) == []
    assert _run(minimal, check_font_coverage) == []


def test_a_character_the_font_lacks_is_an_error_at_the_character(minimal: Path) -> None:
    _edit(minimal, "direction.yaml", "statement: วิสัยทัศน์ทดสอบ", "statement: วิสัยทัศน์ ✓ 😀 ✓")
    problems = _run(minimal, check_font_coverage)
    assert [(_where(p), p.code) for p in problems] == [
        (("direction.yaml", 3, 25, Severity.ERROR), "font"),
        (("direction.yaml", 3, 27, Severity.ERROR), "font"),
    ], "each missing character once, at its own column"
    assert problems[0].message == (
        "vision.statement: the report's font (Sarabun) has no letter for '✓' (U+2713 CHECK "
        "MARK); the PDF cannot print it; replace it with Thai or Latin text, or delete it"
    )


def test_an_odd_space_says_to_type_an_ordinary_one(minimal: Path) -> None:
    _edit(minimal, "direction.yaml", "statement: วิสัยทัศน์ทดสอบ", "statement: วิสัยทัศน์\u3000ทดสอบ")
    [problem] = _run(minimal, check_font_coverage)
    assert "(a space of another width: type an ordinary space)" in problem.message


def test_file_names_are_not_printed_so_not_checked_for_glyphs(minimal: Path) -> None:
    (minimal / "ภาพ✓.png").write_bytes(png())
    _edit(minimal, PROJECT, "results:", "photos:\n  - file: ภาพ✓.png\n    caption: ภาพ\nresults:")
    assert _run(minimal, check_font_coverage) == []


def test_the_font_covers_what_the_report_prints() -> None:
    font = sarabun()
    for char in "กขฮ๐๙ 0aZ–—“”…•฿":
        assert ord(char) in font.cmap, char
    assert ord("\u200b") not in font.cmap
    assert font.width("iii", 10) < font.width("MMM", 10) < font.width("MMM", 10, bold=True)
    assert font.width("", 10) == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not an image", "is not an image the report can print; save it again as PNG or JPEG"),
        (png()[:40], "is not an image the report can print"),
        (png()[:61], "is damaged (truncated PNG file); save it again as PNG or JPEG"),
        (b"BM" + b"\x00" * 60, "is damaged (Unsupported BMP header type (0))"),
    ],
)
def test_a_photo_that_does_not_decode_is_an_error(
    minimal: Path, content: bytes, message: str
) -> None:
    (minimal / "photo.png").write_bytes(content)
    _edit(minimal, PROJECT, "results:", "photos:\n  - file: photo.png\n    caption: ภาพ\nresults:")
    [problem] = _run(minimal, check_images)
    assert _where(problem) == ("01-only.yaml", 20, 11, Severity.ERROR)
    assert problem.code == "image"
    assert problem.message.startswith("photos[0].file: `photo.png` " + message)


def test_a_good_photo_and_a_missing_one_are_not_this_checks_business(minimal: Path) -> None:
    (minimal / "photo.png").write_bytes(png())
    _edit(minimal, PROJECT, "results:", "photos:\n  - file: photo.png\n    caption: ภาพ\n"
          "  - file: gone.png\n    caption: ภาพ\nresults:")
    assert _run(minimal, check_images) == []


def test_a_bmp_saved_as_png_is_refused_by_format(minimal: Path) -> None:
    from PIL import Image

    Image.new("RGB", (2, 2)).save(minimal / "photo.png", format="BMP")
    _edit(minimal, PROJECT, "results:", "photos:\n  - file: photo.png\n    caption: ภาพ\nresults:")
    [problem] = _run(minimal, check_images)
    assert problem.message == (
        "photos[0].file: `photo.png` is a BMP image, which the report cannot print; save it as "
        "PNG or JPEG"
    )


MAP = "map:\n  file: map.svg\n  caption: แผนที่\nexecutives:"
SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">{}</svg>'


@pytest.mark.parametrize(
    ("svg", "message"),
    [
        ('<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
         + SVG.format("<text>&x;</text>"), "declares a DOCTYPE, entities or a style sheet"),
        (SVG.format('<image href="/etc/x.png"/>'), "links to `/etc/x.png` outside the drawing"),
        (SVG.format('<image xlink:href="http://example.org/x.png"/>'),
         "links to `http://example.org/x.png` outside"),
        (SVG.format("<style>@import url(other.css);</style>"), "loads a file outside"),
        (SVG.format('<rect style="fill: url(x.svg#p)"/>'), "loads a file outside"),
        ("<svg", "is not a valid SVG drawing"),
        ("<html/>", "is not an SVG drawing"),
    ],
)
def test_an_svg_that_reaches_outside_is_an_error(minimal: Path, svg: str, message: str) -> None:
    (minimal / "map.svg").write_text(svg, encoding="utf-8")
    _edit(minimal, "office.yaml", "executives:", MAP)
    [problem] = _run(minimal, check_images)
    assert _where(problem) == ("office.yaml", 14, 9, Severity.ERROR)
    assert problem.message.startswith("map.file: `map.svg` " + message)


def test_an_svg_with_inner_links_and_data_is_fine(minimal: Path) -> None:
    inner = '<defs><g id="a"/></defs><use href="#a"/><image href="data:image/png;base64,AA"/>'
    (minimal / "map.svg").write_text(SVG.format(inner), encoding="utf-8")
    _edit(minimal, "office.yaml", "executives:", MAP)
    assert _run(minimal, check_images) == []


def test_a_huge_image_is_refused_before_it_is_read(
    minimal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("aplan.printable.MAX_IMAGE_BYTES", 10)
    (minimal / "photo.png").write_bytes(png())
    _edit(minimal, PROJECT, "results:", "photos:\n  - file: photo.png\n    caption: ภาพ\nresults:")
    [problem] = _run(minimal, check_images)
    assert "MB, more than the 0 MB an image may be; save it smaller" in problem.message


def test_a_word_wider_than_its_table_column_is_an_error(minimal: Path) -> None:
    word = "https://example.org/" + "x" * 90
    _edit(minimal, PROJECT, "title: โครงการทดสอบ", f"title: โครงการ {word}")
    [problem] = _run(minimal, check_words_fit)
    assert _where(problem) == ("01-only.yaml", 4, 8, Severity.ERROR)
    assert problem.code == "too-wide"
    assert problem.message.startswith(f"title: `{'x' * 40}…{'x' * 10}` is wider than its table "
                                      "column (")
    assert problem.message.endswith(
        "and has no place to break; put a space in it (after a / or - also works) or shorten it"
    )


def test_a_word_that_fits_the_page_but_not_table_1(minimal: Path) -> None:
    word = "x" * 89  # 409 pt at 10 pt: Table 1 has 402; 450 pt at 11 pt: a line has 453
    _edit(minimal, "budget.yaml", "name: ค่าใช้จ่ายทดสอบ", f"name: {word}")
    [problem] = _run(minimal, check_words_fit)
    assert problem.message.startswith(f"spending_plan[0].name: `{word[:40]}…")
    assert "its table column" in problem.message
    _edit(minimal, "budget.yaml", f"name: {word}", "name: ค่าใช้จ่าย")
    _edit(minimal, "report.yaml", "plan: ตามแผนปฏิบัติการ", f"plan: {word}")
    assert _run(minimal, check_words_fit) == [], "a page line has room for it"


def test_a_word_wider_than_the_page_is_an_error(minimal: Path) -> None:
    _edit(minimal, "report.yaml", "plan: ตามแผนปฏิบัติการ", "plan: " + "m" * 120)
    [problem] = _run(minimal, check_words_fit)
    assert "is wider than a line of the page (" in problem.message


def test_thai_and_broken_words_fit(minimal: Path) -> None:
    thai = "การพัฒนาคุณภาพการศึกษา" * 20
    _edit(minimal, PROJECT, "title: โครงการทดสอบ", f"title: {thai} {'ab/' * 60} {'c-' * 60}")
    assert _run(minimal, check_words_fit) == []


@pytest.mark.parametrize(
    ("text", "fails"),
    [("ที่อยู่\u202eทดสอบ", True), ("ที่อยู่ ✓", True), ("ที่อยู่\u200bทดสอบ", False)],
)
def test_what_validate_refuses_build_cannot_print(
    minimal: Path, tmp_path: Path, text: str, fails: bool
) -> None:
    """The checks agree with the build: an error here is a build failure or a broken PDF."""
    _edit(minimal, "office.yaml", "address: ที่อยู่ทดสอบ", f"address: {text}")
    outcome = build_pdf(minimal, PERIODS["h1"], tmp_path / "r.pdf")
    assert bool([p for p in outcome.problems if p.severity is Severity.ERROR]) is fails
    assert (outcome.pdf is None) is fails
