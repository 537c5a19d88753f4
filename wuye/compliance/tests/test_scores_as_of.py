"""Scores computed as of a past moment count only the findings that had begun by then, and a finding closed
since counts as open then: the 12-month trend is what the scores were, not today's findings dated back."""

import datetime

import pytest
from django.utils import timezone

from wuye.compliance.models import FindingState
from wuye.compliance.tests.review_helpers import make_finding, snapshot

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def test_a_finding_that_began_later_does_not_count_back_then(world):
    now = timezone.now()
    make_finding(world, check_id="2.1.sudden_withdrawal", found_at=now - DAY)
    subject = f"project:{world.inside.project.pk}"
    before = snapshot(subject, now - 40 * DAY)
    assert (before.score, before.grade, before.open_findings) == (100, "A", 0)
    assert snapshot(subject, now).grade == "D"


def test_a_finding_closed_since_was_open_then(world):
    now = timezone.now()
    make_finding(
        world,
        found_at=now - 40 * DAY,
        state=FindingState.CLOSED,
        closed_at=now - 10 * DAY,
        period_end=now - 10 * DAY,
    )
    subject = f"project:{world.inside.project.pk}"
    assert snapshot(subject, now - 20 * DAY).open_findings == 1
    assert snapshot(subject, now).open_findings == 0
