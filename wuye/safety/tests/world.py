"""Safety records in the two mirrored worlds of the personas: a power room, a round, the defect it found."""

import datetime

from django.utils import timezone

from wuye.safety.actions import record_power_round
from wuye.safety.models import Defect, PowerRoom, PowerRound

SUPPLIES = ["1#变压器", "2#变压器", "备用发电机"]
STATES = {"1#变压器": "running", "2#变压器": "running", "备用发电机": "standby"}


def add_power_rooms(world):
    """Give each side ``powerroom``, ``powerround`` (recorded by the operator an hour ago) and ``defect``."""
    now = timezone.now()
    for side in (world.inside, world.outside):
        side.powerroom = PowerRoom.objects.create(
            project=side.project,
            name="1号配电室",
            location="2号楼地下一层",
            supplies=SUPPLIES,
            in_service_from=timezone.localdate() - datetime.timedelta(days=30),
        )
        side.powerround = record_power_round(
            world.users["admin"],
            PowerRound(
                power_room=side.powerroom,
                occurred_at=now - datetime.timedelta(hours=1),
                inspector="王师傅",
                supply_states=STATES,
                problems="2#变压器温度偏高",
            ),
            channel="web",
            now=now - datetime.timedelta(minutes=58),
        )
        side.defect = Defect.objects.get(source=f"safety.powerround:{side.powerround.pk}")
    return world
