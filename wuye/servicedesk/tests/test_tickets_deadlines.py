"""A ticket's deadlines (the one function): which apply to which kind, and each exactly at its boundary."""

import datetime

import pytest
from django.utils import timezone

from wuye.compliance.models import ParameterOverride
from wuye.servicedesk import actions_tickets as actions
from wuye.servicedesk.choices_tickets import TicketStatus as S
from wuye.servicedesk.deadlines_tickets import ticket_clock, ticket_deadlines
from wuye.testing import factories as f

pytestmark = pytest.mark.django_db
T0 = timezone.make_aware(datetime.datetime(2026, 3, 2, 9, 0))
SECOND = datetime.timedelta(seconds=1)
HOUR = datetime.timedelta(hours=1)


def file(world, kind="repair", urgency="ordinary", **fields):
    category = "attitude" if kind == "complaint" else ""
    urgency = urgency if kind == "repair" else ""
    return f.ticket(
        world.users["staff"],
        household=world.inside.household,
        kind=kind,
        urgency=urgency,
        complaint_category=category,
        received_at=T0,
        now=T0,
        **fields,
    )


def by_check(ticket):
    return {d.check_id: d for d in ticket_deadlines(ticket)}


@pytest.mark.parametrize(
    "kind,urgency,checks",
    [
        ("repair", "ordinary", {"3.3.ticket_answered", "3.3.ticket_completed"}),
        ("repair", "urgent", {"3.3.ticket_answered", "3.3.urgent_repair_on_site", "3.3.ticket_completed"}),
        ("help", "", {"3.3.ticket_answered", "3.3.ticket_completed"}),
        ("complaint", "", {"1.2.inquiry_answered", "3.3.ticket_completed"}),
        ("inquiry", "", {"1.2.inquiry_answered", "6.R.ticket_closed"}),
        ("suggestion", "", {"6.R.ticket_closed"}),
    ],
)
def test_each_kind_has_its_deadlines_under_one_clause_each(world, kind, urgency, checks):
    assert set(by_check(file(world, kind, urgency))) == checks


@pytest.mark.parametrize(
    "check,limit",
    [
        ("3.3.ticket_answered", datetime.timedelta(hours=24)),
        ("3.3.urgent_repair_on_site", datetime.timedelta(minutes=30)),
        ("3.3.ticket_completed", datetime.timedelta(hours=72)),
    ],
)
def test_exactly_at_the_deadline_is_in_time_one_second_later_is_late(world, check, limit):
    deadline = by_check(file(world, urgency="urgent"))[check]
    assert deadline.due == T0 + limit
    assert deadline.is_missed(T0 + limit) is False
    assert deadline.is_missed(T0 + limit + SECOND) is True


def test_a_step_done_exactly_at_the_deadline_is_in_time(world):
    staff = world.users["staff"]
    ticket = file(world)
    actions.move_ticket(staff, ticket, S.ACCEPTED, now=T0 + 24 * HOUR)
    assert by_check(ticket)["3.3.ticket_answered"].is_missed(T0 + 100 * HOUR) is False
    late = file(world)
    actions.move_ticket(staff, late, S.ACCEPTED, now=T0 + 24 * HOUR + SECOND)
    assert by_check(late)["3.3.ticket_answered"].is_missed(T0 + 100 * HOUR) is True


def test_the_follow_up_clock_starts_at_completion(world):
    staff = world.users["staff"]
    ticket = file(world)
    assert "3.3.follow_up" not in by_check(ticket)
    done = T0 + 10 * HOUR
    for i, status in enumerate([S.ACCEPTED, S.ASSIGNED, S.ON_SITE, S.DONE]):
        actions.move_ticket(staff, ticket, status, handler=staff, now=done - (3 - i) * SECOND)
    deadline = by_check(ticket)["3.3.follow_up"]
    assert deadline.due == done + datetime.timedelta(days=7)
    assert deadline.is_missed(deadline.due) is False
    assert deadline.is_missed(deadline.due + SECOND) is True


def test_a_suggestion_is_closed_within_thirty_days(world):
    deadline = by_check(file(world, "suggestion"))["6.R.ticket_closed"]
    assert deadline.due == T0 + datetime.timedelta(days=30)


def test_withdrawal_ends_every_running_clock(world):
    ticket = file(world)
    actions.move_ticket(world.users["owner"], ticket, S.WITHDRAWN, now=T0 + HOUR)
    assert not any(d.is_missed(T0 + 1000 * HOUR) for d in ticket_deadlines(ticket))
    assert ticket_clock(ticket, T0 + 1000 * HOUR).overdue is False


def test_a_regional_override_in_force_when_the_ticket_came_applies(world):
    ParameterOverride.objects.create(
        check_id="3.3.ticket_answered",
        name="answer_deadline",
        division_id="150200",
        valid_from=datetime.date(2026, 1, 1),
        value=12,
        reason="包头市规定",
        set_by=world.users["regulator_bt"],
    )
    assert by_check(file(world))["3.3.ticket_answered"].due == T0 + 12 * HOUR


def test_the_clock_shows_the_next_deadline_and_the_overdue_flag(world):
    ticket = file(world, urgency="urgent")
    clock = ticket_clock(ticket, T0 + 10 * datetime.timedelta(minutes=1))
    assert clock.next.check_id == "3.3.urgent_repair_on_site" and clock.overdue is False
    assert ticket_clock(ticket, T0 + 30 * datetime.timedelta(minutes=1)).overdue is False
    assert ticket_clock(ticket, T0 + 30 * datetime.timedelta(minutes=1) + SECOND).overdue is True
