"""Many reports in one command: parallel builds, distinct outputs, failures reported, not fatal."""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
from pathlib import Path

import pytest

from aplan import batch
from aplan.batch import Job, Result, build_all, plan, report_names, unique_folders
from aplan.cli import Format, _batch_summary
from aplan.problems import Problem, Severity
from bench.generate import generate_offices

from .test_cli import aplan


def test_two_good_folders_and_a_bad_one(tmp_path: Path) -> None:
    good = generate_offices(tmp_path / "in", 2, projects=1)
    bad = tmp_path / "bad [x]"  # brackets: a path is printed as typed, never as rich markup
    shutil.copytree(good[0], bad)
    project = next((bad / "projects").glob("*.yaml"))
    text = project.read_text(encoding="utf-8")
    project.write_text(text.replace("group: admin", "group: admn"), encoding="utf-8")

    folders = ["in/office-01", "in/office-02", "bad [x]"]
    result = aplan("build", "--period", "h1", *folders, "--jobs", "2", "--output-dir", "out",
                   cwd=tmp_path)

    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    for name in ("office-01", "office-02"):
        assert (tmp_path / "out" / f"report-{name}-h1.pdf").read_bytes().startswith(b"%PDF-")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "report-office-01-h1.pdf", "report-office-02-h1.pdf"
    ]
    lines = result.stdout.splitlines()
    assert lines[0].startswith("wrote out/report-office-01-h1.pdf (")
    assert lines[1].startswith("wrote out/report-office-02-h1.pdf (")
    assert lines[2:] == [
        "FAILED bad [x]: 1 error, 0 warnings",
        f"  bad [x]/projects/{project.name}:2:8: error: group: `admn` is not a group of the office "
        "(office.yaml); did you mean `admin`? [unknown-group]",
    ]
    assert "FAILED bad [x]" in result.stderr.splitlines()
    assert result.stderr.splitlines()[-1] == "2 of 3 reports built; failed: bad [x]"


def test_output_names_never_collide(tmp_path: Path) -> None:
    assert report_names([Path("x/office-01"), Path("y/office-02")]) == ["office-01", "office-02"]
    assert report_names([Path("a/2567"), Path("b/2567")]) == ["a-2567", "b-2567"]
    assert report_names([tmp_path / "p/q/2567", tmp_path / "r/q/2567"]) == ["p-q-2567", "r-q-2567"]
    jobs = plan([Path("a/2567"), Path("b/2567")], "fy", Path("out"))
    assert [j.output for j in jobs] == [Path("out/report-a-2567-fy.pdf"),
                                        Path("out/report-b-2567-fy.pdf")]


def test_the_same_folder_twice_is_built_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "d").mkdir()
    monkeypatch.chdir(tmp_path)
    assert unique_folders([Path("d"), tmp_path / "d", Path("d/")]) == [Path("d")]


def test_several_folders_need_output_dir_not_output() -> None:
    result = aplan("build", "--period", "h1", "a", "b", "-o", "x.pdf")
    assert result.returncode == 2
    assert "with several data folders use --output-dir" in result.stderr


def _fake_build(job: Job, period_code: str) -> Result:
    if job.data.name == "crash":
        os._exit(1)  # a worker killed outright, as by the out-of-memory killer
    return Result(job, size=len(period_code))


@pytest.mark.skipif(
    multiprocessing.get_start_method() != "fork", reason="workers inherit the patch by forking"
)
def test_a_crashed_worker_fails_only_its_own_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch, "build_one", _fake_build)
    jobs = [Job(Path(name), Path(f"{name}.pdf")) for name in ("a", "crash", "b", "c")]
    finished: list[Path] = []
    results = build_all(jobs, "h1", 2, lambda r: finished.append(r.job.data))
    assert [r.job.data.name for r in results] == ["a", "crash", "b", "c"]
    assert [r.ok for r in results] == [True, False, True, True]
    assert results[1].crash == "the build process stopped unexpectedly"
    assert sorted(p.name for p in finished) == ["a", "b", "c", "crash"]


def test_json_summary(capsys: pytest.CaptureFixture[str]) -> None:
    problem = Problem("bad/office.yaml", 3, 7, Severity.ERROR, "unknown-group", "group: …")
    results = [
        Result(Job(Path("good"), Path("out/report-good-h1.pdf")), size=1234),
        Result(Job(Path("bad"), Path("out/report-bad-h1.pdf")), problems=[problem]),
        Result(Job(Path("odd"), Path("out/report-odd-h1.pdf")), crash="ValueError: boom"),
    ]
    _batch_summary(results, Format.json)
    assert json.loads(capsys.readouterr().out) == [
        {"data": "good", "output": "out/report-good-h1.pdf", "bytes": 1234, "error": None,
         "problems": []},
        {"data": "bad", "output": None, "bytes": None, "error": None,
         "problems": [{"file": "bad/office.yaml", "line": 3, "column": 7, "severity": "error",
                       "code": "unknown-group", "message": "group: …"}]},
        {"data": "odd", "output": None, "bytes": None, "error": "ValueError: boom",
         "problems": []},
    ]
