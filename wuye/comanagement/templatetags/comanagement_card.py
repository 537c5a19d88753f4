"""The co-management card on a project's page (the page is the estates app's, which knows no comanagement)."""

from django import template
from django.db.models import Count, Q

from wuye.comanagement.choices_animals import PetKind
from wuye.comanagement.choices_construction import CaseStatus
from wuye.comanagement.models import ConstructionCase, Pet

register = template.Library()


@register.inclusion_tag("comanagement/_card.html", takes_context=True)
def comanagement_card(context, project):
    """The cases and pets the user sees: two queries."""
    user = context["request"].user
    cases = (
        ConstructionCase.objects.visible_to(user)
        .filter(project=project)
        .aggregate(cases=Count("pk"), open=Count("pk", filter=~Q(status=CaseStatus.CLOSED)))
    )
    pets = (
        Pet.objects.visible_to(user)
        .filter(project=project, gone_on__isnull=True)
        .aggregate(pets=Count("pk"), unregistered=Count("pk", filter=Q(kind=PetKind.DOG, licence_number="")))
    )
    return {"project": project, "counts": {**cases, **pets}}
