"""The parking card on a project's page (the page is the estates app's, which knows no finance)."""

from django import template
from django.db.models import Count, Q

from wuye.finance.choices_parking import SpaceLevel
from wuye.finance.forms_parking import leased_now
from wuye.finance.models import ParkingSpace

register = template.Library()


@register.inclusion_tag("finance/parking/_card.html", takes_context=True)
def parking_card(context, project):
    """How many spaces above and under ground the user sees, and how many above are let now: one query."""
    above = Q(level=SpaceLevel.ABOVE_GROUND)
    counts = (
        ParkingSpace.objects.visible_to(context["request"].user)
        .filter(project=project)
        .annotate(leased_now=leased_now())
        .aggregate(
            above=Count("pk", filter=above),
            under=Count("pk", filter=Q(level=SpaceLevel.UNDER_GROUND)),
            leased=Count("pk", filter=above & Q(leased_now=True)),
        )
    )
    return {"project": project, "counts": counts}
