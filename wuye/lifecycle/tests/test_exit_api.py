"""The exit endpoints, walked with every role (the URL matrix names them as walked here): scope (readers
200, the unseen 404), the leaving enterprise filing and moving, the receiver confirming, refunds with
field errors; refusals write nothing; an owner reads his own refund only."""

import datetime
from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from wuye.lifecycle.actions_exit import add_handover_item
from wuye.lifecycle.choices_exit import HandoverKind
from wuye.lifecycle.models import ExitFiling, ExitStatusChange, HandoverItem, Refund
from wuye.lifecycle.tests.exit_factories import END, exit_of, paid, past_period
from wuye.testing.expectations import can_read
from wuye.testing.personas import ROLES

pytestmark = pytest.mark.django_db
READERS = {"regulator", "regulator_bt", "manager", "staff", "committee", "admin"}
WRITERS = {"manager", "admin"}


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def exit(world):
    made = exit_of(world)
    add_handover_item(world.users["manager"], HandoverItem(exit=made, kind=HandoverKind.KEYS))
    return made


@pytest.mark.parametrize("role", ROLES)
def test_reading_the_exit_endpoints(api, world, exit, role, django_assert_max_num_queries):
    api.force_authenticate(world.users[role])
    reads = role in READERS
    assert api.get(f"/api/exits/{exit.pk}/").status_code == (200 if reads else 404)
    assert api.get(f"/api/exits/{exit.pk}/refunds_due/").status_code == (200 if reads else 404)
    item = exit.handover_items.get()
    assert api.get(f"/api/exit-handover-items/{item.pk}/").status_code == (200 if reads else 404)
    with django_assert_max_num_queries(10):
        listed = api.get("/api/exits/").json()
    assert [row["id"] for row in listed["results"]] == ([exit.pk] if reads else [])
    assert api.get("/api/exit-refunds/").status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_only_the_leaving_company_files_an_exit(api, world, role):
    period = past_period(world)
    api.force_authenticate(world.users[role])
    body = {
        "service_period": period.pk,
        "notice_on": "2020-09-01",
        "planned_end": "2020-12-31",
        "reason": "到期",
        "receiver_kind": "committee",
        "committee": world.inside.committee.pk,
    }
    response = api.post("/api/exits/", body, format="json")
    # A reader of the project is refused (403); to anyone else the period does not exist (a field error).
    expected = 201 if role in WRITERS else 403 if can_read(role, "project", "inside") else 400
    assert response.status_code == expected, response.content
    assert ExitFiling.objects.exists() is (role in WRITERS)


def test_an_end_before_the_notice_is_a_field_error(api, world):
    period = past_period(world)
    api.force_authenticate(world.users["manager"])
    body = {
        "service_period": period.pk,
        "notice_on": "2021-01-05",
        "planned_end": "2020-12-31",
        "reason": "到期",
        "receiver_kind": "committee",
        "committee": world.inside.committee.pk,
    }
    response = api.post("/api/exits/", body, format="json")
    assert response.status_code == 400 and "planned_end" in response.json()
    assert not ExitFiling.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_moves_and_confirmations(api, world, exit, role):
    api.force_authenticate(world.users[role])
    moved = api.post(f"/api/exits/{exit.pk}/move/", {"to": "handing_over"}, format="json")
    expected = 200 if role in WRITERS else 403 if role in READERS else 404
    assert moved.status_code == expected
    assert ExitStatusChange.objects.filter(exit=exit).exists() is (role in WRITERS)
    item = exit.handover_items.get()
    confirmed = api.post(f"/api/exit-handover-items/{item.pk}/confirm/")
    expected = 200 if role == "committee" else 400 if role in READERS else 404
    assert confirmed.status_code == expected, confirmed.content
    assert (HandoverItem.objects.get(pk=item.pk).confirmed_at is not None) is (role == "committee")


def test_an_illegal_move_is_refused(api, world, exit):
    api.force_authenticate(world.users["manager"])
    response = api.post(f"/api/exits/{exit.pk}/move/", {"to": "closed"}, format="json")
    assert response.status_code == 400 and not ExitStatusChange.objects.exists()


def test_refunds_through_the_api(api, world, exit):
    paid(world, world.inside.household, "90.00", datetime.date(2020, 10, 1))
    api.force_authenticate(world.users["manager"])
    due = api.get(f"/api/exits/{exit.pk}/refunds_due/").json()
    assert [(row["household"], row["due"]) for row in due] == [(world.inside.household.pk, "90.00")]
    body = {
        "exit": exit.pk,
        "household": world.inside.household.pk,
        "paid_on": "2021-01-05",
        "method": "cash",
    }
    response = api.post("/api/exit-refunds/", {**body, "amount": "90.01"}, format="json")
    assert response.status_code == 400 and "amount" in response.json()
    assert not Refund.objects.exists()
    assert api.post("/api/exit-refunds/", {**body, "amount": "90.00"}, format="json").status_code == 201
    api.force_authenticate(world.users["owner"])
    assert [row["amount"] for row in api.get("/api/exit-refunds/").json()["results"]] == ["90.00"]
    api.force_authenticate(world.users["staff"])
    response = api.post("/api/exit-refunds/", {**body, "amount": "1.00"}, format="json")
    assert response.status_code == 403
    assert Refund.objects.get().amount == Decimal("90.00")


def test_the_end_is_the_period_end(world):
    assert exit_of(world).end == END
