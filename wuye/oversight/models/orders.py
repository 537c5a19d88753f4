"""Rectification orders (整改通知): a regulator orders an enterprise to put right one or more findings by a
deadline; the enterprise's managers answer with what they did and a file; the regulator accepts or reopens.

- An **order** names its enterprise, the project if the findings are one project's, the findings and the
  deadline in force. Its status moves only as ``ORDER_MOVES`` allows (actions_orders), each move an
  ``OrderMove`` row (hash-chained evidence, the server's time, in the enterprise's chain).
- An **answer** is one reply of the enterprise: what it did, and an evidence file.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wuye.core.evidence import EvidenceRecord
from wuye.core.models import RegistryModel, within
from wuye.core.scoping import division_q
from wuye.oversight.choices_orders import OrderStatus

__all__ = ["OrderAnswer", "OrderMove", "RectificationOrder", "deadline_end"]


def deadline_end(deadline: datetime.date) -> datetime.datetime:
    """An order is due by the end of its deadline's day (Asia/Shanghai): the check and the pages use this."""
    from wuye.compliance.duties import start_of_day

    return start_of_day(deadline + datetime.timedelta(days=1))


# The statuses in which an order waits for the enterprise's answer.
WAITING = (OrderStatus.ISSUED, OrderStatus.REOPENED)


class RectificationOrder(RegistryModel):
    """A regulator's order to an enterprise to rectify findings by a deadline (整改通知)."""

    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("物业服务企业"),
        on_delete=models.PROTECT,
        related_name="rectification_orders",
    )
    project = models.ForeignKey(
        "estates.Project",
        verbose_name=_("项目"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="rectification_orders",
    )
    # The project's division, or the enterprise's for its own findings: whose regulators see the order.
    division = models.ForeignKey(
        "regions.Division", verbose_name=_("行政区划"), on_delete=models.PROTECT, related_name="+"
    )
    findings = models.ManyToManyField(
        "compliance.Finding", verbose_name=_("问题"), related_name="rectification_orders"
    )
    requirement = models.TextField(_("整改要求"))
    deadline = models.DateField(_("整改期限"))
    # The end of the deadline's day, kept with it (``save``) so the check compares in the database.
    due_at = models.DateTimeField(_("到期时间"), editable=False)
    status = models.CharField(
        _("状态"), max_length=10, choices=OrderStatus.choices, default=OrderStatus.ISSUED, editable=False
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("下达人"), on_delete=models.PROTECT, related_name="+"
    )
    issued_at = models.DateTimeField(_("下达时间"))
    # The answer of the current round (cleared on reopening): in by the deadline, no finding.
    answered_at = models.DateTimeField(_("回复时间"), null=True, blank=True, editable=False)
    accepted_at = models.DateTimeField(_("验收时间"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("整改通知")
        verbose_name_plural = _("整改通知")
        ordering = ["-issued_at", "-pk"]
        indexes = [
            models.Index(fields=["due_at"], name="order_due_at"),
            models.Index(fields=["enterprise", "issued_at"], name="order_enterprise"),
        ]

    def __str__(self):
        return _("整改通知第%(pk)s号（%(where)s）") % {"pk": self.pk, "where": self.where}

    def save(self, *args, **kwargs):
        self.due_at = deadline_end(self.deadline)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("order-detail", args=[self.pk])

    @property
    def where(self) -> str:
        return self.project.name if self.project_id else self.enterprise.name

    def overdue(self, now) -> bool:
        """Past its deadline with no answer of this round (the check's rule, for the pages)."""
        return self.status in WAITING and self.due_at <= now

    @staticmethod
    def overdue_q(now) -> Q:
        """``overdue`` in SQL: the list's filter and badge."""
        return Q(status__in=WAITING, due_at__lte=now)

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        # Regulators of the division issue and decide; the enterprise's managers answer (actions_orders).
        regulators = division_q("division__code", scope)
        if write:
            return regulators
        return (
            regulators
            | Q(enterprise_id__in=scope.enterprise_ids)
            | Q(project_id__in=scope.project_member_ids)
        )


def order_records_q(scope, *, write: bool) -> Q:
    return within("order", RectificationOrder, scope, write=write)


class OrderAnswer(RegistryModel):
    """One answer of the enterprise to an order: what it did, with an evidence file."""

    order = models.ForeignKey(
        RectificationOrder, verbose_name=_("整改通知"), on_delete=models.PROTECT, related_name="answers"
    )
    text = models.TextField(_("整改情况"))
    file = models.FileField(_("整改证明材料"), upload_to="orders/%Y/%m/", blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("回复人"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("整改回复")
        verbose_name_plural = _("整改回复")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text[:40]

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        return order_records_q(scope, write=False)


class OrderMove(EvidenceRecord):
    """A move of an order's status (issued, answered, accepted, reopened), by whom, when, to which deadline."""

    chain_kind = "enterprise"
    chain_attr = "enterprise_id"

    order = models.ForeignKey(
        RectificationOrder, verbose_name=_("整改通知"), on_delete=models.PROTECT, related_name="moves"
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("物业服务企业"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    from_status = models.CharField(_("原状态"), max_length=10, choices=OrderStatus.choices, blank=True)
    to_status = models.CharField(_("新状态"), max_length=10, choices=OrderStatus.choices)
    deadline = models.DateField(_("整改期限"))
    note = models.CharField(_("说明"), max_length=300, blank=True)
    # The answer of an "answered" move, in the hashed content: which one, its text's and its file's SHA-256.
    answer = models.ForeignKey(
        OrderAnswer,
        verbose_name=_("整改回复"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    answer_text_sha256 = models.CharField(_("回复内容SHA-256"), max_length=64, blank=True, editable=False)
    answer_file_sha256 = models.CharField(_("回复附件SHA-256"), max_length=64, blank=True, editable=False)

    class Meta(EvidenceRecord.Meta):
        verbose_name = _("整改通知状态变更")
        verbose_name_plural = _("整改通知状态变更")
        ordering = ["occurred_at", "pk"]
        indexes = [models.Index(fields=["order", "occurred_at"], name="ordermove_order")]

    def __str__(self):
        return f"{self.order_id} {self.from_status} → {self.to_status}"

    def division_code(self):
        return self.order.division_id

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        return order_records_q(scope, write=False)
