"""Demo records of 3.4 emergency plans, drills, incidents, stoppages; 3.5 archive; 4.5 vehicles; 4.1 signs,
with faults 25 and 26.

Every project has its four required emergency plans (and a flood or snowstorm plan) approved just before
the current enterprise took over and reviewed every eleven or twelve months since; its electronic archive
of every category of 物业管理条例 Art. 29 filed at the takeover; vehicle rules issued then and re-issued
yearly; some vehicles registered to its households; two or three drills and an incident (its plan
started) in the last year; planned stoppages told to owners two or three days ahead; a photo of each
entrance's signs on its first day. The region began using the platform about three months ago, so what
claims an earlier time was uploaded then (received at the rollout); later records come in as they happen.

25. Missing plan (北梁新居): no power-outage plan ever approved, so 3.4 finds it missing since the takeover.
26. Late notice (青城华府): a water stoppage 40 days ago was told to owners only five hours before.

Records go in through ``bulk_append_evidence`` (stamped and chained like the pages' appends); a plan's
approval is its first review, as ``actions_plans.record_plan`` makes it.
"""

import datetime
import random

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from wuye.accounts.choices import Role
from wuye.accounts.models import Membership, User
from wuye.core.dates import add_months
from wuye.core.evidence import Channel, bulk_append_evidence
from wuye.enterprises.choices import PostKind
from wuye.estates.demo.build import bulk
from wuye.estates.demo.dates import shift
from wuye.estates.demo.plan import PROJECTS
from wuye.estates.demo.power import MINUTE, at, demo_now
from wuye.estates.models import Household
from wuye.safety.choices_plans import ArchiveCategory, NoticeMethod, PlanReviewKind, PlanType, ReviewVerdict
from wuye.safety.models import (
    ArchiveDocument,
    ContentReview,
    Drill,
    EmergencyPlan,
    Entrance,
    Incident,
    PlanReview,
    SignPhoto,
    StoppageNotice,
    Vehicle,
    VehicleRules,
)

ROLLOUT_MONTHS = 3  # the region began using the platform this long ago
MISSING_PLAN = ("beiliang", PlanType.POWER_OUTAGE)
LATE_NOTICE = ("qingcheng", 40, 5)  # (project, days ago, hours of notice)
REQUIRED = [PlanType.FIRE, PlanType.ELEVATOR_FAILURE, PlanType.WATER_OUTAGE, PlanType.POWER_OUTAGE]
PLAN_TITLES = {
    PlanType.FIRE: "火灾事故应急预案",
    PlanType.ELEVATOR_FAILURE: "电梯困人及故障应急预案",
    PlanType.WATER_OUTAGE: "停水应急预案",
    PlanType.POWER_OUTAGE: "停电应急预案",
    PlanType.FLOOD: "防汛及地下室进水应急预案",
    PlanType.SNOWSTORM: "暴雪寒潮应急预案",
}
ARCHIVE_TITLES = {
    ArchiveCategory.COMPLETION_SITE_PLAN: ["竣工总平面图"],
    ArchiveCategory.COMPLETION_DRAWINGS: ["建筑竣工图", "结构竣工图", "给排水及电气设备竣工图"],
    ArchiveCategory.UTILITIES_PIPE_DRAWINGS: ["室外管网竣工图", "供热管网竣工图"],
    ArchiveCategory.EQUIPMENT_RECORDS: ["二次供水设备安装及使用说明", "消防设施维护保养手册"],
    ArchiveCategory.WARRANTY_USAGE_DOCUMENTS: ["住宅质量保证书", "住宅使用说明书"],
    ArchiveCategory.OTHER_MANAGEMENT_RECORDS: ["物业用房移交清单"],
    ArchiveCategory.ACCEPTANCE_INSPECTION_RECORDS: ["承接查验记录及问题清单"],
    ArchiveCategory.OWNER_REGISTER: ["业主名册"],
}
DRILLS = [
    (PlanType.FIRE, "消防疏散及灭火器使用演练，模拟3号楼厨房起火，全楼疏散用时6分钟"),
    (PlanType.FLOOD, "地下车库防汛演练，沙袋封堵出入口、启动排水泵"),
    (PlanType.ELEVATOR_FAILURE, "电梯困人救援演练，维保单位到场后盘车放人"),
]
INCIDENTS = [
    (
        PlanType.POWER_OUTAGE,
        "市政线路故障，小区全部停电",
        "启动停电预案，电梯困人排查，开启应急照明，通知供电公司",
    ),
    (PlanType.ELEVATOR_FAILURE, "2号楼1号梯困人（2人）", "启动电梯困人预案，安抚乘客，维保单位到场救出"),
    (PlanType.WATER_OUTAGE, "供水主管爆裂，2—4号楼停水", "启动停水预案，关闭阀门，送桶装水到户，抢修恢复"),
    (PlanType.FIRE, "垃圾站起火", "启动火灾预案，微型消防站扑灭，疏散围观人员"),
]
PLATES = {"150100": "蒙A", "150200": "蒙B", "150400": "蒙D", "150600": "蒙K"}
PLATE_CHARS = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"
CARS = ["白色大众朗逸", "黑色丰田卡罗拉", "银色本田雅阁", "红色比亚迪秦", "白色哈弗H6", "灰色吉利博越"]
BIKES = ["雅迪电动车", "爱玛电动车", "新日电动车", "捷安特自行车"]


