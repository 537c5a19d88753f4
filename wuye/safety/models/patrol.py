"""Clause 4.1: entrances on duty day and night, patrols around the clock, cameras that work.

- An **entrance** (出入口) has a duty **roster** of shifts; any time of any day no shift covers is a miss.
  The roster is a plan kept with history; a shift that has already ended cannot be added or changed,
  so the past cannot be filled in after a finding.
- A **patrol route** (巡更路线) has **points** (巡更点), each with a printed QR sticker. Scanning a sticker
  records a **check-in** (evidence, server time, the phone's location where the browser gives it). The
  check-ins of a route within ``round_window`` of the first one form a **round**; it is complete when
  every point of the route is in it. The rolling check looks at complete rounds.
- A **camera** (监控摄像机) gets status checks (evidence); from a check that finds it faulty to the next
  that finds it working is an outage.
"""

import math

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wuye.compliance.rosters import validate_shift
from wuye.core.evidence import EvidenceRecord
from wuye.core.models import RegistryModel, within
from wuye.core.scoping import ScopedManager
from wuye.estates.models import Project, ProjectOwned


class Entrance(ProjectOwned):
    """An entrance (出入口、门岗) of a project, staffed day and night."""

    project = models.ForeignKey(
        Project, verbose_name=_("项目"), on_delete=models.CASCADE, related_name="entrances"
    )
    name = models.CharField(_("名称"), max_length=60, help_text=_("如：东门、南门车行口"))
    location = models.CharField(_("位置"), max_length=100, blank=True)
    in_service_from = models.DateField(_("启用日期"))
    active = models.BooleanField(_("在用"), default=True)

    class Meta:
        verbose_name = _("出入口")
        verbose_name_plural = _("出入口")
        ordering = ["project", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "name"],
                name="entrance_unique_name",
                violation_error_message=_("出入口名称重复。"),
            )
        ]

    def __str__(self):
        return f"{self.project.name} {self.name}"

    def get_absolute_url(self):
        return reverse("entrance-detail", args=[self.pk])


class DutyShift(RegistryModel):
    """One shift of the entrance roster (排班): who is on duty at the entrance from ``starts_at`` to ``ends_at``."""

    entrance = models.ForeignKey(
        Entrance, verbose_name=_("出入口"), on_delete=models.CASCADE, related_name="shifts"
    )
    guard = models.CharField(_("值班人"), max_length=50)
    starts_at = models.DateTimeField(_("开始时间"))
    ends_at = models.DateTimeField(_("结束时间"))

    class Meta:
        verbose_name = _("值班班次")
        verbose_name_plural = _("值班班次")
        ordering = ["entrance", "starts_at"]
        indexes = [models.Index(fields=["entrance", "starts_at"], name="dutyshift_entrance_start")]

    def __str__(self):
        start, end = timezone.localtime(self.starts_at), timezone.localtime(self.ends_at)
        return f"{self.guard} {start:%m-%d %H:%M}–{end:%H:%M}"

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        return within("entrance", Entrance, scope, write=write)

    def clean(self):
        validate_shift(self.starts_at, self.ends_at)


class PatrolRoute(ProjectOwned):
    """A patrol route (巡更路线): the points a round must pass, at most ``period`` apart at any time of day."""

    project = models.ForeignKey(
        Project, verbose_name=_("项目"), on_delete=models.CASCADE, related_name="patrol_routes"
    )
    name = models.CharField(_("名称"), max_length=60, help_text=_("如：全区夜巡、地下车库"))
    in_service_from = models.DateField(_("启用日期"))
    active = models.BooleanField(_("在用"), default=True)

    class Meta:
        verbose_name = _("巡更路线")
        verbose_name_plural = _("巡更路线")
        ordering = ["project", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "name"],
                name="patrolroute_unique_name",
                violation_error_message=_("巡更路线名称重复。"),
            )
        ]

    def __str__(self):
        return f"{self.project.name} {self.name}"

    def get_absolute_url(self):
        return reverse("patrol-route-detail", args=[self.pk])


