"""Use cases of the safety duties: power rounds (which may open defects), defect fixes, and clause 4.1's
entrance roster, patrol check-ins (which make rounds), sticker rotation and camera checks."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from wuye.compliance.parameters import param
from wuye.compliance.rosters import plan_shifts, unplan_shift
from wuye.core.evidence import append_evidence, bulk_append_evidence
from wuye.estates.permissions import can_record_duties
from wuye.safety.models import (
    Camera,
    CameraCheck,
    Defect,
    DefectFix,
    DutyShift,
    Entrance,
    PatrolCheckIn,
    PatrolPoint,
    PatrolRound,
    PatrolRoute,
    PowerRoom,
    PowerRound,
)
from wuye.safety.stickers import StickerToken, check_current


def ensure_can_record(user, project_id: int) -> None:
    if not can_record_duties(user, project_id):
        raise PermissionDenied


@transaction.atomic
def record_power_round(user, power_round: PowerRound, *, channel: str, now=None) -> PowerRound:
    """Append a power round; problems it reports open a defect with the 4.8 fix deadline."""
    room: PowerRoom = power_round.power_room
    if not PowerRoom.objects.visible_to(user).filter(pk=room.pk).exists():
        raise PermissionDenied
    ensure_can_record(user, room.project_id)
    append_evidence(power_round, user=user, channel=channel, now=now)
    open_defect(power_round)
    return power_round


def open_defect(power_round: PowerRound) -> Defect | None:
    """The defect a stored round's problems open, with the 4.8 fix deadline (none if it found none)."""
    if not power_round.problems.strip():
        return None
    defect = round_defect(power_round, round_fix_deadline(power_round))
    defect.save(force_insert=True)
    return defect


def round_fix_deadline(power_round: PowerRound):
    """How long the defects a round reports may stay open (4.8 ``fix_deadline``, by division and day)."""
    return param(
        "4.8.defect_fixed",
        "fix_deadline",
        power_round.power_room.project.division_id,
        power_round.occurred_at.date(),
    )


def round_defect(power_round: PowerRound, fix_deadline) -> Defect:
    """The (unsaved) defect of a stored round that reported problems."""
    room = power_round.power_room
    return Defect(
        project_id=room.project_id,
        check_id="4.8.defect_fixed",
        source=f"{power_round._meta.label_lower}:{power_round.pk}",
        subject_name=str(room),
        description=power_round.problems.strip(),
        found_at=power_round.occurred_at,
        deadline=power_round.occurred_at + fix_deadline,
    )


@transaction.atomic
def record_power_rounds(user, rounds: list, *, channel: str, now=None) -> list:
    """Append many rounds at once (an Excel import), as ``record_power_round`` would one by one.

    The rooms must be visible to the user and their projects' duties his to record; the rounds are
    chained in one ``bulk_append_evidence`` and the defects their problems open are created together.
    """
    rooms = {power_round.power_room_id: power_round.power_room for power_round in rounds}
    visible = PowerRoom.objects.visible_to(user).filter(pk__in=rooms).values_list("pk", flat=True)
    if set(visible) != set(rooms):
        raise PermissionDenied
    for project_id in {room.project_id for room in rooms.values()}:
        ensure_can_record(user, project_id)
    appended = bulk_append_evidence(rounds, user=user, channel=channel, now=now)
    deadlines, defects = {}, []
    for power_round in appended:
        if not power_round.problems.strip():
            continue
        key = (power_round.power_room.project.division_id, power_round.occurred_at.date())
        if key not in deadlines:
            deadlines[key] = round_fix_deadline(power_round)
        defects.append(round_defect(power_round, deadlines[key]))
    if defects:
        bulk_create_with_history(defects, Defect, default_user=user)
    return appended


@transaction.atomic
def fix_defect(user, fix: DefectFix, *, channel: str, now=None) -> DefectFix:
    defect = Defect.objects.select_for_update().get(pk=fix.defect_id)
    if not Defect.objects.visible_to(user).filter(pk=defect.pk).exists():
        raise PermissionDenied
    ensure_can_record(user, defect.project_id)
    append_evidence(fix, user=user, channel=channel, now=now)
    if defect.fixed_at is None or fix.occurred_at < defect.fixed_at:
        Defect.objects.filter(pk=defect.pk).update(fixed_at=fix.occurred_at)
    return fix


# -- clause 4.1: entrances, patrols, cameras ------------------------------------------------------------


