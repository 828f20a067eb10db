"""``projects/NN-….yaml``: one project of the action plan and what it has done."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field, GetJsonSchemaHandler, field_validator, model_validator
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from ..money import MONEY_SCHEMA, Money
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

    amount: Money = Field(description="Baht spent in the quarter, e.g. 43540")
    note: Text | None = Field(default=None, description="e.g. ไม่ได้ดำเนินการในไตรมาสที่ 1")

    @model_validator(mode="before")
    @classmethod
    def _bare_amount(cls, value: Any) -> Any:
        return value if isinstance(value, dict) else {"amount": value}

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        """Editors accept the shorthand too: a bare amount or ``{amount: …, note: …}``."""
        return {"anyOf": [MONEY_SCHEMA, handler.resolve_ref_schema(handler(core))]}


class Spending(Model):
    q1: Spent | None = Field(default=None, description="ไตรมาส 1 (October–December)")
    q2: Spent | None = Field(default=None, description="ไตรมาส 2 (January–March)")
    q3: Spent | None = Field(default=None, description="ไตรมาส 3 (April–June)")
    q4: Spent | None = Field(default=None, description="ไตรมาส 4 (July–September)")


class Duration(Model):
    """ระยะเวลาดำเนินงาน: first and last month, Buddhist Era."""

    start: YearMonthField = Field(description="First month, e.g. 2566-10")
    end: YearMonthField = Field(description="Last month, e.g. 2567-09")


class StatisticPart(Model):
    label: Text = Field(description="e.g. ชนะเลิศ")
    count: Count = Field(description="How many")


class Statistic(Model):
    """Counts with a declared total; percentages are computed from the total."""

    label: Text = Field(description="What is counted, printed before the parts")
    total: Count = Field(description="Declared total; the parts must sum to it")
    unit: Text = Field(default="ราย", description="Printed after each count: ราย, คน, โรงเรียน")
    parts: list[StatisticPart] = Field(min_length=1, description="The counts that make the total")


class ResultItem(Model):
    """One result; may hold sub-items and statistics."""

    text: Text = Field(description="What was done, e.g. ประชุมผู้บริหารสถานศึกษา จำนวน 173 คน")
    items: list[ResultItem] = Field(default_factory=list, description="Sub-results under it")
    statistics: list[Statistic] = Field(default_factory=list, description="Counts under it")


class Results(Model):
    """ผลการดำเนินงาน per quarter; a missing quarter has no data yet, ``[]`` means nothing done."""

    q1: list[ResultItem] | None = Field(default=None, description="ไตรมาส 1 (October–December)")
    q2: list[ResultItem] | None = Field(default=None, description="ไตรมาส 2 (January–March)")
    q3: list[ResultItem] | None = Field(default=None, description="ไตรมาส 3 (April–June)")
    q4: list[ResultItem] | None = Field(default=None, description="ไตรมาส 4 (July–September)")


class Photo(Model):
    file: Text = Field(description="Image path relative to the data folder")
    caption: Text = Field(description="Printed under the photo")


class Project(Model):
    """A project (โครงการ) of a group, with its budget, spending and results."""

    number: int = Field(ge=1, description="Order in the plan, from 1")
    group: Code = Field(description="Code of the group in office.yaml")
    title: Text = Field(description="ชื่อโครงการ, without the word โครงการ")
    objectives: list[Text] = Field(min_length=1, description="วัตถุประสงค์, e.g. เพื่อ…")
    targets: Targets = Field(description="เป้าหมาย: outputs and outcomes")
    budget: Money = Field(description="งบประมาณที่ตั้งไว้")
    spent: Spending = Field(description="Spending per quarter")
    spent_note: dict[Quarter, Text] = Field(
        default_factory=dict,
        description="Why spending is as it is, per quarter (q2: เนื่องจาก…); prints with it",
    )
    duration: Duration = Field(description="ระยะเวลาดำเนินงาน")
    results: Results = Field(description="ผลการดำเนินงาน per quarter")
    problems: Notes = Field(
        default_factory=list, description="ปัญหาอุปสรรค: a list, or a list per quarter"
    )
    suggestions: Notes = Field(
        default_factory=list, description="ข้อเสนอแนะ: a list, or a list per quarter"
    )
    photos: list[Photo] = Field(default_factory=list, description="ภาพกิจกรรม, printed at the end")

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
