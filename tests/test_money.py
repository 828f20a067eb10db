from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aplan.money import MoneyError, parse_money

THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (158340, "158340.00"),
        (0, "0.00"),
        (Decimal("6144126.57"), "6144126.57"),
        (Decimal("0.5"), "0.50"),
        ("158,340.00", "158340.00"),
        ("158340", "158340.00"),
        ("๑๕๘,๓๔๐.๐๐", "158340.00"),
        ("  1,121,990 ", "1121990.00"),
    ],
)
def test_reads_what_officers_type(value: object, expected: str) -> None:
    assert parse_money(value) == Decimal(expected)
    assert str(parse_money(value)) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (0.1 + 0.2, "got the binary float 0.30000000000000004; write the amount exactly"),
        (-5, "amount must not be negative, got -5"),
        ("-5", "amount must not be negative, got '-5'"),
        (Decimal("1.005"), "amount has more than two decimal places (satang), got 1.005"),
        ("1.005", "amount has more than two decimal places (satang), got '1.005'"),
        (
            "1,12,1990",
            'expected an amount in baht such as 158340, 158340.50 or "158,340.00", '
            "got '1,12,1990'",
        ),
        ("บาท", "got 'บาท'"),
        (True, "got true"),
        (None, "got an empty value"),
        ("", "got ''"),
    ],
)
def test_rejects_with_a_reason(value: object, message: str) -> None:
    with pytest.raises(MoneyError) as err:
        parse_money(value)
    assert str(err.value).endswith(message)


@given(st.integers(min_value=0, max_value=10**12), st.integers(min_value=0, max_value=99))
def test_every_written_form_reads_the_same(baht: int, satang: int) -> None:
    amount = Decimal(f"{baht}.{satang:02d}")
    grouped = f"{amount:,.2f}"
    assert parse_money(grouped) == amount
    assert parse_money(grouped.translate(THAI)) == amount
    assert parse_money(f"{amount:.2f}") == amount
    assert parse_money(amount) == amount


@given(st.decimals(min_value=0, max_value=10**9, places=3, allow_nan=False))
def test_more_than_two_places_written_is_an_error(amount: Decimal) -> None:
    exponent = amount.as_tuple().exponent
    assert isinstance(exponent, int)
    if exponent >= -2:
        assert parse_money(amount) == amount
    else:
        with pytest.raises(MoneyError):
            parse_money(amount)