def build_plans(region, seed: int) -> None:
    rng = random.Random(f"{seed}-plans")
    now = demo_now(region.today)
    rollout = at(shift(region.today, months=-ROLLOUT_MONTHS), 9)
    files = demo_files()
    for plan in PROJECTS:
        project = region.projects[plan.key]
        user = office_account(plan.key, project, region)
        takeover = region.takeovers[plan.key]
        timeline = Timeline(rollout, now, rng)
        plans = emergency_plans(plan.key, project, takeover, timeline, files, rng)
        archive(project, takeover, timeline, files, rng)
        vehicle_rules(project, takeover, timeline, files, rng)
        drills_incidents_and_notices(plan.key, project, region.today, timeline, files, rng)
        sign_photos(project, timeline, files)
        timeline.flush(user)
        plan_reviews(plans, timeline, rng)  # a review names its plan, which has its id only now
        timeline.flush(user)
        vehicles(project, rng)
    review_home_rules(region, now)
    region.faults += fault_lines(region)


class Timeline:
    """Records and when the server received them: at the rollout what claims an earlier time, else just
    after the time claimed (never after ``now``)."""

    def __init__(self, rollout, now, rng):
        self.rollout, self.now, self.rng = rollout, now, rng
        self.records, self.received = [], []

    def add(self, record, *, done=None):
        """``done``: when what the record tells was over (an incident's end), if later than its claim."""
        done = done or record.occurred_at
        if done < self.rollout:
            received = self.rollout + len(self.records) * MINUTE
        else:
            received = done + self.rng.randint(3, 40) * MINUTE
        self.records.append(record)
        self.received.append(min(received, self.now))
        return record

    def flush(self, user):
        bulk_append_evidence(self.records, user=user, channel=Channel.WEB, now=self.received)
        self.records, self.received = [], []


def demo_files() -> dict:
    """One small file of each kind in the storage, named by every record that needs one (hashed from there)."""
    contents = {"document": PDF, "photo": PNG}
    names = {}
    for kind, content in contents.items():
        name = f"demo/{kind}.{'pdf' if kind == 'document' else 'png'}"
        names[kind] = (
            name if default_storage.exists(name) else default_storage.save(name, ContentFile(content))
        )
    return names


def office_account(key, project, region):
    """The service centre's login that uploads the project's documents (no password, like the duty phones)."""
    clerk = region.staff.get((key, PostKind.RECEPTION)) or region.staff.get((key, PostKind.PROJECT_MANAGER))
    user = User.objects.create_user(f"{key}-office", password=None, full_name=clerk.name if clerk else "")
    Membership.objects.create(user=user, role=Role.STAFF, project=project)
    return user


