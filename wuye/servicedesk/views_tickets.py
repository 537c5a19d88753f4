"""The ticket pages of owners and of the ticket itself: an owner files for one of his households and sees
his tickets; a ticket's page shows its clock and history and offers whatever its reader may do now.

Every change posts to a small view that calls its action (actions_tickets) and comes back to the ticket's
page with a message: an illegal move, or one the user may not make, writes nothing. A ticket the user
cannot see is 404 (``visible_ticket``); one he sees but may not change this way is 403.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from wuye.core.scoping import scope_of
from wuye.estates.models import Household, Owner
from wuye.estates.permissions import can_record_duties
from wuye.servicedesk import actions_tickets as actions
from wuye.servicedesk.choices_tickets import EventKind, TicketChannel, TicketKind, TicketStatus
from wuye.servicedesk.forms_tickets import (
    AppointmentForm,
    MoveForm,
    NoteForm,
    OutcomeForm,
    OwnerTicketForm,
    PhoneFollowUpForm,
    RatingForm,
)
from wuye.servicedesk.models import Ticket
from wuye.servicedesk.pages_tickets import (
    Contacts,
    awaits_follow_up,
    owner_may_withdraw,
    owner_tickets,
    staff_moves,
    with_clocks,
)

PAGE_SIZE = 20


def ticket_or_404(user, pk) -> Ticket:
    try:
        return actions.visible_ticket(user, pk)
    except Ticket.DoesNotExist:
        raise Http404 from None


def error_text(error: ValidationError) -> str:
    return pgettext("sentence separator", "；").join(error.messages)


# -- the owner's pages ------------------------------------------------------------------------------


@login_required
def my_tickets(request):
    """An owner's tickets, newest first, with their status and clock."""
    tickets = owner_tickets(request.user).select_related("project", "household__building")
    status = request.GET.get("status")
    if status == "open":
        tickets = tickets.filter(completed_at__isnull=True, withdrawn_at__isnull=True)
    page = Paginator(tickets.order_by("-received_at", "-pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    with_clocks(page.object_list)
    return render(
        request,
        "servicedesk/tickets/my_list.html",
        {
            "page_obj": page,
            "tickets": page.object_list,
            "status": status,
            "may_file": bool(scope_of(request.user).household_ids),
        },
    )


@login_required
def file_ticket(request):
    """An owner files a ticket for one of his households (who has none may not: 403)."""
    user = request.user
    households = (
        Household.objects.visible_to(user)
        .filter(pk__in=scope_of(user).household_ids)
        .select_related("building__project")
        .order_by("pk")
    )
    if not households:
        raise PermissionDenied
    form = OwnerTicketForm(
        request.POST or None,
        request.FILES or None,
        households=households,
        initial=contact_of(user, households[0]),
    )
    if request.method == "POST" and form.is_valid():
        ticket = form.save(commit=False)
        ticket.project_id = ticket.household.building.project_id
        ticket.channel = TicketChannel.WEB
        try:
            actions.file_ticket(user, ticket)
        except ValidationError as error:
            form.add_error(None, error)
        except PermissionDenied:
            form.add_error("household", _("只能为自己的房屋提交工单。"))
        else:
            messages.success(
                request, _("已提交，工单号 %(number)s。物业会尽快处理。") % {"number": ticket.pk}
            )
            return redirect("ticket-detail", ticket.pk)
    return render(request, "servicedesk/tickets/file.html", {"form": form, "title": _("报事报修")})


def contact_of(user, household) -> dict:
    """The owner's name and phone from the owner register, to prefill the contact."""
    owner = Owner.objects.visible_to(user).filter(user=user).order_by("pk").first()
    initial = {"household": household.pk}
    if owner is not None:
        initial.update(contact_name=owner.name, contact_phone=owner.phone)
    return initial


# -- the ticket's page ------------------------------------------------------------------------------


@login_required
def ticket_detail(request, pk):
    user = request.user
    ticket = ticket_or_404(user, pk)
    ticket = Ticket.objects.select_related("project", "household__building", "handler").get(pk=ticket.pk)
    with_clocks([ticket])
    contacts = Contacts(request)
    events = ticket.events.select_related("recorded_by").order_by("occurred_at", "pk")
    handles = can_record_duties(user, ticket.project_id)
    owner = actions.is_owner_of(user, ticket)
    committee = ticket.project_id in scope_of(user).committee_project_ids
    context = {
        "ticket": ticket,
        "contact_name": contacts.name(ticket),
        "contact_phone": contacts.phone(ticket),
        "events": events,
        "follow_ups": ticket.follow_ups.select_related("recorded_by").order_by("occurred_at"),
        "appointments": ticket.appointments.order_by("window_start"),
        "handles": handles,
        "is_owner": owner,
        "committee": committee,
        "moves": staff_moves(user, ticket),
        "may_withdraw": owner_may_withdraw(user, ticket),
        "awaits_follow_up": awaits_follow_up(ticket),
        "escalated": any(event.kind == EventKind.ESCALATION for event in events),
        "now": timezone.now(),
    }
    if ticket.kind == TicketKind.COMPLAINT and may_rule(user, ticket):
        context["outcome_form"] = OutcomeForm()
    if handles:
        context.update(
            move_form=MoveForm(project=ticket.project),
            follow_up_form=PhoneFollowUpForm(),
            appointment_form=AppointmentForm(),
            may_appoint=ticket.kind == TicketKind.REPAIR
            and ticket.status in (TicketStatus.ACCEPTED, TicketStatus.ASSIGNED)
            and not any(a.arrived_at is None for a in context["appointments"]),
        )
    if owner:
        context["rating_form"] = RatingForm()
    if committee:
        context["note_form"] = NoteForm()
    return render(request, "servicedesk/tickets/detail.html", context)


def run_on_ticket(request, pk, use_case, *, form_class=None, success="", write=True):
    """POST only: find the ticket (404 unseen), validate the form, call the use case, come back."""
    if request.method != "POST":
        return redirect("ticket-detail", pk)
    ticket = ticket_or_404(request.user, pk)
    form = form_class(request.POST) if form_class else None
    if form is not None and not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect("ticket-detail", ticket.pk)
    try:
        use_case(ticket, form.cleaned_data if form else {})
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, success)
    return redirect("ticket-detail", ticket.pk)


@require_POST
@login_required
def ticket_move(request, pk):
    """A move by the project's staff (accept, assign, on site, done, close, reopen)."""
    ticket = ticket_or_404(request.user, pk)
    if not can_record_duties(request.user, ticket.project_id):
        raise PermissionDenied
    form = MoveForm(request.POST, project=ticket.project)
    if not form.is_valid():
        if "handler" in form.errors:
            messages.error(request, _("请选择本项目的员工作为处理人。"))
        else:
            messages.error(request, _("请选择要执行的操作。"))
        return redirect("ticket-detail", ticket.pk)
    data = form.cleaned_data
    new, note = data["status"], data["note"]
    if new not in TicketStatus.values:
        messages.error(request, _("没有这个状态。"))
        return redirect("ticket-detail", ticket.pk)
    try:
        if new == TicketStatus.ON_SITE:
            actions.arrive(request.user, ticket, note=note)
        else:
            actions.move_ticket(request.user, ticket, new, note=note, handler=data.get("handler"))
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("工单已变为“%(status)s”。") % {"status": TicketStatus(new).label})
    return redirect("ticket-detail", ticket.pk)


