"""Use cases of tickets: filing one, moving it through the pipeline, appointments, follow-ups, a complaint's
outcome, the committee's comments and escalations.

Every function takes the acting user. The pipeline has one transition table (``TRANSITIONS``) and one
mover (``set_status``, after django-oscar): an illegal move raises a ValidationError in Chinese and writes
nothing; a legal one updates the ticket with a conditional UPDATE (of two people moving the same ticket
at once, one wins) and appends its event row in the same transaction. Milestone times on the ticket are
written only here, from the event's server time. Whoever should hear of it is told by a job enqueued
when the transaction commits (``notify_tickets``), never inside the request.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core.evidence import CLOCK_SKEW, Channel, append_evidence
from wuye.core.scoping import scope_of
from wuye.estates.models import Household
from wuye.estates.permissions import can_record_duties
from wuye.servicedesk.choices_tickets import (
    ANSWER_ONLY_KINDS,
    FOLLOW_UP_KINDS,
    EventKind,
    FollowUpMethod,
    Rating,
    TicketChannel,
    TicketKind,
    TicketStatus,
)
from wuye.servicedesk.models import Appointment, FollowUp, Ticket, TicketEvent
from wuye.servicedesk.notify_tickets import announce

S = TicketStatus
# The pipeline: from each status, the statuses a ticket may move to (kind rules in ``kind_allows``).
TRANSITIONS = {
    "": {S.RECEIVED},
    S.RECEIVED: {S.ACCEPTED, S.WITHDRAWN},
    S.ACCEPTED: {S.ASSIGNED, S.DONE, S.WITHDRAWN},
    S.ASSIGNED: {S.ON_SITE, S.WITHDRAWN},
    S.ON_SITE: {S.DONE, S.WITHDRAWN},
    S.DONE: {S.FOLLOWED_UP, S.CLOSED, S.ACCEPTED},
    S.FOLLOWED_UP: {S.CLOSED, S.ACCEPTED},
    S.CLOSED: {S.ACCEPTED},
    S.WITHDRAWN: set(),
}
REOPENABLE = {S.DONE, S.FOLLOWED_UP, S.CLOSED}
# The milestone a move sets the first time it happens (a reopened ticket keeps its first answer).
FIRST_TIME = {S.ACCEPTED: "answered_at", S.ON_SITE: "on_site_at"}


def status_label(status: str) -> str:
    return str(S(status).label) if status else _("（新建）")


def illegal(old: str, new: str, reason: str = "") -> ValidationError:
    message = _("工单不能从“%(old)s”变为“%(new)s”。") % {"old": status_label(old), "new": status_label(new)}
    return ValidationError({"status": f"{message}{reason}"})


def kind_allows(ticket: Ticket, old: str, new: str) -> str | None:
    """Why the ticket's kind forbids a move the table allows (None: it does not)."""
    if old == S.ACCEPTED and new == S.DONE and ticket.kind not in ANSWER_ONLY_KINDS:
        return _("报修、求助和投诉须派单处理后办结。")
    if old == S.DONE and new == S.CLOSED and ticket.kind in FOLLOW_UP_KINDS:
        return _("报修和投诉须先回访再关闭。")
    if new == S.FOLLOWED_UP and ticket.kind not in FOLLOW_UP_KINDS:
        return _("只有报修和投诉需要回访。")
    return None


def set_status(ticket: Ticket, new: str, user, *, note: str = "", now=None, channel=Channel.WEB, **fields):
    """Move ``ticket`` to ``new``: check the table, update the ticket (with ``fields`` and its milestone
    time) by a conditional UPDATE, append the event row. Raises ValidationError and writes nothing when
    the move is illegal or someone else moved the ticket first."""
    old = ticket.status
    if new not in TRANSITIONS.get(old, ()):
        raise illegal(old, new)
    reason = kind_allows(ticket, old, new)
    if reason:
        raise illegal(old, new, reason)
    now = now or timezone.now()
    fields = {**fields, **milestones(ticket, old, new, now)}
    with transaction.atomic():
        moved = Ticket.objects.filter(pk=ticket.pk, status=old).update(status=new, **fields)
        if moved != 1:
            raise ValidationError({"status": _("该工单已被他人处理，请刷新后查看。")})
        if "reopen_count" in fields:
            ticket.refresh_from_db(fields=["reopen_count"])
            fields.pop("reopen_count")
        ticket.status = new
        for name, value in fields.items():
            setattr(ticket, name, value)
        event = TicketEvent(
            ticket=ticket, kind=EventKind.MOVE, from_status=old, to_status=new, note=note, occurred_at=now
        )
        append_evidence(event, user=user, channel=channel, now=now)
        announce(event)
    return event


