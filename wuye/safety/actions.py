"""Use cases of the safety duties: recording rounds (which may open defects) and fixing defects."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from wuye.compliance.parameters import param
from wuye.core.evidence import append_evidence
from wuye.estates.permissions import can_record_duties
from wuye.safety.models import Defect, DefectFix, PowerRoom, PowerRound


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
    room = power_round.power_room
    deadline = power_round.occurred_at + param(
        "4.8.defect_fixed", "fix_deadline", room.project.division_id, power_round.occurred_at.date()
    )
    return Defect.objects.create(
        project_id=room.project_id,
        check_id="4.8.defect_fixed",
        source=f"{power_round._meta.label_lower}:{power_round.pk}",
        subject_name=str(room),
        description=power_round.problems.strip(),
        found_at=power_round.occurred_at,
        deadline=deadline,
    )


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
