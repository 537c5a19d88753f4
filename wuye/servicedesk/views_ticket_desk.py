"""A project's ticket desk (reception and handling): the list with search, filters, counts, clocks, an
Excel export and a print view; logging a ticket taken by phone, at the counter or by letter; the trends
the owners' committee follows; and the regulator's list of tickets referred to it.

The desk is read by whoever reads the project's tickets as a whole (staff, the serving enterprise's
managers, the committee, the regulators over it): others get 404. Logging is for those who handle them.
"""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import TruncMonth
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.compliance.parameters import preloaded
from wuye.core.spreadsheets.export import export_file
from wuye.core.web import wants_fragment
from wuye.core.web_excel import dated_filename, xlsx_response
from wuye.estates.permissions import can_record_duties
from wuye.servicedesk import actions_tickets as actions
from wuye.servicedesk.choices_tickets import Rating, TicketKind
from wuye.servicedesk.deadlines_tickets import RULES, possibly_missed, ticket_clock, ticket_deadlines
from wuye.servicedesk.filters_ticket_pages import EscalatedTicketFilter, TicketFilter, escalated
from wuye.servicedesk.forms_tickets import ReceptionTicketForm
from wuye.servicedesk.models import FollowUp, Ticket
from wuye.servicedesk.pages_tickets import (
    Contacts,
    desk_counts,
    desk_projects,
    project_tickets,
    with_clocks,
)

PAGE_SIZE = 20
PRINT_LIMIT = 500  # a printed list longer than this is better exported
TREND_MONTHS = 12
LIST_RELATED = ("project", "household__building", "handler")


def with_last_rating(tickets):
    """Each ticket with its latest follow-up's rating (``last_rating``; null before any), in the query."""
    latest = FollowUp.objects.filter(ticket=OuterRef("pk")).order_by("-occurred_at", "-pk").values("rating")
    return tickets.annotate(last_rating=Subquery(latest[:1]))


def desk_project_or_404(user, pk):
    return get_object_or_404(desk_projects(user), pk=pk)


def filtered(request, project):
    contacts = Contacts(request)
    probe = Ticket(project=project)
    filterset = TicketFilter(
        request.GET,
        queryset=with_last_rating(project_tickets(request.user, project).select_related(*LIST_RELATED)),
        request=request,
        project=project,
        contacts_searchable=contacts.shown(probe),
    )
    return filterset, contacts


@login_required
def ticket_desk(request, pk):
    """The project's tickets: search, filters, counts of open and overdue, each with its clock."""
    project = desk_project_or_404(request.user, pk)
    filterset, contacts = filtered(request, project)
    tickets = filterset.qs.order_by("-received_at", "-pk") if filterset.is_valid() else Ticket.objects.none()
    if request.GET.get("export") == "xlsx":
        return export(request, project, tickets, contacts)
    page = Paginator(tickets, PAGE_SIZE).get_page(request.GET.get("page"))
    now = timezone.now()
    contacts.dress(with_clocks(page.object_list, now))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "project": project,
        "filter": filterset,
        "page_obj": page,
        "tickets": page.object_list,
        "querystring": query.urlencode(),
        "counts": desk_counts(project_tickets(request.user, project), now),
        "can_log": can_record_duties(request.user, project.pk),
        "now": now,
    }
    template = (
        "servicedesk/tickets/_desk_results.html"
        if wants_fragment(request)
        else "servicedesk/tickets/desk.html"
    )
    return render(request, template, context)


def export(request, project, tickets, contacts):
    title = _("%(project)s工单") % {"project": project.name}
    now = timezone.now()
    with preloaded():
        columns = [
            (_("工单号"), "pk"),
            (_("受理时间"), "received_at"),
            (_("类型"), lambda t: t.get_kind_display()),
            (_("紧急程度"), lambda t: t.get_urgency_display()),
            (_("投诉类别"), lambda t: t.get_complaint_category_display()),
            (_("受理渠道"), lambda t: t.get_channel_display()),
            (_("房屋"), lambda t: str(t.household) if t.household_id else ""),
            (_("联系人"), contacts.name),
            (_("联系电话"), contacts.phone),
            (_("内容"), "description"),
            (_("状态"), lambda t: t.get_status_display()),
            (_("处理人"), lambda t: str(t.handler) if t.handler_id else ""),
            (_("办结时间"), "completed_at"),
            (_("评价"), lambda t: rating_label(t.last_rating)),
            (_("已超期"), lambda t: is_overdue(t, now)),
        ]
        content = export_file(tickets, columns, title=title)
    return xlsx_response(content, dated_filename(title))


def rating_label(value) -> str:
    return str(Rating(value).label) if value else ""


def is_overdue(ticket, now) -> bool:
    return ticket_clock(ticket, now).overdue


@login_required
def ticket_desk_print(request, pk):
    """The filtered list on paper (at most ``PRINT_LIMIT`` tickets)."""
    project = desk_project_or_404(request.user, pk)
    filterset, contacts = filtered(request, project)
    tickets = filterset.qs.order_by("-received_at", "-pk") if filterset.is_valid() else Ticket.objects.none()
    rows = list(tickets[: PRINT_LIMIT + 1])
    now = timezone.now()
    contacts.dress(with_clocks(rows[:PRINT_LIMIT], now))
    return render(
        request,
        "servicedesk/tickets/desk_print.html",
        {"project": project, "tickets": rows[:PRINT_LIMIT], "cut": len(rows) > PRINT_LIMIT, "now": now},
    )


