"""Clauses 2.1 and 2.4: an enterprise leaving a project.

- An **exit** (``ExitFiling``) belongs to one service period: the notice to the owners and the
  authority (date, reason), the planned end, the contract it ends and who receives the project (the
  owners' committee or the successor enterprise). Its status moves only as ``EXIT_MOVES``
  (actions_exit) allows, each move an ``ExitStatusChange`` row (hash-chained evidence).
- A **handover item** is one thing handed over (management rooms, an Art. 29 record, keys, equipment
  files, the owner register), checked off by a user of the receiver, never by the leaving company.
- A **refund** pays one household back its prepaid balance at the end date (``refunds.refunds_due``);
  more than is due is refused.
"""

from dataclasses import replace

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wuye.core.evidence import EvidenceRecord
from wuye.core.models import RegistryModel, within
from wuye.estates.models import Household, OwnersCommittee, Project, ServiceContract, ServicePeriod
from wuye.finance.models.fees import MONEY
from wuye.lifecycle.choices_exit import ExitStatus, HandoverKind, ReceiverKind, RefundMethod
from wuye.safety.choices_plans import ArchiveCategory

__all__ = ["ExitFiling", "ExitStatusChange", "HandoverItem", "Refund"]


def exit_readers_q(scope, lookup: str = "exit") -> Q:
    """Exits the user reads: the leaving enterprise's and the successor's own, and those of the projects
    whose records he reads as staff, committee or regulator (an owner reads only his own refund)."""
    readers = replace(scope, household_ids=frozenset(), developer_ids=frozenset())
    prefix = f"{lookup}__" if lookup else ""
    return (
        within(f"{prefix}project", Project, readers, write=False)
        | Q(**{f"{prefix}enterprise_id__in": scope.enterprise_ids})
        | Q(**{f"{prefix}successor_id__in": scope.enterprise_ids})
    )


