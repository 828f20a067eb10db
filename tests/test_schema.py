"""Editor schemas and the field reference: generated from the models, shipped, and true."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator

from aplan.schema import KINDS, field_reference, schema_name, schema_texts, undescribed
from aplan.sources import parse

from .conftest import REPO

SCHEMAS = REPO / "schemas"
SHIPPED = [
    REPO / "data" / "2567", REPO / "examples" / "spm-example", REPO / "tests/data/minimal",
    REPO / "tests/data/province",
]
HEADER = re.compile(r"^# yaml-language-server: \$schema=(\S+)\n")


def shipped_files() -> list[Path]:
    return sorted(p for folder in SHIPPED for p in folder.rglob("*.yaml"))


def kind_of(path: Path) -> str:
    return "project" if path.parent.name == "projects" else path.stem


def validator(kind: str) -> Draft7Validator:
    schema = json.loads((SCHEMAS / schema_name(kind)).read_text(encoding="utf-8"))
    Draft7Validator.check_schema(schema)
    return Draft7Validator(schema)


def data_of(text: str) -> Any:
    """The values as aplan reads them (YAML 1.2 core, exact decimals), for jsonschema."""
    doc, problems = parse(text, "test.yaml")
    assert problems == [] and doc is not None
    return doc.data


def test_shipped_schemas_are_the_generated_ones() -> None:
    """After a model change: `aplan schema -o schemas --markdown docs/fields.md`."""
    generated = schema_texts()
    assert sorted(p.name for p in SCHEMAS.iterdir()) == sorted(generated)
    for name, text in generated.items():
        assert (SCHEMAS / name).read_text(encoding="utf-8") == text, name


def test_field_reference_is_the_generated_one() -> None:
    """After a model change: `aplan schema -o schemas --markdown docs/fields.md`."""
    assert (REPO / "docs" / "fields.md").read_text(encoding="utf-8") == field_reference()


def test_every_field_has_a_description() -> None:
    assert undescribed() == []


def test_every_shipped_file_names_its_schema() -> None:
    files = shipped_files()
    assert len(files) > 40
    for path in files:
        match = HEADER.match(path.read_text(encoding="utf-8"))
        assert match, f"{path} does not start with the yaml-language-server line"
        target = (path.parent / match.group(1)).resolve()
        assert target == SCHEMAS / schema_name(kind_of(path)), path


@pytest.mark.parametrize("path", shipped_files(), ids=lambda p: str(p.relative_to(REPO)))
def test_shipped_data_is_valid_against_its_schema(path: Path) -> None:
    data = data_of(path.read_text(encoding="utf-8"))
    errors = validator(kind_of(path)).iter_errors(data)
    assert [f"{list(e.absolute_path)}: {e.message}" for e in errors] == []


def test_a_bad_project_fails_its_schema() -> None:
    good = (REPO / "data" / "2567" / "projects" / "12-ict.yaml").read_text(encoding="utf-8")
    bad = (
        good.replace("group: ict", "group: ICT")
        .replace("budget: ", "budjet: ", 1)
        .replace("start: 2567-01", "start: 2567/01")
        .replace("q2: 10300", "q2: -10300")
    )
    found = sorted(
        (".".join(map(str, e.absolute_path)), e.validator)
        for e in validator("project").iter_errors(data_of(bad))
    )
    assert found == [
        ("", "additionalProperties"),  # budjet
        ("", "required"),  # budget
        ("duration.start", "pattern"),
        ("group", "pattern"),
        ("spent.q2", "anyOf"),
    ]


def test_the_header_line_moves_positions_by_one_line_and_changes_nothing_else() -> None:
    path = REPO / "data" / "2567" / "budget.yaml"
    with_header = path.read_text(encoding="utf-8")
    without = HEADER.sub("", with_header, count=1)
    assert with_header != without
    first, _ = parse(with_header, "a")
    second, _ = parse(without, "a")
    assert first is not None and second is not None
    assert first.data == second.data
    assert {k: (m.line - 1, m.column) for k, m in first.values.items()} == {
        k: (m.line, m.column) for k, m in second.values.items()
    }


def test_schema_command_writes_every_kind(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "aplan", "schema", "-o", "out", "--markdown", "fields.md"],
        cwd=tmp_path, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(
        schema_name(kind) for kind in KINDS
    )
    for name in schema_texts():
        assert (tmp_path / "out" / name).read_bytes() == (SCHEMAS / name).read_bytes()
    assert (tmp_path / "fields.md").read_text(encoding="utf-8") == field_reference()
    assert result.stdout.splitlines()[0] == "wrote out/report.schema.json"


def test_schema_command_without_a_destination_is_a_usage_error(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "aplan", "schema"],
        cwd=tmp_path, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 2
    assert "say where: -o DIR for the schemas" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_schema_command_into_a_file_says_it_cannot_write(tmp_path: Path) -> None:
    (tmp_path / "schemas").write_text("a file, not a folder", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "aplan", "schema", "-o", "schemas"],
        cwd=tmp_path, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 1
    assert result.stdout == (
        "schemas/report.schema.json: error: cannot use this path: schemas is a file, not a "
        "folder [output]\n"
    )
    assert (tmp_path / "schemas").read_text(encoding="utf-8") == "a file, not a folder"


def test_schema_and_version_import_no_renderer(tmp_path: Path) -> None:
    from .test_cli import RENDERING, _loaded_after

    loaded = _loaded_after(["schema", "-o", str(tmp_path)], ["--version"])
    assert "aplan.schema" in loaded  # the probe ran the command
    assert loaded & {*RENDERING, "pikepdf", "fontpkg"} == set()
