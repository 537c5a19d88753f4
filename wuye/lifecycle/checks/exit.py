"""Checks of an enterprise's exit (2.1, 2.3, 2.4).

The findings of an exit are the leaving enterprise's (enterprise-level: the project has another
enterprise by then), except refusing to leave, which is also the project's. Each deadline counts
from the exit's end (the service period's recorded end, else the planned end) and is met by anything
done by the end of its last day (Asia/Shanghai). Exits are few: the checks read them in one query
and loop over them; the refunds of an exit are one query per exit past its deadline.
"""

import datetime

from django.db.models import Exists, F, Max, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.compliance.duties import start_of_day
from wuye.compliance.parameters import param
from wuye.compliance.registry import Check, FindingDraft, register
from wuye.estates.models import ServiceContract, ServicePeriod
from wuye.lifecycle.choices_exit import HandoverKind, ReceiverKind
from wuye.lifecycle.models import ExitFiling, HandoverItem, Refund
from wuye.lifecycle.refunds import refunds_due_by_household

DAY = datetime.timedelta(days=1)


def exits(projects):
    rows = ExitFiling.objects.annotate(end_on=Coalesce("service_period__end", "planned_end")).select_related(
        "project", "enterprise", "contract"
    )
    if projects is not None:
        rows = rows.filter(project_id__in=projects)
    return rows.order_by("pk")


def deadline_of(end: datetime.date, days: datetime.timedelta) -> datetime.datetime:
    """The end of the last day of a deadline ``days`` after ``end``."""
    return start_of_day(end + days + DAY)


def notice_parameter(open_ended: bool) -> str:
    """Which notice period applies: a fixed-term contract not renewed, or an open-ended one (or none)."""
    return "notice_open_ended" if open_ended else "notice_before_expiry"


def notice_due(end: datetime.date, required: datetime.timedelta) -> datetime.datetime:
    """The moment an exit notice for a service ending on ``end`` becomes late: the day after the last day
    ``required`` before the end begins. A notice given before it passes; the check finds one given on or
    after it, and the reminder counts back from it."""
    return start_of_day(end - required + DAY)


def exit_draft(check_id, exit, start, end, message, **parameters) -> FindingDraft:
    return FindingDraft(
        check_id=check_id,
        subject=f"exit:{exit.pk}",
        subject_name=str(exit),
        period_start=start,
        period_end=end,
        message=message,
        enterprise_id=exit.enterprise_id,
        division_id=exit.project.division_id,
        parameters=parameters,
    )


@register("2.1.exit_notice")
class ExitNoticeShort(Check):
    """The notice precedes the end by ``notice_before_expiry`` days when a fixed-term contract is not
    renewed, ``notice_open_ended`` days when it is open-ended (or none is named); exactly that passes."""

    def run(self, as_of, projects):
        today = timezone.localdate(as_of)
        for exit in exits(projects).filter(notice_on__lte=today):
            name = notice_parameter(exit.contract is None or exit.contract.end is None)
            required = param(self.check_id, name, exit.project.division_id, today)
            if start_of_day(exit.notice_on) < notice_due(exit.end_on, required):
                continue
            yield exit_draft(
                self.check_id,
                exit,
                start_of_day(exit.notice_on),
                start_of_day(exit.end_on + DAY),
                _("退出告知日期 %(notice)s 距退出日期 %(end)s 仅 %(given)s 天，应至少提前 %(days)s 天告知。")
                % {
                    "notice": exit.notice_on,
                    "end": exit.end_on,
                    "given": (exit.end_on - exit.notice_on).days,
                    "days": required.days,
                },
                **{name: required.days},
            )


@register("2.1.sudden_withdrawal")
class SuddenWithdrawal(Check):
    """A service period that has ended with no exit filed on or before its last day. Severe and veto:
    while open the enterprise's grade is D (scores.compute_scores: an open veto finding of the enterprise)."""

    def run(self, as_of, projects):
        today = timezone.localdate(as_of)
        filed = ExitFiling.objects.filter(service_period=OuterRef("pk"), notice_on__lte=OuterRef("end"))
        ended = withdrawn(filed, today, projects)
        for period in ended:
            yield FindingDraft(
                check_id=self.check_id,
                subject=f"serviceperiod:{period.pk}",
                subject_name=str(period),
                period_start=start_of_day(period.end + DAY),
                period_end=None,
                message=_("%(enterprise)s 于 %(end)s 停止服务 %(project)s，未办理退出备案（突然撤离）。")
                % {"enterprise": period.enterprise, "end": period.end, "project": period.project},
                enterprise_id=period.enterprise_id,
                division_id=period.project.division_id,
            )


