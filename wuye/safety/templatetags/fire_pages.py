"""The card of clauses 4.3 and 4.4 on a project's page (the page is the estates app's, which knows no safety)."""

import datetime

from django import template
from django.db.models import Exists, Max, OuterRef
from django.utils import timezone

from wuye.compliance.duties import start_of_day
from wuye.core.web import may_add
from wuye.estates.permissions import can_record_duties
from wuye.safety.actions_fire import FIRE_DEFECT_CHECKS
from wuye.safety.choices_fire import FireEquipmentKind
from wuye.safety.models import (
    Defect,
    FireEquipment,
    FireEquipmentCheck,
    FirePassage,
    FirePassageCheck,
    FloodCheck,
    FloodProtection,
    LightningProtection,
    LightningTest,
)
from wuye.safety.queries_fire import ScrappingDays

register = template.Library()


@register.inclusion_tag("safety/fire/_project_card.html", takes_context=True)
def fire_card(context, project, can_edit=False):
    """Fire equipment checked this month, extinguishers past their age, passages and their open obstructions,
    the last lightning and flood tests, and every open defect of 4.3 and 4.4; a few queries whatever the size."""
    user = context["request"].user
    now = timezone.now()
    today = timezone.localdate(now)
    month_start = start_of_day(today.replace(day=1))
    checked = FireEquipmentCheck.objects.visible_to(user).filter(
        equipment=OuterRef("pk"), occurred_at__gte=month_start, occurred_at__lte=now
    )
    equipment = list(
        FireEquipment.objects.visible_to(user)
        .filter(project=project, active=True)
        .select_related("project")
        .annotate(checked=Exists(checked))
        .order_by()
    )
    scrapping = ScrappingDays(today)
    extinguishers = [item for item in equipment if item.kind == FireEquipmentKind.EXTINGUISHER]
    others = [item for item in equipment if item.kind != FireEquipmentKind.EXTINGUISHER]
    passages = FirePassage.objects.visible_to(user).filter(project=project, active=True)
    passage_checks = FirePassageCheck.objects.visible_to(user).filter(passage__project=project)
    lightning = LightningProtection.objects.visible_to(user).filter(project=project, active=True)
    flood = FloodProtection.objects.visible_to(user).filter(project=project, active=True)
    return {
        "project": project,
        "extinguishers": {
            "points": len(extinguishers),
            "units": sum(item.quantity for item in extinguishers),
            "checked": sum(item.checked for item in extinguishers),
            "past_age": [item for item in extinguishers if (scrapping(item) or datetime.date.max) <= today],
        },
        "others": {"count": len(others), "checked": sum(item.checked for item in others)},
        "control_room": any(item.kind == FireEquipmentKind.CONTROL_ROOM for item in others),
        "passages": passages.count(),
        "last_passage_check": passage_checks.aggregate(at=Max("occurred_at"))["at"],
        "lightning": lightning.count(),
        "last_lightning_test": LightningTest.objects.visible_to(user)
        .filter(protection__in=lightning)
        .aggregate(at=Max("occurred_at"))["at"],
        "flood": flood.count(),
        "last_flood_check": FloodCheck.objects.visible_to(user)
        .filter(protection__in=flood)
        .aggregate(at=Max("occurred_at"))["at"],
        "defects": Defect.objects.visible_to(user)
        .filter(project=project, check_id__in=FIRE_DEFECT_CHECKS, fixed_at__isnull=True)
        .order_by("deadline", "pk"),
        "now": now,
        "can_add": can_edit and may_add(user, FireEquipment, project=project),
        "can_record": can_record_duties(user, project.pk),
    }
