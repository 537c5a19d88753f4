"""The regulator's rankings, credit lists and publications, walked with every role inside and outside its
scope (the URL matrix names these pages as walked here); then the pages at work: filters, export, queries."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from wuye.compliance.actions_publication import build_draft
from wuye.compliance.publication import GradePublication, PublicationStatus
from wuye.estates.models import ServicePeriod
from wuye.oversight.tests.credit_world import months_ago, published, score, snapshot, veto_finding
from wuye.regions.models import Division
from wuye.testing.personas import ROLES

pytestmark = pytest.mark.django_db
REGULATORS = {"regulator", "regulator_bt", "admin"}
# Who reads a publication of 包头市 (inside) and of 呼和浩特市 (outside).
READS_PUBLICATION = {"inside": REGULATORS, "outside": {"regulator", "admin"}}
LISTS = ["oversight-ranking", "oversight-project-ranking", "oversight-credit-lists", "oversight-publications"]
LISTS += ["oversight-publication-create"]


@pytest.fixture
def drafts(world):
    score(world)
    regulator = world.users["regulator"]
    return {
        side: build_draft(regulator, Division.objects.get(pk=code), months_ago(1))
        for side, code in (("inside", "150200"), ("outside", "150100"))
    }


def expected_detail(role, side):
    if role not in REGULATORS:
        return 403
    return 200 if role in READS_PUBLICATION[side] else 404


@pytest.mark.parametrize("role", ROLES)
def test_every_page_answers_by_role_and_scope(client, world, drafts, role):
    client.force_login(world.users[role])
    for name in LISTS:
        assert client.get(reverse(name)).status_code == (200 if role in REGULATORS else 403), name
    for side, draft in drafts.items():
        url = reverse("oversight-publication-detail", args=[draft.pk])
        assert client.get(url).status_code == expected_detail(role, side), side
        publish_url = reverse("oversight-publication-publish", args=[draft.pk])
        assert client.get(publish_url).status_code == 405  # POST only, for everyone
    if role in REGULATORS:
        wanted = 404 if role == "regulator_bt" else 200
        assert client.get(reverse("oversight-ranking"), {"division": "150100"}).status_code == wanted


@pytest.mark.parametrize("name", LISTS + ["oversight-publication-detail"])
def test_anonymous_is_sent_to_log_in(client, drafts, name):
    args = [drafts["inside"].pk] if name.endswith("detail") else []
    response = client.get(reverse(name, args=args))
    assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.parametrize("role", ["manager", "staff", "committee", "owner", "developer", "stranger"])
def test_a_non_regulator_cannot_publish_and_nothing_changes(client, world, drafts, role):
    client.force_login(world.users[role])
    response = client.post(reverse("oversight-publication-publish", args=[drafts["inside"].pk]))
    assert response.status_code == 403
    assert not GradePublication.objects.filter(status=PublicationStatus.PUBLISHED).exists()


def test_the_city_regulator_cannot_publish_outside_and_nothing_changes(client, world, drafts):
    client.force_login(world.users["regulator_bt"])
    response = client.post(reverse("oversight-publication-publish", args=[drafts["outside"].pk]))
    assert response.status_code == 404
    assert not GradePublication.objects.filter(status=PublicationStatus.PUBLISHED).exists()


def test_a_regulator_builds_reviews_and_publishes(client, world):
    score(world)
    client.force_login(world.users["regulator_bt"])
    month = f"{months_ago(1):%Y-%m}"
    response = client.post(reverse("oversight-publication-create"), {"division": "150200", "month": month})
    draft = GradePublication.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "oversight-publication-detail", args=[draft.pk]
    )
    html = client.get(response["Location"]).content.decode()
    assert world.inside.enterprise.name in html and "审核无误，发布" in html
    client.post(reverse("oversight-publication-publish", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.status == PublicationStatus.PUBLISHED and draft.published_by == world.users["regulator_bt"]


def test_the_draft_form_refuses_another_division_and_a_period_not_ended(client, world):
    client.force_login(world.users["regulator_bt"])
    response = client.post(
        reverse("oversight-publication-create"), {"division": "150100", "month": "2025-01"}
    )
    assert response.status_code == 200 and "division" in response.context["form"].errors
    response = client.post(
        reverse("oversight-publication-create"), {"division": "150200", "month": f"{months_ago(0):%Y-%m}"}
    )
    assert "该期间尚未结束" in str(response.context["form"].errors)
    assert not GradePublication.objects.exists()


def ranking_names(client, **params) -> list[str]:
    response = client.get(reverse("oversight-ranking"), {**params, "per_page": 200})
    assert response.status_code == 200
    return [row.name for row in response.context["page_obj"].object_list]


def test_the_city_regulator_ranks_its_division_only(client, world):
    score(world)
    client.force_login(world.users["regulator_bt"])
    assert ranking_names(client) == [world.inside.enterprise.name]
    client.force_login(world.users["regulator"])
    assert ranking_names(client) == [world.inside.enterprise.name, world.outside.enterprise.name]
    assert ranking_names(client, division="150100") == [world.outside.enterprise.name]
    assert ranking_names(client, grade="D") == [world.outside.enterprise.name]
    assert ranking_names(client, score_min="90") == [world.inside.enterprise.name]
    assert ranking_names(client, q="包头") == [world.inside.enterprise.name]


def test_the_list_status_filter_and_the_black_list_page(client, world):
    score(world)
    veto_finding(world.outside)
    client.force_login(world.users["regulator"])
    assert ranking_names(client, status="black") == [world.outside.enterprise.name]
    assert ranking_names(client, status="none") == [world.inside.enterprise.name]
    html = client.get(reverse("oversight-credit-lists"), {"list": "black"}).content.decode()
    assert world.outside.enterprise.name in html and "一票否决" in html
    client.force_login(world.users["regulator_bt"])
    html = client.get(reverse("oversight-credit-lists"), {"list": "black"}).content.decode()
    assert world.outside.enterprise.name not in html


def exported(client, name, **params) -> list[list]:
    response = client.get(reverse(name), {**params, "export": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    return [list(row) for row in sheet.iter_rows(min_row=2, values_only=True)]


@pytest.mark.parametrize(
    "params",
    [{}, {"grade": "A"}, {"division": "150200"}, {"o": "name"}, {"status": "black"}, {"status": "none"}],
)
def test_the_export_rows_are_the_filtered_list(client, world, params):
    score(world)
    veto_finding(world.outside)
    client.force_login(world.users["regulator"])
    rows = exported(client, "oversight-ranking", **params)
    assert [row[1] for row in rows] == ranking_names(client, **params)
    assert all(row[0] is not None for row in rows)  # the rank
    if "status" in params:
        assert len(rows) == 1


@pytest.mark.parametrize(
    "params", [{"list": "black"}, {"list": "black", "division": "150100"}, {"list": "red"}]
)
def test_the_credit_list_export_rows_are_the_filtered_list(client, world, params):
    score(world)
    veto_finding(world.outside)
    for back in range(1, 13):
        published(world.users["regulator"], "150200", months=back)
    client.force_login(world.users["regulator"])
    response = client.get(reverse("oversight-credit-lists"), {**params, "per_page": 200})
    listed = [row.name for row in response.context["page_obj"].object_list]
    rows = exported(client, "oversight-credit-lists", **params)
    assert [row[0] for row in rows] == listed and len(listed) == 1
    assert all(row[3] for row in rows)  # the reason


def test_the_project_ranking_and_its_export(client, world):
    score(world)
    client.force_login(world.users["regulator_bt"])
    response = client.get(reverse("oversight-project-ranking"))
    assert [p.name for p in response.context["page_obj"].object_list] == [world.inside.project.name]
    rows = exported(client, "oversight-project-ranking")
    assert [row[1] for row in rows] == [world.inside.project.name] and rows[0][
        3
    ] == world.inside.enterprise.name


def test_the_ranking_page_costs_a_fixed_number_of_queries(client, world, django_assert_max_num_queries):
    score(world)
    published(world.users["regulator"], "150200")
    client.force_login(world.users["regulator"])
    client.get(reverse("oversight-ranking"))  # sessions, scope
    for name in ("oversight-ranking", "oversight-project-ranking", "oversight-credit-lists"):
        with django_assert_max_num_queries(12):
            response = client.get(reverse(name), {"list": "red"})
        assert response.status_code == 200, name


@pytest.mark.parametrize("params", [{"status": "black"}, {"status": "none", "export": "xlsx"}])
def test_the_status_filter_never_loads_every_id(client, world, params):
    score(world)
    client.force_login(world.users["regulator"])
    client.get(reverse("oversight-ranking"))  # sessions, scope
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("oversight-ranking"), params)
        b"".join(getattr(response, "streaming_content", [b""]))
    assert response.status_code == 200
    ids_only = 'SELECT "enterprises_enterprise"."id" AS "pk" FROM'
    assert not [q["sql"] for q in queries.captured_queries if q["sql"].startswith(ids_only)]


def test_with_a_division_chosen_another_divisions_publication_does_not_count(client, world):
    score(world)
    ServicePeriod.objects.filter(pk=world.outside.period.pk).update(enterprise=world.inside.enterprise)
    published(world.users["regulator"], "150200", months=2)  # 包头: A
    snapshot(world.inside, "enterprise", "D", "40.00")
    published(world.users["regulator"], "150100", months=1)  # 呼和浩特, a later period: D
    client.force_login(world.users["regulator"])
    assert ranking_names(client, division="150200", status="black") == []
    assert ranking_names(client, division="150100", status="black") == [world.inside.enterprise.name]
    html = client.get(
        reverse("oversight-credit-lists"), {"list": "black", "division": "150200"}
    ).content.decode()
    assert world.inside.enterprise.name not in html


def test_the_ranking_reads_the_published_d_grades_once_for_its_rows_and_the_black_list(client, world):
    snapshot(world.outside, "enterprise", "D", "40.00")  # the outside enterprise is published as D
    score(world)
    published(world.users["regulator"], "150000")
    client.force_login(world.users["regulator"])
    client.get(reverse("oversight-ranking"))  # sessions, scope
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("oversight-ranking"))
    rows = {row.pk: row for row in response.context["page_obj"].object_list}
    assert rows[world.outside.enterprise.pk].published_grade == "D"
    assert "公布等级为 D" in rows[world.outside.enterprise.pk].entry.reason
    assert (
        rows[world.inside.enterprise.pk].entry is None
        or "D" not in rows[world.inside.enterprise.pk].entry.reason
    )
    published_reads = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].startswith('SELECT "enterprises_enterprise"."id"')
        and "compliance_publishedgrade" in q["sql"]
    ]
    assert len(published_reads) == 1, published_reads
