"""Thai line breaking: aplan's word segmentation decides, the printed lines obey, and the
characters that steer Typst never reach the text layer."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aplan.dataset import load_dataset
from aplan.render.linebreak import _THAI_RUN as THAI_RUN
from aplan.render.linebreak import (
    WJ,
    ZWSP,
    Breaker,
    _base_segmenter,
    base_words,
    data_words,
    unknown_words,
    unsteered,
)

from .conftest import DATA, REPO, DataCopy
from .extract import pdf_text

SPM = REPO / "examples" / "spm-example"
_SA = re.compile(r"[\u0e01-\u0e3a\u0e40-\u0e4e]")  # Thai letters, vowels and marks
_MARKS = frozenset("\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a"
    "\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e")
_TAIL = re.compile(r"[\u0e01-\u0e3a\u0e40-\u0e4e]+$")
_HEAD = re.compile(r"^[\u0e01-\u0e3a\u0e40-\u0e4e]+")


def shown(text: str) -> str:
    """Steered text made visible: · no break, | a break may fall."""
    return text.replace(WJ, "·").replace(ZWSP, "|")


# --- the segmenter and the rules --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("นางไกล่รุ่ง พิริยะกิตติการ", "น·า·ง·ไ·ก·ล่·รุ่·ง พิ·ริ·ย·ะ·กิ·ต·ติ·ก·า·ร"),
        ("ปี พ.ศ. ๒๕๖๗", "ปี พ·.·ศ·.· ·๒๕๖๗"),
        ("จำนวน ๑๗๓ คน", "จำ·น·ว·น ๑๗๓· ·ค·น"),
        ("คิดเป็นร้อยละ ๘๐", "คิ·ด|เ·ป็·น|ร้·อ·ย·ล·ะ· ·๘๐"),
        ("(ภายใน) “ดี”", "(·ภ·า·ย·ใ·น·) “·ดี·”"),
        ("กันยายน", "กั·น·ย·า·ย·น"),
        ("ตำบลตลาด อำเภอขลุง", "ตำ·บ·ล·ต·ล·า·ด อำ·เ·ภ·อ·ข·ลุ·ง"),
        ("(รอบ ๖ เดือน)", "(·ร·อ·บ· ·๖· ·เ·ดื·อ·น·)"),
    ],
)
def test_words_and_their_neighbours_stay_together(text: str, expected: str) -> None:
    breaker = Breaker(["ไกล่รุ่ง", "พิริยะกิตติการ", "ขลุง"])
    assert shown(breaker.steer(text)) == expected


def test_a_title_keeps_its_name_and_the_date_its_parts() -> None:
    steered = Breaker(["สมชาย"]).steer("ดร. สมชาย วันที่ 9 ตุลาคม 2566")
    assert shown(steered) == "ด·ร·.· ·ส·ม·ช·า·ย วั·น·ที่· ·9· ·ตุ·ล·า·ค·ม· ·2566"


def test_pieces_the_dictionary_lacks_stay_together() -> None:
    breaker = Breaker()
    run = "เบญจมานูสรณ์"
    pieces = breaker.words(run)
    assert pieces[-1] == "สรณ์" and pieces[-1] not in breaker.known
    assert shown(breaker.steer(run)).endswith("นู·ส·ร·ณ์")


def test_text_without_thai_is_left_to_typst() -> None:
    assert Breaker().steer("Active Learning 2/3") == "Active Learning 2/3"


@settings(deadline=None)  # the first example loads the dictionary
@given(st.text(alphabet="กขคงาิีึืุู่้๊๋ำเแโใไะั็์ๆฯ ()“”.๑๒0123456789ab/-", max_size=60))
def test_steering_never_changes_the_text(text: str) -> None:
    assert unsteered(Breaker().steer(text)) == text


def test_names_the_data_holds_join_the_dictionary() -> None:
    data, problems = load_dataset(DATA)
    assert problems == []
    words = set(data_words(data))
    assert {"ไกล่รุ่ง", "พิริยะกิตติการ", "ขลุง", "เขาศิขณภูมิ", "เนตรสมานนท์"} <= words
    assert "ศิขณ" in unknown_words("อำเภอเขาศิขณภูมิ")
    assert Breaker(words).words("อำเภอขลุง") == ["อำเภอ", "ขลุง"]


def test_an_office_adds_words_of_its_own(data_copy: DataCopy) -> None:
    data_copy.path("words.yaml").write_text("words:\n  - กขคงจฉ\n", encoding="utf-8")
    data, problems = load_dataset(data_copy.root)
    assert problems == []
    assert "กขคงจฉ" in data_words(data)


@pytest.mark.parametrize(
    ("entry", "column", "message"),
    [
        (
            "พิริยะ กิตติการ",
            5,
            "words[0]: a word is written without spaces, got 'พิริยะ กิตติการ'; list each part "
            "on its own line, such as `- พิริยะกิตติการ`",
        ),
        (
            "Learning",
            5,
            "words[0]: only Thai words need listing, got 'Learning': other words break only "
            "at spaces",
        ),
        (
            "ก" * 41,
            5,
            f"words[0]: a word has at most 40 letters, got 41 in {'ก' * 41!r}; list the words "
            "of a phrase on lines of their own",
        ),
    ],
)
def test_a_bad_word_list_entry_is_named(
    data_copy: DataCopy, entry: str, column: int, message: str
) -> None:
    data_copy.path("words.yaml").write_text(f"words:\n  - {entry}\n", encoding="utf-8")
    problems = [p for p in data_copy.problems() if p.file.endswith("words.yaml")]
    assert [(p.line, p.column, p.message) for p in problems] == [(2, column, message)]


# --- the printed lines --------------------------------------------------------------------------


@dataclass
class Line:
    """A run of text on one baseline, in one column of the page."""

    text: str
    x0: float
    x1: float
    top: float
    size: float
    before: Line | None = None


def lines(pdf: Path | bytes) -> Iterator[list[Line]]:
    """Each page's lines, each linked to the line it continues (the one just above it in the
    same column), from the characters' positions as pdfplumber reads them."""
    import pdfplumber

    source = io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf
    with pdfplumber.open(source) as document:
        for page in document.pages:
            found = _page_lines(page.chars)
            for line in found:
                below = [
                    other
                    for other in found
                    if line.top + 1 < other.top < line.top + 2 * line.size
                    and other.x0 < line.x1
                    and other.x1 > line.x0
                ]
                if below:
                    top = min(other.top for other in below)
                    first = min((o for o in below if o.top - top < 1), key=lambda o: o.x0)
                    first.before = first.before or line
            yield found


