"""The ``aplan`` command: thin commands over the pipeline, one place that prints and exits.

Start-up is kept light: ``--help`` and shell completion import typer and nothing else of
weight. Each command imports the parts of the pipeline it needs inside its function.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from .batch import Result
    from .period import Period
    from .problems import Problem

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,  # plain help: rich's help formatter costs more start-up than the rest
    help="Compile Thai action-plan monitoring reports from YAML sources.",
)

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


class Format(StrEnum):
    human = "human"
    json = "json"
    github = "github"


DataOption = Annotated[
    Path, typer.Option("--data", help="Folder of one fiscal year's sources.", show_default=True)
]


def _print_version(shown: bool) -> None:
    if shown:
        from importlib.metadata import version

        typer.echo(f"aplan {version('aplan')}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_print_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """aplan: sources in YAML, one report in PDF."""


FormatOption = Annotated[Format, typer.Option("--format", help="How problems are printed.")]


PeriodOption = Annotated[
    str,
    typer.Option(
        "--period",
        help="q1, q2, q3, q4 (a quarter), h1 (6 months), m9 (9 months) or fy (12 months).",
    ),
]


@app.command("validate")
def validate_command(
    data: DataOption = Path("data/2567"),
    output_format: FormatOption = Format.human,
    period: Annotated[
        str | None,
        typer.Option(
            "--period", help="Also check what this round needs (q1 … q4, h1, m9, fy)."
        ),
    ] = None,
) -> None:
    """Check every source file and every total; print all problems found."""
    from .checks import period_problems
    from .problems import errors
    from .validate import rounds, summary, validate

    chosen = _period(period) if period is not None else None
    dataset, problems = validate(data)
    if chosen is not None and not errors(problems):
        problems = sorted({*problems, *period_problems(dataset, chosen)})
    report(problems, output_format)
    if errors(problems):
        raise typer.Exit(EXIT_PROBLEMS)
    if output_format is Format.human:
        for line in summary(dataset) + ([] if chosen else rounds(dataset)):
            typer.echo(line)


def _period(code: str) -> Period:
    from .period import PERIODS

    if code not in PERIODS:
        raise typer.BadParameter(
            f"unknown period {code!r}; expected one of {', '.join(PERIODS)}", param_hint="--period"
        )
    return PERIODS[code]


@app.command("build")
def build_command(
    period: PeriodOption,
    folders: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="DATA...",
            help="Data folders, each built into its own report, in parallel.",
            show_default=False,
        ),
    ] = None,
    data: Annotated[
        Path | None,
        typer.Option("--data", help="Folder of one fiscal year's sources.  [default: data/2567]"),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="PDF to write (one data folder only).")
    ] = None,
    output_dir: Annotated[
        Path, typer.Option("--output-dir", help="Folder for report-<folder>-<period>.pdf.")
    ] = Path("build"),
    jobs: Annotated[
        int | None,
        typer.Option(
            "-j", "--jobs", min=1, help="Reports built at once.  [default: the number of cores]"
        ),
    ] = None,
    output_format: FormatOption = Format.human,
) -> None:
    """Validate the sources and compile the printed report to PDF, for one or more folders."""
    from .batch import unique_folders

    chosen = _period(period)
    given = unique_folders([*([data] if data is not None else []), *(folders or [])])
    if len(given) > 1:
        if output is not None:
            raise typer.BadParameter(
                "names one PDF; with several data folders use --output-dir", param_hint="-o"
            )
        _build_many(given, chosen, output_dir, jobs, output_format)
        return
    import gc

    from .build import build_pdf

    # What the imports made lives as long as the process: out of the collector's sight during
    # the build, its full collections do not scan it again and again (0.05 s of a build).
    # Given back after, for a caller that goes on (tests call the command in their process).
    gc.freeze()
    try:
        root = given[0] if given else Path("data/2567")
        target = output or output_dir / f"report-{root.name}-{chosen.code}.pdf"
        outcome = build_pdf(root, chosen, target)
    finally:
        gc.unfreeze()
    report(outcome.problems, output_format)
    if outcome.pdf is None:
        raise typer.Exit(EXIT_PROBLEMS)
    typer.echo(f"wrote {target} ({len(outcome.pdf):,} bytes)", err=output_format is Format.json)


SHOWN_PER_FOLDER = 20
"""Errors listed per failed folder in a batch summary; the rest are counted."""


def _build_many(
    folders: list[Path], period: Period, output_dir: Path, jobs: int | None, fmt: Format
) -> None:
    """Build each folder in a worker process, with a progress bar; then say what failed."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    from .batch import build_all, default_jobs, plan

    todo = plan(folders, period.code, output_dir)
    workers = jobs or default_jobs()
    columns = ("{task.description}", BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    # Redrawn as each report finishes, not by a timer thread: workers are forked meanwhile.
    bar = Progress(*columns, console=Console(stderr=True), transient=True, auto_refresh=False)
    with bar as progress:
        task = progress.add_task(f"building {len(todo)} reports", total=len(todo))

        def done(result: Result) -> None:
            progress.advance(task)
            line = ("built " if result.ok else "FAILED ") + str(result.job.data)
            progress.console.print(line, markup=False, highlight=False)  # a path, not markup
            progress.refresh()

        results = build_all(todo, period.code, workers, done)
    _batch_summary(results, fmt)
    if any(r.crash for r in results):
        raise typer.Exit(EXIT_INTERNAL)
    if not all(r.ok for r in results):
        raise typer.Exit(EXIT_PROBLEMS)


def _batch_summary(results: list[Result], fmt: Format) -> None:
    from .problems import errors, summary_line

    if fmt is Format.json:
        import json
        from dataclasses import asdict

        typer.echo(json.dumps([_result_json(r, asdict) for r in results], indent=2))
        return
    for result in results:
        if fmt is Format.github:
            for problem in result.problems:
                typer.echo(problem.github())
            continue
        if result.ok:
            typer.echo(f"wrote {result.job.output} ({result.size:,} bytes)")
            continue
        reason = result.crash or summary_line(result.problems)
        typer.echo(f"FAILED {result.job.data}: {reason}")
        shown = errors(result.problems)
        for problem in shown[:SHOWN_PER_FOLDER]:
            typer.echo(f"  {problem.human()}")
        if len(shown) > SHOWN_PER_FOLDER:
            typer.echo(
                f"  … and {len(shown) - SHOWN_PER_FOLDER} more: "
                f"aplan validate --data {result.job.data}"
            )
    failed = [r for r in results if not r.ok]
    if fmt is Format.human:
        line = f"{len(results) - len(failed)} of {len(results)} reports built"
        if failed:
            line += f"; failed: {', '.join(str(r.job.data) for r in failed)}"
        typer.echo(line, err=bool(failed))


def _result_json(result: Result, asdict: Any) -> dict[str, Any]:
    return {
        "data": str(result.job.data),
        "output": str(result.job.output) if result.ok else None,
        "bytes": result.size,
        "error": result.crash,
        "problems": [asdict(p) for p in result.problems],
    }


@app.command("render")
def render_command(
    period: PeriodOption,
    output: Annotated[Path, typer.Option("-o", "--output", help="Typst file to write.")],
    data: DataOption = Path("data/2567"),
    output_format: FormatOption = Format.human,
) -> None:
    """Write the generated Typst source alone (for template work and measuring)."""
    from .build import write_source

    outcome = write_source(data, _period(period), output)
    report(outcome.problems, output_format)
    if outcome.rendered is None:
        raise typer.Exit(EXIT_PROBLEMS)
    typer.echo(f"wrote {output}", err=output_format is Format.json)  # stdout: JSON alone


@app.command("schema")
def schema_command(
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="Folder to write one JSON Schema per kind of file."),
    ] = None,
    markdown: Annotated[
        Path | None,
        typer.Option("--markdown", help="Also write the field reference (docs/fields.md)."),
    ] = None,
) -> None:
    """Write JSON Schemas of the source files for editors, and the field reference."""
    from .schema import write

    if output is None and markdown is None:
        raise typer.BadParameter("say where: -o DIR for the schemas", param_hint="-o")
    written, problems = write(output, markdown)
    for path in written:
        typer.echo(f"wrote {path}")
    if problems:
        report(problems, Format.human)
        raise typer.Exit(EXIT_PROBLEMS)


