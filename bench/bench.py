"""Whole-process speed and memory of aplan: `make bench`.

Every case is a fresh process, run once to warm up and then BENCH_RUNS times (default 5); the
table gives medians of wall time and of CPU time (user + sys, the process and its workers), and
the largest peak resident memory of any one process (from ``wait4``'s rusage). CPU times are the
steadier figure on a shared machine. The results are also written to build/bench.json.

The floor is a bare ``typst.compile`` of the same generated Typst with the same fonts and
options, in a process of its own; each build run is paired with a floor run right after it, and
the ratio is the median of the per-pair ratios.

Environment: BENCH_RUNS (runs per case, default 5), BENCH_HEAVY_RUNS (runs of the cases with
100 or more projects and of the batch, default BENCH_RUNS), BENCH_WARMUP (default 1), BENCH_SIZES
(generated project counts, default "14,100,500"), BENCH_OFFICES (offices in the batch case,
default 20), BENCH_OFFICE_PROJECTS (projects per batch office, default 2), BENCH_QUICK=1 (one
run, no warm-up, size 14 only, 4 offices: a smoke test, not a measurement).
Nothing here is asserted: tests never depend on timings.
"""

from __future__ import annotations

import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

DATA = ROOT / "data" / "2567"
WORK = ROOT / "build" / "bench"  # inside the repository: the compile root stays the repository
OUTPUT = ROOT / "build" / "bench.json"
APLAN = [sys.executable, "-m", "aplan"]
STAGES = [sys.executable, str(ROOT / "bench" / "stages.py")]  # aplan, with stage timings

FLOOR = """
import sys
from datetime import UTC, datetime
import typst
typ, root, fonts, standard, day = sys.argv[1:]
source = open(typ, "rb").read()
when = datetime.fromisoformat(day).replace(tzinfo=UTC)
typst.compile_with_warnings(source, root=root, font_paths=[fonts], ignore_system_fonts=True,
                            pdf_standards=[standard], timestamp=when)
"""


@dataclass
class Run:
    wall: float
    cpu: float
    peak_mib: float
    stages: dict[str, float] | None = None  # CPU of the compile and repair stages (builds)


@dataclass
class Case:
    name: str
    command: list[str]
    runs: list[Run] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    def summary(self) -> dict[str, Any]:
        walls = [r.wall for r in self.runs]
        cpus = [r.cpu for r in self.runs]
        stages = [r.stages for r in self.runs if r.stages]
        if stages:
            self.extra["compile_cpu_median_s"] = round(
                statistics.median(s["compile_cpu_s"] for s in stages), 4
            )
            self.extra["repair_cpu_median_s"] = round(
                statistics.median(s["repair_cpu_s"] for s in stages), 4
            )
            self.extra["repair_of_compile"] = round(
                statistics.median(s["repair_cpu_s"] / s["compile_cpu_s"] for s in stages), 4
            )
        return {
            "name": self.name,
            "command": " ".join(self.command),
            "runs": len(self.runs),
            "wall_median_s": round(statistics.median(walls), 4),
            "wall_min_s": round(min(walls), 4),
            "cpu_median_s": round(statistics.median(cpus), 4),
            "peak_rss_mib": round(max(r.peak_mib for r in self.runs), 1),
            "raw": [asdict(r) for r in self.runs],
            **self.extra,
        }


# Compiled modules are written and kept, as an installed package has them (pip compiles them):
# with PYTHONDONTWRITEBYTECODE set, a clean clone would compile aplan's sources in every run
# (about 0.06 s CPU of a build), which no user pays.
_ENVIRONMENT = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def measure(command: list[str]) -> Run:
    """One run of ``command`` in a fresh process: wall, CPU of it and its workers, peak RSS;
    and, for a build run through bench/stages.py, the CPU of its compile and repair."""
    stages_file = WORK / "stages.json"
    stages_file.unlink(missing_ok=True)
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        env={**_ENVIRONMENT, "BENCH_STAGES": str(stages_file)},
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    stderr = process.stderr.read().decode() if process.stderr else ""
    if process.returncode != 0:
        raise SystemExit(f"bench: {' '.join(command)} failed ({process.returncode}):\n{stderr}")
    stages = json.loads(stages_file.read_text()) if stages_file.exists() else None
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, stages)


