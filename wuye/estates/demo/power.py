"""Power rooms of the demo estates and three months of hourly rounds (clause 4.8), with faults 5–8.

Every project has one or two power rooms, in service since the day their rounds begin (about three
months ago: a room in service earlier but without rounds would be one long gap, an accidental
finding). The duty electrician walks each room every hour, a few minutes past the hour, and enters
the round on the duty phone a few minutes later, so no two rounds are more than 69 minutes apart
(the limit is 1 h + 15 min) but where a fault says otherwise:

5. Night shift skipped (阳光花园): after the 02:10 round nobody came until 05:40, 19 days ago.
6. Holiday gap (锦绣华庭): on the last public holiday (or Sunday) in the window, three hours without
   a round in the afternoon.
7. Back-filled batch (北梁新居): the rounds of one night (22:00–03:00, 12 days ago) were typed in the
   next morning, hours late; flagged as back-filled, they do not count, so the night is a gap.
8. Defect left open (阳光花园): a fault found 9 days ago, never repaired or reported (deadline 24 h).

Routine problems found elsewhere are fixed within hours (not faults). Rounds go in through
``bulk_append_evidence`` (one chain lock per batch, hashes linked in memory), defects are opened by
``safety.actions.open_defect`` and fixed through ``safety.actions.fix_defect``, as the pages would.
The times come from their own generator, seeded from the demo's seed, so the rest of the region is
the same with or without them; they end at the moment of seeding (``now``).
"""

import datetime
import random
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from wuye.accounts.choices import Role
from wuye.accounts.models import Membership, User
from wuye.core.evidence import Channel, bulk_append_evidence
from wuye.enterprises.choices import PostKind
from wuye.enterprises.models import Staff
from wuye.estates.demo.dates import shift
from wuye.estates.demo.plan import PROJECTS
from wuye.safety.actions import fix_defect, open_defect
from wuye.safety.models import DefectFix, PowerRoom, PowerRound

HOUR = datetime.timedelta(hours=1)
MINUTE = datetime.timedelta(minutes=1)

# Rooms per project (key → [(name, location, supplies)]); two where there are high-rise towers.
ROOMS = {
    "yangguang": [("1号配电室", "2号楼北侧独立配电房", ["1#变压器", "2#变压器", "备用发电机"])],
    "jinxiu": [
        ("1号配电室", "3号楼地下一层", ["1#变压器", "2#变压器", "应急发电机"]),
        ("2号配电室", "7号楼地下一层", ["1#进线柜", "2#进线柜"]),
    ],
    "gangcheng": [("配电室", "小区东门南侧", ["1#变压器", "备用电源"])],
    "beiliang": [
        ("1号配电室", "1号楼地下一层", ["1#变压器", "2#变压器", "备用发电机"]),
        ("2号配电室", "地下车库B区", ["1#进线柜", "2#进线柜"]),
    ],
    "hexie": [("配电室", "5号楼地下一层", ["1#变压器", "2#变压器", "备用发电机"])],
    "qingcheng": [
        ("住宅配电室", "2号楼地下一层", ["1#变压器", "2#变压器", "应急发电机"]),
        ("商业配电室", "裙楼地下一层", ["1#变压器", "2#变压器"]),
    ],
    "shuxiang": [("配电室", "地下车库入口东侧", ["1#变压器", "2#变压器", "备用发电机"])],
    "yulong": [("配电室", "小区北门西侧", ["1#变压器", "备用电源"])],
}
NIGHT_SKIPPED = ("yangguang", 0, 19)  # (project, room index, days ago)
HOLIDAY_GAP = ("jinxiu", 0)
BACKFILLED_NIGHT = ("beiliang", 1, 12)
OPEN_DEFECT = ("yangguang", 0, 9)
OPEN_PROBLEM = "2#变压器温度偏高（78℃），冷却风机不转"
ROUTINE_PROBLEMS = [
    "1#低压柜电容补偿柜指示灯不亮",
    "配电室门锁损坏",
    "应急照明灯不亮",
    "2#进线柜电流表读数跳动",
    "排风扇异响",
    "绝缘垫破损一处",
]
# Fixed-date public holidays (元旦, 劳动节, 国庆节), month → (first, last day, name). Lunar ones move;
# a window without any of these gets its gap on a Sunday instead.
HOLIDAYS = {1: (1, 1, "元旦"), 5: (1, 5, "劳动节"), 10: (1, 7, "国庆节")}


@dataclass
class RoundPlan:
    """One round before it is a record: its hour, when it was done and received, and what it found."""

    slot: datetime.datetime
    occurred: datetime.datetime
    received: datetime.datetime
    problems: str = ""


