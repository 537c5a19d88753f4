"""Checks of the estates registry (clause 2.2), registered with the compliance engine."""

import datetime

from django.db.models import (
    DateField,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    Max,
    OuterRef,
    Q,
    Subquery,
    Value,
)
from django.db.models.expressions import RowRange, Window
from django.db.models.functions import Coalesce, Lag
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.compliance.duties import start_of_day
from wuye.compliance.registry import Check, FindingDraft, register
from wuye.compliance.wording import day
from wuye.estates.models import ServiceContract, ServicePeriod

ONE_DAY = datetime.timedelta(days=1)
OPEN_END = datetime.date(9999, 12, 31)  # stands for a contract without an end date


def contract_name(number: str) -> str:
    return _("物业服务合同（编号%(number)s）") % {"number": number} if number else _("物业服务合同")


@register("2.2.contract_in_force")
class ContractInForce(Check):
    """Every day of the current service period is covered by a service contract of the serving enterprise.

    Each stretch of days without one is a finding on the project: open while it lasts (the contract ran
    out and none followed), closed on the day a new contract takes effect. A contract of the project
    with another enterprise (the one before) does not cover the one serving now. Stretches before the
    current service period are not looked at: they belong to whoever served then.
    """

    def run(self, as_of, projects):
        today = timezone.localdate(as_of)
        yield from self.gaps_between_contracts(today)
        yield from self.gaps_at_the_edges(today)

    def gaps_between_contracts(self, today):
        """Gaps between one contract's end (the latest so far) and the next one's start, in one query."""
        period = (
            ServicePeriod.objects.current(today)
            .filter(project=OuterRef("project"), enterprise=OuterRef("enterprise"))
            .order_by("-start")
        )
        contracts = (
            ServiceContract.objects.filter(start__lte=today)
            .annotate(
                period_id=Subquery(period.values("pk")[:1]),
                period_start=Subquery(period.values("start")[:1], output_field=DateField()),
            )
            .filter(period_id__isnull=False)
            .filter(Q(end__isnull=True) | Q(end__gte=F("period_start")))
        )
        order = [F("start").asc(), F("pk").asc()]
        rows = (
            contracts.annotate(
                covered_to=Window(
                    Max(Coalesce("end", Value(OPEN_END))),
                    partition_by=[F("project_id")],
                    order_by=order,
                    frame=RowRange(start=None, end=-1),
                ),
                previous_id=Window(Lag("pk"), partition_by=[F("project_id")], order_by=order),
            )
            .annotate(gap=ExpressionWrapper(F("start") - F("covered_to"), output_field=DurationField()))
            .filter(covered_to__isnull=False, gap__gt=ONE_DAY)
            .values(
                "pk",
                "start",
                "covered_to",
                "previous_id",
                "period_id",
                "project_id",
                "project__name",
                "project__division_id",
                "enterprise_id",
                "enterprise__name",
            )
        )
        for row in rows:
            first_day = row["covered_to"] + ONE_DAY
            message = _(
                "%(start)s至%(end)s，%(enterprise)s在没有物业服务合同的情况下为%(project)s提供服务"
            ) % {
                "start": day(first_day),
                "end": day(row["start"] - ONE_DAY),
                "enterprise": row["enterprise__name"],
                "project": row["project__name"],
            }
            evidence = [f"estates.serviceperiod:{row['period_id']}"]
            evidence += [f"estates.servicecontract:{pk}" for pk in (row["previous_id"], row["pk"])]
            yield self.draft(row, first_day, row["start"], message, evidence)

    def gaps_at_the_edges(self, today):
        """From the takeover to the first contract, and from the last contract's end to today (open)."""
        own = ServiceContract.objects.filter(
            project=OuterRef("project"), enterprise=OuterRef("enterprise"), start__lte=today
        ).filter(Q(end__isnull=True) | Q(end__gte=OuterRef("start")))
        first = own.order_by("start", "pk")
        ended = own.filter(end__lt=today).order_by("-end", "-pk")
        rows = (
            ServicePeriod.objects.current(today)
            .annotate(
                covered_today=Exists(own.filter(Q(end__isnull=True) | Q(end__gte=today))),
                first_start=Subquery(first.values("start")[:1], output_field=DateField()),
                first_id=Subquery(first.values("pk")[:1]),
                ended_on=Subquery(ended.values("end")[:1], output_field=DateField()),
                ended_id=Subquery(ended.values("pk")[:1]),
                ended_number=Subquery(ended.values("number")[:1]),
            )
            .filter(Q(covered_today=False) | Q(first_start__isnull=True) | Q(first_start__gt=F("start")))
            .values(
                "pk",
                "start",
                "covered_today",
                "first_start",
                "first_id",
                "ended_on",
                "ended_id",
                "ended_number",
                "project_id",
                "project__name",
                "project__division_id",
                "enterprise_id",
                "enterprise__name",
            )
        )
        for row in rows:
            values = {
                "start": day(row["start"]),
                "enterprise": row["enterprise__name"],
                "project": row["project__name"],
            }
            evidence = [f"estates.serviceperiod:{row['pk']}"]
            if row["first_start"] is None:
                message = _("%(enterprise)s自%(start)s接管%(project)s以来，没有登记物业服务合同") % values
                yield self.draft(row, row["start"], None, message, evidence)
                continue
            if row["first_start"] > row["start"]:
                values["end"] = day(row["first_start"] - ONE_DAY)
                message = _(
                    "%(start)s至%(end)s，%(enterprise)s在没有物业服务合同的情况下为%(project)s提供服务"
                )
                proof = [*evidence, f"estates.servicecontract:{row['first_id']}"]
                yield self.draft(row, row["start"], row["first_start"], message % values, proof)
            if not row["covered_today"]:
                values.update(contract=contract_name(row["ended_number"]), end=day(row["ended_on"]))
                message = _(
                    "%(contract)s已于%(end)s到期，%(enterprise)s仍在为%(project)s提供服务，未签订新合同"
                )
                proof = [*evidence, f"estates.servicecontract:{row['ended_id']}"]
                first_day = max(row["start"], row["ended_on"] + ONE_DAY)
                yield self.draft(row, first_day, None, message % values, proof)

    def draft(self, row, first_day, covered_from, message, evidence):
        return FindingDraft(
            check_id=self.check_id,
            subject=f"project:{row['project_id']}",
            subject_name=row["project__name"],
            period_start=start_of_day(first_day),
            period_end=start_of_day(covered_from) if covered_from else None,
            message=message,
            project_id=row["project_id"],
            enterprise_id=row["enterprise_id"],
            division_id=row["project__division_id"],
            evidence=evidence,
        )
