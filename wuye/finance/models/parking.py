"""Clause 2.6: parking spaces, leases, rent payments and transfers; above-ground spaces are never sold and are let by the year.

- A **space** (车位) is above or under ground; an above-ground space of a residential estate is the owners'
  common property (全体业主共有): the register refuses another owner for it.
- A **lease** lets a space to a household of the same project for a term, billed every ``billing_months``
  (12: yearly, as the code asks of above-ground spaces).
- A **rent payment** is parking income (account 4003 of the statements) and the months it covers.
- A **transfer** records that a space was sold or its ownership transferred: lawful for a developer's
  under-ground space, a finding (2.6.no_sale) for an above-ground one.
- The project's **parking rules** (停车管理规定) as published; the latest published by a day applies
  (``current_parking_rules``), and the public disclosure page shows them.

Who writes: the company (the project's staff, the serving enterprise's managers: ``company_q``); the
project's readers read; an owner reads the register and rules of his estate and his own leases and
payments only; buyers' details (transfers) are for the project's readers, not other owners.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wuye.core.dates import add_months
from wuye.core.models import RegistryModel, within
from wuye.core.uploads import DOCUMENT_EXTENSIONS, check_file
from wuye.estates.choices import ProjectKind
from wuye.estates.models import Household, Project
from wuye.finance.choices_parking import SpaceLevel, SpaceOwnership, TransferKind
from wuye.finance.models.fees import MONEY
from wuye.finance.models.statements import company_q, owned_projects, project_readers_q

__all__ = [
    "ParkingSpace",
    "ParkingLease",
    "ParkingRentPayment",
    "ParkingTransfer",
    "ParkingRules",
    "current_parking_rules",
]

# "住宅小区": the kinds of estate with homes in them.
RESIDENTIAL_KINDS = (ProjectKind.RESIDENTIAL, ProjectKind.MIXED)
YEAR_MONTHS = 12


def covered_months(start: datetime.date, end: datetime.date) -> int | None:
    """Whole months from ``start`` to ``end`` inclusive (1 Jan – 31 Dec is 12), None if not whole months."""
    if start is None or end is None or end < start:
        return None
    diff = (end.year - start.year) * 12 + end.month - start.month
    for months in (diff, diff + 1):
        if months >= 1 and add_months(start, months) - datetime.timedelta(days=1) == end:
            return months
    return None


def readers_q(scope) -> Q:
    """Rows of a project read by its readers and, for what is public within the estate, its owners."""
    return project_readers_q(scope) | Q(project_id__in=owned_projects(scope))


def household_rows_q(scope) -> Q:
    """Rows about one household (leases, rent): the project's readers but the developer, and its owner."""
    return within("project", Project, scope.whole_project_readers, write=False) | Q(
        household_id__in=scope.household_ids
    )


class ParkingSpace(RegistryModel):
    """A parking space of a project: its number, above or under ground, where, and who owns it."""

    project = models.ForeignKey(
        Project, verbose_name=_("项目"), on_delete=models.PROTECT, related_name="parking_spaces"
    )
    number = models.CharField(_("车位编号"), max_length=30)
    level = models.CharField(_("位置类别"), max_length=10, choices=SpaceLevel.choices)
    location = models.CharField(_("具体位置"), max_length=100, blank=True)
    ownership = models.CharField(_("产权归属"), max_length=12, choices=SpaceOwnership.choices)

    class Meta:
        verbose_name = _("停车位")
        verbose_name_plural = _("停车位")
        ordering = ["project", "level", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "number"],
                name="parkingspace_unique_number",
                violation_error_message=_("本项目已有该编号的车位。"),
            )
        ]
        indexes = [models.Index(fields=["project", "level"], name="parkingspace_project_level")]

    def __str__(self):
        return _("%(number)s（%(level)s）") % {"number": self.number, "level": self.get_level_display()}

    def get_absolute_url(self):
        return reverse("parking-space-detail", args=[self.pk])

    def clean(self):
        self.number = (self.number or "").strip()
        if (
            self.project_id
            and self.level == SpaceLevel.ABOVE_GROUND
            and self.ownership
            and self.ownership != SpaceOwnership.COMMON
            and self.project.kind in RESIDENTIAL_KINDS
        ):
            raise ValidationError({"ownership": _("住宅小区的地上停车位属于全体业主共有。")})

    def validate_constraints(self, exclude=None):
        exclude = set(exclude or ()) - {"project"}
        super().validate_constraints(exclude=exclude)

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        return company_q(scope) if write else readers_q(scope)


