"""Clause 1.5 and 1.6: fee standards, bills and their lines, payments, the enterprise's financial rules and
its yearly tax payment certificate.

A standard is in force from its effective date until the next standard of the same project and property
kind takes effect: two standards of one kind cannot take effect on the same day (a named constraint).
Bills are registry rows (with history); payments, financial rules and tax certificates are evidence
(append-only, hash-chained, written through ``append_evidence``).
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wuye.core.evidence import EvidenceRecord
from wuye.core.models import within
from wuye.core.uploads import DOCUMENT_EXTENSIONS, check_file
from wuye.enterprises.models import Enterprise
from wuye.estates.models import Household, Project, ProjectOwned
from wuye.estates.records import ProjectRecord
from wuye.finance.choices_fees import FeeItem, PaymentMethod, PricingRegime, PropertyKind

__all__ = ["FeeStandard", "FeeItemRate", "Bill", "BillLine", "Payment", "FinancialRules", "TaxCertificate"]

MONEY = {"max_digits": 12, "decimal_places": 2}
RATE = {"max_digits": 8, "decimal_places": 4}


class FeeStandard(ProjectOwned):
    """An approved fee standard of a project for one property kind: rate, regime, items, dates, approval."""

    project = models.ForeignKey(
        Project, verbose_name=_("项目"), on_delete=models.CASCADE, related_name="fee_standards"
    )
    property_kind = models.CharField(_("物业类型"), max_length=20, choices=PropertyKind.choices)
    rate = models.DecimalField(_("收费标准（元/㎡·月）"), **RATE)
    regime = models.CharField(_("定价方式"), max_length=10, choices=PricingRegime.choices)
    base_rate = models.DecimalField(_("基准价（元/㎡·月）"), null=True, blank=True, **RATE)
    allowed_range = models.DecimalField(
        _("浮动幅度（%）"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    fee_items = models.JSONField(_("允许收费项目"), default=list)
    approval_document = models.FileField(_("批准文件"), upload_to="finance/standards/%Y/", blank=True)
    approval_number = models.CharField(_("批准文号"), max_length=60, blank=True)
    effective_from = models.DateField(_("执行日期"))
    published_on = models.DateField(_("公示日期"))

    class Meta:
        verbose_name = _("收费标准")
        verbose_name_plural = _("收费标准")
        ordering = ["project", "property_kind", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "property_kind", "effective_from"],
                name="feestandard_one_in_force",
                violation_error_message=_("同一物业类型在同一天只能有一个收费标准生效。"),
            ),
            models.CheckConstraint(
                condition=Q(rate__gt=0),
                name="feestandard_rate_positive",
                violation_error_message=_("收费标准必须大于0。"),
            ),
        ]
        indexes = [
            models.Index(fields=["project", "property_kind", "effective_from"], name="feestd_in_force")
        ]

    def __str__(self):
        return _("%(kind)s %(rate)s元/㎡·月（%(day)s起）") % {
            "kind": self.get_property_kind_display(),
            "rate": self.rate,
            "day": self.effective_from,
        }

    def clean(self):
        errors = {}
        unknown = [item for item in self.fee_items or [] if item not in FeeItem.values]
        if unknown or not self.fee_items:
            errors["fee_items"] = _("请从列表中选择允许的收费项目。")
        if self.regime == PricingRegime.GUIDED:
            if self.base_rate is None or self.allowed_range is None:
                errors["base_rate"] = _("政府指导价须填写基准价和浮动幅度。")
            elif not self.rate_within_range():
                errors["rate"] = _("收费标准超出基准价的浮动幅度。")
        if self.published_on and self.effective_from and self.published_on > self.effective_from:
            errors["published_on"] = _("公示日期不能晚于执行日期。")
        if errors:
            raise ValidationError(errors)

    def get_absolute_url(self):
        return reverse("fee-standards", args=[self.project_id])

    def rate_within_range(self) -> bool:
        spread = self.base_rate * self.allowed_range / 100
        return self.base_rate - spread <= self.rate <= self.base_rate + spread

    def validate_constraints(self, exclude=None):
        exclude = set(exclude or ()) - {"project"}
        super().validate_constraints(exclude=exclude)

    def permits(self, item: str) -> bool:
        return item in (self.fee_items or [])


class FeeItemRate(models.Model):
    """The approved rate of a permitted fee item other than the property service fee (电梯运行费, 二次供水费...),
    per m² per month like the standard's own rate: bills carry it by the same computation."""

    standard = models.ForeignKey(
        FeeStandard, verbose_name=_("收费标准"), on_delete=models.CASCADE, related_name="item_rates"
    )
    item = models.CharField(_("收费项目"), max_length=30, choices=FeeItem.choices)
    rate = models.DecimalField(_("单价（元/㎡·月）"), **RATE)

    class Meta:
        verbose_name = _("收费项目单价")
        verbose_name_plural = _("收费项目单价")
        ordering = ["standard", "item"]
        constraints = [
            models.UniqueConstraint(
                fields=["standard", "item"],
                name="feeitemrate_one_per_item",
                violation_error_message=_("同一收费项目只能有一个单价。"),
            ),
            models.CheckConstraint(
                condition=Q(rate__gt=0),
                name="feeitemrate_rate_positive",
                violation_error_message=_("单价必须大于0。"),
            ),
            models.CheckConstraint(
                condition=~Q(item=FeeItem.PROPERTY_SERVICE),
                name="feeitemrate_not_property_service",
                violation_error_message=_("物业服务费的单价即收费标准本身。"),
            ),
        ]

    def __str__(self):
        return f"{self.get_item_display()} {self.rate}"

    def clean(self):
        if self.standard_id and self.item and not self.standard.permits(self.item):
            raise ValidationError({"item": _("该收费项目不在允许收费项目之内。")})


