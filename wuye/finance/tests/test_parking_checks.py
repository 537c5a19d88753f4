"""Checks of clause 2.6 at their boundaries: no sale of above-ground spaces, leases and rent by the year,
parking income shown in the statement and applied first to the shortfall of property fees."""

import datetime

import pytest
from django.utils import timezone

from wuye.finance.checks.parking import (
    AboveGroundSpaceSold,
    LeaseBilledYearly,
    ParkingIncomeDisclosed,
    ParkingIncomeToShortfall,
)
from wuye.finance.models import Statement
from wuye.finance.models.parking import covered_months
from wuye.finance.tests import parking_factories as p
from wuye.testing import factories as f

pytestmark = pytest.mark.django_db
AS_OF = timezone.make_aware(datetime.datetime(2025, 9, 1, 12))
PUBLISHED = timezone.make_aware(datetime.datetime(2025, 7, 10, 9))


def drafts(check, project, as_of=AS_OF):
    return [d for d in check().run(as_of, None) if d.project_id == project.pk]


# -- 2.6.no_sale -------------------------------------------------------------------------------------------


def test_a_sold_above_ground_space_is_a_severe_event_on_its_day(world):
    space = p.space(world.inside.project)
    sale = p.transfer(space, on=datetime.date(2025, 3, 1))
    [found] = drafts(AboveGroundSpaceSold, world.inside.project)
    assert found.subject == f"parkingtransfer:{sale.pk}" and found.evidence == [
        f"finance.parkingtransfer:{sale.pk}"
    ]
    assert "地上停车位D-01" in found.message and "出售" in found.message and "80000.00元" in found.message
    assert found.period_end - found.period_start == datetime.timedelta(days=1)


def test_a_transfer_of_ownership_is_a_finding_too_but_not_before_it_happened(world):
    p.transfer(p.space(world.inside.project), kind="ownership", on=datetime.date(2025, 9, 2))
    assert drafts(AboveGroundSpaceSold, world.inside.project) == []
    assert len(drafts(AboveGroundSpaceSold, world.inside.project, AS_OF + datetime.timedelta(days=1))) == 1


def test_selling_an_under_ground_space_is_lawful(world):
    p.transfer(p.space(world.inside.project, "B1-001", level="under"))
    assert drafts(AboveGroundSpaceSold, world.inside.project) == []


def test_an_office_buildings_above_ground_space_is_not_the_clauses(world):
    project = world.inside.project
    type(project).objects.filter(pk=project.pk).update(kind="office")
    p.transfer(p.space(project, ownership="developer"))
    assert drafts(AboveGroundSpaceSold, project) == []


# -- 2.6.lease_yearly --------------------------------------------------------------------------------------


def test_covered_months_counts_whole_months_only():
    assert covered_months(datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)) == 12
    assert covered_months(datetime.date(2025, 3, 15), datetime.date(2026, 3, 14)) == 12
    assert covered_months(datetime.date(2025, 1, 1), datetime.date(2025, 11, 30)) == 11
    assert covered_months(datetime.date(2025, 1, 1), datetime.date(2025, 12, 30)) is None


def test_a_lease_billed_by_the_year_passes_and_by_eleven_months_is_a_finding(world):
    space = p.space(world.inside.project)
    p.payment(p.lease(space, world.inside.household, months=12))
    assert drafts(LeaseBilledYearly, world.inside.project) == []
    other = p.lease(p.space(world.inside.project, "D-02"), world.inside.neighbour, months=11)
    [found] = drafts(LeaseBilledYearly, world.inside.project)
    assert found.subject == f"parkinglease:{other.pk}" and "按11个月收费" in found.message
    assert found.parameters == {"billing_period": "1"}


def test_a_payment_covering_eleven_months_is_a_finding_and_twelve_is_not(world):
    lease = p.lease(p.space(world.inside.project), world.inside.household)
    p.payment(lease, start=datetime.date(2025, 1, 1), end=datetime.date(2025, 12, 31))
    assert drafts(LeaseBilledYearly, world.inside.project) == []
    p.payment(
        lease,
        paid_on=datetime.date(2025, 8, 1),
        start=datetime.date(2026, 1, 1),
        end=datetime.date(2026, 11, 30),
    )
    [found] = drafts(LeaseBilledYearly, world.inside.project)
    assert "有收款不是按12个月收取" in found.message


def test_an_ended_monthly_lease_and_under_ground_leases_are_no_finding(world):
    p.lease(p.space(world.inside.project), world.inside.household, months=1, end=datetime.date(2025, 8, 31))
    under = p.lease(p.space(world.inside.project, "B1-001", level="under"), world.inside.neighbour, months=1)
    p.payment(under, start=datetime.date(2025, 1, 1), end=datetime.date(2025, 1, 31))
    assert drafts(LeaseBilledYearly, world.inside.project) == []


