"""``budget.yaml``: the allocation letters, their declared figures, and Table 1 (running costs)."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from typing import Annotated

from pydantic import Field, PlainSerializer, PlainValidator, WithJsonSchema

from ..money import ZERO, Money
from ..problems import show
from .base import Model, Text, YearMonth

_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_THAI_TO_ARABIC = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


@dataclass(frozen=True, order=True)
class ThaiDate:
    """A day of the Buddhist-Era calendar (2566-10-15 is 15 October 2023 CE)."""

    year: int
    month: int
    day: int

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def by(self, month: YearMonth) -> bool:
        """Whether the day falls in ``month`` or before it."""
        return (self.year, self.month) <= (month.year, month.month)

    def in_fiscal_year(self, fiscal_year: int) -> bool:
        """The Thai fiscal year N runs from 1 October N-1 to 30 September N."""
        return (fiscal_year - 1, 10) <= (self.year, self.month) <= (fiscal_year, 9)


def parse_thai_date(value: object) -> ThaiDate:
    """Read ``YYYY-MM-DD`` with a Buddhist-Era year (Thai digits allowed)."""
    if isinstance(value, ThaiDate):
        return value
    expected = "a Buddhist-Era date written YYYY-MM-DD, such as 2566-10-15"
    text = value.strip().translate(_THAI_TO_ARABIC) if isinstance(value, str) else ""
    match = _DATE.match(text)
    if match is None:
        raise ValueError(f"expected {expected}, got {show(value)}")
    year, month, day = (int(g) for g in match.groups())
    if not 2400 <= year <= 2700:
        raise ValueError(f"year must be Buddhist Era (2400 to 2700), got {show(value)}")
    if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(year - 543, month)[1]:
        raise ValueError(f"no such day {show(value)}; expected {expected}")
    return ThaiDate(year, month, day)


ThaiDateField = Annotated[
    ThaiDate, PlainValidator(parse_thai_date), PlainSerializer(str, return_type=str),
    WithJsonSchema(
        {"type": "string", "pattern": r"^\s*[0-9๐-๙]{4}-[0-9๐-๙]{2}-[0-9๐-๙]{2}\s*$",
         "examples": ["2566-10-15"]},
        mode="validation",
    ),
]


class AllocationLetter(Model):
    """One round of allocation (ครั้งที่ N) as its letter states it; its amount is printed."""

    number: int = Field(ge=1, description="ครั้งที่: the round's number, 1, 2, … in order")
    date: ThaiDateField | None = Field(default=None, description="The letter's date, 2566-10-15")
    amount: Money = Field(description="Amount allocated in this round")
    reference: Text | None = Field(
        default=None, description="The letter's number, e.g. ที่ ศธ 04002/ว1234, printed after it"
    )


class Allocation(Model):
    """The allocation letters and the totals the office declares from them.

    The totals are declarations: the report prints sums computed from the projects and the
    plan, and the checks compare those sums with these figures.
    """

    letters: list[AllocationLetter] = Field(
        min_length=1, description="Each round of allocation received so far, in order"
    )
    expected_total: Money = Field(description="Total expected for the year (รวมงบประมาณทั้งสิ้น)")
    running_costs: Money = Field(
        default=ZERO, description="Part 1: office running costs (งบประจำ), Table 1's total"
    )
    projects: Money = Field(description="Part 2: the groups' projects")
    purpose: Text = Field(description="What the allocation is for (เพื่อเป็นค่าใช้จ่าย…)")
    closing: Text = Field(description="The paragraph after the parts")


class PlanNode(Model):
    """A category (with ``items``) or a line item (with ``amount``) of the spending plan.

    Amounts are typed on leaves only; every category's amount is their sum.
    """

    name: Text = Field(description="The category or item as printed, e.g. ค่าตอบแทน")
    amount: Money | None = Field(default=None, description="Only on a line item")
    items: list[PlanNode] = Field(default_factory=list, description="Only on a category")


class Budget(Model):
    allocation: Allocation = Field(
        description="The allocation letters and the totals declared from them"
    )
    spending_plan: list[PlanNode] = Field(
        default_factory=list,
        description="Table 1, top categories; an office without a running-cost plan leaves it out",
    )
