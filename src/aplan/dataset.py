"""Load every source file of one fiscal year: the first stage of the pipeline."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from .binding import Loaded, bind
from .models import Budget, Direction, Disbursement, Office, Project, ReportInfo
from .problems import Problem, Severity
from .sources import load

M = TypeVar("M", bound=BaseModel)

FILES: dict[str, type[BaseModel]] = {
    "report.yaml": ReportInfo,
    "office.yaml": Office,
    "direction.yaml": Direction,
    "budget.yaml": Budget,
    "disbursement.yaml": Disbursement,
}
PROJECTS_DIR = "projects"
TEMPLATES_DIR = "templates"  # the office's own template parts (render/overrides.py)
OPTIONAL = frozenset({"disbursement.yaml"})  # an office without it prints no Table 3


@dataclass(frozen=True)
class DataSet:
    """Every source of one report; a part is ``None`` when its file could not be read."""

    root: Path
    report: Loaded[ReportInfo] | None
    office: Loaded[Office] | None
    direction: Loaded[Direction] | None
    budget: Loaded[Budget] | None
    disbursement: Loaded[Disbursement] | None
    projects: tuple[Loaded[Project], ...]


def load_dataset(root: Path) -> tuple[DataSet, list[Problem]]:
    problems: list[Problem] = []
    if not root.is_dir():
        problems.append(_missing(root, "the data folder does not exist"))
        return DataSet(root, None, None, None, None, None, ()), problems
    report = _load(root, "report.yaml", ReportInfo, problems)
    office = _load(root, "office.yaml", Office, problems)
    direction = _load(root, "direction.yaml", Direction, problems)
    budget = _load(root, "budget.yaml", Budget, problems)
    disbursement = _load(root, "disbursement.yaml", Disbursement, problems)
    projects = tuple(_load_projects(root, problems))
    return DataSet(root, report, office, direction, budget, disbursement, projects), problems


def _load(root: Path, name: str, model: type[M], problems: list[Problem]) -> Loaded[M] | None:
    path = root / name
    if not path.is_file() and name in OPTIONAL:
        return None
    if not path.is_file():
        problems.append(_missing(path, f"missing source file; expected {model.__name__} here"))
        return None
    doc, found = load(path, str(path))
    problems.extend(found)
    if doc is None:
        return None
    loaded, found = bind(model, doc)
    problems.extend(found)
    return loaded


def _load_projects(root: Path, problems: list[Problem]) -> list[Loaded[Project]]:
    folder = root / PROJECTS_DIR
    paths = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    if not paths:
        problems.append(_missing(folder, "no project files; expected projects/NN-name.yaml"))
    loaded = (_load(folder, path.name, Project, problems) for path in paths)
    return [project for project in loaded if project is not None]


def _missing(path: Path, message: str) -> Problem:
    return Problem(str(path), 1, 1, Severity.ERROR, "missing-file", message)
