"""The command as a user runs it: a real process, exit codes and printed lines."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from .conftest import DATA, REPO, DataCopy


def aplan(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "aplan", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


def test_validate_clean_data_prints_the_totals() -> None:
    result = aplan("validate")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 errors, 0 warnings" in result.stdout
    assert "projects: 14, budget 1,121,990.00 baht" in result.stdout
    assert "running costs (Table 1): 3,878,010.00 baht" in result.stdout
    assert "allocation: 5,000,000.00 baht (declared 5,000,000.00)" in result.stdout


def test_problems_exit_1_with_all_problems(data_copy: DataCopy) -> None:
    data_copy.edit("projects/05-equal-opportunity.yaml", "budget: 120885", "budget: 120855")
    data_copy.edit("projects/12-ict.yaml", "group: ict", "group: itc")
    result = aplan("validate", "--data", str(data_copy.root))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 3
    assert lines[0].endswith("[allocation-total]") and lines[1].endswith("[projects-total]")
    assert lines[2].endswith("[unknown-group]")
    assert result.stderr.strip() == "3 errors, 0 warnings"
    assert "Traceback" not in result.stderr


def test_json_format(data_copy: DataCopy) -> None:
    data_copy.edit("projects/12-ict.yaml", "group: ict", "group: itc")
    result = aplan("validate", "--data", str(data_copy.root), "--format", "json")
    assert result.returncode == 1
    assert json.loads(result.stdout) == [
        {
            "file": data_copy.name("projects/12-ict.yaml"),
            "line": 4,
            "column": 8,
            "severity": "error",
            "code": "unknown-group",
            "message": "group: `itc` is not a group of the office (office.yaml); did you mean "
            "`ict`?",
        }
    ]


def test_github_format(data_copy: DataCopy) -> None:
    data_copy.edit("projects/12-ict.yaml", "group: ict", "group: itc")
    result = aplan("validate", "--data", str(data_copy.root), "--format", "github")
    assert result.stdout.splitlines() == [
        f"::error file={data_copy.name('projects/12-ict.yaml')},line=4,col=8,"
        "title=aplan unknown-group::group: `itc` is not a group of the office (office.yaml); "
        "did you mean `ict`?"
    ]


def test_usage_error_exits_2() -> None:
    result = aplan("validate", "--format", "xml")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_missing_data_folder(tmp_path: Path) -> None:
    result = aplan("validate", "--data", str(tmp_path / "nope"))
    assert result.returncode == 1
    assert result.stdout == (
        f"{tmp_path / 'nope'}: error: the data folder does not exist [missing-file]\n"
    )


def test_broken_yaml_is_reported_not_raised(data_copy: DataCopy) -> None:
    data_copy.path("office.yaml").write_bytes(b"name: [\xff\xfe")
    result = aplan("validate", "--data", str(data_copy.root))
    assert result.returncode == 1
    assert result.stdout == (
        f"{data_copy.name('office.yaml')}:1:8: error: byte 0xFF is not UTF-8 text; save the file "
        "as UTF-8 (in Notepad: Save As, Encoding UTF-8) [encoding]\n"
    )
    assert "Traceback" not in result.stderr
    assert DATA.is_dir()



_LOADED = """
import json, os, sys
from aplan.cli import app

for argv in {argvs!r}:
    try:
        app(argv, prog_name="aplan")
    except SystemExit:
        pass
print("LOADED", json.dumps(sorted(sys.modules)))
"""
RENDERING = {"typst", "jinja2", "pypdf", "openpyxl", "watchfiles"}
HEAVY = {*RENDERING, "yaml", "aplan.models", "aplan.build", "aplan.render"}
"""What start-up must not import: the renderer, the loader, our models, the pipeline."""


def _loaded_after(*argvs: list[str], env: dict[str, str] | None = None) -> set[str]:
    """Modules loaded (with their parent packages' names) after running ``aplan`` on argvs."""
    result = subprocess.run(
        [sys.executable, "-c", _LOADED.format(argvs=list(argvs))],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **(env or {})},
    )
    line = next(x for x in result.stdout.splitlines() if x.startswith("LOADED "))
    names = json.loads(line.removeprefix("LOADED "))
    return {".".join(name.split(".")[:k]) for name in names for k in (1, 2)}


def test_help_and_completion_import_nothing_heavy() -> None:
    helps = (["--help"], ["build", "--help"], ["validate", "--help"], ["render", "--help"],
             ["new-year", "--help"], ["watch", "--help"], ["export", "--help"])
    loaded = _loaded_after(*helps)
    assert "aplan.cli" in loaded  # the probe ran the app
    assert loaded & HEAVY == set()
    completing = {"_APLAN_COMPLETE": "bash_complete", "COMP_WORDS": "aplan b", "COMP_CWORD": "1"}
    assert _loaded_after([], env=completing) & HEAVY == set()


def test_validate_imports_no_renderer() -> None:
    loaded = _loaded_after(["validate"])
    assert "aplan.models" in loaded  # validate did run
    assert loaded & RENDERING == set()
def test_validate_says_which_rounds_the_data_can_build() -> None:
    result = aplan("validate")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert "rounds complete: h1" in lines
    assert (
        "round q1 builds with: no disbursement snapshot (the report says so); no preface "
        "(none is printed)"
    ) in lines
    assert (
        "round fy builds with: draft (ร่าง): 14 projects in 9 groups not reported; no "
        "disbursement snapshot (the report says so); no preface (none is printed)"
    ) in lines


def test_validate_period_checks_what_the_round_needs() -> None:
    result = aplan("validate", "--period", "m9")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("[not-reported]") == 14 + 9
    assert "data/2567/report.yaml:38:3: warning: preface: no preface for m9" in result.stdout
    assert "rounds complete" not in result.stdout
    assert aplan("validate", "--period", "h2").returncode == 2


def test_new_year_imports_no_renderer(tmp_path: Path) -> None:
    loaded = _loaded_after(["new-year", "2568", "--from", str(DATA), "--to", str(tmp_path / "n")])
    assert "aplan.newyear" in loaded and (tmp_path / "n" / "report.yaml").is_file()
    assert loaded & RENDERING == set()


def test_export_imports_no_typesetter(tmp_path: Path) -> None:
    loaded = _loaded_after(
        ["export", "--period", "h1", "--format", "csv", "-o", str(tmp_path / "csv")]
    )
    assert "aplan.export" in loaded and (tmp_path / "csv" / "table-2.csv").is_file()
    assert loaded & {"typst", "jinja2", "pypdf", "watchfiles"} == set()


def test_watch_needs_a_data_folder(tmp_path: Path) -> None:
    result = aplan("watch", "--period", "h1", "--data", str(tmp_path / "nope"))
    assert result.returncode == 2 and "no such folder" in result.stderr
