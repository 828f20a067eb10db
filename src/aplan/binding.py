"""Validate a parsed document against its model, mapping pydantic's errors to file positions.

Pydantic runs no after-validation once a field fails, and a failed model gives nothing to check.
So a document with errors is bound again field by field: the fields that are valid still reach
the checks, which then report their own problems in the same run.
"""

from __future__ import annotations

import difflib
import types
import typing
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from .problems import Problem, Severity, show
from .sources import Document, Path_, dotted

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Loaded(Generic[M]):
    """A model bound from a document; when not ``complete`` some fields are absent."""

    model: M
    doc: Document
    complete: bool

    def has(self, *names: str) -> bool:
        return all(name in self.model.__dict__ for name in names)


def bind(model: type[M], doc: Document) -> tuple[Loaded[M], list[Problem]]:
    data = doc.data if isinstance(doc.data, dict) else {}
    if not isinstance(doc.data, dict):
        first = ", ".join(f"`{name}: …`" for name in _required(model)[:2])
        problem = doc.problem(
            (), "type",
            f"the file holds {show(doc.data)}; it should hold keys, one a line, such as {first}",
        )
        return Loaded(model.model_construct(), doc, False), [problem]
    try:
        return Loaded(model.model_validate(data), doc, True), []
    except ValidationError as err:
        found = (_problem(model, doc, e) for e in err.errors(include_url=False))
        problems = [p for p in found if p is not None]
    return Loaded(_partial(model, data), doc, False), problems


def _partial(model: type[M], data: dict[str, Any]) -> M:
    instance = model.model_construct()
    for name in list(instance.__dict__):
        if name not in data:
            continue
        del instance.__dict__[name]  # a default would hide that the typed value was bad
    for name, value in data.items():
        if name not in model.model_fields:
            continue
        try:
            model.__pydantic_validator__.validate_assignment(instance, name, value)
        except ValidationError:
            continue
    return instance


_MESSAGES = {
    "int_type": "expected a whole number",
    "int_parsing": "expected a whole number",
    "string_type": "expected text",
    "bool_type": "expected true or false",
    "list_type": "expected a list (lines starting with `- `)",
    "dict_type": "expected keys under it (`key: value` lines)",
    "model_type": "expected keys under it (`key: value` lines)",
    "model_attributes_type": "expected keys under it (`key: value` lines)",
}
"""Pydantic's error types in the user's words; each adds what was typed."""


def _problem(model: type[BaseModel], doc: Document, error: ErrorDetails) -> Problem | None:
    # Union members' labels (``[list]``, ``[key]``) are not keys the user typed.
    loc: Path_ = tuple(p for p in error["loc"] if not (isinstance(p, str) and "[" in p))
    if any(loc[:end] in doc.reported for end in range(len(loc) + 1)):
        return None  # the loader has said what is wrong with this value
    kind = error["type"]
    where = dotted(loc)
    if kind == "extra_forbidden":
        mark = doc.key_at(loc)
        name = str(loc[-1])
        message = f"{where}: unknown key `{name}`"
        close = difflib.get_close_matches(name, _fields_at(model, loc[:-1]), n=1, cutoff=0.6)
        message += f"; did you mean `{close[0]}`?" if close else f"; {_known(model, loc[:-1])}"
        return Problem(doc.file, mark.line, mark.column, Severity.ERROR, "unknown-key", message)
    if kind == "missing":
        mark = doc.at(loc[:-1])
        message = f"{where}: required key `{loc[-1]}` is missing; add `{loc[-1]}: …`"
        return Problem(doc.file, mark.line, mark.column, Severity.ERROR, "missing-key", message)
    mark = doc.at(loc)
    value = error["input"]
    text = _words(model, loc, kind, error.get("ctx") or {}, value)
    if text is None:
        text = _lower_first(error["msg"].removeprefix("Value error, "))
    return Problem(doc.file, mark.line, mark.column, Severity.ERROR, "type", f"{where}: {text}")


