"""``report.yaml``: what the report is, and its front matter."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from .base import AS_LIST, LIST_OR_PER, PER_KEY, Model, PeriodCode, Text

Paragraphs = Annotated[list[Text], Field(min_length=1)]


class RoyalAspect(Model):
    """One of the four foundations in the King's guidance, with its points."""

    title: Text = Field(description="The foundation, e.g. มีทัศนคติที่ถูกต้องต่อบ้านเมือง")
    points: list[Text] = Field(min_length=1, description="Its points, numbered when printed")


class RoyalGuidance(Model):
    """พระบรมราโชบายด้านการศึกษา, quoted on the page after the cover."""

    king: Text = Field(description="The King's full title as printed under the heading")
    lead: Text = Field(description="The sentence before the list; the count is printed after it")
    aspects: list[RoyalAspect] = Field(min_length=1, description="The foundations, in order")


class ReportInfo(Model):
    """The report as a document: fiscal year, title and the front matter."""

    fiscal_year: int = Field(ge=2400, le=2700, description="Buddhist-Era fiscal year, e.g. 2567")
    title: Text = Field(description="First title line, e.g. รายงานการกำกับ ติดตามการดำเนินงาน")
    plan: Text = Field(description="What is monitored, e.g. ตามแผนปฏิบัติการ")
    digits: Literal["thai", "arabic"] = Field(
        default="thai", description="Digits used in the printed report"
    )
    royal_guidance: RoyalGuidance | None = Field(
        default=None, description="Printed after the cover when given"
    )
    annual_report: bool = Field(
        default=False,
        description="The 12-month report calls itself the annual report: ประจำปี, not รอบ 12 เดือน",
    )
    preface: Annotated[
        Annotated[Paragraphs, AS_LIST] | Annotated[dict[PeriodCode, Paragraphs], PER_KEY],
        LIST_OR_PER,
    ] = Field(
        description="คำนำ: its paragraphs, one list for every round, or a list per round "
        "(h1: [...], fy: [...]) when the text names its round"
    )

    def preface_for(self, period: PeriodCode) -> list[str]:
        """The preface of one round; a round with none written has none."""
        if isinstance(self.preface, list):
            return self.preface
        return self.preface.get(period, [])
