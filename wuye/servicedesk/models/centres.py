"""Clauses 1.2 and 3.3: the enterprise's fixed office, each project's service centre with its hours and
24-hour phone, and the centre's duty roster.

- An **office** (办公场所) is dated: a move is a new row from the day of the move, and the old one gets
  its last day, so "where was the office on day D" has one answer (the rows keep their history too).
- A **service centre** (客户服务中心) belongs to one project; its phone is the 24-hour service phone
  published on the project's pages (3.3.phone_published looks at it).
- The centre's **roster** is a plan of shifts, kept like the entrance roster of 4.1
  (compliance/rosters.py): a shift that has ended cannot be added or removed.
"""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wuye.compliance.rosters import validate_shift
from wuye.core.models import RegistryModel, within
from wuye.enterprises.models import Enterprise, EnterpriseOwned
from wuye.estates.models import Project, ProjectOwned

__all__ = ["Office", "ServiceCentre", "CentreShift", "validate_service_phone"]

# A 24-hour line is dialled from anywhere: a mobile number, a landline with its area code (0472-1234567),
# or a nationwide 400/800 number. A landline without its area code is not enough on a public notice.
SERVICE_PHONE = re.compile(r"^(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8}|[48]00-?\d{3}-?\d{4})$")


def validate_service_phone(value: str) -> None:
    phone = re.sub(r"[\s()]", "", value or "").removeprefix("+86")
    if not SERVICE_PHONE.match(phone):
        raise ValidationError(
            _("电话号码格式不正确：手机号为11位（1开头），固定电话须带区号，如 0472-1234567。"),
            code="format",
        )


class Office(EnterpriseOwned):
    """The enterprise's fixed office (固定办公场所, 1.2) from one day (to another, when it moved)."""

    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("物业服务企业"), on_delete=models.CASCADE, related_name="offices"
    )
    address = models.CharField(_("办公地址"), max_length=200)
    phone = models.CharField(_("办公电话"), max_length=30, validators=[validate_service_phone])
    since = models.DateField(_("启用日期"))
    until = models.DateField(_("停用日期"), null=True, blank=True, help_text=_("搬离后填写最后一天"))

    class Meta:
        verbose_name = _("办公场所")
        verbose_name_plural = _("办公场所")
        ordering = ["enterprise", "-since"]
        constraints = [
            models.CheckConstraint(
                condition=Q(until__isnull=True) | Q(until__gte=models.F("since")),
                name="office_until_after_since",
                violation_error_message=_("停用日期不能早于启用日期。"),
            )
        ]
        indexes = [models.Index(fields=["enterprise", "since"], name="office_enterprise_since")]

    def __str__(self):
        return f"{self.enterprise.name} {self.address}"

    def get_absolute_url(self):
        return reverse("office-list", args=[self.enterprise_id])


class ServiceCentre(ProjectOwned):
    """A project's customer service centre (客户服务中心): address, opening hours, 24-hour service phone."""

    project = models.OneToOneField(
        Project, verbose_name=_("项目"), on_delete=models.CASCADE, related_name="service_centre"
    )
    address = models.CharField(_("地址"), max_length=200, help_text=_("如：3号楼一层东侧"))
    opening_hours = models.CharField(_("服务时间"), max_length=100, help_text=_("如：每日 8:00–18:00"))
    service_phone = models.CharField(
        _("24小时服务电话"),
        max_length=30,
        blank=True,
        validators=[validate_service_phone],
        help_text=_("公示在项目页面上；手机号或带区号的固定电话"),
    )
    opened_on = models.DateField(_("启用日期"), help_text=_("值班表自这一天起须每时每刻有人"))
    active = models.BooleanField(_("在用"), default=True)

    class Meta:
        verbose_name = _("客户服务中心")
        verbose_name_plural = _("客户服务中心")
        ordering = ["project"]
        indexes = [models.Index(fields=["active", "opened_on"], name="centre_active_opened")]

    def __str__(self):
        return _("%(project)s客户服务中心") % {"project": self.project.name}

    def get_absolute_url(self):
        return reverse("centre-detail", args=[self.pk])

    @property
    def name(self) -> str:
        return str(self)


class CentreShift(RegistryModel):
    """One shift of a service centre's roster (排班): who is on duty from ``starts_at`` to ``ends_at``."""

    centre = models.ForeignKey(
        ServiceCentre, verbose_name=_("客户服务中心"), on_delete=models.CASCADE, related_name="shifts"
    )
    attendant = models.CharField(_("值班人"), max_length=50)
    starts_at = models.DateTimeField(_("开始时间"))
    ends_at = models.DateTimeField(_("结束时间"))

    class Meta:
        verbose_name = _("客服值班班次")
        verbose_name_plural = _("客服值班班次")
        ordering = ["centre", "starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="centreshift_ends_after_start",
                violation_error_message=_("结束时间必须晚于开始时间。"),
            )
        ]
        indexes = [models.Index(fields=["centre", "starts_at"], name="centreshift_centre_start")]

    def __str__(self):
        start, end = timezone.localtime(self.starts_at), timezone.localtime(self.ends_at)
        return f"{self.attendant} {start:%m-%d %H:%M}–{end:%H:%M}"

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        return within("centre", ServiceCentre, scope, write=write)

    def clean(self):
        validate_shift(self.starts_at, self.ends_at)
