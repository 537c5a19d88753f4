"""Use cases of the exit workflow (2.1, 2.4): file the exit, move it, list and confirm handover items,
record refunds. Each takes the acting user. The status moves only as ``EXIT_MOVES`` allows (after
django-oscar's ``set_status``), each move an ``ExitStatusChange`` row; a refused request writes nothing.

Who may: the leaving enterprise files and moves its exit and pays refunds; only a user of the
receiver (a member of the receiving committee, a user of the successor) confirms a handover item.
"""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core.evidence import Channel, append_evidence
from wuye.core.scoping import scope_of
from wuye.lifecycle.choices_exit import ExitStatus, ReceiverKind
from wuye.lifecycle.models import ExitFiling, ExitStatusChange, HandoverItem, Refund
from wuye.lifecycle.refunds import refunds_due

EXIT_MOVES = {
    (ExitStatus.NOTIFIED, ExitStatus.HANDING_OVER),
    (ExitStatus.HANDING_OVER, ExitStatus.HANDED_OVER),
    (ExitStatus.HANDED_OVER, ExitStatus.CLOSED),
}


def can_write_exit(user, enterprise_id: int) -> bool:
    scope = scope_of(user)
    return scope.everything or enterprise_id in scope.enterprise_ids


def ensure_leaving_company(user, enterprise_id: int) -> None:
    if not can_write_exit(user, enterprise_id):
        raise PermissionDenied


def is_receiver(user, exit: ExitFiling) -> bool:
    """A user of the receiver: a member of the receiving committee's project, a user of the successor."""
    scope = scope_of(user)
    if exit.receiver_kind == ReceiverKind.COMMITTEE:
        return exit.project_id in scope.committee_project_ids
    return exit.successor_id in scope.enterprise_ids


@transaction.atomic
def file_exit(user, exit: ExitFiling) -> ExitFiling:
    """Record the exit notice of a service period; it starts "notified" (the moves come after)."""
    ensure_leaving_company(user, exit.service_period.enterprise_id)
    if ExitFiling.objects.filter(service_period_id=exit.service_period_id).exists():
        raise ValidationError({"service_period": _("该服务期已有退出备案。")})
    exit.created_by = user
    exit.full_clean(exclude=["created_by", "project", "enterprise"])
    exit._history_user = user
    exit.save()
    return exit


def _move(user, exit: ExitFiling, to_status: str, now, channel: str) -> ExitFiling:
    from_status = exit.status
    if (from_status, to_status) not in EXIT_MOVES:
        raise ValidationError(
            _("退出备案不能从“%(from)s”改为“%(to)s”。")
            % {"from": ExitStatus(from_status).label, "to": ExitStatus(to_status).label}
        )
    exit.status = to_status
    exit._history_user = user
    exit.save(update_fields=["status", "updated_at"])
    change = ExitStatusChange(
        exit=exit, project_id=exit.project_id, from_status=from_status, to_status=to_status, occurred_at=now
    )
    append_evidence(change, user=user, channel=channel, now=now)
    return exit


@transaction.atomic
def move_exit(user, exit: ExitFiling, to_status: str, *, now=None, channel: str = Channel.WEB) -> ExitFiling:
    """One move of the table; "handed over" needs every item confirmed, "closed" every refund paid."""
    ensure_leaving_company(user, exit.enterprise_id)
    exit = ExitFiling.objects.select_for_update().get(pk=exit.pk)
    if to_status == ExitStatus.HANDED_OVER:
        items = exit.handover_items.all()
        if not items.exists():
            raise ValidationError(_("还没有列出任何移交事项。"))
        if items.filter(confirmed_at__isnull=True).exists():
            raise ValidationError(_("还有移交事项未经接收方确认。"))
    if to_status == ExitStatus.CLOSED and unpaid_refunds(exit):
        raise ValidationError(_("还有住户的预收费用未退还。"))
    return _move(user, exit, to_status, now or timezone.now(), channel)


@transaction.atomic
def add_handover_item(user, item: HandoverItem) -> HandoverItem:
    ensure_leaving_company(user, item.exit.enterprise_id)
    if item.exit.status in (ExitStatus.HANDED_OVER, ExitStatus.CLOSED):
        raise ValidationError(_("交接已完成，不能再增加移交事项。"))
    item.full_clean()
    item._history_user = user
    item.save()
    return item


@transaction.atomic
def confirm_handover_item(user, item: HandoverItem, *, now=None) -> HandoverItem:
    """The receiver checks an item off; anyone else (the leaving company included) is refused."""
    item = HandoverItem.objects.select_for_update().select_related("exit").get(pk=item.pk)
    if not is_receiver(user, item.exit):
        raise ValidationError(
            {
                "confirmed_by": _("只有接收方（%(receiver)s）的人员才能确认移交事项。")
                % {"receiver": item.exit.get_receiver_kind_display()}
            }
        )
    if item.confirmed_at is not None:
        raise ValidationError(_("该移交事项已确认。"))
    item.confirmed_at = now or timezone.now()
    item.confirmed_by = user
    item._history_user = user
    item.save(update_fields=["confirmed_at", "confirmed_by", "updated_at"])
    return item


def refunded_by_household(exit: ExitFiling) -> dict[int, Decimal]:
    rows = (
        exit.refunds.order_by()
        .values("household")
        .annotate(total=Sum("amount"))
        .values_list("household", "total")
    )
    return dict(rows)


def refund_table(exit: ExitFiling):
    """The households due a refund with what is due, paid and still owed (a list, for the page)."""
    paid = refunded_by_household(exit)
    rows = refunds_due(exit.project_id, exit.end).filter(due__gt=0).select_related("building")
    table = []
    for household in rows:
        refunded = paid.get(household.pk, Decimal("0.00"))
        table.append(
            {
                "household": household,
                "due": household.due,
                "refunded": refunded,
                "owed": household.due - refunded,
            }
        )
    return table


def unpaid_refunds(exit: ExitFiling) -> list:
    return [row for row in refund_table(exit) if row["owed"] > 0]


@transaction.atomic
def record_refund(user, refund: Refund) -> Refund:
    """A refund to one household; more than its refund still owed at the end date is refused."""
    exit = ExitFiling.objects.select_for_update().get(pk=refund.exit_id)
    ensure_leaving_company(user, exit.enterprise_id)
    if refund.household_id and refund.household.project_id != exit.project_id:
        raise ValidationError({"household": _("该房屋不属于本项目。")})
    if refund.amount is not None and refund.household_id:
        due = (
            refunds_due(exit.project_id, exit.end)
            .filter(pk=refund.household_id)
            .values_list("due", flat=True)
        )
        due = Decimal(due.first() or 0)
        refunded = refunded_by_household(exit).get(refund.household_id, Decimal(0))
        if refund.amount > due - refunded:
            raise ValidationError(
                {"amount": _("退款金额超过该户应退余额 %(owed)s 元。") % {"owed": f"{due - refunded:.2f}"}}
            )
    refund.recorded_by = user
    refund.full_clean(exclude=["recorded_by"])
    refund._history_user = user
    refund.save()
    return refund
