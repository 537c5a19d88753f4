"""The safety endpoints with every role, inside and outside: rooms kept like the registry, rounds append-only."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from wuye.core.evidence import append_evidence
from wuye.safety.models import Defect, PowerRoom, PowerRound
from wuye.safety.tests.world import STATES
from wuye.testing.expectations import can_read, can_write
from wuye.testing.personas import ROLES

pytestmark = pytest.mark.django_db
ENDPOINTS = {"powerroom": "/api/power-rooms/", "powerround": "/api/power-rounds/", "defect": "/api/defects/"}
RECORDERS = {"manager", "staff", "admin"}  # of the inside project (estates.permissions.can_record_duties)
READ_ONLY = ["regulator", "regulator_bt", "committee", "owner", "developer"]


def client_for(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def a_round(room, **changes):
    data = {
        "power_room": room.pk,
        "occurred_at": (timezone.now() - datetime.timedelta(minutes=5)).isoformat(),
        "inspector": "李师傅",
        "supply_states": STATES,
        "voltage": "400.0",
        "problems": "",
    }
    data.update(changes)
    return data


def listed_ids(client, url):
    response = client.get(url + "?page_size=200")
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["results"]}


# Reading: exactly where the project is readable


@pytest.mark.parametrize("side", ["inside", "outside"])
@pytest.mark.parametrize("role", ROLES)
def test_lists_and_details_follow_the_projects_scope(safety_world, role, side):
    client = client_for(safety_world.users[role])
    readable = can_read(role, "project", side)
    for name, url in ENDPOINTS.items():
        obj = getattr(getattr(safety_world, side), name)
        assert (obj.pk in listed_ids(client, url)) is readable, (name, role, side)
        assert client.get(f"{url}{obj.pk}/").status_code == (200 if readable else 404), (name, role, side)


def test_anonymous_gets_nothing(safety_world):
    client = APIClient()
    for url in ENDPOINTS.values():
        assert client.get(url).status_code in (401, 403)
    assert client.post(
        ENDPOINTS["powerround"], a_round(safety_world.inside.powerroom), format="json"
    ).status_code in (
        401,
        403,
    )
    assert PowerRound.objects.count() == 2


# Recording a round


@pytest.mark.parametrize("role", sorted(RECORDERS))
def test_staff_and_managers_record_a_round_stamped_by_the_server(safety_world, role):
    room = safety_world.inside.powerroom
    before = timezone.now()
    payload = a_round(
        room,
        recorded_at="2020-01-01T00:00:00Z",  # a client's clock is never the receipt time
        backfilled=False,
        hash="0" * 64,
        chain_seq=1,
        channel="web",
    )
    response = client_for(safety_world.users[role]).post(ENDPOINTS["powerround"], payload, format="json")
    assert response.status_code == 201, response.content
    stored = PowerRound.objects.get(pk=response.json()["id"])
    assert stored.recorded_at >= before and stored.channel == "api"
    assert stored.recorded_by == safety_world.users[role] and stored.chain_seq == 2
    assert stored.hash == stored.compute_hash() == response.json()["hash"]
    assert stored.prev_hash == safety_world.inside.powerround.hash


@pytest.mark.parametrize("role", READ_ONLY)
def test_who_sees_but_does_not_record_gets_403_and_nothing_is_written(safety_world, role):
    room = safety_world.inside.powerroom
    response = client_for(safety_world.users[role]).post(
        ENDPOINTS["powerround"], a_round(room), format="json"
    )
    assert response.status_code == 403
    assert PowerRound.objects.count() == 2


@pytest.mark.parametrize("role", ["manager", "staff", "stranger"])
def test_a_room_out_of_scope_is_unknown_and_nothing_is_written(safety_world, role):
    # The same answer as for a room that does not exist: a field error, nothing about the room.
    client = client_for(safety_world.users[role])
    outside = client.post(ENDPOINTS["powerround"], a_round(safety_world.outside.powerroom), format="json")
    missing = client.post(
        ENDPOINTS["powerround"], a_round(safety_world.outside.powerroom, power_room=10**9), format="json"
    )
    assert outside.status_code == missing.status_code == 400
    assert set(outside.json()) == set(missing.json()) == {"power_room"}
    assert client.get(f"{ENDPOINTS['powerround']}{safety_world.outside.powerround.pk}/").status_code == 404
    assert PowerRound.objects.count() == 2


def test_a_round_in_the_future_or_before_the_room_existed_is_a_field_error(safety_world):
    room = safety_world.inside.powerroom
    client = client_for(safety_world.users["staff"])
    ahead = (timezone.now() + datetime.timedelta(hours=1)).isoformat()
    response = client.post(ENDPOINTS["powerround"], a_round(room, occurred_at=ahead), format="json")
    assert response.status_code == 400 and "不能晚于当前时间" in response.json()["occurred_at"][0]
    early = timezone.make_aware(datetime.datetime.combine(room.in_service_from, datetime.time(0, 0)))
    response = client.post(
        ENDPOINTS["powerround"],
        a_round(room, occurred_at=(early - datetime.timedelta(minutes=1)).isoformat()),
        format="json",
    )
    assert response.status_code == 400 and "投用日期" in response.json()["occurred_at"][0]
    assert PowerRound.objects.count() == 2


def test_every_supply_needs_a_known_state(safety_world):
    room = safety_world.inside.powerroom
    client = client_for(safety_world.users["staff"])
    missing = client.post(
        ENDPOINTS["powerround"], a_round(room, supply_states={"1#变压器": "running"}), format="json"
    )
    assert missing.status_code == 400 and "supply_states" in missing.json()
    unknown = dict(STATES, **{"1#变压器": "broken"})
    response = client.post(ENDPOINTS["powerround"], a_round(room, supply_states=unknown), format="json")
    assert response.status_code == 400 and "supply_states" in response.json()
    assert PowerRound.objects.count() == 2


def test_a_round_with_problems_opens_a_defect_listed_as_open(safety_world):
    room = safety_world.inside.powerroom
    client = client_for(safety_world.users["staff"])
    response = client.post(ENDPOINTS["powerround"], a_round(room, problems="电缆沟积水"), format="json")
    assert response.status_code == 201
    defect = Defect.objects.get(source=f"safety.powerround:{response.json()['id']}")
    open_ids = {item["id"] for item in client.get(ENDPOINTS["defect"] + "?open=true").json()["results"]}
    assert open_ids == {defect.pk, safety_world.inside.defect.pk}


def test_rounds_and_defects_are_never_changed_or_deleted(safety_world):
    client = client_for(safety_world.users["admin"])
    inside = safety_world.inside
    url = f"{ENDPOINTS['powerround']}{inside.powerround.pk}/"
    assert client.patch(url, {"inspector": "别人"}, format="json").status_code == 405
    assert client.put(url, a_round(inside.powerroom), format="json").status_code == 405
    assert client.delete(url).status_code == 405
    defect_url = f"{ENDPOINTS['defect']}{inside.defect.pk}/"
    assert client.patch(defect_url, {"description": "无"}, format="json").status_code == 405
    assert client.post(ENDPOINTS["defect"], {}, format="json").status_code == 405
    assert client.delete(f"{ENDPOINTS['powerroom']}{inside.powerroom.pk}/").status_code == 405
    inside.powerround.refresh_from_db()
    assert inside.powerround.inspector == "王师傅" and PowerRoom.objects.count() == 2


# Power rooms: written where the project is


@pytest.mark.parametrize("side", ["inside", "outside"])
@pytest.mark.parametrize("role", ROLES)
def test_room_edits_follow_the_projects_write_scope(safety_world, role, side):
    room = getattr(safety_world, side).powerroom
    expected = 200 if can_write(role, "project", side) else 403 if can_read(role, "project", side) else 404
    response = client_for(safety_world.users[role]).patch(
        f"{ENDPOINTS['powerroom']}{room.pk}/", {"location": "新位置"}, format="json"
    )
    assert response.status_code == expected, response.content
    room.refresh_from_db()
    assert (room.location == "新位置") is (expected == 200)


@pytest.mark.parametrize("role", ["manager", "regulator_bt", "staff", "committee"])
def test_a_room_is_created_by_writers_of_the_project_only(safety_world, role):
    project = safety_world.inside.project
    payload = {
        "project": project.pk,
        "name": "2号配电室",
        "supplies": ["1#进线柜"],
        "in_service_from": "2025-01-01",
    }
    response = client_for(safety_world.users[role]).post(ENDPOINTS["powerroom"], payload, format="json")
    wanted = 201 if can_write(role, "project", "inside") else 403
    assert response.status_code == wanted, response.content
    assert PowerRoom.objects.filter(name="2号配电室").exists() is (wanted == 201)


def test_a_room_needs_distinct_supplies(safety_world):
    payload = {
        "project": safety_world.inside.project.pk,
        "name": "2号配电室",
        "supplies": ["1#进线柜", "1#进线柜"],
        "in_service_from": "2025-01-01",
    }
    response = client_for(safety_world.users["manager"]).post(ENDPOINTS["powerroom"], payload, format="json")
    assert response.status_code == 400 and "supplies" in response.json()


def test_a_list_of_rounds_costs_the_same_queries_for_3_and_for_20(
    safety_world, django_assert_max_num_queries
):
    room, staff = safety_world.inside.powerroom, safety_world.users["staff"]
    start = timezone.now() - datetime.timedelta(days=1)
    for hour in range(20):
        append_evidence(
            PowerRound(
                power_room=room,
                occurred_at=start + datetime.timedelta(hours=hour),
                inspector="王",
                supply_states=STATES,
            ),
            user=staff,
            channel="phone",
        )
    client = client_for(safety_world.users["regulator"])
    with CaptureQueriesContext(connection) as three:
        assert len(client.get(ENDPOINTS["powerround"] + "?page_size=3").json()["results"]) == 3
    with django_assert_max_num_queries(len(three)):
        assert len(client.get(ENDPOINTS["powerround"] + "?page_size=20").json()["results"]) == 20


def test_rounds_filter_by_room_and_backfill(safety_world):
    inside = safety_world.inside
    late = append_evidence(
        PowerRound(
            power_room=inside.powerroom,
            occurred_at=timezone.now() - datetime.timedelta(hours=6),
            inspector="王",
            supply_states=STATES,
        ),
        user=safety_world.users["staff"],
        channel="web",
    )
    client = client_for(safety_world.users["admin"])
    assert listed_ids(client, f"{ENDPOINTS['powerround']}?backfilled=true") == {late.pk}
    assert listed_ids(client, f"{ENDPOINTS['powerround']}?power_room={inside.powerroom.pk}") == {
        late.pk,
        inside.powerround.pk,
    }
