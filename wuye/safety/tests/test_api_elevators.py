"""The clause 4.2 endpoints with every role, inside and outside: the register kept like the other assets
(written where the project is), the records append-only and created only by who records the duties,
with the server's stamps and a report or photo as multipart form data.

Held to the hand-written table of wuye/testing/expectations.py with the project's rule: these records
are read and written exactly where their project is.
"""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from rest_framework.test import APIClient

from wuye.safety.actions_elevators import record_elevator_evidence
from wuye.safety.models import Breakdown, Elevator, ElevatorInspection, ElevatorLabelCheck, MaintenanceVisit
from wuye.safety.tests.world import add_elevators, label_photo
from wuye.testing.expectations import can_read, can_write
from wuye.testing.personas import ROLES

pytestmark = pytest.mark.django_db

ELEVATORS = "/api/elevators/"
RECORDS = {
    "elevatorinspection": ("/api/elevator-inspections/", ElevatorInspection, {"note": "改过"}),
    "maintenancevisit": ("/api/maintenance-visits/", MaintenanceVisit, {"items": "改过"}),
    "breakdown": ("/api/elevator-breakdowns/", Breakdown, {"cause": "改过"}),
    "elevatorlabelcheck": ("/api/elevator-label-checks/", ElevatorLabelCheck, {"note": "改过"}),
}
ENDPOINTS = {"elevator": (ELEVATORS, Elevator, {"location": "3号楼东侧"}), **RECORDS}
RECORDERS = {"inside": {"manager", "staff", "admin"}, "outside": {"admin"}}


