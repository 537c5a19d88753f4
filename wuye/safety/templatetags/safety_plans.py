"""The card of clauses 3.4, 3.5, 4.5 and the entrance signs on a project's page, and the small filters
of their pages (the page is the estates app's, which knows no safety)."""

import datetime

from django import template
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.compliance.wording import duration
from wuye.core.web import may_add
from wuye.estates.permissions import can_record_duties
from wuye.safety.actions_plans import can_review_evidence
from wuye.safety.models import Drill, Incident, StoppageNotice, Vehicle
from wuye.safety.queries_plans import (
    MISSING,
    archive_standing,
    entrance_standings,
    plan_standings,
    vehicle_rules_standing,
)

register = template.Library()


@register.filter
def evidence_label(record) -> str:
    """ "safety.drill": what the scoped file view names a record's model by."""
    return record._meta.label_lower


@register.filter
def state_at(standing, now) -> str:
    return standing.state(now)


@register.filter
def lead_words(lead: datetime.timedelta) -> str:
    """How long before a stoppage owners were told; "after it began" when not before."""
    if lead <= datetime.timedelta(0):
        return _("开始后才通知")
    return duration(lead)


@register.inclusion_tag("safety/plans/_project_plans.html", takes_context=True)
def plans_card(context, project, can_edit=False):
    """Plans by required type, the archive's missing categories, vehicle rules, sign photos, the latest
    drill and incident, the vehicles: a fixed number of queries."""
    user = context["request"].user
    now = timezone.now()
    standings, _others = plan_standings(project, now, user)
    categories = archive_standing(project, now, user)
    signs = entrance_standings(project, now, user)
    last_drill = Drill.objects.visible_to(user).filter(project=project).order_by("-occurred_at").first()
    open_incidents = (
        Incident.objects.visible_to(user)
        .filter(project=project, corrections__isnull=True)
        .aggregate(total=Count("pk"), open=Count("pk", filter=Q(ended_at__isnull=True)))
    )
    last_notice = (
        StoppageNotice.objects.visible_to(user).filter(project=project).order_by("-planned_start").first()
    )
    return {
        "project": project,
        "now": now,
        "plans": standings,
        "archive_missing": [row for row in categories if row["required"] and not row["count"]],
        "archive_required": sum(1 for row in categories if row["required"]),
        "rules": vehicle_rules_standing(project, now, user),
        "signs": signs,
        "signs_missing": sum(1 for _entrance, standing in signs if standing.state(now) != "in_force"),
        "last_drill": last_drill,
        "incidents": open_incidents,
        "last_notice": last_notice,
        "vehicles": Vehicle.objects.visible_to(user).filter(project=project, active=True).count(),
        "can_add_vehicle": can_edit and may_add(user, Vehicle, project=project),
        "can_record": can_record_duties(user, project.pk),
        "can_review": can_review_evidence(user, project.pk),
        "MISSING": MISSING,
    }
