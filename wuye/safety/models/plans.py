"""Clause 3.4: emergency plans with their approval and yearly reviews, drills, incidents with the plan
started, and planned water or power stoppages with the notice given to owners.

- An **emergency plan** (应急预案) is a document of a type (fire, elevator failure, water outage, power
  outage — the four the code requires — or another). Uploading one records its approval; each yearly
  review (复核) is a **plan review**. A type is in force through one ``review_period`` after its latest
  approval or review (checks/plans.py, ``currency.in_force_through``).
- A **drill** (演练) records when, which plan, who took part and a photo.
- An **incident** (突发事件) records its type, start, end, when the plan was started and what was done;
  an incident still going on is completed later by a correction (``corrects``).
- A **stoppage notice** (停水停电通知) records a planned stoppage and when and how owners were told.

The archive (3.5), vehicles (4.5), entrance sign photos (4.1) and the content reviews of E-kind
evidence are in their own modules, exported from here (the duty's module of issue 5).
"""

import re

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wuye.core.uploads import DOCUMENT_EXTENSIONS, check_file
from wuye.estates.models import Project
from wuye.estates.records import ProjectRecord
from wuye.safety.choices_plans import NoticeMethod, PlanReviewKind, PlanType, StoppageKind
from wuye.safety.models.archive import ArchiveDocument
from wuye.safety.models.records import PHOTO_EXTENSIONS, not_after_receipt
from wuye.safety.models.reviews import ContentReview
from wuye.safety.models.signs import SignPhoto
from wuye.safety.models.vehicles import Vehicle, VehicleRules

# What people type between names: 顿号, commas and semicolons of either width, spaces, new lines.
NAME_SEPARATORS = re.compile(r"[、,，;；\s]+")

__all__ = [
    "ArchiveDocument",
    "ContentReview",
    "Drill",
    "EmergencyPlan",
    "Incident",
    "PlanReview",
    "SignPhoto",
    "StoppageNotice",
    "Vehicle",
    "VehicleRules",
]


def type_label(plan_type: str, type_name: str = "") -> str:
    """火灾, 电梯故障, ... or the name given to an "other" type (沙尘暴)."""
    return type_name if plan_type == PlanType.OTHER and type_name else str(PlanType(plan_type).label)


def check_type_name(record, field: str) -> None:
    """An "other" type is named; a named type carries no second name."""
    kind = getattr(record, field)
    record.type_name = record.type_name.strip()
    if kind == PlanType.OTHER and not record.type_name:
        raise ValidationError({"type_name": _("类型为“其他”时请填写具体类型，如：沙尘暴。")})
    if kind != PlanType.OTHER:
        record.type_name = ""


class EmergencyPlan(ProjectRecord):
    """An emergency plan of a project, as approved: its type, title, who approved it and the document."""

    project = models.ForeignKey(
        Project, verbose_name=_("项目"), on_delete=models.PROTECT, related_name="emergency_plans"
    )
    plan_type = models.CharField(_("预案类型"), max_length=20, choices=PlanType.choices)
    type_name = models.CharField(_("具体类型"), max_length=30, blank=True, help_text=_("类型为“其他”时填写"))
    title = models.CharField(_("预案名称"), max_length=100)
    approved_by = models.CharField(_("批准人"), max_length=50)

    class Meta(ProjectRecord.Meta):
        verbose_name = _("应急预案")
        verbose_name_plural = _("应急预案")
        ordering = ["-occurred_at", "-pk"]
        indexes = [models.Index(fields=["project", "plan_type", "occurred_at"], name="emergencyplan_type")]

    def __str__(self):
        return f"{self.project.name} {self.type_label} · {self.title}"

    def get_absolute_url(self):
        return reverse("emergency-plan-detail", args=[self.pk])

    @property
    def type_label(self) -> str:
        return type_label(self.plan_type, self.type_name)

    def validate_claim(self):
        check_type_name(self, "plan_type")
        check_file(self, required=True, extensions=DOCUMENT_EXTENSIONS)


