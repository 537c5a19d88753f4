"""The clause 4.6 and 4.7 endpoints with every role, inside and outside: tanks and septic tanks kept like the
registry (written where the project is), every record append-only and added only by who records the
project's duties, a report handled through its ``handle`` action. A refused request writes nothing.

Held to the hand-written table of wuye/testing/expectations.py with the project's rule.
"""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from rest_framework.test import APIClient

from wuye.safety.models import (
    Defect,
    DefectFix,
    PollutionIncident,
    PollutionReport,
    SepticEmptying,
    SepticTank,
    SewerCheck,
    SewerFlush,
    TankCleaning,
    WaterQualityReport,
    WaterTank,
    WaterTest,
)
from wuye.safety.tests.world import GOOD_WATER, add_water
from wuye.testing.expectations import can_read, can_write
from wuye.testing.personas import ROLES

pytestmark = pytest.mark.django_db

REGISTERS = {
    "watertank": ("/api/water-tanks/", WaterTank, {"location": "2号楼屋顶"}),
    "septictank": ("/api/septic-tanks/", SepticTank, {"location": "5号楼北侧"}),
}
APPEND_ONLY = {
    "watertest": ("/api/water-tests/", WaterTest, {"turbidity": "9.00"}),
    "tankcleaning": ("/api/tank-cleanings/", TankCleaning, {"contractor": "别人"}),
    "waterreport": ("/api/water-quality-reports/", WaterQualityReport, {"description": "改过"}),
    "pollutionincident": ("/api/pollution-incidents/", PollutionIncident, {"description": "改过"}),
    "pollutionreport": ("/api/pollution-reports/", PollutionReport, {"authority": "别处"}),
    "sewercheck": ("/api/sewer-checks/", SewerCheck, {"inspector": "别人"}),
    "sewerflush": ("/api/sewer-flushes/", SewerFlush, {"contractor": "别人"}),
    "septicemptying": ("/api/septic-emptyings/", SepticEmptying, {"contractor": "别人"}),
}
ENDPOINTS = {**REGISTERS, **APPEND_ONLY}
RECORDERS = {"inside": {"manager", "staff", "admin"}, "outside": {"admin"}}


@pytest.fixture
def water_world(world):
    return add_water(world)


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
    models = [model for _url, model, _edit in ENDPOINTS.values()] + [Defect, DefectFix]
    return {model: model._base_manager.count() for model in models}


@pytest.mark.parametrize("side", ["inside", "outside"])
@pytest.mark.parametrize("role", ROLES)
def test_lists_and_details_follow_the_projects_scope(water_world, role, side):
    client = client_for(water_world.users[role])
    readable = can_read(role, "project", side)
    wrong = []
    for name, (url, _model, _edit) in ENDPOINTS.items():
        obj = getattr(getattr(water_world, side), name)
        if (obj.pk in listed_ids(client, url)) is not readable:
            wrong.append(f"{name}: listed {not readable}")
        status = client.get(f"{url}{obj.pk}/").status_code
        if status != (200 if readable else 404):
            wrong.append(f"{name}: detail {status}")
    assert not wrong, f"{role} on the {side} side: " + "; ".join(wrong)


def test_anonymous_gets_nothing(water_world):
    client = APIClient()
    before = counts()
    for name, (url, _model, edit) in ENDPOINTS.items():
        obj = getattr(water_world.inside, name)
        assert client.get(url).status_code in (401, 403), name
        assert client.get(f"{url}{obj.pk}/").status_code in (401, 403), name
        assert client.post(url, edit, format="json").status_code in (401, 403), name
    assert counts() == before


