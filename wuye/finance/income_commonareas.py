"""Common-area income per half year and account: what the disclosure page shows and what the check
2.5.income_disclosed compares with the published statements. One query."""

import datetime
from collections import defaultdict

from django.db.models import Case, CharField, Exists, IntegerField, OuterRef, Sum, Value, When
from django.db.models.functions import ExtractMonth, ExtractYear
from django.db.models.lookups import LessThanOrEqual

from wuye.finance.choices_commonareas import COMMON_INCOME, INCOME_ACCOUNT
from wuye.finance.choices_statements import StatementStatus
from wuye.finance.models import CommonAreaIncome, Statement
from wuye.finance.validation_statements import to_fen


def half_of(day):
    """1 for January–June, 2 for July–December, of a date expression."""
    return Case(
        When(LessThanOrEqual(ExtractMonth(day), 6), then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )


def with_half(incomes):
    return incomes.annotate(year=ExtractYear("received_on"), half=half_of("received_on"))


def account_of_kind():
    whens = [When(use__kind=kind, then=Value(code)) for kind, code in INCOME_ACCOUNT.items()]
    return Case(*whens, default=Value(COMMON_INCOME), output_field=CharField())


def income_by_half(incomes):
    """Rows (project id, year, half, account code, total) of incomes annotated by ``with_half``."""
    return (
        incomes.annotate(account=account_of_kind())
        .values("project_id", "year", "half", "account")
        .annotate(total=Sum("amount"))
        .order_by("project_id", "year", "half", "account")
        .values_list("project_id", "year", "half", "account", "total")
    )


def common_income_by_half(project, *, published_only: bool = False, user=None) -> dict:
    """{(year, half): {account code: total (Decimal)}} of a project's common-area income, newest half year
    first; ``published_only``: only the half years whose statement is published (the public page).
    ``user``: read through his scope (None: the public page, which shows a project's own totals)."""
    incomes = CommonAreaIncome.objects.all() if user is None else CommonAreaIncome.objects.visible_to(user)
    incomes = with_half(incomes.filter(project=project))
    if published_only:
        published = Statement.objects.filter(
            project=project,
            status__in=(StatementStatus.PUBLISHED, StatementStatus.SUPERSEDED),
            year=OuterRef("year"),
            half=OuterRef("half"),
        )
        incomes = incomes.filter(Exists(published))
    halves = defaultdict(dict)
    for _project, year, half, account, total in income_by_half(incomes):
        halves[(year, half)][account] = to_fen(total)
    return dict(sorted(halves.items(), reverse=True))


def half_start(day: datetime.date) -> datetime.date:
    return datetime.date(day.year, 1 if day.month <= 6 else 7, 1)
