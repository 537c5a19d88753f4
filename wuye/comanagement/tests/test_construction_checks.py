"""Checks of clause 5.1 at their boundaries: warned within warn_deadline (24 hours), reported within
report_deadline (3 days) of the find; exactly at the deadline passes, a minute beyond is a finding."""

import datetime

import pytest

from wuye.comanagement.checks.construction import CaseNotReported, CaseNotWarned
from wuye.comanagement.tests.helpers import case, local
from wuye.compliance.models import ParameterOverride

pytestmark = pytest.mark.django_db
FOUND = local(2025, 6, 1, 10)
MINUTE = datetime.timedelta(minutes=1)
DAY = datetime.timedelta(days=1)


def drafts(check, side, as_of):
    return [d for d in check().run(as_of, None) if d.project_id == side.project.pk]


def test_warned_exactly_at_24_hours_passes_a_minute_later_is_late(world):
    side = world.inside
    case(side, FOUND, warned_at=FOUND + DAY, reported_at=FOUND + DAY)
    assert drafts(CaseNotWarned, side, FOUND + 10 * DAY) == []
    late = case(side, FOUND, warned_at=FOUND + DAY + MINUTE, reported_at=FOUND + DAY)
    [found] = drafts(CaseNotWarned, side, FOUND + 10 * DAY)
    assert found.subject == f"constructioncase:{late.pk}"
    assert (found.period_start, found.period_end) == (FOUND + DAY, FOUND + DAY + MINUTE)
    assert "1天内劝阻警告" in found.message and "才警告" in found.message
    assert found.enterprise_id == side.enterprise.pk and found.parameters == {
        "warn_deadline": "1 day, 0:00:00"
    }


def test_not_warned_is_found_only_once_the_deadline_has_passed(world):
    side = world.inside
    case(side, FOUND)
    assert drafts(CaseNotWarned, side, FOUND + DAY) == []
    [found] = drafts(CaseNotWarned, side, FOUND + DAY + MINUTE)
    assert found.period_end is None and "至今未警告" in found.message


def test_reported_exactly_at_3_days_passes_a_minute_later_is_late(world):
    side = world.inside
    case(side, FOUND, warned_at=FOUND, reported_at=FOUND + 3 * DAY)
    assert drafts(CaseNotReported, side, FOUND + 10 * DAY) == []
    case(side, FOUND, warned_at=FOUND, reported_at=FOUND + 3 * DAY + MINUTE)
    [found] = drafts(CaseNotReported, side, FOUND + 10 * DAY)
    assert found.period_start == FOUND + 3 * DAY and "才报告" in found.message


def test_never_reported_opens_after_the_deadline(world):
    side = world.inside
    case(side, FOUND, warned_at=FOUND)
    assert drafts(CaseNotReported, side, FOUND + 3 * DAY) == []
    [found] = drafts(CaseNotReported, side, FOUND + 3 * DAY + MINUTE)
    assert found.period_end is None


def test_a_report_after_the_evaluation_moment_is_not_seen_yet(world):
    side = world.inside
    case(side, FOUND, warned_at=FOUND, reported_at=FOUND + 5 * DAY)
    [found] = drafts(CaseNotReported, side, FOUND + 4 * DAY)
    assert found.period_end is None


def test_a_divisions_own_deadline_is_read(world):
    side = world.inside
    ParameterOverride.objects.create(
        check_id="5.1.case_reported",
        name="report_deadline",
        division_id=side.project.division_id,
        value=5,
        valid_from=datetime.date(2020, 1, 1),
        reason="地方规定",
        set_by=world.users["regulator"],
    )
    case(side, FOUND, warned_at=FOUND, reported_at=FOUND + 5 * DAY)
    assert drafts(CaseNotReported, side, FOUND + 10 * DAY) == []
