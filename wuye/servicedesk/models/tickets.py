"""Tickets (工单) and their evidence: every move of the pipeline, appointments (6.W) and follow-ups (3.3).

A ticket is the owner's request; its status and milestone times are written only by the actions
(``actions_tickets``), in the transaction that appends the event row proving the move. Events and
follow-ups are evidence: append-only, server-timestamped, hash-chained per project.
"""

from dataclasses import replace

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wuye.core.evidence import EvidenceRecord
from wuye.core.models import within
from wuye.core.scoping import ScopedManager
from wuye.core.validators import validate_phone
from wuye.estates.models import Project
from wuye.servicedesk.choices_tickets import (
    ComplaintCategory,
    EventKind,
    FollowUpMethod,
    Rating,
    TicketChannel,
    TicketKind,
    TicketStatus,
    Urgency,
)
from wuye.servicedesk.models.notifications import Notification
from wuye.servicedesk.photos import validate_photo

__all__ = ["Ticket", "TicketEvent", "Appointment", "FollowUp", "Notification"]


class Ticket(models.Model):
    """An owner's request (repair, help, inquiry, complaint, suggestion) and where its handling stands."""

    Status = TicketStatus
    Kind = TicketKind

    project = models.ForeignKey(
        Project, verbose_name=_("项目"), on_delete=models.PROTECT, related_name="tickets"
    )
    household = models.ForeignKey(
        "estates.Household",
        verbose_name=_("房屋"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tickets",
    )
    kind = models.CharField(_("类型"), max_length=12, choices=TicketKind.choices)
    urgency = models.CharField(_("紧急程度"), max_length=10, choices=Urgency.choices, blank=True)
    complaint_category = models.CharField(
        _("投诉类别"), max_length=12, choices=ComplaintCategory.choices, blank=True
    )
    channel = models.CharField(_("受理渠道"), max_length=10, choices=TicketChannel.choices)
    contact_name = models.CharField(_("联系人"), max_length=50, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=20, blank=True, validators=[validate_phone])
    description = models.TextField(_("内容"), max_length=2000)
    photo = models.FileField(_("照片"), upload_to="tickets/%Y/%m/", blank=True, validators=[validate_photo])
    received_at = models.DateTimeField(_("受理时间"), help_text=_("业主提出的时间；网上提交即服务器时间。"))
    recorded_at = models.DateTimeField(_("登记时间"), editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("处理人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="handled_tickets",
        editable=False,
    )
    status = models.CharField(
        _("状态"), max_length=12, choices=TicketStatus.choices, default=TicketStatus.RECEIVED, editable=False
    )
    answered_at = models.DateTimeField(_("首次响应时间"), null=True, blank=True, editable=False)
    on_site_at = models.DateTimeField(_("首次到场时间"), null=True, blank=True, editable=False)
    completed_at = models.DateTimeField(_("办结时间"), null=True, blank=True, editable=False)
    followed_up_at = models.DateTimeField(_("回访时间"), null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(_("关闭时间"), null=True, blank=True, editable=False)
    withdrawn_at = models.DateTimeField(_("撤回时间"), null=True, blank=True, editable=False)
    reopen_count = models.PositiveSmallIntegerField(_("重新处理次数"), default=0, editable=False)
    # 3.2: whether a complaint proved true, as the company or a regulator found (null: not yet decided).
    substantiated = models.BooleanField(_("经核实属实"), null=True, blank=True, editable=False)
    outcome_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("核实人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    outcome_at = models.DateTimeField(_("核实时间"), null=True, blank=True, editable=False)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("工单")
        verbose_name_plural = pgettext_lazy("plural", "工单")
        ordering = ["-received_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="ticket_urgency_only_for_repairs",
                condition=Q(kind=TicketKind.REPAIR, urgency__in=Urgency.values)
                | (~Q(kind=TicketKind.REPAIR) & Q(urgency="")),
                violation_error_message=_("报修须选择紧急程度，其他工单不填。"),
            ),
            models.CheckConstraint(
                name="ticket_category_only_for_complaints",
                condition=Q(kind=TicketKind.COMPLAINT, complaint_category__in=ComplaintCategory.values)
                | (~Q(kind=TicketKind.COMPLAINT) & Q(complaint_category="")),
                violation_error_message=_("投诉须选择类别，其他工单不填。"),
            ),
            models.CheckConstraint(
                name="ticket_outcome_only_for_complaints",
                condition=Q(kind=TicketKind.COMPLAINT) | Q(substantiated__isnull=True),
                violation_error_message=_("只有投诉才有核实结果。"),
            ),
        ]
        indexes = [
            models.Index(fields=["project", "-received_at"], name="ticket_project_received"),
            models.Index(fields=["household", "-received_at"], name="ticket_household_received"),
            models.Index(fields=["project", "status"], name="ticket_project_status"),
            models.Index(fields=["kind", "received_at"], name="ticket_kind_received"),
            models.Index(fields=["handler", "status"], name="ticket_handler_status"),
            models.Index(fields=["completed_at"], name="ticket_completed"),
            # the dashboard's statistics count the tickets closed in the last 30 days at every scoring run
            models.Index(fields=["closed_at"], name="ticket_closed", condition=Q(closed_at__isnull=False)),
            models.Index(
                fields=["kind", "complaint_category", "received_at"], name="ticket_complaint_category"
            ),
        ]

    def __str__(self):
        return _("%(kind)s工单 #%(number)s") % {"kind": self.get_kind_display(), "number": self.pk}

    def get_absolute_url(self):
        from django.urls import NoReverseMatch, reverse

        try:
            return reverse("ticket-detail", args=[self.pk])
        except NoReverseMatch:  # the ticket pages are built beside this part; this is where they go
            return f"/service/tickets/{self.pk}/"

    def clean(self):
        errors = {}
        if self.kind == TicketKind.REPAIR and not self.urgency:
            errors["urgency"] = _("报修须选择紧急程度。")
        if self.kind != TicketKind.REPAIR and self.urgency:
            errors["urgency"] = _("只有报修才选择紧急程度。")
        if self.kind == TicketKind.COMPLAINT and not self.complaint_category:
            errors["complaint_category"] = _("投诉须选择类别。")
        if self.kind != TicketKind.COMPLAINT and self.complaint_category:
            errors["complaint_category"] = _("只有投诉才选择类别。")
        if self.household_id and self.project_id and self.household.project_id != self.project_id:
            errors["household"] = _("房屋不属于该项目。")
        if not (self.description or "").strip():
            errors["description"] = _("请填写内容。")
        if errors:
            raise ValidationError(errors)

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        # An owner sees his households' tickets, never his neighbours'; a developer sees none (the owners'
        # requests are between them and the company). Writing: who serves or oversees the project, and the
        # owner on his own tickets (withdraw, rate); each action then checks the role it needs.
        households = Q(household_id__in=scope.household_ids)
        if write:
            return (
                Q(project_id__in=scope.staff_project_ids)
                | within("project", Project, replace(scope, household_ids=frozenset()), write=True)
                | households
            )
        return within("project", Project, scope.whole_project_readers, write=False) | households

    @property
    def is_urgent_repair(self) -> bool:
        return self.kind == TicketKind.REPAIR and self.urgency == Urgency.URGENT


class TicketRecord(EvidenceRecord):
    """Abstract: evidence about a ticket, in its project's chain."""

    chain_attr = "ticket.project_id"

    class Meta(EvidenceRecord.Meta):
        abstract = True

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        return within("ticket", Ticket, scope, write=write)

    def division_code(self):
        return self.ticket.project.division_id


class TicketEvent(TicketRecord):
    """One thing that happened to a ticket: a move of its status, an appointment, a complaint's outcome,
    a committee's comment or escalation. Append-only; ``occurred_at`` is the server's time of the move
    (for the first row, the time the owner asked)."""

    ticket = models.ForeignKey(
        Ticket, verbose_name=_("工单"), on_delete=models.PROTECT, related_name="events"
    )
    kind = models.CharField(_("事件类型"), max_length=12, choices=EventKind.choices, default=EventKind.MOVE)
    from_status = models.CharField(_("原状态"), max_length=12, choices=TicketStatus.choices, blank=True)
    to_status = models.CharField(_("新状态"), max_length=12, choices=TicketStatus.choices, blank=True)
    note = models.TextField(_("说明"), max_length=2000, blank=True)

    class Meta(TicketRecord.Meta):
        verbose_name = _("工单记录")
        verbose_name_plural = pgettext_lazy("plural", "工单记录")
        ordering = ["ticket", "occurred_at", "pk"]
        indexes = [
            models.Index(fields=["ticket", "occurred_at"], name="ticketevent_ticket_time"),
            models.Index(fields=["kind", "occurred_at"], name="ticketevent_kind_time"),
        ]

    def __str__(self):
        if self.kind == EventKind.MOVE:
            return f"{self.get_from_status_display() or '—'} → {self.get_to_status_display()}"
        return self.get_kind_display()


class Appointment(models.Model):
    """The time window agreed with the owner for a repair visit (6.W), and when the worker arrived.

    ``arrived_at`` is written only by the on-site move, in the transaction of its event row.
    """

    ticket = models.ForeignKey(
        Ticket, verbose_name=_("工单"), on_delete=models.PROTECT, related_name="appointments"
    )
    window_start = models.DateTimeField(_("约定开始时间"))
    window_end = models.DateTimeField(_("约定结束时间"))
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("约定人"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    agreed_at = models.DateTimeField(_("约定登记时间"), editable=False)
    arrived_at = models.DateTimeField(_("到达时间"), null=True, blank=True, editable=False)
    arrival_event = models.ForeignKey(
        TicketEvent,
        verbose_name=_("到场记录"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )

    objects = ScopedManager()

    class Meta:
        verbose_name = _("上门预约")
        verbose_name_plural = pgettext_lazy("plural", "上门预约")
        ordering = ["ticket", "window_start"]
        constraints = [
            models.CheckConstraint(
                name="appointment_window_order",
                condition=Q(window_end__gt=models.F("window_start")),
                violation_error_message=_("约定结束时间须晚于开始时间。"),
            )
        ]
        indexes = [
            models.Index(fields=["ticket", "window_start"], name="appointment_ticket_start"),
            models.Index(fields=["window_end"], name="appointment_window_end"),
        ]

    def __str__(self):
        return f"{self.ticket} {self.window_start:%Y-%m-%d %H:%M}–{self.window_end:%H:%M}"

    def clean(self):
        if self.window_start and self.window_end and self.window_end <= self.window_start:
            raise ValidationError({"window_end": _("约定结束时间须晚于开始时间。")})

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        return within("ticket", Ticket, scope, write=write)


class FollowUp(TicketRecord):
    """A follow-up (回访) of a completed ticket: a staff member's call or the owner's own rating.

    One per completion of the ticket (``completion`` counts from 0; a reopened ticket is completed again).
    """

    ticket = models.ForeignKey(
        Ticket, verbose_name=_("工单"), on_delete=models.PROTECT, related_name="follow_ups"
    )
    completion = models.PositiveSmallIntegerField(_("第几次办结"), default=0, editable=False)
    method = models.CharField(_("回访方式"), max_length=10, choices=FollowUpMethod.choices)
    rating = models.CharField(_("评价"), max_length=12, choices=Rating.choices)
    comment = models.TextField(_("意见"), max_length=2000, blank=True)

    class Meta(TicketRecord.Meta):
        verbose_name = _("回访")
        verbose_name_plural = pgettext_lazy("plural", "回访")
        ordering = ["ticket", "occurred_at"]
        constraints = [
            *TicketRecord.Meta.constraints,
            models.UniqueConstraint(
                fields=["ticket", "completion"],
                name="followup_one_per_completion",
                violation_error_message=_("该工单本次办结已回访（评价）过。"),
            ),
        ]
        indexes = [models.Index(fields=["rating", "occurred_at"], name="followup_rating_time")]

    def __str__(self):
        return f"{self.ticket} {self.get_method_display()} {self.get_rating_display()}"
