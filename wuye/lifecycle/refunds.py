"""The one home of the refund rule (2.4): each household's prepaid balance at an exit's end date.

Prepaid balance = payments made up to the end of the end date − bills for periods starting on or
before it (bills for months after the end are not owed, so they do not count). A household whose
balance is positive is due that much back; one that owes is due nothing (the arrears are the
enterprise's to collect, not to offset against another household). Computed in one query for every
household of the project, to the fen. A bill of several months that starts on or before the end is
owed in full (the platform issues monthly bills; a longer one is the enterprise's own choice).
"""

import datetime
from decimal import Decimal

from django.db.models import DecimalField, F, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from wuye.estates.models import Household
from wuye.finance.models import BillLine, Payment

MONEY = DecimalField(max_digits=14, decimal_places=2)
ZERO = Value(Decimal("0.00"), output_field=MONEY)


def end_of_day(day: datetime.date) -> datetime.datetime:
    """The first moment after ``day`` in the local zone (payments before it count)."""
    return timezone.make_aware(datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time()))


def refunds_due(project_id: int, end: datetime.date):
    """Every household of the project with ``paid``, ``billed`` and ``due`` (the refund owed) at ``end``."""
    billed = (
        BillLine.objects.filter(bill__household=OuterRef("pk"), bill__period_start__lte=end)
        .order_by()
        .values("bill__household")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    paid = (
        Payment.objects.filter(
            household=OuterRef("pk"), corrections__isnull=True, occurred_at__lt=end_of_day(end)
        )
        .order_by()
        .values("household")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    return (
        Household.objects.filter(project_id=project_id)
        .annotate(
            billed=Coalesce(Subquery(billed, output_field=MONEY), ZERO),
            paid=Coalesce(Subquery(paid, output_field=MONEY), ZERO),
        )
        .annotate(due=Greatest(F("paid") - F("billed"), ZERO, output_field=MONEY))
    )


def refunds_due_by_household(project_id: int, end: datetime.date) -> dict[int, Decimal]:
    """{household id: refund due} for the households due something, to the fen."""
    rows = refunds_due(project_id, end).filter(due__gt=0).values_list("pk", "due")
    return {pk: Decimal(due).quantize(Decimal("0.01")) for pk, due in rows}