def withdrawn(filed, today, projects):
    """Service periods ended before ``today`` with no exit in ``filed`` (a queryset of ExitFiling rows
    with ``service_period=OuterRef("pk")``), with their project and enterprise."""
    ended = (
        ServicePeriod.objects.filter(end__isnull=False, end__lt=today)
        .filter(~Exists(filed))
        .select_related("project", "enterprise")
        .order_by("pk")
    )
    return ended if projects is None else ended.filter(project_id__in=projects)


def confirmations(kind=None):
    """Per exit: whether an item is unconfirmed, and the last confirmation (of items of ``kind``)."""
    items = HandoverItem.objects.filter(exit=OuterRef("pk"))
    if kind:
        items = items.filter(kind=kind)
    return {
        "has_items": Exists(items),
        "has_open": Exists(items.filter(confirmed_at__isnull=True)),
        "last_confirmed": items.order_by().values("exit").annotate(m=Max("confirmed_at")).values("m"),
    }


def handover_misses(check_id, parameter, rows, as_of, message):
    today = timezone.localdate(as_of)
    for exit in rows:
        deadline = deadline_of(exit.end_on, param(check_id, parameter, exit.project.division_id, today))
        if as_of <= deadline:
            continue
        if exit.has_items and not exit.has_open and exit.last_confirmed <= deadline:
            continue
        done = exit.last_confirmed if exit.has_items and not exit.has_open else None
        yield exit_draft(
            check_id, exit, deadline, done, message % {"deadline": timezone.localdate(deadline) - DAY}
        )


@register("2.4.handover_complete")
class HandoverIncomplete(Check):
    """Every handover item is confirmed by the receiver within ``handover_deadline`` days of the end (an
    exit with no item listed is incomplete); a late completion gives a finding closed at it."""

    def run(self, as_of, projects):
        rows = exits(projects).annotate(**confirmations())
        yield from handover_misses(
            self.check_id,
            "handover_deadline",
            rows,
            as_of,
            _("退出交接清单未在 %(deadline)s 前全部经接收方确认。"),
        )


@register("2.3.records_to_committee")
class RecordsNotToCommittee(Check):
    """When the committee receives the project, the Art. 29 records are handed over and confirmed by
    it within ``handover_after_contract_end`` days of the end."""

    def run(self, as_of, projects):
        rows = (
            exits(projects)
            .filter(receiver_kind=ReceiverKind.COMMITTEE)
            .annotate(**confirmations(HandoverKind.RECORDS))
        )
        yield from handover_misses(
            self.check_id,
            "handover_after_contract_end",
            rows,
            as_of,
            _("承接查验等第二十九条资料未在 %(deadline)s 前移交业主委员会并经其确认。"),
        )


