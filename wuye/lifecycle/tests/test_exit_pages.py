"""Every exit page, walked with every role against an exit inside and one outside its scope (the URL
matrix in core/tests/test_url_matrix.py names these pages as walked here); then the pages at work.

Written out by hand: the leaving enterprise (its managers, operators) files and moves its exit, lists
items and records refunds; the project's staff, committee and regulators read; only the receiver's
users confirm an item; an owner reads only his own refunds; the unseen is 404.
"""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from wuye.estates.models import ServicePeriod
from wuye.lifecycle.actions_exit import add_handover_item, file_exit
from wuye.lifecycle.choices_exit import ExitStatus, HandoverKind, ReceiverKind
from wuye.lifecycle.models import ExitFiling, ExitStatusChange, HandoverItem, Refund
from wuye.lifecycle.tests.exit_factories import END, exit_of, paid, past_period
from wuye.testing.expectations import can_read
from wuye.testing.personas import ROLES

pytestmark = pytest.mark.django_db
READERS = {
    "inside": {"regulator", "regulator_bt", "manager", "staff", "committee", "admin"},
    "outside": {"regulator", "admin"},
}
WRITERS = {"inside": {"manager", "admin"}, "outside": {"admin"}}


def expected(kind, role, side):
    if kind == "read":
        return 200 if role in READERS[side] else 404
    if kind == "write":
        if role not in READERS[side]:
            return 404
        return 302 if role in WRITERS[side] else 403
    if kind == "create":  # on the service period: readable where the project is
        if not can_read(role, "project", side):
            return 404
        return 200 if role in WRITERS[side] else 403
    raise AssertionError(kind)


@pytest.fixture
def exits(world):
    inside = exit_of(world)
    outside_period = ServicePeriod.objects.create(
        project=world.outside.project,
        enterprise=world.outside.enterprise,
        start=datetime.date(2015, 1, 1),
        end=END,
    )
    outside = file_exit(
        world.users["admin"],
        ExitFiling(
            service_period=outside_period,
            notice_on=datetime.date(2020, 9, 1),
            planned_end=END,
            reason="到期",
            receiver_kind=ReceiverKind.COMMITTEE,
            committee=world.outside.committee,
        ),
    )
    for exit in (inside, outside):
        add_handover_item(world.users["admin"], HandoverItem(exit=exit, kind=HandoverKind.KEYS))
    return {"inside": inside, "outside": outside}


@pytest.mark.parametrize("side", ["inside", "outside"])
@pytest.mark.parametrize("role", ROLES)
def test_reading_pages(client, world, exits, role, side):
    client.force_login(world.users[role])
    exit = exits[side]
    assert client.get(reverse("exit-detail", args=[exit.pk])).status_code == expected("read", role, side)
    assert client.get(reverse("exit-refunds", args=[exit.pk])).status_code == expected("read", role, side)
    listed = client.get(reverse("exit-list"))
    assert listed.status_code == 200
    assert (exit in listed.context["page_obj"].object_list) is (role in READERS[side])
    assert client.get(reverse("exit-my-refunds")).status_code == 200


@pytest.mark.parametrize("side", ["inside", "outside"])
@pytest.mark.parametrize("role", ROLES)
def test_writing_pages(client, world, exits, role, side):
    client.force_login(world.users[role])
    exit = exits[side]
    period = exit.service_period
    assert client.get(reverse("exit-create", args=[period.pk])).status_code == expected("create", role, side)
    moved = client.post(reverse("exit-move", args=[exit.pk, ExitStatus.HANDING_OVER]))
    assert moved.status_code == expected("write", role, side)
    assert ExitStatusChange.objects.filter(exit=exit).exists() is (moved.status_code == 302)
    added = client.post(reverse("exit-item-create", args=[exit.pk]), {"kind": "rooms", "description": "用房"})
    assert added.status_code == expected("write", role, side)
    assert HandoverItem.objects.filter(exit=exit, kind="rooms").exists() is (added.status_code == 302)
    refund = client.post(reverse("exit-refunds", args=[exit.pk]), {})
    assert refund.status_code == {302: 400}.get(expected("write", role, side), expected("write", role, side))
    assert not Refund.objects.exists()


@pytest.mark.parametrize("side", ["inside", "outside"])
@pytest.mark.parametrize("role", ROLES)
def test_only_the_receiver_confirms_an_item(client, world, exits, role, side):
    client.force_login(world.users[role])
    item = exits[side].handover_items.get()
    answer = client.post(reverse("exit-item-confirm", args=[item.pk]))
    assert answer.status_code == (302 if role in READERS[side] else 404)
    confirmed = HandoverItem.objects.get(pk=item.pk).confirmed_by_id
    assert (confirmed is not None) is (role == "committee" and side == "inside")


def test_anonymous_is_sent_to_sign_in(client, exits):
    for url in (reverse("exit-list"), reverse("exit-detail", args=[exits["inside"].pk])):
        assert client.get(url).status_code == 302


