"""The endpoints of clauses 4.3 and 4.4 with every role, inside and outside: registers kept like the power
rooms (written where the project is), checks and tests append-only and recorded by who records the
project's duties, photos and reports uploaded with the record and served through its scope.

Held to the hand-written table of wuye/testing/expectations.py with the project's rule: these records are
read and written exactly where their project is.
"""

import datetime

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from wuye.safety.models import (
    Defect,
    FireEquipment,
    FireEquipmentCheck,
    FirePassage,
    FirePassageCheck,
    FireSystemTest,
    FloodCheck,
    FloodProtection,
    LightningProtection,
    LightningTest,
)
from wuye.safety.tests.world import add_fire, photo, report
from wuye.testing.expectations import can_read, can_write
from wuye.testing.personas import ROLES

pytestmark = pytest.mark.django_db

REGISTERS = {
    "fireequipment": ("/api/fire-equipment/", FireEquipment, {"quantity": 4}),
    "firepassage": ("/api/fire-passages/", FirePassage, {"location": "3号楼东侧至北门"}),
    "lightningprotection": ("/api/lightning-protection/", LightningProtection, {"hazardous": True}),
    "floodprotection": ("/api/flood-protection/", FloodProtection, {"location": "地下车库B区"}),
}
APPEND_ONLY = {
    "fireequipmentcheck": ("/api/fire-equipment-checks/", FireEquipmentCheck, {"result": "faulty"}),
    "firesystemtest": ("/api/fire-system-tests/", FireSystemTest, {"result": "failed"}),
    "firepassagecheck": ("/api/fire-passage-checks/", FirePassageCheck, {"outcome": "clear"}),
    "lightningtest": ("/api/lightning-tests/", LightningTest, {"tester": "别人"}),
    "floodcheck": ("/api/flood-checks/", FloodCheck, {"tester": "别人"}),
}
ENDPOINTS = {**REGISTERS, **APPEND_ONLY}
RECORDERS = {"inside": {"manager", "staff", "admin"}, "outside": {"admin"}}