class PlanReview(ProjectRecord):
    """The approval of a plan or one of its yearly reviews (复核): a plan type is in force for a review
    period after the latest. Project and type are the plan's, kept here for the check's index."""

    plan = models.ForeignKey(
        EmergencyPlan, verbose_name=_("应急预案"), on_delete=models.PROTECT, related_name="reviews"
    )
    project = models.ForeignKey(
        Project, verbose_name=_("项目"), on_delete=models.PROTECT, related_name="plan_reviews", editable=False
    )
    plan_type = models.CharField(_("预案类型"), max_length=20, choices=PlanType.choices, editable=False)
    kind = models.CharField(_("类别"), max_length=10, choices=PlanReviewKind.choices)
    reviewer = models.CharField(_("复核人"), max_length=50)
    conclusion = models.TextField(_("复核结论"), blank=True, help_text=_("如：继续有效；或修订了联系人名单"))

    chain_attr = "plan.project_id"

    class Meta(ProjectRecord.Meta):
        verbose_name = _("预案复核")
        verbose_name_plural = _("预案复核")
        ordering = ["-occurred_at", "-pk"]
        indexes = [models.Index(fields=["project", "plan_type", "occurred_at"], name="planreview_type")]

    def __str__(self):
        return f"{self.plan} {self.get_kind_display()} {timezone.localtime(self.occurred_at):%Y-%m-%d}"

    def validate_claim(self):
        if self.plan_id is None:
            raise ValidationError({"plan": _("请选择应急预案。")})
        self.project_id, self.plan_type = self.plan.project_id, self.plan.plan_type
        if self.occurred_at < self.plan.occurred_at:
            raise ValidationError({"occurred_at": _("复核时间不能早于预案批准时间。")})
        check_file(self, required=False, extensions=DOCUMENT_EXTENSIONS)


class Drill(ProjectRecord):
    """An emergency drill: when, of which plan type, who took part, what was practised, a photo."""

    project = models.ForeignKey(
        Project, verbose_name=_("项目"), on_delete=models.PROTECT, related_name="drills"
    )
    plan_type = models.CharField(_("演练类型"), max_length=20, choices=PlanType.choices)
    type_name = models.CharField(_("具体类型"), max_length=30, blank=True, help_text=_("类型为“其他”时填写"))
    participant_count = models.PositiveSmallIntegerField(_("参加人数"), validators=[MinValueValidator(1)])
    participants = models.TextField(_("参加人员"), help_text=_("姓名，用顿号或逗号分隔"))
    summary = models.TextField(_("演练情况"))

    class Meta(ProjectRecord.Meta):
        verbose_name = _("应急演练")
        verbose_name_plural = _("应急演练")
        ordering = ["-occurred_at", "-pk"]
        indexes = [models.Index(fields=["project", "occurred_at"], name="drill_project_time")]

    def __str__(self):
        return f"{self.project.name} {self.type_label} {timezone.localtime(self.occurred_at):%Y-%m-%d}"

    @property
    def type_label(self) -> str:
        return type_label(self.plan_type, self.type_name)

    def names(self) -> list[str]:
        """The names as typed, however they are separated (顿号, commas, semicolons, spaces)."""
        return [name for name in NAME_SEPARATORS.split(self.participants) if name]

    def validate_claim(self):
        check_type_name(self, "plan_type")
        names = self.names()
        if not names:
            raise ValidationError({"participants": _("请填写参加人员姓名。")})
        if self.participant_count is not None and self.participant_count < len(names):
            raise ValidationError(
                {"participant_count": _("参加人数少于所列的%(n)s个姓名。") % {"n": len(names)}}
            )
        check_file(self, required=True, extensions=PHOTO_EXTENSIONS)


