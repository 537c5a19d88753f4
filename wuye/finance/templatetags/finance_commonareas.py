"""The common parts card on a project's page (the page is the estates app's, which knows no finance)."""

from django import template
from django.db.models import Count, Q
from django.utils import timezone

from wuye.estates.permissions import can_record_duties
from wuye.finance.models import CommonAreaUse
from wuye.finance.views_commonareas import income_this_half
from wuye.finance.votes_commonareas import thresholds, with_authorisation

register = template.Library()


@register.inclusion_tag("finance/commonareas/_project_card.html", takes_context=True)
def commonareas_card(context, project):
    """Uses in effect, how many lack a valid vote, and this half year's income: a query for each count."""
    user = context["request"].user
    today = timezone.localdate()
    in_effect = CommonAreaUse.objects.visible_to(user).filter(
        Q(end__isnull=True) | Q(end__gte=today), project=project, start__lte=today
    )
    counts = with_authorisation(in_effect, thresholds(project.division_id, today)).aggregate(
        uses=Count("pk"), unauthorised=Count("pk", filter=Q(authorised=False))
    )
    return {
        "project": project,
        "uses": counts["uses"],
        "unauthorised": counts["unauthorised"],
        "income": income_this_half(user, project),
        "can_manage": can_record_duties(user, project.pk),
    }
