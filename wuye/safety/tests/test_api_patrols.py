"""The clause 4.1 endpoints with every role, inside and outside: registers kept like the power rooms
(written where the project is), evidence and the roster append-only, and a check-in by a sticker's token.

Held to the hand-written table of wuye/testing/expectations.py with the project's rule: these records
are read and written exactly where their project is.
"""

import datetime
from decimal import Decimal

import pytest
from django.core import signing
from django.utils import timezone
from rest_framework.test import APIClient

from wuye.safety.actions import rotate_sticker
from wuye.safety.models import (
    Camera,
    CameraCheck,
    DutyShift,
    Entrance,
    PatrolCheckIn,
    PatrolPoint,
    PatrolRound,
    PatrolRoute,
)
from wuye.safety.stickers import sticker_token
from wuye.safety.tests.world import add_patrols
from wuye.testing.expectations import can_read, can_write
from wuye.testing.personas import ROLES

pytestmark = pytest.mark.django_db

# World attribute → (endpoint, model, an edit of one field). Registers: edited where the project is written.
REGISTERS = {
    "entrance": ("/api/entrances/", Entrance, {"location": "东门岗亭"}),
    "patrolroute": ("/api/patrol-routes/", PatrolRoute, {"name": "全区日巡"}),
    "patrolpoint": ("/api/patrol-points/", PatrolPoint, {"name": "1号楼南侧"}),
    "camera": ("/api/cameras/", Camera, {"location": "东门岗亭上方"}),
}
# Evidence and what is derived from it, and the roster: never changed through the API.
APPEND_ONLY = {
    "checkin": ("/api/patrol-check-ins/", PatrolCheckIn, {"accuracy": 1}),
    "cameracheck": ("/api/camera-checks/", CameraCheck, {"note": "改过"}),
    "patrolround": ("/api/patrol-rounds/", PatrolRound, {"points_done": 2}),
    "dutyshift": ("/api/duty-shifts/", DutyShift, {"guard": "别人"}),
}
ENDPOINTS = {**REGISTERS, **APPEND_ONLY}
CHECK_INS = "/api/patrol-check-ins/"
READ_ONLY = ["regulator", "regulator_bt", "committee", "owner", "developer"]  # see, do not record


@pytest.fixture
def patrol_world(world):
    """The personas' worlds with an entrance and shift, a route with two points, a check-in, a camera."""
    return add_patrols(world)


