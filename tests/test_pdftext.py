"""The text-layer repair on hand-written content streams: what it patches and what it leaves."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aplan.render.pagelabels import labels
from aplan.render.pdftext import (
    _actual_texts_unsteered,
    _FontFix,
    _patch,
    _steered_objects,
    _unescape,
    _unsteer_strings,
)

KO, AA, NIKHAHIT, MAI_THO, SARA_I = "ก", "\u0e32", "\u0e4d", "\u0e49", "\u0e34"
TEXT = {1: KO, 2: AA, 3: NIKHAHIT, 4: MAI_THO, 5: SARA_I, 6: "x"}


def patch(stream: bytes) -> bytes | None:
    font = _FontFix(ok=True, text=TEXT, glyph_count=7)
    return _patch(stream, {b"f0": font}, {})[0]


def test_a_stream_without_marks_is_left_as_it_was() -> None:
    stream = b"BT 0 Tr/f0 11 Tf 1 0 0 -1 0 0 Tm[(\\000\\001)-9(\\000\\002)]TJ\nET"
    assert patch(stream) is None


def test_split_off_marks_outside_a_span_get_an_empty_actual_text() -> None:
    stream = b"BT/f0 11 Tf 1 0 0 -1 0 0 Tm(\\000\\001)Tj 1 0 0 -1 5 0 Tm(\\000\\004)Tj ET"
    assert patch(stream) == (
        b"BT/f0 11 Tf 1 0 0 -1 0 0 Tm(\\000\\001)Tj 1 0 0 -1 5 0 Tm"
        b"/Span<</ActualText()>>BDC (\\000\\004)Tj EMC  ET"
    )


def test_a_span_of_only_split_off_marks_is_blanked() -> None:
    stream = b"/Span<</ActualText<FEFF0E49>>>BDC 0 Tr/f0 11 Tf 1 0 0 -1 0 0 Tm[(\\000\\004)]TJ\nEMC"
    assert patch(stream) == (
        b"/Span<</ActualText()>>BDC 0 Tr/f0 11 Tf 1 0 0 -1 0 0 Tm[(\\000\\004)]TJ\nEMC"
    )


def test_a_span_with_its_base_letter_keeps_its_actual_text() -> None:
    stream = b"/Span<</ActualText<FEFF0E010E49>>>BDC/f0 11 Tf[(\\000\\001)(\\000\\004)]TJ EMC"
    assert patch(stream) is None


def test_sara_am_halves_become_one_composite_glyph() -> None:
    """Nikhahit + aa are drawn as one new glyph (code 7, the first after the font's own), so
    no glyph maps to nothing; the kerning around the nikhahit moves to before it."""
    stream = b"BT/f0 11 Tf 1 0 0 -1 0 0 Tm[(\\000\\001)9(\\000\\003)-9(\\000\\002\\000\\006)]TJ ET"
    assert patch(stream) == b"BT/f0 11 Tf 1 0 0 -1 0 0 Tm[<000100070006>]TJ ET"
    stream = b"BT/f0 11 Tf 1 0 0 -1 0 0 Tm[(\\000\\001)5(\\000\\003)-9(\\000\\002)]TJ ET"
    assert patch(stream) == b"BT/f0 11 Tf 1 0 0 -1 0 0 Tm[<0001> -4 <0007>]TJ ET"


def test_sara_am_split_across_runs_falls_back_to_the_alias_font() -> None:
    stream = (
        b"BT/f0 11 Tf 1 0 0 -1 0 0 Tm[(\\000\\001\\000\\003)]TJ"
        b" 1 0 0 -1 5 0 Tm(\\000\\004)Tj 1 0 0 -1 6 0 Tm(\\000\\002)Tj ET"
    )
    patched = patch(stream)
    assert patched is not None
    assert patched.count(b"/f0thaiam 11 Tf") == 3  # nikhahit, the tone mark and the aa


def test_other_fonts_and_look_alike_bytes_are_not_text_operators() -> None:
    stream = (
        b"/Artifact BMC BT/f9 11 Tf(\\000\\004)Tj/f0 11 Tf[(EMC\\) ]TJ)(\\000\\001)]TJ ET EMC"
        b" /DEMC 1 0 0 RG"
    )
    assert patch(stream) is None


@pytest.mark.parametrize(
    ("literal", "expected"),
    [
        (b"(\\000\\013)", b"\x00\x0b"),
        (b"(a\\\\\nb)", b"a\\\nb"),
        (b"(a\\\nb\\\r\nc\\\rd)", b"abcd"),
        (b"(\\1\\12\\123\\1234\\(\\)\\x)", b"\x01\n\x53\x534()x"),
        (b"(\\a\\x41\\v\\8)", b"ax41v8"),
        (b"(\\\\\\(\\\\\\\\\\)z)", b"\\(\\\\)z"),
    ],
)
def test_literal_strings_unescape_as_pdf_says(literal: bytes, expected: bytes) -> None:
    assert _unescape(literal) == expected


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ([None, "ก", "ข", "๑", "๒"], ["ปก", "ก", "ข", "๑", "๒"]),
        ([None, "ก", None, "๒", None, "๔"], ["ปก", "ก", "๑", "๒", "๓", "๔"]),
        ([None, "ก", None, None], ["ปก", "ก", "ข", "ค"]),
        (["1", None, "3"], ["1", "2", "3"]),
        ([None, None], ["ปก", "ปก"]),
    ],
)
def test_pages_without_a_printed_number_are_labelled_by_their_place(
    printed: list[str | None], expected: list[str]
) -> None:
    assert labels(printed) == expected


def actual_texts(stream: bytes) -> list[str]:
    """The text of each ``/ActualText`` string, however it is spelled."""
    found = []
    for hexa, literal in re.findall(rb"/ActualText\s*(?:<([^>]*)>|(\([^)]*\)))", stream):
        raw = bytes.fromhex(hexa.decode()) if literal == b"" else literal[1:-1]
        found.append(raw[2:].decode("utf-16-be") if raw[:2] == b"\xfe\xff" else raw.decode())
    return found


# With ภ (0E20) before them, 6020 and 0B9F hold a steering unit's digits out of step.
_UNIT_TEXT = st.sampled_from(["\u0e01", "\u0e20", "\u2060", "\u200b", "\u6020", "\u0b9f", "a"])


@given(
    st.lists(
        st.tuples(st.lists(_UNIT_TEXT, max_size=6), st.booleans(), st.sampled_from(["", " "])),
        max_size=6,
    )
)
def test_joiners_leave_actual_text_in_any_spelling(
    spans: list[tuple[list[str], bool, str]],
) -> None:
    """Typst's spelling is cleaned in one substitution (_actual_texts_unsteered); any other
    spelling (lower case, spaces) takes the slow path: both give the same text, and the
    kerning numbers and glyph strings around them stay as they were."""
    stream = b"BT "
    for units, upper, space in spans:
        text = "".join(units).encode("utf-16-be").hex()
        digits = (b"FEFF" + text.upper().encode()) if upper else (b"feff" + text.encode())
        stream += b"/Span<</ActualText" + space.encode() + b"<" + digits + b">>>BDC"
        stream += b" 0 Tr/f0 11 Tf 1 0 0 -1 12.2060 0 Tm[(\\000\\001)-20.2060<2060>]TJ EMC "
    stream += b"ET"
    cleaned = _actual_texts_unsteered(stream)
    expected = ["".join(u for u in units if u not in "\u2060\u200b") for units, _, _ in spans]
    assert actual_texts(cleaned or stream) == expected
    assert (cleaned or stream).count(b"12.2060 0 Tm[(\\000\\001)-20.2060<2060>]TJ") == len(spans)
    assert (cleaned is None) == all(u not in "\u2060\u200b" for s in spans for u in s[0])


def pdf_with_title(title: bytes) -> bytes:
    """A small PDF whose object 3 has ``title`` as its /Title and /T, as written."""
    bodies = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [] /Count 0 >>",
        b"<< /Title " + title + b" /T " + title + b" /Count 1 >>",
    ]
    out, offsets = b"%PDF-1.7\n", []
    for number, body in enumerate(bodies, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 4\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return out + b"trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref


@pytest.mark.parametrize(
    ("title", "walked"),
    [
        (b"<FEFF0E0120600E02200B>", False),  # Typst's: found in the file's bytes
        (b"<feff0e01200b0e02>", False),
        (b"<FEFF 0E01 2060 0E02>", True),  # any other spelling: every object is looked at
        (b"(\\376\\377\\016\\001\\040\\140\\016\\002)", True),
        (b"<EFBBBF" + "ก\u2060ข".encode().hex().encode() + b">", True),
    ],
)
def test_steering_leaves_strings_in_any_spelling(title: bytes, walked: bool) -> None:
    import io

    import pikepdf

    pdf = pdf_with_title(title)
    with pikepdf.open(io.BytesIO(pdf)) as document:
        assert (_steered_objects(document, pdf) is None) == walked
        _unsteer_strings(document, pdf)
        outline = document.get_object((3, 0))
        assert str(outline.Title) == str(outline.T) == "กข"
