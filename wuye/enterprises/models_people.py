"""Clauses 1.4, 1.7, 1.8, 3.8: wages, terminations, policy documents, turnover and training.

Imported at the end of ``models.py``. Wages and terminations are labour details: the employer's managers
and the regulators over the enterprise see them (as ``Employment``); policy documents are evidence of the
enterprise itself (append-only, like the financial rules of clause 1.5); training sessions are the
enterprise's own records.
"""

import datetime
from decimal import Decimal
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wuye.core.evidence import EvidenceRecord
from wuye.core.models import RegistryModel, within
from wuye.core.scoping import NOTHING, own_q
from wuye.core.uploads import DOCUMENT_EXTENSIONS, check_file

__all__ = [
    "PaymentMethod",
    "PolicyCategory",
    "PolicyDocument",
    "Termination",
    "TerminationReason",
    "TrainingAttendance",
    "TrainingSession",
    "WagePayment",
    "LAWFUL_REASONS",
]

MONEY = {"max_digits": 12, "decimal_places": 2}


class PaymentMethod(models.TextChoices):
    BANK = "bank", _("银行代发")
    CASH = "cash", _("现金")
    OTHER = "other", _("其他")


class TerminationReason(models.TextChoices):
    """Lawful ways a labour contract ends (劳动合同法 Art. 36–44), and none stated."""

    AGREED = "agreed", _("协商一致解除（第36条）")
    EMPLOYEE_NOTICE = "employee_notice", _("劳动者提前通知解除（第37条）")
    EMPLOYER_FAULT = "employer_fault", _("劳动者因用人单位过错解除（第38条）")
    FOR_CAUSE = "for_cause", _("过失性辞退（第39条）")
    WITH_NOTICE = "with_notice", _("无过失性辞退（第40条）")
    REDUNDANCY = "redundancy", _("经济性裁员（第41条）")
    EXPIRED = "expired", _("劳动合同期满（第44条）")
    RETIRED = "retired", _("依法享受养老保险待遇或退休（第44条）")
    OTHER_LAWFUL = "other_lawful", _("其他法定终止情形（第44条）")
    NONE = "none", _("其他/未注明理由")


LAWFUL_REASONS = [choice for choice in TerminationReason.values if choice != TerminationReason.NONE]


class ReviewOutcome(models.TextChoices):
    LAWFUL = "lawful", _("经复核合法")
    UNLAWFUL = "unlawful", _("经复核违法")


class PolicyCategory(models.TextChoices):
    INTERNAL_MANAGEMENT = "internal_management", _("内部管理制度")
    INCENTIVES = "incentives", _("激励制度")
    ASSESSMENT = "assessment", _("考核制度")
    REWARDS_PENALTIES = "rewards_penalties", _("奖惩制度")


def labour_scope(path: str, scope, *, write: bool) -> Q:
    """Labour details (wages, terminations): the employer's managers write; they and the regulators read."""
    from wuye.enterprises.models import Staff

    if write:
        return Q(**{f"{path}__enterprise_id__in": scope.enterprise_ids})
    return Q(**{f"{path}__in": Staff.objects.filter(Staff.pii_q(scope))})


