"""Web addresses in the data print as links, without the brackets typed round them, and
can never turn into markup."""

from __future__ import annotations

import io

import typst
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader

from aplan.render.compile import sarabun_folder
from aplan.render.links import linked_markup, printed_text, segments
from aplan.render.typst_text import markup


def test_bracketed_address_loses_its_brackets() -> None:
    assert segments("ช่องทาง <http://youtube.com/obectvonline> ครับ") == [
        (False, "ช่องทาง "),
        (True, "http://youtube.com/obectvonline"),
        (False, " ครับ"),
    ]


def test_a_sentence_ends_an_address_and_thai_is_not_part_of_it() -> None:
    assert segments("(ดู https://a.go.th/x).") == [
        (False, "(ดู "),
        (True, "https://a.go.th/x"),
        (False, ")."),
    ]
    assert segments("เว็บไซต์ www.chanarea2.go.thและเพจ") == [
        (False, "เว็บไซต์ "),
        (True, "www.chanarea2.go.th"),
        (False, "และเพจ"),
    ]


def test_text_without_an_address_is_one_plain_piece() -> None:
    assert segments("") == [(False, "")]
    assert segments("ไม่มีลิงก์ <ไม่ใช่> http:") == [(False, "ไม่มีลิงก์ <ไม่ใช่> http:")]


@given(st.text())
def test_only_the_brackets_round_an_address_are_dropped(text: str) -> None:
    pieces = segments(text)
    assert "".join(p for _, p in pieces) == printed_text(text, str)
    assert len(printed_text(text, str)) >= len(text) - 2 * sum(u for u, _ in pieces)


def test_an_address_prints_literally_and_links_to_itself() -> None:
    nasty = 'ดู <http://x.y/"];#panic("no")[*a*]> และ www.z.go.th/2567 #strong[b]'
    source = f'#set text(font: "Sarabun")\n{linked_markup(nasty, markup)}\n'
    pdf = typst.compile(
        source.encode(), font_paths=[str(sarabun_folder())], ignore_system_fonts=True
    )
    assert isinstance(pdf, bytes)
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    text = page.extract_text()
    assert 'http://x.y/"];#panic("no")[*a*]' in text and "#strong[b]" in text
    assert "<http" not in text
    uris = [a.get_object()["/A"]["/URI"] for a in page["/Annots"]]
    assert uris == ['http://x.y/"];#panic("no")[*a*]', "http://www.z.go.th/2567"]
