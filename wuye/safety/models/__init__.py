"""The safety duties' records: power rooms (4.8) and entrances, patrols and cameras (4.1)."""

# Issue 5: one module per duty; each lists its models in its __all__.
from wuye.safety.models.assets import ProjectAsset  # noqa: E402
from wuye.safety.models.elevators import *  # noqa: E402, F403
from wuye.safety.models.fire import *  # noqa: E402, F403
from wuye.safety.models.patrol import (
    Camera,
    CameraCheck,
    DutyShift,
    Entrance,
    PatrolCheckIn,
    PatrolPoint,
    PatrolRound,
    PatrolRoute,
)
from wuye.safety.models.plans import *  # noqa: E402, F403
from wuye.safety.models.power import Defect, DefectFix, PowerRoom, PowerRound
from wuye.safety.models.water import *  # noqa: E402, F403

__all__ = [  # noqa: F405
    "ProjectAsset",
    "Camera",
    "CameraCheck",
    "Defect",
    "DefectFix",
    "DutyShift",
    "Entrance",
    "PatrolCheckIn",
    "PatrolPoint",
    "PatrolRoute",
    "PatrolRound",
    "PowerRoom",
    "PowerRound",
]
