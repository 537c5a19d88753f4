"""Excel imports and exports of clause 4.3: a project's fire equipment, and batches of its monthly checks.

The equipment is a register (bulk-created with history, names unique in the project; the model's rules
per kind — an extinguisher's type and production date, no type on anything else — reported under their
columns). The checks are evidence, appended through ``record_fire_check_batch``: chained, channel
``import``; a faulty one opens its defect under 4.3.equipment_repaired as the walk does. A check names
its equipment by name, looked up among the project's equipment the user sees.
"""

import datetime
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wuye.core import spreadsheets as xl
from wuye.core.evidence import Channel
from wuye.safety.actions_fire import record_fire_check_batch
from wuye.safety.choices_fire import CheckResult, ExtinguisherType, FireEquipmentKind
from wuye.safety.models import FireEquipment, FireEquipmentCheck

EXAMPLE_TIME = datetime.datetime(2026, 3, 1, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
EQUIPMENT_EXAMPLE = gettext_lazy("1号楼1单元3层灭火器箱")


class FireEquipmentImport(xl.ImportSpec):
    """The fire equipment of a project (消防设施登记表): extinguisher points, hydrants, systems, doors."""

    name, title, model = "fire-equipment", gettext_lazy("消防设施"), FireEquipment
    unique = ("name",)
    columns = [
        xl.Text("name", gettext_lazy("名称"), required=True, max_length=60, example=EQUIPMENT_EXAMPLE),
        xl.Choice(
            "kind",
            gettext_lazy("类别"),
            choices=FireEquipmentKind,
            required=True,
            example=FireEquipmentKind.EXTINGUISHER,
            width=20,
        ),
        xl.Text("location", gettext_lazy("位置"), max_length=100, example=gettext_lazy("1号楼1单元3层")),
        xl.Choice(
            "extinguisher_type",
            gettext_lazy("灭火器类型"),
            choices=ExtinguisherType,
            example=ExtinguisherType.DRY_POWDER,
            help=gettext_lazy("仅灭火器填写"),
        ),
        xl.Date(
            "production_date",
            gettext_lazy("出厂日期"),
            example=datetime.date(2022, 5, 1),
            help=gettext_lazy("灭火器必填，见瓶身标签；据此计算报废年限"),
        ),
        xl.Integer(
            "quantity",
            gettext_lazy("数量"),
            min_value=1,
            max_value=32767,
            example=2,
            help=gettext_lazy("该位置的具数（灭火器）或个数；不填为 1"),
        ),
        xl.Date(
            "in_service_from",
            gettext_lazy("投用日期"),
            required=True,
            example=datetime.date(2022, 6, 1),
            help=gettext_lazy("从这一天起按月检查；不能早于出厂日期"),
        ),
        xl.Boolean("active", gettext_lazy("在用"), example=True, help=gettext_lazy("不填视为在用")),
    ]

    def fixed(self, context):
        return {"project": context.project}

    def existing(self, context):
        return FireEquipment.objects.filter(project=context.project)


class FireCheckImport(xl.EvidenceImportSpec):
    """A batch of monthly fire equipment checks (消防设施月检记录), e.g. a paper log typed up."""

    name, title, model = "fire-checks", gettext_lazy("消防设施月检记录"), FireEquipmentCheck
    columns = [
        xl.Lookup(
            "equipment",
            gettext_lazy("消防设施"),
            required=True,
            queryset=lambda context: (
                FireEquipment.objects.visible_to(context.user)
                .filter(project=context.project)
                .select_related("project")
            ),
            not_found=gettext_lazy("本项目没有名为“%(value)s”的消防设施。"),
            example=EQUIPMENT_EXAMPLE,
            width=24,
        ),
        xl.DateTime(
            "occurred_at",
            gettext_lazy("检查时间"),
            required=True,
            not_future=True,
            example=EXAMPLE_TIME,
        ),
        xl.Choice(
            "result", gettext_lazy("检查结果"), choices=CheckResult, required=True, example=CheckResult.OK
        ),
        xl.Text(
            "problem",
            gettext_lazy("发现的问题"),
            max_length=200,
            help=gettext_lazy("结果为“故障”时必填，会登记为隐患，须按期修复；“正常”时不填"),
            width=30,
        ),
        xl.Text(
            "inspector", gettext_lazy("检查人"), required=True, max_length=50, example=gettext_lazy("王师傅")
        ),
    ]

    def build(self, values, context):
        if values["result"] == CheckResult.OK and values["problem"]:
            raise ValidationError({"problem": _("检查结果为“正常”时不填发现的问题；有问题请选“故障”。")})
        return super().build(values, context)

    def save(self, records, context):
        return record_fire_check_batch(context.user, records, channel=Channel.IMPORT, now=context.now)
