"""Many reports in one command: each data folder is built in a worker process of its own.

Only the standard library is imported here, so the command starts fast; a worker imports the
pipeline when it builds. A folder's failure, even a crashed worker, stops no other folder.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .problems import Problem


@dataclass(frozen=True)
class Job:
    data: Path
    output: Path


@dataclass
class Result:
    """What building one folder gave: its problems, and the PDF's size when it was written."""

    job: Job
    problems: list[Problem] = field(default_factory=list)
    size: int | None = None
    crash: str | None = None
    """An unexpected failure, in words; the folder's own problems are in ``problems``."""

    @property
    def ok(self) -> bool:
        return self.size is not None


def default_jobs() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def unique_folders(folders: Sequence[Path]) -> list[Path]:
    """The folders in the order given, each once (the same folder named twice is built once)."""
    seen: set[Path] = set()
    kept = []
    for folder in folders:
        key = folder.resolve()
        if key not in seen:
            seen.add(key)
            kept.append(folder)
    return kept


def report_names(folders: Sequence[Path]) -> list[str]:
    """A distinct name per folder: its own name, or as many parent names as tell it apart.

    ``a/2567`` and ``b/2567`` become ``a-2567`` and ``b-2567``; ``x/office-01`` stays
    ``office-01``.
    """
    parts = [tuple(p for p in f.resolve().parts if p != f.resolve().anchor) for f in folders]
    names = []
    for mine in parts:
        k = 1
        while k < len(mine) and sum(1 for other in parts if other[-k:] == mine[-k:]) > 1:
            k += 1
        names.append("-".join(mine[-k:]) or "root")
    return [name if names.count(name) == 1 else f"{name}-{i + 1}" for i, name in enumerate(names)]


def plan(folders: Sequence[Path], period_code: str, output_dir: Path) -> list[Job]:
    names = report_names(folders)
    return [
        Job(folder, output_dir / f"report-{name}-{period_code}.pdf")
        for folder, name in zip(folders, names, strict=True)
    ]


def build_one(job: Job, period_code: str) -> Result:
    """Build one report (in a worker); every failure comes back as a result, never raised."""
    try:
        from .build import build_pdf
        from .period import PERIOD_CODES, PERIODS

        code = next(c for c in PERIOD_CODES if c == period_code)
        outcome = build_pdf(job.data, PERIODS[code], job.output)
        size = None if outcome.pdf is None else len(outcome.pdf)
        return Result(job, outcome.problems, size)
    except Exception as err:  # one folder's bug must not stop the others
        return Result(job, crash=f"{type(err).__name__}: {err}")


def build_all(
    jobs: Sequence[Job], period_code: str, workers: int, done: Callable[[Result], None]
) -> list[Result]:
    """Build every job on ``workers`` processes; call ``done`` as each finishes.

    Results come back in the order of ``jobs``. When a worker process dies (a crash in a
    library, the kernel's out-of-memory killer), the pool breaks and every unfinished job fails
    with it; those are run again, each alone, so only the folder that kills its worker fails.
    """
    results: dict[int, Result] = {}
    broken = _run_pool(list(enumerate(jobs)), period_code, workers, done, results)
    for i, job in broken:
        _run_pool([(i, job)], period_code, 1, done, results, last_try=True)
    return [results[i] for i in range(len(jobs))]


def _run_pool(
    todo: list[tuple[int, Job]],
    period_code: str,
    workers: int,
    done: Callable[[Result], None],
    results: dict[int, Result],
    *,
    last_try: bool = False,
) -> list[tuple[int, Job]]:
    broken: list[tuple[int, Job]] = []
    pool = ProcessPoolExecutor(max_workers=max(1, min(workers, len(todo))))
    try:
        futures: dict[Future[Result], tuple[int, Job]] = {
            pool.submit(build_one, job, period_code): (i, job) for i, job in todo
        }
        for future in as_completed(futures):
            i, job = futures[future]
            try:
                result = future.result()
            except BrokenProcessPool:
                if not last_try:
                    broken.append((i, job))
                    continue
                result = Result(job, crash="the build process stopped unexpectedly")
            results[i] = result
            done(result)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    return sorted(broken, key=lambda item: item[0])

