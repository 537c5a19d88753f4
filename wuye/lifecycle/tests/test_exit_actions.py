"""The exit workflow: filing, every move of the table, handover confirmations, refunds; refusals write nothing."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from wuye.lifecycle.actions_exit import (
    EXIT_MOVES,
    add_handover_item,
    confirm_handover_item,
    move_exit,
    record_refund,
)
from wuye.lifecycle.choices_exit import ExitStatus, HandoverKind, ReceiverKind
from wuye.lifecycle.models import ExitFiling, ExitStatusChange, HandoverItem, Refund
from wuye.lifecycle.tests.exit_factories import END, bill, exit_of, paid, past_period
from wuye.testing import factories as f


def item(world, exit, kind=HandoverKind.KEYS, **fields):
    return add_handover_item(world.users["manager"], HandoverItem(exit=exit, kind=kind, **fields))


def test_an_exit_ending_before_its_notice_is_refused_and_nothing_is_written(world):
    with pytest.raises(ValidationError) as error:
        exit_of(world, notice_on=datetime.date(2021, 1, 5), planned_end=datetime.date(2021, 1, 1))
    assert "planned_end" in error.value.message_dict
    assert ExitFiling.objects.count() == 0


@pytest.mark.parametrize("who", ["staff", "committee", "regulator", "owner", "stranger"])
def test_only_the_leaving_company_files_its_exit(world, who):
    period = past_period(world)
    with pytest.raises(PermissionDenied):
        from wuye.lifecycle.actions_exit import file_exit

        file_exit(
            world.users[who],
            ExitFiling(
                service_period=period,
                notice_on=datetime.date(2020, 9, 1),
                planned_end=END,
                reason="x",
                receiver_kind=ReceiverKind.COMMITTEE,
                committee=world.inside.committee,
            ),
        )
    assert ExitFiling.objects.count() == 0


def test_every_move_of_the_table_is_a_chained_row(world):
    exit = exit_of(world)
    item(world, exit)
    assert exit.status == ExitStatus.NOTIFIED
    move_exit(world.users["manager"], exit, ExitStatus.HANDING_OVER)
    confirm_handover_item(world.users["committee"], exit.handover_items.get())
    move_exit(world.users["manager"], exit, ExitStatus.HANDED_OVER)
    move_exit(world.users["manager"], exit, ExitStatus.CLOSED)
    moves = list(ExitStatusChange.objects.filter(exit=exit).values_list("from_status", "to_status"))
    assert set(moves) == EXIT_MOVES and len(moves) == 3
    hashes = list(
        ExitStatusChange.objects.filter(exit=exit).order_by("chain_seq").values_list("prev_hash", "hash")
    )
    assert all(hashes[i][1] == hashes[i + 1][0] for i in range(len(hashes) - 1))


@pytest.mark.parametrize(
    "start, to",
    [
        (ExitStatus.NOTIFIED, ExitStatus.HANDED_OVER),
        (ExitStatus.NOTIFIED, ExitStatus.CLOSED),
        (ExitStatus.NOTIFIED, ExitStatus.NOTIFIED),
        (ExitStatus.HANDING_OVER, ExitStatus.NOTIFIED),
    ],
)
def test_a_move_outside_the_table_is_refused(world, start, to):
    exit = exit_of(world)
    ExitFiling.objects.filter(pk=exit.pk).update(status=start)
    exit.refresh_from_db()
    with pytest.raises(ValidationError):
        move_exit(world.users["manager"], exit, to)
    exit.refresh_from_db()
    assert exit.status == start and not ExitStatusChange.objects.exists()


def test_handed_over_needs_every_item_confirmed(world):
    exit = exit_of(world)
    item(world, exit)
    move_exit(world.users["manager"], exit, ExitStatus.HANDING_OVER)
    with pytest.raises(ValidationError, match="未经接收方确认"):
        move_exit(world.users["manager"], exit, ExitStatus.HANDED_OVER)
    assert ExitFiling.objects.get(pk=exit.pk).status == ExitStatus.HANDING_OVER


@pytest.mark.parametrize("who", ["manager", "staff", "regulator", "owner"])
def test_an_item_confirmed_by_someone_not_the_receiver_is_refused(world, who):
    exit = exit_of(world)
    made = item(world, exit)
    with pytest.raises(ValidationError) as error:
        confirm_handover_item(world.users[who], made)
    assert "confirmed_by" in error.value.message_dict
    made.refresh_from_db()
    assert made.confirmed_at is None and made.confirmed_by is None


def test_the_successor_confirms_when_it_receives(world):
    exit = exit_of(world, receiver_kind=ReceiverKind.SUCCESSOR, successor=world.outside.enterprise)
    made = item(world, exit)
    with pytest.raises(ValidationError):
        confirm_handover_item(world.users["committee"], made)
    successor = f.UserFactory(username="successor")
    f.MembershipFactory(user=successor, role="manager", enterprise=world.outside.enterprise)
    confirm_handover_item(successor, made)
    assert HandoverItem.objects.get(pk=made.pk).confirmed_by == successor


def test_an_art29_item_names_its_category(world):
    exit = exit_of(world)
    with pytest.raises(ValidationError) as error:
        item(world, exit, kind=HandoverKind.RECORDS)
    assert "archive_category" in error.value.message_dict
    item(world, exit, kind=HandoverKind.RECORDS, archive_category="acceptance_inspection_records")


def test_a_refund_larger_than_the_balance_is_refused_and_nothing_written(world):
    household = world.inside.household
    paid(world, household, "300.00", datetime.date(2020, 10, 1))
    bill(household, datetime.date(2020, 12, 1), "100.00")
    bill(household, datetime.date(2021, 1, 1), "100.00")  # after the end: not owed
    exit = exit_of(world)
    refund = Refund(exit=exit, household=household, amount=Decimal("200.01"), paid_on=END, method="cash")
    with pytest.raises(ValidationError) as error:
        record_refund(world.users["manager"], refund)
    assert "amount" in error.value.message_dict
    assert not Refund.objects.exists()
    record_refund(
        world.users["manager"],
        Refund(exit=exit, household=household, amount=Decimal("150.00"), paid_on=END, method="cash"),
    )
    with pytest.raises(ValidationError):
        record_refund(
            world.users["manager"],
            Refund(exit=exit, household=household, amount=Decimal("50.01"), paid_on=END, method="cash"),
        )
    assert Refund.objects.count() == 1


def test_closing_needs_every_refund_paid(world):
    household = world.inside.household
    paid(world, household, "80.00", datetime.date(2020, 10, 1))
    exit = exit_of(world)
    item(world, exit)
    move_exit(world.users["manager"], exit, ExitStatus.HANDING_OVER)
    confirm_handover_item(world.users["committee"], exit.handover_items.get())
    move_exit(world.users["manager"], exit, ExitStatus.HANDED_OVER)
    with pytest.raises(ValidationError, match="未退还"):
        move_exit(world.users["manager"], exit, ExitStatus.CLOSED)
    record_refund(
        world.users["manager"],
        Refund(exit=exit, household=household, amount=Decimal("80.00"), paid_on=END, method="cash"),
    )
    move_exit(world.users["manager"], exit, ExitStatus.CLOSED)
    assert ExitFiling.objects.get(pk=exit.pk).status == ExitStatus.CLOSED


def test_a_refund_to_a_household_of_another_project_is_refused(world):
    exit = exit_of(world)
    with pytest.raises(ValidationError) as error:
        record_refund(
            world.users["manager"],
            Refund(
                exit=exit,
                household=world.outside.household,
                amount=Decimal("1.00"),
                paid_on=END,
                method="cash",
            ),
        )
    assert "household" in error.value.message_dict


def test_a_second_exit_of_the_same_period_is_refused(world):
    exit = exit_of(world)
    with pytest.raises(ValidationError) as error:
        exit_of(world, exit.service_period)
    assert "service_period" in error.value.message_dict
    assert ExitFiling.objects.count() == 1
