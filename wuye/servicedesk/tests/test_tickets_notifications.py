"""Notifications: delivered by the job worker after the commit, once per person; reminders once per
deadline; the inbox shows a user only his own."""

import datetime

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from wuye.servicedesk import actions_tickets as actions
from wuye.servicedesk.choices_tickets import TicketStatus as S
from wuye.servicedesk.models import Notification
from wuye.servicedesk.tasks_tickets import deliver_ticket_event, due_reminders, remind_deadlines
from wuye.testing import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def users(world):
    world.users["owner"].email = "owner@example.com"
    world.users["owner"].save()
    return world.users


def texts(user):
    return list(Notification.objects.filter(user=user).values_list("text", flat=True))


def test_nothing_is_delivered_inside_the_request_only_after_the_commit(
    world, users, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        f.ticket(users["staff"], household=world.inside.household, received_at=timezone.now())
    assert Notification.objects.count() == 0
    assert len(callbacks) == 1


def test_the_owner_hears_of_each_move_and_by_email(world, users, django_capture_on_commit_callbacks):
    staff = users["staff"]
    with django_capture_on_commit_callbacks(execute=True):
        ticket = f.ticket(staff, household=world.inside.household, received_at=timezone.now())
        actions.move_ticket(staff, ticket, S.ACCEPTED)
    assert any("已接单" in text for text in texts(users["owner"]))
    assert any("已接单" in message.subject for message in mail.outbox)


def test_the_handler_hears_of_his_assignment(world, users, django_capture_on_commit_callbacks):
    staff, manager = users["staff"], users["manager"]
    ticket = f.ticket(manager, household=world.inside.household, received_at=timezone.now())
    actions.move_ticket(manager, ticket, S.ACCEPTED)
    with django_capture_on_commit_callbacks(execute=True):
        actions.move_ticket(manager, ticket, S.ASSIGNED, handler=staff)
    assert any("新的派单" in text for text in texts(staff))


def test_an_escalation_reaches_the_committee_and_the_regulators(
    world, users, django_capture_on_commit_callbacks
):
    ticket = f.ticket(users["staff"], household=world.inside.household, received_at=timezone.now())
    member = f.UserFactory(username="member2")
    f.MembershipFactory(user=member, role="committee", project=world.inside.project)
    with django_capture_on_commit_callbacks(execute=True):
        actions.escalate_ticket(users["committee"], ticket, "两周无人处理")
    assert texts(member) and texts(users["regulator_bt"]) and texts(users["regulator"])
    assert not texts(users["committee"])  # not the one who escalated
    assert not Notification.objects.filter(
        user__in=[users["staff"], users["owner"]], text__contains="提请"
    ).exists()


def test_delivering_twice_tells_once(world, users):
    ticket = f.ticket(users["staff"], household=world.inside.household, received_at=timezone.now())
    event = actions.move_ticket(users["staff"], ticket, S.ACCEPTED)
    assert deliver_ticket_event.call_local(event.pk) == 1
    assert deliver_ticket_event.call_local(event.pk) == 0
    assert len(texts(users["owner"])) == 1


def test_a_deadline_about_to_pass_is_reminded_once(world, users):
    now = timezone.now()
    # An ordinary repair received 19 hours ago: 5 of its 24 hours to answer are left (< a quarter).
    ticket = f.ticket(
        users["staff"], household=world.inside.household, received_at=now - datetime.timedelta(hours=19)
    )
    fresh = f.ticket(users["staff"], household=world.inside.neighbour, received_at=now)
    due = {(t.pk, d.name) for t, d in due_reminders(now)}
    assert due == {(ticket.pk, "answer")}
    assert fresh.pk not in {pk for pk, _name in due}
    assert remind_deadlines.call_local() == 1  # the project's one staff member
    assert remind_deadlines.call_local() == 0
    assert any("即将到期" in text for text in texts(users["staff"]))


def test_the_inbox_lists_only_ones_own_and_marks_read(world, users):
    mine = Notification.objects.create(user=users["owner"], key="k1", text="您的工单已接单", link="/")
    theirs = Notification.objects.create(user=users["staff"], key="k1", text="别人的通知")
    browser = Client()
    browser.force_login(users["owner"])
    page = browser.get("/service/notifications/")
    assert (
        page.status_code == 200
        and "您的工单已接单" in page.content.decode()
        and "别人的通知" not in page.content.decode()
    )
    assert "1" in browser.get("/service/notifications/count/").content.decode()
    assert browser.post(f"/service/notifications/{theirs.pk}/read/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None
    assert browser.post(f"/service/notifications/{mine.pk}/read/").status_code == 302
    mine.refresh_from_db()
    assert mine.read_at is not None
    assert browser.get("/service/notifications/count/").content.decode() == ""


def test_the_inbox_needs_a_sign_in_and_marks_all_read(world, users):
    assert Client().get("/service/notifications/").status_code == 302
    for i in range(3):
        Notification.objects.create(user=users["staff"], key=f"k{i}", text="x")
    browser = Client()
    browser.force_login(users["staff"])
    browser.post("/service/notifications/read-all/")
    assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_the_inbox_costs_a_fixed_number_of_queries(world, users, django_assert_max_num_queries):
    for i in range(30):
        Notification.objects.create(user=users["owner"], key=f"k{i}", text=f"通知{i}")
    browser = Client()
    browser.force_login(users["owner"])
    with django_assert_max_num_queries(8):
        assert browser.get("/service/notifications/").status_code == 200
