"""Checks 3.7.survey_held, 3.7.problems_fixed and 6.M.management_rating, at their boundaries."""

import datetime

import pytest

from wuye.estates.models import ServicePeriod
from wuye.servicedesk.actions_surveys import close_rectification, save_rectification
from wuye.servicedesk.checks.surveys import ManagementRatingLow, RectificationOverdue, SurveyNotHeld
from wuye.servicedesk.models import RectificationClosure, RectificationItem
from wuye.servicedesk.tests.surveys_world import at, open_survey, paper
from wuye.testing import factories as f

pytestmark = pytest.mark.django_db
SECOND = datetime.timedelta(seconds=1)


def drafts(check, as_of, project):
    return [d for d in check().run(as_of, None) if d.project_id == project.pk]


@pytest.fixture
def served_since_july(world):
    ServicePeriod.objects.filter(pk=world.inside.period.pk).update(start=datetime.date(2025, 7, 1))
    return world


def households(world, n):
    return [f.HouseholdFactory(building=world.inside.building, number=f"2{i:02d}") for i in range(n)]


# -- 3.7.survey_held -------------------------------------------------------------------------------


def test_a_half_year_without_an_answered_survey_is_a_finding_once_it_ends(served_since_july):
    world = served_since_july
    staff = world.users["staff"]
    survey = open_survey(
        world.inside.project,
        staff,
        opens_on=datetime.date(2025, 10, 1),
        closes_on=datetime.date(2025, 10, 31),
        now=at(2025, 10, 1, 9),
    )
    paper(survey, world.inside.household, staff, at(2025, 10, 8, 9))
    due = at(2026, 7, 1, 0, 0)  # the end of 2026's first half, due_after 0 days
    assert drafts(SurveyNotHeld, due - SECOND, world.inside.project) == []
    [miss] = drafts(SurveyNotHeld, due, world.inside.project)
    assert miss.period_start == at(2026, 1, 1, 0, 0) and miss.period_end == due
    assert "2026年上半年" in miss.message and miss.subject == f"project:{world.inside.project.pk}"
    assert miss.parameters == {"bucket": "6", "due_after": "0:00:00"}


def test_a_survey_nobody_answered_does_not_count(served_since_july):
    world = served_since_july
    open_survey(
        world.inside.project,
        world.users["staff"],
        opens_on=datetime.date(2026, 3, 1),
        closes_on=datetime.date(2026, 3, 31),
    )
    found = drafts(SurveyNotHeld, at(2026, 7, 1), world.inside.project)
    assert [d.period_start for d in found] == [at(2025, 7, 1), at(2026, 1, 1)]


def test_a_survey_open_across_two_half_years_counts_for_both(served_since_july):
    world = served_since_july
    staff = world.users["staff"]
    survey = open_survey(
        world.inside.project,
        staff,
        opens_on=datetime.date(2025, 12, 20),
        closes_on=datetime.date(2026, 1, 10),
        now=at(2025, 12, 20, 9),
    )
    paper(survey, world.inside.household, staff, at(2026, 1, 5, 9))
    assert drafts(SurveyNotHeld, at(2026, 7, 1), world.inside.project) == []


def test_months_before_the_takeover_are_not_owed(served_since_july):
    world = served_since_july
    found = drafts(SurveyNotHeld, at(2026, 1, 1), world.inside.project)
    assert [d.period_start for d in found] == [at(2025, 7, 1)]


# -- 3.7.problems_fixed ----------------------------------------------------------------------------


@pytest.fixture
def item(world):
    survey = open_survey(world.inside.project, world.users["staff"])
    return save_rectification(
        world.users["staff"],
        RectificationItem(
            survey=survey,
            problem="3号楼楼道照明损坏",
            responsible="王工",
            raised_on=datetime.date(2026, 4, 1),
            due_on=datetime.date(2026, 4, 30),
        ),
    )


def test_an_open_item_is_late_one_second_after_its_due_day(world, item):
    deadline = at(2026, 5, 1, 0, 0)
    assert item.deadline == deadline
    assert drafts(RectificationOverdue, deadline, world.inside.project) == []
    [late] = drafts(RectificationOverdue, deadline + SECOND, world.inside.project)
    assert late.period_start == deadline and late.period_end is None
    assert "王工" in late.message and "至今未完成" in late.message
    assert late.evidence == [f"servicedesk.rectificationitem:{item.pk}"]


def test_closed_exactly_at_the_deadline_passes(world, item):
    close_rectification(
        world.users["staff"], RectificationClosure(item=item, note="已修复", occurred_at=at(2026, 5, 1, 0, 0))
    )
    assert drafts(RectificationOverdue, at(2026, 6, 1), world.inside.project) == []


def test_closed_one_second_late_is_a_closed_finding(world, item):
    closed = at(2026, 5, 1, 0, 0) + SECOND
    closure = close_rectification(
        world.users["staff"], RectificationClosure(item=item, note="已修复", occurred_at=closed)
    )
    [late] = drafts(RectificationOverdue, at(2026, 6, 1), world.inside.project)
    assert late.period_end == closed
    assert f"servicedesk.rectificationclosure:{closure.pk}" in late.evidence


# -- 6.M.management_rating -------------------------------------------------------------------------


def rate(world, ratings, when=at(2026, 3, 10, 9)):
    staff = world.users["staff"]
    survey = open_survey(world.inside.project, staff)
    for household, rating in zip(households(world, len(ratings)), ratings, strict=True):
        paper(survey, household, staff, when, rating=rating)


def test_no_answers_no_finding(world):
    assert drafts(ManagementRatingLow, at(2026, 7, 1), world.inside.project) == []


def test_exactly_the_minimum_share_passes(world):
    rate(world, ["satisfied", "basic", "satisfied", "basic", "dissatisfied"])  # 4 of 5: 80 %
    assert drafts(ManagementRatingLow, at(2026, 7, 1), world.inside.project) == []


def test_below_the_minimum_share_is_one_finding_for_the_project(world):
    rate(world, ["satisfied", "basic", "dissatisfied", "dissatisfied"])  # 2 of 4: 50 %
    [low] = drafts(ManagementRatingLow, at(2026, 7, 1), world.inside.project)
    assert low.subject == f"project:{world.inside.project.pk}"
    assert low.period_start == at(2026, 1, 1) and low.period_end == at(2026, 7, 1)
    assert "占50%" in low.message and "共4份" in low.message and "低于80%" in low.message
    assert low.parameters == {"window": "6", "satisfaction_min": "80"}


def test_the_current_window_stays_open(world):
    rate(world, ["dissatisfied"])
    [low] = drafts(ManagementRatingLow, at(2026, 4, 1), world.inside.project)
    assert low.period_end is None
