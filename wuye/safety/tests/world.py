"""Safety records in the two mirrored worlds of the personas: a power room, a round, the defect it found;
an entrance, a patrol route and a camera with their records (clause 4.1)."""

import datetime

from django.utils import timezone

from wuye.safety.actions import add_shifts, record_camera_checks, record_check_in, record_power_round
from wuye.safety.models import Camera, Defect, Entrance, PatrolPoint, PatrolRoute, PowerRoom, PowerRound

SUPPLIES = ["1#变压器", "2#变压器", "备用发电机"]
STATES = {"1#变压器": "running", "2#变压器": "running", "备用发电机": "standby"}


def add_power_rooms(world):
    """Give each side ``powerroom``, ``powerround`` (recorded by the operator an hour ago) and ``defect``."""
    now = timezone.now()
    for side in (world.inside, world.outside):
        side.powerroom = PowerRoom.objects.create(
            project=side.project,
            name="1号配电室",
            location="2号楼地下一层",
            supplies=SUPPLIES,
            in_service_from=timezone.localdate() - datetime.timedelta(days=30),
        )
        side.powerround = record_power_round(
            world.users["admin"],
            PowerRound(
                power_room=side.powerroom,
                occurred_at=now - datetime.timedelta(hours=1),
                inspector="王师傅",
                supply_states=STATES,
                problems="2#变压器温度偏高",
            ),
            channel="web",
            now=now - datetime.timedelta(minutes=58),
        )
        side.defect = Defect.objects.get(source=f"safety.powerround:{side.powerround.pk}")
    return world


# Where the two worlds' patrol points are: near 包头's 昆都仑区 and 呼和浩特's 赛罕区.
POINT_AT = {"包头": ("40.657400", "109.840300"), "呼市": ("40.807700", "111.710000")}


def add_patrols(world):
    """Give each side the records of clause 4.1, made through the actions by the operator (``admin``).

    ``entrance`` with ``dutyshift`` (tomorrow, so it can still be removed); ``patrolroute`` with two
    points, ``patrolpoint`` and ``patrolpoint2``; ``checkin`` at the first three hours ago, in the
    incomplete ``patrolround`` it opened; ``camera`` with ``cameracheck`` (working, an hour ago).
    """
    admin, now = world.users["admin"], timezone.now()
    began = timezone.localdate() - datetime.timedelta(days=30)
    for side in (world.inside, world.outside):
        label = side.project.name.removesuffix("花园")
        side.entrance = Entrance.objects.create(
            project=side.project, name="东门", location="东侧车行口", in_service_from=began
        )
        tomorrow = now + datetime.timedelta(days=1)
        (side.dutyshift,) = add_shifts(
            admin,
            side.entrance,
            guard="赵保安",
            starts_at=tomorrow,
            ends_at=tomorrow + datetime.timedelta(hours=8),
        )
        side.patrolroute = PatrolRoute.objects.create(
            project=side.project, name="全区夜巡", in_service_from=began
        )
        latitude, longitude = POINT_AT[label]
        side.patrolpoint = PatrolPoint.objects.create(
            route=side.patrolroute, name="1号楼北侧", order=1, latitude=latitude, longitude=longitude
        )
        side.patrolpoint2 = PatrolPoint.objects.create(route=side.patrolroute, name="地下车库", order=2)
        side.checkin = record_check_in(
            admin,
            side.patrolpoint,
            key_version=side.patrolpoint.key_version,
            latitude=latitude,
            longitude=longitude,
            accuracy=10,
            channel="web",
            now=now - datetime.timedelta(hours=3),
        )
        side.patrolround = side.checkin.patrol_round
        side.camera = Camera.objects.create(
            project=side.project, name="东门车行道", location="东门", in_service_from=began
        )
        (side.cameracheck,) = record_camera_checks(
            admin,
            side.project,
            {side.camera: (True, "")},
            channel="web",
            occurred_at=now - datetime.timedelta(hours=1),
        )
    return world