def milestones(ticket: Ticket, old: str, new: str, now) -> dict:
    fields = {}
    first = FIRST_TIME.get(new)
    if first and getattr(ticket, first) is None:
        fields[first] = now
    if new == S.DONE:
        fields["completed_at"] = now
    elif new == S.FOLLOWED_UP:
        fields["followed_up_at"] = now
    elif new == S.CLOSED:
        fields["closed_at"] = now
    elif new == S.WITHDRAWN:
        fields["withdrawn_at"] = now
    elif new == S.ACCEPTED and old in REOPENABLE:
        # Reopened: the ticket is being handled again; its first completion and follow-up stay on record
        # in the events, the ticket carries the current round's.
        fields.update(
            completed_at=None, followed_up_at=None, closed_at=None, reopen_count=F("reopen_count") + 1
        )
    return fields


# -- who may do what -------------------------------------------------------------------------------


def visible_ticket(user, ticket_id, *, write=False) -> Ticket:
    """The ticket if the user may see (or write) it; otherwise as if it did not exist (404)."""
    queryset = Ticket.objects.writable_by(user) if write else Ticket.objects.visible_to(user)
    ticket = queryset.select_related("project").filter(pk=ticket_id).first()
    if ticket is None:
        raise Ticket.DoesNotExist
    return ticket


def is_owner_of(user, ticket: Ticket) -> bool:
    return ticket.household_id is not None and ticket.household_id in scope_of(user).household_ids


def ensure_handles(user, ticket: Ticket) -> None:
    """Staff of the project, the serving enterprise's managers (and an administrator) handle tickets."""
    if not can_record_duties(user, ticket.project_id):
        raise PermissionDenied


def is_staff_of(user, project_id: int) -> bool:
    return project_id in scope_of(user).staff_project_ids


# -- the use cases -----------------------------------------------------------------------------------


@transaction.atomic
def file_ticket(user, ticket: Ticket, *, channel=Channel.WEB, now=None) -> Ticket:
    """File a new ticket. An owner files on the web for one of his own households, received now; the
    project's staff or managers log a call, a visit or a letter with the time the owner asked."""
    now = now or timezone.now()
    scope = scope_of(user)
    if ticket.pk is not None:
        raise ValidationError(_("工单已登记。"))
    handles = ticket.project_id is not None and can_record_duties(user, ticket.project_id)
    if not handles:
        if not ticket.household_id or ticket.household_id not in scope.household_ids:
            if scope.household_ids:
                raise ValidationError({"household": _("只能为自己的房屋提交工单。")})
            raise PermissionDenied
        ticket.project_id = Household.objects.values_list("project_id", flat=True).get(pk=ticket.household_id)
        ticket.channel = TicketChannel.WEB
        ticket.received_at = now
    if ticket.received_at is None:
        raise ValidationError({"received_at": _("请填写业主提出的时间。")})
    if ticket.received_at > now + CLOCK_SKEW:
        raise ValidationError({"received_at": _("受理时间不能晚于当前时间。")})
    ticket.recorded_at = now
    ticket.created_by = user
    ticket.status = S.RECEIVED
    ticket.full_clean()
    ticket.save(force_insert=True)
    event = TicketEvent(
        ticket=ticket,
        kind=EventKind.MOVE,
        from_status="",
        to_status=S.RECEIVED,
        occurred_at=ticket.received_at,
    )
    append_evidence(event, user=user, channel=channel, now=now)
    announce(event)
    return ticket


def handler_allowed(ticket: Ticket, handler) -> bool:
    return handler is not None and is_staff_of(handler, ticket.project_id)


