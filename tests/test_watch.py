"""``aplan watch``: a real process on a copy of data/2567, edited while it runs."""

from __future__ import annotations

import queue
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from .conftest import REPO, DataCopy

WAIT = 180.0
"""Seconds to wait for one build; generous, as the machine is shared (never a timing test)."""


class Watching:
    """``aplan watch`` in a subprocess; its printed lines are read on a thread."""

    def __init__(self, data: Path, output: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "aplan", "watch", "--period", "h1", "--data", str(data),
             "-o", str(output)],
            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            # Ctrl-C as in a terminal, even when the suite runs as a background job (SIGINT
            # ignored, and inherited so)
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))

    def until(self, wanted: Callable[[str], bool]) -> list[str]:
        """The lines printed up to and including the first one wanted."""
        got: list[str] = []
        while True:
            try:
                line = self.lines.get(timeout=WAIT)
            except queue.Empty:
                pytest.fail(f"aplan watch printed nothing wanted; so far: {self.seen}")
            got.append(line)
            self.seen.append(line)
            if wanted(line):
                return got


@pytest.fixture
def watching(data_copy: DataCopy, tmp_path: Path) -> Iterator[tuple[Watching, Path]]:
    output = tmp_path / "out" / "report.pdf"
    running = Watching(data_copy.root, output)
    try:
        yield running, output
    finally:
        if running.process.poll() is None:
            running.process.kill()
        running.process.wait(timeout=30)


def test_watch_rebuilds_on_an_edit_and_survives_a_bad_one(
    watching: tuple[Watching, Path], data_copy: DataCopy
) -> None:
    running, output = watching
    first = running.until(lambda line: line.startswith("watching "))
    assert first[0].startswith(f"wrote {output} (") and first[0].endswith(" s")
    good = output.read_bytes()

    name = "projects/01-education-management.yaml"
    data_copy.edit(name, "budget: 158340", "budget: 158341")
    rebuilt = running.until(lambda line: line.startswith(("wrote ", "not written")))
    assert any(line.startswith("changed: ") and name in line for line in rebuilt)
    assert rebuilt[-1].startswith("not written (2 errors, 0 warnings)")
    assert output.read_bytes() == good  # a bad edit leaves the last good PDF

    data_copy.edit(name, "budget: 158341", "budget: 158340")
    data_copy.edit(name, "title: เสริมสร้าง", "title: ส่งเสริม")
    rebuilt = running.until(lambda line: line.startswith(("wrote ", "not written")))
    assert rebuilt[-1].startswith(f"wrote {output} (")
    second = output.read_bytes()
    assert second != good

    data_copy.edit(name, "group: admin", "group: [admin")
    broken = running.until(lambda line: line.startswith(("wrote ", "not written")))
    place = f"{data_copy.name(name)}:"  # the YAML error, in the file edited
    assert any(line.startswith(place) and ": error: " in line for line in broken), broken
    assert broken[-1].startswith("not written (") and output.read_bytes() == second
    assert running.process.poll() is None  # still watching

    running.process.send_signal(signal.SIGINT)
    assert running.process.wait(timeout=60) == 0
    assert running.until(lambda line: line == "stopped")


def test_a_template_change_rebuilds(
    data_copy: DataCopy, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The shipped templates are watched too (here a stand-in folder, in a thread)."""
    from aplan import watch
    from aplan.period import PERIODS

    templates = tmp_path / "templates"
    templates.mkdir()
    monkeypatch.setattr(watch, "TEMPLATES", templates)
    printed: queue.Queue[str] = queue.Queue()
    stop = threading.Event()
    output = tmp_path / "report.pdf"
    thread = threading.Thread(
        target=watch.run, args=(data_copy.root, PERIODS["h1"], output, printed.put, stop)
    )
    thread.start()
    try:
        def until(prefix: str) -> str:
            while not (line := printed.get(timeout=WAIT)).startswith(prefix):
                pass
            return line

        assert until("watching ").endswith(f", {templates} (Ctrl-C stops)")
        (templates / "style.typ").write_text("// changed", encoding="utf-8")
        assert until("changed: ") == f"changed: {templates / 'style.typ'}"
        assert until("wrote ").startswith(f"wrote {output} (")
    finally:
        stop.set()
        thread.join(timeout=60)
    assert not thread.is_alive()
