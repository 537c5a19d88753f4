"""The scorecards: grade and score with their date, the trend, findings by clause with their evidence,
appeals and exemptions; who gets which buttons; the links to them; and what a page costs in queries."""

import datetime
import json
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wuye.compliance.actions import file_appeal, request_exemption
from wuye.compliance.models import ScoreSnapshot
from wuye.compliance.scores import compute_scores
from wuye.compliance.tests.review_helpers import make_finding
from wuye.safety.tests.world import add_power_rooms
from wuye.testing import factories as f

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def scorecard(client, user, project):
    client.force_login(user)
    response = client.get(reverse("project-scorecard", args=[project.pk]))
    assert response.status_code == 200
    return response.content.decode()


def recent(world, side="inside", **fields):
    return make_finding(world, side, found_at=timezone.now() - DAY, **fields)


# Grade, score, date and trend


def test_before_any_evaluation_the_page_says_so_and_draws_no_chart(client, world):
    body = scorecard(client, world.users["committee"], world.inside.project)
    assert 'data-testid="not-evaluated"' in body and "尚未评估" in body
    assert "echarts" not in body and "没有计分中的问题" in body


def test_the_latest_snapshot_gives_grade_score_and_date(client, world):
    recent(world)
    compute_scores(timezone.now())
    body = scorecard(client, world.users["owner"], world.inside.project)
    assert re.search(r'data-testid="score">95<', body)
    assert f'data-testid="score-date">{timezone.localdate():%Y-%m-%d}<' in body
    assert 'text-bg-success fs-5" title="等级">A<' in body


def test_the_trend_has_twelve_months_of_snapshots_as_json_and_the_vendored_echarts(client, world):
    project = world.inside.project
    today = timezone.localdate()
    for days, score in ((400, 50), (300, 70), (30, 88), (0, 95)):
        ScoreSnapshot.objects.create(
            subject=f"project:{project.pk}",
            project=project,
            on=today - days * DAY,
            score=Decimal(score),
            grade="B",
            points=Decimal(100 - score),
            open_findings=1,
        )
    body = scorecard(client, world.users["committee"], project)
    points = json.loads(re.search(r'id="score-trend-points" type="application/json">(.*?)</script>', body)[1])
    assert points == [
        [(today - 300 * DAY).isoformat(), 70.0, "B"],
        [(today - 30 * DAY).isoformat(), 88.0, "B"],
        [today.isoformat(), 95.0, "B"],
    ]
    grades = json.loads(re.search(r'id="score-trend-grades" type="application/json">(.*?)</script>', body)[1])
    assert grades == {"A": 90, "B": 75, "C": 60}
    window = json.loads(re.search(r'id="score-trend-window" type="application/json">(.*?)</script>', body)[1])
    assert window == {"from": (today - 365 * DAY).isoformat(), "to": today.isoformat()}
    assert "vendor/echarts-5.6.0/echarts.min.js" in body and "compliance/score_trend.js" in body


# Findings by clause


def test_findings_are_grouped_by_clause_with_points_against_the_cap_and_the_clause_text(client, world):
    for _n in range(5):  # 5 × 5 points under 4.8, capped at 20
        recent(world)
    recent(world, check_id="1.1.licence_valid")
    body = scorecard(client, world.users["committee"], world.inside.project)
    clause_48 = body[body.index('id="clause-4.8"') :]
    assert "扣 20 分 / 上限 20 分" in clause_48 and "合计 25 分，按上限计" in clause_48
    assert "<details" in clause_48 and "条款原文" in clause_48
    assert "配电" in clause_48[clause_48.index("<details") : clause_48.index("</details>")]
    assert body.index('id="clause-1.1"') < body.index('id="clause-4.8"')  # the code's order
    assert body.count('data-finding="') == 6


def test_a_clause_shows_its_newest_findings_and_all_of_them_on_request(client, world):
    for hours in range(25):
        recent(world, period_start=timezone.now() - datetime.timedelta(hours=30 + hours))
    body = scorecard(client, world.users["committee"], world.inside.project)
    assert body.count('data-finding="') == 20 and "还有 5 个较早的问题" in body
    client.force_login(world.users["committee"])
    url = reverse("project-scorecard", args=[world.inside.project.pk])
    assert client.get(url, {"clause": "4.8"}).content.decode().count('data-finding="') == 25


