"""The survey endpoints: scope (inside 200, outside 404), an owner's answer, a second answer refused
with a field error, rectification items with their default due date and closure, refusals writing nothing."""

import datetime

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from wuye.servicedesk.actions_surveys import save_rectification
from wuye.servicedesk.models import Question, RectificationClosure, RectificationItem, SurveyResponse
from wuye.servicedesk.tests.surveys_world import open_survey
from wuye.testing.expectations import can_read
from wuye.testing.personas import ROLES

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def current(world, side="inside"):
    project = getattr(world, side).project
    today = timezone.localdate()
    return open_survey(
        project,
        world.users["admin"],
        opens_on=today - datetime.timedelta(days=1),
        closes_on=today + datetime.timedelta(days=5),
        now=timezone.now(),
    )


def payload(survey, household, rating="satisfied"):
    q = {question.position: question.pk for question in Question.objects.filter(survey=survey)}
    return {
        "survey": survey.pk,
        "household": household.pk,
        "answer_input": [
            {"question": q[1], "value": rating},
            {"question": q[2], "value": "每天"},
            {"question": q[3], "value": ["绿化", "停车"]},
        ],
    }


@pytest.mark.parametrize("role", ROLES)
def test_surveys_and_results_answer_where_the_project_is_read(api, world, role):
    surveys = {side: current(world, side) for side in ("inside", "outside")}
    api.force_authenticate(world.users[role])
    for side, survey in surveys.items():
        reads = can_read(role, "project", side)
        assert api.get(f"/api/surveys/{survey.pk}/").status_code == (200 if reads else 404), side
        results = api.get(f"/api/surveys/{survey.pk}/results/").status_code
        assert results == (200 if reads and role != "owner" else 404), side
        listed = {row["id"] for row in api.get("/api/surveys/").json()["results"]}
        assert (survey.pk in listed) is reads


def test_the_owner_answers_through_the_api_once(api, world):
    survey = current(world)
    api.force_authenticate(world.users["owner"])
    response = api.post("/api/survey-responses/", payload(survey, world.inside.household), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["source"] == "online" and len(body["answers"]) == 3
    again = api.post("/api/survey-responses/", payload(survey, world.inside.household), format="json")
    assert again.status_code == 400 and "每户只能答一次" in again.json()["household"][0]
    assert SurveyResponse.objects.count() == 1
    results = api.get(f"/api/surveys/{survey.pk}/results/")
    assert results.status_code == 404  # owners answer; they do not read results


def test_a_household_not_his_is_refused_and_nothing_written(api, world):
    survey = current(world)
    api.force_authenticate(world.users["owner"])
    response = api.post("/api/survey-responses/", payload(survey, world.inside.neighbour), format="json")
    assert response.status_code == 400 and "household" in response.json()
    assert not SurveyResponse.objects.exists()


def test_a_required_answer_missing_is_a_field_error(api, world):
    survey = current(world)
    api.force_authenticate(world.users["owner"])
    data = payload(survey, world.inside.household)
    data["answer_input"] = data["answer_input"][1:]
    response = api.post("/api/survey-responses/", data, format="json")
    question = Question.objects.get(survey=survey, position=1)
    assert response.status_code == 400 and f"q{question.pk}" in response.json()
    assert not SurveyResponse.objects.exists()


def test_the_committee_cannot_answer_paper_forms(api, world):
    survey = current(world)
    api.force_authenticate(world.users["committee"])
    data = payload(survey, world.inside.neighbour) | {"source": "paper", "respondent_name": "张三"}
    assert api.post("/api/survey-responses/", data, format="json").status_code in (400, 403)
    assert not SurveyResponse.objects.exists()


def test_staff_raise_and_close_an_item(api, world):
    survey = current(world)
    api.force_authenticate(world.users["staff"])
    created = api.post(
        "/api/rectification-items/",
        {"survey": survey.pk, "problem": "垃圾清运不及时", "responsible": "李", "raised_on": "2026-04-01"},
        format="json",
    )
    assert created.status_code == 201, created.json()
    assert created.json()["due_on"] == "2026-05-01"
    item_id = created.json()["id"]
    closed = api.post(
        f"/api/rectification-items/{item_id}/close/",
        {"occurred_at": "2026-04-20T10:00:00+08:00", "note": "已增加清运"},
    )
    assert closed.status_code == 201 and closed.json()["closure_note"] == "已增加清运"
    assert api.get("/api/rectification-items/", {"open": "true"}).json()["count"] == 0


def test_the_committee_reads_items_but_cannot_close_them(api, world):
    survey = current(world)
    item = save_rectification(
        world.users["staff"],
        RectificationItem(
            survey=survey, problem="路灯", responsible="王", raised_on=datetime.date(2026, 1, 1)
        ),
    )
    api.force_authenticate(world.users["committee"])
    assert api.get(f"/api/rectification-items/{item.pk}/").status_code == 200
    assert api.get("/api/rectification-items/", {"overdue": "true"}).json()["count"] == 1
    response = api.post(
        f"/api/rectification-items/{item.pk}/close/",
        {"occurred_at": "2026-01-05T10:00:00+08:00", "note": "x"},
    )
    assert response.status_code == 403
    assert not RectificationClosure.objects.exists()
    api.force_authenticate(world.users["owner"])
    assert api.get(f"/api/rectification-items/{item.pk}/").status_code == 404
