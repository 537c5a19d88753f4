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