def test_closed_findings_count_party_a_ones_do_not_and_withdrawn_ones_are_listed_apart(client, world):
    now = timezone.now()
    recent(world, state="closed", closed_at=now - 30 * DAY, message="已结束的问题")
    recent(world, party="A", message="甲方的问题")
    recent(world, state="withdrawn", withdrawn_at=now - DAY, message="撤销的问题")
    recent(world, state="closed", closed_at=now - 400 * DAY, message="一年多前结束的问题")
    body = scorecard(client, world.users["committee"], world.inside.project)
    counted, apart = body.split('id="not-counting"')
    assert "已结束的问题" in counted and "甲方的问题" in counted and "不计分（责任方" in counted
    assert "撤销的问题" in apart and "不计分（已撤销）" in apart
    assert "一年多前结束的问题" not in body


def test_each_finding_shows_the_evidence_the_reader_may_see_with_links_and_times(client, world):
    add_power_rooms(world)
    inside_round, outside_round = world.inside.powerround, world.outside.powerround
    recent(
        world,
        evidence=[
            f"safety.powerround:{inside_round.pk}",
            f"safety.powerround:{outside_round.pk}",  # 呼和浩特: the region-wide regulator only
            "safety.powerround:999999",  # no longer there
            "nosuchapp.model:1",
        ],
    )
    room_url = reverse("power-room-detail", args=[world.inside.powerroom.pk])
    body = scorecard(client, world.users["committee"], world.inside.project)
    assert f'<a href="{room_url}">{inside_round}</a>' in body
    assert timezone.localtime(inside_round.occurred_at).strftime("%Y-%m-%d %H:%M") in body
    assert str(outside_round) not in body and "另有 3 条依据记录不在您的查看范围内" in body
    body = scorecard(client, world.users["regulator"], world.inside.project)
    assert str(outside_round) in body and "另有 2 条依据记录" in body


def test_appeals_and_exemptions_are_shown_with_status_and_history(client, world):
    finding = recent(world)
    file_appeal(world.users["manager"], finding, "停电检修。")
    request_exemption(
        world.users["manager"],
        world.inside.project,
        "4.8.round_gap",
        "供电公司管理。",
        timezone.localdate() + 30 * DAY,
    )
    body = scorecard(client, world.users["owner"], world.inside.project)
    appeals = body[body.index('id="appeals"') : body.index('id="exemptions"')]
    assert "待裁决" in appeals and "裁决期限" in appeals and "（新建） → 待裁决" in appeals
    exemptions = body[body.index('id="exemptions"') :]
    assert "待审批" in exemptions and "供电公司管理" in exemptions


# Buttons


@pytest.mark.parametrize(
    "role, appeal, exemption",
    [
        ("manager", True, True),
        (
            "regulator",
            False,
            True,
        ),  # a regulator may ask for an exemption too (actions.may_request_exemption)
        ("regulator_bt", False, True),
        ("staff", False, False),
        ("committee", False, False),
        ("owner", False, False),
        ("developer", False, False),
        ("admin", False, False),
    ],
)
def test_only_the_manager_gets_the_appeal_button(client, world, role, appeal, exemption):
    finding = recent(world)
    body = scorecard(client, world.users[role], world.inside.project)
    assert (reverse("finding-appeal", args=[finding.pk]) in body) is appeal
    assert (reverse("finding-exemption", args=[finding.pk]) in body) is exemption


def test_no_appeal_button_after_the_deadline_or_for_a_party_a_finding(client, world):
    late = make_finding(world, found_at=timezone.now() - 16 * DAY)
    party_a = recent(world, party="A")
    body = scorecard(client, world.users["manager"], world.inside.project)
    assert reverse("finding-appeal", args=[late.pk]) not in body
    assert reverse("finding-appeal", args=[party_a.pk]) not in body


# The enterprise's scorecard


def test_the_enterprise_scorecard_shows_its_projects_scores_and_its_own_findings(client, world):
    recent(world, message="项目上的问题")
    own = recent(world, check_id="1.1.licence_valid", project=None, message="营业执照已过期")
    compute_scores(timezone.now())
    client.force_login(world.users["manager"])
    body = client.get(reverse("enterprise-scorecard", args=[world.inside.enterprise.pk])).content.decode()
    projects = body[body.index('id="projects"') :]
    assert reverse("project-scorecard", args=[world.inside.project.pk]) in projects and ">95<" in projects
    assert "营业执照已过期" in body and "项目上的问题" not in body
    assert reverse("finding-appeal", args=[own.pk]) in body
    assert world.outside.project.name not in body


