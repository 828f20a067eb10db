"""Faults around the output file: a stopped build, a full disk, a failed build, modes.

Whatever happens, the PDF a previous build wrote stays byte-identical and no temporary file is
left beside it (one left by SIGKILL, which nothing can catch, is removed by the next build).
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from aplan.output import write_whole

from .conftest import REPO

MINIMAL = REPO / "tests" / "data" / "minimal"
ENV = {**os.environ, "PYTHONPATH": str(REPO / "src")}
ENV.pop("SOURCE_DATE_EPOCH", None)


def aplan(*args: str, cwd: Path, **options: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "aplan", *args],
        cwd=cwd, env=ENV, capture_output=True, text=True, check=False, timeout=300,
        **options,  # type: ignore[call-overload]
    )


def leftovers(folder: Path) -> list[str]:
    return sorted(name for name in os.listdir(folder) if name.endswith(".tmp"))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes]:
    """A copy of the minimal data and the PDF built from it, once for this module."""
    where = tmp_path_factory.mktemp("faults")
    shutil.copytree(MINIMAL, where / "m")
    result = aplan(
        "build", "--period", "h1", "--data", "m", "-o", "out/report.pdf", "--format", "json",
        cwd=where,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert json.loads(result.stdout) == [], "with --format json, stdout is JSON alone"
    assert result.stderr == "wrote out/report.pdf ({:,} bytes)\n".format(
        (where / "out" / "report.pdf").stat().st_size
    )
    return where, (where / "out" / "report.pdf").read_bytes()


@pytest.fixture
def workspace(built: tuple[Path, bytes], tmp_path: Path) -> Iterator[tuple[Path, bytes]]:
    """A fresh copy of the data and of the old PDF for one test."""
    where, pdf = built
    shutil.copytree(where / "m", tmp_path / "m")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "report.pdf").write_bytes(pdf)
    yield tmp_path, pdf


_SLOW_WRITE = """
import os, signal, sys, time
from pathlib import Path
from aplan.output import write_whole

# Ctrl-C and a hangup as in a terminal, even when the tests run as a background job or under
# nohup (which ignore SIGINT and SIGHUP); `nohup` here asks for the hangup to be ignored.
signal.signal(signal.SIGINT, signal.default_int_handler)
nohup = sys.argv[3:] == ["nohup"]
signal.signal(signal.SIGHUP, signal.SIG_IGN if nohup else signal.SIG_DFL)

def slow_fsync(fd):  # the disk is slow: the temporary file exists, the rename has not happened
    Path(sys.argv[2]).write_text("writing")
    time.sleep(5 if nohup else 120)

