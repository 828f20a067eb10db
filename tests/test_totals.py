"""Property tests: the sums the report prints are the sums of what was typed."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from aplan.models import PlanNode
from aplan.totals import percentage, plan_node_total, plan_total

amounts = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False)
leaves = st.builds(lambda a: PlanNode(name="x", amount=a), amounts)
trees = st.recursive(
    leaves,
    lambda kids: st.builds(
        lambda k: PlanNode(name="c", items=k), st.lists(kids, min_size=1, max_size=4)
    ),
    max_leaves=30,
)


def leaf_amounts(node: PlanNode) -> list[Decimal]:
    if node.items:
        return [a for child in node.items for a in leaf_amounts(child)]
    assert node.amount is not None
    return [node.amount]


@given(st.lists(trees, min_size=1, max_size=5))
def test_plan_total_is_the_sum_of_leaves(nodes: list[PlanNode]) -> None:
    assert plan_total(nodes) == sum((a for n in nodes for a in leaf_amounts(n)), Decimal(0))
    assert plan_total(nodes) == sum((plan_node_total(n) for n in nodes), Decimal(0))


@given(st.lists(st.integers(min_value=0, max_value=10**6), min_size=1, max_size=8))
def test_percentages_of_parts_are_near_100(counts: list[int]) -> None:
    total = sum(counts)
    shares = [percentage(c, total) for c in counts]
    if total:
        assert abs(sum(shares) - 100) <= Decimal("0.005") * len(counts)
    assert all(s.as_tuple().exponent == -2 for s in shares)


def test_percentage_rounds_half_up() -> None:
    assert percentage(719, 1420) == Decimal("50.63")
    assert percentage(1, 8) == Decimal("12.50")
    assert percentage(1, 800) == Decimal("0.13")