def photo(name="photo.jpg"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, b"\xff\xd8\xff\xe0 a photo", content_type="image/jpeg")


def report(name="report.pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, b"%PDF-1.4 a report", content_type="application/pdf")


def add_fire(world):
    """Give each side the registers and records of clauses 4.3 and 4.4, recorded by the operator (``admin``).

    Names carry the side (包头, 呼市), so a list shows which side's row it lists. ``fireequipment`` (an
    extinguisher point) with ``fireequipmentcheck`` (ok, an hour ago); ``firesystem`` (the alarm system)
    with ``firesystemtest``; ``firepassage`` with ``firepassagecheck`` (blocked two hours ago) and the
    ``firedefect`` it opened; ``lightningprotection`` with ``lightningtest``; ``floodprotection`` with
    ``floodcheck``. Files go to MEDIA_ROOT: set it to a temporary folder first.
    """
    from wuye.safety.actions_fire import record_fire_checks, record_passage_checks, record_test
    from wuye.safety.models import (
        FireEquipment,
        FirePassage,
        FireSystemTest,
        FloodCheck,
        FloodProtection,
        LightningProtection,
        LightningTest,
    )

    admin, now = world.users["admin"], timezone.now()
    began = timezone.localdate() - datetime.timedelta(days=30)
    hour = datetime.timedelta(hours=1)
    for side in (world.inside, world.outside):
        label = side.project.name.removesuffix("花园")
        project = side.project
        side.fireequipment = FireEquipment.objects.create(
            project=project,
            name=f"1号楼灭火器箱（{label}）",
            kind="extinguisher",
            extinguisher_type="dry_powder",
            production_date=began - datetime.timedelta(days=400),
            quantity=2,
            location="1号楼1层",
            in_service_from=began,
        )
        side.firesystem = FireEquipment.objects.create(
            project=project, name=f"火灾自动报警系统（{label}）", kind="alarm_system", in_service_from=began
        )
        (side.fireequipmentcheck,) = record_fire_checks(
            admin,
            project,
            [(side.fireequipment, {"result": "ok", "problem": ""})],
            inspector="王师傅",
            channel="web",
            occurred_at=now - hour,
        )
        side.firesystemtest = record_test(
            admin,
            FireSystemTest(
                equipment=side.firesystem,
                occurred_at=now - 3 * hour,
                tester="消防技术服务公司",
                result="passed",
                attachment=report(),
            ),
            channel="web",
        )
        side.firepassage = FirePassage.objects.create(
            project=project, name=f"东侧消防车道（{label}）", location="3号楼东侧", in_service_from=began
        )
        (side.firepassagecheck,) = record_passage_checks(
            admin,
            project,
            [(side.firepassage, {"outcome": "blocked", "note": "私家车占用", "attachment": photo()})],
            inspector="赵保安",
            channel="web",
            occurred_at=now - 2 * hour,
        )
        side.firedefect = side.firepassagecheck.defect
        side.lightningprotection = LightningProtection.objects.create(
            project=project, name=f"1号楼防雷装置（{label}）", in_service_from=began
        )
        side.lightningtest = record_test(
            admin,
            LightningTest(
                protection=side.lightningprotection,
                occurred_at=now - 4 * hour,
                tester="防雷检测中心",
                result="passed",
                attachment=report(),
            ),
            channel="web",
        )
        side.floodprotection = FloodProtection.objects.create(
            project=project, name=f"地下车库排水泵（{label}）", kind="drainage_pump", in_service_from=began
        )
        side.floodcheck = record_test(
            admin,
            FloodCheck(
                protection=side.floodprotection, occurred_at=now - 5 * hour, tester="王师傅", result="passed"
            ),
            channel="web",
        )
    return world


# Clauses 4.6 and 4.7: what a tank's test measured, within every limit but where a test says otherwise.
GOOD_WATER = {
    "colour": "5",
    "turbidity": "0.30",
    "odour_visible_matter": False,
    "ph": "7.20",
    "total_coliforms": False,
    "total_bacteria": 12,
    "residual_chlorine": "0.30",
}


def add_water(world):
    """Give each side the records of clauses 4.6 and 4.7, made through the actions by the operator.

    ``watertank`` ("<side>高区水箱", named per side so a list shows which) with ``watertest`` (ten days ago)
    and ``tankcleaning``; ``waterreport`` (an odour report an hour ago, its ``waterdefect`` open);
    ``pollutionincident`` (three hours ago) with ``pollutionreport`` (an hour later); ``sewercheck``,
    ``sewerflush``; ``septictank`` ("<side>1号化粪池") with ``septicemptying`` (on its first day).
    """
    from decimal import Decimal

    from wuye.safety.actions_water import (
        record_pollution_incident,
        record_septic_emptying,
        record_sewer_check,
        record_sewer_flush,
        record_tank_cleaning,
        record_water_quality_report,
        record_water_test,
    )
    from wuye.safety.models import (
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

    admin, now = world.users["admin"], timezone.now()
    began = timezone.localdate() - datetime.timedelta(days=60)
    for side in (world.inside, world.outside):
        label = side.project.name.removesuffix("花园")
        side.watertank = WaterTank.objects.create(
            project=side.project,
            name=f"{label}高区水箱",
            location="1号楼屋顶",
            kind="roof",
            capacity=Decimal("18.0"),
            in_service_from=began,
        )
        values = {k: Decimal(v) if isinstance(v, str) else v for k, v in GOOD_WATER.items()}
        side.watertest = record_water_test(
            admin,
            WaterTest(
                tank=side.watertank,
                occurred_at=now - datetime.timedelta(days=10),
                laboratory="包头市疾病预防控制中心",
                laboratory_cma="160512050123",
                **values,
            ),
            channel="web",
        )
        side.tankcleaning = record_tank_cleaning(
            admin,
            TankCleaning(
                tank=side.watertank,
                occurred_at=now - datetime.timedelta(days=12),
                contractor="包头市洁源水箱清洗有限公司",
                disinfectant="次氯酸钠",
            ),
            channel="web",
        )
        report = WaterQualityReport(
            project=side.project,
            tank=side.watertank,
            occurred_at=now - datetime.timedelta(hours=1),
            complaint="odour",
            description="自来水有漂白粉味",
            reporter="李女士",
            place="1号楼1单元301",
        )
        side.waterdefect = record_water_quality_report(admin, report, channel="web")
        side.waterreport = report
        side.pollutionincident = record_pollution_incident(
            admin,
            PollutionIncident(
                project=side.project,
                tank=side.watertank,
                occurred_at=now - datetime.timedelta(hours=3),
                description="水箱人孔盖被撬开，水面有漂浮物",
                measures="停止供水，通知住户",
            ),
            report=PollutionReport(
                occurred_at=now - datetime.timedelta(hours=2), authority="区卫生健康委", received_by="刘科长"
            ),
            channel="web",
        )
        side.pollutionreport = side.pollutionincident.reports.get()
        side.sewercheck = record_sewer_check(
            admin,
            SewerCheck(
                project=side.project, occurred_at=now - datetime.timedelta(days=2), inspector="赵师傅"
            ),
            channel="web",
        )
        side.sewerflush = record_sewer_flush(
            admin,
            SewerFlush(
                project=side.project,
                occurred_at=now - datetime.timedelta(days=20),
                contractor="包头市畅通管道疏通有限公司",
                extent="全部主管道及检查井",
            ),
            channel="web",
        )
        side.septictank = SepticTank.objects.create(
            project=side.project, name=f"{label}1号化粪池", location="3号楼北侧", in_service_from=began
        )
        side.septicemptying = record_septic_emptying(
            admin,
            SepticEmptying(
                septic_tank=side.septictank,
                # The day it went into service: the quarter it began in is covered (4.7.septic_emptied).
                occurred_at=timezone.make_aware(datetime.datetime.combine(began, datetime.time(10))),
                contractor="包头市环卫清掏队",
                volume=Decimal("12.0"),
            ),
            channel="web",
        )
    return world


# A photo as small as a valid JPEG gets: the label checks of clause 4.2 must carry one.
def label_photo(name="labels.jpg"):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def add_elevators(world):
    """Give each side the records of clause 4.2, made through the action by the operator (``admin``).

    ``elevator`` in the side's building (in service 30 days, registered), with ``elevatorinspection``
    (passed on its first day, valid a year), ``maintenancevisit`` (two days ago), ``breakdown`` (five
    days ago, one person trapped, help in 20 minutes) and ``elevatorlabelcheck`` (a photo, labels
    complete). Label photos are files: set ``settings.MEDIA_ROOT`` to a temporary folder first.
    """
    from wuye.safety.actions_elevators import record_elevator_evidence
    from wuye.safety.models import (
        Breakdown,
        Elevator,
        ElevatorInspection,
        ElevatorLabelCheck,
        MaintenanceVisit,
    )

    admin, now = world.users["admin"], timezone.now()
    began = timezone.localdate() - datetime.timedelta(days=30)
    first_day = timezone.make_aware(datetime.datetime.combine(began, datetime.time(10)))
    codes = {"包头": "梯11蒙B00001(25)", "呼市": "梯11蒙A00001(25)"}

    def record(obj, when):
        return record_elevator_evidence(admin, obj, channel="web", now=when + datetime.timedelta(minutes=5))

    for side in (world.inside, world.outside):
        label = side.project.name.removesuffix("花园")
        side.elevator = Elevator.objects.create(
            project=side.project,
            building=side.building,
            name="1号楼1号梯",
            registration_code=codes[label],
            maker="通力电梯有限公司",
            model_number="MonoSpace 500",
            maintenance_company="内蒙古安达电梯工程有限公司",
            maintenance_licence_number="TS3315001-2028",
            maintenance_licence_valid_until=timezone.localdate() + datetime.timedelta(days=400),
            in_service_from=began,
        )
        side.elevatorinspection = record(
            ElevatorInspection(
                elevator=side.elevator,
                occurred_at=first_day,
                inspection_body="内蒙古自治区特种设备检验研究院",
                result="pass",
                valid_until=began + datetime.timedelta(days=365),
            ),
            first_day,
        )
        visited = now - datetime.timedelta(days=2)
        side.maintenancevisit = record(
            MaintenanceVisit(
                elevator=side.elevator,
                occurred_at=visited,
                technician="李师傅",
                technician_certificate="T150203198001010011",
                items="机房、轿厢、层门半月保养",
            ),
            visited,
        )
        called = now - datetime.timedelta(days=5)
        side.breakdown = record(
            Breakdown(
                elevator=side.elevator,
                occurred_at=called,
                arrived_at=called + datetime.timedelta(minutes=20),
                released_at=called + datetime.timedelta(minutes=25),
                people_trapped=1,
                cause="层门门锁回路故障",
            ),
            called + datetime.timedelta(minutes=30),
        )
        photographed = now - datetime.timedelta(days=3)
        side.elevatorlabelcheck = record(
            ElevatorLabelCheck(elevator=side.elevator, occurred_at=photographed, attachment=label_photo()),
            photographed,
        )
    return world


# -- clauses 3.4, 3.5, 4.5 and the entrance signs of 4.1 ----------------------------------------------------

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def stored_file(name: str, content: bytes = PDF) -> str:
    """A small file kept once in the default storage under ``test-world/`` (the worlds share it: no test
    leaves a new file behind); records name it, and the evidence base hashes it from there."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    path = f"test-world/{name}"
    if not default_storage.exists(path):
        path = default_storage.save(path, ContentFile(content))
    return path


def add_plans(world):
    """Give each side the records of 3.4, 3.5, 4.5 and the sign photos, through the actions by ``admin``.

    ``emergencyplan`` (fire, approved 30 days ago) with ``planreview`` (its approval); ``drill``;
    ``incident`` (a fire 10 days ago, plan started); ``stoppagenotice`` (water, told 3 days before);
    ``archivedocument``; ``vehiclerules`` with ``contentreview`` (accepted); ``vehicle`` of the owner's
    household; ``signphoto`` of the ``entrance`` (made here when add_patrols has not made one).
    """
    from wuye.safety.actions_plans import (
        record_plan,
        record_project_evidence,
        record_sign_photo,
        review_content,
    )
    from wuye.safety.models import (
        ArchiveDocument,
        Drill,
        EmergencyPlan,
        Incident,
        SignPhoto,
        StoppageNotice,
        Vehicle,
        VehicleRules,
    )

    admin, now = world.users["admin"], timezone.now()
    day = datetime.timedelta(days=1)
    document, photo = stored_file("plan.pdf"), stored_file("photo.png", PNG)
    for side in (world.inside, world.outside):
        project = side.project
        side.emergencyplan = record_plan(
            admin,
            EmergencyPlan(
                project=project,
                plan_type="fire",
                title="火灾应急预案",
                approved_by="李经理",
                occurred_at=now - 30 * day,
                attachment=document,
            ),
            channel="web",
            now=now - 30 * day,
        )
        side.planreview = side.emergencyplan.reviews.get()
        side.drill = record_project_evidence(
            admin,
            Drill(
                project=project,
                plan_type="fire",
                occurred_at=now - 20 * day,
                participant_count=3,
                participants="张三、李四、王五",
                summary="疏散演练",
                attachment=photo,
            ),
            channel="web",
        )
        side.incident = record_project_evidence(
            admin,
            Incident(
                project=project,
                plan_type="fire",
                occurred_at=now - 10 * day,
                plan_started_at=now - 10 * day + datetime.timedelta(minutes=5),
                ended_at=now - 10 * day + datetime.timedelta(hours=1),
                description="3号楼垃圾桶起火",
                actions="扑灭，疏散",
            ),
            channel="web",
        )
        side.stoppagenotice = record_project_evidence(
            admin,
            StoppageNotice(
                project=project,
                kind="water",
                planned_start=now - day,
                planned_end=now - day + datetime.timedelta(hours=4),
                occurred_at=now - 4 * day,
                method="notice_board",
                area="1号楼",
                reason="水箱清洗",
                attachment=photo,
            ),
            channel="web",
            now=now - 4 * day,
        )
        side.archivedocument = record_project_evidence(
            admin,
            ArchiveDocument(
                project=project,
                category="completion_site_plan",
                title="竣工总平面图",
                occurred_at=now - 5 * day,
                attachment=document,
            ),
            channel="web",
        )
        side.vehiclerules = record_project_evidence(
            admin,
            VehicleRules(
                project=project,
                title="车辆管理规定",
                responsible="秩序维护部",
                occurred_at=now - 5 * day,
                attachment=document,
            ),
            channel="web",
        )
        side.contentreview = review_content(admin, side.vehiclerules, verdict="accepted", channel="web")
        side.vehicle = Vehicle(household=side.household, kind="motor", plate="蒙B12345")
        side.vehicle.full_clean()
        side.vehicle.save()
        if getattr(side, "entrance", None) is None:
            side.entrance = Entrance.objects.create(
                project=project, name="东门", in_service_from=timezone.localdate() - 30 * day
            )
        side.signphoto = record_sign_photo(
            admin,
            SignPhoto(entrance=side.entrance, note="限速5公里", occurred_at=now - 2 * day, attachment=photo),
            channel="web",
        )
    return world


PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
