"""The parking records' own rules: the rules in force, buyers and households of the same project, the
months a payment covers derived by the server."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from wuye.finance.models import ParkingTransfer
from wuye.finance.models.parking import current_parking_rules
from wuye.finance.tests import parking_factories as p

pytestmark = pytest.mark.django_db


def test_the_rules_in_force_are_the_latest_published_by_the_day_in_one_query(
    world, django_assert_num_queries
):
    project = world.inside.project
    assert current_parking_rules(project, datetime.date(2025, 1, 1)) is None
    old = p.rules(project, on=datetime.date(2025, 1, 1), rent="1200.00")
    new = p.rules(project, on=datetime.date(2025, 7, 1), rent="1500.00")
    p.rules(world.outside.project, on=datetime.date(2025, 6, 1))
    with django_assert_num_queries(1):
        assert current_parking_rules(project, datetime.date(2025, 6, 30)) == old
    assert current_parking_rules(project.pk, datetime.date(2025, 7, 1)) == new


def test_a_buyer_household_of_another_project_is_refused_in_place(world):
    transfer = ParkingTransfer(
        space=p.space(world.inside.project, "B1-001", level="under"),
        transferred_on=datetime.date(2025, 1, 1),
        kind="sale",
        buyer_household=world.outside.household,
        price="1.00",
    )
    with pytest.raises(ValidationError) as error:
        transfer.full_clean()
    assert error.value.message_dict["buyer_household"] == ["该房屋不属于此车位所在的项目。"]


def test_a_transfer_names_its_buyer(world):
    transfer = ParkingTransfer(
        space=p.space(world.inside.project), transferred_on=datetime.date(2025, 1, 1), kind="sale", price="1"
    )
    with pytest.raises(ValidationError) as error:
        transfer.full_clean()
    assert "buyer_name" in error.value.message_dict


def test_a_payment_takes_its_project_household_and_months_from_the_server(world):
    lease = p.lease(p.space(world.inside.project), world.inside.household)
    payment = p.payment(lease, start=datetime.date(2025, 3, 15), end=datetime.date(2025, 9, 20))
    assert payment.project_id == world.inside.project.pk and payment.household_id == world.inside.household.pk
    assert payment.months is None
