"""The safety duties' records: power rooms (4.8) and entrances, patrols and cameras (4.1)."""

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
from wuye.safety.models.power import Defect, DefectFix, PowerRoom, PowerRound

__all__ = [
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
