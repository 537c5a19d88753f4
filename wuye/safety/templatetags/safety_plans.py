"""The card of clauses 3.4, 3.5, 4.5 and the entrance signs on a project's page, and the small filters
of their pages (the page is the estates app's, which knows no safety)."""

import datetime

from django import template
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.compliance.wording import duration
from wuye.core.web import may_add
from wuye.estates.permissions import can_record_duties
from wuye.safety.models import Vehicle
from wuye.safety.queries_plans import card_summary

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
    """Each required plan's standing, the archive's missing categories, vehicle rules, sign photos, open
    incidents and vehicles: a fixed number of queries (queries_plans.card_summary)."""
    user = context["request"].user
    now = timezone.now()
    return {
        **card_summary(project, now, user),
        "project": project,
        "now": now,
        "can_add_vehicle": can_edit and may_add(user, Vehicle, project=project),
        "can_record": can_record_duties(user, project.pk),
    }