@pytest.mark.parametrize("side", ["inside", "outside"])
@pytest.mark.parametrize("role", ROLES)
def test_register_edits_follow_the_projects_write_scope(water_world, role, side):
    client = client_for(water_world.users[role])
    expected = 200 if can_write(role, "project", side) else 403 if can_read(role, "project", side) else 404
    wrong = []
    for name, (url, model, edit) in REGISTERS.items():
        obj = getattr(getattr(water_world, side), name)
        before = row(model, obj)
        response = client.patch(f"{url}{obj.pk}/", edit, format="json")
        field, value = next(iter(edit.items()))
        if response.status_code != expected:
            wrong.append(f"{name}: {response.status_code} (expected {expected})")
        elif expected == 200 and row(model, obj)[field] != value:
            wrong.append(f"{name}: not changed after 200")
        elif expected != 200 and row(model, obj) != before:
            wrong.append(f"{name}: changed after {response.status_code}")
        if (
            client.delete(f"{url}{obj.pk}/").status_code not in (403, 404, 405)
            or not model.objects.filter(pk=obj.pk).exists()
        ):
            wrong.append(f"{name}: deleted")
    assert not wrong, f"{role} on the {side} side: " + "; ".join(wrong)


@pytest.mark.parametrize("side", ["inside", "outside"])
@pytest.mark.parametrize("role", ROLES)
def test_records_are_never_changed_or_deleted(water_world, role, side):
    client = client_for(water_world.users[role])
    before = counts()
    wrong = []
    for name, (url, model, edit) in APPEND_ONLY.items():
        obj = getattr(getattr(water_world, side), name)
        stored = row(model, obj)
        for method in ("patch", "put", "delete"):
            response = getattr(client, method)(f"{url}{obj.pk}/", edit, format="json")
            if response.status_code != 405:
                wrong.append(f"{name}: {method.upper()} {response.status_code}")
        if row(model, obj) != stored:
            wrong.append(f"{name}: changed")
    assert counts() == before
    assert not wrong, f"{role} on the {side} side: " + "; ".join(wrong)


def payloads(side):
    """One new record of each kind about the side's objects, claimed an hour ago."""
    when = (timezone.now() - datetime.timedelta(hours=1)).isoformat()
    return {
        "/api/water-tests/": {
            "tank": side.watertank.pk,
            "occurred_at": when,
            "laboratory": "包头市疾病预防控制中心",
            "laboratory_cma": "160512050123",
            **GOOD_WATER,
        },
        "/api/tank-cleanings/": {
            "tank": side.watertank.pk,
            "occurred_at": when,
            "contractor": "洁源",
            "disinfectant": "二氧化氯",
        },
        "/api/water-quality-reports/": {
            "project": side.project.pk,
            "occurred_at": when,
            "complaint": "both",
            "description": "水发黄有异味",
            "reporter": "张先生",
        },
        "/api/pollution-incidents/": {"project": side.project.pk, "occurred_at": when, "description": "溢流"},
        "/api/pollution-reports/": {
            "incident": side.pollutionincident.pk,
            "occurred_at": when,
            "authority": "区住建局",
        },
        "/api/sewer-checks/": {"project": side.project.pk, "occurred_at": when, "inspector": "赵师傅"},
        "/api/sewer-flushes/": {
            "project": side.project.pk,
            "occurred_at": when,
            "contractor": "畅通",
            "extent": "全部",
        },
        "/api/septic-emptyings/": {
            "septic_tank": side.septictank.pk,
            "occurred_at": when,
            "contractor": "环卫",
        },
    }


@pytest.mark.parametrize("side", ["inside", "outside"])
@pytest.mark.parametrize("role", ROLES)
def test_records_are_added_only_by_who_records_the_projects_duties(water_world, role, side):
    where = getattr(water_world, side)
    client = client_for(water_world.users[role])
    user = water_world.users[role]
    # A subject the role cannot see is a field error (as if it did not exist); seen but not recorded: 403.
    want = 201 if role in RECORDERS[side] else 403 if can_read(role, "project", side) else 400
    wrong = []
    for url, payload in payloads(where).items():
        before = counts()
        response = client.post(url, payload, format="json")
        if response.status_code != want:
            wrong.append(f"{url}: {response.status_code} (expected {want}) {response.content[:200]}")
            continue
        after = counts()
        if want == 201:
            stored = ENDPOINTS_BY_URL[url].objects.get(pk=response.json()["id"])
            if (stored.recorded_by, stored.channel) != (user, "api") or stored.hash != stored.compute_hash():
                wrong.append(f"{url}: stamped wrong")
        elif after != before:
            wrong.append(f"{url}: wrote after {response.status_code}")
    assert not wrong, f"{role} on the {side} side: " + "; ".join(wrong)


