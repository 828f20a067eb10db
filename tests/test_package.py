"""aplan as an installed package: templates as package data, the version, file modes.

Outputs get the user's umask (output.py; tests/test_faults.py checks write_whole itself); here
the commands as a user runs them.

`make wheel-check` runs this file again against a wheel installed in a fresh environment, from
another directory, with APLAN_WHEEL_CHECK=1.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest

import aplan
from aplan.render.report import TEMPLATES

from .conftest import DATA, REPO

INSTALLED = os.environ.get("APLAN_WHEEL_CHECK") == "1"


def aplan_run(*args: str, cwd: Path, umask: int | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "aplan", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        preexec_fn=(lambda: os.umask(umask)) if umask is not None else None,
    )


@pytest.mark.skipif(not INSTALLED, reason="only under make wheel-check")
def test_the_package_under_test_is_the_installed_wheel() -> None:
    """Not the checkout: the templates come from the wheel's package data."""
    source = REPO / "src"
    assert not Path(aplan.__file__).resolve().is_relative_to(source)
    assert not TEMPLATES.is_relative_to(REPO / "templates")
    assert TEMPLATES.parts[-2:] == ("aplan", "templates")


def test_shipped_templates_are_package_data() -> None:
    names = sorted(p.relative_to(TEMPLATES).as_posix() for p in TEMPLATES.rglob("*.*typ*"))
    assert "report.typ.j2" in names and "style.typ" in names
    assert "parts/part1.typ.j2" in names


def test_every_subpackage_is_listed_for_the_wheel() -> None:
    """pyproject lists the packages by hand (the templates are mapped in): none may be missed."""
    if INSTALLED:
        pytest.skip("reads the checkout's pyproject.toml")
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    src = REPO / "src"
    found = {
        ".".join(p.parent.relative_to(src).parts) for p in (src / "aplan").rglob("__init__.py")
    }
    assert found <= listed


def test_version_is_the_package_version(tmp_path: Path) -> None:
    result = aplan_run("--version", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"aplan {metadata.version('aplan')}\n"


def test_build_works_from_any_directory(tmp_path: Path) -> None:
    """An absolute data folder, run from a folder that is not the repository."""
    result = aplan_run("build", "--period", "h1", "--data", str(DATA), cwd=tmp_path, umask=0o022)
    assert result.returncode == 0, result.stdout + result.stderr
    pdf = tmp_path / "build" / "report-2567-h1.pdf"
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert stat.S_IMODE(pdf.stat().st_mode) == 0o644


def test_render_output_follows_the_umask_of_the_command(tmp_path: Path) -> None:
    result = aplan_run(
        "render", "--period", "h1", "--data", str(DATA), "-o", "r.typ", cwd=tmp_path, umask=0o077
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert stat.S_IMODE((tmp_path / "r.typ").stat().st_mode) == 0o600