@transaction.atomic
def move_ticket(
    user, ticket: Ticket, new: str, *, note: str = "", handler=None, channel=Channel.WEB, now=None
):
    """A move of the pipeline by the project's staff, or the owner withdrawing his own ticket.

    Assigning names the handler (a staff member of the project); answering an inquiry or suggestion
    directly makes the one who answers its handler. A follow-up is recorded with ``record_follow_up``.
    """
    if new == S.WITHDRAWN and is_owner_of(user, ticket):
        return set_status(ticket, new, user, note=note, now=now, channel=channel)
    ensure_handles(user, ticket)
    if new == S.FOLLOWED_UP:
        raise ValidationError({"status": _("回访请通过“回访”登记。")})
    if new == S.WITHDRAWN:
        raise ValidationError({"status": _("只有业主本人可以撤回工单。")})
    fields = {}
    if new == S.ASSIGNED:
        if not handler_allowed(ticket, handler):
            raise ValidationError({"handler": _("请选择本项目的员工作为处理人。")})
        fields["handler"] = handler
    elif new == S.DONE and ticket.handler_id is None:
        fields["handler"] = user
    return set_status(ticket, new, user, note=note, now=now, channel=channel, **fields)


@transaction.atomic
def make_appointment(user, ticket: Ticket, window_start, window_end, *, now=None) -> Appointment:
    """Agree a visit window with the owner for a repair still to be visited (6.W)."""
    ensure_handles(user, ticket)
    now = now or timezone.now()
    if ticket.kind != TicketKind.REPAIR:
        raise ValidationError(_("只有报修可以预约上门时间。"))
    if ticket.status not in (S.ACCEPTED, S.ASSIGNED):
        raise ValidationError(_("工单当前状态不能预约：只有已接单或已派单、尚未到场的报修可以预约。"))
    if ticket.appointments.filter(arrived_at__isnull=True).exists():
        raise ValidationError(_("该报修已有尚未履行的预约。"))
    appointment = Appointment(
        ticket=ticket, window_start=window_start, window_end=window_end, agreed_by=user, agreed_at=now
    )
    appointment.full_clean()
    appointment.save(force_insert=True)
    note = _("约定上门时间：%(start)s 至 %(end)s") % {
        "start": timezone.localtime(window_start).strftime("%Y-%m-%d %H:%M"),
        "end": timezone.localtime(window_end).strftime("%Y-%m-%d %H:%M"),
    }
    event = TicketEvent(ticket=ticket, kind=EventKind.APPOINTMENT, note=note, occurred_at=now)
    append_evidence(event, user=user, channel=Channel.WEB, now=now)
    announce(event)
    return appointment


@transaction.atomic
def arrive(user, ticket: Ticket, *, note: str = "", channel=Channel.WEB, now=None) -> TicketEvent:
    """The worker is on site: the move records the arrival, and the open appointment's arrival with it."""
    event = move_ticket(user, ticket, S.ON_SITE, note=note, channel=channel, now=now)
    Appointment.objects.filter(ticket=ticket, arrived_at__isnull=True).update(
        arrived_at=event.occurred_at, arrival_event=event
    )
    return event


@transaction.atomic
def record_follow_up(
    user, ticket: Ticket, *, rating: str, comment: str = "", method=None, channel=Channel.WEB, now=None
) -> FollowUp:
    """A follow-up of a completed repair or complaint: the owner's own rating, or a staff member's call.

    One per completion; a dissatisfied one reopens the ticket (it goes back to accepted, counted).
    """
    now = now or timezone.now()
    if is_owner_of(user, ticket):
        method = FollowUpMethod.OWNER
    else:
        if method == FollowUpMethod.OWNER:
            raise ValidationError({"method": _("只有该户业主本人可以评价。")})
        if not can_record_duties(user, ticket.project_id):
            raise PermissionDenied
        method = FollowUpMethod.PHONE
    if rating not in Rating.values:
        raise ValidationError({"rating": _("请选择满意、基本满意或不满意。")})
    if ticket.status != S.DONE:
        raise ValidationError({"status": _("工单办结后、关闭前才能回访或评价。")})
    if FollowUp.objects.filter(ticket=ticket, completion=ticket.reopen_count).exists():
        raise ValidationError({"rating": _("该工单本次办结已回访（评价）过。")})
    follow_up = FollowUp(
        ticket=ticket,
        completion=ticket.reopen_count,
        method=method,
        rating=rating,
        comment=comment,
        occurred_at=now,
    )
    note = _("%(method)s：%(rating)s") % {
        "method": follow_up.get_method_display(),
        "rating": follow_up.get_rating_display(),
    }
    set_status(ticket, S.FOLLOWED_UP, user, note=f"{note} {comment}".strip(), now=now, channel=channel)
    append_evidence(follow_up, user=user, channel=channel, now=now)
    if rating == Rating.DISSATISFIED:
        set_status(ticket, S.ACCEPTED, user, note=_("业主不满意，工单重新处理。"), now=now, channel=channel)
    return follow_up


