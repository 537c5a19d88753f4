"""Clause 4.2: elevators registered, inspected every year, maintained every 15 days, labelled, rescued fast.

- An **elevator** (电梯) is registry data (history kept): its registration code (使用登记证编号 or the
  20-digit 设备代码), maker and model, and the maintenance company with its licence.
- Its duties are proved by evidence records (append-only, server time, chained per project):
  **periodic inspections** (定期检验: the body, the result, the certificate's validity, the report),
  **maintenance visits** (维保: tier, technician and his certificate, the items done), **breakdowns**
  (故障: call, arrival and release times, people trapped, cause) and **label checks** (a photo of the
  inspection mark and operating labels).
"""

import calendar
import datetime
import re

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wuye.core.dates import add_months
from wuye.core.evidence import CLOCK_SKEW, EvidenceRecord
from wuye.core.models import within
from wuye.estates.models import Building, Project
from wuye.safety.models.assets import ProjectAsset, claim_after_service

__all__ = ["Breakdown", "Elevator", "ElevatorInspection", "ElevatorLabelCheck", "MaintenanceVisit"]


class ElevatorKind(models.TextChoices):
    """Kinds of elevator as the special-equipment catalogue (特种设备目录, category 3000) lists them."""

    PASSENGER = "passenger", _("曳引式乘客电梯")
    FREIGHT = "freight", _("曳引式载货电梯")
    FIREFIGHTER = "firefighter", _("消防员电梯")
    HYDRAULIC = "hydraulic", _("液压电梯")
    ESCALATOR = "escalator", _("自动扶梯")
    WALKWAY = "walkway", _("自动人行道")
    DUMBWAITER = "dumbwaiter", _("杂物电梯")


class InspectionResult(models.TextChoices):
    """The conclusion of a periodic inspection report (TSG T7001: 合格, 复检合格, 不合格)."""

    PASS = "pass", _("合格")
    PASS_AFTER_RECTIFICATION = "pass_after_rectification", _("整改后复检合格")
    FAIL = "fail", _("不合格")


PASSING = (InspectionResult.PASS, InspectionResult.PASS_AFTER_RECTIFICATION)


class MaintenanceTier(models.TextChoices):
    """The tiers of TSG T5002's maintenance items; every tier includes the half-monthly items."""

    HALF_MONTHLY = "half_monthly", _("半月维保")
    QUARTERLY = "quarterly", _("季度维保")
    HALF_YEARLY = "half_yearly", _("半年维保")
    YEARLY = "yearly", _("年度维保")


# TSG 08-2017 使用登记证编号: 梯 + two digits + the province's short name + a city letter + a serial
# + (two-digit year), e.g. 梯11蒙B01234(19). Before it, the 20-digit 设备代码 (注册代码) of an elevator,
# whose first digit is its catalogue category 3.
PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
CERTIFICATE_NUMBER = re.compile(rf"^梯[0-9A-Z]{{2}}[{PROVINCES}][A-Z]\d{{4,6}}(\(\d{{2}}\))?$")
DEVICE_CODE = re.compile(r"^3\d{19}$")


def normalise_registration_code(value: str) -> str:
    """Spaces gone, full-width brackets and letters made half-width, letters upper case."""
    value = "".join((value or "").split())
    value = value.replace("（", "(").replace("）", ")")
    value = "".join(chr(ord(c) - 0xFEE0) if "！" <= c <= "～" else c for c in value)
    return value.upper()


def validate_registration_code(value: str) -> str:
    code = normalise_registration_code(value)
    if CERTIFICATE_NUMBER.match(code):
        return code
    if DEVICE_CODE.match(code):
        # Digits 11–14 of a device code are the year it was made: a year to come is a typing mistake.
        year = int(code[10:14])
        if 1950 <= year <= timezone.localdate().year + 1:
            return code
    raise ValidationError(
        _("登记编号格式不正确：使用登记证编号如 梯11蒙B01234(19)，或以3开头的20位设备代码。"),
        code="format",
    )


