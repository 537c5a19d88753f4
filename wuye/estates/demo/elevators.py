"""Elevators of the demo estates with the high-rise buildings (clause 4.2) and a year of records, with
faults 13–15.

Every building of an estate with elevators has one (two from 18 floors up), registered, maintained by
the league's maintenance company. Their duties are checked from a year ago (``in_service_from``): the
periodic inspection passed that day and was renewed a few weeks before each certificate ran out; a
maintenance visit every 14 days (a few hours either way, never 15 days apart); a photo of the labels
within the first weeks and again after each renewal; a few breakdowns, rescuers there within 25 minutes.
The records go in through ``bulk_append_evidence``, received as the phone would have sent them (visits
within the hour, inspection reports a day or three later), so nothing is back-filled. The faults:

13. Inspection lapsed (和谐家园): the certificate of the second elevator ran out 20 days ago; no new
    inspection.
14. Maintenance gap (锦绣华庭): about four months ago the first elevator went 20 days without a visit.
15. Slow rescue (书香苑): two months ago, two people trapped, the rescuers came after 42 minutes (a city
    district: 30 minutes allowed).
"""

import datetime
import io
import random

from django.core.files.base import ContentFile
from django.utils import timezone

from wuye.accounts.choices import Role
from wuye.accounts.models import Membership, User
from wuye.core.dates import add_months
from wuye.core.evidence import Channel, bulk_append_evidence
from wuye.enterprises.choices import PostKind
from wuye.enterprises.models import Staff
from wuye.estates.demo.dates import shift
from wuye.estates.demo.plan import PROJECTS
from wuye.estates.demo.power import MINUTE, at, demo_now
from wuye.estates.models import Building
from wuye.safety.models import Breakdown, Elevator, ElevatorInspection, ElevatorLabelCheck, MaintenanceVisit

DAY = datetime.timedelta(days=1)
LAPSED = ("hexie", 1, 20)  # (project, elevator, days since its certificate ran out)
MAINTENANCE_GAP = ("jinxiu", 0, 120, 20)  # (project, elevator, days ago the gap began, its days)
SLOW_RESCUE = ("shuxiang", 0, 60, 42)  # (project, elevator, days ago, minutes to arrive)
# Per league/city: its letter in registration numbers, the maintenance company and its licence, its
# technicians, and the branch of the regional inspection institute.
LEAGUES = {
    "150100": ("A", "内蒙古青城电梯安装维修有限公司", "TS3315011-2028", ["赵志刚", "孙宏伟"], "呼和浩特分院"),
    "150200": ("B", "包头市安达电梯工程有限公司", "TS3315002-2027", ["张建军", "王海涛"], "包头分院"),
    "150600": ("K", "鄂尔多斯市鑫源电梯服务有限公司", "TS3315020-2027", ["刘振华", "高俊峰"], "鄂尔多斯分院"),
}
MAKERS = [
    ("通力电梯有限公司", "MonoSpace 500"),
    ("日立电梯（中国）有限公司", "HGP-1000"),
    ("上海三菱电梯有限公司", "LEHY-III"),
    ("奥的斯电梯（中国）有限公司", "GeN2-MRL"),
]
ITEMS = {
    "half_monthly": "机房环境、手动紧急操作装置、制动器、编码器、限速器润滑、层门和轿门旁路装置、紧急电动运行、"
    "轿厢照明风扇、层站召唤和楼层显示",
    "quarterly": "半月项目；减速机润滑油、制动衬、曳引轮槽和悬挂装置、限速器钢丝绳、靴衬滚轮、轿门电气安全装置",
    "half_yearly": "季度项目；电动机与减速机联轴器、导向轮轴承、上行超速保护装置、井道照明、轿厢称重装置",
    "yearly": "半年项目；控制柜触点、制动器铁芯、绝缘测试、限速器安全钳联动试验、导轨支架、缓冲器",
}
MINOR_PROBLEMS = [
    "层门门锁触点氧化，已清洁",
    "轿厢照明灯管闪烁，已更换",
    "对讲机杂音，已调整",
    "导靴磨损，已更换",
]
CAUSES = ["停电", "层门门锁回路断开", "安全回路故障", "变频器过流保护", "轿门光幕故障", "乘客扒门"]


