"""The endpoints of clauses 3.4, 3.5, 4.5 and the entrance signs with every role, inside and outside.

Evidence is read where its project is and recorded (multipart, with its file) by those who record the
project's duties; it is never changed or deleted. Content reviews are for the project's committee
members and the regulators over it. Vehicles are kept like the owner register (not the developer's to
read). Expectations come from the hand-written table of wuye/testing/expectations.py.
"""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from wuye.safety.models import (
    ArchiveDocument,
    ContentReview,
    Drill,
    EmergencyPlan,
    Incident,
    PlanReview,
    SignPhoto,
    StoppageNotice,
    Vehicle,
    VehicleRules,
)
from wuye.safety.tests.world import PDF, PNG, add_plans
from wuye.testing.expectations import can_read, can_write
from wuye.testing.personas import ROLES

pytestmark = pytest.mark.django_db

# World attribute → (endpoint, model, an edit of one field).
EVIDENCE = {
    "emergencyplan": ("/api/emergency-plans/", EmergencyPlan, {"title": "改过"}),
    "planreview": ("/api/plan-reviews/", PlanReview, {"reviewer": "别人"}),
    "drill": ("/api/drills/", Drill, {"summary": "改过"}),
    "incident": ("/api/incidents/", Incident, {"actions": "改过"}),
    "stoppagenotice": ("/api/stoppage-notices/", StoppageNotice, {"area": "全小区"}),
    "archivedocument": ("/api/archive-documents/", ArchiveDocument, {"title": "改过"}),
    "vehiclerules": ("/api/vehicle-rules/", VehicleRules, {"title": "改过"}),
    "signphoto": ("/api/sign-photos/", SignPhoto, {"note": "改过"}),
    "contentreview": ("/api/content-reviews/", ContentReview, {"note": "改过"}),
}
VEHICLES = "/api/vehicles/"
READ_ONLY = ["regulator", "regulator_bt", "committee", "owner", "developer"]  # see, do not record
REVIEWERS = {"inside": {"regulator", "regulator_bt", "committee", "admin"}, "outside": {"regulator", "admin"}}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def plans_world(world):
    return add_plans(world)


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
    models = [model for _url, model, _edit in EVIDENCE.values()] + [Vehicle]
    return {model: model._base_manager.count() for model in models}


def drill_payload(world, side="inside"):
    return {
        "project": getattr(world, side).project.pk,
        "plan_type": "fire",
        "occurred_at": (timezone.now() - datetime.timedelta(hours=1)).isoformat(),
        "participant_count": 2,
        "participants": "张三，李四",
        "summary": "灭火器使用演练",
        "attachment": SimpleUploadedFile("drill.png", PNG, content_type="image/png"),
    }


# Reading


@pytest.mark.parametrize("side", ["inside", "outside"])
@pytest.mark.parametrize("role", ROLES)
def test_lists_and_details_follow_the_scope(plans_world, role, side):
    client = client_for(plans_world.users[role])
    wrong = []
    endpoints = {**EVIDENCE, "vehicle": (VEHICLES, Vehicle, {})}
    for name, (url, _model, _edit) in endpoints.items():
        readable = can_read(role, "owner" if name == "vehicle" else "project", side)
        obj = getattr(getattr(plans_world, side), name)
        if (obj.pk in listed_ids(client, url)) is not readable:
            wrong.append(f"{name}: listed {not readable}")
        status = client.get(f"{url}{obj.pk}/").status_code
        if status != (200 if readable else 404):
            wrong.append(f"{name}: detail {status}")
    assert not wrong, f"{role} on the {side} side: " + "; ".join(wrong)


def test_anonymous_gets_nothing(plans_world):
    client = APIClient()
    before = counts()
    for name, (url, _model, edit) in EVIDENCE.items():
        obj = getattr(plans_world.inside, name)
        assert client.get(url).status_code in (401, 403), name
        assert client.get(f"{url}{obj.pk}/").status_code in (401, 403), name
    assert client.post("/api/drills/", drill_payload(plans_world), format="multipart").status_code in (
        401,
        403,
    )
    assert client.get(VEHICLES).status_code in (401, 403)
    assert counts() == before


