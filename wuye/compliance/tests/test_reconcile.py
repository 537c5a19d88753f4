"""Reconciling a check's drafts with the stored findings: a draft dated after ``as_of`` (a check may date
a finding from a bill's month, billed ahead) is matched to its finding on the next run, not inserted again."""

import datetime

import pytest
from django.utils import timezone

from wuye.compliance.engine import reconcile
from wuye.compliance.models import Finding
from wuye.compliance.registry import FindingDraft, registered_checks

pytestmark = pytest.mark.django_db


def test_a_draft_that_begins_after_as_of_is_matched_on_the_next_run(world):
    check = registered_checks()["1.5.bill_matches_standard"]()
    as_of = timezone.make_aware(datetime.datetime(2025, 6, 28, 12))
    draft = FindingDraft(
        check_id=check.check_id,
        subject="billline:1",
        subject_name="1号楼101 2025-07账单",
        period_start=timezone.make_aware(datetime.datetime(2025, 7, 1)),
        period_end=None,
        message="多收1.00元",
        project_id=world.inside.project.pk,
        enterprise_id=world.inside.enterprise.pk,
        division_id=world.inside.project.division_id,
    )
    assert reconcile(check, [draft], None, as_of)["opened"] == 1
    again = reconcile(check, [draft], None, as_of + datetime.timedelta(hours=1))
    assert again["opened"] == 0
    assert Finding.objects.filter(check_id=check.check_id).count() == 1
