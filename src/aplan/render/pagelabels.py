"""PDF page labels that match the printed page numbers, so "go to page ๗" lands on ๗.

PDF's label styles know Arabic, Roman and Latin letters only, so each page gets its printed
number as a label prefix (``/P``). The numbers are read from the header artifacts Typst tags
(``/Artifact <</Subtype /Header /Type /Pagination>>``) while the text layer is repaired, so no
second compile or query is needed. A page that prints no number takes the one its place in
the sequence gives it, counted from the nearest numbered page after it, else before it; a
page before any numbered page (the cover) is labelled ``COVER``.
"""

from __future__ import annotations

from collections.abc import Sequence

import pikepdf

COVER = "ปก"
THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
# The front matter's letters, as templates/style.typ counts them.
THAI_LETTERS = "กขคงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรลวศษสหฬอฮ"
_TO_ARABIC = str.maketrans(THAI_DIGITS, "0123456789")


def _value(label: str) -> tuple[str, int] | None:
    """The numbering style and number of a printed label, if it is a number at all."""
    arabic = label.translate(_TO_ARABIC)
    if arabic.isascii() and arabic.isdigit():
        return ("thai" if arabic != label else "arabic", int(arabic))
    if len(label) == 1 and label in THAI_LETTERS:
        return "letters", THAI_LETTERS.index(label) + 1
    return None


def _format(style: str, number: int) -> str:
    if style == "letters":
        return THAI_LETTERS[(number - 1) % len(THAI_LETTERS)]
    text = str(number)
    return text.translate(str.maketrans("0123456789", THAI_DIGITS)) if style == "thai" else text


def labels(printed: Sequence[str | None]) -> list[str]:
    """Each page's label: the number it prints, or the one its neighbours imply."""
    values = [_value(p) if p else None for p in printed]
    out: list[str] = []
    for i, label in enumerate(printed):
        if label:
            out.append(label)
            continue
        after = next((j for j in range(i + 1, len(printed)) if values[j]), None)
        before = next((j for j in range(i - 1, -1, -1) if values[j]), None)
        if after is not None and (value := values[after]) and value[1] - (after - i) >= 1:
            out.append(_format(value[0], value[1] - (after - i)))
        elif before is not None and (value := values[before]):
            out.append(_format(value[0], value[1] + (i - before)))
        else:
            out.append(COVER)
    return out


def set_page_labels(document: pikepdf.Pdf, printed: Sequence[str | None]) -> None:
    nums: list[object] = []
    for index, label in enumerate(labels(printed)):
        nums += [index, pikepdf.Dictionary(P=pikepdf.String(label))]
    document.Root.PageLabels = pikepdf.Dictionary(Nums=pikepdf.Array(nums))
