"""The pages of the reminders walked with every role: deadlines coming up (filters, pages, Excel) and the
regulators' digests. Expected answers come from wuye/testing/expectations.py."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from wuye.oversight.models import RegulatorDigest
from wuye.testing.expectations import DEADLINE_FOLLOWERS, DIGEST_READERS, can_read
from wuye.testing.personas import ROLES

# A year ahead: every project's next half-year statement falls due within it.
YEAR = {"within": "366", "kind": "statement"}


def names_listed(response) -> set[str]:
    """The projects of the listed deadlines, as the rows of the table show them."""
    page = response.content.decode()
    return {row.project_name for row in response.context["page_obj"].object_list if row.project_name in page}


@pytest.mark.parametrize("role", ROLES)
def test_the_deadlines_page_shows_each_role_its_own_projects(client, world, role):
    client.force_login(world.users[role])
    response = client.get(reverse("oversight-deadlines"), YEAR)
    if role not in DEADLINE_FOLLOWERS:
        assert response.status_code == 403
        return
    assert response.status_code == 200
    assert (reverse("oversight-digest-list") in response.content.decode()) is (role in DIGEST_READERS)
    page = names_listed(response)
    for side in ("inside", "outside"):
        project = getattr(world, side).project
        assert (project.name in page) is can_read(role, "project", side), (role, side)


def test_the_deadlines_page_asks_for_a_login(client):
    response = client.get(reverse("oversight-deadlines"))
    assert response.status_code == 302


def test_the_deadlines_page_filters_by_kind_project_and_days(client, world):
    client.force_login(world.users["regulator"])
    url = reverse("oversight-deadlines")
    inside, outside = world.inside.project, world.outside.project
    response = client.get(url, {**YEAR, "q": inside.name[1:]})  # a text search on the name
    assert (
        'name="q"' in response.content.decode() and '<select name="project"' not in response.content.decode()
    )
    page = names_listed(response)
    assert inside.name in page and outside.name not in page
    page = names_listed(client.get(url, {"within": "1", "kind": "statement"}))
    assert inside.name not in page
    page = names_listed(client.get(url, {**YEAR, "kind": "licence"}))
    assert inside.name not in page  # a licence is the enterprise's, and the world's never expire


def test_an_invalid_filter_is_shown_and_the_valid_ones_still_apply(client, world):
    client.force_login(world.users["regulator"])
    url = reverse("oversight-deadlines")
    response = client.get(url, {"within": "366", "kind": "没有的类别", "q": world.inside.project.name})
    assert response.status_code == 200
    assert 'data-testid="filter-errors"' in response.content.decode()
    assert "类别：" in response.content.decode()  # the error, named by its field
    rows = response.context["page_obj"].object_list
    assert rows and {row.project_name for row in rows} == {world.inside.project.name}
    export = client.get(url, {"within": "0", "kind": "statement", "export": "xlsx"})
    assert export.status_code == 400


def test_the_excel_export_has_the_rows_of_the_filtered_list(client, world):
    client.force_login(world.users["regulator_bt"])
    response = client.get(reverse("oversight-deadlines"), {**YEAR, "export": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    page = client.get(reverse("oversight-deadlines"), YEAR)
    assert len(rows) == page.context["page_obj"].paginator.count >= 1
    assert {row[2] for row in rows} == {world.inside.project.name}
    assert [row[1] for row in rows] == [d.subject_name for d in page.context["page_obj"].object_list]


@pytest.fixture
def digests(world):
    return {
        user: RegulatorDigest.objects.create(
            user=world.users[user],
            week_start=datetime.date(2027, 3, 8),
            content={
                "week_start": "2027-03-08",
                "since": "2027-03-01",
                "until": "2027-03-07",
                "divisions": ["包头市"],
                "opened": [{"clause": "4.2", "count": 3}],
                "closed": [],
                "grade_changes": [],
                "appeals_waiting": 1,
                "exemptions_waiting": 0,
                "deadlines": [],
            },
        )  # fmt: skip
        for user in ("regulator", "regulator_bt")
    }


@pytest.mark.parametrize("role", ROLES)
def test_a_digest_is_read_by_its_regulator_only(client, world, digests, role):
    client.force_login(world.users[role])
    listed = client.get(reverse("oversight-digest-list"))
    detail = client.get(digests["regulator_bt"].get_absolute_url())
    if role not in DIGEST_READERS:
        assert (listed.status_code, detail.status_code) == (403, 403)
        return
    assert listed.status_code == 200
    own = role == "regulator_bt" or role == "admin"
    assert detail.status_code == (200 if own else 404)
    if own:
        assert "4.2 条：3 个" in detail.content.decode()
