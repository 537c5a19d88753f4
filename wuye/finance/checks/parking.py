"""Checks of clause 2.6: above-ground spaces of residential estates are never sold, are let by the year,
and their rent shows in the half-year statements and goes first to the shortfall of property fees
(``parking_income``). Set-based: each check reads what fails in one query, loops only over failing rows. Not incremental: the
records are registry rows (no evidence chain marks their project changed), and each check is one query.
"""

import datetime
from collections import defaultdict
from decimal import Decimal

from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from wuye.compliance.duties import start_of_day
from wuye.compliance.parameters import param
from wuye.compliance.registry import Check, FindingDraft, register
from wuye.compliance.wording import day
from wuye.estates.periods import serving_enterprise
from wuye.finance.choices_parking import SpaceLevel
from wuye.finance.choices_statements import StatementStatus
from wuye.finance.models import ParkingLease, ParkingRentPayment, ParkingTransfer, Statement
from wuye.finance.models.parking import RESIDENTIAL_KINDS, YEAR_MONTHS
from wuye.finance.parking_income import with_parking_figures
from wuye.finance.validation_statements import to_fen

# A fen is the smallest difference that counts; half a fen absorbs SQLite's floating-point sums.
FEN = Decimal("0.01")
HALF_FEN = Decimal("0.005")


def above_ground(lookup: str = "space") -> Q:
    """Above-ground spaces of residential estates (住宅小区), the ones the clause is about."""
    return Q(
        **{f"{lookup}__level": SpaceLevel.ABOVE_GROUND, f"{lookup}__project__kind__in": RESIDENTIAL_KINDS}
    )


def restrict(queryset, projects, lookup="project_id"):
    return queryset if projects is None else queryset.filter(**{f"{lookup}__in": projects})


@register("2.6.no_sale")
class AboveGroundSpaceSold(Check):
    """No above-ground space of a residential estate is sold or its ownership transferred: each such
    transfer is a finding on the day it happened (closed that day: an event, counted in the score's window)."""

    def run(self, as_of, projects):
        today = timezone.localdate(as_of)
        transfers = list(
            restrict(ParkingTransfer.objects.filter(above_ground(), transferred_on__lte=today), projects)
            .select_related("space", "project", "buyer_household__building")
            .order_by("pk")
        )
        enterprise_at = serving_enterprise({t.project_id for t in transfers})
        for transfer in transfers:
            start = start_of_day(transfer.transferred_on)
            project = transfer.project
            yield FindingDraft(
                check_id=self.check_id,
                subject=f"parkingtransfer:{transfer.pk}",
                subject_name=f"{project.name} {transfer.space.number}",
                period_start=start,
                period_end=start_of_day(transfer.transferred_on + datetime.timedelta(days=1)),
                message=_(
                    "%(project)s地上停车位%(space)s于%(day)s%(kind)s，价格%(price)s元；地上停车位不得出售"
                )
                % {
                    "project": project.name,
                    "space": transfer.space.number,
                    "day": day(transfer.transferred_on),
                    "kind": transfer.get_kind_display(),
                    "price": transfer.price,
                },
                project_id=project.pk,
                enterprise_id=enterprise_at(project.pk, start),
                division_id=project.division_id,
                evidence=[f"finance.parkingtransfer:{transfer.pk}"],
            )


