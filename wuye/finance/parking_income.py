"""Parking income against the half-year statements (2.6), in one place for the checks and the pages.

A statement's figure on a level-1 account is its stated level-1 line, else the sum of its level-2 lines
(as ``validation_statements.income_and_expense``). Parking income shown is the figure on 4003 停车收入.
The **shortfall** of property fees is max(0, total expense − property-fee income (4001) − common income
(4002)); the parking income **owed** to it is min(parking income shown, shortfall).

Rent received in a half year is the rent paid (``paid_on``) in it for spaces that are the owners' common
property: a developer's or an owner's own space earns him, not the estate.
"""

from decimal import Decimal

from django.db.models import (
    Case,
    DecimalField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest, Least

from wuye.finance.choices_parking import SpaceOwnership
from wuye.finance.choices_statements import AccountKind
from wuye.finance.models import ParkingRentPayment, StatementLine

FEE_INCOME, COMMON_INCOME, PARKING_INCOME = "4001", "4002", "4003"
MONEY = DecimalField(max_digits=14, decimal_places=2)
ZERO = Value(Decimal("0.00"), output_field=MONEY)


def counted_lines():
    """Lines that make up level-1 figures: the level-1 lines, and level-2 lines whose parent is not stated."""
    stated_parent = StatementLine.objects.filter(
        statement=OuterRef("statement"), account=OuterRef("account__parent")
    )
    return StatementLine.objects.filter(Q(account__parent=None) | ~Exists(stated_parent))


def figure(condition: Q):
    """The statement's (OuterRef pk) total of counted lines matching ``condition``: a subquery."""
    total = (
        counted_lines()
        .filter(condition, statement=OuterRef("pk"))
        .values("statement")
        .annotate(s=Sum("amount"))
        .values("s")
    )
    return Coalesce(Subquery(total, output_field=MONEY), ZERO, output_field=MONEY)


def under(code: str) -> Q:
    return Q(account__code=code) | Q(account__parent__code=code)


def rent_received():
    """Rent of common spaces paid in the statement's (OuterRef) project and half year: a subquery."""
    payments = (
        ParkingRentPayment.objects.filter(
            project=OuterRef("project"),
            paid_on__year=OuterRef("year"),
            lease__space__ownership=SpaceOwnership.COMMON,
        )
        .annotate(half=Case(When(paid_on__month__lte=6, then=1), default=2, output_field=IntegerField()))
        .filter(half=OuterRef("half"))
        .values("project")
        .annotate(s=Sum("amount"))
        .values("s")
    )
    return Coalesce(Subquery(payments, output_field=MONEY), ZERO, output_field=MONEY)


def with_parking_figures(statements):
    """Statements annotated with ``fee_income``, ``common_income``, ``expense``, ``parking`` (shown on
    4003), ``rent`` (received in the half year), ``shortfall`` and ``owed``: one query."""
    return statements.annotate(
        fee_income=figure(under(FEE_INCOME)),
        common_income=figure(under(COMMON_INCOME)),
        expense=figure(Q(account__kind=AccountKind.EXPENSE)),
        parking=figure(under(PARKING_INCOME)),
        rent=rent_received(),
    ).annotate(
        shortfall=Greatest(F("expense") - F("fee_income") - F("common_income"), ZERO, output_field=MONEY),
        owed=Least(F("parking"), F("shortfall"), output_field=MONEY),
    )


def shortfall_and_owed(expense: Decimal, fee_income: Decimal, common_income: Decimal, parking: Decimal):
    """The same rule in Python (the demo, the pages): (shortfall, parking income owed to it)."""
    shortfall = max(Decimal("0.00"), expense - fee_income - common_income)
    return shortfall, min(parking, shortfall)
