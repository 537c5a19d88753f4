"""The rectification orders' API with every role, against an order inside (包头) and one outside (呼和浩特):
who lists and reads (others 404), who issues (regulators, 403 for the rest), answers (the enterprise's
managers) and decides (the order's regulators); a refusal writes nothing."""

import pytest
from rest_framework.test import APIClient

from wuye.compliance.tests.review_helpers import make_finding, outside_manager
from wuye.oversight.actions_orders import answer_order
from wuye.oversight.models import OrderMove, RectificationOrder
from wuye.oversight.tests.orders_helpers import in_days, order_on, pdf
from wuye.oversight.tests.test_orders_pages import ANSWERS, DECIDES, ISSUERS, READS
from wuye.testing.personas import ROLES

pytestmark = pytest.mark.django_db
URL = "/api/rectification-orders/"


def client_for(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.mark.parametrize("role", ROLES)
def test_every_role_reads_issues_answers_and_decides_as_the_table_says(world, role):
    orders = {side: order_on(world, side) for side in ("inside", "outside")}
    client = client_for(world.users[role])
    listed = {item["id"] for item in client.get(URL).json()["results"]}
    for side, order in orders.items():
        assert (order.pk in listed) == (role in READS[side]), side
        assert client.get(f"{URL}{order.pk}/").status_code == (200 if role in READS[side] else 404), side
        moves = OrderMove.objects.count()
        answered = client.post(
            f"{URL}{order.pk}/answer/", {"text": "已整改", "file": pdf()}, format="multipart"
        )
        if role in ANSWERS[side]:
            assert answered.status_code == 200 and answered.json()["status"] == "answered"
        else:
            assert answered.status_code == (403 if role in READS[side] else 404), side
            assert OrderMove.objects.count() == moves
        order.refresh_from_db()
        if order.status != "answered":
            answer_order(
                world.users["manager"] if side == "inside" else outside_manager(world), order, "已整改", pdf()
            )
        before = (
            OrderMove.objects.count(),
            list(RectificationOrder.objects.values_list("status", "accepted_at")),
        )
        accepted = client.post(f"{URL}{order.pk}/accept/", {"expected": "answered"}, format="json")
        if role in DECIDES[side]:
            assert accepted.status_code == 200 and accepted.json()["status"] == "accepted", side
        else:
            assert accepted.status_code == (403 if role in READS[side] else 404), side
            after = (
                OrderMove.objects.count(),
                list(RectificationOrder.objects.values_list("status", "accepted_at")),
            )
            assert after == before, side
        finding = make_finding(world, side)
        issued = client.post(
            URL, {"findings": [finding.pk], "requirement": "整改", "deadline": in_days(15)}, format="json"
        )
        if role in ISSUERS and role in READS[side]:
            assert issued.status_code == 201, issued.content
        else:
            assert issued.status_code in (400, 403), side
    expected = 2 + sum(role in ISSUERS and role in READS[side] for side in ("inside", "outside"))
    assert RectificationOrder.objects.count() == expected


def test_a_reopen_without_reason_is_refused_on_its_fields(world):
    order = order_on(world)
    client_for(world.users["manager"]).post(f"{URL}{order.pk}/answer/", {"text": "已整改", "file": pdf()})
    client = client_for(world.users["regulator_bt"])
    refused = client.post(f"{URL}{order.pk}/reopen/", {"note": "", "deadline": None}, format="json")
    assert refused.status_code == 400 and set(refused.json()) == {"note", "deadline"}
    done = client.post(f"{URL}{order.pk}/reopen/", {"note": "不合格", "deadline": in_days(3)}, format="json")
    assert done.status_code == 200 and done.json()["status"] == "reopened"
    assert [move["to_status"] for move in done.json()["moves"]] == ["issued", "answered", "reopened"]


def test_the_api_names_only_the_findings_the_reader_sees(world):
    from wuye.testing import factories as f

    order = order_on(world)
    elsewhere = f.ProjectFactory(name="第二花园", division_code="150205")
    hidden = make_finding(world, project=elsewhere)
    order.findings.add(hidden)  # an order of the inside project that also names another project's finding
    seen = order.findings.exclude(pk=hidden.pk).get()
    committee = client_for(world.users["committee"]).get(f"{URL}{order.pk}/").json()
    assert committee["finding_ids"] == [seen.pk]
    regulator = client_for(world.users["regulator_bt"]).get(f"{URL}{order.pk}/").json()
    assert sorted(regulator["finding_ids"]) == sorted([seen.pk, hidden.pk])
