from decimal import Decimal
from pathlib import Path
from textwrap import dedent

import pytest

from aplan.problems import Severity
from aplan.sources import (
    MAX_DEPTH,
    MAX_FILE_BYTES,
    MAX_NUMBER_DIGITS,
    MAX_VALUE_CHARS,
    Mark,
    load,
    parse,
)


def test_values_keep_their_positions() -> None:
    doc, problems = parse(
        dedent("""\
        number: 5
        spent:
          q1: 100
          q2:
            amount: 0
        """),
        "p.yaml",
    )
    assert problems == []
    assert doc is not None
    assert doc.at(("number",)) == Mark(1, 9)
    assert doc.at(("spent", "q2", "amount")) == Mark(5, 13)
    assert doc.key_at(("spent", "q1")) == Mark(3, 3)
    assert doc.at(("spent", "q2", "note")) == Mark(5, 5), "a missing key points at its parent"


def test_duplicate_key_is_an_error_at_the_second_key() -> None:
    doc, problems = parse("budget: 1\ntitle: x\nbudget: 2\n", "p.yaml")
    assert [p.human() for p in problems] == [
        "p.yaml:3:1: error: budget: duplicate key `budget` (first at line 1); "
        "each key may appear once [duplicate-key]"
    ]
    assert doc is not None and doc.data["budget"] == 1


def test_yaml_1_1_surprises_do_not_happen() -> None:
    doc, problems = parse(
        dedent("""\
        a: no
        b: on
        c: 010
        d: 1,121,990
        e: 2566-10-01
        f: 0.1
        g: true
        h:
        i: 12:30
        """),
        "x.yaml",
    )
    assert problems == []
    assert doc is not None
    assert doc.data == {
        "a": "no",
        "b": "on",
        "c": 10,
        "d": "1,121,990",
        "e": "2566-10-01",
        "f": Decimal("0.1"),
        "g": True,
        "h": None,
        "i": "12:30",
    }
    assert isinstance(doc.data["f"], Decimal)


def test_python_tags_are_refused() -> None:
    _, problems = parse("a: !!python/object/apply:os.system ['true']\n", "x.yaml")
    assert [(p.line, p.column, p.code) for p in problems] == [(1, 4, "tag")]
    assert problems[0].message == (
        "a: `!!python/object/apply:os.system` is a YAML tag, which aplan does not accept; write "
        "the value plainly, without the tag"
    )


def test_syntax_error_names_its_place() -> None:
    doc, problems = parse("a: 1\nb: [1, 2\nc: 3\n", "x.yaml")
    assert doc is None
    assert len(problems) == 1
    problem = problems[0]
    assert (problem.file, problem.line, problem.column) == ("x.yaml", 3, 2)
    assert problem.severity is Severity.ERROR
    assert problem.message == (
        "expected `,` or `]` here: the `[` at line 2, column 4 is not closed; end it with `]`"
    )


def test_empty_file_is_an_empty_mapping() -> None:
    doc, problems = parse("", "x.yaml")
    assert problems == [] and doc is not None and doc.data == {}


@pytest.mark.parametrize(
    ("written", "value"),
    [("true", True), ("True", True), ("TRUE", True), ("false", False), ("False", False),
     ("FALSE", False), ("tRUE", "tRUE"), ("yes", "yes")],
)
def test_booleans_of_yaml_1_2(written: str, value: object) -> None:
    doc, problems = parse(f"a: {written}\n", "x.yaml")
    assert problems == [] and doc is not None
    assert doc.data["a"] == value and type(doc.data["a"]) is type(value)


def test_every_limit_allows_its_own_size(tmp_path: Path) -> None:
    """The limits are limits, not off by one: a file exactly at each is read."""
    depth = MAX_DEPTH - 1  # the document's own mapping is the first level
    lines = ["a: " + "[" * depth + "]" * depth, "b: " + "x" * MAX_VALUE_CHARS,
             "c: " + "9" * MAX_NUMBER_DIGITS]
    text = "\n".join(lines) + "\n"
    path = tmp_path / "x.yaml"
    path.write_text(text + "#" * (MAX_FILE_BYTES - len(text) - 1) + "\n", encoding="utf-8")
    assert path.stat().st_size == MAX_FILE_BYTES
    doc, problems = load(path)
    assert problems == [] and doc is not None
    assert doc.data["c"] == int("9" * MAX_NUMBER_DIGITS)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("a: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "\n", "too-deep"),
        ("b: " + "x" * (MAX_VALUE_CHARS + 1) + "\n", "too-long"),
        ("c: " + "9" * (MAX_NUMBER_DIGITS + 1) + "\n", "number"),
        ("c: 1." + "9" * MAX_NUMBER_DIGITS + "\n", "number"),
    ],
)
def test_one_past_each_limit_is_an_error(text: str, code: str) -> None:
    _, problems = parse(text, "x.yaml")
    assert [p.code for p in problems] == [code]


def test_one_byte_past_the_file_limit_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes(b"#" * MAX_FILE_BYTES + b"\n")
    doc, problems = load(path)
    assert doc is None
    assert [(p.line, p.column, p.code) for p in problems] == [(0, 0, "read")]
    assert "1,000,001 bytes, more than the limit of 1,000,000" in problems[0].message


def test_exact_decimals_and_whole_numbers() -> None:
    doc, problems = parse("a: 5.\nb: 0.15\nc: -3\nd: +7\n", "x.yaml")
    assert problems == [] and doc is not None
    assert doc.data == {"a": Decimal("5"), "b": Decimal("0.15"), "c": -3, "d": 7}


def test_typed_text_counts_lines_as_yaml_does(tmp_path: Path) -> None:
    """A form feed inside a value starts no line; CR LF and a lone CR each end one."""
    from aplan.sources import Document, Mark, TypedText

    file = tmp_path / "x.yaml"
    file.write_bytes("a: x\r\nb: y\rc: ปี\x0c 2566 และ 2566\n".encode())
    doc = Document(str(file), {}, values={("c",): Mark(3, 4)})
    typed = TypedText()
    assert typed.lines(str(file))[:3] == ["a: x", "b: y", "c: ปี\x0c 2566 และ 2566"]
    assert typed.find(doc, ("c",), "2566") == (3, 8)
    assert typed.find(doc, ("c",), "2566", skip=1) == (3, 17)
    assert typed.find(doc, ("c",), "2567") == (3, 4), "not found: the value's start"