@pytest.fixture
def fire_world(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return add_fire(world)


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
    return model._base_manager.filter(pk=obj.pk).values().get()


def counts():
    models = [model for _url, model, _edit in ENDPOINTS.values()] + [Defect]
    return {model: model._base_manager.count() for model in models}


# Reading: exactly where the project is readable


@pytest.mark.parametrize("side", ["inside", "outside"])
@pytest.mark.parametrize("role", ROLES)
def test_lists_and_details_follow_the_projects_scope(fire_world, role, side):
    client = client_for(fire_world.users[role])
    readable = can_read(role, "project", side)
    wrong = []
    for name, (url, _model, _edit) in ENDPOINTS.items():
        obj = getattr(getattr(fire_world, side), name)
        if (obj.pk in listed_ids(client, url)) is not readable:
            wrong.append(f"{name}: listed {not readable}")
        status = client.get(f"{url}{obj.pk}/").status_code
        if status != (200 if readable else 404):
            wrong.append(f"{name}: detail {status}")
    assert not wrong, f"{role} on the {side} side: " + "; ".join(wrong)


def test_anonymous_gets_nothing(fire_world):
    client = APIClient()
    before = counts()
    for name, (url, _model, edit) in ENDPOINTS.items():
        obj = getattr(fire_world.inside, name)
        assert client.get(url).status_code in (401, 403), name
        assert client.get(f"{url}{obj.pk}/").status_code in (401, 403), name
        assert client.patch(f"{url}{obj.pk}/", edit, format="json").status_code in (401, 403), name
    assert counts() == before


# Registers: written where the project is


@pytest.mark.parametrize("side", ["inside", "outside"])
@pytest.mark.parametrize("role", ROLES)
def test_register_edits_follow_the_projects_write_scope(fire_world, role, side):
    client = client_for(fire_world.users[role])
    expected = 200 if can_write(role, "project", side) else 403 if can_read(role, "project", side) else 404
    wrong = []
    for name, (url, model, edit) in REGISTERS.items():
        obj = getattr(getattr(fire_world, side), name)
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


def test_registers_are_never_deleted(fire_world):
    client = client_for(fire_world.users["admin"])
    before = counts()
    for name, (url, _model, _edit) in REGISTERS.items():
        obj = getattr(fire_world.inside, name)
        assert client.delete(f"{url}{obj.pk}/").status_code == 405, name
    assert counts() == before


def test_an_extinguisher_needs_its_type_and_production_date(fire_world):
    client = client_for(fire_world.users["manager"])
    payload = {
        "project": fire_world.inside.project.pk,
        "name": "2号楼灭火器箱",
        "kind": "extinguisher",
        "in_service_from": "2026-01-01",
    }
    response = client.post("/api/fire-equipment/", payload, format="json")
    assert response.status_code == 400 and set(response.json()) == {"extinguisher_type", "production_date"}
    payload.update(extinguisher_type="co2", production_date="2024-05-01", quantity=3)
    response = client.post("/api/fire-equipment/", payload, format="json")
    assert response.status_code == 201, response.content
    assert FireEquipment.objects.get(pk=response.json()["id"]).quantity == 3


def test_the_fire_control_room_is_one_filter(fire_world):
    FireEquipment.objects.create(
        project=fire_world.inside.project,
        name="消防控制室",
        kind="control_room",
        in_service_from="2026-01-01",
    )
    response = client_for(fire_world.users["regulator"]).get(
        "/api/fire-equipment/?kind=control_room&active=true"
    )
    assert [item["name"] for item in response.json()["results"]] == ["消防控制室"]


# Evidence: never changed or deleted


@pytest.mark.parametrize("side", ["inside", "outside"])
@pytest.mark.parametrize("role", ROLES)
def test_checks_and_tests_are_never_changed_or_deleted(fire_world, role, side):
    client = client_for(fire_world.users[role])
    before = counts()
    wrong = []
    for name, (url, model, edit) in APPEND_ONLY.items():
        obj = getattr(getattr(fire_world, side), name)
        stored = row(model, obj)
        for method in ("patch", "put", "delete"):
            response = getattr(client, method)(f"{url}{obj.pk}/", edit, format="json")
            if response.status_code != 405:
                wrong.append(f"{name}: {method.upper()} {response.status_code}")
        if row(model, obj) != stored:
            wrong.append(f"{name}: changed")
    assert counts() == before
    assert not wrong, f"{role} on the {side} side: " + "; ".join(wrong)


# Recording: who records the project's duties; a refused or invalid request writes nothing


def posts(side):
    when = (timezone.now() - datetime.timedelta(minutes=5)).isoformat()
    return {
        "fireequipmentcheck": {
            "equipment": side.fireequipment.pk,
            "occurred_at": when,
            "result": "faulty",
            "problem": "压力表指针在红区",
            "inspector": "王师傅",
            "attachment": photo(),
        },
        "firesystemtest": {
            "equipment": side.firesystem.pk,
            "occurred_at": when,
            "tester": "消防技术服务公司",
            "result": "passed",
            "attachment": report(),
        },
        "firepassagecheck": {
            "passage": side.firepassage.pk,
            "occurred_at": when,
            "outcome": "blocked",
            "note": "堆放装修垃圾",
            "inspector": "赵保安",
            "attachment": photo(),
        },
        "lightningtest": {
            "protection": side.lightningprotection.pk,
            "occurred_at": when,
            "tester": "防雷检测中心",
            "result": "failed",
            "problems": "接地电阻 12Ω 超标",
            "attachment": report(),
        },
        "floodcheck": {
            "protection": side.floodprotection.pk,
            "occurred_at": when,
            "tester": "王师傅",
            "result": "passed",
        },
    }


@pytest.mark.parametrize("side", ["inside", "outside"])
@pytest.mark.parametrize("role", ROLES)
def test_records_are_added_by_who_records_the_projects_duties(fire_world, role, side):
    client = client_for(fire_world.users[role])
    readable = can_read(role, "project", side)
    want = 201 if role in RECORDERS[side] else 403 if readable else 400  # unseen asset: a field error
    wrong = []
    for name, payload in posts(getattr(fire_world, side)).items():
        url, model, _edit = APPEND_ONLY[name]
        before = counts()
        response = client.post(url, payload, format="multipart")
        if response.status_code != want:
            wrong.append(f"{name}: {response.status_code} (expected {want}) {response.content[:200]}")
            continue
        if want == 201:
            stored = model.objects.get(pk=response.json()["id"])
            if stored.recorded_by != fire_world.users[role] or stored.channel != "api":
                wrong.append(f"{name}: stamped {stored.recorded_by} {stored.channel}")
            opened = name in ("fireequipmentcheck", "firepassagecheck", "lightningtest")
            if counts()[Defect] != before[Defect] + opened:
                wrong.append(f"{name}: defects {counts()[Defect] - before[Defect]}")
        elif counts() != before:
            wrong.append(f"{name}: wrote after {response.status_code}")
    assert not wrong, f"{role} on the {side} side: " + "; ".join(wrong)


@pytest.mark.parametrize(
    ("name", "missing", "field"),
    [
        ("fireequipmentcheck", "attachment", "attachment"),
        ("fireequipmentcheck", "problem", "problem"),
        ("firepassagecheck", "attachment", "attachment"),
        ("firepassagecheck", "note", "note"),
        ("firesystemtest", "attachment", "attachment"),
        ("lightningtest", "problems", "problems"),
    ],
)
def test_a_record_without_its_photo_report_or_problem_is_refused_and_nothing_is_written(
    fire_world, name, missing, field
):
    payload = posts(fire_world.inside)[name]
    payload.pop(missing)
    before = counts()
    response = client_for(fire_world.users["staff"]).post(APPEND_ONLY[name][0], payload, format="multipart")
    assert response.status_code == 400 and set(response.json()) == {field}, response.content
    assert counts() == before


def test_a_full_test_of_a_hydrant_is_refused(fire_world):
    payload = posts(fire_world.inside)["firesystemtest"]
    payload["equipment"] = fire_world.inside.fireequipment.pk  # an extinguisher point
    before = counts()
    response = client_for(fire_world.users["staff"]).post(
        "/api/fire-system-tests/", payload, format="multipart"
    )
    assert response.status_code == 400 and set(response.json()) == {"equipment"}
    assert counts() == before


def test_a_photo_is_served_through_the_records_scope(fire_world):
    response = client_for(fire_world.users["staff"]).get(
        f"/api/fire-passage-checks/{fire_world.inside.firepassagecheck.pk}/"
    )
    url = response.json()["attachment_url"]
    assert "attachment" not in response.json() and url.startswith("/files/")
    from django.test import Client

    browser = Client()
    browser.force_login(fire_world.users["committee"])
    assert browser.get(url).status_code == 200
    browser.force_login(fire_world.users["stranger"])
    assert browser.get(url).status_code == 404


def test_a_list_of_checks_costs_the_same_queries_for_3_and_for_20(fire_world, django_assert_max_num_queries):
    from wuye.safety.actions_fire import record_fire_checks

    client = client_for(fire_world.users["regulator"])
    url = "/api/fire-equipment-checks/?page_size=50"
    with django_assert_max_num_queries(12) as before:
        client.get(url)
    side = fire_world.inside
    now = timezone.now()
    for hours in range(18):
        record_fire_checks(
            fire_world.users["staff"],
            side.project,
            [(side.fireequipment, {"result": "ok", "problem": ""})],
            inspector="王",
            channel="web",
            occurred_at=now - datetime.timedelta(hours=hours + 2),
        )
    with django_assert_max_num_queries(len(before.captured_queries)):
        response = client.get(url)
    assert response.json()["count"] == 20
