"""Clause 1.6: the half-year income and expense statements of a project, on a two-level account tree.

- An **account** (会计科目) is level 1 (no parent) or level 2 (under a level-1 one); the default tree has
  no project (``accounts_tree.py``), a project may add level-2 accounts of its own.
- A **statement** covers one project's half year, as a numbered version: a draft is edited, then
  published (final); a correction is a new version pointing to the one it corrects, which becomes
  superseded when the correction is published. Moves follow ``STATEMENT_MOVES`` (actions_statements)
  and each is a ``StatementStatusChange`` row (hash-chained evidence).
- A **line** is an amount on one account: level-2 lines, and the level-1 totals as the paper states them.
"""

import datetime
from dataclasses import replace
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wuye.core.evidence import EvidenceRecord
from wuye.core.models import RegistryModel, within
from wuye.core.scoping import ScopedManager
from wuye.estates.models import Household, Project, ServicePeriod
from wuye.finance.choices_statements import AccountKind, Half, StatementStatus

__all__ = ["Account", "Statement", "StatementLine", "StatementStatusChange"]

VISIBLE_TO_OWNERS = (StatementStatus.PUBLISHED, StatementStatus.SUPERSEDED)


def company_q(scope, lookup: str = "project_id") -> Q:
    """Rows of the projects the user runs: his own project as staff, those his enterprise serves now."""
    served_now = ServicePeriod.objects.current().filter(enterprise_id__in=scope.enterprise_ids)
    return Q(**{f"{lookup}__in": scope.staff_project_ids}) | Q(
        **{f"{lookup}__in": served_now.values("project_id")}
    )


def project_readers_q(scope, lookup: str = "project") -> Q:
    """Rows of a project its staff, company, committee, developer and regulators read (not its owners)."""
    return within(lookup, Project, replace(scope, household_ids=frozenset()), write=False)