class WagePayment(RegistryModel):
    """The wages of one month paid to one employee (clause 1.4): entered or imported from the payroll."""

    employment = models.ForeignKey(
        "enterprises.Employment", verbose_name=_("劳动关系"), on_delete=models.CASCADE, related_name="wages"
    )
    month = models.DateField(_("工资月份"), help_text=_("所属月份的第一天。"))
    amount = models.DecimalField(
        _("实发金额（元）"), **MONEY, validators=[MinValueValidator(Decimal("0.01"))]
    )
    paid_on = models.DateField(_("发放日期"))
    method = models.CharField(_("发放方式"), max_length=10, choices=PaymentMethod.choices, default="bank")

    class Meta:
        verbose_name = _("工资发放")
        verbose_name_plural = pgettext_lazy("plural", "工资发放")
        ordering = ["-month", "employment"]
        constraints = [
            models.UniqueConstraint(
                fields=["employment", "month"],
                name="wage_one_per_employment_month",
                violation_error_message=_("该员工该月份的工资已登记。"),
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="wage_amount_positive"),
        ]

    def __str__(self):
        return f"{self.employment.staff} · {self.month:%Y-%m}"

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        # An employee with a login also sees his own wages (read only).
        own = NOTHING if write else own_q(scope, "employment__staff__user_id")
        return labour_scope("employment__staff", scope, write=write) | own

    def clean(self):
        errors = {}
        if self.month and self.month.day != 1:
            self.month = self.month.replace(day=1)
        if self.month and self.paid_on and self.paid_on < self.month:
            errors["paid_on"] = _("发放日期不得早于工资月份。")
        if self.employment_id and self.month:
            employment = self.employment
            if self.month < employment.start_date.replace(day=1):
                errors["month"] = _("工资月份早于入职月份。")
            elif employment.ended_on and self.month > employment.ended_on:
                errors["month"] = _("工资月份晚于离职日期。")
        if errors:
            raise ValidationError(errors)


class Termination(RegistryModel):
    """How an employment ended (clause 1.4): a reason category of 劳动合同法; one without a lawful
    category is flagged for the regulator's review, who records the outcome."""

    employment = models.OneToOneField(
        "enterprises.Employment",
        verbose_name=_("劳动关系"),
        on_delete=models.CASCADE,
        related_name="termination",
    )
    date = models.DateField(_("解除日期"))
    reason = models.CharField(_("理由类别"), max_length=20, choices=TerminationReason.choices)
    note = models.TextField(_("说明"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("复核人"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("复核时间"), null=True, blank=True, editable=False)
    outcome = models.CharField(_("复核结论"), max_length=10, choices=ReviewOutcome.choices, blank=True)
    review_note = models.TextField(_("复核意见"), blank=True)

    class Meta:
        verbose_name = _("解除劳动关系")
        verbose_name_plural = pgettext_lazy("plural", "解除劳动关系")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"{self.employment.staff} · {self.date}"

    @property
    def lawful(self) -> bool:
        return self.reason in LAWFUL_REASONS

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        return labour_scope("employment__staff", scope, write=write)

    def clean(self):
        if self.employment_id and self.date and self.date < self.employment.start_date:
            raise ValidationError({"date": _("解除日期不得早于入职日期。")})


class PolicyDocument(EvidenceRecord):
    """A policy of the enterprise (clause 1.7) as issued: its category, title and the file. Evidence:
    the newest of each category must be current (``1.7.policies_on_file``); its content is for a person."""

    chain_kind = "enterprise"
    chain_attr = "enterprise_id"

    enterprise = models.ForeignKey(
        "enterprises.Enterprise", verbose_name=_("企业"), on_delete=models.PROTECT, related_name="policies"
    )
    category = models.CharField(_("制度类别"), max_length=30, choices=PolicyCategory.choices)
    title = models.CharField(_("制度名称"), max_length=100)

    class Meta(EvidenceRecord.Meta):
        verbose_name = _("管理制度")
        verbose_name_plural = pgettext_lazy("plural", "管理制度")
        ordering = ["-occurred_at", "-pk"]
        indexes = [
            models.Index(fields=["enterprise", "category", "occurred_at"], name="policy_enterprise_cat_time")
        ]

    def __str__(self):
        return self.title

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        from wuye.enterprises.models import Enterprise

        if write:
            return Q(enterprise_id__in=scope.enterprise_ids)
        return within("enterprise", Enterprise, scope, write=False)

    def division_code(self):
        return self.enterprise.division_id

    def validate_claim(self):
        check_file(self, required=True, extensions=DOCUMENT_EXTENSIONS)


class TrainingSession(RegistryModel):
    """A training the enterprise held (clause 3.8), with the employees who attended."""

    enterprise = models.ForeignKey(
        "enterprises.Enterprise", verbose_name=_("企业"), on_delete=models.CASCADE, related_name="trainings"
    )
    held_on = models.DateField(_("培训日期"))
    topic = models.CharField(_("培训内容"), max_length=200)
    hours = models.DecimalField(
        _("学时"), max_digits=5, decimal_places=1, validators=[MinValueValidator(Decimal("0.5"))]
    )
    trainer = models.CharField(_("培训讲师"), max_length=50)
    attendees = models.ManyToManyField(
        "enterprises.Staff",
        verbose_name=_("参训员工"),
        through="TrainingAttendance",
        related_name="trainings",
        blank=True,
    )

    class Meta:
        verbose_name = _("培训")
        verbose_name_plural = pgettext_lazy("plural", "培训")
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["enterprise", "held_on"], name="training_enterprise_day")]

    def __str__(self):
        return f"{self.held_on} {self.topic}"

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        from wuye.enterprises.models import Enterprise

        if write:
            return Q(enterprise_id__in=scope.enterprise_ids)
        return within("enterprise", Enterprise, scope, write=False)


