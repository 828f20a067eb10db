"""A cold ``aplan build`` against an ``aplan watch`` rebuild after one edit, on data/2567.

Run: ``.venv/bin/python bench/watch.py`` (BENCH_RUNS edits and cold builds, default 5). Each
cold build is a fresh process; the rebuilds are one ``aplan watch`` process, edited BENCH_RUNS
times (a project title each time). Printed: medians of the cold builds' wall time, of the
rebuild time ``aplan watch`` reports, and of edit-to-PDF (the rebuild plus noticing the save).
Nothing here is asserted: tests never depend on timings.
"""

from __future__ import annotations

import os
import queue
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "build" / "bench-watch"
APLAN = [sys.executable, "-m", "aplan"]
PROJECT = "projects/01-education-management.yaml"


def main() -> None:
    runs = int(os.environ.get("BENCH_RUNS", "5"))
    shutil.rmtree(WORK, ignore_errors=True)
    data = WORK / "2567"
    shutil.copytree(ROOT / "data" / "2567", data)
    cold = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([*APLAN, "build", "--period", "h1", "--data", str(data), "-o",
                        str(WORK / "cold.pdf")], check=True, capture_output=True, cwd=ROOT)
        cold.append(time.perf_counter() - started)
    watching = subprocess.Popen(
        [*APLAN, "watch", "--period", "h1", "--data", str(data), "-o", str(WORK / "warm.pdf")],
        stdout=subprocess.PIPE, text=True, cwd=ROOT,
    )
    lines: queue.Queue[str] = queue.Queue()
    assert watching.stdout is not None
    out = watching.stdout
    threading.Thread(target=lambda: [lines.put(x.rstrip()) for x in out], daemon=True).start()

    def until(prefix: str) -> str:
        while not (line := lines.get(timeout=600)).startswith(prefix):
            pass
        return line

    first = until("wrote ")
    until("watching ")
    rebuild, edit_to_pdf = [], []
    source = data / PROJECT
    try:
        for i in range(runs):
            text = source.read_text(encoding="utf-8")
            started = time.perf_counter()
            source.write_text(re.sub(r"^title: \d*", f"title: {i}", text, count=1, flags=re.M),
                              encoding="utf-8")
            line = until("wrote ")
            edit_to_pdf.append(time.perf_counter() - started)
            found = re.search(r" in ([\d.]+) s$", line)
            assert found, line
            rebuild.append(float(found.group(1)))
    finally:
        watching.terminate()
        watching.wait()
    print(f"cold `aplan build --period h1` (process): median {statistics.median(cold):.2f} s "
          f"of {[round(x, 2) for x in cold]}")
    print(f"`aplan watch` first build: {first}")
    print(f"`aplan watch` rebuild after one edit: median {statistics.median(rebuild):.2f} s "
          f"of {rebuild}")
    print(f"edit to new PDF (rebuild + noticing the save): median "
          f"{statistics.median(edit_to_pdf):.2f} s")
    print(f"rebuild / cold: {statistics.median(rebuild) / statistics.median(cold):.0%}")


if __name__ == "__main__":
    main()
