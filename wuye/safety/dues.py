"""Next due times of the duties of issue 4: power rooms (4.8) and patrol routes (4.1)."""

from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _

from wuye.compliance.duties import start_of_day
from wuye.compliance.parameters import param
from wuye.safety.models import PatrolRound, PatrolRoute, PowerRoom, PowerRound
from wuye.safety.overview import DueItem


def due_items(project, now):
    division = project.division_id
    today = now.date()
    items = []
    limit = param("4.8.round_gap", "period", division, today) + param(
        "4.8.round_gap", "grace", division, today
    )
    last_round = PowerRound.objects.filter(power_room=OuterRef("pk"), occurred_at__lte=now).order_by(
        "-occurred_at"
    )
    rooms = PowerRoom.objects.filter(project=project, active=True).annotate(
        last_at=Subquery(last_round.values("occurred_at")[:1])
    )
    for room in rooms:
        since = room.last_at or start_of_day(room.in_service_from)
        items.append(
            DueItem(
                clause="4.8",
                kind=_("配电室"),
                asset=room.name,
                duty=_("巡视"),
                last_done=room.last_at,
                due=since + limit,
                soon_before=limit / 4,
                asset_url=reverse("power-room-detail", args=[room.pk]),
                record_url=reverse("power-round-create", args=[room.pk]),
            )
        )
    limit = param("4.1.patrol_gap", "period", division, today) + param(
        "4.1.patrol_gap", "grace", division, today
    )
    last_patrol = PatrolRound.objects.filter(
        route=OuterRef("pk"), completed_at__isnull=False, occurred_at__lte=now
    ).order_by("-occurred_at")
    routes = PatrolRoute.objects.filter(project=project, active=True).annotate(
        last_at=Subquery(last_patrol.values("occurred_at")[:1])
    )
    for route in routes:
        since = route.last_at or start_of_day(route.in_service_from)
        items.append(
            DueItem(
                clause="4.1",
                kind=_("巡更路线"),
                asset=route.name,
                duty=_("完整巡更"),
                last_done=route.last_at,
                due=since + limit,
                soon_before=limit / 4,
                asset_url=reverse("patrol-route-detail", args=[route.pk]),
            )
        )
    return items