class OfSpace(RegistryModel):
    """Abstract: a record under a space, whose project is the space's (set by the server)."""

    class Meta:
        abstract = True

    def clean_fields(self, exclude=None):
        self.project_id = self.derived_project_id()
        super().clean_fields(exclude=exclude)

    def save(self, *args, **kwargs):
        self.project_id = self.derived_project_id()
        super().save(*args, **kwargs)

    def derived_project_id(self):
        return self.space.project_id if self.space_id else None


class ParkingLease(OfSpace):
    """A lease of a space to a household of the project: its term, billing period and rent per period."""

    project = models.ForeignKey(
        Project, verbose_name=_("项目"), on_delete=models.PROTECT, related_name="+", editable=False
    )
    space = models.ForeignKey(
        ParkingSpace, verbose_name=_("车位"), on_delete=models.PROTECT, related_name="leases"
    )
    household = models.ForeignKey(
        Household, verbose_name=_("承租房屋"), on_delete=models.PROTECT, related_name="parking_leases"
    )
    start = models.DateField(_("起租日期"))
    end = models.DateField(_("到期日期"))
    billing_months = models.PositiveSmallIntegerField(
        _("收费周期（月）"), default=YEAR_MONTHS, help_text=_("按年收取填12。")
    )
    rent = models.DecimalField(_("每期租金（元）"), **MONEY)

    class Meta:
        verbose_name = _("车位租赁")
        verbose_name_plural = _("车位租赁")
        ordering = ["-start", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=models.F("start")),
                name="parkinglease_end_after_start",
                violation_error_message=_("到期日期不能早于起租日期。"),
            ),
            models.CheckConstraint(
                condition=Q(billing_months__gte=1),
                name="parkinglease_billing_positive",
                violation_error_message=_("收费周期至少为1个月。"),
            ),
            models.CheckConstraint(
                condition=Q(rent__gt=0),
                name="parkinglease_rent_positive",
                violation_error_message=_("租金必须大于0。"),
            ),
        ]
        indexes = [models.Index(fields=["space", "start"], name="parkinglease_space_start")]

    def __str__(self):
        return _("%(space)s 租给 %(household)s") % {"space": self.space.number, "household": self.household}

    def get_absolute_url(self):
        return reverse("parking-space-detail", args=[self.space_id])

    def clean(self):
        errors = {}
        if self.space_id and self.household_id and self.household.project_id != self.space.project_id:
            errors["household"] = _("该房屋不属于此车位所在的项目。")
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("到期日期不能早于起租日期。")
        if errors:
            raise ValidationError(errors)

    def in_effect(self, day=None) -> bool:
        day = day or timezone.localdate()
        return self.start <= day <= self.end

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        return company_q(scope) if write else household_rows_q(scope)


class ParkingRentPayment(RegistryModel):
    """Parking rent received for a lease (停车收入): when, how much, the period it covers, the receipt."""

    project = models.ForeignKey(
        Project, verbose_name=_("项目"), on_delete=models.PROTECT, related_name="+", editable=False
    )
    household = models.ForeignKey(
        Household, verbose_name=_("房屋"), on_delete=models.PROTECT, related_name="+", editable=False
    )
    lease = models.ForeignKey(
        ParkingLease, verbose_name=_("车位租赁"), on_delete=models.PROTECT, related_name="payments"
    )
    paid_on = models.DateField(_("收款日期"))
    amount = models.DecimalField(_("金额（元）"), **MONEY)
    period_start = models.DateField(_("租期起"))
    period_end = models.DateField(_("租期止"))
    # Set by the server from the period: whole months covered, empty when the period is not whole months.
    months = models.PositiveSmallIntegerField(_("覆盖月数"), null=True, blank=True, editable=False)
    receipt_number = models.CharField(_("收据或发票号"), max_length=40)

    class Meta:
        verbose_name = _("车位租金收款")
        verbose_name_plural = _("车位租金收款")
        ordering = ["-paid_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="parkingrent_amount_positive",
                violation_error_message=_("金额必须大于0。"),
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="parkingrent_period_ordered",
                violation_error_message=_("租期止不能早于租期起。"),
            ),
        ]
        indexes = [models.Index(fields=["project", "paid_on"], name="parkingrent_project_paid")]

    def __str__(self):
        return _("%(lease)s 收租%(amount)s元") % {"lease": self.lease, "amount": self.amount}

    def get_absolute_url(self):
        return reverse("parking-space-detail", args=[self.lease.space_id])

    def clean_fields(self, exclude=None):
        self.derive()
        super().clean_fields(exclude=exclude)

    def clean(self):
        errors = {}
        if self.amount is not None and self.amount <= 0:
            errors["amount"] = _("金额必须大于0。")
        if self.period_start and self.period_end and self.period_end < self.period_start:
            errors["period_end"] = _("租期止不能早于租期起。")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.derive()
        super().save(*args, **kwargs)

    def derive(self):
        if self.lease_id:
            self.project_id, self.household_id = self.lease.project_id, self.lease.household_id
        self.months = covered_months(self.period_start, self.period_end)

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        return company_q(scope) if write else household_rows_q(scope)