class Elevator(ProjectAsset):
    """An elevator (电梯) of a project: its registration, its maker and who maintains it (clause 4.2)."""

    project = models.ForeignKey(
        Project, verbose_name=_("项目"), on_delete=models.CASCADE, related_name="elevators"
    )
    building = models.ForeignKey(
        Building,
        verbose_name=_("楼栋"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="elevators",
    )
    registration_code = models.CharField(
        _("使用登记证编号或设备代码"),
        max_length=30,
        blank=True,
        help_text=_("如 梯11蒙B01234(19)，或20位设备代码；未办理使用登记的电梯留空（将计为问题）"),
    )
    kind = models.CharField(
        _("类型"), max_length=20, choices=ElevatorKind.choices, default=ElevatorKind.PASSENGER
    )
    maker = models.CharField(_("制造单位"), max_length=100)
    model_number = models.CharField(_("型号"), max_length=60, blank=True)
    serial_number = models.CharField(_("出厂编号"), max_length=60, blank=True)
    rated_load = models.PositiveIntegerField(
        _("额定载重量（kg）"), null=True, blank=True, validators=[MaxValueValidator(100000)]
    )
    stops = models.PositiveSmallIntegerField(
        _("层站数"), null=True, blank=True, validators=[MinValueValidator(2), MaxValueValidator(200)]
    )
    maintenance_company = models.CharField(_("维保单位"), max_length=100, blank=True)
    maintenance_licence_number = models.CharField(_("维保单位许可证编号"), max_length=60, blank=True)
    maintenance_licence_valid_until = models.DateField(_("维保许可证有效期至"), null=True, blank=True)
    rescue_phone = models.CharField(
        _("应急救援电话"), max_length=30, blank=True, help_text=_("维保单位的24小时救援电话，张贴在轿厢内")
    )

    class Meta:
        verbose_name = _("电梯")
        verbose_name_plural = _("电梯")
        ordering = ["project", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "name"],
                name="elevator_unique_name",
                violation_error_message=_("本项目已有同名电梯。"),
            ),
            models.UniqueConstraint(
                fields=["registration_code"],
                condition=~Q(registration_code=""),
                name="elevator_unique_registration_code",
                violation_error_message=_("该登记编号已被另一部电梯使用。"),
            ),
        ]

    def get_absolute_url(self):
        return reverse("elevator-detail", args=[self.pk])

    def clean(self):
        errors = {}
        if self.registration_code:
            try:
                self.registration_code = validate_registration_code(self.registration_code)
            except ValidationError as error:
                errors["registration_code"] = error.messages
        if self.building_id and self.project_id and self.building.project_id != self.project_id:
            errors["building"] = [_("请选择本项目的楼栋。")]
        if self.maintenance_licence_number and not self.maintenance_company:
            errors["maintenance_company"] = [_("填写了许可证编号，请同时填写维保单位。")]
        if self.pk and self.in_service_from:
            first = self.first_record_day()
            if first is not None and first < self.in_service_from:
                errors["in_service_from"] = [
                    _("已有%(date)s的记录，投用日期不能晚于该日。") % {"date": first}
                ]
        if errors:
            raise ValidationError(errors)

    def first_record_day(self) -> datetime.date | None:
        """The local day of this elevator's earliest record of any kind (one query)."""
        times = [
            model.objects.filter(elevator=self).order_by().values("occurred_at")
            for model in (ElevatorInspection, MaintenanceVisit, Breakdown, ElevatorLabelCheck)
        ]
        first = times[0].union(*times[1:]).order_by("occurred_at").first()
        return timezone.localtime(first["occurred_at"]).date() if first else None

    @property
    def licence_lapsed(self) -> bool:
        until = self.maintenance_licence_valid_until
        return until is not None and until < timezone.localdate()


class ElevatorRecord(EvidenceRecord):
    """Abstract: a record about one elevator, in its project's chain, refused before it was in service."""

    elevator = models.ForeignKey(Elevator, verbose_name=_("电梯"), on_delete=models.PROTECT)

    chain_attr = "elevator.project_id"

    class Meta(EvidenceRecord.Meta):
        abstract = True

    def __str__(self):
        return f"{self.elevator} {timezone.localtime(self.occurred_at):%Y-%m-%d %H:%M}"

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        return within("elevator", Elevator, scope, write=write)

    def division_code(self):
        return self.elevator.project.division_id

    def validate_claim(self):
        claim_after_service(self.elevator, self.occurred_at)

    def not_after_receipt(self, field: str, value) -> None:
        """A time the record reports (arrival, release) cannot lie ahead of the server's clock either."""
        if value is not None and self.recorded_at and value > self.recorded_at + CLOCK_SKEW:
            raise ValidationError({field: _("时间不能晚于当前时间。")})


def end_of_month(day: datetime.date) -> datetime.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


class ElevatorInspection(ElevatorRecord):
    """A periodic inspection (定期检验) of an elevator by an inspection body: its result and certificate."""

    inspection_body = models.CharField(_("检验机构"), max_length=100)
    result = models.CharField(_("检验结论"), max_length=30, choices=InspectionResult.choices)
    valid_until = models.DateField(
        _("下次检验日期"), null=True, blank=True, help_text=_("合格证上的下次检验日期；不合格时不填")
    )
    report_number = models.CharField(_("检验报告编号"), max_length=60, blank=True)
    note = models.TextField(_("检验意见"), blank=True)

    backfill_check = "4.2.inspection_valid"

    class Meta(ElevatorRecord.Meta):
        verbose_name = _("电梯定期检验")
        verbose_name_plural = _("电梯定期检验")
        ordering = ["-occurred_at"]
        indexes = [models.Index(fields=["elevator", "occurred_at"], name="elevatorinspection_time")]
        default_related_name = "inspections"

    @property
    def passed(self) -> bool:
        return self.result in PASSING

    def validate_claim(self):
        super().validate_claim()
        if not self.passed:
            if self.valid_until is not None:
                raise ValidationError({"valid_until": _("检验不合格时没有下次检验日期，请留空。")})
            return
        if self.valid_until is None:
            raise ValidationError({"valid_until": _("检验合格时请填写合格证上的下次检验日期。")})
        day = timezone.localtime(self.occurred_at).date()
        if self.valid_until <= day:
            raise ValidationError({"valid_until": _("下次检验日期应晚于检验日期。")})
        from wuye.compliance.parameters import param  # the cycle in force is a check parameter

        years = param("4.2.inspection_valid", "period", self.division_code(), day)
        longest = end_of_month(add_months(day, 12 * int(years)))
        if self.valid_until > longest:
            raise ValidationError(
                {
                    "valid_until": _("下次检验日期不能晚于%(date)s（检验周期%(years)s年）。")
                    % {"date": longest, "years": years}
                }
            )


