"""Checks of 1.5 (bills by the standard, permitted items, receipts, financial rules, tax certificates) and
1.6.fee_change_notice. Set-based: each check reads its candidates in a few queries (by division where a
parameter differs), never one query per record."""

import datetime
from collections import defaultdict
from decimal import Decimal

from django.db.models import Case, DecimalField, Exists, ExpressionWrapper, F, OuterRef, Q, Subquery, When
from django.db.models.functions import Round
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wuye.compliance.currency import lapses
from wuye.compliance.duties import start_of_day
from wuye.compliance.parameters import param
from wuye.compliance.registry import Check, FindingDraft, register
from wuye.compliance.wording import day, months
from wuye.estates.models import ServicePeriod
from wuye.estates.periods import serving_enterprise
from wuye.finance.choices_fees import FeeItem, PropertyKind
from wuye.finance.fees_deadlines import fee_notice_deadline, fee_notice_deadline_sql, tax_certificate_due
from wuye.finance.fees_money import line_amount, plain
from wuye.finance.models.fees import (
    BillLine,
    FeeItemRate,
    FeeStandard,
    FinancialRules,
    Payment,
    TaxCertificate,
)

# The SQL pre-filter may see a product a little off its exact value (SQLite multiplies in floating
# point): it asks for more than is needed, and the exact Decimal rule decides.
SQL_MARGIN = Decimal("0.01")


@register("1.5.bill_matches_standard")
class BillMatchesStandard(Check):
    """Every bill line with an approved rate (the property service fee at the standard's rate, another
    item at its ``FeeItemRate``) equals rate × area × months (fees_money.line_amount) within
    ``bill_tolerance``, over- and under-charging alike: one finding per line. A line of an item without
    an approved rate is 1.5.charge_item_permitted's to judge."""

    incremental = True

    def run(self, as_of, projects):
        today = timezone.localdate(as_of)
        # Unordered: (standard, item) is unique, and the model's ordering would join and sort per line.
        item_rate = FeeItemRate.objects.filter(
            standard=OuterRef("bill__standard"), item=OuterRef("item")
        ).order_by()
        approved = Case(
            When(item=FeeItem.PROPERTY_SERVICE, then=F("bill__standard__rate")),
            default=Subquery(item_rate.values("rate")[:1]),
            output_field=DecimalField(max_digits=8, decimal_places=4),
        )
        lines = BillLine.objects.filter(bill__issued_on__lte=today).annotate(approved=approved)
        lines = lines.filter(approved__isnull=False)
        if projects is not None:
            lines = lines.filter(bill__project_id__in=projects)
        # Against the product rounded to the fen as line_amount rounds it (PostgreSQL's round() is half
        # away from zero, the same for these positive amounts): the lines billed by the rule differ by
        # nothing, so only the few that do not come back (against the unrounded product nearly every
        # line differed by a fraction of a fen, and all came back to be judged in Python).
        raw = Round(F("approved") * F("bill__area") * F("bill__months"), precision=2)
        lines = lines.annotate(diff=ExpressionWrapper(F("amount") - raw, output_field=DecimalField()))
        rows, tolerances = [], {}
        for tolerance, divisions in self.tolerances(today).items():
            # Only lines off by more than the tolerance (less a margin) come back; the exact rule decides.
            bound = tolerance - SQL_MARGIN
            rows += (
                lines.filter(bill__project__division_id__in=divisions)
                .filter(Q(diff__gt=bound) | Q(diff__lt=-bound))
                .values_list(
                    "pk",
                    "amount",
                    "approved",
                    "bill__area",
                    "bill__months",
                    "bill__project_id",
                    "bill__period_start",
                    "bill_id",
                    "bill__project__division_id",
                    "item",
                    "bill__issued_on",
                )
            )
            tolerances.update(dict.fromkeys(divisions, tolerance))
        enterprise_at = serving_enterprise({row[5] for row in rows})
        names = self.names({row[7] for row in rows})
        for pk, amount, rate, area, n, project_id, period_start, bill_id, division, item, issued_on in rows:
            tolerance = tolerances[division]
            expected = line_amount(rate, area, n)
            if abs(amount - expected) <= tolerance:
                continue
            words = _("多收") if amount > expected else _("少收")
            # From the month billed, or from the bill's issue when it was billed ahead of its month.
            start = start_of_day(min(period_start, issued_on))
            yield FindingDraft(
                check_id=self.check_id,
                subject=f"billline:{pk}",
                subject_name=names[bill_id],
                period_start=start,
                period_end=None,
                message=_(
                    "%(bill)s%(item)s应为%(expected)s元（%(rate)s元/㎡·月×%(area)s㎡×%(months)s个月），"
                    "实收%(amount)s元，%(words)s%(difference)s元"
                )
                % {
                    "bill": names[bill_id],
                    "item": FeeItem(item).label,
                    "expected": expected,
                    "rate": plain(rate),
                    "area": area,
                    "months": n,
                    "amount": amount,
                    "words": words,
                    "difference": abs(amount - expected),
                },
                project_id=project_id,
                enterprise_id=enterprise_at(project_id, start),
                division_id=division,
                evidence=[f"finance.bill:{bill_id}"],  # the line has no scope of its own: its bill
                parameters={"bill_tolerance": str(tolerance)},
            )

    def tolerances(self, today) -> dict:
        """{tolerance in force: the divisions of the projects with bills}, one parameter read per division."""
        from wuye.finance.models.fees import Bill

        groups = defaultdict(list)
        for division in Bill.objects.values_list("project__division_id", flat=True).distinct().order_by():
            value = Decimal(str(param(self.check_id, "bill_tolerance", division, today)))
            groups[value].append(division)
        return groups

    @staticmethod
    def names(bill_ids) -> dict:
        from wuye.finance.models.fees import Bill

        bills = Bill.objects.filter(pk__in=bill_ids).select_related("household__building")
        return {bill.pk: str(bill) for bill in bills}


