"""Load every source file of one fiscal year: the first stage of the pipeline.

Every entry of the data folder and of ``projects/`` is accounted for: a source is read, a file
that looks like one but is not read (a misspelt name, a ``.txt`` in ``projects/``) is a warning,
and nothing outside the data folder is read, through a symbolic link either. A hidden entry in
``projects/`` is named too (a dot can hide a project), except git's ``.gitkeep`` placeholder.
"""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from .binding import Loaded, bind
from .models import Budget, Direction, Disbursement, Office, Project, ReportInfo, Words
from .problems import Problem, Severity
from .sources import file_kind, load

M = TypeVar("M", bound=BaseModel)

FILES: dict[str, type[BaseModel]] = {
    "report.yaml": ReportInfo,
    "office.yaml": Office,
    "direction.yaml": Direction,
    "budget.yaml": Budget,
    "disbursement.yaml": Disbursement,
    "words.yaml": Words,
}
HOLDS = {
    "report.yaml": "the fiscal year, the title, the plan reported against and the preface",
    "office.yaml": "the office's names, address, groups and director",
    "direction.yaml": "the vision, missions and goals",
    "budget.yaml": "the allocation letter's figures and the running-cost plan (Table 1)",
}
"""What each required file holds, for the message when it is missing."""
PROJECTS_DIR = "projects"
TEMPLATES_DIR = "templates"  # the office's own template parts (render/overrides.py)
OPTIONAL = frozenset({"disbursement.yaml", "words.yaml"})  # without: no Table 3, no own words
SUFFIXES = (".yaml", ".yml")
"""Both spellings are read; ``.yml`` is what some editors save."""
KNOWN_FOLDERS = frozenset({PROJECTS_DIR, TEMPLATES_DIR})
GIT_PLACEHOLDER = ".gitkeep"  # keeps an empty folder in git: not a source, and not news
_FILE_NUMBER = re.compile(r"^(\d+)")


@dataclass(frozen=True)
class DataSet:
    """Every source of one report; a part is ``None`` when its file could not be read.

    ``unread_projects`` names the project files (or the folder) that could not be read: sums
    over all projects are then unknown, and the checks that need them stay silent rather than
    repeat the error.
    """

    root: Path
    report: Loaded[ReportInfo] | None
    office: Loaded[Office] | None
    direction: Loaded[Direction] | None
    budget: Loaded[Budget] | None
    disbursement: Loaded[Disbursement] | None
    projects: tuple[Loaded[Project], ...]
    unread_projects: tuple[str, ...] = ()
    words: Loaded[Words] | None = None  # the office's own words, kept whole at line breaks


def load_dataset(root: Path) -> tuple[DataSet, list[Problem]]:
    problems: list[Problem] = []
    if not root.is_dir():
        what = "the data folder does not exist"
        if root.exists():
            what = "this is not a folder; --data names the folder of one fiscal year's sources"
        problems.append(_unplaced(root, "missing-file", what))
        return DataSet(root, None, None, None, None, None, ()), problems
    reader = _Reader(root, problems)
    problems.extend(_stray_files(root))
    problems.extend(_templates_outside(root))
    report = reader.load(root, "report.yaml", ReportInfo)
    office = reader.load(root, "office.yaml", Office)
    direction = reader.load(root, "direction.yaml", Direction)
    budget = reader.load(root, "budget.yaml", Budget)
    disbursement = reader.load(root, "disbursement.yaml", Disbursement)
    projects = tuple(reader.projects())
    words = reader.load(root, "words.yaml", Words)
    data = DataSet(
        root, report, office, direction, budget, disbursement, projects, tuple(reader.unread),
        words,
    )
    return data, problems


