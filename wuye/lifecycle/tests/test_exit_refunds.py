"""The refund rule (refunds.refunds_due), property-based: a refund never exceeds what was prepaid, the
refunds due add up to the prepaid balance beyond the end date of the households that paid ahead, and the
refunds recorded never add up to more than is due."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wuye.finance.models import Payment
from wuye.lifecycle.actions_exit import record_refund
from wuye.lifecycle.models import Refund
from wuye.lifecycle.refunds import refunds_due, refunds_due_by_household
from wuye.lifecycle.tests.exit_factories import END, bill, exit_of, paid

MONTHS = [datetime.date(2020, month, 1) for month in range(9, 13)] + [
    datetime.date(2021, 1, 1),
    datetime.date(2021, 2, 1),
]
fen = st.integers(min_value=1, max_value=100_000).map(lambda n: Decimal(n) / 100)
household_money = st.tuples(
    st.lists(st.tuples(st.sampled_from(MONTHS), fen), unique_by=lambda row: row[0], max_size=4),
    st.lists(st.tuples(st.integers(min_value=-40, max_value=20), fen), max_size=3),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(money=st.tuples(household_money, household_money))
def test_refunds_never_exceed_the_prepaid_and_add_up_to_the_balance_at_the_end(world, money):
    households = [world.inside.household, world.inside.neighbour]
    with transaction.atomic():
        expected = {}
        for household, (bills, payments) in zip(households, money, strict=True):
            for month, amount in bills:
                bill(household, month, amount)
            for offset, amount in payments:
                paid(world, household, amount, END + datetime.timedelta(days=offset))
            billed = sum((amount for month, amount in bills if month <= END), Decimal(0))
            prepaid = sum((amount for offset, amount in payments if offset <= 0), Decimal(0))
            expected[household.pk] = max(prepaid - billed, Decimal(0))
        due = refunds_due_by_household(world.inside.project.pk, END)
        rows = {row.pk: row for row in refunds_due(world.inside.project.pk, END)}
        for household in households:
            refund = due.get(household.pk, Decimal(0))
            assert refund == expected[household.pk]
            # Never more than was paid up to the end.
            assert refund <= rows[household.pk].paid
            assert refund == max(rows[household.pk].paid - rows[household.pk].billed, 0)
        positive = sum((row.paid - row.billed for row in rows.values() if row.paid > row.billed), Decimal(0))
        assert sum(due.values(), Decimal(0)) == positive
        assert all(value == value.quantize(Decimal("0.01")) for value in due.values())
        transaction.set_rollback(True)
    assert not Payment.objects.filter(household__in=households).exists()


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(prepaid=fen, refunds=st.lists(fen, min_size=1, max_size=5))
def test_refunds_recorded_never_add_up_to_more_than_is_due(world, prepaid, refunds):
    household = world.inside.household
    with transaction.atomic():
        paid(world, household, prepaid, END)
        exit = exit_of(world)
        refunded = Decimal(0)
        for amount in refunds:
            refund = Refund(exit=exit, household=household, amount=amount, paid_on=END, method="cash")
            try:
                record_refund(world.users["manager"], refund)
            except ValidationError:
                assert refunded + amount > prepaid
            else:
                assert refunded + amount <= prepaid
                refunded += amount
        assert (Refund.objects.filter(exit=exit).aggregate(total=Sum("amount"))["total"] or 0) == refunded
        assert refunded <= prepaid
        transaction.set_rollback(True)
