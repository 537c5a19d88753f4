"""The enterprise list's grade and score columns: the enterprise's own latest snapshot, sorted, filtered."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wuye.compliance.models import ScoreSnapshot
from wuye.compliance.scores import compute_scores
from wuye.compliance.tests.review_helpers import make_finding
from wuye.testing import factories as f

pytestmark = pytest.mark.django_db

LIST = "/enterprises/"


def names(client, world, **query):
    client.force_login(world.users["regulator"])
    response = client.get(LIST, query)
    assert response.status_code == 200
    return [e.name for e in response.context["page_obj"].object_list]


@pytest.fixture
def scored(world):
    """包头's enterprise loses 10 points on its licence (severe); 呼市's has none; a third never evaluated."""
    make_finding(world, check_id="1.1.licence_valid", project=None, points=10)
    compute_scores(timezone.now())
    return f.EnterpriseFactory(name="新登记物业服务有限公司", area="150202")


def test_the_columns_show_the_enterprises_own_latest_score_and_link_its_scorecard(client, world, scored):
    client.force_login(world.users["regulator"])
    body = client.get(LIST).content.decode()
    assert f'href="/compliance/enterprises/{world.inside.enterprise.pk}/"' in body
    assert ">90<" in body and ">100<" in body and "未评估" in body


def test_sorting_and_filtering_by_score_and_grade(client, world, scored):
    inside, outside, new = world.inside.enterprise.name, world.outside.enterprise.name, scored.name
    assert names(client, world, o="score") == [inside, outside, new]
    assert names(client, world, o="-score") == [outside, inside, new]
    assert names(client, world, grade="A", o="score") == [inside, outside]
    assert names(client, world, grade="none") == [new]
    assert names(client, world, score_max="95") == [inside]


def test_the_csv_export_has_the_scores(client, world, scored):
    client.force_login(world.users["regulator"])
    text = b"".join(client.get(LIST, {"export": "csv", "o": "score"}).streaming_content).decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0].endswith("等级,得分,评分日期") and ",A,90.00," in lines[1]


def test_a_project_snapshot_never_shows_as_the_enterprises(client, world):
    ScoreSnapshot.objects.create(
        subject=f"project:{world.inside.project.pk}",
        project=world.inside.project,
        on=timezone.localdate(),
        score=Decimal(40),
        grade="D",
        points=Decimal(60),
        open_findings=3,
    )
    assert names(client, world, grade="D") == []


def test_the_scores_cost_no_queries_per_row(client, world, django_assert_max_num_queries):
    client.force_login(world.users["regulator"])
    f.EnterpriseFactory.create_batch(3)
    compute_scores(timezone.now())
    with CaptureQueriesContext(connection) as few:
        assert client.get(LIST, {"per_page": 50, "o": "score"}).status_code == 200
    f.EnterpriseFactory.create_batch(20)
    compute_scores(timezone.now())
    with django_assert_max_num_queries(len(few)):
        response = client.get(LIST, {"per_page": 50, "o": "score"})
    assert response.content.decode().count('href="/compliance/enterprises/') >= 2 * 25