@register("2.4.prepaid_refunded")
class PrepaidNotRefunded(Check):
    """Each household's prepaid balance at the end (refunds.refunds_due) is refunded within
    ``refund_deadline`` days; refunds paid on the last day count. An enterprise that withdrew without
    any exit filing refunded nothing: its prepaid balances at its last day are a finding of their own
    once the deadline passes (the owners' money the code's preamble speaks of)."""

    def run(self, as_of, projects):
        today = timezone.localdate(as_of)
        for exit in exits(projects):
            days = param(self.check_id, "refund_deadline", exit.project.division_id, today)
            deadline = deadline_of(exit.end_on, days)
            if as_of <= deadline:
                continue
            due = refunds_due_by_household(exit.project_id, exit.end_on)
            paid = refunded_by_household_until(exit, exit.end_on + days)
            unpaid = [pk for pk, amount in due.items() if paid.get(pk, 0) < amount]
            if not unpaid:
                continue
            yield exit_draft(
                self.check_id,
                exit,
                deadline,
                None,
                _("%(count)s 户的预收费用差额未在 %(deadline)s 前退还。")
                % {"count": len(unpaid), "deadline": exit.end_on + days},
                households=len(unpaid),
            )
        yield from self.withdrawn_without_refunds(as_of, today, projects)

    def withdrawn_without_refunds(self, as_of, today, projects):
        for period in withdrawn(ExitFiling.objects.filter(service_period=OuterRef("pk")), today, projects):
            days = param(self.check_id, "refund_deadline", period.project.division_id, today)
            deadline = deadline_of(period.end, days)
            if as_of <= deadline:
                continue
            due = {
                pk: amount
                for pk, amount in refunds_due_by_household(period.project_id, period.end).items()
                if amount > 0
            }
            if not due:
                continue
            yield FindingDraft(
                check_id=self.check_id,
                subject=f"serviceperiod:{period.pk}",
                subject_name=str(period),
                period_start=deadline,
                period_end=None,
                message=_(
                    "%(enterprise)s 撤离 %(project)s 后，%(count)s 户的预收费用（共 %(total)s 元）未退还。"
                )
                % {
                    "enterprise": period.enterprise,
                    "project": period.project,
                    "count": len(due),
                    "total": sum(due.values()),
                },
                enterprise_id=period.enterprise_id,
                division_id=period.project.division_id,
                parameters={"households": len(due)},
            )


def refunded_by_household_until(exit, last_day):
    """{household id: refunded} counting the refunds paid by ``last_day``."""
    rows = (
        Refund.objects.filter(exit=exit, paid_on__lte=last_day)
        .order_by()
        .values("household")
        .annotate(total=Sum("amount"))
        .values_list("household", "total")
    )
    return dict(rows)


@register("2.4.refused_to_leave")
class RefusedToLeave(Check):
    """Still serving ``leave_deadline`` days after it should have left: after the planned end of its
    exit, or after the successor's contract began. A contract that merely ran out while the enterprise
    stays on is not this (民法典 Art. 948: it becomes open-ended; 2.2 watches the contract). Severe and
    veto, on the project and the enterprise. Exits and successions are few: one query each, then a loop."""

    def run(self, as_of, projects):
        today = timezone.localdate(as_of)
        should_leave = {}  # service period id: the last day it should have served
        exits_past = ExitFiling.objects.filter(
            Q(service_period__end__isnull=True) | Q(service_period__end__gt=F("planned_end")),
            planned_end__lt=today,
        ).values_list("service_period_id", "planned_end")
        for period_id, planned_end in exits_past:
            should_leave[period_id] = planned_end
        staying = ServicePeriod.objects.filter(
            Q(end__isnull=True) | Q(end__gte=OuterRef("start")),
            project=OuterRef("project"),
            start__lt=OuterRef("start"),
        ).exclude(enterprise=OuterRef("enterprise"))
        successions = (
            ServiceContract.objects.filter(start__lte=today)
            .annotate(period=Subquery(staying.values("pk")[:1]))
            .filter(period__isnull=False)
            .values_list("period", "start")
        )
        for period_id, start in successions:
            last_day = start - DAY
            should_leave[period_id] = min(last_day, should_leave.get(period_id, last_day))
        periods = ServicePeriod.objects.filter(pk__in=list(should_leave)).select_related(
            "project", "enterprise"
        )
        if projects is not None:
            periods = periods.filter(project_id__in=projects)
        for period in periods.order_by("pk"):
            days = param(self.check_id, "leave_deadline", period.project.division_id, today)
            last_day = should_leave[period.pk] + days
            if last_day >= today or (period.end is not None and period.end <= last_day):
                continue
            yield FindingDraft(
                check_id=self.check_id,
                subject=f"serviceperiod:{period.pk}",
                subject_name=str(period),
                period_start=start_of_day(last_day + DAY),
                period_end=start_of_day(period.end + DAY) if period.end else None,
                message=_(
                    "%(enterprise)s 应于 %(end)s 退出 %(project)s，逾期 %(days)s 天仍在服务（拒不退出）。"
                )
                % {
                    "end": should_leave[period.pk],
                    "enterprise": period.enterprise,
                    "days": days.days,
                    "project": period.project,
                },
                project_id=period.project_id,
                enterprise_id=period.enterprise_id,
                division_id=period.project.division_id,
                parameters={"leave_deadline": days.days},
            )
