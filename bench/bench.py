"""Speed and memory of each pipeline stage on the real data: `make bench`.

Each stage runs in a fresh process (so peak memory is the stage's own), several times; the
median wall time and the peak resident memory are printed. Nothing here is asserted: tests
never depend on timings.
"""

from __future__ import annotations

import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "2567"
RUNS = 5


def stage(name: str) -> dict[str, float]:
    """Run one stage once in this process; report its time and this process's peak RSS."""
    from aplan.build import build_pdf
    from aplan.period import PERIODS
    from aplan.render.compile import compile_pdf
    from aplan.render.pdftext import fix_thai_text
    from aplan.render.report import render
    from aplan.validate import validate

    period = PERIODS["h1"]
    data, _ = validate(DATA)
    rendered = render(data, period)
    pdf = compile_pdf(rendered.source, rendered.root, rendered.date, "bench")
    actions = {
        "validate": lambda: validate(DATA),
        "render": lambda: render(data, period),
        "compile": lambda: compile_pdf(rendered.source, rendered.root, rendered.date, "bench"),
        "fix-text": lambda: fix_thai_text(pdf),
        "build": lambda: build_pdf(DATA, period, Path(tempfile.mkdtemp()) / "r.pdf"),
    }
    start = time.perf_counter()
    actions[name]()
    seconds = time.perf_counter() - start
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": seconds, "peak_mib": peak_mib}


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--stage":
        print(json.dumps(stage(sys.argv[2])))
        return
    print(f"{'stage':<10} {'median s':>9} {'min s':>7} {'peak MiB':>9}   ({RUNS} runs each)")
    for name in ("validate", "render", "compile", "fix-text", "build"):
        results = [
            json.loads(
                subprocess.run(
                    [sys.executable, __file__, "--stage", name],
                    capture_output=True, text=True, check=True,
                ).stdout
            )
            for _ in range(RUNS)
        ]
        times = [r["seconds"] for r in results]
        peak = max(r["peak_mib"] for r in results)
        print(f"{name:<10} {statistics.median(times):>9.3f} {min(times):>7.3f} {peak:>9.1f}")
    print("(peak MiB of a stage includes the set-up it needs: loading, rendering, compiling)")


if __name__ == "__main__":
    main()
