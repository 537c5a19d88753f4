"""Pages of rectification orders, walked with every role against an order inside (包头) and one outside
(呼和浩特) its scope: who lists and reads them (others 404), who issues (regulators; others 403), who
answers (the enterprise's managers) and who decides (the order's regulators); a refused POST writes
nothing. The expected answers are written out here, by hand."""

import pytest
from django.urls import reverse

from wuye.compliance.tests.review_helpers import make_finding, outside_manager
from wuye.oversight.actions_orders import answer_order
from wuye.oversight.choices_orders import OrderStatus
from wuye.oversight.models import OrderAnswer, OrderMove, RectificationOrder
from wuye.oversight.tests.orders_helpers import in_days, order_on, pdf
from wuye.testing.exports import exported_rows, listed_and_exported
from wuye.testing.personas import ROLES

pytestmark = pytest.mark.django_db

# Who reads an order of each side: its division's regulators, the enterprise's managers, the project's
# staff and committee, the operator.
READS = {
    "inside": {"regulator", "regulator_bt", "manager", "staff", "committee", "admin"},
    "outside": {"regulator", "admin"},
}
ISSUERS = {"regulator", "regulator_bt", "admin"}
DECIDES = {"inside": {"regulator", "regulator_bt", "admin"}, "outside": {"regulator", "admin"}}
# Only the enterprise's managers answer: not the operator, who could then accept its own answer.
ANSWERS = {"inside": {"manager"}, "outside": set()}


@pytest.fixture
def orders(world):
    return {side: order_on(world, side) for side in ("inside", "outside")}


def written():
    return RectificationOrder.objects.count(), OrderMove.objects.count(), OrderAnswer.objects.count()


@pytest.mark.parametrize("role", ROLES)
def test_list_and_detail(client, world, orders, role):
    client.force_login(world.users[role])
    page = client.get(reverse("order-list")).content.decode()
    for side, order in orders.items():
        assert (f'id="order-{order.pk}"' in page) == (role in READS[side]), side
        expected = 200 if role in READS[side] else 404
        assert client.get(reverse("order-detail", args=[order.pk])).status_code == expected, side


@pytest.mark.parametrize("role", ROLES)
def test_issue_page(client, world, role):
    client.force_login(world.users[role])
    url = reverse("order-create")
    for side in ("inside", "outside"):
        finding = make_finding(world, side)
        status = client.get(url, {"finding": finding.pk}).status_code
        if role not in ISSUERS:
            assert status == 403
        else:
            assert status == (200 if role in READS[side] else 404), side
        data = {"findings": [finding.pk], "requirement": "整改", "deadline": in_days(15).isoformat()}
        response = client.post(f"{url}?finding={finding.pk}", data)
        if role in ISSUERS and role in READS[side]:
            assert response.status_code == 302
        else:
            assert response.status_code in (403, 404)
    issued = {"regulator": 2, "admin": 2, "regulator_bt": 1}.get(role, 0)
    assert written() == (issued, issued, 0)


@pytest.mark.parametrize("role", ROLES)
def test_answer_and_decide(client, world, orders, role):
    client.force_login(world.users[role])
    for side, order in orders.items():
        before = written()
        data = {"expected": "issued", "text": "已整改", "file": pdf()}
        response = client.post(reverse("order-answer", args=[order.pk]), data)
        if role in ANSWERS[side]:
            assert response.status_code == 302
            assert written() == (before[0], before[1] + 1, before[2] + 1)
        else:
            assert response.status_code == (403 if role in READS[side] else 404), side
            assert written() == before
        order.refresh_from_db()
        if order.status != OrderStatus.ANSWERED:
            manager = world.users["manager"] if side == "inside" else outside_manager(world)
            answer_order(manager, order, "已整改", pdf())
        before = written(), list(RectificationOrder.objects.values_list("status", "accepted_at"))
        response = client.post(
            reverse("order-decide", args=[order.pk]), {"expected": "answered", "decision": "accept"}
        )
        order.refresh_from_db()
        if role in DECIDES[side]:
            assert response.status_code == 302 and order.status == OrderStatus.ACCEPTED
        else:
            assert response.status_code == (403 if role in READS[side] else 404), side
            after = written(), list(RectificationOrder.objects.values_list("status", "accepted_at"))
            assert after == before and order.status == OrderStatus.ANSWERED


def test_regulator_issues_from_a_finding_with_its_default_deadline(client, world):
    finding, other = make_finding(world), make_finding(world)
    make_finding(world, "outside")
    client.force_login(world.users["regulator_bt"])
    url = reverse("order-create")
    page = client.get(url, {"finding": finding.pk}).content.decode()
    assert f'value="{in_days(15).isoformat()}"' in page
    assert f'value="{finding.pk}"' in page and f'value="{other.pk}"' in page and "呼市" not in page
    response = client.post(f"{url}?finding={finding.pk}", {"findings": [], "requirement": "", "deadline": ""})
    assert response.status_code == 400 and "请选择本辖区内未整改的问题。" in response.content.decode()
    data = {
        "findings": [finding.pk, other.pk],
        "requirement": "补齐记录",
        "deadline": in_days(10).isoformat(),
    }
    response = client.post(f"{url}?finding={finding.pk}", data)
    order = RectificationOrder.objects.get()
    assert response.url == order.get_absolute_url() and order.findings.count() == 2


