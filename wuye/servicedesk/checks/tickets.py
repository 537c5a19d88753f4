"""Checks of tickets: answered, on site, completed, followed up and closed by their deadlines (1.2, 3.3, 6.R),
reception records complete (6.R), appointments kept (6.W), attitude complaints and ratings (3.1), and each
substantiated misconduct complaint (3.2).

Deadlines come from ``deadlines_tickets`` (the one function the pages and reminders use too). Each
deadline check narrows the tickets in SQL by the shortest limit the parameter can have, then decides each
candidate exactly; a ticket still open past its deadline is an open finding, one done late a closed one.
"""

from collections import defaultdict

from django.db.models import DateTimeField, ExpressionWrapper, F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from wuye.compliance.parameters import param, preloaded
from wuye.compliance.registry import Check, FindingDraft, register
from wuye.compliance.wording import duration, moment
from wuye.estates.models import ServicePeriod
from wuye.servicedesk.choices_tickets import (
    HOUSEHOLD_KINDS,
    EventKind,
    TicketStatus,
)
from wuye.servicedesk.deadlines_tickets import RULES_BY_CHECK, possibly_missed, ticket_deadlines
from wuye.servicedesk.models import Appointment, Ticket, TicketEvent

FINISHED = [TicketStatus.DONE, TicketStatus.FOLLOWED_UP, TicketStatus.CLOSED]


def serving_enterprise(project_ids):
    """A function (project id, moment) → the enterprise serving it then; one query for all projects."""
    periods = defaultdict(list)
    rows = ServicePeriod.objects.filter(project_id__in=project_ids).values_list(
        "project_id", "start", "end", "enterprise_id"
    )
    for project_id, start, end, enterprise_id in rows:
        periods[project_id].append((start, end, enterprise_id))

    def at(project_id, when):
        day = timezone.localtime(when).date()
        for start, end, enterprise_id in periods[project_id]:
            if start <= day and (end is None or day <= end):
                return enterprise_id
        return None

    return at


def ticket_draft(check_id, ticket, start, end, message, enterprise_at, evidence, parameters):
    return FindingDraft(
        check_id=check_id,
        subject=f"ticket:{ticket.pk}",
        subject_name=f"{ticket.project.name} {ticket}",
        period_start=start,
        period_end=end,
        message=message,
        project_id=ticket.project_id,
        enterprise_id=enterprise_at(ticket.project_id, ticket.received_at),
        division_id=ticket.project.division_id,
        evidence=evidence,
        parameters=parameters,
    )


def recorded_by(queryset, as_of, projects):
    """Tickets on record at ``as_of`` (of the given projects, None: all)."""
    queryset = queryset.filter(recorded_at__lte=as_of).order_by()
    return queryset if projects is None else queryset.filter(project_id__in=projects)


def event_evidence(tickets) -> dict:
    """{ticket id: {status: "servicedesk.ticketevent:<id>" of its first move there}}, one query."""
    found = defaultdict(dict)
    rows = (
        TicketEvent.objects.filter(ticket__in=[t.pk for t in tickets], kind=EventKind.MOVE)
        .order_by("occurred_at", "pk")
        .values_list("ticket_id", "to_status", "pk")
    )
    for ticket_id, status, pk in rows:
        found[ticket_id].setdefault(status, f"servicedesk.ticketevent:{pk}")
    return found


STEP_WORDS = {
    "answer": gettext_lazy("响应"),
    "on_site": gettext_lazy("到场"),
    "completion": gettext_lazy("办结"),
    "follow_up": gettext_lazy("回访"),
    "close": gettext_lazy("关闭"),
}
# The event that starts a rule's clock and the one that meets it, as evidence.
STEP_STATUS = {
    "answer": TicketStatus.ACCEPTED,
    "on_site": TicketStatus.ON_SITE,
    "completion": TicketStatus.DONE,
    "follow_up": TicketStatus.FOLLOWED_UP,
    "close": TicketStatus.CLOSED,
}


