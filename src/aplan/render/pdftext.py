"""Repair the text layer of Typst's PDFs so that Thai copies and extracts as typed.

Typst 0.15's PDF writer (krilla) maps each glyph in a font's ToUnicode to the whole cluster of
its first use (ท → "ทั้"), leaves the cluster's other glyphs unmapped, and relies on
``/ActualText`` spans, which pypdf, Preview and Firefox ignore; tone marks that GPOS moved are
emitted outside the span, so even poppler doubles them ("ทั้ทั้ง"; typst/typst#7610,
LaurenzV/krilla#411). The page picture is untouched; only the text layer is rebuilt:

1. ToUnicode is rebuilt one glyph → its own characters, from the glyph names that Sarabun's
   embedded subset keeps in its ``post`` table (uni0E17, uni0E49.small, …);
2. SARA AM is drawn as NIKHAHIT + SARA AA: those glyphs switch to an alias font resource (the
   same font program) whose ToUnicode maps nikhahit to nothing and the aa to "ำ";
3. Typst's ``/ActualText`` spans stay, but runs of split-off marks get an empty
   ``/ActualText`` so that readers that honour spans do not emit the marks twice.

Only 1–2 % of the drawing operators need a change, so the content streams are not parsed into
operators: one regular-expression pass finds the text operators (``Tf``, ``TJ``/``Tj``,
``BDC``/``BMC``/``EMC``), the affected runs are patched in place, and a stream with no patch
keeps its compressed bytes. Most runs are plain (no split-off mark, no nikhahit): a pattern
made per page from its fonts' codes steps over them without Python seeing each one
(_skip_pattern; tests/test_pdftext_skip.py checks it changes nothing). qpdf (pikepdf) reads
and writes the objects; fontTools adds the SARA AM glyphs without recompiling the others.
Fonts without glyph names (CFF, or no ``post`` names) are left as they are.
"""

from __future__ import annotations

import array
import codecs
import functools
import io
import re
import struct
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple, cast

import pikepdf
from fontTools.ttLib import TTFont
from fontTools.ttLib.sfnt import SFNTWriter
from fontTools.ttLib.tables._g_l_y_f import Glyph, GlyphComponent

from .pagelabels import set_page_labels

_THAI = re.compile(r"[\u0E00-\u0E7F]")
_UNI = re.compile(r"^uni((?:[0-9A-F]{4})+)(?:\..*)?$")
_U = re.compile(r"^u([0-9A-F]{4,6})(?:\..*)?$")
SARA_AA, NIKHAHIT, SARA_AM = "\u0e32", "\u0e4d", "\u0e33"
_MARKS = frozenset(
    "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a"
    "\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e"
)
_ALIAS_SUFFIX = "thaiam"
# zlib's level for the patched page streams: at 4 they take 60 % of level 6's time (the
# default) and are 13 % larger (data/2567: 16 ms and 393 kB against 26 ms and 348 kB).
_LEVEL = 4

# Content-stream syntax, as far as the repair needs it (PDF 32000-1, 7.2 and 7.8).
_NAME = rb"/[^\s/\[\]()<>{}%]*"
_LITERAL = rb"\([^()\\]*(?:\\.[^()\\]*)*\)"
_HEX = rb"<[0-9A-Fa-f\s]*>"
_DICT = rb"<<[^<>()]*(?:(?:" + _LITERAL + rb"|" + _HEX + rb")[^<>()]*)*>>"
_NAME_BODY = rb"[^\s/\[\]()<>{}%]*"
_NUMBER = rb"[-+.\d]+"
# Between Typst's Tf, Tm, BDC and the text they set up: numbers and operators only, none that
# opens or closes a text object or marked content (BT, ET, BDC, EMC contain a B or an E).
# Possessive: what follows a gap begins with a character the gap excludes.
_GAP = rb"[^\[(<>/%BE]*+"
_RUN = (
    rb"(?:\[[^\]()]*(?:" + _LITERAL + rb"[^\]()]*)*\]\s*TJ"
    rb"|" + _LITERAL + rb"\s*Tj|" + _HEX + rb"\s*Tj)"
)
_SET_FONT = rb"/(?P<{0}font>" + _NAME_BODY + rb")\s+(?P<{0}size>" + _NUMBER + rb")\s+Tf"
# One scan finds the text operators. Each branch begins with a literal character, so the
# scan skips to the next of them; an empty group at a branch's end names what was found. The
# first two branches take Typst's usual shapes whole: a span with one run, a font and a run.
_TOKENS = re.compile(
    rb"/" + _NAME_BODY + rb"\s*(?P<sprops>" + _DICT + rb")\s*BDC" + _GAP
    + rb"(?:" + _SET_FONT.replace(b"{0}", b"s") + _GAP + rb")?"
    rb"(?P<sops>" + _RUN + rb")\s*EMC(?P<SPAN>)"
    rb"|" + _SET_FONT.replace(b"{0}", b"t") + rb"(?:" + _GAP + rb"(?P<tops>" + _RUN + rb")"
    rb"(?P<FONTRUN>)|(?P<FONT>))"
    rb"|\[[^\]()]*(?:" + _LITERAL + rb"[^\]()]*)*\]\s*TJ(?P<RUN>)"
    rb"|" + _LITERAL + rb"\s*(?:Tj(?P<RUN1>))?"
    rb"|" + _HEX + rb"\s*Tj(?P<RUN2>)"
    rb"|/" + _NAME_BODY + rb"\s*(?P<props>" + _DICT + rb"|" + _NAME + rb")\s*BDC(?P<BDC>)"
    rb"|B(?:[MD]C(?P<BMC>)|I\b.*?\sEI(?=\s|$))"
    rb"|EMC(?P<EMC>)",
    re.S,
)
_DELIMITERS = frozenset(b" \t\r\n\f\0()<>[]{}/%")
_STRINGS = re.compile(_LITERAL + rb"|" + _HEX, re.S)
_ITEMS = re.compile(rb"(" + _LITERAL + rb")|(" + _HEX + rb")|([-+.\d]+)", re.S)
_ACTUAL_TEXT = re.compile(rb"(/ActualText\s*)(?:" + _LITERAL + rb"|" + _HEX + rb")", re.S)
_PYTHON_ESCAPES = re.compile(rb"(?:[^\\]|\\[0-7nrtbf\\\n])*", re.S)
_ESCAPE = re.compile(rb"\\([0-7]{1,3}|\r\n|.)", re.S)


