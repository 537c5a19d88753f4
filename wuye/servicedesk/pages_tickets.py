"""What the ticket pages show beside the records: who reads a project's desk, whose contact is shown in
full, each ticket's clock, the moves the pipeline offers now, and the desk's counts.

Nothing here decides a rule of its own: the pipeline is ``actions_tickets.TRANSITIONS`` and
``kind_allows``, the clock is ``deadlines_tickets.ticket_clock``, masking is the ticket serializer's.
"""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wuye.compliance.parameters import preloaded
from wuye.core.scoping import scope_of
from wuye.estates.models import Project
from wuye.estates.permissions import can_record_duties
from wuye.servicedesk.actions_tickets import TRANSITIONS, is_owner_of, kind_allows
from wuye.servicedesk.choices_tickets import FOLLOW_UP_KINDS, OPEN_STATUSES, TicketStatus
from wuye.servicedesk.deadlines_tickets import overdue_ids, ticket_clock
from wuye.servicedesk.models import FollowUp, Ticket
from wuye.servicedesk.serializers_tickets import TicketSerializer, mask_name, mask_phone

S = TicketStatus
# The staff's buttons: the status a move goes to, and what the button says (from the current status).
MOVE_LABELS = {
    S.ACCEPTED: _("接单"),
    S.ASSIGNED: _("派单"),
    S.ON_SITE: _("已到场"),
    S.DONE: _("办结"),
    S.CLOSED: _("关闭"),
}
REOPEN_LABEL = _("重新处理")
# Moves made through their own form, never by a plain button.
NOT_BUTTONS = {S.FOLLOWED_UP, S.WITHDRAWN}


def desk_projects(user):
    """Projects whose tickets the user reads as a whole (the ticket scope without the owner's own
    households and without the developer, as ``Ticket.scope_q`` reads)."""
    scope = scope_of(user)
    return (
        Project.objects.filter(Project.scope_q(scope.whole_project_readers, write=False))
        if not scope.everything
        else Project.objects.all()
    )


class Contacts:
    """Shows a ticket's contact in full or masked, by the API's rule (one serializer per request)."""

    def __init__(self, request):
        self.serializer = TicketSerializer(context={"request": request})

    def shown(self, ticket) -> bool:
        return self.serializer.sees_contacts(ticket)

    def name(self, ticket) -> str:
        return ticket.contact_name if self.shown(ticket) else mask_name(ticket.contact_name)

    def phone(self, ticket) -> str:
        return ticket.contact_phone if self.shown(ticket) else mask_phone(ticket.contact_phone)

    def dress(self, tickets):
        for ticket in tickets:
            ticket.contact_name_shown = self.name(ticket)
            ticket.contact_phone_shown = self.phone(ticket)
        return tickets


def with_clocks(tickets, now=None):
    """Each ticket with its ``clock`` (next deadline and overdue flag); parameters read once per division."""
    now = now or timezone.now()
    with preloaded():
        for ticket in tickets:
            ticket.clock = ticket_clock(ticket, now)
    return tickets


def desk_counts(queryset, now=None) -> dict:
    """Open tickets and overdue ones among ``queryset`` (two queries and the clock of the candidates)."""
    now = now or timezone.now()
    return {
        "open": queryset.filter(status__in=OPEN_STATUSES).count(),
        "overdue": len(overdue_ids(queryset, now)),
    }


def staff_moves(user, ticket) -> list[dict]:
    """The moves the pipeline allows from the ticket's status, as the staff's buttons (empty when the
    user does not handle the project's tickets)."""
    if not can_record_duties(user, ticket.project_id):
        return []
    moves = []
    for new in sorted(TRANSITIONS.get(ticket.status, ()), key=list(S.values).index):
        if new in NOT_BUTTONS or kind_allows(ticket, ticket.status, new):
            continue
        reopen = new == S.ACCEPTED and ticket.status != S.RECEIVED
        moves.append({"status": new, "label": REOPEN_LABEL if reopen else MOVE_LABELS[new], "reopen": reopen})
    return moves


def owner_may_withdraw(user, ticket) -> bool:
    return is_owner_of(user, ticket) and S.WITHDRAWN in TRANSITIONS.get(ticket.status, ())


def awaits_follow_up(ticket) -> bool:
    """A completed repair or complaint not yet followed up in this round (rated or called)."""
    return (
        ticket.status == S.DONE
        and ticket.kind in FOLLOW_UP_KINDS
        and not FollowUp.objects.filter(ticket=ticket, completion=ticket.reopen_count).exists()
    )


def project_tickets(user, project):
    return Ticket.objects.visible_to(user).filter(project=project)


def owner_tickets(user):
    """The tickets of the user's own households (an owner's list)."""
    return Ticket.objects.visible_to(user).filter(Q(household_id__in=scope_of(user).household_ids))