def client_for(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def listed_ids(client, url):
    ids, page = [], url + "?page_size=200"
    while page:
        response = client.get(page)
        assert response.status_code == 200, response.content
        ids += [item["id"] for item in response.json()["results"]]
        page = response.json()["next"]
    return set(ids)


def row(model, obj):
    """Every stored column of the object, to compare before and after a refused request."""
    return model._base_manager.filter(pk=obj.pk).values().get()


def counts():
    return {model: model._base_manager.count() for _url, model, _edit in ENDPOINTS.values()}


# Reading: exactly where the project is readable


@pytest.mark.parametrize("side", ["inside", "outside"])
@pytest.mark.parametrize("role", ROLES)
def test_lists_and_details_follow_the_projects_scope(patrol_world, role, side):
    client = client_for(patrol_world.users[role])
    readable = can_read(role, "project", side)
    wrong = []
    for name, (url, _model, _edit) in ENDPOINTS.items():
        obj = getattr(getattr(patrol_world, side), name)
        if (obj.pk in listed_ids(client, url)) is not readable:
            wrong.append(f"{name}: listed {not readable}")
        status = client.get(f"{url}{obj.pk}/").status_code
        if status != (200 if readable else 404):
            wrong.append(f"{name}: detail {status}")
    assert not wrong, f"{role} on the {side} side: " + "; ".join(wrong)


def test_anonymous_gets_nothing(patrol_world):
    client = APIClient()
    before = counts()
    for name, (url, _model, edit) in ENDPOINTS.items():
        obj = getattr(patrol_world.inside, name)
        assert client.get(url).status_code in (401, 403), name
        assert client.get(f"{url}{obj.pk}/").status_code in (401, 403), name
        assert client.patch(f"{url}{obj.pk}/", edit, format="json").status_code in (401, 403), name
    token = sticker_token(patrol_world.inside.patrolpoint2)
    assert client.post(CHECK_INS, {"token": token}, format="json").status_code in (401, 403)
    assert counts() == before


# Registers: written where the project is


@pytest.mark.parametrize("side", ["inside", "outside"])
@pytest.mark.parametrize("role", ROLES)
def test_register_edits_follow_the_projects_write_scope(patrol_world, role, side):
    client = client_for(patrol_world.users[role])
    expected = 200 if can_write(role, "project", side) else 403 if can_read(role, "project", side) else 404
    wrong = []
    for name, (url, model, edit) in REGISTERS.items():
        obj = getattr(getattr(patrol_world, side), name)
        before = row(model, obj)
        response = client.patch(f"{url}{obj.pk}/", edit, format="json")
        after = row(model, obj)
        field, value = next(iter(edit.items()))
        if response.status_code != expected:
            wrong.append(f"{name}: {response.status_code} (expected {expected}) {response.content[:200]}")
        elif expected == 200 and after[field] != value:
            wrong.append(f"{name}: {field} is {after[field]!r} after 200")
        elif expected != 200 and after != before:
            wrong.append(f"{name}: changed after {response.status_code}")
    assert not wrong, f"{role} on the {side} side: " + "; ".join(wrong)


def test_a_points_sticker_version_is_not_written_through_the_api(patrol_world):
    point = patrol_world.inside.patrolpoint
    response = client_for(patrol_world.users["admin"]).patch(
        f"/api/patrol-points/{point.pk}/", {"key_version": 7, "order": 3}, format="json"
    )
    assert response.status_code == 200, response.content
    point.refresh_from_db()
    assert point.key_version == 1 and point.order == 3


def test_registers_are_never_deleted(patrol_world):
    client = client_for(patrol_world.users["admin"])
    before = counts()
    for name, (url, _model, _edit) in REGISTERS.items():
        obj = getattr(patrol_world.inside, name)
        assert client.delete(f"{url}{obj.pk}/").status_code == 405, name
    assert counts() == before


# Evidence, rounds and the roster: never changed or deleted through the API


@pytest.mark.parametrize("side", ["inside", "outside"])
@pytest.mark.parametrize("role", ROLES)
def test_evidence_rounds_and_shifts_are_never_changed_or_deleted(patrol_world, role, side):
    client = client_for(patrol_world.users[role])
    before = counts()
    wrong = []
    for name, (url, model, edit) in APPEND_ONLY.items():
        obj = getattr(getattr(patrol_world, side), name)
        stored = row(model, obj)
        for method in ("patch", "put", "delete"):
            response = getattr(client, method)(f"{url}{obj.pk}/", edit, format="json")
            if response.status_code != 405:
                wrong.append(f"{name}: {method.upper()} {response.status_code}")
        if row(model, obj) != stored:
            wrong.append(f"{name}: changed")
    assert counts() == before
    assert not wrong, f"{role} on the {side} side: " + "; ".join(wrong)


def test_rounds_are_never_posted(patrol_world):
    client = client_for(patrol_world.users["admin"])
    payload = {"route": patrol_world.inside.patrolroute.pk, "points_total": 2, "points_done": 2}
    assert client.post("/api/patrol-rounds/", payload, format="json").status_code == 405
    assert PatrolRound.objects.count() == 2


# A check-in by a sticker's token


def check_in_count():
    return PatrolCheckIn.objects.count(), PatrolRound.objects.count()


@pytest.mark.parametrize("role", ["staff", "manager", "admin"])
def test_who_records_the_duties_checks_in_at_the_servers_time(patrol_world, role):
    point = patrol_world.inside.patrolpoint2
    before = timezone.now()
    response = client_for(patrol_world.users[role]).post(
        CHECK_INS,
        {"token": sticker_token(point), "latitude": "40.657500", "longitude": "109.840400", "accuracy": 12},
        format="json",
    )
    after = timezone.now()
    assert response.status_code == 201, response.content
    stored = PatrolCheckIn.objects.get(pk=response.json()["id"])
    assert before <= stored.occurred_at <= after and before <= stored.recorded_at <= after
    assert stored.point == point and stored.key_version == point.key_version
    assert stored.recorded_by == patrol_world.users[role] and stored.channel == "api"
    assert (stored.latitude, stored.longitude, stored.accuracy) == (
        Decimal("40.6575"),
        Decimal("109.8404"),
        12,
    )
    assert stored.hash == stored.compute_hash() == response.json()["hash"]
    # The world's check-in was three hours ago: this one opens a new round, one point of two.
    new_round = stored.patrol_round
    assert new_round != patrol_world.inside.patrolround
    assert (new_round.points_done, new_round.points_total, new_round.completed_at) == (1, 2, None)


@pytest.mark.parametrize("role", READ_ONLY)
def test_who_only_reads_the_project_cannot_check_in_and_nothing_is_written(patrol_world, role):
    before = check_in_count()
    response = client_for(patrol_world.users[role]).post(
        CHECK_INS, {"token": sticker_token(patrol_world.inside.patrolpoint2)}, format="json"
    )
    assert response.status_code == 403, response.content
    assert check_in_count() == before


@pytest.mark.parametrize("role", ["manager", "staff", "stranger"])
def test_a_sticker_out_of_scope_is_unknown_and_nothing_is_written(patrol_world, role):
    before = check_in_count()
    response = client_for(patrol_world.users[role]).post(
        CHECK_INS, {"token": sticker_token(patrol_world.outside.patrolpoint2)}, format="json"
    )
    assert response.status_code == 400 and set(response.json()) == {"token"}
    assert "找不到这个巡更点" in response.json()["token"][0]
    assert check_in_count() == before


@pytest.mark.parametrize("field", ["occurred_at", "recorded_at"])
def test_a_time_sent_by_the_client_is_refused_and_nothing_is_written(patrol_world, field):
    before = check_in_count()
    sent = (timezone.now() - datetime.timedelta(hours=2)).isoformat()
    response = client_for(patrol_world.users["staff"]).post(
        CHECK_INS, {"token": sticker_token(patrol_world.inside.patrolpoint2), field: sent}, format="json"
    )
    assert response.status_code == 400
    assert set(response.json()) == {field} and "服务器" in response.json()[field][0]
    assert check_in_count() == before


@pytest.mark.parametrize(
    "forge",
    [
        lambda point: signing.Signer(salt="another-salt").sign(f"{point.pk}.{point.key_version}"),
        lambda point: sticker_token(point).rsplit(":", 1)[0] + ":" + "A" * 43,
        lambda point: f"{point.pk}.{point.key_version}",
        lambda point: sticker_token(point).replace(f"{point.pk}.", f"{point.pk + 1}.", 1),
    ],
    ids=["other-salt", "bad-signature", "unsigned", "tampered-id"],
)
def test_a_forged_token_is_a_field_error_and_nothing_is_written(patrol_world, forge):
    before = check_in_count()
    token = forge(patrol_world.inside.patrolpoint2)
    response = client_for(patrol_world.users["staff"]).post(CHECK_INS, {"token": token}, format="json")
    assert response.status_code == 400 and set(response.json()) == {"token"}
    assert "二维码无效" in response.json()["token"][0]
    assert check_in_count() == before


def test_the_token_of_a_replaced_sticker_is_void_and_nothing_is_written(patrol_world):
    point = patrol_world.inside.patrolpoint2
    old = sticker_token(point)
    rotate_sticker(patrol_world.users["manager"], point)
    before = check_in_count()
    client = client_for(patrol_world.users["staff"])
    response = client.post(CHECK_INS, {"token": old}, format="json")
    assert response.status_code == 400 and set(response.json()) == {"token"}
    assert "已作废" in response.json()["token"][0]
    assert check_in_count() == before
    point.refresh_from_db()
    assert client.post(CHECK_INS, {"token": sticker_token(point)}, format="json").status_code == 201