class MaintenanceVisit(ElevatorRecord):
    """A maintenance visit (维护保养) of an elevator: its tier, who did it and what was done."""

    tier = models.CharField(
        _("维保类别"), max_length=20, choices=MaintenanceTier.choices, default=MaintenanceTier.HALF_MONTHLY
    )
    technician = models.CharField(_("维保人员"), max_length=50)
    technician_certificate = models.CharField(
        _("作业人员证书编号"), max_length=40, help_text=_("特种设备作业人员证（电梯修理）编号")
    )
    items = models.TextField(_("保养项目"), help_text=_("如：机房、轿厢、层门、井道等半月保养项目"))
    problems = models.TextField(_("发现的问题"), blank=True)

    backfill_check = "4.2.maintenance_gap"

    class Meta(ElevatorRecord.Meta):
        verbose_name = _("电梯维保")
        verbose_name_plural = _("电梯维保")
        ordering = ["-occurred_at"]
        indexes = [
            # The rolling check reads each elevator's visits in time order (as the power rounds').
            models.Index(
                fields=["elevator", "occurred_at", "backfilled", "id"], name="maintenancevisit_time"
            ),
            models.Index(fields=["recorded_at"], name="maintenancevisit_recorded"),
        ]
        default_related_name = "maintenance_visits"

    def validate_claim(self):
        super().validate_claim()
        if not self.items.strip():
            raise ValidationError({"items": _("请填写完成的保养项目。")})


class Breakdown(ElevatorRecord):
    """A breakdown (故障) of an elevator: when the call came (``occurred_at``), when help arrived and
    when the people trapped were freed."""

    arrived_at = models.DateTimeField(_("救援人员到达时间"))
    released_at = models.DateTimeField(_("解困时间"), null=True, blank=True, help_text=_("有人被困时必填"))
    people_trapped = models.PositiveSmallIntegerField(
        _("被困人数"), default=0, validators=[MaxValueValidator(100)]
    )
    cause = models.TextField(_("故障原因"))
    rescuer = models.CharField(_("救援人员"), max_length=50, blank=True)

    backfill_check = ""  # a breakdown is recorded after the rescue: no back-fill limit of its own

    class Meta(ElevatorRecord.Meta):
        verbose_name = _("电梯故障")
        verbose_name_plural = _("电梯故障")
        ordering = ["-occurred_at"]
        indexes = [models.Index(fields=["elevator", "occurred_at"], name="breakdown_time")]
        default_related_name = "breakdowns"

    @property
    def arrival_delay(self) -> datetime.timedelta:
        return self.arrived_at - self.occurred_at

    def validate_claim(self):
        super().validate_claim()
        if self.arrived_at < self.occurred_at:
            raise ValidationError({"arrived_at": _("到达时间不能早于报警时间。")})
        self.not_after_receipt("arrived_at", self.arrived_at)
        if self.people_trapped and self.released_at is None:
            raise ValidationError({"released_at": _("有人被困时请填写解困时间。")})
        if self.released_at is not None:
            if self.released_at < self.arrived_at:
                raise ValidationError({"released_at": _("解困时间不能早于到达时间。")})
            self.not_after_receipt("released_at", self.released_at)
        if not self.cause.strip():
            raise ValidationError({"cause": _("请填写故障原因。")})


class ElevatorLabelCheck(ElevatorRecord):
    """A photo of an elevator's inspection mark and operating labels, and whether they are present and current."""

    inspection_mark_ok = models.BooleanField(_("安全检验合格标志张贴醒目且在有效期内"), default=True)
    operating_labels_ok = models.BooleanField(_("使用标志、安全注意事项和救援电话齐全清晰"), default=True)
    note = models.TextField(_("说明"), blank=True)

    backfill_check = "4.2.labels_current"

    class Meta(ElevatorRecord.Meta):
        verbose_name = _("电梯标识检查")
        verbose_name_plural = _("电梯标识检查")
        ordering = ["-occurred_at"]
        indexes = [models.Index(fields=["elevator", "occurred_at"], name="elevatorlabelcheck_time")]
        default_related_name = "label_checks"

    @property
    def complete(self) -> bool:
        return self.inspection_mark_ok and self.operating_labels_ok

    def validate_claim(self):
        super().validate_claim()
        if not self.attachment:
            raise ValidationError({"attachment": _("请上传标识照片。")})
        if not self.complete and not self.note.strip():
            raise ValidationError({"note": _("请说明缺少或过期的标识。")})
