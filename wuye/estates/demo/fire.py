"""Demo records of 4.3 fire equipment and passages; 4.4 lightning and flood protection, with faults 17–20.

Every project has its fire equipment in service since the first day of the month a year ago: an
extinguisher point per building (dry powder), CO₂ in the power room, water-based at the service centre,
two outdoor hydrants, emergency lighting; high-rise estates also the alarm, sprinkler and smoke-control
systems and the garage's fire door, and a fire control room where a fire-facility operator has a post.
The duty phone walks the extinguishers once a month and the rest on another day (a fault now and then,
photographed and repaired within days); the passages are walked every week (a car parked on one now and
then, moved within hours); the systems are tested in full once a year, lightning protection yearly (every
five months at the gas pressure station of a high-rise estate) and the flood equipment before the rains.
The faults:

17. Passage left blocked (和谐家园): the last weekly walk, at least two days ago, found the east fire lane
    blocked by a parked car; nobody recorded it cleared (the deadline is 24 h).
18. Extinguisher past its age (钢城小区): the water-based extinguishers of the basement were made six years
    and 45 days ago, still in use (scrapping age 6 years, GB 50444-2008 §5.4.3).
19. Missed monthly check (玉龙湾小区): the western outdoor hydrant was left out of the walk two months ago.
20. Lightning test overdue (锦绣华庭): the gas pressure station (explosion risk: every six months) was last
    tested more than seven months ago.

Records go in through ``bulk_append_evidence`` per walk, stamped at the time the duty phone sent them;
defects are opened by ``safety.actions_fire.open_fire_defect`` and fixed through ``fix_defect``. Photos and
reports are two small files stored once and shared by the records that need one.
"""

import datetime
import io
import random

from django.core.files.storage import default_storage
from django.utils import timezone

from wuye.accounts.choices import Role
from wuye.accounts.models import Membership, User
from wuye.compliance.parameters import param
from wuye.core.evidence import Channel, bulk_append_evidence
from wuye.enterprises.choices import PostKind
from wuye.enterprises.models import Post
from wuye.estates.demo.build import bulk
from wuye.estates.demo.dates import shift
from wuye.estates.demo.plan import PROJECTS
from wuye.estates.demo.power import MINUTE, at, demo_now
from wuye.estates.models import Building
from wuye.safety.actions import fix_defect
from wuye.safety.actions_fire import open_fire_defect
from wuye.safety.models import (
    DefectFix,
    FireEquipment,
    FireEquipmentCheck,
    FirePassage,
    FirePassageCheck,
    FireSystemTest,
    FloodCheck,
    FloodProtection,
    LightningProtection,
    LightningTest,
)

DAY = datetime.timedelta(days=1)
HOUR = datetime.timedelta(hours=1)
PHOTO = "evidence/demo/fire-photo.jpg"
REPORT = "evidence/demo/fire-report.pdf"
# The scrapping ages (GB 50444-2008 §5.4.3) the demo keeps clear of, but at fault 18.
AGES = {"water_based": 6, "dry_powder": 10, "clean_agent": 10, "co2": 12}
BLOCKED_PASSAGE = ("hexie", "东侧消防车道")
OLD_EXTINGUISHER = ("gangcheng", "地下室灭火器", 45)  # days past its age
MISSED_CHECK = ("yulong", "室外消火栓（西）", 2)  # months ago
LATE_LIGHTNING = ("jinxiu", "燃气调压站")
GAS_STATIONS = {"jinxiu", "qingcheng"}  # high-rise estates with a gas pressure regulating station
FAULTS = ["压力表指针在红区", "消火栓箱内水带缺失", "应急照明灯不亮", "防火门闭门器损坏", "喷淋末端压力不足"]
OBSTRUCTIONS = ["私家车占用", "堆放装修垃圾", "快递车辆临时停放", "电动车停放"]


