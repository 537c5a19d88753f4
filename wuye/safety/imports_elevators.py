"""Excel imports and exports of clause 4.2: a project's elevator register, and batches of its periodic
inspections and maintenance visits.

The register is registry data (bulk-created with history): a registration code is refused when another
row or any stored elevator has it, a name when the project has it already; the building is named, and
looked up among the project's buildings. Inspections and visits are evidence: appended through
``record_elevator_records`` (the single-record pages' rules: the elevator visible, the project's duties
the user's to record, ``validate_claim`` — not before the elevator's service, not in the future...),
chained, channel ``import``, back-filled when older than their duty's limit. A row names its elevator
by its registration code, among the elevators of the page's project the user sees.

Files (inspection reports, photos of maintenance sheets) cannot come through Excel: the templates say so.
"""

import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy

from wuye.compliance.parameters import preloaded
from wuye.core import spreadsheets as xl
from wuye.core.evidence import Channel
from wuye.core.spreadsheets.importing import check_unique
from wuye.estates.models import Building
from wuye.safety.actions_elevators import record_elevator_records
from wuye.safety.models import Elevator, ElevatorInspection, MaintenanceVisit
from wuye.safety.models.elevators import (
    ElevatorKind,
    InspectionResult,
    MaintenanceTier,
    normalise_registration_code,
    validate_registration_code,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")
EXAMPLE_CODE = "梯11蒙B01234(19)"
EXAMPLE_TIME = datetime.datetime(2026, 3, 1, 9, 0, tzinfo=SHANGHAI)


class RegistrationCode(xl.Text):
    """A registration code (使用登记证编号) or 20-digit device code, written as the register keeps it."""

    def parse(self, raw, context):
        try:
            return validate_registration_code(super().parse(raw, context))
        except ValidationError as error:
            raise xl.CellError(error.messages[0]) from None

    def describe(self):
        return str(gettext_lazy("使用登记证编号如 梯11蒙B01234(19)，或以3开头的20位设备代码"))


class ElevatorByCode(xl.Lookup):
    """An elevator of the page's project named by its registration code (full-width brackets and small
    letters read as the register writes them)."""

    def parse(self, raw, context):
        return normalise_registration_code(super().parse(raw, context))

    def describe(self):
        return str(gettext_lazy("电梯的使用登记证编号或设备代码，须与电梯登记表一致"))


class ElevatorImport(xl.ImportSpec):
    """The elevators of a project (电梯登记表), e.g. the register kept so far in a spreadsheet."""

    name, title, model = "elevators", gettext_lazy("电梯"), Elevator
    unique = ("registration_code",)
    columns = [
        xl.Text(
            "name",
            gettext_lazy("名称"),
            required=True,
            max_length=60,
            example=gettext_lazy("1号楼1单元1号梯"),
            help=gettext_lazy("本项目内不能重名"),
        ),
        xl.Lookup(
            "building",
            gettext_lazy("楼栋"),
            queryset=lambda context: Building.objects.visible_to(context.user).filter(
                project=context.project
            ),
            not_found=gettext_lazy("本项目没有名为“%(value)s”的楼栋。"),
            example=gettext_lazy("1号楼"),
            help=gettext_lazy("须是本项目已登记的楼栋；不在楼栋内的（如地下车库）留空"),
        ),
        xl.Text("location", gettext_lazy("位置"), max_length=100, example=gettext_lazy("1单元东侧")),
        RegistrationCode(
            "registration_code",
            gettext_lazy("使用登记证编号或设备代码"),
            max_length=30,
            example=EXAMPLE_CODE,
            help=gettext_lazy(
                "如 梯11蒙B01234(19)，或20位设备代码；不能与已登记的电梯重复；未办理使用登记的电梯留空（将计为问题）"
            ),
            width=20,
        ),
        xl.Choice(
            "kind",
            gettext_lazy("类型"),
            choices=ElevatorKind,
            example=ElevatorKind.PASSENGER,
            help=gettext_lazy("不填视为曳引式乘客电梯"),
            width=16,
        ),
        xl.Text(
            "maker",
            gettext_lazy("制造单位"),
            required=True,
            max_length=100,
            example=gettext_lazy("通力电梯有限公司"),
        ),
        xl.Text("model_number", gettext_lazy("型号"), max_length=60, example="MonoSpace 500"),
        xl.Text("serial_number", gettext_lazy("出厂编号"), max_length=60, example="40512345"),
        xl.Integer(
            "rated_load", gettext_lazy("额定载重量（kg）"), min_value=0, max_value=100000, example=1000
        ),
        xl.Integer("stops", gettext_lazy("层站数"), min_value=2, max_value=200, example=18),
        xl.Text(
            "maintenance_company",
            gettext_lazy("维保单位"),
            max_length=100,
            example=gettext_lazy("内蒙古安达电梯工程有限公司"),
        ),
        xl.Text(
            "maintenance_licence_number",
            gettext_lazy("维保单位许可证编号"),
            max_length=60,
            example="TS3315001-2028",
            help=gettext_lazy("填写许可证编号时须同时填写维保单位"),
        ),
        xl.Date(
            "maintenance_licence_valid_until",
            gettext_lazy("维保许可证有效期至"),
            example=datetime.date(2028, 12, 31),
        ),
        xl.Text(
            "rescue_phone",
            gettext_lazy("应急救援电话"),
            max_length=30,
            example="0472-96333",
            help=gettext_lazy("维保单位的24小时救援电话"),
        ),
        xl.Date(
            "in_service_from",
            gettext_lazy("投用日期"),
            required=True,
            example=datetime.date(2019, 6, 1),
            help=gettext_lazy("从这一天起检查检验、维保和标识；此前没有记录的时段都会计为问题"),
        ),
        xl.Boolean("active", gettext_lazy("在用"), example=True, help=gettext_lazy("不填视为在用")),
    ]

    def fixed(self, context):
        return {"project": context.project}

    def existing(self, context):
        # A registration code is one elevator's in the whole country, whichever project keeps it.
        return Elevator.objects.all()

    def check_file(self, rows, context):
        """A name twice in the file or already the project's (one query for the file)."""
        names = SimpleNamespace(
            unique=("name",),
            columns=self.columns,
            existing=lambda context: Elevator.objects.filter(project=context.project),
        )
        check_unique(names, rows, context)


def project_elevators(context):
    """The elevators of the page's project the user sees that have a code to be named by."""
    return (
        Elevator.objects.visible_to(context.user)
        .filter(project=context.project)
        .exclude(registration_code="")
        .select_related("project")
    )


def elevator_column():
    return ElevatorByCode(
        "elevator",
        gettext_lazy("电梯登记编号"),
        required=True,
        by="registration_code",
        queryset=project_elevators,
        not_found=gettext_lazy("本项目没有登记编号为“%(value)s”的电梯。"),
        example=EXAMPLE_CODE,
        help=gettext_lazy(
            "电梯的使用登记证编号或设备代码，须是本项目已登记的电梯；没有登记编号的电梯请在电梯页面逐条记录"
        ),
        width=20,
    )


def parameter_store(context) -> dict:
    """The check parameters one import has read (its rows' validation and its save share them)."""
    return context.extra.setdefault("parameters", {})


class ElevatorRecordImport(xl.EvidenceImportSpec):
    """Records of a project's elevators, appended as the single-record pages append them."""

    def validate(self, record, context):
        with preloaded(parameter_store(context)):  # an inspection's cycle: read once, not once a row
            super().validate(record, context)

    def save(self, records, context):
        with preloaded(parameter_store(context)):  # back-fill limits: once, not once a day
            return record_elevator_records(context.user, records, channel=Channel.IMPORT, now=context.now)


def start_of_day(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


class InspectionImport(ElevatorRecordImport):
    """A batch of periodic inspections (电梯定期检验), e.g. the certificates of past years typed up."""

    name, title, model = "elevator-inspections", gettext_lazy("电梯定期检验"), ElevatorInspection
    columns = [
        elevator_column(),
        xl.Date(
            "occurred_at",
            gettext_lazy("检验日期"),
            required=True,
            not_future=True,
            example=datetime.date(2026, 3, 1),
            help=gettext_lazy("超过补录时限才导入的检验会标为补录"),
        ),
        xl.Text(
            "inspection_body",
            gettext_lazy("检验机构"),
            required=True,
            max_length=100,
            example=gettext_lazy("内蒙古自治区特种设备检验研究院"),
            width=30,
        ),
        xl.Choice(
            "result",
            gettext_lazy("检验结论"),
            choices=InspectionResult,
            required=True,
            example=InspectionResult.PASS,
            width=16,
        ),
        xl.Date(
            "valid_until",
            gettext_lazy("下次检验日期"),
            example=datetime.date(2027, 3, 1),
            help=gettext_lazy("合格证上的下次检验日期：合格时必填，不合格时留空"),
        ),
        xl.Text(
            "report_number",
            gettext_lazy("检验报告编号"),
            max_length=60,
            example="NMTJ-DT-2026-0301",
            help=gettext_lazy(
                "检验报告文件（PDF 或照片）不能通过 Excel 导入；需要留存报告文件的，请在电梯页面逐条“登记检验”并上传"
            ),
        ),
        xl.Text("note", gettext_lazy("检验意见"), help=gettext_lazy("不合格时写明需要整改的项目"), width=30),
    ]

    def build(self, values, context):
        day = values.get("occurred_at")
        values = {**values, "occurred_at": start_of_day(day) if day else None}
        return super().build(values, context)


class MaintenanceVisitImport(ElevatorRecordImport):
    """A batch of maintenance visits (电梯维保记录), e.g. the maintenance company's sheets typed up."""

    name, title, model = "elevator-maintenance", gettext_lazy("电梯维保记录"), MaintenanceVisit
    columns = [
        elevator_column(),
        xl.DateTime(
            "occurred_at",
            gettext_lazy("维保时间"),
            required=True,
            not_future=True,
            example=EXAMPLE_TIME,
            help=gettext_lazy("超过补录时限才导入的维保会标为补录"),
        ),
        xl.Choice(
            "tier",
            gettext_lazy("维保类别"),
            choices=MaintenanceTier,
            required=True,
            example=MaintenanceTier.HALF_MONTHLY,
        ),
        xl.Text(
            "technician",
            gettext_lazy("维保人员"),
            required=True,
            max_length=50,
            example=gettext_lazy("李师傅"),
        ),
        xl.Text(
            "technician_certificate",
            gettext_lazy("作业人员证书编号"),
            required=True,
            max_length=40,
            example="T150203198001010011",
            help=gettext_lazy("特种设备作业人员证（电梯修理）编号"),
            width=22,
        ),
        xl.Text(
            "items",
            gettext_lazy("保养项目"),
            required=True,
            example=gettext_lazy("机房、轿厢、层门、井道半月保养"),
            help=gettext_lazy("维保单照片不能通过 Excel 导入；需要留存照片的，请在电梯页面逐条“记录维保”"),
            width=30,
        ),
        xl.Text(
            "problems",
            gettext_lazy("发现的问题"),
            help=gettext_lazy("没有问题不填"),
            width=30,
        ),
    ]


# What an export of records adds to the import's columns: the elevator's name, who recorded each record,
# when and how.
def _recorded_columns():
    return [
        xl.DateTime("recorded_at", gettext_lazy("登记时间")),
        xl.Choice("channel", gettext_lazy("登记途径"), choices=Channel),
        xl.Boolean("backfilled", gettext_lazy("补录")),
        xl.Text("recorded_by", gettext_lazy("登记人"), export="recorded_by.full_name"),
    ]


ELEVATOR_NAME = xl.Text("elevator_name", gettext_lazy("电梯名称"), export="elevator.name", width=18)


def inspection_day(inspection) -> datetime.date:
    return timezone.localtime(inspection.occurred_at).date()


INSPECTION_EXPORT_COLUMNS = [
    InspectionImport.columns[0],
    ELEVATOR_NAME,
    *(
        xl.Date(c.key, c.header, export=inspection_day) if c.key == "occurred_at" else c
        for c in InspectionImport.columns[1:]
    ),
    xl.Boolean(
        "has_report", gettext_lazy("有报告文件"), export=lambda inspection: bool(inspection.attachment)
    ),
    *_recorded_columns(),
]
MAINTENANCE_EXPORT_COLUMNS = [
    MaintenanceVisitImport.columns[0],
    ELEVATOR_NAME,
    *MaintenanceVisitImport.columns[1:],
    *_recorded_columns(),
]
# The register's export: the import's columns and the state the list shows (read from its annotations).
REGISTER_EXPORT_COLUMNS = [
    *ElevatorImport.columns,
    xl.Date("cover_until", gettext_lazy("检验合格证有效期至")),
    xl.Choice("last_result", gettext_lazy("最近检验结论"), choices=InspectionResult),
    xl.DateTime("last_maintained_at", gettext_lazy("最近维保")),
]
PROJECT_COLUMN = xl.Text("project", gettext_lazy("项目"), export="project.name", width=20)
