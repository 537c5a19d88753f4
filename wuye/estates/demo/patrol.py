"""Entrances, patrols and cameras of the demo estates (clause 4.1), two weeks of them, with faults 9–12.

Every project has one or two entrances staffed in three shifts (00–08, 08–16, 16–24) from two weeks
ago to a week ahead, a patrol route of four or five points walked every two hours (a round takes the
guard a few minutes per point), and cameras checked every morning. The faults:

9. Night patrol skipped (钢城花园): after the 00:00 round six nights ago, the next round began at 04:10.
10. Round left incomplete (玉龙湾): three days ago the 12:00 round missed a point, so it does not count:
    from 10:00 to 14:00 there was no complete round.
11. Entrance unstaffed (和谐家园): five days ago nobody was on the roster of the east gate 03:00–04:00.
12. Camera outage (青城壹号): a camera found faulty nine days ago was repaired only three days later.

Check-ins go in through ``bulk_append_evidence`` (chained and stamped at the time the server would have
received them); rounds are made as ``record_check_in`` makes them. A guard's phone also gives its
location: one check-in of 北梁新居 is 350 m from its point (flagged, not a finding).
"""

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from wuye.accounts.choices import Role
from wuye.accounts.models import Membership, User
from wuye.core.evidence import Channel, bulk_append_evidence
from wuye.enterprises.choices import PostKind
from wuye.enterprises.models import Staff
from wuye.estates.demo.build import bulk
from wuye.estates.demo.plan import PROJECTS
from wuye.estates.demo.power import MINUTE, at, demo_now
from wuye.safety.models import (
    Camera,
    CameraCheck,
    DutyShift,
    Entrance,
    PatrolCheckIn,
    PatrolPoint,
    PatrolRound,
    PatrolRoute,
)

DAYS = 14
AHEAD = 7  # days of roster planned after today
HOUR = datetime.timedelta(hours=1)
ENTRANCES = {"default": ["东门", "南门"], "small": ["大门"]}
SMALL = {"gangcheng", "yulong"}
POINTS = ["1号楼北侧", "3号楼东侧", "地下车库入口", "中心花园", "配电室外", "垃圾站"]
CAMERAS = ["东门车行道", "南门人行道", "地下车库B区", "中心花园"]
SKIPPED_NIGHT = ("gangcheng", 6)  # (project, days ago): no round 02:00, nor 04:00 until 04:10
INCOMPLETE_ROUND = ("yulong", 3)  # the 12:00 round misses a point
UNSTAFFED = ("hexie", "东门", 5)  # 03:00–04:00 off the roster
CAMERA_OUTAGE = ("qingcheng", "地下车库B区", 9, 3)  # faulty 9 days ago, repaired 3 days later
FAR_CHECK_IN = "beiliang"
# Where the demo estates are, roughly (a point's location is drawn around it): 包头 and 呼和浩特.
CENTRES = {
    "150100": (Decimal("40.842"), Decimal("111.749")),
    "150200": (Decimal("40.658"), Decimal("109.840")),
}


def build_patrols(region, seed: int) -> None:
    rng = random.Random(f"{seed}-patrol")
    now = demo_now(region.today)
    start = region.today - datetime.timedelta(days=DAYS)
    for plan in PROJECTS:
        project = region.projects[plan.key]
        guard = region.staff.get((plan.key, PostKind.SECURITY))
        user = gate_account(plan.key, guard, project)
        build_roster(region, plan.key, project, start, guard.name if guard else "值班员", rng)
        build_route(region, plan.key, project, start, now, user, rng)
        build_cameras(plan.key, project, start, now, user, rng)
    region.faults += fault_lines(region)


def gate_account(key, guard, project):
    """The login of the gate's duty phone, bound to the security guard (no password, like the power one)."""
    user = User.objects.create_user(f"{key}-gate", password=None, full_name=guard.name if guard else "")
    Membership.objects.create(user=user, role=Role.STAFF, project=project)
    if guard is not None and guard.user_id is None:
        Staff.objects.filter(pk=guard.pk).update(user=user)
    return user


def build_roster(region, key, project, start, guard_name, rng):
    names = ENTRANCES["small" if key in SMALL else "default"]
    entrances = [
        Entrance.objects.create(project=project, name=name, location=f"小区{name}", in_service_from=start)
        for name in names
    ]
    guards = [guard_name, *(f"{guard_name[0]}{suffix}" for suffix in ("师傅", "班长"))]
    shifts = []
    for entrance in entrances:
        day = start
        while day <= region.today + datetime.timedelta(days=AHEAD):
            for index, (begin, end) in enumerate(((0, 8), (8, 16), (16, 24))):
                starts, ends = at(day, begin), at(day, 0) + end * HOUR
                unstaffed_day = region.today - datetime.timedelta(days=UNSTAFFED[2])
                # The night guard came at 04:00 after the first guard left at 03:00.
                if (key, entrance.name) == UNSTAFFED[:2] and day == unstaffed_day and begin == 0:
                    shifts.append(
                        DutyShift(entrance=entrance, guard=guards[0], starts_at=starts, ends_at=at(day, 3))
                    )
                    shifts.append(
                        DutyShift(entrance=entrance, guard=guards[1], starts_at=at(day, 4), ends_at=ends)
                    )
                    continue
                shifts.append(
                    DutyShift(
                        entrance=entrance, guard=guards[index % len(guards)], starts_at=starts, ends_at=ends
                    )
                )
            day += datetime.timedelta(days=1)
    bulk(DutyShift, shifts)


