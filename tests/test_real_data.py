"""The shipped FY2567 data must always validate clean and add up to the signed-off figures."""

from decimal import Decimal

from aplan.dataset import load_dataset
from aplan.totals import plan_total, projects_total, snapshot_totals
from aplan.validate import validate

from .conftest import DATA


def test_real_data_has_no_problems() -> None:
    _, problems = validate(DATA)
    assert [p.human() for p in problems] == []


def test_real_data_adds_up_to_the_signed_off_totals() -> None:
    data, _ = load_dataset(DATA)
    assert data.budget is not None
    projects = [p.model for p in data.projects]
    assert len(projects) == 14
    assert [p.number for p in projects] == list(range(1, 15))
    assert projects_total(projects) == Decimal("1121990.00")
    assert plan_total(data.budget.model.spending_plan) == Decimal("3878010.00")
    assert data.budget.model.allocation.expected_total == Decimal("5000000.00")


def test_group_subtotals_match_the_printed_table() -> None:
    data, _ = load_dataset(DATA)
    subtotal: dict[str, Decimal] = {}
    for project in data.projects:
        group = project.model.group
        subtotal[group] = subtotal.get(group, Decimal(0)) + project.model.budget
    assert subtotal == {
        "admin": Decimal("220720"),
        "policy": Decimal("30455"),
        "promotion": Decimal("120885"),
        "supervision": Decimal("342270"),
        "personnel": Decimal("79960"),
        "teacher_dev": Decimal("154750"),
        "ict": Decimal("141990"),
        "legal": Decimal("4680"),
        "audit": Decimal("26280"),
    }


def test_disbursement_remaining_matches_the_printed_table() -> None:
    data, _ = load_dataset(DATA)
    assert data.disbursement is not None
    snapshot = data.disbursement.model.periods["h1"]
    remaining = [str(line.received - line.disbursed) for line in snapshot.values()]
    assert remaining == ["1523273.43", "2114157.24", "0.00", "7000.00", "4101297.09"]
    assert snapshot_totals(snapshot)[0] == Decimal("82451243.00")


def test_office_facts() -> None:
    data, _ = load_dataset(DATA)
    assert data.office is not None
    office = data.office.model
    assert office.name == "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาจันทบุรี เขต 2"
    assert [g.kind for g in office.groups].count("group") == 9
    assert office.area is not None and office.area.unit == "อำเภอ"
    assert len(office.area.places) == 6
