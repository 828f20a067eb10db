"""Render the Typst source of one report: view → Jinja templates → text."""

from __future__ import annotations

import calendar
import os
from dataclasses import dataclass
from datetime import UTC, date, datetime
from importlib import resources
from pathlib import Path

import jinja2

from ..dataset import DataSet
from ..period import Period
from ..thai import Digits
from . import phrases
from .jinja import environment
from .linebreak import Breaker, data_words
from .overrides import failure, search_path, style_file
from .view import ReportView, build_view

TEMPLATES = Path(str(resources.files("aplan.templates"))).resolve()
"""The shipped templates: package data, the repository's ``templates/`` in a checkout.

A wheel is always installed unpacked, so they are plain files Jinja and Typst can both read.
"""
MAIN_TEMPLATE = "report.typ.j2"


@dataclass(frozen=True)
class Rendered:
    source: str
    title: str
    date: date
    root: Path


def document_date(view: ReportView) -> date:
    """The report's date: ``SOURCE_DATE_EPOCH`` if set, else the period's last day (CE)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC).date()
    last = view.period_last
    year = last.year - 543
    return date(year, last.month, calendar.monthrange(year, last.month)[1])


def render(
    data: DataSet, period: Period, templates: Path = TEMPLATES, part: str = MAIN_TEMPLATE
) -> Rendered:
    """The complete Typst source; ``data`` must have validated clean.

    The office's ``templates/`` folder, if any, goes first on the search path; a template that
    fails raises ``TemplateFailure`` naming its file and line. ``part`` renders one part alone
    (for tests and template work).
    """
    view = build_view(data, period)
    digits = Digits(view.info.digits)
    breaker = Breaker(data_words(data), kept=True)
    env = environment(search_path(data.root, templates), digits, breaker)
    period_range = (
        f"{digits.month_year(view.period_first)} – {digits.month_year(view.period_last)}"
    )
    title = digits(
        f"{view.info.title} {view.period.label()} ({period_range}) {view.info.plan} "
        f"{phrases.FISCAL_YEAR} {view.info.fiscal_year} {view.office.short_name}"
    )
    when = document_date(view)
    root = compile_root(data.root, templates)
    try:
        source = env.get_template(part).render(
            v=view,
            source_name=" ".join(_inside(root, data.root).split()),  # a comment line: no breaks
            style_path=_inside(root, style_file(data.root, templates)),
            document_title=title,
            period_range=period_range,
            date=when,
            chart_alt=_chart_alt(view, digits),
            photo_path=lambda file: _inside(root, data.root / file),
        )
    except (jinja2.TemplateError, TypeError, ValueError, AttributeError) as err:
        raise failure(err) from err
    breaker.keep()
    return Rendered(source, title, when, root)


def compile_root(data_root: Path, templates: Path = TEMPLATES) -> Path:
    """The folder Typst may read from: the nearest that holds both templates and data.

    The generated source imports the style from the templates and images from the data, and
    Typst reads nothing outside its root. In a checkout this is the repository; with an
    installed package it may be a common ancestor as wide as ``/``: Typst markup comes only
    from templates, never from data (text is escaped), so the width gives data no reach.
    """
    return Path(os.path.commonpath([templates.resolve(), data_root.resolve()]))


def _inside(root: Path, path: Path) -> str:
    """``path`` as Typst names it: absolute from the compile root."""
    return "/" + path.resolve().relative_to(root).as_posix()


def _chart_alt(view: ReportView, digits: Digits) -> str:
    if not view.disbursement:
        return ""
    parts = [
        phrases.CHART_ALT_LINE.format(
            label=row.label,
            received=digits.money(row.received),
            disbursed=digits.money(row.disbursed),
        )
        for row in view.disbursement
    ]
    return f"{phrases.CHART_ALT}: " + "; ".join(parts)


