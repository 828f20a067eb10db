"""JSON Schemas of the source files and the field reference, generated from the models.

An editor that reads the schemas (VS Code's YAML extension, through the ``# yaml-language-server:
$schema=…`` line at the top of a file) completes keys and flags mistakes while typing. They
describe the shape of each file only; ``aplan validate`` stays the judge of totals and links
between files. The field reference (docs/fields.md) is written from the same models, so no one
reads Python to learn a field.
"""

from __future__ import annotations

import json
import sys
import types
import typing
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal, Union

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from .models import (
    Budget,
    Direction,
    Disbursement,
    Office,
    Project,
    ReportInfo,
    Spent,
    Words,
    YearMonth,
)
from .models.budget import ThaiDate
from .problems import Problem

KINDS: dict[str, tuple[type[BaseModel], str]] = {
    "report": (ReportInfo, "report.yaml"),
    "office": (Office, "office.yaml"),
    "direction": (Direction, "direction.yaml"),
    "budget": (Budget, "budget.yaml"),
    "disbursement": (Disbursement, "disbursement.yaml"),
    "project": (Project, "projects/NN-name.yaml"),
    "words": (Words, "words.yaml"),
}
"""Each kind of source file: its model and the file it describes."""

DRAFT = "http://json-schema.org/draft-07/schema#"
"""The draft VS Code's YAML extension fully supports; pydantic's schemas use nothing newer."""


def schema_name(kind: str) -> str:
    return f"{kind}.schema.json"


def json_schema(kind: str) -> dict[str, Any]:
    model, file = KINDS[kind]
    generated = model.model_json_schema(mode="validation")
    described = {"description": _doc(model)} if "description" not in generated else {}
    return {"$schema": DRAFT, **generated, **described, "title": f"aplan: {file}"}


def schema_texts() -> dict[str, str]:
    """File name → the schema as written: sorted keys, Thai kept readable, newline at the end."""
    return {
        schema_name(kind): json.dumps(json_schema(kind), ensure_ascii=False, indent=2) + "\n"
        for kind in KINDS
    }


# The field reference ---------------------------------------------------------------------------


