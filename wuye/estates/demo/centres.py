"""Offices and service centres of the demo (clauses 1.2 and 3.3), with the centre rosters and three faults.

Every enterprise has its fixed office since it was founded; every project a service centre (an address,
hours, a 24-hour phone) staffed in three shifts (00–08, 08–16, 16–24) from two weeks ago to a week
ahead. The faults:

13. No service centre (锦绣): the project has none (1.2.service_centre).
14. No 24-hour phone (北梁): its centre publishes no service phone (3.3.phone_published).
15. Nights uncovered (书香): a week ago, for seven nights running, nobody was on the centre's roster
    00:00–08:00 (3.3.duty_roster: seven holes, each from–to).

Owners joining: the first building of 阳光花园 has its invitation sheet printed by the demo staff login;
``seed_demo`` prints a few of those codes (made from the seed, so the same every time) to try /join/.
"""

import datetime
import random

from wuye.accounts.actions_joining import issue_codes
from wuye.accounts.models import User
from wuye.estates.demo.build import bulk
from wuye.estates.demo.names import landline
from wuye.estates.demo.plan import PROJECTS, TRUNK_CODES
from wuye.estates.demo.power import at
from wuye.servicedesk.models import CentreShift, Office, ServiceCentre

DAYS = 14  # the roster runs from this many days ago (the centre's first day) ...
AHEAD = 7  # ... to this many days after today
NO_CENTRE = "jinxiu"
NO_PHONE = "beiliang"
NIGHTS_UNCOVERED = ("shuxiang", 7, 7)  # (project, from days ago, nights): 00–08 off the roster
SHIFTS = ((0, 8), (8, 16), (16, 24))
ATTENDANTS = ["客服甲", "客服乙", "客服丙"]


def build_centres(region, seed: int) -> None:
    rng = random.Random(f"{seed}-centres")
    bulk(
        Office,
        [
            Office(
                enterprise=enterprise,
                address=enterprise.address,
                phone=enterprise.service_phone,
                since=region.founded[key],
            )
            for key, enterprise in region.enterprises.items()
        ],
    )
    opened = region.today - datetime.timedelta(days=DAYS)
    shifts = []
    for plan in PROJECTS:
        if plan.key == NO_CENTRE:
            continue
        project = region.projects[plan.key]
        league = project.division_id[:4] + "00"
        centre = ServiceCentre(
            project=project,
            address=f"{project.name}1号楼一层东侧",
            opening_hours="每日 8:00–18:00（夜间值班）",
            service_phone="" if plan.key == NO_PHONE else landline(rng, TRUNK_CODES.get(league, "0472")),
            opened_on=opened,
        )
        centre._change_reason = "演示数据"
        centre.save()
        shifts += roster(region, plan.key, centre, opened)
    bulk(CentreShift, shifts)
    region.faults += fault_lines(region)
    print_invitations(region, rng)


def print_invitations(region, rng) -> None:
    """The invitation sheet of 阳光花园's first building, printed by the demo staff login."""
    project = region.projects["yangguang"]
    building = project.buildings.order_by("name").first()
    households = building.households.filter(owners__user__isnull=True).distinct().order_by("unit", "number")
    issued = issue_codes(User.objects.get(username="demo-staff"), households, rng=rng)
    region.invitations = [(f"{project.name} {slip.household}", slip.code) for slip in issued]


def roster(region, key, centre, opened) -> list:
    first_night = region.today - datetime.timedelta(days=NIGHTS_UNCOVERED[1])
    uncovered = {first_night + datetime.timedelta(days=n) for n in range(NIGHTS_UNCOVERED[2])}
    shifts, day = [], opened
    while day <= region.today + datetime.timedelta(days=AHEAD):
        for index, (begin, end) in enumerate(SHIFTS):
            if key == NIGHTS_UNCOVERED[0] and begin == 0 and day in uncovered:
                continue
            shifts.append(
                CentreShift(
                    centre=centre,
                    attendant=ATTENDANTS[(index + day.toordinal()) % len(ATTENDANTS)],
                    starts_at=at(day, begin),
                    ends_at=at(day, 0) + datetime.timedelta(hours=end),
                )
            )
        day += datetime.timedelta(days=1)
    return shifts


def fault_lines(region) -> list[str]:
    first = region.today - datetime.timedelta(days=NIGHTS_UNCOVERED[1])
    return [
        f"无客户服务中心：{region.projects[NO_CENTRE].name}未设客户服务中心。",
        f"未公示服务电话：{region.projects[NO_PHONE].name}客户服务中心没有24小时服务电话。",
        f"客服中心夜间无人值班：{region.projects[NIGHTS_UNCOVERED[0]].name}自{first.month}月{first.day}日起"
        f"连续{NIGHTS_UNCOVERED[2]}晚 0时至8时排班表上无人值班。",
    ]
