"""The printed report: build it once, then read it as a person and a screen reader would."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader

from aplan.build import build_pdf
from aplan.period import PERIODS
from aplan.render.links import printed_text
from aplan.render.pdftext import _parse_cmap
from aplan.thai import Digits
from aplan.validate import validate

from .conftest import DATA, NASTY_TITLE, DataCopy, Variant
from .extract import pdf_text

THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


def squash(text: str) -> str:
    """Text without whitespace: line breaks fall anywhere in Thai, which has few spaces."""
    return re.sub(r"\s+", "", text)


def test_every_project_title_is_printed(h1_text: str) -> None:
    data, _ = validate(DATA)
    for project in data.projects:
        assert squash(project.model.title.translate(THAI)) in squash(h1_text)


@pytest.mark.parametrize(
    "figure",
    [
        "๑,๑๒๑,๙๙๐",
        "๓,๘๗๘,๐๑๐",
        "๕,๐๐๐,๐๐๐",
        "๒,๐๐๐,๐๐๐",  # allocation and parts
        "๒๒๐,๗๒๐",
        "๓๐,๔๕๕",
        "๑๒๐,๘๘๕",
        "๓๔๒,๒๗๐",
        "๗๙,๙๖๐",
        "๑๕๔,๗๕๐",
        "๑๔๑,๙๙๐",
        "๔,๖๘๐",
        "๒๖,๒๘๐",  # group subtotals
        "๒,๖๖๔,๕๐๐",
        "๗๖๒,๕๐๐",
        "๔๖๒,๐๐๐",
        "๗๗๑,๐๐๐",  # table 1 subtotals
        "๘๒,๔๕๑,๒๔๓.๐๐",
        "๗๔,๗๐๕,๕๑๕.๒๔",
        "๗,๗๔๕,๗๒๗.๗๖",  # table 2 totals
        "๑,๕๒๓,๒๗๓.๔๓",
        "๔,๑๐๑,๒๙๗.๐๙",  # table 2 remaining
        "๕๐.๖๓",
        "๓๙.๑๔",
        "๕๕.๒๙",  # computed percentages
    ],
)
def test_computed_figures_are_printed(h1_text: str, figure: str) -> None:
    assert figure in h1_text


@pytest.mark.parametrize(
    "heading",
    [
        "ส่วนที่ ๑",
        "ข้อมูลพื้นฐาน",
        "ส่วนที่ ๒",
        "ทิศทางการบริหารการพัฒนาการศึกษา",
        "ส่วนที่ ๓",
        "แผนงาน / โครงการและงบประมาณ",
        "ส่วนที่ ๔",
        "พระบรมราโชบายด้านการศึกษา",
        "คำนำ",
        "สารบัญ",
        "ตารางที่ ๑",
        "ตารางที่ ๒",
        "ตารางที่ ๓",
    ],
)
def test_headings_are_printed(h1_text: str, heading: str) -> None:
    assert squash(heading) in squash(h1_text)


def test_cover_names_our_office(h1_text: str) -> None:
    first_page = h1_text.split("\n")[:12]
    assert "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาจันทบุรี เขต ๒" in "\n".join(first_page)
    assert "ร้อยเอ็ด" not in h1_text


def test_no_arabic_digits_outside_latin_words(h1_text: str) -> None:
    # The identity acronym C-H-A-N-2 is Latin: its letter "2" is printed as typed.
    assert "2 = Knowledge and Moral" in h1_text
    text = h1_text.replace("2 = Knowledge and Moral", "")
    without_latin_words = re.sub(r"[A-Za-z0-9./:-]*[A-Za-z][A-Za-z0-9./:-]*", "", text)
    assert re.findall(r"[0-9][0-9,.]*", without_latin_words) == []


def test_extracted_thai_equals_the_source(h1_text: str) -> None:
    for word in ("รวมทั้งสิ้น", "ซึ่ง", "ทั้ง", "ที่", "ผู้อำนวยการ", "กิจกรรม"):
        assert word in h1_text
    for doubled in ("ทั้ทั้ง", "ซึ่ซึ่ง"):
        assert doubled not in h1_text


def test_only_sarabun_is_embedded(h1_pdf: Path) -> None:
    fonts = set()
    for page in PdfReader(h1_pdf).pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert fonts and all("Sarabun" in name for name in fonts), fonts


def test_metadata(h1_pdf: Path) -> None:
    reader = PdfReader(h1_pdf)
    meta = reader.metadata
    assert meta is not None
    assert meta.title is not None and "รอบ ๖ เดือน" in meta.title
    assert meta.author == "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาจันทบุรี เขต ๒"
    assert reader.outline, "bookmarks come from the headings"
    root = reader.trailer["/Root"]
    assert root.get("/Lang") == "th-TH" or str(root.get("/Lang")).startswith("th")
    assert "/StructTreeRoot" in root, "tagged PDF"
    assert b"pdfaid:part" in h1_pdf.read_bytes() or b"pdfaid" in h1_pdf.read_bytes()


def test_rebuild_is_byte_identical(
    h1_pdf: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)  # as h1_pdf was built
    again = tmp_path / "again.pdf"
    build_pdf(DATA, PERIODS["h1"], again)
    assert again.read_bytes() == h1_pdf.read_bytes()


def test_failed_build_leaves_the_old_pdf(data_copy: DataCopy, tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    output = tmp_path / "out" / "report.pdf"
    output.write_bytes(b"old report")
    data_copy.edit("projects/12-ict.yaml", "group: ict", "group: itc")
    outcome = build_pdf(data_copy.root, PERIODS["h1"], output)
    assert outcome.pdf is None
    assert [p.code for p in outcome.problems] == ["unknown-group"]
    assert output.read_bytes() == b"old report"
    assert list(output.parent.iterdir()) == [output], "no temporary file is left behind"


def test_markup_in_data_is_printed_literally(h1_variant: Variant) -> None:
    nasty = NASTY_TITLE
    output, outcome = h1_variant.pdf, h1_variant
    assert [p.human() for p in outcome.problems] == []
    text = pdf_text(output.read_bytes())
    printed = Digits("thai")(nasty)  # digits print as Thai: "$x^2$" shows as "$x^๒$"
    assert "$x^๒$" in printed
    assert squash(printed) in squash(text)


def test_q1_builds_and_says_it_has_no_disbursement(tmp_path: Path) -> None:
    output = tmp_path / "q1.pdf"
    outcome = build_pdf(DATA, PERIODS["q1"], output)
    assert [p.code for p in outcome.problems] == ["period-data", "no-preface"]
    text = pdf_text(output)
    assert "ไตรมาสที่ ๑" in text
    assert "คำนำ" not in text, "the preface is written for h1 only"
    assert squash("ยังไม่มีข้อมูลผลการเบิกจ่ายสำหรับไตรมาสที่ ๑") in squash(text)
    assert squash("ผลการดำเนินงานไตรมาสที่ ๒") not in squash(text)


def test_fy_draft_says_which_groups_have_not_reported(tmp_path: Path) -> None:
    """data/2567 has the 6-month round only: its fy report is a draft that says so."""
    output = tmp_path / "fy.pdf"
    outcome = build_pdf(DATA, PERIODS["fy"], output)
    assert outcome.pdf is not None
    assert [p for p in outcome.problems if p.severity == "error"] == []
    late = [p for p in outcome.problems if p.code == "not-reported"]
    assert len(late) == 14 + 9, "every project, and every group that has projects"
    text = squash(pdf_text(output))
    assert squash("ร่าง: กลุ่มที่ยังไม่ได้รายงานผลการดำเนินงานรอบ ๑๒ เดือน ครบทุกโครงการ") in text
    assert squash("กลุ่มอำนวยการ กลุ่มนโยบายและแผน") in text
    assert squash("งบประมาณที่ใช้ไปในไตรมาสที่ ๓ ยังไม่ได้รายงาน") in text
    assert squash("ผลการดำเนินงานไตรมาสที่ ๓ ยังไม่ได้รายงาน") in text
    assert text.count("ยังไม่ได้รายงาน") >= 14 * 4
    assert "รอบ๖เดือน" not in text.replace(squash("ARS รอบ ๖ เดือน"), "")


def test_arabic_digits_setting(data_copy: DataCopy, tmp_path: Path) -> None:
    data_copy.edit("report.yaml", "digits: thai", "digits: arabic")
    output = tmp_path / "arabic.pdf"
    outcome = build_pdf(data_copy.root, PERIODS["h1"], output)
    assert [p.human() for p in outcome.problems] == []
    text = pdf_text(output)
    assert "1,121,990" in text and "๑,๑๒๑,๙๙๐" not in text
    assert not re.search("[๐-๙]", text)


def _texts(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for v in value.values() for t in _texts(v)]
    if isinstance(value, list):
        return [t for v in value for t in _texts(v)]
    return []


def test_every_sentence_of_the_projects_extracts_as_typed(h1_text: str) -> None:
    """Copy-paste and search see the real words: every text of every project, verbatim."""
    data, _ = validate(DATA)
    printed = Digits("thai")
    haystack = squash(h1_text)
    missing = [
        text
        for project in data.projects
        for key in ("objectives", "targets", "results", "problems", "suggestions", "spent_note")
        for text in _texts(project.doc.data.get(key))
        if squash(printed_text(text, printed)) not in haystack
    ]
    assert missing == []


NOT_PRINTED = {"code", "kind", "side", "role", "group", "digits", "file"}


def _printed_texts(value: object) -> list[str]:
    if isinstance(value, dict):
        return [t for k, v in value.items() if k not in NOT_PRINTED for t in _printed_texts(v)]
    if isinstance(value, list):
        return [t for v in value for t in _printed_texts(v)]
    return _texts(value)


@pytest.mark.parametrize("name", ["report.yaml", "office.yaml", "direction.yaml", "budget.yaml"])
def test_every_text_of_the_office_files_extracts_as_typed(h1_text: str, name: str) -> None:
    data, _ = validate(DATA)
    doc = {
        "report.yaml": data.report,
        "office.yaml": data.office,
        "direction.yaml": data.direction,
        "budget.yaml": data.budget,
    }[name]
    assert doc is not None
    printed, haystack = Digits("thai"), squash(h1_text)
    texts = [t for t in _printed_texts(doc.doc.data) if not t.isdigit()]
    assert texts
    assert [t for t in texts if squash(printed(t)) not in haystack] == []


def test_page_labels_are_the_printed_page_numbers(h1_pdf: Path, h1_pages: list[str]) -> None:
    """A viewer's "go to page ๗" lands on the page whose header prints ๗."""
    reader = PdfReader(h1_pdf)
    printed = [text.split("\n", 1)[0].strip() for text in h1_pages]
    assert reader.page_labels[0] == "ปก"
    assert printed[1:4] == ["ก", "ข", "ค"] and printed[4] == "๑"
    assert reader.page_labels[1:] == printed[1:]
    assert printed[reader.page_labels.index("๗")] == "๗"


