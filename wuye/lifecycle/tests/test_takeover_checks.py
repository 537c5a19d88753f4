"""Checks 2.1.takeover_filed and 2.3.inspection_recorded, developer_documents, problems_followed and
developer_fixes, each at its boundary (exactly at the threshold passes, one day beyond is a finding)."""

import datetime

import pytest
from django.utils import timezone

from wuye.lifecycle.checks.takeover import (
    CompanyProblemsOverdue,
    DeveloperProblemsOverdue,
    DocumentsLate,
    InspectionNotRecorded,
    TakeoverNotFiled,
)
from wuye.lifecycle.choices_takeover import ArchiveCategory, FixParty, TakeoverStatus
from wuye.lifecycle.tests import takeover_factories as t

pytestmark = pytest.mark.django_db
D = datetime.date
DAY = datetime.timedelta(days=1)


def at(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def drafts(check, day, projects=None):
    return list(check().run(at(day), projects))


# -- 2.1.takeover_filed ------------------------------------------------------------------------------


def test_not_filed_is_an_open_finding_from_the_day_after_the_deadline(world):
    record = t.takeover(world, taken_over_on=D(2025, 3, 1))
    assert drafts(TakeoverNotFiled, D(2025, 3, 31)) == []  # the 30th day: still in time
    [finding] = drafts(TakeoverNotFiled, D(2025, 4, 1))
    assert finding.subject == f"takeover:{record.pk}" and finding.period_end is None
    assert finding.period_start == timezone.make_aware(datetime.datetime(2025, 4, 1))
    assert finding.enterprise_id == world.inside.enterprise.pk and "未向主管部门备案" in finding.message
    assert finding.parameters == {"filing_deadline": "30"}


def test_filed_on_the_30th_day_passes_and_on_the_31st_is_late(world):
    record = t.takeover(world, taken_over_on=D(2025, 3, 1), filed_on=D(2025, 3, 31))
    assert drafts(TakeoverNotFiled, D(2025, 6, 1)) == []
    record.filed_on = D(2025, 4, 1)
    record.save()
    [finding] = drafts(TakeoverNotFiled, D(2025, 6, 1))
    assert (
        finding.period_end == timezone.make_aware(datetime.datetime(2025, 4, 1))
        and "备案晚了" in finding.message
    )


def test_a_cancelled_takeover_is_not_checked(world):
    t.takeover(world, status=TakeoverStatus.CANCELLED)
    assert drafts(TakeoverNotFiled, D(2026, 1, 1)) == []


def test_an_incremental_run_looks_only_at_its_projects(world):
    t.takeover(world)
    assert drafts(TakeoverNotFiled, D(2026, 1, 1), {world.outside.project.pk}) == []
    assert len(drafts(TakeoverNotFiled, D(2026, 1, 1), {world.inside.project.pk})) == 1


# -- 2.3.inspection_recorded -------------------------------------------------------------------------


def test_inspection_finished_15_days_before_the_handover_to_buyers_passes(world):
    record = t.takeover(world, buyers_handover_on=D(2025, 3, 16))
    t.inspected(record, D(2025, 3, 1))
    assert drafts(InspectionNotRecorded, D(2025, 6, 1)) == []


def test_inspection_finished_14_days_before_is_late(world):
    record = t.takeover(world, buyers_handover_on=D(2025, 3, 16))
    t.inspected(record, D(2025, 3, 2))
    [finding] = drafts(InspectionNotRecorded, D(2025, 6, 1))
    assert finding.period_start == timezone.make_aware(datetime.datetime(2025, 3, 2))
    assert "承接查验完成晚了" in finding.message and finding.parameters == {"finished_before_handover": "15"}


def test_no_inspection_is_found_from_the_day_after_the_deadline(world):
    t.takeover(world, buyers_handover_on=D(2025, 3, 16))
    assert drafts(InspectionNotRecorded, D(2025, 3, 1)) == []
    [finding] = drafts(InspectionNotRecorded, D(2025, 3, 2))
    assert finding.period_end is None and "未按时完成承接查验" in finding.message


def test_without_a_handover_to_buyers_the_inspection_is_finished_by_the_takeover_day(world):
    record = t.takeover(world, taken_over_on=D(2025, 3, 1))
    assert drafts(InspectionNotRecorded, D(2025, 3, 1)) == []
    [finding] = drafts(InspectionNotRecorded, D(2025, 3, 2))
    assert "未按时完成承接查验" in finding.message and finding.parameters == {}
    t.inspected(record, D(2025, 3, 1))
    assert drafts(InspectionNotRecorded, D(2026, 1, 1)) == []
    record.inspection_finished_on = record.agreement_signed_on = D(2025, 3, 2)
    record.save()
    [finding] = drafts(InspectionNotRecorded, D(2026, 1, 1))
    assert "承接查验完成晚了" in finding.message


def test_a_checklist_missing_items_is_found(world):
    record = t.takeover(world)
    t.inspected(record, D(2025, 3, 1), skip=("roof", "cctv"))
    [finding] = drafts(InspectionNotRecorded, D(2026, 1, 1))
    assert finding.subject == f"takeover-checklist:{record.pk}"
    assert "漏查2项" in finding.message and "屋顶" in finding.message and "监控设施" in finding.message


def test_a_full_checklist_passes(world):
    record = t.takeover(world)
    t.inspected(record, D(2025, 3, 1))
    assert drafts(InspectionNotRecorded, D(2026, 1, 1)) == []


# -- 2.3.developer_documents (Party A) ---------------------------------------------------------------


def test_documents_20_days_before_the_inspection_pass(world):
    record = t.takeover(world, inspection_started_on=D(2025, 2, 21), status=TakeoverStatus.INSPECTING)
    t.documents(record, D(2025, 2, 1))
    assert drafts(DocumentsLate, D(2025, 6, 1)) == []


def test_documents_19_days_before_are_late_and_closed_when_they_came(world):
    record = t.takeover(world, inspection_started_on=D(2025, 2, 21), status=TakeoverStatus.INSPECTING)
    t.documents(record, D(2025, 2, 2))
    [finding] = drafts(DocumentsLate, D(2025, 6, 1))
    assert finding.period_start == timezone.make_aware(datetime.datetime(2025, 2, 2))
    assert finding.period_end == timezone.make_aware(datetime.datetime(2025, 2, 2))
    assert "移交资料晚了" in finding.message


def test_a_missing_category_is_open_and_named(world):
    record = t.takeover(world, inspection_started_on=D(2025, 2, 21), status=TakeoverStatus.INSPECTING)
    t.documents(record, D(2025, 1, 1), skip=[ArchiveCategory.COMPLETION_SITE_PLAN])
    [finding] = drafts(DocumentsLate, D(2025, 6, 1))
    assert finding.period_end is None and "竣工总平面图" in finding.message


def test_documents_are_not_due_before_the_inspection_starts(world):
    t.takeover(world, inspection_started_on=D(2025, 2, 21), status=TakeoverStatus.INSPECTING)
    assert drafts(DocumentsLate, D(2025, 2, 20)) == []
    assert len(drafts(DocumentsLate, D(2025, 2, 21))) == 1


# -- 2.3.problems_followed and 2.3.developer_fixes ---------------------------------------------------


@pytest.mark.parametrize(
    ("check", "fixer", "other"),
    [
        (CompanyProblemsOverdue, FixParty.COMPANY, DeveloperProblemsOverdue),
        (DeveloperProblemsOverdue, FixParty.DEVELOPER, CompanyProblemsOverdue),
    ],
)
def test_a_problem_is_overdue_from_the_day_after_its_due_day(world, check, fixer, other):
    record = t.takeover(world)
    problem = t.problem(record, fixer, D(2025, 4, 10))
    assert drafts(check, D(2025, 4, 10)) == []
    [finding] = drafts(check, D(2025, 4, 11))
    assert finding.subject == f"takeover-problem:{problem.pk}" and "逾期未整改" in finding.message
    assert drafts(other, D(2025, 4, 11)) == []


@pytest.mark.parametrize("check", [CompanyProblemsOverdue, DeveloperProblemsOverdue])
def test_fixed_on_the_due_day_passes_and_a_day_later_is_late(world, check):
    fixer = check.fixer
    record = t.takeover(world)
    problem = t.problem(record, fixer, D(2025, 4, 10), fixed_on=D(2025, 4, 10))
    assert drafts(check, D(2025, 6, 1)) == []
    problem.fixed_on = D(2025, 4, 11)
    problem.save()
    [finding] = drafts(check, D(2025, 6, 1))
    assert (
        finding.period_end == timezone.make_aware(datetime.datetime(2025, 4, 11))
        and "整改晚了" in finding.message
    )
