"""The bad-input corpus: one mistake each, made on a copy of tests/bad/base (folder ``m``), the
least valid data set (tests/data/minimal, frozen for its line numbers).

Each case names its class (the prefix of its id) and lists every problem the command must print,
in full, with the exit code. The whole list is compared, so a case also proves that nothing else
is said (no follow-on errors). Problems are written as ``aplan validate`` prints them, with the
data folder as ``m``.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

Setup = Callable[[Path], None]
"""Makes the mistake; called with the folder that holds ``m`` (the working directory)."""

P = "m/projects/01-only.yaml"
MONEY = 'expected an amount in baht such as 158340, 158340.50 or "158,340.00"'
TAB = "a tab character; indent with spaces"
UTF8 = "save the file as UTF-8 (in Notepad: Save As, Encoding UTF-8)"
EMPTY_TEXT = "the text is empty; write the text, or remove the key if it is optional"


@dataclass(frozen=True)
class Case:
    id: str
    setup: Setup
    expected: list[str]
    exit_code: int = 1
    args: tuple[str, ...] = ("validate", "--data", "m")
    memory_heavy: bool = False
    """Also run in a process of its own under a memory limit (resource bounds)."""
    unchanged: tuple[str, ...] = ()
    """Files the command must leave byte-identical (output faults)."""
    env: dict[str, str] = field(default_factory=dict)
    """Environment variables set for the command."""


# --- ways to make a mistake -------------------------------------------------------------------


def nothing(where: Path) -> None:
    """The data is fine; the mistake is in the command."""


def edit(name: str, old: str, new: str) -> Setup:
    def run(where: Path) -> None:
        path = where / name
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {name}"
        path.write_text(text.replace(old, new), encoding="utf-8")

    return run


def write(name: str, content: str | bytes) -> Setup:
    def run(where: Path) -> None:
        path = where / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)

    return run


def encode(name: str, encoding: str) -> Setup:
    def run(where: Path) -> None:
        path = where / name
        path.write_bytes(path.read_text(encoding="utf-8").encode(encoding))

    return run


def remove(name: str) -> Setup:
    return lambda where: (where / name).unlink()


def rename(old: str, new: str) -> Setup:
    return lambda where: (where / old).rename(where / new)


def folder(name: str) -> Setup:
    def run(where: Path) -> None:
        path = where / name
        if path.exists():
            path.unlink()
        path.mkdir()

    return run


def fifo(name: str) -> Setup:
    def run(where: Path) -> None:
        (where / name).unlink()
        os.mkfifo(where / name)

    return run


def link(name: str, target: str) -> Setup:
    """``name`` becomes a symbolic link to ``target`` (relative to the working directory)."""

    def run(where: Path) -> None:
        path = where / name
        if path.is_dir() and not path.is_symlink():
            for child in path.iterdir():
                child.unlink()
            path.rmdir()
        else:
            path.unlink(missing_ok=True)
        path.symlink_to(where / target)

    return run


def both(*steps: Setup) -> Setup:
    def run(where: Path) -> None:
        for step in steps:
            step(where)

    return run


def outside(name: str, content: str) -> Setup:
    """A file next to the data folder, not in it."""
    return write(name, content)


def project(number: int, *, budget: int = 0, start: str = "2566-10", end: str = "2567-09") -> str:
    return (
        f"number: {number}\ngroup: only\ntitle: โครงการที่ {number}\nobjectives:\n  - ข้อ\n"
        "targets:\n  outputs:\n    - ผลผลิต\n  outcomes:\n    - ผลลัพธ์\n"
        f"budget: {budget}\nspent:\n  q1: 0\n  q2: 0\nduration:\n  start: {start}\n"
        f"  end: {end}\nresults:\n  q1: []\n  q2: []\n"
    )


def nested_lists(depth: int) -> str:
    return "objectives:\n  - " + "[" * depth + "ข้อ" + "]" * depth + "\n"


BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 9) + "]\n"
    for i in range(8)
)
"""Nine nested aliases of nine: a few hundred bytes that expand to 387 million values."""

PROJECT_TOTAL = (
    "m/budget.yaml:8:13: error: allocation.projects: the 2 projects' budgets do not add up to the "
    "declared total: declared 100.00, computed 150.00, difference 50.00; correct the amount that "
    "is wrong, or, if the allocation letter says 150.00, write `projects: 150.00` [projects-total]"
)
ALLOCATION_TOTAL = (
    "m/budget.yaml:6:19: error: allocation.expected_total: running costs and projects do not add "
    "up to the declared allocation: declared 1,000.00, computed 1,050.00, difference 50.00; "
    "correct the amount that is wrong, or, if the allocation letter says 1,050.00, write "
    "`expected_total: 1050.00` [allocation-total]"
)


CASES: list[Case] = [
    # --- resources: every bound gives a positioned error that states it ----------------------
    Case(
        "resource-alias-bomb",
        write("m/report.yaml", BOMB),
        [
            "m/report.yaml:2:8: error: `*a` repeats another part of the file (a YAML alias); "
            "aplan does not accept aliases: write the value out in full [alias]"
        ],
        memory_heavy=True,
    ),
    Case(
        "resource-alias-one",
        edit(P, "  q2: 0\n", "  q2: *budget\n"),
        [
            f"{P}:15:7: error: `*budget` repeats another part of the file (a YAML alias); aplan "
            "does not accept aliases: write the value out in full [alias]"
        ],
    ),
    Case(
        "resource-nesting-999-lists",
        write(P, nested_lists(999)),
        [
            f"{P}:2:35: error: lists and keys nested more than 32 levels deep, the limit; "
            "no source file needs that many [too-deep]"
        ],
        memory_heavy=True,
    ),
    Case(
        "resource-nesting-490-lists",
        write(P, nested_lists(490)),
        [
            f"{P}:2:35: error: lists and keys nested more than 32 levels deep, the limit; "
            "no source file needs that many [too-deep]"
        ],
    ),
    Case(
        "resource-nesting-mappings",
        write(P, "".join(f"{'  ' * i}k{i}:\n" for i in range(40)) + "  " * 40 + "x: 1\n"),
        [
            f"{P}:33:65: error: lists and keys nested more than 32 levels deep, the limit; "
            "no source file needs that many [too-deep]"
        ],
    ),
    Case(
        "resource-value-10-MB",
        edit(P, "title: โครงการทดสอบ", "title: " + "ก" * 10_000_000),
        [
            f"{P}: error: the file is 30,000,353 bytes, more than the limit of 1,000,000 bytes "
            "for one source file; split it, or remove what was pasted into it by mistake [read]"
        ],
        memory_heavy=True,
    ),
    Case(
        "resource-value-half-a-million",
        edit(P, "title: โครงการทดสอบ", "title: " + "x" * 500_000),
        [
            f"{P}:4:8: error: a value of 500,000 characters, more than the limit of 10,000; "
            "split the text into paragraphs or items [too-long]"
        ],
        memory_heavy=True,
    ),
    Case(
        "resource-value-one-over",
        edit(P, "title: โครงการทดสอบ", "title: " + "x" * 10_001),
        [
            f"{P}:4:8: error: a value of 10,001 characters, more than the limit of 10,000; split "
            "the text into paragraphs or items [too-long]"
        ],
    ),
    Case(
        "resource-file-size",
        write("m/direction.yaml", "# " + "x" * 1_000_000 + "\n"),
        [
            "m/direction.yaml: error: the file is 1,000,003 bytes, more than the limit of "
            "1,000,000 bytes for one source file; split it, or remove what was pasted into it by "
            "mistake [read]"
        ],
        memory_heavy=True,
    ),
    Case(
        "resource-number-27-digits",
        edit(P, "budget: 100", "budget: 123456789012345678901234567"),
        [
            f"{P}:12:9: error: budget: a number of 27 digits, more than the limit of 15; check "
            "the figure [number]"
        ],
    ),
    Case(
        "resource-number-count-27-digits",
        edit(P, "number: 1", "number: 100000000000000000000000001"),
        [
            f"{P}:2:9: error: number: a number of 27 digits, more than the limit of 15; check "
            "the figure [number]"
        ],
    ),
    Case(
        "resource-number-1e308",
        edit(P, "budget: 100", "budget: 1.0e308"),
        [
            f"{P}:12:9: error: budget: `1.0e308` is written with an exponent; write the number "
            "in full, with its digits [number]"
        ],
    ),
    Case(
        "resource-number-exponent-small",
        edit(P, "  q1: 40", "  q1: 1.5e-1"),
        [
            f"{P}:14:7: error: spent.q1: `1.5e-1` is written with an exponent; write the number "
            "in full, such as 0.15 [number]"
        ],
    ),
    Case(
        "resource-money-text-27-digits",
        edit(P, "budget: 100", 'budget: "123456789012345678901234567"'),
        [
            f"{P}:12:9: error: budget: '123456789012345678901234567' is more than the largest "
            "amount aplan accepts (9,999,999,999,999.99); check the figure [type]"
        ],
    ),
    Case(
        "resource-money-thai-digits-too-large",
        edit(P, "budget: 100", 'budget: "๙๙,๙๙๙,๙๙๙,๙๙๙,๙๙๙.๐๐"'),
        [
            f"{P}:12:9: error: budget: '๙๙,๙๙๙,๙๙๙,๙๙๙,๙๙๙.๐๐' is more than the largest amount "
            "aplan accepts (9,999,999,999,999.99); check the figure [type]"
        ],
    ),
    Case(
        "resource-money-misplaced-comma",
        edit(P, "budget: 100", 'budget: "1121,990"'),
        [f"{P}:12:9: error: budget: {MONEY}, got '1121,990' [type]"],
    ),
    Case(
        "resource-money-trailing-point",
        edit(P, "budget: 100", 'budget: "5."'),
        [f"{P}:12:9: error: budget: {MONEY}, got '5.' [type]"],
    ),
    Case(
        "resource-money-satang",
        edit(P, "  q1: 40", "  q1: 40.005"),
        [
            f"{P}:14:7: error: spent.q1.amount: amount has more than two decimal places "
            "(satang), got 40.005 [type]"
        ],
    ),
    Case(
        "resource-money-negative",
        edit(P, "  q1: 40", "  q1: -40"),
        [f"{P}:14:7: error: spent.q1.amount: amount must not be negative, got -40 [type]"],
    ),
    # --- positions: each problem at its real line and column ---------------------------------
    Case(
        "position-windows-874",
        encode("m/report.yaml", "cp874"),
        [
            "m/report.yaml:3:8: error: the file is saved as Thai Windows-874 (TIS-620), not "
            f"UTF-8; {UTF8} [encoding]"
        ],
    ),
    Case(
        "position-utf-16",
        encode("m/report.yaml", "utf-16"),
        [
            "m/report.yaml:1:1: error: the file is saved as UTF-16; save it as UTF-8 (in "
            "Notepad: Save As, Encoding UTF-8) [encoding]"
        ],
    ),
    Case(
        "position-utf-16-without-mark",
        encode("m/report.yaml", "utf-16-le"),
        [
            "m/report.yaml:1:1: error: the file is saved as UTF-16; save it as UTF-8 (in "
            "Notepad: Save As, Encoding UTF-8) [encoding]"
        ],
    ),
    Case(
        "position-not-utf-8-byte",
        write("m/office.yaml", b"name: ok\nshort_name: \xff\n"),
        [f"m/office.yaml:2:13: error: byte 0xFF is not UTF-8 text; {UTF8} [encoding]"],
    ),
    Case(
        "position-nul-byte",
        edit(P, "title: โครงการทดสอบ", "title: โครงการ\0ทดสอบ"),
        [
            f"{P}:4:15: error: a NUL character (U+0000) cannot be written in a YAML file; delete "
            "it (it often comes from copying out of a PDF or a word processor) [character]"
        ],
    ),
    Case(
        "position-control-character",
        edit(P, "  - วัตถุประสงค์ทดสอบ", "  - วัตถุ\x07ประสงค์\x07ทดสอบ"),
        [
            f"{P}:6:10: error: the control character U+0007 cannot be written in a YAML file "
            "(and 1 more in this file); delete it (it often comes from copying out of a PDF or a "
            "word processor) [character]"
        ],
    ),
    Case(
        "position-tab-indent",
        edit(P, "  outputs:", "\toutputs:"),
        [f"{P}:8:1: error: {TAB} [yaml]"],
    ),
    Case(
        "position-tab-in-list",
        edit(P, "    - ผลลัพธ์ทดสอบ", "\t- ผลลัพธ์ทดสอบ"),
        [f"{P}:11:1: error: {TAB} [yaml]"],
    ),
    Case(
        "position-tab-after-item",
        edit(P, "  - วัตถุประสงค์ทดสอบ\n", "  - วัตถุประสงค์ทดสอบ\n\t- อีกข้อ\n"),
        [f"{P}:7:1: error: {TAB} [yaml]"],
    ),
    Case(
        "position-unclosed-quote-at-end",
        edit(P, "  q2: []\n", '  q2: []\nproblems:\n  - "ยังไม่ปิด\n'),
        [f'{P}:23:5: error: the text opened with " here is never closed; end it with " [yaml]'],
    ),
    Case(
        "message-backslash-in-double-quotes",
        edit(P, "title: โครงการทดสอบ", 'title: "โครงการ\\ทดสอบ"'),
        [f"{P}:4:16: error: a backslash in double quotes starts an escape such as `\\n`; write "
         "`\\\\` for a backslash, or put the text in single quotes [yaml]"],
    ),
    Case(
        "message-value-starts-with-at",
        edit(P, "title: โครงการทดสอบ", "title: @โครงการทดสอบ"),
        [f'{P}:4:8: error: a value cannot start with the character @; put the text in quotes: '
         '"@…" [yaml]'],
    ),
    Case(
        "message-value-starts-with-star",
        edit(P, "title: โครงการทดสอบ", "title: * โครงการทดสอบ"),
        [f'{P}:4:8: error: a value cannot start with * (YAML reads it as an alias); put the text '
         'in quotes: "*…" [yaml]'],
    ),
    Case(
        "message-line-without-key",
        edit(P, "title: โครงการทดสอบ\n", "title: โครงการทดสอบ\nต่อบรรทัด\n"),
        [f"{P}:5:1: error: a line without `key: ` among keys: join it to the line above (as part "
         "of its text), or write it as `key: value` [yaml]"],
    ),
    Case(
        "position-unclosed-single-quote",
        edit(P, "title: โครงการทดสอบ", "title: 'โครงการทดสอบ"),
        [f"{P}:4:8: error: the text opened with ' here is never closed; end it with ' [yaml]"],
    ),
    Case(
        "position-unclosed-list",
        edit(P, "objectives:\n  - วัตถุประสงค์ทดสอบ", "objectives: [วัตถุประสงค์ทดสอบ"),
        [
            f"{P}:6:8: error: expected `,` or `]` here: the `[` at line 5, column 13 is not "
            "closed; end it with `]` [yaml]"
        ],
    ),
    Case(
        "position-unclosed-list-at-end",
        write("m/report.yaml", "fiscal_year: [\n"),
        [
            "m/report.yaml:2:1: error: a value is missing here: a `[` or `{` above is not closed, "
            "or a `,` is followed by nothing [yaml]"
        ],
    ),
    Case(
        "position-second-colon",
        edit(P, "title: โครงการทดสอบ", "title: โครงการ: ทดสอบ"),
        [
            f"{P}:4:15: error: a second `: ` on one line; put text that contains `: ` in quotes, "
            'such as `title: "ก: ข"` [yaml]'
        ],
    ),
    Case(
        "position-indentation",
        edit(P, "  outcomes:", " outcomes:"),
        [
            f"{P}:10:2: error: this line is indented differently from the lines above it; line up "
            "the keys (or the `- ` items) of one level with the same number of spaces [yaml]"
        ],
    ),
    Case(
        "position-two-documents",
        edit(P, "number: 1\n", "number: 1\n---\n"),
        [
            f"{P}:3:1: error: a second document (`---`); one file holds one document: remove the "
            "`---` [yaml]"
        ],
    ),
    Case(
        "position-syntax-error-no-follow-on-totals",
        both(
            write("m/projects/02-second.yaml", project(2, budget=50)),
            edit("m/projects/02-second.yaml", "  start: 2566-10", "\tstart: 2566-10"),
        ),
        [f"m/projects/02-second.yaml:16:1: error: {TAB} [yaml]"],
    ),
    Case(
        "position-totals-when-readable",
        write("m/projects/02-second.yaml", project(2, budget=50)),
        [ALLOCATION_TOTAL, PROJECT_TOTAL],
    ),
    # --- files: every entry accounted for, nothing outside the data folder -------------------
    Case(
        "file-yml-project-is-read",
        write("m/projects/02-second.yml", project(2, budget=50)),
        [ALLOCATION_TOTAL, PROJECT_TOTAL],
    ),
    Case(
        "file-yml-report-is-read",
        rename("m/report.yaml", "m/report.yml"),
        [],
        exit_code=0,
    ),
    Case(
        "file-yaml-and-yml",
        write("m/office.yml", "name: x\n"),
        [
            "m/office.yml: error: both `office.yaml` and `office.yml` exist; aplan reads "
            "`office.yaml`: merge them and delete `office.yml` [two-files]"
        ],
    ),
    Case(
        "file-text-file-in-projects",
        write("m/projects/02-second.txt", "number: 2\n"),
        [
            "m/projects/02-second.txt: warning: this is a file in projects/ that aplan does not "
            "read; projects/ holds one project a file, named NN-name.yaml: rename it if it is a "
            "project, or move it out of projects/ [not-read]"
        ],
        exit_code=0,
    ),
    Case(
        "file-backup-in-projects",
        write("m/projects/01-only.yaml.bak", "number: 1\n"),
        [
            "m/projects/01-only.yaml.bak: warning: this is a file in projects/ that aplan does "
            "not read; projects/ holds one project a file, named NN-name.yaml: rename it if it "
            "is a project, or move it out of projects/ [not-read]"
        ],
        exit_code=0,
    ),
    Case(
        "file-folder-in-projects",
        lambda where: (where / "m/projects/old").mkdir(),
        [
            "m/projects/old: warning: this is a folder in projects/ that aplan does not read; "
            "projects/ holds one project a file, named NN-name.yaml: rename it if it is a "
            "project, or move it out of projects/ [not-read]"
        ],
        exit_code=0,
    ),
    Case(
        "file-hidden-project",
        write("m/projects/.02-second.yaml", project(2, budget=0)),
        [
            "m/projects/.02-second.yaml: warning: `.02-second.yaml` starts with a dot, so aplan "
            "does not read it; if it is a project, rename it to `02-second.yaml` [not-read]"
        ],
        exit_code=0,
    ),
    Case(
        "file-hidden-swap-in-projects",
        write("m/projects/.01-only.yaml.swp", "b0VIM"),
        [
            "m/projects/.01-only.yaml.swp: warning: `.01-only.yaml.swp` is hidden, and aplan "
            "does not read it (an editor's lock or swap file goes away when the editor closes); "
            "move it out of projects/ if it stays [not-read]"
        ],
        exit_code=0,
    ),
    Case(
        "file-gitkeep-in-projects-is-quiet",
        write("m/projects/.gitkeep", ""),
        [],
        exit_code=0,
    ),
    Case(
        "file-misspelt-source",
        write("m/disbursment.yaml", "periods: {}\n"),
        [
            "m/disbursment.yaml: warning: aplan does not read `disbursment.yaml`; did you mean "
            "`disbursement.yaml`? [not-read]"
        ],
        exit_code=0,
    ),
    Case(
        "file-name-number-disagrees",
        rename(P, "m/projects/03-only.yaml"),
        [
            "m/projects/03-only.yaml:2:9: warning: number: the file name says project 3, but "
            "`number` is 1; rename the file to 01-….yaml or correct `number` [file-number]"
        ],
        exit_code=0,
    ),
    Case(
        "file-folder-named-like-a-source",
        folder("m/office.yaml"),
        [
            "m/office.yaml: error: this is a folder, not a file; aplan reads only regular files "
            "[read]"
        ],
    ),
    Case(
        "file-fifo-named-like-a-source",
        fifo("m/office.yaml"),
        [
            "m/office.yaml: error: this is a named pipe (FIFO), not a file; aplan reads only "
            "regular files [read]"
        ],
    ),
    Case(
        "file-fifo-in-projects",
        both(remove(P), lambda where: os.mkfifo(where / P)),
        [
            f"{P}: error: this is a named pipe (FIFO), not a file; aplan reads only regular "
            "files [read]"
        ],
    ),
    Case(
        "file-link-outside",
        both(outside("secret.yaml", "number: 1\n"), link("m/office.yaml", "secret.yaml")),
        [
            "m/office.yaml: error: this is a link to {root}/secret.yaml, outside the data "
            "folder; aplan reads only files inside the data folder: copy the file here instead "
            "of linking it [outside]"
        ],
    ),
    Case(
        "file-link-to-a-device",
        link("m/office.yaml", "/dev/zero"),
        [
            "m/office.yaml: error: this is a link to /dev/zero, outside the data folder; aplan "
            "reads only files inside the data folder: copy the file here instead of linking it "
            "[outside]"
        ],
    ),
    Case(
        "file-projects-folder-links-outside",
        both(
            write("elsewhere/01-only.yaml", project(1, budget=100)),
            link("m/projects", "elsewhere"),
        ),
        [
            "m/projects: error: this is a link to {root}/elsewhere, outside the data folder; "
            "put the project files in the data folder itself [outside]"
        ],
    ),
    Case(
        "file-template-links-outside",
        both(
            outside("mine.typ.j2", "#let x = 1\n"),
            lambda where: (where / "m/templates/parts").mkdir(parents=True),
            link("m/templates/parts/part1.typ.j2", "mine.typ.j2"),
        ),
        [
            "m/templates/parts/part1.typ.j2: error: this is a link to {root}/mine.typ.j2, outside "
            "the data folder; aplan reads only files inside the data folder: copy the file here "
            "instead of linking it [outside]"
        ],
    ),
    Case(
        "file-link-inside-is-read",
        both(
            write("m/drafts/02-second.yaml", project(2, budget=50)),
            link("m/projects/02-second.yaml", "m/drafts/02-second.yaml"),
        ),
        [ALLOCATION_TOTAL, PROJECT_TOTAL],
    ),
    Case(
        "file-broken-link-in-projects",
        link("m/projects/02-second.yaml", "m/projects/gone.yaml"),
        [
            "m/projects/02-second.yaml: error: cannot read the file: No such file or directory "
            "[read]"
        ],
    ),
    Case(
        "file-missing-source",
        remove("m/office.yaml"),
        [
            "m/office.yaml: error: missing source file `office.yaml`; it holds the office's "
            "names, address, groups and director (see docs/data-format.md) [missing-file]"
        ],
    ),
    Case(
        "file-no-projects",
        remove(P),
        ["m/projects: error: no project files; expected projects/NN-name.yaml [missing-file]"],
    ),
    Case(
        "file-data-folder-is-a-file",
        write("notes.yaml", "x: 1\n"),
        [
            "notes.yaml: error: this is not a folder; --data names the folder of one fiscal "
            "year's sources [missing-file]"
        ],
        args=("validate", "--data", "notes.yaml"),
    ),
    Case(
        "file-empty-source",
        write("m/direction.yaml", ""),
        [
            "m/direction.yaml:1:1: error: goals: required key `goals` is missing; add `goals: …` "
            "[missing-key]",
            "m/direction.yaml:1:1: error: missions: required key `missions` is missing; add "
            "`missions: …` [missing-key]",
            "m/direction.yaml:1:1: error: vision: required key `vision` is missing; add "
            "`vision: …` [missing-key]",
        ],
    ),
    Case(
        "file-holds-a-list",
        write("m/direction.yaml", "- vision\n- missions\n"),
        [
            "m/direction.yaml:1:1: error: the file holds a list; it should hold keys, one a line, "
            "such as `vision: …`, `missions: …` [type]"
        ],
    ),
    # --- dates: a duration inside the fiscal year --------------------------------------------
    Case(
        "date-starts-before-the-year",
        edit(P, "start: 2566-10", "start: 2566-09"),
        [
            f"{P}:17:10: warning: duration.start: 2566-09 is outside fiscal year 2567 (2566-10 "
            "to 2567-09); write a month of the year, such as 2566-10 [duration]"
        ],
        exit_code=0,
    ),
    Case(
        "date-ends-after-the-year",
        edit(P, "end: 2567-09", "end: 2567-10"),
        [
            f"{P}:18:8: warning: duration.end: 2567-10 is outside fiscal year 2567 (2566-10 to "
            "2567-09); write a month of the year, such as 2567-09 [duration]"
        ],
        exit_code=0,
    ),
    Case(
        "date-another-year",
        both(edit(P, "start: 2566-10", "start: 2565-10"), edit(P, "end: 2567-09", "end: 2566-09")),
        [
            f"{P}:14:7: warning: spent.q1: 40.00 spent in q1, outside the project's duration "
            "2565-10 to 2566-09 [spent-outside-duration]",
            f"{P}:17:10: warning: duration.start: 2565-10 is outside fiscal year 2567 (2566-10 "
            "to 2567-09); write a month of the year, such as 2566-10 [duration]",
            f"{P}:18:8: warning: duration.end: 2566-09 is outside fiscal year 2567 (2566-10 to "
            "2567-09); write a month of the year, such as 2567-09 [duration]",
        ],
        exit_code=0,
    ),
    Case(
        "date-one-month-project-is-valid",
        edit(P, "end: 2567-09", "end: 2566-10"),
        [],
        exit_code=0,
    ),
    Case(
        "date-ends-before-it-starts",
        edit(P, "end: 2567-09", "end: 2566-09"),
        [f"{P}:18:8: error: duration.end: the project ends (2566-09) before it starts (2566-10) "
         "[duration]"],
    ),
    Case(
        "date-quarter-edge-spent-before-start",
        edit(P, "start: 2566-10", "start: 2567-01"),
        [
            f"{P}:14:7: warning: spent.q1: 40.00 spent in q1, outside the project's duration "
            "2567-01 to 2567-09 [spent-outside-duration]"
        ],
        exit_code=0,
    ),
    Case(
        "date-quarter-edge-last-month-of-q1",
        edit(P, "start: 2566-10", "start: 2566-12"),
        [],
        exit_code=0,
    ),
    Case(
        "date-quarter-edge-first-month-of-q4",
        both(edit(P, "end: 2567-09", "end: 2567-07"), edit(P, "  q2: 0\n", "  q2: 0\n  q4: 5\n")),
        [],
        exit_code=0,
    ),
    Case(
        "date-q3-q4-project-spends-in-q1",
        both(
            edit(P, "start: 2566-10", "start: 2567-04"), edit(P, "  q2: 0\n", "  q2: 0\n  q3: 5\n")
        ),
        [
            f"{P}:14:7: warning: spent.q1: 40.00 spent in q1, outside the project's duration "
            "2567-04 to 2567-09 [spent-outside-duration]"
        ],
        exit_code=0,
    ),
    Case(
        "date-q4-spending-after-a-q3-end",
        both(edit(P, "end: 2567-09", "end: 2567-06"), edit(P, "  q2: 0\n", "  q2: 0\n  q4: 5\n")),
        [
            f"{P}:16:7: warning: spent.q4: 5.00 spent in q4, outside the project's duration "
            "2566-10 to 2567-06 [spent-outside-duration]"
        ],
        exit_code=0,
    ),
    Case(
        "date-month-13",
        edit(P, "start: 2566-10", "start: 2566-13"),
        [f"{P}:17:10: error: duration.start: month must be 01 to 12, such as 2566-10 for October "
         "2566, got '2566-13' [type]"],
    ),
    Case(
        "date-month-in-words",
        edit(P, "start: 2566-10", "start: ตุลาคม 2566"),
        [
            f"{P}:17:10: error: duration.start: expected a Buddhist-Era month written YYYY-MM, "
            "such as 2566-10, got 'ตุลาคม 2566' [type]"
        ],
    ),
    # --- messages for people: no library or Python words -------------------------------------
    Case(
        "message-empty-list",
        edit(P, "objectives:\n  - วัตถุประสงค์ทดสอบ", "objectives: []"),
        [
            f"{P}:5:13: error: objectives: the list is empty; write at least one item (lines "
            "starting with `- `) [type]"
        ],
    ),
    Case(
        "message-result-written-as-text",
        edit(P, "  q1: []", "  q1:\n    - ประชุมคณะกรรมการขับเคลื่อนการดำเนินงาน"),
        [
            f"{P}:21:7: error: results.q1[0]: expected keys, got text alone; write `- text: "
            "ประชุมคณะกรรมการขับเคลื่อนการด…` [type]"
        ],
    ),
    Case(
        "message-photo-written-as-text",
        edit(P, "results:", "photos:\n  - photos/a.png\nresults:"),
        [
            f"{P}:20:5: error: photos[0]: expected keys, got text alone; write `- file: "
            "photos/a.png` with `caption: …` under it [type]"
        ],
    ),
    Case(
        "message-list-written-as-keys",
        edit(P, "  q1: []", "  q1:\n    text: ประชุม"),
        [
            f"{P}:21:5: error: results.q1: expected a list (lines starting with `- `), got keys "
            "(`key: value` lines) [type]"
        ],
    ),
    Case(
        "message-duplicate-number-in-the-right-file",
        write("m/projects/02-second.yaml", project(1)),
        [
            "m/projects/02-second.yaml:1:9: error: number: project number 1 is also used by "
            f"{P} [project-number]",
            "m/projects/02-second.yaml:1:9: warning: number: the file name says project 2, but "
            "`number` is 1; rename the file to 01-….yaml or correct `number` [file-number]",
        ],
    ),
    Case(
        "message-number-gap-in-the-file-named-with-it",
        write("m/projects/02-second.yaml", project(3)),
        [
            "m/projects/02-second.yaml:1:9: error: number: project numbers must run from 1 "
            "without gaps; 2 is missing [project-number]",
            "m/projects/02-second.yaml:1:9: warning: number: the file name says project 2, but "
            "`number` is 3; rename the file to 03-….yaml or correct `number` [file-number]",
        ],
    ),
    Case(
        "message-choice",
        edit("m/report.yaml", "fiscal_year: 2567", "fiscal_year: 2567\ndigits: thailand"),
        ["m/report.yaml:3:9: error: digits: expected 'thai' or 'arabic', got 'thailand' [type]"],
    ),
    Case(
        "message-too-small",
        edit("m/report.yaml", "fiscal_year: 2567", "fiscal_year: 67"),
        [
            "m/report.yaml:2:14: error: fiscal_year: expected 2400 or more, got 67 (Buddhist-Era "
            "fiscal year, e.g. 2567) [type]"
        ],
    ),
    Case(
        "message-code",
        both(
            edit(P, "group: only", "group: Only Group"),
            edit("m/office.yaml", "code: only", "code: Only"),
        ),
        [
            "m/office.yaml:10:11: error: groups[0].code: expected a short code of small English "
            "letters, digits and `_`, starting with a letter (such as `ict`), got 'Only' [type]",
            f"{P}:3:8: error: group: expected a short code of small English letters, digits and "
            "`_`, starting with a letter (such as `ict`), got 'Only Group' [type]",
        ],
    ),
    Case(
        "message-blank-text",
        edit(P, "title: โครงการทดสอบ", "title: '   '"),
        [
            f"{P}:4:8: error: title: the text is only spaces; write the text, or remove the key "
            "[type]"
        ],
    ),
    Case(
        "message-empty-text",
        edit(P, "title: โครงการทดสอบ", "title: ''"),
        [f"{P}:4:8: error: title: {EMPTY_TEXT} [type]"],
    ),
    Case(
        "message-empty-value",
        edit(P, "title: โครงการทดสอบ", "title:"),
        [
            f"{P}:4:7: error: title: the value is empty; write it after the colon, or remove the "
            "key if it is optional [type]"
        ],
    ),
    Case(
        "message-decimal-for-a-whole-number",
        edit(P, "number: 1", "number: 1.0"),
        [f"{P}:2:9: error: number: expected a whole number, got 1.0 [type]"],
    ),
    Case(
        "message-yes-is-not-true",
        edit("m/report.yaml", "fiscal_year: 2567", "fiscal_year: 2567\nannual_report: yes"),
        ["m/report.yaml:3:16: error: annual_report: expected true or false, got 'yes' [type]"],
    ),
    Case(
        "message-money-true",
        edit(P, "  q1: 40", "  q1: true"),
        [f"{P}:14:7: error: spent.q1.amount: {MONEY}, got true [type]"],
    ),
    Case(
        "message-unknown-key",
        edit(P, "budget: 100", "budjet: 100"),
        [
            f"{P}:2:1: error: budget: required key `budget` is missing; add `budget: …` "
            "[missing-key]",
            f"{P}:12:1: error: budjet: unknown key `budjet`; did you mean `budget`? "
            "[unknown-key]",
        ],
    ),
    Case(
        "message-duplicate-key",
        edit(P, "budget: 100\n", "budget: 100\nbudget: 200\n"),
        [
            f"{P}:13:1: error: budget: duplicate key `budget` (first at line 12); each key may "
            "appear once [duplicate-key]"
        ],
    ),
    Case(
        "message-python-tag",
        edit(P, "title: โครงการทดสอบ", "title: !!python/object/apply:os.system ['true']"),
        [
            f"{P}:4:8: error: title: `!!python/object/apply:os.system` is a YAML tag, which aplan "
            "does not accept; write the value plainly, without the tag [tag]",
        ],
    ),
    # --- output: checked before any work; sources never written ------------------------------
    Case(
        "output-render-over-a-source",
        nothing,
        [
            "m/report.yaml: error: this is inside the data folder (m); aplan never writes "
            "there: name a file outside it, such as build/report.pdf [output]"
        ],
        args=("render", "--period", "h1", "--data", "m", "-o", "m/report.yaml"),
        unchanged=("m/report.yaml",),
    ),
    Case(
        "output-build-into-the-data-folder",
        nothing,
        [
            "m/projects/report.pdf: error: this is inside the data folder (m); aplan never "
            "writes there: name a file outside it, such as build/report.pdf [output]"
        ],
        args=("build", "--period", "h1", "--data", "m", "-o", "m/projects/report.pdf"),
    ),
    Case(
        "output-is-a-folder",
        lambda where: (where / "out").mkdir(),
        [
            "out: error: this is a folder; -o names the file to write, such as out/report.pdf "
            "[output]"
        ],
        args=("build", "--period", "h1", "--data", "m", "-o", "out"),
    ),
    Case(
        "output-is-a-device",
        nothing,
        ["/dev/null: error: this is a device, not a file; name a file to write [output]"],
        args=("build", "--period", "h1", "--data", "m", "-o", "/dev/null"),
    ),
    Case(
        "output-folder-is-a-file",
        write("out", "not a folder"),
        ["out/report.pdf: error: cannot use this path: out is a file, not a folder [output]"],
        args=("build", "--period", "h1", "--data", "m", "-o", "out/report.pdf"),
        unchanged=("out",),
    ),
    Case(
        "output-source-date-epoch-not-a-number",
        nothing,
        [
            "SOURCE_DATE_EPOCH: error: the environment variable SOURCE_DATE_EPOCH is 'abc'; it "
            "must be a whole number of seconds since 1970-01-01 UTC, such as 1711843200, or not "
            "set at all [environment]"
        ],
        args=("build", "--period", "h1", "--data", "m", "-o", "out.pdf"),
        env={"SOURCE_DATE_EPOCH": "abc"},
    ),
    Case(
        "output-source-date-epoch-beyond-9999",
        nothing,
        [
            "SOURCE_DATE_EPOCH: error: the environment variable SOURCE_DATE_EPOCH is "
            "'99999999999999'; it must be a whole number of seconds since 1970-01-01 UTC, such "
            "as 1711843200, or not set at all [environment]"
        ],
        args=("render", "--period", "h1", "--data", "m", "-o", "out.typ"),
        env={"SOURCE_DATE_EPOCH": "99999999999999"},
    ),
]

