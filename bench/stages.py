"""Run the aplan CLI as usual, and write the CPU time of its compile and repair stages.

    BENCH_STAGES=out.json python bench/stages.py build --data ... -o ...

The bench runs every single-report build through this wrapper, so one process gives both the
whole-process figures and the share of the text-layer repair in it (the goal is at most 10 % of
the compile). The stages are timed with ``time.process_time`` around the two calls of
aplan.build; nothing else changes.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from typing import Any

from aplan import build

times = {"compile_cpu_s": 0.0, "repair_cpu_s": 0.0}


def _timed(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    def timed(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            times[name] += time.process_time() - start

    return timed


build.compile_pdf = _timed("compile_cpu_s", build.compile_pdf)  # type: ignore[assignment]
build.fix_thai_text = _timed("repair_cpu_s", build.fix_thai_text)  # type: ignore[assignment]

if __name__ == "__main__":
    from aplan import cli

    main = cli.main

    def main_then_write() -> None:
        try:
            main()
        finally:
            with open(os.environ["BENCH_STAGES"], "w", encoding="utf-8") as out:
                json.dump(times, out)

    cli.main = main_then_write  # run() calls it, and then ends the process as ``aplan`` does
    cli.run()