@transaction.atomic
def record_outcome(user, ticket: Ticket, *, substantiated: bool, note: str, now=None) -> TicketEvent:
    """Whether a complaint proved true (3.2), as the company found it or a regulator ruled; a regulator's
    ruling may replace the company's, not the other way round."""
    now = now or timezone.now()
    if ticket.kind != TicketKind.COMPLAINT:
        raise ValidationError(_("只有投诉才登记核实结果。"))
    if not (note or "").strip():
        raise ValidationError({"note": _("请写明核实情况。")})
    regulator = ticket.project.division_id in _regulated_divisions(user, ticket)
    if not regulator:
        ensure_handles(user, ticket)
        if ticket.outcome_by_id is not None and ticket.outcome_by_id != user.pk:
            decided_by_regulator = not can_record_duties(ticket.outcome_by, ticket.project_id)
            if decided_by_regulator:
                raise ValidationError(_("监管部门已作出核实结论，企业不能更改。"))
    Ticket.objects.filter(pk=ticket.pk).update(substantiated=substantiated, outcome_by=user, outcome_at=now)
    ticket.substantiated, ticket.outcome_by, ticket.outcome_at = substantiated, user, now
    verdict = _("属实") if substantiated else _("不属实")
    event = TicketEvent(
        ticket=ticket, kind=EventKind.OUTCOME, note=f"{verdict}：{note.strip()}", occurred_at=now
    )
    append_evidence(event, user=user, channel=Channel.WEB, now=now)
    announce(event)
    return event


AMENDABLE = ("household", "contact_name", "contact_phone")


@transaction.atomic
def amend_ticket(user, ticket: Ticket, *, note: str = "", now=None, **values) -> TicketEvent:
    """Reception completes or corrects what it registered (the household, the contact): the ticket takes
    the new values and an event row keeps what was there before (6.R: 登记准确、记录完整)."""
    ensure_handles(user, ticket)
    unknown = set(values) - set(AMENDABLE)
    if unknown:
        raise ValidationError(_("只能补正房屋和联系人。"))
    now = now or timezone.now()
    changes = []
    for name, value in values.items():
        field = Ticket._meta.get_field(name)
        old = getattr(ticket, name)
        if (old.pk if hasattr(old, "pk") else old) == (value.pk if hasattr(value, "pk") else value):
            continue
        changes.append(_("%(field)s：%(old)s → %(new)s") % {
            "field": field.verbose_name, "old": old or "—", "new": value or "—"
        })  # fmt: skip
        setattr(ticket, name, value)
    if not changes:
        raise ValidationError(_("没有需要补正的内容。"))
    ticket.full_clean()
    Ticket.objects.filter(pk=ticket.pk).update(**{name: getattr(ticket, name) for name in values})
    text = "；".join(changes) + (f"（{note.strip()}）" if note.strip() else "")
    event = TicketEvent(ticket=ticket, kind=EventKind.AMEND, note=text, occurred_at=now)
    append_evidence(event, user=user, channel=Channel.WEB, now=now)
    return event


def _regulated_divisions(user, ticket: Ticket) -> set:
    """The ticket's division if the user regulates it (an administrator counts), else nothing."""
    scope = scope_of(user)
    code = ticket.project.division_id
    if scope.everything or any(code.startswith(prefix) for prefix in scope.division_prefixes):
        return {code}
    return set()


def _committee_event(user, ticket: Ticket, kind: str, note: str, now) -> TicketEvent:
    if ticket.project_id not in scope_of(user).committee_project_ids:
        raise PermissionDenied
    if not (note or "").strip():
        raise ValidationError({"note": _("请填写内容。")})
    now = now or timezone.now()
    event = TicketEvent(ticket=ticket, kind=kind, note=note.strip(), occurred_at=now)
    append_evidence(event, user=user, channel=Channel.WEB, now=now)
    announce(event)
    return event


@transaction.atomic
def comment_ticket(user, ticket: Ticket, note: str, *, now=None) -> TicketEvent:
    """A member of the project's owners' committee comments on a ticket (no change of status)."""
    return _committee_event(user, ticket, EventKind.COMMENT, note, now)


@transaction.atomic
def escalate_ticket(user, ticket: Ticket, note: str, *, now=None) -> TicketEvent:
    """A committee member refers a ticket to the regulator; the regulator and the committee are told."""
    return _committee_event(user, ticket, EventKind.ESCALATION, note, now)