# PDF/A-2b, as far as the text-layer repair touches it (veraPDF cannot be installed here).


def _used_codes(pdf: pikepdf.Pdf) -> dict[tuple[int, int], set[int]]:
    """Every glyph code drawn, by font object."""
    used: dict[tuple[int, int], set[int]] = {}
    for page in pdf.pages:
        fonts = page.obj.Resources.Font
        font = None
        for operands, operator in pikepdf.parse_content_stream(page, "Tf TJ Tj"):
            if str(operator) == "Tf":
                font = fonts[str(operands[0])]
                continue
            assert font is not None
            items = operands[0] if str(operator) == "TJ" else [operands[0]]
            codes = b"".join(bytes(i) for i in items if isinstance(i, pikepdf.String))
            used.setdefault(font.objgen, set()).update(
                int.from_bytes(codes[k : k + 2], "big") for k in range(0, len(codes), 2)
            )
    return used


def test_fonts_are_embedded_with_a_unicode_map_for_every_glyph_drawn(h1_pdf: Path) -> None:
    with pikepdf.open(h1_pdf) as pdf:
        used = _used_codes(pdf)
        fonts = {f.objgen: f for p in pdf.pages for f in p.obj.Resources.Font.values()}
        assert set(used) <= set(fonts)
        for key, codes in used.items():
            font = fonts[key]
            descriptor = font.DescendantFonts[0].FontDescriptor
            assert "/FontFile2" in descriptor, font.BaseFont
            mapping = _parse_cmap(font.ToUnicode.read_bytes())
            assert sorted(codes - set(mapping)) == [], font.BaseFont