os.fsync = slow_fsync
write_whole(Path(sys.argv[1]), b"a new PDF that must never be seen half-written")
"""


def _stop_while_writing(
    where: Path, stop: signal.Signals, *how: str
) -> subprocess.Popen[str]:
    ready = where / "ready"
    child = subprocess.Popen(
        [sys.executable, "-c", _SLOW_WRITE, str(where / "out" / "report.pdf"), str(ready), *how],
        cwd=where, env=ENV, text=True, stderr=subprocess.PIPE,
    )
    # Readiness, not a fixed sleep: the writer says when it is inside the write (its signal
    # handlers set, the temporary file open), however long a loaded machine takes to get there.
    deadline = time.monotonic() + 300
    while not ready.exists() and child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert ready.exists(), f"the writer never reached the write: {child.poll()=}"
    assert len(leftovers(where / "out")) == 1, "the temporary file exists while writing"
    child.send_signal(stop)
    child.wait(timeout=300)
    return child


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_a_write_stopped_by_a_signal_removes_its_temporary_file(
    workspace: tuple[Path, bytes], stop: signal.Signals
) -> None:
    where, pdf = workspace
    child = _stop_while_writing(where, stop)
    assert child.returncode != 0
    assert (where / "out" / "report.pdf").read_bytes() == pdf
    assert leftovers(where / "out") == []


def test_a_write_stopped_by_sighup_removes_its_temporary_file(
    workspace: tuple[Path, bytes],
) -> None:
    """A closed terminal (SIGHUP) stops the write like SIGTERM: exit 128 + 1, no trace left."""
    where, pdf = workspace
    child = _stop_while_writing(where, signal.SIGHUP)
    assert child.stderr is not None
    assert (child.returncode, child.stderr.read()) == (128 + signal.SIGHUP, "")
    assert (where / "out" / "report.pdf").read_bytes() == pdf
    assert leftovers(where / "out") == []


def test_under_nohup_a_hangup_does_not_stop_the_write(workspace: tuple[Path, bytes]) -> None:
    """`nohup aplan build`: the hangup was meant to be ignored, so the new PDF is written."""
    where, _pdf = workspace
    child = _stop_while_writing(where, signal.SIGHUP, "nohup")
    assert child.returncode == 0
    new = b"a new PDF that must never be seen half-written"
    assert (where / "out" / "report.pdf").read_bytes() == new
    assert leftovers(where / "out") == []


def test_a_write_killed_leaves_the_old_pdf_and_the_next_build_removes_the_temporary(
    workspace: tuple[Path, bytes],
) -> None:
    where, pdf = workspace
    child = _stop_while_writing(where, signal.SIGKILL)
    assert child.returncode == -signal.SIGKILL
    assert (where / "out" / "report.pdf").read_bytes() == pdf
    assert len(leftovers(where / "out")) == 1, "SIGKILL cannot be caught"
    (where / "m" / "report.yaml").write_text("fiscal_year: [\n", encoding="utf-8")
    result = aplan("build", "--period", "h1", "--data", "m", "-o", "out/report.pdf", cwd=where)
    assert result.returncode == 1
    assert leftovers(where / "out") == [], "the next build removes what a killed one left"
    assert (where / "out" / "report.pdf").read_bytes() == pdf


def test_a_build_stopped_at_any_moment_keeps_the_old_pdf(workspace: tuple[Path, bytes]) -> None:
    where, pdf = workspace
    for stop, delay in ((signal.SIGTERM, 0.5), (signal.SIGKILL, 1.5), (signal.SIGTERM, 2.5)):
        child = subprocess.Popen(
            [sys.executable, "-m", "aplan", "build", "--period", "h1", "--data", "m",
             "-o", "out/report.pdf"],
            cwd=where, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        time.sleep(delay)
        child.send_signal(stop)
        child.wait(timeout=300)
        # Stopped before the write, or after a whole one: the same sources give the same bytes.
        assert (where / "out" / "report.pdf").read_bytes() == pdf
        if stop is signal.SIGTERM:
            assert leftovers(where / "out") == []


def test_a_failed_build_keeps_the_old_pdf(workspace: tuple[Path, bytes]) -> None:
    where, pdf = workspace
    project = where / "m" / "projects" / "01-only.yaml"
    project.write_text(project.read_text(encoding="utf-8").replace("budget: 100", "budget: 99"))
    result = aplan("build", "--period", "h1", "--data", "m", "-o", "out/report.pdf", cwd=where)
    assert result.returncode == 1
    assert "[projects-total]" in result.stdout
    assert (where / "out" / "report.pdf").read_bytes() == pdf
    assert leftovers(where / "out") == []


def _file_size_limit() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG
    resource.setrlimit(resource.RLIMIT_FSIZE, (16_384, 16_384))


_BIG_WRITE = """
import sys
from pathlib import Path
from aplan.output import OutputError, write_whole

try:
    write_whole(Path(sys.argv[1]), b"%PDF" + b"x" * 100_000)
except OutputError as err:
    print(err.problem.human())
    sys.exit(1)
"""


def test_a_write_past_the_file_size_limit_names_path_and_cause(
    workspace: tuple[Path, bytes],
) -> None:
    """Works everywhere, unlike a full disk: the writer's own failure, like ENOSPC."""
    where, pdf = workspace
    result = subprocess.run(
        [sys.executable, "-c", _BIG_WRITE, "out/report.pdf"],
        cwd=where, env=ENV, capture_output=True, text=True, check=False, timeout=300,
        preexec_fn=_file_size_limit,
    )
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines() == [
        "out/report.pdf: error: cannot write the file: the file is larger than this system "
        "allows (file too large) [output]"
    ]
    assert (where / "out" / "report.pdf").read_bytes() == pdf
    assert leftovers(where / "out") == []


def test_a_build_past_the_file_size_limit_names_path_and_cause(
    workspace: tuple[Path, bytes],
) -> None:
    """The whole build under the limit: the line breaker keeps its dictionary in memory, the
    compile runs, and only the PDF's write fails, after all the work, like a full disk."""
    where, pdf = workspace
    result = aplan(
        "build", "--period", "h1", "--data", "m", "-o", "out/report.pdf", cwd=where,
        preexec_fn=_file_size_limit,
    )
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines()[-1:] == [
        "out/report.pdf: error: cannot write the file: the file is larger than this system "
        "allows (file too large) [output]"
    ]
    assert (where / "out" / "report.pdf").read_bytes() == pdf
    assert leftovers(where / "out") == []


@pytest.fixture
def small_disk(workspace: tuple[Path, bytes]) -> Iterator[tuple[Path, bytes]]:
    """``out/`` as a tmpfs just big enough for the old PDF; skipped where none can be mounted."""
    where, pdf = workspace
    disk = where / "out"
    shutil.rmtree(disk)
    disk.mkdir()
    size = len(pdf) + 8 * 4096
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(disk)],
        capture_output=True, text=True, check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here ({mounted.stderr.strip()}); the file-size "
                    "limit test covers the same failure")
    try:
        (disk / "report.pdf").write_bytes(pdf)
        yield where, pdf
    finally:
        subprocess.run(["umount", str(disk)], check=False)


