"""A decision that changes what counts recomputes the day's snapshots in the same transaction, so the
score a page shows right after it is already the new one (not the next hourly evaluation's)."""

import datetime

import pytest
from django.utils import timezone

from wuye.compliance.actions import (
    decide_appeal,
    decide_exemption,
    file_appeal,
    request_exemption,
    revoke_exemption,
)
from wuye.compliance.models import ScoreSnapshot
from wuye.compliance.scores import compute_scores
from wuye.compliance.tests.review_helpers import local, make_finding

pytestmark = pytest.mark.django_db

FOUND = local(2026, 3, 1, 10, 0)
DAY = datetime.timedelta(days=1)


def stored_score(world, on: datetime.date):
    """The snapshot as stored: read, never recomputed here."""
    return ScoreSnapshot.objects.get(subject=f"project:{world.inside.project.pk}", on=on).score


@pytest.fixture
def finding(world):
    finding = make_finding(world, found_at=FOUND)
    compute_scores(FOUND + 2 * DAY)
    return finding


def test_upholding_an_appeal_stores_the_new_score_for_the_day_of_the_decision(world, finding):
    decided = FOUND + 2 * DAY
    assert stored_score(world, timezone.localdate(decided)) == 95
    appeal = file_appeal(world.users["manager"], finding, "停电检修。", now=FOUND + DAY)
    decide_appeal(world.users["regulator_bt"], appeal, True, "属实。", now=decided)
    assert stored_score(world, timezone.localdate(decided)) == 100


def test_a_rejected_appeal_leaves_the_score(world, finding):
    decided = FOUND + 2 * DAY
    appeal = file_appeal(world.users["manager"], finding, "停电检修。", now=FOUND + DAY)
    decide_appeal(world.users["regulator_bt"], appeal, False, "不属实。", now=decided)
    assert stored_score(world, timezone.localdate(decided)) == 95


def test_approving_and_revoking_an_exemption_store_the_new_scores(world):
    now = timezone.now()
    make_finding(world, found_at=now - DAY)
    compute_scores(now)
    today = timezone.localdate(now)
    exemption = request_exemption(
        world.users["manager"], world.inside.project, "4.8.round_gap", "供电公司管理。", today + 30 * DAY
    )
    decide_exemption(world.users["regulator_bt"], exemption, True, "属实。")
    assert stored_score(world, today) == 100
    revoke_exemption(world.users["regulator_bt"], exemption, "已收回。")
    assert stored_score(world, today) == 95
