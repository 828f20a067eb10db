"""The round: its name follows the period, and text naming another round is found."""

from __future__ import annotations

from dataclasses import replace

import pytest

from aplan.period import PERIODS, round_mentions


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("q1", "ไตรมาสที่ 1"),
        ("q4", "ไตรมาสที่ 4"),
        ("h1", "รอบ 6 เดือน"),
        ("m9", "รอบ 9 เดือน"),
        ("fy", "รอบ 12 เดือน"),
    ],
)
def test_round_names(code: str, name: str) -> None:
    assert PERIODS[code].label() == name  # type: ignore[index]


def test_annual_report_calls_fy_the_year() -> None:
    assert replace(PERIODS["fy"], annual=True).label() == "ประจำปี"
    assert replace(PERIODS["h1"], annual=True).label() == "รอบ 6 เดือน"


def test_mentions_in_thai_and_arabic_digits() -> None:
    text = "รายงาน (รอบ ๖ เดือน) และรอบ 12 เดือน ในไตรมาสที่ 1 และ 2 กับไตรมาส ๓"
    found = [(m.text, m.months, m.quarters) for m in round_mentions(text)]
    assert found == [
        ("รอบ ๖ เดือน", 6, ()),
        ("รอบ 12 เดือน", 12, ()),
        ("ไตรมาสที่ 1 และ 2", None, (1, 2)),
        ("ไตรมาส ๓", None, (3,)),
    ]


def test_which_mentions_name_another_round() -> None:
    h1, q3 = PERIODS["h1"], PERIODS["q3"]
    six, first_two, third = list(round_mentions("รอบ 6 เดือน ไตรมาสที่ 1 และ 2 ไตรมาสที่ 3"))
    assert not h1.names_other_round(six) and not h1.names_other_round(first_two)
    assert h1.names_other_round(third)
    assert q3.names_other_round(six) and not q3.names_other_round(third)
