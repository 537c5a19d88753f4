"""The demo's exits (2.1, 2.3, 2.4): the proper exit of 康和 from 玉龙湾小区 gives no finding; the sudden
withdrawal of 红山宜居 from 书香苑 gives two, whatever the day: X1 (no exit filed) and X2 (the prepaid fees
of four households never returned)."""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.db import transaction

from wuye.compliance.engine import evaluate
from wuye.compliance.models import Finding, ScoreSnapshot
from wuye.estates.demo import build_demo, power
from wuye.estates.models import ServicePeriod
from wuye.lifecycle.choices_exit import ExitStatus
from wuye.lifecycle.models import ExitFiling, ExitStatusChange, Refund
from wuye.lifecycle.refunds import refunds_due_by_household

pytestmark = pytest.mark.django_db
EXIT_CHECKS = {
    "2.1.exit_notice",
    "2.1.sudden_withdrawal",
    "2.3.records_to_committee",
    "2.4.handover_complete",
    "2.4.prepaid_refunded",
    "2.4.refused_to_leave",
}
SUDDEN = "赤峰市红山宜居物业管理有限公司 @ 书香苑"
FAULTS = [("2.1.sudden_withdrawal", SUDDEN), ("2.4.prepaid_refunded", SUDDEN)]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def exit_findings(findings):
    return sorted(
        (f["check"], f["subject_name"].split("（")[0]) for f in findings if f["check"] in EXIT_CHECKS
    )


def test_the_seeded_demo_finds_x1_x2_and_nothing_else_of_the_exit_checks(only_lifecycle):
    with transaction.atomic():
        today = datetime.date.today()
        served_before = set(ServicePeriod.objects.current(today).values_list("project_id", "enterprise_id"))
        printed = io.StringIO()
        call_command("seed_demo", stdout=printed)
        out = io.StringIO()
        call_command("evaluate", "--format", "json", stdout=out, stderr=io.StringIO())
        report = json.loads(out.getvalue())
        exit = ExitFiling.objects.get()
        due = refunds_due_by_household(exit.project_id, exit.planned_end)
        refunded = {r.household_id: r.amount for r in Refund.objects.all()}
        moves = ExitStatusChange.objects.filter(exit=exit).count()
        grade = (
            ScoreSnapshot.objects.filter(
                subject__startswith="enterprise:", enterprise__name__startswith="赤峰"
            )
            .values_list("grade", flat=True)
            .first()
        )
        assert not served_before  # an empty database before the seed
        transaction.set_rollback(True)
    assert exit_findings(report["findings"]) == FAULTS
    assert exit.status == ExitStatus.CLOSED and moves == 3
    assert due and due == refunded
    assert grade == "D"
    assert "突然撤离：赤峰市红山宜居物业管理有限公司于" in printed.getvalue()
    assert "预收费用未退还：赤峰市红山宜居物业管理有限公司撤离书香苑后，4户" in printed.getvalue()


@pytest.mark.parametrize("today", [datetime.date(2026, 7, 15), datetime.date(2028, 8, 20)])
def test_the_exit_fault_stays_exactly_that_whatever_the_day(only_lifecycle, today):
    with transaction.atomic():
        region = build_demo(today=today)
        serving = dict(
            ServicePeriod.objects.current(today).values_list("project__name", "enterprise_id").order_by()
        )
        expected = {
            region.projects[key].name: region.enterprises[plan].pk for key, plan in PLAN_ENTERPRISES.items()
        }
        evaluate(power.demo_now(today), full=True, checks=EXIT_CHECKS, scores=False)
        found = sorted(
            Finding.objects.filter(check_id__in=EXIT_CHECKS).values_list("check_id", "subject_name")
        )
        transaction.set_rollback(True)
    assert [(check, name.split("（")[0]) for check, name in found] == FAULTS
    assert {key: serving[key] for key in expected} == expected


PLAN_ENTERPRISES = {"shuxiang": "kanghe", "yulong": "hongshan"}
