"""The power rooms card of a project's page (the page is the estates app's, which knows no safety)."""

from django import template
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from wuye.core.web import may_add
from wuye.estates.permissions import can_record_duties
from wuye.safety.models import Camera, CameraCheck, DutyShift, Entrance, PatrolRound, PatrolRoute, PowerRoom
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
    today = timezone.localdate()
    return {
        "project": project,
        "rooms": rooms,
        "today": today,
        "month_start": today.replace(day=1),
        "can_add": can_edit and may_add(user, PowerRoom, project=project),
        "can_record": can_record_duties(user, project.pk),
    }


@register.inclusion_tag("safety/_project_patrols.html", takes_context=True)
def patrols_card(context, project, can_edit=False):
    """Clause 4.1 on a project's page: who is on duty at each entrance now, routes' last complete
    round, cameras' last status; a few rows, three queries."""
    user = context["request"].user
    now = timezone.now()
    on_duty = DutyShift.objects.visible_to(user).filter(
        entrance=OuterRef("pk"), starts_at__lte=now, ends_at__gt=now
    )
    entrances = list(
        Entrance.objects.visible_to(user)
        .filter(project=project)
        .annotate(on_duty=Subquery(on_duty.order_by("starts_at").values("guard")[:1]))
        .order_by("name")
    )
    complete = (
        PatrolRound.objects.visible_to(user)
        .filter(route=OuterRef("pk"), completed_at__isnull=False)
        .order_by("-occurred_at")
    )
    routes = list(
        PatrolRoute.objects.visible_to(user)
        .filter(project=project)
        .annotate(last_complete=Subquery(complete.values("occurred_at")[:1]))
        .order_by("name")
    )
    last_check = (
        CameraCheck.objects.visible_to(user).filter(camera=OuterRef("pk")).order_by("-occurred_at", "-pk")
    )
    cameras = list(
        Camera.objects.visible_to(user)
        .filter(project=project)
        .annotate(last_working=Subquery(last_check.values("working")[:1]))
        .order_by("name")
    )
    return {
        "project": project,
        "entrances": entrances,
        "routes": routes,
        "cameras": cameras,
        "can_add": can_edit and may_add(user, Entrance, project=project),
        "can_record": can_record_duties(user, project.pk),
    }