def test_answer_then_reopen_through_the_pages(client, world, orders):
    order = orders["inside"]
    client.force_login(world.users["manager"])
    url = reverse("order-answer", args=[order.pk])
    response = client.post(url, {"expected": "issued", "text": "", "file": pdf("a.exe")})
    assert response.status_code == 400 and "请填写整改情况。" in response.content.decode()
    assert client.post(url, {"expected": "issued", "text": "已整改", "file": pdf()}).status_code == 302
    answer = OrderAnswer.objects.get()
    download = client.get(reverse("scoped-file", args=["oversight.orderanswer", answer.pk, "file"]))
    assert download.status_code == 200
    client.force_login(world.users["regulator_bt"])
    decide = reverse("order-decide", args=[order.pk])
    response = client.post(decide, {"expected": "answered", "decision": "reopen", "note": "", "deadline": ""})
    assert response.status_code == 400 and "退回须说明原因。" in response.content.decode()
    data = {
        "expected": "answered",
        "decision": "reopen",
        "note": "材料不全",
        "deadline": in_days(5).isoformat(),
    }
    assert client.post(decide, data).status_code == 302
    order.refresh_from_db()
    assert order.status == OrderStatus.REOPENED and order.deadline == in_days(5)
    page = client.get(order.get_absolute_url()).content.decode()
    assert "材料不全" in page and "已整改" in page
    stale = client.post(decide, {"expected": "answered", "decision": "accept"})
    assert stale.status_code == 400 and order.moves.count() == 3


def test_the_export_equals_the_filtered_list_and_holds_nothing_out_of_scope(client, world, orders):
    extra = order_on(world)
    client.force_login(world.users["manager"])
    answer = {"expected": "issued", "text": "已整改", "file": pdf()}
    client.post(reverse("order-answer", args=[extra.pk]), answer)
    client.force_login(world.users["regulator_bt"])
    url = reverse("order-list")
    for query in ({}, {"status": "answered"}, {"overdue": "false"}, {"q": "呼市"}):
        listed, rows = listed_and_exported(client, url, query, 'data-testid="order"')
        assert len(rows) == listed, query
        assert all(row[1] != world.outside.enterprise.name for row in rows)
    assert [row[0] for row in exported_rows(client.get(url, {"status": "answered", "export": "xlsx"}))] == [
        extra.pk
    ]


def test_the_list_reads_in_a_fixed_number_of_queries(client, world, django_assert_max_num_queries):
    for _n in range(5):
        order_on(world)
    client.force_login(world.users["regulator"])
    with django_assert_max_num_queries(12):
        page = client.get(reverse("order-list")).content.decode()
    assert page.count('data-testid="order"') == 5


def test_a_regulator_sees_the_order_button_on_a_scorecard_finding(client, world):
    finding = make_finding(world)
    scorecard = reverse("project-scorecard", args=[world.inside.project.pk])
    client.force_login(world.users["regulator_bt"])
    assert f"?finding={finding.pk}" in client.get(scorecard, {"clause": finding.clause_id}).content.decode()
    client.force_login(world.users["manager"])
    assert (
        f"?finding={finding.pk}" not in client.get(scorecard, {"clause": finding.clause_id}).content.decode()
    )


def test_the_overdue_filter_and_badge(client, world):
    import datetime

    from django.utils import timezone

    from wuye.oversight.actions_orders import issue_order

    past = timezone.now() - datetime.timedelta(days=30)
    late = issue_order(
        world.users["regulator"],
        [make_finding(world).pk],
        "整改",
        past.date() + datetime.timedelta(days=5),
        now=past,
    )
    in_time = order_on(world)
    client.force_login(world.users["manager"])
    url = reverse("order-list")
    overdue = client.get(url, {"overdue": "true"}).content.decode()
    assert f'id="order-{late.pk}"' in overdue and f'id="order-{in_time.pk}"' not in overdue
    assert overdue.count("badge text-bg-danger") == 1
    assert f'id="order-{late.pk}"' not in client.get(url, {"overdue": "false"}).content.decode()


def test_a_regulator_orders_an_enterprise_from_its_scorecard_ticking_its_findings(client, world):
    own = make_finding(world, project=None)
    scorecard = reverse("enterprise-scorecard", args=[world.inside.enterprise.pk])
    client.force_login(world.users["regulator_bt"])
    link = f"{reverse('order-create')}?enterprise={world.inside.enterprise.pk}"
    assert link in client.get(scorecard).content.decode()
    page = client.get(link).content.decode()
    assert f'value="{own.pk}"' in page
    data = {"findings": [own.pk], "requirement": "补办证照", "deadline": in_days(20).isoformat()}
    assert client.post(link, data).status_code == 302
    order = RectificationOrder.objects.get()
    assert order.project is None and order.division_id == world.inside.enterprise.division_id
    client.force_login(world.users["manager"])
    assert link not in client.get(scorecard).content.decode()


def test_the_developers_findings_offer_no_order_and_are_not_candidates(client, world):
    developers = make_finding(world, check_id="2.3.developer_documents")
    companys = make_finding(world)
    client.force_login(world.users["regulator_bt"])
    scorecard = reverse("project-scorecard", args=[world.inside.project.pk])
    page = client.get(scorecard, {"clause": developers.clause_id}).content.decode()
    assert f'id="finding-{developers.pk}"' in page and f"?finding={developers.pk}" not in page
    url = reverse("order-create")
    assert client.get(url, {"finding": developers.pk}).status_code == 403
    page = client.get(url, {"finding": companys.pk}).content.decode()
    assert f'value="{companys.pk}"' in page and f'value="{developers.pk}"' not in page
    data = {"findings": [developers.pk], "requirement": "整改", "deadline": in_days(15).isoformat()}
    assert client.post(f"{url}?finding={companys.pk}", data).status_code == 400
    assert written() == (0, 0, 0)