# -- 2.6.income_disclosed ----------------------------------------------------------------------------------


def statement_with_parking(world, parking="1200.00", **more):
    lines = {"4001.01": "5000.00", "4003.01": parking, "5001.01": "3000.00", **more}
    return f.statement(world.users["staff"], world.inside.project, lines=lines, publish_at=PUBLISHED)


def rent_of(world, *amounts, level="above", number="D-05"):
    lease = p.lease(p.space(world.inside.project, number, level=level), world.inside.household)
    for index, amount in enumerate(amounts):
        p.payment(lease, paid_on=datetime.date(2025, 1 + index, 5), amount=amount)


def test_rent_one_fen_above_the_statement_passes_and_two_fen_is_a_finding(world):
    statement = statement_with_parking(world)
    rent_of(world, "1000.00", "200.01")
    assert drafts(ParkingIncomeDisclosed, world.inside.project) == []
    rent_of_more = p.lease(p.space(world.inside.project, "D-09"), world.inside.neighbour)
    p.payment(rent_of_more, paid_on=datetime.date(2025, 6, 30), amount="0.01")
    [found] = drafts(ParkingIncomeDisclosed, world.inside.project)
    assert found.subject == f"statement:{statement.pk}"
    assert (
        "停车收入只列1200.00元" in found.message
        and "1200.02元" in found.message
        and "少列0.02元" in found.message
    )


def test_rent_of_another_half_year_or_a_developers_space_is_not_counted(world):
    statement_with_parking(world, parking="0.01")
    lease = p.lease(p.space(world.inside.project), world.inside.household)
    p.payment(lease, paid_on=datetime.date(2025, 7, 1), amount="999.00")
    rent_of(world, "500.00", level="under", number="B1-001")
    assert drafts(ParkingIncomeDisclosed, world.inside.project) == []


def test_a_level_1_parking_total_counts_as_shown(world):
    statement = statement_with_parking(world, parking="1000.00")
    from wuye.finance.models import Account, StatementLine

    StatementLine.objects.create(
        statement=statement, account=Account.objects.get(code="4003", project=None), amount="1200.00"
    )
    rent_of(world, "1200.00")
    assert drafts(ParkingIncomeDisclosed, world.inside.project) == []


def test_a_draft_statement_is_not_looked_at(world):
    f.statement(world.users["staff"], world.inside.project, lines={"4003.01": "1.00"})
    rent_of(world, "1200.00")
    assert drafts(ParkingIncomeDisclosed, world.inside.project) == []


# -- 2.6.income_to_shortfall -------------------------------------------------------------------------------


def shortfall_statement(world, applied):
    # Expense 3000, fees 2000 + common 500: a shortfall of 500; parking 300 is owed to it whole.
    lines = {"4001.01": "2000.00", "4002.01": "500.00", "4003.01": "300.00", "5001.01": "3000.00"}
    statement = f.statement(world.users["staff"], world.inside.project, lines=lines, publish_at=PUBLISHED)
    Statement.objects.filter(pk=statement.pk).update(parking_to_shortfall=applied)
    return statement


def test_parking_applied_one_fen_short_passes_and_two_fen_is_a_finding(world):
    shortfall_statement(world, "299.99")
    assert drafts(ParkingIncomeToShortfall, world.inside.project) == []
    Statement.objects.update(parking_to_shortfall="299.98")
    [found] = drafts(ParkingIncomeToShortfall, world.inside.project)
    assert "物业费不足500.00元" in found.message and "应优先弥补300.00元" in found.message
    assert "实际只弥补299.98元" in found.message


def test_what_is_owed_is_at_most_the_shortfall(world):
    lines = {"4001.01": "2900.00", "4003.01": "300.00", "5001.01": "3000.00"}
    statement = f.statement(world.users["staff"], world.inside.project, lines=lines, publish_at=PUBLISHED)
    Statement.objects.filter(pk=statement.pk).update(parking_to_shortfall="99.99")
    assert drafts(ParkingIncomeToShortfall, world.inside.project) == []
    Statement.objects.update(parking_to_shortfall="99.98")
    [found] = drafts(ParkingIncomeToShortfall, world.inside.project)
    assert "应优先弥补100.00元" in found.message


def test_no_shortfall_no_finding(world):
    statement_with_parking(world)
    assert drafts(ParkingIncomeToShortfall, world.inside.project) == []