def test_filing_an_exit_ending_before_its_notice_shows_the_error_and_writes_nothing(client, world):
    period = past_period(world)
    client.force_login(world.users["manager"])
    answer = client.post(
        reverse("exit-create", args=[period.pk]),
        {
            "notice_on": "2021-01-05",
            "planned_end": "2020-12-31",
            "reason": "到期",
            "receiver_kind": "committee",
            "committee": world.inside.committee.pk,
        },
    )
    assert answer.status_code == 200
    assert "计划退出日期不得早于告知日期。" in answer.content.decode()
    assert not ExitFiling.objects.exists()
    answer = client.post(
        reverse("exit-create", args=[period.pk]),
        {
            "notice_on": "2020-09-01",
            "planned_end": "2020-12-31",
            "reason": "到期",
            "receiver_kind": "committee",
            "committee": world.inside.committee.pk,
        },
    )
    exit = ExitFiling.objects.get()
    assert answer.status_code == 302 and answer["Location"] == exit.get_absolute_url()


def test_a_refund_too_large_on_the_page_is_refused_with_its_message(client, world):
    paid(world, world.inside.household, "100.00", datetime.date(2020, 10, 1))
    exit = exit_of(world)
    client.force_login(world.users["manager"])
    form = {
        "household": world.inside.household.pk,
        "paid_on": "2021-01-05",
        "method": "cash",
        "receipt": "R1",
    }
    answer = client.post(reverse("exit-refunds", args=[exit.pk]), {**form, "amount": "100.01"})
    assert answer.status_code == 400 and "退款金额超过该户应退余额 100.00 元。" in answer.content.decode()
    assert not Refund.objects.exists()
    answer = client.post(reverse("exit-refunds", args=[exit.pk]), {**form, "amount": "100.00"})
    assert answer.status_code == 302 and Refund.objects.get().amount == Decimal("100.00")
    export = client.get(reverse("exit-refunds", args=[exit.pk]), {"export": "xlsx"})
    assert export.status_code == 200 and export["Content-Type"].startswith("application/vnd.openxmlformats")


def test_an_owner_sees_his_own_refund_only(client, world):
    paid(world, world.inside.household, "100.00", datetime.date(2020, 10, 1))
    paid(world, world.inside.neighbour, "50.00", datetime.date(2020, 10, 1))
    exit = exit_of(world)
    for household, amount in ((world.inside.household, "100.00"), (world.inside.neighbour, "50.00")):
        Refund.objects.create(
            exit=exit,
            household=household,
            amount=Decimal(amount),
            paid_on=END,
            method="cash",
            recorded_by=world.users["admin"],
        )
    client.force_login(world.users["owner"])
    answer = client.get(reverse("exit-my-refunds"))
    assert [refund.household_id for refund in answer.context["refunds"]] == [world.inside.household.pk]


def test_the_list_filters_exports_and_keeps_its_queries(client, world, exits, django_assert_max_num_queries):
    for month in range(1, 6):
        period = ServicePeriod.objects.create(
            project=world.inside.project,
            enterprise=world.inside.enterprise,
            start=datetime.date(2000 + month, 1, 1),
            end=datetime.date(2000 + month, 12, 31),
        )
        exit_of(
            world,
            period,
            notice_on=datetime.date(2000 + month, 6, 1),
            planned_end=datetime.date(2000 + month, 12, 31),
        )
    client.force_login(world.users["regulator"])
    with django_assert_max_num_queries(12):
        answer = client.get(reverse("exit-list"))
    assert len(answer.context["page_obj"].object_list) == 7
    assert len(client.get(reverse("exit-list"), {"division": "150105"}).context["page_obj"].object_list) == 1
    assert len(client.get(reverse("exit-list"), {"q": "包头"}).context["page_obj"].object_list) == 6
    assert client.get(reverse("exit-list"), {"status": "closed"}).context["page_obj"].object_list.count() == 0
    export = client.get(reverse("exit-list"), {"export": "xlsx"})
    assert export.status_code == 200


def test_the_exit_page_shows_the_moves_the_table_allows(client, world):
    exit = exit_of(world)
    client.force_login(world.users["manager"])
    page = client.get(reverse("exit-detail", args=[exit.pk])).content.decode()
    assert reverse("exit-move", args=[exit.pk, ExitStatus.HANDING_OVER]) in page
    assert reverse("exit-move", args=[exit.pk, ExitStatus.CLOSED]) not in page
    client.force_login(world.users["committee"])
    page = client.get(reverse("exit-detail", args=[exit.pk])).content.decode()
    assert "exit-move" not in page and "/move/" not in page


def test_the_exit_page_keeps_its_queries_whatever_the_items(client, world, django_assert_max_num_queries):
    exit = exit_of(world)
    for kind in ("rooms", "keys", "equipment_files", "owner_register"):
        add_handover_item(world.users["manager"], HandoverItem(exit=exit, kind=kind))
    paid(world, world.inside.household, "10.00", datetime.date(2020, 10, 1))
    paid(world, world.inside.neighbour, "10.00", datetime.date(2020, 10, 1))
    client.force_login(world.users["committee"])
    with django_assert_max_num_queries(20):
        assert client.get(reverse("exit-detail", args=[exit.pk])).status_code == 200
    with django_assert_max_num_queries(20):
        assert client.get(reverse("exit-refunds", args=[exit.pk])).status_code == 200
