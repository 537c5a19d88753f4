"""Use cases of rectification orders (整改通知). Each takes the acting user.

A regulator issues an order on open findings of one enterprise in its division, with a deadline; the
enterprise's managers answer; the regulator accepts or reopens with a new deadline and a reason. The
status moves only as ``ORDER_MOVES`` allows (after django-oscar's ``set_status``), each move an
``OrderMove`` row (hash-chained evidence, the server's time). An illegal move, or one on an order someone
else moved since the page was read (stale), is refused in Chinese and nothing is written.
"""

import datetime
import hashlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.accounts.choices import Role
from wuye.accounts.models import User
from wuye.compliance.models import Finding, FindingState
from wuye.compliance.parameters import param
from wuye.core.evidence import Channel, append_evidence, file_sha256
from wuye.core.scoping import scope_of
from wuye.core.uploads import DOCUMENT_EXTENSIONS, check_file
from wuye.oversight.choices_orders import OrderStatus
from wuye.oversight.models import OrderAnswer, OrderMove, RectificationOrder
from wuye.regions.models import Division

S = OrderStatus
CHECK_ID = "3.6.rectification_overdue"
ORDER_MOVES = {
    (S.ISSUED, S.ANSWERED),
    (S.REOPENED, S.ANSWERED),
    (S.ANSWERED, S.ACCEPTED),
    (S.ANSWERED, S.REOPENED),
}
# Only the enterprise's own failures (party B) are ordered: party A findings (the developer's) carry the
# enterprise too, but an unanswered order would put a 3.6 finding on the company for them.
ORDERED_PARTY = "B"
# An order in these statuses still holds its findings: a second order on them is refused.
LIVE = (S.ISSUED, S.REOPENED, S.ANSWERED)
FILE_EXTENSIONS = [*DOCUMENT_EXTENSIONS, "jpg", "jpeg", "png"]


def may_issue(user) -> bool:
    """Regulators (and the operators) issue and decide orders."""
    return scope_of(user).oversees


def manages(user, order: RectificationOrder) -> bool:
    """A manager of the order's enterprise: who answers it (not an operator, who would then accept its own
    answer)."""
    return order.enterprise_id in scope_of(user).enterprise_ids


def may_answer(user, order: RectificationOrder) -> bool:
    """The managers of the order's enterprise answer it while it waits for them."""
    return manages(user, order) and order.status in (S.ISSUED, S.REOPENED)


def may_decide(user, order: RectificationOrder) -> bool:
    return (
        order.status == S.ANSWERED
        and RectificationOrder.objects.writable_by(user).filter(pk=order.pk).exists()
    )


def default_deadline(division_code: str | None, today: datetime.date) -> datetime.date:
    """Today plus the division's ``default_deadline`` (the catalogue's 15 days unless overridden)."""
    return today + param(CHECK_ID, "default_deadline", division_code, today)


def common_division(codes: list[str]) -> str:
    """The lowest division that holds every code (GB/T 2260): 150203 and 150205 → 150200."""
    if len(set(codes)) == 1:
        return codes[0]
    if len({code[:4] for code in codes}) == 1:
        return codes[0][:4] + "00"
    return codes[0][:2] + "0000"


def _future_deadline(deadline, today) -> None:
    if deadline is None:
        raise ValidationError({"deadline": _("请填写整改期限。")})
    if deadline <= today:
        raise ValidationError({"deadline": _("整改期限须晚于今天。")})


def _managers(enterprise_id: int):
    return User.objects.filter(
        memberships__role=Role.MANAGER, memberships__enterprise_id=enterprise_id, memberships__active=True
    ).distinct()


def _tell_later(users, key: str, text: str, link: str) -> None:
    """Notify after the commit: a refused move tells no one."""
    from wuye.servicedesk.tasks_tickets import tell

    users = list(users)
    transaction.on_commit(lambda: [tell(user, key, text, link) for user in users])


def record_move(user, order, from_status: str, note: str, now, channel, answer=None, file_hash="") -> None:
    """The move just made, as hash-chained evidence at the server's time ``now``; an answer is chained by
    its id and the SHA-256 of its text and of its file."""
    append_evidence(
        OrderMove(
            order=order,
            enterprise_id=order.enterprise_id,
            from_status=from_status,
            to_status=order.status,
            deadline=order.deadline,
            note=note,
            occurred_at=now,
            answer=answer,
            answer_text_sha256=hashlib.sha256(answer.text.encode()).hexdigest() if answer else "",
            answer_file_sha256=file_hash,
        ),
        user=user,
        channel=channel,
        now=now,
    )