def standard_in_force(project_id: int, kind: str, on: datetime.date) -> FeeStandard | None:
    """The standard of this project and kind in force on ``on``: the latest to take effect by then."""
    return (
        FeeStandard.objects.filter(project_id=project_id, property_kind=kind, effective_from__lte=on)
        .prefetch_related("item_rates")
        .order_by("-effective_from")
        .first()
    )


class Bill(ProjectOwned):
    """A bill to one household for a period of whole months, under the standard then in force."""

    project = models.ForeignKey(
        Project, verbose_name=_("项目"), on_delete=models.CASCADE, related_name="bills", editable=False
    )
    household = models.ForeignKey(
        Household, verbose_name=_("房屋"), on_delete=models.PROTECT, related_name="bills"
    )
    standard = models.ForeignKey(
        FeeStandard, verbose_name=_("收费标准"), on_delete=models.PROTECT, related_name="bills"
    )
    period_start = models.DateField(_("计费起始月"))
    months = models.PositiveSmallIntegerField(_("月数"), default=1)
    area = models.DecimalField(_("计费面积（㎡）"), max_digits=8, decimal_places=2)
    issued_on = models.DateField(_("出账日期"))

    class Meta:
        verbose_name = _("账单")
        verbose_name_plural = _("账单")
        ordering = ["-period_start", "household"]
        constraints = [
            models.UniqueConstraint(
                fields=["household", "period_start"],
                name="bill_one_per_household_period",
                violation_error_message=_("该房屋此期间已有账单。"),
            ),
            models.CheckConstraint(
                condition=Q(months__gte=1),
                name="bill_months_positive",
                violation_error_message=_("月数至少为1。"),
            ),
        ]
        indexes = [
            models.Index(fields=["project", "period_start"], name="bill_project_period"),
            models.Index(fields=["household", "period_start"], name="bill_household_period"),
        ]

    def __str__(self):
        return _("%(household)s %(month)s账单") % {
            "household": self.household,
            "month": f"{self.period_start:%Y-%m}",
        }

    def save(self, *args, **kwargs):
        self.project_id = self.household.project_id
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("household-account", args=[self.household_id])

    def clean(self):
        if self.household_id and self.standard_id and self.standard.project_id != self.household.project_id:
            raise ValidationError({"household": _("该房屋不属于此收费标准的项目。")})
        if self.period_start and self.period_start.day != 1:
            raise ValidationError({"period_start": _("计费起始月须为某月1日。")})

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        # Like the household: an owner sees his own bills, not his neighbours'; the developer none.
        as_other_roles = within("project", Project, scope.whole_project_readers, write=write)
        return as_other_roles if write else as_other_roles | Q(household_id__in=scope.household_ids)


