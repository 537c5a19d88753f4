"""Records of oversight: one module per part (credit lists and publication, rectification orders, reminders)."""

from wuye.oversight.models.dashboard import DivisionStat  # noqa: F401
