"""Make text extracted from the PDF equal the source text (placeholder until fixed)."""

from __future__ import annotations


def fix_thai_text(pdf: bytes) -> bytes:
    return pdf
