"""An office's own template parts, MkDocs ``custom_dir`` style, and their checks.

A file under ``<data>/templates/`` with the name of a shipped template (``report.typ.j2``,
``parts/part1.typ.j2``, ``style.typ``) is used instead of it. A part that fails to render is
reported at its own file and line, in ``validate`` and before ``build`` compiles anything.
"""

from __future__ import annotations

import re
import traceback
from collections.abc import Iterator
from pathlib import Path

import jinja2

from ..dataset import TEMPLATES_DIR
from ..problems import Problem, Severity

TEMPLATE_SUFFIXES = (".j2", ".typ")


class TemplateFailure(Exception):
    """A template that could not be rendered, with the problem that says where and why."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def search_path(data_root: Path, shipped: Path) -> list[Path]:
    """The folders Jinja looks in, the office's own first."""
    custom = data_root / TEMPLATES_DIR
    return [custom, shipped] if custom.is_dir() else [shipped]


def style_file(data_root: Path, shipped: Path) -> Path:
    custom = data_root / TEMPLATES_DIR / "style.typ"
    return custom if custom.is_file() else shipped / "style.typ"


def override_files(data_root: Path) -> list[Path]:
    folder = data_root / TEMPLATES_DIR
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix in (".j2", ".typ"))


def override_parts(data_root: Path) -> list[str]:
    """The shipped parts (``parts/part2.typ.j2``) an office replaces with its own."""
    folder = data_root / TEMPLATES_DIR / "parts"
    return [f"parts/{p.name}" for p in override_files(data_root) if p.parent == folder
            and p.suffix == ".j2" and not p.name.startswith("_")]


def unused_overrides(data_root: Path, shipped: Path) -> Iterator[Problem]:
    """A file that replaces no shipped template is never used: most likely a misspelt name."""
    folder = data_root / TEMPLATES_DIR
    names = sorted(
        p.relative_to(shipped).as_posix()
        for p in shipped.rglob("*")
        if p.is_file() and p.suffix in TEMPLATE_SUFFIXES  # not the package's __init__.py
    )
    for path in override_files(data_root):
        name = path.relative_to(folder).as_posix()
        if name not in names and not name.startswith("_"):
            yield Problem(
                str(path), 1, 1, Severity.WARNING, "template",
                f"`{name}` has the name of no shipped template, so it replaces nothing; "
                f"templates that can be replaced: {', '.join(names)} (a file whose name starts "
                "with _ is a helper for your own includes)",
            )


def syntax_problems(env: jinja2.Environment, data_root: Path) -> Iterator[Problem]:
    for path in override_files(data_root):
        if path.suffix != ".j2":
            continue
        try:
            env.parse(path.read_text(encoding="utf-8"), path.name, str(path))
        except jinja2.TemplateSyntaxError as err:
            yield Problem(
                str(path), err.lineno or 1, 1, Severity.ERROR, "template",
                f"template syntax: {err.message}; blocks are written <% … %>, values << … >>, "
                "comments <# … #>",
            )


def failure(err: Exception) -> TemplateFailure:
    """Where in which template rendering stopped, from the frames Jinja maps to templates."""
    if isinstance(err, jinja2.TemplateSyntaxError):
        where = (err.filename or err.name or "(template)", err.lineno or 1)
        what = f"template syntax: {err.message}"
    else:
        frames = [
            f for f in traceback.extract_tb(err.__traceback__) if f.filename.endswith(".j2")
        ]
        where = (frames[-1].filename, frames[-1].lineno or 1) if frames else ("(template)", 1)
        if isinstance(err, jinja2.UndefinedError):
            what = f"{_undefined(err.message or '')}; see docs/templates.md for the names a " \
                "template can use"
        else:
            what = f"the template could not be rendered: {err}"
    return TemplateFailure(Problem(where[0], where[1], 1, Severity.ERROR, "template", what))


_NO_ATTRIBUTE = re.compile(r"'(?:[\w.]+\.)?(\w+) object' has no attribute '(\w+)'")
_UNDEFINED = re.compile(r"'(\w+)' is undefined")


def _undefined(message: str) -> str:
    """Jinja's wording in the template writer's terms."""
    if match := _NO_ATTRIBUTE.search(message):
        return f"the template asks for `{match.group(2)}`, which {match.group(1)} does not have"
    if match := _UNDEFINED.search(message):
        return f"the template uses `{match.group(1)}`, which is not defined"
    return f"the template uses something that is not defined ({message})"


PART_MARKER = re.compile(r"^// aplan-part: (\S+)$", re.M)
"""A comment report.typ.j2 writes before each part it includes, so that a Typst error in the
generated source can be traced back to the part (and the office's own file) that wrote it."""
_WHERE = re.compile(r" at (\S+?):(\d+):(\d+)$")


def typst_failure_in_override(problem: Problem, source: str, data_root: Path) -> Problem | None:
    """The office's own template that produced the Typst that failed, or None if none did.

    Typst names a line of the generated source (or of style.typ); the part markers say which
    part wrote that line, and the line is counted from the start of that part's output.
    """
    match = _WHERE.search(problem.message)
    if match is None:
        return None
    # typst-py's diagnostic counts columns from 0 (its caret stands under column + 1)
    file, line, column = match.group(1), int(match.group(2)), int(match.group(3)) + 1
    message = problem.message[: match.start()].removeprefix("the PDF could not be made: ")
    custom = data_root / TEMPLATES_DIR
    if not file.endswith("__typst_py_bytes__.typ"):  # a file Typst read: an own style.typ?
        path = Path(file).resolve()  # typst-py names it from the working directory
        if not path.is_relative_to(custom.resolve()):
            return None
        return _typst_problem(custom / path.relative_to(custom.resolve()), line, column, message)
    markers = [
        (source.count("\n", 0, m.start()) + 1, m.group(1)) for m in PART_MARKER.finditer(source)
    ]
    before = [(at, name) for at, name in markers if at < line]
    at, name = before[-1] if before else (0, "report.typ.j2")
    path = custom / name
    if not path.is_file():
        return None
    return _typst_problem(path, max(line - at, 1), column, message)


def _typst_problem(path: Path, line: int, column: int, message: str) -> Problem:
    return Problem(
        str(path), line, column, Severity.ERROR, "template",
        f"the Typst this template writes is not valid: {message} (line {line} of what it "
        "writes; check brackets [ ] ( ) { } and quotes)",
    )