def fix_thai_text(pdf: bytes) -> bytes:
    """The same PDF with a text layer that extracts exactly; deterministic for equal input."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        fixes: dict[tuple[int, int], _FontFix] = {}
        runs: _Cache = {}
        forms: set[tuple[int, int]] = set()
        printed = [_fix_owner(document, page.obj, fixes, runs, forms) for page in document.pages]
        for fix in fixes.values():
            if fix.ok:
                _finish_font(document, fix)
        set_page_labels(document, [label.strip() or None for label in printed])
        _unsteer_strings(document, pdf)
        buffer = io.BytesIO()
        # Typst's XMP is kept as written: the PDF version does not change.
        document.save(buffer, deterministic_id=True, fix_metadata_version=False)
    return buffer.getvalue()


_STEERING = {0x2060: None, 0x200B: None}  # aplan's line-break steering (render.linebreak)


def _unsteered(text: str) -> str:
    """Text without the joiners and zero-width spaces that steered Typst's line breaking:
    Typst gives each glyph the text of its cluster, steering characters included."""
    return text.translate(_STEERING)


_ACTUAL_HEX = re.compile(rb"(/ActualText\s*<)([0-9A-Fa-f\s]*)(>)")
_UNITS = re.compile(rb"(?:FEFF|feff)(?:[0-9A-Fa-f]{4})*")
_UNIT = re.compile(rb"[0-9A-Fa-f]{4}")
_STEERING_UNITS = frozenset(  # UTF-16 code units of the steering characters, in hex
    f"{code:04{case}}".encode() for code in _STEERING for case in "xX"
)


def _actual_texts_unsteered(data: bytes) -> bytes | None:
    """The stream with steering characters dropped from its ``/ActualText`` strings (Typst
    writes them in hex), or None when it holds none.

    Typst's spelling (``<FEFF`` and whole code units; a literal string for ASCII text) is
    cleaned without a Python call per string (most strings hold a joiner): the hex strings
    are cut out, joined, cleaned by one substitution and put back. A stream with any other
    spelling takes the slow path.
    """
    parts = _TYPST_ACTUAL.split(data)
    strings = parts[1::2]
    others = data.count(b"/ActualText") - len(strings)
    if others and others != len(_BYTE_ACTUAL.findall(data)):
        return _actual_texts_unsteered_slowly(data)
    joined = b"\0".join(strings)
    cleaned = _STEERING_UNIT.sub(b"", joined)
    if len(cleaned) == len(joined):
        return None
    parts[1::2] = cleaned.split(b"\0")
    return b"".join(parts)


_TYPST_ACTUAL = re.compile(rb"(/ActualText<(?:FEFF|feff)(?:[0-9A-Fa-f]{4})*>)")
# A literal string in PDFDocEncoding (no byte order mark), which has no steering characters.
_BYTE_ACTUAL = re.compile(rb"/ActualText\((?!\\376\\377|\xfe\xff)")
# A steering character's code unit, four digits from the string's end times a whole number.
_STEERING_UNIT = re.compile(rb"20(?:60|0[Bb])(?=(?:[0-9A-Fa-f]{4})*>)")


def _actual_texts_unsteered_slowly(data: bytes) -> bytes | None:
    """_actual_texts_unsteered for any spelling of the strings, one at a time."""
    if not any(code in data for code in (b"2060", b"200b", b"200B")):
        return None
    changed = False

    def clean(match: re.Match[bytes]) -> bytes:
        nonlocal changed
        digits = match.group(2)
        if _UNITS.fullmatch(digits):  # Typst's spelling: FEFF and whole code units
            units = _UNIT.findall(digits, 4)
            kept = [unit for unit in units if unit not in _STEERING_UNITS]
            if len(kept) == len(units):
                return match.group(0)
            changed = True
            return match.group(1) + b"feff" + b"".join(kept).lower() + match.group(3)
        digits = re.sub(rb"\s", b"", digits)
        raw = bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode())
        if raw[:2] != b"\xfe\xff":
            return match.group(0)
        text = raw[2:].decode("utf-16-be", "replace")
        if text == _unsteered(text):
            return match.group(0)
        changed = True
        value = b"feff" + _unsteered(text).encode("utf-16-be").hex().encode()
        return match.group(1) + value + match.group(3)

    cleaned = _ACTUAL_HEX.sub(clean, data)
    return cleaned if changed else None


def _unsteer_strings(document: pikepdf.Pdf, pdf: bytes) -> None:
    """Bookmarks, structure titles and link descriptions without steering characters: Typst
    copies headings' text, joiners included, into ``/Title``, ``/T`` and ``/Contents``."""
    steered = _steered_objects(document, pdf)
    for obj in document.objects if steered is None else steered:
        if not isinstance(obj, pikepdf.Dictionary):
            continue
        for key, value in obj.items():
            if isinstance(value, pikepdf.String):
                text = str(value)
                if text != _unsteered(text):
                    obj[key] = pikepdf.String(_unsteered(text))