def _page_lines(chars: list[dict[str, object]]) -> list[Line]:
    rows: dict[float, list[tuple[float, int, str, dict[str, object]]]] = {}
    base: dict[str, object] | None = None
    for i, char in enumerate(chars):
        text = str(char["text"])
        if text not in _MARKS or base is None:
            base = char
        top = float(base["top"])  # type: ignore[arg-type]
        key = next((k for k in rows if abs(k - top) < 1), top)
        rows.setdefault(key, []).append((float(base["x0"]), i, text, char))  # type: ignore[arg-type]
    found: list[Line] = []
    for top, items in rows.items():
        items.sort(key=lambda item: (item[0], item[1]))
        line: Line | None = None
        for _, _, text, char in items:
            x0, x1 = float(char["x0"]), float(char["x1"])  # type: ignore[arg-type]
            if line is not None and (text in _MARKS or -1 < x0 - line.x1 < 3):
                line.text += text
                line.x1 = max(line.x1, x1) if text not in _MARKS else line.x1
                continue
            if line is not None:
                found.append(line)
            line = Line(text, x0, x1, top, float(char["size"]))  # type: ignore[arg-type]
        if line is not None:
            found.append(line)
    return found


@dataclass(frozen=True)
class Break:
    page: int
    left: str  # the Thai run up to the line's end, with earlier lines it continues
    right: str  # the Thai run from the next line's start

    def __str__(self) -> str:
        return f"page {self.page}: …{self.left[-20:]} | {self.right[:20]}…"


