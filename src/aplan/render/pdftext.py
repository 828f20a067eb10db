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

Fonts without glyph names (CFF, or no ``post`` names) are left as they are.
"""

from __future__ import annotations

import io
import re
import struct
from dataclasses import dataclass, field
from typing import Any

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    ContentStream,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    TextStringObject,
)

_THAI = re.compile(r"[\u0E00-\u0E7F]")
_UNI = re.compile(r"^uni((?:[0-9A-F]{4})+)(?:\..*)?$")
_U = re.compile(r"^u([0-9A-F]{4,6})(?:\..*)?$")
SARA_AA, NIKHAHIT, SARA_AM = "\u0e32", "\u0e4d", "\u0e33"
_MARKS = set(
    "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a"
    "\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e"
)
_ALIAS_SUFFIX = "thaiam"


def fix_thai_text(pdf: bytes) -> bytes:
    """The same PDF with a text layer that extracts exactly; deterministic for equal input."""
    reader = PdfReader(io.BytesIO(pdf))
    writer = PdfWriter(clone_from=reader)
    writer.pdf_header = pdf[: pdf.index(b"\n")]  # keep "%PDF-1.7"; pypdf would write 1.3
    fixes: dict[int, _FontFix] = {}
    for page in writer.pages:
        _fix_owner(writer, page, fixes)
        page.compress_content_streams()
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


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


def _stream(writer: PdfWriter, data: bytes) -> Any:
    stream = DecodedStreamObject()
    stream.set_data(data)
    return writer._add_object(stream.flate_encode())


@dataclass
class _FontFix:
    """The rebuilt maps of one Type0 font, and its alias for the halves of SARA AM."""

    ok: bool
    text: dict[int, str] = field(default_factory=dict)
    alias_ref: Any = None


def _font_fix(writer: PdfWriter, font: DictionaryObject) -> _FontFix:
    descendant: Any = font["/DescendantFonts"]
    descriptor = descendant[0].get_object()["/FontDescriptor"].get_object()
    program = descriptor.get("/FontFile2")
    names = _post_names(program.get_object().get_data()) if program is not None else None
    if not names:
        return _FontFix(ok=False)
    unicode = font.get("/ToUnicode")
    text = _parse_cmap(unicode.get_object().get_data()) if unicode is not None else {}
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
    font[NameObject("/ToUnicode")] = _stream(writer, _cmap(text))
    alias = DictionaryObject({k: v for k, v in font.items() if k != "/ToUnicode"})
    alias[NameObject("/ToUnicode")] = _stream(writer, _cmap(alias_text))
    return _FontFix(ok=True, text=text, alias_ref=writer._add_object(alias))


def _raw(item: Any) -> bytes:
    if isinstance(item, ByteStringObject):
        return bytes(item)
    original = getattr(item, "original_bytes", None)
    return original if original is not None else bytes(item.get_original_bytes())


@dataclass
class _Glyph:
    op: int
    item: int
    index: int
    text: str
    in_sara_am: bool = False


def _fix_owner(writer: PdfWriter, owner: Any, fixes: dict[int, _FontFix]) -> None:
    """Fix the fonts a page or form uses, then its content stream."""
    resources = owner["/Resources"].get_object() if "/Resources" in owner else None
    if resources is None:
        return
    fonts = resources.get("/Font")
    fonts = fonts.get_object() if fonts is not None else DictionaryObject()
    local: dict[str, _FontFix] = {}
    for name, ref in list(fonts.items()):
        font = ref.get_object()
        if font.get("/Subtype") != "/Type0":
            continue
        if id(font) not in fixes:
            fixes[id(font)] = _font_fix(writer, font)
        if fixes[id(font)].ok:
            local[name] = fixes[id(font)]
            fonts[NameObject(name + _ALIAS_SUFFIX)] = fixes[id(font)].alias_ref
    for xobject in (resources.get("/XObject") or DictionaryObject()).values():
        form = xobject.get_object()
        if form.get("/Subtype") == "/Form":
            _fix_owner(writer, form, fixes)
    is_form = owner.get("/Subtype") == "/Form"
    if not local or ("/Contents" not in owner and not is_form):
        return
    content = ContentStream(owner["/Contents"].get_object() if not is_form else owner, writer)
    content.operations = _rewrite(content.operations, local)
    if is_form:
        owner.set_data(content.get_data())
    else:
        owner[NameObject("/Contents")] = writer._add_object(content)


def _glyphs(operations: list[Any], local: dict[str, _FontFix]) -> list[_Glyph]:
    """Every glyph drawn, in order, with its text; SARA AM's halves marked."""
    glyphs: list[_Glyph] = []
    font: _FontFix | None = None
    for i, (args, op) in enumerate(operations):
        if op == b"Tf":
            font = local.get(args[0])
        elif font and op in (b"TJ", b"Tj"):
            items = args[0] if op == b"TJ" else [args[0]]
            for j, item in enumerate(items):
                if isinstance(item, (ByteStringObject, TextStringObject)):
                    data = _raw(item)
                    for k in range(0, len(data), 2):
                        code = int.from_bytes(data[k : k + 2], "big")
                        glyphs.append(_Glyph(i, j, k // 2, font.text.get(code, "")))
    pending: list[_Glyph] | None = None
    for glyph in glyphs:
        if NIKHAHIT in glyph.text:
            pending = [glyph]
        elif pending and glyph.text == SARA_AA:
            for part in [*pending, glyph]:
                part.in_sara_am = True
            pending = None
        elif pending and glyph.text and all(c in _MARKS for c in glyph.text):
            pending.append(glyph)
        else:
            pending = None
    return glyphs


def _is_marks(text: str) -> bool:
    return bool(text) and all(c in _MARKS for c in text)


def _rewrite(operations: list[Any], local: dict[str, _FontFix]) -> list[Any]:
    glyphs = _glyphs(operations, local)
    by_op: dict[int, list[str]] = {}
    for glyph in glyphs:
        by_op.setdefault(glyph.op, []).append(glyph.text)
    split_marks = {i for i, texts in by_op.items() if all(_is_marks(t) for t in texts)}
    blank_spans = _spans_of_only(operations, split_marks)
    alias_at = {(g.op, g.item, g.index) for g in glyphs if g.in_sara_am}
    alias_ops = {g.op for g in glyphs if g.in_sara_am}
    out: list[Any] = []
    spans: list[bool] = []
    font_name: Any = None
    size: Any = None
    for i, (args, op) in enumerate(operations):
        if op in (b"BDC", b"BMC"):
            props: Any = args[1] if op == b"BDC" and len(args) > 1 else None
            props = props.get_object() if hasattr(props, "get_object") else props
            spans.append(isinstance(props, dict) and "/ActualText" in props)
            if i in blank_spans and spans[-1]:
                blank = DictionaryObject(props)
                blank[NameObject("/ActualText")] = TextStringObject("")
                out.append(([args[0], blank], op))
                continue
        elif op == b"EMC" and spans:
            spans.pop()
        elif op == b"Tf":
            font_name, size = args[0], args[1]
        wrap = op in (b"TJ", b"Tj") and i in split_marks and not any(spans)
        if wrap:
            empty = DictionaryObject({NameObject("/ActualText"): TextStringObject("")})
            out.append(([NameObject("/Span"), empty], b"BDC"))
        if op in (b"TJ", b"Tj") and i in alias_ops:
            out.extend(_split_alias(i, args, op, alias_at, font_name, size))
        else:
            out.append((args, op))
        if wrap:
            out.append(([], b"EMC"))
    return out


def _spans_of_only(operations: list[Any], split_marks: set[int]) -> set[int]:
    """Marked-content spans whose text runs are all split-off marks."""
    blank: set[int] = set()
    open_spans: list[tuple[int, list[int]]] = []
    for i, (_, op) in enumerate(operations):
        if op in (b"BDC", b"BMC"):
            open_spans.append((i, []))
        elif op == b"EMC" and open_spans:
            start, runs = open_spans.pop()
            if runs and all(run in split_marks for run in runs):
                blank.add(start)
            if open_spans:
                open_spans[-1][1].extend(runs)
        elif op in (b"TJ", b"Tj") and open_spans:
            open_spans[-1][1].append(i)
    return blank


def _split_alias(
    i: int, args: Any, op: bytes, alias_at: set[tuple[int, int, int]], font_name: Any, size: Any
) -> list[Any]:
    """Draw SARA AM's halves with the alias font, everything else as before."""
    items = args[0] if op == b"TJ" else [args[0]]
    segments: list[tuple[bool, list[Any]]] = []
    for j, item in enumerate(items):
        if isinstance(item, (ByteStringObject, TextStringObject)):
            data = _raw(item)
            for k in range(0, len(data), 2):
                alias = (i, j, k // 2) in alias_at
                if not segments or segments[-1][0] != alias:
                    segments.append((alias, [bytearray()]))
                elif not isinstance(segments[-1][1][-1], bytearray):
                    segments[-1][1].append(bytearray())
                segments[-1][1][-1] += data[k : k + 2]
        else:
            if not segments:
                segments.append((False, []))
            segments[-1][1].append(item)
    out: list[Any] = []
    for alias, parts in segments:
        name = NameObject(font_name + _ALIAS_SUFFIX) if alias else NameObject(font_name)
        out.append(([name, size], b"Tf"))
        array = ArrayObject(
            ByteStringObject(bytes(p)) if isinstance(p, bytearray) else p for p in parts
        )
        out.append(([array], b"TJ"))
    out.append(([NameObject(font_name), size], b"Tf"))
    return out