def settings() -> dict[str, Any]:
    quick = os.environ.get("BENCH_QUICK") == "1"
    runs = 1 if quick else int(os.environ.get("BENCH_RUNS", "5"))
    return {
        "runs": runs,
        "heavy_runs": 1 if quick else int(os.environ.get("BENCH_HEAVY_RUNS", str(runs))),
        "warmup": 0 if quick else int(os.environ.get("BENCH_WARMUP", "1")),
        "sizes": [14] if quick else [
            int(n) for n in os.environ.get("BENCH_SIZES", "14,100,500").split(",") if n
        ],
        "offices": 4 if quick else int(os.environ.get("BENCH_OFFICES", "20")),
        "office_projects": int(os.environ.get("BENCH_OFFICE_PROJECTS", "2")),
        "quick": quick,
    }


def run_case(
    case: Case, config: dict[str, Any], paired: Case | None = None, heavy: bool = False
) -> None:
    """Warm up, then run; with ``paired``, run it right after each run of ``case``."""
    for _ in range(config["warmup"]):
        measure(case.command)
        if paired:
            measure(paired.command)
    for _ in range(config["heavy_runs" if heavy else "runs"]):
        case.runs.append(measure(case.command))
        if paired:
            paired.runs.append(measure(paired.command))
    if paired:
        ratios = [b.cpu / f.cpu for b, f in zip(case.runs, paired.runs, strict=True)]
        walls = [b.wall / f.wall for b, f in zip(case.runs, paired.runs, strict=True)]
        case.extra["floor"] = paired.name
        case.extra["ratio_cpu"] = round(statistics.median(ratios), 3)
        case.extra["ratio_wall"] = round(statistics.median(walls), 3)
    _progress(case, paired)


def _progress(case: Case, paired: Case | None) -> None:
    for c in (case, paired):
        if c is not None:
            s = c.summary()
            print(f"  {c.name}: {s['wall_median_s']:.3f} s wall, {s['cpu_median_s']:.3f} s CPU",
                  file=sys.stderr, flush=True)


def _run(command: list[str]) -> None:
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"bench: {' '.join(command)} failed:\n{done.stdout}{done.stderr}")


# What the bench needs to know of a data folder and a PDF, asked of a process of its own: aplan
# imported here would grow this process, and every child it forks starts from its size (on
# Linux a child's peak RSS counts the parent's pages it was forked with, until its exec).
FACTS = """
import json, sys
from pathlib import Path
from aplan.period import PERIODS
from aplan.render.compile import PDF_STANDARD, sarabun_folder
from aplan.render.report import compile_root, render
from aplan.validate import validate
data, period = sys.argv[1:]
print(json.dumps({
    "day": render(validate(Path(data))[0], PERIODS[period]).date.isoformat(),
    "root": str(compile_root(Path(data))), "fonts": str(sarabun_folder()),
    "standard": PDF_STANDARD,
}))
"""
GENERATE = str(ROOT / "bench" / "generate.py")
PAGES = "import sys; from pypdf import PdfReader; print(len(PdfReader(sys.argv[1]).pages))"


def _ask(*args: str) -> str:
    """What ``python ARGS`` prints."""
    done = subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True,
                          text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"bench: a helper process failed:\n{done.stdout}{done.stderr}")
    return done.stdout


def build_and_floor(name: str, data: Path, period: str = "h1") -> tuple[Case, Case]:
    """The build of ``data``, and the bare compile of the Typst that build generates."""
    out = WORK / "out"
    out.mkdir(parents=True, exist_ok=True)
    typ = out / f"{name}.typ"
    pdf = out / f"{name}.pdf"
    _run([*APLAN, "render", "--period", period, "--data", str(data), "-o", str(typ)])
    build = Case(name, [*STAGES, "build", "--period", period, "--data", str(data), "-o", str(pdf)])
    facts = json.loads(_ask("-c", FACTS, str(data), period))
    floor = Case(f"{name} floor", [sys.executable, "-c", FLOOR, str(typ), facts["root"],
                                   facts["fonts"], facts["standard"], facts["day"]])
    return build, floor


def generated(projects: int) -> Path:
    """A data folder of ``projects`` generated projects (seed 1), under the bench's work folder."""
    folder = WORK / f"data-{projects}"
    return Path(_ask(GENERATE, str(projects), str(folder), "--seed", "1").strip())


def _pages(pdf: Path) -> int:
    return int(_ask("-c", PAGES, str(pdf)))


