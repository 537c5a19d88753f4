"""Excel imports of fee history: a project's past standards (with their approval numbers) and past bills,
all or nothing, every problem named by row and column.

- **Standards**: one row per standard (物业类型, 收费标准, 定价方式, 基准价, 浮动幅度, 允许收费项目, 批准文号,
  执行日期, 公示日期). Two standards of one kind taking effect on the same day, in the file or against
  what is stored, are refused; each row is validated as the form validates it (guided prices need base
  and range and must lie within them; published no later than in force).
- **Bills**: one row per bill line (楼栋, 房号, 物业类型, 计费起始月, 月数, 收费项目, 单价, 金额, 出账日期);
  rows of one household and month make one bill. History is recorded as it was billed: an amount that
  differs from the standard is stored as billed, and the checks find it (1.5.bill_matches_standard). A
  household outside the project, a month without a standard in force, a month already billed, an item
  twice in one bill or a negative amount is refused.
"""

import datetime
from collections import defaultdict
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history

from wuye.core import spreadsheets as xl
from wuye.core.evidence import BULK_BATCH
from wuye.core.spreadsheets.columns import listing
from wuye.estates.models import Household
from wuye.finance.choices_fees import FeeItem, PricingRegime, PropertyKind
from wuye.finance.models import Bill, BillLine, FeeItemRate, FeeStandard


def fee_item_code(text: str) -> str | None:
    for code, label in FeeItem.choices:
        if text in (str(label), code):
            return code
    return None


class FeeStandardImport(xl.ImportSpec):
    """A project's fee standards, past and present (收费标准)."""

    name, title, model = "fee-standards", gettext_lazy("收费标准"), FeeStandard
    unique = ("property_kind", "effective_from")
    columns = [
        xl.Choice(
            "property_kind",
            gettext_lazy("物业类型"),
            choices=PropertyKind,
            required=True,
            example="residential",
        ),
        xl.Number(
            "rate",
            gettext_lazy("收费标准（元/㎡·月）"),
            required=True,
            min_value=Decimal("0.0001"),
            max_digits=8,
            decimal_places=4,
            example=Decimal("1.50"),
        ),
        xl.Choice("regime", gettext_lazy("定价方式"), choices=PricingRegime, required=True, example="guided"),
        xl.Number(
            "base_rate",
            gettext_lazy("基准价（元/㎡·月）"),
            min_value=Decimal("0.0001"),
            max_digits=8,
            decimal_places=4,
            example=Decimal("1.50"),
            help=gettext_lazy("政府指导价必填"),
        ),
        xl.Number(
            "allowed_range",
            gettext_lazy("浮动幅度（%）"),
            min_value=Decimal("0"),
            max_digits=5,
            decimal_places=2,
            example=Decimal("10"),
            help=gettext_lazy("政府指导价必填，如 10 表示上下浮动10%"),
        ),
        xl.TextList(
            "fee_items",
            gettext_lazy("允许收费项目"),
            required=True,
            max_length=20,
            example=[gettext_lazy("物业服务费"), gettext_lazy("电梯运行费")],
            help=gettext_lazy(
                "用顿号隔开，可选：物业服务费、公共能耗分摊费、电梯运行费、二次供水费、停车管理费、生活垃圾处理费、其他费用"
            ),
            width=30,
        ),
        xl.Text("approval_number", gettext_lazy("批准文号"), max_length=60, example="包价字〔2024〕1号"),
        xl.Date("effective_from", gettext_lazy("执行日期"), required=True, example=datetime.date(2024, 1, 1)),
        xl.Date(
            "published_on",
            gettext_lazy("公示日期"),
            required=True,
            not_future=True,
            example=datetime.date(2023, 11, 1),
        ),
        xl.TextList(
            "item_rates",
            gettext_lazy("其他项目单价"),
            max_length=30,
            example=[gettext_lazy("电梯运行费：0.30")],
            help=gettext_lazy(
                "物业服务费以外按面积计收的项目及单价（元/㎡·月），如：电梯运行费：0.30、二次供水费：0.15"
            ),
            width=30,
        ),
    ]

    def fixed(self, context):
        return {"project": context.project}

    def existing(self, context):
        return FeeStandard.objects.filter(project=context.project)

    def build(self, values, context):
        rates = parse_item_rates(values.pop("item_rates") or [])
        items = values.pop("fee_items") or []
        codes = [fee_item_code(item) for item in items]
        unknown = [item for item, code in zip(items, codes, strict=True) if code is None]
        if unknown:
            raise ValidationError(
                {
                    "fee_items": _("没有收费项目“%(items)s”，可选：%(options)s。")
                    % {
                        "items": listing(unknown),
                        "options": listing(str(label) for _c, label in FeeItem.choices),
                    }
                }
            )
        outside = [FeeItem(item).label for item in rates if item not in codes]
        if outside:
            raise ValidationError(
                {
                    "item_rates": _("“%(items)s”不在允许收费项目之内。")
                    % {"items": listing(str(i) for i in outside)}
                }
            )
        standard = super().build({**values, "fee_items": codes}, context)
        standard.imported_rates = rates
        return standard

    def save(self, records, context):
        saved = super().save(records, context)
        FeeItemRate.objects.bulk_create(
            [
                FeeItemRate(standard=standard, item=item, rate=rate)
                for standard, record in zip(saved, records, strict=True)
                for item, rate in record.imported_rates.items()
            ]
        )
        return saved


