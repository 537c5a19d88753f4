"""Excel import of a draft statement's lines: one row per account (科目编码, 金额), all or nothing.

A wrong account code is named by row and column; a code twice is refused; figures that do not add up
are refused as the form refuses them (``actions_statements.save_statement``), and nothing is written.
The import replaces the draft's lines.
"""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from wuye.core import spreadsheets as xl
from wuye.finance.actions_statements import accounts_for, save_statement
from wuye.finance.models import StatementLine
from wuye.finance.validation_statements import to_fen


class StatementLineImport(xl.ImportSpec):
    name, title, model = "statement-lines", _("收支明细"), StatementLine
    unique = ("account",)
    columns = [
        xl.Lookup(
            "account",
            _("科目编码"),
            required=True,
            by="code",
            queryset=lambda c: accounts_for(c.extra["statement"].project_id),
            not_found=_("没有编码为“%(value)s”的科目。"),
            example="4001.01",
            help=_("二级科目如 4001.01；一级科目（如 4001）填合计"),
        ),
        xl.Number(
            "amount", _("金额（元）"), required=True, min_value=Decimal("0"), max_digits=14, example="1000.00"
        ),
    ]

    def build(self, values, context):
        return StatementLine(
            statement=context.extra["statement"], account=values["account"], amount=to_fen(values["amount"])
        )

    def trusted_fields(self, context):
        return ["statement", "account"]

    def save(self, records, context):
        statement = context.extra["statement"]
        save_statement(context.user, statement, {line.account.pk: line.amount for line in records})
        return list(statement.lines.all())
