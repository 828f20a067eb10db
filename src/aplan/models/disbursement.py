"""``disbursement.yaml``: received and disbursed per budget type, one snapshot a period.

An office lists the budget types it has, in the order its table prints them; a type it lacks
is left out and prints no row. The glossary's types (personnel, operating, investment,
subsidy, other) have a Thai label built in; any other type gives its own ``label``.
"""

from __future__ import annotations

from pydantic import Field

from ..money import Money
from .base import Code, Model, PeriodCode, Text

BUDGET_TYPES: tuple[str, ...] = ("personnel", "operating", "investment", "subsidy", "other")


class Line(Model):
    """One budget type; the remaining amount is always computed."""

    label: Text | None = Field(
        default=None, description="Printed name; built in for the glossary's five types"
    )
    received: Money = Field(description="งบประมาณที่ได้รับ")
    disbursed: Money = Field(description="ผลการเบิกจ่าย")


Snapshot = dict[str, Line]
"""Budget type code → its line, in the order typed."""


class Disbursement(Model):
    periods: dict[PeriodCode, dict[Code, Line]] = Field(
        description="Snapshot per reporting period: budget type code → received and disbursed"
    )