@transaction.atomic
def record_check_in(
    user,
    point: PatrolPoint,
    *,
    key_version: int,
    latitude=None,
    longitude=None,
    accuracy=None,
    channel: str,
    now=None,
) -> PatrolCheckIn:
    """A check-in at a point by its sticker, stamped with the server's time; it joins or opens a round.

    The time is the server's, always (a phone's clock is not evidence). The round is the route's
    latest incomplete one begun within ``round_window``; otherwise a new one begins here. The
    route's row is locked, so two guards scanning two points of one route at once queue.
    """
    now = now or timezone.now()
    if not PatrolPoint.objects.visible_to(user).filter(pk=point.pk).exists():
        raise PermissionDenied
    route = PatrolRoute.objects.select_for_update().select_related("project").get(pk=point.route_id)
    if not can_record_duties(user, route.project_id):
        raise PermissionDenied(
            _("您不是“%(project)s”的工作人员，不能在此签到。") % {"project": route.project.name}
        )
    point = PatrolPoint.objects.get(pk=point.pk)  # its current key version, read under the route's lock
    check_current(StickerToken(point.pk, key_version), point)
    if not (point.active and route.active):
        raise ValidationError(_("巡更点“%(point)s”已停用，不能签到。") % {"point": point.name})
    if timezone.localtime(now).date() < route.in_service_from:
        raise ValidationError(_("巡更路线“%(route)s”尚未启用。") % {"route": route.name})
    division, today = route.project.division_id, timezone.localtime(now).date()
    window = param("4.1.patrol_gap", "round_window", division, today)
    patrol_round = (
        PatrolRound.objects.select_for_update()
        .filter(route=route, completed_at__isnull=True, occurred_at__gte=now - window, occurred_at__lte=now)
        .order_by("-occurred_at")
        .first()
    )
    total = route.points.filter(active=True).count()
    if patrol_round is None:
        patrol_round = PatrolRound.objects.create(route=route, occurred_at=now, points_total=total)
    distance = point.distance_to(latitude, longitude)
    limit = param("4.1.patrol_gap", "checkin_max_distance", division, today)
    check_in = PatrolCheckIn(
        point=point,
        patrol_round=patrol_round,
        occurred_at=now,
        key_version=key_version,
        latitude=latitude,
        longitude=longitude,
        accuracy=accuracy,
        distance=None if distance is None else round(distance),
        far_from_point=distance is not None and distance > limit,
    )
    append_evidence(check_in, user=user, channel=channel, now=now)
    done = (
        PatrolCheckIn.objects.filter(patrol_round=patrol_round, point__active=True)
        .values("point")
        .distinct()
        .count()
    )
    patrol_round.points_total = max(patrol_round.points_total, total)
    patrol_round.points_done = done
    if done >= patrol_round.points_total:
        patrol_round.completed_at = now
    patrol_round.save(update_fields=["points_total", "points_done", "completed_at"])
    return check_in


@transaction.atomic
def rotate_sticker(user, point: PatrolPoint) -> PatrolPoint:
    """Void the point's printed sticker (lost, damaged, copied): its key version grows by one."""
    # Who records the project's duties (its own staff too), not who edits the register: as the pages say.
    if not PatrolPoint.objects.visible_to(user).filter(pk=point.pk).exists():
        raise PermissionDenied
    point = PatrolPoint.objects.select_for_update().select_related("route").get(pk=point.pk)
    ensure_can_record(user, point.route.project_id)
    point.key_version += 1
    point._change_reason = "rotate sticker key"
    point.save(update_fields=["key_version", "updated_at"])
    return point


@transaction.atomic
def add_shifts(
    user, entrance: Entrance, *, guard: str, starts_at, ends_at, repeat_days: int = 0, now=None
) -> list[DutyShift]:
    """Put a guard on the roster of an entrance, once or on each of the next ``repeat_days`` days."""
    if not Entrance.objects.visible_to(user).filter(pk=entrance.pk).exists():
        raise PermissionDenied
    ensure_can_record(user, entrance.project_id)
    return plan_shifts(
        user,
        lambda start, end: DutyShift(entrance=entrance, guard=guard.strip(), starts_at=start, ends_at=end),
        starts_at=starts_at,
        ends_at=ends_at,
        repeat_days=repeat_days,
        now=now or timezone.now(),
    )


@transaction.atomic
def remove_shift(user, shift: DutyShift, *, now=None) -> None:
    """Take a shift off the roster; only one that has not begun (the past stays as it was planned)."""
    now = now or timezone.now()
    if not DutyShift.objects.visible_to(user).filter(pk=shift.pk).exists():
        raise PermissionDenied
    shift = DutyShift.objects.select_related("entrance").get(pk=shift.pk)
    ensure_can_record(user, shift.entrance.project_id)
    unplan_shift(user, shift, now=now)


@transaction.atomic
def record_camera_checks(user, project, results: dict, *, channel: str, occurred_at=None, now=None) -> list:
    """One status check per camera of a project: ``results`` maps a camera to (working, note)."""
    now = now or timezone.now()
    if not can_record_duties(user, project.pk):
        raise PermissionDenied
    cameras = {camera.pk: camera for camera in Camera.objects.visible_to(user).filter(project=project)}
    checks = []
    for camera, (working, note) in results.items():
        if camera.pk not in cameras:
            raise PermissionDenied
        checks.append(
            CameraCheck(
                camera=cameras[camera.pk], working=working, note=note.strip(), occurred_at=occurred_at or now
            )
        )
    return bulk_append_evidence(checks, user=user, channel=channel, now=now)
