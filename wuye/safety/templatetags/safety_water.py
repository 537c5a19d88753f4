"""The card of clauses 4.6 and 4.7 on a project's page (the page is the estates app's, which knows no safety)."""

from django import template
from django.db.models import Count, Q
from django.utils import timezone

from wuye.core.web import may_add
from wuye.estates.permissions import can_record_duties
from wuye.safety.actions_water import ODOUR_CHECK
from wuye.safety.dues_water import DueTimes, sewer_dues, with_last_records
from wuye.safety.models import Defect, PollutionIncident, SepticTank, WaterTank

register = template.Library()


@register.inclusion_tag("safety/water/_project_water.html", takes_context=True)
def water_card(context, project, can_edit=False):
    """Tanks with their next test and cleaning, open owners' reports, unreported pollution, the sewers'
    next check; a few rows, a fixed number of queries."""
    user, now = context["request"].user, timezone.now()
    tanks = WaterTank.objects.visible_to(user).filter(project=project, active=True).select_related("project")
    tanks = list(with_last_records(tanks.order_by("name"), now, user))
    due_times = DueTimes(now)
    for tank in tanks:
        tank.test_due, tank.cleaning_due = due_times.of_tank(tank)
    reports = Defect.objects.visible_to(user).filter(
        project=project, check_id=ODOUR_CHECK, fixed_at__isnull=True
    )
    incidents = PollutionIncident.objects.visible_to(user).filter(project=project)
    return {
        "project": project,
        "tanks": tanks,
        "open_reports": reports.aggregate(n=Count("pk"), late=Count("pk", filter=Q(deadline__lt=now))),
        "unreported": incidents.filter(reports__isnull=True).count(),
        "sewers": sewer_dues(project, now),
        "septic_count": SepticTank.objects.visible_to(user).filter(project=project, active=True).count(),
        "can_add": can_edit and may_add(user, WaterTank, project=project),
        "can_record": can_record_duties(user, project.pk),
        "now": now,
    }
