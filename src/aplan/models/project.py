"""``projects/NN-….yaml``: one project of the action plan and what it has done."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field, field_validator, model_validator

from ..money import Money
from .base import AS_LIST, LIST_OR_PER, PER_KEY, Code, Count, Model, Quarter, Text, YearMonthField

Notes = Annotated[
    Annotated[list[Text], AS_LIST] | Annotated[dict[Quarter, list[Text]], PER_KEY], LIST_OR_PER
]
"""Problems or suggestions: one list for the year, or a list per quarter that prints with it."""


class Targets(Model):
    outputs: list[Text] = Field(min_length=1, description="เชิงผลผลิต")
    outcomes: list[Text] = Field(min_length=1, description="เชิงผลลัพธ์")


class Spent(Model):
    """Spending in one quarter; a bare amount is shorthand for ``{amount: …}``."""

    amount: Money
    note: Text | None = Field(default=None, description="e.g. ไม่ได้ดำเนินการในไตรมาสที่ 1")

    @model_validator(mode="before")
    @classmethod
    def _bare_amount(cls, value: Any) -> Any:
        return value if isinstance(value, dict) else {"amount": value}


class Spending(Model):
    q1: Spent | None = None
    q2: Spent | None = None
    q3: Spent | None = None
    q4: Spent | None = None


class Duration(Model):
    """ระยะเวลาดำเนินงาน: first and last month, Buddhist Era."""

    start: YearMonthField
    end: YearMonthField


class StatisticPart(Model):
    label: Text = Field(description="e.g. ชนะเลิศ")
    count: Count


class Statistic(Model):
    """Counts with a declared total; percentages are computed from the total."""

    label: Text = Field(description="What is counted, printed before the parts")
    total: Count = Field(description="Declared total; the parts must sum to it")
    unit: Text = Field(default="ราย")
    parts: list[StatisticPart] = Field(min_length=1)


class ResultItem(Model):
    """One result; may hold sub-items and statistics."""

    text: Text
    items: list[ResultItem] = Field(default_factory=list)
    statistics: list[Statistic] = Field(default_factory=list)


class Results(Model):
    """ผลการดำเนินงาน per quarter; a missing quarter has no data yet, ``[]`` means nothing done."""

    q1: list[ResultItem] | None = None
    q2: list[ResultItem] | None = None
    q3: list[ResultItem] | None = None
    q4: list[ResultItem] | None = None


class Photo(Model):
    file: Text = Field(description="Image path relative to the data folder")
    caption: Text


class Project(Model):
    """A project (โครงการ) of a group, with its budget, spending and results."""

    number: int = Field(ge=1, description="Order in the plan, from 1")
    group: Code = Field(description="Code of the group in office.yaml")
    title: Text
    objectives: list[Text] = Field(min_length=1)
    targets: Targets
    budget: Money = Field(description="งบประมาณที่ตั้งไว้")
    spent: Spending = Field(description="Spending per quarter")
    spent_note: dict[Quarter, Text] = Field(
        default_factory=dict,
        description="Why spending is as it is, per quarter (q2: เนื่องจาก…); prints with it",
    )
    duration: Duration
    results: Results
    problems: Notes = Field(
        default_factory=list, description="ปัญหาอุปสรรค: a list, or a list per quarter"
    )
    suggestions: Notes = Field(
        default_factory=list, description="ข้อเสนอแนะ: a list, or a list per quarter"
    )
    photos: list[Photo] = Field(default_factory=list)

    def unreported(self, quarters: tuple[Quarter, ...]) -> list[tuple[str, Quarter]]:
        """(``spent`` or ``results``, quarter) not written yet: not reported, unlike 0 or ``[]``."""
        return [
            (name, q)
            for q in quarters
            for name, given in (("spent", self.spent), ("results", self.results))
            if getattr(given, q) is None
        ]

    @field_validator("spent_note", mode="before")
    @classmethod
    def _note_per_quarter(cls, value: Any) -> Any:
        if isinstance(value, str):
            raise ValueError(
                "a spending note belongs to the quarter it explains; write it under the "
                "quarter, such as `spent_note: {q2: …}`"
            )
        return value
