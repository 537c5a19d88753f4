"""Filing and moving tickets through the pages: each move legal and illegal (an illegal one shows why and
writes nothing), the owner's rating and withdrawal, reception's required fields, the committee's notes."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from wuye.servicedesk.models import Appointment, FollowUp, Ticket, TicketEvent
from wuye.servicedesk.tests import ticket_pages_world as pages_world
from wuye.servicedesk.tests.ticket_pages_world import fake_image, image_upload

pytestmark = pytest.mark.django_db
tickets = pages_world.tickets


def as_user(client, world, role):
    client.force_login(world.users[role])
    return client


def post(client, name, ticket, data=None):
    return client.post(reverse(name, args=[ticket.pk]), data or {}, follow=True)


def page_messages(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


def snapshot(ticket):
    row = Ticket.objects.get(pk=ticket.pk)
    return (row.status, row.handler_id, TicketEvent.objects.filter(ticket=ticket).count())


# -- filing -------------------------------------------------------------------------------------------


def test_the_owner_files_a_repair_with_a_photo_and_his_contact_prefilled(client, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    world.inside.owner.phone = "13800000009"
    world.inside.owner.save()
    owner = as_user(client, world, "owner")
    form = owner.get(reverse("ticket-file")).context["form"]
    assert form.initial["contact_name"] == "包头业主" and form.initial["contact_phone"] == "13800000009"
    response = owner.post(
        reverse("ticket-file"),
        {
            "household": world.inside.household.pk,
            "kind": "repair",
            "urgency": "urgent",
            "description": "卫生间漏水到楼下",
            "contact_name": "包头业主",
            "contact_phone": "13800000009",
            "photo": image_upload(),
        },
    )
    ticket = Ticket.objects.get()
    assert response.status_code == 302 and response.url == reverse("ticket-detail", args=[ticket.pk])
    assert (ticket.channel, ticket.project, ticket.created_by) == (
        "web",
        world.inside.project,
        world.users["owner"],
    )
    assert ticket.photo.name.startswith("tickets/")
    page = owner.get(response.url).content.decode()
    assert "卫生间漏水到楼下" in page and "已受理登记" in page and "到场还剩" in page


def test_a_file_that_is_not_an_image_is_refused_whatever_its_name(client, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    response = as_user(client, world, "owner").post(
        reverse("ticket-file"),
        {
            "household": world.inside.household.pk,
            "kind": "repair",
            "urgency": "ordinary",
            "description": "水管漏水",
            "photo": fake_image("leak.jpg"),
        },
    )
    assert response.status_code == 200
    assert "照片须为 JPG、PNG 或 WebP 格式的图片。" in response.context["form"].errors["photo"]
    assert not Ticket.objects.exists()


def test_the_owner_form_says_what_the_kind_needs(client, world):
    owner = as_user(client, world, "owner")
    base = {"household": world.inside.household.pk, "description": "楼道灯坏了"}
    repair = owner.post(reverse("ticket-file"), {**base, "kind": "repair"}).context["form"]
    assert repair.errors["urgency"] == ["报修须选择紧急程度。"]
    complaint = owner.post(reverse("ticket-file"), {**base, "kind": "complaint"}).context["form"]
    assert complaint.errors["complaint_category"] == ["投诉须选择类别。"]
    blank = owner.post(reverse("ticket-file"), {**base, "kind": "help", "description": "  "}).context["form"]
    assert "description" in blank.errors
    assert not Ticket.objects.exists()


def test_an_owner_cannot_file_for_his_neighbour(client, world):
    response = as_user(client, world, "owner").post(
        reverse("ticket-file"),
        {"household": world.inside.neighbour.pk, "kind": "help", "description": "求助"},
    )
    assert response.status_code == 200 and "household" in response.context["form"].errors
    assert not Ticket.objects.exists()


def test_reception_logs_a_call_with_every_required_field(client, world):
    staff = as_user(client, world, "staff")
    url = reverse("ticket-log", args=[world.inside.project.pk])
    asked = timezone.localtime() - datetime.timedelta(hours=1)
    data = {
        "channel": "phone",
        "received_at": asked.strftime("%Y-%m-%dT%H:%M"),
        "kind": "repair",
        "urgency": "ordinary",
    }
    missing = staff.post(url, {**data, "description": "厨房水管漏水"}).context["form"]
    assert set(missing.errors) == {"contact_name", "contact_phone", "household"}
    assert missing.errors["household"] == ["报修、求助须填写房号。"]
    assert missing.errors["contact_phone"] == ["请填写联系电话。"]
    assert not Ticket.objects.exists()
    future = (timezone.localtime() + datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    late = staff.post(url, {**data, "received_at": future}).context["form"]
    assert late.errors["received_at"] == ["受理时间不能晚于当前时间。"]
    response = staff.post(
        url,
        {
            **data,
            "household": world.inside.household.pk,
            "contact_name": "王女士",
            "contact_phone": "13800000001",
            "description": "厨房水管漏水",
        },
    )
    ticket = Ticket.objects.get()
    assert response.status_code == 302
    assert (ticket.channel, ticket.created_by) == ("phone", world.users["staff"])
    assert ticket.received_at == asked.replace(second=0, microsecond=0)


# -- the pipeline through the page ----------------------------------------------------------------------


def test_staff_take_a_repair_through_the_pipeline_and_the_owner_rates_it(client, world, tickets):
    ticket, staff = tickets["inside"], world.users["staff"]
    as_user(client, world, "staff")
    assert "接单" in client.get(reverse("ticket-detail", args=[ticket.pk])).content.decode()
    post(client, "ticket-move", ticket, {"status": "accepted"})
    post(client, "ticket-move", ticket, {"status": "assigned", "handler": staff.pk})
    post(client, "ticket-move", ticket, {"status": "on_site", "note": "已到达"})
    response = post(client, "ticket-move", ticket, {"status": "done"})
    assert "工单已变为“已办结”。" in page_messages(response)
    ticket.refresh_from_db()
    assert (ticket.status, ticket.handler) == ("done", staff)
    moves = list(TicketEvent.objects.filter(ticket=ticket, kind="move").values_list("to_status", flat=True))
    assert moves == ["received", "accepted", "assigned", "on_site", "done"]
    as_user(client, world, "owner")
    assert "评价本次服务" in client.get(reverse("ticket-detail", args=[ticket.pk])).content.decode()
    response = post(client, "ticket-rate", ticket, {"rating": "satisfied", "comment": "修得很快"})
    assert "谢谢您的评价。" in page_messages(response)
    follow_up = FollowUp.objects.get(ticket=ticket)
    assert (follow_up.method, follow_up.rating) == ("owner", "satisfied")
    assert Ticket.objects.get(pk=ticket.pk).status == "followed_up"
    again = post(client, "ticket-rate", ticket, {"rating": "dissatisfied"})
    assert "工单办结后、关闭前才能回访或评价。" in page_messages(again)
    assert FollowUp.objects.count() == 1


def done_repair(client, world, ticket):
    as_user(client, world, "staff")
    post(client, "ticket-move", ticket, {"status": "accepted"})
    post(client, "ticket-move", ticket, {"status": "assigned", "handler": world.users["staff"].pk})
    post(client, "ticket-move", ticket, {"status": "on_site"})
    post(client, "ticket-move", ticket, {"status": "done"})


def test_a_dissatisfied_rating_reopens_the_ticket(client, world, tickets):
    ticket = tickets["inside"]
    done_repair(client, world, ticket)
    as_user(client, world, "owner")
    post(client, "ticket-rate", ticket, {"rating": "dissatisfied", "comment": "还在漏"})
    ticket.refresh_from_db()
    assert (ticket.status, ticket.reopen_count) == ("accepted", 1)


def test_the_rating_form_needs_a_rating(client, world, tickets):
    ticket = tickets["inside"]
    done_repair(client, world, ticket)
    as_user(client, world, "owner")
    response = post(client, "ticket-rate", ticket, {"comment": "没选"})
    assert "请选择满意、基本满意或不满意。" in page_messages(response)
    assert not FollowUp.objects.exists()


@pytest.mark.parametrize(
    "data, reason",
    [
        ({"status": "done"}, "工单不能从“已受理登记”变为“已办结”。"),
        ({"status": "on_site"}, "工单不能从“已受理登记”变为“已到场”。"),
        ({"status": "closed"}, "工单不能从“已受理登记”变为“已关闭”。"),
        ({"status": "followed_up"}, "回访请通过“回访”登记。"),
        ({"status": "withdrawn"}, "只有业主本人可以撤回工单。"),
        ({"status": "nonsense"}, "没有这个状态。"),
    ],
)
def test_an_illegal_move_shows_why_and_writes_nothing(client, world, tickets, data, reason):
    ticket = tickets["inside"]
    before = snapshot(ticket)
    as_user(client, world, "staff")
    response = post(client, "ticket-move", ticket, data)
    assert response.status_code == 200 and reason in page_messages(response)
    assert snapshot(ticket) == before


def test_assigning_needs_a_staff_member_of_the_project(client, world, tickets):
    ticket = tickets["inside"]
    as_user(client, world, "staff")
    post(client, "ticket-move", ticket, {"status": "accepted"})
    before = snapshot(ticket)
    for handler in ("", world.users["committee"].pk, world.users["owner"].pk):
        response = post(client, "ticket-move", ticket, {"status": "assigned", "handler": handler})
        assert "请选择本项目的员工作为处理人。" in page_messages(response)
        assert snapshot(ticket) == before


def test_an_inquiry_offers_no_visit_and_a_repair_no_direct_answer(client, world, tickets):
    from wuye.testing import factories as f

    inquiry = f.ticket(
        world.users["staff"],
        project=world.inside.project,
        kind="inquiry",
        urgency="",
        received_at=timezone.now(),
    )
    as_user(client, world, "staff")
    post(client, "ticket-move", inquiry, {"status": "accepted"})
    moves = client.get(reverse("ticket-detail", args=[inquiry.pk])).context["moves"]
    assert [m["status"] for m in moves] == ["assigned", "done"]
    repair = tickets["inside"]
    post(client, "ticket-move", repair, {"status": "accepted"})
    moves = client.get(reverse("ticket-detail", args=[repair.pk])).context["moves"]
    assert "done" not in [m["status"] for m in moves]


def test_the_owner_withdraws_while_allowed_and_not_after(client, world, tickets):
    ticket = tickets["inside"]
    as_user(client, world, "owner")
    assert "撤回工单" in client.get(reverse("ticket-detail", args=[ticket.pk])).content.decode()
    response = post(client, "ticket-withdraw", ticket)
    assert "工单已撤回。" in page_messages(response)
    assert Ticket.objects.get(pk=ticket.pk).status == "withdrawn"
    before = snapshot(ticket)
    again = post(client, "ticket-withdraw", ticket)
    assert "工单不能从“已撤回”变为“已撤回”。" in page_messages(again)
    assert snapshot(ticket) == before


def test_staff_follow_up_by_phone_and_record_an_appointment(client, world, tickets):
    ticket = tickets["inside"]
    as_user(client, world, "staff")
    post(client, "ticket-move", ticket, {"status": "accepted"})
    start = timezone.localtime() + datetime.timedelta(hours=2)
    window = {
        "window_start": start.strftime("%Y-%m-%dT%H:%M"),
        "window_end": (start + datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
    }
    assert "已登记预约上门时间。" in page_messages(post(client, "ticket-appointment", ticket, window))
    backwards = {"window_start": window["window_end"], "window_end": window["window_start"]}
    assert "约定结束时间须晚于开始时间。" in page_messages(
        post(client, "ticket-appointment", ticket, backwards)
    )
    assert Appointment.objects.count() == 1
    post(client, "ticket-move", ticket, {"status": "assigned", "handler": world.users["staff"].pk})
    post(client, "ticket-move", ticket, {"status": "on_site"})
    assert Appointment.objects.get().arrived_at is not None
    post(client, "ticket-move", ticket, {"status": "done"})
    response = post(client, "ticket-follow-up", ticket, {"rating": "basic", "comment": "电话回访"})
    assert "已登记回访。" in page_messages(response)
    assert FollowUp.objects.get().method == "phone"


def test_a_complaints_outcome_and_the_committees_notes(client, world):
    from wuye.testing import factories as f

    complaint = f.ticket(
        world.users["staff"],
        household=world.inside.household,
        kind="complaint",
        urgency="",
        complaint_category="attitude",
        description="保安态度恶劣",
        received_at=timezone.now(),
    )
    as_user(client, world, "staff")
    blank = post(client, "ticket-outcome", complaint, {"substantiated": "true", "note": " "})
    assert "请写明核实情况。" in page_messages(blank)
    assert Ticket.objects.get(pk=complaint.pk).substantiated is None
    post(client, "ticket-outcome", complaint, {"substantiated": "true", "note": "调取监控属实"})
    assert Ticket.objects.get(pk=complaint.pk).substantiated is True
    as_user(client, world, "committee")
    page = client.get(reverse("ticket-detail", args=[complaint.pk])).content.decode()
    assert "13800000001" not in page and "138****0001" in page  # the contact masked to the committee
    assert "请填写内容。" in page_messages(post(client, "ticket-comment", complaint, {"note": ""}))
    post(client, "ticket-comment", complaint, {"note": "请物业加强培训"})
    post(client, "ticket-escalate", complaint, {"note": "多次投诉未改"})
    kinds = set(TicketEvent.objects.filter(ticket=complaint).values_list("kind", flat=True))
    assert {"comment", "escalation", "outcome"} <= kinds
    as_user(client, world, "regulator_bt")
    listed = client.get(reverse("ticket-escalated")).content.decode()
    assert reverse("ticket-detail", args=[complaint.pk]) in listed


def test_a_regulator_rules_on_a_complaint_and_the_company_cannot_overturn_it(client, world):
    from wuye.testing import factories as f

    complaint = f.ticket(
        world.users["staff"],
        household=world.inside.household,
        kind="complaint",
        urgency="",
        complaint_category="misconduct",
        description="收费时刁难业主",
        received_at=timezone.now(),
    )
    as_user(client, world, "regulator_bt")
    assert "投诉核实结果" in client.get(reverse("ticket-detail", args=[complaint.pk])).content.decode()
    post(client, "ticket-outcome", complaint, {"substantiated": "true", "note": "经调查属实"})
    as_user(client, world, "staff")
    response = post(client, "ticket-outcome", complaint, {"substantiated": "false", "note": "企业认为不属实"})
    assert "监管部门已作出核实结论，企业不能更改。" in page_messages(response)
    assert Ticket.objects.get(pk=complaint.pk).substantiated is True