class Incident(ProjectRecord):
    """An incident (突发事件): its type, start (``occurred_at``), end, when the plan was started, what was done.

    One still going on is recorded without an end and completed by a correction (``corrects``).
    """

    project = models.ForeignKey(
        Project, verbose_name=_("项目"), on_delete=models.PROTECT, related_name="incidents"
    )
    plan_type = models.CharField(_("事件类型"), max_length=20, choices=PlanType.choices)
    type_name = models.CharField(_("具体类型"), max_length=30, blank=True, help_text=_("类型为“其他”时填写"))
    ended_at = models.DateTimeField(_("结束时间"), null=True, blank=True, help_text=_("尚未结束的留空"))
    plan_started_at = models.DateTimeField(
        _("启动预案时间"), null=True, blank=True, help_text=_("未启动预案的留空")
    )
    description = models.CharField(_("事件简述"), max_length=200)
    actions = models.TextField(_("处置措施"))

    class Meta(ProjectRecord.Meta):
        verbose_name = _("突发事件")
        verbose_name_plural = _("突发事件")
        ordering = ["-occurred_at", "-pk"]
        indexes = [models.Index(fields=["project", "occurred_at"], name="incident_project_time")]

    def __str__(self):
        return f"{self.project.name} {self.type_label} {timezone.localtime(self.occurred_at):%Y-%m-%d %H:%M}"

    @property
    def type_label(self) -> str:
        return type_label(self.plan_type, self.type_name)

    def validate_claim(self):
        check_type_name(self, "plan_type")
        not_after_receipt(self, "ended_at", "plan_started_at")
        if self.ended_at is not None and self.ended_at < self.occurred_at:
            raise ValidationError({"ended_at": _("结束时间不能早于发生时间。")})
        if self.plan_started_at is not None:
            if self.plan_started_at < self.occurred_at:
                raise ValidationError({"plan_started_at": _("启动预案时间不能早于事件发生时间。")})
            if self.ended_at is not None and self.plan_started_at > self.ended_at:
                raise ValidationError({"plan_started_at": _("启动预案时间不能晚于事件结束时间。")})
        if self.corrects_id is not None and self.corrects.corrections.exists():
            raise ValidationError({"corrects": _("该记录已被更正，请更正最新的记录。")})
        check_file(self, required=False, extensions=PHOTO_EXTENSIONS)


class StoppageNotice(ProjectRecord):
    """A planned water or power stoppage and the notice to owners: ``occurred_at`` is when they were told."""

    project = models.ForeignKey(
        Project, verbose_name=_("项目"), on_delete=models.PROTECT, related_name="stoppage_notices"
    )
    kind = models.CharField(_("类别"), max_length=10, choices=StoppageKind.choices)
    planned_start = models.DateTimeField(_("计划开始时间"))
    planned_end = models.DateTimeField(_("计划结束时间"))
    method = models.CharField(_("通知方式"), max_length=20, choices=NoticeMethod.choices)
    area = models.CharField(_("影响范围"), max_length=100, help_text=_("如：1—3号楼"))
    reason = models.CharField(_("原因"), max_length=100, help_text=_("如：市政管网维修"))

    class Meta(ProjectRecord.Meta):
        verbose_name = _("停水停电通知")
        verbose_name_plural = _("停水停电通知")
        ordering = ["-planned_start", "-pk"]
        indexes = [models.Index(fields=["project", "planned_start"], name="stoppage_project_start")]

    def __str__(self):
        start = timezone.localtime(self.planned_start)
        return f"{self.project.name} {self.get_kind_display()} {start:%Y-%m-%d %H:%M}"

    @property
    def lead_time(self):
        """How long before the stoppage owners were told."""
        return self.planned_start - self.occurred_at

    def validate_claim(self):
        if self.planned_start and self.planned_end and self.planned_end <= self.planned_start:
            raise ValidationError({"planned_end": _("计划结束时间必须晚于开始时间。")})
        check_file(self, required=True, extensions=PHOTO_EXTENSIONS + ["pdf"])