class TicketDeadlineCheck(Check):
    """A step of a ticket not done by its deadline (``deadlines_tickets``), one finding per ticket."""

    # A deadline passes without any new record: every run looks at every project (SQL narrows first).
    incremental = False
    ends_when_gone = False  # a finding that disappears was an error in the records: withdrawn

    def run(self, as_of, projects):
        rule = RULES_BY_CHECK[self.check_id]
        candidates = possibly_missed(recorded_by(Ticket.objects.all(), as_of, projects), rule, as_of)
        tickets = list(candidates.select_related("project"))
        if not tickets:
            return
        evidence = event_evidence(tickets)
        enterprise_at = serving_enterprise({t.project_id for t in tickets})
        step = str(STEP_WORDS[rule.name])
        with preloaded():
            for ticket in tickets:
                deadline = next(d for d in ticket_deadlines(ticket) if d.check_id == self.check_id)
                if not deadline.is_missed(as_of):
                    continue
                met = deadline.met_by(as_of)
                yield ticket_draft(
                    self.check_id,
                    ticket,
                    deadline.due,
                    met,
                    self.message(ticket, deadline, step, met, as_of),
                    enterprise_at,
                    [e for e in (evidence[ticket.pk].get(s) for s in self.evidence_steps(rule)) if e],
                    {rule.parameter: str(deadline.limit)},
                )

    @staticmethod
    def evidence_steps(rule):
        first = TicketStatus.DONE if rule.start_field == "completed_at" else TicketStatus.RECEIVED
        return [first, STEP_STATUS[rule.name], TicketStatus.WITHDRAWN]

    @staticmethod
    def message(ticket, deadline, step, met, as_of) -> str:
        values = {
            "ticket": str(ticket),
            "start": moment(deadline.start),
            "what": _("办结") if deadline.rule.start_field == "completed_at" else _("受理"),
            "limit": duration(deadline.limit),
            "step": step,
            "due": moment(deadline.due),
        }
        said = _("%(ticket)s于%(start)s%(what)s，应在%(limit)s内（%(due)s前）%(step)s，") % values
        if met is None:
            return said + _("到%(now)s仍未%(step)s") % {**values, "now": moment(as_of)}
        if ticket.withdrawn_at == met and getattr(ticket, deadline.rule.met_field) != met:
            return said + _("业主%(met)s撤回前仍未%(step)s") % {**values, "met": moment(met)}
        return said + _("实际%(met)s才%(step)s，晚了%(late)s") % {
            **values,
            "met": moment(met),
            "late": duration(met - deadline.due),
        }


for _check_id in RULES_BY_CHECK:
    register(_check_id)(type(f"Check_{_check_id.replace('.', '_')}", (TicketDeadlineCheck,), {}))


REQUIRED_FIELD_WORDS = {
    "kind": gettext_lazy("类型"),
    "household": gettext_lazy("房号"),
    "contact": gettext_lazy("联系人及电话"),
    "description": gettext_lazy("内容"),
    "received_at": gettext_lazy("受理时间"),
    "handler": gettext_lazy("处理人"),
}


def missing_q(field: str) -> Q:
    """Tickets whose record lacks ``field`` (the household only where the kind concerns a dwelling; the
    handler only once the ticket is done)."""
    return {
        "kind": Q(kind=""),
        "household": Q(household__isnull=True, kind__in=HOUSEHOLD_KINDS),
        "contact": Q(contact_name="") | Q(contact_phone=""),
        "description": Q(description=""),
        "received_at": Q(received_at__isnull=True),
        "handler": Q(handler__isnull=True, status__in=FINISHED),
    }[field]


@register("6.R.ticket_fields_complete")
class TicketFieldsComplete(Check):
    """A ticket recorded without a field the region requires (6.R: 登记准确、记录完整)."""

    incremental = True

    def run(self, as_of, projects):
        tickets = recorded_by(Ticket.objects.all(), as_of, projects)
        by_fields = defaultdict(set)
        today = timezone.localdate(as_of)
        for division in set(tickets.values_list("project__division_id", flat=True)):
            by_fields[tuple(param(self.check_id, "required_fields", division, today))].add(division)
        for fields, divisions in by_fields.items():
            known = [name for name in fields if name in REQUIRED_FIELD_WORDS]
            if not known:
                continue
            lacking = tickets.filter(project__division_id__in=divisions)
            any_missing = Q(pk__in=[])
            for name in known:
                any_missing |= missing_q(name)
            rows = list(lacking.filter(any_missing).select_related("project"))
            enterprise_at = serving_enterprise({t.project_id for t in rows})
            for ticket in rows:
                gaps = [str(REQUIRED_FIELD_WORDS[name]) for name in known if self.lacks(ticket, name)]
                message = _("%(ticket)s（%(channel)s，%(when)s登记）缺少必填项：%(fields)s") % {
                    "ticket": str(ticket),
                    "channel": ticket.get_channel_display(),
                    "when": moment(ticket.recorded_at),
                    "fields": pgettext("list separator", "、").join(gaps),
                }
                yield ticket_draft(
                    self.check_id,
                    ticket,
                    ticket.recorded_at,
                    None,
                    message,
                    enterprise_at,
                    [f"servicedesk.ticket:{ticket.pk}"],
                    {"required_fields": list(fields)},
                )

    @staticmethod
    def lacks(ticket, name: str) -> bool:
        return {
            "kind": not ticket.kind,
            "household": ticket.household_id is None and ticket.kind in HOUSEHOLD_KINDS,
            "contact": not ticket.contact_name or not ticket.contact_phone,
            "description": not ticket.description,
            "received_at": ticket.received_at is None,
            "handler": ticket.handler_id is None and ticket.status in FINISHED,
        }[name]


