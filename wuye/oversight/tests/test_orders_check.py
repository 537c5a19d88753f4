"""3.6.rectification_overdue: an order without an answer of its round by the end of its deadline's day is a
finding from then until the regulator accepts it; an answer in time is none; the finding names the order as
evidence and the deadline applied."""

import datetime

import pytest

from wuye.compliance.engine import evaluate
from wuye.compliance.models import Finding, FindingState
from wuye.compliance.tests.review_helpers import local, make_finding
from wuye.oversight.actions_orders import accept_order, answer_order, issue_order, reopen_order
from wuye.oversight.tests.orders_helpers import pdf

pytestmark = pytest.mark.django_db
CHECK = "3.6.rectification_overdue"
ISSUED = local(2025, 5, 1, 10)
DEADLINE = datetime.date(2025, 5, 16)
DUE = local(2025, 5, 17)


@pytest.fixture
def order(world):
    finding = make_finding(world, found_at=ISSUED - datetime.timedelta(days=1))
    return issue_order(world.users["regulator_bt"], [finding.pk], "整改", DEADLINE, now=ISSUED)


def found():
    return list(Finding.objects.filter(check_id=CHECK))


def test_no_finding_before_the_deadlines_day_ends(order):
    evaluate(DUE - datetime.timedelta(seconds=1), full=True, checks={CHECK}, scores=False)
    assert found() == []


def test_an_order_unanswered_past_its_deadline_is_a_finding_naming_order_and_deadline(order):
    evaluate(local(2025, 5, 20), full=True, checks={CHECK}, scores=False)
    [finding] = found()
    assert finding.state == FindingState.OPEN and finding.period_start == DUE and finding.period_end is None
    assert finding.evidence == [f"oversight.rectificationorder:{order.pk}"]
    assert finding.parameters == {"deadline": "2025-05-16"}
    assert finding.clause_id == "3.6" and finding.enterprise_id == order.enterprise_id
    assert "2025-05-16" in finding.message


def test_the_finding_runs_until_the_order_is_accepted(world, order):
    answer_order(world.users["manager"], order, "已整改", pdf(), now=local(2025, 5, 25))
    accepted = local(2025, 5, 28)
    accept_order(world.users["regulator_bt"], order, now=accepted)
    evaluate(local(2025, 5, 20), full=True, checks={CHECK}, scores=False)
    assert found()[0].state == FindingState.OPEN
    evaluate(local(2025, 6, 1), full=True, checks={CHECK}, scores=False)
    [finding] = found()
    assert finding.period_end == accepted and finding.state == FindingState.CLOSED


def test_an_answer_in_time_is_no_finding_even_when_accepted_later(world, order):
    answer_order(world.users["manager"], order, "已整改", pdf(), now=local(2025, 5, 16, 23))
    evaluate(local(2025, 5, 30), full=True, checks={CHECK}, scores=False)
    assert found() == []
    accept_order(world.users["regulator_bt"], order, now=local(2025, 6, 2))
    evaluate(local(2025, 6, 3), full=True, checks={CHECK}, scores=False)
    assert found() == []


def test_a_reopened_order_is_due_by_its_new_deadline(world, order):
    answer_order(world.users["manager"], order, "已整改", pdf(), now=local(2025, 5, 10))
    reopen_order(
        world.users["regulator_bt"], order, datetime.date(2025, 5, 31), "不合格", now=local(2025, 5, 12)
    )
    evaluate(local(2025, 5, 30), full=True, checks={CHECK}, scores=False)
    assert found() == []
    evaluate(local(2025, 6, 2), full=True, checks={CHECK}, scores=False)
    [finding] = found()
    assert finding.period_start == local(2025, 6, 1) and finding.parameters == {"deadline": "2025-05-31"}


def test_the_check_is_one_query(world, order, django_assert_max_num_queries):
    from wuye.compliance.registry import registered_checks

    for _n in range(3):
        finding = make_finding(world, found_at=ISSUED - datetime.timedelta(days=1))
        issue_order(world.users["regulator"], [finding.pk], "整改", DEADLINE, now=ISSUED)
    check = registered_checks()[CHECK]()
    with django_assert_max_num_queries(1):
        drafts = list(check.run(local(2025, 6, 1), None))
    assert len(drafts) == 4


def test_a_late_first_round_stays_a_finding_after_the_order_is_reopened(world, order):
    manager, regulator = world.users["manager"], world.users["regulator_bt"]
    answer_order(manager, order, "已整改", pdf(), now=local(2025, 5, 20))  # three days late
    reopen_order(regulator, order, datetime.date(2025, 6, 10), "不合格", now=local(2025, 5, 22))
    evaluate(local(2025, 5, 25), full=True, checks={CHECK}, scores=False)
    [first] = found()
    assert first.period_start == DUE and first.state == FindingState.OPEN
    assert first.parameters == {"deadline": "2025-05-16"}
    answer_order(manager, order, "已重新整改", pdf(), now=local(2025, 6, 5))  # the second round in time
    accepted = local(2025, 6, 8)
    accept_order(regulator, order, now=accepted)
    evaluate(local(2025, 6, 9), full=True, checks={CHECK}, scores=False)
    [first] = found()
    assert first.period_start == DUE and first.period_end == accepted and first.state == FindingState.CLOSED


def test_each_missed_round_is_its_own_finding(world, order):
    manager, regulator = world.users["manager"], world.users["regulator_bt"]
    answer_order(manager, order, "已整改", pdf(), now=local(2025, 5, 20))
    reopen_order(regulator, order, datetime.date(2025, 6, 10), "不合格", now=local(2025, 5, 22))
    evaluate(local(2025, 6, 15), full=True, checks={CHECK}, scores=False)
    starts = sorted(finding.period_start for finding in found())
    assert starts == [DUE, local(2025, 6, 11)]
