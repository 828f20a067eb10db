"""Where a build's memory goes, by stage and by size: `make bench-memory`.

For each size (BENCH_SIZES, default "14,100,500" generated projects) every stage runs as a
process of its own, once, and its peak resident memory is read from ``wait4``:

- ``validate``: reading and checking the sources;
- ``render``: that, plus the generated Typst;
- ``floor``: a bare ``typst.compile`` of that Typst with the build's fonts and options;
- ``build``: the whole build (validate, render, compile, text-layer repair, write).

The build's peak minus the floor's is what aplan adds around Typst; the floor's growth per page
is Typst's own (docs/performance.md says why it keeps every page's layout until the end).
Written to build/memory.json. Nothing is asserted.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench import (  # noqa: E402
    APLAN,
    WORK,
    _pages,
    build_and_floor,
    generated,
    measure,
)

OUTPUT = ROOT / "build" / "memory.json"


def main() -> None:
    sizes = [int(n) for n in os.environ.get("BENCH_SIZES", "14,100,500").split(",") if n]
    WORK.mkdir(parents=True, exist_ok=True)
    rows: list[dict[str, Any]] = []
    for n in sizes:
        data = generated(n)
        name = f"memory {n}"
        build, floor = build_and_floor(name, data)
        stages = {
            "validate": [*APLAN, "validate", "--data", str(data)],
            "render": [*APLAN, "render", "--period", "h1", "--data", str(data),
                       "-o", str(WORK / "out" / f"{name}-render.typ")],
            "floor": floor.command,
            "build": build.command,
        }
        row: dict[str, Any] = {"projects": n}
        for stage, command in stages.items():
            run = measure(command)
            row[f"{stage}_peak_mib"] = round(run.peak_mib, 1)
            row[f"{stage}_cpu_s"] = round(run.cpu, 3)
            print(f"  {n} projects, {stage}: {run.peak_mib:.0f} MiB, {run.cpu:.2f} s CPU",
                  file=sys.stderr, flush=True)
        row["pages"] = _pages(WORK / "out" / f"{name}.pdf")
        rows.append(row)
    OUTPUT.parent.mkdir(exist_ok=True)
    OUTPUT.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    print(table(rows))


def table(rows: list[dict[str, Any]]) -> str:
    head = (f"{'projects':>8} {'pages':>6} {'validate':>9} {'render':>8} {'floor':>8} "
            f"{'build':>8} {'build-floor':>12} {'floor/page':>11}")
    lines = ["peak resident memory, MiB (one run each)", head, "-" * len(head)]
    first = rows[0]
    for r in rows:
        per_page = ""
        if r is not first and r["pages"] != first["pages"]:
            growth = (r["floor_peak_mib"] - first["floor_peak_mib"]) / (r["pages"] - first["pages"])
            per_page = f"{growth:.2f}"
        lines.append(
            f"{r['projects']:>8} {r['pages']:>6} {r['validate_peak_mib']:>9.0f} "
            f"{r['render_peak_mib']:>8.0f} {r['floor_peak_mib']:>8.0f} {r['build_peak_mib']:>8.0f} "
            f"{r['build_peak_mib'] - r['floor_peak_mib']:>12.0f} {per_page:>11}"
        )
    lines.append(f"floor/page: growth of the bare compile's peak per page over the "
                 f"{first['projects']}-project report; written to {OUTPUT.relative_to(ROOT)}")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
