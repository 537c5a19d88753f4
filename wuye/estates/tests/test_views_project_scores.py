"""The project list's grade and score columns: the latest snapshot, sortable, filterable, exported."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wuye.compliance.models import ScoreSnapshot
from wuye.testing import factories as f

pytestmark = pytest.mark.django_db

LIST = "/projects/"
DAY = datetime.timedelta(days=1)


def snapshot(project, score, grade, days_ago=0):
    return ScoreSnapshot.objects.create(
        subject=f"project:{project.pk}",
        project=project,
        on=timezone.localdate() - days_ago * DAY,
        score=Decimal(score),
        grade=grade,
        points=100 - Decimal(score),
        open_findings=0,
    )


@pytest.fixture
def scored(world):
    """包头: yesterday 70 (C) then today 92.5 (A); 呼市: 80 (B); 东河: never evaluated."""
    snapshot(world.inside.project, 70, "C", days_ago=1)
    snapshot(world.inside.project, "92.5", "A")
    snapshot(world.outside.project, 80, "B")
    return f.ProjectFactory(name="东河小区", division_code="150202")


def names(client, world, **query):
    client.force_login(world.users["regulator"])
    response = client.get(LIST, query)
    assert response.status_code == 200
    return [p.name for p in response.context["page_obj"].object_list]


def test_the_columns_show_the_latest_grade_and_score_with_a_link_to_the_scorecard(client, world, scored):
    client.force_login(world.users["regulator"])
    body = client.get(LIST).content.decode()
    assert f'href="/compliance/projects/{world.inside.project.pk}/"' in body
    assert ">92.50<" in body and ">70<" not in body
    assert "未评估" in body  # 东河


def test_sorting_by_score_puts_the_unevaluated_last_both_ways(client, world, scored):
    assert names(client, world, o="score") == ["呼市花园", "包头花园", "东河小区"]
    assert names(client, world, o="-score") == ["包头花园", "呼市花园", "东河小区"]
    assert names(client, world, o="grade") == ["包头花园", "呼市花园", "东河小区"]


@pytest.mark.parametrize(
    "query, expected",
    [
        ({"grade": "A"}, ["包头花园"]),
        ({"grade": "B"}, ["呼市花园"]),
        ({"grade": "C"}, []),  # yesterday's grade is not the latest
        ({"grade": "none"}, ["东河小区"]),
        ({"score_min": "85"}, ["包头花园"]),
        ({"score_max": "85"}, ["呼市花园"]),
        ({"score_min": "80", "score_max": "92.5"}, ["呼市花园", "包头花园"]),
    ],
)
def test_filters_by_grade_and_score_range(client, world, scored, query, expected):
    assert names(client, world, o="score", **query) == expected


def test_a_bad_score_bound_is_ignored_not_a_500(client, world, scored):
    assert len(names(client, world, score_min="abc")) == 3


def test_the_csv_export_has_grade_score_and_date(client, world, scored):
    client.force_login(world.users["regulator"])
    text = b"".join(client.get(LIST, {"export": "csv", "o": "-score"}).streaming_content).decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0].endswith("等级,得分,评分日期")
    assert lines[1].startswith("包头花园") and lines[1].endswith(f"A,92.50,{timezone.localdate():%Y-%m-%d}")
    assert lines[3].startswith("东河小区") and lines[3].endswith(",,")


def test_the_scores_cost_no_queries_per_row(client, world, django_assert_max_num_queries):
    client.force_login(world.users["regulator"])

    def add(count):
        for _n in range(count):
            project = f.ProjectFactory()
            f.ServicePeriodFactory(project=project)
            snapshot(project, 88, "B", days_ago=1)
            snapshot(project, 90, "A")

    add(3)
    with CaptureQueriesContext(connection) as few:
        assert client.get(LIST, {"per_page": 50, "o": "-score"}).status_code == 200
    add(20)
    with django_assert_max_num_queries(len(few)):
        response = client.get(LIST, {"per_page": 50, "o": "-score"})
    assert response.content.decode().count('href="/compliance/projects/') >= 2 * 23
