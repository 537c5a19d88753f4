"""Follow-ups (3.3): the owner rates his own ticket once per completion; a dissatisfied rating reopens it."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from wuye.servicedesk import actions_tickets as actions
from wuye.servicedesk.choices_tickets import TicketStatus as S
from wuye.servicedesk.models import FollowUp, Ticket, TicketEvent
from wuye.testing import factories as f

pytestmark = pytest.mark.django_db
T0 = timezone.make_aware(datetime.datetime(2026, 3, 2, 9, 0))


def at(minutes):
    return T0 + datetime.timedelta(minutes=minutes)


@pytest.fixture
def done(world):
    staff = world.users["staff"]
    ticket = f.ticket(staff, household=world.inside.household, received_at=T0, now=T0)
    for i, status in enumerate([S.ACCEPTED, S.ASSIGNED, S.ON_SITE, S.DONE]):
        actions.move_ticket(staff, ticket, status, handler=staff, now=at(i + 1))
    return ticket


def counts():
    return FollowUp.objects.count(), TicketEvent.objects.count()


def test_the_owner_rates_his_ticket(world, done):
    follow_up = actions.record_follow_up(
        world.users["owner"], done, rating="satisfied", comment="很及时", now=at(60)
    )
    done.refresh_from_db()
    assert follow_up.method == "owner" and follow_up.completion == 0
    assert done.status == S.FOLLOWED_UP and done.followed_up_at == at(60)


def test_staff_record_a_phone_follow_up_and_cannot_pose_as_the_owner(world, done):
    staff = world.users["staff"]
    with pytest.raises(ValidationError, match="只有该户业主本人可以评价"):
        actions.record_follow_up(staff, done, rating="satisfied", method="owner", now=at(60))
    assert actions.record_follow_up(staff, done, rating="basic", now=at(61)).method == "phone"


def test_a_dissatisfied_rating_reopens_the_ticket(world, done):
    actions.record_follow_up(world.users["owner"], done, rating="dissatisfied", comment="还漏水", now=at(60))
    done.refresh_from_db()
    assert done.status == S.ACCEPTED and done.reopen_count == 1
    moves = list(done.events.values_list("to_status", flat=True))[-2:]
    assert moves == [S.FOLLOWED_UP, S.ACCEPTED]


def test_one_rating_per_completion_and_again_after_the_next(world, done):
    owner, staff = world.users["owner"], world.users["staff"]
    actions.record_follow_up(owner, done, rating="dissatisfied", now=at(60))
    before = counts()
    with pytest.raises(ValidationError):
        actions.record_follow_up(owner, done, rating="satisfied", now=at(61))
    assert counts() == before
    for i, status in enumerate([S.ASSIGNED, S.ON_SITE, S.DONE]):
        actions.move_ticket(staff, done, status, handler=staff, now=at(70 + i))
    assert actions.record_follow_up(owner, done, rating="satisfied", now=at(80)).completion == 1


@pytest.mark.parametrize("role", ["committee", "developer", "regulator", "stranger"])
def test_no_one_else_rates(world, done, role):
    before = counts()
    with pytest.raises(PermissionDenied):
        actions.record_follow_up(world.users[role], done, rating="satisfied", now=at(60))
    assert counts() == before


def test_a_neighbours_owner_cannot_rate(world):
    staff = world.users["staff"]
    other = f.ticket(staff, household=world.inside.neighbour, received_at=T0, now=T0)
    with pytest.raises(PermissionDenied):
        actions.record_follow_up(world.users["owner"], other, rating="dissatisfied", now=at(60))
    assert Ticket.objects.get(pk=other.pk).status == S.RECEIVED


def test_a_ticket_not_done_is_not_rated(world):
    ticket = f.ticket(world.users["staff"], household=world.inside.household, received_at=T0, now=T0)
    before = counts()
    with pytest.raises(ValidationError, match="办结后"):
        actions.record_follow_up(world.users["owner"], ticket, rating="satisfied", now=at(60))
    assert counts() == before


def test_a_rating_outside_the_scale_is_refused(world, done):
    with pytest.raises(ValidationError, match="请选择满意"):
        actions.record_follow_up(world.users["owner"], done, rating="great", now=at(60))
    assert Ticket.objects.get(pk=done.pk).status == S.DONE
