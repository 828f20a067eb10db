"""Money as ``Decimal`` baht with at most two satang places, parsed from what officers type.

YAML gives money as an integer, as a decimal written in the file (the loader keeps its exact
text, so ``0.1`` is ``Decimal("0.1")``, never a float), or as a string copied from Word such as
``"158,340.00"`` or ``"๑๕๘,๓๔๐.๐๐"``. Floats, negatives, three decimals and misplaced commas are
rejected with a message that says what was expected.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Annotated

from pydantic import BeforeValidator, PlainSerializer, WithJsonSchema

from .problems import show

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
_TO_ARABIC = str.maketrans(THAI_DIGITS, "0123456789")
_GROUPED = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")
_PLAIN = re.compile(r"^\d+(\.\d+)?$")
EXPECTED = "an amount in baht such as 158340, 158340.50 or \"158,340.00\""


LARGEST = Decimal("9999999999999.99")
"""Fifteen digits: more than any office's budget, and within Decimal's exact arithmetic."""


class MoneyError(ValueError):
    """A money value that cannot be read; the message is meant for the officer."""


def parse_money(value: object) -> Decimal:
    """Read one amount; raise ``MoneyError`` saying what is wrong and what was expected."""
    if isinstance(value, bool) or value is None:
        raise MoneyError(f"expected {EXPECTED}, got {_show(value)}")
    if isinstance(value, float):
        raise MoneyError(
            f"expected {EXPECTED}, got the binary float {value!r}; write the amount exactly"
        )
    if isinstance(value, int):
        amount = Decimal(value)
    elif isinstance(value, Decimal):
        amount = value
    elif isinstance(value, str):
        amount = _parse_text(value)
    else:
        raise MoneyError(f"expected {EXPECTED}, got {_show(value)}")
    return _check(amount, value)


def _parse_text(text: str) -> Decimal:
    cleaned = text.strip().translate(_TO_ARABIC)
    if cleaned.startswith("-"):
        raise MoneyError(f"amount must not be negative, got {show(text)}")
    if not (_GROUPED.match(cleaned) or _PLAIN.match(cleaned)):
        raise MoneyError(f"expected {EXPECTED}, got {show(text)}")
    try:
        return Decimal(cleaned.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the patterns above admit only digits
        raise MoneyError(f"expected {EXPECTED}, got {show(text)}") from None


def _check(amount: Decimal, original: object) -> Decimal:
    if not amount.is_finite():
        raise MoneyError(f"expected {EXPECTED}, got {_show(original)}")
    if amount < 0:
        raise MoneyError(f"amount must not be negative, got {_show(original)}")
    if amount > LARGEST:
        raise MoneyError(
            f"{_show(original)} is more than the largest amount aplan accepts "
            f"({LARGEST:,}); check the figure"
        )
    exponent = amount.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2:
        raise MoneyError(
            f"amount has more than two decimal places (satang), got {_show(original)}"
        )
    return amount.quantize(Decimal("0.01"))


def _show(value: object) -> str:
    return show(value)


def _validate(value: object) -> Decimal:
    return parse_money(value)


_DIGIT = "[0-9๐-๙]"
MONEY_SCHEMA = {
    "anyOf": [
        {"type": "number", "minimum": 0},
        {
            "type": "string",
            "pattern": rf"^\s*({_DIGIT}{{1,3}}(,{_DIGIT}{{3}})+|{_DIGIT}+)(\.{_DIGIT}{{1,2}})?\s*$",
        },
    ],
    "examples": [158340, 158340.5, "158,340.00"],
}
"""For editors: what an amount may look like (parse_money is the judge)."""

Money = Annotated[
    Decimal,
    BeforeValidator(_validate),
    PlainSerializer(lambda d: str(d), return_type=str),
    WithJsonSchema(MONEY_SCHEMA, mode="validation"),
]
"""A pydantic field type: validated baht, always quantized to two places."""

ZERO = Decimal("0.00")
