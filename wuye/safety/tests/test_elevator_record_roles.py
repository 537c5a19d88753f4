"""The recording pages of clause 4.2 posted by every role, inside and outside (the URL matrix only GETs them).

Who records the project's duties (its staff, the serving enterprise's managers, the operators) gets the
record written, with the server's time and the uploaded file; who only reads the project gets 403, who
cannot see it 404, and a refused or invalid request writes nothing.
"""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from wuye.safety.models import Breakdown, ElevatorInspection, ElevatorLabelCheck, MaintenanceVisit
from wuye.safety.tests.world import add_elevators, label_photo
from wuye.testing.expectations import can_read
from wuye.testing.personas import ROLES

pytestmark = pytest.mark.django_db

RECORDERS = {"inside": {"manager", "staff", "admin"}, "outside": {"admin"}}
MINUTE = "%Y-%m-%dT%H:%M"
MODELS = (ElevatorInspection, MaintenanceVisit, Breakdown, ElevatorLabelCheck)


@pytest.fixture
def elevator_world(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return add_elevators(world)


def expected(role, side):
    if not can_read(role, "project", side):
        return 404
    return 302 if role in RECORDERS[side] else 403


def counts(elevator):
    return tuple(model.objects.filter(elevator=elevator).count() for model in MODELS)


def report():
    return SimpleUploadedFile("report.pdf", b"%PDF-1.4 inspection report", content_type="application/pdf")


def posts(now):
    earlier = now - datetime.timedelta(minutes=40)
    return {
        "elevator-inspection-create": {
            "occurred_at": now.strftime(MINUTE),
            "inspection_body": "内蒙古自治区特种设备检验研究院",
            "result": "pass",
            "valid_until": (now.date() + datetime.timedelta(days=360)).isoformat(),
            "report_number": "DJ-2026-0001",
            "attachment": report(),
        },
        "elevator-maintenance-create": {
            "occurred_at": now.strftime(MINUTE),
            "tier": "half_monthly",
            "technician": "李师傅",
            "technician_certificate": "T150203198001010011",
            "items": "机房、轿厢、层门",
        },
        "elevator-breakdown-create": {
            "occurred_at": earlier.strftime(MINUTE),
            "arrived_at": (earlier + datetime.timedelta(minutes=18)).strftime(MINUTE),
            "released_at": (earlier + datetime.timedelta(minutes=25)).strftime(MINUTE),
            "people_trapped": 2,
            "cause": "停电困人",
        },
        "elevator-label-create": {
            "occurred_at": now.strftime(MINUTE),
            "attachment": label_photo(),
            "inspection_mark_ok": "on",
            "operating_labels_ok": "on",
        },
    }


@pytest.mark.parametrize("side", ["inside", "outside"])
@pytest.mark.parametrize("role", ROLES)
def test_the_recording_pages_answer_and_write_as_the_table_says(client, elevator_world, role, side):
    elevator = getattr(elevator_world, side).elevator
    client.force_login(elevator_world.users[role])
    client.raise_request_exception = False
    want = expected(role, side)
    before = counts(elevator)
    wrong = []
    for name, data in posts(timezone.localtime()).items():
        response = client.post(reverse(name, args=[elevator.pk]), data)
        if response.status_code != want:
            errors = response.context["form"].errors if response.status_code == 200 else ""
            wrong.append(f"{name}: {response.status_code} (expected {want}) {errors}")
    after = counts(elevator)
    assert after == (tuple(n + 1 for n in before) if want == 302 else before), after
    assert not wrong, f"{role} on the {side} side: " + "; ".join(wrong)
    if want == 302:
        inspection = ElevatorInspection.objects.filter(elevator=elevator).latest("recorded_at")
        assert inspection.recorded_by == elevator_world.users[role] and inspection.channel == "web"
        assert inspection.attachment.read() == b"%PDF-1.4 inspection report"
        assert inspection.attachment_sha256 and inspection.hash == inspection.compute_hash()


def test_the_forms_start_from_the_servers_time_and_the_last_visits_technician(client, elevator_world):
    elevator = elevator_world.inside.elevator
    client.force_login(elevator_world.users["staff"])
    body = client.get(reverse("elevator-maintenance-create", args=[elevator.pk])).content.decode()
    assert 'value="李师傅"' in body and 'value="T150203198001010011"' in body
    assert f'max="{timezone.localtime():%Y-%m-%dT}' in body
    body = client.get(reverse("elevator-label-create", args=[elevator.pk])).content.decode()
    assert 'capture="environment"' in body and 'enctype="multipart/form-data"' in body


@pytest.mark.parametrize(
    "name, change, error",
    [
        ("elevator-inspection-create", {"attachment": None}, "attachment"),  # the report is required
        ("elevator-inspection-create", {"result": "fail"}, "valid_until"),
        ("elevator-maintenance-create", {"items": ""}, "items"),
        ("elevator-breakdown-create", {"released_at": ""}, "released_at"),
        ("elevator-label-create", {"attachment": None}, "attachment"),
        ("elevator-label-create", {"operating_labels_ok": ""}, "note"),
        ("elevator-maintenance-create", {"occurred_at": "2099-01-01T09:00"}, "occurred_at"),
    ],
)
def test_an_invalid_record_shows_why_and_writes_nothing(client, elevator_world, name, change, error):
    elevator = elevator_world.inside.elevator
    client.force_login(elevator_world.users["staff"])
    data = {**posts(timezone.localtime())[name], **change}
    data = {key: value for key, value in data.items() if value is not None}
    before = counts(elevator)
    response = client.post(reverse(name, args=[elevator.pk]), data)
    assert response.status_code == 200
    assert error in response.context["form"].errors, response.context["form"].errors
    assert counts(elevator) == before


def test_a_file_of_the_wrong_kind_is_refused(client, elevator_world):
    elevator = elevator_world.inside.elevator
    client.force_login(elevator_world.users["staff"])
    data = {
        **posts(timezone.localtime())["elevator-inspection-create"],
        "attachment": SimpleUploadedFile("report.exe", b"MZ", content_type="application/octet-stream"),
    }
    before = counts(elevator)
    response = client.post(reverse("elevator-inspection-create", args=[elevator.pk]), data)
    assert response.status_code == 200 and "attachment" in response.context["form"].errors
    assert counts(elevator) == before
