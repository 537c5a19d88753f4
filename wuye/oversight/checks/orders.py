"""3.6.rectification_overdue: a rectification order whose deadline passed without the enterprise's answer of
that round is a finding, from the end of the deadline's day until the regulator accepts the order (closed
then). One query: the orders due by now whose answer of this round is missing or came late."""

from django.db.models import F, Q
from django.utils.translation import gettext as _

from wuye.compliance.registry import Check, FindingDraft, register
from wuye.oversight.models import RectificationOrder


@register("3.6.rectification_overdue")
class RectificationOverdue(Check):
    """A regulator's rectification order not answered by its deadline, or not yet accepted after it."""

    def run(self, as_of, projects):
        orders = (
            RectificationOrder.objects.filter(due_at__lte=as_of, issued_at__lte=as_of)
            .filter(Q(answered_at__isnull=True) | Q(answered_at__gt=F("due_at")))
            .select_related("enterprise", "project")
            .order_by("due_at", "pk")
        )
        for order in orders:
            closed = order.accepted_at if order.accepted_at and order.accepted_at <= as_of else None
            yield FindingDraft(
                check_id=self.check_id,
                subject=f"rectificationorder:{order.pk}",
                subject_name=str(order),
                period_start=order.due_at,
                period_end=closed,
                message=_("%(where)s未在整改期限（%(deadline)s）内完成监管部门整改通知第%(pk)s号的整改")
                % {"where": order.where, "deadline": order.deadline, "pk": order.pk},
                project_id=order.project_id,
                enterprise_id=order.enterprise_id,
                division_id=order.division_id,
                evidence=[f"oversight.rectificationorder:{order.pk}"],
                parameters={"deadline": order.deadline.isoformat()},
            )
