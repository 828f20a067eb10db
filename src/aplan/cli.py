"""The ``aplan`` command: thin commands over the pipeline, one place that prints and exits."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from .build import build_pdf, write_source
from .period import PERIODS, Period
from .problems import Problem, as_json, errors, summary_line
from .validate import summary, validate

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
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


@app.callback()
def _root() -> None:
    """aplan: sources in YAML, one report in PDF."""


FormatOption = Annotated[Format, typer.Option("--format", help="How problems are printed.")]


@app.command("validate")
def validate_command(
    data: DataOption = Path("data/2567"), output_format: FormatOption = Format.human
) -> None:
    """Check every source file and every total; print all problems found."""
    dataset, problems = validate(data)
    report(problems, output_format)
    if errors(problems):
        raise typer.Exit(EXIT_PROBLEMS)
    if output_format is Format.human:
        for line in summary(dataset):
            typer.echo(line)


PeriodOption = Annotated[
    str,
    typer.Option(
        "--period",
        help="q1, q2, q3, q4 (a quarter), h1 (6 months), m9 (9 months) or fy (12 months).",
    ),
]


def _period(code: str) -> Period:
    if code not in PERIODS:
        raise typer.BadParameter(
            f"unknown period {code!r}; expected one of {', '.join(PERIODS)}", param_hint="--period"
        )
    return PERIODS[code]


@app.command("build")
def build_command(
    period: PeriodOption,
    data: DataOption = Path("data/2567"),
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="PDF to write.")
    ] = None,
    output_format: FormatOption = Format.human,
) -> None:
    """Validate the sources and compile the printed report to PDF."""
    chosen = _period(period)
    target = output or Path("build") / f"report-{data.name}-{chosen.code}.pdf"
    outcome = build_pdf(data, chosen, target)
    report(outcome.problems, output_format)
    if outcome.pdf is None:
        raise typer.Exit(EXIT_PROBLEMS)
    typer.echo(f"wrote {target} ({len(outcome.pdf):,} bytes)")


@app.command("render")
def render_command(
    period: PeriodOption,
    output: Annotated[Path, typer.Option("-o", "--output", help="Typst file to write.")],
    data: DataOption = Path("data/2567"),
    output_format: FormatOption = Format.human,
) -> None:
    """Write the generated Typst source alone (for template work and measuring)."""
    outcome = write_source(data, _period(period), output)
    report(outcome.problems, output_format)
    if outcome.rendered is None:
        raise typer.Exit(EXIT_PROBLEMS)
    typer.echo(f"wrote {output}")


def report(problems: list[Problem], output_format: Format) -> None:
    if output_format is Format.json:
        typer.echo(as_json(problems))
        return
    for problem in problems:
        typer.echo(problem.github() if output_format is Format.github else problem.human())
    if output_format is Format.human:
        typer.echo(summary_line(problems), err=bool(errors(problems)))


def main() -> None:
    """Entry point: Click's usage errors exit 2; nothing unexpected shows a traceback."""
    try:
        app(standalone_mode=True)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as err:  # the last line of defence; bugs are reported, not dumped
        print(f"aplan: internal error: {type(err).__name__}: {err}", file=sys.stderr)
        sys.exit(EXIT_INTERNAL)