class _Reader:
    def __init__(self, root: Path, problems: list[Problem]) -> None:
        self.root = root
        self.real_root = root.resolve()
        self.problems = problems
        self.unread: list[str] = []

    def load(self, folder: Path, name: str, model: type[M]) -> Loaded[M] | None:
        path = self._find(folder, name)
        if path is None:
            if name not in OPTIONAL:
                message = f"missing source file `{name}`"
                if name in HOLDS:
                    message += f"; it holds {HOLDS[name]} (see docs/data-format.md)"
                self.problems.append(_unplaced(folder / name, "missing-file", message))
            return None
        return self._read(path, model)

    def _find(self, folder: Path, name: str) -> Path | None:
        """``name``, or the same name ending ``.yml``; both present is an error."""
        found = [p for p in (folder / name, folder / (name[: -len(".yaml")] + ".yml"))
                 if os.path.lexists(p)]
        if len(found) == 2:
            self.problems.append(
                _unplaced(
                    found[1], "two-files",
                    f"both `{found[0].name}` and `{found[1].name}` exist; aplan reads "
                    f"`{found[0].name}`: merge them and delete `{found[1].name}`",
                )
            )
        return found[0] if found else None

    def _read(self, path: Path, model: type[M]) -> Loaded[M] | None:
        real = path.resolve()
        if not real.is_relative_to(self.real_root):
            self.problems.append(
                _unplaced(
                    path, "outside",
                    f"this is a link to {real}, outside the data folder; aplan reads only files "
                    "inside the data folder: copy the file here instead of linking it",
                )
            )
            self._unread(path, model)
            return None
        doc, found = load(path, str(path))
        self.problems.extend(found)
        if doc is None:
            self._unread(path, model)
            return None
        loaded, found = bind(model, doc)
        self.problems.extend(found)
        return loaded

    def _unread(self, path: Path, model: type[BaseModel]) -> None:
        if model is Project:
            self.unread.append(str(path))

    def projects(self) -> list[Loaded[Project]]:
        folder = self.root / PROJECTS_DIR
        if os.path.islink(folder) and not folder.resolve().is_relative_to(self.real_root):
            self.problems.append(
                _unplaced(
                    folder, "outside",
                    f"this is a link to {folder.resolve()}, outside the data folder; put the "
                    "project files in the data folder itself",
                )
            )
            self.unread.append(str(folder))
            return []
        try:
            names = sorted(os.listdir(folder)) if folder.is_dir() else []
        except OSError as err:
            self.problems.append(
                _unplaced(folder, "read", f"cannot read the folder: {err.strerror or err}")
            )
            self.unread.append(str(folder))
            return []
        paths = []
        for name in names:
            if name.startswith("."):
                if name != GIT_PLACEHOLDER:
                    self.problems.append(_hidden_in_projects(folder / name))
                continue
            if name.lower().endswith(SUFFIXES):
                paths.append(folder / name)
            else:
                self.problems.append(_not_a_project(folder / name))
        if not paths:
            self.problems.append(
                _unplaced(
                    folder, "missing-file", "no project files; expected projects/NN-name.yaml"
                )
            )
            self.unread.append(str(folder))
        loaded = []
        for path in paths:
            project = self._read(path, Project)
            if project is not None:
                self.problems.extend(_file_number(project))
                loaded.append(project)
        return loaded


def _not_a_project(path: Path) -> Problem:
    try:
        mode = os.stat(path).st_mode
        kind = "this is a file" if os.path.isfile(path) else file_kind(mode)
    except OSError:
        kind = "this is a broken link"
    return _unplaced(
        path, "not-read",
        f"{kind} in projects/ that aplan does not read; projects/ holds one project a file, "
        "named NN-name.yaml: rename it if it is a project, or move it out of projects/",
        Severity.WARNING,
    )


def _hidden_in_projects(path: Path) -> Problem:
    if path.name.lower().endswith(SUFFIXES) and path.name[1:2].isalnum():
        return _unplaced(
            path, "not-read",
            f"`{path.name}` starts with a dot, so aplan does not read it; if it is a project, "
            f"rename it to `{path.name.lstrip('.')}`",
            Severity.WARNING,
        )
    return _unplaced(
        path, "not-read",
        f"`{path.name}` is hidden, and aplan does not read it (an editor's lock or swap file "
        "goes away when the editor closes); move it out of projects/ if it stays",
        Severity.WARNING,
    )


def _file_number(project: Loaded[Project]) -> list[Problem]:
    """A file named ``03-….yaml`` holds project 3, or a warning says which is right."""
    match = _FILE_NUMBER.match(Path(project.doc.file).name)
    if match is None or not project.has("number") or int(match.group(1)) == project.model.number:
        return []
    named, number = int(match.group(1)), project.model.number
    return [
        project.doc.problem(
            ("number",), "file-number",
            f"number: the file name says project {named}, but `number` is {number}; rename the "
            f"file to {number:02d}-….yaml or correct `number`",
            Severity.WARNING,
        )
    ]


def _templates_outside(root: Path) -> list[Problem]:
    """The office's templates are read at build time: a link out of the data folder is refused."""
    folder = root / TEMPLATES_DIR
    if not os.path.lexists(folder):
        return []
    real_root = root.resolve()
    paths = [folder, *sorted(folder.rglob("*"))] if folder.is_dir() else [folder]
    return [
        _unplaced(
            path, "outside",
            f"this is a link to {path.resolve()}, outside the data folder; aplan reads only files "
            "inside the data folder: copy the file here instead of linking it",
        )
        for path in paths
        if path.is_symlink() and not path.resolve().is_relative_to(real_root)
    ]


def _stray_files(root: Path) -> list[Problem]:
    """A YAML file or folder at the top that aplan does not read: likely a misspelt name."""
    known = [*FILES, *(name[: -len(".yaml")] + ".yml" for name in FILES)]
    problems = []
    try:
        names = sorted(os.listdir(root))
    except OSError:
        return []  # reading each source then says why
    for name in names:
        if name.startswith(".") or name in known or name in KNOWN_FOLDERS:
            continue
        if not name.lower().endswith(SUFFIXES):
            continue
        close = difflib.get_close_matches(name, list(FILES), n=1, cutoff=0.6)
        hint = f"did you mean `{close[0]}`?" if close else "the sources are " + ", ".join(
            f"`{n}`" for n in FILES
        ) + " and projects/"
        problems.append(
            _unplaced(
                root / name, "not-read",
                f"aplan does not read `{name}`; {hint}",
                Severity.WARNING,
            )
        )
    return problems


def _unplaced(
    path: Path, code: str, message: str, severity: Severity = Severity.ERROR
) -> Problem:
    """A problem with a file as a whole (missing, unreadable): no line or column in it."""
    return Problem(str(path), 0, 0, severity, code, message)
