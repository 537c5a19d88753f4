"""Who may do what on the pages of clauses 3.4, 3.5, 4.5 and the entrance signs, and that a refusal
writes nothing.

The URL matrix (core/tests/test_url_matrix.py) walks every page with GET; here the review pages (not in
its table: committee members and regulators review E-kind evidence) are walked with every role, and
every record page is posted to by every role.
"""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

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

RECORDERS = {"inside": {"manager", "staff", "admin"}, "outside": {"admin"}}
REVIEWERS = {"inside": {"regulator", "regulator_bt", "committee", "admin"}, "outside": {"regulator", "admin"}}
MODELS = [ArchiveDocument, ContentReview, Drill, EmergencyPlan, Incident, PlanReview, SignPhoto]
MODELS += [StoppageNotice, Vehicle, VehicleRules]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def plans_world(world):
    return add_plans(world)


def counts():
    return {model: model._base_manager.count() for model in MODELS}


def minute_ago():
    return timezone.localtime(timezone.now() - datetime.timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M")


def photo():
    return SimpleUploadedFile("photo.png", PNG, content_type="image/png")


def document():
    return SimpleUploadedFile("plan.pdf", PDF, content_type="application/pdf")


# (url name, the side's object it is about, the form data, the model a success adds to)
def record_posts(side):
    when = minute_ago()
    return [
        (
            "emergency-plan-create",
            side.project,
            lambda: {
                "plan_type": "water_outage",
                "title": "停水预案",
                "approved_by": "王经理",
                "occurred_at": when,
                "attachment": document(),
            },
            EmergencyPlan,
        ),
        (
            "plan-review-create",
            side.emergencyplan,
            lambda: {"occurred_at": when, "reviewer": "王经理", "conclusion": "继续有效"},
            PlanReview,
        ),
        (
            "drill-create",
            side.project,
            lambda: {
                "plan_type": "fire",
                "occurred_at": when,
                "participant_count": 3,
                "participants": "张三 李四",
                "summary": "疏散",
                "attachment": photo(),
            },
            Drill,
        ),
        (
            "incident-create",
            side.project,
            lambda: {"plan_type": "fire", "occurred_at": when, "description": "起火", "actions": "扑灭"},
            Incident,
        ),
        (
            "incident-correct",
            side.incident,
            lambda: {
                "plan_type": "fire",
                "occurred_at": when,
                "description": "起火",
                "actions": "扑灭并疏散",
            },
            Incident,
        ),
        (
            "stoppage-create",
            side.project,
            lambda: {
                "kind": "power",
                "planned_start": "2099-01-02T09:00",
                "planned_end": "2099-01-02T12:00",
                "occurred_at": when,
                "method": "sms",
                "area": "全小区",
                "reason": "检修",
                "attachment": photo(),
            },
            StoppageNotice,
        ),
        (
            "archive-document-create",
            side.project,
            lambda: {"category": "owner_register", "title": "业主名册", "attachment": document()},
            ArchiveDocument,
        ),
        (
            "vehicle-rules-create",
            side.project,
            lambda: {
                "title": "车辆管理规定",
                "responsible": "秩序维护部",
                "occurred_at": when,
                "attachment": document(),
            },
            VehicleRules,
        ),
        (
            "sign-photo-create",
            side.entrance,
            lambda: {"note": "限速", "occurred_at": when, "attachment": photo()},
            SignPhoto,
        ),
    ]


@pytest.mark.parametrize("side", ["inside", "outside"])
@pytest.mark.parametrize("role", ROLES)
def test_every_record_page_records_for_recorders_only(client, plans_world, role, side):
    client.force_login(plans_world.users[role])
    wrong = []
    for name, subject, data, model in record_posts(getattr(plans_world, side)):
        before = counts()
        response = client.post(reverse(name, args=[subject.pk]), data())
        after = counts()
        if role in RECORDERS[side]:
            grown = {m for m in MODELS if after[m] != before[m]}
            if response.status_code != 302 or model not in grown:
                wrong.append(f"{name}: {response.status_code}, added {grown}")
        else:
            want = 403 if can_read(role, "project", side) else 404
            if response.status_code != want or after != before:
                wrong.append(f"{name}: {response.status_code} (expected {want}), wrote {after != before}")
    assert not wrong, f"{role} on the {side} side: " + "; ".join(wrong)


def expected_review(role, side):
    if not can_read(role, "project", side):
        return 404
    return 200 if role in REVIEWERS[side] else 403


@pytest.mark.parametrize("side", ["inside", "outside"])
@pytest.mark.parametrize("role", ROLES)
def test_review_pages_are_for_committee_members_and_regulators(client, plans_world, role, side):
    client.force_login(plans_world.users[role])
    objects = getattr(plans_world, side)
    wrong = []
    for name, target in (
        ("vehicle-rules-review", objects.vehiclerules),
        ("sign-photo-review", objects.signphoto),
    ):
        url = reverse(name, args=[target.pk])
        want = expected_review(role, side)
        before = ContentReview.objects.count()
        status = client.get(url).status_code
        posted = client.post(url, {"verdict": "rejected", "note": "看不清"})
        written = ContentReview.objects.count() - before
        if status != want:
            wrong.append(f"{name}: GET {status} (expected {want})")
        if want == 200 and (posted.status_code != 302 or written != 1):
            wrong.append(f"{name}: POST {posted.status_code}, wrote {written}")
        if want != 200 and (posted.status_code != want or written):
            wrong.append(f"{name}: POST {posted.status_code}, wrote {written}")
    assert not wrong, f"{role} on the {side} side: " + "; ".join(wrong)


def test_anonymous_is_sent_to_login_from_the_review_pages(client, plans_world):
    for name, target in (
        ("vehicle-rules-review", plans_world.inside.vehiclerules),
        ("sign-photo-review", plans_world.inside.signphoto),
    ):
        response = client.get(reverse(name, args=[target.pk]))
        assert response.status_code == 302 and response.url.startswith("/accounts/login/")


@pytest.mark.parametrize("side", ["inside", "outside"])
@pytest.mark.parametrize("role", ROLES)
def test_the_vehicle_register_is_written_like_the_owner_register(client, plans_world, role, side):
    client.force_login(plans_world.users[role])
    objects = getattr(plans_world, side)
    before = counts()
    created = client.post(
        reverse("vehicle-create", args=[objects.project.pk]),
        {
            "household": objects.neighbour.pk,
            "kind": "motor",
            "plate": "蒙A88888",
            "description": "",
            "active": "on",
        },
    )
    edited = client.post(
        reverse("vehicle-update", args=[objects.vehicle.pk]),
        {
            "household": objects.household.pk,
            "kind": "motor",
            "plate": "蒙B12345",
            "description": "黑色",
            "active": "on",
        },
    )
    objects.vehicle.refresh_from_db()
    if can_write(role, "owner", side):
        assert (created.status_code, edited.status_code) == (302, 302)
        assert Vehicle.objects.filter(plate="蒙A88888").exists() and objects.vehicle.description == "黑色"
    else:
        want_create = 403 if can_read(role, "project", side) else 404
        want_edit = 403 if can_read(role, "owner", side) else 404
        assert (created.status_code, edited.status_code) == (want_create, want_edit)
        assert counts() == before and objects.vehicle.description == ""