class PatrolPoint(RegistryModel):
    """A point of a route with its QR sticker; ``key_version`` grows when a sticker is replaced (rotated)."""

    route = models.ForeignKey(
        PatrolRoute, verbose_name=_("巡更路线"), on_delete=models.CASCADE, related_name="points"
    )
    name = models.CharField(_("名称"), max_length=60, help_text=_("如：3号楼北侧、地下车库B区"))
    order = models.PositiveSmallIntegerField(_("顺序"), default=1)
    latitude = models.DecimalField(
        _("纬度"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("经度"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    key_version = models.PositiveIntegerField(_("二维码版本"), default=1, editable=False)
    active = models.BooleanField(_("在用"), default=True)

    class Meta:
        verbose_name = _("巡更点")
        verbose_name_plural = _("巡更点")
        ordering = ["route", "order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["route", "name"],
                name="patrolpoint_unique_name",
                violation_error_message=_("巡更点名称重复。"),
            )
        ]

    def __str__(self):
        return f"{self.route.name} · {self.name}"

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        return within("route", PatrolRoute, scope, write=write)

    def clean(self):
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError({"longitude": _("经纬度要么都填，要么都不填。")})

    @property
    def project_id(self):
        return self.route.project_id

    def distance_to(self, latitude, longitude) -> float | None:
        """Metres from this point to a location (haversine), None when the point has no location."""
        if self.latitude is None or latitude is None or longitude is None:
            return None
        lat1, lon1 = math.radians(float(self.latitude)), math.radians(float(self.longitude))
        lat2, lon2 = math.radians(float(latitude)), math.radians(float(longitude))
        a = (
            math.sin((lat2 - lat1) / 2) ** 2
            + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
        )
        return 2 * 6371008.8 * math.asin(math.sqrt(min(1.0, a)))


class PatrolRound(models.Model):
    """One round of a route: the check-ins within ``round_window`` of its first one.

    Kept by ``record_check_in`` under a lock on the route, derived from the check-ins (evidence) and
    never written otherwise; ``occurred_at`` is its first check-in's server time, ``completed_at`` the
    server time of the check-in that made it complete (None: not complete). The rolling check of 4.1
    looks at complete rounds.
    """

    route = models.ForeignKey(
        PatrolRoute, verbose_name=_("巡更路线"), on_delete=models.PROTECT, related_name="rounds"
    )
    occurred_at = models.DateTimeField(_("开始时间"))
    completed_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    points_total = models.PositiveSmallIntegerField(_("应巡点数"))
    points_done = models.PositiveSmallIntegerField(_("已巡点数"), default=0)
    backfilled = models.BooleanField(_("补录"), default=False)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("巡更轮次")
        verbose_name_plural = _("巡更轮次")
        ordering = ["-occurred_at"]
        indexes = [
            # The rolling check scans each route's complete rounds in time order, from the index alone
            # (an index-only scan: rounds arrive in time order across routes, not route by route).
            models.Index(
                fields=["route", "occurred_at", "completed_at", "backfilled", "id"],
                name="patrolround_complete",
                condition=Q(completed_at__isnull=False),
            ),
            # An incremental run finds the rounds completed since the last one (completed_at: server time).
            models.Index(fields=["completed_at"], name="patrolround_completed"),
        ]

    def __str__(self):
        return f"{self.route} {timezone.localtime(self.occurred_at):%Y-%m-%d %H:%M}"

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        return within("route", PatrolRoute, scope, write=write)

    @property
    def complete(self) -> bool:
        return self.completed_at is not None


class PatrolCheckIn(EvidenceRecord):
    """A check-in at a patrol point by scanning its sticker: server time, sticker version, where the phone was."""

    point = models.ForeignKey(
        PatrolPoint, verbose_name=_("巡更点"), on_delete=models.PROTECT, related_name="check_ins"
    )
    patrol_round = models.ForeignKey(
        PatrolRound, verbose_name=_("巡更轮次"), on_delete=models.PROTECT, related_name="check_ins"
    )
    key_version = models.PositiveIntegerField(_("二维码版本"))
    latitude = models.DecimalField(_("纬度"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("经度"), max_digits=9, decimal_places=6, null=True, blank=True)
    accuracy = models.PositiveIntegerField(_("定位精度（米）"), null=True, blank=True)
    distance = models.PositiveIntegerField(_("距点位（米）"), null=True, blank=True)
    far_from_point = models.BooleanField(_("位置偏远"), default=False)

    chain_attr = "point.route.project_id"
    backfill_check = "4.1.patrol_gap"

    class Meta(EvidenceRecord.Meta):
        verbose_name = _("巡更签到")
        verbose_name_plural = _("巡更签到")
        ordering = ["-occurred_at"]
        indexes = [
            models.Index(fields=["point", "occurred_at"], name="checkin_point_time"),
            models.Index(fields=["recorded_at"], name="checkin_recorded"),
        ]

    def __str__(self):
        return f"{self.point} {timezone.localtime(self.occurred_at):%Y-%m-%d %H:%M}"

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        return within("point", PatrolPoint, scope, write=write)

    def division_code(self):
        return self.point.route.project.division_id


class Camera(ProjectOwned):
    """A CCTV camera (监控摄像机) of a project."""

    project = models.ForeignKey(
        Project, verbose_name=_("项目"), on_delete=models.CASCADE, related_name="cameras"
    )
    name = models.CharField(_("名称"), max_length=60, help_text=_("如：东门车行道、3号楼电梯厅"))
    location = models.CharField(_("位置"), max_length=100, blank=True)
    in_service_from = models.DateField(_("启用日期"))
    active = models.BooleanField(_("在用"), default=True)

    class Meta:
        verbose_name = _("监控摄像机")
        verbose_name_plural = _("监控摄像机")
        ordering = ["project", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "name"],
                name="camera_unique_name",
                violation_error_message=_("摄像机名称重复。"),
            )
        ]

    def __str__(self):
        return f"{self.project.name} {self.name}"

    def get_absolute_url(self):
        return reverse("camera-detail", args=[self.pk])


class CameraCheck(EvidenceRecord):
    """A status check of one camera: working or not, and what was wrong."""

    camera = models.ForeignKey(
        Camera, verbose_name=_("摄像机"), on_delete=models.PROTECT, related_name="checks"
    )
    working = models.BooleanField(_("运行正常"))
    note = models.CharField(_("情况说明"), max_length=200, blank=True)

    chain_attr = "camera.project_id"

    class Meta(EvidenceRecord.Meta):
        verbose_name = _("监控检查")
        verbose_name_plural = _("监控检查")
        ordering = ["-occurred_at"]
        indexes = [models.Index(fields=["camera", "occurred_at"], name="cameracheck_camera_time")]

    def __str__(self):
        state = _("正常") if self.working else _("故障")
        return f"{self.camera} {timezone.localtime(self.occurred_at):%Y-%m-%d %H:%M} {state}"

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        return within("camera", Camera, scope, write=write)

    def division_code(self):
        return self.camera.project.division_id

    def validate_claim(self):
        if timezone.localtime(self.occurred_at).date() < self.camera.in_service_from:
            raise ValidationError({"occurred_at": _("检查时间早于摄像机启用日期。")})
        if not self.working and not self.note.strip():
            raise ValidationError({"note": _("请说明故障情况。")})
