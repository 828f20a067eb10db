"""What the printer can print: checks that catch, before any rendering, what would fail the build.

Typst fails on a character the font has no glyph for (the report embeds Sarabun only), on an
image it cannot decode, and on an SVG that reaches outside the data folder; a word wider than its
table cell overflows it. Each check is a small function over the data set that yields problems
at the file, line and column of the value, so `validate` reports them with everything else.
"""

from __future__ import annotations

import re
import unicodedata
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from .binding import Loaded
from .dataset import DataSet
from .problems import Problem, Severity
from .sources import Document, Path_, TypedText, dotted, scalars

Check = Callable[[DataSet], Iterator[Problem]]

BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
"""Direction marks and overrides: invisible, and they scramble the PDF's text layer."""
ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff")
"""Invisible characters that copy-paste brings in; Typst breaks Thai lines without them."""
LINE_BREAKS = frozenset("\n\r\t")
NOT_PRINTED = frozenset({"file"})
"""Keys whose text is a file name, never printed: only control characters matter there."""


def _sources(data: DataSet) -> list[Loaded[Any]]:
    loaded = [data.report, data.office, data.direction, data.budget, data.disbursement]
    return [x for x in loaded if x is not None] + list(data.projects)


def _texts(data: DataSet) -> Iterator[tuple[Document, Path_, str]]:
    for source in _sources(data):
        for path, value in scalars(source.doc.data):
            if isinstance(value, str):
                yield source.doc, path, value


def _char_name(char: str) -> str:
    name = unicodedata.name(char, "") or _CONTROL_NAMES.get(char, "a control character")
    return f"U+{ord(char):04X} {name}"


_CONTROL_NAMES = {"\0": "NULL", "\x1b": "ESCAPE", "\x7f": "DELETE", "\x0b": "LINE TABULATION",
                  "\x0c": "FORM FEED", "\x08": "BACKSPACE"}


# Control characters (category Cc is exactly these), text-direction controls, zero widths.
_SUSPECT = re.compile(
    "[\x00-\x1f\x7f-\x9f" + "".join(sorted(BIDI_CONTROLS | ZERO_WIDTH)) + "]"
)


def check_invisible_characters(data: DataSet) -> Iterator[Problem]:
    """Control and bidi characters are errors; zero-width ones a warning: all are invisible."""
    typed = TypedText()
    for doc, path, text in _texts(data):
        reported: set[str] = set()
        for found in _SUSPECT.finditer(text):  # not a Python loop over every character
            char = found.group()
            if char in reported:
                continue
            if unicodedata.category(char) == "Cc" and char not in LINE_BREAKS:
                what, severity = "a control character", Severity.ERROR
            elif char in BIDI_CONTROLS:
                what, severity = "a text-direction control", Severity.ERROR
            elif char in ZERO_WIDTH:
                what, severity = "an invisible zero-width character", Severity.WARNING
            else:
                continue
            reported.add(char)
            line, column = typed.find(doc, path, char, reach=2000)
            yield Problem(
                doc.file, line, column, severity, "invisible-character",
                f"{dotted(path)}: {what} ({_char_name(char)}) is in the text, usually pasted "
                "in with it; delete it (retype the text around it if you cannot see it)",
            )


def check_font_coverage(data: DataSet) -> Iterator[Problem]:
    """Every printed character has a glyph in Sarabun, the only font the report embeds."""
    drawable = sarabun().cmap
    typed = TypedText()
    for doc, path, text in _texts(data):
        if path and path[-1] in NOT_PRINTED:
            continue
        reported: set[str] = set()
        for char in text:
            if ord(char) in drawable or char in reported or _invisible(char):
                continue
            reported.add(char)
            line, column = typed.find(doc, path, char, reach=2000)
            space = " (a space of another width: type an ordinary space)" * (
                unicodedata.category(char) == "Zs"
            )
            yield Problem(
                doc.file, line, column, Severity.ERROR, "font",
                f"{dotted(path)}: the report's font (Sarabun) has no letter for {char!r} "
                f"({_char_name(char)}){space}; the PDF cannot print it; replace it with "
                "Thai or Latin text, or delete it",
            )


def _invisible(char: str) -> bool:
    """Reported by ``check_invisible_characters``; line breaks and tabs print as spaces."""
    return (
        unicodedata.category(char) == "Cc" or char in BIDI_CONTROLS or char in ZERO_WIDTH
    )


