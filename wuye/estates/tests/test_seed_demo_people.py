"""The demo's people (1.4, 1.7, 3.8): faults W1–W4 are found under their clauses and nothing else of
those checks is, today and on other days; the credit codes of the demo all pass (1.1)."""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from wuye.compliance.engine import evaluate
from wuye.compliance.models import Finding
from wuye.core.dates import add_months
from wuye.enterprises.models import Employment, Enterprise, Termination, WagePayment
from wuye.estates.demo import build_demo, power

pytestmark = pytest.mark.django_db
PEOPLE_CHECKS = {
    "1.1.credit_code_valid",
    "1.4.wages_paid",
    "1.4.unlawful_dismissal",
    "1.7.policies_on_file",
    "3.8.training_yearly",
}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def expected(today) -> dict:
    """{check: {subject}} of the four faults, from the demo's own records."""
    qingcheng = Enterprise.objects.get(name__contains="青城")
    unpaid = add_months(today.replace(day=1), -3)
    employed = Employment.objects.filter(
        staff__enterprise=qingcheng, start_date__lt=add_months(unpaid, 1)
    ).exclude(ended_on__lt=unpaid)
    dismissed = Termination.objects.get(reason="none")
    hongshan = Enterprise.objects.get(name__contains="红山")
    lucheng = Enterprise.objects.get(name__contains="鹿城")
    trained = Employment.objects.filter(
        staff__enterprise=lucheng, staff__attendance__session__held_on__year=today.year - 1
    ).values("pk")
    untrained = (
        Employment.objects.filter(staff__enterprise=lucheng, start_date__year__lt=today.year - 1)
        .exclude(ended_on__year__lt=today.year - 1)
        .exclude(pk__in=trained)
    )
    return {
        "1.4.wages_paid": {f"employment:{pk}:{unpaid:%Y-%m}" for pk in employed.values_list("pk", flat=True)},
        "1.4.unlawful_dismissal": {f"termination:{dismissed.pk}"},
        "1.7.policies_on_file": {f"enterprise:{hongshan.pk}:assessment"},
        "3.8.training_yearly": {
            f"staff:{staff}:{today.year - 1}" for staff in untrained.values_list("staff_id", flat=True)
        },
    }


def by_check(rows) -> dict:
    found = {}
    for check, subject in rows:
        found.setdefault(check, set()).add(subject)
    return found


def test_the_seeded_demo_finds_w1_to_w4_and_nothing_else(only_people):
    with transaction.atomic():
        printed = io.StringIO()
        call_command("seed_demo", stdout=printed)
        out = io.StringIO()
        call_command("evaluate", "--format", "json", stdout=out, stderr=io.StringIO())
        report = json.loads(out.getvalue())
        found = by_check(
            (f["check"], f["subject"]) for f in report["findings"] if f["check"] in PEOPLE_CHECKS
        )
        want = expected(timezone.localdate())
        assert WagePayment.objects.count() > 1000
        transaction.set_rollback(True)
    assert len(want["1.4.wages_paid"]) >= 10
    assert len(want["3.8.training_yearly"]) == 2
    assert found == want
    assert "缺少考核制度" in printed.getvalue()


@pytest.mark.parametrize("today", [datetime.date(2026, 1, 15), datetime.date(2027, 3, 31)])
def test_the_people_faults_stay_exactly_those_whatever_the_day(only_people, today):
    with transaction.atomic():
        build_demo(today=today)
        evaluate(power.demo_now(today), full=True, checks=PEOPLE_CHECKS, scores=False)
        found = by_check(
            Finding.objects.filter(check_id__in=PEOPLE_CHECKS).values_list("check_id", "subject")
        )
        want = expected(today)
        transaction.set_rollback(True)
    assert found == want