def _words(
    model: type[BaseModel], loc: Path_, kind: str, ctx: dict[str, Any], value: object
) -> str | None:
    """What is wrong and what to type, for the error types a source file can give."""
    if value is None and kind in ("string_type", "list_type", "int_type", "model_type"):
        return "the value is empty; write it after the colon, or remove the key if it is optional"
    if kind in ("model_type", "model_attributes_type") and not isinstance(value, (dict, list)):
        return _keys_expected(model, loc, value)
    if kind in _MESSAGES:
        return f"{_MESSAGES[kind]}, got {show(value)}"
    if kind == "too_short":
        need = ctx.get("min_length", 1)
        items = "one item" if need == 1 else f"{need} items"
        return f"the list is empty; write at least {items} (lines starting with `- `)"
    if kind == "string_too_short":
        return "the text is empty; write the text, or remove the key if it is optional"
    if kind == "literal_error":
        return f"expected {ctx.get('expected')}, got {show(value)}"
    if kind == "greater_than_equal":
        return f"expected {ctx.get('ge')} or more, got {show(value)}{_described(model, loc)}"
    if kind == "less_than_equal":
        return f"expected {ctx.get('le')} or less, got {show(value)}{_described(model, loc)}"
    if kind == "string_pattern_mismatch":
        return (
            "expected a short code of small English letters, digits and `_`, starting with a "
            f"letter (such as `ict`), got {show(value)}"
        )
    return None


def _keys_expected(model: type[BaseModel], loc: Path_, value: object) -> str:
    """Text where an item with keys was expected: the fix is usually ``- text: …``."""
    required = _required(_unwrap(_annotation_at(model, loc)))
    if not required:
        return f"{_MESSAGES['model_type']}, got {show(value)}"
    typed = str(value).strip()
    shown = typed if len(typed) <= 30 else typed[:30] + "…"
    example = f"`{'- ' if isinstance(loc[-1], int) else ''}{required[0]}: {shown}`"
    rest = " and ".join(f"`{name}: …`" for name in required[1:])
    return (
        f"expected keys, got text alone; write {example}"
        + (f" with {rest} under it" if rest else "")
    )


def _required(model: Any) -> list[str]:
    if not (isinstance(model, type) and issubclass(model, BaseModel)):
        return []
    return [name for name, field in model.model_fields.items() if field.is_required()]


def _described(model: type[BaseModel], loc: Path_) -> str:
    """The field's own description, when it says what to write (``e.g. 2567``)."""
    if not loc:
        return ""
    parent = _unwrap(_annotation_at(model, loc[:-1]))
    if not (isinstance(parent, type) and issubclass(parent, BaseModel)):
        return ""
    field = parent.model_fields.get(str(loc[-1]))
    return f" ({field.description})" if field is not None and field.description else ""


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _known(model: type[BaseModel], loc: Path_) -> str:
    names = _fields_at(model, loc)
    return "known keys: " + ", ".join(f"`{n}`" for n in names) if names else "no keys allowed"


def _fields_at(model: type[BaseModel], loc: Path_) -> list[str]:
    """The field names of the model that sits at ``loc`` inside ``model``."""
    current = _unwrap(_annotation_at(model, loc))
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _annotation_at(model: type[BaseModel], loc: Path_) -> Any:
    """The type of the value at ``loc`` inside ``model`` (``None`` when there is none)."""
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(part, int):
            args = typing.get_args(current)
            current = args[0] if args else None
        elif isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(part)
            current = field.annotation if field else None
        else:
            args = typing.get_args(current)
            current = args[-1] if args else None
    return current


def _unwrap(annotation: Any) -> Any:
    """Strip ``X | None`` and ``Annotated[X, …]`` to reach the model or container type."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            members = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(members) != 1:
                return annotation
            annotation = members[0]
        else:
            return annotation
