"""The ticket pipeline: every legal move, every illegal one refused with nothing written, and who may move."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from wuye.core.verification import verify_chains
from wuye.servicedesk import actions_tickets as actions
from wuye.servicedesk.actions_tickets import TRANSITIONS
from wuye.servicedesk.choices_tickets import TicketStatus as S
from wuye.servicedesk.models import Appointment, FollowUp, Ticket, TicketEvent
from wuye.testing import factories as f

pytestmark = pytest.mark.django_db
T0 = timezone.make_aware(datetime.datetime(2026, 3, 2, 9, 0))


def at(minutes=0, **kw):
    return T0 + datetime.timedelta(minutes=minutes, **kw)


@pytest.fixture
def staff(world):
    return world.users["staff"]


@pytest.fixture
def repair(world, staff):
    return f.ticket(staff, household=world.inside.household, received_at=T0, now=at(5))


def walk(ticket, user, *statuses, handler=None, start=10):
    for i, status in enumerate(statuses):
        if status == S.ON_SITE:
            actions.arrive(user, ticket, now=at(start + i))
        else:
            actions.move_ticket(user, ticket, status, handler=handler, now=at(start + i))
    return ticket


def snapshot(ticket):
    ticket = Ticket.objects.get(pk=ticket.pk)
    return (
        ticket.status,
        ticket.answered_at,
        ticket.completed_at,
        ticket.reopen_count,
        TicketEvent.objects.count(),
    )


# -- legal moves ---------------------------------------------------------------------------------------


def test_filing_writes_the_first_event_with_the_time_the_owner_asked(repair, staff):
    event = TicketEvent.objects.get(ticket=repair)
    assert (event.from_status, event.to_status) == ("", S.RECEIVED)
    assert event.occurred_at == T0
    assert event.recorded_at == at(5)
    assert repair.recorded_at == at(5) and repair.created_by == staff


def test_a_repair_walks_the_whole_pipeline_and_each_move_is_a_chained_row(world, repair, staff):
    walk(repair, staff, S.ACCEPTED, S.ASSIGNED, S.ON_SITE, S.DONE, handler=staff)
    actions.record_follow_up(staff, repair, rating="satisfied", now=at(60))
    actions.move_ticket(staff, repair, S.CLOSED, now=at(61))
    repair.refresh_from_db()
    moves = list(repair.events.values_list("from_status", "to_status"))
    assert moves == [
        ("", S.RECEIVED),
        (S.RECEIVED, S.ACCEPTED),
        (S.ACCEPTED, S.ASSIGNED),
        (S.ASSIGNED, S.ON_SITE),
        (S.ON_SITE, S.DONE),
        (S.DONE, S.FOLLOWED_UP),
        (S.FOLLOWED_UP, S.CLOSED),
    ]
    assert repair.status == S.CLOSED and repair.handler == staff
    assert (repair.answered_at, repair.on_site_at, repair.completed_at) == (at(10), at(12), at(13))
    assert (repair.followed_up_at, repair.closed_at) == (at(60), at(61))
    verify_chains(f"project:{world.inside.project.pk}")  # raises on a broken link


@pytest.mark.parametrize("kind", ["inquiry", "suggestion"])
def test_an_inquiry_or_suggestion_is_answered_without_a_visit_and_closed(world, staff, kind):
    ticket = f.ticket(staff, project=world.inside.project, kind=kind, urgency="", received_at=T0, now=T0)
    walk(ticket, staff, S.ACCEPTED, S.DONE, S.CLOSED)
    ticket.refresh_from_db()
    assert ticket.status == S.CLOSED and ticket.handler == staff  # who answered handled it


@pytest.mark.parametrize("start", [S.DONE, S.FOLLOWED_UP, S.CLOSED])
def test_a_finished_ticket_reopens_to_accepted_and_counts(repair, staff, start):
    walk(repair, staff, S.ACCEPTED, S.ASSIGNED, S.ON_SITE, S.DONE, handler=staff)
    if start in (S.FOLLOWED_UP, S.CLOSED):
        actions.record_follow_up(staff, repair, rating="basic", now=at(30))
    if start == S.CLOSED:
        actions.move_ticket(staff, repair, S.CLOSED, now=at(31))
    actions.move_ticket(staff, repair, S.ACCEPTED, note="业主反映仍漏水", now=at(40))
    repair.refresh_from_db()
    assert repair.status == S.ACCEPTED and repair.reopen_count == 1
    assert repair.answered_at == at(10)  # the first answer stays
    assert repair.completed_at is None and repair.closed_at is None


@pytest.mark.parametrize(
    "path", [[], [S.ACCEPTED], [S.ACCEPTED, S.ASSIGNED], [S.ACCEPTED, S.ASSIGNED, S.ON_SITE]]
)
def test_the_owner_withdraws_his_ticket_before_it_is_done(world, repair, staff, path):
    walk(repair, staff, *path, handler=staff)
    actions.move_ticket(world.users["owner"], repair, S.WITHDRAWN, now=at(50))
    repair.refresh_from_db()
    assert repair.status == S.WITHDRAWN and repair.withdrawn_at == at(50)


def test_an_appointment_is_kept_by_the_on_site_move(repair, staff):
    walk(repair, staff, S.ACCEPTED, S.ASSIGNED, handler=staff)
    appointment = actions.make_appointment(staff, repair, at(60), at(120), now=at(20))
    actions.arrive(staff, repair, now=at(90))
    appointment.refresh_from_db()
    assert appointment.arrived_at == at(90)
    assert appointment.arrival_event.to_status == S.ON_SITE


# -- illegal moves: refused, nothing written -----------------------------------------------------------

STATUSES = list(S.values)
LEGAL = {(old, new) for old, targets in TRANSITIONS.items() for new in targets}


def reach(ticket, user, status, world):
    paths = {
        S.RECEIVED: [],
        S.ACCEPTED: [S.ACCEPTED],
        S.ASSIGNED: [S.ACCEPTED, S.ASSIGNED],
        S.ON_SITE: [S.ACCEPTED, S.ASSIGNED, S.ON_SITE],
        S.DONE: [S.ACCEPTED, S.ASSIGNED, S.ON_SITE, S.DONE],
    }
    if status == S.WITHDRAWN:
        actions.move_ticket(world.users["owner"], ticket, S.WITHDRAWN, now=at(9))
        return
    walk(ticket, user, *paths.get(status, paths[S.DONE]), handler=user)
    if status in (S.FOLLOWED_UP, S.CLOSED):
        actions.record_follow_up(user, ticket, rating="satisfied", now=at(40))
    if status == S.CLOSED:
        actions.move_ticket(user, ticket, S.CLOSED, now=at(41))


@pytest.mark.parametrize(
    "old,new",
    [(o, n) for o in STATUSES for n in STATUSES if (o, n) not in LEGAL and n != S.FOLLOWED_UP],
)
def test_every_move_outside_the_table_is_refused_and_writes_nothing(world, repair, staff, old, new):
    reach(repair, staff, old, world)
    before = snapshot(repair)
    with pytest.raises(ValidationError) as refused:
        actions.set_status(repair, new, staff, now=at(70))
    assert "工单不能从" in str(refused.value)
    assert snapshot(repair) == before


def test_a_repair_cannot_be_done_without_a_visit(repair, staff):
    walk(repair, staff, S.ACCEPTED)
    before = snapshot(repair)
    with pytest.raises(ValidationError, match="须派单处理后办结"):
        actions.move_ticket(staff, repair, S.DONE, now=at(30))
    assert snapshot(repair) == before


def test_a_repair_is_followed_up_before_it_is_closed(repair, staff):
    walk(repair, staff, S.ACCEPTED, S.ASSIGNED, S.ON_SITE, S.DONE, handler=staff)
    before = snapshot(repair)
    with pytest.raises(ValidationError, match="须先回访再关闭"):
        actions.move_ticket(staff, repair, S.CLOSED, now=at(30))
    assert snapshot(repair) == before


def test_an_inquiry_is_not_followed_up(world, staff):
    ticket = f.ticket(staff, project=world.inside.project, kind="inquiry", urgency="", received_at=T0, now=T0)
    walk(ticket, staff, S.ACCEPTED, S.DONE)
    with pytest.raises(ValidationError, match="只有报修和投诉需要回访"):
        actions.record_follow_up(staff, ticket, rating="satisfied", now=at(30))
    assert not FollowUp.objects.exists()


def test_a_stale_copy_cannot_move_a_ticket_someone_else_moved(repair, staff):
    stale = Ticket.objects.get(pk=repair.pk)
    actions.move_ticket(staff, repair, S.ACCEPTED, now=at(10))
    stale.status = S.RECEIVED
    with pytest.raises(ValidationError, match="已被他人处理"):
        actions.move_ticket(staff, stale, S.ACCEPTED, now=at(11))
    assert repair.events.count() == 2


# -- who may move ------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["owner", "committee", "developer", "regulator", "stranger"])
def test_only_the_projects_staff_and_managers_handle_tickets(world, repair, role):
    before = snapshot(repair)
    with pytest.raises(PermissionDenied):
        actions.move_ticket(world.users[role], repair, S.ACCEPTED, now=at(10))
    assert snapshot(repair) == before


def test_the_serving_enterprises_manager_handles_tickets(world, repair):
    actions.move_ticket(world.users["manager"], repair, S.ACCEPTED, now=at(10))
    assert Ticket.objects.get(pk=repair.pk).status == S.ACCEPTED


def test_staff_cannot_withdraw_for_the_owner(repair, staff):
    before = snapshot(repair)
    with pytest.raises(ValidationError, match="只有业主本人可以撤回"):
        actions.move_ticket(staff, repair, S.WITHDRAWN, now=at(10))
    assert snapshot(repair) == before


def test_the_handler_is_a_staff_member_of_the_project(world, repair, staff):
    walk(repair, staff, S.ACCEPTED)
    before = snapshot(repair)
    for someone in (world.users["committee"], world.users["owner"], None):
        with pytest.raises(ValidationError, match="请选择本项目的员工"):
            actions.move_ticket(staff, repair, S.ASSIGNED, handler=someone, now=at(20))
    assert snapshot(repair) == before


def test_a_neighbour_cannot_withdraw_a_ticket_not_his(world, staff):
    other = f.ticket(staff, household=world.inside.neighbour, received_at=T0, now=T0)
    with pytest.raises(PermissionDenied):
        actions.move_ticket(world.users["owner"], other, S.WITHDRAWN, now=at(10))
    assert Ticket.objects.get(pk=other.pk).status == S.RECEIVED


# -- filing ----------------------------------------------------------------------------------------------


def test_an_owner_files_for_his_own_household_at_the_servers_time(world):
    owner = world.users["owner"]
    ticket = f.ticket(owner, household=world.inside.household, channel="phone", received_at=at(-600), now=T0)
    assert ticket.channel == "web" and ticket.received_at == T0
    assert ticket.project == world.inside.project


@pytest.mark.parametrize("side", ["neighbour", "outside"])
def test_an_owner_cannot_file_for_someone_elses_household(world, side):
    household = world.inside.neighbour if side == "neighbour" else world.outside.household
    with pytest.raises(ValidationError, match="只能为自己的房屋"):
        f.ticket(world.users["owner"], household=household, now=T0)
    assert not Ticket.objects.exists() and not TicketEvent.objects.exists()


def test_reception_cannot_log_a_ticket_in_the_future_or_for_another_project(world, staff):
    with pytest.raises(ValidationError, match="不能晚于当前时间"):
        f.ticket(staff, household=world.inside.household, received_at=at(60), now=T0)
    with pytest.raises(PermissionDenied):
        f.ticket(staff, household=world.outside.household, received_at=T0, now=T0)
    assert not Ticket.objects.exists()


@pytest.mark.parametrize(
    "fields,error",
    [
        ({"kind": "repair", "urgency": ""}, "urgency"),
        ({"kind": "help", "urgency": "urgent"}, "urgency"),
        ({"kind": "complaint", "urgency": "", "complaint_category": ""}, "complaint_category"),
        ({"kind": "inquiry", "urgency": "", "complaint_category": "fees"}, "complaint_category"),
        ({"description": "  "}, "description"),
        ({"contact_phone": "1234"}, "contact_phone"),
    ],
)
def test_a_ticket_missing_what_its_kind_needs_is_refused(world, staff, fields, error):
    with pytest.raises(ValidationError) as refused:
        f.ticket(staff, household=world.inside.household, received_at=T0, now=T0, **fields)
    assert error in refused.value.message_dict
    assert not Ticket.objects.exists() and not TicketEvent.objects.exists()


def test_a_second_open_appointment_is_refused(repair, staff):
    walk(repair, staff, S.ACCEPTED)
    actions.make_appointment(staff, repair, at(60), at(120), now=at(20))
    with pytest.raises(ValidationError, match="尚未履行的预约"):
        actions.make_appointment(staff, repair, at(180), at(240), now=at(21))
    with pytest.raises(ValidationError):
        actions.make_appointment(staff, repair, at(240), at(180), now=at(21))
    assert Appointment.objects.count() == 1
