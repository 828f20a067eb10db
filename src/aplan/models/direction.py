"""``direction.yaml``: vision, missions, goals, values, strategies, focus and policies."""

from __future__ import annotations

from pydantic import Field

from .base import Model, Text


class Meaning(Model):
    """What one phrase of the vision means."""

    phrase: Text = Field(description="A phrase of the vision, e.g. องค์กรคุณภาพ")
    meaning: Text = Field(description="What it means (หมายถึง …)")


class Vision(Model):
    statement: Text = Field(description="วิสัยทัศน์, printed in quotes")
    meanings: list[Meaning] = Field(
        default_factory=list, description="The vision's phrases explained, one entry each"
    )


class ItemList(Model):
    """A numbered list with an optional closing line printed after it."""

    items: list[Text] = Field(min_length=1, description="The entries, numbered when printed")
    closing: Text | None = Field(default=None, description="A line printed after the list")


class IdentityLetter(Model):
    """One letter of the identity acronym and what it stands for."""

    letter: Text = Field(description="The letter, e.g. S")
    english: Text = Field(description="The English word it stands for, e.g. Service mind")
    thai: Text = Field(description="The Thai meaning, e.g. มีจิตบริการ")


class StrategicIssue(Model):
    title: Text = Field(description="The issue, without its number")
    strategies: list[Text] = Field(min_length=1, description="The strategies (กลยุทธ์) of the issue")


class FocusGoal(Model):
    """A numbered sub-goal of a focus part; may nest (1.4 → 1.4.1)."""

    text: Text = Field(description="The goal, without its number")
    goals: list[FocusGoal] = Field(default_factory=list, description="Its sub-goals (1.4.1 …)")


class FocusPart(Model):
    name: Text = Field(description="e.g. นักเรียนดี")
    meaning: Text = Field(description="What the part means (หมายถึง …)")
    goals: list[FocusGoal] = Field(min_length=1, description="The part's goals, numbered 1.1 …")


class Focus(Model):
    """The office's focus, e.g. องค์กรดี มีความสุข, and its parts."""

    name: Text = Field(description="The focus as printed, e.g. องค์กรดี มีความสุข")
    intro: Text = Field(description="The paragraph before its parts")
    parts: list[FocusPart] = Field(min_length=1, description="Its parts, e.g. นักเรียนดี")


class Direction(Model):
    """ทิศทางการพัฒนา: where the office is heading this fiscal year.

    Vision, missions and goals every office has; a section left out prints nothing.
    """

    vision: Vision = Field(description="วิสัยทัศน์ and what its phrases mean")
    missions: ItemList = Field(description="พันธกิจ")
    goals: ItemList = Field(description="เป้าประสงค์")
    values: Text | None = Field(default=None, description="ค่านิยมองค์กร, printed in quotes")
    identity: list[IdentityLetter] = Field(
        default_factory=list, description="อัตลักษณ์: the letters of the acronym"
    )
    strategic_issues: list[StrategicIssue] = Field(
        default_factory=list, description="ประเด็นยุทธศาสตร์, numbered when printed"
    )
    focus: Focus | None = Field(default=None, description="จุดเน้น: the office's focus")
    policies: list[Text] = Field(default_factory=list, description="นโยบาย, numbered when printed")
