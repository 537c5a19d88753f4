"""The demo's common parts (2.5): fault C1 is found, and nothing else under the clause, whatever the day;
every statement's common income matches what was recorded."""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.db import transaction

from wuye.estates.demo import build_demo, power
from wuye.estates.models import Project
from wuye.finance.income_commonareas import common_income_by_half
from wuye.finance.models import CommonAreaUse, StatementLine

pytestmark = pytest.mark.django_db
CHECKS = ["2.5.use_authorised", "2.5.income_disclosed"]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_seed_demo_finds_the_unauthorised_advertising_and_nothing_else_of_2_5(only_commonareas):
    call_command("seed_demo", stdout=io.StringIO())
    out = io.StringIO()
    call_command("evaluate", "--format", "json", stdout=out, stderr=io.StringIO())
    found = [
        (finding["check"], finding["subject_name"])
        for finding in json.loads(out.getvalue())["findings"]
        if finding["clause"] == "2.5"
    ]
    fault = CommonAreaUse.objects.get(vote=None)
    assert found == [("2.5.use_authorised", f"北梁新居 {fault}")]


def test_the_income_of_each_statement_is_what_its_lines_say(only_commonareas):
    call_command("seed_demo", stdout=io.StringIO())
    project = Project.objects.get(name="阳光花园")
    halves = common_income_by_half(project, published_only=True)
    lines = StatementLine.objects.filter(
        statement__project=project, statement__status="published", account__code__startswith="4002."
    ).values_list("statement__year", "statement__half", "account__code", "amount")
    assert halves and {(y, h, code): amount for y, h, code, amount in lines} == {
        (y, h, code): amount for (y, h), accounts in halves.items() for code, amount in accounts.items()
    }


@pytest.mark.parametrize("today", [datetime.date(2026, 7, 15), datetime.date(2027, 1, 31)])
def test_the_common_parts_fault_stays_exactly_that_whatever_the_day(only_commonareas, today):
    from wuye.compliance.engine import evaluate
    from wuye.compliance.models import Finding

    with transaction.atomic():
        build_demo(today=today)
        evaluate(power.demo_now(today), full=True, checks=CHECKS, scores=False)
        found = list(Finding.objects.filter(check_id__in=CHECKS).values_list("check_id", "project__name"))
        transaction.set_rollback(True)
    assert found == [("2.5.use_authorised", "北梁新居")]
