"""``disbursement.yaml``: Table 2, received and disbursed per budget type, one snapshot a period."""

from __future__ import annotations

from pydantic import Field

from ..money import Money
from .base import Model, PeriodCode

BUDGET_TYPES: tuple[str, ...] = ("personnel", "operating", "investment", "subsidy", "other")


class Line(Model):
    """One budget type; the remaining amount is always computed."""

    received: Money = Field(description="งบประมาณที่ได้รับ")
    disbursed: Money = Field(description="ผลการเบิกจ่าย")


class Snapshot(Model):
    """The five budget types, in the order Table 2 prints them."""

    personnel: Line = Field(description="งบบุคลากร")
    operating: Line = Field(description="งบดำเนินงาน")
    investment: Line = Field(description="งบลงทุน")
    subsidy: Line = Field(description="งบเงินอุดหนุน")
    other: Line = Field(description="งบรายจ่ายอื่น")

    def lines(self) -> list[tuple[str, Line]]:
        return [(name, getattr(self, name)) for name in BUDGET_TYPES]


class Disbursement(Model):
    periods: dict[PeriodCode, Snapshot] = Field(description="Snapshot per reporting period")
