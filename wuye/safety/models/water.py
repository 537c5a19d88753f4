"""Clause 4.6 secondary water supply and clause 4.7 sewers and septic tanks.

- A **water tank** (水箱、水池) is an asset: a qualified laboratory tests its water at most 6 months
  apart (**water test**: the seven routine items of GB 17051-1997 §4.2, each held to the GB 5749 limits,
  see ``safety.water_limits``), and it is cleaned and disinfected at most 6 months apart (**tank
  cleaning**).
- An owner's **water-quality report** (异味、变色) opens a ``Defect`` under 4.6.odour_ticket_closed that
  a ``DefectFix`` closes; a **pollution incident** must be reported to the authority within hours
  (**pollution report**).
- Sewers are at every estate: the project itself owes a **sewer check** each month and a **sewer
  flush** each quarter. A **septic tank** is an asset of the projects that have one, emptied each quarter
  (**septic emptying**).
"""

import re

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wuye.core.evidence import EvidenceRecord
from wuye.core.models import within
from wuye.estates.models import Project
from wuye.estates.records import ProjectRecord as BaseProjectRecord
from wuye.safety.models.assets import ProjectAsset, claim_after_service

__all__ = [
    "WaterTank",
    "WaterTest",
    "TankCleaning",
    "WaterQualityReport",
    "PollutionIncident",
    "PollutionReport",
    "SewerCheck",
    "SewerFlush",
    "SepticTank",
    "SepticEmptying",
]

# 检验检测机构资质认定证书编号: 12 digits since 2015; older certificates carry letters too.
CMA_NUMBER = re.compile(r"^[0-9A-Za-z]{6,20}$")


class TankKind(models.TextChoices):
    ROOF = "roof", _("屋顶水箱")
    UNDERGROUND = "underground", _("地下水池")
    PUMP_ROOM = "pump_room", _("泵房水箱")


class WaterQualityComplaint(models.TextChoices):
    ODOUR = "odour", _("异味")
    COLOUR = "colour", _("变色、浑浊")
    BOTH = "both", _("异味且变色")


class WaterTank(ProjectAsset):
    """A tank or reservoir of the secondary water supply (二次供水水箱): tested and cleaned every 6 months."""

    project = models.ForeignKey(
        Project, verbose_name=_("项目"), on_delete=models.CASCADE, related_name="water_tanks"
    )
    kind = models.CharField(_("类型"), max_length=20, choices=TankKind.choices)
    capacity = models.DecimalField(
        _("容积（m³）"), max_digits=7, decimal_places=1, validators=[MinValueValidator(0)]
    )
    serves = models.CharField(_("供水范围"), max_length=100, blank=True, help_text=_("如：1–6号楼高区"))

    class Meta:
        verbose_name = _("二次供水水箱")
        verbose_name_plural = _("二次供水水箱")
        ordering = ["project", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "name"],
                name="watertank_unique_name",
                violation_error_message=_("水箱名称重复。"),
            )
        ]

    def get_absolute_url(self):
        return reverse("water-tank-detail", args=[self.pk])

    def clean(self):
        first_record_after_start(self, [self.tests, self.cleanings])


def first_record_after_start(asset, relations) -> None:
    """An asset's start may not move after a record already kept about it (a claim before it existed)."""
    if not asset.pk or not asset.in_service_from:
        return
    firsts = [r.order_by("occurred_at").values_list("occurred_at", flat=True).first() for r in relations]
    firsts = [timezone.localtime(moment).date() for moment in firsts if moment is not None]
    if firsts and min(firsts) < asset.in_service_from:
        raise ValidationError(
            {"in_service_from": _("已有%(date)s的记录，投用日期不能晚于该日。") % {"date": min(firsts)}}
        )


class TankRecord(EvidenceRecord):
    """Abstract: a record about one water tank, in its project's chain, not before the tank was in use."""

    chain_attr = "tank.project_id"

    class Meta(EvidenceRecord.Meta):
        abstract = True

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        return within("tank", WaterTank, scope, write=write)

    def division_code(self):
        return self.tank.project.division_id

    def validate_claim(self):
        claim_after_service(self.tank, self.occurred_at)


