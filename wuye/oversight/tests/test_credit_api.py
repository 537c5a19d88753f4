"""The credit API: rankings and publications for regulators only, within their divisions."""

import pytest
from rest_framework.test import APIClient

from wuye.enterprises.models import Enterprise
from wuye.oversight.tests.credit_world import published, score, veto_finding
from wuye.testing.personas import ROLES

pytestmark = pytest.mark.django_db
REGULATORS = {"regulator", "regulator_bt", "admin"}


@pytest.fixture
def api(world):
    score(world)
    veto_finding(world.outside)
    world.publications = {
        "inside": published(world.users["regulator"], "150200"),
        "outside": published(world.users["regulator"], "150100"),
    }
    return APIClient()


@pytest.mark.parametrize("role", ROLES)
def test_every_role_inside_and_outside(api, world, role):
    api.force_authenticate(world.users[role])
    response = api.get("/api/credit-rankings/")
    if role not in REGULATORS:
        assert response.status_code == 403
        assert api.get("/api/grade-publications/").status_code == 403
        return
    names = [row["name"] for row in response.json()["results"]]
    assert world.inside.enterprise.name in names
    assert (world.outside.enterprise.name in names) is (role != "regulator_bt")
    for side, publication in world.publications.items():
        status = api.get(f"/api/grade-publications/{publication.pk}/").status_code
        assert status == (404 if role == "regulator_bt" and side == "outside" else 200)
        status = api.get(f"/api/credit-rankings/{getattr(world, side).enterprise.pk}/").status_code
        assert status == (404 if role == "regulator_bt" and side == "outside" else 200)


def test_anonymous_is_refused(api):
    assert api.get("/api/credit-rankings/").status_code in (401, 403)


def test_a_ranking_row_carries_rank_grades_and_list(api, world):
    api.force_authenticate(world.users["regulator"])
    rows = {row["name"]: row for row in api.get("/api/credit-rankings/").json()["results"]}
    inside, outside = rows[world.inside.enterprise.name], rows[world.outside.enterprise.name]
    assert (inside["rank"], inside["latest_grade"], inside["published_grade"]) == (1, "A", "A")
    assert (outside["rank"], outside["list_status"]) == (2, "black") and "一票否决" in outside["list_reason"]
    publication = api.get(f"/api/grade-publications/{world.publications['inside'].pk}/").json()
    assert publication["status"] == "published" and len(publication["rows"]) == 2


def test_the_list_of_publications_carries_no_rows_the_detail_does(api, world):
    api.force_authenticate(world.users["regulator"])
    listed = api.get("/api/grade-publications/").json()["results"]
    assert len(listed) == 2 and all("rows" not in publication for publication in listed)
    detail = api.get(f"/api/grade-publications/{world.publications['outside'].pk}/").json()
    names = [row["subject_name"] for row in detail["rows"]]  # by subject: "enterprise:…" before "project:…"
    assert names == [world.outside.enterprise.name, world.outside.project.name]


def test_the_division_filter_is_the_pages_enterprises_serving_there(api, world):
    Enterprise.objects.filter(pk=world.outside.enterprise.pk).update(
        division=world.inside.enterprise.division
    )
    api.force_authenticate(world.users["regulator"])
    names = [
        row["name"] for row in api.get("/api/credit-rankings/", {"division": "150100"}).json()["results"]
    ]
    assert names == [world.outside.enterprise.name]  # registered in 包头, serving in 呼和浩特
    names = [
        row["name"] for row in api.get("/api/credit-rankings/", {"division": "150200"}).json()["results"]
    ]
    assert sorted(names) == sorted([world.inside.enterprise.name, world.outside.enterprise.name])
