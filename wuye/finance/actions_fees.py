"""Use cases of fees: save a standard, bill a household or a whole project for a period, record a payment,
file financial rules and tax certificates. Each takes the acting user and refuses what he may not write."""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import DecimalField, ExpressionWrapper, F, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from wuye.core.actions import save_record
from wuye.core.evidence import BULK_BATCH, append_evidence
from wuye.estates.models import Household, Project
from wuye.finance.choices_fees import FeeItem, PropertyKind
from wuye.finance.fees_money import line_amount
from wuye.finance.models.fees import Bill, BillLine, FeeItemRate, FeeStandard, Payment, standard_in_force
from wuye.finance.models.notices import FeeNotice

ZERO = Value(Decimal("0.00"), output_field=DecimalField(max_digits=14, decimal_places=2))


@transaction.atomic
def save_standard(user, standard: FeeStandard, item_rates: dict | None = None) -> FeeStandard:
    """Create or change a fee standard inside the user's write scope (validated, with history), with the
    approved rates of its other items (``{item: rate}``; given: they replace the stored ones)."""
    save_record(user, standard)
    if item_rates is not None:
        standard.item_rates.all().delete()
        rates = [FeeItemRate(standard=standard, item=item, rate=rate) for item, rate in item_rates.items()]
        for rate in rates:
            rate.full_clean()
        FeeItemRate.objects.bulk_create(rates)
    return standard


def save_notice(user, notice: FeeNotice) -> FeeNotice:
    """Post a version of a project's fee notice inside the user's write scope (validated, with history)."""
    return save_record(user, notice)


def ensure_project_writable(user, project_id: int) -> None:
    if not Project.objects.writable_by(user).filter(pk=project_id).exists():
        raise PermissionDenied


def bill_lines_for(standard: FeeStandard, area: Decimal, months: int) -> list[BillLine]:
    """The lines of a new bill by the one rule (fees_money): the property service fee at the standard's
    rate, and each other item with an approved rate (``standard.item_rates``, prefetch it for many)."""
    lines = [
        BillLine(
            item=FeeItem.PROPERTY_SERVICE,
            rate=standard.rate,
            amount=line_amount(standard.rate, area, months),
        )
    ]
    lines += [
        BillLine(item=item_rate.item, rate=item_rate.rate, amount=line_amount(item_rate.rate, area, months))
        for item_rate in standard.item_rates.all()
    ]
    return lines


@transaction.atomic
def issue_bill(
    user,
    household: Household,
    period_start: datetime.date,
    *,
    months: int = 1,
    kind=PropertyKind.RESIDENTIAL,
    project: Project | None = None,
    issued_on=None,
    extra_lines=(),
) -> Bill:
    """Bill one household for ``months`` months from ``period_start`` under the standard in force then.

    ``project`` is the project the biller is working in: a household of another project is refused.
    """
    if project is not None and household.project_id != project.pk:
        raise ValidationError({"household": _("该房屋不属于本项目，不能出账。")})
    ensure_project_writable(user, household.project_id)
    standard = standard_in_force(household.project_id, kind, period_start)
    if standard is None:
        raise ValidationError({"period_start": _("该期间没有生效的收费标准，请先录入收费标准。")})
    bill = Bill(
        household=household,
        standard=standard,
        period_start=period_start,
        months=months,
        area=household.area,
        issued_on=issued_on or timezone.localdate(),
    )
    bill.full_clean()
    bill._history_user = user
    bill.save()
    lines = [*bill_lines_for(standard, household.area, months), *extra_lines]
    for line in lines:
        line.bill = bill
        line.full_clean()
    BillLine.objects.bulk_create(lines)
    return bill


@transaction.atomic
def generate_bills(
    user, project: Project, period_start: datetime.date, *, months: int = 1, kind=PropertyKind.RESIDENTIAL
) -> list[Bill]:
    """生成账单: bill every household of the project not yet billed for this period, all or nothing."""
    ensure_project_writable(user, project.pk)
    standard = standard_in_force(project.pk, kind, period_start)
    if standard is None:
        raise ValidationError({"period_start": _("该期间没有生效的收费标准，请先录入收费标准。")})
    if period_start.day != 1:
        raise ValidationError({"period_start": _("计费起始月须为某月1日。")})
    billed = Bill.objects.filter(project=project, period_start=period_start).values("household_id")
    households = list(Household.objects.filter(project=project).exclude(pk__in=billed).order_by("pk"))
    today = timezone.localdate()
    bills = bulk_create_with_history(
        [
            Bill(
                household=household,
                project_id=project.pk,
                standard=standard,
                period_start=period_start,
                months=months,
                area=household.area,
                issued_on=today,
            )
            for household in households
        ],
        Bill,
        batch_size=BULK_BATCH,
        default_user=user,
    )
    lines = []
    for bill in bills:
        for line in bill_lines_for(standard, bill.area, months):
            line.bill = bill
            lines.append(line)
    BillLine.objects.bulk_create(lines)
    return bills


@transaction.atomic
def record_payment(user, payment: Payment, *, channel: str, now=None) -> Payment:
    """Append a household's payment (amount > 0) to the project's evidence chain."""
    household = payment.household
    if not Household.objects.writable_by(user).filter(pk=household.pk).exists():
        raise PermissionDenied
    payment.project_id = household.project_id
    if payment.amount is None or payment.amount <= 0:
        raise ValidationError({"amount": _("缴费金额必须大于0。")})
    append_evidence(payment, user=user, channel=channel, now=now)
    return payment


def file_enterprise_record(user, record, *, channel: str, now=None):
    """Append financial rules or a tax certificate of an enterprise the user may write for."""
    from wuye.enterprises.models import Enterprise

    if not Enterprise.objects.writable_by(user).filter(pk=record.enterprise_id).exists():
        raise PermissionDenied
    with transaction.atomic():
        return append_evidence(record, user=user, channel=channel, now=now)


def with_balance(households):
    """Households annotated with billed, paid and balance (paid − billed; > 0 is prepaid), in SQL."""
    billed = (
        BillLine.objects.filter(bill__household=OuterRef("pk"))
        .order_by()
        .values("bill__household")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    paid = (
        Payment.objects.filter(household=OuterRef("pk"), corrections__isnull=True)
        .order_by()
        .values("household")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    money = DecimalField(max_digits=14, decimal_places=2)
    households = households.annotate(
        billed=Coalesce(Subquery(billed, output_field=money), ZERO),
        paid=Coalesce(Subquery(paid, output_field=money), ZERO),
    )
    return households.annotate(balance=ExpressionWrapper(F("paid") - F("billed"), output_field=money))
