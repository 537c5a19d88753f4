"""Use cases of fees: standards, bills, generating a period's bills, payments and the prepaid balance."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from wuye.estates.models import Household
from wuye.finance.actions_fees import generate_bills, issue_bill, save_standard, with_balance
from wuye.finance.models import Bill, BillLine, FeeStandard, Payment
from wuye.testing import factories as f

JAN = datetime.date(2025, 1, 1)


@pytest.fixture
def standard(world):
    return f.FeeStandardFactory(project=world.inside.project, rate=Decimal("1.85"))


def test_two_standards_taking_effect_the_same_day_are_refused(world, standard):
    twin = FeeStandard(
        project=world.inside.project,
        property_kind="residential",
        rate=Decimal("2.00"),
        regime="market",
        fee_items=["property_service"],
        effective_from=standard.effective_from,
        published_on=datetime.date(2023, 11, 1),
    )
    with pytest.raises(ValidationError) as error:
        save_standard(world.users["manager"], twin)
    assert "同一物业类型在同一天只能有一个收费标准生效。" in str(error.value)
    assert FeeStandard.objects.count() == 1


def test_a_guided_price_outside_its_range_is_refused(world):
    guided = FeeStandard(
        project=world.inside.project,
        property_kind="residential",
        rate=Decimal("1.20"),
        regime="guided",
        base_rate=Decimal("1.00"),
        allowed_range=Decimal("10"),
        fee_items=["property_service"],
        effective_from=JAN,
        published_on=JAN,
    )
    with pytest.raises(ValidationError, match="浮动幅度"):
        save_standard(world.users["manager"], guided)
    guided.rate = Decimal("1.10")  # exactly at the top of the range: allowed
    save_standard(world.users["manager"], guided)


def test_a_bill_is_rate_times_area_times_months(world, standard):
    household = world.inside.household
    bill = issue_bill(world.users["manager"], household, JAN, months=3)
    (line,) = bill.lines.all()
    assert line.amount == (Decimal("1.85") * household.area * 3).quantize(Decimal("0.01"))


def test_a_bill_for_a_household_of_another_project_is_refused(world, standard):
    with pytest.raises(ValidationError, match="不属于本项目"):
        issue_bill(world.users["manager"], world.outside.household, JAN, project=world.inside.project)
    assert not Bill.objects.exists()


def test_a_manager_cannot_bill_outside_his_projects(world, standard):
    f.FeeStandardFactory(project=world.outside.project)
    with pytest.raises(PermissionDenied):
        issue_bill(world.users["manager"], world.outside.household, JAN)
    assert not Bill.objects.exists()


def test_generating_bills_covers_every_household_once(world, standard):
    manager = world.users["manager"]
    bills = generate_bills(manager, world.inside.project, JAN)
    assert len(bills) == Household.objects.filter(project=world.inside.project).count()
    assert generate_bills(manager, world.inside.project, JAN) == []  # again: nothing new
    assert BillLine.objects.count() == len(bills)


def test_generating_bills_without_a_standard_writes_nothing(world):
    with pytest.raises(ValidationError, match="没有生效的收费标准"):
        generate_bills(world.users["manager"], world.inside.project, JAN)
    assert not Bill.objects.exists()


def test_owner_and_staff_cannot_generate_bills(world, standard):
    for role in ("owner", "staff", "committee"):
        with pytest.raises(PermissionDenied):
            generate_bills(world.users[role], world.inside.project, JAN)
    assert not Bill.objects.exists()


def test_a_negative_or_zero_payment_is_refused(world):
    for amount in ("-10", "0"):
        with pytest.raises(ValidationError, match="缴费金额必须大于0"):
            f.payment(world.users["manager"], world.inside.household, amount)
    assert not Payment.objects.exists()


def test_prepaid_balance_is_payments_less_bills(world, standard):
    manager, household = world.users["manager"], world.inside.household
    bill = issue_bill(manager, household, JAN)
    f.payment(manager, household, "500.00")
    f.payment(manager, household, "0.01")
    row = with_balance(Household.objects.filter(pk=household.pk)).get()
    billed = bill.lines.get().amount
    assert (row.billed, row.paid) == (billed, Decimal("500.01"))
    assert row.balance == Decimal("500.01") - billed
    neighbour = with_balance(Household.objects.filter(pk=world.inside.neighbour.pk)).get()
    assert (neighbour.billed, neighbour.paid, neighbour.balance) == (0, 0, 0)
