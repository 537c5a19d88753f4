"""What a project's public page shows, added to the personas' inside project: a service centre, two fee
standards in force (one guided), a replaced one and an announced one, the posted fee notice, two published statements, a superseded one and a draft, an open
finding whose message names a staff member, and score snapshots of the project and its company."""

import datetime
from decimal import Decimal

from django.utils import timezone

from wuye.compliance.models import Finding, ScoreSnapshot
from wuye.testing import factories as f

PHONE = "0472-5234567"
FINDING_MESSAGE = "值班员{staff}（电话{phone}）未按时巡更"


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def add_disclosure(world):
    side = world.inside
    manager = world.users["manager"]
    today = timezone.localdate()
    side.centre = f.ServiceCentreFactory(project=side.project, service_phone=PHONE, address="3号楼一层东侧")
    side.market = f.FeeStandardFactory(project=side.project, property_kind="commercial", rate=Decimal("3.20"))
    side.guided = f.FeeStandardFactory(
        project=side.project,
        property_kind="residential",
        regime="guided",
        rate=Decimal("1.45"),
        base_rate=Decimal("1.40"),
        allowed_range=Decimal("10"),
        fee_items=["property_service", "elevator"],
        approval_number="包价字〔2024〕9号",
    )
    side.old_standard = f.FeeStandardFactory(
        project=side.project,
        property_kind="residential",
        rate=Decimal("1.10"),
        effective_from=datetime.date(2022, 1, 1),
        published_on=datetime.date(2021, 11, 1),
        approval_number="包价字〔2021〕3号",
    )
    side.announced = f.FeeStandardFactory(
        project=side.project,
        property_kind="residential",
        rate=Decimal("1.55"),
        effective_from=today + datetime.timedelta(days=40),
        published_on=today,
        approval_number="包价字〔2026〕2号",
    )
    side.notice = f.FeeNoticeFactory(
        project=side.project,
        published_on=today - datetime.timedelta(days=1),
        company_name=side.enterprise.name,
        service_standard="二级服务标准\n每日清扫两次",
        billing_start_date=datetime.date(2024, 1, 1),
    )
    side.statement_old = f.statement(
        manager,
        side.project,
        year=2024,
        half=2,
        lines={"4001.01": "80.00", "5001.01": "50.00"},
        publish_at=at(datetime.date(2025, 1, 20)),
    )
    side.statement_new = f.statement(
        manager,
        side.project,
        year=2025,
        half=1,
        lines={"4001.01": "123.45", "5001.01": "67.89"},
        publish_at=at(datetime.date(2025, 7, 20)),
    )
    side.draft = f.statement(manager, side.project, year=2025, half=2, lines={"4001.01": "999.99"})
    side.finding = Finding.objects.create(
        key=f"disclosure-test:{side.project.pk}",
        check_id="4.1.patrol_gap",
        clause_id="4.1",
        subject=f"project:{side.project.pk}",
        subject_name=side.project.name,
        project=side.project,
        enterprise=side.enterprise,
        division_id=side.project.division_id,
        party="B",
        severity="major",
        points=5,
        message=FINDING_MESSAGE.format(staff=side.staff.name, phone=side.staff.phone),
        period_start=at(datetime.date(2026, 3, 1)),
        first_found_at=at(datetime.date(2026, 3, 1)),
    )
    ScoreSnapshot.objects.create(
        subject=f"project:{side.project.pk}",
        project=side.project,
        on=datetime.date(2026, 5, 1),
        score=Decimal("95.00"),
        grade="A",
        points=Decimal("5"),
        open_findings=1,
    )
    ScoreSnapshot.objects.create(
        subject=f"enterprise:{side.enterprise.pk}",
        enterprise=side.enterprise,
        on=datetime.date(2026, 5, 2),
        score=Decimal("88.50"),
        grade="B",
        points=Decimal("0"),
        open_findings=0,
    )
    return world