# Links


def test_the_project_and_enterprise_pages_link_their_scorecards_with_the_grade(client, world):
    compute_scores(timezone.now())
    client.force_login(world.users["committee"])
    project_page = client.get(reverse("project-detail", args=[world.inside.project.pk])).content.decode()
    assert reverse("project-scorecard", args=[world.inside.project.pk]) in project_page
    assert 'data-testid="score-card"' in project_page
    enterprise_page = client.get(
        reverse("enterprise-detail", args=[world.inside.enterprise.pk])
    ).content.decode()
    assert reverse("enterprise-scorecard", args=[world.inside.enterprise.pk]) in enterprise_page


def test_home_pages_lead_to_scorecards_and_the_regulator_to_his_queue(client, world):
    file_appeal(world.users["manager"], recent(world), "停电检修。")
    client.force_login(world.users["regulator_bt"])
    home = client.get("/").content.decode()
    assert reverse("review-queue") in home and "待裁决的申诉" in home
    client.force_login(world.users["committee"])
    assert reverse("project-scorecard", args=[world.inside.project.pk]) in client.get("/").content.decode()
    client.force_login(world.users["manager"])
    home = client.get("/").content.decode()
    assert reverse("enterprise-scorecard", args=[world.inside.enterprise.pk]) in home
    assert reverse("project-scorecard", args=[world.inside.project.pk]) in home


# Queries


def test_a_scorecard_costs_the_same_queries_for_3_findings_as_for_30(
    client, world, django_assert_max_num_queries
):
    add_power_rooms(world)
    inside = world.inside
    shared = [f"safety.powerround:{inside.powerround.pk}", f"estates.serviceperiod:{inside.period.pk}"]

    def add(count, check_id):
        for _n in range(count):
            # Records of their own too, whose names and links read related rows (a post's staff member).
            own = [
                f"enterprises.licence:{f.LicenceFactory(enterprise=inside.enterprise).pk}",
                f"enterprises.post:{f.PostFactory(staff=inside.staff, project=inside.project).pk}",
            ]
            finding = recent(world, check_id=check_id, evidence=shared + own)
            file_appeal(world.users["manager"], finding, "停电检修。")

    add(3, "4.8.round_gap")
    compute_scores(timezone.now())
    client.force_login(world.users["manager"])
    url = reverse("project-scorecard", args=[inside.project.pk])
    with CaptureQueriesContext(connection) as three:
        assert client.get(url).status_code == 200
    add(15, "4.8.round_gap")
    add(12, "2.2.contract_in_force")
    with django_assert_max_num_queries(len(three)):
        response = client.get(url)
    body = response.content.decode()
    assert body.count('data-finding="') == 30
    assert body.count(f'href="{reverse("enterprise-detail", args=[inside.enterprise.pk])}"') >= 30  # licences
    assert len(three) <= 20, len(three)


@pytest.mark.parametrize("role", ["regulator", "manager"])
def test_a_scorecard_checks_the_scope_once_not_in_every_query(client, world, role):
    """The page reads the project through ``visible_to`` (404 otherwise); its findings, appeals,
    exemptions and snapshots are visible exactly where it is, so their queries repeat no scope subquery."""
    finding = recent(world)
    file_appeal(world.users["manager"], finding, "停电检修。")
    request_exemption(
        world.users["manager"],
        world.inside.project,
        finding.check_id,
        "改造中。",
        timezone.localdate() + 30 * DAY,
    )
    compute_scores(timezone.now())
    client.force_login(world.users[role])
    with CaptureQueriesContext(connection) as queries:
        body = client.get(reverse("project-scorecard", args=[world.inside.project.pk])).content.decode()
    assert f'data-finding="{finding.pk}"' in body and "data-appeal=" in body and "data-exemption=" in body
    tables = {"compliance_finding", "compliance_appeal", "compliance_exemption", "compliance_scoresnapshot"}
    read = [q["sql"] for q in queries if re.search(r'FROM "(\w+)"', q["sql"]).group(1) in tables]
    assert len(read) >= 6
    assert [sql for sql in read if "estates_project" in sql or "enterprises_enterprise" in sql] == []


def test_a_scorecard_of_a_project_out_of_scope_is_404_and_shows_nothing(client, world):
    client.force_login(world.users["manager"])
    response = client.get(reverse("project-scorecard", args=[world.outside.project.pk]))
    assert response.status_code == 404
