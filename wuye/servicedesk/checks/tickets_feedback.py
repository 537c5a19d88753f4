"""Checks of what owners say about the service (kind F): attitude complaints and ratings (3.1), and each
substantiated misconduct complaint (3.2). Registered on import by ``checks/tickets.py``."""

import datetime
from collections import defaultdict

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.compliance.duties import bucket_of, next_bucket, start_of_day
from wuye.compliance.parameters import param
from wuye.compliance.registry import Check, FindingDraft, register
from wuye.compliance.wording import moment
from wuye.estates.models import Project
from wuye.servicedesk.checks.tickets import recorded_by, serving_enterprise, ticket_draft
from wuye.servicedesk.choices_tickets import ComplaintCategory, EventKind, Rating, TicketKind
from wuye.servicedesk.models import FollowUp, Ticket, TicketEvent


@register("3.2.misconduct_substantiated")
class MisconductSubstantiated(Check):
    """Each complaint of misconduct or abuse of an owner found true (by the company or a regulator)."""

    incremental = True
    ends_when_gone = False

    def run(self, as_of, projects):
        cases = recorded_by(Ticket.objects.all(), as_of, projects).filter(
            kind=TicketKind.COMPLAINT,
            complaint_category=ComplaintCategory.MISCONDUCT,
            substantiated=True,
            outcome_at__lte=as_of,
        )
        rows = list(cases.select_related("project"))
        enterprise_at = serving_enterprise({t.project_id for t in rows})
        outcomes = dict(
            TicketEvent.objects.filter(ticket__in=[t.pk for t in rows], kind=EventKind.OUTCOME)
            .order_by("ticket_id", "occurred_at")
            .values_list("ticket_id", "pk")
        )  # the last outcome of each ticket wins the dict
        for ticket in rows:
            message = _("%(ticket)s：业主%(when)s投诉员工违纪或刁难业主，经核实属实") % {
                "ticket": str(ticket),
                "when": moment(ticket.received_at),
            }
            evidence = [f"servicedesk.ticket:{ticket.pk}"]
            if ticket.pk in outcomes:
                evidence.append(f"servicedesk.ticketevent:{outcomes[ticket.pk]}")
            yield ticket_draft(
                self.check_id,
                ticket,
                ticket.received_at,
                ticket.outcome_at,
                message,
                enterprise_at,
                evidence,
                {},
            )


@register("3.1.attitude_complaints")
class AttitudeComplaints(Check):
    """Per project and per window of ``window`` calendar months (half years by default): attitude
    complaints per 1,000 households above the limit, and the share of satisfied or basically satisfied
    follow-ups below the minimum — one finding for each. The window under way gives an open finding
    while its figures are bad; a window that ended, a closed one covering it."""

    incremental = False
    ends_when_gone = True

    def run(self, as_of, projects):
        today = timezone.localdate(as_of)
        earliest = today.replace(year=today.year - 1)
        projects_qs = Project.objects.filter(household_count__gt=0).order_by()
        by_params = defaultdict(list)
        for pk, division in projects_qs.values_list("pk", "division_id"):
            key = tuple(
                param(self.check_id, n, division, today)
                for n in ("window", "complaint_rate_limit", "satisfaction_min")
            )
            by_params[key].append(pk)
        for (window, limit, minimum), ids in by_params.items():
            window = int(window)
            start = bucket_of(earliest, window)
            while start <= today:
                end = next_bucket(start, window)
                yield from self.window(ids, start, end, window, limit, minimum, as_of)
                start = end

    def window(self, ids, start_day, end_day, window, limit, minimum, as_of):
        start, end = start_of_day(start_day), start_of_day(end_day)
        until = min(end, as_of)
        finished = end <= as_of
        complaints = dict(
            Ticket.objects.filter(
                project_id__in=ids,
                kind=TicketKind.COMPLAINT,
                complaint_category=ComplaintCategory.ATTITUDE,
                received_at__gte=start,
                received_at__lt=until,
                recorded_at__lte=as_of,
            )
            .order_by()
            .values("project_id")
            .annotate(n=Count("pk"))
            .values_list("project_id", "n")
        )
        ratings = {
            row["ticket__project_id"]: row
            for row in FollowUp.objects.filter(
                ticket__project_id__in=ids,
                occurred_at__gte=start,
                occurred_at__lt=until,
                recorded_at__lte=as_of,
            )
            .order_by()
            .values("ticket__project_id")
            .annotate(
                total=Count("pk"), good=Count("pk", filter=Q(rating__in=[Rating.SATISFIED, Rating.BASIC]))
            )
        }
        involved = set(complaints) | set(ratings)
        if not involved:
            return
        named = Project.objects.in_bulk(involved)
        enterprise_at = serving_enterprise(involved)
        period_end = end if finished else None
        span = _("%(start)s至%(end)s") % {
            "start": start_day.strftime("%Y-%m-%d"),
            "end": (end_day - datetime.timedelta(days=1)).strftime("%Y-%m-%d"),
        }
        applied = {
            "window": str(window),
            "complaint_rate_limit": str(limit),
            "satisfaction_min": str(minimum),
        }
        for pk, count in complaints.items():
            project = named[pk]
            rate = count * 1000 / project.household_count
            if rate <= limit:
                continue
            message = _(
                "%(project)s在%(span)s收到服务态度投诉%(count)s件，按%(households)s户计每千户%(rate).1f件，"
                "超过每千户%(limit)s件的限度"
            ) % {
                "project": project.name,
                "span": span,
                "count": count,
                "households": project.household_count,
                "rate": rate,
                "limit": limit,
            }
            yield self.draft(f"project:{pk}", project, start, period_end, message, enterprise_at, applied)
        for pk, row in ratings.items():
            project = named[pk]
            share = row["good"] * 100 / row["total"]
            if share >= minimum:
                continue
            message = _(
                "%(project)s在%(span)s的%(total)s次回访评价中满意和基本满意占%(share).0f%%，低于%(minimum)s%%"
            ) % {
                "project": project.name,
                "span": span,
                "total": row["total"],
                "share": share,
                "minimum": minimum,
            }
            yield self.draft(f"ratings:{pk}", project, start, period_end, message, enterprise_at, applied)

    def draft(self, subject, project, start, end, message, enterprise_at, applied):
        name = (
            project.name
            if subject.startswith("project:")
            else _("%(project)s 业主评价") % {"project": project.name}
        )
        return FindingDraft(
            check_id=self.check_id,
            subject=subject,
            subject_name=name,
            period_start=start,
            period_end=end,
            message=message,
            project_id=project.pk,
            enterprise_id=enterprise_at(project.pk, start),
            division_id=project.division_id,
            parameters=applied,
        )
