"""A ticket's deadlines: the one place that says by when each step is due (STYLE.md: one home per rule).

The checks, the ticket's clock and overdue flag on its pages and in the API, and the reminders to staff
all ask here. Each deadline belongs to one check (one miss, one finding, under one clause; DESIGN.md):

| deadline   | kinds                       | clock starts   | met by          | check                      |
|------------|-----------------------------|----------------|-----------------|----------------------------|
| answer     | inquiry, complaint          | received_at    | answered_at     | 1.2.inquiry_answered       |
| answer     | repair, help                | received_at    | answered_at     | 3.3.ticket_answered        |
| on_site    | urgent repair               | received_at    | on_site_at      | 3.3.urgent_repair_on_site  |
| completion | repair, help, complaint     | received_at    | completed_at    | 3.3.ticket_completed       |
| follow_up  | repair, complaint           | completed_at   | followed_up_at  | 3.3.follow_up              |
| close      | inquiry, suggestion         | received_at    | closed_at       | 6.R.ticket_closed          |

The parameter applied is the one in force in the project's division on the day the clock started (a
regulator's later change does not move a running clock). A ticket the owner withdrew owes nothing
more from then on: withdrawal ends every duty still running (late already if after the deadline).
Exactly at the deadline is in time; one second later is late.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import DateTimeField, ExpressionWrapper, F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from wuye.compliance.catalogue_schema import parse_value
from wuye.compliance.parameters import division_chain, param, parameter_spec
from wuye.servicedesk.choices_tickets import TicketKind, Urgency


@dataclass(frozen=True)
class DeadlineRule:
    """One row of the table above."""

    name: str
    check_id: str
    parameter: str
    kinds: frozenset
    start_field: str
    met_field: str
    urgent_only: bool = False

    def applies_to(self, kind: str, urgency: str) -> bool:
        return kind in self.kinds and (not self.urgent_only or urgency == Urgency.URGENT)

    def kind_q(self) -> Q:
        q = Q(kind__in=self.kinds)
        return q & Q(urgency=Urgency.URGENT) if self.urgent_only else q


K = TicketKind
RULES = (
    DeadlineRule("answer", "1.2.inquiry_answered", "answer_deadline", frozenset({K.INQUIRY, K.COMPLAINT}),
                 "received_at", "answered_at"),
    DeadlineRule("answer", "3.3.ticket_answered", "answer_deadline", frozenset({K.REPAIR, K.HELP}),
                 "received_at", "answered_at"),
    DeadlineRule("on_site", "3.3.urgent_repair_on_site", "on_site_deadline", frozenset({K.REPAIR}),
                 "received_at", "on_site_at", urgent_only=True),
    DeadlineRule("completion", "3.3.ticket_completed", "completion_deadline",
                 frozenset({K.REPAIR, K.HELP, K.COMPLAINT}), "received_at", "completed_at"),
    DeadlineRule("follow_up", "3.3.follow_up", "follow_up_deadline", frozenset({K.REPAIR, K.COMPLAINT}),
                 "completed_at", "followed_up_at"),
    DeadlineRule("close", "6.R.ticket_closed", "close_deadline", frozenset({K.INQUIRY, K.SUGGESTION}),
                 "received_at", "closed_at"),
)  # fmt: skip
RULES_BY_CHECK = {rule.check_id: rule for rule in RULES}


@dataclass(frozen=True)
class Deadline:
    """One deadline of one ticket: when it is due and when (if yet) the step was done."""

    rule: DeadlineRule
    start: datetime.datetime
    limit: datetime.timedelta
    due: datetime.datetime
    met_at: datetime.datetime | None  # the step's time, or the withdrawal's

    @property
    def name(self) -> str:
        return self.rule.name

    @property
    def check_id(self) -> str:
        return self.rule.check_id

    def met_by(self, as_of: datetime.datetime) -> datetime.datetime | None:
        return self.met_at if self.met_at is not None and self.met_at <= as_of else None

    def is_open(self, as_of: datetime.datetime) -> bool:
        """Not met yet at ``as_of``."""
        return self.met_by(as_of) is None

    def is_missed(self, as_of: datetime.datetime) -> bool:
        """Met after the deadline, or still not met at ``as_of`` with the deadline passed."""
        met = self.met_by(as_of)
        return met > self.due if met is not None else as_of > self.due


def limit_for(rule: DeadlineRule, division: str | None, day: datetime.date) -> datetime.timedelta:
    return param(rule.check_id, rule.parameter, division, day)


def ticket_deadlines(ticket, *, division: str | None = None) -> list[Deadline]:
    """Every deadline of ``ticket`` whose clock has started (a follow-up's starts at completion)."""
    division = division if division is not None else ticket.project.division_id
    deadlines = []
    for rule in RULES:
        if not rule.applies_to(ticket.kind, ticket.urgency):
            continue
        start = getattr(ticket, rule.start_field)
        if start is None:
            continue
        limit = limit_for(rule, division, timezone.localdate(start))
        met = getattr(ticket, rule.met_field) or ticket.withdrawn_at
        deadlines.append(Deadline(rule, start, limit, start + limit, met))
    return deadlines


@dataclass(frozen=True)
class Clock:
    """What a ticket's page shows: the next deadline still running, and whether one has passed."""

    next: Deadline | None
    overdue: bool


def ticket_clock(ticket, now: datetime.datetime | None = None, *, division: str | None = None) -> Clock:
    now = now or timezone.now()
    running = [d for d in ticket_deadlines(ticket, division=division) if d.is_open(now)]
    return Clock(
        next=min(running, key=lambda d: d.due, default=None),
        overdue=any(d.due < now for d in running),
    )


# -- in SQL: the lower bound a check or a list filter narrows by before deciding exactly ----------------


def lowest_limit(rule: DeadlineRule, divisions=None) -> datetime.timedelta:
    """The shortest limit this rule can have in any of ``divisions`` (None: anywhere) on any day: the
    default, or an override (of the division or an ancestor). A ticket not late by this is not late by
    the limit it really has."""
    return lowest_limits([rule], divisions)[rule]


def lowest_limits(rules, divisions=None) -> dict:
    """``lowest_limit`` of each of ``rules``, their overrides read in one query."""
    from wuye.compliance.models import ParameterOverride

    wanted = Q(pk__in=[])
    for rule in rules:
        wanted |= Q(check_id=rule.check_id, name=rule.parameter)
    overrides = ParameterOverride.objects.filter(wanted)
    if divisions is not None:
        overrides = overrides.filter(
            division_id__in={code for division in divisions for code in division_chain(division)}
        )
    found = defaultdict(list)
    for check_id, name, value in overrides.values_list("check_id", "name", "value"):
        found[check_id, name].append(value)
    limits = {}
    for rule in rules:
        spec = parameter_spec(rule.check_id, rule.parameter)
        values = [spec.default] + [
            parse_value(value, f"{rule.check_id}.{rule.parameter}", spec.unit)
            for value in found[rule.check_id, rule.parameter]
        ]
        limits[rule] = min(limit_for_value(rule, value) for value in values)
    return limits


def limit_for_value(rule: DeadlineRule, value) -> datetime.timedelta:
    unit = parameter_spec(rule.check_id, rule.parameter).unit
    return datetime.timedelta(**{unit: int(value)})


def possibly_missed(queryset, rule: DeadlineRule, as_of: datetime.datetime, divisions=None):
    """Tickets of ``queryset`` that may have missed ``rule``'s deadline by ``as_of``: a superset of the
    missed ones, one query; ``ticket_deadlines`` decides each of them exactly."""
    bound = lowest_limit(rule, divisions)
    earliest_due = ExpressionWrapper(F(rule.start_field) + bound, output_field=DateTimeField())
    met = Coalesce(rule.met_field, "withdrawn_at")
    return (
        queryset.filter(rule.kind_q(), **{f"{rule.start_field}__lt": as_of - bound})
        .annotate(earliest_due=earliest_due, met=met)
        .filter(Q(met__isnull=True) | Q(met__gt=as_of) | Q(met__gt=F("earliest_due")))
    )


def overdue_ids(queryset, as_of: datetime.datetime) -> set[int]:
    """Ids of the tickets of ``queryset`` with a deadline passed and its step not done at ``as_of``: the
    list filter's answer. SQL narrows by the shortest limits; ``ticket_clock`` decides each candidate."""
    from wuye.compliance.parameters import preloaded

    maybe = Q(pk__in=[])
    for rule, bound in lowest_limits(RULES).items():
        maybe |= rule.kind_q() & Q(
            **{f"{rule.start_field}__lt": as_of - bound, f"{rule.met_field}__isnull": True}
        )
    candidates = queryset.filter(maybe, withdrawn_at__isnull=True).select_related("project").order_by()
    with preloaded():
        return {ticket.pk for ticket in candidates if ticket_clock(ticket, as_of).overdue}
