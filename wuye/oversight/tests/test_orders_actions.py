"""Rectification orders: a regulator issues one on open findings of one enterprise in its division; the
enterprise's managers answer with a file; the regulator accepts or reopens with a new deadline. Every move
is a hash-chained evidence row; an illegal, stale or unauthorised move is refused and writes nothing."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from wuye.compliance.models import FindingState
from wuye.compliance.tests.review_helpers import make_finding
from wuye.core.verification import verify_chains
from wuye.oversight.actions_orders import (
    accept_order,
    answer_order,
    common_division,
    default_deadline,
    issue_order,
    reopen_order,
)
from wuye.oversight.choices_orders import OrderStatus
from wuye.oversight.models import OrderAnswer, OrderMove, RectificationOrder
from wuye.oversight.tests.orders_helpers import in_days, order_on, pdf
from wuye.servicedesk.models import Notification

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        list(
            RectificationOrder.objects.values_list("pk", "status", "deadline", "answered_at", "accepted_at")
        ),
        OrderMove.objects.count(),
        OrderAnswer.objects.count(),
        Notification.objects.count(),
    )


def test_a_regulator_issues_an_order_the_managers_are_told(world, django_capture_on_commit_callbacks):
    finding = make_finding(world)
    with django_capture_on_commit_callbacks(execute=True):
        order = issue_order(world.users["regulator_bt"], [finding.pk], "补齐巡查记录", in_days(15))
    assert order.status == OrderStatus.ISSUED and order.enterprise == world.inside.enterprise
    assert order.project == world.inside.project and order.division_id == world.inside.project.division_id
    assert list(order.findings.all()) == [finding]
    [move] = order.moves.all()
    assert (
        move.from_status == ""
        and move.to_status == OrderStatus.ISSUED
        and move.chain == (f"enterprise:{world.inside.enterprise.pk}")
    )
    [told] = Notification.objects.all()
    assert told.user == world.users["manager"] and order.get_absolute_url() == told.link


def test_the_whole_round_answer_reopen_answer_accept(world, django_capture_on_commit_callbacks):
    order = order_on(world)
    manager, regulator = world.users["manager"], world.users["regulator"]
    with django_capture_on_commit_callbacks(execute=True):
        answer_order(manager, order, "已补录", pdf(), expected=OrderStatus.ISSUED)
    assert Notification.objects.filter(user=regulator).count() == 1
    reopen_order(regulator, order, in_days(10), "证明材料不清晰", expected=OrderStatus.ANSWERED)
    order.refresh_from_db()
    assert (
        order.status == OrderStatus.REOPENED and order.deadline == in_days(10) and order.answered_at is None
    )
    answer_order(manager, order, "已重新上传", pdf())
    accept_order(regulator, order, "合格")
    order.refresh_from_db()
    assert order.status == OrderStatus.ACCEPTED and order.accepted_at is not None
    moves = list(order.moves.values_list("from_status", "to_status"))
    assert moves == [
        ("", "issued"),
        ("issued", "answered"),
        ("answered", "reopened"),
        ("reopened", "answered"),
        ("answered", "accepted"),
    ]
    assert verify_chains(f"enterprise:{world.inside.enterprise.pk}").records == 5


@pytest.mark.parametrize("who", ["manager", "staff", "committee", "owner", "developer", "stranger"])
def test_only_regulators_issue_and_nothing_is_written(world, who):
    finding = make_finding(world)
    with pytest.raises(PermissionDenied):
        issue_order(world.users[who], [finding.pk], "整改", in_days(15))
    assert snapshot() == ([], 0, 0, 0)


def test_a_regulator_cannot_order_on_a_finding_outside_its_division(world):
    finding = make_finding(world, "outside")
    with pytest.raises(ValidationError) as refused:
        issue_order(world.users["regulator_bt"], [finding.pk], "整改", in_days(15))
    assert "findings" in refused.value.error_dict
    assert snapshot() == ([], 0, 0, 0)


def test_findings_of_two_enterprises_a_closed_one_a_past_deadline_are_refused(world):
    inside, outside = make_finding(world), make_finding(world, "outside")
    closed = make_finding(world, state=FindingState.CLOSED)
    regulator = world.users["regulator"]
    with pytest.raises(ValidationError, match="同一家"):
        issue_order(regulator, [inside.pk, outside.pk], "整改", in_days(15))
    with pytest.raises(ValidationError):
        issue_order(regulator, [closed.pk], "整改", in_days(15))
    with pytest.raises(ValidationError) as refused:
        issue_order(regulator, [inside.pk], " ", in_days(0))
    assert set(refused.value.error_dict) == {"requirement", "deadline"}
    assert snapshot() == ([], 0, 0, 0)


def test_findings_of_two_projects_give_an_order_of_the_enterprise_in_their_common_division(world):
    from wuye.testing import factories as f

    other = f.ProjectFactory(name="第二花园", division_code="150205")
    first, second = make_finding(world), make_finding(world, project=other)
    order = issue_order(world.users["regulator_bt"], [first.pk, second.pk], "整改", in_days(15))
    assert order.project is None and order.division_id == "150200"
    assert common_division(["150203", "150105"]) == "150000"


@pytest.mark.parametrize("who", ["regulator", "admin", "staff", "committee", "stranger"])
def test_only_the_enterprises_managers_answer(world, who):
    order = order_on(world)
    before = snapshot()
    with pytest.raises(PermissionDenied):
        answer_order(world.users[who], order, "已整改", pdf())
    assert snapshot() == before


def test_an_answer_needs_text_and_a_file_of_an_accepted_type(world):
    order = order_on(world)
    before = snapshot()
    with pytest.raises(ValidationError) as refused:
        answer_order(world.users["manager"], order, "", None)
    assert "text" in refused.value.error_dict
    with pytest.raises(ValidationError) as refused:
        answer_order(world.users["manager"], order, "已整改", pdf("x.exe"))
    assert "file" in refused.value.error_dict
    assert snapshot() == before


def test_illegal_and_stale_moves_are_refused_in_chinese_and_write_nothing(world):
    order = order_on(world)
    regulator, manager = world.users["regulator"], world.users["manager"]
    before = snapshot()
    with pytest.raises(ValidationError, match="不能从"):
        accept_order(regulator, order)
    answer_order(manager, order, "已整改", pdf())
    before = snapshot()
    with pytest.raises(ValidationError, match="已被他人处理"):
        accept_order(regulator, order, expected=OrderStatus.ISSUED)
    with pytest.raises(ValidationError, match="不能从"):
        answer_order(manager, order, "再次回复", pdf())
    with pytest.raises(ValidationError) as refused:
        reopen_order(regulator, order, in_days(-1), "")
    assert set(refused.value.error_dict) == {"note", "deadline"}
    assert snapshot() == before


def test_a_regulator_of_another_city_decides_nothing(world):
    from wuye.compliance.tests.review_helpers import outside_manager

    order = order_on(world, "outside")
    answer_order(outside_manager(world), order, "已整改", pdf())
    before = snapshot()
    with pytest.raises(PermissionDenied):
        accept_order(world.users["regulator_bt"], order)
    assert snapshot() == before


def test_the_default_deadline_is_the_divisions_parameter(world):
    from wuye.compliance.models import ParameterOverride

    today = in_days(0)
    assert default_deadline("150203", today) == in_days(15)
    ParameterOverride.objects.create(
        check_id="3.6.rectification_overdue",
        name="default_deadline",
        division_id="150200",
        valid_from=today,
        value=7,
        reason="包头市规定",
        set_by=world.users["regulator_bt"],
    )
    assert default_deadline("150203", today) == in_days(7)
    assert default_deadline("150105", today) == in_days(15)


def test_the_developers_findings_cannot_be_ordered(world):
    developer_finding = make_finding(world, check_id="2.3.developer_documents")
    assert developer_finding.party == "A" and developer_finding.enterprise_id is not None
    with pytest.raises(ValidationError) as refused:
        issue_order(world.users["regulator"], [developer_finding.pk], "整改", in_days(15))
    assert "findings" in refused.value.error_dict
    assert snapshot() == ([], 0, 0, 0)


@pytest.mark.parametrize("status", ["issued", "answered", "reopened"])
def test_a_finding_in_a_live_order_cannot_be_ordered_again(world, status):
    regulator, manager = world.users["regulator"], world.users["manager"]
    order = order_on(world)
    finding = order.findings.get()
    if status != "issued":
        answer_order(manager, order, "已整改", pdf())
    if status == "reopened":
        reopen_order(regulator, order, in_days(5), "不清晰")
    before = snapshot()
    with pytest.raises(ValidationError, match=f"整改通知第{order.pk}号") as refused:
        issue_order(regulator, [finding.pk], "再次整改", in_days(15))
    assert "findings" in refused.value.error_dict
    assert snapshot() == before


def test_a_finding_of_an_accepted_order_can_be_ordered_again(world):
    regulator = world.users["regulator"]
    order = order_on(world)
    answer_order(world.users["manager"], order, "已整改", pdf())
    accept_order(regulator, order)
    again = issue_order(regulator, [order.findings.get().pk], "再次整改", in_days(15))
    assert again.pk != order.pk


def test_the_answered_move_chains_the_answer_its_text_and_its_file(world):
    import hashlib

    order = order_on(world)
    answer = answer_order(world.users["manager"], order, " 已补录巡查记录 ", pdf())
    issued, answered = order.moves.order_by("chain_seq")
    assert answered.answer == answer and issued.answer is None and issued.answer_file_sha256 == ""
    assert answered.answer_text_sha256 == hashlib.sha256("已补录巡查记录".encode()).hexdigest()
    assert answered.answer_file_sha256 == hashlib.sha256(b"%PDF-1.4 test").hexdigest()
    with answer.file.open("rb") as stored:
        assert hashlib.sha256(stored.read()).hexdigest() == answered.answer_file_sha256
    content = answered.content()
    assert content["answer_id"] == answer.pk and content["answer_file_sha256"] == answered.answer_file_sha256
    assert verify_chains(f"enterprise:{world.inside.enterprise.pk}").records == 2
