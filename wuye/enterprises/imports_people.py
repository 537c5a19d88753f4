"""Excel import of a payroll (工资发放表): one row per employee and month, all or nothing.

Columns: 姓名, 身份证号 (as the platform shows it, 150102********1234, or in full), 工资月份, 实发金额,
发放日期, 发放方式. The employee is found among the enterprise's staff by name and masked ID number (one
query for the file), and the employment that covers the month; a name and number that match nobody, or a
month outside every employment, is refused with its row; a month already paid, in the file or stored, too.
"""

import datetime
import re
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wuye.core import spreadsheets as xl
from wuye.core.spreadsheets.importing import Problem
from wuye.core.validators import mask_citizen_id
from wuye.enterprises.models import Employment, PaymentMethod, WagePayment

MASKED = re.compile(r"^\d{6}\*{8}[\dX]{4}$")


def masked(raw: str) -> str:
    """The platform's mask of a typed number (full or already masked); "" if it is neither."""
    text = re.sub(r"\s+", "", raw or "").upper()
    if MASKED.match(text):
        return text
    if re.fullmatch(r"\d{17}[\dX]", text):
        return mask_citizen_id(text)
    return ""


class PayrollImport(xl.ImportSpec):
    """An enterprise's payroll: the wages paid to each employee for a month."""

    name, title, model = "payroll", gettext_lazy("工资发放表"), WagePayment
    columns = [
        xl.Text(
            "staff_name", gettext_lazy("姓名"), required=True, max_length=50, example=gettext_lazy("张三")
        ),
        xl.Text(
            "id_number",
            gettext_lazy("身份证号"),
            required=True,
            max_length=18,
            example="150102********1234",
            help=gettext_lazy("可填写完整号码，或平台显示的脱敏号码"),
        ),
        xl.Date("month", gettext_lazy("工资月份"), required=True, example=datetime.date(2025, 3, 1)),
        xl.Number(
            "amount",
            gettext_lazy("实发金额（元）"),
            required=True,
            min_value=Decimal("0.01"),
            max_digits=12,
            decimal_places=2,
            example=Decimal("4200.00"),
        ),
        xl.Date(
            "paid_on",
            gettext_lazy("发放日期"),
            required=True,
            not_future=True,
            example=datetime.date(2025, 4, 10),
        ),
        xl.Choice("method", gettext_lazy("发放方式"), choices=PaymentMethod, example="bank"),
    ]

    def check_file(self, rows, context) -> None:
        employments = {}
        for employment in Employment.objects.filter(staff__enterprise=context.enterprise).select_related(
            "staff"
        ):
            employments.setdefault((employment.staff.name, employment.staff.id_number_masked), []).append(
                employment
            )
        months = {}
        for row in rows:
            values = row.values
            if not values.get("staff_name") or not values.get("month"):
                continue
            values["month"] = values["month"].replace(day=1)
            key = (values["staff_name"], masked(values.get("id_number") or ""))
            candidates = employments.get(key, [])
            if not candidates:
                row.problems.append(
                    Problem(
                        row.number, str(self.columns[0].header), _("本企业没有姓名和身份证号与此相符的员工。")
                    )
                )
                continue
            month = values["month"]
            covering = [
                e
                for e in candidates
                if e.start_date.replace(day=1) <= month and (e.ended_on is None or e.ended_on >= month)
            ]
            if not covering:
                row.problems.append(
                    Problem(row.number, str(self.columns[2].header), _("该员工在此月份不在职。"))
                )
                continue
            values["employment"] = covering[0]
            seen = months.setdefault((covering[0].pk, month), row.number)
            if seen != row.number:
                row.problems.append(
                    Problem(
                        row.number, str(self.columns[2].header), _("与第 %(row)s 行重复。") % {"row": seen}
                    )
                )
        stored = set(
            WagePayment.objects.filter(
                employment_id__in={pk for pk, _month in months}, month__in={m for _pk, m in months}
            ).values_list("employment_id", "month")
        )
        for row in rows:
            employment = row.values.get("employment")
            if employment is not None and (employment.pk, row.values["month"]) in stored:
                row.problems.append(
                    Problem(row.number, str(self.columns[2].header), _("该员工该月份的工资已登记。"))
                )

    def build(self, values, context):
        return WagePayment(
            employment=values["employment"],
            month=values["month"],
            amount=values["amount"],
            paid_on=values["paid_on"],
            method=values.get("method") or PaymentMethod.BANK,
        )

    def trusted_fields(self, context):
        return ["employment"]

    def save(self, records, context):
        from django.core.exceptions import PermissionDenied

        if not context.user.is_superuser and context.enterprise.pk not in _enterprise_ids(context.user):
            raise PermissionDenied
        return super().save(records, context)


def _enterprise_ids(user):
    from wuye.core.scoping import scope_of

    return scope_of(user).enterprise_ids