def build_elevators(region, seed: int) -> None:
    rng = random.Random(f"{seed}-elevators")
    now = demo_now(region.today)
    start = shift(region.today, years=-1)
    photo = label_photo()
    serials = iter(rng.sample(range(1000, 99999), 200))
    gaps = []  # where fault 14 fell: (its first day, its last)
    for plan in PROJECTS:
        if not plan.elevators:
            continue
        project = region.projects[plan.key]
        league = project.division_id[:4] + "00"
        user = safety_account(plan.key, region.staff.get((plan.key, PostKind.ELEVATOR_SAFETY)), project)
        elevators = register(project, league, start, rng, serials)
        records, received = [], []
        for index, elevator in enumerate(elevators):
            fault = (plan.key, index)
            records_of = elevator_records(elevator, fault, league, start, now, region.today, rng, photo, gaps)
            for record, when in records_of:
                records.append(record)
                received.append(min(when, now))
        bulk_append_evidence(records, user=user, channel=Channel.PHONE, now=received)
    region.faults += fault_lines(region, gaps)


def safety_account(key, manager, project):
    """The login of the elevator safety manager (no password, like the duty phones)."""
    user = User.objects.create_user(
        f"{key}-elevator", password=None, full_name=manager.name if manager else ""
    )
    Membership.objects.create(user=user, role=Role.STAFF, project=project)
    if manager is not None and manager.user_id is None:
        Staff.objects.filter(pk=manager.pk).update(user=user)
    return user


def register(project, league, start, rng, serials) -> list[Elevator]:
    letter, company, licence, _technicians, _branch = LEAGUES[league]
    maker, model = MAKERS[rng.randrange(len(MAKERS))]
    elevators = []
    for building in Building.objects.filter(project=project, has_elevator=True).order_by("name"):
        for number in range(1, (3 if building.floors >= 18 else 2)):
            elevators.append(
                Elevator(
                    project=project,
                    building=building,
                    name=f"{building.name}{number}号梯",
                    location=f"{building.name}{number}单元",
                    registration_code=f"梯11蒙{letter}{next(serials):05d}({rng.randint(12, 22)})",
                    maker=maker,
                    model_number=model,
                    serial_number=f"{rng.randint(10**7, 10**8 - 1)}",
                    rated_load=rng.choice([800, 1000, 1050]),
                    stops=building.floors + 1,  # and the basement
                    maintenance_company=company,
                    maintenance_licence_number=licence,
                    maintenance_licence_valid_until=shift(start, years=2, months=rng.randint(1, 18)),
                    rescue_phone=f"0{rng.randint(471, 477)}-{rng.randint(2000000, 8999999)}",
                    in_service_from=start,
                )
            )
    for elevator in elevators:
        elevator.full_clean()
        elevator._change_reason = "演示数据"
        elevator.save()
    return elevators


def elevator_records(elevator, fault, league, start, now, today, rng, photo, gaps):
    """(record, when the server received it) of one elevator, faults included."""
    yield from inspections(elevator, fault, league, start, now, today, rng, photo)
    yield from visits(elevator, fault, league, start, now, today, rng, gaps)
    yield from breakdowns(elevator, fault, start, today, rng)


def inspections(elevator, fault, league, start, now, today, rng, photo):
    """Passed on its first day; renewed 5–25 days before the certificate ran out; labels photographed
    in the first weeks and after the renewal (the new inspection mark posted)."""
    body = f"内蒙古自治区特种设备检验研究院{LEAGUES[league][4]}"
    valid_until = start + rng.randint(240, 364) * DAY
    if fault == LAPSED[:2]:
        valid_until = today - LAPSED[2] * DAY  # FAULT 13: not inspected again
    first = at(start, 10, rng.randint(0, 50))
    yield inspection(elevator, first, body, "pass", valid_until, rng), first + rng.randint(1, 3) * DAY
    shot = at(start + rng.randint(1, 20) * DAY, 10, rng.randint(0, 59))
    yield label_check(elevator, shot, photo), shot + 5 * MINUTE
    renewed = at(valid_until - rng.randint(5, 25) * DAY, 10, rng.randint(0, 50))
    if fault == LAPSED[:2] or renewed > now:
        return
    result = "pass_after_rectification" if rng.random() < 0.15 else "pass"
    next_until = add_months(renewed.date(), 12) - rng.randint(0, 10) * DAY
    yield inspection(elevator, renewed, body, result, next_until, rng), renewed + rng.randint(1, 3) * DAY
    shot = at(renewed.date() + rng.randint(1, 5) * DAY, 10, rng.randint(0, 59))
    if shot <= now - datetime.timedelta(hours=1):
        yield label_check(elevator, shot, photo), shot + 5 * MINUTE


def inspection(elevator, when, body, result, valid_until, rng):
    return ElevatorInspection(
        elevator=elevator,
        occurred_at=when,
        inspection_body=body,
        result=result,
        valid_until=valid_until,
        report_number=f"DT{when:%Y}-{rng.randint(1, 9999):04d}",
        note="限速器动作速度校验合格；曳引绳磨损已整改" if result != "pass" else "",
    )