class TrainingAttendance(RegistryModel):
    """One employee at one training."""

    session = models.ForeignKey(
        TrainingSession, verbose_name=_("培训"), on_delete=models.CASCADE, related_name="attendance"
    )
    staff = models.ForeignKey(
        "enterprises.Staff", verbose_name=_("员工"), on_delete=models.CASCADE, related_name="attendance"
    )

    class Meta:
        verbose_name = _("培训签到")
        verbose_name_plural = pgettext_lazy("plural", "培训签到")
        ordering = ["session", "staff"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "staff"],
                name="training_attendance_once",
                violation_error_message=_("该员工已登记参加此次培训。"),
            )
        ]

    def __str__(self):
        return f"{self.session} · {self.staff}"

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        return within("session", TrainingSession, scope, write=write)

    def clean(self):
        if self.session_id and self.staff_id and self.session.enterprise_id != self.staff.enterprise_id:
            raise ValidationError({"staff": _("只能登记本企业的员工。")})


class Turnover(NamedTuple):
    """Staff turnover of one calendar year (clause 1.8's indicator)."""

    year: int
    leavers: int
    average_headcount: Decimal
    rate: Decimal | None  # percent, one decimal; None without staff


def turnover_years(enterprise, years, today=None, employments=None) -> list[Turnover]:
    """Turnover of each of ``years``: leavers (employments ended in the year) over the average headcount
    (the mean of the headcounts on its first day and on its last day, or today for the current year).
    One query for all the years; ``employments`` narrows the rows counted (those a user may see)."""
    from wuye.enterprises.models import Employment

    today = today or timezone.localdate()
    counts = {}
    for year in years:
        first = datetime.date(year, 1, 1)
        last = min(datetime.date(year, 12, 31), today)

        def employed(on):
            return Q(start_date__lte=on) & (Q(ended_on__isnull=True) | Q(ended_on__gte=on))

        counts[f"left_{year}"] = Count("pk", filter=Q(ended_on__gte=first, ended_on__lte=last))
        counts[f"first_{year}"] = Count("pk", filter=employed(first))
        counts[f"last_{year}"] = Count("pk", filter=employed(last))
    totals = (
        (employments if employments is not None else Employment.objects.all())
        .filter(staff__enterprise=enterprise)
        .aggregate(**counts)
    )
    found = []
    for year in years:
        average = Decimal(totals[f"first_{year}"] + totals[f"last_{year}"]) / 2
        leavers = totals[f"left_{year}"]
        rate = (Decimal(leavers) * 100 / average).quantize(Decimal("0.1")) if average else None
        found.append(Turnover(year, leavers, average, rate))
    return found


def turnover(enterprise, year: int, today=None) -> Turnover:
    """Staff turnover of ``enterprise`` in ``year``: leavers / average headcount (see ``turnover_years``)."""
    return turnover_years(enterprise, [year], today)[0]