def build_fire(region, seed: int) -> None:
    rng = random.Random(f"{seed}-fire")
    now = demo_now(region.today)
    start = shift(region.today, months=-12).replace(day=1)
    photo, report = demo_files()
    for plan in PROJECTS:
        project = region.projects[plan.key]
        guard = region.staff.get((plan.key, PostKind.SECURITY))
        inspector = guard.name if guard else "消防值班员"
        user = fire_account(plan.key, inspector, project)
        equipment = register_equipment(region, plan, project, start, rng)
        passages = bulk(
            FirePassage,
            [
                FirePassage(project=project, name=name, location=where, in_service_from=start)
                for name, where in (
                    ("东侧消防车道", "东门至3号楼"),
                    (
                        "地下车库疏散通道" if plan.elevators else "北侧消防车道",
                        "地下车库" if plan.elevators else "北门",
                    ),
                )
            ],
        )
        walks = monthly_walks(plan.key, equipment, start, now, inspector, photo, rng)
        walks += passage_walks(plan.key, passages, start, now, inspector, photo, rng)
        walks += yearly_tests(plan, project, equipment, start, now, report, rng)
        append_in_order(walks, user, rng)
    region.faults += fault_lines(region)


def demo_files():
    """A photo and a report, stored once; records point at them by name (their SHA-256 is computed)."""
    from PIL import Image

    if not default_storage.exists(PHOTO):
        image = io.BytesIO()
        Image.new("RGB", (96, 64), (178, 34, 34)).save(image, "JPEG", quality=70)
        default_storage.save(PHOTO, io.BytesIO(image.getvalue()))
    if not default_storage.exists(REPORT):
        default_storage.save(REPORT, io.BytesIO(MINIMAL_PDF))
    return PHOTO, REPORT


MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def fire_account(key, name, project):
    """The login of the fire duty phone (no password: the demo logins are for people)."""
    user = User.objects.create_user(f"{key}-fire", password=None, full_name=name)
    Membership.objects.create(user=user, role=Role.STAFF, project=project)
    return user


def produced(rng, kind, start, today):
    """A production date before the point went into service and at least two months clear of its age."""
    latest = start - 30 * DAY
    earliest = shift(today, years=-AGES[kind], days=60)
    return earliest + (latest - earliest) * rng.random() // DAY * DAY


def register_equipment(region, plan, project, start, rng):
    today = region.today
    rows = []

    def add(name, kind, location, **fields):
        rows.append(
            FireEquipment(
                project=project, name=name, kind=kind, location=location, in_service_from=start, **fields
            )
        )

    for building in Building.objects.filter(project=project).order_by("name"):
        add(
            f"{building.name}灭火器箱",
            "extinguisher",
            f"{building.name}各层楼梯间",
            extinguisher_type="dry_powder",
            production_date=produced(rng, "dry_powder", start, today),
            quantity=2 * rng.randint(2, 6),
        )
    add(
        "配电室灭火器",
        "extinguisher",
        "配电室",
        extinguisher_type="co2",
        production_date=produced(rng, "co2", start, today),
        quantity=2,
    )
    add(
        "物业服务中心灭火器",
        "extinguisher",
        "物业服务中心",
        extinguisher_type="water_based",
        production_date=produced(rng, "water_based", start, today),
        quantity=2,
    )
    if plan.key == OLD_EXTINGUISHER[0]:
        # FAULT 18: made six years and 45 days ago, never replaced.
        made = shift(today, years=-AGES["water_based"], days=-OLD_EXTINGUISHER[2])
        add(
            OLD_EXTINGUISHER[1],
            "extinguisher",
            "地下室",
            extinguisher_type="water_based",
            production_date=made,
            quantity=4,
        )
    add("室外消火栓（东）", "hydrant", "东门内侧")
    add("室外消火栓（西）", "hydrant", "西侧绿地")
    add("应急照明和疏散指示", "emergency_lighting", "各楼栋楼梯间")
    if plan.elevators:
        add("火灾自动报警系统", "alarm_system", "全区")
        add("自动喷水灭火系统", "sprinkler_system", "地下车库")
        add("防排烟系统", "smoke_control", "高层楼栋及地下车库")
        add("地下车库防火门", "fire_door", "地下车库各出入口", quantity=rng.randint(4, 8))
        # Only where enough fire-facility operators hold a post: clause 1.3 asks for two where there is one.
        operators = Post.objects.filter(project=project, kind=PostKind.FIRE_OPERATOR, end__isnull=True)
        if operators.count() >= param("1.3.key_posts_certified", "fire_operators_min", project.division_id):
            add("消防控制室", "control_room", "1号楼一层")
    return bulk(FireEquipment, rows)