@dataclass(frozen=True)
class FaultTimes:
    """When the deliberate faults happen, counted back from the day the demo is seeded."""

    skipped: datetime.datetime  # the 02:10 round after which nobody came until 05:40
    holiday: datetime.date
    holiday_name: str
    backfilled_night: datetime.datetime  # 22:00 of the night typed in the next morning
    open_defect: datetime.datetime


def demo_now(today: datetime.date) -> datetime.datetime:
    """The moment the rounds end: now when seeding for today, else 08:30 that day (tests, other dates)."""
    if today == timezone.localdate():
        return timezone.now()
    return timezone.make_aware(datetime.datetime.combine(today, datetime.time(8, 30)))


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def days_ago(today, days, hour, minute=0):
    return at(today - datetime.timedelta(days=days), hour, minute)


def holiday_in(first: datetime.date, last: datetime.date) -> tuple[datetime.date, str]:
    """The latest public holiday between two days, or failing that the latest Sunday (休息日)."""
    day = last
    while day >= first:
        month = HOLIDAYS.get(day.month)
        if month and month[0] <= day.day <= month[1]:
            return day, month[2]
        day -= datetime.timedelta(days=1)
    return last - datetime.timedelta(days=(last.weekday() + 1) % 7), "周日"


def fault_times(today: datetime.date, start: datetime.date) -> FaultTimes:
    holiday, name = holiday_in(start + datetime.timedelta(days=7), today - datetime.timedelta(days=3))
    return FaultTimes(
        skipped=days_ago(today, NIGHT_SKIPPED[2], 2, 10),
        holiday=holiday,
        holiday_name=name,
        backfilled_night=days_ago(today, BACKFILLED_NIGHT[2], 22),
        open_defect=days_ago(today, OPEN_DEFECT[2], 10),
    )


def build_power_rooms(region, seed: int) -> None:
    rng = random.Random(f"{seed}-power")
    now = demo_now(region.today)
    start = shift(region.today, months=-3)
    faults = fault_times(region.today, start)
    for plan in PROJECTS:
        project = region.projects[plan.key]
        electrician = region.staff[plan.key, PostKind.ELECTRICIAN]
        user = duty_account(plan.key, electrician, project)
        rooms = [
            PowerRoom.objects.create(
                project=project, name=name, location=location, supplies=supplies, in_service_from=start
            )
            for name, location, supplies in ROOMS[plan.key]
        ]
        plans = {room.pk: schedule(rng, (plan.key, i), start, now, faults) for i, room in enumerate(rooms)}
        record_rounds(rng, rooms, plans, electrician.name, user, now)
    region.faults += fault_lines(region, faults)


def duty_account(key, electrician: Staff, project):
    """The login of the duty phone: the electrician's account (no password: the demo logins are for people)."""
    user = User.objects.create_user(f"{key}-duty", password=None, full_name=electrician.name)
    Membership.objects.create(user=user, role=Role.STAFF, project=project)
    Staff.objects.filter(pk=electrician.pk).update(user=user)
    return user


def schedule(rng, room: tuple[str, int], start: datetime.date, now, faults: FaultTimes) -> list[RoundPlan]:
    """Every round of one room (project key, index), from its first midnight up to now, faults included."""
    routine = at(start + datetime.timedelta(days=rng.randint(10, 80)), rng.randint(8, 17))
    late_entry = faults.backfilled_night + datetime.timedelta(hours=11, minutes=rng.randint(5, 25))
    rounds, slot = [], at(start, 0)
    while slot <= now:
        occurred = slot + rng.randint(0, 9) * MINUTE  # a few minutes past the hour: at most 69 apart
        rounds.append(RoundPlan(slot, occurred, occurred + rng.randint(1, 6) * MINUTE))
        slot += HOUR
    if room == NIGHT_SKIPPED[:2]:
        rounds = skip_night(rounds, faults.skipped)
    if room == HOLIDAY_GAP:
        rounds = [r for r in rounds if not at(faults.holiday, 13) < r.slot < at(faults.holiday, 16)]
    for plan in rounds:
        if room == BACKFILLED_NIGHT[:2] and 0 <= (plan.slot - faults.backfilled_night) / HOUR <= 5:
            plan.received = late_entry + rng.randint(0, 8) * MINUTE
        if room == OPEN_DEFECT[:2] and plan.slot == faults.open_defect:
            plan.problems = OPEN_PROBLEM
        elif room[1] == 0 and room != OPEN_DEFECT[:2] and plan.slot == routine:
            plan.problems = ROUTINE_PROBLEMS[rng.randrange(len(ROUTINE_PROBLEMS))]
    rounds = [plan for plan in rounds if plan.occurred <= now]
    for plan in rounds:
        plan.received = min(plan.received, now)  # the last round of all is coming in just now
    return rounds