def test_a_file_comes_back_as_a_scoped_link_and_the_hash_of_its_content(plans_world):
    client = client_for(plans_world.users["owner"])
    plan = plans_world.inside.emergencyplan
    body = client.get(f"/api/emergency-plans/{plan.pk}/").json()
    assert "attachment" not in body and body["attachment_sha256"] == plan.attachment_sha256
    assert body["attachment_url"] == reverse(
        "scoped-file", args=["safety.emergencyplan", plan.pk, "attachment"]
    )
    client = APIClient()
    client.force_login(plans_world.users["owner"])
    assert client.get(body["attachment_url"]).status_code == 200
    client.force_login(plans_world.users["stranger"])
    assert client.get(body["attachment_url"]).status_code == 404


# Evidence: never changed or deleted


@pytest.mark.parametrize("side", ["inside", "outside"])
@pytest.mark.parametrize("role", ROLES)
def test_evidence_is_never_changed_or_deleted(plans_world, role, side):
    client = client_for(plans_world.users[role])
    before = counts()
    wrong = []
    for name, (url, model, edit) in EVIDENCE.items():
        obj = getattr(getattr(plans_world, side), name)
        stored = row(model, obj)
        for method in ("patch", "put", "delete"):
            response = getattr(client, method)(f"{url}{obj.pk}/", edit, format="json")
            if response.status_code != 405:
                wrong.append(f"{name}: {method.upper()} {response.status_code}")
        if row(model, obj) != stored:
            wrong.append(f"{name}: changed")
    assert counts() == before
    assert not wrong, f"{role} on the {side} side: " + "; ".join(wrong)


# Recording


@pytest.mark.parametrize("role", ["staff", "manager", "admin"])
def test_who_records_the_duties_posts_a_drill_with_its_photo(plans_world, role):
    before = timezone.now()
    response = client_for(plans_world.users[role]).post(
        "/api/drills/", drill_payload(plans_world), format="multipart"
    )
    assert response.status_code == 201, response.content
    drill = Drill.objects.get(pk=response.json()["id"])
    assert drill.recorded_by == plans_world.users[role] and drill.channel == "api"
    assert before <= drill.recorded_at <= timezone.now()
    assert drill.names() == ["张三", "李四"] and len(drill.attachment_sha256) == 64
    assert drill.hash == drill.compute_hash()


@pytest.mark.parametrize("role", READ_ONLY)
def test_who_only_reads_cannot_record_and_nothing_is_written(plans_world, role):
    before = counts()
    response = client_for(plans_world.users[role]).post(
        "/api/drills/", drill_payload(plans_world), format="multipart"
    )
    assert response.status_code == 403, response.content
    assert counts() == before


@pytest.mark.parametrize("role", ["manager", "staff", "stranger"])
def test_a_project_out_of_scope_is_unknown_and_nothing_is_written(plans_world, role):
    before = counts()
    response = client_for(plans_world.users[role]).post(
        "/api/drills/", drill_payload(plans_world, "outside"), format="multipart"
    )
    assert response.status_code == 400 and "project" in response.json()
    assert counts() == before


def test_a_drill_without_its_photo_or_with_a_wrong_file_is_refused(plans_world):
    client = client_for(plans_world.users["staff"])
    before = counts()
    payload = drill_payload(plans_world)
    del payload["attachment"]
    response = client.post("/api/drills/", payload, format="multipart")
    assert response.status_code == 400 and "attachment" in response.json()
    payload["attachment"] = SimpleUploadedFile("drill.exe", b"MZ", content_type="application/octet-stream")
    response = client.post("/api/drills/", payload, format="multipart")
    assert response.status_code == 400 and "attachment" in response.json()
    assert counts() == before


def test_a_plan_posted_records_its_approval_too(plans_world):
    response = client_for(plans_world.users["manager"]).post(
        "/api/emergency-plans/",
        {
            "project": plans_world.inside.project.pk,
            "plan_type": "power_outage",
            "title": "停电应急预案",
            "approved_by": "王经理",
            "occurred_at": (timezone.now() - datetime.timedelta(days=2)).isoformat(),
            "attachment": SimpleUploadedFile("plan.pdf", PDF, content_type="application/pdf"),
        },
        format="multipart",
    )
    assert response.status_code == 201, response.content
    plan = EmergencyPlan.objects.get(pk=response.json()["id"])
    (approval,) = plan.reviews.all()
    assert (approval.kind, approval.occurred_at, approval.project_id, approval.plan_type) == (
        "approval",
        plan.occurred_at,
        plan.project_id,
        "power_outage",
    )