def test_a_full_disk_names_path_and_cause(small_disk: tuple[Path, bytes]) -> None:
    where, pdf = small_disk
    result = aplan("build", "--period", "h1", "--data", "m", "-o", "out/report.pdf", cwd=where)
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines() == [
        "out/report.pdf: error: cannot write the file: the disk is full (no space left on the "
        "device) [output]"
    ]
    assert (where / "out" / "report.pdf").read_bytes() == pdf
    assert leftovers(where / "out") == []


@pytest.mark.parametrize("umask", [0o022, 0o027, 0o077])
def test_output_follows_the_umask(tmp_path: Path, umask: int) -> None:
    old = os.umask(umask)
    try:
        write_whole(tmp_path / "report.pdf", b"%PDF")
    finally:
        os.umask(old)
    assert (tmp_path / "report.pdf").stat().st_mode & 0o777 == 0o666 & ~umask


_CRASH = """
import sys
import aplan.validate

def crash(root):
    raise RuntimeError("a bug")

aplan.validate.validate = crash
sys.argv = ["aplan", *sys.argv[1:]]
from aplan.cli import main
main()
"""


def test_json_even_on_an_internal_error(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", _CRASH, "validate", "--format", "json"],
        cwd=REPO, env=ENV, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 3
    assert json.loads(result.stdout) == [
        {
            "file": "",
            "line": 0,
            "column": 0,
            "severity": "error",
            "code": "internal",
            "message": "internal error: RuntimeError: a bug",
        }
    ]
    assert result.stderr == "aplan: internal error: RuntimeError: a bug\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("validate", "--period", "h9"),
            "Invalid value for --period: unknown period 'h9'; expected one of q1, q2, q3, q4, h1, "
            "m9, fy",
        ),
        (("validate", "--bogus"), "No such option: --bogus"),
    ],
)
def test_json_even_on_a_usage_error(args: tuple[str, ...], message: str) -> None:
    result = aplan(*args, "--format", "json", cwd=REPO)
    assert result.returncode == 2
    assert json.loads(result.stdout) == [
        {"file": "", "line": 0, "column": 0, "severity": "error", "code": "usage",
         "message": message}
    ]


def test_exit_codes_are_documented() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for line in ("0 clean", "1 problems found", "2 usage error", "3 internal error"):
        assert line in readme


def test_output_faults_are_found_before_any_rendering(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The output is checked before the work: rendering or compiling would be a failure here."""
    import aplan.build
    from aplan.period import PERIODS

    def never(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the output should have been refused before this")

    monkeypatch.setattr(aplan.build, "render", never)
    monkeypatch.setattr(aplan.build, "compile_pdf", never)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    shutil.copytree(MINIMAL, tmp_path / "m")
    (tmp_path / "a-folder").mkdir()
    (tmp_path / "a-file").write_text("x")
    outputs = {
        tmp_path / "a-folder": "this is a folder",
        tmp_path / "m" / "report.yaml": "this is inside the data folder",
        tmp_path / "a-file" / "report.pdf": "cannot use this path",
        Path("/dev/null"): "this is a device",
        Path(str(aplan.build.TEMPLATES)) / "report.pdf": "this is inside the shipped templates",
    }
    for output, start in outputs.items():
        outcome = aplan.build.build_pdf(tmp_path / "m", PERIODS["h1"], output)
        assert [(p.file, p.code) for p in outcome.problems] == [(str(output), "output")]
        assert outcome.problems[0].message.startswith(start)
        assert outcome.pdf is None
    assert (tmp_path / "m" / "report.yaml").read_bytes() == (MINIMAL / "report.yaml").read_bytes()


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "read-only"
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", str(folder)],
        capture_output=True, text=True, check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a read-only tmpfs here ({mounted.stderr.strip()})")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=False)


def test_a_read_only_output_folder_is_refused_before_the_compile(
    read_only_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import aplan.build
    from aplan.period import PERIODS

    def never(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the output should have been refused before this")

    monkeypatch.setattr(aplan.build, "compile_pdf", never)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    shutil.copytree(MINIMAL, tmp_path / "m")
    output = read_only_folder / "report.pdf"
    outcome = aplan.build.build_pdf(tmp_path / "m", PERIODS["h1"], output)
    assert [p.human() for p in outcome.problems] == [
        f"{output}: error: cannot write in the folder {read_only_folder}: the disk is read-only "
        "[output]"
    ]
