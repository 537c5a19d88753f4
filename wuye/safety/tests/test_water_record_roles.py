"""The recording pages of clauses 4.6 and 4.7 posted by every role, inside and outside (the URL matrix only
GETs them): who records the project's duties gets the record written and is sent back; who only reads the
project gets 403, who cannot see it 404, and a refused request writes nothing."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from wuye.safety.models import (
    Defect,
    DefectFix,
    PollutionIncident,
    PollutionReport,
    SepticEmptying,
    SewerCheck,
    SewerFlush,
    TankCleaning,
    WaterQualityReport,
    WaterTest,
)
from wuye.safety.tests.world import add_water
from wuye.testing.expectations import can_read
from wuye.testing.personas import ROLES

pytestmark = pytest.mark.django_db

RECORDERS = {"inside": {"manager", "staff", "admin"}, "outside": {"admin"}}
MINUTE = "%Y-%m-%dT%H:%M"
MODELS = [
    WaterTest,
    TankCleaning,
    WaterQualityReport,
    Defect,
    DefectFix,
    PollutionIncident,
    PollutionReport,
    SewerCheck,
    SewerFlush,
    SepticEmptying,
]


@pytest.fixture
def water_world(world):
    return add_water(world)


def expected(role, side):
    if not can_read(role, "project", side):
        return 404
    return 302 if role in RECORDERS[side] else 403


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def photo(name="photo.jpg"):
    return SimpleUploadedFile(name, b"\xff\xd8\xff\xe0 a photo", content_type="image/jpeg")


def posts(side):
    """Each recording page with a valid form: (url name, subject pk, data, the counts it adds)."""
    when = timezone.localtime() - datetime.timedelta(minutes=30)
    at = when.strftime(MINUTE)
    return [
        (
            "water-test-create",
            side.watertank.pk,
            {
                "occurred_at": at,
                "laboratory": "包头市疾病预防控制中心",
                "laboratory_cma": "160512050123",
                "colour": "5",
                "turbidity": "0.40",
                "odour_visible_matter": "0",
                "ph": "7.30",
                "total_coliforms": "0",
                "total_bacteria": "20",
                "residual_chlorine": "0.20",
                "attachment": SimpleUploadedFile("report.pdf", b"%PDF-1.4", content_type="application/pdf"),
            },
            {"WaterTest": 1},
        ),
        (
            "tank-cleaning-create",
            side.watertank.pk,
            {"occurred_at": at, "contractor": "洁源", "disinfectant": "次氯酸钠", "attachment": photo()},
            {"TankCleaning": 1},
        ),
        (
            "water-report-create",
            side.project.pk,
            {"occurred_at": at, "complaint": "odour", "description": "有异味", "reporter": "周女士"},
            {"WaterQualityReport": 1, "Defect": 1},
        ),
        ("water-report-handle", side.waterreport.pk, {"occurred_at": at, "note": "已冲洗"}, {"DefectFix": 1}),
        (
            "pollution-incident-create",
            side.project.pk,
            {"occurred_at": at, "description": "水箱溢流口进水", "reported_at": at, "authority": "区卫健委"},
            {"PollutionIncident": 1, "PollutionReport": 1},
        ),
        (
            "pollution-report-create",
            side.pollutionincident.pk,
            {"occurred_at": at, "authority": "区住建局"},
            {"PollutionReport": 1},
        ),
        (
            "sewer-check-create",
            side.project.pk,
            {"occurred_at": at, "inspector": "赵师傅"},
            {"SewerCheck": 1},
        ),
        (
            "sewer-flush-create",
            side.project.pk,
            {"occurred_at": at, "contractor": "畅通", "extent": "全部主管道"},
            {"SewerFlush": 1},
        ),
        (
            "septic-emptying-create",
            side.septictank.pk,
            {"occurred_at": at, "contractor": "环卫", "volume": "8.5"},
            {"SepticEmptying": 1},
        ),
    ]


@pytest.mark.parametrize("side", ["inside", "outside"])
@pytest.mark.parametrize("role", ROLES)
def test_the_recording_pages_answer_and_write_as_the_table_says(client, water_world, role, side):
    where = getattr(water_world, side)
    client.force_login(water_world.users[role])
    client.raise_request_exception = False
    want = expected(role, side)
    wrong = []
    for name, pk, data, adds in posts(where):
        before = counts()
        response = client.post(reverse(name, args=[pk]), data)
        after = counts()
        if response.status_code != want:
            wrong.append(f"{name}: {response.status_code} (expected {want})")
            continue
        grown = {model: after[model] - before[model] for model in after if after[model] != before[model]}
        if grown != (adds if want == 302 else {}):
            wrong.append(f"{name}: wrote {grown}")
    assert not wrong, f"{role} on the {side} side: " + "; ".join(wrong)


def test_the_records_carry_the_user_the_server_time_and_the_file(client, water_world):
    staff = water_world.users["staff"]
    client.force_login(staff)
    before = timezone.now()
    for name, pk, data, _adds in posts(water_world.inside):
        assert client.post(reverse(name, args=[pk]), data).status_code == 302, name
    test = WaterTest.objects.latest("recorded_at")
    assert test.recorded_by == staff and test.recorded_at >= before and test.channel == "web"
    assert test.attachment and len(test.attachment_sha256) == 64
    assert TankCleaning.objects.latest("recorded_at").attachment
    water_world.inside.waterdefect.refresh_from_db()
    assert water_world.inside.waterdefect.fixed_at is not None


@pytest.mark.parametrize(
    "name,change,error",
    [
        ("water-test-create", {"attachment": None}, "attachment"),
        ("water-test-create", {"laboratory_cma": "CMA"}, None),
        ("water-test-create", {"ph": "14.5"}, "ph"),
        ("water-test-create", {"total_coliforms": ""}, "total_coliforms"),
        ("tank-cleaning-create", {"attachment": None}, "attachment"),
        ("pollution-incident-create", {"authority": ""}, "authority"),
        ("water-test-create", {"attachment": SimpleUploadedFile("x.exe", b"MZ")}, "attachment"),
    ],
)
def test_an_invalid_record_is_refused_on_its_field_and_nothing_is_written(
    client, water_world, name, change, error
):
    client.force_login(water_world.users["staff"])
    pk, data = next((pk, data) for n, pk, data, _adds in posts(water_world.inside) if n == name)
    data = {k: v for k, v in {**data, **change}.items() if v is not None}
    before = counts()
    response = client.post(reverse(name, args=[pk]), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert (error in form.errors) if error else form.non_field_errors() or form.errors
    assert counts() == before


def test_a_time_after_the_servers_is_refused(client, water_world):
    client.force_login(water_world.users["staff"])
    later = (timezone.localtime() + datetime.timedelta(hours=2)).strftime(MINUTE)
    before = counts()
    response = client.post(
        reverse("sewer-check-create", args=[water_world.inside.project.pk]),
        {"occurred_at": later, "inspector": "赵师傅"},
    )
    assert response.status_code == 200 and "occurred_at" in response.context["form"].errors
    assert counts() == before