@pytest.fixture
def elevator_world(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return add_elevators(world)


def client_for(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def listed_ids(client, url):
    response = client.get(url + "?page_size=200")
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["results"]}


def row(model, obj):
    return model._base_manager.filter(pk=obj.pk).values().get()


def counts():
    return {model: model._base_manager.count() for _url, model, _edit in ENDPOINTS.values()}


@pytest.mark.parametrize("side", ["inside", "outside"])
@pytest.mark.parametrize("role", ROLES)
def test_lists_and_details_follow_the_projects_scope(elevator_world, role, side):
    client = client_for(elevator_world.users[role])
    readable = can_read(role, "project", side)
    wrong = []
    for name, (url, _model, _edit) in ENDPOINTS.items():
        obj = getattr(getattr(elevator_world, side), name)
        if (obj.pk in listed_ids(client, url)) is not readable:
            wrong.append(f"{name}: listed {not readable}")
        status = client.get(f"{url}{obj.pk}/").status_code
        if status != (200 if readable else 404):
            wrong.append(f"{name}: detail {status}")
    assert not wrong, f"{role} on the {side} side: " + "; ".join(wrong)


def test_anonymous_gets_nothing(elevator_world):
    client = APIClient()
    before = counts()
    for name, (url, _model, edit) in ENDPOINTS.items():
        obj = getattr(elevator_world.inside, name)
        assert client.get(url).status_code in (401, 403), name
        assert client.get(f"{url}{obj.pk}/").status_code in (401, 403), name
        assert client.post(url, edit, format="json").status_code in (401, 403), name
    assert counts() == before


@pytest.mark.parametrize("side", ["inside", "outside"])
@pytest.mark.parametrize("role", ROLES)
def test_register_edits_follow_the_projects_write_scope(elevator_world, role, side):
    client = client_for(elevator_world.users[role])
    elevator = getattr(elevator_world, side).elevator
    expected = 200 if can_write(role, "project", side) else 403 if can_read(role, "project", side) else 404
    before = row(Elevator, elevator)
    response = client.patch(f"{ELEVATORS}{elevator.pk}/", {"location": "3号楼东侧"}, format="json")
    assert response.status_code == expected, response.content
    after = row(Elevator, elevator)
    assert (after["location"] == "3号楼东侧") if expected == 200 else after == before


def test_a_registration_code_is_checked_and_normalised_through_the_api(elevator_world):
    client = client_for(elevator_world.users["manager"])
    payload = {
        "project": elevator_world.inside.project.pk,
        "name": "2号梯",
        "registration_code": "梯11蒙b00009（26）",
        "maker": "通力",
        "in_service_from": timezone.localdate().isoformat(),
    }
    before = Elevator.objects.count()
    bad = client.post(ELEVATORS, {**payload, "registration_code": "12345"}, format="json")
    assert bad.status_code == 400 and set(bad.json()) == {"registration_code"}
    taken = client.post(ELEVATORS, {**payload, "registration_code": "梯11蒙B00001(25)"}, format="json")
    assert taken.status_code == 400 and Elevator.objects.count() == before
    response = client.post(ELEVATORS, payload, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["registration_code"] == "梯11蒙B00009(26)"


def test_the_register_is_never_deleted(elevator_world):
    client = client_for(elevator_world.users["admin"])
    assert client.delete(f"{ELEVATORS}{elevator_world.inside.elevator.pk}/").status_code == 405
    assert Elevator.objects.filter(pk=elevator_world.inside.elevator.pk).exists()


@pytest.mark.parametrize("side", ["inside", "outside"])
@pytest.mark.parametrize("role", ROLES)
def test_records_are_never_changed_or_deleted(elevator_world, role, side):
    client = client_for(elevator_world.users[role])
    before = counts()
    wrong = []
    for name, (url, model, edit) in RECORDS.items():
        obj = getattr(getattr(elevator_world, side), name)
        stored = row(model, obj)
        for method in ("patch", "put", "delete"):
            response = getattr(client, method)(f"{url}{obj.pk}/", edit, format="json")
            if response.status_code != 405:
                wrong.append(f"{name}: {method.upper()} {response.status_code}")
        if row(model, obj) != stored:
            wrong.append(f"{name}: changed")
    assert counts() == before
    assert not wrong, f"{role} on the {side} side: " + "; ".join(wrong)


def payloads(elevator, now):
    called = now - datetime.timedelta(minutes=50)
    return {
        "elevatorinspection": {
            "elevator": elevator.pk,
            "occurred_at": now.isoformat(),
            "inspection_body": "内蒙古自治区特种设备检验研究院",
            "result": "pass",
            "valid_until": (timezone.localdate() + datetime.timedelta(days=360)).isoformat(),
            "attachment": SimpleUploadedFile("report.pdf", b"%PDF-1.4 api", content_type="application/pdf"),
        },
        "maintenancevisit": {
            "elevator": elevator.pk,
            "occurred_at": now.isoformat(),
            "tier": "quarterly",
            "technician": "李师傅",
            "technician_certificate": "T150203198001010011",
            "items": "季度保养",
        },
        "breakdown": {
            "elevator": elevator.pk,
            "occurred_at": called.isoformat(),
            "arrived_at": (called + datetime.timedelta(minutes=20)).isoformat(),
            "released_at": (called + datetime.timedelta(minutes=26)).isoformat(),
            "people_trapped": 1,
            "cause": "安全回路断开",
        },
        "elevatorlabelcheck": {
            "elevator": elevator.pk,
            "occurred_at": now.isoformat(),
            "inspection_mark_ok": True,
            "operating_labels_ok": True,
            "attachment": label_photo(),
        },
    }


@pytest.mark.parametrize("side", ["inside", "outside"])
@pytest.mark.parametrize("role", ROLES)
def test_records_are_added_by_who_records_the_duties_and_nothing_else_is_written(elevator_world, role, side):
    elevator = getattr(elevator_world, side).elevator
    client = client_for(elevator_world.users[role])
    now = timezone.now() - datetime.timedelta(minutes=5)
    # An unseen elevator is a field error, as if it did not exist.
    want = 400 if not can_read(role, "project", side) else 201 if role in RECORDERS[side] else 403
    before = counts()
    wrong = []
    for name, payload in payloads(elevator, now).items():
        url = RECORDS[name][0]
        response = client.post(url, payload, format="multipart")
        if response.status_code != want:
            wrong.append(f"{name}: {response.status_code} (expected {want}) {response.content[:200]}")
        elif want == 400 and set(response.json()) != {"elevator"}:
            wrong.append(f"{name}: {response.json()}")
        elif want == 201:
            stored = RECORDS[name][1].objects.get(pk=response.json()["id"])
            if stored.recorded_by != elevator_world.users[role] or stored.channel != "api":
                wrong.append(f"{name}: stamped {stored.recorded_by} {stored.channel}")
    after = counts()
    grown = {model: after[model] - before[model] for model in after}
    assert all(n == (1 if want == 201 and model is not Elevator else 0) for model, n in grown.items()), grown
    assert not wrong, f"{role} on the {side} side: " + "; ".join(wrong)


def test_a_record_shows_its_file_as_a_scoped_link_and_ignores_a_sent_receipt_time(elevator_world):
    client = client_for(elevator_world.users["staff"])
    now = timezone.now() - datetime.timedelta(minutes=5)
    payload = payloads(elevator_world.inside.elevator, now)["elevatorinspection"]
    payload["recorded_at"] = (now - datetime.timedelta(days=30)).isoformat()
    response = client.post(RECORDS["elevatorinspection"][0], payload, format="multipart")
    assert response.status_code == 201, response.content
    body = response.json()
    stored = ElevatorInspection.objects.get(pk=body["id"])
    assert stored.recorded_at > now and stored.backfilled is False
    assert body["attachment"].endswith(f"/files/safety.elevatorinspection/{stored.pk}/attachment/")
    assert body["hash"] == stored.compute_hash() and len(body["attachment_sha256"]) == 64


def test_a_label_check_without_a_photo_or_with_the_wrong_file_is_refused(elevator_world):
    client = client_for(elevator_world.users["staff"])
    payload = payloads(elevator_world.inside.elevator, timezone.now())["elevatorlabelcheck"]
    before = counts()
    missing = client.post(RECORDS["elevatorlabelcheck"][0], {**payload, "attachment": ""}, format="multipart")
    assert missing.status_code == 400 and "attachment" in missing.json()
    wrong = SimpleUploadedFile("labels.pdf", b"%PDF", content_type="application/pdf")
    response = client.post(
        RECORDS["elevatorlabelcheck"][0], {**payload, "attachment": wrong}, format="multipart"
    )
    assert response.status_code == 400 and "attachment" in response.json()
    assert counts() == before


def test_records_filter_by_project_and_time(elevator_world):
    client = client_for(elevator_world.users["regulator"])
    inside = elevator_world.inside
    url = RECORDS["maintenancevisit"][0]
    assert listed_ids(client, f"{url}?project={inside.project.pk}") == {inside.maintenancevisit.pk}
    after = (inside.maintenancevisit.occurred_at + datetime.timedelta(minutes=1)).isoformat()
    assert (
        listed_ids(client, f"{url}?project={inside.project.pk}&occurred_after={after.replace('+', '%2B')}")
        == set()
    )
    assert listed_ids(client, f"{ELEVATORS}?division=150100") == {elevator_world.outside.elevator.pk}


@pytest.mark.parametrize("endpoint", [ELEVATORS, *(url for url, _model, _edit in RECORDS.values())])
def test_a_list_of_20_costs_no_more_queries_than_a_list_of_3(
    elevator_world, endpoint, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from wuye.safety.tests.test_elevator_pages import add_all_records, more_elevators

    client = client_for(elevator_world.users["regulator"])
    project, admin, now = elevator_world.inside.project, elevator_world.users["admin"], timezone.now()

    def fill(count, start):
        for elevator in more_elevators(project, count, start=start):
            add_all_records(admin, elevator, now - datetime.timedelta(hours=3))
            inspection = ElevatorInspection(
                elevator=elevator,
                occurred_at=now - datetime.timedelta(hours=2),
                inspection_body="检验院",
                result="pass",
                valid_until=timezone.localdate() + datetime.timedelta(days=300),
            )
            record_elevator_evidence(admin, inspection, channel="web")

    fill(2, 2)
    with CaptureQueriesContext(connection) as three:
        assert len(client.get(endpoint + "?page_size=3").json()["results"]) == 3
    fill(18, 10)
    with django_assert_max_num_queries(len(three)):
        assert len(client.get(endpoint + "?page_size=20").json()["results"]) == 20


@pytest.mark.parametrize(
    "model", ["elevatorinspection", "maintenancevisit", "breakdown", "elevatorlabelcheck"]
)
def test_records_are_read_only_in_the_admin_and_the_register_keeps_its_history(client, elevator_world, model):
    from django.urls import reverse

    client.force_login(elevator_world.users["admin"])
    obj = getattr(elevator_world.inside, model)
    assert client.get(reverse(f"admin:safety_{model}_changelist")).status_code == 200
    assert client.get(reverse(f"admin:safety_{model}_add")).status_code == 403
    change = client.get(reverse(f"admin:safety_{model}_change", args=[obj.pk]))
    assert change.status_code == 200 and 'type="submit"' not in change.content.decode().split("<form")[-1]
    assert (
        client.post(reverse(f"admin:safety_{model}_delete", args=[obj.pk]), {"post": "yes"}).status_code
        == 403
    )
    elevator = elevator_world.inside.elevator
    assert client.get(reverse("admin:safety_elevator_history", args=[elevator.pk])).status_code == 200