def skip_night(rounds, skipped):
    """The 02:00 round done at 02:10, nobody at 03:00 and 04:00, the 05:00 round done only at 05:40."""
    two = skipped - 10 * MINUTE
    for plan in rounds:
        if plan.slot in (two, two + 3 * HOUR):
            plan.occurred = skipped if plan.slot == two else skipped + 3.5 * HOUR
            plan.received = plan.occurred + 2 * MINUTE
    return [plan for plan in rounds if plan.slot not in (two + HOUR, two + 2 * HOUR)]


def fault_lines(region, faults: FaultTimes) -> list[str]:
    """The faults 5–8 in words, for seed_demo to print."""

    def room(fault):
        key, index = fault[:2]
        return f"{region.projects[key].name}{ROOMS[key][index][0]}"

    skipped, holiday, night = faults.skipped, faults.holiday, faults.backfilled_night
    found = timezone.localtime(faults.open_defect)
    return [
        f"配电室漏巡：{room(NIGHT_SKIPPED)}{skipped.month}月{skipped.day}日 02:10 至 05:40 无巡视记录（夜班漏巡）。",
        f"配电室漏巡：{room(HOLIDAY_GAP)}{holiday.month}月{holiday.day}日（{faults.holiday_name}）13时至16时无巡视记录。",
        f"巡视补录：{room(BACKFILLED_NIGHT)}{night.month}月{night.day}日22时至次日3时的巡视记录次日上午才补录，不计入巡视。",
        f"隐患逾期未处理：{room(OPEN_DEFECT)}{found.month}月{found.day}日发现的“{OPEN_PROBLEM}”超过24小时未处理。",
    ]


def record_rounds(rng, rooms, plans, inspector, user, now):
    """Rounds of one project's rooms in the order the server received them; defects opened and fixed."""
    rows = sorted(
        ((plan.received, room.pk, room, plan) for room in rooms for plan in plans[room.pk]),
        key=lambda row: row[:2],
    )
    states = {room.pk: typical_states(room.supplies) for room in rooms}
    batch, fixes = [], []  # rounds not yet appended; (when, round, note) of fixes to come, soonest first
    for received, _pk, room, plan in rows:
        while fixes and fixes[0][0] <= received:
            batch = flush(batch, user)
            fix(rng, user, *fixes.pop(0))
        power_round = PowerRound(
            power_room=room,
            occurred_at=plan.occurred,
            inspector=inspector,
            supply_states=states[room.pk],
            problems=plan.problems,
            **readings(rng, plan.occurred),
        )
        batch.append((power_round, received))
        fixed = received + rng.randint(120, 360) * MINUTE
        if plan.problems and plan.problems != OPEN_PROBLEM and fixed <= now:
            fixes = sorted([*fixes, (fixed, power_round, f"已处理：{plan.problems}，恢复正常。")], key=first)
    flush(batch, user)
    for pending in fixes:
        fix(rng, user, *pending)


def first(row):
    return row[0]


def flush(batch, user) -> list:
    """Append the rounds gathered so far in one go and open the defects their problems report."""
    if batch:
        records = [power_round for power_round, _received in batch]
        bulk_append_evidence(
            records, user=user, channel=Channel.PHONE, now=[received for _round, received in batch]
        )
        for power_round in records:
            power_round.defect = open_defect(power_round)
    return []


def fix(rng, user, when, power_round, note):
    """The electrician repairs what a round found and records it a few minutes after."""
    repaired = DefectFix(defect=power_round.defect, occurred_at=when - rng.randint(2, 9) * MINUTE, note=note)
    fix_defect(user, repaired, channel=Channel.PHONE, now=when)


def typical_states(supplies: list[str]) -> dict:
    """Transformers in service, the backup (generator, standby supply, second feeder) on standby."""
    backup = ("发电机", "备用", "2#进线")
    return {name: "standby" if any(word in name for word in backup) else "running" for name in supplies}


def readings(rng, when: datetime.datetime) -> dict:
    """Line voltage, load current following the day's load curve, room temperature by season."""
    local = timezone.localtime(when)
    evening = 1.0 if 18 <= local.hour <= 22 else 0.7 if 7 <= local.hour < 18 else 0.4
    summer = local.month in (6, 7, 8)
    return {
        "voltage": Decimal(rng.randint(3960, 4080)) / 10,
        "current": Decimal(int(rng.randint(2600, 4200) * evening)) / 10,
        "temperature": Decimal(rng.randint(220, 300) if summer else rng.randint(120, 220)) / 10,
    }
