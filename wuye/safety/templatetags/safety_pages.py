"""The power rooms card of a project's page (the page is the estates app's, which knows no safety)."""

from django import template

from wuye.core.web import may_add
from wuye.estates.permissions import can_record_duties
from wuye.safety.models import PowerRoom
from wuye.safety.queries import last_round_at, open_defects

register = template.Library()


@register.inclusion_tag("safety/_project_power_rooms.html", takes_context=True)
def power_rooms_card(context, project, can_edit=False):
    user = context["request"].user
    rooms = list(
        PowerRoom.objects.visible_to(user)
        .filter(project=project)
        .annotate(last_round_at=last_round_at(user))
        .order_by("name")
    )
    for room in rooms:  # one or two rooms a project
        room.open_defects = open_defects(PowerRoom.objects.filter(pk=room.pk), user).count()
    return {
        "project": project,
        "rooms": rooms,
        "can_add": can_edit and may_add(user, PowerRoom, project=project),
        "can_record": can_record_duties(user, project.pk),
    }
