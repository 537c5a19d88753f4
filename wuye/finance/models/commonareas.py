"""Clause 2.5: commercial uses and changes of use of common parts, the owners' votes authorising them,
and their income.

- An **owners' vote** (业主共同决定) records who took part and who agreed, by number of owners and by area,
  against the project's totals at the time (by default the household register's). Whether it meets
  民法典 Art. 278's thresholds is ``votes_commonareas`` (one home for the rule, in Python and in SQL).
- A **use** of common parts (advertising, a rented room, an antenna, a stall, a change of use) has its
  period and the vote that authorised it, if any.
- An **income** is money a use brought in, received on a day; the half-year statements must show it on
  account 4002 公共收益 (``choices_commonareas.INCOME_ACCOUNT``).

Written by the company serving the project (its staff, the serving enterprise's managers); read by the
project's committee, developer and regulators, and by its owners (the uses of their common parts and
what they earn are theirs to know).
"""

import datetime
from fractions import Fraction

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wuye.core.models import RegistryModel, within
from wuye.core.scoping import ScopedManager
from wuye.core.uploads import DOCUMENT_EXTENSIONS, check_file
from wuye.estates.models import Project
from wuye.finance.choices_commonareas import UseKind, income_account
from wuye.finance.models.fees import MONEY
from wuye.finance.models.statements import company_q, owned_projects, project_readers_q

__all__ = ["OwnersVote", "CommonAreaUse", "CommonAreaIncome"]

AREA = {"max_digits": 12, "decimal_places": 2}


def common_parts_q(scope, *, write: bool, lookup: str = "project_id") -> Q:
    """Written by the company serving the project; read by its readers and its owners."""
    if write:
        return company_q(scope, lookup)
    readers = project_readers_q(scope, lookup.removesuffix("_id"))
    return readers | Q(**{f"{lookup}__in": owned_projects(scope)})


class OwnersVote(RegistryModel):
    """An owners' vote on using common parts: the day, the subject, and the owners and area taking part and
    in favour, against the project's totals then."""

    project = models.ForeignKey(
        Project, verbose_name=_("项目"), on_delete=models.PROTECT, related_name="owners_votes"
    )
    held_on = models.DateField(_("表决日期"))
    subject = models.CharField(_("表决事项"), max_length=200)
    owners_total = models.PositiveIntegerField(_("业主总人数"))
    area_total = models.DecimalField(_("专有部分总面积（㎡）"), **AREA)
    owners_participating = models.PositiveIntegerField(_("参与表决人数"))
    area_participating = models.DecimalField(_("参与表决面积（㎡）"), **AREA)
    owners_in_favour = models.PositiveIntegerField(_("同意人数"))
    area_in_favour = models.DecimalField(_("同意面积（㎡）"), **AREA)
    minutes = models.FileField(_("表决记录文件"), upload_to="finance/votes/%Y/", blank=True)

    class Meta:
        verbose_name = _("业主表决")
        verbose_name_plural = _("业主表决")
        ordering = ["-held_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(owners_total__gt=0, area_total__gt=0),
                name="ownersvote_totals_positive",
                violation_error_message=_("业主总人数和总面积必须大于0。"),
            ),
            models.CheckConstraint(
                condition=Q(owners_in_favour__lte=models.F("owners_participating"))
                & Q(owners_participating__lte=models.F("owners_total")),
                name="ownersvote_owners_nested",
                violation_error_message=_("同意人数不能多于参与人数，参与人数不能多于总人数。"),
            ),
            models.CheckConstraint(
                condition=Q(area_in_favour__gte=0)
                & Q(area_in_favour__lte=models.F("area_participating"))
                & Q(area_participating__lte=models.F("area_total")),
                name="ownersvote_area_nested",
                violation_error_message=_("同意面积不能大于参与面积，参与面积不能大于总面积。"),
            ),
        ]
        indexes = [models.Index(fields=["project", "held_on"], name="ownersvote_project_day")]

    def __str__(self):
        return _("%(day)s 业主表决：%(subject)s") % {"day": self.held_on, "subject": self.subject}

    def clean(self):
        errors = {}
        for name in ("area_total", "area_participating", "area_in_favour"):
            value = getattr(self, name)
            if value is not None and value < 0:
                errors[name] = _("面积不能为负数。")
        if self.owners_total is not None and self.owners_total <= 0:
            errors["owners_total"] = _("业主总人数必须大于0。")
        if self.area_total is not None and self.area_total <= 0:
            errors.setdefault("area_total", _("专有部分总面积必须大于0。"))
        pairs = [
            ("owners_participating", "owners_total", _("参与表决人数不能多于业主总人数。")),
            ("owners_in_favour", "owners_participating", _("同意人数不能多于参与表决人数。")),
            ("area_participating", "area_total", _("参与表决面积不能大于专有部分总面积。")),
            ("area_in_favour", "area_participating", _("同意面积不能大于参与表决面积。")),
        ]
        for part, whole, message in pairs:
            low, high = getattr(self, part), getattr(self, whole)
            if low is not None and high is not None and low > high:
                errors.setdefault(part, message)
        if errors:
            raise ValidationError(errors)
        check_file(self, required=False, extensions=DOCUMENT_EXTENSIONS, field="minutes")

    def get_absolute_url(self):
        return reverse("commonarea-list", args=[self.project_id]) + f"#vote-{self.pk}"

    def validate_constraints(self, exclude=None):
        # clean() names the field at fault; the table constraints only repeat it.
        exclude = set(exclude or ()) | {"owners_total", "area_total", "owners_participating"}
        super().validate_constraints(exclude=exclude)

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        return common_parts_q(scope, write=write)

    def ratios(self) -> dict[str, Fraction]:
        """Turnout and approval as exact fractions (areas are exact decimals)."""
        return {
            "turnout_area": Fraction(self.area_participating) / Fraction(self.area_total),
            "turnout_owners": Fraction(self.owners_participating, self.owners_total),
            "approval_area": (
                Fraction(self.area_in_favour) / Fraction(self.area_participating)
                if self.area_participating
                else Fraction(0)
            ),
            "approval_owners": (
                Fraction(self.owners_in_favour, self.owners_participating)
                if self.owners_participating
                else Fraction(0)
            ),
        }

    def meets(self, thresholds: dict[str, Fraction]) -> bool:
        """Whether every ratio reaches its threshold (exactly at it passes)."""
        ratios = self.ratios()
        return all(ratios[name] >= minimum for name, minimum in thresholds.items())