def corpus(*folders: Path) -> str:
    """The texts a report is made of: its sources and templates, digits as printed."""
    from aplan.thai import Digits

    files = [f for d in folders for f in sorted(d.rglob("*")) if f.suffix in (".yaml", ".j2")]
    return "\n".join(Digits()(f.read_text(encoding="utf-8")) for f in files)


def thai_breaks(pdf: Path | bytes, texts: str) -> list[Break]:
    """Every line end between two Thai letters inside one source text, with the whole Thai run
    around it. Two lines whose meeting letters do not follow each other in ``texts`` are not
    one text wrapped (two list items, two table cells), so they are not a break."""
    found: list[Break] = []
    following: dict[int, Line] = {}
    pages = list(lines(pdf))
    for page in pages:
        for line in page:
            if line.before is not None:
                following[id(line.before)] = line
    for number, page in enumerate(pages, 1):
        for line in page:
            before = line.before
            if before is None or not (_SA.match(before.text[-1]) and _SA.match(line.text[0])):
                continue
            left = _TAIL.search(before.text)
            right = _HEAD.search(line.text)
            assert left and right
            left_run, right_run = left.group(), right.group()
            walk = before
            while left_run == walk.text and walk.before and _TAIL.search(walk.before.text):
                walk = walk.before
                left_run = _TAIL.search(walk.text).group() + left_run  # type: ignore[union-attr]
            walk = line
            while right_run.endswith(walk.text) and id(walk) in following:
                walk = following[id(walk)]
                more = _HEAD.search(walk.text)
                if not more:
                    break
                right_run += more.group()
            if left_run[-8:] + right_run[:8] in texts:
                found.append(Break(number, left_run, right_run))
    return found


def inside_words(breaks: list[Break], breaker: Breaker) -> list[str]:
    """The breaks that fall inside a word, as the segmenter reads the whole run."""
    bad = []
    for each in breaks:
        words = breaker.words(each.left + each.right)
        ends, position = set(), 0
        for word in words:
            position += len(word)
            ends.add(position)
        if len(each.left) not in ends:
            bad.append(f"{each} ({'/'.join(words)})")
    return bad


def test_no_line_of_the_h1_report_breaks_inside_a_word(h1_pdf: Path) -> None:
    data, _ = load_dataset(DATA)
    breaks = thai_breaks(h1_pdf, corpus(DATA, REPO / "templates"))
    assert len(breaks) > 300  # the report's Thai lines were found
    assert inside_words(breaks, Breaker(data_words(data))) == []


def test_the_example_office_breaks_between_words_too(tmp_path: Path) -> None:
    from aplan.build import build_pdf
    from aplan.period import PERIODS

    output = tmp_path / "spm.pdf"
    assert build_pdf(SPM, PERIODS["h1"], output).problems == []
    data, _ = load_dataset(SPM)
    breaks = thai_breaks(output, corpus(SPM, REPO / "templates"))
    assert len(breaks) > 15
    assert inside_words(breaks, Breaker(data_words(data))) == []


