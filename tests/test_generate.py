"""The benchmark's data generator makes folders that validate, the same bytes for the same seed."""

from __future__ import annotations

from pathlib import Path

import pytest

from aplan.problems import errors
from aplan.validate import validate
from bench.generate import generate, generate_offices, main


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.yaml"))}


def test_generated_folder_validates(tmp_path: Path) -> None:
    root = generate(tmp_path / "g", projects=30, seed=7)
    data, problems = validate(root)
    assert errors(problems) == []
    assert [p.model.number for p in data.projects] == list(range(1, 31))
    assert data.budget is not None
    assert data.budget.model.allocation.projects == sum(p.model.budget for p in data.projects)


def test_generator_is_deterministic(tmp_path: Path) -> None:
    first = _files(generate(tmp_path / "a", projects=20, seed=3))
    assert first == _files(generate(tmp_path / "b", projects=20, seed=3))
    assert first != _files(generate(tmp_path / "c", projects=20, seed=4))


def test_offices_are_distinct_and_valid(tmp_path: Path) -> None:
    folders = generate_offices(tmp_path, 3, projects=2)
    names = set()
    for folder in folders:
        data, problems = validate(folder)
        assert errors(problems) == []
        assert data.office is not None
        names.add(data.office.model.name)
    assert len(names) == 3


def test_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["3", str(tmp_path / "one"), "--seed", "5"])
    main(["1", str(tmp_path / "many"), "--offices", "2"])
    assert capsys.readouterr().out.splitlines() == [
        str(tmp_path / "one"),
        str(tmp_path / "many" / "office-01"),
        str(tmp_path / "many" / "office-02"),
    ]
    assert len(list((tmp_path / "one" / "projects").glob("*.yaml"))) == 3
    assert _files(tmp_path / "one") == _files(generate(tmp_path / "again", projects=3, seed=5))
