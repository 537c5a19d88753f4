"""Checks of the exit (2.1.exit_notice, 2.1.sudden_withdrawal, 2.3.records_to_committee,
2.4.handover_complete, 2.4.prepaid_refunded, 2.4.refused_to_leave), each at its boundary."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from wuye.compliance.engine import evaluate
from wuye.compliance.models import ScoreSnapshot
from wuye.estates.models import ServiceContract, ServicePeriod
from wuye.lifecycle.actions_exit import add_handover_item, confirm_handover_item, record_refund
from wuye.lifecycle.checks.exit import (
    ExitNoticeShort,
    HandoverIncomplete,
    PrepaidNotRefunded,
    RecordsNotToCommittee,
    RefusedToLeave,
    SuddenWithdrawal,
)
from wuye.lifecycle.choices_exit import HandoverKind
from wuye.lifecycle.models import HandoverItem, Refund
from wuye.lifecycle.tests.exit_factories import END, exit_of, paid, past_period

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)
SECOND = datetime.timedelta(seconds=1)


def at(day: datetime.date, *time):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(*time)))


def subjects(check, as_of):
    return [draft.subject for draft in check().run(as_of, None)]


# -- 2.1.exit_notice ---------------------------------------------------------------------------------


@pytest.mark.parametrize("fixed_term, days", [(True, 90), (False, 60)])
def test_notice_exactly_the_required_days_before_the_end_passes_one_day_less_is_a_finding(
    world, fixed_term, days
):
    period = past_period(world)
    contract = ServiceContract.objects.create(
        project=world.inside.project,
        enterprise=world.inside.enterprise,
        party_a_kind="developer",
        developer=world.inside.developer,
        signed_on=datetime.date(2014, 12, 1),
        start=datetime.date(2015, 1, 1),
        end=END if fixed_term else None,
    )
    exit = exit_of(world, period, notice_on=END - datetime.timedelta(days=days), contract=contract)
    as_of = at(END + DAY * 30)
    assert subjects(ExitNoticeShort, as_of) == []
    type(exit).objects.filter(pk=exit.pk).update(notice_on=END - datetime.timedelta(days=days - 1))
    [draft] = ExitNoticeShort().run(as_of, None)
    assert draft.subject == f"exit:{exit.pk}" and draft.enterprise_id == world.inside.enterprise.pk
    assert draft.project_id is None


# -- 2.1.sudden_withdrawal ---------------------------------------------------------------------------


def test_a_period_ended_without_an_exit_filed_by_its_last_day_is_a_sudden_withdrawal(world):
    period = past_period(world)
    assert subjects(SuddenWithdrawal, at(END)) == []  # still its last day
    assert subjects(SuddenWithdrawal, at(END + DAY)) == [f"serviceperiod:{period.pk}"]
    exit = exit_of(world, period, notice_on=END + DAY, planned_end=END + DAY)
    assert subjects(SuddenWithdrawal, at(END + DAY)) == [f"serviceperiod:{period.pk}"]
    type(exit).objects.filter(pk=exit.pk).update(notice_on=END)
    assert subjects(SuddenWithdrawal, at(END + DAY)) == []


def test_a_sudden_withdrawal_takes_the_enterprise_to_grade_d_while_open(world):
    period = past_period(world)
    as_of = at(END + DAY * 400, 12)
    evaluate(as_of, full=True, checks={"2.1.sudden_withdrawal"})
    snapshot = ScoreSnapshot.objects.get(subject=f"enterprise:{world.inside.enterprise.pk}", on=as_of.date())
    assert snapshot.grade == "D" and snapshot.score > 60
    # Filed after all: the finding is closed (its points count for the window) and the grade is the score's.
    exit_of(world, period)
    evaluate(as_of + SECOND, full=True, checks={"2.1.sudden_withdrawal"})
    snapshot = ScoreSnapshot.objects.get(subject=f"enterprise:{world.inside.enterprise.pk}", on=as_of.date())
    assert snapshot.grade != "D"


# -- 2.4.handover_complete and 2.3.records_to_committee ----------------------------------------------


def items(world, exit, *kinds):
    return [
        add_handover_item(
            world.users["manager"],
            HandoverItem(
                exit=exit,
                kind=kind,
                archive_category="acceptance_inspection_records" if kind == HandoverKind.RECORDS else "",
            ),
        )
        for kind in kinds
    ]


@pytest.mark.parametrize(
    "check, days, kinds",
    [
        (HandoverIncomplete, 10, [HandoverKind.ROOMS, HandoverKind.RECORDS]),
        (RecordsNotToCommittee, 10, [HandoverKind.RECORDS]),
    ],
)
def test_items_confirmed_by_the_end_of_the_deadline_pass(world, check, days, kinds):
    exit = exit_of(world)
    last_day = END + DAY * days
    deadline = at(last_day + DAY)
    assert subjects(check, deadline) == []  # the deadline itself: not yet late
    assert subjects(check, deadline + SECOND) == [f"exit:{exit.pk}"]  # nothing listed
    made = items(world, exit, *kinds)
    for item in made:
        confirm_handover_item(world.users["committee"], item, now=deadline)
    assert subjects(check, deadline + SECOND) == []
    HandoverItem.objects.filter(pk=made[0].pk).update(confirmed_at=deadline + SECOND)
    [draft] = check().run(deadline + DAY, None)
    assert draft.period_start == deadline and draft.period_end == deadline + SECOND


def test_one_unconfirmed_item_leaves_the_handover_incomplete(world):
    exit = exit_of(world)
    first, _second = items(world, exit, HandoverKind.ROOMS, HandoverKind.KEYS)
    confirm_handover_item(world.users["committee"], first, now=at(END))
    [draft] = HandoverIncomplete().run(at(END + DAY * 20), None)
    assert draft.period_end is None


def test_records_to_the_successor_are_not_the_committee_check(world):
    exit_of(world, receiver_kind="successor", successor=world.outside.enterprise)
    assert subjects(RecordsNotToCommittee, at(END + DAY * 30)) == []


# -- 2.4.prepaid_refunded ----------------------------------------------------------------------------


def test_refunds_paid_on_the_last_day_of_the_deadline_pass_one_day_later_is_a_finding(world):
    paid(world, world.inside.household, "120.00", datetime.date(2020, 11, 1))
    exit = exit_of(world)
    last_day = END + DAY * 30
    assert subjects(PrepaidNotRefunded, at(last_day + DAY)) == []
    assert subjects(PrepaidNotRefunded, at(last_day + DAY) + SECOND) == [f"exit:{exit.pk}"]
    refund = record_refund(
        world.users["manager"],
        Refund(
            exit=exit,
            household=world.inside.household,
            amount=Decimal("120.00"),
            paid_on=last_day,
            method="cash",
        ),
    )
    assert subjects(PrepaidNotRefunded, at(last_day + DAY * 5)) == []
    Refund.objects.filter(pk=refund.pk).update(paid_on=last_day + DAY)
    assert subjects(PrepaidNotRefunded, at(last_day + DAY * 5)) == [f"exit:{exit.pk}"]


def test_a_withdrawal_without_any_exit_leaves_the_prepaid_balances_unrefunded(world):
    """Nothing filed, nothing refunded: once the deadline after the last day passes, the households' prepaid
    balances are a finding of the period; filing an exit (even late) puts them on the exit's own path."""
    period = past_period(world)
    assert subjects(PrepaidNotRefunded, at(END + DAY * 60)) == []  # nothing prepaid: nothing owed
    paid(world, world.inside.household, "120.00", datetime.date(2020, 11, 1))
    last_day = END + DAY * 30
    assert subjects(PrepaidNotRefunded, at(last_day + DAY)) == []
    [draft] = PrepaidNotRefunded().run(at(last_day + DAY) + SECOND, None)
    assert (
        draft.subject == f"serviceperiod:{period.pk}"
        and "1 户" in draft.message
        and "120.00" in draft.message
    )
    assert draft.enterprise_id == period.enterprise_id
    exit = exit_of(world, period, notice_on=END + DAY, planned_end=END + DAY)
    assert subjects(PrepaidNotRefunded, at(last_day + DAY * 5)) == [f"exit:{exit.pk}"]


