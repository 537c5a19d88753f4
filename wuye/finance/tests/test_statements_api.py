"""The statement endpoints: scope (inside 200, outside 404), owners reading only published ones, drafts
created by the company with field errors for bad figures, publish and correct, refusals writing nothing."""

import datetime

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from wuye.finance.actions_statements import accounts_for
from wuye.finance.models import Statement
from wuye.testing import factories as f
from wuye.testing.expectations import can_read
from wuye.testing.personas import ROLES

pytestmark = pytest.mark.django_db
WRITERS = {"staff", "manager", "admin"}
PUBLISHED = timezone.make_aware(datetime.datetime(2025, 7, 10, 9))


@pytest.fixture
def api():
    return APIClient()


def payload(project, closing="40.00", **lines):
    codes = {a.code: a.pk for a in accounts_for(project.pk)}
    lines = lines or {"4001.01": "100.00", "5001.01": "60.00"}
    return {
        "project": project.pk,
        "year": 2025,
        "half": 1,
        "opening_balance": "0.00",
        "closing_balance": closing,
        "lines": [{"account": codes[code], "amount": amount} for code, amount in lines.items()],
    }


@pytest.mark.parametrize("role", ROLES)
def test_statements_answer_where_the_project_is_read_and_owners_see_only_published(api, world, role):
    staff = world.users["admin"]
    published = {
        s: f.statement(staff, getattr(world, s).project, publish_at=PUBLISHED) for s in ("inside", "outside")
    }
    draft = f.statement(staff, world.inside.project, year=2025, half=2)
    api.force_authenticate(world.users[role])
    for side, statement in published.items():
        reads = can_read(role, "project", side)
        assert api.get(f"/api/statements/{statement.pk}/").status_code == (200 if reads else 404), side
    reads_draft = can_read(role, "project", "inside") and role != "owner"
    assert api.get(f"/api/statements/{draft.pk}/").status_code == (200 if reads_draft else 404)


def test_a_statement_reads_with_its_lines_and_deadline(api, world):
    statement = f.statement(world.users["staff"], world.inside.project, publish_at=PUBLISHED)
    api.force_authenticate(world.users["committee"])
    body = api.get(f"/api/statements/{statement.pk}/").json()
    assert [line["code"] for line in body["lines"]] == ["4001.01", "5001.01"]
    assert body["status"] == "published" and body["due"].startswith("2025-07-3")


@pytest.mark.parametrize("role", ROLES)
def test_only_the_company_creates_drafts(api, world, role):
    api.force_authenticate(world.users[role])
    response = api.post("/api/statements/", payload(world.inside.project), format="json")
    # A reader of the project is refused (403); to anyone else the project does not exist (a field error).
    expected = 201 if role in WRITERS else 403 if can_read(role, "project", "inside") else 400
    assert response.status_code == expected, response.content
    assert Statement.objects.exists() is (role in WRITERS)


def test_figures_that_do_not_add_up_are_refused_with_the_reason(api, world):
    api.force_authenticate(world.users["staff"])
    response = api.post("/api/statements/", payload(world.inside.project, closing="41.00"), format="json")
    assert response.status_code == 400 and "期末结余" in str(response.json())
    assert not Statement.objects.exists()


def test_publish_and_correct(api, world):
    statement = f.statement(world.users["staff"], world.inside.project)
    api.force_authenticate(world.users["manager"])
    body = api.post(f"/api/statements/{statement.pk}/publish/").json()
    assert body["status"] == "published" and body["published_at"]
    again = api.post(f"/api/statements/{statement.pk}/publish/")
    assert again.status_code == 400
    copy = api.post(f"/api/statements/{statement.pk}/correct/")
    assert copy.status_code == 201 and copy.json()["corrects"] == statement.pk


@pytest.mark.parametrize("role", ["committee", "owner", "regulator"])
def test_readers_cannot_publish_and_nothing_changes(api, world, role):
    statement = f.statement(world.users["staff"], world.inside.project)
    api.force_authenticate(world.users[role])
    response = api.post(f"/api/statements/{statement.pk}/publish/")
    assert response.status_code in (403, 404)
    statement.refresh_from_db()
    assert statement.status == "draft" and statement.published_at is None


def test_outside_project_is_404_for_staff(api, world):
    statement = f.statement(world.users["admin"], world.outside.project)
    api.force_authenticate(world.users["staff"])
    assert api.post(f"/api/statements/{statement.pk}/publish/").status_code == 404
    assert api.get("/api/statement-accounts/?search=4001").status_code == 200


def test_a_list_of_many_costs_no_more_queries_than_a_list_of_two(api, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    api.force_authenticate(world.users["regulator"])

    def counted():
        with CaptureQueriesContext(connection) as queries:
            assert api.get("/api/statements/").status_code == 200
        return len(queries)

    for year in (2020, 2021):
        f.statement(world.users["admin"], world.inside.project, year=year, publish_at=PUBLISHED)
    few = counted()
    for year in range(2010, 2020):
        f.statement(world.users["admin"], world.inside.project, year=year, publish_at=PUBLISHED)
    assert counted() <= few <= 12


def parent_id(code):
    from wuye.finance.models import Account

    return Account.objects.get(project=None, code=code).pk


@pytest.mark.parametrize("role", ROLES)
def test_the_company_adds_a_projects_own_level_2_account(api, world, role):
    from wuye.finance.actions_statements import accounts_for
    from wuye.finance.models import Account

    accounts_for(world.inside.project.pk)
    api.force_authenticate(world.users[role])
    body = {
        "project": world.inside.project.pk,
        "parent": parent_id("4002"),
        "code": "4002.91",
        "name": "快递柜场地费",
    }
    response = api.post("/api/statement-accounts/", body, format="json")
    expected = 201 if role in WRITERS else 403 if can_read(role, "project", "inside") else 400
    assert response.status_code == expected, response.content
    assert Account.objects.filter(project=world.inside.project).exists() is (role in WRITERS)


@pytest.mark.parametrize(
    ("parent", "code", "field"),
    [("4002.01", "4002.91", "parent"), ("4002", "4003.91", "code"), ("4002", "4002.01", "code")],
)
def test_a_bad_project_account_is_a_field_error(api, world, parent, code, field):
    from wuye.finance.actions_statements import accounts_for

    accounts_for(world.inside.project.pk)
    api.force_authenticate(world.users["staff"])
    body = {"project": world.inside.project.pk, "parent": parent_id(parent), "code": code, "name": "新科目"}
    response = api.post("/api/statement-accounts/", body, format="json")
    assert response.status_code == 400 and field in response.json()


def test_a_projects_own_account_is_used_in_its_statements_only(world):
    from wuye.finance.actions_statements import accounts_for, add_project_account
    from wuye.finance.models import Account

    accounts_for(world.inside.project.pk)
    add_project_account(
        world.users["staff"],
        world.inside.project.pk,
        Account.objects.get(code="4002"),
        "4002.91",
        "快递柜场地费",
    )
    statement = f.statement(world.users["staff"], world.inside.project, lines={"4002.91": "10"})
    assert statement.lines.get().account.code == "4002.91"
    with pytest.raises(KeyError):
        f.statement(world.users["admin"], world.outside.project, lines={"4002.91": "10"})
