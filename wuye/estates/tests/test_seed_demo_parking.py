"""The demo's parking (2.6): seeded with the statements it matches, fault P1 is the one finding of the
clause, whatever the day; the rent of each half year adds up to what its statement shows."""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Sum

from wuye.compliance.engine import evaluate
from wuye.compliance.models import Finding
from wuye.estates.demo import build_demo, power
from wuye.finance.models import ParkingRentPayment, ParkingSpace, ParkingTransfer, StatementLine

pytestmark = pytest.mark.django_db
PARKING_CHECKS = {"2.6.no_sale", "2.6.lease_yearly", "2.6.income_disclosed", "2.6.income_to_shortfall"}
PARKING_FAULTS = [("2.6.no_sale", "书香苑 D-31")]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_the_seeded_demo_finds_fault_p1_and_nothing_else_of_the_clause(only_parking):
    with transaction.atomic():
        printed = io.StringIO()
        call_command("seed_demo", stdout=printed)
        out = io.StringIO()
        call_command("evaluate", "--format", "json", stdout=out, stderr=io.StringIO())
        report = json.loads(out.getvalue())
        found = sorted((f["check"], f["subject_name"]) for f in report["findings"] if f["clause"] == "2.6")
        assert ParkingSpace.objects.filter(level="under").exists()
        assert ParkingTransfer.objects.filter(space__level="under").count() == 8  # lawful sales
        transaction.set_rollback(True)
    assert found == PARKING_FAULTS
    assert "出售地上停车位：书香苑地上停车位D-31于3个月前出售。" in printed.getvalue()


@pytest.mark.parametrize(
    "today", [datetime.date(2026, 7, 15), datetime.date(2027, 1, 31), datetime.date(2028, 8, 20)]
)
def test_the_parking_fault_stays_exactly_that_whatever_the_day(only_parking, today):
    with transaction.atomic():
        build_demo(today=today)
        evaluate(power.demo_now(today), full=True, checks=PARKING_CHECKS, scores=False)
        found = sorted(
            Finding.objects.filter(check_id__in=PARKING_CHECKS).values_list("check_id", "subject_name")
        )
        rent = rent_by_half()
        shown = shown_by_half()
        transaction.set_rollback(True)
    assert found == PARKING_FAULTS
    assert rent and rent == shown


def rent_by_half() -> dict:
    rows = (
        ParkingRentPayment.objects.filter(lease__space__level="above")
        .values_list("project_id", "paid_on")
        .annotate(s=Sum("amount"))
    )
    totals = {}
    for project_id, paid_on, amount in rows:
        key = (project_id, paid_on.year, 1 if paid_on.month <= 6 else 2)
        totals[key] = totals.get(key, 0) + amount
    return totals


def shown_by_half() -> dict:
    """Each statement's 4003.01 line, else its level-1 4003 (fault S2 states parking at level 1 only)."""
    lines = (
        StatementLine.objects.filter(account__code__in=["4003", "4003.01"])
        .order_by("account__code")
        .values_list("statement__project_id", "statement__year", "statement__half", "amount")
    )
    return {(p, y, h): amount for p, y, h, amount in lines}