def months_from(start, now):
    """The first day of each month from ``start`` up to the month of ``now``."""
    month, last = start, timezone.localdate(now).replace(day=1)
    while month <= last:
        yield month
        month = shift(month, months=1)


def monthly_walks(key, equipment, start, now, inspector, photo, rng):
    """Each month, one walk of the extinguishers and one of the rest; a fault found now and then."""
    fault_month = shift(start, months=rng.randint(1, 10))
    missed = shift(timezone.localdate(now).replace(day=1), months=-MISSED_CHECK[2])
    walks = []
    for month in months_from(start, now):
        for group in ("extinguisher", "other"):
            items = [e for e in equipment if (e.kind == "extinguisher") == (group == "extinguisher")]
            when = at(month.replace(day=rng.randint(3, 25)), rng.randint(9, 16), rng.randint(0, 59))
            if when > now - HOUR:
                continue  # this month's walk is still to come
            if (key, month) == (MISSED_CHECK[0], missed):
                items = [e for e in items if e.name != MISSED_CHECK[1]]  # FAULT 19: left out of the walk
            faulty = rng.choice(items) if month == fault_month and group == "other" else None
            records = [
                FireEquipmentCheck(
                    equipment=item,
                    occurred_at=when,
                    inspector=inspector,
                    result="faulty" if item is faulty else "ok",
                    problem=rng.choice(FAULTS) if item is faulty else "",
                    attachment=photo if item is faulty else "",
                )
                for item in items
            ]
            walks.append((when + rng.randint(3, 20) * MINUTE, records, rng.randint(1, 5) * DAY))
    return walks


def passage_walks(key, passages, start, now, inspector, photo, rng):
    """A walk of the passages every week; twice a year something is parked on one and moved within hours."""
    days = []
    day = start + rng.randint(0, 6) * DAY
    while at(day, 10) < now - 2 * HOUR:
        days.append(day)
        day += 7 * DAY
    if key == BLOCKED_PASSAGE[0]:
        # FAULT 17: the last walk at least two days ago found the lane blocked; nothing since.
        days = [d for d in days if d <= timezone.localdate(now) - 2 * DAY]
    routine = set(rng.sample(range(len(days) - 1), 2))
    walks = []
    for index, day in enumerate(days):
        when = at(day, 10, rng.randint(0, 40))
        fault = key == BLOCKED_PASSAGE[0] and index == len(days) - 1
        blocked = passages[rng.randrange(len(passages))] if index in routine else None
        records = []
        for passage in passages:
            stuck = (fault and passage.name == BLOCKED_PASSAGE[1]) or passage is blocked
            note = (
                "私家车长期占用，车主联系不上"
                if fault and stuck
                else rng.choice(OBSTRUCTIONS)
                if stuck
                else ""
            )
            records.append(
                FirePassageCheck(
                    passage=passage,
                    occurred_at=when,
                    inspector=inspector,
                    outcome="blocked" if stuck else "clear",
                    note=note,
                    attachment=photo if stuck else "",
                )
            )
        cleared = None if fault else rng.randint(1, 20) * HOUR
        walks.append((when + rng.randint(2, 10) * MINUTE, records, cleared))
    return walks


def append_in_order(walks, user, rng):
    """Every walk and test of a project as the phone sent them, in one go (chained in the order received);
    their problems open defects, each repaired ``fix_after`` later (None: left open)."""
    records = [record for _when, rows, _after in walks for record in rows]
    received = [when for when, rows, _after in walks for _record in rows]
    after = {id(record): fix_after for _when, rows, fix_after in walks for record in rows}
    bulk_append_evidence(records, user=user, channel=Channel.PHONE, now=received)
    fixes = []
    for record in records:
        defect = open_fire_defect(record)
        if defect is not None and after[id(record)] is not None:
            fixes.append((record.occurred_at + after[id(record)], defect))
    for pending in sorted(fixes, key=lambda row: row[0]):
        fix(user, *pending, rng)


def fix(user, when, defect, rng):
    note = (
        "已增设接地极，复测合格" if defect.check_id == "4.4.defect_fixed" else f"已处理：{defect.description}"
    )
    repaired = DefectFix(defect=defect, occurred_at=when, note=note)
    fix_defect(user, repaired, channel=Channel.PHONE, now=when + rng.randint(5, 30) * MINUTE)