class WaterTest(TankRecord):
    """A laboratory's test of a tank's water: who tested it, when it was sampled, the seven routine items."""

    tank = models.ForeignKey(
        WaterTank, verbose_name=_("水箱"), on_delete=models.PROTECT, related_name="tests"
    )
    laboratory = models.CharField(_("检测机构"), max_length=100)
    laboratory_cma = models.CharField(
        _("资质认定证书编号（CMA）"),
        max_length=20,
        help_text=_("检测报告上 CMA 标志下的编号，通常为12位数字"),
    )
    report_number = models.CharField(_("报告编号"), max_length=50, blank=True)
    sample_point = models.CharField(
        _("采样点"), max_length=100, blank=True, help_text=_("如：水箱出水口、末梢水龙头")
    )
    # The seven routine items of GB 17051-1997 §4.2, in the units of GB 5749 (safety.water_limits).
    colour = models.DecimalField(
        _("色度（度）"), max_digits=5, decimal_places=1, validators=[MinValueValidator(0)]
    )
    turbidity = models.DecimalField(
        _("浑浊度（NTU）"), max_digits=6, decimal_places=2, validators=[MinValueValidator(0)]
    )
    odour_visible_matter = models.BooleanField(
        _("臭和味、肉眼可见物"), help_text=_("检出异臭异味或肉眼可见物为“有”")
    )
    ph = models.DecimalField(
        _("pH"), max_digits=4, decimal_places=2, validators=[MinValueValidator(0), MaxValueValidator(14)]
    )
    total_coliforms = models.BooleanField(_("总大肠菌群检出"))
    total_bacteria = models.PositiveIntegerField(_("菌落总数（CFU/mL）"))
    residual_chlorine = models.DecimalField(
        _("游离余氯（mg/L）"), max_digits=5, decimal_places=2, validators=[MinValueValidator(0)]
    )

    backfill_check = "4.6.water_test"

    class Meta(TankRecord.Meta):
        verbose_name = _("水质检测")
        verbose_name_plural = _("水质检测")
        ordering = ["-occurred_at"]
        indexes = [models.Index(fields=["tank", "occurred_at"], name="watertest_tank_time")]

    def __str__(self):
        return f"{self.tank} {timezone.localtime(self.occurred_at):%Y-%m-%d}"

    def validate_claim(self):
        super().validate_claim()
        if not CMA_NUMBER.match((self.laboratory_cma or "").strip()):
            raise ValidationError(
                {"laboratory_cma": _("请填写检测机构的资质认定证书编号（6–20位数字或字母）。")}
            )


class TankCleaning(TankRecord):
    """A tank cleaned and disinfected (清洗消毒): by whom, with what, with its photo or report."""

    tank = models.ForeignKey(
        WaterTank, verbose_name=_("水箱"), on_delete=models.PROTECT, related_name="cleanings"
    )
    contractor = models.CharField(_("清洗单位"), max_length=100)
    disinfectant = models.CharField(_("消毒剂"), max_length=60, help_text=_("如：次氯酸钠、二氧化氯"))
    note = models.TextField(_("情况说明"), blank=True)

    backfill_check = "4.6.tank_cleaning"

    class Meta(TankRecord.Meta):
        verbose_name = _("水箱清洗消毒")
        verbose_name_plural = _("水箱清洗消毒")
        ordering = ["-occurred_at"]
        indexes = [models.Index(fields=["tank", "occurred_at"], name="tankcleaning_tank_time")]

    def __str__(self):
        return f"{self.tank} {timezone.localtime(self.occurred_at):%Y-%m-%d}"


class ProjectRecord(BaseProjectRecord):
    """Abstract: a record about a project as a whole, in its chain, named by project and time."""

    class Meta(BaseProjectRecord.Meta):
        abstract = True

    def __str__(self):
        return f"{self.project.name} {timezone.localtime(self.occurred_at):%Y-%m-%d %H:%M}"


class WaterQualityReport(ProjectRecord):
    """An owner's report of odour or discoloured water (异味、变色): it opens a defect to close within 24 h.

    The service desk creates one from an owner's ticket (``safety.actions_water.open_water_quality_report``);
    staff record one taken by phone. ``occurred_at`` is when it was reported.
    """

    project = models.ForeignKey(
        Project, verbose_name=_("项目"), on_delete=models.PROTECT, related_name="water_quality_reports"
    )
    tank = models.ForeignKey(
        WaterTank,
        verbose_name=_("水箱"),
        on_delete=models.PROTECT,
        related_name="quality_reports",
        null=True,
        blank=True,
    )
    complaint = models.CharField(_("问题"), max_length=10, choices=WaterQualityComplaint.choices)
    description = models.TextField(_("情况"))
    reporter = models.CharField(_("反映人"), max_length=50)
    place = models.CharField(_("位置"), max_length=100, blank=True, help_text=_("如：3号楼2单元501"))
    ticket = models.CharField(_("来源工单"), max_length=60, blank=True, editable=False)

    class Meta(ProjectRecord.Meta):
        verbose_name = _("水质异常反映")
        verbose_name_plural = _("水质异常反映")
        ordering = ["-occurred_at"]

    def validate_claim(self):
        if self.tank_id is not None and self.tank.project_id != self.project_id:
            raise ValidationError({"tank": _("水箱不属于该项目。")})


class PollutionIncident(ProjectRecord):
    """A pollution of the secondary water supply (污染事故), to be reported to the authority at once."""

    project = models.ForeignKey(
        Project, verbose_name=_("项目"), on_delete=models.PROTECT, related_name="pollution_incidents"
    )
    tank = models.ForeignKey(
        WaterTank,
        verbose_name=_("水箱"),
        on_delete=models.PROTECT,
        related_name="pollution_incidents",
        null=True,
        blank=True,
    )
    description = models.TextField(_("污染情况"))
    measures = models.TextField(_("处置措施"), blank=True, help_text=_("如：停止供水、通知住户、封存水样"))

    class Meta(ProjectRecord.Meta):
        verbose_name = _("二次供水污染事故")
        verbose_name_plural = _("二次供水污染事故")
        ordering = ["-occurred_at"]

    def validate_claim(self):
        if self.tank_id is not None and self.tank.project_id != self.project_id:
            raise ValidationError({"tank": _("水箱不属于该项目。")})