@dataclass(frozen=True)
class Font:
    """Sarabun's character map and advance widths (regular and bold), for coverage and fit."""

    cmap: frozenset[int]
    regular: dict[int, int]
    bold: dict[int, int]
    units_per_em: int

    def width(self, text: str, size: float, bold: bool = False) -> float:
        """Advance width of ``text`` in points at ``size``, without kerning."""
        advances = self.bold if bold else self.regular
        units = sum(advances.get(ord(c), self.units_per_em // 2) for c in text)
        return units * size / self.units_per_em


@cache
def sarabun() -> Font:
    import fontpkg
    from fontTools.ttLib import TTFont

    files = {
        f.weight: f.path for f in fontpkg.family("Sarabun").files if f.style == "normal"
    }
    maps = []
    for weight in (400, 700):
        font = TTFont(files[weight], lazy=True)
        cmap = font.getBestCmap()
        metrics = font["hmtx"].metrics
        maps.append({code: metrics[glyph][0] for code, glyph in cmap.items()})
        units = int(font["head"].unitsPerEm)
        font.close()
    regular, bold = maps
    return Font(frozenset(regular) & frozenset(bold), regular, bold, units)


# Layout the templates use, for the fit check: an A4 page less Thai official margins (3 cm and
# 2 cm), table text at 10 pt, 5 pt cell insets on each side (templates/style.typ).
TEXT_WIDTH = (210 - 30 - 20) / 25.4 * 72
TABLE_SIZE = 10.0
BODY_SIZE = 11.0
CELL_INSET = 10.0
_PIECES = re.compile(r"[\s\u0e00-\u0e7f/-]+")
"""Where a line may break: spaces, Thai (broken by dictionary), after ``/`` and ``-``; the same
split as the ``fit`` guard of templates/style.typ."""


def _widest_piece(text: str, size: float, bold: bool = False) -> tuple[str, float]:
    font = sarabun()
    pieces = [p for p in _PIECES.split(text) if p]
    return max(((p, font.width(p, size, bold)) for p in pieces), key=lambda x: x[1],
               default=("", 0.0))


def check_words_fit(data: DataSet) -> Iterator[Problem]:
    """No unbreakable word is wider than the widest its table cell or its page line can be."""
    table_cells = dict(_table_cells(data))
    for doc, path, text in _texts(data):
        if path and path[-1] in NOT_PRINTED:
            continue
        room = table_cells.get((doc.file, path), TEXT_WIDTH)
        size = TABLE_SIZE if (doc.file, path) in table_cells else BODY_SIZE
        word, width = _widest_piece(text, size)
        if width > room:
            where = "its table column" if room < TEXT_WIDTH else "a line of the page"
            yield doc.problem(
                path, "too-wide",
                f"{dotted(path)}: `{_short(word)}` is wider than {where} "
                f"({width / 72 * 2.54:.1f} cm, room for {room / 72 * 2.54:.1f} cm) and has no "
                "place to break; put a space in it (after a / or - also works) or shorten it",
            )


def _short(word: str) -> str:
    return word if len(word) <= 60 else f"{word[:40]}…{word[-10:]}"


def _table_cells(data: DataSet) -> Iterator[tuple[tuple[str, Path_], float]]:
    """The widest each table text cell can be: the page less the other columns' least widths.

    Table 1's name column is beside its figures; Table 2's title beside the group's name box
    (7.5 em), the project number and the budgets; Table 3's label beside three amounts.
    """
    font = sarabun()

    def figures(amounts: list[Decimal], bold: bool = True) -> float:
        return max((font.width(f"{a:,.2f}", TABLE_SIZE, bold) for a in amounts), default=0.0)

    if data.budget is not None and data.budget.has("spending_plan"):
        from .totals import plan_total

        plan = data.budget.model.spending_plan
        room = TEXT_WIDTH - figures([plan_total(plan)]) - 2 * CELL_INSET
        yield from _plan_cells(data.budget.doc, plan, ("spending_plan",), room)
    projects = [p for p in data.projects if p.has("budget")]
    if projects:
        from .totals import projects_total

        total = projects_total(p.model for p in projects)
        number = font.width(str(len(projects)), TABLE_SIZE)
        room = TEXT_WIDTH - 7.5 * TABLE_SIZE - number - figures([total]) - 4 * CELL_INSET
        for project in projects:
            yield (project.doc.file, ("title",)), room
    disbursement = data.disbursement
    if disbursement is not None and disbursement.has("periods"):
        for code, snapshot in disbursement.model.periods.items():
            amounts = [x for line in snapshot.values() for x in (line.received, line.disbursed)]
            room = TEXT_WIDTH - 3 * figures([sum(amounts, Decimal(0))]) - 4 * CELL_INSET
            for name in snapshot:
                yield (disbursement.doc.file, ("periods", code, name, "label")), room


def _plan_cells(
    doc: Document, nodes: list[Any], path: Path_, room: float, depth: int = 0
) -> Iterator[tuple[tuple[str, Path_], float]]:
    for i, node in enumerate(nodes):
        indent = depth * 1.2 * TABLE_SIZE
        yield (doc.file, (*path, i, "name")), room - indent
        yield from _plan_cells(doc, node.items, (*path, i, "items"), room, depth + 1)


RASTER_FORMATS = frozenset({"PNG", "JPEG", "GIF", "WEBP"})
"""The raster formats Typst decodes."""


def check_images(data: DataSet) -> Iterator[Problem]:
    """Each photo and the map decodes as Typst would, and an SVG stays inside its file."""
    for doc, path, file in _image_files(data):
        image = (data.root / file).resolve()
        if not image.is_file() or not image.is_relative_to(data.root.resolve()):
            continue  # reported by checks.check_photos
        fault = _too_large(image) or (
            _svg_fault(image) if image.suffix.lower() == ".svg" else _raster_fault(image)
        )
        if fault:
            yield doc.problem(path, "image", f"{dotted(path)}: `{file}` {fault}")


def _image_files(data: DataSet) -> Iterator[tuple[Document, Path_, str]]:
    for project in data.projects:
        if project.has("photos"):
            for i, photo in enumerate(project.model.photos):
                yield project.doc, ("photos", i, "file"), photo.file
    office = data.office
    if office is not None and office.has("map") and office.model.map is not None:
        yield office.doc, ("map", "file"), office.model.map.file


MAX_IMAGE_BYTES = 50 * 2**20
"""A photo larger than this is refused before it is read: a report prints a few MB of them."""


def _too_large(path: Path) -> str | None:
    size = path.stat().st_size
    if size > MAX_IMAGE_BYTES:
        return (
            f"is {size / 2**20:.0f} MB, more than the {MAX_IMAGE_BYTES // 2**20} MB an image "
            "may be; save it smaller"
        )
    return None


def _raster_fault(path: Path) -> str | None:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            kind = image.format or "unknown"
            if kind not in RASTER_FORMATS:
                return f"is a {kind} image, which the report cannot print; save it as PNG or JPEG"
            image.verify()  # checksums; then a decode, at a small size where the format allows
        with Image.open(path) as image:
            image.draft("RGB", (64, 64))
            image.load()
    except (UnidentifiedImageError, Image.DecompressionBombError):
        return "is not an image the report can print; save it again as PNG or JPEG"
    except (OSError, SyntaxError, ValueError) as err:
        return f"is damaged ({err}); save it again as PNG or JPEG"
    return None


_OUTSIDE = re.compile(rb"<!DOCTYPE|<!ENTITY|<\?xml-stylesheet", re.IGNORECASE)
_CSS_URL = re.compile(r"url\(\s*['\"]?(?!#|data:)([^'\")]+)|@import", re.IGNORECASE)


def _svg_fault(path: Path) -> str | None:
    """An SVG must be whole: no DOCTYPE or entities, and links only inside itself or data:."""
    content = path.read_bytes()
    if _OUTSIDE.search(content):
        return (
            "declares a DOCTYPE, entities or a style sheet, which can pull in other files; "
            "export the drawing again as plain SVG (or PNG)"
        )
    try:
        root = ElementTree.fromstring(content)
    except ElementTree.ParseError as err:
        return f"is not a valid SVG drawing ({err}); export it again"
    if not root.tag.endswith("svg"):
        return "is not an SVG drawing; export it again"
    for element in root.iter():
        for name, value in element.attrib.items():
            if name.rsplit("}", 1)[-1] == "href" and not value.startswith(("#", "data:")):
                return (
                    f"links to `{value}` outside the drawing; embed it in the SVG "
                    "or export the drawing as PNG"
                )
        text = (element.text or "") + " ".join(element.attrib.get("style", "").split())
        if _CSS_URL.search(text):
            return "loads a file outside the drawing in its style; export the drawing as PNG"
    return None


CHECKS: tuple[Check, ...] = (
    check_invisible_characters,
    check_font_coverage,
    check_images,
    check_words_fit,
)


def printable_problems(data: DataSet) -> list[Problem]:
    """Every problem the printer would meet; run by ``validate`` before any rendering."""
    return [problem for check in CHECKS for problem in check(data)]