def yearly(first: datetime.date, today: datetime.date, rng) -> list[datetime.date]:
    """``first`` and a day every eleven months and a bit after it, before today (never a year apart, and
    never later than the moment of seeding, which may be early in the morning)."""
    days = [first]
    while (following := add_months(days[-1], 11) + datetime.timedelta(days=rng.randint(0, 20))) < today:
        days.append(following)
    return days


def emergency_plans(key, project, takeover, timeline, files, rng) -> list:
    """The required plans and one more, approved shortly before the takeover."""
    extra = PlanType.SNOWSTORM if rng.random() < 0.5 else PlanType.FLOOD
    plans = []
    for kind in [*REQUIRED, extra]:
        if (key, kind) == MISSING_PLAN:
            continue  # FAULT 25
        approved = takeover - datetime.timedelta(days=rng.randint(5, 20))
        plans.append(
            timeline.add(
                EmergencyPlan(
                    project=project,
                    plan_type=kind,
                    title=PLAN_TITLES[kind],
                    approved_by="项目经理",
                    occurred_at=at(approved, 10),
                    attachment=files["document"],
                )
            )
        )
    return plans


def plan_reviews(plans, timeline, rng):
    """Each plan's approval (its first review) and a review every eleven months and a bit since."""
    today = timezone.localdate(timeline.now)
    for plan in plans:
        approved = timezone.localdate(plan.occurred_at)
        for index, day in enumerate(yearly(approved, today, rng)):
            timeline.add(
                PlanReview(
                    plan=plan,
                    kind=PlanReviewKind.APPROVAL if index == 0 else PlanReviewKind.REVIEW,
                    reviewer="项目经理",
                    conclusion="批准施行" if index == 0 else "经复核继续有效，更新了值班联系电话",
                    occurred_at=plan.occurred_at
                    if index == 0
                    else at(day, 10) + rng.randint(0, 300) * MINUTE,
                )
            )


def archive(project, takeover, timeline, files, rng):
    for category, titles in ARCHIVE_TITLES.items():
        for title in titles:
            timeline.add(
                ArchiveDocument(
                    project=project,
                    category=category,
                    title=title,
                    document_date=takeover - datetime.timedelta(days=rng.randint(30, 400)),
                    occurred_at=at(takeover, 9) + rng.randint(0, 400) * MINUTE,
                    attachment=files["document"],
                )
            )


def vehicle_rules(project, takeover, timeline, files, rng):
    today = timezone.localdate(timeline.now)
    for index, day in enumerate(yearly(takeover - datetime.timedelta(days=3), today, rng)):
        timeline.add(
            VehicleRules(
                project=project,
                title="机动车及非机动车停放管理规定" + ("" if index == 0 else f"（{day.year}年修订）"),
                responsible="秩序维护部",
                occurred_at=at(day, 15),
                attachment=files["document"],
            )
        )


def drills_incidents_and_notices(key, project, today, timeline, files, rng):
    year_ago = today - datetime.timedelta(days=365)
    for kind, summary in DRILLS[: 2 + rng.randint(0, 1)]:
        day = year_ago + datetime.timedelta(days=rng.randint(20, 340))
        names = ["王强", "李明", "张伟", "刘洋", "陈静", "杨帆", "赵磊", "周敏"][: rng.randint(5, 8)]
        timeline.add(
            Drill(
                project=project,
                plan_type=kind,
                occurred_at=at(day, 15),
                participant_count=len(names) + rng.randint(0, 20),
                participants="、".join(names),
                summary=summary,
                attachment=files["photo"],
            )
        )
    kind, description, actions = INCIDENTS[rng.randrange(len(INCIDENTS))]
    began = at(today - datetime.timedelta(days=rng.randint(30, 300)), rng.randint(7, 21), rng.randint(0, 59))
    ended = began + rng.randint(40, 300) * MINUTE
    timeline.add(
        Incident(
            project=project,
            plan_type=kind,
            occurred_at=began,
            plan_started_at=began + rng.randint(3, 15) * MINUTE,
            ended_at=ended,
            description=description,
            actions=actions,
            attachment=files["photo"],
        ),
        done=ended,
    )
    # Within the months the platform has been in use: each notice is typed in as it is given.
    for days_ago in (rng.randint(8, 35), rng.randint(45, 85)):
        notice(
            project,
            at(today - datetime.timedelta(days=days_ago), 9),
            rng.randint(48, 72),
            timeline,
            files,
            rng,
        )
    if key == LATE_NOTICE[0]:  # FAULT 26
        starts = at(today - datetime.timedelta(days=LATE_NOTICE[1]), 9)
        notice(project, starts, LATE_NOTICE[2], timeline, files, rng, kind="water")