def main() -> None:
    config = settings()
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    cases: list[Case] = []
    started = time.time()
    load_before = os.getloadavg()

    print(f"bench: {config}", file=sys.stderr)
    # Byte-compile aplan as an install does (pip compiles; an editable install, or an
    # environment with PYTHONDONTWRITEBYTECODE, would otherwise recompile it in every process).
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src" / "aplan")],
                   check=True)
    for name, args in (("--help", ["--help"]), ("validate", ["validate", "--data", str(DATA)])):
        case = Case(name, [*APLAN, *args])
        run_case(case, config)
        cases.append(case)

    builds = [("build 2567 h1", DATA, False)]
    for n in config["sizes"]:
        data = generated(n)
        builds.append((f"build {n} projects", data, n > 14))
    for name, data, heavy in builds:
        build, floor = build_and_floor(name, data)
        run_case(build, config, floor, heavy)
        build.extra["pages"] = _pages(WORK / "out" / f"{name}.pdf")
        cases += [build, floor]

    folders = _ask(GENERATE, str(config["office_projects"]), str(WORK / "offices"),
                   "--offices", str(config["offices"])).split()
    batch = {}
    for jobs in (1, 2):
        case = Case(
            f"{len(folders)} offices --jobs {jobs}",
            [*APLAN, "build", "--period", "h1", *folders, "--jobs", str(jobs),
             "--output-dir", str(WORK / f"batch-{jobs}")],
        )
        run_case(case, config, heavy=True)
        cases.append(case)
        batch[jobs] = case.summary()
    efficiency = batch[1]["wall_median_s"] / (2 * batch[2]["wall_median_s"])
    overhead = batch[2]["cpu_median_s"] / batch[1]["cpu_median_s"]
    cases[-1].extra["parallel_efficiency_wall"] = round(efficiency, 3)
    cases[-1].extra["cpu_jobs2_over_jobs1"] = round(overhead, 3)

    result = {
        "settings": config,
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "loadavg_before": load_before,
            "loadavg_after": os.getloadavg(),
        },
        "seconds": round(time.time() - started, 1),
        # Every child's peak counts at least this (its fork's pages until exec): kept small.
        "bench_process_peak_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "cases": [c.summary() for c in cases],
        "parallel_efficiency_wall": round(efficiency, 3),
        "cpu_jobs2_over_jobs1": round(overhead, 3),
    }
    OUTPUT.parent.mkdir(exist_ok=True)
    OUTPUT.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(table(result))


def _goal(case: dict[str, Any]) -> str:
    """The issue's goal for the case, as printed next to it."""
    name = case["name"]
    if name == "--help":
        return "wall ≤ 0.150 s"
    if name == "validate":
        return "wall ≤ 0.300 s"
    if name.startswith("build") and not name.endswith("floor"):
        goal = "≤ 1.30× floor, repair ≤ 10 %"
        return goal + ", ≤ 400 MiB" if name.startswith("build 500") else goal
    return ""


def table(result: dict[str, Any]) -> str:
    head = (
        f"{'case':<26} {'wall s':>8} {'CPU s':>8} {'peak MiB':>9} {'pages':>6} {'÷floor':>8}"
        f" {'repair':>7}  goal"
    )
    lines = [head, "-" * len(head)]
    for c in result["cases"]:
        ratio = f"{c['ratio_cpu']:.2f}×" if "ratio_cpu" in c else ""
        repair = f"{100 * c['repair_of_compile']:.1f} %" if "repair_of_compile" in c else ""
        pages = str(c.get("pages", ""))
        lines.append(
            f"{c['name']:<26} {c['wall_median_s']:>8.3f} {c['cpu_median_s']:>8.3f} "
            f"{c['peak_rss_mib']:>9.1f} {pages:>6} {ratio:>8} {repair:>7}  {_goal(c)}"
        )
    runs, warm = result["settings"]["runs"], result["settings"]["warmup"]
    heavy = result["settings"]["heavy_runs"]
    lines += [
        "-" * len(head),
        f"medians of {runs} runs ({heavy} for 100+ projects and offices) after {warm} warm-up; "
        "÷floor = build CPU / bare typst.compile CPU, paired per run; repair = CPU of the "
        "text-layer repair / CPU of typst.compile in the same build",
        "parallel efficiency (wall time of jobs 1 / (2 × jobs 2)): "
        f"{result['parallel_efficiency_wall']:.2f}; CPU of jobs 2 / jobs 1: "
        f"{result['cpu_jobs2_over_jobs1']:.2f}",
        f"the bench's own process peaked at {result['bench_process_peak_mib']:.0f} MiB; "
        f"load average {result['machine']['loadavg_before'][0]:.1f} before, "
        f"{result['machine']['loadavg_after'][0]:.1f} after; total {result['seconds']:.0f} s",
        f"written to {OUTPUT.relative_to(ROOT)}",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
