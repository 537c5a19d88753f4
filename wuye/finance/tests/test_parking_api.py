"""The parking endpoints, walked with every role (the URL matrix names them as walked here): reads inside
200 and outside 404, leases and rent not for the developer, writes by the company only; bad input is a
field error in Chinese and nothing is written."""

import datetime

import pytest
from rest_framework.test import APIClient

from wuye.finance.models import ParkingLease, ParkingRentPayment, ParkingSpace, ParkingTransfer
from wuye.finance.tests import parking_factories as p
from wuye.testing.expectations import can_read
from wuye.testing.personas import ROLES

pytestmark = pytest.mark.django_db
WRITERS = {"staff", "manager", "admin"}
ENDPOINTS = {
    "parking-spaces": ("space", "all"),
    "parking-rules": ("rules", "all"),
    "parking-leases": ("lease", "not-developer"),
    "parking-payments": ("payment", "not-developer"),
    "parking-transfers": ("transfer", "not-owner"),
}


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def objects(world):
    made = {}
    for name in ("inside", "outside"):
        side = getattr(world, name)
        space = p.space(side.project)
        lease = p.lease(space, side.household)
        made[name] = {
            "space": space,
            "lease": lease,
            "payment": p.payment(lease),
            "transfer": p.transfer(p.space(side.project, "B1-001", level="under")),
            "rules": p.rules(side.project),
        }
    return made


def reads(role, side, who):
    if not can_read(role, "project", side):
        return False
    return not (who == "not-developer" and role == "developer" or who == "not-owner" and role == "owner")


@pytest.mark.parametrize("role", ROLES)
def test_every_endpoint_reads_by_role_and_scope(api, world, objects, role):
    api.force_authenticate(world.users[role])
    for prefix, (target, who) in ENDPOINTS.items():
        listed = {row["id"] for row in api.get(f"/api/{prefix}/").json()["results"]}
        for side in ("inside", "outside"):
            pk = objects[side][target].pk
            want = reads(role, side, who)
            assert api.get(f"/api/{prefix}/{pk}/").status_code == (200 if want else 404), (prefix, side)
            assert (pk in listed) is want, (prefix, side)


@pytest.mark.parametrize("role", ROLES)
def test_only_the_company_adds_a_space(api, world, role):
    api.force_authenticate(world.users[role])
    data = {"project": world.inside.project.pk, "number": "D-09", "level": "above", "ownership": "common"}
    response = api.post("/api/parking-spaces/", data, format="json")
    expected = 201 if role in WRITERS else 403 if can_read(role, "project", "inside") else 400
    assert response.status_code == expected, response.content
    assert ParkingSpace.objects.exists() is (role in WRITERS)


@pytest.mark.parametrize("role", ["committee", "owner", "regulator"])
def test_readers_cannot_change_a_lease_and_nothing_changes(api, world, objects, role):
    lease = objects["inside"]["lease"]
    api.force_authenticate(world.users[role])
    response = api.patch(f"/api/parking-leases/{lease.pk}/", {"billing_months": 1}, format="json")
    assert response.status_code in (403, 404)
    lease.refresh_from_db()
    assert lease.billing_months == 12


def test_a_household_of_another_project_is_a_field_error(api, world):
    space = p.space(world.inside.project)
    api.force_authenticate(world.users["admin"])
    data = {
        "space": space.pk,
        "household": world.outside.household.pk,
        "start": "2025-01-01",
        "end": "2025-12-31",
        "billing_months": 12,
        "rent": "1200.00",
    }
    response = api.post("/api/parking-leases/", data, format="json")
    assert response.status_code == 400
    assert response.json()["household"] == ["该房屋不属于此车位所在的项目。"]
    assert not ParkingLease.objects.exists()


def test_a_negative_payment_is_a_field_error_and_nothing_is_written(api, world):
    lease = p.lease(p.space(world.inside.project), world.inside.household)
    api.force_authenticate(world.users["staff"])
    data = {
        "lease": lease.pk,
        "paid_on": "2025-01-05",
        "amount": "-5.00",
        "period_start": "2025-01-01",
        "period_end": "2025-12-31",
        "receipt_number": "P1",
    }
    response = api.post("/api/parking-payments/", data, format="json")
    assert response.status_code == 400 and "amount" in response.json()
    assert not ParkingRentPayment.objects.exists()


def test_a_payment_derives_its_project_household_and_months(api, world):
    lease = p.lease(p.space(world.inside.project), world.inside.household)
    api.force_authenticate(world.users["manager"])
    data = {
        "lease": lease.pk,
        "paid_on": "2025-01-05",
        "amount": "1200.00",
        "period_start": "2025-01-01",
        "period_end": "2025-12-31",
        "receipt_number": "P1",
    }
    body = api.post("/api/parking-payments/", data, format="json").json()
    assert body["months"] == 12 and body["project"] == world.inside.project.pk
    assert body["household"] == world.inside.household.pk


def test_a_space_of_an_unseen_project_is_no_choice(api, world):
    outside = p.space(world.outside.project)
    api.force_authenticate(world.users["staff"])
    data = {
        "space": outside.pk,
        "transferred_on": "2025-01-01",
        "kind": "sale",
        "buyer_name": "张三",
        "price": "1",
    }
    response = api.post("/api/parking-transfers/", data, format="json")
    assert response.status_code == 400 and "space" in response.json()
    assert not ParkingTransfer.objects.exists()


def test_sorting_is_stable_and_filters_narrow(api, world, django_assert_max_num_queries):
    for n in range(6):
        space = p.space(world.inside.project, f"D-{n}")
        p.lease(space, world.inside.household, start=datetime.date(2025, 1, 1))
    api.force_authenticate(world.users["regulator"])
    with django_assert_max_num_queries(8):
        rows = api.get("/api/parking-leases/", {"ordering": "-start"}).json()["results"]
    # All start the same day: ties keep the model's order (newest first).
    assert [row["id"] for row in rows] == sorted((row["id"] for row in rows), reverse=True) and len(rows) == 6
    spaces = api.get("/api/parking-spaces/", {"level": "under"}).json()["results"]
    assert spaces == []
