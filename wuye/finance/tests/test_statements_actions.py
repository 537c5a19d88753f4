"""Statement use cases: drafts validated, publishing final, corrections as new versions, refusals."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from wuye.finance.actions_statements import accounts_for, publish_statement, save_statement, start_correction
from wuye.finance.choices_statements import StatementStatus
from wuye.finance.models import Statement, StatementLine, StatementStatusChange
from wuye.finance.validation_statements import to_fen
from wuye.testing import factories as f

pytestmark = pytest.mark.django_db
NOW = timezone.make_aware(datetime.datetime(2025, 7, 10, 9))


def ids(project, **lines):
    accounts = {a.code: a.pk for a in accounts_for(project.pk)}
    return {accounts[code.replace("_", ".")]: Decimal(v) for code, v in lines.items()}


def draft(world, closing="40.00"):
    return Statement(
        project=world.inside.project,
        year=2025,
        half=1,
        opening_balance=Decimal("0"),
        closing_balance=Decimal(closing),
    )


def test_one_rounding_rule_half_up_to_the_fen():
    assert to_fen("0.005") == Decimal("0.01") and to_fen("0.004") == Decimal("0.00")


def test_a_draft_is_saved_with_its_lines(world):
    record = save_statement(
        world.users["staff"], draft(world), ids(world.inside.project, **{"4001_01": "100", "5001_01": "60"})
    )
    assert record.status == StatementStatus.DRAFT and record.lines.count() == 2


@pytest.mark.parametrize(
    ("lines", "closing", "says"),
    [
        (
            {"4001": "100", "4001_01": "70", "4001_02": "20", "5001_01": "60"},
            "40.00",
            "与一级科目合计 100 元不符",
        ),
        ({"4001_01": "100", "5001_01": "60"}, "41.00", "与期末结余减期初结余"),
    ],
)
def test_figures_that_do_not_add_up_are_refused_and_nothing_is_written(world, lines, closing, says):
    with pytest.raises(ValidationError) as refused:
        save_statement(world.users["staff"], draft(world, closing), ids(world.inside.project, **lines))
    assert says in " ".join(refused.value.messages)
    assert not Statement.objects.exists() and not StatementLine.objects.exists()


def test_a_second_statement_of_the_same_half_year_is_refused(world):
    f.statement(world.users["staff"], world.inside.project)
    with pytest.raises(ValidationError):
        f.statement(world.users["manager"], world.inside.project)
    assert Statement.objects.count() == 1


def test_publishing_stamps_the_servers_time_and_writes_a_status_change(world):
    record = f.statement(world.users["staff"], world.inside.project)
    publish_statement(world.users["staff"], record, now=NOW)
    record.refresh_from_db()
    assert record.status == StatementStatus.PUBLISHED and record.published_at == NOW
    [change] = StatementStatusChange.objects.all()
    assert (change.from_status, change.to_status, change.recorded_at) == ("draft", "published", NOW)


def test_a_line_only_at_level_1_cannot_be_published(world):
    record = f.statement(world.users["staff"], world.inside.project, lines={"4003": "50", "5001.01": "50"})
    with pytest.raises(ValidationError) as refused:
        publish_statement(world.users["staff"], record, now=NOW)
    assert "只有一级科目金额" in " ".join(refused.value.messages)
    record.refresh_from_db()
    assert record.status == StatementStatus.DRAFT and not StatementStatusChange.objects.exists()


def test_published_is_final_and_publishing_twice_is_refused(world):
    record = f.statement(world.users["staff"], world.inside.project, publish_at=NOW)
    with pytest.raises(ValidationError):
        save_statement(world.users["staff"], record, {})
    with pytest.raises(ValidationError):
        publish_statement(world.users["staff"], record, now=NOW)
    assert record.lines.count() == 2 and StatementStatusChange.objects.count() == 1


def test_a_correction_is_a_new_version_that_supersedes_the_old_when_published(world):
    old = f.statement(world.users["staff"], world.inside.project, publish_at=NOW)
    new = start_correction(world.users["manager"], old)
    assert (new.version, new.corrects_id, new.lines.count()) == (2, old.pk, 2)
    publish_statement(world.users["manager"], new, now=NOW + datetime.timedelta(days=1))
    old.refresh_from_db()
    assert old.status == StatementStatus.SUPERSEDED and old.published_at == NOW


@pytest.mark.parametrize("role", ["owner", "committee", "regulator", "developer", "stranger"])
def test_only_the_company_writes_and_a_denied_request_writes_nothing(world, role):
    with pytest.raises(PermissionDenied):
        save_statement(world.users[role], draft(world), ids(world.inside.project, **{"4001_01": "40"}))
    record = f.statement(world.users["staff"], world.inside.project)
    with pytest.raises(PermissionDenied):
        publish_statement(world.users[role], record, now=NOW)
    record.refresh_from_db()
    assert record.status == StatementStatus.DRAFT and Statement.objects.count() == 1


def test_staff_of_another_project_cannot_write(world):
    with pytest.raises(PermissionDenied):
        f.statement(world.users["staff"], world.outside.project)
    assert not Statement.objects.exists()