def build_route(region, key, project, start, now, user, rng):
    route = PatrolRoute.objects.create(project=project, name="全区巡更", in_service_from=start)
    centre = CENTRES.get(project.division_id[:4] + "00", CENTRES["150200"])
    names = POINTS[: 4 + len(key) % 2]
    bulk(
        PatrolPoint,
        [
            PatrolPoint(
                route=route,
                name=name,
                order=index + 1,
                latitude=centre[0] + Decimal(rng.randint(-900, 900)) / 100000,
                longitude=centre[1] + Decimal(rng.randint(-900, 900)) / 100000,
            )
            for index, name in enumerate(names)
        ],
    )
    points = list(PatrolPoint.objects.filter(route=route).order_by("order"))
    rounds, check_ins, received = [], [], []
    far_done = False
    for visited, times in plan_rounds(rng, key, len(points), start, now, region.today):
        visits = [points[index] for index in visited]
        patrol_round = PatrolRound(
            route=route,
            occurred_at=times[0],
            completed_at=times[-1] if len(visits) == len(points) else None,
            points_total=len(points),
            points_done=len(visits),
        )
        rounds.append((patrol_round, visits, times))
    PatrolRound.objects.bulk_create([row[0] for row in rounds], batch_size=1000)
    for patrol_round, visits, times in rounds:
        for point, when in zip(visits, times, strict=True):
            latitude = point.latitude + Decimal(rng.randint(-20, 20)) / 100000
            longitude = point.longitude + Decimal(rng.randint(-20, 20)) / 100000
            if key == FAR_CHECK_IN and not far_done and when > now - datetime.timedelta(days=2):
                latitude, far_done = point.latitude + Decimal("0.00315"), True  # about 350 m north
            distance = point.distance_to(latitude, longitude)
            check_ins.append(
                PatrolCheckIn(
                    point=point,
                    patrol_round=patrol_round,
                    occurred_at=when,
                    key_version=point.key_version,
                    latitude=latitude,
                    longitude=longitude,
                    accuracy=rng.randint(5, 30),
                    distance=round(distance),
                    far_from_point=distance > 200,
                )
            )
            received.append(when)  # scanned online: the server's time is the check-in's time
    bulk_append_evidence(check_ins, user=user, channel=Channel.PHONE, now=received)


def plan_rounds(rng, key, count, start, now, today) -> list[tuple[list[int], list]]:
    """Every round of a route of ``count`` points from its first midnight to ``now``: (the indexes of the
    points visited, their check-in times). A round every two hours, begun up to 15 minutes past the hour,
    a few minutes per point; the round under way at ``now`` is one the guard began a little early, so it
    is done by now (the demo never ends in an accidental gap). Faults 9 and 10 are made here."""
    skipped_day = today - datetime.timedelta(days=SKIPPED_NIGHT[1])
    incomplete_day = today - datetime.timedelta(days=INCOMPLETE_ROUND[1])
    rounds, slot, last = [], at(start, 0), None
    while slot <= now:
        local = timezone.localtime(slot)
        began = slot + rng.randint(0, 15) * MINUTE
        if key == SKIPPED_NIGHT[0] and local.date() == skipped_day and local.hour in (2, 4):
            if local.hour == 2:
                slot += 2 * HOUR
                continue
            began = slot + 10 * MINUTE
        visited = list(range(count))
        if key == INCOMPLETE_ROUND[0] and local.date() == incomplete_day and local.hour == 12:
            visited = visited[:-1]
        times = [began]
        for _point in visited[1:]:
            times.append(times[-1] + rng.randint(4, 8) * MINUTE)
        if times[-1] > now:
            early = times[-1] - now
            if last is not None and times[0] - early <= last:
                break
            times = [moment - early for moment in times]
        rounds.append((visited, times))
        last = times[-1]
        slot += 2 * HOUR
    return rounds


def build_cameras(key, project, start, now, user, rng):
    cameras = [
        Camera.objects.create(project=project, name=name, location=name, in_service_from=start)
        for name in CAMERAS[: 3 + len(key) % 2]
    ]
    outage = None
    if key == CAMERA_OUTAGE[0]:
        outage = next(camera for camera in cameras if camera.name == CAMERA_OUTAGE[1])
    checks, received = [], []
    day = start
    while at(day, 9) <= now:
        when = at(day, 9) + rng.randint(0, 20) * MINUTE
        ago = (timezone.localdate(now) - day).days
        for camera in cameras:
            broken = camera == outage and CAMERA_OUTAGE[2] >= ago > CAMERA_OUTAGE[2] - CAMERA_OUTAGE[3]
            note = "画面黑屏，录像中断" if broken else ""
            checks.append(CameraCheck(camera=camera, working=not broken, note=note, occurred_at=when))
            received.append(when + rng.randint(1, 5) * MINUTE)
        day += datetime.timedelta(days=1)
    if checks:
        bulk_append_evidence(checks, user=user, channel=Channel.PHONE, now=received)


def fault_lines(region) -> list[str]:
    def day(ago):
        d = region.today - datetime.timedelta(days=ago)
        return f"{d.month}月{d.day}日"

    return [
        f"夜间漏巡：{region.projects[SKIPPED_NIGHT[0]].name}{day(SKIPPED_NIGHT[1])} 0时一轮巡更后直到4时10分才再巡更。",
        f"巡更不完整：{region.projects[INCOMPLETE_ROUND[0]].name}{day(INCOMPLETE_ROUND[1])} 12时一轮漏巡一个点位，10时至14时无完整巡更。",
        f"门岗无人值班：{region.projects[UNSTAFFED[0]].name}{UNSTAFFED[1]}{day(UNSTAFFED[2])} 3时至4时排班表上无人值班。",
        f"监控故障超时：{region.projects[CAMERA_OUTAGE[0]].name}{CAMERA_OUTAGE[1]}摄像机{day(CAMERA_OUTAGE[2])}起故障，3天后才修复。",
    ]