# Typst writes every object in the open and text strings in hex: UTF-16 with its byte order
# mark, whole code units. A steered one holds a steering character's unit.
_STEERED_STRING = re.compile(rb"<[Ff][Ee][Ff][Ff](?:[0-9A-Fa-f]{4})*?20(?:60|0[Bb])")
# What the search above would miss: objects in streams, text spelt otherwise (a literal
# string with a byte order mark, spaces in a hex one, UTF-8). Specific enough not to turn up
# by chance in compressed streams, where a false find only costs the walk over every object.
_HIDDEN_TEXT = re.compile(
    rb"/ObjStm|/Encrypt|\((?:\\376\\377|\xfe\xff|\\357\\273\\277|\xef\xbb\xbf)"
    rb"|<(?=\s*[Ff]\s*[Ee]\s*[Ff]\s*[Ff])[0-9A-Fa-f]*\s"
    rb"|<\s*[Ee]\s*[Ff]\s*[Bb]\s*[Bb]\s*[Bb]\s*[Ff]"
)
_OBJECT = re.compile(rb"(\d+)\s+(\d+)\s+obj\b")


def _steered_objects(document: pikepdf.Pdf, pdf: bytes) -> list[pikepdf.Object] | None:
    """The objects whose strings may hold steering characters, found in the file's bytes so
    as not to walk its 3,000 objects; None when the bytes may not show them all."""
    if _HIDDEN_TEXT.search(pdf):
        return None
    found: dict[tuple[int, int], pikepdf.Object] = {}
    for match in _STEERED_STRING.finditer(pdf):
        start = pdf.rfind(b"obj", 0, match.start())
        header = _OBJECT.search(pdf, max(0, start - 24), start + 3) if start >= 0 else None
        if header is None:
            return None
        key = (int(header[1]), int(header[2]))
        if key not in found:
            found[key] = document.get_object(key)
    return list(found.values())


def _post_names(font: bytes) -> list[str] | None:
    """Glyph names from a TrueType ``post`` table (format 2), by glyph id."""
    tables = struct.unpack(">H", font[4:6])[0]
    directory = {
        font[12 + 16 * i : 16 + 16 * i]: struct.unpack(">II", font[20 + 16 * i : 28 + 16 * i])
        for i in range(tables)
    }
    if b"post" not in directory:
        return None
    offset, length = directory[b"post"]
    post = font[offset : offset + length]
    if post[:4] != b"\x00\x02\x00\x00":
        return None
    count = struct.unpack(">H", post[32:34])[0]
    indexes = struct.unpack(f">{count}H", post[34 : 34 + 2 * count])
    position, extra = 34 + 2 * count, []
    while position < len(post):
        size = post[position]
        extra.append(post[position + 1 : position + 1 + size].decode("latin1"))
        position += 1 + size
    return [extra[i - 258] if i >= 258 else "" for i in indexes]


def _name_text(name: str) -> str | None:
    match = _UNI.match(name)
    if match:
        code = match.group(1)
        return "".join(chr(int(code[i : i + 4], 16)) for i in range(0, len(code), 4))
    match = _U.match(name)
    return chr(int(match.group(1), 16)) if match else None