def test_no_glyph_drawn_maps_to_an_empty_string(h1_pdf: Path) -> None:
    with pikepdf.open(h1_pdf) as pdf:
        fonts = {f.objgen: f for p in pdf.pages for f in p.obj.Resources.Font.values()}
        for key, codes in _used_codes(pdf).items():
            mapping = _parse_cmap(fonts[key].ToUnicode.read_bytes())
            assert [code for code in sorted(codes) if not mapping.get(code)] == []


def test_xmp_metadata_is_kept_and_agrees_with_the_document_info(h1_pdf: Path) -> None:
    with pikepdf.open(h1_pdf) as pdf:
        xmp, info = pdf.open_metadata(), pdf.docinfo
        assert (xmp.get("pdfaid:part"), xmp.get("pdfaid:conformance")) == ("2", "B")
        assert xmp.get("dc:title") == str(info.Title)
        assert xmp.get("dc:creator") == [str(info.Author)]
        assert xmp.get("pdf:Keywords") == str(info.Keywords)
        assert xmp.get("xmp:CreatorTool") == str(info.Creator)
        assert "/Producer" not in info or xmp.get("pdf:Producer") == str(info.Producer)
        for key, date in (("xmp:CreateDate", info.CreationDate), ("xmp:ModifyDate", info.ModDate)):
            assert re.sub(r"\D", "", xmp.get(key)) == re.sub(r"\D", "", str(date))


