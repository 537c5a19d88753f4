"""Use cases of clauses 1.2 and 3.3: the centre's roster (planned ahead, never the past) and what the
checks and pages share about it."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.compliance.duties import start_of_day
from wuye.compliance.rosters import MAX_REPEAT_DAYS, shift_starts
from wuye.estates.permissions import can_record_duties
from wuye.servicedesk.models import CentreShift, ServiceCentre


def roster_start(centre: ServiceCentre):
    """From when a centre's roster must cover every moment: 00:00 of its first day (check and pages)."""
    return start_of_day(centre.opened_on)


def ensure_can_plan(user, centre: ServiceCentre) -> None:
    """The roster is planned by those who record the project's duties: its staff and the serving managers."""
    if not ServiceCentre.objects.visible_to(user).filter(pk=centre.pk).exists():
        raise PermissionDenied
    if not can_record_duties(user, centre.project_id):
        raise PermissionDenied


@transaction.atomic
def add_centre_shifts(
    user, centre: ServiceCentre, *, attendant: str, starts_at, ends_at, repeat_days: int = 0, now=None
) -> list[CentreShift]:
    """Put someone on the centre's roster, once or on each of the next ``repeat_days`` days.

    A shift that has already ended cannot be added: the roster is a plan, and the past is what
    3.3.duty_roster compares it with (adding it later would erase a finding).
    """
    now = now or timezone.now()
    ensure_can_plan(user, centre)
    if not 0 <= repeat_days <= MAX_REPEAT_DAYS:
        raise ValidationError({"repeat_days": _("重复天数应在0到%(max)s之间。") % {"max": MAX_REPEAT_DAYS}})
    if ends_at <= now:
        raise ValidationError({"ends_at": _("不能补登已经结束的班次：排班表只能安排当前和以后的班次。")})
    shifts = []
    for start, end in shift_starts(starts_at, ends_at, repeat_days):
        shift = CentreShift(centre=centre, attendant=attendant.strip(), starts_at=start, ends_at=end)
        shift.full_clean()
        shift._history_user = user
        shift.save()
        shifts.append(shift)
    return shifts


@transaction.atomic
def remove_centre_shift(user, shift: CentreShift, *, now=None) -> None:
    """Take a shift off the roster; only one that has not begun (the past stays as it was planned)."""
    now = now or timezone.now()
    if not CentreShift.objects.visible_to(user).filter(pk=shift.pk).exists():
        raise PermissionDenied
    shift = CentreShift.objects.select_for_update().select_related("centre").get(pk=shift.pk)
    ensure_can_plan(user, shift.centre)
    if shift.starts_at <= now:
        raise ValidationError(_("已经开始的班次不能删除。"))
    shift._history_user = user
    shift.delete()
