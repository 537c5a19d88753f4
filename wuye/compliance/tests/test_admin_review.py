"""The admin shows findings, appeals and exemptions with their status rows; decisions go through the actions."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from wuye.compliance.actions import file_appeal, request_exemption
from wuye.compliance.review import AppealStatus, ExemptionStatus
from wuye.compliance.tests.review_helpers import make_finding, rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def appeal(world):
    finding = make_finding(world, found_at=timezone.now() - datetime.timedelta(days=1))
    return file_appeal(world.users["manager"], finding, "当晚停电检修。")


@pytest.fixture
def exemption(world):
    return request_exemption(
        world.users["manager"],
        world.inside.project,
        "4.8.round_gap",
        "配电室由供电公司管理。",
        timezone.localdate() + datetime.timedelta(days=30),
    )


@pytest.fixture
def regulator_in_admin(client, world):
    """The 包头 regulator with an admin login that may view the review records."""
    user = world.users["regulator_bt"]
    user.is_staff = True
    user.save()
    for model in ("finding", "appeal", "exemption", "reviewstatuschange"):
        user.user_permissions.add(Permission.objects.get(codename=f"view_{model}"))
    client.force_login(user)
    return client


def run_action(client, model, action, obj, **fields):
    url = reverse(f"admin:compliance_{model}_changelist")
    data = {"action": action, "_selected_action": [obj.pk], "apply": "1", **fields}
    return client.post(url, data, follow=True)


def test_the_operator_sees_every_record_with_its_status_rows(client, world, appeal, exemption):
    client.force_login(world.users["admin"])
    for model, obj in (("finding", appeal.finding), ("appeal", appeal), ("exemption", exemption)):
        assert client.get(reverse(f"admin:compliance_{model}_changelist")).status_code == 200
        page = client.get(reverse(f"admin:compliance_{model}_change", args=[obj.pk]))
        assert page.status_code == 200, model
    page = client.get(reverse("admin:compliance_appeal_change", args=[appeal.pk])).content.decode()
    assert "状态变更" in page and "当晚停电检修。" in page


def test_nothing_is_added_or_edited_by_hand(client, world, appeal):
    client.force_login(world.users["admin"])
    for model in ("finding", "appeal", "exemption"):
        assert client.get(reverse(f"admin:compliance_{model}_add")).status_code == 403
    url = reverse("admin:compliance_appeal_change", args=[appeal.pk])
    client.post(url, {"status": "upheld", "statement": "改"})
    appeal.refresh_from_db()
    assert appeal.status == AppealStatus.FILED and appeal.statement == "当晚停电检修。"


def test_the_decision_page_asks_outcome_and_reason(regulator_in_admin, appeal):
    url = reverse("admin:compliance_appeal_changelist")
    page = regulator_in_admin.post(url, {"action": "decide", "_selected_action": [appeal.pk]})
    assert page.status_code == 200
    assert 'name="outcome"' in page.content.decode() and 'name="reason"' in page.content.decode()
    assert appeal.status_changes.count() == 1


def test_a_regulator_upholds_an_appeal_in_the_admin(regulator_in_admin, world, appeal):
    response = run_action(
        regulator_in_admin, "appeal", "decide", appeal, outcome="uphold", reason="记录属实。"
    )
    assert response.status_code == 200
    appeal.refresh_from_db()
    appeal.finding.refresh_from_db()
    assert appeal.status == AppealStatus.UPHELD and appeal.decided_by == world.users["regulator_bt"]
    assert appeal.finding.state == "withdrawn"
    assert [c.to_status for c in appeal.status_changes.all()] == ["filed", "upheld"]


def test_a_refusal_is_shown_and_nothing_changes(regulator_in_admin, client, world, appeal):
    before = rows()
    response = run_action(regulator_in_admin, "appeal", "decide", appeal, outcome="reject", reason="")
    assert "请填写裁决理由。" in response.content.decode()
    client.force_login(world.users["admin"])  # an operator is not a regulator
    response = run_action(client, "appeal", "decide", appeal, outcome="uphold", reason="记录属实。")
    assert "只有该问题所在地区的监管部门可以裁决申诉。" in response.content.decode()
    appeal.refresh_from_db()
    assert appeal.status == AppealStatus.FILED and rows() == before


def test_a_regulator_approves_and_revokes_an_exemption_in_the_admin(regulator_in_admin, exemption):
    run_action(regulator_in_admin, "exemption", "decide", exemption, outcome="approve", reason="属实。")
    exemption.refresh_from_db()
    assert exemption.status == ExemptionStatus.APPROVED
    run_action(regulator_in_admin, "exemption", "revoke", exemption, reason="供电方式变更。")
    exemption.refresh_from_db()
    assert exemption.status == ExemptionStatus.REVOKED
    assert [c.to_status for c in exemption.status_changes.all()] == ["requested", "approved", "revoked"]
