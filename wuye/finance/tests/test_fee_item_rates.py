"""Approved rates of fee items other than the property service fee: bills carry them by the one
computation, the check judges them at the tolerance like the property fee, and the form and API refuse a
rate for an item the standard does not permit (nothing written)."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from wuye.finance.actions_fees import generate_bills, issue_bill, save_standard
from wuye.finance.checks.fees import BillMatchesStandard
from wuye.finance.fees_money import line_amount
from wuye.finance.models import BillLine, FeeItemRate, FeeStandard
from wuye.testing import factories as f

JAN = datetime.date(2025, 1, 1)
AS_OF = datetime.datetime(2025, 7, 1, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture
def standard(world):
    standard = f.FeeStandardFactory(
        project=world.inside.project, fee_items=["property_service", "elevator", "secondary_water"]
    )
    save_standard(world.users["manager"], standard, {"elevator": Decimal("0.35")})
    return standard


def test_a_bill_carries_each_approved_item_by_the_one_computation(world, standard):
    bill = issue_bill(world.users["manager"], world.inside.household, JAN)
    lines = {line.item: line.amount for line in bill.lines.all()}
    area = world.inside.household.area
    assert lines == {
        "property_service": line_amount(standard.rate, area, 1),
        "elevator": line_amount(Decimal("0.35"), area, 1),
    }


def test_generated_bills_carry_the_item_too(world, standard):
    bills = generate_bills(world.users["manager"], world.inside.project, JAN)
    assert bills
    assert BillLine.objects.filter(bill__in=bills, item="elevator").count() == len(bills)


@pytest.mark.parametrize(
    ("off", "flagged"), [("0.01", False), ("-0.01", False), ("0.02", True), ("-0.02", True)]
)
def test_an_item_line_off_its_approved_rate_is_a_finding(world, standard, off, flagged):
    bill = issue_bill(world.users["manager"], world.inside.household, JAN, issued_on=JAN)
    line = bill.lines.get(item="elevator")
    BillLine.objects.filter(pk=line.pk).update(amount=line.amount + Decimal(off))
    drafts = list(BillMatchesStandard().run(AS_OF, [world.inside.project.pk]))
    assert [d.subject for d in drafts] == ([f"billline:{line.pk}"] if flagged else [])
    if flagged:
        assert "电梯运行费应为" in drafts[0].message and "0.35元/㎡·月" in drafts[0].message


def test_an_item_without_an_approved_rate_is_not_judged_here(world, standard):
    extra = BillLine(item="secondary_water", rate=Decimal("0.2"), amount=Decimal("999.00"))
    issue_bill(world.users["manager"], world.inside.household, JAN, issued_on=JAN, extra_lines=[extra])
    assert list(BillMatchesStandard().run(AS_OF, [world.inside.project.pk])) == []


def form_data(**changes):
    data = {
        "property_kind": "commercial",
        "rate": "2.00",
        "regime": "market",
        "fee_items": ["property_service", "elevator"],
        "effective_from": "2025-03-01",
        "published_on": "2025-01-15",
        "rate_elevator": "0.40",
    }
    return data | changes


def test_the_form_saves_item_rates_and_refuses_one_outside_the_items(client, world):
    client.force_login(world.users["manager"])
    url = reverse("fee-standard-create", args=[world.inside.project.pk])
    response = client.post(url, form_data(rate_garbage="0.10"))
    assert response.status_code == 200
    assert "rate_garbage" in response.context["form"].errors
    assert not FeeStandard.objects.filter(property_kind="commercial").exists()
    assert client.post(url, form_data()).status_code == 302
    standard = FeeStandard.objects.get(property_kind="commercial")
    assert {r.item: r.rate for r in standard.item_rates.all()} == {"elevator": Decimal("0.4")}
    page = client.get(reverse("fee-standards", args=[world.inside.project.pk])).content.decode()
    assert "电梯运行费 0.4" in page


def test_the_api_round_trips_item_rates_and_refuses_bad_ones(world):
    client = APIClient()
    client.force_authenticate(world.users["manager"])
    data = {
        "project": world.inside.project.pk,
        "property_kind": "office",
        "rate": "2.5",
        "regime": "market",
        "fee_items": ["property_service", "elevator"],
        "effective_from": "2025-03-01",
        "published_on": "2025-01-15",
    }
    for bad in ({"garbage": "0.1"}, {"property_service": "0.1"}, {"elevator": "-1"}):
        response = client.post("/api/fee-standards/", data | {"item_rates": bad}, format="json")
        assert response.status_code == 400, bad
        assert "item_rates" in response.json()
    assert not FeeStandard.objects.filter(property_kind="office").exists()
    response = client.post("/api/fee-standards/", data | {"item_rates": {"elevator": "0.25"}}, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["item_rates"] == {"elevator": "0.2500"}
    assert FeeItemRate.objects.filter(standard_id=response.json()["id"]).count() == 1
