"""Makers of the exit part's tests: a past service period of the inside enterprise, its exit, money."""

import datetime
from decimal import Decimal

from django.utils import timezone

from wuye.estates.models import ServicePeriod
from wuye.finance.models import Bill, BillLine, FeeStandard
from wuye.lifecycle.actions_exit import file_exit
from wuye.lifecycle.choices_exit import ReceiverKind
from wuye.lifecycle.models import ExitFiling
from wuye.testing import factories as f

END = datetime.date(2020, 12, 31)


def past_period(world, end=END):
    """The inside enterprise's earlier period on the inside project, ending before the current one."""
    return ServicePeriod.objects.create(
        project=world.inside.project,
        enterprise=world.inside.enterprise,
        start=datetime.date(2015, 1, 1),
        end=end,
    )


def exit_of(world, period=None, *, notice_on=datetime.date(2020, 9, 1), planned_end=END, **fields):
    period = period or past_period(world)
    fields.setdefault("receiver_kind", ReceiverKind.COMMITTEE)
    if fields["receiver_kind"] == ReceiverKind.COMMITTEE:
        fields.setdefault("committee", world.inside.committee)
    exit = ExitFiling(
        service_period=period,
        notice_on=notice_on,
        planned_end=planned_end,
        reason="合同到期不再续约",
        **fields,
    )
    return file_exit(world.users["manager"], exit)


def bill(household, period_start, amount):
    standard = FeeStandard.objects.filter(project=household.project).first() or f.FeeStandardFactory(
        project=household.project, effective_from=datetime.date(2000, 1, 1)
    )
    made = Bill.objects.create(
        household=household,
        standard=standard,
        period_start=period_start,
        area=household.area,
        issued_on=period_start,
    )
    BillLine.objects.create(
        bill=made, item="property_service", rate=Decimal("1.0000"), amount=Decimal(amount)
    )
    return made


def paid(world, household, amount, on: datetime.date):
    moment = timezone.make_aware(datetime.datetime.combine(on, datetime.time(12)))
    return f.payment(world.users["admin"], household, amount, occurred_at=moment)