def notice(project, starts, hours_ahead, timeline, files, rng, kind=None):
    kind = kind or rng.choice(["water", "power"])
    timeline.add(
        StoppageNotice(
            project=project,
            kind=kind,
            planned_start=starts,
            planned_end=starts + datetime.timedelta(hours=rng.randint(3, 8)),
            occurred_at=starts - datetime.timedelta(hours=hours_ahead),
            method=rng.choice([NoticeMethod.NOTICE_BOARD, NoticeMethod.WECHAT, NoticeMethod.SMS]),
            area=rng.choice(["全小区", "1—3号楼", "5号楼、6号楼", "地下车库"]),
            reason="二次供水水箱清洗消毒" if kind == "water" else "供电公司线路检修",
            attachment=files["photo"],
        )
    )


def sign_photos(project, timeline, files):
    """A photo of each entrance's signs on its first day (the entrances of demo/patrol.py, if any)."""
    for entrance in Entrance.objects.filter(project=project, active=True):
        timeline.add(
            SignPhoto(
                entrance=entrance,
                note="限速5公里、禁止鸣笛、消防通道禁止停车、外来车辆登记",
                occurred_at=at(entrance.in_service_from, 10),
                attachment=files["photo"],
            )
        )


def vehicles(project, rng):
    prefix = PLATES.get(project.division_id[:4] + "00", "蒙B")
    homes = list(Household.objects.filter(project=project).order_by("pk"))
    rows, plates = [], set()
    for home in rng.sample(homes, max(1, len(homes) // 4)):
        plate = prefix + "".join(rng.choice(PLATE_CHARS) for _ in range(5))
        if plate in plates:
            continue
        plates.add(plate)
        rows.append(
            Vehicle(project=project, household=home, kind="motor", plate=plate, description=rng.choice(CARS))
        )
        if rng.random() < 0.3:
            rows.append(
                Vehicle(project=project, household=home, kind="non_motor", description=rng.choice(BIKES))
            )
    bulk(Vehicle, rows)


def review_home_rules(region, now):
    """The demo committee member (阳光花园) has read and accepted the current vehicle rules."""
    member = User.objects.filter(username="demo-committee").first()
    rules = VehicleRules.objects.filter(project=region.projects["yangguang"]).order_by("-occurred_at").first()
    if member is None or rules is None:
        return
    review = ContentReview(
        project_id=rules.project_id,
        vehicle_rules=rules,
        verdict=ReviewVerdict.ACCEPTED,
        note="制度明确了机动车、非机动车停放区域和秩序维护部的责任",
        occurred_at=now - datetime.timedelta(days=2),
    )
    bulk_append_evidence([review], user=member, channel=Channel.WEB, now=now - datetime.timedelta(days=2))


def fault_lines(region) -> list[str]:
    late = region.today - datetime.timedelta(days=LATE_NOTICE[1])
    return [
        f"缺少停电应急预案：{region.projects[MISSING_PLAN[0]].name}从未制定停电应急预案。",
        f"停水通知过晚：{region.projects[LATE_NOTICE[0]].name}{late.month}月{late.day}日 9时起计划停水，"
        f"只提前{LATE_NOTICE[2]}小时通知业主（应至少提前24小时）。",
    ]


PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
