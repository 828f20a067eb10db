"""Every round of FY2567 built from one completed copy: each prints its own round's name only.

The copy adds what data/2567 lacks after the 6-month round: q3 and q4 spending and results,
a disbursement snapshot for every round and a preface per round. Each round is built once.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from pypdf import PdfReader

from aplan.build import build_pdf
from aplan.period import PERIODS
from aplan.problems import Problem
from aplan.thai import Digits

from .conftest import DATA

THAI = Digits("thai")
ROUND_NAMES = {code: THAI(period.label()) for code, period in PERIODS.items()}
NOTES = {
    "problem_q3": "ปัญหาที่พบเฉพาะช่วงเมษายนถึงมิถุนายน",
    "spent_note_q4": "เบิกจ่ายส่วนที่เหลือเมื่อปิดโครงการ",
}


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _complete(root: Path) -> None:
    """Add what every later round needs, as an officer would type it."""
    for path in sorted((root / "projects").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        first = data["number"] == 1
        data["spent"]["q3"] = 1000 if first else 0
        data["spent"]["q4"] = 500 if first else 0
        data["results"]["q3"] = [{"text": f"ติดตามผลโครงการที่ {data['number']} ช่วงที่สาม"}]
        data["results"]["q4"] = [{"text": f"สรุปผลโครงการที่ {data['number']} เมื่อสิ้นปี"}]
        if first:
            data["problems"] = {"q3": [NOTES["problem_q3"]]}
            data["spent_note"] = {"q4": NOTES["spent_note_q4"]}
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    disbursement = yaml.safe_load((root / "disbursement.yaml").read_text(encoding="utf-8"))
    snapshot = disbursement["periods"]["h1"]
    disbursement["periods"] = {code: snapshot for code in PERIODS}
    (root / "disbursement.yaml").write_text(
        yaml.safe_dump(disbursement, allow_unicode=True), encoding="utf-8"
    )
    report = yaml.safe_load((root / "report.yaml").read_text(encoding="utf-8"))
    report["preface"] = {
        code: [f"รายงานผลการดำเนินงานตามแผนปฏิบัติการ ({period.label()}) ฉบับนี้ จัดทำขึ้นเพื่อเผยแพร่"]
        for code, period in PERIODS.items()
    }
    (root / "report.yaml").write_text(
        yaml.safe_dump(report, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )


@dataclass(frozen=True)
class Built:
    problems: list[Problem]
    text: str


@pytest.fixture(scope="session")
def completed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("rounds") / "2567"
    shutil.copytree(DATA, root)
    _complete(root)
    return root


@pytest.fixture(scope="session")
def builds(completed: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Built]:
    """Each round built once, lazily, for every test that reads it."""
    cache: dict[str, Built] = {}

    class Lazy(dict[str, Built]):
        def __missing__(self, code: str) -> Built:
            output = tmp_path_factory.mktemp(code) / "report.pdf"
            outcome = build_pdf(completed, PERIODS[code], output)  # type: ignore[index]
            assert outcome.pdf is not None, [p.human() for p in outcome.problems]
            text = "\n".join(page.extract_text() for page in PdfReader(output).pages)
            cache[code] = self[code] = Built(outcome.problems, text)
            return cache[code]

    return Lazy()


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
def test_the_round_names_itself_and_no_other(
    code: str, builds: dict[str, Built], completed: Path
) -> None:
    built = builds[code]
    assert [p.human() for p in built.problems if p.severity == "error"] == []
    assert [p.code for p in built.problems if "08-active-learning" not in p.file] == []
    text = squash(built.text)
    assert squash(ROUND_NAMES[code]) in text
    for source in _project_texts(completed):
        text = text.replace(squash(THAI(source)), "")
    own = {code, *PERIODS[code].quarters}  # type: ignore[index]
    others = [name for other, name in ROUND_NAMES.items() if other not in own]
    assert [name for name in others if squash(name) in text] == []
    assert "ยังไม่ได้รายงาน" not in text and "ร่าง:" not in text


@pytest.mark.parametrize("code", ["q3", "q4"])
def test_year_text_naming_an_earlier_quarter_is_warned(code: str, builds: dict[str, Built]) -> None:
    warned = [(Path(p.file).name, p.code) for p in builds[code].problems]
    assert warned and set(warned) == {("08-active-learning.yaml", "other-round")}


@pytest.mark.parametrize(
    ("code", "problem", "note"), [("h1", False, False), ("m9", True, False), ("fy", True, True)]
)
def test_notes_print_with_their_quarter(
    code: str, problem: bool, note: bool, builds: dict[str, Built]
) -> None:
    text = squash(builds[code].text)
    assert (squash(NOTES["problem_q3"]) in text) is problem
    assert (squash(NOTES["spent_note_q4"]) in text) is note
    if problem:
        assert squash("๖.๑ ปัญหาอุปสรรค ไตรมาสที่ ๓ " + NOTES["problem_q3"]) in text