def yearly_tests(plan, project, equipment, start, now, report, rng):
    """A full test of each system, a lightning test (every five months where hazardous), a flood check."""
    today = timezone.localdate(now)
    # A yearly duty done in this window is within a year of the first day and of now, whenever seeded.
    first, last = shift(today, months=-11), shift(start, months=11)

    def some_day():
        return at(first + rng.randint(0, (last - first).days) * DAY, rng.randint(9, 16))

    walks = []

    def test(record):
        # The report is typed in the same day; what failed is repaired within weeks.
        fix_after = rng.randint(10, 25) * DAY if record.result == "failed" else None
        walks.append((record.occurred_at + rng.randint(2, 6) * HOUR, [record], fix_after))

    for system in (e for e in equipment if e.is_full_tested):
        test(
            FireSystemTest(
                equipment=system,
                occurred_at=some_day(),
                tester="内蒙古安达消防技术服务有限公司",
                result="passed",
                report_number=f"XFJC-{rng.randint(10000, 99999)}",
                attachment=report,
            )
        )
    protections = [
        LightningProtection(
            project=project, name="建筑物防雷装置", location="各楼栋屋面及接地", in_service_from=start
        )
    ]
    protections.append(
        LightningProtection(
            project=project,
            name="配电室电涌保护器",
            kind="surge_protector",
            location="配电室",
            in_service_from=start,
        )
    )
    if plan.key in GAS_STATIONS:
        protections.append(
            LightningProtection(
                project=project,
                name="燃气调压站",
                kind="earthing",
                location="小区西北角",
                hazardous=True,
                in_service_from=start,
            )
        )
    failed = rng.randrange(len(protections)) if plan.key == "beiliang" else None
    for index, protection in enumerate(bulk(LightningProtection, protections)):
        if not protection.hazardous:
            bad = index == failed
            test(
                LightningTest(
                    protection=protection,
                    occurred_at=some_day(),
                    tester="包头市防雷检测中心"
                    if project.division_id.startswith("1502")
                    else "内蒙古自治区防雷检测中心",
                    result="failed" if bad else "passed",
                    problems="2号楼接地电阻 14Ω，超过 10Ω" if bad else "",
                    report_number=f"FL-{rng.randint(10000, 99999)}",
                    attachment=report,
                )
            )
            continue
        day = start + rng.randint(5, 20) * DAY
        stop = shift(today, months=-7) if plan.key == LATE_LIGHTNING[0] else today - DAY  # FAULT 20
        while day <= stop:
            test(
                LightningTest(
                    protection=protection,
                    occurred_at=at(day, 10),
                    tester="内蒙古自治区防雷检测中心",
                    result="passed",
                    report_number=f"FL-{rng.randint(10000, 99999)}",
                    attachment=report,
                )
            )
            day = shift(day, months=5)
    kinds = [("地下车库挡水板", "flood_barrier", "地下车库出入口")] if plan.elevators else []
    kinds += [("防汛沙袋", "sandbags", "物业仓库"), ("排水泵", "drainage_pump", "地下室集水坑")]
    flood = bulk(
        FloodProtection,
        [
            FloodProtection(project=project, name=n, kind=k, location=w, in_service_from=start)
            for n, k, w in kinds
        ],
    )
    for protection in flood:
        test(FloodCheck(protection=protection, occurred_at=some_day(), tester="维修班", result="passed"))
    return walks


def fault_lines(region) -> list[str]:
    """Faults 17–20 in words, for seed_demo to print."""

    def name(key):
        return region.projects[key].name

    return [
        f"消防通道占用未清除：{name(BLOCKED_PASSAGE[0])}{BLOCKED_PASSAGE[1]}被私家车占用，超过24小时未清除。",
        f"灭火器超过报废年限：{name(OLD_EXTINGUISHER[0])}{OLD_EXTINGUISHER[1]}（水基型）出厂已满6年，仍在使用。",
        f"消防设施漏检：{name(MISSED_CHECK[0])}{MISSED_CHECK[1]}{MISSED_CHECK[2]}个月前的月度检查漏检。",
        f"防雷检测超期：{name(LATE_LIGHTNING[0])}{LATE_LIGHTNING[1]}（有爆炸危险，每半年检测）已超过7个月未检测。",
    ]