def test_an_incident_is_completed_by_a_correction(plans_world):
    client = client_for(plans_world.users["staff"])
    began = timezone.now() - datetime.timedelta(hours=3)
    payload = {
        "project": plans_world.inside.project.pk,
        "plan_type": "power_outage",
        "occurred_at": began.isoformat(),
        "description": "全小区停电",
        "actions": "启动停电预案",
        "plan_started_at": (began + datetime.timedelta(minutes=5)).isoformat(),
    }
    first = client.post("/api/incidents/", payload, format="json")
    assert first.status_code == 201, first.content
    payload.update(corrects=first.json()["id"], ended_at=(began + datetime.timedelta(hours=2)).isoformat())
    second = client.post("/api/incidents/", payload, format="json")
    assert second.status_code == 201, second.content
    latest = client.get(f"/api/incidents/?latest=true&project={plans_world.inside.project.pk}").json()
    assert first.json()["id"] not in {item["id"] for item in latest["results"]}
    again = client.post("/api/incidents/", payload, format="json")  # the first is corrected already
    assert again.status_code == 400 and "corrects" in again.json()


# Content reviews


@pytest.mark.parametrize("side", ["inside", "outside"])
@pytest.mark.parametrize("role", ROLES)
def test_only_committee_members_and_regulators_review_content(plans_world, role, side):
    rules = getattr(plans_world, side).vehiclerules
    before = ContentReview.objects.count()
    response = client_for(plans_world.users[role]).post(
        "/api/content-reviews/",
        {"vehicle_rules": rules.pk, "verdict": "rejected", "note": "责任不清"},
        format="json",
    )
    if role in REVIEWERS[side]:
        assert response.status_code == 201, response.content
        review = ContentReview.objects.get(pk=response.json()["id"])
        assert (review.project_id, review.recorded_by) == (rules.project_id, plans_world.users[role])
    else:
        assert response.status_code == (403 if can_read(role, "project", side) else 400), response.content
        assert ContentReview.objects.count() == before


def test_a_review_names_one_record_and_a_rejection_its_reason(plans_world):
    client = client_for(plans_world.users["committee"])
    inside = plans_world.inside
    both = {"vehicle_rules": inside.vehiclerules.pk, "sign_photo": inside.signphoto.pk, "verdict": "accepted"}
    assert client.post("/api/content-reviews/", both, format="json").status_code == 400
    bare = {"sign_photo": inside.signphoto.pk, "verdict": "rejected"}
    response = client.post("/api/content-reviews/", bare, format="json")
    assert response.status_code == 400 and "note" in response.json()
    assert ContentReview.objects.count() == 2  # the world's two


# Vehicles: a register kept like the owner register


@pytest.mark.parametrize("side", ["inside", "outside"])
@pytest.mark.parametrize("role", ROLES)
def test_vehicle_edits_follow_the_owner_registers_write_scope(plans_world, role, side):
    client = client_for(plans_world.users[role])
    vehicle = getattr(plans_world, side).vehicle
    expected = 200 if can_write(role, "owner", side) else 403 if can_read(role, "owner", side) else 404
    before = row(Vehicle, vehicle)
    response = client.patch(f"{VEHICLES}{vehicle.pk}/", {"description": "白色朗逸"}, format="json")
    assert response.status_code == expected, response.content
    after = row(Vehicle, vehicle)
    assert (after["description"] == "白色朗逸") if expected == 200 else after == before
    assert client.delete(f"{VEHICLES}{vehicle.pk}/").status_code in (403, 404, 405)
    assert Vehicle.objects.filter(pk=vehicle.pk).exists()


def test_a_plate_is_normalised_validated_and_unique_in_its_project(plans_world):
    client = client_for(plans_world.users["manager"])
    household = plans_world.inside.neighbour.pk
    made = client.post(
        VEHICLES, {"household": household, "kind": "motor", "plate": "蒙b·d1234 5"}, format="json"
    )
    assert made.status_code == 201, made.content
    assert made.json()["plate"] == "蒙BD12345" and made.json()["project"] == plans_world.inside.project.pk
    for plate in ("蒙B1234", "蒙I12345", "AB12345", ""):
        response = client.post(
            VEHICLES, {"household": household, "kind": "motor", "plate": plate}, format="json"
        )
        assert response.status_code == 400 and "plate" in response.json(), plate
    again = client.post(
        VEHICLES, {"household": household, "kind": "motor", "plate": "蒙B12345"}, format="json"
    )
    assert again.status_code == 400 and "本项目已登记此号牌" in str(again.json())
    bike = client.post(VEHICLES, {"household": household, "kind": "non_motor", "plate": ""}, format="json")
    assert bike.status_code == 201, bike.content
    assert Vehicle.objects.filter(project=plans_world.inside.project).count() == 3
