"""Shared pieces of the source models: strict, closed, immutable, documented."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    PlainSerializer,
    PlainValidator,
    Tag,
    WithJsonSchema,
)

from ..problems import show

QUARTERS: tuple[Quarter, ...] = ("q1", "q2", "q3", "q4")
Quarter = Literal["q1", "q2", "q3", "q4"]
PeriodCode = Literal["q1", "q2", "q3", "q4", "h1", "m9", "fy"]
"""A reporting round, as typed on the command line and in ``disbursement.yaml``."""


class Model(BaseModel):
    """Every source model: strict types, unknown keys rejected, values never mutated."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


def _not_blank(value: str) -> str:
    if value and not value.strip():
        raise ValueError("the text is only spaces; write the text, or remove the key")
    return value


Text = Annotated[str, Field(min_length=1), AfterValidator(_not_blank)]
"""Text typed by an officer; printed literally. Empty or only spaces is an error."""

Code = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
"""A short English identifier used to link files, such as a group code."""

Count = Annotated[int, Field(ge=0)]

_YEAR_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_THAI_TO_ARABIC = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


@dataclass(frozen=True, order=True)
class YearMonth:
    """A month of the Buddhist-Era calendar (2567-01 is January 2024 CE)."""

    year: int
    month: int

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def quarter_of_fiscal_year(self) -> tuple[int, int]:
        """(fiscal year, quarter 1-4): the Thai fiscal year starts in October."""
        fiscal_year = self.year + 1 if self.month >= 10 else self.year
        quarter = (self.month - 10) // 3 + 1 if self.month >= 10 else (self.month + 2) // 3 + 1
        return fiscal_year, quarter


def parse_year_month(value: object) -> YearMonth:
    """Read ``YYYY-MM`` with a Buddhist-Era year (Thai digits allowed)."""
    if isinstance(value, YearMonth):
        return value
    expected = "a Buddhist-Era month written YYYY-MM, such as 2566-10"
    if not isinstance(value, str):
        raise ValueError(f"expected {expected}, got {show(value)}")
    match = _YEAR_MONTH.match(value.strip().translate(_THAI_TO_ARABIC))
    if not match:
        raise ValueError(f"expected {expected}, got {show(value)}")
    year, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12:
        raise ValueError(
            f"month must be 01 to 12, such as {year}-10 for October {year}, got {show(value)}"
        )
    if not 2400 <= year <= 2700:
        raise ValueError(f"year must be Buddhist Era (2400 to 2700), got {show(value)}")
    return YearMonth(year, month)


YearMonthField = Annotated[
    YearMonth,
    PlainValidator(parse_year_month),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(
        {"type": "string", "pattern": r"^\s*[0-9๐-๙]{4}-[0-9๐-๙]{2}\s*$", "examples": ["2566-10"]},
        mode="validation",
    ),
]


def _shape(value: Any) -> str:
    return "[mapping]" if isinstance(value, dict) else "[list]"


AS_LIST, PER_KEY = Tag("[list]"), Tag("[mapping]")
LIST_OR_PER = Discriminator(_shape)
"""One list for every round, or a list per round or quarter: ``[...]`` or ``{q2: [...]}``.

Only the form that was typed is validated, so a mistake is reported once, in its terms; the
bracketed tags are dropped from error locations (binding.py).
"""