@register("1.5.charge_item_permitted")
class ChargeItemPermitted(Check):
    """No bill line charges an item outside its standard's permitted list: one finding per line."""

    incremental = True

    def run(self, as_of, projects):
        today = timezone.localdate(as_of)
        standards = FeeStandard.objects.all()
        if projects is not None:
            standards = standards.filter(project_id__in=projects)
        groups = defaultdict(list)  # permitted items → standard ids: one query per distinct list
        for pk, items in standards.values_list("pk", "fee_items"):
            groups[tuple(sorted(items or []))].append(pk)
        found = []
        for items, ids in groups.items():
            found += list(
                BillLine.objects.filter(bill__standard_id__in=ids, bill__issued_on__lte=today)
                .exclude(item__in=items)
                .select_related("bill__household__building", "bill__project")
            )
        enterprise_at = serving_enterprise({line.bill.project_id for line in found})
        for line in found:
            bill = line.bill
            start = start_of_day(bill.period_start)
            yield FindingDraft(
                check_id=self.check_id,
                subject=f"billline:{line.pk}",
                subject_name=str(bill),
                period_start=start,
                period_end=None,
                message=_("%(bill)s收取了收费标准以外的项目“%(item)s”%(amount)s元")
                % {"bill": bill, "item": line.get_item_display(), "amount": line.amount},
                project_id=bill.project_id,
                enterprise_id=enterprise_at(bill.project_id, start),
                division_id=bill.project.division_id,
                evidence=[f"finance.bill:{line.bill_id}"],
            )


@register("1.5.receipt_issued")
class ReceiptIssued(Check):
    """Every payment carries a receipt or invoice number (a later correction may add it)."""

    incremental = True

    def run(self, as_of, projects):
        payments = Payment.objects.filter(
            receipt_number="", corrections__isnull=True, occurred_at__lte=as_of
        ).select_related("household__building", "project")
        if projects is not None:
            payments = payments.filter(project_id__in=projects)
        payments = list(payments)
        enterprise_at = serving_enterprise({payment.project_id for payment in payments})
        for payment in payments:
            yield FindingDraft(
                check_id=self.check_id,
                subject=f"payment:{payment.pk}",
                subject_name=str(payment.household),
                period_start=payment.occurred_at,
                period_end=None,
                message=_("%(household)s %(day)s缴费%(amount)s元，没有开具收据或发票")
                % {
                    "household": payment.household,
                    "day": day(timezone.localdate(payment.occurred_at)),
                    "amount": payment.amount,
                },
                project_id=payment.project_id,
                enterprise_id=enterprise_at(payment.project_id, payment.occurred_at),
                division_id=payment.project.division_id,
                evidence=[f"finance.payment:{payment.pk}"],
            )


@register("1.6.fee_change_notice")
class FeeChangeNotice(Check):
    """A changed standard (not a project's first of its kind) was published ``notice_before`` months
    before it took effect (fees_deadlines.fee_notice_deadline): one finding per late change."""

    incremental = True

    def run(self, as_of, projects):
        today = timezone.localdate(as_of)
        earlier = FeeStandard.objects.filter(
            project=OuterRef("project"),
            property_kind=OuterRef("property_kind"),
            effective_from__lt=OuterRef("effective_from"),
        )
        changes = FeeStandard.objects.filter(Exists(earlier), published_on__lte=today)
        if projects is not None:
            changes = changes.filter(project_id__in=projects)
        by_division = defaultdict(list)
        for pk, division in changes.values_list("pk", "project__division_id"):
            by_division[division].append(pk)
        for division, ids in by_division.items():
            notice = int(param(self.check_id, "notice_before", division, today))
            late = (
                FeeStandard.objects.filter(pk__in=ids)
                .filter(published_on__gt=fee_notice_deadline_sql(F("effective_from"), notice))
                .select_related("project")
            )
            enterprise_at = serving_enterprise({standard.project_id for standard in late})
            for standard in late:
                deadline = fee_notice_deadline(standard.effective_from, notice)
                start = start_of_day(deadline + datetime.timedelta(days=1))
                yield FindingDraft(
                    check_id=self.check_id,
                    subject=f"feestandard:{standard.pk}",
                    subject_name=standard.project.name,
                    period_start=start,
                    period_end=None,
                    message=_(
                        "%(project)s%(kind)s收费标准自%(effective)s起调整为%(rate)s元/㎡·月，"
                        "%(published)s才公示，应至少提前%(notice)s（%(deadline)s前）公示"
                    )
                    % {
                        "project": standard.project.name,
                        "kind": PropertyKind(standard.property_kind).label,
                        "effective": day(standard.effective_from),
                        "rate": plain(standard.rate),
                        "published": day(standard.published_on),
                        "notice": months(notice),
                        "deadline": day(deadline),
                    },
                    project_id=standard.project_id,
                    enterprise_id=enterprise_at(standard.project_id, start),
                    division_id=division,
                    evidence=[f"finance.feestandard:{standard.pk}"],
                    parameters={"notice_before": str(notice)},
                )


