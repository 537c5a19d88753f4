"""The demo's co-management duties and regulator events (1.8, 3.6, 3.8, 5.1, 5.2): seeded alone, each of
faults C1, C2, A1 to A3, E1 and E2 is found under its clause, and nothing else of those clauses is,
whatever the day."""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from wuye.compliance.engine import evaluate
from wuye.compliance.models import Finding
from wuye.estates.demo import build_demo, power

pytestmark = pytest.mark.django_db
CHECKS = {
    "1.8.internal_relations",
    "3.6.regulator_event",
    "3.8.malicious_incident",
    "3.8.negative_press",
    "5.1.case_warned",
    "5.1.case_reported",
    "5.2.notice_yearly",
    "5.2.pet_registration",
    "5.2.unauthorised_reported",
}


def expected(today):
    last_year = today.year - 1
    return sorted(
        [
            ("1.8.internal_relations", "呼和浩特市青城物业管理有限公司"),
            ("3.6.regulator_event", "钢城小区"),
            ("5.1.case_reported", "和谐家园"),
            ("5.1.case_warned", "阳光花园"),
            ("5.2.notice_yearly", f"北梁新居 {last_year}"),
            ("5.2.pet_registration", "锦绣华庭"),
            ("5.2.unauthorised_reported", "青城华府"),
        ]
    )


def summary(rows):
    """(check, where) with the year of a notice's bucket: what a fault is known by."""
    out = []
    for check, name, start in rows:
        where = name.split(" ")[0]
        if check == "5.2.notice_yearly":
            where = f"{where} {start[:4]}"
        out.append((check, where))
    return sorted(out)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_the_seeded_demo_finds_each_fault_and_nothing_else_of_the_clauses(only_comanagement):
    with transaction.atomic():
        printed = io.StringIO()
        call_command("seed_demo", stdout=printed)
        out = io.StringIO()
        call_command("evaluate", "--format", "json", stdout=out, stderr=io.StringIO())
        report = json.loads(out.getvalue())
        transaction.set_rollback(True)
    found = summary(
        (f["check"], f["subject_name"], f["period_start"])
        for f in report["findings"]
        if f["check"] in CHECKS  # the clauses' other checks (3.8 training) are the people part's
    )
    today = timezone.localdate()
    assert found == expected(today)
    assert "群体上访：钢城小区" in printed.getvalue()
    assert "私搭乱建劝阻不及时：阳光花园" in printed.getvalue()


@pytest.mark.parametrize(
    "today", [datetime.date(2026, 1, 2), datetime.date(2027, 3, 1), datetime.date(2028, 12, 31)]
)
def test_the_faults_stay_exactly_those_whatever_the_day(only_comanagement, today):
    with transaction.atomic():
        build_demo(today=today)
        evaluate(power.demo_now(today), full=True, checks=CHECKS, scores=False)
        rows = [
            (check, name, timezone.localtime(start).isoformat())
            for check, name, start in Finding.objects.filter(check_id__in=CHECKS).values_list(
                "check_id", "subject_name", "period_start"
            )
        ]
        transaction.set_rollback(True)
    assert summary(rows) == expected(today)