class ExitFiling(RegistryModel):
    """An enterprise's exit from a project: its notice, planned end, receiver and status."""

    service_period = models.OneToOneField(
        ServicePeriod, verbose_name=_("服务期"), on_delete=models.PROTECT, related_name="exit_filing"
    )
    project = models.ForeignKey(
        Project, verbose_name=_("项目"), on_delete=models.PROTECT, related_name="exits", editable=False
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("退出企业"),
        on_delete=models.PROTECT,
        related_name="exits",
        editable=False,
    )
    contract = models.ForeignKey(
        ServiceContract,
        verbose_name=_("终止的服务合同"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    notice_on = models.DateField(_("告知日期"), help_text=_("告知业主和主管部门的日期。"))
    reason = models.TextField(_("退出原因"))
    planned_end = models.DateField(_("计划退出日期"))
    receiver_kind = models.CharField(_("接收方"), max_length=12, choices=ReceiverKind.choices)
    committee = models.ForeignKey(
        OwnersCommittee,
        verbose_name=_("接收的业主委员会"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    successor = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("接收的物业服务企业"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="successions",
    )
    status = models.CharField(
        _("状态"), max_length=14, choices=ExitStatus.choices, default=ExitStatus.NOTIFIED, editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name = _("退出备案")
        verbose_name_plural = _("退出备案")
        ordering = ["-planned_end", "-pk"]
        indexes = [
            models.Index(fields=["project", "planned_end"], name="exit_project_end"),
            models.Index(fields=["enterprise", "status"], name="exit_enterprise_status"),
        ]

    def __str__(self):
        return _("%(enterprise)s 退出 %(project)s（%(end)s）") % {
            "enterprise": self.enterprise,
            "project": self.project,
            "end": self.planned_end,
        }

    def save(self, *args, **kwargs):
        self.project_id = self.service_period.project_id
        self.enterprise_id = self.service_period.enterprise_id
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("exit-detail", args=[self.pk])

    def clean(self):
        errors = {}
        if self.notice_on and self.planned_end and self.planned_end < self.notice_on:
            errors["planned_end"] = _("计划退出日期不得早于告知日期。")
        if self.receiver_kind == ReceiverKind.COMMITTEE:
            if not self.committee_id:
                errors["committee"] = _("接收方为业主委员会时须选择业主委员会。")
            elif self.service_period_id and self.committee.project_id != self.service_period.project_id:
                errors["committee"] = _("该业主委员会不属于本项目。")
            if self.successor_id:
                errors["successor"] = _("接收方为业主委员会时不填新物业服务企业。")
        elif self.receiver_kind == ReceiverKind.SUCCESSOR:
            if not self.successor_id:
                errors["successor"] = _("接收方为新物业服务企业时须选择企业。")
            elif self.service_period_id and self.successor_id == self.service_period.enterprise_id:
                errors["successor"] = _("新物业服务企业不能是退出企业本身。")
            if self.committee_id:
                errors["committee"] = _("接收方为新物业服务企业时不填业主委员会。")
        if (
            self.contract_id
            and self.service_period_id
            and (
                self.contract.project_id != self.service_period.project_id
                or self.contract.enterprise_id != self.service_period.enterprise_id
            )
        ):
            errors["contract"] = _("该合同不是退出企业在本项目的合同。")
        if errors:
            raise ValidationError(errors)

    @property
    def end(self):
        """The day service ends: the service period's recorded end, else the planned one."""
        return self.service_period.end or self.planned_end

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        if write:
            return Q(enterprise_id__in=scope.enterprise_ids)
        return exit_readers_q(scope, lookup="")


class ExitStatusChange(EvidenceRecord):
    """A move of an exit's status (handing over, handed over, closed), by whom and when."""

    chain_attr = "project_id"

    exit = models.ForeignKey(
        ExitFiling, verbose_name=_("退出备案"), on_delete=models.PROTECT, related_name="status_changes"
    )
    project = models.ForeignKey(
        Project, verbose_name=_("项目"), on_delete=models.PROTECT, related_name="+", editable=False
    )
    from_status = models.CharField(_("原状态"), max_length=14, choices=ExitStatus.choices)
    to_status = models.CharField(_("新状态"), max_length=14, choices=ExitStatus.choices)

    class Meta(EvidenceRecord.Meta):
        verbose_name = _("退出状态变更")
        verbose_name_plural = _("退出状态变更")
        ordering = ["occurred_at", "pk"]
        indexes = [models.Index(fields=["exit", "occurred_at"], name="exitstatus_exit")]

    def __str__(self):
        return f"{self.exit} {self.get_from_status_display()} → {self.get_to_status_display()}"

    def division_code(self):
        return self.project.division_id

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        return within("exit", ExitFiling, scope, write=write)


class HandoverItem(RegistryModel):
    """One thing the leaving enterprise hands over, and the receiver's confirmation of it."""

    exit = models.ForeignKey(
        ExitFiling, verbose_name=_("退出备案"), on_delete=models.CASCADE, related_name="handover_items"
    )
    kind = models.CharField(_("移交事项"), max_length=20, choices=HandoverKind.choices)
    archive_category = models.CharField(
        _("资料类别"), max_length=40, choices=ArchiveCategory.choices, blank=True
    )
    description = models.CharField(_("说明"), max_length=200, blank=True)
    confirmed_at = models.DateTimeField(_("确认时间"), null=True, blank=True, editable=False)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("确认人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name = _("移交事项")
        verbose_name_plural = _("移交事项")
        ordering = ["exit", "kind", "pk"]

    def __str__(self):
        return self.description or self.get_kind_display()

    def clean(self):
        if self.kind == HandoverKind.RECORDS and not self.archive_category:
            raise ValidationError({"archive_category": _("移交第二十九条资料时须选择资料类别。")})
        if self.kind != HandoverKind.RECORDS and self.archive_category:
            raise ValidationError({"archive_category": _("只有第二十九条资料才填资料类别。")})

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        return within("exit", ExitFiling, scope, write=write)


class Refund(RegistryModel):
    """A refund of a household's prepaid balance at the exit: amount, when, how, the receipt."""

    exit = models.ForeignKey(
        ExitFiling, verbose_name=_("退出备案"), on_delete=models.PROTECT, related_name="refunds"
    )
    household = models.ForeignKey(
        Household, verbose_name=_("房屋"), on_delete=models.PROTECT, related_name="exit_refunds"
    )
    amount = models.DecimalField(_("退款金额（元）"), **MONEY)
    paid_on = models.DateField(_("退款日期"))
    method = models.CharField(_("退款方式"), max_length=10, choices=RefundMethod.choices)
    receipt = models.CharField(_("收据号"), max_length=40, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name = _("预收费用退款")
        verbose_name_plural = _("预收费用退款")
        ordering = ["exit", "household", "paid_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="exit_refund_amount_positive",
                violation_error_message=_("退款金额必须大于0。"),
            )
        ]
        indexes = [models.Index(fields=["exit", "household"], name="exit_refund_household")]

    def __str__(self):
        return _("%(household)s 退款%(amount)s元") % {"household": self.household, "amount": self.amount}

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        if write:
            return within("exit", ExitFiling, scope, write=True)
        return exit_readers_q(scope) | Q(household_id__in=scope.household_ids)
