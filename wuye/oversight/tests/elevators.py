"""An elevator on each side of the personas' worlds, maintained on given days (records by the operator)."""

import datetime

from wuye.safety.models import Elevator
from wuye.safety.tests.elevator_records import maintain


def maintained_on_both_sides(world, *visits):
    """``visits``: (occurred_at, recorded_at or None) pairs, the same on each side."""
    for number, side in enumerate((world.inside, world.outside)):
        elevator = Elevator.objects.create(
            project=side.project,
            building=side.building,
            name="1号梯",
            registration_code=f"梯11蒙B0123{number}(26)",
            maker="通力电梯有限公司",
            in_service_from=datetime.date(2026, 3, 1),
        )
        for occurred, recorded in visits:
            maintain(world, elevator, occurred, user="admin", now=recorded)
    return world
