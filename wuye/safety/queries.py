"""Queries of the safety pages: a room's last round, its open defects, the states of a round's supplies
(the times a roster leaves uncovered: compliance/rosters.coverage_holes)."""

from django.db.models import CharField, OuterRef, Subquery, Value
from django.db.models.functions import Cast, Concat

from wuye.safety.choices import SupplyState
from wuye.safety.models import Defect, PowerRound

STATE_STYLE = {
    SupplyState.RUNNING: "success",
    SupplyState.STANDBY: "secondary",
    SupplyState.STOPPED: "danger",
}


def round_source(rounds):
    """The ``Defect.source`` of each round ("safety.powerround:12"), as a subquery of strings."""
    label = PowerRound._meta.label_lower
    return rounds.annotate(
        source_ref=Concat(Value(f"{label}:"), Cast("pk", CharField()), output_field=CharField())
    ).values("source_ref")


def open_defects(rooms, user):
    """Open defects the rounds of ``rooms`` (a queryset) reported, that ``user`` may see, oldest first."""
    reporting = PowerRound.objects.filter(power_room__in=rooms).exclude(problems="")
    return (
        Defect.objects.visible_to(user)
        .filter(fixed_at__isnull=True, source__in=round_source(reporting))
        .order_by("deadline", "pk")
    )


def last_round(room, user):
    return PowerRound.objects.visible_to(user).filter(power_room=room).order_by("-occurred_at", "-pk").first()


def last_round_at(user):
    """Per power room (``OuterRef("pk")``): when its latest round visible to ``user`` took place."""
    latest = PowerRound.objects.visible_to(user).filter(power_room=OuterRef("pk")).order_by("-occurred_at")
    return Subquery(latest.values("occurred_at")[:1])


def supply_rows(power_round, supplies):
    """[(supply, state label, Bootstrap colour)] in the room's order, for a round's badges."""
    rows = []
    for name in supplies:
        value = power_round.supply_states.get(name)
        state = SupplyState(value) if value in SupplyState.values else None
        rows.append((name, state.label if state else "—", STATE_STYLE.get(state, "light")))
    return rows