def field_reference() -> str:
    """docs/fields.md: every key of every source file, its type, whether required, and why."""
    lines = [
        "# Fields of the source files",
        "",
        "Generated from the models by `aplan schema --markdown docs/fields.md`; do not edit by",
        "hand (a test keeps it in sync). A key marked *required* must be written when its part",
        "is; any other may be left out. `a[].b` is key `b` of each entry of list `a`;",
        "`a.<round>.b` is key `b` under each round (`h1:` …) written under `a`; likewise",
        "`<quarter>` (`q1:` … `q4:`) and `<code>` (a code of your choosing, such as a budget",
        "type's). How the files fit together: [data-format.md](data-format.md).",
        "",
    ]
    for kind, (model, file) in KINDS.items():
        lines += [f"## `{file}`", "", _doc(model), ""]
        lines += ["| key | type | required | what it holds |", "|---|---|---|---|"]
        lines += _rows(model, "", set())
        lines += ["", f"JSON Schema: `schemas/{schema_name(kind)}`.", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


QUARTER_KEYS = ("q1", "q2", "q3", "q4")


def _rows(model: type[BaseModel], prefix: str, seen: set[type[BaseModel]]) -> list[str]:
    fields = model.model_fields
    if tuple(fields) == QUARTER_KEYS and len({str(f.annotation) for f in fields.values()}) == 1:
        return _quarter_rows(fields["q1"], prefix, seen)
    rows = []
    for name, field in fields.items():
        key = f"{prefix}{name}"
        nested = _nested_model(field.annotation)
        required = "required" if field.is_required() else ""
        rows.append(
            f"| `{key}` | {_type(field.annotation)} | {required} | "
            f"{_cell(field.description or '')} |"
        )
        if nested is None or nested in seen:  # seen: a part in itself, such as sub-goals
            continue
        rows += _rows(nested, f"{key}{_path_to_model(field.annotation)}.", seen | {nested})
    return rows


def _quarter_rows(field: FieldInfo, prefix: str, seen: set[type[BaseModel]]) -> list[str]:
    """Four quarters of one shape are one row, not four copies."""
    rows = [
        f"| `{prefix}q1` … `{prefix}q4` | {_type(field.annotation)} |  | One entry per quarter "
        "reported: `q1` October–December, `q2` January–March, `q3` April–June, `q4` "
        "July–September; a quarter not yet reported is left out |"
    ]
    nested = _nested_model(field.annotation)
    if nested is not None and nested not in seen:
        path = f"{prefix}<quarter>{_path_to_model(field.annotation)}."
        rows += _rows(nested, path, seen | {nested})
    return rows


def _path_to_model(annotation: Any) -> str:
    """How the rows of a nested part are named: ``[]`` for a list entry, ``<round>`` for a key."""
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return ""
    if origin is list:
        return "[]" + _path_to_model(args[0])
    if origin is dict:
        return f".<{_key_name(args[0])}>" + _path_to_model(args[1])
    inner = [a for a in args if _nested_model(a) is not None]
    return _path_to_model(inner[0]) if inner else ""


def _key_name(annotation: Any) -> str:
    keys = typing.get_args(annotation)
    if typing.get_origin(annotation) is Literal and set(keys) <= {"q1", "q2", "q3", "q4"}:
        return "quarter"
    if typing.get_origin(annotation) is Literal:
        return "round"
    return "code"


def _type(annotation: Any) -> str:
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        return _type(args[0])
    if origin in (Union, types.UnionType):
        shown = [_type(a) for a in args if a is not type(None)]
        return ", or ".join(dict.fromkeys(shown))
    if origin is Literal:
        return "one of " + ", ".join(f"`{a}`" for a in args)
    if origin is list:
        return f"list of {_type(args[0])}".replace("of mapping", "of mappings")
    if origin is dict:
        return f"mapping: {_key_name(args[0])} ({_type(args[0])}) → {_type(args[1])}"
    if annotation is Spent:  # its validator accepts a bare amount (models/project.py)
        return "amount in baht, or mapping"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "mapping"
    return _SCALARS.get(annotation, getattr(annotation, "__name__", str(annotation)))


_SCALARS: dict[Any, str] = {
    str: "text",
    int: "whole number",
    bool: "`true` or `false`",
    Decimal: "amount in baht",
    YearMonth: "month `YYYY-MM`, Buddhist Era",
    ThaiDate: "date `YYYY-MM-DD`, Buddhist Era",
}


def _nested_model(annotation: Any) -> type[BaseModel] | None:
    """The model a field holds, directly, in a list, or as the value of a mapping."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    found = [_nested_model(a) for a in typing.get_args(annotation)]
    return next((m for m in found if m is not None), None)


def _doc(model: type[BaseModel]) -> str:
    """The first paragraph of the model's docstring, or of its module's when it has none."""
    text = model.__doc__ or sys.modules[model.__module__].__doc__ or ""
    return " ".join(text.split("\n\n")[0].split()).replace("``", "`")


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|").replace("``", "`")


def write(folder: Path | None, markdown: Path | None) -> tuple[list[Path], list[Problem]]:
    """Write the schemas into ``folder`` and the reference to ``markdown``.

    Every path is checked before the first is written; the paths written, or why not.
    """
    from .output import OutputError, output_problems, write_whole

    targets = {folder / name: text for name, text in schema_texts().items()} if folder else {}
    if markdown is not None:
        targets[markdown] = field_reference()
    problems = [problem for path in targets for problem in output_problems(path, {})]
    if problems:
        return [], problems[:1]  # one cause, such as a file where the folder should be
    written: list[Path] = []
    for path, text in targets.items():
        try:
            write_whole(path, text.encode("utf-8"))
        except OutputError as err:
            return written, [err.problem]
        written.append(path)
    return written, []


def undescribed() -> list[str]:
    """Fields without a description, as ``Model.field``: a test keeps this list empty."""
    missing = []
    todo: list[type[BaseModel]] = [model for model, _ in KINDS.values()]
    done: set[type[BaseModel]] = set()
    while todo:
        model = todo.pop()
        if model in done:
            continue
        done.add(model)
        for name, field in model.model_fields.items():
            if not field.description:
                missing.append(f"{model.__name__}.{name}")
            nested = _nested_model(field.annotation)
            if nested is not None:
                todo.append(nested)
    return sorted(missing)