def test_an_exit_with_nothing_prepaid_owes_no_refund(world):
    exit_of(world)
    assert subjects(PrepaidNotRefunded, at(END + DAY * 60)) == []


# -- 2.4.refused_to_leave ----------------------------------------------------------------------------


def test_still_serving_past_the_leave_deadline_after_the_planned_end_of_its_exit(world):
    period = world.inside.period
    end = datetime.date(2025, 6, 30)
    exit_of(world, period, notice_on=datetime.date(2025, 3, 1), planned_end=end)
    last_day = end + DAY * 10
    assert subjects(RefusedToLeave, at(last_day, 23)) == []
    [draft] = RefusedToLeave().run(at(last_day + DAY), None)
    assert draft.subject == f"serviceperiod:{period.pk}" and draft.project_id == world.inside.project.pk
    assert draft.enterprise_id == world.inside.enterprise.pk
    # It left on the last day: no finding.
    ServicePeriod.objects.filter(pk=period.pk).update(end=last_day)
    assert subjects(RefusedToLeave, at(last_day + DAY * 3)) == []


def test_still_serving_past_the_leave_deadline_after_the_successor_contract_began(world):
    successor_start = datetime.date(2025, 7, 1)
    ServiceContract.objects.create(
        project=world.inside.project,
        enterprise=world.outside.enterprise,
        party_a_kind="committee",
        committee=world.inside.committee,
        signed_on=datetime.date(2025, 6, 1),
        start=successor_start,
    )
    last_day = successor_start - DAY + DAY * 10
    assert subjects(RefusedToLeave, at(last_day, 23)) == []
    assert subjects(RefusedToLeave, at(last_day + DAY)) == [f"serviceperiod:{world.inside.period.pk}"]


def test_a_contract_that_ran_out_while_the_enterprise_stays_is_not_refusing_to_leave(world):
    ServiceContract.objects.filter(pk=world.inside.contract.pk).update(end=datetime.date(2025, 6, 30))
    assert subjects(RefusedToLeave, at(datetime.date(2025, 9, 1))) == []
