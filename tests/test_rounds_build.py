"""Every round of FY2567 and of the example office, built from completed copies (tests/rounds.py):
each prints its own round's name only, no empty heading, and each group once in Table 2.
Each round is built once per session (conftest.round_builds).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml

from aplan.period import PERIODS
from aplan.thai import Digits

from .conftest import Built
from .rounds import NOTES

THAI = Digits("thai")
ROUND_NAMES = {code: THAI(period.label()) for code, period in PERIODS.items()}
OFFICES = ["2567", "example"]


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="session")
def builds(round_builds: dict[tuple[str, str], Built]) -> Mapping[str, Built]:
    """FY2567's rounds, from the completed copy shared with the other tests."""

    class Rounds(dict[str, Built]):
        def __missing__(self, code: str) -> Built:
            return round_builds["2567", code]

    return Rounds()


def _project_texts(root: Path) -> list[str]:
    """Every text of the projects: they may name any quarter, so they are set aside."""
    texts: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, str):
            texts.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for path in (root / "projects").glob("*.yaml"):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return sorted(texts, key=len, reverse=True)


@pytest.mark.parametrize("code", list(PERIODS))
@pytest.mark.parametrize("office", OFFICES)
def test_the_round_names_itself_and_no_other(
    office: str, code: str, round_builds: dict[tuple[str, str], Built], completed: dict[str, Path]
) -> None:
    built = round_builds[office, code]
    assert [p.human() for p in built.problems if p.severity == "error"] == []
    assert [p.code for p in built.problems if "08-active-learning" not in p.file] == []
    text = squash(built.text)
    assert squash(ROUND_NAMES[code]) in text
    for source in _project_texts(completed[office]):
        text = text.replace(squash(THAI(source)), "")
    own = {code, *PERIODS[code].quarters}  # type: ignore[index]
    others = [name for other, name in ROUND_NAMES.items() if other not in own]
    assert [name for name in others if squash(name) in text] == []
    assert "ยังไม่ได้รายงาน" not in text and "ร่าง:" not in text


@pytest.mark.parametrize("code", list(PERIODS))
@pytest.mark.parametrize("office", OFFICES)
def test_no_heading_is_empty_and_each_group_is_listed_once(
    office: str, code: str, round_builds: dict[tuple[str, str], Built]
) -> None:
    from aplan.dataset import load_dataset

    from .test_offices import empty_headings, page_lines

    built = round_builds[office, code]
    lines = page_lines(built.pages)
    assert empty_headings(lines) == []
    text = "\n".join(lines).replace("\xa0", " ")
    first = text.index("ตารางที่ ๒")
    table = squash(text[first : text.index("ตารางที่ ๓", first)])
    data, _ = load_dataset(built.root)
    assert data.office is not None
    used = {p.model.group for p in data.projects}
    for group in data.office.model.groups:
        assert table.count(squash(group.name)) == (group.code in used), group.name


@pytest.mark.parametrize("code", ["q3", "q4"])
def test_year_text_naming_an_earlier_quarter_is_warned(
    code: str, builds: Mapping[str, Built]
) -> None:
    warned = [(Path(p.file).name, p.code) for p in builds[code].problems]
    assert warned and set(warned) == {("08-active-learning.yaml", "other-round")}


@pytest.mark.parametrize(
    ("code", "problem", "note"), [("h1", False, False), ("m9", True, False), ("fy", True, True)]
)
def test_notes_print_with_their_quarter(
    code: str, problem: bool, note: bool, builds: Mapping[str, Built]
) -> None:
    text = squash(builds[code].text)
    assert (squash(NOTES["problem_q3"]) in text) is problem
    assert (squash(NOTES["spent_note_q4"]) in text) is note
    if problem:
        assert squash("๖.๑ ปัญหาอุปสรรค ไตรมาสที่ ๓ " + NOTES["problem_q3"]) in text
