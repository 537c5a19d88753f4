"""Records of 4.3 fire equipment and passages; 4.4 lightning and flood protection.

- **Fire equipment** (消防设施): extinguishers (with their type, production date and how many stand at
  the place), hydrants, the alarm, sprinkler and smoke-control systems, emergency lighting, fire doors
  and the fire control room (消防控制室). Each is checked every month (``FireEquipmentCheck``: ok, or
  faulty with the problem and a photo, which opens a defect); the systems get a full test by a
  qualified body every year (``FireSystemTest``, with its report).
- **Fire passages** (消防通道): checked for obstruction (``FirePassageCheck``: clear, or blocked with a
  photo, which opens a defect to be cleared within 24 h).
- **Lightning** (防雷装置) and **flood protection** (防涝器材): tested or checked every year (every six
  months where there is explosion or fire risk), with tester, result and report; a failure opens a
  defect.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from wuye.core.evidence import Channel, EvidenceRecord
from wuye.core.models import within
from wuye.estates.models import Project
from wuye.safety.choices_fire import (
    FULL_TEST_KINDS,
    CheckResult,
    ExtinguisherType,
    FireEquipmentKind,
    FloodKind,
    LightningKind,
    PassageOutcome,
    TestResult,
)
from wuye.safety.models.assets import ProjectAsset
from wuye.safety.models.assets import claim_after_service as claim_after_start

__all__ = [
    "FireEquipment",
    "FireEquipmentCheck",
    "FirePassage",
    "FirePassageCheck",
    "FireSystemTest",
    "FloodCheck",
    "FloodProtection",
    "LightningProtection",
    "LightningTest",
    "fire_control_rooms",
]

PHOTO_EXTENSIONS = ("jpg", "jpeg", "png", "webp", "heic")
REPORT_EXTENSIONS = ("pdf", "jpg", "jpeg", "png")


def claim_after_service(asset, occurred_at) -> None:
    """Refuse a record of an asset taken out of use, or claiming a time before it was put in service."""
    if not asset.active:
        raise ValidationError(_("“%(asset)s”已停用，不能再登记记录。") % {"asset": asset.name})
    claim_after_start(asset, occurred_at)


def check_upload(stored, extensions, field: str = "attachment") -> None:
    """A new upload must be one of ``extensions`` and at most settings.MAX_SCAN_SIZE (stored files pass)."""
    if not stored or getattr(stored, "_committed", True):
        return
    if stored.name.rsplit(".", 1)[-1].lower() not in extensions:
        raise ValidationError(
            {
                field: _("附件须为以下格式之一：%(kinds)s。")
                % {"kinds": pgettext("list separator", "、").join(extensions).upper()}
            }
        )
    if stored.size > settings.MAX_SCAN_SIZE:
        raise ValidationError(
            {field: _("附件不得超过 %(mb)d MB。") % {"mb": settings.MAX_SCAN_SIZE // (1024 * 1024)}}
        )


class RecordsAfterService:
    """An asset whose records must stay after its ``in_service_from`` when the date is edited."""

    record_relations: tuple[str, ...] = ()

    def clean(self):
        super().clean()
        if not (self.pk and self.in_service_from):
            return
        for relation in self.record_relations:
            first = getattr(self, relation).order_by("occurred_at").values_list("occurred_at", flat=True)[:1]
            for when in first:
                if timezone.localtime(when).date() < self.in_service_from:
                    raise ValidationError(
                        {
                            "in_service_from": _("已有%(date)s的记录，投用日期不能晚于该日。")
                            % {"date": timezone.localtime(when).date()}
                        }
                    )


# -- 4.3 fire equipment ---------------------------------------------------------------------------------


class FireEquipment(RecordsAfterService, ProjectAsset):
    """A fire facility of a project (消防设施): an extinguisher point, a hydrant, a fire system, a door, the
    fire control room; checked every month."""

    project = models.ForeignKey(
        Project, verbose_name=_("项目"), on_delete=models.CASCADE, related_name="fire_equipment"
    )
    kind = models.CharField(_("类别"), max_length=20, choices=FireEquipmentKind.choices)
    extinguisher_type = models.CharField(
        _("灭火器类型"), max_length=20, choices=ExtinguisherType.choices, blank=True
    )
    production_date = models.DateField(_("出厂日期"), null=True, blank=True)
    quantity = models.PositiveSmallIntegerField(
        _("数量"), default=1, validators=[MinValueValidator(1)], help_text=_("该位置的具数（灭火器）或个数")
    )

    record_relations = ("checks", "full_tests")

    class Meta:
        verbose_name = _("消防设施")
        verbose_name_plural = _("消防设施")
        ordering = ["project", "kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "name"],
                name="fireequipment_unique_name",
                violation_error_message=_("消防设施名称重复。"),
            )
        ]
        indexes = [models.Index(fields=["kind", "active"], name="fireequipment_kind_active")]

    def get_absolute_url(self):
        return reverse("fire-equipment-detail", args=[self.pk])

    def clean(self):
        super().clean()
        errors = {}
        if self.kind == FireEquipmentKind.EXTINGUISHER:
            if not self.extinguisher_type:
                errors["extinguisher_type"] = _("请选择灭火器类型。")
            if self.production_date is None:
                errors["production_date"] = _("请填写灭火器的出厂日期（见瓶身标签）。")
            elif self.production_date > timezone.localdate():
                errors["production_date"] = _("出厂日期不能晚于今天。")
            elif self.in_service_from and self.in_service_from < self.production_date:
                errors["in_service_from"] = _("投用日期不能早于出厂日期。")
        elif self.extinguisher_type:
            errors["extinguisher_type"] = _("只有灭火器填写灭火器类型。")
        if errors:
            raise ValidationError(errors)

    @property
    def is_full_tested(self) -> bool:
        return self.kind in FULL_TEST_KINDS


def fire_control_rooms():
    """The fire control rooms (消防控制室) in use; clause 1.3 asks for fire-facility operators where one is.

    ``fire_control_rooms().filter(project=project).exists()`` answers "does this project have one".
    """
    return FireEquipment.objects.filter(kind=FireEquipmentKind.CONTROL_ROOM, active=True)


class FireEquipmentCheck(EvidenceRecord):
    """The monthly check of one fire facility: ok, or faulty with the problem and a photo (opens a defect)."""

    equipment = models.ForeignKey(
        FireEquipment, verbose_name=_("消防设施"), on_delete=models.PROTECT, related_name="checks"
    )
    result = models.CharField(_("检查结果"), max_length=10, choices=CheckResult.choices)
    problem = models.CharField(_("发现的问题"), max_length=200, blank=True)
    inspector = models.CharField(_("检查人"), max_length=50)

    chain_attr = "equipment.project_id"

    class Meta(EvidenceRecord.Meta):
        verbose_name = _("消防设施月检")
        verbose_name_plural = _("消防设施月检")
        ordering = ["-occurred_at"]
        indexes = [
            models.Index(fields=["equipment", "occurred_at"], name="firecheck_equipment_time"),
            models.Index(fields=["recorded_at"], name="firecheck_recorded"),
        ]

    def __str__(self):
        return f"{self.equipment} {timezone.localtime(self.occurred_at):%Y-%m-%d} {self.get_result_display()}"

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        return within("equipment", FireEquipment, scope, write=write)

    def division_code(self):
        return self.equipment.project.division_id

    def validate_claim(self):
        claim_after_service(self.equipment, self.occurred_at)
        if self.result == CheckResult.FAULTY:
            if not self.problem.strip():
                raise ValidationError({"problem": _("请写明发现的问题。")})
            # A paper log typed into an Excel import has no photo to give: its row says what was wrong,
            # the record is marked as imported, and the defect it opens is fixed like any other.
            if not self.attachment and self.channel != Channel.IMPORT:
                raise ValidationError({"attachment": _("发现故障时请拍照上传。")})
        check_upload(self.attachment, PHOTO_EXTENSIONS)


class FireSystemTest(EvidenceRecord):
    """The yearly full test of a fire system (全面检测) by a qualified body, with its report."""

    equipment = models.ForeignKey(
        FireEquipment, verbose_name=_("消防系统"), on_delete=models.PROTECT, related_name="full_tests"
    )
    tester = models.CharField(_("检测单位"), max_length=100)
    report_number = models.CharField(_("报告编号"), max_length=60, blank=True)
    result = models.CharField(_("检测结论"), max_length=10, choices=TestResult.choices)
    problems = models.TextField(_("不合格项"), blank=True)

    chain_attr = "equipment.project_id"
    backfill_check = "4.3.full_test"

    class Meta(EvidenceRecord.Meta):
        verbose_name = _("消防系统年度检测")
        verbose_name_plural = _("消防系统年度检测")
        ordering = ["-occurred_at"]
        indexes = [
            models.Index(
                fields=["equipment", "occurred_at", "backfilled", "id"], name="firetest_equipment_time"
            ),
            models.Index(fields=["recorded_at"], name="firetest_recorded"),
        ]

    def __str__(self):
        return f"{self.equipment} {timezone.localtime(self.occurred_at):%Y-%m-%d} {self.get_result_display()}"

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        return within("equipment", FireEquipment, scope, write=write)

    def division_code(self):
        return self.equipment.project.division_id

    def validate_claim(self):
        if self.equipment.kind not in FULL_TEST_KINDS:
            raise ValidationError(
                {"equipment": _("年度全面检测只针对火灾自动报警、自动喷水灭火和防排烟系统。")}
            )
        claim_after_service(self.equipment, self.occurred_at)
        validate_test(self)


def validate_test(record, *, report_required: bool = True) -> None:
    """A failed test names what failed; a test by a qualified body comes with its report."""
    if record.result == TestResult.FAILED and not record.problems.strip():
        raise ValidationError({"problems": _("检测不合格时请写明不合格项。")})
    if report_required and not record.attachment:
        raise ValidationError({"attachment": _("请上传检测报告（PDF 或照片）。")})
    check_upload(record.attachment, REPORT_EXTENSIONS)


# -- 4.3 fire passages --------------------------------------------------------------------------------


class FirePassage(RecordsAfterService, ProjectAsset):
    """A fire passage (消防通道、消防车道) of a project, to be kept clear at all times."""

    project = models.ForeignKey(
        Project, verbose_name=_("项目"), on_delete=models.CASCADE, related_name="fire_passages"
    )

    record_relations = ("checks",)

    class Meta:
        verbose_name = _("消防通道")
        verbose_name_plural = _("消防通道")
        ordering = ["project", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "name"],
                name="firepassage_unique_name",
                violation_error_message=_("消防通道名称重复。"),
            )
        ]

    def get_absolute_url(self):
        return reverse("fire-passage-detail", args=[self.pk])


class FirePassageCheck(EvidenceRecord):
    """A check of a fire passage: clear, or blocked with what blocks it and a photo (opens a defect)."""

    passage = models.ForeignKey(
        FirePassage, verbose_name=_("消防通道"), on_delete=models.PROTECT, related_name="checks"
    )
    outcome = models.CharField(_("检查结果"), max_length=10, choices=PassageOutcome.choices)
    note = models.CharField(_("占用情况"), max_length=200, blank=True)
    inspector = models.CharField(_("检查人"), max_length=50)

    chain_attr = "passage.project_id"

    class Meta(EvidenceRecord.Meta):
        verbose_name = _("消防通道检查")
        verbose_name_plural = _("消防通道检查")
        ordering = ["-occurred_at"]
        indexes = [models.Index(fields=["passage", "occurred_at"], name="passagecheck_passage_time")]

    def __str__(self):
        return f"{self.passage} {timezone.localtime(self.occurred_at):%Y-%m-%d %H:%M} {self.get_outcome_display()}"

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        return within("passage", FirePassage, scope, write=write)

    def division_code(self):
        return self.passage.project.division_id

    def validate_claim(self):
        claim_after_service(self.passage, self.occurred_at)
        if self.outcome == PassageOutcome.BLOCKED:
            if not self.note.strip():
                raise ValidationError({"note": _("请写明占用情况，如：私家车占用、堆放杂物。")})
            if not self.attachment:
                raise ValidationError({"attachment": _("通道被占用时请拍照上传。")})
        check_upload(self.attachment, PHOTO_EXTENSIONS)


# -- 4.4 lightning and flood protection ------------------------------------------------------------------


class LightningProtection(RecordsAfterService, ProjectAsset):
    """Lightning protection (防雷装置) of a building or place, tested by a qualified body every year, or every
    six months where there is explosion or fire risk (防雷减灾管理办法 Art. 19)."""

    project = models.ForeignKey(
        Project, verbose_name=_("项目"), on_delete=models.CASCADE, related_name="lightning_protection"
    )
    kind = models.CharField(
        _("类别"), max_length=20, choices=LightningKind.choices, default=LightningKind.BUILDING
    )
    hazardous = models.BooleanField(
        _("有爆炸、火灾危险"),
        default=False,
        help_text=_("如燃气调压站、锅炉房、油库：每半年检测一次；其他每年一次"),
    )

    record_relations = ("tests",)

    class Meta:
        verbose_name = _("防雷装置")
        verbose_name_plural = _("防雷装置")
        ordering = ["project", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "name"],
                name="lightning_unique_name",
                violation_error_message=_("防雷装置名称重复。"),
            )
        ]

    def get_absolute_url(self):
        return reverse("lightning-detail", args=[self.pk])


class FloodProtection(RecordsAfterService, ProjectAsset):
    """Flood protection equipment (防涝器材): barriers, sandbags, pumps, drains, checked every year."""

    project = models.ForeignKey(
        Project, verbose_name=_("项目"), on_delete=models.CASCADE, related_name="flood_protection"
    )
    kind = models.CharField(_("类别"), max_length=20, choices=FloodKind.choices)

    record_relations = ("checks",)

    class Meta:
        verbose_name = _("防涝器材")
        verbose_name_plural = _("防涝器材")
        ordering = ["project", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "name"],
                name="flood_unique_name",
                violation_error_message=_("防涝器材名称重复。"),
            )
        ]

    def get_absolute_url(self):
        return reverse("flood-detail", args=[self.pk])


class ProtectionTest(EvidenceRecord):
    """Abstract: a test or check of protection equipment: who tested it, the result, what failed, a report."""

    tester = models.CharField(_("检测单位或检查人"), max_length=100)
    report_number = models.CharField(_("报告编号"), max_length=60, blank=True)
    result = models.CharField(_("结论"), max_length=10, choices=TestResult.choices)
    problems = models.TextField(_("不合格项"), blank=True)

    class Meta(EvidenceRecord.Meta):
        abstract = True

    def __str__(self):
        return (
            f"{self.protection} {timezone.localtime(self.occurred_at):%Y-%m-%d} {self.get_result_display()}"
        )

    def division_code(self):
        return self.protection.project.division_id


class LightningTest(ProtectionTest):
    """A test of lightning protection by a qualified body (防雷检测), with its report."""

    protection = models.ForeignKey(
        LightningProtection, verbose_name=_("防雷装置"), on_delete=models.PROTECT, related_name="tests"
    )

    chain_attr = "protection.project_id"
    backfill_check = "4.4.lightning_test"

    class Meta(ProtectionTest.Meta):
        verbose_name = _("防雷检测")
        verbose_name_plural = _("防雷检测")
        ordering = ["-occurred_at"]
        indexes = [
            models.Index(fields=["protection", "occurred_at", "backfilled", "id"], name="lightningtest_time"),
            models.Index(fields=["recorded_at"], name="lightningtest_recorded"),
        ]

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        return within("protection", LightningProtection, scope, write=write)

    def validate_claim(self):
        claim_after_service(self.protection, self.occurred_at)
        validate_test(self)


class FloodCheck(ProtectionTest):
    """The yearly check of flood protection equipment (in working order, enough of it), a photo optional."""

    protection = models.ForeignKey(
        FloodProtection, verbose_name=_("防涝器材"), on_delete=models.PROTECT, related_name="checks"
    )

    chain_attr = "protection.project_id"
    backfill_check = "4.4.flood_check"

    class Meta(ProtectionTest.Meta):
        verbose_name = _("防涝检查")
        verbose_name_plural = _("防涝检查")
        ordering = ["-occurred_at"]
        indexes = [
            models.Index(fields=["protection", "occurred_at", "backfilled", "id"], name="floodcheck_time"),
            models.Index(fields=["recorded_at"], name="floodcheck_recorded"),
        ]

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        return within("protection", FloodProtection, scope, write=write)

    def validate_claim(self):
        claim_after_service(self.protection, self.occurred_at)
        validate_test(self, report_required=False)
        check_upload(self.attachment, REPORT_EXTENSIONS + ("webp", "heic"))
