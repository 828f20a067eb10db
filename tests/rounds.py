"""Data folders completed for every round, as an officer would type the later quarters.

data/2567 and the example office stop after the 6-month round. These copies add quarters 3
and 4, a disbursement snapshot for every round and (for FY2567) a preface per round, so that
every period can be built from them.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from aplan.period import PERIODS


class _Plain(yaml.SafeDumper):
    """Writes shared values out in full: aplan refuses YAML aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_Plain, allow_unicode=True, sort_keys=False)


NOTES = {
    "problem_q3": "ปัญหาที่พบเฉพาะช่วงเมษายนถึงมิถุนายน",
    "spent_note_q4": "เบิกจ่ายส่วนที่เหลือเมื่อปิดโครงการ",
}


def complete_2567(root: Path) -> None:
    """FY2567: q3/q4 spending and results, a note in q3 and q4, a preface per round."""
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
        path.write_text(_dump(data), "utf-8")
    disbursement = yaml.safe_load((root / "disbursement.yaml").read_text(encoding="utf-8"))
    snapshot = disbursement["periods"]["h1"]
    disbursement["periods"] = {code: snapshot for code in PERIODS}
    (root / "disbursement.yaml").write_text(
        _dump(disbursement), encoding="utf-8"
    )
    report = yaml.safe_load((root / "report.yaml").read_text(encoding="utf-8"))
    report["preface"] = {
        code: [f"รายงานผลการดำเนินงานตามแผนปฏิบัติการ ({period.label()}) ฉบับนี้ จัดทำขึ้นเพื่อเผยแพร่"]
        for code, period in PERIODS.items()
    }
    (root / "report.yaml").write_text(
        _dump(report), encoding="utf-8"
    )


def complete_example(root: Path) -> None:
    """The example office: q3/q4 typed as text edits, so its comments and layout stay."""
    for path in (root / "projects").glob("*.yaml"):
        text = path.read_text("utf-8")
        text = re.sub(r"(spent:\n  q1: .*\n  q2: .*\n)", r"\1  q3: 0\n  q4: 0\n", text)
        later = "".join(
            f"  {q}:\n    - text: ผลการดำเนินงานไตรมาส {q[1]} (ข้อความสมมุติ)\n" for q in ("q3", "q4")
        )
        path.write_text(text.replace("problems: []", later + "problems: []"), "utf-8")
    disbursement = root / "disbursement.yaml"
    text = disbursement.read_text("utf-8")
    h1 = text[text.index("  h1:\n") :]
    more = "".join(h1.replace("h1:", f"{code}:") for code in ("q3", "q4", "m9", "fy"))
    disbursement.write_text(text + more, "utf-8")
