from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aplan.dataset import load_dataset
from aplan.models import YearMonth
from aplan.period import PERIODS
from aplan.render.report import document_date
from aplan.render.view import build_view
from aplan.thai import Digits, thai_letter

from .conftest import DATA

thai = Digits("thai")


@pytest.mark.parametrize(
    ("text", "printed"),
    [
        ("จำนวน 106 โรงเรียน", "จำนวน ๑๐๖ โรงเรียน"),
        ("www.chanarea2.go.th", "www.chanarea2.go.th"),
        ("Microsof 365", "Microsof ๓๖๕"),
        ("ป.1 – ป.3", "ป.๑ – ป.๓"),
        ("e-MES 2 ระบบ", "e-MES ๒ ระบบ"),
        ("CO2 และ 3D", "CO2 และ 3D"),
    ],
)
def test_digits_in_text(text: str, printed: str) -> None:
    assert thai(text) == printed


def test_arabic_setting_leaves_text_alone() -> None:
    assert Digits("arabic")("จำนวน 106") == "จำนวน 106"
    assert Digits("arabic").money(Decimal("1121990")) == "1,121,990.00"


def test_money_and_months() -> None:
    assert thai.money(Decimal("158340")) == "๑๕๘,๓๔๐.๐๐"
    assert thai.number(1420) == "๑,๔๒๐"
    assert thai.month_year(YearMonth(2566, 10)) == "ตุลาคม ๒๕๖๖"


@given(st.integers(min_value=0, max_value=10**15))
def test_thai_digits_read_back(n: int) -> None:
    back = thai.number(n).translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789"))
    assert int(back.replace(",", "")) == n


def test_thai_letters_skip_obsolete_ones() -> None:
    assert [thai_letter(i) for i in range(1, 6)] == ["ก", "ข", "ค", "ง", "จ"]
    assert "ฃ" not in [thai_letter(i) for i in range(1, 45)]


@pytest.mark.parametrize(
    ("code", "label", "first", "last"),
    [
        ("q1", "ไตรมาสที่ 1", YearMonth(2566, 10), YearMonth(2566, 12)),
        ("q2", "ไตรมาสที่ 2", YearMonth(2567, 1), YearMonth(2567, 3)),
        ("h1", "รอบ 6 เดือน", YearMonth(2566, 10), YearMonth(2567, 3)),
        ("m9", "รอบ 9 เดือน", YearMonth(2566, 10), YearMonth(2567, 6)),
        ("fy", "รอบ 12 เดือน", YearMonth(2566, 10), YearMonth(2567, 9)),
    ],
)
def test_periods(code: str, label: str, first: YearMonth, last: YearMonth) -> None:
    period = PERIODS[code]
    assert period.label() == label
    assert (period.first_month(2567), period.last_month(2567)) == (first, last)


def test_fiscal_quarters_of_months() -> None:
    assert YearMonth(2566, 10).quarter_of_fiscal_year == (2567, 1)
    assert YearMonth(2567, 3).quarter_of_fiscal_year == (2567, 2)
    assert YearMonth(2567, 9).quarter_of_fiscal_year == (2567, 4)


def test_document_date(monkeypatch: pytest.MonkeyPatch) -> None:
    data, _ = load_dataset(DATA)
    view = build_view(data, PERIODS["h1"])
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert document_date(view) == date(2024, 3, 31)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert document_date(view) == date(2023, 11, 14)
    assert Path(DATA).is_dir()
