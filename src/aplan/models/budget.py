"""``budget.yaml``: the allocation letter's declared figures and Table 1, the running-cost plan."""

from __future__ import annotations

from pydantic import Field

from ..money import Money
from .base import Model, Text


class Allocation(Model):
    """Figures the office declares from its allocation letter.

    They are declarations: the report prints sums computed from the projects and the plan, and
    the checks compare those sums with these figures.
    """

    first_allocation: Money = Field(description="Allocated in the first round (ครั้งที่ 1)")
    expected_total: Money = Field(description="Total expected for the year (รวมงบประมาณทั้งสิ้น)")
    running_costs: Money = Field(description="Part 1: office running costs (งบประจำ)")
    projects: Money = Field(description="Part 2: the groups' projects")
    purpose: Text = Field(description="What the allocation is for (เพื่อเป็นค่าใช้จ่าย…)")
    closing: Text = Field(description="The paragraph after the two parts")


class PlanNode(Model):
    """A category (with ``items``) or a line item (with ``amount``) of the spending plan.

    Amounts are typed on leaves only; every category's amount is their sum.
    """

    name: Text
    amount: Money | None = Field(default=None, description="Only on a line item")
    items: list[PlanNode] = Field(default_factory=list, description="Only on a category")


class Budget(Model):
    allocation: Allocation
    spending_plan: list[PlanNode] = Field(min_length=1, description="Table 1, top categories")
