"""The demo's rectification orders (3.6.rectification_overdue): seeded alone, O1 (钢城小区, unanswered past
its deadline) is found under 3.6 and O2 (锦绣华庭, answered in time and accepted) is not, whatever the day;
the moves of both are a whole hash chain."""

import datetime

import pytest
from django.db import transaction

from wuye.compliance.engine import evaluate
from wuye.compliance.models import Finding
from wuye.core.verification import verify_chains
from wuye.estates.demo import build_demo, power
from wuye.oversight.models import RectificationOrder

pytestmark = pytest.mark.django_db
CHECK = "3.6.rectification_overdue"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.mark.parametrize("today", [datetime.date(2026, 1, 2), datetime.date(2027, 3, 1)])
def test_evaluate_finds_the_overdue_order_under_3_6_and_not_the_accepted_one(only_orders, today):
    with transaction.atomic():
        region = build_demo(today=today)
        evaluate(power.demo_now(today), full=True, checks={CHECK}, scores=False)
        found = list(
            Finding.objects.filter(check_id=CHECK).values_list(
                "clause_id", "project__name", "state", "parameters"
            )
        )
        statuses = dict(RectificationOrder.objects.values_list("project__name", "status"))
        chains = verify_chains()
        transaction.set_rollback(True)
    deadline = today - datetime.timedelta(days=25)
    assert found == [("3.6", "钢城小区", "open", {"deadline": deadline.isoformat()})]
    assert statuses == {"钢城小区": "issued", "锦绣华庭": "accepted"}
    assert chains.records == 4
    assert any(fault.startswith("整改通知逾期：钢城小区") for fault in region.faults)
