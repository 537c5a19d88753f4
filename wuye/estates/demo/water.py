"""Water tanks, sewers and septic tanks of the demo estates (clauses 4.6 and 4.7), with faults 21–22.

Every project has one or two tanks of its secondary water supply, in service since a year ago: a
laboratory of the league's CDC samples each one about every five months (the report arrives a week or
so later), and a contractor cleans and disinfects it about every five and a half months. Owners report
odour or discoloured water now and then; the staff handle it within hours. One pollution incident (a
tank's manhole found open) was reported to the health commission within the hour. Each served project's
sewers are checked every month and flushed every quarter since the current enterprise took over; the
older low-rise estates have septic tanks, emptied every quarter. The faults:

21. Turbid water (北梁新居): the test of the 1号生活水箱 sampled 18 days ago found 1.8 NTU (limit 1 NTU),
    and no retest yet.
22. Odour report handled late (锦绣华庭): an owner's report of odorous water 11 days ago at 19:40 was
    handled only 30 hours later (limit 24 h).

Records go in through ``bulk_append_evidence`` in the order the server would have received them; a
report opens its defect as ``open_report_defect`` does and is handled through ``fix_defect``.
"""

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from wuye.accounts.choices import Role
from wuye.accounts.models import Membership, User
from wuye.core.evidence import Channel, bulk_append_evidence
from wuye.enterprises.choices import PostKind
from wuye.estates.demo.build import bulk
from wuye.estates.demo.dates import shift
from wuye.estates.demo.plan import PROJECTS
from wuye.estates.demo.power import MINUTE, at, demo_now
from wuye.safety.actions import fix_defect
from wuye.safety.actions_water import open_report_defect
from wuye.safety.models import (
    DefectFix,
    PollutionIncident,
    PollutionReport,
    SepticEmptying,
    SepticTank,
    SewerCheck,
    SewerFlush,
    TankCleaning,
    WaterQualityReport,
    WaterTank,
    WaterTest,
)

DAY = datetime.timedelta(days=1)
HOUR = datetime.timedelta(hours=1)
# Tanks per project (key → [(name, kind, location, capacity m³, serves)]); towers have a roof tank too.
TANKS = {
    "yangguang": [("1号生活水箱", "pump_room", "小区泵房", "36.0", "全部住宅")],
    "jinxiu": [
        ("地下生活水池", "underground", "3号楼地下二层泵房", "180.0", "1–8号楼低区"),
        ("高区屋顶水箱", "roof", "7号楼屋顶", "18.0", "1–8号楼高区"),
    ],
    "gangcheng": [("生活水箱", "pump_room", "小区锅炉房旁泵房", "24.0", "全部住宅")],
    "beiliang": [
        ("1号生活水箱", "pump_room", "1号楼地下一层泵房", "48.0", "1–6号楼"),
        ("2号生活水箱", "pump_room", "地下车库B区泵房", "48.0", "7–12号楼"),
    ],
    "hexie": [("生活水箱", "pump_room", "5号楼地下一层泵房", "30.0", "全部住宅")],
    "qingcheng": [
        ("住宅生活水池", "underground", "2号楼地下二层", "150.0", "住宅"),
        ("商业生活水箱", "pump_room", "裙楼地下一层", "20.0", "商业裙楼"),
    ],
    "shuxiang": [("生活水箱", "pump_room", "地下车库泵房", "40.0", "全部住宅")],
    "yulong": [("生活水箱", "pump_room", "小区北门泵房", "20.0", "全部住宅")],
}
# The older low-rise estates drain to septic tanks (key → [(name, location, capacity m³)]).
SEPTIC_TANKS = {
    "yangguang": [("1号化粪池", "2号楼北侧绿地下", "60.0"), ("2号化粪池", "6号楼北侧", "60.0")],
    "gangcheng": [("化粪池", "小区东墙内侧", "80.0")],
    "hexie": [("化粪池", "3号楼西侧", "75.0")],
    "yulong": [("化粪池", "小区北门东侧", "50.0")],
}
# The league's CDC tests the water (name, CMA number of its accreditation certificate).
LABORATORIES = {
    "150100": ("呼和浩特市疾病预防控制中心", "150512050117"),
    "150200": ("包头市疾病预防控制中心", "150512050203"),
    "150400": ("赤峰市疾病预防控制中心", "160512050412"),
    "150600": ("鄂尔多斯市疾病预防控制中心", "160512050608"),
}
CITY = {"150100": "呼和浩特市", "150200": "包头市", "150400": "赤峰市", "150600": "鄂尔多斯市"}
TURBID = ("beiliang", 0, 18)  # (project, tank index, days ago)
TURBIDITY = Decimal("1.80")
LATE_REPORT = ("jinxiu", 11, 30)  # (project, days ago, hours until handled)
# Routine reports: (project, days ago, hour, complaint, what, hours until handled).
REPORTS = [
    ("yangguang", 200, 8, "colour", "早上放水时水发黄，放一会儿变清", 3),
    ("beiliang", 130, 18, "odour", "自来水有很重的漂白粉味", 5),
    ("qingcheng", 75, 10, "both", "水有铁锈味，颜色偏黄", 20),
    ("hexie", 40, 14, "colour", "热水器出水浑浊", 2),
]
POLLUTION = ("qingcheng", 120)  # (project, days ago): the 商业生活水箱's manhole found open
TESTED_EVERY, CLEANED_EVERY = 5, 5  # months, plus a few days either way (at most 6 months apart)


