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