def test_steering_characters_never_reach_the_text_layer(h1_pdf: Path) -> None:

    pypdf_text = pdf_text(h1_pdf, "")
    poppler = subprocess.run(
        ["pdftotext", str(h1_pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    for text in (pypdf_text, poppler):
        assert WJ not in text and ZWSP not in text
    assert "พิริยะกิตติการ" in poppler and "พฤศจิกายน" in poppler


def test_bookmarks_and_structure_hold_no_steering_characters(h1_pdf: Path) -> None:
    import pikepdf

    with pikepdf.open(h1_pdf) as document:
        strings = [
            str(value)
            for obj in document.objects
            if isinstance(obj, pikepdf.Dictionary)
            for value in obj.values()
            if isinstance(value, pikepdf.String)
        ]
    assert any("ข้อมูลทั่วไป" in text for text in strings)
    assert not [text for text in strings if WJ in text or ZWSP in text]


# --- a stress test: long names in narrow cells, long titles, several widths ----------------------

NAMES = ["นางสาวพิริยะกิตติการ วงศ์สวัสดิ์สกุลชัย", "นายศรัณยพงษ์ เนตรสมานนท์"]
TITLE = (
    "โครงการพัฒนาศักยภาพข้าราชการครูและบุคลากรทางการศึกษาในสังกัดสำนักงานเขตพื้นที่การศึกษา"
    "ประถมศึกษาจันทบุรี เขต ๒ ประจำปีงบประมาณ พ.ศ. ๒๕๖๗ เมื่อวันที่ ๒๘ พฤศจิกายน ๒๕๖๖ จำนวน ๑๒๐ คน"
    " คิดเป็นร้อยละ ๘๕.๕๐ ของกลุ่มเป้าหมาย (“ครูมืออาชีพ”) และเทคโนโลยีสารสนเทศและการสื่อสาร"
)


def test_narrow_cells_and_many_widths_break_only_between_words() -> None:
    import typst

    from aplan.render.compile import sarabun_folder
    from aplan.render.pdftext import fix_thai_text
    from aplan.render.typst_text import markup, string_literal

    breaker = Breaker(["พิริยะกิตติการ", "วงศ์สวัสดิ์สกุลชัย", "ศรัณยพงษ์", "เนตรสมานนท์"])
    widths = [f"{w}cm" for w in (3, 4.5, 6, 8, 11, 16)]
    cells = ", ".join(f"[{markup(breaker.steer(name))}]" for name in NAMES * 3)
    body = "\n".join(
        f"#block(width: {w}, par(justify: true, {string_literal(breaker.steer(TITLE))}))"
        for w in widths
    )
    source = (
        '#set text(font: "Sarabun", lang: "th", size: 11pt)\n'
        "#set page(width: 18cm, height: auto, margin: 1cm)\n"
        "#set par(linebreaks: \"optimized\")\n"
        f"#table(columns: (2.2cm,) * 6, {cells})\n{body}\n"
    )
    pdf = fix_thai_text(
        typst.compile(source.encode(), font_paths=[str(sarabun_folder())], ignore_system_fonts=True)
    )
    breaks = thai_breaks(pdf, "\n".join([TITLE, *NAMES]))
    assert len(breaks) > 20
    assert inside_words(breaks, breaker) == []


def test_the_segmenter_loads_only_when_text_is_steered() -> None:
    """Rendering imports the breaker; nlpO3 and its dictionary load at the first Thai run."""
    code = (
        "import sys\nfrom aplan.render import report\n"
        "print('nlpo3' in sys.modules, 'pythainlp' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["False", "False"]


_DICTIONARY_WORDS = sorted(base_words())


@settings(deadline=None, max_examples=60)
@given(
    st.lists(
        st.lists(
            st.one_of(
                st.sampled_from(_DICTIONARY_WORDS),
                st.text(alphabet="กขคงจชดตนบปมยรลวสหอาิีุูเแโไ่้ๆฯำั็์", min_size=1, max_size=4),
            ),
            min_size=1,
            max_size=8,
        ).map("".join),
        min_size=1,
        max_size=6,
    )
)
def test_the_phrases_dictionary_segments_as_the_whole_list(phrases: list[str]) -> None:
    """The data's unknown words are found with only the base words inside its phrases
    (_base_segmenter): each run must come out as the whole list cuts it."""
    runs = frozenset(m.group() for p in phrases for m in THAI_RUN.finditer(p))
    segment, whole = _base_segmenter(runs), Breaker()
    assert {run: segment(run) for run in runs} == {run: whole.words(run) for run in runs}