def build_water(region, seed: int) -> None:
    rng = random.Random(f"{seed}-water")
    now = demo_now(region.today)
    start = shift(region.today, months=-12)
    for plan in PROJECTS:
        project = region.projects[plan.key]
        user = water_account(region, plan.key, project)
        tanks = make_tanks(plan.key, project, start)
        septic_tanks = make_septic_tanks(plan.key, project, start)
        records = tank_records(rng, plan.key, tanks, now)
        records += sewer_records(rng, project, region.takeovers[plan.key], now)
        records += septic_records(rng, septic_tanks, now)
        records += reports_of(rng, plan.key, project, tanks, now)
        records += pollution_of(plan.key, project, tanks, now)
        append_in_order(records, user)
    region.faults += fault_lines(region)


def water_account(region, key, project):
    """The login of the project's plumber (or whoever keeps the water), who enters these records."""
    keeper = next(
        (
            region.staff[key, kind]
            for kind in (PostKind.PLUMBER, PostKind.MAINTENANCE, PostKind.ELECTRICIAN)
            if (key, kind) in region.staff
        ),
        None,
    )
    user = User.objects.create_user(f"{key}-water", password=None, full_name=keeper.name if keeper else "")
    Membership.objects.create(user=user, role=Role.STAFF, project=project)
    return user


def make_tanks(key, project, start):
    bulk(
        WaterTank,
        [
            WaterTank(
                project=project,
                name=name,
                kind=kind,
                location=location,
                capacity=Decimal(capacity),
                serves=serves,
                in_service_from=start,
            )
            for name, kind, location, capacity, serves in TANKS[key]
        ],
    )
    return list(WaterTank.objects.filter(project=project).select_related("project").order_by("pk"))


def make_septic_tanks(key, project, start):
    bulk(
        SepticTank,
        [
            SepticTank(
                project=project,
                name=name,
                location=location,
                capacity=Decimal(capacity),
                in_service_from=start,
            )
            for name, location, capacity in SEPTIC_TANKS.get(key, [])
        ],
    )
    return list(SepticTank.objects.filter(project=project).select_related("project").order_by("pk"))


# Each record is planned as (received, record, what to do after it is stored): in receipt order they go in.


