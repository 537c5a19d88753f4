"""Every statement page, walked with every role against a project inside and one outside its scope (the
URL matrix in core/tests/test_url_matrix.py names these pages as walked here); then the pages at work.

Written out by hand: the project's readers read published statements (owners: nothing else); the
company (staff, the serving enterprise's manager, operators) drafts, edits, publishes and corrects
(others who read: 403); the unseen is 404.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from wuye.finance.actions_statements import accounts_for
from wuye.finance.models import Statement, StatementLine, StatementStatusChange
from wuye.testing import factories as f
from wuye.testing.expectations import can_read
from wuye.testing.personas import ROLES

pytestmark = pytest.mark.django_db
COMPANY = {"inside": {"manager", "staff", "admin"}, "outside": {"admin"}}
PUBLISHED = timezone.make_aware(datetime.datetime(2025, 7, 10, 9))


def expected(kind, role, side):
    reads = can_read(role, "project", side)
    if kind == "read":
        return 200 if reads else 404
    if kind == "read-not-owner":
        return 200 if reads and role != "owner" else 404
    if kind == "company":
        if not reads:
            return 404
        return 200 if role in COMPANY[side] else 403
    if kind == "company-draft":
        if not reads or role == "owner":
            return 404
        return 200 if role in COMPANY[side] else 403
    raise AssertionError(kind)


# url name → (kind, object, method)
PAGES = {
    "statement-list": ("read", "project", "get"),
    "statement-create": ("company", "project", "get"),
    "statement-detail": ("read", "published", "get"),
    "statement-print": ("read", "published", "get"),
    "statement-update": ("company-draft", "draft", "get"),
}
MOVES = {
    "statement-publish": ("company-draft", "draft"),
    "statement-correct": ("company", "published"),
}


@pytest.fixture
def objects(world):
    made = {}
    for name in ("inside", "outside"):
        project = getattr(world, name).project
        made[name] = {
            "project": project,
            "published": f.statement(world.users["admin"], project, publish_at=PUBLISHED),
            "draft": f.statement(world.users["admin"], project, year=2025, half=2),
        }
    return made


@pytest.mark.parametrize("role", ROLES)
def test_every_page_answers_by_role_and_scope(client, world, objects, role):
    client.force_login(world.users[role])
    for name, (kind, target, _method) in PAGES.items():
        for side in ("inside", "outside"):
            url = reverse(name, args=[objects[side][target].pk])
            assert client.get(url).status_code == expected(kind, role, side), (name, side)
    draft = objects["inside"]["draft"]
    assert client.get(reverse("statement-detail", args=[draft.pk])).status_code == expected(
        "read-not-owner", role, "inside"
    )


@pytest.mark.parametrize("role", ROLES)
def test_moves_answer_by_role_and_denied_ones_change_nothing(client, world, objects, role):
    client.force_login(world.users[role])
    for name, (kind, target) in MOVES.items():
        for side in ("inside", "outside"):
            before = Statement.objects.count(), StatementStatusChange.objects.count()
            answer = client.post(reverse(name, args=[objects[side][target].pk])).status_code
            allowed = expected(kind, role, side) == 200
            assert answer == (302 if allowed else expected(kind, role, side)), (name, side)
            if not allowed:
                assert (Statement.objects.count(), StatementStatusChange.objects.count()) == before


def test_anonymous_is_sent_to_log_in(client, objects):
    response = client.get(reverse("statement-list", args=[objects["inside"]["project"].pk]))
    assert response.status_code == 302 and "login" in response.url


def form_data(project, closing="40.00", **lines):
    codes = {a.code: a.pk for a in accounts_for(project.pk)}
    data = {
        "s-year": "2026",
        "s-half": "1",
        "s-opening_balance": "0",
        "s-closing_balance": closing,
        "s-note": "",
    }
    lines = lines or {"4001.01": "100", "5001.01": "60"}
    data.update({f"l-a{codes[code]}": amount for code, amount in lines.items()})
    return data


def test_staff_drafts_a_statement_in_the_form(client, world):
    client.force_login(world.users["staff"])
    url = reverse("statement-create", args=[world.inside.project.pk])
    response = client.post(url, form_data(world.inside.project))
    statement = Statement.objects.get()
    assert response.status_code == 302 and response.url == statement.get_absolute_url()
    assert statement.lines.count() == 2 and statement.status == "draft"


def test_figures_that_do_not_add_up_are_refused_in_chinese_and_nothing_is_written(client, world):
    client.force_login(world.users["staff"])
    url = reverse("statement-create", args=[world.inside.project.pk])
    data = form_data(world.inside.project, **{"4001": "100", "4001.01": "90", "5001.01": "60"})
    response = client.post(url, data)
    assert response.status_code == 200
    assert "二级科目合计 90.00 元，与一级科目合计 100.00 元不符" in response.content.decode()
    assert not Statement.objects.exists() and not StatementLine.objects.exists()


def test_a_negative_amount_is_a_field_error(client, world):
    client.force_login(world.users["staff"])
    url = reverse("statement-create", args=[world.inside.project.pk])
    response = client.post(url, form_data(world.inside.project, **{"4001.01": "-1"}))
    assert response.status_code == 200 and not Statement.objects.exists()


def test_publishing_from_the_page_and_the_two_level_table(client, world):
    statement = f.statement(
        world.users["staff"], world.inside.project, lines={"4001.01": "70", "4001.02": "30"}
    )
    client.force_login(world.users["manager"])
    response = client.post(reverse("statement-publish", args=[statement.pk]))
    assert response.status_code == 302
    statement.refresh_from_db()
    assert statement.status == "published"
    client.force_login(world.users["owner"])
    page = client.get(statement.get_absolute_url()).content.decode()
    assert "4001.02" in page and "物业服务费收入" in page and 'id="statement-chart"' in page


def test_a_refused_publication_says_why(client, world):
    statement = f.statement(world.users["staff"], world.inside.project, lines={"4003": "10", "5001.01": "10"})
    client.force_login(world.users["staff"])
    response = client.post(reverse("statement-publish", args=[statement.pk]), follow=True)
    assert "只有一级科目金额" in response.content.decode()
    statement.refresh_from_db()
    assert statement.status == "draft"


def test_the_list_searches_and_filters_in_a_pinned_number_of_queries(
    client, world, django_assert_max_num_queries
):
    for year in (2023, 2024, 2025):
        f.statement(world.users["staff"], world.inside.project, year=year, publish_at=PUBLISHED)
    client.force_login(world.users["committee"])
    url = reverse("statement-list", args=[world.inside.project.pk])
    with django_assert_max_num_queries(20):
        page = client.get(url).content.decode()
    assert page.count("收支情况表</a>") == 3
    assert client.get(url, {"q": "2024"}).content.decode().count("收支情况表</a>") == 1
    assert client.get(url, {"status": "draft"}).content.decode().count("收支情况表</a>") == 0


def test_the_detail_page_in_a_pinned_number_of_queries(client, world, django_assert_max_num_queries):
    statement = f.statement(world.users["staff"], world.inside.project, publish_at=PUBLISHED)
    client.force_login(world.users["regulator"])
    with django_assert_max_num_queries(25):
        assert client.get(statement.get_absolute_url()).status_code == 200


def test_the_project_page_shows_the_card(client, world):
    client.force_login(world.users["committee"])
    page = client.get(world.inside.project.get_absolute_url()).content.decode()
    assert 'data-testid="statements-card"' in page