@transaction.atomic
def issue_order(
    user, finding_ids, requirement: str, deadline, *, now=None, channel: str = Channel.WEB
) -> RectificationOrder:
    """A new order on open findings of one enterprise, every one within the regulator's division."""
    if not may_issue(user):
        raise PermissionDenied
    now = now or timezone.now()
    today = timezone.localdate(now)
    findings = list(
        Finding.objects.visible_to(user)
        .filter(pk__in=list(finding_ids), state=FindingState.OPEN, party=ORDERED_PARTY)
        .select_related("project", "enterprise")
    )
    errors = {}
    live = (
        RectificationOrder.objects.filter(findings__in=findings, status__in=LIVE)
        .order_by("pk")
        .values_list("pk", flat=True)
        .first()
    )
    if not findings or len(findings) != len(set(finding_ids)):
        errors["findings"] = _("请选择本辖区内未整改的问题。")
    elif len({finding.enterprise_id for finding in findings}) != 1 or findings[0].enterprise_id is None:
        errors["findings"] = _("一份整改通知只能针对同一家物业服务企业的问题。")
    elif live is not None:
        errors["findings"] = _("所选问题已在整改通知第%(pk)s号中整改，不能重复下达。") % {"pk": live}
    if not (requirement or "").strip():
        errors["requirement"] = _("请填写整改要求。")
    try:
        _future_deadline(deadline, today)
    except ValidationError as error:
        errors.update(error.error_dict)
    if errors:
        raise ValidationError(errors)
    projects = {finding.project_id for finding in findings}
    project_id = projects.pop() if len(projects) == 1 else None
    codes = [finding.division_id or finding.enterprise.division_id for finding in findings]
    order = RectificationOrder(
        enterprise_id=findings[0].enterprise_id,
        project_id=project_id,
        division=Division.objects.get(pk=common_division(codes)),
        requirement=requirement.strip(),
        deadline=deadline,
        issued_by=user,
        issued_at=now,
    )
    order._history_user = user
    order.save()
    order.findings.set(findings)
    if not RectificationOrder.objects.writable_by(user).filter(pk=order.pk).exists():
        raise PermissionDenied  # rolls back: nothing written
    record_move(user, order, "", "", now, channel)
    _tell_later(
        _managers(order.enterprise_id),
        f"order:{order.pk}:issued",
        _("监管部门下达整改通知：%(where)s，请于%(deadline)s前整改并回复。")
        % {"where": order.where, "deadline": order.deadline},
        order.get_absolute_url(),
    )
    return order


def _move(order, to_status: str, expected: str | None):
    """Lock the order, refuse a stale or illegal move, set the status: (the locked order, its old status)."""
    order = RectificationOrder.objects.select_for_update().get(pk=order.pk)
    from_status = order.status
    if expected is not None and expected != from_status:
        raise ValidationError(
            _("该整改通知已被他人处理（现为“%(now)s”），请刷新后重试。") % {"now": S(from_status).label}
        )
    if (from_status, to_status) not in ORDER_MOVES:
        raise ValidationError(
            _("整改通知不能从“%(from)s”改为“%(to)s”。")
            % {"from": S(from_status).label, "to": S(to_status).label}
        )
    order.status = to_status
    return order, from_status


@transaction.atomic
def answer_order(
    user, order, text: str, file=None, *, expected: str | None = None, now=None, channel: str = Channel.WEB
) -> OrderAnswer:
    """The enterprise's manager says what it did, with an evidence file."""
    if not manages(user, order):
        raise PermissionDenied
    now = now or timezone.now()
    order, from_status = _move(order, S.ANSWERED, expected)
    if not (text or "").strip():
        raise ValidationError({"text": _("请填写整改情况。")})
    answer = OrderAnswer(order=order, text=text.strip(), file=file or "", answered_by=user)
    check_file(answer, required=True, extensions=FILE_EXTENSIONS, field="file")
    file_hash = file_sha256(answer.file)
    answer._history_user = user
    answer.save()
    order.answered_at = now
    order._history_user = user
    order.save()
    record_move(user, order, from_status, "", now, channel, answer=answer, file_hash=file_hash)
    _tell_later(
        [order.issued_by],
        f"order:{order.pk}:answer:{answer.pk}",
        _("%(where)s已回复整改通知，请验收。") % {"where": order.where},
        order.get_absolute_url(),
    )
    return answer


def _ensure_decider(user, order) -> None:
    if not RectificationOrder.objects.writable_by(user).filter(pk=order.pk).exists():
        raise PermissionDenied


@transaction.atomic
def accept_order(
    user, order, note: str = "", *, expected: str | None = None, now=None, channel: str = Channel.WEB
) -> RectificationOrder:
    """The regulator accepts the answer: the order is done (its overdue finding, if any, closes)."""
    _ensure_decider(user, order)
    now = now or timezone.now()
    order, from_status = _move(order, S.ACCEPTED, expected)
    order.accepted_at = now
    order._history_user = user
    order.save()
    record_move(user, order, from_status, (note or "").strip(), now, channel)
    return order


@transaction.atomic
def reopen_order(
    user, order, deadline, reason: str, *, expected: str | None = None, now=None, channel: str = Channel.WEB
) -> RectificationOrder:
    """The regulator sends the answer back with a new deadline and the reason."""
    _ensure_decider(user, order)
    now = now or timezone.now()
    order, from_status = _move(order, S.REOPENED, expected)
    errors = {}
    if not (reason or "").strip():
        errors["note"] = _("退回须说明原因。")
    try:
        _future_deadline(deadline, timezone.localdate(now))
    except ValidationError as error:
        errors.update(error.error_dict)
    if errors:
        raise ValidationError(errors)
    order.deadline = deadline
    order.answered_at = None  # a new round: the next answer is due by the new deadline
    order._history_user = user
    order.save()
    record_move(user, order, from_status, reason.strip(), now, channel)
    _tell_later(
        _managers(order.enterprise_id),
        f"order:{order.pk}:reopened:{order.deadline}",
        _("整改通知被退回重改：%(where)s，请于%(deadline)s前重新整改并回复。原因：%(reason)s")
        % {"where": order.where, "deadline": order.deadline, "reason": reason.strip()},
        order.get_absolute_url(),
    )
    return order