@app.command("new-year")
def new_year_command(
    year: Annotated[
        int, typer.Argument(min=2400, max=2700, help="The new fiscal year, e.g. 2568.")
    ],
    source: Annotated[
        Path, typer.Option("--from", help="Last year's folder, e.g. data/2567 (only read).")
    ],
    target: Annotated[
        Path | None,
        typer.Option("--to", help="The new folder.  [default: beside --from, named YEAR]"),
    ] = None,
) -> None:
    """Start a fiscal year's folder from last year's; list the figures still to type."""
    from .newyear import new_year, review
    from .problems import errors
    from .years import CARRIED

    folder = target or source.parent / str(year)
    outcome = new_year(source, year, folder)
    if outcome.target is None:
        report(outcome.problems, Format.human)
        raise typer.Exit(EXIT_PROBLEMS)
    typer.echo(
        f"wrote {folder} from {source}: office, direction and projects carried over; "
        "spending, results and disbursement emptied; durations moved"
    )
    needs = review(folder, year)
    for title, lines in (
        (f"figures still to type for FY{year} (each marked `{CARRIED}`):", needs.to_type),
        (f"text naming fiscal year {year - 1}, to review:", needs.last_year),
    ):
        if lines:
            typer.echo("\n".join([title, *(f"  {line}" for line in lines)]))
    if needs.problems:
        typer.echo("to look at:")
        report(needs.problems, Format.human)
    typer.echo(f"then: aplan validate --data {folder}")
    if errors(needs.problems):
        raise typer.Exit(EXIT_PROBLEMS)


