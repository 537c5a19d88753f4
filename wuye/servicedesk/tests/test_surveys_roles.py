"""Every survey page, walked with every role against a project inside and one outside its scope
(the URL matrix in core/tests/test_url_matrix.py names these pages as walked here).

Written out by hand: the project's readers read surveys (owners: not drafts) and, but for owners,
results and rectification items; the company (staff, the serving enterprise's manager, operators)
changes them (others who read: 403); an owner answers for his own household; the unseen is 404.
"""

import datetime
from types import SimpleNamespace

import pytest
from django.urls import reverse

from wuye.servicedesk.actions_surveys import save_rectification
from wuye.servicedesk.models import RectificationItem, Survey, SurveyResponse
from wuye.servicedesk.tests.surveys_world import draft_survey, open_survey
from wuye.testing.expectations import can_read
from wuye.testing.personas import ROLES

pytestmark = pytest.mark.django_db
COMPANY = {"inside": {"manager", "staff", "admin"}, "outside": {"admin"}}
ANSWERS = {"inside": {"owner"}, "outside": set()}


def project_reader(role, side):
    return can_read(role, "project", side)


def expected(kind, role, side):
    reads = project_reader(role, side)
    if kind == "any":
        return 200
    if kind == "read":  # a project's list, an open survey
        return 200 if reads else 404
    if kind == "read-not-owner":  # results, rectification items, drafts
        return 200 if reads and role != "owner" else 404
    if kind == "company":
        if not reads:
            return 404
        return 200 if role in COMPANY[side] else 403
    if kind == "company-draft":  # a draft's edit page: owners do not see drafts at all
        if not reads or role == "owner":
            return 404
        return 200 if role in COMPANY[side] else 403
    if kind == "answer":
        if not reads:
            return 404
        return 200 if role in ANSWERS[side] else 403
    raise AssertionError(kind)


PAGES = {
    "my-surveys": ("any", None),
    "survey-list": ("read", "project"),
    "survey-create": ("company", "project"),
    "survey-detail": ("read", "survey"),
    "survey-update": ("company-draft", "draft"),
    "survey-copy": ("company", "survey"),
    "survey-answer": ("answer", "survey"),
    "survey-paper": ("company", "survey"),
    "survey-results": ("read-not-owner", "survey"),
    "survey-results-print": ("read-not-owner", "survey"),
    "rectification-list": ("read", "project"),
    "rectification-create": ("company", "survey"),
    "rectification-detail": ("read-not-owner", "item"),
    "rectification-update": ("company-draft", "item"),
    "rectification-close": ("company-draft", "item"),
}


def add_surveys(world):
    for side in (world.inside, world.outside):
        staff = world.users["admin"]
        survey = open_survey(side.project, staff, closes_on=datetime.date(2099, 12, 31))
        item = save_rectification(
            staff,
            RectificationItem(
                survey=survey, problem="楼道灯", responsible="王", raised_on=datetime.date(2026, 4, 1)
            ),
        )
        side.surveys = SimpleNamespace(
            project=side.project, survey=survey, draft=draft_survey(side.project, staff), item=item
        )
    return world


@pytest.fixture
def surveys_world(world):
    return add_surveys(world)


def url_of(world, name, model, side):
    if model is None:
        return reverse(name)
    return reverse(name, args=[getattr(getattr(world, side).surveys, model).pk])


@pytest.mark.parametrize("side", ["inside", "outside"])
@pytest.mark.parametrize("role", ROLES)
def test_every_page_answers_as_the_table_says(client, surveys_world, role, side):
    client.force_login(surveys_world.users[role])
    wrong = []
    for name, (kind, model) in PAGES.items():
        status = client.get(url_of(surveys_world, name, model, side)).status_code
        want = expected(kind, role, side)
        if status != want:
            wrong.append(f"{name}: {status}, expected {want}")
    assert not wrong, f"{role} on the {side} side: " + "; ".join(wrong)


def test_anonymous_is_sent_to_login(client, surveys_world):
    for name, (_kind, model) in PAGES.items():
        response = client.get(url_of(surveys_world, name, model, "inside"))
        assert response.status_code == 302 and response.url.startswith("/accounts/login/"), name


@pytest.mark.parametrize("role", ROLES)
def test_only_the_company_moves_a_survey_and_a_refused_move_changes_nothing(client, surveys_world, role):
    draft = surveys_world.inside.surveys.draft
    client.force_login(surveys_world.users[role])
    response = client.post(reverse("survey-status", args=[draft.pk]), {"to": "open"})
    moved = Survey.objects.get(pk=draft.pk).status == "open"
    if role in COMPANY["inside"]:
        assert response.status_code == 302 and moved
    else:
        assert response.status_code == (404 if role in ("stranger", "owner") else 403)
        assert not moved


def test_a_denied_answer_writes_nothing(client, surveys_world):
    survey = surveys_world.inside.surveys.survey
    client.force_login(surveys_world.users["committee"])
    response = client.post(
        reverse("survey-answer", args=[survey.pk]), {"household": surveys_world.inside.household.pk}
    )
    assert response.status_code == 403
    assert not SurveyResponse.objects.exists()
