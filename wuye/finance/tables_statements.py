"""A statement as it is read: the two-level table (income, then expense; each level-1 account with its
stated total, the sum of its level-2 lines and those lines) and the chart's data. One query for the lines,
one for the accounts."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from wuye.finance.actions_statements import accounts_for
from wuye.finance.choices_statements import AccountKind
from wuye.finance.validation_statements import income_and_expense, to_fen


@dataclass
class Group:
    """A level-1 account of a statement: its stated total, its level-2 lines and their sum."""

    account: object
    stated: Decimal | None = None
    lines: list = field(default_factory=list)

    @property
    def summed(self) -> Decimal:
        return to_fen(sum((amount for _account, amount in self.lines), Decimal("0")))

    @property
    def total(self) -> Decimal:
        return self.stated if self.stated is not None else self.summed

    @property
    def level1_only(self) -> bool:
        return bool(self.stated) and not self.lines

    @property
    def mismatch(self) -> bool:
        return self.stated is not None and bool(self.lines) and self.stated != self.summed


def statement_table(statement, lines=None) -> dict:
    """{"income": [Group], "expense": [Group], "income_total", "expense_total", "chart"}.

    ``lines``: the statement's lines with their accounts and parents when already read (a page of many
    statements prefetches them all at once); read here otherwise."""
    if lines is None:
        lines = statement.lines.select_related("account__parent")
    amounts = {line.account: line.amount for line in lines}
    groups = {}
    for account, amount in sorted(amounts.items(), key=lambda item: (item[0].position, item[0].code)):
        top = account if account.parent_id is None else account.parent
        group = groups.setdefault(top.pk, Group(top))
        if account.parent_id is None:
            group.stated = amount
        else:
            group.lines.append((account, amount))
    ordered = sorted(groups.values(), key=lambda g: (g.account.position, g.account.code))
    income, expense = income_and_expense(amounts)
    table = {
        "income": [g for g in ordered if g.account.kind == AccountKind.INCOME],
        "expense": [g for g in ordered if g.account.kind == AccountKind.EXPENSE],
        "income_total": income,
        "expense_total": expense,
    }
    table["sections"] = [
        ("income", _("收入"), table["income"], income),
        ("expense", _("支出"), table["expense"], expense),
    ]
    table["chart"] = {
        kind: [{"name": g.account.name, "value": str(g.total)} for g in table[kind]]
        for kind in ("income", "expense")
    }
    return table


def account_groups(project_id: int):
    """The accounts a statement form shows: [(level-1 account, [its level-2 accounts])], in order."""
    accounts = list(accounts_for(project_id).order_by("position", "code"))
    tops = [a for a in accounts if a.parent_id is None]
    return [(top, [a for a in accounts if a.parent_id == top.pk]) for top in tops]
