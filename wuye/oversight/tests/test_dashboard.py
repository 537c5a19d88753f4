"""The regulator's dashboard: its figures are computed once per scoring run (DivisionStat), the page reads
them for the regulator's own division and below, drills down by ?division=, and costs the same queries
however many projects there are."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from wuye.compliance.review import Appeal
from wuye.compliance.scores import compute_scores
from wuye.compliance.tests.review_helpers import make_finding
from wuye.oversight.models import DivisionStat
from wuye.testing import factories as f
from wuye.testing.personas import ROLES

pytestmark = pytest.mark.django_db

REGULATORS = {"regulator", "regulator_bt", "admin"}
DAY = datetime.timedelta(days=1)


def stat(code: str, on) -> DivisionStat:
    return DivisionStat.objects.get(division_id=code, on=on)


@pytest.fixture
def scored(world):
    """A veto finding (grade D) and a minor one on the inside project, a round gap outside; a ticket closed
    in time and one late inside; an appeal waiting; scored now."""
    now = timezone.now()
    make_finding(world, check_id="4.8.round_gap", found_at=now - 3 * DAY)
    make_finding(world, check_id="4.8.round_gap", found_at=now - 2 * DAY)
    late_one = make_finding(world, check_id="2.1.sudden_withdrawal", found_at=now - DAY)
    make_finding(world, "outside", check_id="4.8.round_gap", found_at=now - DAY)
    for late in (False, True):
        ticket = f.ticket(world.users["staff"], project=world.inside.project, received_at=now - 5 * DAY)
        type(ticket).objects.filter(pk=ticket.pk).update(closed_at=now - 2 * DAY)
        if late:
            make_finding(
                world, check_id="3.3.ticket_completed", subject=f"ticket:{ticket.pk}", found_at=now - 3 * DAY
            )
    Appeal.objects.create(
        finding=late_one,
        statement="不属实。",
        filed_by=world.users["manager"],
        filed_at=now,
        decide_by=now + 20 * DAY,
    )
    compute_scores(now)
    return timezone.localdate(now)


def test_the_figures_are_computed_with_the_scores_and_rolled_up(world, scored):
    county = stat("150203", scored)
    assert (county.projects, county.grade_d, county.grade_a) == (1, 1, 0)
    assert county.clauses == {"4.8": 2, "2.1": 1, "3.3": 1}
    assert county.open_checks["4.8.round_gap"] == 2
    assert (county.tickets_closed, county.tickets_in_time, county.ticket_rate) == (2, 1, 50.0)
    assert county.appeals_waiting == 1
    league = stat("150200", scored)
    assert (league.projects, league.grade_d, league.clauses) == (1, 1, county.clauses)
    region = stat("150000", scored)
    assert (region.projects, region.grade_d, region.clauses["4.8"]) == (2, 1, 3)
    assert region.grade_a + region.grade_b + region.grade_c + region.grade_d == 2


@pytest.mark.parametrize("role", ROLES)
def test_only_regulators_see_the_dashboard_and_only_their_divisions(client, world, role):
    client.force_login(world.users[role])
    inside, outside = "150200", "150100"
    for name in ("oversight-dashboard",):
        own = client.get(reverse(name))
        assert own.status_code == (200 if role in REGULATORS else 403)
        for code, reach in ((inside, REGULATORS), (outside, {"regulator", "admin"})):
            answer = client.get(reverse(name), {"division": code})
            wanted = 403 if role not in REGULATORS else (200 if role in reach else 404)
            assert answer.status_code == wanted, (role, code)


def test_anonymous_is_sent_to_sign_in(client):
    assert client.get(reverse("oversight-dashboard")).status_code == 302


def test_the_baotou_regulator_sees_only_baotou(client, world, scored):
    client.force_login(world.users["regulator_bt"])
    page = client.get(reverse("oversight-dashboard")).content.decode()
    assert "包头花园" in page and "呼市花园" not in page
    assert "呼和浩特" not in page
    assert 'data-division="150203"' in page  # its county, one click down


def test_the_region_drills_down_to_a_county_and_its_projects(client, world, scored):
    client.force_login(world.users["regulator"])
    region = client.get(reverse("oversight-dashboard")).content.decode()
    assert "?division=150200" in region and "?division=150100" in region
    county = client.get(reverse("oversight-dashboard"), {"division": "150203"})
    text = county.content.decode()
    assert reverse("project-scorecard", args=[world.inside.project.pk]) in text
    assert reverse("enterprise-scorecard", args=[world.inside.enterprise.pk]) in text
    assert county.context["board"].stat.grade_d == 1
    assert [step.code for step in county.context["board"].path] == ["150000", "150200", "150203"]


def test_the_dashboard_costs_the_same_queries_with_more_projects(
    client, world, scored, django_assert_max_num_queries
):
    client.force_login(world.users["regulator"])
    with django_assert_max_num_queries(13) as few:  # built afresh: the statistics' version, then as before
        client.get(reverse("oversight-dashboard"), {"division": "150200"})
    for n in range(5):
        project = f.ProjectFactory(name=f"新建{n}小区", division_code="150203")
        f.ServicePeriodFactory(project=project, enterprise=world.inside.enterprise)
        make_finding(world, project=project, found_at=timezone.now() - DAY)
    compute_scores(timezone.now())
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("oversight-dashboard"), {"division": "150200"})
    assert response.context["board"].stat.projects == 6
