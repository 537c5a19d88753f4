"""The ticket API with every role, inside and outside: who lists, reads, files and moves; masking; errors."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image
from rest_framework.test import APIClient

from wuye.servicedesk import actions_tickets as actions
from wuye.servicedesk.choices_tickets import TicketStatus as S
from wuye.servicedesk.models import FollowUp, Ticket, TicketEvent
from wuye.testing import factories as f
from wuye.testing.personas import ROLES

pytestmark = pytest.mark.django_db
URL = "/api/tickets/"
T0 = timezone.now() - datetime.timedelta(hours=2)
# Who sees every ticket of the inside project (the region's regulator and the admin see both sides; the
# owner only his household's; the developer none).
PROJECT_READERS = {"regulator_bt", "manager", "staff", "committee"}


def client(user=None):
    api = APIClient()
    if user is not None:
        api.force_authenticate(user)
    return api


@pytest.fixture
def tickets(world):
    staff, staff_out = world.users["staff"], world.users["admin"]
    inside = f.ticket(staff, household=world.inside.household, received_at=T0, now=T0)
    neighbour = f.ticket(staff, household=world.inside.neighbour, received_at=T0, now=T0)
    outside = f.ticket(staff_out, household=world.outside.household, received_at=T0, now=T0)
    return {"inside": inside, "neighbour": neighbour, "outside": outside}


@pytest.mark.parametrize("role", ROLES)
def test_each_role_reads_exactly_its_scope(world, tickets, role):
    api = client(world.users[role])
    listed = api.get(URL)
    if role == "stranger":
        assert listed.json()["results"] == []
    ids = {row["id"] for row in listed.json()["results"]}
    for side, ticket in tickets.items():
        sees = (
            role in ("admin", "regulator")
            or (role in PROJECT_READERS and side != "outside")
            or (role == "owner" and side == "inside")
        )
        assert (ticket.pk in ids) is sees, (side, role)
        assert api.get(f"{URL}{ticket.pk}/").status_code == (200 if sees else 404)


def test_anonymous_is_refused(tickets):
    assert client().get(URL).status_code in (401, 403)


def test_the_owner_files_a_repair_with_a_photo(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, "PNG")
    photo = SimpleUploadedFile("leak.jpg", buffer.getvalue(), content_type="image/jpeg")
    answer = client(world.users["owner"]).post(
        URL,
        {
            "household": world.inside.household.pk,
            "kind": "repair",
            "urgency": "urgent",
            "channel": "web",
            "contact_name": "包头业主",
            "contact_phone": "13800000009",
            "description": "卫生间漏水到楼下",
            "photo": photo,
        },
        format="multipart",
    )
    assert answer.status_code == 201, answer.json()
    body = answer.json()
    assert body["status"] == "received" and body["project"] == world.inside.project.pk
    assert body["next_deadline"]["check"] == "3.3.urgent_repair_on_site"
    assert body["photo"].endswith(f"/servicedesk.ticket/{body['id']}/photo/") or "photo" in body["photo"]


def test_a_file_that_is_not_an_image_is_refused_whatever_its_name(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    fake = SimpleUploadedFile("leak.png", b"%PDF-1.4 not an image", content_type="image/png")
    answer = client(world.users["owner"]).post(
        URL,
        {
            "household": world.inside.household.pk,
            "kind": "help",
            "channel": "web",
            "description": "求助",
            "photo": fake,
        },
        format="multipart",
    )
    assert answer.status_code == 400 and "photo" in answer.json()
    assert not Ticket.objects.exists()


def test_an_owner_cannot_file_for_a_household_not_his(world):
    answer = client(world.users["owner"]).post(
        URL, {"household": world.inside.neighbour.pk, "kind": "help", "channel": "web", "description": "求助"}
    )
    assert answer.status_code == 400 and "household" in answer.json()
    assert not Ticket.objects.exists()


def test_field_errors_name_their_field(world):
    answer = client(world.users["staff"]).post(
        URL,
        {
            "project": world.inside.project.pk,
            "kind": "complaint",
            "channel": "phone",
            "description": "物业人员态度恶劣",
            "received_at": T0.isoformat(),
        },
    )
    assert answer.status_code == 400 and "complaint_category" in answer.json()


def test_staff_move_a_ticket_and_an_illegal_move_is_400_with_nothing_written(world, tickets):
    api, ticket = client(world.users["staff"]), tickets["inside"]
    assert api.post(f"{URL}{ticket.pk}/move/", {"status": "accepted"}).json()["status"] == "accepted"
    events = TicketEvent.objects.count()
    refused = api.post(f"{URL}{ticket.pk}/move/", {"status": "closed"})
    assert refused.status_code == 400 and "工单不能从" in refused.json()["status"][0]
    assert TicketEvent.objects.count() == events
    assigned = api.post(f"{URL}{ticket.pk}/move/", {"status": "assigned", "handler": world.users["staff"].pk})
    assert assigned.json()["handler"] == world.users["staff"].pk


@pytest.mark.parametrize("role", ["committee", "regulator", "developer"])
def test_others_who_see_or_not_cannot_move(world, tickets, role):
    answer = client(world.users[role]).post(f"{URL}{tickets['inside'].pk}/move/", {"status": "accepted"})
    assert answer.status_code in (403, 404)
    assert Ticket.objects.get(pk=tickets["inside"].pk).status == S.RECEIVED


def test_outside_tickets_are_404_for_every_action(world, tickets):
    api = client(world.users["staff"])
    for path in ("move", "follow-up", "comment", "escalate", "outcome", "appointment", "amend"):
        assert api.post(f"{URL}{tickets['outside'].pk}/{path}/", {"status": "accepted"}).status_code == 404
    assert api.get(f"{URL}{tickets['outside'].pk}/events/").status_code == 404


def test_the_owner_rates_and_a_neighbours_rating_is_404(world, tickets):
    staff = world.users["staff"]
    for ticket in (tickets["inside"], tickets["neighbour"]):
        for status in (S.ACCEPTED, S.ASSIGNED, S.ON_SITE, S.DONE):
            actions.move_ticket(staff, ticket, status, handler=staff)
    owner = client(world.users["owner"])
    assert (
        owner.post(f"{URL}{tickets['neighbour'].pk}/follow-up/", {"rating": "dissatisfied"}).status_code
        == 404
    )
    answer = owner.post(
        f"{URL}{tickets['inside'].pk}/follow-up/", {"rating": "dissatisfied", "comment": "没修好"}
    )
    assert answer.status_code == 201 and answer.json()["method"] == "owner"
    assert Ticket.objects.get(pk=tickets["inside"].pk).reopen_count == 1
    assert FollowUp.objects.count() == 1


def test_the_committee_comments_escalates_and_sees_contacts_masked(world, tickets):
    api, ticket = client(world.users["committee"]), tickets["inside"]
    assert api.post(f"{URL}{ticket.pk}/comment/", {"note": "请尽快处理"}).status_code == 201
    assert api.post(f"{URL}{ticket.pk}/escalate/", {"note": "一周未处理"}).status_code == 201
    body = api.get(f"{URL}{ticket.pk}/").json()
    assert body["contact_name"] == "王**" and body["contact_phone"] == "138****0001"
    assert client(world.users["staff"]).get(f"{URL}{ticket.pk}/").json()["contact_phone"] == "13800000001"
    assert client(world.users["staff"]).post(f"{URL}{ticket.pk}/escalate/", {"note": "x"}).status_code == 403


def test_filters(world, tickets):
    api = client(world.users["staff"])
    actions.move_ticket(world.users["staff"], tickets["inside"], S.ACCEPTED)
    rows = api.get(URL, {"status": "accepted"}).json()["results"]
    assert [r["id"] for r in rows] == [tickets["inside"].pk]
    assert api.get(URL, {"kind": "inquiry"}).json()["results"] == []
    after = (T0 + datetime.timedelta(minutes=1)).isoformat()
    assert api.get(URL, {"received_after": after}).json()["results"] == []
    assert api.get(URL, {"overdue": "true"}).json()["results"] == []


def test_the_list_costs_a_fixed_number_of_queries(world, tickets, django_assert_max_num_queries):
    for i in range(5):
        f.ticket(world.users["staff"], household=world.inside.household, received_at=T0, now=T0)
    with django_assert_max_num_queries(4):
        assert client(world.users["staff"]).get(URL).status_code == 200


def test_the_overdue_filter_follows_the_ticket_clock(world):
    staff = world.users["staff"]
    now = timezone.now()
    late = f.ticket(staff, household=world.inside.household, received_at=now - datetime.timedelta(hours=25))
    in_time = f.ticket(
        staff, household=world.inside.neighbour, received_at=now - datetime.timedelta(hours=23)
    )
    api = client(staff)
    assert [r["id"] for r in api.get(URL, {"overdue": "true"}).json()["results"]] == [late.pk]
    assert [r["id"] for r in api.get(URL, {"overdue": "false"}).json()["results"]] == [in_time.pk]
    assert api.get(f"{URL}{late.pk}/").json()["overdue"] is True


def test_the_escalated_filter_and_an_owner_needs_no_channel(world, tickets):
    actions.escalate_ticket(world.users["committee"], tickets["inside"], "请监管部门督办")
    rows = client(world.users["regulator_bt"]).get(URL, {"escalated": "true"}).json()["results"]
    assert [r["id"] for r in rows] == [tickets["inside"].pk]
    answer = client(world.users["owner"]).post(
        URL, {"household": world.inside.household.pk, "kind": "inquiry", "description": "停车费怎么交"}
    )
    assert answer.status_code == 201 and answer.json()["channel"] == "web"


def test_staff_amend_a_record_and_a_bad_phone_is_a_field_error(world, tickets):
    api, ticket = client(world.users["staff"]), tickets["inside"]
    bad = api.post(f"{URL}{ticket.pk}/amend/", {"contact_phone": "123"})
    assert bad.status_code == 400 and "contact_phone" in bad.json()
    good = api.post(f"{URL}{ticket.pk}/amend/", {"contact_phone": "13900000002", "note": "业主来电更正"})
    assert good.status_code == 200 and good.json()["contact_phone"] == "13900000002"
    assert (
        client(world.users["committee"]).post(f"{URL}{ticket.pk}/amend/", {"contact_name": "x"}).status_code
        == 403
    )