def parse_item_rates(parts: list[str]) -> dict:
    """{item: rate} from ["电梯运行费：0.30", ...]; a ValidationError on the column for anything else."""
    rates, wrong = {}, []
    for part in parts:
        name, _sep, number = part.replace(":", "：").partition("：")
        code = fee_item_code(name.strip())
        try:
            rate = Decimal(number.strip())
        except InvalidOperation:
            rate = None
        if (
            code is None
            or code == FeeItem.PROPERTY_SERVICE
            or rate is None
            or not rate.is_finite()
            or rate <= 0
            or rate != rate.quantize(Decimal("0.0001"))
        ):
            wrong.append(part)
        else:
            rates[code] = rate
    if wrong:
        raise ValidationError(
            {
                "item_rates": _("无法识别“%(parts)s”：请写成“收费项目：单价”，如“电梯运行费：0.30”。")
                % {"parts": listing(wrong)}
            }
        )
    return rates


class BillImport(xl.ImportSpec):
    """A project's past bills, one row per bill line (历史账单)."""

    name, title, model = "bills", gettext_lazy("历史账单"), BillLine
    columns = [
        xl.Text(
            "building", gettext_lazy("楼栋"), required=True, max_length=50, example=gettext_lazy("1号楼")
        ),
        xl.Text("number", gettext_lazy("房号"), required=True, max_length=20, example="1-101"),
        xl.Choice(
            "property_kind",
            gettext_lazy("物业类型"),
            choices=PropertyKind,
            example="residential",
            help=gettext_lazy("按哪类收费标准计费，不填视为住宅"),
        ),
        xl.Date(
            "period_start",
            gettext_lazy("计费起始月"),
            required=True,
            example=datetime.date(2024, 1, 1),
            help=gettext_lazy("填该月1日"),
        ),
        xl.Integer(
            "months", gettext_lazy("月数"), min_value=1, max_value=12, example=1, help=gettext_lazy("不填为1")
        ),
        xl.Choice(
            "item",
            gettext_lazy("收费项目"),
            choices=FeeItem,
            example="property_service",
            help=gettext_lazy("不填为物业服务费"),
        ),
        xl.Number(
            "rate",
            gettext_lazy("单价（元/㎡·月）"),
            min_value=Decimal("0"),
            max_digits=8,
            decimal_places=4,
            example=Decimal("1.50"),
            help=gettext_lazy("物业服务费不填取收费标准；其他项目必填"),
        ),
        xl.Number(
            "amount",
            gettext_lazy("金额（元）"),
            required=True,
            min_value=Decimal("0"),
            max_digits=12,
            example=Decimal("180.00"),
            help=gettext_lazy("按当时实际出账金额填写"),
        ),
        xl.Date(
            "issued_on",
            gettext_lazy("出账日期"),
            required=True,
            not_future=True,
            example=datetime.date(2024, 1, 1),
        ),
    ]

    def check_file(self, rows, context):
        """Households, standards and months already billed: three queries for the whole file."""
        project = context.project
        keys = {(row.values["building"], row.values["number"]) for row in rows if not row.problems}
        households = {
            (h.building.name, h.number): h
            for h in Household.objects.filter(
                project=project, number__in={number for _b, number in keys}
            ).select_related("building")
        }
        standards = defaultdict(list)
        for standard in FeeStandard.objects.filter(project=project).order_by("effective_from"):
            standards[standard.property_kind].append(standard)
        billed = set(
            Bill.objects.filter(project=project, household__in=households.values()).values_list(
                "household_id", "period_start"
            )
        )
        header = {column.key: str(column.header) for column in self.columns}
        items_seen = {}
        for row in rows:
            if row.problems:
                continue
            values = row.values
            household = households.get((values["building"], values["number"]))
            if household is None:
                row.problems.append(
                    xl.Problem(
                        row.number,
                        header["number"],
                        _("本项目没有房屋“%(building)s %(number)s”。")
                        % {"building": values["building"], "number": values["number"]},
                    )
                )
                continue
            period = values["period_start"]
            if period.day != 1:
                row.problems.append(
                    xl.Problem(row.number, header["period_start"], _("计费起始月须为某月1日。"))
                )
                continue
            kind = values["property_kind"] or PropertyKind.RESIDENTIAL
            standard = next((s for s in reversed(standards[kind]) if s.effective_from <= period), None)
            if standard is None:
                row.problems.append(
                    xl.Problem(
                        row.number,
                        header["period_start"],
                        _("%(month)s没有生效的%(kind)s收费标准，请先导入收费标准。")
                        % {"month": f"{period:%Y-%m}", "kind": PropertyKind(kind).label},
                    )
                )
                continue
            if (household.pk, period) in billed:
                row.problems.append(
                    xl.Problem(row.number, header["period_start"], _("该房屋此期间已有账单。"))
                )
                continue
            item = values["item"] or FeeItem.PROPERTY_SERVICE
            if values["rate"] is None and item != FeeItem.PROPERTY_SERVICE:
                row.problems.append(
                    xl.Problem(row.number, header["rate"], _("物业服务费以外的项目须填写单价。"))
                )
                continue
            key = (household.pk, period, item)
            if key in items_seen:
                row.problems.append(
                    xl.Problem(
                        row.number,
                        header["item"],
                        _("与第 %(row)s 行是同一账单的同一收费项目。") % {"row": items_seen[key]},
                    )
                )
                continue
            items_seen[key] = row.number
            values |= {"household": household, "standard": standard, "property_kind": kind, "item": item}

    def build(self, values, context):
        bills = context.extra.setdefault("bills", {})
        household, period = values["household"], values["period_start"]
        bill = bills.get((household.pk, period))
        if bill is None:
            bill = Bill(
                household=household,
                project_id=household.project_id,
                standard=values["standard"],
                period_start=period,
                months=values["months"] or 1,
                area=household.area,
                issued_on=values["issued_on"],
            )
            bills[(household.pk, period)] = bill
        rate = values["rate"] if values["rate"] is not None else values["standard"].rate
        line = BillLine(item=values["item"], rate=rate, amount=values["amount"])
        line.bill_key = (household.pk, period)
        return line

    def validate(self, record, context):
        record.full_clean(exclude=["bill"], validate_unique=False, validate_constraints=False)

    def save(self, records, context):
        bills = context.extra["bills"]
        saved = bulk_create_with_history(
            list(bills.values()), Bill, batch_size=BULK_BATCH, default_user=context.user
        )
        by_key = {(bill.household_id, bill.period_start): bill for bill in saved}
        for line in records:
            line.bill = by_key[line.bill_key]
        BillLine.objects.bulk_create(records, batch_size=BULK_BATCH)
        pks = [bill.pk for bill in saved]
        if Bill.objects.writable_by(context.user).filter(pk__in=pks).count() != len(pks):
            raise PermissionDenied
        return records