@app.command("watch")
def watch_command(
    period: PeriodOption,
    data: DataOption = Path("data/2567"),
    output: Annotated[
        Path | None,
        typer.Option(
            "-o", "--output", help="PDF to write.  [default: build/report-<folder>-<period>.pdf]"
        ),
    ] = None,
) -> None:
    """Build the report, then rebuild it whenever a source or template file changes."""
    chosen = _period(period)
    if not data.is_dir():
        raise typer.BadParameter(f"no such folder: {data}", param_hint="--data")
    from .watch import run

    target = output or Path("build") / f"report-{data.name}-{chosen.code}.pdf"
    try:
        run(data, chosen, target, typer.echo)
    except KeyboardInterrupt:
        typer.echo("stopped")


class ExportFormat(StrEnum):
    xlsx = "xlsx"
    csv = "csv"


@app.command("export")
def export_command(
    period: PeriodOption,
    file_format: Annotated[
        ExportFormat,
        typer.Option("--format", help="xlsx: a workbook, a sheet a table; csv: a folder of files."),
    ],
    output: Annotated[
        Path, typer.Option("-o", "--output", help="The .xlsx file, or the folder of CSV files.")
    ],
    data: DataOption = Path("data/2567"),
) -> None:
    """Write the report's tables (budget, projects, disbursement, spending) for a spreadsheet."""
    from .checks import period_problems
    from .problems import errors
    from .validate import validate

    chosen = _period(period)
    xlsx = file_format is ExportFormat.xlsx
    if not xlsx and output.is_file():
        raise typer.BadParameter(f"{output} is a file; CSV export writes a folder", param_hint="-o")
    if not xlsx and output.resolve().is_relative_to(data.resolve()):
        raise typer.BadParameter(f"{output} is inside the data folder {data}", param_hint="-o")
    dataset, problems = validate(data)
    if not errors(problems):
        problems = sorted({*problems, *period_problems(dataset, chosen)})
    if xlsx:
        from .output import output_problems

        problems += output_problems(output, {data: "the data folder"})
    report(problems, Format.human)
    if errors(problems):
        raise typer.Exit(EXIT_PROBLEMS)
    from .export import sheets, workbook, write_csv_folder
    from .render.view import build_view

    made = sheets(build_view(dataset, chosen))
    if xlsx:
        from .output import OutputError, write_whole

        content = workbook(made)
        try:
            write_whole(output, content)
        except OutputError as err:
            report([err.problem], Format.human)
            raise typer.Exit(EXIT_PROBLEMS) from None
        typer.echo(f"wrote {output} ({len(made)} sheets, {len(content):,} bytes)")
        return
    files = write_csv_folder(output, made)
    typer.echo(f"wrote {output}: " + ", ".join(f.name for f in files))


def report(problems: list[Problem], output_format: Format) -> None:
    from .problems import as_json, errors, summary_line

    if output_format is Format.json:
        typer.echo(as_json(problems))
        return
    for problem in problems:
        typer.echo(problem.github() if output_format is Format.github else problem.human())
    if output_format is Format.human:
        typer.echo(summary_line(problems), err=bool(errors(problems)))


def main() -> None:
    """Entry point: Click's usage errors exit 2; nothing unexpected shows a traceback.

    With ``--format json`` stdout is JSON whatever happens: a usage error, Ctrl-C or an internal
    error prints a list of one problem, as a run that found problems would.
    """
    as_json = _wants_json(sys.argv[1:])
    try:
        if not as_json:
            app(standalone_mode=True)
        code = app(standalone_mode=False)  # Click's own errors come back to be printed as JSON
        sys.exit(code if isinstance(code, int) else EXIT_OK)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        _last_words(as_json, "interrupted", "stopped by Ctrl-C")
        sys.exit(130)
    except Exception as err:
        if hasattr(err, "format_message") and hasattr(err, "exit_code"):  # a usage error
            _last_words(as_json, "usage", err.format_message())
            sys.exit(err.exit_code)
        # the last line of defence; bugs are reported, not dumped
        _last_words(as_json, "internal", f"internal error: {type(err).__name__}: {err}")
        sys.exit(EXIT_INTERNAL)


def run() -> None:
    """The ``aplan`` command: ``main``, then the process ends without taking its interpreter
    apart. Freeing every module and object one by one (pydantic's, qpdf's, a build's) costs
    about 0.05 s CPU, as much as a whole ``--help``; the outputs are already written whole and
    closed, and stdout and stderr are flushed first."""
    import os

    code: object = EXIT_OK
    try:
        main()
    except SystemExit as done:
        code = done.code
    if not isinstance(code, int):
        if code is not None:
            print(code, file=sys.stderr)
        code = EXIT_OK if code is None else 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed pipe: what Python's own exit reports
        code = code or 120
    os._exit(code)


def _wants_json(args: list[str]) -> bool:
    import itertools

    return "--format=json" in args or any(
        pair == ("--format", "json") for pair in itertools.pairwise(args)
    )


def _last_words(as_json: bool, code: str, message: str) -> None:
    if as_json:
        import json

        problem = {"file": "", "line": 0, "column": 0, "severity": "error", "code": code}
        print(json.dumps([{**problem, "message": message}], ensure_ascii=False, indent=2))
    print(f"aplan: {message}", file=sys.stderr)
