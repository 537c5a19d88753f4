"""Votes, uses and incomes of common parts: validation, exact ratios, and the income per half year."""

import datetime
from decimal import Decimal
from fractions import Fraction

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from wuye.finance.choices_commonareas import income_account
from wuye.finance.income_commonareas import common_income_by_half
from wuye.finance.models import OwnersVote
from wuye.finance.votes_commonareas import thresholds
from wuye.testing import factories as f

pytestmark = pytest.mark.django_db
LIMITS = {
    "turnout_area": Fraction(2, 3),
    "turnout_owners": Fraction(2, 3),
    "approval_area": Fraction(3, 4),
    "approval_owners": Fraction(3, 4),
}


def vote(project, owners=(90, 60, 45), area=("9000.00", "6000.00", "4500.00")):
    return OwnersVote(
        project=project,
        held_on=datetime.date(2025, 1, 1),
        subject="广告",
        owners_total=owners[0],
        owners_participating=owners[1],
        owners_in_favour=owners[2],
        area_total=Decimal(area[0]),
        area_participating=Decimal(area[1]),
        area_in_favour=Decimal(area[2]),
    )


def test_the_thresholds_are_exact_fractions_from_the_catalogue():
    assert thresholds() == LIMITS


def test_exactly_at_the_thresholds_meets_them_and_a_step_below_does_not(world):
    project = world.inside.project
    assert vote(project).meets(LIMITS) is True
    assert vote(project, owners=(90, 59, 45)).meets(LIMITS) is False
    assert vote(project, area=("9000.00", "5999.99", "4499.99")).meets(LIMITS) is False
    assert vote(project, owners=(90, 60, 44)).meets(LIMITS) is False
    # 2/3 of 300.03 m² is 200.02 exactly: no float rounding lets it pass or fail by accident.
    exact = vote(project, area=("300.03", "200.02", "150.02"))
    assert exact.ratios()["turnout_area"] == Fraction(2, 3)
    assert exact.meets(LIMITS) is True  # 150.02 / 200.02 is above 3/4
    assert vote(project, area=("300.03", "200.01", "150.01")).meets(LIMITS) is False


@pytest.mark.parametrize(
    ("owners", "area", "field"),
    [
        ((90, 91, 45), ("9000.00", "6000.00", "4500.00"), "owners_participating"),
        ((90, 60, 61), ("9000.00", "6000.00", "4500.00"), "owners_in_favour"),
        ((90, 60, 45), ("9000.00", "9000.01", "4500.00"), "area_participating"),
        ((90, 60, 45), ("9000.00", "6000.00", "6000.01"), "area_in_favour"),
        ((0, 0, 0), ("9000.00", "6000.00", "4500.00"), "owners_total"),
        ((90, 60, 45), ("0.00", "0.00", "0.00"), "area_total"),
        ((90, 60, 45), ("9000.00", "6000.00", "-1.00"), "area_in_favour"),
    ],
)
def test_a_vote_is_validated_field_by_field(world, owners, area, field):
    with pytest.raises(ValidationError) as error:
        vote(world.inside.project, owners, area).full_clean()
    assert field in error.value.message_dict


def test_the_database_refuses_figures_out_of_order_too(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        vote(world.inside.project, owners=(90, 60, 61)).save()


def test_each_kind_has_its_account():
    assert [income_account(k) for k in ("advertising", "rented_room", "telecom", "venue", "other")] == [
        "4002.01",
        "4002.02",
        "4002.03",
        "4002",
        "4002",
    ]


def test_income_per_half_year_and_account_in_one_query(world, django_assert_num_queries):
    staff, project = world.users["staff"], world.inside.project
    ads = f.common_area_use(staff, project)
    room = f.common_area_use(staff, project, kind="rented_room", location="底商")
    stall = f.common_area_use(staff, project, kind="venue", location="广场")
    f.common_area_income(staff, ads, "10.10", received_on=datetime.date(2025, 1, 5))
    f.common_area_income(staff, ads, "20.20", received_on=datetime.date(2025, 6, 30))
    f.common_area_income(staff, room, "5.00", received_on=datetime.date(2025, 7, 1))
    f.common_area_income(staff, stall, "1.00", received_on=datetime.date(2025, 12, 31))
    with django_assert_num_queries(1):
        halves = common_income_by_half(project)
    assert halves == {
        (2025, 2): {"4002.02": Decimal("5.00"), "4002": Decimal("1.00")},
        (2025, 1): {"4002.01": Decimal("30.30")},
    }
    assert list(halves) == [(2025, 2), (2025, 1)]
    f.statement(staff, project, lines={"4002.01": "30.30"}, publish_at=f_time())
    assert common_income_by_half(project, published_only=True) == {(2025, 1): {"4002.01": Decimal("30.30")}}


def f_time():
    from django.utils import timezone

    return timezone.make_aware(datetime.datetime(2025, 7, 10, 9))
