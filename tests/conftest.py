"""Shared fixtures: the real FY2567 data, and editable copies of it for bad-input cases."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from aplan.problems import Problem
from aplan.validate import validate

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data" / "2567"


class DataCopy:
    """A copy of data/2567 under tmp_path that a test edits to make one mistake."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, name: str) -> Path:
        return self.root / name

    def edit(self, name: str, old: str, new: str) -> None:
        """Replace text that occurs exactly once, so the test edits what it means to."""
        path = self.path(name)
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {name}"
        path.write_text(text.replace(old, new), encoding="utf-8")

    def line_of(self, name: str, text: str) -> int:
        """1-based line of the only line containing ``text``."""
        lines = self.path(name).read_text(encoding="utf-8").splitlines()
        found = [i + 1 for i, line in enumerate(lines) if text in line]
        assert len(found) == 1, f"{text!r} on lines {found} of {name}"
        return found[0]

    def name(self, name: str) -> str:
        return str(self.path(name))

    def problems(self) -> list[Problem]:
        return validate(self.root)[1]


@pytest.fixture
def data_copy(tmp_path: Path) -> DataCopy:
    root = tmp_path / "2567"
    shutil.copytree(DATA, root)
    return DataCopy(root)


@pytest.fixture
def write_yaml(tmp_path: Path) -> Callable[[str, str], Path]:
    def write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return write
