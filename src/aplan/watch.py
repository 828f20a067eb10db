"""Live preview: ``aplan watch --period h1`` rebuilds the PDF whenever a source or template changes.

One ``typst.Compiler`` is kept for the whole session: the fonts are read once and Typst's
caches carry over, so a rebuild after one edit costs a fraction of a cold ``aplan build``.
A rebuild is the same pipeline as ``aplan build`` (validate, render, compile, repair the text
layer, write whole), so a bad edit prints its problems and leaves the last good PDF in place;
watching goes on until Ctrl-C.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from threading import Event

import typst
from watchfiles import Change, DefaultFilter, watch

from .build import build_pdf
from .period import Period
from .problems import Problem, summary_line
from .render.compile import new_compiler
from .render.report import TEMPLATES, compile_root

Echo = Callable[[str], None]

REBUILDS_PER_COMPILER = 200
"""Typst's caches grow with every distinct version compiled; a fresh compiler bounds them."""


WAKE_MS = 200
"""How often the watcher wakes without a change (to begin, and to notice ``stop``)."""


class _Sources(DefaultFilter):
    """Changes to sources and templates; not to the PDF being written, nor editors' backups."""

    def __init__(self, output: Path) -> None:
        super().__init__()
        self.output = output.resolve()

    def __call__(self, change: Change, path: str) -> bool:
        changed = Path(path)
        if changed.parent == self.output.parent and (
            changed.name == self.output.name or changed.name.startswith(f".{self.output.name}.")
        ):
            return False
        return super().__call__(change, path)


class Session:
    """Builds one report again and again with the same compiler."""

    def __init__(self, root: Path, period: Period, output: Path, echo: Echo) -> None:
        self.root, self.period, self.output, self.echo = root, period, output, echo
        self.compiler: typst.Compiler | None = None
        self.builds = 0

    def build(self) -> bool:
        """One build; prints its problems and what was written. True when a PDF was written."""
        started = time.perf_counter()
        if self.compiler is None or self.builds >= REBUILDS_PER_COMPILER:
            self.compiler, self.builds = new_compiler(compile_root(self.root)), 0
        self.builds += 1
        outcome = build_pdf(self.root, self.period, self.output, self.compiler)
        self._report(outcome.problems)
        seconds = time.perf_counter() - started
        if outcome.pdf is None:
            self.echo(
                f"not written ({summary_line(outcome.problems)}); {self.output} is the last good "
                "report"
            )
            return False
        self.echo(f"wrote {self.output} ({len(outcome.pdf):,} bytes) in {seconds:.2f} s")
        return True

    def _report(self, problems: list[Problem]) -> None:
        for problem in problems:
            self.echo(problem.human())
        if problems:
            self.echo(summary_line(problems))


def run(
    root: Path, period: Period, output: Path, echo: Echo, stop: Event | None = None
) -> None:
    """Build, then rebuild on every change until ``stop`` is set or Ctrl-C."""
    session = Session(root, period, output, echo)
    folders = [root, *([TEMPLATES] if TEMPLATES.is_dir() else [])]
    started = False
    for changes in watch(
        *folders,
        watch_filter=_Sources(output),
        stop_event=stop,
        step=50,
        rust_timeout=WAKE_MS,
        yield_on_timeout=True,  # the first wake: watching has begun, so no edit is missed
    ):
        if not started:
            started = True
            _safely(session, echo)
            echo("watching " + ", ".join(str(f) for f in folders) + " (Ctrl-C stops)")
        if not changes:
            continue
        names = sorted({_shown(Path(path), folders) for _, path in changes})
        echo(f"changed: {', '.join(names)}")
        _safely(session, echo)


def _safely(session: Session, echo: Echo) -> None:
    """A fault inside one rebuild is reported, and the watch goes on to the next edit."""
    try:
        session.build()
    except Exception as err:  # the preview must outlive one bad rebuild
        echo(f"aplan: internal error: {type(err).__name__}: {err}; still watching")


def _shown(path: Path, folders: list[Path]) -> str:
    for folder in folders:
        if path.is_relative_to(folder.resolve()):
            return str(folder / path.relative_to(folder.resolve()))
    return str(path)