class BillLine(models.Model):
    """One fee item of a bill and its amount in yuan (fen-exact)."""

    bill = models.ForeignKey(Bill, verbose_name=_("账单"), on_delete=models.CASCADE, related_name="lines")
    item = models.CharField(_("收费项目"), max_length=30, choices=FeeItem.choices)
    rate = models.DecimalField(_("单价（元/㎡·月）"), **RATE)
    amount = models.DecimalField(_("金额（元）"), **MONEY)

    class Meta:
        verbose_name = _("账单明细")
        verbose_name_plural = _("账单明细")
        ordering = ["bill", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["bill", "item"],
                name="billline_one_per_item",
                violation_error_message=_("收费项目重复。"),
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="billline_amount_not_negative",
                violation_error_message=_("金额不能为负数。"),
            ),
        ]
        indexes = [models.Index(fields=["item"], name="billline_item")]

    def __str__(self):
        return f"{self.get_item_display()} {self.amount}"


class Payment(ProjectRecord):
    """A payment by a household: amount, method, receipt or invoice number, when it was paid."""

    project = models.ForeignKey(
        Project, verbose_name=_("项目"), on_delete=models.PROTECT, related_name="fee_payments", editable=False
    )
    household = models.ForeignKey(
        Household, verbose_name=_("房屋"), on_delete=models.PROTECT, related_name="payments"
    )
    amount = models.DecimalField(_("金额（元）"), **MONEY)
    method = models.CharField(_("缴费方式"), max_length=10, choices=PaymentMethod.choices)
    receipt_number = models.CharField(_("收据或发票号"), max_length=40, blank=True)

    class Meta(ProjectRecord.Meta):
        verbose_name = _("缴费记录")
        verbose_name_plural = _("缴费记录")
        ordering = ["-occurred_at", "-pk"]
        constraints = [
            *ProjectRecord.Meta.constraints,
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="payment_amount_positive",
                violation_error_message=_("缴费金额必须大于0。"),
            ),
        ]
        indexes = [
            models.Index(fields=["household", "occurred_at"], name="payment_household_time"),
            models.Index(fields=["project", "receipt_number"], name="payment_project_receipt"),
        ]

    def __str__(self):
        return _("%(household)s 缴费%(amount)s元") % {"household": self.household, "amount": self.amount}

    def get_absolute_url(self):
        return reverse("payment-receipt", args=[self.pk])

    def validate_claim(self):
        if self.amount is not None and self.amount <= 0:
            raise ValidationError({"amount": _("缴费金额必须大于0。")})

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        return Bill.scope_q(scope, write=write)


class EnterpriseRecord(EvidenceRecord):
    """Abstract: evidence of an enterprise itself (its chain is the enterprise's)."""

    chain_kind = "enterprise"
    chain_attr = "enterprise_id"

    class Meta(EvidenceRecord.Meta):
        abstract = True

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        return within("enterprise", Enterprise, scope, write=write)

    def division_code(self):
        return self.enterprise.division_id

    def validate_claim(self):
        check_file(self, required=True, extensions=DOCUMENT_EXTENSIONS)


class FinancialRules(EnterpriseRecord):
    """The enterprise's financial management rules (财务管理制度) as issued: title and the file."""

    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("企业"), on_delete=models.PROTECT, related_name="financial_rules"
    )
    title = models.CharField(_("制度名称"), max_length=100)

    class Meta(EnterpriseRecord.Meta):
        verbose_name = _("财务管理制度")
        verbose_name_plural = _("财务管理制度")
        ordering = ["-occurred_at", "-pk"]
        indexes = [models.Index(fields=["enterprise", "occurred_at"], name="finrules_enterprise_time")]

    def __str__(self):
        return self.title


class TaxCertificate(EnterpriseRecord):
    """The enterprise's tax payment certificate (完税证明) for one tax year, with the file."""

    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("企业"), on_delete=models.PROTECT, related_name="tax_certificates"
    )
    tax_year = models.PositiveSmallIntegerField(_("纳税年度"))

    class Meta(EnterpriseRecord.Meta):
        verbose_name = _("完税证明")
        verbose_name_plural = _("完税证明")
        ordering = ["-tax_year", "-pk"]
        indexes = [models.Index(fields=["enterprise", "tax_year"], name="taxcert_enterprise_year")]

    def __str__(self):
        return _("%(year)s年度完税证明") % {"year": self.tax_year}
