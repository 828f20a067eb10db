from textwrap import dedent

from aplan.binding import bind
from aplan.models import Project, Spent
from aplan.sources import parse

from .conftest import DATA

PROJECT_1 = (DATA / "projects" / "01-education-management.yaml").read_text(encoding="utf-8")


def bind_project(text: str) -> tuple[object, list[str]]:
    doc, problems = parse(text, "p.yaml")
    assert doc is not None and problems == []
    loaded, found = bind(Project, doc)
    return loaded, [p.human() for p in found]


def line_of(text: str, needle: str) -> int:
    return next(i + 1 for i, line in enumerate(text.splitlines()) if needle in line)


def test_unknown_key_names_the_closest_known_key() -> None:
    text = PROJECT_1.replace("budget: 158340", "budjet: 158340")
    _, problems = bind_project(text)
    line = line_of(text, "budjet")
    assert problems == [
        "p.yaml:3:1: error: budget: required key `budget` is missing; add `budget: …` "
        "[missing-key]",
        f"p.yaml:{line}:1: error: budjet: unknown key `budjet`; did you mean `budget`? "
        "[unknown-key]",
    ]


def test_unknown_nested_key_lists_the_known_keys_when_nothing_is_close() -> None:
    text = PROJECT_1.replace("  q2: 26405", "  q2: 26405\n  total: 5")
    _, problems = bind_project(text)
    line = line_of(text, "total: 5")
    assert problems == [
        f"p.yaml:{line}:3: error: spent.total: unknown key `total`; known keys: `q1`, `q2`, "
        "`q3`, `q4` [unknown-key]"
    ]


def test_bad_money_points_at_the_value() -> None:
    text = PROJECT_1.replace("q2: 26405", "q2: 1,26405")
    _, problems = bind_project(text)
    line = line_of(text, "q2: 1,26405")
    assert problems == [
        f"p.yaml:{line}:7: error: spent.q2.amount: expected an amount in baht such as 158340, "
        "158340.50 or \"158,340.00\", got '1,26405' [type]"
    ]


def test_type_errors_say_what_was_expected() -> None:
    text = PROJECT_1.replace("number: 1", "number: one").replace("start: 2566-10", "start: 10")
    _, problems = bind_project(text)
    assert problems == [
        "p.yaml:3:9: error: number: expected a whole number, got 'one' [type]",
        f"p.yaml:{line_of(text, 'start: 10')}:10: error: duration.start: expected a "
        "Buddhist-Era month written YYYY-MM, such as 2566-10, got 10 [type]",
    ]


def test_yes_no_is_not_a_boolean_in_text() -> None:
    text = PROJECT_1.replace("title: เสริมสร้างประสิทธิภาพการบริหารจัดการศึกษาขั้นพื้นฐาน", "title: no")
    loaded, problems = bind_project(text)
    assert problems == []
    assert loaded.model.title == "no"  # type: ignore[attr-defined]


def test_a_bad_field_leaves_the_others_usable() -> None:
    text = PROJECT_1.replace("group: admin", "group: [admin]")
    loaded, problems = bind_project(text)
    assert len(problems) == 1
    assert not loaded.complete  # type: ignore[attr-defined]
    assert loaded.has("budget", "spent", "number")  # type: ignore[attr-defined]
    assert not loaded.has("group")  # type: ignore[attr-defined]
    assert str(loaded.model.budget) == "158340.00"  # type: ignore[attr-defined]


def test_bare_amount_is_shorthand() -> None:
    assert Spent.model_validate(5) == Spent.model_validate({"amount": 5})


def test_not_a_mapping() -> None:
    doc, _ = parse("- a\n- b\n", "p.yaml")
    assert doc is not None
    _, problems = bind(Project, doc)
    assert [p.human() for p in problems] == [
        "p.yaml:1:1: error: the file holds a list; it should hold keys, one a line, such as "
        "`number: …`, `group: …` [type]"
    ]


def test_unknown_key_position_in_dedented_fixture() -> None:
    doc, _ = parse(
        dedent("""\
        q1: 10
        q9: 20
        """),
        "s.yaml",
    )
    assert doc is not None
    from aplan.models.project import Spending

    _, problems = bind(Spending, doc)
    assert [p.human() for p in problems] == [
        "s.yaml:2:1: error: q9: unknown key `q9`; known keys: `q1`, `q2`, `q3`, `q4` [unknown-key]"
    ]