ENDPOINTS_BY_URL = {url: model for url, model, _edit in APPEND_ONLY.values()}


def test_a_report_through_the_api_opens_its_defect_and_shows_its_deadline(water_world):
    client = client_for(water_world.users["staff"])
    payload = payloads(water_world.inside)["/api/water-quality-reports/"]
    response = client.post("/api/water-quality-reports/", payload, format="json")
    assert response.status_code == 201, response.content
    report = WaterQualityReport.objects.get(pk=response.json()["id"])
    defect = Defect.objects.get(source=f"safety.waterqualityreport:{report.pk}")
    assert defect.deadline == report.occurred_at + datetime.timedelta(hours=24)
    assert response.json()["handled_at"] is None and response.json()["deadline"]
    listed = client.get("/api/water-quality-reports/?handled=false").json()["results"]
    assert report.pk in {item["id"] for item in listed}


@pytest.mark.parametrize("side", ["inside", "outside"])
@pytest.mark.parametrize("role", ROLES)
def test_a_report_is_handled_through_its_action_by_who_records_the_duties(water_world, role, side):
    where = getattr(water_world, side)
    client = client_for(water_world.users[role])
    want = 201 if role in RECORDERS[side] else 403 if can_read(role, "project", side) else 404
    before = DefectFix.objects.count()
    response = client.post(
        f"/api/water-quality-reports/{where.waterreport.pk}/handle/",
        {"occurred_at": timezone.now().isoformat(), "note": "已冲洗管道，水质恢复"},
        format="json",
    )
    assert response.status_code == want, response.content
    where.waterdefect.refresh_from_db()
    if want == 201:
        assert DefectFix.objects.count() == before + 1 and where.waterdefect.fixed_at is not None
        detail = client.get(f"/api/water-quality-reports/{where.waterreport.pk}/").json()
        assert detail["handled_at"] is not None
    else:
        assert DefectFix.objects.count() == before and where.waterdefect.fixed_at is None


def test_a_report_file_is_uploaded_with_its_hash_and_served_only_within_scope(water_world, client):
    api = client_for(water_world.users["staff"])
    payload = payloads(water_world.inside)["/api/water-tests/"]
    upload = SimpleUploadedFile("报告.pdf", b"%PDF-1.4 report", content_type="application/pdf")
    response = api.post("/api/water-tests/", {**payload, "attachment": upload}, format="multipart")
    assert response.status_code == 201, response.content
    test = WaterTest.objects.get(pk=response.json()["id"])
    assert len(test.attachment_sha256) == 64 and test.hash == test.compute_hash()
    url = f"/files/safety.watertest/{test.pk}/attachment/"
    client.force_login(water_world.users["committee"])
    assert client.get(url).status_code == 200
    client.force_login(water_world.users["stranger"])
    assert client.get(url).status_code == 404


def test_a_value_out_of_range_is_a_field_error_and_nothing_is_written(water_world):
    client = client_for(water_world.users["staff"])
    payload = {**payloads(water_world.inside)["/api/water-tests/"], "ph": "15.00"}
    before = counts()
    response = client.post("/api/water-tests/", payload, format="json")
    assert response.status_code == 400 and "ph" in response.json()
    assert counts() == before


def test_filters_by_project_and_time(water_world):
    client = client_for(water_world.users["regulator"])
    inside = water_world.inside
    tests = client.get(f"/api/water-tests/?project={inside.project.pk}").json()["results"]
    assert [item["id"] for item in tests] == [inside.watertest.pk]
    after = (timezone.now() - datetime.timedelta(days=5)).isoformat()
    assert client.get("/api/water-tests/", {"occurred_after": after}).json()["results"] == []
    tanks = client.get("/api/water-tanks/?division=150200").json()["results"]
    assert [item["id"] for item in tanks] == [inside.watertank.pk]
