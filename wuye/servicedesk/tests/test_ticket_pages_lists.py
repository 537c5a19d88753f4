"""The lists of tickets: the desk's search, filters, counts, clock, export and print view; the owner's list,
the trends and the regulator's list; query counts pinned (the same with more tickets)."""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from wuye.servicedesk import actions_tickets as actions
from wuye.testing import factories as f

pytestmark = pytest.mark.django_db
NOW = timezone.now()


def repair(world, *, hours_ago=1, **fields):
    when = NOW - datetime.timedelta(hours=hours_ago)
    values = {"household": world.inside.household, "received_at": when, "now": when, **fields}
    return f.ticket(world.users["staff"], **values)


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


# Session, user and scope; the project and the desk rule; the handler choices; the page and its count;
# open and overdue counts (the overdue candidates' shortest limits, one query per deadline rule); the
# parameters of the clock once per division.
DESK_QUERIES = 22
MINE_QUERIES = 9
ESCALATED_QUERIES = 9


@pytest.mark.parametrize(
    "role, name, ceiling",
    [
        ("staff", "ticket-desk", DESK_QUERIES),
        ("owner", "my-tickets", MINE_QUERIES),
        ("regulator_bt", "ticket-escalated", ESCALATED_QUERIES),
    ],
)
def test_list_queries_do_not_grow_with_the_tickets(
    client, world, role, name, ceiling, django_assert_max_num_queries
):
    client.force_login(world.users[role])
    url = reverse(name, args=[world.inside.project.pk]) if name == "ticket-desk" else reverse(name)

    def add(n):
        for i in range(n):
            ticket = repair(world, hours_ago=100 + i, urgency="urgent" if i % 2 else "ordinary")
            actions.escalate_ticket(world.users["committee"], ticket, "请督促")

    add(2)
    few = queries(client, url)
    add(6)
    with django_assert_max_num_queries(ceiling):
        many = queries(client, url)
    assert many == few, (few, many)


def test_the_desk_counts_open_and_overdue_and_shows_the_clock(client, world):
    late = repair(world, hours_ago=30)  # not answered within 24 hours
    fresh = repair(world, hours_ago=1)
    actions.move_ticket(world.users["staff"], fresh, "accepted")
    client.force_login(world.users["staff"])
    response = client.get(reverse("ticket-desk", args=[world.inside.project.pk]))
    assert response.context["counts"] == {"open": 2, "overdue": 1}
    body = response.content.decode()
    assert "响应已超期 6小时" in body and "办结还剩" in body
    overdue = client.get(reverse("ticket-desk", args=[world.inside.project.pk]), {"overdue": "true"})
    assert [t.pk for t in overdue.context["tickets"]] == [late.pk]
    project_page = client.get(reverse("project-detail", args=[world.inside.project.pk])).content.decode()
    assert 'data-testid="open-count">2<' in project_page and 'data-testid="overdue-count">1<' in project_page