def _parse_cmap(data: bytes) -> dict[int, str]:
    text, mapping = data.decode("latin1"), {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        for source, target in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
            mapping[int(source, 16)] = bytes.fromhex(target).decode("utf-16-be")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
        pattern = r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>"
        for first, last, target in re.findall(pattern, block):
            base = bytes.fromhex(target).decode("utf-16-be")
            for i, code in enumerate(range(int(first, 16), int(last, 16) + 1)):
                mapping[code] = base[:-1] + chr(ord(base[-1]) + i)
    return mapping


def _cmap(mapping: dict[int, str]) -> bytes:
    lines: list[str] = []
    items = sorted(mapping.items())
    for start in range(0, len(items), 100):
        chunk = items[start : start + 100]
        lines.append(f"{len(chunk)} beginbfchar")
        lines += [f"<{c:04X}> <{t.encode('utf-16-be').hex().upper()}>" for c, t in chunk]
        lines.append("endbfchar")
    return (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
        + "\n".join(lines)
        + "\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
    ).encode()


@dataclass
class _FontFix:
    """The rebuilt maps of one Type0 font, and its alias for the halves of SARA AM."""

    ok: bool
    text: dict[int, str] = field(default_factory=dict)
    alias: pikepdf.Object | None = None
    alias_text: dict[int, str] = field(default_factory=dict)
    font: pikepdf.Object | None = None
    widths: dict[int, Decimal] = field(default_factory=dict)  # by code, from /W
    glyph_count: int = 0
    # (nikhahit code, aa code, nikhahit's offset) → code of a glyph drawing both
    composites: dict[tuple[int, int, int], int] = field(default_factory=dict)
    by_code: dict[bytes, str] = field(default_factory=dict)  # two-byte code → text
    mark_codes: frozenset[int] = frozenset()  # glyphs that are marks only
    am_codes: frozenset[int] = frozenset()  # glyphs that may be a half of SARA AM
    nikhahit_codes: frozenset[int] = frozenset()  # glyphs that draw a nikhahit

    def composite(self, nikhahit: int, aa: int, offset: int) -> int:
        """The code of a new glyph that draws SARA AM whole; the glyph is added on finishing."""
        key = (nikhahit, aa, offset)
        if key not in self.composites:
            self.composites[key] = self.glyph_count + len(self.composites)
        return self.composites[key]

    def __post_init__(self) -> None:
        self.by_code = {code.to_bytes(2, "big"): text for code, text in self.text.items()}
        self.mark_codes = frozenset(
            code for code, text in self.text.items() if text and set(text) <= _MARKS
        )
        self.am_codes = frozenset(
            code for code, text in self.text.items() if NIKHAHIT in text or text == SARA_AA
        )
        self.nikhahit_codes = frozenset(
            code for code, text in self.text.items() if NIKHAHIT in text
        )


def _font_fix(document: pikepdf.Pdf, font: pikepdf.Dictionary) -> _FontFix:
    descriptor = font.DescendantFonts[0].FontDescriptor
    program = descriptor.get("/FontFile2")
    names = _post_names(program.read_bytes()) if program is not None else None
    if not names:
        return _FontFix(ok=False)
    unicode = font.get("/ToUnicode")
    text = _parse_cmap(unicode.read_bytes()) if unicode is not None else {}
    text = {cid: _unsteered(glyph_text) for cid, glyph_text in text.items()}
    for cid, name in enumerate(names):
        glyph_text = _name_text(name)
        if glyph_text and _THAI.search(glyph_text):
            text[cid] = glyph_text
    alias_text = dict(text)
    for cid, glyph_text in text.items():
        if NIKHAHIT in glyph_text:
            alias_text[cid] = glyph_text.replace(NIKHAHIT, "")
        elif glyph_text == SARA_AA:
            alias_text[cid] = SARA_AM
    alias = pikepdf.Dictionary({k: v for k, v in font.items() if k != "/ToUnicode"})
    return _FontFix(
        ok=True,
        text=text,
        alias=document.make_indirect(alias),
        alias_text=alias_text,
        font=font,
        widths=_widths(font.DescendantFonts[0]),
        glyph_count=len(names),
    )


def _widths(cid_font: pikepdf.Object) -> dict[int, Decimal]:
    widths: dict[int, Decimal] = {}
    items = list(cid_font.get("/W", []))
    i = 0
    while i < len(items):
        first = int(items[i])
        if isinstance(items[i + 1], pikepdf.Array):
            for k, width in enumerate(items[i + 1]):
                widths[first + k] = Decimal(str(width))
            i += 2
        else:
            for code in range(first, int(items[i + 1]) + 1):
                widths[code] = Decimal(str(items[i + 2]))
            i += 3
    return widths


def _finish_font(document: pikepdf.Pdf, fix: _FontFix) -> None:
    """Write the font's maps, and add the glyphs that draw SARA AM whole to its program.

    Each new glyph is a TrueType composite of the nikhahit glyph (at the offset the shaper gave
    it) and the aa glyph, with the aa's advance; it maps to SARA AM, so no glyph drawn maps to
    nothing.
    """
    assert fix.font is not None and fix.alias is not None
    text, alias_text = dict(fix.text), dict(fix.alias_text)
    if fix.composites:
        cid_font = fix.font.DescendantFonts[0]
        descriptor = cid_font.FontDescriptor
        # The font's other glyphs are copied as they are, not decompiled and compiled again:
        # only the limits the new glyphs may raise are updated (_grow_limits).
        program = TTFont(
            io.BytesIO(descriptor.FontFile2.read_bytes()),
            recalcBBoxes=False,
            recalcTimestamp=False,
        )
        order = program.getGlyphOrder()
        glyf, hmtx = program["glyf"], program["hmtx"]
        scale = Decimal(program["head"].unitsPerEm) / 1000
        new_widths: list[object] = []
        for (nikhahit, aa, offset), code in sorted(fix.composites.items(), key=lambda i: i[1]):
            glyph_text = SARA_AM
            name = f"uni0E33.aplan{code}"
            glyph = Glyph()
            glyph.numberOfContours = -1
            glyph.components = []
            for source, x in ((order[aa], 0), (order[nikhahit], round(offset * scale))):
                component = GlyphComponent()
                component.glyphName, component.x, component.y = source, x, 0
                component.flags = 0x4  # ROUND_XY_TO_GRID
                glyph.components.append(component)
            glyph.components[0].flags |= 0x200  # USE_MY_METRICS: the aa's advance
            order.append(name)
            glyf.glyphs[name] = glyph
            hmtx.metrics[name] = hmtx.metrics[order[aa]]
            _grow_limits(program, glyph, hmtx.metrics[name][1])
            text[code] = alias_text[code] = glyph_text
            new_widths += [code, pikepdf.Array([fix.widths.get(aa, 0)])]
        program.setGlyphOrder(order)
        glyf.glyphOrder = order
        descriptor.FontFile2 = document.make_stream(_font_bytes(program))
        cid_font.W = pikepdf.Array([*cid_font.get("/W", []), *new_widths])
        if "/CIDSet" in descriptor:
            cids = bytearray(descriptor.CIDSet.read_bytes())
            for code in fix.composites.values():
                cids.extend(b"\0" * (code // 8 + 1 - len(cids)))
                cids[code // 8] |= 0x80 >> (code % 8)
            descriptor.CIDSet = document.make_stream(bytes(cids))
    fix.font.ToUnicode = document.make_stream(_cmap(text))
    fix.alias.ToUnicode = document.make_stream(_cmap(alias_text))


def _font_bytes(program: TTFont) -> bytes:
    """The font with the tables that adding glyphs changes compiled again, the others copied.

    ``TTFont.save`` would load the module of every table to learn its dependencies: for
    ``name`` alone that costs more than the rest of the font work.
    """
    changed = ("glyf", "loca", "hmtx", "hhea", "maxp", "post", "head")  # dependencies first
    tables = {tag: program.getTableData(tag) for tag in changed if tag in program}
    tables |= {tag: program.reader[tag] for tag in program.reader.tables if tag not in tables}
    buffer = io.BytesIO()
    writer = SFNTWriter(buffer, len(tables), program.sfntVersion)
    for tag in sorted(tables):
        writer[tag] = tables[tag]
    writer.close()
    return buffer.getvalue()


def _grow_limits(program: TTFont, glyph: Glyph, left_side_bearing: int) -> None:
    """Raise the ``head`` bounding box and the ``maxp`` composite limits to cover a new
    composite glyph, as fontTools' full recalculation would."""
    glyf, head, maxp = program["glyf"], program["head"], program["maxp"]
    glyph.recalcBounds(glyf)
    head.xMin, head.yMin = min(head.xMin, glyph.xMin), min(head.yMin, glyph.yMin)
    head.xMax, head.yMax = max(head.xMax, glyph.xMax), max(head.yMax, glyph.yMax)
    if glyph.xMin != left_side_bearing:
        head.flags &= ~(1 << 1)  # the left side bearing is no longer every glyph's xMin
    points, contours, depth = glyph.getCompositeMaxpValues(glyf)
    maxp.maxCompositePoints = max(maxp.maxCompositePoints, points)
    maxp.maxCompositeContours = max(maxp.maxCompositeContours, contours)
    maxp.maxComponentElements = max(maxp.maxComponentElements, len(glyph.components))
    maxp.maxComponentDepth = max(maxp.maxComponentDepth, depth)


def _fix_owner(
    document: pikepdf.Pdf,
    owner: pikepdf.Object,
    fixes: dict[tuple[int, int], _FontFix],
    runs: _Cache,
    forms: set[tuple[int, int]],
) -> str:
    """Fix the fonts a page or form uses, then its content stream (a form's only once).

    Returns the page number that the page's header prints, if any.
    """
    resources = owner.get("/Resources")
    if not isinstance(resources, pikepdf.Dictionary):
        return ""
    local: dict[bytes, _FontFix] = {}
    fonts = resources.get("/Font")
    if not isinstance(fonts, pikepdf.Dictionary):
        fonts = pikepdf.Dictionary()
    for name, font in list(fonts.items()):
        if not isinstance(font, pikepdf.Dictionary) or font.get("/Subtype") != "/Type0":
            continue
        key = font.objgen
        if key not in fixes:
            fixes[key] = _font_fix(document, font)
        fix = fixes[key]
        if fix.ok:
            local[name[1:].encode("latin1")] = fix
            fonts[name + _ALIAS_SUFFIX] = fix.alias
    xobjects = resources.get("/XObject")
    for xobject in xobjects.values() if xobjects is not None else []:
        if xobject.get("/Subtype") == "/Form" and xobject.objgen not in forms:
            forms.add(xobject.objgen)
            _fix_owner(document, xobject, fixes, runs, forms)
    if not local:
        return ""
    is_form = owner.get("/Subtype") == "/Form"
    if is_form:
        streams = [owner]
    elif "/Contents" in owner:
        contents = owner.Contents
        streams = list(contents) if isinstance(contents, pikepdf.Array) else [contents]
    else:
        return ""
    data = b"\n".join(stream.read_bytes() for stream in streams)
    patched, printed = _patch(data, local, runs)
    patched = _actual_texts_unsteered(data if patched is None else patched) or patched
    # Compressed now, so that qpdf holds one page's decompressed content at a time, not all.
    if patched is not None and is_form:
        owner.write(zlib.compress(patched, _LEVEL), filter=pikepdf.Name.FlateDecode)
    elif patched is not None:
        owner.Contents = document.make_stream(
            zlib.compress(patched, _LEVEL), Filter=pikepdf.Name.FlateDecode
        )
    return printed


class _Decoded(NamedTuple):
    """One text run as drawn: its glyph codes and, when it holds a half of SARA AM, their text.

    The kerning between the glyphs is read again from ``operands`` only for the few runs that
    are patched.
    """

    operands: bytes
    is_array: bool
    codes: bytes  # the two-byte glyph codes of all its strings, joined
    glyphs: int
    texts: tuple[str, ...]  # only when it holds a half of SARA AM
    marks_only: bool
    has_am_part: bool
    plain: bool  # glyphs, neither all split-off marks nor a nikhahit: nothing to patch

    def items(self) -> tuple[tuple[bytes | None, ...], tuple[bytes, ...]]:
        """Its array items (a string's codes, or None for a number) and the numbers."""
        return _items(self.operands, self.is_array)


@functools.lru_cache(maxsize=4096)
def _items(operands: bytes, is_array: bool) -> tuple[tuple[bytes | None, ...], tuple[bytes, ...]]:
    """A run's array items and numbers: read again for each patched run, which repeat."""
    items: list[bytes | None] = []
    numbers: list[bytes] = []
    for literal, hexa, number in _ITEMS.findall(operands):
        if number and is_array:
            items.append(None)
            numbers.append(number)
        elif literal or hexa:
            items.append(_string_bytes(literal or hexa))
    return tuple(items), tuple(numbers)


@dataclass(slots=True)
class _Run:
    """A text run that may change: marks only, or holding a half of SARA AM."""

    start: int
    end: int
    font: bytes
    size: bytes
    decoded: _Decoded
    in_actual_text: bool
    fix: _FontFix
    alias_at: set[int] = field(default_factory=set)
    pairs: list[tuple[int, int]] = field(default_factory=list)  # SARA AM's halves, by glyph
    tokens: list[tuple[int, bytes]] | None = None  # the array, once pairs are joined


@dataclass(slots=True)
class _Span:
    """An open marked-content sequence, and whether all text runs within are split-off marks."""

    props: tuple[int, int] | None
    actual_text: bool
    header: bool = False  # the page number Typst prints in the header
    has_runs: bool = False
    all_split: bool = True


_UNESCAPED = {  # what follows a backslash → what it stands for; others stand for themselves
    **{bytes([i]): bytes([i]) for i in range(256)},
    **{f"{i:o}".encode(): bytes([i]) for i in range(256)},
    **{f"{i:02o}".encode(): bytes([i]) for i in range(64)},
    **{f"{i:03o}".encode(): bytes([i & 0xFF]) for i in range(512)},
    **{b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"},
    **{b"\n": b"", b"\r": b"", b"\r\n": b""},
}


def _unescape(literal: bytes) -> bytes:
    """A literal string's bytes. Python's escapes agree with PDF's for all but a few letters."""
    body = literal[1:-1].replace(b"\\(", b"(").replace(b"\\)", b")")
    if _PYTHON_ESCAPES.fullmatch(body):
        return codecs.escape_decode(body)[0]
    return _ESCAPE.sub(lambda match: _UNESCAPED.get(match.group(1), b""), literal[1:-1])


@functools.lru_cache(maxsize=8192)
def _string_bytes(token: bytes) -> bytes:
    """The bytes of a literal or hex string; Typst repeats few distinct ones."""
    if token[:1] == b"(":
        return _unescape(token)
    digits = re.sub(rb"\s", b"", token[1:-1])
    return bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode())


def _decode(operands: bytes, fix: _FontFix) -> _Decoded:
    codes = b"".join(map(_string_bytes, _STRINGS.findall(operands)))
    glyphs = array.array("H", codes[: len(codes) & ~1])  # two-byte codes, big-endian
    if sys.byteorder == "little":
        glyphs.byteswap()
    kinds = set(glyphs)
    marks_only = bool(kinds) and kinds <= fix.mark_codes
    has_am_part = not kinds.isdisjoint(fix.am_codes)
    text = fix.text
    texts = tuple([text.get(glyph, "") for glyph in glyphs]) if has_am_part else ()
    plain = bool(kinds) and not marks_only and kinds.isdisjoint(fix.nikhahit_codes)
    return _Decoded(
        operands, operands[:1] == b"[", codes, len(glyphs), texts, marks_only, has_am_part, plain
    )


_Cache = dict[int, dict[bytes, "_Decoded"]]
"""Decoded runs by the id of their font's fix and their operands: Typst repeats many runs."""


def _patch(data: bytes, local: dict[bytes, _FontFix], cache: _Cache) -> tuple[bytes | None, str]:
    """The stream with its affected runs rewritten, or None when nothing needs a change; and
    the page number its header prints.

    Most runs are plain (neither split-off marks only nor holding a nikhahit). Outside a header
    and a non-empty ``/ActualText`` span, with no SARA AM half pending, such runs change nothing
    but the font: the page's skip pattern (_skip_pattern) steps over them in one regular-
    expression match, and a plain run that it does not recognise takes a short path below.
    """
    scan = _Scan(data, local, cache)
    spans = scan.spans
    skip, skip_fonts = _skip_pattern(
        tuple(sorted((name, fix.mark_codes, fix.nikhahit_codes) for name, fix in local.items()))
    )
    fix: _FontFix | None = None
    decoded_runs: dict[bytes, _Decoded] = {}
    font: bytes | None = None
    late_font: tuple[bytes, bytes] | re.Match[bytes] | None = None  # not yet told to the scan
    position = 0
    while True:
        if scan.pending is None and not scan.header_open and not scan.actual_open:
            skipped = skip.match(data, position)
            if skipped is not None and skipped.end() > position:
                position = skipped.end()
                # The font of the last run skipped: its group ends last.
                end, name, size = max((skipped.end(g), n, z) for n, g, z in skip_fonts)
                if end >= 0:
                    font, fix = name, local[name]
                    decoded_runs = cache.setdefault(id(fix), {})
                    late_font = (font, skipped.group(size))
        match = _TOKENS.search(data, position)
        if match is None:
            break
        position = match.end()
        kind = match.lastgroup
        if kind == "FONTRUN" or kind == "SPAN":
            if kind == "FONTRUN":
                name = match.group("tfont")
                start, end = match.start("tops"), match.end()
            else:
                name = match.group("sfont")
                start, end = match.span("sops")
            if name is not None:
                late_font = match
                if name != font:
                    font, fix = name, local.get(name)
                    if fix is not None:
                        decoded_runs = cache.setdefault(id(fix), {})
            if (
                fix is not None
                and scan.pending is None
                and not scan.header_open
                and (kind == "FONTRUN" or b"/Pagination" not in match.group("sprops"))
            ):
                operands = data[start : end - 2]
                decoded = decoded_runs.get(operands)
                if decoded is None:
                    decoded = decoded_runs[operands] = _decode(operands, fix)
                if decoded.plain:
                    if spans:
                        spans[-1].has_runs = True
                        spans[-1].all_split = False
                    continue
        if isinstance(late_font, tuple):
            scan.set_font(*late_font)
        elif late_font is not None:
            prefix = "t" if late_font.lastgroup == "FONTRUN" else "s"
            scan.set_font(late_font.group(prefix + "font"), late_font.group(prefix + "size"))
        late_font = None
        if kind == "FONTRUN":
            scan.run(start, end)
        elif kind == "SPAN":
            props = match.span("sprops")
            scan.open_span(props, b"/ActualText" in data[props[0] : props[1]])
            scan.run(start, end)
            scan.close_span()
        elif kind in ("RUN", "RUN1", "RUN2"):
            scan.run(match.start(), match.end())
        elif kind == "FONT":
            font = match.group("tfont")
            scan.set_font(font, match.group("tsize"))
            fix = scan.fix
            if fix is not None:
                decoded_runs = cache.setdefault(id(fix), {})
        elif kind == "BDC":
            start, end = match.span("props")
            actual = data[start : start + 2] == b"<<" and b"/ActualText" in data[start:end]
            scan.open_span((start, end), actual)
        elif match.start() and data[match.start() - 1] not in _DELIMITERS:
            continue  # the end of a name or an operator, such as /DEMC
        elif kind == "BMC":
            scan.open_span(None, False)
        elif kind == "EMC":
            scan.close_span()
    return scan.patched(), "".join(scan.printed)


# A byte of a literal string in the spellings the skip pattern reads (others end the skip):
# three octal digits, a one-letter escape, or the byte itself.
_BYTE = rb"(?:\\[0-3][0-7]{2}|\\[nrtbf\\()]|[^\\()])"
_LETTER_ESCAPES = {0x0A: b"n", 0x0D: b"r", 0x09: b"t", 0x08: b"b", 0x0C: b"f"}


def _byte_forms(value: int) -> list[bytes]:
    """Every spelling of a byte that _BYTE reads."""
    forms = [b"\\" + f"{value:03o}".encode()]
    if value in _LETTER_ESCAPES:
        forms.append(b"\\" + _LETTER_ESCAPES[value])
    if value in b"\\()":
        forms.append(b"\\" + bytes([value]))
    else:
        forms.append(bytes([value]))
    return forms


def _alternatives(values: Iterable[int]) -> bytes:
    """A pattern for every spelling of these bytes that _BYTE reads."""
    return b"|".join(re.escape(form) for value in sorted(values) for form in _byte_forms(value))


def _codes(codes: frozenset[int]) -> bytes:
    """A pattern for every spelling of these two-byte codes that _BYTE reads; those below 256
    share their high byte's spellings."""
    high = b"(?:" + _alternatives([0]) + b")(?:" + _alternatives(c for c in codes if c < 256)
    return b"|".join(
        [high + b")"] * any(c < 256 for c in codes)
        + [
            b"(?:" + _alternatives([code >> 8]) + b")(?:" + _alternatives([code & 0xFF]) + b")"
            for code in sorted(codes)
            if code >= 256
        ]
    )


@functools.lru_cache(maxsize=64)
def _skip_pattern(
    fonts: tuple[tuple[bytes, frozenset[int], frozenset[int]], ...],
) -> tuple[re.Pattern[bytes], list[tuple[bytes, str, str]]]:
    """A pattern that steps over what a scan outside spans and pending halves would not change.

    It matches, from a point between tokens, any run of: characters that begin no token;
    names followed by an operator; BT and ET; and Typst's font-and-run and one-run
    ``/ActualText`` span in a page font, whose literal strings hold whole codes, the first not
    a mark and none a nikhahit (a plain run: see _Decoded.plain). Anything else ends it, and
    the token scan takes over. Also returned: for each font, its name and the groups of its
    last use and size.
    """
    branches = [
        rb"[^/\[(<BE]++|B(?![MD]C|I)|E(?!MC)|/[^\s/\[\]()<>{}%BE]*+\s++(?=[A-Za-z])"
    ]
    groups: list[tuple[bytes, str, str]] = []
    for i, (name, marks, nikhahits) in enumerate(fonts):
        # Typst's codes are below 256: a zero high byte first, so that most codes are read
        # with one literal and a check of the low byte alone.
        low_nikhahits = _alternatives(c for c in nikhahits if c < 256)
        code = (
            rb"(?:\\000" + (b"(?!" + low_nikhahits + b")" if low_nikhahits else b"") + _BYTE
            + rb"|(?!\\000)" + (b"(?!" + _codes(nikhahits) + b")" if nikhahits else b"")
            + _BYTE + _BYTE + b")"
        )
        not_a_mark = b"(?!" + _codes(marks | nikhahits) + b")" if marks | nikhahits else b""
        run = (
            rb"(?=(?:\[[^\]()<]*+)?\(" + not_a_mark + b")"  # its first code
            rb"(?:\[[^\]()<]*+\((?:" + code + rb")++\)[^\]()<]*+"
            rb"(?:\((?:" + code + rb")*+\)[^\]()<]*+)*+\]\s*+TJ"
            rb"|\((?:" + code + rb")++\)\s*+Tj)"
        )
        font = re.escape(b"/" + name) + rb"\s+(?P<{0}z%d>" % i + _NUMBER + rb")\s+Tf"
        branches.append(b"(?P<t%d>" % i + font.replace(b"{0}", b"t") + b")" + _GAP + run)
        branches.append(
            rb"/Span\s*<</ActualText\s*(?:" + _LITERAL + b"|" + _HEX + rb")\s*>>\s*BDC" + _GAP
            + b"(?P<s%d>" % i + font.replace(b"{0}", b"s") + b")" + _GAP + run + rb"\s*EMC"
        )
        groups += [(name, f"t{i}", f"tz{i}"), (name, f"s{i}", f"sz{i}")]
    # No possessive repeat around the groups: Python 3.11 reports their spans wrongly.
    return re.compile(b"(?:" + b"|".join(branches) + b")*", re.S), groups


def _empty_actual_text(match: re.Match[bytes]) -> bytes:
    return match.group(1) + b"()"


class _Scan:
    """The state of one pass over a content stream: font, open spans, SARA AM's first half.

    SARA AM's halves may lie in consecutive runs, so the search for them advances with the
    scan; only the runs that may change are kept.
    """

    def __init__(
        self, data: bytes, local: dict[bytes, _FontFix], cache: _Cache
    ) -> None:
        self.data, self.local, self.cache = data, local, cache
        self.edits: list[tuple[int, int, bytes]] = []
        self.runs: list[_Run] = []
        self.spans: list[_Span] = []
        self.actual_open = 0
        self.header_open = 0
        self.printed: list[str] = []  # the header's page number, as printed
        self.pending: list[tuple[_Run, int]] | None = None
        self.font, self.size, self.fix = b"", b"", cast("_FontFix | None", None)

    def set_font(self, font: bytes, size: bytes) -> None:
        self.font, self.size, self.fix = font, size, self.local.get(font)

    def open_span(self, props: tuple[int, int] | None, actual: bool) -> None:
        self.actual_open += actual
        header = False
        if props is not None and not actual:
            text = self.data[props[0] : props[1]]
            header = b"/Pagination" in text and b"/Header" in text
        self.header_open += header
        self.spans.append(_Span(props, actual, header))

    def close_span(self) -> None:
        if not self.spans:
            return
        span = self.spans.pop()
        self.actual_open -= span.actual_text
        self.header_open -= span.header
        if self.spans:
            self.spans[-1].has_runs |= span.has_runs
            self.spans[-1].all_split &= span.all_split
        if span.actual_text and span.has_runs and span.all_split and span.props:
            start, end = span.props
            blank = _ACTUAL_TEXT.sub(_empty_actual_text, self.data[start:end])
            self.edits.append((start, end, blank))

    def run(self, start: int, end: int) -> None:
        decoded = None
        if self.fix is not None:
            operands = self.data[start : end - 2]
            decoded_runs = self.cache.setdefault(id(self.fix), {})
            decoded = decoded_runs.get(operands)
            if decoded is None:
                decoded = decoded_runs[operands] = _decode(operands, self.fix)
        if self.header_open and decoded is not None and self.fix is not None:
            codes = decoded.codes
            by_code = self.fix.by_code
            self.printed += [by_code.get(codes[k : k + 2], "") for k in range(0, len(codes), 2)]
        split = decoded is not None and decoded.marks_only
        if self.spans:
            self.spans[-1].has_runs = True
            self.spans[-1].all_split &= split
        if decoded is None or not decoded.glyphs:
            return
        if not (split or decoded.has_am_part):
            self.pending = None
            return
        assert self.fix is not None  # a run is decoded only in a font being fixed
        run = _Run(start, end, self.font, self.size, decoded, self.actual_open > 0, self.fix)
        self.runs.append(run)
        if not decoded.has_am_part:
            if self.pending:
                self.pending += [(run, i) for i in range(decoded.glyphs)]
            return
        for i, text in enumerate(decoded.texts):
            if NIKHAHIT in text:
                self.pending = [(run, i)]
            elif self.pending and text == SARA_AA:
                if len(self.pending) == 1 and self.pending[0][0] is run:
                    run.pairs.append((self.pending[0][1], i))
                else:
                    for part_run, index in [*self.pending, (run, i)]:
                        part_run.alias_at.add(index)
                self.pending = None
            elif self.pending and text and all(c in _MARKS for c in text):
                self.pending.append((run, i))
            else:
                self.pending = None

    def patched(self) -> bytes | None:
        data, edits = self.data, self.edits
        for run in self.runs:
            wrap = run.decoded.marks_only and not run.in_actual_text
            if run.pairs:
                _join_pairs(run)
            if not (wrap or run.alias_at or run.pairs):
                continue
            body = _split_alias(run) if run.alias_at or run.pairs else data[run.start : run.end]
            if wrap:
                body = b"/Span<</ActualText()>>BDC " + body + b" EMC "
            edits.append((run.start, run.end, body))
        if not edits:
            return None
        edits.sort()
        out, position = [], 0
        for start, end, text in edits:
            out += [data[position:start], text]
            position = end
        out.append(data[position:])
        return b"".join(out)


def _tokens(run: _Run) -> list[tuple[int, bytes]]:
    """The run's array as (glyph index, code) and (-1, kerning number)."""
    items, numbers_read = run.decoded.items()
    numbers: Iterator[bytes] = iter(numbers_read)
    tokens: list[tuple[int, bytes]] = []
    glyph = 0
    for item in items:
        if item is None:
            tokens.append((-1, next(numbers)))
            continue
        for k in range(0, len(item), 2):
            tokens.append((glyph, item[k : k + 2]))
            glyph += 1
    return tokens


def _join_pairs(run: _Run) -> None:
    """Draw each nikhahit + aa pair of the run as one composite glyph where the shape allows:
    nothing but kerning between the halves. Other pairs fall back to the alias font."""
    tokens = _tokens(run)
    for nikhahit, aa in run.pairs:
        at_n = next(i for i, (g, _) in enumerate(tokens) if g == nikhahit)
        at_a = next(i for i, (g, _) in enumerate(tokens) if g == aa)
        between = [Decimal(number.decode()) for g, number in tokens[at_n + 1 : at_a] if g == -1]
        n_code = int.from_bytes(tokens[at_n][1], "big")
        if len(between) != at_a - at_n - 1 or run.fix.text.get(n_code) != NIKHAHIT:
            # A ligature of nikhahit and a tone mark keeps the tone mark's text in the alias
            # font: a glyph mapped to two characters is one that Ghostscript garbles.
            run.alias_at |= {nikhahit, aa}
            continue
        first = at_n
        while first > 0 and tokens[first - 1][0] == -1:  # kerning, not a joined SARA AM
            first -= 1
        before = [Decimal(number.decode()) for _, number in tokens[first:at_n]]
        a_code = int.from_bytes(tokens[at_a][1], "big")
        width = run.fix.widths.get(n_code, Decimal(0))
        offset = sum(between, Decimal(0)) - width  # the nikhahit's place from the aa's origin
        code = run.fix.composite(n_code, a_code, int(offset))
        kerning = sum(before, Decimal(0)) + sum(between, Decimal(0)) - width
        joined: list[tuple[int, bytes]] = []
        if kerning:
            joined.append((-1, format(kerning.normalize(), "f").encode()))
        joined.append((-2, code.to_bytes(2, "big")))
        tokens[first : at_a + 1] = joined
    run.tokens = tokens


def _split_alias(run: _Run) -> bytes:
    """Draw SARA AM's halves with the alias font (or whole), everything else as before."""
    segments: list[tuple[bool, list[bytes]]] = []
    for glyph, value in run.tokens or _tokens(run):
        if glyph == -1:
            if not segments:
                segments.append((False, []))
            segments[-1][1].append(value)
            continue
        alias = glyph in run.alias_at
        code = b"<" + value.hex().encode() + b">"
        if not segments or segments[-1][0] != alias:
            segments.append((alias, [code]))
        elif segments[-1][1] and segments[-1][1][-1][:1] == b"<":
            segments[-1][1][-1] = segments[-1][1][-1][:-1] + code[1:]
        else:
            segments[-1][1].append(code)
    if not run.alias_at:
        return b"[" + b" ".join(part for _, parts in segments for part in parts) + b"]TJ"
    out: list[bytes] = []
    for alias, parts in segments:
        name = run.font + _ALIAS_SUFFIX.encode() if alias else run.font
        out.append(b"/" + name + b" " + run.size + b" Tf[" + b" ".join(parts) + b"]TJ")
    out.append(b"/" + run.font + b" " + run.size + b" Tf")
    return b"\n".join(out)
