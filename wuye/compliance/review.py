"""Appeals and exemptions: the two ways a finding stops counting, each with its own status pipeline.

After django-oscar: a status changes only through ``set_status``, which looks the move up in the
model's transition table, refuses an illegal one and writes one ``ReviewStatusChange`` row per move
(filing or requesting included), so every step is kept. The use cases that call it are in
``wuye.compliance.actions``; nothing here decides who may do what.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wuye.core.models import within
from wuye.core.scoping import NOTHING, ScopedManager, ScopedQuerySet

# The Finding.withdrawn_reason an upheld appeal leaves (a code, like the engine's "recomputed").
APPEAL_UPHELD = "appeal upheld"


class AppealStatus(models.TextChoices):
    FILED = "filed", _("待裁决")
    UPHELD = "upheld", _("申诉成立")
    REJECTED = "rejected", _("申诉驳回")


class ExemptionStatus(models.TextChoices):
    REQUESTED = "requested", _("待审批")
    APPROVED = "approved", _("已批准")
    REJECTED = "rejected", _("已驳回")
    REVOKED = "revoked", _("已撤销")


class IllegalTransition(ValidationError):
    """A move the transition table does not allow (an appeal decided twice, a rejected exemption revoked)."""


class AppealQuerySet(ScopedQuerySet):
    def overdue(self, as_of: datetime.datetime):
        """Appeals still undecided after their decision deadline."""
        return self.filter(status=AppealStatus.FILED, decide_by__lt=as_of)


class Appeal(models.Model):
    """An enterprise's appeal against a finding with its statement, and the regulator's decision on it."""

    Status = AppealStatus
    TRANSITIONS = {
        "": {AppealStatus.FILED},
        AppealStatus.FILED: {AppealStatus.UPHELD, AppealStatus.REJECTED},
    }

    finding = models.ForeignKey(
        "compliance.Finding", verbose_name=_("问题"), on_delete=models.CASCADE, related_name="appeals"
    )
    statement = models.TextField(_("申诉理由"))
    status = models.CharField(
        _("状态"), max_length=10, choices=AppealStatus.choices, default=AppealStatus.FILED
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("申诉人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    filed_at = models.DateTimeField(_("申诉时间"))
    decide_by = models.DateTimeField(_("裁决期限"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("裁决人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("裁决时间"), null=True, blank=True)
    decision_reason = models.TextField(_("裁决理由"), blank=True)

    objects = AppealQuerySet.as_manager()

    class Meta:
        verbose_name = _("申诉")
        verbose_name_plural = _("申诉")
        ordering = ["-filed_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["finding"],
                condition=Q(status="filed"),
                name="appeal_one_open_per_finding",
                violation_error_message=_("该问题已有待裁决的申诉。"),
            )
        ]
        # overdue_appeals() reads undecided appeals by deadline.
        indexes = [models.Index(fields=["status", "decide_by"], name="appeal_status_due")]

    def __str__(self):
        return f"{self.finding_id} {self.get_status_display()} {self.filed_at:%Y-%m-%d}"

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        from wuye.compliance.models import Finding

        if write:
            return NOTHING  # changed only through the actions
        return within("finding", Finding, scope, write=False)


class ExemptionQuerySet(ScopedQuerySet):
    def in_force(self, day: datetime.date):
        """Approved exemptions whose validity covers ``day`` (both ends included)."""
        return self.filter(status=ExemptionStatus.APPROVED, valid_from__lte=day, expires_on__gte=day)


class Exemption(models.Model):
    """A check that does not apply to a project (or an enterprise) until a date, as a regulator approved."""

    Status = ExemptionStatus
    TRANSITIONS = {
        "": {ExemptionStatus.REQUESTED},
        ExemptionStatus.REQUESTED: {ExemptionStatus.APPROVED, ExemptionStatus.REJECTED},
        ExemptionStatus.APPROVED: {ExemptionStatus.REVOKED},
    }

    check_id = models.CharField(_("检查项"), max_length=60)
    project = models.ForeignKey(
        "estates.Project",
        verbose_name=_("项目"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="exemptions",
    )
    # Set instead of the project for checks of the enterprise itself (licences, certificates).
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("物业服务企业"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="exemptions",
    )
    reason = models.TextField(_("豁免理由"))
    valid_from = models.DateField(_("生效日期"))
    expires_on = models.DateField(_("到期日"))
    status = models.CharField(
        _("状态"),
        max_length=10,
        choices=ExemptionStatus.choices,
        default=ExemptionStatus.REQUESTED,
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("申请人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("申请时间"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审批人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("审批时间"), null=True, blank=True)
    decision_reason = models.TextField(_("审批意见"), blank=True)

    objects = ExemptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("豁免")
        verbose_name_plural = _("豁免")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(project__isnull=False, enterprise__isnull=True)
                | Q(project__isnull=True, enterprise__isnull=False),
                name="exemption_project_or_enterprise",
                violation_error_message=_("豁免须针对一个项目或一家企业。"),
            ),
            models.CheckConstraint(
                condition=Q(expires_on__gte=models.F("valid_from")),
                name="exemption_expires_after_start",
                violation_error_message=_("到期日不能早于生效日期。"),
            ),
        ]
        # The engine and the scores look up approved exemptions of a check by day.
        indexes = [
            models.Index(fields=["check_id", "status", "expires_on"], name="exemption_in_force"),
        ]

    def __str__(self):
        return f"{self.check_id} @ {self.subject} {self.valid_from}–{self.expires_on}"

    @property
    def subject(self) -> str:
        return f"project:{self.project_id}" if self.project_id else f"enterprise:{self.enterprise_id}"

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        from wuye.compliance.models import project_or_enterprise_q

        return NOTHING if write else project_or_enterprise_q(scope)  # changed only through the actions


class ReviewStatusChange(models.Model):
    """One move of an appeal or an exemption through its pipeline: from, to, who, when and why."""

    appeal = models.ForeignKey(
        Appeal,
        verbose_name=_("申诉"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="status_changes",
    )
    exemption = models.ForeignKey(
        Exemption,
        verbose_name=_("豁免"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="status_changes",
    )
    from_status = models.CharField(_("原状态"), max_length=10, blank=True)
    to_status = models.CharField(_("新状态"), max_length=10)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("操作人"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("时间"))
    note = models.TextField(_("说明"), blank=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("状态变更")
        verbose_name_plural = _("状态变更")
        ordering = ["at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(appeal__isnull=False, exemption__isnull=True)
                | Q(appeal__isnull=True, exemption__isnull=False),
                name="review_change_one_target",
            )
        ]

    def __str__(self):
        return f"{self.from_status or '-'} → {self.to_status} @ {self.at:%Y-%m-%d %H:%M}"

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        if write:
            return NOTHING
        return within("appeal", Appeal, scope, write=False) | within(
            "exemption", Exemption, scope, write=False
        )


TARGET_FIELD = {Appeal: "appeal", Exemption: "exemption"}


def status_label(model, status: str) -> str:
    if not status:
        return gettext("（新建）")
    return str(dict(model.Status.choices).get(status, status))


def set_status(obj, new: str, user, note: str = "", *, at: datetime.datetime | None = None, **fields):
    """Move ``obj`` (an Appeal or an Exemption) to ``new``, writing ``fields`` and one status row.

    A new object (no pk) moves from "" and is saved here. An existing one moves by a conditional
    UPDATE … WHERE status = old (after healthchecks), so of two regulators deciding the same appeal at
    once only one succeeds; the other gets the same refusal as an illegal move.
    """
    model = type(obj)
    old = obj.status if obj.pk else ""
    if new not in model.TRANSITIONS.get(old, ()):
        raise IllegalTransition(
            {
                "status": gettext("不能从“%(old)s”变为“%(new)s”。")
                % {"old": status_label(model, old), "new": status_label(model, new)}
            }
        )
    at = at or timezone.now()
    if obj.pk is None:
        obj.status = new
        for name, value in fields.items():
            setattr(obj, name, value)
        obj.save()
    else:
        moved = model.objects.filter(pk=obj.pk, status=old).update(status=new, **fields)
        if moved != 1:
            raise IllegalTransition({"status": gettext("该记录已被他人处理，请刷新后查看。")})
        obj.status = new
        for name, value in fields.items():
            setattr(obj, name, value)
    ReviewStatusChange.objects.create(
        **{TARGET_FIELD[model]: obj}, from_status=old, to_status=new, by=user, at=at, note=note
    )
    return obj


def overdue_appeals(as_of: datetime.datetime | None = None):
    """Appeals the regulator has not decided by their deadline (``decide_by``), oldest first."""
    return Appeal.objects.overdue(as_of or timezone.now()).order_by("decide_by")


@dataclass(frozen=True)
class ExemptSubjects:
    """The projects and enterprises one check is exempted for on one day."""

    project_ids: frozenset
    enterprise_ids: frozenset

    def covers(self, project_id: int | None, enterprise_id: int | None) -> bool:
        if project_id is not None:
            return project_id in self.project_ids
        return enterprise_id in self.enterprise_ids

    def q(self) -> Q:
        """Findings of these subjects (a project's findings; an enterprise's own, project-less ones)."""
        return Q(project_id__in=self.project_ids) | Q(
            project__isnull=True, enterprise_id__in=self.enterprise_ids
        )


def exempt_subjects(check_id: str, day: datetime.date) -> ExemptSubjects:
    rows = (
        Exemption.objects.in_force(day).filter(check_id=check_id).values_list("project_id", "enterprise_id")
    )
    projects = frozenset(p for p, _e in rows if p is not None)
    enterprises = frozenset(e for p, e in rows if p is None)
    return ExemptSubjects(projects, enterprises)


def exempt_findings_q(day: datetime.date) -> Q:
    """Findings whose check is exempted for their project (or, project-less, their enterprise) on ``day``."""
    in_force = Exemption.objects.in_force(day).filter(check_id=OuterRef("check_id"))
    for_project = Exists(in_force.filter(project_id=OuterRef("project_id")))
    for_enterprise = Exists(in_force.filter(project__isnull=True, enterprise_id=OuterRef("enterprise_id")))
    return Q(for_project) | (Q(project__isnull=True) & Q(for_enterprise))