def serving_enterprises(today) -> dict:
    """{enterprise id: (the first day it has served a project it serves today, its division, name)}."""
    rows = (
        ServicePeriod.objects.current(today)
        .values_list("enterprise_id", "start", "enterprise__division_id", "enterprise__name")
        .order_by("start")
    )
    found = {}
    for enterprise_id, start, division, name in rows:
        found.setdefault(enterprise_id, (start, division, name))
    return found


RULES_WORDS = {
    "missing": gettext_lazy("%(enterprise)s自%(start)s起没有财务管理制度"),
    "lapsed": gettext_lazy("%(enterprise)s的财务管理制度超过%(period)s未更新，自%(start)s起不再现行"),
    "closed": gettext_lazy("%(enterprise)s %(start)s至%(end)s没有现行的财务管理制度"),
}


@register("1.5.financial_rules")
class FinancialRulesCurrent(Check):
    """Every enterprise serving a project has financial rules issued within ``max_age``."""

    def run(self, as_of, projects):
        today = timezone.localdate(as_of)
        serving = serving_enterprises(today)
        groups = defaultdict(list)
        for enterprise_id, (_start, division, _name) in serving.items():
            value = int(param(self.check_id, "max_age", division, today))
            groups[value * 12].append(enterprise_id)  # the catalogue gives it in years
        for period, ids in groups.items():
            records = FinancialRules.objects.filter(
                enterprise_id__in=ids, occurred_at__lte=as_of, corrections__isnull=True
            )
            starts = {(pk,): serving[pk][0] for pk in ids}
            for lapse in lapses(records, ["enterprise_id"], period, starts, today):
                (enterprise_id,) = lapse.key
                _start, division, name = serving[enterprise_id]
                values = {"enterprise": name, "period": months(period), "start": day(lapse.start)}
                if lapse.end is not None:
                    message = str(RULES_WORDS["closed"]) % {**values, "end": day(lapse.end)}
                elif lapse.before_id is not None:
                    message = str(RULES_WORDS["lapsed"]) % values
                else:
                    message = str(RULES_WORDS["missing"]) % values
                yield FindingDraft(
                    check_id=self.check_id,
                    subject=f"enterprise:{enterprise_id}",
                    subject_name=name,
                    period_start=start_of_day(lapse.start),
                    period_end=start_of_day(lapse.end) if lapse.end else None,
                    message=message,
                    enterprise_id=enterprise_id,
                    division_id=division,
                    evidence=[
                        f"finance.financialrules:{pk}" for pk in (lapse.before_id, lapse.after_id) if pk
                    ],
                    parameters={"max_age": str(period // 12)},
                )


@register("1.5.tax_certificate")
class TaxCertificateFiled(Check):
    """Every enterprise serving a project since a tax year has that year's tax certificate on file once
    it is due (fees_deadlines.tax_certificate_due); the last tax year is looked at."""

    def run(self, as_of, projects):
        today = timezone.localdate(as_of)
        year = today.year - 1
        serving = serving_enterprises(today)
        filed = set(
            TaxCertificate.objects.filter(
                enterprise_id__in=serving, tax_year=year, corrections__isnull=True, recorded_at__lte=as_of
            ).values_list("enterprise_id", flat=True)
        )
        for enterprise_id, (start, division, name) in serving.items():
            file_within = int(param(self.check_id, "file_within", division, today))
            due = tax_certificate_due(year, file_within)
            if enterprise_id in filed or today <= due or start > datetime.date(year, 12, 31):
                continue
            yield FindingDraft(
                check_id=self.check_id,
                subject=f"enterprise:{enterprise_id}",
                subject_name=name,
                period_start=start_of_day(due + datetime.timedelta(days=1)),
                period_end=None,
                message=_("%(enterprise)s未上传%(year)s年度完税证明（应于%(due)s前上传）")
                % {"enterprise": name, "year": year, "due": day(due)},
                enterprise_id=enterprise_id,
                division_id=division,
                parameters={"file_within": str(file_within)},
            )