@register("6.W.appointment_kept")
class AppointmentKept(Check):
    """The worker arrived later than the agreed window's end plus the tolerance, or has not come at all
    (an appointment whose ticket was withdrawn before then is owed no more). Arriving early is not a miss:
    the owner agreed to be in from the window's start, and an early worker waits or calls."""

    incremental = False  # the window ends without any new record
    ends_when_gone = False

    def run(self, as_of, projects):
        appointments = Appointment.objects.filter(agreed_at__lte=as_of).order_by()
        if projects is not None:
            appointments = appointments.filter(ticket__project_id__in=projects)
        today = timezone.localdate(as_of)
        groups = defaultdict(set)
        for division in set(appointments.values_list("ticket__project__division_id", flat=True)):
            groups[param(self.check_id, "arrival_tolerance", division, today)].add(division)
        for tolerance, divisions in groups.items():
            latest = ExpressionWrapper(F("window_end") + tolerance, output_field=DateTimeField())
            late = (
                appointments.filter(ticket__project__division_id__in=divisions)
                .annotate(latest=latest)
                .filter(latest__lt=as_of)
                .filter(Q(arrived_at__isnull=True) | Q(arrived_at__gt=F("latest")) | Q(arrived_at__gt=as_of))
                .exclude(ticket__withdrawn_at__lte=F("latest"))
                .select_related("ticket__project")
            )
            rows = list(late)
            enterprise_at = serving_enterprise({a.ticket.project_id for a in rows})
            for appointment in rows:
                yield self.draft(appointment, tolerance, as_of, enterprise_at)

    def draft(self, appointment, tolerance, as_of, enterprise_at):
        ticket = appointment.ticket
        arrived = (
            appointment.arrived_at if appointment.arrived_at and appointment.arrived_at <= as_of else None
        )
        values = {
            "ticket": str(ticket),
            "start": moment(appointment.window_start),
            "end": moment(appointment.window_end, same_day_as=appointment.window_start),
            "tolerance": duration(tolerance),
        }
        said = _("%(ticket)s约定%(start)s至%(end)s上门（允许误差%(tolerance)s），") % values
        if arrived is None:
            message = said + _("维修人员到%(now)s仍未到达") % {"now": moment(as_of)}
        else:
            message = said + _("维修人员%(arrived)s才到达，晚了%(late)s") % {
                "arrived": moment(arrived, same_day_as=appointment.window_end),
                "late": duration(arrived - appointment.window_end),
            }
        evidence = [f"servicedesk.appointment:{appointment.pk}"]
        if appointment.arrival_event_id and arrived is not None:
            evidence.append(f"servicedesk.ticketevent:{appointment.arrival_event_id}")
        return FindingDraft(
            check_id=self.check_id,
            subject=f"appointment:{appointment.pk}",
            subject_name=f"{ticket.project.name} {ticket}",
            period_start=appointment.window_end + tolerance,
            period_end=arrived,
            message=message,
            project_id=ticket.project_id,
            enterprise_id=enterprise_at(ticket.project_id, appointment.window_start),
            division_id=ticket.project.division_id,
            evidence=evidence,
            parameters={"arrival_tolerance": str(tolerance)},
        )


# Clauses 3.1 and 3.2 (feedback: complaints and ratings) live beside these.
from wuye.servicedesk.checks import tickets_feedback  # noqa: E402, F401