def test_the_desk_searches_and_filters(client, world):
    leak = repair(world, description="厨房水管漏水", contact_name="王女士", contact_phone="13800000001")
    noise = repair(
        world,
        kind="complaint",
        urgency="",
        complaint_category="noise",
        description="楼上装修噪音",
        contact_name="李先生",
        contact_phone="13900000002",
        hours_ago=50,
    )
    client.force_login(world.users["staff"])
    url = reverse("ticket-desk", args=[world.inside.project.pk])

    def found(**query):
        return {t.pk for t in client.get(url, query).context["tickets"]}

    assert found(q=f"#{leak.pk}") == {leak.pk}
    assert found(q="噪音") == {noise.pk}
    assert found(q="李先生") == {noise.pk} and found(q="13800000001") == {leak.pk}
    assert found(kind="complaint") == {noise.pk}
    assert found(status="received") == {leak.pk, noise.pk}
    today = timezone.localdate(NOW)
    assert found(received_from=str(today - datetime.timedelta(days=1))) == {leak.pk} | (
        {noise.pk} if timezone.localdate(noise.received_at) >= today - datetime.timedelta(days=1) else set()
    )
    assert found(received_to=str(timezone.localdate(noise.received_at))) >= {noise.pk}
    actions.move_ticket(world.users["staff"], leak, "accepted")
    actions.move_ticket(world.users["staff"], leak, "assigned", handler=world.users["staff"])
    assert found(handler=world.users["staff"].pk) == {leak.pk}
    fragment = client.get(url, {"q": "噪音"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="results")
    assert b"<html" not in fragment.content and "楼上装修噪音" in fragment.content.decode()


def test_the_committee_sees_contacts_masked_and_cannot_search_them(client, world):
    leak = repair(world, contact_name="王女士", contact_phone="13800000001")
    client.force_login(world.users["committee"])
    url = reverse("ticket-desk", args=[world.inside.project.pk])
    body = client.get(url).content.decode()
    assert "13800000001" not in body and "138****0001" in body and "王*" in body
    assert list(client.get(url, {"q": "13800000001"}).context["tickets"]) == []
    assert [t.pk for t in client.get(url, {"q": f"#{leak.pk}"}).context["tickets"]] == [leak.pk]
    sheet = load_workbook(io.BytesIO(b"".join(client.get(url, {"export": "xlsx"}).streaming_content))).active
    assert "13800000001" not in str(list(sheet.values))


def test_the_export_and_the_print_view_carry_the_filtered_list(client, world):
    leak = repair(world, description="厨房水管漏水")
    repair(world, kind="help", urgency="", description="帮忙搬运")
    client.force_login(world.users["manager"])
    url = reverse("ticket-desk", args=[world.inside.project.pk])
    response = client.get(url, {"q": "漏水", "export": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.values)
    cells = [row for row in rows if leak.pk in row]
    assert len(cells) == 1 and "13800000001" in cells[0] and "帮忙搬运" not in str(rows)
    printed = client.get(reverse("ticket-desk-print", args=[world.inside.project.pk]), {"q": "漏水"})
    assert "厨房水管漏水" in printed.content.decode() and "帮忙搬运" not in printed.content.decode()


def test_the_trends_count_tickets_by_month_and_kind(client, world):
    repair(world, hours_ago=30)
    repair(world, kind="inquiry", urgency="", hours_ago=2)
    client.force_login(world.users["committee"])
    response = client.get(reverse("ticket-trends", args=[world.inside.project.pk]))
    chart = response.context["chart"]
    assert sum(late for _month, _total, late in response.context["rows"]) == 1  # unanswered after 24 hours
    assert sum(total for _month, total, _late in response.context["rows"]) == 2
    assert max(chart["overdue_share"]) in (50.0, 100.0)
    assert len(chart["months"]) == 12 and chart["months"][-1] == f"{timezone.localdate():%Y-%m}"
    counted = {kind["name"]: sum(kind["data"]) for kind in chart["kinds"]}
    assert counted["报修"] + counted["问询"] == 2


def test_the_owners_list_shows_status_and_clock(client, world):
    repair(world, hours_ago=30)
    client.force_login(world.users["owner"])
    body = client.get(reverse("my-tickets")).content.decode()
    assert "已受理登记" in body and "响应已超期" in body


def test_the_clock_is_in_time_exactly_at_the_deadline_and_late_one_second_after(world):
    from django.template import Context, Template

    from wuye.servicedesk.deadlines_tickets import ticket_clock

    ticket = repair(world, hours_ago=1)
    due = ticket_clock(ticket, NOW).next.due
    assert due == ticket.received_at + datetime.timedelta(hours=24)  # the answer deadline (catalogue default)
    template = Template("{% load ticket_pages %}{% ticket_clock clock now %}")

    def shown(now):
        return template.render(Context({"clock": ticket_clock(ticket, now), "now": now}))

    at_due = shown(due)
    assert "响应还剩 0分" in at_due and "text-bg-danger" not in at_due
    late = shown(due + datetime.timedelta(seconds=1))
    assert "响应已超期 0分" in late and "text-bg-danger" in late
    assert "响应已超期 1天2小时" in shown(due + datetime.timedelta(hours=26, minutes=5))


def test_the_committee_sees_each_tickets_rating_on_the_desk(client, world):
    ticket = repair(world, hours_ago=3)
    staff = world.users["staff"]
    actions.move_ticket(staff, ticket, "accepted")
    actions.move_ticket(staff, ticket, "assigned", handler=staff)
    actions.arrive(staff, ticket)
    actions.move_ticket(staff, ticket, "done")
    actions.record_follow_up(world.users["owner"], ticket, rating="basic", comment="还行")
    client.force_login(world.users["committee"])
    response = client.get(reverse("ticket-desk", args=[world.inside.project.pk]))
    assert [t.last_rating for t in response.context["tickets"]] == ["basic"]
    assert "基本满意" in response.content.decode()


def test_the_project_page_offers_the_desk_to_its_readers_and_filing_to_its_owners(client, world):
    url = reverse("project-detail", args=[world.inside.project.pk])
    client.force_login(world.users["owner"])
    body = client.get(url).content.decode()
    assert (
        reverse("ticket-file") in body and reverse("ticket-desk", args=[world.inside.project.pk]) not in body
    )
    client.force_login(world.users["developer"])
    body = client.get(url).content.decode()
    assert (
        reverse("ticket-file") not in body
        and reverse("ticket-desk", args=[world.inside.project.pk]) not in body
    )
    client.force_login(world.users["committee"])
    assert reverse("ticket-desk", args=[world.inside.project.pk]) in client.get(url).content.decode()