class PollutionReport(EvidenceRecord):
    """A pollution incident reported to the authority: when (``occurred_at``), to whom, who took it."""

    incident = models.ForeignKey(
        PollutionIncident, verbose_name=_("污染事故"), on_delete=models.PROTECT, related_name="reports"
    )
    authority = models.CharField(_("报告部门"), max_length=100, help_text=_("如：区卫生健康委、区住建局"))
    received_by = models.CharField(_("接报人"), max_length=50, blank=True)
    note = models.TextField(_("报告情况"), blank=True)

    chain_attr = "incident.project_id"

    class Meta(EvidenceRecord.Meta):
        verbose_name = _("污染事故报告")
        verbose_name_plural = _("污染事故报告")
        ordering = ["-occurred_at"]

    def __str__(self):
        return f"{self.incident} → {self.authority}"

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        return within("incident", PollutionIncident, scope, write=write)

    def division_code(self):
        return self.incident.project.division_id

    def validate_claim(self):
        if self.occurred_at < self.incident.occurred_at:
            raise ValidationError({"occurred_at": _("报告时间不能早于发现污染的时间。")})


class SewerCheck(ProjectRecord):
    """The monthly check of a project's sewers and drains (排污管道排查) and what it found."""

    project = models.ForeignKey(
        Project, verbose_name=_("项目"), on_delete=models.PROTECT, related_name="sewer_checks"
    )
    inspector = models.CharField(_("排查人"), max_length=50)
    problems = models.TextField(_("发现的问题"), blank=True, help_text=_("无问题请留空"))

    class Meta(ProjectRecord.Meta):
        verbose_name = _("排污管道排查")
        verbose_name_plural = _("排污管道排查")
        ordering = ["-occurred_at"]
        indexes = [models.Index(fields=["project", "occurred_at"], name="sewercheck_project_time")]


class SewerFlush(ProjectRecord):
    """The quarterly flushing of a project's sewers (排污管道冲洗): by whom, which lines."""

    project = models.ForeignKey(
        Project, verbose_name=_("项目"), on_delete=models.PROTECT, related_name="sewer_flushes"
    )
    contractor = models.CharField(_("作业单位"), max_length=100)
    extent = models.CharField(_("冲洗范围"), max_length=100, help_text=_("如：全部主管道及检查井"))
    note = models.TextField(_("情况说明"), blank=True)

    class Meta(ProjectRecord.Meta):
        verbose_name = _("排污管道冲洗")
        verbose_name_plural = _("排污管道冲洗")
        ordering = ["-occurred_at"]
        indexes = [models.Index(fields=["project", "occurred_at"], name="sewerflush_project_time")]


class SepticTank(ProjectAsset):
    """A septic tank (化粪池) of a project, emptied every quarter."""

    project = models.ForeignKey(
        Project, verbose_name=_("项目"), on_delete=models.CASCADE, related_name="septic_tanks"
    )
    capacity = models.DecimalField(
        _("容积（m³）"),
        max_digits=7,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )

    class Meta:
        verbose_name = _("化粪池")
        verbose_name_plural = _("化粪池")
        ordering = ["project", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "name"],
                name="septictank_unique_name",
                violation_error_message=_("化粪池名称重复。"),
            )
        ]

    def get_absolute_url(self):
        return reverse("septic-tank-detail", args=[self.pk])

    def clean(self):
        first_record_after_start(self, [self.emptyings])


class SepticEmptying(EvidenceRecord):
    """A septic tank emptied (清掏): by whom, how much was taken away."""

    septic_tank = models.ForeignKey(
        SepticTank, verbose_name=_("化粪池"), on_delete=models.PROTECT, related_name="emptyings"
    )
    contractor = models.CharField(_("清掏单位"), max_length=100)
    volume = models.DecimalField(
        _("清掏量（m³）"),
        max_digits=7,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    note = models.TextField(_("情况说明"), blank=True)

    chain_attr = "septic_tank.project_id"

    class Meta(EvidenceRecord.Meta):
        verbose_name = _("化粪池清掏")
        verbose_name_plural = _("化粪池清掏")
        ordering = ["-occurred_at"]
        indexes = [models.Index(fields=["septic_tank", "occurred_at"], name="septicemptying_tank_time")]

    def __str__(self):
        return f"{self.septic_tank} {timezone.localtime(self.occurred_at):%Y-%m-%d}"

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        return within("septic_tank", SepticTank, scope, write=write)

    def division_code(self):
        return self.septic_tank.project.division_id

    def validate_claim(self):
        claim_after_service(self.septic_tank, self.occurred_at)
