"""The clause 1.2 and 3.3 endpoints with every role, inside and outside: offices kept like licences,
centres where their project is, the roster append-only and planned only by who records the duties."""

import datetime

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from wuye.servicedesk.models import CentreShift, Office, ServiceCentre
from wuye.servicedesk.tests.world_centres import add_centres
from wuye.testing.expectations import can_read, can_write
from wuye.testing.personas import ROLES

pytestmark = pytest.mark.django_db

# World attribute → (endpoint, model, rule in the table, an edit of one field).
REGISTERS = {
    "office": ("/api/offices/", Office, "licence", {"phone": "0472-5999999"}),
    "servicecentre": (
        "/api/service-centres/",
        ServiceCentre,
        "project",
        {"opening_hours": "每日 7:00–19:00"},
    ),
}
SHIFTS = "/api/centre-shifts/"
RECORDERS = {"inside": {"manager", "staff", "admin"}, "outside": {"admin"}}


@pytest.fixture
def centres_world(world):
    return add_centres(world)


def client_for(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.mark.parametrize("side", ["inside", "outside"])
@pytest.mark.parametrize("role", ROLES)
def test_reads_and_edits_follow_the_table(centres_world, role, side):
    client = client_for(centres_world.users[role])
    wrong = []
    for name, (url, model, rule, edit) in REGISTERS.items():
        obj = getattr(getattr(centres_world, side), name)
        readable = can_read(role, rule, side)
        listed = obj.pk in {row["id"] for row in client.get(url + "?page_size=200").json()["results"]}
        if listed is not readable:
            wrong.append(f"{name} listed={listed}")
        status = client.patch(f"{url}{obj.pk}/", edit, format="json").status_code
        want = 404 if not readable else (200 if can_write(role, rule, side) else 403)
        if status != want:
            wrong.append(f"{name} edit {status}, expected {want}")
        field, value = next(iter(edit.items()))
        if want != 200:
            assert getattr(model.objects.get(pk=obj.pk), field) != value, f"{name} changed by {role}"
    shift = getattr(centres_world, side).centreshift
    status = client.get(f"{SHIFTS}{shift.pk}/").status_code
    if status != (200 if can_read(role, "project", side) else 404):
        wrong.append(f"shift read {status}")
    assert not wrong, f"{role} on the {side} side: " + "; ".join(wrong)


@pytest.mark.parametrize("side", ["inside", "outside"])
@pytest.mark.parametrize("role", ROLES)
def test_only_who_records_the_duties_plans_the_roster(centres_world, role, side):
    centre = getattr(centres_world, side).servicecentre
    start = timezone.now() + datetime.timedelta(days=2)
    before = CentreShift.objects.count()
    response = client_for(centres_world.users[role]).post(
        SHIFTS,
        {
            "centre": centre.pk,
            "attendant": "孙客服",
            "starts_at": start.isoformat(),
            "ends_at": (start + datetime.timedelta(hours=8)).isoformat(),
            "repeat_days": 2,
        },
        format="json",
    )
    if role in RECORDERS[side]:
        assert response.status_code == 201, response.content
        assert CentreShift.objects.count() == before + 3
    else:
        assert response.status_code in (400, 403), response.content
        assert CentreShift.objects.count() == before


def test_the_roster_is_never_changed_or_deleted_through_the_api(centres_world):
    client = client_for(centres_world.users["admin"])
    shift = centres_world.inside.centreshift
    assert client.patch(f"{SHIFTS}{shift.pk}/", {"attendant": "别人"}, format="json").status_code == 405
    assert client.delete(f"{SHIFTS}{shift.pk}/").status_code == 405
    assert CentreShift.objects.get(pk=shift.pk).attendant == "钱客服"


def test_field_errors_name_the_field(centres_world):
    client = client_for(centres_world.users["admin"])
    centre = centres_world.inside.servicecentre
    response = client.patch(f"/api/service-centres/{centre.pk}/", {"service_phone": "5123456"}, format="json")
    assert response.status_code == 400 and "区号" in response.json()["service_phone"][0]
    past = timezone.now() - datetime.timedelta(hours=10)
    response = client.post(
        SHIFTS,
        {
            "centre": centre.pk,
            "attendant": "孙",
            "starts_at": past.isoformat(),
            "ends_at": (past + datetime.timedelta(hours=8)).isoformat(),
        },
        format="json",
    )
    assert response.status_code == 400 and "ends_at" in response.json()


def test_centres_filter_by_project_and_division(centres_world):
    client = client_for(centres_world.users["admin"])
    inside = centres_world.inside
    rows = client.get(f"/api/service-centres/?project={inside.project.pk}").json()["results"]
    assert [row["id"] for row in rows] == [inside.servicecentre.pk]
    rows = client.get("/api/service-centres/?division=150200").json()["results"]
    assert [row["id"] for row in rows] == [inside.servicecentre.pk]
    rows = client.get(f"{SHIFTS}?project={inside.project.pk}").json()["results"]
    assert [row["id"] for row in rows] == [inside.centreshift.pk]


def test_anonymous_gets_nothing(centres_world):
    for url in ("/api/offices/", "/api/service-centres/", SHIFTS):
        assert APIClient().get(url).status_code in (401, 403)
