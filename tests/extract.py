"""Each page's text as pypdf extracts it, once per distinct PDF in the session.

pypdf's extraction costs more than the build (0.1 s a page on these reports), and several tests
read the same PDF: the cache is keyed by the PDF's bytes, so a rebuilt file is read afresh.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

_TEXTS: dict[bytes, tuple[str, ...]] = {}


def page_texts(pdf: Path | bytes) -> list[str]:
    data = pdf if isinstance(pdf, bytes) else Path(pdf).read_bytes()
    key = hashlib.sha256(data).digest()
    if key not in _TEXTS:
        from pypdf import PdfReader

        _TEXTS[key] = tuple(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return list(_TEXTS[key])


def pdf_text(pdf: Path | bytes, sep: str = "\n") -> str:
    return sep.join(page_texts(pdf))