@register("2.6.lease_yearly")
class LeaseBilledYearly(Check):
    """An above-ground lease in effect is billed every ``billing_period`` years, and each rent payment of an
    above-ground lease covers exactly that (whole months from its start: 1 Jan – 31 Dec is a year). One
    finding per lease, naming both faults; it ends when the lease ends and its payments are right."""

    def run(self, as_of, projects):
        today = timezone.localdate(as_of)
        groups = defaultdict(list)
        leases = restrict(ParkingLease.objects.filter(above_ground(), start__lte=today), projects)
        for division in leases.values_list("project__division_id", flat=True).distinct().order_by():
            years = Decimal(str(param(self.check_id, "billing_period", division, today)))
            months = int(years * YEAR_MONTHS)
            groups[months].append(division)
        found = []
        for months, divisions in groups.items():
            wrong_payment = ParkingRentPayment.objects.filter(
                lease=OuterRef("pk"), paid_on__lte=today
            ).filter(Q(months__isnull=True) | ~Q(months=months))
            in_effect_wrongly = Q(end__gte=today) & ~Q(billing_months=months)
            found += [
                (lease, months)
                for lease in leases.filter(project__division_id__in=divisions)
                .annotate(wrong_payments=Exists(wrong_payment))
                .filter(in_effect_wrongly | Q(wrong_payments=True))
                .select_related("space", "project", "household__building")
                .order_by("pk")
            ]
        enterprise_at = serving_enterprise({lease.project_id for lease, _months in found})
        for lease, months in found:
            reasons = []
            if lease.end >= today and lease.billing_months != months:
                reasons.append(_("按%(months)s个月收费") % {"months": lease.billing_months})
            if lease.wrong_payments:
                reasons.append(_("有收款不是按%(months)s个月收取") % {"months": months})
            start = start_of_day(lease.start)
            project = lease.project
            yield FindingDraft(
                check_id=self.check_id,
                subject=f"parkinglease:{lease.pk}",
                subject_name=f"{project.name} {lease.space.number}",
                period_start=start,
                period_end=None,
                message=_("%(project)s地上停车位%(space)s租给%(household)s，%(reasons)s；车位租金应按年收取")
                % {
                    "project": project.name,
                    "space": lease.space.number,
                    "household": lease.household,
                    "reasons": pgettext("list separator", "；").join(reasons),
                },
                project_id=project.pk,
                enterprise_id=enterprise_at(project.pk, start),
                division_id=project.division_id,
                evidence=[f"finance.parkinglease:{lease.pk}"],
                parameters={"billing_period": str(months // YEAR_MONTHS)},
            )


def published_statements(as_of, projects):
    statements = Statement.objects.filter(status=StatementStatus.PUBLISHED, published_at__lte=as_of)
    return with_parking_figures(restrict(statements, projects)).select_related("project")


class StatementCheck(Check):
    """A finding per published statement (the version in force) that fails; a correction ends it."""

    def failing(self, statements):
        return statements

    def run(self, as_of, projects):
        statements = list(self.failing(published_statements(as_of, projects)).order_by("pk"))
        enterprise_at = serving_enterprise({s.project_id for s in statements})
        for statement in statements:
            project = statement.project
            yield FindingDraft(
                check_id=self.check_id,
                subject=f"statement:{statement.pk}",
                subject_name=f"{project.name} {statement}",
                period_start=statement.published_at,
                period_end=None,
                message=self.message(statement),
                project_id=project.pk,
                enterprise_id=enterprise_at(project.pk, statement.published_at),
                division_id=project.division_id,
                evidence=[f"finance.statement:{statement.pk}"],
            )


@register("2.6.income_disclosed")
class ParkingIncomeDisclosed(StatementCheck):
    """The parking rent received in a half year (payments' ``paid_on``, spaces owned in common) does not
    exceed what its published statement shows on 4003 停车收入 by more than 0.01 yuan."""

    def failing(self, statements):
        return statements.filter(rent__gt=F("parking") + FEN + HALF_FEN)

    def message(self, statement):
        return _(
            "%(project)s%(statement)s停车收入只列%(shown)s元，而本半年度收取车位租金%(rent)s元，少列%(gap)s元"
        ) % {
            "project": statement.project.name,
            "statement": str(statement),
            "shown": to_fen(statement.parking),
            "rent": to_fen(statement.rent),
            "gap": to_fen(statement.rent - statement.parking),
        }


@register("2.6.income_to_shortfall")
class ParkingIncomeToShortfall(StatementCheck):
    """When a published statement shows a shortfall of property fees (expense above fee and common income),
    the parking income applied to it (``parking_to_shortfall``) is at least min(parking income, shortfall)
    less 0.01 yuan."""

    def failing(self, statements):
        return statements.filter(shortfall__gt=0, parking_to_shortfall__lt=F("owed") - FEN - HALF_FEN)

    def message(self, statement):
        return _(
            "%(project)s%(statement)s物业费不足%(shortfall)s元，停车收入%(parking)s元应优先弥补%(owed)s元，"
            "实际只弥补%(applied)s元"
        ) % {
            "project": statement.project.name,
            "statement": str(statement),
            "shortfall": to_fen(statement.shortfall),
            "parking": to_fen(statement.parking),
            "owed": to_fen(statement.owed),
            "applied": to_fen(statement.parking_to_shortfall),
        }
