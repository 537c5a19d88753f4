"""The people endpoints, walked with every role (the URL matrix names them as walked here): wages and
terminations read where the employment is (employer and regulators), policies and training where the
enterprise is; writes by the enterprise's managers only; the review by regulators only; bad input is a
field error in Chinese and nothing is written."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from wuye.enterprises.models import (
    PolicyDocument,
    Termination,
    TrainingAttendance,
    TrainingSession,
    WagePayment,
)
from wuye.enterprises.tests.people_factories import make_people
from wuye.testing.expectations import can_read
from wuye.testing.personas import ROLES

pytestmark = pytest.mark.django_db
WRITERS = {"manager", "admin"}
ENDPOINTS = {
    "wages": ("wage", "employment"),
    "terminations": ("termination", "employment"),
    "policies": ("policy", "enterprise"),
    "trainings": ("training", "enterprise"),
}


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def objects(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return {side: make_people(world, side) for side in ("inside", "outside")}


@pytest.mark.parametrize("role", ROLES)
def test_every_endpoint_reads_by_role_and_scope(api, world, objects, role, django_assert_max_num_queries):
    api.force_authenticate(world.users[role])
    for prefix, (target, model) in ENDPOINTS.items():
        with django_assert_max_num_queries(12):
            listed = {row["id"] for row in api.get(f"/api/{prefix}/").json()["results"]}
        for side in ("inside", "outside"):
            pk = objects[side][target].pk
            # The employee with a login (the staff persona inside) sees his own wages too.
            want = can_read(role, model, side) or (prefix, role, side) == ("wages", "staff", "inside")
            assert api.get(f"/api/{prefix}/{pk}/").status_code == (200 if want else 404), (prefix, side, role)
            assert (pk in listed) is want, (prefix, side, role)


def wage_data(world):
    return {
        "employment": world.inside.employment.pk,
        "month": "2025-05-01",
        "amount": "4200.00",
        "paid_on": "2025-06-10",
        "method": "bank",
    }


@pytest.mark.parametrize("role", ROLES)
def test_only_the_managers_enter_wages(api, world, objects, role):
    api.force_authenticate(world.users[role])
    before = WagePayment.objects.count()
    response = api.post("/api/wages/", wage_data(world), format="json")
    readable = can_read(role, "employment", "inside")
    expected = 201 if role in WRITERS else 403 if readable else 400
    assert response.status_code == expected, (role, response.content)
    assert WagePayment.objects.count() == before + (role in WRITERS)


def test_bad_wages_are_field_errors_in_chinese_and_nothing_is_written(api, world, objects):
    api.force_authenticate(world.users["manager"])
    before = WagePayment.objects.count()
    response = api.post("/api/wages/", {**wage_data(world), "amount": "0"}, format="json")
    assert response.status_code == 400
    assert "amount" in response.json()
    response = api.post("/api/wages/", {**wage_data(world), "month": "2025-03-01"}, format="json")
    assert response.status_code == 400
    assert "该员工该月份的工资已登记" in str(response.json())
    assert WagePayment.objects.count() == before


@pytest.mark.parametrize("role", ROLES)
def test_only_regulators_over_the_enterprise_review_a_termination(api, world, objects, role):
    termination = objects["inside"]["termination"]
    api.force_authenticate(world.users[role])
    response = api.post(f"/api/terminations/{termination.pk}/review/", {"outcome": "lawful"}, format="json")
    reviewers = {"regulator", "regulator_bt", "admin"}
    readable = can_read(role, "employment", "inside")
    assert response.status_code == (200 if role in reviewers else 403 if readable else 404), role
    termination.refresh_from_db()
    assert (termination.outcome == "lawful") is (role in reviewers)


def test_the_manager_records_a_termination_and_the_employment_ends(api, world, objects):
    api.force_authenticate(world.users["manager"])
    staff = objects["inside"]["other_employment"]
    response = api.post(
        "/api/terminations/",
        {"employment": staff.pk, "date": "2025-08-31", "reason": "agreed"},
        format="json",
    )
    assert response.status_code == 201, response.content
    staff.refresh_from_db()
    assert (staff.status, staff.ended_on) == ("ended", datetime.date(2025, 8, 31))


@pytest.mark.parametrize("role", ["manager", "regulator", "staff"])
def test_only_the_managers_file_a_policy(api, world, objects, role):
    api.force_authenticate(world.users[role])
    before = PolicyDocument.objects.count()
    response = api.post(
        "/api/policies/",
        {
            "enterprise": world.inside.enterprise.pk,
            "category": "assessment",
            "title": "考核办法",
            "occurred_at": "2025-05-01T09:00:00+08:00",
            "attachment": SimpleUploadedFile("a.pdf", b"%PDF-1.4"),
        },
        format="multipart",
    )
    assert response.status_code == (201 if role == "manager" else 403), response.content
    assert PolicyDocument.objects.count() == before + (role == "manager")


def test_a_training_with_attendees_of_another_enterprise_is_refused(api, world, objects):
    api.force_authenticate(world.users["manager"])
    before = (TrainingSession.objects.count(), TrainingAttendance.objects.count())
    data = {
        "enterprise": world.inside.enterprise.pk,
        "held_on": "2025-05-01",
        "topic": "消防",
        "hours": "2.0",
        "trainer": "王",
        "attendees": [world.inside.staff.pk, world.outside.staff.pk],
    }
    response = api.post("/api/trainings/", data, format="json")
    assert response.status_code == 400
    assert (TrainingSession.objects.count(), TrainingAttendance.objects.count()) == before
    data["attendees"] = [world.inside.staff.pk]
    response = api.post("/api/trainings/", data, format="json")
    assert response.status_code == 201, response.content
    assert TrainingSession.objects.get(pk=response.json()["id"]).attendees.count() == 1
    assert Termination.objects.count() == 2 and Decimal(response.json()["hours"]) == 2