class CommonAreaUse(RegistryModel):
    """A commercial use or change of use of common parts: what, where, with whom, from when to when, and
    the owners' vote that authorised it."""

    project = models.ForeignKey(
        Project, verbose_name=_("项目"), on_delete=models.PROTECT, related_name="common_area_uses"
    )
    kind = models.CharField(_("类别"), max_length=20, choices=UseKind.choices)
    location = models.CharField(_("位置"), max_length=100)
    description = models.TextField(_("内容"), blank=True)
    counterparty = models.CharField(_("合作方"), max_length=100, blank=True)
    start = models.DateField(_("开始日期"))
    end = models.DateField(_("结束日期"), null=True, blank=True)
    vote = models.ForeignKey(
        OwnersVote,
        verbose_name=_("授权的业主表决"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="uses",
    )
    yearly_fee = models.DecimalField(_("约定年收费（元）"), null=True, blank=True, **MONEY)

    class Meta:
        verbose_name = _("共用部位经营")
        verbose_name_plural = _("共用部位经营")
        ordering = ["-start", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="commonareause_end_after_start",
                violation_error_message=_("结束日期不能早于开始日期。"),
            ),
            models.CheckConstraint(
                condition=Q(yearly_fee__isnull=True) | Q(yearly_fee__gte=0),
                name="commonareause_fee_not_negative",
                violation_error_message=_("约定年收费不能为负数。"),
            ),
        ]
        indexes = [models.Index(fields=["project", "start"], name="commonareause_project_start")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.location}"

    def clean(self):
        errors = {}
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("结束日期不能早于开始日期。")
        if self.yearly_fee is not None and self.yearly_fee < 0:
            errors["yearly_fee"] = _("约定年收费不能为负数。")
        if self.vote_id and self.project_id and self.vote.project_id != self.project_id:
            errors["vote"] = _("该业主表决不属于本项目。")
        if errors:
            raise ValidationError(errors)

    def get_absolute_url(self):
        return reverse("commonarea-detail", args=[self.pk])

    def validate_constraints(self, exclude=None):
        super().validate_constraints(exclude=set(exclude or ()) | {"end", "yearly_fee"})

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        return common_parts_q(scope, write=write)

    @property
    def account_code(self) -> str:
        return income_account(self.kind)

    def in_effect(self, day: datetime.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


class CommonAreaIncome(models.Model):
    """Money a use of common parts brought in: the day received, the amount, the receipt; who recorded it
    and when (the server's time)."""

    use = models.ForeignKey(
        CommonAreaUse, verbose_name=_("共用部位经营"), on_delete=models.PROTECT, related_name="incomes"
    )
    project = models.ForeignKey(
        Project, verbose_name=_("项目"), on_delete=models.PROTECT, related_name="+", editable=False
    )
    received_on = models.DateField(_("收款日期"))
    amount = models.DecimalField(_("金额（元）"), **MONEY)
    receipt_number = models.CharField(_("收据或发票号"), max_length=40, blank=True)
    note = models.CharField(_("备注"), max_length=200, blank=True)
    recorded_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )

    objects = ScopedManager()

    class Meta:
        verbose_name = _("公共收益")
        verbose_name_plural = _("公共收益")
        ordering = ["-received_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="commonareaincome_amount_positive",
                violation_error_message=_("金额必须大于0。"),
            )
        ]
        indexes = [models.Index(fields=["project", "received_on"], name="commonincome_project_day")]

    def __str__(self):
        return _("%(day)s 收入%(amount)s元") % {"day": self.received_on, "amount": self.amount}

    def save(self, *args, **kwargs):
        self.project_id = self.use.project_id
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("commonarea-detail", args=[self.use_id])

    def clean(self):
        if self.amount is not None and self.amount <= 0:
            raise ValidationError({"amount": _("金额必须大于0。")})

    def validate_constraints(self, exclude=None):
        super().validate_constraints(exclude=set(exclude or ()) | {"amount"})

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        return within("use", CommonAreaUse, scope, write=write)
