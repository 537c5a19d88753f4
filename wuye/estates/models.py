from dataclasses import replace
from functools import reduce
from operator import or_

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wuye.core.models import RegistryModel, within
from wuye.core.scoping import ScopedQuerySet, division_q, own_q
from wuye.core.validators import validate_credit_code, validate_phone
from wuye.estates.choices import CommitteePosition, PartyAKind, ProjectKind
from wuye.estates.periods import overlapping
from wuye.regions.models import division_for_area


class Developer(RegistryModel):
    """A developer (建设单位), Party A of a project until an owners' committee exists."""

    name = models.CharField(_("单位名称"), max_length=100)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, unique=True)
    division = models.ForeignKey(
        "regions.Division",
        verbose_name=_("登记地"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        help_text=_("由信用代码第3–8位自动确定；外省单位为空。"),
    )
    contact_phone = models.CharField(_("联系电话"), max_length=30, blank=True, validators=[validate_phone])
    address = models.CharField(_("地址"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("建设单位")
        verbose_name_plural = pgettext_lazy("plural", "建设单位")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.division = division_for_area(self.credit_code[2:8])
        super().save(*args, **kwargs)

    def clean(self):
        try:
            self.credit_code = validate_credit_code(self.credit_code)
        except ValidationError as error:
            raise ValidationError({"credit_code": error.messages})

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        own = Q(pk__in=scope.developer_ids) | division_q("division__code", scope)
        if write:
            return own | Q(
                pk__in=Project.objects.filter(division_q("division__code", scope)).values("developer_id")
            )
        return own | Q(
            pk__in=Project.objects.filter(Project.scope_q(scope, write=False)).values("developer_id")
        )


class Project(RegistryModel):
    """A managed estate (项目 / 小区): where the duties of the code are done and checked."""

    name = models.CharField(_("项目名称"), max_length=100)
    address = models.CharField(_("地址"), max_length=200)
    division = models.ForeignKey("regions.Division", verbose_name=_("所在区划"), on_delete=models.PROTECT)
    kind = models.CharField(
        _("类型"), max_length=20, choices=ProjectKind.choices, default=ProjectKind.RESIDENTIAL
    )
    floor_area = models.DecimalField(_("建筑面积（㎡）"), max_digits=12, decimal_places=2)
    household_count = models.PositiveIntegerField(_("户数"))
    developer = models.ForeignKey(
        Developer,
        verbose_name=_("建设单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="projects",
    )

    class Meta:
        verbose_name = _("项目")
        verbose_name_plural = pgettext_lazy("plural", "项目")
        ordering = ["name"]
        indexes = [
            models.Index(fields=["division", "name"], name="project_division_name"),
            models.Index(fields=["developer"], name="project_developer"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("project-detail", args=[self.pk])

    def clean(self):
        if self.division_id and self.division.level == "province":
            raise ValidationError({"division": _("请选择项目所在的盟市或旗县区。")})
        if self.floor_area is not None and self.floor_area <= 0:
            raise ValidationError({"floor_area": _("建筑面积必须大于0。")})

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        # Only the user's own kinds of binding: an empty one matches nothing, yet its subquery costs a
        # regulator's every page milliseconds to build.
        parts = [division_q("division__code", scope)]
        if scope.enterprise_ids:
            periods = ServicePeriod.objects.current() if write else ServicePeriod.objects.all()
            served = periods.filter(enterprise_id__in=scope.enterprise_ids).values("project_id")
            parts.append(Q(pk__in=served))
        if write:
            return reduce(or_, parts)
        if scope.project_member_ids:
            parts.append(Q(pk__in=scope.project_member_ids))
        if scope.developer_ids:
            parts.append(Q(developer_id__in=scope.developer_ids))
        if scope.household_ids:
            parts.append(Q(pk__in=Household.objects.filter(pk__in=scope.household_ids).values("project_id")))
        return reduce(or_, parts)

    def current_service_period(self):
        return self.service_periods.current().select_related("enterprise").first()


class ProjectOwned(RegistryModel):
    """Records of a project: visible and changeable exactly where the project is."""

    class Meta:
        abstract = True

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        return within("project", Project, scope, write=write)


class Building(ProjectOwned):
    """A building (楼栋) of a project."""

    project = models.ForeignKey(
        Project, verbose_name=_("项目"), on_delete=models.CASCADE, related_name="buildings"
    )
    name = models.CharField(_("楼栋"), max_length=30)
    floors = models.PositiveSmallIntegerField(_("层数"), default=1)
    has_elevator = models.BooleanField(_("有电梯"), default=False)

    class Meta:
        verbose_name = _("楼栋")
        verbose_name_plural = pgettext_lazy("plural", "楼栋")
        ordering = ["project", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "name"],
                name="building_unique_name",
                violation_error_message=_("楼栋名称重复。"),
            )
        ]

    def __str__(self):
        return f"{self.project} {self.name}"


class Household(ProjectOwned):
    """One dwelling unit (户) with its area, the base of fees."""

    project = models.ForeignKey(
        Project, verbose_name=_("项目"), on_delete=models.CASCADE, related_name="households", editable=False
    )
    building = models.ForeignKey(
        Building, verbose_name=_("楼栋"), on_delete=models.CASCADE, related_name="households"
    )
    unit = models.CharField(_("单元"), max_length=10, blank=True)
    number = models.CharField(_("房号"), max_length=20)
    area = models.DecimalField(_("建筑面积（㎡）"), max_digits=8, decimal_places=2)

    class Meta:
        verbose_name = _("房屋")
        verbose_name_plural = pgettext_lazy("plural", "房屋")
        ordering = ["building", "unit", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["building", "unit", "number"],
                name="household_unique_number",
                violation_error_message=_("该楼栋单元下已有此房号。"),
            )
        ]

    def __str__(self):
        values = {"building": self.building.name, "unit": self.unit, "number": self.number}
        if self.unit:
            return _("%(building)s%(unit)s单元%(number)s") % values
        return _("%(building)s%(number)s") % values

    def save(self, *args, **kwargs):
        # Kept beside building so that every scope and report filters households by project directly.
        self.project_id = self.building.project_id
        super().save(*args, **kwargs)

    def clean(self):
        if self.area is not None and self.area <= 0:
            raise ValidationError({"area": _("建筑面积必须大于0。")})

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        # An owner sees his own household, not his neighbours'; his other roles see the whole project.
        as_other_roles = within("project", Project, replace(scope, household_ids=frozenset()), write=write)
        return as_other_roles if write else as_other_roles | Q(pk__in=scope.household_ids)


class Owner(RegistryModel):
    """An owner (业主) of one or more households, optionally with a user account."""

    name = models.CharField(_("姓名"), max_length=50)
    phone = models.CharField(_("手机号"), max_length=20, blank=True, validators=[validate_phone])
    households = models.ManyToManyField(Household, verbose_name=_("房屋"), related_name="owners")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登录账号"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owner_records",
    )

    class Meta:
        verbose_name = _("业主")
        verbose_name_plural = pgettext_lazy("plural", "业主")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        # The owner register is for those who serve or represent the project, not for the developer.
        served_now = ServicePeriod.objects.current().filter(enterprise_id__in=scope.enterprise_ids)
        register = division_q("division__code", scope) | Q(pk__in=served_now.values("project_id"))
        if not write:
            register |= Q(pk__in=scope.project_member_ids)
        in_register = Q(
            pk__in=Owner.objects.filter(households__project__in=Project.objects.filter(register)).values("pk")
        )
        return in_register if write else in_register | own_q(scope)


class OwnersCommittee(ProjectOwned):
    """An owners' committee (业主委员会) of a project for one term."""

    project = models.ForeignKey(
        Project, verbose_name=_("项目"), on_delete=models.CASCADE, related_name="committees"
    )
    name = models.CharField(_("名称"), max_length=100)
    term_start = models.DateField(_("任期起"))
    term_end = models.DateField(_("任期止"))
    filed_on = models.DateField(_("备案日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("业主委员会")
        verbose_name_plural = pgettext_lazy("plural", "业主委员会")
        ordering = ["project", "-term_start"]

    def __str__(self):
        return self.name

    def clean(self):
        if self.term_start and self.term_end and self.term_end <= self.term_start:
            raise ValidationError({"term_end": _("任期止须晚于任期起。")})

    @property
    def in_office(self) -> bool:
        return self.term_start <= timezone.localdate() <= self.term_end


class CommitteeMember(RegistryModel):
    """A member of an owners' committee."""

    committee = models.ForeignKey(
        OwnersCommittee, verbose_name=_("业主委员会"), on_delete=models.CASCADE, related_name="members"
    )
    name = models.CharField(_("姓名"), max_length=50)
    position = models.CharField(_("职务"), max_length=10, choices=CommitteePosition.choices)
    owner = models.ForeignKey(Owner, verbose_name=_("业主"), null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        verbose_name = _("业委会委员")
        verbose_name_plural = pgettext_lazy("plural", "业委会委员")
        ordering = ["committee", "position", "name"]

    def __str__(self):
        return _("%(name)s（%(position)s）") % {"name": self.name, "position": self.get_position_display()}

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        return within("committee", OwnersCommittee, scope, write=write)


class PeriodQuerySet(ScopedQuerySet):
    def current(self, on=None):
        on = on or timezone.localdate()
        return self.filter(Q(start__lte=on), Q(end__isnull=True) | Q(end__gte=on))


PeriodManager = models.Manager.from_queryset(PeriodQuerySet)


class ServicePeriod(ProjectOwned):
    """The time an enterprise actually serves a project, from takeover to exit (null end: still serving)."""

    project = models.ForeignKey(
        Project, verbose_name=_("项目"), on_delete=models.CASCADE, related_name="service_periods"
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("物业服务企业"),
        on_delete=models.PROTECT,
        related_name="service_periods",
    )
    start = models.DateField(_("接管日期"))
    end = models.DateField(_("退出日期"), null=True, blank=True, help_text=_("仍在服务请留空。"))

    objects = PeriodManager()

    class Meta:
        verbose_name = _("服务期")
        verbose_name_plural = pgettext_lazy("plural", "服务期")
        ordering = ["project", "-start"]
        indexes = [
            models.Index(fields=["project", "start"], name="serviceperiod_project_start"),
            models.Index(fields=["enterprise", "start"], name="serviceperiod_enterprise"),
        ]

    def __str__(self):
        return _("%(enterprise)s @ %(project)s（%(start)s—%(end)s）") % {
            "enterprise": self.enterprise,
            "project": self.project,
            "start": self.start,
            "end": self.end or _("至今"),
        }

    def clean(self):
        if self.end and self.start and self.end < self.start:
            raise ValidationError({"end": _("退出日期不得早于接管日期。")})
        if self.project_id and self.start:
            clash = overlapping(ServicePeriod.objects.filter(project_id=self.project_id), self)
            if clash:
                raise ValidationError(
                    _("与已有服务期重叠：%(other)s。同一项目同一时间只能由一家企业服务。"),
                    params={"other": clash},
                )


class ServiceContract(ProjectOwned):
    """A property service contract between Party A (developer or committee) and the enterprise."""

    project = models.ForeignKey(
        Project, verbose_name=_("项目"), on_delete=models.CASCADE, related_name="contracts"
    )
    party_a_kind = models.CharField(_("甲方类型"), max_length=20, choices=PartyAKind.choices)
    developer = models.ForeignKey(
        Developer, verbose_name=_("甲方（建设单位）"), null=True, blank=True, on_delete=models.PROTECT
    )
    committee = models.ForeignKey(
        OwnersCommittee, verbose_name=_("甲方（业主委员会）"), null=True, blank=True, on_delete=models.PROTECT
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("乙方（物业服务企业）"),
        on_delete=models.PROTECT,
        related_name="contracts",
    )
    number = models.CharField(_("合同编号"), max_length=60, blank=True)
    signed_on = models.DateField(_("签订日期"))
    start = models.DateField(_("合同期起"))
    end = models.DateField(_("合同期止"), null=True, blank=True, help_text=_("不定期合同请留空。"))
    scan = models.FileField(_("合同扫描件"), upload_to="contracts/%Y/", blank=True)

    objects = PeriodManager()

    class Meta:
        verbose_name = _("物业服务合同")
        verbose_name_plural = pgettext_lazy("plural", "物业服务合同")
        ordering = ["project", "-start"]
        indexes = [
            models.Index(fields=["project", "start"], name="contract_project_start"),
            models.Index(fields=["enterprise", "end"], name="contract_enterprise_end"),
        ]

    def __str__(self):
        return _("%(project)s · %(enterprise)s（%(start)s—%(end)s）") % {
            "project": self.project,
            "enterprise": self.enterprise,
            "start": self.start,
            "end": self.end or _("不定期"),
        }

    @property
    def party_a(self):
        return self.developer if self.party_a_kind == PartyAKind.DEVELOPER else self.committee

    def clean(self):
        errors = {}
        if self.party_a_kind == PartyAKind.DEVELOPER:
            if not self.developer_id:
                errors["developer"] = _("甲方为建设单位时须选择建设单位。")
            if self.committee_id:
                errors["committee"] = _("甲方为建设单位时不填业主委员会。")
        elif self.party_a_kind == PartyAKind.COMMITTEE:
            if not self.committee_id:
                errors["committee"] = _("甲方为业主委员会时须选择业主委员会。")
            elif self.project_id and self.committee.project_id != self.project_id:
                errors["committee"] = _("该业主委员会不属于本项目。")
            if self.developer_id:
                errors["developer"] = _("甲方为业主委员会时不填建设单位。")
        if self.end and self.start and self.end < self.start:
            errors["end"] = _("合同期止不得早于合同期起。")
        if errors:
            raise ValidationError(errors)
        if self.project_id and self.start:
            clash = overlapping(ServiceContract.objects.filter(project_id=self.project_id), self)
            if clash:
                raise ValidationError(
                    _("与已有合同期重叠：%(other)s。同一项目的服务合同期限不得重叠。"),
                    params={"other": clash},
                )

    @property
    def in_force(self) -> bool:
        today = timezone.localdate()
        return self.start <= today and (self.end is None or self.end >= today)