@login_required
def ticket_log(request, pk):
    """Reception logs a ticket taken by phone, at the counter or by letter (404 unseen, 403 not handling)."""
    project = desk_project_or_404(request.user, pk)
    if not can_record_duties(request.user, project.pk):
        raise PermissionDenied
    instance = Ticket(project=project)
    initial = {"received_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M")}
    form = ReceptionTicketForm(
        request.POST or None, request.FILES or None, instance=instance, project=project, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        ticket = form.save(commit=False)
        try:
            actions.file_ticket(request.user, ticket)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("已登记，工单号 %(number)s。") % {"number": ticket.pk})
            return redirect("ticket-detail", ticket.pk)
    return render(
        request,
        "servicedesk/tickets/log.html",
        {"form": form, "project": project, "title": _("登记工单（电话、来访、来信）")},
    )


# -- trends of the committee and the regulator's list ------------------------------------------------


def month_starts(today: datetime.date, months: int) -> list[datetime.date]:
    first = today.replace(day=1)
    starts = []
    for _i in range(months):
        starts.append(first)
        first = (first - datetime.timedelta(days=1)).replace(day=1)
    return list(reversed(starts))


def missed_deadlines(tickets, project, now) -> list:
    """The tickets of ``tickets`` that missed a deadline (met late, or still open past it): SQL narrows by
    each rule's shortest limit (``possibly_missed``), the deadline function decides each candidate."""
    candidates = set()
    for rule in RULES:
        found = possibly_missed(tickets, rule, now, divisions=[project.division_id])
        candidates.update(found.values_list("pk", flat=True))
    with preloaded():
        return [
            ticket
            for ticket in tickets.filter(pk__in=candidates).select_related("project").order_by()
            if any(deadline.is_missed(now) for deadline in ticket_deadlines(ticket))
        ]


@login_required
def ticket_trends(request, pk):
    """Tickets per month by kind, the share that missed a deadline, and the owners' ratings (12 months)."""
    project = desk_project_or_404(request.user, pk)
    now = timezone.now()
    months = month_starts(timezone.localdate(now), TREND_MONTHS)
    since = timezone.make_aware(datetime.datetime.combine(months[0], datetime.time.min))
    tickets = project_tickets(request.user, project).filter(received_at__gte=since)
    per_kind = (
        tickets.annotate(month=TruncMonth("received_at"))
        .values("month", "kind")
        .annotate(n=Count("pk"))
        .order_by()
    )
    labels = [f"{month:%Y-%m}" for month in months]
    by_kind = {kind: [0] * len(months) for kind in TicketKind.values}
    for row in per_kind:
        by_kind[row["kind"]][labels.index(f"{row['month']:%Y-%m}")] = row["n"]
    total = [sum(counts[i] for counts in by_kind.values()) for i in range(len(months))]
    late = [0] * len(months)
    for ticket in missed_deadlines(tickets, project, now):
        late[labels.index(f"{timezone.localtime(ticket.received_at):%Y-%m}")] += 1
    ratings = (
        FollowUp.objects.visible_to(request.user)
        .filter(ticket__project=project, occurred_at__gte=since)
        .values("rating")
        .annotate(n=Count("pk"))
        .order_by()
    )
    rated = {row["rating"]: row["n"] for row in ratings}
    chart = {
        "months": labels,
        "kinds": [{"name": str(label), "data": by_kind[value]} for value, label in TicketKind.choices],
        "overdue_share": [round(100 * late[i] / total[i], 1) if total[i] else 0 for i in range(len(months))],
        "labels": {"tickets": _("工单数"), "overdue": _("超期占比（%）")},
    }
    return render(
        request,
        "servicedesk/tickets/trends.html",
        {
            "project": project,
            "chart": chart,
            "rows": list(zip(labels, total, late, strict=True)),
            "ratings": [(label, rated.get(value, 0)) for value, label in Rating.choices],
            "counts": desk_counts(project_tickets(request.user, project), now),
        },
    )


@login_required
def escalated_tickets(request):
    """Tickets the owners' committees referred to the regulator, as far as the user sees them."""
    queryset = escalated(Ticket.objects.visible_to(request.user)).select_related(*LIST_RELATED)
    filterset = EscalatedTicketFilter(request.GET, queryset=queryset, request=request)
    tickets = filterset.qs.order_by("-received_at", "-pk") if filterset.is_valid() else queryset.none()
    page = Paginator(tickets, PAGE_SIZE).get_page(request.GET.get("page"))
    Contacts(request).dress(with_clocks(page.object_list))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filter": filterset,
        "page_obj": page,
        "tickets": page.object_list,
        "querystring": query.urlencode(),
    }
    template = "_escalated_results.html" if wants_fragment(request) else "escalated.html"
    return render(request, f"servicedesk/tickets/{template}", context)


@login_required
def ticket_desks(request):
    """The desks the user reads: straight to the one desk when there is one, else a list of projects."""
    projects = desk_projects(request.user).order_by("name")
    search = request.GET.get("q", "").strip()
    if search:
        projects = projects.filter(name__icontains=search)
    page = Paginator(projects, PAGE_SIZE).get_page(request.GET.get("page"))
    if not search and page.paginator.count == 1:
        return redirect("ticket-desk", page.object_list[0].pk)
    return render(
        request,
        "servicedesk/tickets/desks.html",
        {"page_obj": page, "projects": page.object_list, "q": search},
    )
