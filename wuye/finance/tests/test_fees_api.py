"""The fee endpoints: reads scoped (inside 200, outside 404), writes refused outside the scope with
nothing written, field-level errors for bad input."""

import datetime
from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from wuye.finance.actions_fees import issue_bill
from wuye.finance.models import Bill, FeeNotice, FeeStandard, Payment
from wuye.testing import factories as f

JAN = datetime.date(2025, 1, 1)


@pytest.fixture
def fees(world):
    sides = {}
    for name in ("inside", "outside"):
        side = getattr(world, name)
        standard = f.FeeStandardFactory(project=side.project)
        bill = issue_bill(world.users["admin"], side.household, JAN)
        payment = f.payment(world.users["admin"], side.household, "100.00")
        notice = f.FeeNoticeFactory(project=side.project)
        sides[name] = {"standard": standard, "bill": bill, "payment": payment, "notice": notice}
    return sides


def client_for(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.mark.parametrize(
    ("endpoint", "key"),
    [("fee-standards", "standard"), ("fee-notices", "notice"), ("bills", "bill"), ("payments", "payment")],
)
def test_manager_reads_inside_not_outside(world, fees, endpoint, key):
    client = client_for(world.users["manager"])
    assert client.get(f"/api/{endpoint}/{fees['inside'][key].pk}/").status_code == 200
    assert client.get(f"/api/{endpoint}/{fees['outside'][key].pk}/").status_code == 404
    ids = {row["id"] for row in client.get(f"/api/{endpoint}/").json()["results"]}
    assert ids == {fees["inside"][key].pk}


def test_owner_sees_his_own_bills_not_his_neighbours(world, fees):
    neighbour_bill = issue_bill(world.users["admin"], world.inside.neighbour, JAN)
    client = client_for(world.users["owner"])
    assert client.get(f"/api/bills/{fees['inside']['bill'].pk}/").status_code == 200
    assert client.get(f"/api/bills/{neighbour_bill.pk}/").status_code == 404
    bill = client.get(f"/api/bills/{fees['inside']['bill'].pk}/").json()
    assert bill["lines"][0]["item"] == "property_service"
    assert Decimal(bill["total"]) == fees["inside"]["bill"].lines.get().amount


def test_a_negative_payment_is_a_field_error_and_nothing_is_written(world, fees):
    before = Payment.objects.count()
    response = client_for(world.users["manager"]).post(
        "/api/payments/",
        {
            "household": world.inside.household.pk,
            "amount": "-5.00",
            "method": "cash",
            "occurred_at": "2025-01-05T10:00:00+08:00",
        },
        format="json",
    )
    assert response.status_code == 400
    assert "amount" in response.json()
    assert Payment.objects.count() == before


def test_manager_records_a_payment_inside(world, fees):
    response = client_for(world.users["manager"]).post(
        "/api/payments/",
        {
            "household": world.inside.household.pk,
            "amount": "88.50",
            "method": "alipay",
            "receipt_number": "R-9",
            "occurred_at": "2025-01-05T10:00:00+08:00",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert Payment.objects.get(pk=response.json()["id"]).project_id == world.inside.project.pk


def test_the_owner_cannot_record_a_payment(world, fees):
    before = Payment.objects.count()
    response = client_for(world.users["owner"]).post(
        "/api/payments/",
        {
            "household": world.inside.household.pk,
            "amount": "10",
            "method": "cash",
            "occurred_at": "2025-01-05T10:00:00+08:00",
        },
        format="json",
    )
    assert response.status_code in (400, 403)
    assert Payment.objects.count() == before


def test_a_bill_for_a_household_out_of_reach_is_refused(world, fees):
    before = Bill.objects.count()
    response = client_for(world.users["manager"]).post(
        "/api/bills/", {"household": world.outside.household.pk, "period_start": "2025-02-01"}, format="json"
    )
    assert response.status_code == 400
    assert "household" in response.json()
    assert Bill.objects.count() == before


def test_two_standards_the_same_day_is_a_clear_error(world, fees):
    response = client_for(world.users["manager"]).post(
        "/api/fee-standards/",
        {
            "project": world.inside.project.pk,
            "property_kind": "residential",
            "rate": "2.00",
            "regime": "market",
            "fee_items": ["property_service"],
            "effective_from": "2024-01-01",
            "published_on": "2023-11-01",
        },
        format="json",
    )
    assert response.status_code == 400
    assert "同一物业类型在同一天只能有一个收费标准生效。" in str(response.json())
    assert FeeStandard.objects.filter(project=world.inside.project).count() == 1


def test_generate_bills_through_the_api(world, fees):
    url = "/api/bills/generate/"
    body = {"project": world.inside.project.pk, "period_start": "2025-02-01"}
    before = Bill.objects.count()
    assert client_for(world.users["staff"]).post(url, body, format="json").status_code == 403
    assert (
        client_for(world.users["manager"])
        .post(url, {**body, "project": world.outside.project.pk}, format="json")
        .status_code
        == 404
    )
    assert Bill.objects.count() == before
    response = client_for(world.users["manager"]).post(url, body, format="json")
    assert response.status_code == 201
    assert len(response.json()) == 2
    bad = client_for(world.users["manager"]).post(url, {**body, "period_start": "2025-02-03"}, format="json")
    assert bad.status_code == 400 and "period_start" in bad.json()


@pytest.mark.parametrize("role", ["committee", "owner", "developer", "staff"])
def test_project_readers_read_the_notice_but_may_not_post_one(world, fees, role):
    client = client_for(world.users[role])
    assert client.get(f"/api/fee-notices/{fees['inside']['notice'].pk}/").status_code == 200
    data = {
        "project": world.inside.project.pk,
        "published_on": "2025-06-01",
        "company_name": "某物业",
        "service_content": "保洁",
        "service_standard": "二级",
        "billing_start_date": "2025-01-01",
        "fee_basis": "合同",
    }
    before = FeeNotice.objects.count()
    assert client.post("/api/fee-notices/", data, format="json").status_code in (400, 403)
    assert FeeNotice.objects.count() == before