def tank_records(rng, key, tanks, now):
    plans = []
    for index, tank in enumerate(tanks):
        league = tank.project.division_id[:4] + "00"
        laboratory, cma = LABORATORIES.get(league, LABORATORIES["150200"])
        city = CITY.get(league, "包头市")
        # The turbid sample is the tank's last: the regular test due about then was this one.
        fault_day = timezone.localdate(now) - TURBID[2] * DAY if (key, index) == TURBID[:2] else None
        day = tank.in_service_from + rng.randint(10, 25) * DAY
        while fault_day is None or day < fault_day - 5 * DAY:
            sampled = at(day, rng.randint(9, 10), rng.randint(0, 59))
            if sampled > now:
                break
            plans.append(lab_test(rng, tank, sampled, laboratory, cma, now))
            day = shift(day, months=TESTED_EVERY) + rng.randint(-10, 10) * DAY
        if fault_day is not None:
            plans.append(lab_test(rng, tank, at(fault_day, 9, 40), laboratory, cma, now, turbidity=TURBIDITY))
        day = tank.in_service_from + rng.randint(0, 8) * DAY
        while True:
            cleaned = at(day, rng.randint(8, 14), 0)
            if cleaned > now:
                break
            cleaning = TankCleaning(
                tank=tank,
                occurred_at=cleaned,
                contractor=f"{city}洁源水箱清洗消毒有限公司",
                disinfectant=rng.choice(["次氯酸钠", "二氧化氯"]),
                note="排空、清淤、冲洗，消毒后注水",
            )
            plans.append((min(cleaned + rng.randint(4, 7) * HOUR, now), cleaning, None))
            day = shift(day, months=CLEANED_EVERY) + rng.randint(0, 15) * DAY
    return plans


def lab_test(rng, tank, sampled, laboratory, cma, now, turbidity=None):
    test = WaterTest(
        tank=tank,
        occurred_at=sampled,
        laboratory=laboratory,
        laboratory_cma=cma,
        report_number=f"SZ{timezone.localtime(sampled):%Y%m}{rng.randint(100, 999)}",
        sample_point="水箱出水口",
        colour=Decimal(5),
        turbidity=turbidity or Decimal(rng.randint(15, 60)) / 100,
        odour_visible_matter=False,
        ph=Decimal(rng.randint(700, 790)) / 100,
        total_coliforms=False,
        total_bacteria=rng.randint(0, 40),
        residual_chlorine=Decimal(rng.randint(10, 45)) / 100,
    )
    # The report comes back a week or so later and is typed in the same day.
    return (min(sampled + rng.randint(6, 12) * DAY, now), test, None)