def ticket_guard(may):
    """A posted change to a ticket: login and POST required, 404 unseen, 403 where ``may(user, ticket)``
    refuses."""

    def decorate(view):
        def wrapped(request, pk):
            if not may(request.user, ticket_or_404(request.user, pk)):
                raise PermissionDenied
            return view(request, pk)

        wrapped.__name__ = view.__name__
        wrapped.__doc__ = view.__doc__
        return require_POST(login_required(wrapped))

    return decorate


def may_rule(user, ticket) -> bool:
    """Who records a complaint's outcome: those handling the project's tickets, and the regulators over
    it (whose ruling prevails; ``record_outcome`` decides between them)."""
    return can_record_duties(user, ticket.project_id) or bool(actions._regulated_divisions(user, ticket))


owner_only = ticket_guard(actions.is_owner_of)
staff_only = ticket_guard(lambda user, ticket: can_record_duties(user, ticket.project_id))
committee_only = ticket_guard(lambda user, ticket: ticket.project_id in scope_of(user).committee_project_ids)


def follow_up(request, pk, *, form_class, success):
    """A completed ticket rated: by its owner on the page, or by the staff after a phone call."""
    return run_on_ticket(
        request,
        pk,
        lambda t, data: actions.record_follow_up(
            request.user, t, rating=data["rating"], comment=data["comment"]
        ),
        form_class=form_class,
        success=success,
    )


@owner_only
def ticket_withdraw(request, pk):
    """The owner withdraws his own ticket while it is still being handled."""
    return run_on_ticket(
        request,
        pk,
        lambda t, data: actions.move_ticket(request.user, t, TicketStatus.WITHDRAWN, note=_("业主撤回")),
        success=_("工单已撤回。"),
    )


@owner_only
def ticket_rate(request, pk):
    """The owner's rating of his completed ticket; a dissatisfied one reopens it."""
    return follow_up(request, pk, form_class=RatingForm, success=_("谢谢您的评价。"))


@staff_only
def ticket_follow_up(request, pk):
    """A staff member's phone follow-up of a completed repair or complaint."""
    return follow_up(request, pk, form_class=PhoneFollowUpForm, success=_("已登记回访。"))


@staff_only
def ticket_appointment(request, pk):
    """Agree a visit window with the owner (repairs, 6.W)."""
    return run_on_ticket(
        request,
        pk,
        lambda t, data: actions.make_appointment(request.user, t, data["window_start"], data["window_end"]),
        form_class=AppointmentForm,
        success=_("已登记预约上门时间。"),
    )


@ticket_guard(may_rule)
def ticket_outcome(request, pk):
    """Whether a complaint proved true (3.2), as the company found it or a regulator ruled."""
    return run_on_ticket(
        request,
        pk,
        lambda t, data: actions.record_outcome(
            request.user, t, substantiated=data["substantiated"], note=data["note"]
        ),
        form_class=OutcomeForm,
        success=_("已登记核实结果。"),
    )


@committee_only
def ticket_comment(request, pk):
    """The owners' committee comments on a ticket."""
    return run_on_ticket(
        request,
        pk,
        lambda t, data: actions.comment_ticket(request.user, t, data["note"]),
        form_class=NoteForm,
        success=_("已发表意见。"),
    )


@committee_only
def ticket_escalate(request, pk):
    """The owners' committee refers a ticket to the regulator."""
    return run_on_ticket(
        request,
        pk,
        lambda t, data: actions.escalate_ticket(request.user, t, data["note"]),
        form_class=NoteForm,
        success=_("已提请监管部门处理。"),
    )
