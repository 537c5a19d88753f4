"""Checks of the safety duties, one module per duty, registered with the compliance engine on import."""

# Issue 5: one module per duty, registered on import.
from wuye.safety.checks import elevators, fire, key_posts, plans, water  # noqa: E402, F401
from wuye.safety.checks.base import CalendarCheck, DefectOverdue, RollingCheck, serving_enterprise
from wuye.safety.checks.patrol import CameraOutage, EntranceUnstaffed, PatrolGap
from wuye.safety.checks.power import PowerDefectOverdue, PowerRoundGap

__all__ = [
    "CalendarCheck",
    "CameraOutage",
    "DefectOverdue",
    "EntranceUnstaffed",
    "PatrolGap",
    "PowerDefectOverdue",
    "PowerRoundGap",
    "RollingCheck",
    "serving_enterprise",
]
