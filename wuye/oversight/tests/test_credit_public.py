"""The public credit list of a division: no login, the published grade with its period and the list status
with its reason, no personal data; cached, and a new publication shows at once. The public project page
shows the company's published grade too."""

import pytest
from django.urls import reverse
from django.utils import timezone

from wuye.compliance.scores import compute_scores
from wuye.estates.models import ServicePeriod
from wuye.oversight.tests.credit_world import published, score, snapshot, veto_finding
from wuye.testing.personas import ROLES

pytestmark = pytest.mark.django_db


def page(client, code="150200", **params) -> str:
    response = client.get(reverse("oversight-public-credit", args=[code]), params)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("role", [*ROLES, None])
def test_everyone_reads_it_and_an_unknown_division_is_404(client, world, role):
    if role:
        client.force_login(world.users[role])
    assert world.inside.enterprise.name in page(client)
    assert client.get(reverse("oversight-public-credit", args=["990000"])).status_code == 404


def test_it_shows_the_published_grade_and_period_never_the_live_one(client, world):
    score(world, inside=("B", "80.00"))
    html = page(client)
    assert "尚未发布" in html
    publication = published(world.users["regulator_bt"], "150200")
    snapshot(world.inside, "enterprise", "D", "40.00")  # live, not published
    html = page(client)
    assert ">B<" in html and f"({publication.period_start:%Y-%m})" in html and ">D<" not in html
    assert world.outside.enterprise.name not in html


def test_a_new_publication_replaces_the_cached_page(client, world):
    score(world, inside=("B", "80.00"))
    published(world.users["regulator_bt"], "150200")
    assert ">B<" in page(client)
    snapshot(world.inside, "enterprise", "D", "40.00")
    published(world.users["regulator_bt"], "150200")  # a correction of the same period
    html = page(client)
    assert ">D<" in html and "期公布等级为 D" in html


def test_scores_computed_replace_the_cached_page_on_commit(client, world, django_capture_on_commit_callbacks):
    score(world)
    published(world.users["regulator_bt"], "150200")
    assert "黑名单" not in page(client)
    veto_finding(world.inside)  # as an appeal overturned or an exemption revoked would leave it: no run
    assert "黑名单" not in page(client)  # cached
    with django_capture_on_commit_callbacks(execute=True):
        compute_scores(timezone.now())
    assert "一票否决" in page(client)


def test_the_black_list_reason_is_shown_without_any_personal_data(client, world):
    score(world)
    published(world.users["regulator_bt"], "150200")
    veto_finding(world.inside)
    html = page(client)
    assert "黑名单" in html and "一票否决：第 2.1 条" in html
    inside = world.inside
    for personal in (
        inside.enterprise.legal_representative,
        inside.enterprise.service_phone,
        inside.staff.name,
        inside.staff.phone,
        inside.staff.id_number_masked,
        inside.owner.name,
        inside.owner.phone,
        world.users["regulator_bt"].full_name,
    ):
        assert personal not in html, personal


def test_it_is_in_english_on_request(client, world):
    response = client.get(reverse("oversight-public-credit", args=["150200"]), {"lang": "en"})
    assert response["Content-Language"] == "en" and 'lang="en"' in response.content.decode()


def test_the_public_project_page_shows_the_published_company_and_project_grades(
    client, world, django_capture_on_commit_callbacks
):
    score(world, inside=("B", "80.00"))
    snapshot(world.inside, "project", "C", "72.00")
    url = reverse("disclosure-page", args=[world.inside.project.pk])
    assert client.get(url).content.decode().count("尚未发布") == 2
    with django_capture_on_commit_callbacks(execute=True):  # the page's cache is replaced on commit
        publication = published(world.users["regulator_bt"], "150200")
    snapshot(world.inside, "project", "D", "40.00", on=timezone.localdate())  # live, not published
    html = client.get(url).content.decode()
    assert html.count(f"{publication.period_start:%Y-%m} 期发布") == 2 and "尚未发布" not in html
    assert ">B<" in html and ">C<" in html and "72" in html and ">D<" not in html


def test_the_page_costs_a_fixed_number_of_queries(client, world, django_assert_max_num_queries):
    score(world)
    published(world.users["regulator"], "150000")
    veto_finding(world.outside)
    with django_assert_max_num_queries(7):
        html = page(client, "150000")
    assert world.inside.enterprise.name in html and world.outside.enterprise.name in html


def test_another_divisions_publication_never_decides_the_page(client, world):
    score(world)
    ServicePeriod.objects.filter(pk=world.outside.period.pk).update(enterprise=world.inside.enterprise)
    published(world.users["regulator"], "150200", months=2)  # 包头: A
    snapshot(world.inside, "enterprise", "D", "40.00")
    published(world.users["regulator"], "150100", months=1)  # 呼和浩特, a later period: D
    html = page(client, "150200")
    assert ">A<" in html and ">D<" not in html and "黑名单" not in html
    assert ">D<" in page(client, "150100")
    project_page = client.get(reverse("disclosure-page", args=[world.inside.project.pk])).content.decode()
    assert ">A<" in project_page and ">D<" not in project_page