def label_check(elevator, when, photo):
    return ElevatorLabelCheck(
        elevator=elevator,
        occurred_at=when,
        attachment=ContentFile(photo, name=f"elevator-{elevator.pk}-labels.jpg"),
    )


def visits(elevator, fault, league, start, now, today, rng, gaps):
    """A visit every 14 days at a working hour (at most 14 days 7 hours apart), typed in within the hour."""
    technician = LEAGUES[league][3][elevator.pk % 2]
    certificate = f"T{league[:4]}{rng.randint(10**9, 10**10 - 1)}"
    gap_from = today - MAINTENANCE_GAP[2] * DAY if fault == MAINTENANCE_GAP[:2] else None
    when, number = at(start, rng.randint(9, 15), rng.randint(0, 59)), 0
    while when <= now:
        tier = tier_of(number)
        visit = MaintenanceVisit(
            elevator=elevator,
            occurred_at=when,
            tier=tier,
            technician=technician,
            technician_certificate=certificate,
            items=ITEMS[tier],
            problems=rng.choice(MINOR_PROBLEMS) if rng.random() < 0.06 else "",
        )
        yield visit, when + rng.randint(15, 60) * MINUTE
        number += 1
        if gap_from is not None and timezone.localtime(when).date() >= gap_from:
            # FAULT 14: 20 days without a visit.
            gaps.append((timezone.localtime(when), timezone.localtime(when + MAINTENANCE_GAP[3] * DAY)))
            when, gap_from = when + MAINTENANCE_GAP[3] * DAY, None
        else:
            when = at(timezone.localtime(when).date() + 14 * DAY, rng.randint(9, 15), rng.randint(0, 59))


def tier_of(number: int) -> str:
    """Every sixth visit a quarterly one, every twelfth half-yearly, every twenty-fourth yearly."""
    if number % 24 == 23:
        return "yearly"
    if number % 12 == 11:
        return "half_yearly"
    return "quarterly" if number % 6 == 5 else "half_monthly"


def breakdowns(elevator, fault, start, today, rng):
    """A breakdown now and then (one elevator in three); the slow rescue of fault 15."""
    rescues = []
    if rng.random() < 0.35:
        rescues.append((start + rng.randint(10, 350) * DAY, rng.randint(8, 25), rng.choice([0, 1, 1, 2, 3])))
    if fault == SLOW_RESCUE[:2]:
        rescues.append((today - SLOW_RESCUE[2] * DAY, SLOW_RESCUE[3], 2))  # FAULT 15
    for day, minutes, trapped in rescues:
        if day >= today - DAY:
            continue
        called = at(day, rng.randint(7, 21), rng.randint(0, 59))
        arrived = called + minutes * MINUTE
        released = arrived + rng.randint(3, 15) * MINUTE if trapped else None
        record = Breakdown(
            elevator=elevator,
            occurred_at=called,
            arrived_at=arrived,
            released_at=released,
            people_trapped=trapped,
            cause=rng.choice(CAUSES),
            rescuer="维保单位值班人员",
        )
        yield record, (released or arrived) + rng.randint(30, 180) * MINUTE


def label_photo() -> bytes:
    """A small picture standing for the photo of the labels: the green of an inspection mark."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (120, 80), "white")
    ImageDraw.Draw(image).rectangle((10, 10, 110, 70), outline="darkgreen", width=4, fill="honeydew")
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=70)
    return buffer.getvalue()


def fault_lines(region, gaps) -> list[str]:
    """The faults 13–15 in words, for seed_demo to print."""

    def elevator(fault):
        project = region.projects[fault[0]]
        return project.name, Elevator.objects.filter(project=project).order_by("pk")[fault[1]].name

    lapsed_on = region.today - LAPSED[2] * DAY
    (gap_from, gap_to), *_none = gaps
    rescue_on = region.today - SLOW_RESCUE[2] * DAY
    return [
        "电梯定期检验过期：{}{}的检验合格证已于{}到期，未重新检验。".format(*elevator(LAPSED), lapsed_on),
        "电梯维保超期：{}{}{}至{}共{}天无维保记录（规定不超过15天）。".format(
            *elevator(MAINTENANCE_GAP), f"{gap_from:%m-%d %H:%M}", f"{gap_to:%m-%d %H:%M}", MAINTENANCE_GAP[3]
        ),
        "电梯救援超时：{}{}{}月{}日困人，救援人员{}分钟后才到达（限30分钟）。".format(
            *elevator(SLOW_RESCUE), rescue_on.month, rescue_on.day, SLOW_RESCUE[3]
        ),
    ]
