"""Checks 1.6.statement_published and 1.6.statement_level2, at their boundaries."""

import datetime

import pytest
from django.utils import timezone

from wuye.estates.models import ServicePeriod
from wuye.finance.checks.statements import StatementNotAtLevel2, StatementNotPublished
from wuye.finance.dues_statements import statement_due
from wuye.finance.models import StatementLine
from wuye.testing import factories as f

pytestmark = pytest.mark.django_db
SECOND = datetime.timedelta(seconds=1)


def at(*args):
    return timezone.make_aware(datetime.datetime(*args))


def drafts(check, as_of, project):
    return [d for d in check().run(as_of, None) if d.project_id == project.pk]


@pytest.fixture
def served_2025(world):
    ServicePeriod.objects.filter(pk=world.inside.period.pk).update(start=datetime.date(2025, 1, 1))
    return world


# -- 1.6.statement_published ------------------------------------------------------------------------


def test_the_deadline_is_30_days_after_the_half_year_ends(world):
    assert statement_due(datetime.date(2025, 1, 1), world.inside.project.division_id) == at(2025, 7, 31)
    assert statement_due(datetime.date(2025, 7, 1), world.inside.project.division_id) == at(2026, 1, 31)


def test_a_statement_never_published_is_an_open_finding_from_its_deadline(served_2025):
    world = served_2025
    due = at(2025, 7, 31)
    assert drafts(StatementNotPublished, due - SECOND, world.inside.project) == []
    [miss] = drafts(StatementNotPublished, due, world.inside.project)
    assert miss.period_start == at(2025, 1, 1) and miss.period_end is None
    assert "2025年上半年" in miss.message and "未公布" in miss.message
    assert miss.parameters == {"bucket": "6", "due_after": "30 days, 0:00:00"}


def test_a_draft_does_not_count(served_2025):
    world = served_2025
    f.statement(world.users["staff"], world.inside.project)
    assert len(drafts(StatementNotPublished, at(2025, 8, 1), world.inside.project)) == 1


def test_published_exactly_at_the_deadline_passes(served_2025):
    world = served_2025
    f.statement(world.users["staff"], world.inside.project, publish_at=at(2025, 7, 31))
    assert drafts(StatementNotPublished, at(2026, 1, 30), world.inside.project) == []


def test_published_one_second_late_is_a_closed_finding(served_2025):
    world = served_2025
    late = at(2025, 7, 31) + SECOND
    record = f.statement(world.users["staff"], world.inside.project, publish_at=late)
    [miss] = drafts(StatementNotPublished, at(2026, 1, 30), world.inside.project)
    assert miss.period_end == late and "公布晚了" in miss.message
    assert miss.evidence == [f"finance.statement:{record.pk}"]


def test_half_years_before_the_service_began_are_not_this_enterprises(world):
    ServicePeriod.objects.filter(pk=world.inside.period.pk).update(start=datetime.date(2025, 7, 1))
    [miss] = drafts(StatementNotPublished, at(2026, 2, 1), world.inside.project)
    assert miss.period_start == at(2025, 7, 1)


# -- 1.6.statement_level2 ----------------------------------------------------------------------------


def test_a_published_statement_at_level_2_that_adds_up_passes(world):
    lines = {"4001": "100.00", "4001.01": "70.00", "4001.02": "30.00", "5001.01": "60.00"}
    f.statement(world.users["staff"], world.inside.project, lines=lines, publish_at=at(2025, 7, 10))
    assert drafts(StatementNotAtLevel2, at(2025, 8, 1), world.inside.project) == []


def test_a_line_only_at_level_1_is_a_finding(world):
    record = f.statement(world.users["staff"], world.inside.project, publish_at=at(2025, 7, 10))
    # As the demo and an old import would store it: the publish action itself refuses this.
    StatementLine.objects.create(statement=record, account=_account("5003"), amount="12.00")
    assert drafts(StatementNotAtLevel2, at(2025, 7, 10) - SECOND, world.inside.project) == []
    [miss] = drafts(StatementNotAtLevel2, at(2025, 7, 10), world.inside.project)
    assert "“绿化”只有一级科目金额" in miss.message and miss.subject == f"statement:{record.pk}"


def test_level_2_lines_that_do_not_add_up_are_a_finding_and_a_zero_level_1_line_is_not(world):
    record = f.statement(world.users["staff"], world.inside.project, publish_at=at(2025, 7, 10))
    StatementLine.objects.create(statement=record, account=_account("5001"), amount="60.01")
    StatementLine.objects.create(statement=record, account=_account("5007"), amount="0.00")
    [miss] = drafts(StatementNotAtLevel2, at(2025, 8, 1), world.inside.project)
    assert "二级科目合计60.00元，一级科目填60.01元" in miss.message
    assert "其他支出" not in miss.message


def test_a_draft_is_not_looked_at(world):
    record = f.statement(world.users["staff"], world.inside.project)
    StatementLine.objects.create(statement=record, account=_account("5003"), amount="12.00")
    assert drafts(StatementNotAtLevel2, at(2025, 8, 1), world.inside.project) == []


def _account(code):
    from wuye.finance.models import Account

    return Account.objects.get(project=None, code=code)


def test_fen_sums_that_floats_would_miss_add_up(world):
    lines = {"4001": "0.30", "4001.01": "0.10", "4001.02": "0.20"}
    f.statement(world.users["staff"], world.inside.project, lines=lines, publish_at=at(2025, 7, 10))
    assert drafts(StatementNotAtLevel2, at(2025, 8, 1), world.inside.project) == []
