"""The pages as a reader finds them: the contents and bookmarks lead to the page where each
heading is printed, tables that continue say so, the organisation chart keeps names whole and
no page is left mostly empty because the block after it would not fit."""

from __future__ import annotations

import functools
import itertools
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import Destination

from aplan.build import build_pdf
from aplan.dataset import load_dataset
from aplan.period import PERIODS
from aplan.render.view import build_view

from .conftest import DATA, REPO, Built, DataCopy
from .extract import page_texts

EXAMPLE = REPO / "examples" / "spm-example"
MINIMAL = Path(__file__).parent / "data" / "minimal"
PROVINCE = Path(__file__).parent / "data" / "province"
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\xad"))


def squash(text: str) -> str:
    """Text without whitespace or invisible joiners: Thai lines break anywhere."""
    return re.sub(r"\s+", "", text.translate(INVISIBLE))


@dataclass(frozen=True)
class Bookmark:
    depth: int
    title: str
    page: int
    """Index of the page the bookmark opens."""


def bookmarks(reader: PdfReader) -> list[Bookmark]:
    found: list[Bookmark] = []

    def walk(items: list[object], depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                assert isinstance(item, Destination)
                title = str(item.title)
                found.append(Bookmark(depth, title, reader.get_destination_page_number(item)))

    walk(reader.outline, 0)
    return found


def searched(title: str) -> str:
    """What of a heading's title the page prints: a contents line may end in a parenthesised
    round, e.g. "(รอบ ๖ เดือน)", that the printed caption words otherwise."""
    return squash(re.sub(r"\s*\([^()]*\)\s*$", "", title))


@dataclass(frozen=True)
class Report:
    pdf: Path
    reader: PdfReader
    pages: list[str]
    marks: list[Bookmark]

    @functools.cached_property
    def boxes(self) -> list[str]:
        """Per page, poppler's word boxes: read once for every test that measures the page."""
        return _bbox_pages(self.pdf)

    @property
    def contents(self) -> list[int]:
        """The contents pages: those that print most titles."""
        titles = [searched(b.title) for b in self.marks if b.depth <= 1]
        return [
            i
            for i, text in enumerate(self.pages)
            if sum(t in squash(text) for t in titles) > len(titles) / 2
        ]

    def where_printed(self) -> list[int]:
        """Per bookmark, the first page from the previous one's where its title is printed (on
        a contents page, printed besides its own entry: the contents' own heading)."""
        skip, start, found = set(self.contents), 0, []
        for mark in self.marks:
            title = searched(mark.title)
            page = next(
                (
                    i
                    for i in range(start, len(self.pages))
                    if squash(self.pages[i]).count(title) > (i in skip)
                ),
                None,
            )
            assert page is not None, f"{mark.title!r} is printed on no page after {start}"
            found.append(page)
            start = page
        return found

    def printed_numbers(self) -> list[str]:
        """The page numbers the contents print, in order: the number ends the dotted fill (a
        title line that ends in "พ.ศ. ๒๕๖๗" is not one)."""
        numbers = []
        for i in self.contents:
            for line in self.pages[i].translate(INVISIBLE).splitlines():
                match = re.search(r"(?:\.\s*){3,}([๐-๙0-9]+|[ก-ฮ])$", line.strip())
                if match:
                    numbers.append(match.group(1))
        return numbers


def report(pdf: Path) -> Report:
    reader = PdfReader(pdf)
    return Report(pdf, reader, page_texts(pdf), bookmarks(reader))


@pytest.fixture(scope="module")
def h1(h1_pdf: Path) -> Report:
    return report(h1_pdf)


def _build(data: Path, output: Path) -> Path:
    outcome = build_pdf(data, PERIODS["h1"], output)
    assert [p.human() for p in outcome.problems] == []
    return output


@pytest.fixture(scope="module")
def example(round_builds: dict[tuple[str, str], Built]) -> Report:
    return report(round_builds["example", "h1"].pdf)


@pytest.fixture(scope="module")
def fy(round_builds: dict[tuple[str, str], Built]) -> Report:
    """The longest report: FY2567's 12 months."""
    return report(round_builds["2567", "fy"].pdf)


@pytest.fixture(scope="module")
def minimal(tmp_path_factory: pytest.TempPathFactory) -> Report:
    return report(_build(MINIMAL, tmp_path_factory.mktemp("minimal") / "h1.pdf"))


@pytest.fixture(scope="module")
def province(tmp_path_factory: pytest.TempPathFactory) -> Report:
    """A provincial office of another shape: five projects, no Table 1, a URL in a result."""
    return report(_build(PROVINCE, tmp_path_factory.mktemp("province") / "h1.pdf"))


@pytest.fixture(params=["h1", "example", "fy", "province"])
def any_report(request: pytest.FixtureRequest) -> Report:
    value = request.getfixturevalue(request.param)
    assert isinstance(value, Report)
    return value


def test_every_bookmark_opens_the_page_where_its_heading_is_printed(any_report: Report) -> None:
    marks, printed = any_report.marks, any_report.where_printed()
    wrong = [
        (mark.title, mark.page, page)
        for mark, page in zip(marks, printed, strict=True)
        if mark.page != page
    ]
    assert wrong == []


def test_the_contents_print_the_page_where_each_heading_is(any_report: Report) -> None:
    labels = any_report.reader.page_labels
    entries = [
        (mark.title, labels[page])
        for mark, page in zip(any_report.marks, any_report.where_printed(), strict=True)
        if mark.depth <= 1
    ]
    numbers = any_report.printed_numbers()
    assert len(numbers) == len(entries), "one page number a contents entry"
    wrong = [
        (title, number, label)
        for (title, label), number in zip(entries, numbers, strict=True)
        if number != label
    ]
    assert wrong == []


def test_the_disbursement_table_is_where_the_contents_say(h1: Report) -> None:
    """The case that was wrong: the entry stayed behind when the unbreakable table moved on."""
    (mark,) = [b for b in h1.marks if b.title.startswith("ผลการเบิกจ่าย")]
    assert "ตารางที่๓ผลการเบิกจ่าย" in squash(h1.pages[mark.page])


def test_a_table_that_continues_repeats_its_caption_and_header(h1: Report) -> None:
    caption = "ตารางที่๑แผนการใช้จ่ายในการบริหารจัดการสำนักงาน"
    first = next(i for i, text in enumerate(h1.pages) if caption in squash(text))
    following = squash(h1.pages[first + 1])
    assert "(ต่อ)" not in squash(h1.pages[first]).split(caption, 1)[1][:200]
    assert following.startswith(squash(h1.pages[first + 1].splitlines()[0]) + caption)
    assert re.search(re.escape(caption) + r".{0,120}?\(ต่อ\)หมวดรายจ่าย/รายการ", following)
    continued = [i for i, text in enumerate(h1.pages) if "(ต่อ)" in text]
    assert continued == [first + 1], "no other table of the h1 report crosses a page"


def test_the_word_for_continued_comes_from_the_phrases() -> None:
    data, _ = load_dataset(DATA)
    assert build_view(data, PERIODS["h1"]).continued == "(ต่อ)"


def _bbox_pages(pdf: Path) -> list[str]:
    """Per page, poppler's word boxes (``pdftotext -bbox``) as XHTML."""
    pdftotext = shutil.which("pdftotext")
    assert pdftotext, "make test installs poppler-utils"
    xml = subprocess.run(
        [pdftotext, "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return xml.split("<page ")[1:]


def _text_depth(boxes: list[str]) -> list[float]:
    """Per page, how far down the text area its lowest line of text reaches (0 top, 1 foot)."""
    depths = []
    for page in boxes:
        height = float(re.search(r'height="([\d.]+)"', page).group(1))  # type: ignore[union-attr]
        top, foot = 2.5 / 2.54 * 72, height - 2 / 2.54 * 72  # the report's margins
        lows = [float(y) for y in re.findall(r'yMax="([\d.]+)"', page) if float(y) > top + 1]
        depths.append((max(lows, default=top) - top) / (foot - top))
    return depths


def _lines(boxes: list[str]) -> list[list[tuple[float, float, float]]]:
    """Per page, its lines of text from top to bottom: (top, left end, right end)."""
    pages = []
    for page in boxes:
        lines: dict[float, tuple[float, float]] = {}
        for x0, y0, x1 in re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)"', page):
            top = round(float(y0), 1)
            left, right = lines.get(top, (float(x0), float(x1)))
            lines[top] = (min(left, float(x0)), max(right, float(x1)))
        pages.append([(top, *ends) for top, ends in sorted(lines.items())])
    return pages


def test_every_line_of_a_paragraph_but_its_last_reaches_the_right_margin(
    any_report: Report,
) -> None:
    """Justified text is flush on both sides. A line followed, one line's pitch lower, by a
    line starting at the left margin is not its paragraph's last, so it must end at the right
    margin. A line that starts neither at the margin nor a first-line indent in (a chart's
    legend above its caption) is not body text, and the contents are ragged on purpose. In a
    block of automatic width Typst justified a paragraph only to its widest line, and a
    lead-in's lone full line ended 16 pt short."""
    left, right = 3 / 2.54 * 72, 595.276 - 2 / 2.54 * 72  # A4, the report's side margins
    pitch = 11 * 1.45  # 11 pt text: the glyphs' height and the 0.75 em leading
    indent = 2.5 * 11  # a paragraph's first line: a line that starts elsewhere is no body text
    contents = set(any_report.contents)
    short = [
        (number, round(end, 1))
        for number, lines in enumerate(_lines(any_report.boxes))
        if number not in contents
        for (top, begin, end), (below, start, _) in itertools.pairwise(lines)
        if abs(below - top - pitch) < 0.5
        and min(abs(begin - left), abs(begin - left - indent)) < 0.5
        and abs(start - left) < 0.5
        and end < right - 1
    ]
    assert short == []


def test_the_chart_and_its_title_share_a_page(any_report: Report) -> None:
    """The disbursement chart's title is printed right under its legend, on its page. (In the
    province's h1 report the chart ended a page and its two-line title went on alone.)"""
    placed = []
    for number, page in enumerate(any_report.boxes):
        words = [(float(y), w) for y, w in re.findall(r'yMin="([\d.]+)"[^>]*>([^<]*)<', page)]
        titles = [y for y, w in words if w.startswith("แผนภูมิเปรียบเทียบ")]
        if titles:
            legend = [y for y, w in words if w == "งบประมาณที่ได้รับ" and 0 < titles[0] - y < 40]
            placed.append((number, bool(legend)))
    assert placed and all(has_legend for _, has_legend in placed), placed


def test_no_page_is_mostly_empty_except_where_a_part_ends(any_report: Report) -> None:
    """A page may end early only before a new part or chapter (or as the last page); anywhere
    else the next block must have been split or kept with its heading, not pushed over."""
    depths = _text_depth(any_report.boxes)
    starts = {b.page for b in any_report.marks if b.depth == 0}
    short = [
        (i + 1, round(depth, 2))
        for i, depth in enumerate(depths)
        if i > 0 and i + 1 not in starts and i + 1 < len(depths) and depth < 0.5
    ]
    assert short == []


def _chart_lines(pages: list[str]) -> list[str]:
    """The lines of the organisation chart: from its heading to the next heading."""
    lines = [line for text in pages for line in text.translate(INVISIBLE).splitlines()]
    start = next(i for i, line in enumerate(lines) if "โครงสร้างการบริหารงาน" in line)
    end = next(
        i
        for i, line in enumerate(lines)
        if i > start and ("แผนที่แสดงที่ตั้ง" in line or "ข้อมูลบุคลากร" in line)
    )
    return lines[start + 1 : end]


def _chart_words(data: Path) -> list[str]:
    """Every word of every name in the chart (a name may break between its words)."""
    dataset, _ = load_dataset(data)
    assert dataset.office is not None
    office = dataset.office.model
    names = [e.name for e in office.executives] + [d.name for d in office.group_directors]
    return [word for name in names for word in name.split()]


@pytest.mark.parametrize("which", ["h1", "example", "minimal"])
def test_the_organisation_chart_never_splits_a_name(
    which: str, request: pytest.FixtureRequest
) -> None:
    printed: Report = request.getfixturevalue(which)
    data = {"h1": DATA, "example": EXAMPLE, "minimal": MINIMAL}[which]
    lines = _chart_lines(printed.pages)
    assert [w for w in _chart_words(data) if not any(w in line for line in lines)] == []


def _smallest_text(pdf: Path) -> float:
    """The smallest font size any text of the document is drawn at, in points."""
    sizes: list[float] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            scale = (tm[2] ** 2 + tm[3] ** 2) ** 0.5 * (cm[2] ** 2 + cm[3] ** 2) ** 0.5
            sizes.append(size * scale)

    for page in PdfReader(pdf).pages:
        page.extract_text(visitor_text=visit)
    return min(sizes)


def test_no_text_is_smaller_than_9_points(h1_pdf: Path) -> None:
    assert _smallest_text(h1_pdf) >= 9 - 0.01


LONG_NAME = "นางสาวพิมพ์ชนกวรรณศิริรัตน์ ศรีสุวรรณพิริยะกิตติการวงศ์"
"""A group director's name too wide for three boxes a row on one line."""


def test_the_chart_takes_any_number_of_deputies_and_long_names(
    data_copy: DataCopy, tmp_path: Path
) -> None:
    deputies = "".join(
        f"  - name: นาย{first} ทดสอบนามสกุลยาวมาก\n    role: deputy\n"
        for first in ("สมหนึ่ง", "สมสอง", "สมสาม", "สมสี่")
    )
    data_copy.edit("office.yaml", "group_directors:\n", deputies + "group_directors:\n")
    data_copy.edit("office.yaml", "  - name: นางสุภาภรณ์ อ้วนอง\n", f"  - name: {LONG_NAME}\n")
    printed = report(_build(data_copy.root, tmp_path / "h1.pdf"))
    lines = _chart_lines(printed.pages)
    words = _chart_words(data_copy.root)
    assert set(LONG_NAME.split()) <= set(words) and len(words) > 30
    assert [w for w in words if not any(w in line for line in lines)] == []
    assert _smallest_text(printed.pdf) >= 9 - 0.01