class Account(models.Model):
    """An account of the statements' tree: its code, name, income or expense, and level-1 parent."""

    project = models.ForeignKey(
        Project,
        verbose_name=_("项目"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="statement_accounts",
        help_text=_("空：全区统一的默认科目"),
    )
    code = models.CharField(_("科目编码"), max_length=20)
    name = models.CharField(_("科目名称"), max_length=50)
    kind = models.CharField(_("收支类别"), max_length=10, choices=AccountKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级科目"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    position = models.PositiveIntegerField(_("排序"), default=0)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("收支科目")
        verbose_name_plural = _("收支科目")
        ordering = ["position", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"],
                condition=Q(project=None),
                name="account_default_code_unique",
                violation_error_message=_("默认科目编码重复。"),
            ),
            models.UniqueConstraint(
                fields=["project", "code"],
                name="account_project_code_unique",
                violation_error_message=_("本项目已有该科目编码。"),
            ),
        ]
        indexes = [models.Index(fields=["project", "parent"], name="account_project_parent")]

    def __str__(self):
        return f"{self.code} {self.name}"

    @property
    def level(self) -> int:
        return 1 if self.parent_id is None else 2

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        if write:
            return company_q(scope)
        return Q(project=None) | project_readers_q(scope) | Q(project_id__in=owned_projects(scope))


def owned_projects(scope):
    return Household.objects.filter(pk__in=scope.household_ids).values("project_id")


class Statement(RegistryModel):
    """One version of a project's income and expense statement of a half year, with its balances."""

    project = models.ForeignKey(
        Project, verbose_name=_("项目"), on_delete=models.PROTECT, related_name="statements"
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    half = models.PositiveSmallIntegerField(_("半年度"), choices=Half.choices)
    version = models.PositiveSmallIntegerField(_("版本"), default=1, editable=False)
    corrects = models.ForeignKey(
        "self",
        verbose_name=_("更正的版本"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrections",
        editable=False,
    )
    opening_balance = models.DecimalField(_("期初结余（元）"), max_digits=14, decimal_places=2)
    closing_balance = models.DecimalField(_("期末结余（元）"), max_digits=14, decimal_places=2)
    # Clause 2.6: parking income goes first to the shortfall of property fees (``shortfall_owed``).
    parking_to_shortfall = models.DecimalField(
        _("停车收入弥补物业费不足金额（元）"),
        max_digits=14,
        decimal_places=2,
        default=Decimal("0.00"),
        validators=[MinValueValidator(Decimal("0.00"), _("金额不能为负数。"))],
    )
    note = models.TextField(_("说明"), blank=True)
    status = models.CharField(
        _("状态"),
        max_length=12,
        choices=StatementStatus.choices,
        default=StatementStatus.DRAFT,
        editable=False,
    )
    published_at = models.DateTimeField(_("公布时间"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("创建人"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name = _("收支情况表")
        verbose_name_plural = _("收支情况表")
        ordering = ["-year", "-half", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "year", "half", "version"],
                name="statement_unique_version",
                violation_error_message=_("该项目本半年度的这一版本已存在。"),
            ),
            models.CheckConstraint(
                condition=Q(status=StatementStatus.DRAFT) | Q(published_at__isnull=False),
                name="statement_published_has_time",
                violation_error_message=_("已公布的收支情况表须有公布时间。"),
            ),
        ]
        indexes = [
            models.Index(fields=["project", "year", "half"], name="statement_project_half"),
            models.Index(fields=["status", "published_at"], name="statement_status_published"),
        ]

    def __str__(self):
        return _("%(year)s年%(half)s收支情况表") % {"year": self.year, "half": self.get_half_display()}

    def get_absolute_url(self):
        return reverse("statement-detail", args=[self.pk])

    @property
    def period_start(self) -> datetime.date:
        return datetime.date(self.year, 1 if self.half == Half.FIRST else 7, 1)

    @property
    def is_draft(self) -> bool:
        return self.status == StatementStatus.DRAFT

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        if write:
            return company_q(scope)
        # Owners read what was published, never the drafts.
        return project_readers_q(scope) | Q(
            project_id__in=owned_projects(scope), status__in=VISIBLE_TO_OWNERS
        )


class StatementLine(models.Model):
    """An amount of a statement on one account: a level-2 line, or a level-1 total as stated."""

    statement = models.ForeignKey(
        Statement, verbose_name=_("收支情况表"), on_delete=models.CASCADE, related_name="lines"
    )
    account = models.ForeignKey(
        Account, verbose_name=_("科目"), on_delete=models.PROTECT, related_name="lines"
    )
    amount = models.DecimalField(_("金额（元）"), max_digits=14, decimal_places=2)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("收支明细")
        verbose_name_plural = _("收支明细")
        ordering = ["account__position", "account__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["statement", "account"],
                name="statementline_one_per_account",
                violation_error_message=_("同一科目只能填写一行。"),
            )
        ]
        indexes = [models.Index(fields=["account"], name="statementline_account")]

    def __str__(self):
        return f"{self.account} {self.amount}"

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        return within("statement", Statement, scope, write=write)


class StatementStatusChange(EvidenceRecord):
    """A move of a statement's status (published, superseded by a correction), by whom and when."""

    chain_attr = "project_id"

    statement = models.ForeignKey(
        Statement, verbose_name=_("收支情况表"), on_delete=models.PROTECT, related_name="status_changes"
    )
    project = models.ForeignKey(
        Project, verbose_name=_("项目"), on_delete=models.PROTECT, related_name="+", editable=False
    )
    from_status = models.CharField(_("原状态"), max_length=12, choices=StatementStatus.choices)
    to_status = models.CharField(_("新状态"), max_length=12, choices=StatementStatus.choices)

    class Meta(EvidenceRecord.Meta):
        verbose_name = _("收支情况表状态变更")
        verbose_name_plural = _("收支情况表状态变更")
        ordering = ["occurred_at", "pk"]
        indexes = [models.Index(fields=["statement", "occurred_at"], name="statementstatus_statement")]

    def __str__(self):
        return f"{self.statement} {self.get_from_status_display()} → {self.get_to_status_display()}"

    def division_code(self):
        return self.project.division_id

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        return within("statement", Statement, scope, write=write)
