"""3.6.rectification_overdue: each round of a rectification order (its issue, each reopening) whose deadline
passed without the enterprise's answer of that round is a finding, from the end of the deadline's day until
the regulator accepts the order (closed then). Built from the ``OrderMove`` rows, so a reopening (which sets
a new deadline on the order) keeps a round that was missed before. One query: the rounds due by now, each
with its answer's time."""

from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.compliance.registry import Check, FindingDraft, register
from wuye.oversight.choices_orders import OrderStatus
from wuye.oversight.models import OrderMove
from wuye.oversight.models.orders import WAITING, deadline_end


@register("3.6.rectification_overdue")
class RectificationOverdue(Check):
    """A regulator's rectification order not answered by a round's deadline, or not yet accepted after it."""

    def run(self, as_of, projects):
        answer = OrderMove.objects.filter(
            order=OuterRef("order"),
            to_status=OrderStatus.ANSWERED,
            chain_seq__gt=OuterRef("chain_seq"),
            occurred_at__lte=as_of,
        ).order_by("chain_seq")
        rounds = (
            OrderMove.objects.filter(
                to_status__in=WAITING,
                occurred_at__lte=as_of,
                deadline__lt=timezone.localdate(as_of),  # due (the end of the deadline's day) by as_of
            )
            .annotate(answered_at=Subquery(answer.values("occurred_at")[:1]))
            .select_related("order__enterprise", "order__project")
            .order_by("deadline", "order_id", "chain_seq")
        )
        for move in rounds:
            order, due = move.order, deadline_end(move.deadline)
            if due > as_of or (move.answered_at is not None and move.answered_at <= due):
                continue  # not yet due, or answered in time
            closed = order.accepted_at if order.accepted_at and order.accepted_at <= as_of else None
            yield FindingDraft(
                check_id=self.check_id,
                subject=f"rectificationorder:{order.pk}",
                subject_name=str(order),
                period_start=due,
                period_end=closed,
                message=_("%(where)s未在整改期限（%(deadline)s）内完成监管部门整改通知第%(pk)s号的整改")
                % {"where": order.where, "deadline": move.deadline, "pk": order.pk},
                project_id=order.project_id,
                enterprise_id=order.enterprise_id,
                division_id=order.division_id,
                evidence=[f"oversight.rectificationorder:{order.pk}"],
                parameters={"deadline": move.deadline.isoformat()},
            )