def sewer_records(rng, project, takeover, now):
    """A check each month and a flush each quarter since the takeover, none after ``now``."""
    plans = []
    today = timezone.localdate(now)
    month = takeover.replace(day=1)
    while month <= today:
        checked = at(month + rng.randint(2, 24) * DAY, rng.randint(9, 15), rng.randint(0, 59))
        if checked <= now:
            record = SewerCheck(project=project, occurred_at=checked, inspector="水暖班")
            plans.append((min(checked + rng.randint(10, 40) * MINUTE, now), record, None))
        month = shift(month, months=1)
    city = CITY.get(project.division_id[:4] + "00", "包头市")
    quarter = datetime.date(takeover.year, (takeover.month - 1) // 3 * 3 + 1, 1)
    while quarter <= today:
        day = day_within(rng, max(quarter, takeover), shift(quarter, months=3) - DAY, today)
        if day is not None:
            flushed = at(day, rng.randint(9, 14))
            record = SewerFlush(
                project=project,
                occurred_at=flushed,
                contractor=f"{city}畅通管道疏通有限公司",
                extent="小区排污主管道及全部检查井",
                note="高压水车冲洗，清出淤泥",
            )
            if flushed <= now:
                plans.append((min(flushed + rng.randint(2, 5) * HOUR, now), record, None))
        quarter = shift(quarter, months=3)
    return plans


def day_within(rng, first, last, today):
    """A day between ``first`` and ``last`` (inclusive), not after today; None when there is none."""
    last = min(last, today)
    if last < first:
        return None
    return first + rng.randint(0, (last - first).days) * DAY


def septic_records(rng, septic_tanks, now):
    plans = []
    today = timezone.localdate(now)
    for tank in septic_tanks:
        began = tank.in_service_from
        quarter = datetime.date(began.year, (began.month - 1) // 3 * 3 + 1, 1)
        while quarter <= today:
            day = day_within(rng, max(quarter, began), shift(quarter, months=3) - DAY, today)
            if day is not None:
                emptied = at(day, rng.randint(9, 15))
                if emptied <= now:
                    record = SepticEmptying(
                        septic_tank=tank,
                        occurred_at=emptied,
                        contractor="市环卫吸污车队",
                        volume=Decimal(rng.randint(300, 550)) / 10,
                    )
                    plans.append((min(emptied + rng.randint(1, 3) * HOUR, now), record, None))
            quarter = shift(quarter, months=3)
    return plans


def reports_of(rng, key, project, tanks, now):
    """The owners' reports of this project, each handled (a fix of its defect) some hours later."""
    today = timezone.localdate(now)
    plans = []
    wanted = [report for report in REPORTS if report[0] == key]
    if key == LATE_REPORT[0]:
        wanted.append((key, LATE_REPORT[1], 19, "odour", "自来水有一股臭味，烧开后还有", LATE_REPORT[2]))
    for _key, days, hour, complaint, what, hours in wanted:
        reported = at(today - days * DAY, hour, 40)
        report = WaterQualityReport(
            project=project,
            tank=tanks[0],
            occurred_at=reported,
            complaint=complaint,
            description=what,
            reporter=rng.choice(["王女士", "李先生", "张阿姨", "刘先生"]),
            place=f"{rng.randint(1, 8)}号楼{rng.randint(1, 3)}单元{rng.randint(1, 6)}0{rng.randint(1, 2)}",
        )
        handled = reported + hours * HOUR
        note = "已排放管道存水并冲洗水箱出水管，复查水质正常，已回复业主"
        plans.append((reported + rng.randint(5, 15) * MINUTE, report, ("handle", handled, note)))
    return plans


def pollution_of(key, project, tanks, now):
    if key != POLLUTION[0]:
        return []
    found = at(timezone.localdate(now) - POLLUTION[1] * DAY, 7, 50)
    incident = PollutionIncident(
        project=project,
        tank=tanks[-1],
        occurred_at=found,
        description="巡查发现商业生活水箱人孔盖被打开，水面有杂物",
        measures="立即停止该水箱供水，通知商户，封存水样，安排清洗消毒后复检",
    )
    report = PollutionReport(
        occurred_at=found + 35 * MINUTE, authority="新城区卫生健康委员会", received_by="卫生监督所值班人员"
    )
    return [(found + 20 * MINUTE, incident, ("report", report)), (found + 40 * MINUTE, report, None)]


def append_in_order(plans, user):
    """Append the records in the order they were received; a report opens its defect, handled later."""
    plans.sort(key=lambda plan: plan[0])
    pending = []  # (when received, ...) of fixes not yet appended, soonest first
    batch = []
    for received, record, after in plans:
        while pending and pending[0][0] <= received:
            batch = flush(batch, user)
            handle(user, *pending.pop(0))
        batch.append((record, received, after))
        if after and after[0] == "report":  # its report (received later) needs it stored first
            batch = flush(batch, user)
            after[1].incident = record
        if after and after[0] == "handle":
            pending = sorted(
                [*pending, (after[1] + 6 * MINUTE, record, after[1], after[2])], key=lambda p: p[0]
            )
    flush(batch, user)
    for fix in pending:
        handle(user, *fix)


def flush(batch, user):
    if not batch:
        return []
    bulk_append_evidence(
        [record for record, _r, _a in batch], user=user, channel=Channel.PHONE, now=[r for _x, r, _a in batch]
    )
    for record, _received, after in batch:
        if after and after[0] == "handle":
            record.defect = open_report_defect(record)
    return []


def handle(user, received, report, handled, note):
    fix_defect(
        user,
        DefectFix(defect=report.defect, occurred_at=handled, note=note),
        channel=Channel.PHONE,
        now=received,
    )


def fault_lines(region) -> list[str]:
    """The faults 21–22 in words, for seed_demo to print."""
    today = region.today
    turbid = today - TURBID[2] * DAY
    late = today - LATE_REPORT[1] * DAY
    tank = TANKS[TURBID[0]][TURBID[1]][0]
    return [
        f"水质超标：{region.projects[TURBID[0]].name}{tank}{turbid.month}月{turbid.day}日采样的水质检测浑浊度"
        f"{TURBIDITY} NTU，超过限值1 NTU，尚未复检。",
        f"水质反映逾期处理：{region.projects[LATE_REPORT[0]].name}业主{late.month}月{late.day}日19:40反映自来水有臭味，"
        f"{LATE_REPORT[2]}小时后才处理（时限24小时）。",
    ]
