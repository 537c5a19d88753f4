"""The rules a statement's figures obey (1.6), in one place: the actions, the form, the import and the
check's wording follow them.

Money is entered in yuan and rounded once, to the fen, half up (``to_fen``); sums are exact Decimals.
"""

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from wuye.finance.choices_statements import AccountKind

FEN = Decimal("0.01")


def to_fen(value) -> Decimal:
    """The one rounding rule: to the fen, half up (0.005 → 0.01)."""
    return Decimal(value).quantize(FEN, rounding=ROUND_HALF_UP)


def totals(amounts: dict) -> dict:
    """{level-1 account: (its stated total or None, the sum of its level-2 lines, count of level-2 lines)}."""
    sums, counts, stated = defaultdict(Decimal), defaultdict(int), {}
    for account, amount in amounts.items():
        if account.parent_id is None:
            stated[account] = amount
        else:
            sums[account.parent] += amount
            counts[account.parent] += 1
    return {top: (stated.get(top), sums[top], counts[top]) for top in set(stated) | set(sums)}


def income_and_expense(amounts: dict) -> tuple[Decimal, Decimal]:
    """Income and expense of the period: per level-1 account its stated total, else its lines' sum."""
    income = expense = Decimal("0.00")
    for top, (stated, summed, _count) in totals(amounts).items():
        value = stated if stated is not None else summed
        if top.kind == AccountKind.INCOME:
            income += value
        else:
            expense += value
    return income, expense


def problems(amounts: dict, opening: Decimal, closing: Decimal, *, publishing: bool) -> list[str]:
    """What is wrong with the figures, each in a sentence; empty when they may be saved (or published)."""
    found = []
    for top, (stated, summed, count) in sorted(totals(amounts).items(), key=lambda item: item[0].code):
        if stated is not None and count and stated != summed:
            found.append(
                _("“%(account)s”的二级科目合计 %(sum)s 元，与一级科目合计 %(total)s 元不符。")
                % {"account": str(top), "sum": summed, "total": stated}
            )
        if publishing and stated and not count:
            found.append(_("“%(account)s”只有一级科目金额，请填写到二级科目。") % {"account": str(top)})
    income, expense = income_and_expense(amounts)
    if closing - opening != income - expense:
        found.append(
            _(
                "收入 %(income)s 元减支出 %(expense)s 元为 %(change)s 元，"
                "与期末结余减期初结余 %(balance)s 元不符。"
            )
            % {"income": income, "expense": expense, "change": income - expense, "balance": closing - opening}
        )
    return found
