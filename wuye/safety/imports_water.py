"""Excel imports and exports of clause 4.6: a project's water tanks, and batches of lab water tests.

The tanks are a register (bulk-created with history, names unique in the project). The tests are
evidence, appended through ``record_water_tests``: chained, channel ``import``, back-filled when older
than the 4.6 limit. A test names its tank by name, looked up among the project's tanks the user sees;
its seven routine values are held to what the page's fields accept (units in the headers); whether
they meet the GB 5749 limits is the check's business (4.6.water_quality), as for a test typed in.
"""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils.translation import gettext_lazy

from wuye.core import spreadsheets as xl
from wuye.core.evidence import Channel
from wuye.safety.actions_water import record_water_tests
from wuye.safety.models import WaterTank, WaterTest
from wuye.safety.models.water import TankKind

EXAMPLE_TIME = datetime.datetime(2026, 3, 2, 9, 30, tzinfo=ZoneInfo("Asia/Shanghai"))
TANK_EXAMPLE = gettext_lazy("1号屋顶水箱")
# The two yes/no items as the page's two buttons say them (forms_water.detected_field).
ODOUR = [(False, gettext_lazy("无")), (True, gettext_lazy("有"))]
COLIFORMS = [(False, gettext_lazy("未检出")), (True, gettext_lazy("检出"))]


class WaterTankImport(xl.ImportSpec):
    """The secondary water supply tanks of a project (二次供水水箱登记表)."""

    name, title, model = "water-tanks", gettext_lazy("二次供水水箱"), WaterTank
    unique = ("name",)
    columns = [
        xl.Text("name", gettext_lazy("名称"), required=True, max_length=60, example=TANK_EXAMPLE),
        xl.Choice("kind", gettext_lazy("类型"), choices=TankKind, required=True, example=TankKind.ROOF),
        xl.Text("location", gettext_lazy("位置"), max_length=100, example=gettext_lazy("1号楼屋顶")),
        xl.Number(
            "capacity",
            gettext_lazy("容积（m³）"),
            required=True,
            max_digits=7,
            decimal_places=1,
            min_value=0,
            example=Decimal("18.0"),
        ),
        xl.Text("serves", gettext_lazy("供水范围"), max_length=100, example=gettext_lazy("1–6号楼高区")),
        xl.Date(
            "in_service_from",
            gettext_lazy("投用日期"),
            required=True,
            example=datetime.date(2020, 1, 1),
            help=gettext_lazy("从这一天起检查水质检测和清洗消毒（每6个月）"),
        ),
        xl.Boolean("active", gettext_lazy("在用"), example=True, help=gettext_lazy("不填视为在用")),
    ]

    def fixed(self, context):
        return {"project": context.project}

    def existing(self, context):
        return WaterTank.objects.filter(project=context.project)


class WaterTestImport(xl.EvidenceImportSpec):
    """A batch of lab water tests (水质检测记录): the reports of a laboratory typed up, one row per tank."""

    name, title, model = "water-tests", gettext_lazy("水质检测记录"), WaterTest
    columns = [
        xl.Lookup(
            "tank",
            gettext_lazy("水箱"),
            required=True,
            queryset=lambda context: (
                WaterTank.objects.visible_to(context.user)
                .filter(project=context.project)
                .select_related("project")
            ),
            not_found=gettext_lazy("本项目没有名为“%(value)s”的水箱。"),
            example=TANK_EXAMPLE,
        ),
        xl.DateTime(
            "occurred_at",
            gettext_lazy("采样时间"),
            required=True,
            not_future=True,
            example=EXAMPLE_TIME,
            help=gettext_lazy("检测报告上的采样时间；超过补录时限才导入的记录会标为补录"),
        ),
        xl.Text(
            "laboratory",
            gettext_lazy("检测机构"),
            required=True,
            max_length=100,
            example=gettext_lazy("包头市疾病预防控制中心"),
            width=24,
        ),
        xl.Text(
            "laboratory_cma",
            gettext_lazy("资质认定证书编号（CMA）"),
            required=True,
            max_length=20,
            example="160512050123",
            help=gettext_lazy("检测报告上 CMA 标志下的编号，通常为12位数字"),
        ),
        xl.Text("report_number", gettext_lazy("报告编号"), max_length=50, example="SZ2026-0301"),
        xl.Text("sample_point", gettext_lazy("采样点"), max_length=100, example=gettext_lazy("水箱出水口")),
        # The seven routine items of GB 17051-1997 §4.2, bounded as the model's fields are.
        xl.Number(
            "colour",
            gettext_lazy("色度（度）"),
            required=True,
            max_digits=5,
            decimal_places=1,
            min_value=0,
            example=Decimal("5"),
        ),
        xl.Number(
            "turbidity",
            gettext_lazy("浑浊度（NTU）"),
            required=True,
            max_digits=6,
            decimal_places=2,
            min_value=0,
            example=Decimal("0.3"),
        ),
        xl.Choice(
            "odour_visible_matter",
            gettext_lazy("臭和味、肉眼可见物"),
            choices=ODOUR,
            required=True,
            example=False,
            width=18,
        ),
        xl.Number(
            "ph",
            "pH",
            required=True,
            max_digits=4,
            decimal_places=2,
            min_value=0,
            max_value=14,
            example=Decimal("7.2"),
        ),
        xl.Choice(
            "total_coliforms", gettext_lazy("总大肠菌群"), choices=COLIFORMS, required=True, example=False
        ),
        xl.Integer(
            "total_bacteria",
            gettext_lazy("菌落总数（CFU/mL）"),
            required=True,
            min_value=0,
            max_value=2147483647,
            example=12,
        ),
        xl.Number(
            "residual_chlorine",
            gettext_lazy("游离余氯（mg/L）"),
            required=True,
            max_digits=5,
            decimal_places=2,
            min_value=0,
            example=Decimal("0.3"),
        ),
    ]

    def save(self, records, context):
        return record_water_tests(context.user, records, channel=Channel.IMPORT, now=context.now)


# What an export of tests adds to the import's columns: who recorded each test, when and how.
TEST_EXPORT_COLUMNS = [
    *WaterTestImport.columns,
    xl.DateTime("recorded_at", gettext_lazy("登记时间")),
    xl.Choice("channel", gettext_lazy("登记途径"), choices=Channel),
    xl.Boolean("backfilled", gettext_lazy("补录")),
    xl.Text("recorded_by", gettext_lazy("登记人"), export="recorded_by.full_name"),
]