class ParkingTransfer(OfSpace):
    """That a space was sold or its ownership transferred: when, to whom (a household or a name), the price."""

    project = models.ForeignKey(
        Project, verbose_name=_("项目"), on_delete=models.PROTECT, related_name="+", editable=False
    )
    space = models.ForeignKey(
        ParkingSpace, verbose_name=_("车位"), on_delete=models.PROTECT, related_name="transfers"
    )
    transferred_on = models.DateField(_("转让日期"))
    kind = models.CharField(_("方式"), max_length=10, choices=TransferKind.choices)
    buyer_household = models.ForeignKey(
        Household,
        verbose_name=_("受让房屋"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Only a name for a buyer who is no household of the estate: no other personal data is kept.
    buyer_name = models.CharField(_("受让人姓名"), max_length=50, blank=True)
    price = models.DecimalField(_("价格（元）"), **MONEY)
    contract = models.FileField(_("合同文件"), upload_to="finance/parking/%Y/", blank=True)

    class Meta:
        verbose_name = _("车位转让")
        verbose_name_plural = _("车位转让")
        ordering = ["-transferred_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(price__gte=0),
                name="parkingtransfer_price_not_negative",
                violation_error_message=_("价格不能为负数。"),
            )
        ]
        indexes = [models.Index(fields=["project", "transferred_on"], name="parkingtransfer_project_day")]

    def __str__(self):
        return _("%(space)s %(kind)s（%(day)s）") % {
            "space": self.space.number,
            "kind": self.get_kind_display(),
            "day": self.transferred_on,
        }

    def get_absolute_url(self):
        return reverse("parking-space-detail", args=[self.space_id])

    def clean(self):
        errors = {}
        if (
            self.buyer_household_id
            and self.space_id
            and self.buyer_household.project_id != self.space.project_id
        ):
            errors["buyer_household"] = _("该房屋不属于此车位所在的项目。")
        if not self.buyer_household_id and not self.buyer_name.strip():
            errors["buyer_name"] = _("请选择受让房屋或填写受让人姓名。")
        try:
            check_file(self, required=False, extensions=DOCUMENT_EXTENSIONS, field="contract")
        except ValidationError as error:
            errors.update(error.message_dict)
        if errors:
            raise ValidationError(errors)

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        return company_q(scope) if write else project_readers_q(scope)


class ParkingRules(RegistryModel):
    """The project's parking rules as published: the text, the yearly rent of an above-ground space and
    the monthly rent under ground."""

    project = models.ForeignKey(
        Project, verbose_name=_("项目"), on_delete=models.PROTECT, related_name="parking_rules"
    )
    rules = models.TextField(_("停车管理规定"))
    above_ground_rent = models.DecimalField(_("地上车位年租金（元/个·年）"), **MONEY)
    under_ground_rent = models.DecimalField(_("地下车位租金（元/个·月）"), null=True, blank=True, **MONEY)
    published_on = models.DateField(_("公布日期"))

    class Meta:
        verbose_name = _("停车管理规定")
        verbose_name_plural = _("停车管理规定")
        ordering = ["-published_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(above_ground_rent__gte=0),
                name="parkingrules_rent_not_negative",
                violation_error_message=_("租金不能为负数。"),
            ),
            models.CheckConstraint(
                condition=Q(under_ground_rent__gte=0) | Q(under_ground_rent=None),
                name="parkingrules_under_rent_not_negative",
                violation_error_message=_("租金不能为负数。"),
            ),
        ]
        indexes = [models.Index(fields=["project", "published_on"], name="parkingrules_project_day")]

    def __str__(self):
        return _("停车管理规定（%(day)s公布）") % {"day": self.published_on}

    def get_absolute_url(self):
        return reverse("parking-spaces", args=[self.project_id])

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        return company_q(scope) if write else readers_q(scope)


def current_parking_rules(project, on: datetime.date | None = None) -> ParkingRules | None:
    """The project's parking rules in force on ``on`` (today): the latest published by then; one query."""
    on = on or timezone.localdate()
    project_id = getattr(project, "pk", project)
    return (
        ParkingRules.objects.filter(project_id=project_id, published_on__lte=on)
        .order_by("-published_on", "-pk")
        .first()
    )
