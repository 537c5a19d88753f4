"""Red and black lists: which periods, which findings, each entry with its reason; set-based."""

import pytest

from wuye.compliance.models import FindingState
from wuye.oversight.credit import BLACK, RED, credit_lists
from wuye.oversight.tests.credit_world import published, score, snapshot, veto_finding

pytestmark = pytest.mark.django_db


def publish_months(world, months: int, grade: str = "A"):
    snapshot(world.inside, "enterprise", grade, "95.00" if grade == "A" else "50.00")
    snapshot(world.inside, "project", grade, "95.00" if grade == "A" else "50.00")
    for back in range(1, months + 1):
        published(world.users["regulator_bt"], "150200", months=back)


def test_grade_a_in_every_period_of_the_window_is_the_red_list(world, today):
    publish_months(world, 12)
    entry = credit_lists([world.inside.enterprise.pk], today)[world.inside.enterprise.pk]
    assert entry.status == RED
    assert "各期公布等级均为 A（共 12 期）" in entry.reason


def test_a_missing_period_or_a_b_keeps_it_off_the_red_list(world, today):
    publish_months(world, 11)
    assert credit_lists([world.inside.enterprise.pk], today) == {}
    snapshot(world.inside, "enterprise", "B", "85.00")
    published(world.users["regulator_bt"], "150200", months=12)
    assert credit_lists([world.inside.enterprise.pk], today) == {}


def test_a_published_d_is_the_black_list_with_its_period(world, today):
    score(world, inside=("D", "50.00"))
    publication = published(world.users["regulator_bt"], "150200")
    entry = credit_lists([world.inside.enterprise.pk], today)[world.inside.enterprise.pk]
    assert entry.status == BLACK
    assert entry.reason == f"{publication.period_start:%Y-%m} 期公布等级为 D"


def test_a_superseded_d_no_longer_counts(world, today):
    score(world, inside=("D", "50.00"))
    published(world.users["regulator_bt"], "150200")
    snapshot(world.inside, "enterprise", "B", "80.00")
    published(world.users["regulator_bt"], "150200")
    assert credit_lists([world.inside.enterprise.pk], today) == {}


def test_an_open_veto_finding_is_the_black_list_until_it_closes(world, today):
    finding = veto_finding(world.inside)
    entry = credit_lists([world.inside.enterprise.pk], today)[world.inside.enterprise.pk]
    assert entry.status == BLACK and "一票否决：第 2.1 条" in entry.reason
    finding.state = FindingState.CLOSED
    finding.save()
    assert credit_lists([world.inside.enterprise.pk], today) == {}


def test_the_lists_cost_three_queries_whatever_the_number(world, today, django_assert_max_num_queries):
    publish_months(world, 2)
    veto_finding(world.outside)
    ids = [world.inside.enterprise.pk, world.outside.enterprise.pk]
    with django_assert_max_num_queries(3):
        entries = credit_lists(ids, today)
    assert entries[world.outside.enterprise.pk].status == BLACK


def test_the_red_list_holds_until_last_month_is_published(world, today):
    snapshot(world.inside, "enterprise", "A", "95.00")
    for back in range(2, 14):  # twelve periods, last month's not published yet
        published(world.users["regulator_bt"], "150200", months=back)
    assert credit_lists([world.inside.enterprise.pk], today)[world.inside.enterprise.pk].status == RED
