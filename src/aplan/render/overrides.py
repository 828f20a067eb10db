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


def unused_overrides(data_root: Path, shipped: Path) -> Iterator[Problem]:
    """A file that replaces no shipped template is never used: most likely a misspelt name."""
    folder = data_root / TEMPLATES_DIR
    names = sorted(p.relative_to(shipped).as_posix() for p in shipped.rglob("*") if p.is_file())
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
