"""``direction.yaml``: vision, missions, goals, values, strategies, focus and policies."""

from __future__ import annotations

from pydantic import Field

from .base import Model, Text


class Meaning(Model):
    """What one phrase of the vision means."""

    phrase: Text
    meaning: Text


class Vision(Model):
    statement: Text = Field(description="วิสัยทัศน์, printed in quotes")
    meanings: list[Meaning] = Field(default_factory=list)


class ItemList(Model):
    """A numbered list with an optional closing line printed after it."""

    items: list[Text] = Field(min_length=1)
    closing: Text | None = None


class IdentityLetter(Model):
    """One letter of the identity acronym and what it stands for."""

    letter: Text
    english: Text
    thai: Text


class StrategicIssue(Model):
    title: Text = Field(description="The issue, without its number")
    strategies: list[Text] = Field(min_length=1)


class FocusGoal(Model):
    """A numbered sub-goal of a focus part; may nest (1.4 → 1.4.1)."""

    text: Text
    goals: list[FocusGoal] = Field(default_factory=list)


class FocusPart(Model):
    name: Text = Field(description="e.g. นักเรียนดี")
    meaning: Text = Field(description="What the part means (หมายถึง …)")
    goals: list[FocusGoal] = Field(min_length=1)


class Focus(Model):
    """The office's focus, e.g. องค์กรดี มีความสุข, and its parts."""

    name: Text
    intro: Text
    parts: list[FocusPart] = Field(min_length=1)


class Direction(Model):
    """ทิศทางการพัฒนา: where the office is heading this fiscal year.

    Vision, missions and goals every office has; a section left out prints nothing.
    """

    vision: Vision
    missions: ItemList
    goals: ItemList
    values: Text | None = Field(default=None, description="ค่านิยมองค์กร, printed in quotes")
    identity: list[IdentityLetter] = Field(
        default_factory=list, description="อัตลักษณ์: the letters of the acronym"
    )
    strategic_issues: list[StrategicIssue] = Field(default_factory=list)
    focus: Focus | None = None
    policies: list[Text] = Field(default_factory=list)
