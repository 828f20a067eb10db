"""Run the bad-input corpus (cases.py): the exact problems and exit code of each case.

Each case runs in this process (fast), its data in a folder of its own. The cases that test a
resource bound also run as a process of their own under a memory limit and a time-out, as a
user's run would: a bound that failed would show as a crash or a kill, not a slow test.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from aplan.cli import app
from aplan.problems import Problem

from ..conftest import REPO
from .cases import CASES, Case

BASE = Path(__file__).resolve().parent / "base"
"""tests/data/minimal as the corpus was written against, frozen: each case asserts exact
lines and columns, which any edit of the shared fixture would shift."""
MEMORY_LIMIT = 1 << 30
"""Address space of a process that runs a resource case: 1 GiB (an alias bomb took 1.35 GB)."""
TIME_LIMIT = 60
"""Seconds before such a process counts as hung (each takes about one)."""


def _prepare(case: Case, where: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    shutil.copytree(BASE, where / "m")
    monkeypatch.chdir(where)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    for name, value in case.env.items():
        monkeypatch.setenv(name, value)
    case.setup(where)
    return {name: (where / name).read_bytes() for name in case.unchanged}


def _human(stdout: str) -> list[str]:
    return [Problem(**item).human() for item in json.loads(stdout)]


def _expected(case: Case, where: Path) -> list[str]:
    return [line.replace("{root}", str(where.resolve())) for line in case.expected]


def test_the_corpus_covers_every_class() -> None:
    classes = {case.id.split("-")[0] for case in CASES}
    assert classes == {"resource", "position", "file", "date", "message", "output"}
    assert len(CASES) >= 60
    assert len({case.id for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_bad_input(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    kept = _prepare(case, tmp_path, monkeypatch)
    result = CliRunner().invoke(app, [*case.args, "--format", "json"])
    assert _human(result.stdout) == _expected(case, tmp_path)
    assert result.exit_code == case.exit_code
    for name, content in kept.items():
        assert (tmp_path / name).read_bytes() == content, f"{name} was changed"


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


@pytest.mark.parametrize(
    "case", [c for c in CASES if c.memory_heavy], ids=lambda case: case.id
)
def test_resource_case_in_a_bounded_process(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _prepare(case, tmp_path, monkeypatch)
    result = subprocess.run(
        [sys.executable, "-m", "aplan", *case.args, "--format", "json"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(REPO / "src")},
        capture_output=True,
        text=True,
        timeout=TIME_LIMIT,
        preexec_fn=_limited,
        check=False,
    )
    assert _human(result.stdout) == _expected(case, tmp_path), result.stderr
    assert result.returncode == case.exit_code
