"""Who hears of what happens to a ticket, in words: the owner of each move of his ticket, the handler of an
assignment, the committee and the regulator of an escalation, staff of a deadline about to pass.

``announce`` is called by the actions inside their transaction; it only enqueues the delivery job once
the transaction has committed (a rolled-back move tells nobody). The job (``tasks_tickets``) writes the
in-app notifications and sends the emails.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from wuye.accounts.choices import Role
from wuye.accounts.models import User
from wuye.core.scoping import division_prefix
from wuye.regions.models import Division
from wuye.servicedesk.choices_tickets import EventKind, TicketStatus

# Within ``muted()`` nobody is told (the demo's year of tickets happened before anyone signed in).
_MUTED: ContextVar[bool] = ContextVar("wuye_ticket_notifications_muted", default=False)


@contextmanager
def muted():
    token = _MUTED.set(True)
    try:
        yield
    finally:
        _MUTED.reset(token)


def announce(event) -> None:
    """Deliver ``event``'s notifications by the job worker once the current transaction commits."""
    from wuye.servicedesk.tasks_tickets import deliver_ticket_event

    if _MUTED.get():
        return
    pk = event.pk
    transaction.on_commit(lambda: deliver_ticket_event(pk))


def owners_of(ticket):
    if ticket.household_id is None:
        return User.objects.none()
    return User.objects.filter(
        memberships__role=Role.OWNER, memberships__household_id=ticket.household_id, memberships__active=True
    )


def staff_of(project_id):
    return User.objects.filter(
        memberships__role=Role.STAFF, memberships__project_id=project_id, memberships__active=True
    )


def committee_of(project_id):
    return User.objects.filter(
        memberships__role=Role.COMMITTEE, memberships__project_id=project_id, memberships__active=True
    )


def regulators_of(division_code: str):
    """Regulators whose division covers ``division_code`` (its county, league and the region)."""
    covering = [code for code in Division.objects.values_list("code", flat=True).filter(
        code__in={division_code, division_code[:4] + "00", division_code[:2] + "0000"}
    ) if division_code.startswith(division_prefix(code))]  # fmt: skip
    return User.objects.filter(
        memberships__role=Role.REGULATOR, memberships__division_id__in=covering, memberships__active=True
    )


def recipients(event) -> list[tuple[User, str]]:
    """(user, text) for each person ``event`` is news to; never the one who did it."""
    ticket = event.ticket
    values = {"ticket": str(ticket), "note": event.note}
    told: list[tuple[User, str]] = []
    if event.kind == EventKind.MOVE:
        values["status"] = event.get_to_status_display()
        text = _("您的%(ticket)s已更新为“%(status)s”。") % values
        told += [(user, text) for user in owners_of(ticket)]
        if event.to_status == TicketStatus.ASSIGNED and ticket.handler_id:
            told.append((ticket.handler, _("您有新的派单：%(ticket)s。") % values))
        if event.to_status == TicketStatus.RECEIVED and ticket.handler_id is None:
            text = _("新工单待接单：%(ticket)s。") % values
            told += [(user, text) for user in staff_of(ticket.project_id)]
    elif event.kind in (EventKind.APPOINTMENT, EventKind.OUTCOME):
        text = _("您的%(ticket)s：%(note)s") % values
        told += [(user, text) for user in owners_of(ticket)]
    elif event.kind == EventKind.COMMENT:
        text = _("业委会对%(ticket)s提出意见：%(note)s") % values
        told += [(user, text) for user in staff_of(ticket.project_id)]
    elif event.kind == EventKind.ESCALATION:
        text = _("业委会已将%(ticket)s提请监管部门处理：%(note)s") % values
        people = committee_of(ticket.project_id) | regulators_of(ticket.project.division_id)
        told += [(user, text) for user in people.distinct()]
    seen, unique = set(), []
    for user, text in told:
        if user.pk != event.recorded_by_id and user.pk not in seen:
            seen.add(user.pk)
            unique.append((user, text))
    return unique


def deadline_reminder_text(ticket, deadline) -> str:
    from wuye.compliance.wording import moment

    names = {
        "answer": _("响应"),
        "on_site": _("到场"),
        "completion": _("办结"),
        "follow_up": _("回访"),
        "close": _("关闭"),
    }
    return _("%(ticket)s须在%(due)s前%(step)s，即将到期。") % {
        "ticket": str(ticket),
        "due": moment(deadline.due),
        "step": names[deadline.name],
    }


def reminder_recipients(ticket) -> list[User]:
    """The handler if there is one, otherwise the project's staff."""
    if ticket.handler_id:
        return [ticket.handler]
    return list(staff_of(ticket.project_id).filter(~Q(pk__in=[])))
