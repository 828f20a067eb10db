"""Every computed figure of the report, in ``Decimal``, from one place.

Checks compare these with declarations; templates print them. Nothing else adds money up.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

from .models import QUARTERS, PlanNode, Project, Quarter, Snapshot, Statistic
from .money import ZERO


def plan_total(nodes: Iterable[PlanNode]) -> Decimal:
    """Sum of the line items under ``nodes``; a category's own amount is never typed."""
    return sum((plan_node_total(node) for node in nodes), ZERO)


def plan_node_total(node: PlanNode) -> Decimal:
    if node.items:
        return plan_total(node.items)
    return node.amount if node.amount is not None else ZERO


def projects_total(projects: Iterable[Project]) -> Decimal:
    return sum((p.budget for p in projects), ZERO)


def spent_in(project: Project, quarter: Quarter) -> Decimal:
    spent = getattr(project.spent, quarter)
    return spent.amount if spent is not None else ZERO


def spent_through(project: Project, quarters: Sequence[Quarter] = QUARTERS) -> Decimal:
    return sum((spent_in(project, q) for q in quarters), ZERO)


def remaining(received: Decimal, disbursed: Decimal) -> Decimal:
    return received - disbursed


def snapshot_totals(snapshot: Snapshot) -> tuple[Decimal, Decimal, Decimal]:
    """(received, disbursed, remaining) over the office's budget types."""
    received = sum((line.received for line in snapshot.values()), ZERO)
    disbursed = sum((line.disbursed for line in snapshot.values()), ZERO)
    return received, disbursed, remaining(received, disbursed)


def statistic_sum(statistic: Statistic) -> int:
    return sum(part.count for part in statistic.parts)


def percentage(count: int | Decimal, total: int | Decimal) -> Decimal:
    """Share in percent, two places, rounded half up as officers round by hand."""
    if not total:
        return Decimal("0.00")
    return (Decimal(count) * 100 / Decimal(total)).quantize(Decimal("0.01"), "ROUND_HALF_UP")


def baht(amount: Decimal) -> str:
    """Grouped Arabic digits with two places, for messages: 1,121,990.00."""
    return f"{amount:,.2f}"


def spent_total(projects: Iterable[Project], quarters: Sequence[Quarter]) -> Decimal:
    """What the projects spent in ``quarters`` together (the export's total row)."""
    return sum((spent_through(p, quarters) for p in projects), ZERO)