def test_the_output_intent_is_present(h1_pdf: Path) -> None:
    with pikepdf.open(h1_pdf) as pdf:
        intents = list(pdf.Root.OutputIntents)
        assert [str(i.S) for i in intents] == ["/GTS_PDFA1"]
        assert intents[0].DestOutputProfile.N == 3
        assert pdf.pdf_version == "1.7"


FORBIDDEN_ACTIONS = {"/Launch", "/Sound", "/Movie", "/ResetForm", "/ImportData", "/JavaScript"}


def test_no_forbidden_action_or_transparency_is_present(h1_pdf: Path) -> None:
    with pikepdf.open(h1_pdf) as pdf:
        assert "/AA" not in pdf.Root and "/Names" not in pdf.Root
        for obj in pdf.objects:
            if not isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
                continue
            assert "/JavaScript" not in obj and "/AA" not in obj
            assert str(obj.get("/S", "")) not in FORBIDDEN_ACTIONS
            assert str(obj.get("/SMask", "/None")) == "/None"
            assert float(obj.get("/CA", 1)) == 1 and float(obj.get("/ca", 1)) == 1


def test_qpdf_finds_no_error(h1_pdf: Path) -> None:
    qpdf = shutil.which("qpdf")
    assert qpdf, "make test installs qpdf"
    result = subprocess.run([qpdf, "--check", str(h1_pdf)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors found" in result.stdout


def _extracted(h1_pdf: Path) -> dict[str, str]:
    """The report's text as pypdf, poppler and Ghostscript extract it, whitespace removed."""
    gs, pdftotext = shutil.which("gs"), shutil.which("pdftotext")
    assert gs and pdftotext, "make test installs ghostscript and poppler-utils"
    ghostscript = subprocess.run(
        [gs, "-q", "-dNOPAUSE", "-dBATCH", "-sDEVICE=txtwrite", "-sOutputFile=-", str(h1_pdf)],
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    poppler = subprocess.run([pdftotext, str(h1_pdf), "-"], capture_output=True, check=True)
    pypdf = pdf_text(h1_pdf, "")
    texts = {"ghostscript": ghostscript, "poppler": poppler.stdout.decode(), "pypdf": pypdf}
    return {name: squash(text) for name, text in texts.items()}


def test_ghostscript_poppler_and_pypdf_extract_the_same_characters(h1_pdf: Path) -> None:
    """No glyph maps to nothing (Ghostscript wrote a NUL for each SARA AM's nikhahit) or to
    more than it draws; Ghostscript orders marks by position, so only the characters and
    their counts are compared with it."""
    texts = _extracted(h1_pdf)
    assert "\x00" not in texts["ghostscript"]
    assert Counter(texts["ghostscript"]) == Counter(texts["pypdf"])
    for word in ("กำกับ", "ดำเนินงาน", "ประจำปี", "สำนักงาน", "ทั้ง", "ซึ่ง", "น้ำ"):
        assert texts["poppler"].count(word) == texts["pypdf"].count(word) > 0, word
    assert texts["poppler"].count("ำ") == texts["pypdf"].count("ำ")
