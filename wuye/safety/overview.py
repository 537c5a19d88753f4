"""The project safety overview: every asset's duties with their next due time, overdue ones first.

Each duty module answers ``due_items(project, now)`` (dues_<duty>.py) with one ``DueItem`` per asset
and duty, in a fixed number of queries per project whatever the number of assets (the last record of
each asset comes from a subquery, never a query per asset). This module puts them together and sorts
them: overdue, then due soon, then the rest by due time.
"""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

OVERDUE, SOON, OK, NONE = "overdue", "soon", "ok", "none"
STATE_LABELS = {OVERDUE: _("已逾期"), SOON: _("即将到期"), OK: _("正常"), NONE: _("无周期")}
STATE_ORDER = {OVERDUE: 0, SOON: 1, OK: 2, NONE: 3}


@dataclass
class DueItem:
    """One duty of one asset: when it was last done and when it is next due."""

    clause: str  # "4.2"
    kind: str  # what the asset is: "电梯", "灭火器"
    asset: str  # its name: "1号楼1号梯"
    duty: str  # "维护保养（15天）"
    last_done: datetime.datetime | None
    due: datetime.datetime | None  # None: no periodic duty (shown last)
    soon_before: datetime.timedelta = datetime.timedelta(days=3)  # amber from due - soon_before
    asset_url: str = ""  # the asset's page
    record_url: str = ""  # where to record the duty now
    note: str = ""  # e.g. "上次检验不合格"
    state_override: str = ""  # a source may force a state (an elevator in use after a failed inspection)

    def state(self, now: datetime.datetime) -> str:
        if self.state_override:
            return self.state_override
        if self.due is None:
            return NONE
        if self.due < now:
            return OVERDUE
        if self.due - self.soon_before <= now:
            return SOON
        return OK

    def state_label(self, now) -> str:
        return str(STATE_LABELS[self.state(now)])


def sources():
    from wuye.safety import dues, dues_elevators, dues_fire, dues_plans, dues_water

    return [dues, dues_elevators, dues_fire, dues_water, dues_plans]


def due_items(project, now) -> list[DueItem]:
    items = [item for source in sources() for item in source.due_items(project, now)]
    far = datetime.datetime.max.replace(tzinfo=datetime.UTC)
    items.sort(key=lambda item: (STATE_ORDER[item.state(now)], item.due or far, item.clause, item.asset))
    return items
