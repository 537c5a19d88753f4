"""Every ticket page with every role: inside 200, outside 404, anonymous to the login page; the posts that
change a ticket answer 404 unseen, 403 seen but not allowed, and write nothing when refused."""

import pytest
from django.urls import reverse

from wuye.servicedesk.models import Ticket, TicketEvent
from wuye.servicedesk.tests import ticket_pages_world as pages_world
from wuye.servicedesk.tests.ticket_pages_world import handles, reads_desk, reads_ticket
from wuye.testing.personas import ROLES

pytestmark = pytest.mark.django_db
tickets = pages_world.tickets

TICKET_PAGES = ["ticket-detail"]
DESK_PAGES = ["ticket-desk", "ticket-desk-print", "ticket-trends"]
PERSONAL_PAGES = ["my-tickets", "ticket-escalated"]
POSTS = {
    # url name: (who may, the data of a legal request)
    "ticket-move": ("handler", {"status": "accepted"}),
    "ticket-follow-up": ("handler", {"rating": "satisfied"}),
    "ticket-appointment": ("handler", {"window_start": "2030-01-01T09:00", "window_end": "2030-01-01T11:00"}),
    "ticket-outcome": ("ruler", {"substantiated": "true", "note": "属实"}),
    "ticket-withdraw": ("owner", {}),
    "ticket-rate": ("owner", {"rating": "satisfied"}),
    "ticket-comment": ("committee", {"note": "请尽快处理"}),
    "ticket-escalate": ("committee", {"note": "请监管部门督促"}),
}


@pytest.mark.parametrize("side", ["inside", "outside"])
@pytest.mark.parametrize("role", ROLES)
def test_every_page_answers_by_scope(client, world, tickets, role, side):
    client.force_login(world.users[role])
    ticket, project = tickets[side], getattr(world, side).project
    wrong = []
    for name in TICKET_PAGES:
        status = client.get(reverse(name, args=[ticket.pk])).status_code
        want = 200 if reads_ticket(role, side) else 404
        if status != want:
            wrong.append(f"{name}: {status} != {want}")
    for name in DESK_PAGES:
        status = client.get(reverse(name, args=[project.pk])).status_code
        want = 200 if reads_desk(role, side) else 404
        if status != want:
            wrong.append(f"{name}: {status} != {want}")
    status = client.get(reverse("ticket-log", args=[project.pk])).status_code
    want = (200 if handles(role, side) else 403) if reads_desk(role, side) else 404
    if status != want:
        wrong.append(f"ticket-log: {status} != {want}")
    assert not wrong, f"{role} on the {side} side: " + "; ".join(wrong)


@pytest.mark.parametrize("role", ROLES)
def test_personal_pages_answer_every_signed_in_user(client, world, tickets, role):
    client.force_login(world.users[role])
    for name in PERSONAL_PAGES:
        assert client.get(reverse(name)).status_code == 200, name
    desks = client.get(reverse("ticket-desks"))
    assert desks.status_code in (200, 302)
    if desks.status_code == 302:  # one desk: straight to it
        assert desks.url == reverse("ticket-desk", args=[world.inside.project.pk])
    filing = client.get(reverse("ticket-file")).status_code
    assert filing == (200 if role == "owner" else 403)


@pytest.mark.parametrize("role", ROLES)
def test_the_owners_list_shows_only_his_households_tickets(client, world, tickets, role):
    client.force_login(world.users[role])
    body = client.get(reverse("my-tickets")).content.decode()
    for side, ticket in tickets.items():
        shown = reverse("ticket-detail", args=[ticket.pk]) in body
        assert shown is (role == "owner" and side == "inside"), (role, side)


def test_anonymous_is_sent_to_login_from_every_page(client, world, tickets):
    ticket, project = tickets["inside"], world.inside.project
    urls = [reverse(name, args=[ticket.pk]) for name in TICKET_PAGES]
    urls += [reverse(name, args=[project.pk]) for name in [*DESK_PAGES, "ticket-log"]]
    urls += [reverse(name) for name in [*PERSONAL_PAGES, "ticket-desks", "ticket-file"]]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith("/accounts/login/"), url
    for name, (_who, data) in POSTS.items():
        response = client.post(reverse(name, args=[ticket.pk]), data)
        assert response.status_code == 302 and response.url.startswith("/accounts/login/"), name


def allowed(who: str, role: str, side: str) -> bool:
    if who == "handler":
        return handles(role, side)
    if who == "ruler":  # the regulators over the project rule on complaints too
        return handles(role, side) or role == "regulator" or (role == "regulator_bt" and side == "inside")
    if who == "owner":
        return role == "owner" and side == "inside"
    return role == "committee" and side == "inside"


@pytest.mark.parametrize("side", ["inside", "outside"])
@pytest.mark.parametrize("role", ROLES)
def test_posts_refused_by_scope_write_nothing(client, world, tickets, role, side):
    client.force_login(world.users[role])
    ticket = tickets[side]
    for name, (who, data) in POSTS.items():
        if allowed(who, role, side):
            continue
        events = TicketEvent.objects.count()
        response = client.post(reverse(name, args=[ticket.pk]), data)
        want = 403 if reads_ticket(role, side) else 404
        assert response.status_code == want, (name, role, side, response.status_code)
        assert TicketEvent.objects.count() == events, name
        assert Ticket.objects.get(pk=ticket.pk).status == "received"
