"""Compile generated Typst to PDF with the typst package (output.py writes it)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Final

import fontpkg
import typst

from ..problems import Problem, Severity
from .linebreak import unsteered

PDF_STANDARD: Final = "a-2b"


class CompileError(Exception):
    """The Typst stage failed; ``problem`` says why, for the person running the build."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def sarabun_folder() -> Path:
    """Where fontpkg-sarabun installed its TTFs: the only fonts the report may use."""
    return Path(fontpkg.family("Sarabun").files[0].path).parent


def new_compiler(root: Path) -> typst.Compiler:
    """A compiler kept between builds (``aplan watch``): fonts are loaded once, and Typst's
    caches make a rebuild after one edit a fraction of the first build."""
    return typst.Compiler(
        root=str(root), font_paths=[str(sarabun_folder())], ignore_system_fonts=True
    )


def compile_pdf(
    source: str, root: Path, when: date, origin: str, compiler: typst.Compiler | None = None
) -> bytes:
    timestamp = datetime(when.year, when.month, when.day, tzinfo=UTC)
    pdf: object
    try:
        if compiler is None:
            pdf, _warnings = typst.compile_with_warnings(
                source.encode("utf-8"),  # type: ignore[misc]
                root=str(root),
                font_paths=[str(sarabun_folder())],
                ignore_system_fonts=True,
                pdf_standards=[PDF_STANDARD],
                timestamp=timestamp,
            )
        else:
            pdf, _warnings = compiler.compile_with_warnings(
                source.encode("utf-8"),
                root=str(root),
                pdf_standards=[PDF_STANDARD],
                timestamp=timestamp,
            )
    except typst.TypstError as err:
        raise CompileError(_problem(err, origin)) from None
    assert isinstance(pdf, bytes)
    return pdf


def overflows(source: str, root: Path) -> list[dict[str, str | None]]:
    """Every overflow the guards record (templates/style.typ), in document order, once each.

    Run after a compile stopped at the first overflow: with ``aplan-guards=record`` the guards
    record instead of stopping, and one query collects them all.
    """
    try:
        found = typst.query(  # type: ignore[misc]
            source.encode("utf-8"),
            "<aplan-overflow>",
            field="value",
            root=str(root),
            font_paths=[str(sarabun_folder())],
            ignore_system_fonts=True,
            sys_inputs={"aplan-guards": "record"},
        )
    except (typst.TypstError, RuntimeError):  # query reports some failures as RuntimeError
        return []
    records = json.loads(found)
    unique = {json.dumps(r, sort_keys=True, ensure_ascii=False): r for r in records}
    return list(unique.values())


def _problem(err: typst.TypstError, origin: str) -> Problem:
    message = str(getattr(err, "message", err)).strip()
    if "aplan-overflow:" in message:
        text = unsteered(message.split("aplan-overflow:", 1)[1].strip().strip('"'))
        return Problem(origin, 1, 1, Severity.ERROR, "overflow", text)
    hints = "; ".join(getattr(err, "hints", []) or [])
    detail = f"{message} ({hints})" if hints else message
    diagnostic = str(getattr(err, "diagnostic", "")).strip().splitlines()
    where = next((line.strip(" ┌─") for line in diagnostic if "┌─" in line), "")
    if where:
        detail += f" at {where}"
    return Problem(origin, 1, 1, Severity.ERROR, "typst", f"the PDF could not be made: {detail}")
